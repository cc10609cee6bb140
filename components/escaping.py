"""Every string from data passes through here before it reaches HTML, Markdown or a script.

The map frame shares the app's origin, so one unescaped claim could script the whole page.
HTML is built by markupsafe here or by autoescaping templates (components/templates), the
browser builds the map's DOM with textContent, and Markdown text is escaped here too. The
routes that render what they are given are each given text from one function here:

- st.markdown, st.caption, st.error and the like, widget labels and `help=` tooltips: markdown_text;
- st.table, whose cells, index and headers are Markdown: markdown_table;
- Leaflet's layer control, which writes layer names with innerHTML: html_text;
- a <script> element: Jinja's tojson filter (components.map.frame); a link: safe_url or link_html.

tests/test_escaping.py finds every such call in components/ and page.py and fails on one that is not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

import pandas as pd
from markupsafe import Markup, escape

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")  # & too: "&lt;" stays those four characters
_AUTOLINK_TRIGGERS = re.compile(r"@|:(?=//)|www(?=\.)", re.IGNORECASE)  # where Streamlit would start a link
_LINE_ENDINGS = re.compile(r"\r\n?|\n")  # Markdown's three: a text on one line cannot start a heading or a block
WORD_JOINER = "\u2060"


def markdown_text(value: object) -> str:
    """Text for st.markdown: every Markdown and HTML special is backslash-escaped.

    Streamlit already refuses raw HTML, but Markdown itself could still draw an image
    from another host or a fake link; escaping keeps data as plain words. Streamlit also turns
    bare addresses into links (www., http://, e-mail, whatever the escaping): an invisible word
    joiner inside each keeps them words, so a link on the page is only one the app made.
    """
    text = _AUTOLINK_TRIGGERS.sub(lambda found: found.group(0) + WORD_JOINER, str(value))
    return _LINE_ENDINGS.sub(" ", _MARKDOWN_SPECIALS.sub(r"\\\1", text))


def safe_url(value: str) -> str | None:
    """The URL if it is http(s) with a host, else None: no javascript:, data: or relative links."""
    parts = urlsplit(value.strip())
    if parts.scheme in {"http", "https"} and parts.netloc:
        return value.strip()
    return None


def link_html(url: str, text: str) -> Markup:
    """An <a> opening in a new tab, or just the escaped text when the URL is not http(s)."""
    checked = safe_url(url)
    if checked is None:
        return escape(text)
    return Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>').format(checked, text)


def html_text(value: object) -> str:
    """Text for an API that writes what it is given with innerHTML (Leaflet's layer control names its
    layers so): every character that could start markup is an entity, so the name shows as written."""
    return str(escape(str(value)))


def markdown_table(rows: Sequence[Mapping[str, object]], index: str) -> pd.DataFrame:
    """A frame for st.table, every cell, index entry and heading escaped as markdown_text: st.table renders
    them all as Markdown, where an analyst's text could load a remote image or disguise the change shown."""
    escaped = [
        {markdown_text(name): markdown_text("" if value is None else value) for name, value in row.items()}
        for row in rows
    ]
    frame = pd.DataFrame(escaped, columns=None if escaped else [markdown_text(index)])
    return frame.set_index(markdown_text(index))
