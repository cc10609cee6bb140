"""Every member of every scale the page names has a name in each language, and no two members share one."""

from __future__ import annotations

import typing
from collections.abc import Callable

import pytest

from geo.language.languages import Language
from geo.language.scales import (
    category_name,
    confidence_name,
    precision_name,
    side_name,
    source_kind_name,
    status_name,
)
from geo.language.words import words_for
from geo.model.confidence import ConfidenceLevel, Status
from geo.model.records import Affiliation, Category, Precision, SourceKind

SCALES: list[tuple[list[typing.Any], Callable[..., str]]] = [
    (list(Affiliation), side_name),
    (list(Category), category_name),
    (list(SourceKind), source_kind_name),
    (list(ConfidenceLevel), confidence_name),
    (list(Status), status_name),
    (list(typing.get_args(Precision)), precision_name),
]


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize(("members", "name_of"), SCALES, ids=[name.__name__ for _, name in SCALES])
def test_each_member_has_its_own_name_in_each_language(
    language: Language, members: list[typing.Any], name_of: Callable[..., str]
) -> None:
    words = words_for(language)
    names = [name_of(member, words) for member in members]
    assert all(name.strip() for name in names)
    assert len(set(names)) == len(names), names
    if language is not Language.EN:  # translated: Cyrillic, not the English name left in place
        assert all(any("а" <= letter.lower() <= "я" or letter in "іїєґ" for letter in name) for name in names), names
