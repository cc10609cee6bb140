"""The briefing handout and the claim sheet, read back as a reader's PDF tool reads them (pypdf): one page per
step holding its title, date, cited claims with their grades, reports with links and credits; Cyrillic as text."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from geo.grading.rule import Grade
from geo.model.claim_text import day, describe
from geo.model.stories import Story
from geo.publishing.__main__ import main
from geo.publishing.export import Made, Selection
from geo.publishing.handout import NoStoryError, credits, made_words, write_pdf
from geo.reading.dataset import Dataset
from geo.time.timeline import latest_snapshots
from tests.conftest import REPO
from tests.hostile_text import hostile_strings

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
SHEET_CLAIM = "nk-absent-kursk-front-three-weeks"


def flat(words: str) -> str:
    """Text with every run of white space as one space: a table cell wraps its lines where it must."""
    return " ".join(words.split())


def solid(words: str) -> str:
    """Text without any white space: a long link may be wrapped inside itself."""
    return "".join(words.split())


def links_on(page: object) -> set[str]:
    annotations = page.get("/Annots") or []  # type: ignore[attr-defined]
    found = set()
    for reference in annotations:
        action = reference.get_object().get("/A") or {}
        if action.get("/URI"):
            found.add(str(action["/URI"]))
    return found


@pytest.fixture(scope="module")
def grades(bundled: Dataset) -> dict[str, Grade]:
    return bundled.grade_all()


@pytest.fixture(scope="module")
def story(bundled: Dataset) -> Story:
    return next(iter(bundled.stories.values()))


@pytest.fixture(scope="module")
def handout(bundled: Dataset, grades: dict[str, Grade], story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handout") / "story.pdf"
    write_pdf(out, Selection(claims=bundled.by_report, grades=grades, dataset=bundled, made=Made(), story=story))
    return out


@pytest.fixture(scope="module")
def pages(handout: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(handout).pages]


def test_the_handout_has_one_page_per_step(pages: list[str], story: Story) -> None:
    assert len(pages) == len(story.steps) > 1


def test_each_page_holds_its_step_its_date_and_its_cited_claims_with_their_grades(
    pages: list[str], story: Story, bundled: Dataset, grades: dict[str, Grade]
) -> None:
    for number, (page, step) in enumerate(zip(pages, story.steps, strict=True), start=1):
        text = flat(page)
        assert flat(step.title) in text
        assert f"Step {number} of {len(story.steps)}" in text
        assert f"As of {day(step.as_of)}" in text
        assert flat(step.caption) in text
        for claim_id in step.cites:
            described = describe(bundled.by_id[claim_id], grades[claim_id], bundled)
            assert f"#{described.number}" in text, (number, claim_id)
            assert flat(described.grade_line) in text, (number, claim_id)
            assert flat(described.confidence_sentence) in text, (number, claim_id)
            assert flat(described.statement) in text, (number, claim_id)
            assert all(report.outlet in text for report in described.reports), (number, claim_id)


def test_each_report_of_a_cited_claim_is_a_link_on_its_page(
    handout: Path, story: Story, bundled: Dataset, grades: dict[str, Grade]
) -> None:
    for page, step in zip(PdfReader(handout).pages, story.steps, strict=True):
        wanted = {report.url for claim_id in step.cites for report in bundled.by_id[claim_id].reports if report.url}
        assert wanted
        assert wanted <= links_on(page)


def test_each_page_credits_every_layer_it_draws_as_the_data_states_it(
    pages: list[str], story: Story, bundled: Dataset
) -> None:
    for page, step in zip(pages, story.steps, strict=True):
        text = flat(page)
        found = credits(bundled, step.layers, step.as_of)
        drawn_fronts = [layer for layer in latest_snapshots(bundled.fronts, step.as_of) if layer in step.layers]
        assert len(found) >= 3 + len(drawn_fronts)  # regions' two sources, the border, the fronts, the places
        for credit in found:
            assert flat(credit.words()) in text
        assert "data/PROVENANCE.md" in text
        assert flat(made_words(Made())) in text


def test_cyrillic_place_names_come_out_as_text(pages: list[str], story: Story, bundled: Dataset) -> None:
    """Not as boxes or missing glyphs: the font carries Cyrillic and the PDF maps it back to Unicode."""
    names = {
        bundled.places[claim.location.place].name_ru
        for step in story.steps
        for claim in (bundled.by_id[claim_id] for claim_id in step.cites)
        if claim.location.place and bundled.places[claim.location.place].name_ru
    }
    assert names and all(CYRILLIC.search(name or "") for name in names)
    text = "\n".join(pages)
    assert {name for name in names if name and name in text} == names


def test_the_file_says_what_it_was_made_with(handout: Path) -> None:
    metadata = PdfReader(handout).metadata
    assert metadata is not None
    assert metadata.subject == made_words(Made())
    assert metadata.title


def test_a_claim_sheet_is_one_page_with_the_claim_its_grade_and_its_links(bundled: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    assert (
        main(["export", "--format", "pdf", "--out", str(out), "--data", str(REPO / "data"), "--claim", SHEET_CLAIM])
        == 0
    )
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    claim = bundled.by_id[SHEET_CLAIM]
    described = describe(claim, bundled.grade_all()[SHEET_CLAIM], bundled)
    text = reader.pages[0].extract_text()
    for words in (described.statement, described.grade_line, described.confidence_sentence, described.claimant):
        assert flat(words) in flat(text)
    assert f"#{described.number}" in text
    urls = {report.url for report in claim.reports if report.url}
    assert len(urls) > 1
    assert urls <= links_on(reader.pages[0])
    assert all(solid(url) in solid(text) for url in urls)  # printed too, for paper
    assert "claim=" + SHEET_CLAIM in flat(text)  # what the file holds


def test_the_command_refuses_an_unknown_claim(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheet.pdf"
    assert (
        main(["export", "--format", "pdf", "--out", str(out), "--data", str(REPO / "data"), "--claim", "no-such-claim"])
        == 2
    )
    assert "unknown claim 'no-such-claim'" in capsys.readouterr().err
    assert not out.exists()


def test_a_dataset_without_a_story_has_no_handout(bundled: Dataset, grades: dict[str, Grade], tmp_path: Path) -> None:
    storyless = dataclasses.replace(bundled, stories={})
    with pytest.raises(NoStoryError, match="no story to print"):
        write_pdf(
            tmp_path / "none.pdf", Selection(claims=storyless.by_report, grades=grades, dataset=storyless, made=Made())
        )


def test_the_same_data_makes_the_same_file(
    handout: Path, bundled: Dataset, grades: dict[str, Grade], story: Story, tmp_path: Path
) -> None:
    """No clock or random id inside: a handout can be checked in, compared or cached by its bytes."""
    again = tmp_path / "again.pdf"
    write_pdf(again, Selection(claims=bundled.by_report, grades=grades, dataset=bundled, made=Made(), story=story))
    assert again.read_bytes() == handout.read_bytes()


def test_markup_in_the_data_is_printed_as_written_and_makes_no_link(
    bundled: Dataset, grades: dict[str, Grade], story: Story, tmp_path: Path
) -> None:
    """A statement or caption holding markup (reportlab's own included) is text, not formatting or a link."""
    first = story.steps[0]
    claim = bundled.by_id[first.cites[0]]
    statement = " ".join(" ".join(payload.split()) for payload in hostile_strings("statement"))
    statement += ' <a href="https://evil.example/x">reportlab link</a> </para><b>bold'
    changed = claim.model_copy(update={"statement": statement})
    data = dataclasses.replace(bundled, claims=[changed if item.id == claim.id else item for item in bundled.claims])
    caption = first.caption + ' <font color="red">red</font> & <br/>'
    told = story.model_copy(update={"steps": [first.model_copy(update={"caption": caption}), *story.steps[1:]]})
    out = tmp_path / "hostile.pdf"
    write_pdf(out, Selection(claims=data.by_report, grades=grades, dataset=data, made=Made(), story=told))
    reader = PdfReader(out)
    text = solid(reader.pages[0].extract_text())  # a word too long for its column is split across lines
    assert solid(statement) in text
    assert solid(caption) in text
    assert not any("evil.example" in url for page in reader.pages for url in links_on(page))


def test_a_step_citing_many_claims_still_fits_its_page(
    bundled: Dataset, grades: dict[str, Grade], story: Story, tmp_path: Path
) -> None:
    many = [claim.id for claim in bundled.visible_on(story.steps[3].as_of)][:16]
    crowded = story.steps[3].model_copy(update={"cites": many})
    told = story.model_copy(update={"steps": [crowded, story.steps[4]]})
    out = tmp_path / "crowded.pdf"
    write_pdf(out, Selection(claims=bundled.by_report, grades=grades, dataset=bundled, made=Made(), story=told))
    pages = PdfReader(out).pages
    assert len(many) == 16
    assert len(pages) == 2
    text = flat(pages[0].extract_text())
    assert all(f"#{bundled.numbers[claim_id]}" in text for claim_id in many)
    assert all(flat(credit.words()) in text for credit in credits(bundled, crowded.layers, crowded.as_of))
