"""A briefing handout: a story as a PDF, one A4 page per step, and a one-page sheet for any one claim.

Each step's page holds its title and date, the map at the step's view and date (geo.publishing.handout_map,
drawn offline from the bundled geometry), a legend, the caption, a table of the claims it cites — each with
its number (#N, as on the map and the page), its grade and why (geo.model.claim_text, the panel's words) and
every report with its link — then the credits of everything drawn, taken from the data, and what the file
was made with (`Made`). A page whose words would overflow is set smaller as a whole (reportlab's KeepInFrame),
so a step is always one page.

reportlab writes the PDF: real text in DejaVu Sans (bundled with matplotlib, so pip brings it; it carries
Cyrillic), each report's link printed and clickable, so the text can be searched, copied and extracted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from geo.grading.rule import Grade
from geo.model.claim_text import ClaimText, day, describe
from geo.model.map_style import FRONT_STYLES, LEVEL_COLOURS, PLACES_CREDIT
from geo.model.records import Claim
from geo.model.stories import Story, StoryStep
from geo.publishing.export import Made, Selection
from geo.publishing.made_words import made_sentence
from geo.reading.dataset import Dataset
from geo.time.timeline import latest_snapshots

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVuSans"
MARGIN = 12 * mm
PAGE_WIDTH, PAGE_HEIGHT = A4
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
TEXT_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - 5 * mm  # the footer's line below
MAP_SIZE_MM = (TEXT_WIDTH / mm, 110.0)
MIN_MAP_HEIGHT_MM = 75.0
LOCATOR_SIZE_MM = (80.0, 60.0)
LOCATOR_ZOOM = 8
COLUMNS_MM = (13, 66, 57, 50)  # the cited claims' table: #, claim, how sure, reported by
LINK_COLOUR = "#0b4f8a"
CLAIM_FILTER = "claim"  # an export narrowed to one claim (the link's claim=): as a PDF, that claim's sheet
PROVENANCE = "Full provenance of every layer: data/PROVENANCE.md in the published data."


class NoStoryError(LookupError):
    """The dataset holds no story to print."""


@functools.cache
def fonts() -> str:
    """Register DejaVu Sans (regular, bold, oblique) once; the family's name."""
    faces = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf", "-Oblique": "DejaVuSans-Oblique.ttf"}
    for suffix, file in faces.items():
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Oblique")
    return FONT


def style(size: float, bold: bool = False, colour: str = "#000000", space: float = 0) -> ParagraphStyle:
    family = fonts()
    return ParagraphStyle(
        f"s{size}{bold}{colour}{space}",
        fontName=f"{family}-Bold" if bold else family,
        fontSize=size,
        leading=size * 1.25,
        textColor=colors.HexColor(colour),
        spaceAfter=space,
    )


def text(words: str) -> str:
    """Plain text as paragraph markup: escaped, line breaks kept."""
    return escape(words).replace("\n", "<br/>")


def made_words(made: Made) -> str:
    """What the file holds, in the words every export uses (geo.publishing.made_words)."""
    return made_sentence(made)


@dataclass(frozen=True)
class Credit:
    """Who made a layer drawn on the map, and on what terms it may be used."""

    what: str
    credit: str
    licence: str

    def words(self) -> str:
        return f"{self.what}: {self.credit} — {self.licence}"


def credits(dataset: Dataset, layers: Iterable[str], on: dt.date) -> list[Credit]:
    """The attribution and licence of every layer drawn, as the data states them."""
    shown = set(layers)
    found: dict[tuple[str, str], Credit] = {}
    for layer, what, collection in (("regions", "Regions", dataset.regions), ("border", "Border", dataset.border)):
        for feature in collection["features"] if layer in shown else []:
            props = feature["properties"]
            credit = Credit(what, f"{props['attribution']}; {props['source']}", props["license"])
            found.setdefault((what, credit.credit), credit)
    for layer, snapshot in latest_snapshots(dataset.fronts, on).items():
        if layer in shown:
            found[(layer, "")] = Credit(snapshot.label, f"{snapshot.credit} ({snapshot.source_url})", snapshot.license)
    if "places" in shown:
        found[("places", "")] = Credit("Places", PLACES_CREDIT.removeprefix("Places: "), "as each source states")
    return list(found.values())


def where_words(described: ClaimText, claim: Claim, dataset: Dataset) -> str:
    """Where, with the place's Russian name beside it, as a reader of Russian sources will meet it."""
    place = dataset.places.get(claim.location.place or "")
    if place is not None and place.name_ru:
        return f"{described.where} ({place.name_ru})"
    return described.where


def legend(dataset: Dataset, layers: Sequence[str], on: dt.date) -> Paragraph:
    """The front layers drawn (each with its own "as of" date) and the colours of the claim markers."""
    parts = []
    for layer, snapshot in latest_snapshots(dataset.fronts, on).items():
        if layer in layers:
            colour = FRONT_STYLES[snapshot.side]["fillColor"]
            hatched = ", hatched: claimed by a partisan mapper" if snapshot.basis == "claimed" else ""
            parts.append(
                f'<font color="{colour}">■</font> {text(snapshot.label)} — as of {day(snapshot.date)}{hatched}'
            )
    markers = " ".join(f'<font color="{colour}">●</font> {level.value}' for level, colour in LEVEL_COLOURS.items())
    parts.append(f"Claims by confidence: {markers}; numbered: #N (ringed: highlighted); dashed ring: how approximate")
    return Paragraph("<br/>".join(parts), style(7, colour="#333333"))


def short_url(url: str, length: int = 48) -> str:
    """A link as printed in a table: without its scheme and "www.", cut at `length` characters (the whole
    link is in the annotation)."""
    bare = url.split("://", 1)[-1].removeprefix("www.")
    return bare if len(bare) <= length else bare[: length - 1] + "…"


def reports_markup(described: ClaimText, full: bool = False) -> str:
    """Every report, earliest first: outlet and date, then its link, printed and clickable. In `full` (the
    claim sheet) the whole link and how the outlet came by it; in a step's table a short link."""
    lines = []
    for report in described.reports:
        via = f" (via {text(report.via)})" if report.via and full else ""
        shown = report.url if full else short_url(report.url)
        target = escape(report.url, {chr(34): "&quot;"})
        printed = f'<br/><a href="{target}" color="{LINK_COLOUR}">{escape(shown)}</a>' if report.url else ""
        lines.append(f"{text(report.outlet)}, {report.day}{via}{printed}")
    return "<br/>".join(lines) or "—"


def claims_table(rows: Sequence[tuple[ClaimText, str]], highlighted: set[str]) -> Table:
    """The cited claims: number, statement, who and where; grade and why; every report with its link."""
    small, bold = style(7), style(7, bold=True)
    data: list[list[Flowable | str]] = [
        [Paragraph(words, bold) for words in ("#", "Claim", "How sure, and why", "Reported by")]
    ]
    for described, where in rows:
        mark = "<br/>on map" if described.id in highlighted else ""
        data.append(
            [
                Paragraph(f"#{described.number}{mark}", bold),
                Paragraph(
                    f"{text(described.statement)}<br/><font color='#444444'>Claimed by {text(described.claimant)} "
                    f"({described.stake}), about {text(described.period)}. {text(where)}.</font>",
                    small,
                ),
                Paragraph(f"<b>{text(described.grade_line)}</b><br/>{text(described.confidence_sentence)}", small),
                Paragraph(reports_markup(described), small),
            ]
        )
    table = Table(data, colWidths=[width * mm for width in COLUMNS_MM], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#ebebeb")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#aaaaaa")),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def credits_block(found: list[Credit], made: Made) -> list[Flowable]:
    grey = style(6, colour="#555555")
    lines = "<br/>".join(text(credit.words()) for credit in found)
    return [
        Spacer(1, 2 * mm),
        Paragraph("Credits", style(6.5, bold=True, colour="#555555")),
        Paragraph(lines, grey),
        Paragraph(text(f"{PROVENANCE} {made_words(made)}"), grey),
    ]


def picture(jpeg: bytes, width_mm: float, height_mm: float) -> Image:
    image = Image(io.BytesIO(jpeg), width=width_mm * mm, height=height_mm * mm)
    image.hAlign = "LEFT"
    return image


def step_claims(step: StoryStep, dataset: Dataset) -> list[Claim]:
    """The step's cited claims, then the highlighted ones it does not cite."""
    return [dataset.by_id[claim_id] for claim_id in dict.fromkeys([*step.cites, *step.highlight])]


def step_map(step: StoryStep, dataset: Dataset, grades: Mapping[str, Grade], height_mm: float) -> bytes:
    """The step's map: the claims shown on that date as dots, the cited and highlighted ones numbered,
    zoomed out as far as needed to hold the highlighted ones (as the web map fits them)."""
    from geo.publishing.handout_map import MapFrame, fitting, map_image, markers  # matplotlib: only when drawn

    shown = {claim.id for claim in dataset.visible_on(step.as_of)}
    numbered = [claim for claim in step_claims(step, dataset) if claim.id in shown]
    others = [dataset.by_id[claim_id] for claim_id in sorted(shown - {claim.id for claim in numbered})]
    drawn = markers(others if "claims" in step.layers else [], grades, dataset, set(), numbered=False)
    drawn += markers(numbered, grades, dataset, set(step.highlight))
    view = MapFrame(step.view.lat, step.view.lon, step.view.zoom, MAP_SIZE_MM[0], height_mm)
    frame = fitting(view, [marker for marker in drawn if marker.strong])
    return map_image(frame, dataset, step.as_of, step.layers, drawn, f"As of {day(step.as_of)}")


def height_of(flowables: Sequence[Flowable]) -> float:
    """How tall these flowables are, set at the page's width."""
    return sum(flowable.wrap(TEXT_WIDTH, TEXT_HEIGHT)[1] + flowable.getSpaceAfter() for flowable in flowables)


def step_page(story: Story, number: int, dataset: Dataset, grades: Mapping[str, Grade], made: Made) -> list[Flowable]:
    """A step on one page: the map as large as the words below it allow (they are set smaller only when
    even the smallest map leaves them too little room)."""
    step = story.steps[number - 1]
    described = [(describe(claim, grades[claim.id], dataset), claim) for claim in step_claims(step, dataset)]
    head: list[Flowable] = [
        Paragraph(text(f"{story.title} · Step {number} of {len(story.steps)}"), style(8, colour="#555555")),
        Paragraph(text(step.title), style(16, bold=True, space=1)),
        Paragraph(f"As of {day(step.as_of)}", style(11, bold=True, colour=LINK_COLOUR, space=3)),
    ]
    below: list[Flowable] = [
        Spacer(1, 1.5 * mm),
        legend(dataset, step.layers, step.as_of),
        Spacer(1, 2 * mm),
        Paragraph(text(step.caption), style(9.5, space=3)),
        Paragraph("Claims cited", style(9, bold=True, space=1)),
        claims_table([(text_, where_words(text_, claim, dataset)) for text_, claim in described], set(step.highlight)),
        *credits_block(credits(dataset, step.layers, step.as_of), made),
    ]
    room = TEXT_HEIGHT - height_of(head) - height_of(below) - 2 * mm
    map_height = max(MIN_MAP_HEIGHT_MM, min(MAP_SIZE_MM[1], room / mm))
    frame_map = picture(step_map(step, dataset, grades, map_height), MAP_SIZE_MM[0], map_height)
    content = [*head, frame_map, *below]
    return [KeepInFrame(TEXT_WIDTH, TEXT_HEIGHT, content, mode="shrink"), PageBreak()]


def footer(words: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, document: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts(), 6.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, MARGIN - 2 * mm, words)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 2 * mm, f"Page {document.page}")
        canvas.restoreState()

    return draw


@contextlib.contextmanager
def binary_streams() -> Iterator[None]:
    """Streams written as binary, not ASCII85: a third smaller, and reportlab's pure-Python encoder would take
    most of a handout's time."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def document(title: str, made: Made, footer_words: str) -> tuple[BaseDocTemplate, io.BytesIO]:
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        subject=made_words(made),
        creator="Kursk claims map",
        author="",
        invariant=1,  # no clock or random id inside: the same data makes the same file
        pageCompression=1,
    )
    frame = Frame(MARGIN, MARGIN + 3 * mm, TEXT_WIDTH, TEXT_HEIGHT + 2 * mm, 0, 0, 0, 0, id="page")
    template.addPageTemplates([PageTemplate("page", [frame], onPage=footer(footer_words))])
    return template, buffer


def story_pdf(story: Story, dataset: Dataset, grades: Mapping[str, Grade], made: Made) -> bytes:
    """The story as a handout: one page per step."""
    template, buffer = document(story.title, made, f"{story.title} · {made_words(made)}")
    pages = [
        flowable
        for number in range(1, len(story.steps) + 1)
        for flowable in step_page(story, number, dataset, grades, made)
    ]
    with binary_streams():
        template.build(pages[:-1])  # no page break after the last step
    return buffer.getvalue()


def sheet_facts(described: ClaimText, claim: Claim, dataset: Dataset) -> list[tuple[str, str]]:
    """Who, when, where, how sure and why: the claim sheet's labelled lines (empty ones are left out)."""
    where = where_words(described, claim, dataset) + (f". {described.place_note}" if described.place_note else "")
    facts = [
        ("Who", f"{described.claimant} — {described.claimant_side}, {described.stake}"),
        ("Passes on", described.passes_on),
        (
            "When",
            f"About {described.period} ({described.period_precision}); first reported {day(described.first_reported)}",
        ),
        ("Where", where),
        ("How sure", f"{described.grade_line}\n{described.admiralty}"),
        ("Why", described.confidence_sentence),
        ("Likelihood", described.likelihood_sentence),
        ("Corroborated by", described.corroborating_origins),
        ("Override", described.override),
        ("Retraction", described.retraction),
        ("On the record", described.state or described.record),
    ]
    return [(label, words) for label, words in facts if words]


def locator_layers(dataset: Dataset) -> list[str]:
    """A claim sheet's map shows the basemap, the places and every front layer."""
    return ["regions", "border", "places", *sorted({snapshot.layer for snapshot in dataset.fronts})]


def claim_sheet(claim: Claim, grade: Grade, dataset: Dataset, made: Made | None = None) -> bytes:
    """One page for one claim: who, when, where, how sure and why, every report with its link, and a small
    locator map with the fronts as of the export's date (else the claim's first report)."""
    from geo.publishing.handout_map import MapFrame, fitting, map_image, markers  # matplotlib: only when drawn

    made = made or Made()
    on = made.as_of or claim.first_reported
    dated = Made(as_of=on, known_then=made.known_then, filters=made.filters)
    described = describe(claim, grade, dataset)
    marker = markers([claim], {claim.id: grade}, dataset, {claim.id})
    lat, lon = marker[0].lat, marker[0].lon
    if marker[0].area is not None:  # the whole area in view, not only its badge point
        west, south, east, north = marker[0].area.bounds
        lat, lon = (south + north) / 2, (west + east) / 2
    frame = fitting(MapFrame(lat, lon, LOCATOR_ZOOM, *LOCATOR_SIZE_MM), marker)
    jpeg = map_image(frame, dataset, on, locator_layers(dataset), marker, f"As of {day(on)}")
    facts: list[Flowable] = []
    for label, words in sheet_facts(described, claim, dataset):
        facts += [Paragraph(label, style(7.5, bold=True, colour="#555555")), Paragraph(text(words), style(9, space=3))]
    side_by_side = Table(
        [[facts, picture(jpeg, *LOCATOR_SIZE_MM)]],
        colWidths=[TEXT_WIDTH - (LOCATOR_SIZE_MM[0] + 4) * mm, (LOCATOR_SIZE_MM[0] + 4) * mm],
    )
    side_by_side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    content: list[Flowable] = [
        Paragraph(text(f"Claim sheet · #{described.number} · {described.id}"), style(8, colour="#555555")),
        Paragraph(text(described.statement), style(14, bold=True, space=4)),
        side_by_side,
        Paragraph("Reported by", style(9, bold=True, space=1)),
        Paragraph(reports_markup(described, full=True), style(8.5)),
        *credits_block(credits(dataset, locator_layers(dataset), on), dated),
    ]
    template, buffer = document(f"Claim #{described.number}", dated, made_words(dated))
    with binary_streams():
        template.build([KeepInFrame(TEXT_WIDTH, TEXT_HEIGHT, content, mode="shrink")])
    return buffer.getvalue()


def write_pdf(out: Path, selection: Selection) -> None:
    """A story as a handout (the dataset's first story unless one is named); an export narrowed to one claim
    (`made.filters["claim"]`) and naming no story, that claim's sheet. A story names its own claims, so the
    selection's claims do not narrow it."""
    one = selection.made.filters.get(CLAIM_FILTER)
    if selection.story is None and one is not None:
        out.write_bytes(
            claim_sheet(selection.dataset.by_id[one], selection.grades[one], selection.dataset, selection.made)
        )
        return
    chosen = selection.story or next(iter(selection.dataset.stories.values()), None)
    if chosen is None:
        raise NoStoryError("the data holds no story to print (data/stories)")
    out.write_bytes(story_pdf(chosen, selection.dataset, selection.grades, selection.made))
