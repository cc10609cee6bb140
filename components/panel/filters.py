"""The panel's filters: side, category, confidence, status and text, kept in the widgets' state and in the link."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

import streamlit as st

from components import session_keys
from geo.language.scales import category_name, confidence_name, side_name, status_name
from geo.language.words import Words
from geo.model.confidence import ConfidenceLevel, Status
from geo.model.records import Affiliation, Category
from geo.selection.filters import ClaimFilter

FILTER_CHOICES = (
    session_keys.FILTER_SIDES,
    session_keys.FILTER_CATEGORIES,
    session_keys.FILTER_CONFIDENCE,
    session_keys.FILTER_STATUSES,
)  # in the order claim_filter_of takes them


ANY_CONFIDENCE = "Any"
Choice = TypeVar("Choice", bound=StrEnum)


def restore_filter(claim_filter: ClaimFilter) -> None:
    """Put a link's filters into the widgets' state (before the widgets are drawn)."""
    st.session_state[session_keys.FILTER_SIDES] = sorted(claim_filter.sides, key=list(Affiliation).index)
    st.session_state[session_keys.FILTER_CATEGORIES] = sorted(claim_filter.categories, key=list(Category).index)
    st.session_state[session_keys.FILTER_CONFIDENCE] = (
        claim_filter.min_confidence.value if claim_filter.min_confidence else ANY_CONFIDENCE
    )
    st.session_state[session_keys.FILTER_STATUSES] = sorted(claim_filter.statuses, key=list(Status).index)
    st.session_state[session_keys.FILTER_TEXT] = claim_filter.text


def confidence_option(option: str, words: Words) -> str:
    """A choice of the minimum-confidence control by name; its value stays "Any" or the level's."""
    return (
        words.pgettext("confidence", "Any")
        if option == ANY_CONFIDENCE
        else confidence_name(ConfidenceLevel(option), words)
    )


def filter_controls(words: Words) -> ClaimFilter:
    """The filter widgets, folded away unless a filter is on; each option is named in the reader's language while
    its value stays the scale's own."""
    current = (
        st.session_state.get(session_keys.FILTER_TEXT)
        or any(
            st.session_state.get(key)
            for key in (session_keys.FILTER_SIDES, session_keys.FILTER_CATEGORIES, session_keys.FILTER_STATUSES)
        )
        or (st.session_state.get(session_keys.FILTER_CONFIDENCE, ANY_CONFIDENCE) != ANY_CONFIDENCE)
    )
    with st.expander(words.gettext("Filters"), expanded=bool(current), icon=":material/filter_list:"):
        text = st.text_input(
            words.gettext("Search"),
            key=session_keys.FILTER_TEXT,
            placeholder=words.gettext("e.g. Sudzha, Суджа, NIS, Gerasimov"),
        )
        sides = st.multiselect(
            words.gettext("Claimant side"),
            list(Affiliation),
            key=session_keys.FILTER_SIDES,
            format_func=lambda side: side_name(side, words),
            placeholder=words.gettext("Any side"),
        )
        categories = st.multiselect(
            words.gettext("Category"),
            list(Category),
            key=session_keys.FILTER_CATEGORIES,
            format_func=lambda category: category_name(category, words),
            placeholder=words.gettext("Any category"),
        )
        minimum = st.segmented_control(
            words.gettext("Minimum confidence"),
            [ANY_CONFIDENCE, *(level.value for level in reversed(list(ConfidenceLevel)))],
            key=session_keys.FILTER_CONFIDENCE,
            format_func=lambda option: confidence_option(option, words),
        )
        statuses = st.multiselect(
            words.gettext("Status"),
            list(Status),
            key=session_keys.FILTER_STATUSES,
            format_func=lambda status: status_name(status, words),
            placeholder=words.gettext("Any status"),
        )
    return claim_filter_of(sides, categories, minimum, statuses, text)


def claim_filter_of(sides: object, categories: object, minimum: object, statuses: object, text: object) -> ClaimFilter:
    """The filter the widgets' values describe."""
    return ClaimFilter(
        chosen(sides, Affiliation),
        chosen(categories, Category),
        ConfidenceLevel(minimum) if isinstance(minimum, str) and minimum and minimum != ANY_CONFIDENCE else None,
        chosen(statuses, Status),
        str(text or ""),
    )


def chosen(values: object, scale: type[Choice]) -> frozenset[Choice]:
    """A multiselect's choices as members of their scale (None before the widget is first drawn)."""
    if not values:
        return frozenset()
    if not isinstance(values, list | tuple | set | frozenset):
        raise TypeError(f"a multiselect holds a list, not {values!r}")
    return frozenset(scale(value) for value in values)


def filter_in_state() -> ClaimFilter:
    """The filter the widgets hold, read before they are drawn (so the map can be told first)."""
    sides, categories, minimum, statuses = (st.session_state.get(key) for key in FILTER_CHOICES)
    return claim_filter_of(sides, categories, minimum, statuses, st.session_state.get(session_keys.FILTER_TEXT))
