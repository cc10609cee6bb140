"""The app's own browser files (static/): read once by the components that inline them.

JavaScript and CSS live there as files, so they are linted and reviewed as code, never
assembled in Python strings.
"""

from __future__ import annotations

import hashlib

from geo.paths import STATIC_DIR


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
