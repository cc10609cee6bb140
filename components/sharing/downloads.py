"""What the page's downloads hold and how each file is made: one row per format of geo.publishing.formats.

The page offers the same files for two scopes: the view (the claims on screen with the grades on screen, the
date, filters and "known then" it was made with) or the whole case (every claim with today's grades). A file
is written by the very writer the export command uses (`FORMATS`), so the page's file and the command's are
one; a new format is one row of `DOWNLOADS`. The PDF is not a row: what it prints depends on what is shown
(a story's handout in briefing, a selected claim's sheet), see `pdf_download`.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.grading.rule import Grade
from geo.language.words import ENGLISH, N_, Words
from geo.model.records import Claim
from geo.model.stories import Story
from geo.publishing import links
from geo.publishing.export import Made, Selection
from geo.publishing.formats import FORMATS
from geo.publishing.handout import CLAIM_FILTER
from geo.reading.dataset import Dataset

PDF = "pdf"
PDF_MIME = "application/pdf"


@dataclass(frozen=True)
class Download:
    """One format's button: its writer's name in FORMATS, the button's words, and the file's type. The format's
    name is the same in every language; its help is a marked message, said in the reader's language."""

    fmt: str
    label: str
    extension: str
    mime: str
    help: str


DOWNLOADS: tuple[Download, ...] = (
    Download(
        "geojson", "GeoJSON", "geojson", "application/geo+json", N_("For GIS tools: the claim record of each claim.")
    ),
    Download(
        "csv", "CSV", "csv", "text/csv", N_("UTF-8 with a byte-order mark, for Excel; a list is one item a line.")
    ),
    Download(
        "kml",
        "KML",
        "kml",
        "application/vnd.google-earth.kml+xml",
        N_("For Google Earth and ATAK: claims styled by confidence, and the fronts by date for the time slider."),
    ),
    Download("kmz", "KMZ", "kmz", "application/vnd.google-earth.kmz", N_("The KML zipped, as Google Earth saves it.")),
    Download(
        "gpkg",
        "GeoPackage",
        "gpkg",
        "application/geopackage+sqlite3",
        N_("For QGIS: claims at points, claims about areas, the fronts with their dates, and the places."),
    ),
    Download(
        "stix",
        "STIX 2.1",
        "json",
        "application/stix+json;version=2.1",
        N_("For OpenCTI and MISP: a report with each claim as a note, its grade as an opinion, and who said it."),
    ),
)
"""Every format but the PDF, in the order of the buttons."""


@dataclass(frozen=True)
class Scope:
    """What one set of buttons exports, and the start of each file's name."""

    selection: Selection
    stem: str


def on_screen(
    view: links.View, data: Dataset, shown: Sequence[Claim], verdicts: Mapping[str, Grade], story: Story | None = None
) -> Scope:
    """The claims on screen, graded as on screen, saying the date, filters and "known then" of the view."""
    stem = f"kursk-claims-{view.date.isoformat()}" if view.date else "kursk-claims"
    return Scope(Selection(claims=shown, grades=verdicts, dataset=data, made=Made.of(view), story=story), stem)


def whole_case(data: Dataset, today: Mapping[str, Grade], story: Story | None = None) -> Scope:
    """Every claim, graded with everything known now; the fronts' every snapshot."""
    return Scope(Selection(claims=data.by_report, grades=today, dataset=data, story=story), "kursk-claims-whole-case")


def file_bytes(fmt: str, selection: Selection, file_name: str) -> bytes:
    """The file as the export command writes it (GDAL writes to a path, so every writer does), read back."""
    with tempfile.TemporaryDirectory(prefix="kursk-export-") as folder:
        out = Path(folder) / file_name
        FORMATS[fmt](out, selection)
        return out.read_bytes()


@dataclass(frozen=True)
class PdfDownload:
    """The PDF button: a story's handout or a claim's sheet; or, with neither, no button and why. Its label and
    help are marked messages with named values (`values`), said in the reader's language by `said`."""

    label: str
    help: str
    file_name: str = ""
    selection: Selection | None = None  # None: nothing to print
    values: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def said(self, words: Words = ENGLISH) -> tuple[str, str]:
        """The button's label and help in the reader's language."""
        return words.gettext(self.label), words.gettext(self.help, **self.values)


NO_PDF = PdfDownload(
    N_("Handout (PDF)"),
    N_(
        "PDF: select a claim for its one-page sheet, or present a story (briefing) to print it, a page a step. "
        "The handout prints stories and single claims, not the view of the map: for that, Map (HTML)."
    ),
)


def pdf_download(scope: Scope, claim: str | None) -> PdfDownload:
    """A story's handout when one is told; else the selected claim's sheet; else none."""
    selection = scope.selection
    story = selection.story
    if story is not None:
        return PdfDownload(
            N_("Handout (PDF)"),
            N_(
                "'{title}' to print: one A4 page per step ({steps}), each with its map, caption and the claims it "
                "cites with their grades and sources."
            ),
            f"kursk-story-{story.id}.pdf",
            dataclasses.replace(selection, made=Made()),  # each page has its own date; the grades are today's
            {"title": story.title, "steps": str(len(story.steps))},
        )
    if claim is None or claim not in selection.grades or claim not in selection.dataset.by_id:
        return NO_PDF
    made = dataclasses.replace(selection.made, filters={**selection.made.filters, CLAIM_FILTER: claim})
    return PdfDownload(
        N_("Claim sheet (PDF)"),
        N_("One page for claim #{number}: who, when, where, how sure and why, every report with its link, and a map."),
        f"kursk-claim-{claim}.pdf",
        dataclasses.replace(selection, claims=[selection.dataset.by_id[claim]], made=made),
        {"number": str(selection.dataset.numbers[claim])},
    )
