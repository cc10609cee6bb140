"""Every string from data passes through here before it reaches HTML, Markdown or a script.

The map frame shares the app's origin, so one unescaped claim could script the whole page.
HTML is built by markupsafe here or by autoescaping templates (components/templates), the
browser builds the map's DOM with textContent, and Markdown text is escaped here too.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_AUTOLINK_TRIGGERS = re.compile(r"@|:(?=//)|\bwww(?=\.)", re.IGNORECASE)  # where Streamlit would start a link
WORD_JOINER = "\u2060"


def markdown_text(value: object) -> str:
    """Text for st.markdown: every Markdown and HTML special is backslash-escaped.

    Streamlit already refuses raw HTML, but Markdown itself could still draw an image
    from another host or a fake link; escaping keeps data as plain words. Streamlit also turns
    bare addresses into links (www., http://, e-mail, whatever the escaping): an invisible word
    joiner inside each keeps them words, so a link on the page is only one the app made.
    """
    text = _AUTOLINK_TRIGGERS.sub(lambda found: found.group(0) + WORD_JOINER, str(value))
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text).replace("\n", " ")


def safe_url(value: str) -> str | None:
    """The URL if it is http(s) with a host, else None: no javascript:, data: or relative links."""
    parts = urlsplit(value.strip())
    if parts.scheme in {"http", "https"} and parts.netloc:
        return value.strip()
    return None


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: '<', '>' and '&' cannot close it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def link_html(url: str, text: str) -> Markup:
    """An <a> opening in a new tab, or just the escaped text when the URL is not http(s)."""
    checked = safe_url(url)
    if checked is None:
        return escape(text)
    return Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>').format(checked, text)
