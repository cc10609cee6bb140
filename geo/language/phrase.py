"""A sentence kept for later: its message and named values, written in a reader's language where it is shown.

The grading rule decides why a claim has its grade long before anyone reads it, and one grade is read in
English in an export and in Ukrainian on a card. So a reason is kept as its English message with named values,
and `said_in(words)` writes it in the reader's language. A value that is itself words (a kind of statement, a
credibility) is a `Phrase` too, and a list of them is `Joined`: each language then writes the whole sentence its
own way, never an English word list inside a translated sentence.

A refusal (the model's, the store's, the roles') keeps its sentence the same way: the error's text is its English,
as the logs and the command line have always read it, and its `phrase` is written in the reader's language where
the page shows it (`said(error, words)`); a validator raises `PhraseError` for the same.

`Phrase.gettext("…")`, `Phrase.ngettext("…", "…", n)` and `Phrase.pgettext("context", "…")` are found by the
catalogues' extractor as `words.gettext` is: the message must be a literal. A message kept in a constant is marked
with `N_` where it is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TypeAlias, Union

from geo.language.words import ENGLISH, Words

Value: TypeAlias = Union[str, int, float, dt.date, "Phrase", "Joined", "Name"]
"""What a phrase names: a name as it is (a claim id, a grade's letter), a name with its forms in other languages (a
source's), a number or a date (written the language's way: 1,234 / 1 234, the long date), or words of its own."""


@dataclass(frozen=True, order=True)
class Name:
    """A proper name with the forms the data gives it in other languages ("Institute for the Study of War",
    uk "Інститут вивчення війни"): written in the reader's form where there is one, else as in English. Never
    translated by the catalogues; ordered by its English form, so a list of names sorts the same in every language."""

    english: str
    others: tuple[tuple[str, str], ...] = ()  # (language code, the name in it)

    def said_in(self, words: Words) -> str:
        return dict(self.others).get(words.language.value, self.english)

    def __str__(self) -> str:
        return self.english


@dataclass(frozen=True)
class Phrase:
    """A message with named values, not yet in any language."""

    message: str
    values: tuple[tuple[str, Value], ...] = ()
    plural: str = ""  # the plural message, when the phrase counts something
    count: int = 0
    context: str = ""  # what a short message means here ("grade"), as pgettext's context
    capital: bool = False  # said on its own, not after a field's name: its first letter a capital in any language

    @classmethod
    def gettext(cls, message: str, /, **values: Value) -> Phrase:
        return cls(message, tuple(values.items()))

    @classmethod
    def ngettext(cls, singular: str, plural: str, count: int, /, **values: Value) -> Phrase:
        """A phrase about `count` things, in the plural form each language wants for it; `{count}` names it."""
        return cls(singular, tuple(values.items()), plural, count)

    @classmethod
    def pgettext(cls, context: str, message: str, /, **values: Value) -> Phrase:
        return cls(message, tuple(values.items()), context=context)

    def as_sentence(self) -> Phrase:
        """The phrase said on its own ("A claim cannot…"), where it would otherwise follow a field's name."""
        return replace(self, capital=True)

    def said_in(self, words: Words) -> str:
        """The sentence in the reader's language, every value that is words written in it too."""
        if not self.message:
            return ""  # gettext's empty message is the catalogue's header, never a sentence
        filled = {key: written(value, words) for key, value in self.values}
        if self.plural:
            said = words.ngettext(self.message, self.plural, self.count, **filled)
        elif self.context:
            said = words.pgettext(self.context, self.message, **filled)
        else:
            said = words.gettext(self.message, **filled)
        return said[:1].upper() + said[1:] if self.capital else said

    @property
    def english(self) -> str:
        """The sentence as the exports, the feed and the records write it."""
        return self.said_in(ENGLISH)

    def __str__(self) -> str:
        return self.english


@dataclass(frozen=True)
class Joined:
    """Several values written one after the other ("A, graded B; C, graded A"), each in the reader's language."""

    items: tuple[Value, ...]
    separator: str | Phrase = "; "

    @classmethod
    def of(cls, items: Iterable[Value], separator: str | Phrase = "; ") -> Joined:
        return cls(tuple(items), separator)

    def said_in(self, words: Words) -> str:
        return written(self.separator, words).join(written(item, words) for item in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def written(value: Value, words: Words) -> str:
    """A value in the reader's language: words translated, a date written the language's way, a name as it is."""
    if isinstance(value, Phrase | Joined | Name):
        return value.said_in(words)
    if isinstance(value, dt.date):
        return words.date(value, "long")
    if isinstance(value, int | float):
        return words.number(value)
    return value


class PhraseError(ValueError):
    """A record's validator refusing it with a phrase: pydantic and the logs read its English, a form its phrase
    in the reader's language (geo.model.validation_words)."""

    def __init__(self, phrase: Phrase) -> None:
        self.phrase = phrase
        super().__init__(phrase.english)


def said(error: BaseException, words: Words) -> str:
    """What went wrong, in the reader's language: an error that keeps its sentence as a `phrase` is written in it,
    any other by its own text."""
    phrase = getattr(error, "phrase", None)
    return phrase.said_in(words) if isinstance(phrase, Phrase | Joined) else str(error)
