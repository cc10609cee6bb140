"""Where the project's own folders are, named once so that a module may move without losing them."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"  # the bundled dataset
SOURCES_DIR = PROJECT_ROOT / "sources"  # hand-kept inputs to data/
STATE_DIR = PROJECT_ROOT / "state"  # the embedded store and what the app keeps between runs
STATIC_DIR = PROJECT_ROOT / "static"  # the browser's files
DOCS_DIR = PROJECT_ROOT / "docs"
