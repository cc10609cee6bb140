"""A stored record's fields and values as a reviewer reads them in a table of changes or of a conflict: each field
by the name its form gives it, in the reader's language, and each value as text ("uk: …; ru: …"), never
Python's own rendering of a dict or a list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.language.words import Words
from geo.model.validation_words import CLAIM_FIELDS, PLACE_FIELDS, SOURCE_FIELDS, field_phrase
from geo.store.registry import POSITION

FIELDS_OF = {"claim": CLAIM_FIELDS, "source": SOURCE_FIELDS, "place": {**PLACE_FIELDS, POSITION: POSITION}}


def field_title(kind: str, name: str, words: Words) -> str:
    """A top-level field of a claim, source or place as its form names it ("statement_language" → "Language of
    the statement"); a field no form names, by its own words."""
    phrase = field_phrase((name,), FIELDS_OF[kind])
    return phrase if isinstance(phrase, str) else phrase.said_in(words)


def cell_text(value: Any, words: Words) -> str:
    """A value in one line: nothing for a field that is not there, a flag as "yes" or "no" in the reader's words
    (never Python's "True"), a mapping as "key: value" pairs and a list as its items, each nested value the same
    way."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return words.gettext("yes") if value else words.gettext("no")
    if isinstance(value, Mapping):
        return ", ".join(f"{key}: {cell_text(item, words)}" for key, item in value.items() if item is not None)
    if isinstance(value, list | tuple):
        return "; ".join(cell_text(item, words) for item in value)
    return str(value)
