"""Keeping the catalogues in step with the code: every message the code and the map's scripts mark is
extracted into the template (catalogues/messages.pot) and merged into each language's .po file, where a
translator fills it in. `tests/test_catalogues.py` fails while a marked message has no translation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from geo.language.languages import DEFAULT, Language
from geo.language.words import CATALOGUES, DOMAIN
from geo.paths import PROJECT_ROOT, STATIC_DIR

TEMPLATE = CATALOGUES / f"{DOMAIN}.pot"
Keywords = dict[str, tuple[tuple[int, str], int] | tuple[int, int] | None]
PYTHON_KEYWORDS: Keywords = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
# The map's scripts translate with `t("…")` and `tn("…", "…", n)` (static/map_words.js).
SCRIPT_KEYWORDS: Keywords = {"t": None, "tn": (1, 2)}
TRANSLATOR_NOTES = ["TRANSLATORS:"]
PROJECT = "Kursk claims map"
# A fixed date in the headers, so that re-extracting unchanged code leaves the files unchanged.
HEADER_DATE = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)


def python_sources() -> Iterator[Path]:
    yield PROJECT_ROOT / "page.py"
    for folder in ("components", "geo", "web"):
        yield from sorted((PROJECT_ROOT / folder).rglob("*.py"))


def script_sources() -> Iterator[Path]:
    yield from sorted(STATIC_DIR.glob("*.js"))  # vendored libraries live in static/vendor and carry no messages


def extracted() -> Catalog:
    """Every marked message in the code and the scripts, with where it stands (for a translator's context)."""
    template = new_catalogue(None)
    sources: list[tuple[Path, str, Keywords]] = [(path, "python", PYTHON_KEYWORDS) for path in python_sources()]
    sources += [(path, "javascript", SCRIPT_KEYWORDS) for path in script_sources()]
    for path, method, keywords in sources:
        found = extract_from_file(method, path, keywords=keywords, comment_tags=TRANSLATOR_NOTES)
        for line, message, comments, context in found:
            where = (path.relative_to(PROJECT_ROOT).as_posix(), line)
            template.add(message, locations=[where], auto_comments=comments, context=context)
    return template


def new_catalogue(language: Language | None) -> Catalog:
    """An empty catalogue whose header is final (not fuzzy): its plural rule is the language's own, and a fuzzy
    header would be left out of the compiled catalogue with that rule."""
    named = f"{language.native_name} ({language.value})" if language else "every language"
    return Catalog(
        locale=language.value if language else None,
        domain=DOMAIN,
        project=PROJECT,
        version="1",
        msgid_bugs_address="",
        last_translator="the map's team",
        language_team="the map's team",
        header_comment=f"# The {PROJECT}'s interface: {named}.",
        creation_date=HEADER_DATE,
        revision_date=HEADER_DATE,
        fuzzy=False,
    )


def read(path: Path, language: Language | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=language.value if language else None, domain=DOMAIN)


def write(path: Path, catalogue: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(target, catalogue, width=120, sort_output=True, ignore_obsolete=True, include_lineno=False)


def translated_languages() -> list[Language]:
    return [language for language in Language if language is not DEFAULT]


def catalogue_file(language: Language) -> Path:
    return CATALOGUES / language.value / "LC_MESSAGES" / f"{DOMAIN}.po"


def update() -> dict[Language, int]:
    """Write the template, merge it into each language's catalogue, and say how many messages each lacks."""
    template = extracted()
    write(TEMPLATE, template)
    missing = {}
    for language in translated_languages():
        path = catalogue_file(language)
        catalogue = read(path, language) if path.exists() else new_catalogue(language)
        catalogue.update(template, no_fuzzy_matching=True)
        write(path, catalogue)
        missing[language] = sum(1 for message in catalogue if message.id and not all_filled(message.string))
    return missing


def all_filled(translation: str | tuple[str, ...] | list[str] | None) -> bool:
    """Whether a translation has every form it needs: a plural message needs all of its language's forms."""
    if isinstance(translation, tuple | list):
        return all(translation)
    return bool(translation)
