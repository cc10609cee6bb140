"""The app's own browser files (static/): read once by the components that inline them.

JavaScript and CSS live there as files, so they are linted and reviewed as code, never
assembled in Python strings.
"""

from __future__ import annotations

import hashlib
import re

from geo.paths import STATIC_DIR

MODULE_PREFIX = "kcm/"
"""The app's ES modules import each other as "kcm/<file name>": an import map names each one's URL."""
MODULE_IMPORT = re.compile(r'(?:\bfrom|^import)\s+"' + MODULE_PREFIX + r'([\w.-]+\.js)"', re.MULTILINE)


def static_text(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def module_loader(name: str) -> str:
    """A component's JavaScript as a two-line loader of static/<name>.

    Streamlit sends a component's inline code with every rerun; the loader is 200 bytes, and the
    browser fetches the module once and keeps it.
    """
    url = static_url(name)  # made absolute in the browser: the loader itself runs from a blob: URL
    return (
        "export default function (component) {\n"
        f'  import(new URL("{url}", window.location.href).href).then((module) => module.default(component));\n'
        "}\n"
    )


def static_url(name: str) -> str:
    """Served by Streamlit's static serving; the content hash makes browsers refetch on change."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
    return f"/app/static/{name}?v={digest}"


def module_graph(entry: str) -> list[str]:
    """The ES module static/<entry> and every module it imports, directly or not: the entry first."""
    found = [entry]
    for name in found:  # the list grows as it is read: each module found is read in turn
        found += [imported for imported in MODULE_IMPORT.findall(static_text(name)) if imported not in found]
    return found


def module_urls(entry: str) -> dict[str, str]:
    """An import map's imports for the module and all it imports, each served with its content hash: a
    module is refetched when it changes, whichever module imports it."""
    return {MODULE_PREFIX + name: static_url(name) for name in module_graph(entry)}
