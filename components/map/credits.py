"""The map's credits, for Leaflet's attribution box, in the reader's language: each as escaped HTML (a front
layer's credit links to its source). The basemap's and the places' are always shown, a front layer's while the
layer is on the map (static/map_fronts.js).

The payload carries them in English; the map's words (MapWords.credits) carry each one a language writes
otherwise, keyed by its English HTML, so switching the language rewrites the box and never re-sends the map.
The bundled credits' words are marked here; a credit the data gains later (an imported layer's) reads as
written until it is added and translated. Names of data and of licences (GeoNames, CC BY 4.0) stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterator

from components.escaping import html_text, link_html
from geo.language.words import ENGLISH, N_, Words
from geo.model.map_style import PLACES_CREDIT
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot
from geo.time.timeline import by_layer

BUNDLED_CREDITS = (
    # The basemap's sources (geo/reading/build_data.py ATTRIBUTIONS).
    N_("Natural Earth (public domain)"),
    N_("© OpenStreetMap contributors (ODbL), via Elastic Maps Service"),
    # The bundled front layers' (geo/reading/build_data.py FRONT_LAYERS).
    N_("Ukrainian-held area: mini-krowka/mapsite (pro-Russian), derived"),
    N_("Russian advances: ISW/CTP"),
    N_("Occupied Ukraine: DeepStateMap"),
)
"""The gazetteer's credit, PLACES_CREDIT, is marked where it is kept."""


def basemap_credits(dataset: Dataset, words: Words = ENGLISH) -> list[str]:
    """Credit for every basemap source drawn, in the order of their English text (the same in every language)."""
    credits = {
        feature["properties"]["attribution"] for feature in dataset.regions["features"] + dataset.border["features"]
    }
    return [html_text(words.gettext(credit)) for credit in sorted(credits)]


def places_credit(words: Words = ENGLISH) -> str:
    return html_text(words.gettext(PLACES_CREDIT))


def front_credit(first: FrontSnapshot, words: Words = ENGLISH) -> str:
    """A front layer's credit, its first snapshot's, linked to its source."""
    return str(link_html(first.source_url, words.gettext(first.credit)))


def all_credits(dataset: Dataset, words: Words) -> Iterator[str]:
    """Every credit the map may show, in a fixed order, so the same position names the same credit in each
    language."""
    yield from basemap_credits(dataset, words)
    yield places_credit(words)
    yield from (front_credit(snapshots[0], words) for snapshots in by_layer(dataset.fronts).values())


def credit_words(dataset: Dataset, words: Words) -> dict[str, str]:
    """The credits this language writes otherwise: English HTML → this language's."""
    pairs = zip(all_credits(dataset, ENGLISH), all_credits(dataset, words), strict=True)
    return {english: local for english, local in pairs if local != english}
