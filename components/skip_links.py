"""Skip links: from the top of the page a keyboard reaches the panel's date, filters and claims in a few presses.

The map comes first on the page, left of the panel, and its controls and credits are a dozen tab stops; the
panel's time switches and their help a dozen more. The links are the first of the page's own tab stops, drawn
only while one has the focus (static/app.css), and each goes to an anchor drawn where its part of the panel
begins: Tab then goes on from there.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

from components.escaping import html_text
from geo.language.words import N_, Words

Target = Literal["date", "filters", "claims"]
TARGETS: dict[Target, str] = {
    "date": N_("Skip to the date"),
    "filters": N_("Skip to the filters"),
    "claims": N_("Skip to the claims"),
}


def skip_links(words: Words) -> None:
    """The links, in the panel's order."""
    names = {target: html_text(words.gettext(label)) for target, label in TARGETS.items()}
    links = "".join(f'<a class="kcm-skip-link" href="#kcm-{target}">{name}</a>' for target, name in names.items())
    nav_name = html_text(words.gettext("Skip links"))
    st.html(f'<nav class="kcm-skip" aria-label="{nav_name}">{links}</nav>')


def anchor(target: Target) -> None:
    """Where a skip link lands: an empty mark that takes the focus, so that Tab goes on from it."""
    st.html(f'<span class="kcm-anchor" id="kcm-{target}" tabindex="-1"></span>')
