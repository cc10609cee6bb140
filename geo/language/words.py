"""The interface's words in one language: translated sentences, plural forms, dates and numbers.

Messages are written in English in the code and looked up in the language's catalogue; a message's values are
named ("{count} claims shown") so that a translation may put them in its own order. A message without its
translation reads in English, never as an empty string.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from dataclasses import dataclass
from functools import cache
from typing import Literal

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from geo.language.languages import DEFAULT, Language
from geo.paths import PROJECT_ROOT

CATALOGUES = PROJECT_ROOT / "geo" / "language" / "catalogues"
DOMAIN = "messages"
DateForm = Literal["short", "medium", "long"]
# English dates are written day first ("31 Jan 2025", as the reports the map shows write them) with the months'
# common abbreviations: CLDR's British English writes "Sept", which no export or card of ours ever has.
ENGLISH_DATES: dict[DateForm, str] = {"short": "dd/MM/y", "medium": "d MMM y", "long": "d MMMM y"}


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "translate later", which the extractor knows
    """Mark a message kept in a constant: extracted into the catalogues, translated where it is shown."""
    return message


@dataclass(frozen=True)
class Words:
    """What a reader of one language reads: built once per language (`words_for`) and shared."""

    language: Language
    translations: gettext.NullTranslations

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.language.babel_locale)

    def gettext(self, message: str, /, **values: object) -> str:
        """A sentence in this language, its named values filled in. An empty message stays empty (gettext
        would answer it with the catalogue's header)."""
        text = self.translations.gettext(message) if message else message
        return text.format(**values) if values else text

    def pgettext(self, context: str, message: str, /, **values: object) -> str:
        """As `gettext`, for a short message whose meaning depends on where it stands ("High" a grade, not a
        height): the context tells a translator which."""
        text = self.translations.pgettext(context, message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """A sentence about `count` things in the plural form the language wants for it ("1 claim", "2 claims";
        Ukrainian and Russian have three forms). `{count}` is the number, written the language's way."""
        text = self.translations.ngettext(singular, plural, count)
        return text.format(count=self.number(count), **values)

    def number(self, value: float, decimals: int | None = None) -> str:
        """A number with the language's digit grouping and decimal sign (10,000.5 / 10 000,5); with `decimals`,
        always that many (a distance of 20 km reads "20.0 km" beside "14.2 km")."""
        if decimals is None:
            return format_decimal(value, locale=self.locale)
        pattern = "#,##0." + "0" * decimals if decimals > 0 else "#,##0"
        return format_decimal(value, format=pattern, locale=self.locale, decimal_quantization=True)

    def date(self, day: dt.date, form: DateForm = "medium") -> str:
        """A date the language's way: medium "31 Jan 2025" / "31 січ. 2025 р.", long "31 January 2025"."""
        if self.language is DEFAULT:
            return format_date(day, format=ENGLISH_DATES[form], locale=self.locale)
        return format_date(day, format=form, locale=self.locale)


def read_catalogue(language: Language) -> gettext.NullTranslations:
    """The language's translations, compiled from its .po file in memory (no compiled files to keep in step).
    English needs none: its messages are the code's own."""
    path = CATALOGUES / language.value / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language is DEFAULT:
        return gettext.NullTranslations()
    with path.open("rb") as source:
        catalogue = read_po(source, locale=language.value, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)  # fuzzy entries are left out: a guessed translation reads as English instead
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def words_for(language: Language) -> Words:
    return Words(language, read_catalogue(language))


ENGLISH = words_for(DEFAULT)
