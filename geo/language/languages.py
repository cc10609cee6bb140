"""The languages of the interface, and which one a reader gets when the link does not say."""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """A language of the interface, by its ISO 639-1 code (the value a link carries as `lang=`)."""

    EN = "en"
    UK = "uk"
    RU = "ru"

    @property
    def native_name(self) -> str:
        """The language's name in itself, as a switch offers it (a reader finds their own language by it)."""
        return NATIVE_NAMES[self]

    @property
    def babel_locale(self) -> str:
        """The CLDR locale whose names and numbers the language uses. English takes CLDR's plain "en", whose
        months are "Sep" wherever a chart or a date names them (British English says "Sept"); its dates are still
        written day first (geo.language.words.ENGLISH_DATES)."""
        return self.value


NATIVE_NAMES = {Language.EN: "English", Language.UK: "Українська", Language.RU: "Русский"}
DEFAULT = Language.EN


def preferred(locale: str | None) -> Language:
    """The language for a browser's locale ("uk-UA", "ru", "en-US"): its primary tag if we have it, else English.
    Belarusian and Kazakh readers are given Russian only if they ask for it by the link, not guessed."""
    primary = (locale or "").replace("_", "-").split("-", 1)[0].strip().lower()
    try:
        return Language(primary)
    except ValueError:
        return DEFAULT
