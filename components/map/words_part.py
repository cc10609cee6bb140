"""The map's words in each language (components.map.protocol MapWords), one part per language.

The map's scripts write their sentences in English through `t("…")` and `tn("…", "…", n)` (static/map_words.js);
`python -m geo.language update` extracts them into the catalogues beside the page's own. The browser is sent,
for the reader's language, each of those messages' translation, every plural form keyed by the CLDR category
the browser's Intl.PluralRules names (worked out here from Babel's plural rule and the catalogue's own, never
written by hand), and the names the payload carries in English: places as the gazetteer names them in the
language, regions, areas, layers and the grade scales as the catalogue translates them. Each is a part named
by its bytes (geo.publishing.map_parts), built once per language with the map's data, so a date step sends
only its name, and switching the language sends another name: the map rewrites its text, it is not rebuilt.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from components.map.credits import credit_words
from components.map.layer_names import LAYER_CONTROL_NAMES
from components.map.protocol import MapPayload, MapWords, ScaleWords
from geo.language.languages import Language
from geo.language.scales import category_name, confidence_name, status_name
from geo.language.upkeep import TEMPLATE, read
from geo.language.words import N_, Words, words_for
from geo.model.confidence import ConfidenceLevel, Status
from geo.model.locations import place_names
from geo.model.records import Category
from geo.publishing.map_parts import Parts
from geo.reading.dataset import Dataset

SCRIPT_FOLDER = "static/"
PLURAL_SAMPLES = range(0, 1000)
"""Whole numbers tried for each plural category: the map counts claims, areas and symbols, never fractions."""
BUNDLED_NAMES = (
    # The regions of the bundled basemap.
    N_("Kursk Oblast"),
    N_("Belgorod Oblast"),
    N_("Bryansk Oblast"),
    N_("Oryol Oblast"),
    N_("Lipetsk Oblast"),
    N_("Voronezh Oblast"),
    N_("Chernihiv Oblast"),
    N_("Sumy Oblast"),
    N_("Kharkiv Oblast"),
    # The areas claims may name.
    N_("Kursk front"),
    N_("Ukrainian-held salient"),
    # The bundled front layers.
    N_("Ukrainian-held area in Russia"),
    N_("ISW: assessed Russian advances in Kursk"),
    N_("DeepState: Russian-occupied Ukraine"),
    # Whose the bundled front layers are, as the date's caption and a front's popup credit them.
    N_("mini-krowka/mapsite control zones (pro-Russian map), clipped to the Russian side of the border"),
    N_("Institute for the Study of War and AEI's Critical Threats Project, Kursk layer 'kursk_russian_advances'"),
    N_("DeepStateMap.live (Ukrainian OSINT map), via cyterat/deepstate-map-data"),
)
"""Names the bundled data gives in English that a reader of another language reads in theirs; a name the data
gains later (an imported layer's label) reads as it is written until it is added here and translated."""


@cache
def script_messages() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The messages the map's scripts mark, from the catalogues' template: plain ones, and (singular, plural)
    pairs. The template is kept in step with the scripts (tests/test_catalogues.py)."""
    plain: list[str] = []
    counted: list[tuple[str, str]] = []
    for message in read(TEMPLATE):
        if not message.id or not any(path.startswith(SCRIPT_FOLDER) for path, _ in message.locations):
            continue
        if isinstance(message.id, tuple | list):
            counted.append((str(message.id[0]), str(message.id[1])))
        else:
            plain.append(str(message.id))
    return tuple(plain), tuple(counted)


@cache
def plural_samples(locale: str) -> dict[str, int]:
    """The first whole number of each CLDR plural category the language's whole numbers take."""
    rule = Locale.parse(locale).plural_form
    samples: dict[str, int] = {}
    for count in PLURAL_SAMPLES:
        samples.setdefault(rule(count), count)
    return samples


def plural_forms(words: Words, singular: str, plural: str) -> dict[str, str]:
    """A counted message's form for each CLDR plural category the language's whole numbers take: the form the
    catalogue's own plural rule picks for a number of that category."""
    samples = plural_samples(words.language.babel_locale)
    return {category: words.translations.ngettext(singular, plural, count) for category, count in samples.items()}


def scale_words(words: Words, payload: MapPayload) -> ScaleWords:
    """The payload's scales in this language: their words are marked where they are kept (N_)."""
    scales = payload["scales"]
    return {
        "levels": [confidence_name(ConfidenceLevel(level), words) for level in scales["levels"]],
        "statuses": [status_name(Status(status), words) for status in scales["statuses"]],
        "statusWords": [words.gettext(text) for text in scales["statusWords"]],
        "reliabilityWords": {letter: words.gettext(text) for letter, text in scales["reliabilityWords"].items()},
        "credibilityWords": [words.gettext(text) for text in scales["credibilityWords"]],
    }


def data_names(words: Words, payload: MapPayload, dataset: Dataset) -> dict[str, str]:
    """The payload's names in this language, where it has its own: places by the gazetteer, sources by their own
    names in it, the rest by the catalogue."""
    named = [label["name"] for label in payload["regionLabels"]] + [area["name"] for area in payload["areas"]]
    named += [layer["label"] for layer in payload["fronts"]] + [layer["sourceName"] for layer in payload["fronts"]]
    named += LAYER_CONTROL_NAMES
    names = {name: words.gettext(name) for name in named}
    names |= {record["words"]: category_name(Category(record["key"]), words) for record in payload["categories"]}
    for place in dataset.places.values():
        names[place.name] = place_names(place).get(words.language, place.name)
    for source in dataset.sources.values():  # a claimant, as the popups name it
        names[source.name] = source.name_in(words.language.value)
    return {english: local for english, local in names.items() if local != english}


def map_words(words: Words, payload: MapPayload, dataset: Dataset) -> MapWords:
    """The map's words in one language."""
    plain, counted = script_messages()
    analysis = {kind["key"]: kind["words"] for kind in payload["analysisKinds"]}
    return {
        "language": words.language.value,
        "locale": words.locale.language if words.language is not Language.EN else "en-GB",
        "messages": {message: words.gettext(message) for message in plain},
        "plurals": {singular: plural_forms(words, singular, plural) for singular, plural in counted},
        "names": data_names(words, payload, dataset),
        "scales": scale_words(words, payload),
        "analysisKinds": {key: words.gettext(text) for key, text in analysis.items()},
        "credits": credit_words(dataset, words),
    }


def add_words(parts: Parts, payload: MapPayload, dataset: Dataset) -> dict[Language, str]:
    """The map's words in every language, each a part of `parts`; the parts' names by language."""
    return {language: parts.add(map_words(words_for(language), payload, dataset)) for language in Language}
