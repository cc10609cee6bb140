"""The language switch: the interface in English, Ukrainian or Russian, chosen on the page and kept in the link.

A link without `lang=` gets the browser's language (st.context.locale); choosing one on the page writes it into
the link, so a shared link opens in the language it was shared in.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import session_keys
from geo.language.languages import Language, preferred
from geo.language.words import Words, words_for
from geo.publishing import links


def chosen_words(view: links.View) -> Words:
    """The reader's words: the link's language, else the browser's, else English."""
    return words_for(view.language or preferred(st.context.locale))


def with_chosen_language(link: links.ParsedView) -> links.ParsedView:
    """The link as this run reads it: with the language chosen on the switch in this session, whatever the
    address the run was sent with says (it may predate the choice: CHOSEN_LANGUAGE)."""
    chosen = st.session_state.get(session_keys.CHOSEN_LANGUAGE)
    if chosen is None or link.view.language == chosen:
        return link
    return replace(link, view=replace(link.view, language=Language(chosen)))


def take_language() -> None:
    """The switch moved: this session and the link carry the new language from this run on. Pressing the chosen
    language again leaves it chosen (a segmented control would otherwise choose none)."""
    chosen = st.session_state[session_keys.LANGUAGE]
    if chosen:
        st.session_state[session_keys.CHOSEN_LANGUAGE] = chosen
        st.query_params["lang"] = chosen


def language_switch(words: Words) -> None:
    """A compact switch naming each language in itself, so a reader finds theirs whatever is shown now (the page's
    own `lang` follows the map's view: static/sidecar.js)."""
    st.session_state[session_keys.LANGUAGE] = words.language.value
    st.segmented_control(
        words.gettext("Language"),
        options=[language.value for language in Language],
        format_func=lambda code: Language(code).native_name,
        key=session_keys.LANGUAGE,
        on_change=take_language,
        label_visibility="collapsed",
        width="content",
    )
