"""A source is named to a reader in the reader's language where the data gives its name in it (name_uk, name_ru):
in every grade reason the rule writes, on the card and in the lists, for the bundled claims and for generated worlds
whose sources are given names at random; English unchanged. A name slipped into a reason as a plain string would
read in English inside a Ukrainian sentence: that fails here too. A bad name is refused by the loader with its
file, record, field and problem."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from components.escaping import markdown_text
from components.map.payload import build_payload, claim_detail
from components.map.words_part import map_words
from geo.grading.rule import Grade, Grader
from geo.language.languages import Language
from geo.language.phrase import Joined, Name, Phrase, Value
from geo.language.words import ENGLISH, Words, words_for
from geo.model.claim_text import describe
from geo.model.records import Claim, Source
from geo.publishing.map_parts import Parts
from geo.reading.dataset import Dataset, load_dataset
from geo.store import Store
from tests.conftest import valid_claim, write_claims
from tests.pages import as_written, page_as
from tests.test_grading import SIDES, SOURCES, worlds

READERS = [words_for(Language.UK), words_for(Language.RU)]
ENGLISH_WORDS = re.compile(r"[A-Za-z]")
UKRAINIAN_BBC = "Бі-Бі-Сі Україна"


def values_of(value: Value) -> Iterator[Value]:
    """Every value a phrase names, the values inside its values too."""
    yield value
    if isinstance(value, Phrase):
        for _, inner in value.values:
            yield from values_of(inner)
    elif isinstance(value, Joined):
        for item in value.items:
            yield from values_of(item)


def phrases_of(grade: Grade) -> list[Phrase]:
    return [*grade.why, grade.confidence_why, grade.deciding]


def said_whole(english: str, text: str) -> bool:
    """Whether the name stands in the text as a whole name ("Paper 1" is not in "Paper 12")."""
    return re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text) is not None


def check_names(grades: Mapping[str, Grade], sources: Mapping[str, Source]) -> int:
    """Every source a reason names is a Name carrying the source's own names, written in the reader's form."""
    by_english = {source.name: source for source in sources.values()}
    named = 0
    for claim_id, grade in grades.items():
        for phrase in phrases_of(grade):
            values = list(values_of(phrase))
            plain = [value for value in values if isinstance(value, str) and value in by_english]
            assert plain == [], f"{claim_id}: a source named by a plain string, in English in every language: {plain}"
            for name in (value for value in values if isinstance(value, Name)):
                source = by_english.get(name.english)
                if source is None:
                    continue  # a source the data does not hold, named by its id
                assert name.others == source.names, (claim_id, name)
                for words in READERS:
                    said = phrase.said_in(words)
                    own = source.name_in(words.language.value)
                    assert own in said, f"{claim_id} in {words.language}: {own!r} not in {said!r}"
                    if own != source.name and source.name not in own:
                        assert not said_whole(source.name, said), f"{claim_id} in {words.language}: {said!r}"
                assert source.name in phrase.said_in(ENGLISH)  # English unchanged
                named += 1
    return named


NAMED = st.dictionaries(st.sampled_from(sorted(SOURCES)), st.sampled_from(["uk", "ru", "both"]))


def with_names(chosen: Mapping[str, str]) -> dict[str, Source]:
    """The test world's sources, some given a Ukrainian name, a Russian one or both."""
    named = {}
    for source_id, source in SOURCES.items():
        which = chosen.get(source_id, "")
        changes = {
            **({"name_uk": f"Джерело {source_id}"} if which in {"uk", "both"} else {}),
            **({"name_ru": f"Источник {source_id}"} if which in {"ru", "both"} else {}),
        }
        named[source_id] = source.model_copy(update=changes)
    return named


@settings(max_examples=60, deadline=None)
@given(worlds(), NAMED)
def test_every_source_a_generated_worlds_reasons_name_reads_in_the_readers_language(
    world: list[Claim], chosen: dict[str, str]
) -> None:
    sources = with_names(chosen)
    grades = Grader(world, sources, SIDES).grade_all()
    check_names(grades, sources)


def test_every_source_a_bundled_reason_names_reads_in_the_readers_language(bundled: Dataset) -> None:
    assert check_names(bundled.grade_all(), bundled.sources) > len(bundled.claims)


@pytest.mark.parametrize("words", READERS, ids=lambda words: words.language.value)
def test_a_card_names_the_claimant_passer_on_and_outlets_in_the_readers_language(
    bundled: Dataset, words: Words
) -> None:
    grades = bundled.grade_all()
    language = words.language.value
    for claim in bundled.claims:
        text = describe(claim, grades[claim.id], bundled, words)
        assert text.claimant == bundled.sources[claim.claimant].name_in(language)
        assert [report.outlet for report in text.reports] == [
            bundled.sources[report.outlet].name_in(language)
            for report in sorted(claim.reports, key=lambda report: report.date)
        ]
        english = describe(claim, grades[claim.id], bundled)
        assert english.claimant == bundled.sources[claim.claimant].name


def test_the_bundled_sources_named_in_the_issue_have_their_press_names(bundled: Dataset) -> None:
    nis, isw, reuters = (bundled.sources[source_id] for source_id in ("kr-nis", "isw", "reuters"))
    assert nis.name_in("uk") == "Національна служба розвідки (Південна Корея)"
    assert nis.name_in("ru") == "Национальная служба разведки (Южная Корея)"
    assert (isw.name_in("uk"), isw.name_in("ru")) == ("Інститут вивчення війни", "Институт изучения войны")
    assert reuters.name_in("uk") == reuters.name_in("ru") == "Reuters"  # a Latin brand is kept as it writes itself


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("name_uk", "Институт изучения войны", "name_uk: has letters Ukrainian does not write (ы)"),
        ("name_ru", "Інститут вивчення війни", "name_ru: has letters Russian does not write (Іі)"),
        ("name_uk", "", "name_uk"),
        ("name_ru", "x" * 301, "name_ru"),
    ],
)
def test_a_bad_name_in_another_language_is_refused_naming_file_record_field_and_problem(
    data_copy: Path, field: str, value: str, problem: str
) -> None:
    path = data_copy / "sources.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for source in document["sources"]:
        if source["id"] == "isw":
            source[field] = value
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    issues = [issue for issue in load_dataset(data_copy).issues if issue.record == "isw"]
    assert [issue.file for issue in issues][:1] == ["sources.yaml"], issues
    assert problem in issues[0].problem, issues[0]


def test_a_sources_ukrainian_name_set_on_the_registry_form_reaches_ukrainian_readers_once_published(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyst = page_as("analyst", monkeypatch)
    analyst.button(key="open-registry").click().run()
    analyst.selectbox(key="registry-source").set_value("bbc").run()
    assert analyst.text_input(key="registry-source-name-uk-bbc-1").value == ""  # the bundled BBC keeps its Latin brand
    analyst.text_input(key="registry-source-name-uk-bbc-1").set_value(UKRAINIAN_BBC)
    analyst.text_input(key="registry-source-reason-bbc-1").set_value("as its Ukrainian service writes it")
    analyst.button(key="registry-save-source").click().run()
    assert not analyst.exception and any("sent for review" in success.value for success in analyst.success)
    assert Store(page_store).record("source", "bbc")[0]["name_uk"] == UKRAINIAN_BBC  # type: ignore[index]

    reviewer = page_as("reviewer", monkeypatch)
    [changes] = [frame.value for frame in reviewer.dataframe if "after review" in frame.value.columns]
    assert changes.to_dict("records") == [
        {"field": "Name in Ukrainian", "viewers see now": "", "after review": UKRAINIAN_BBC}
    ]
    reviewer.text_input(key="review-reason-source-bbc").set_value("the service's own name").run()
    reviewer.button(key="publish-source-bbc").click().run()
    assert not reviewer.exception, [error.message for error in reviewer.exception]

    ukrainian, english = page_as("viewer", monkeypatch, language="uk"), page_as("viewer", monkeypatch)
    assert markdown_text(UKRAINIAN_BBC) in as_written(ukrainian) and "BBC News" not in as_written(ukrainian)
    assert "BBC News" in as_written(english) and markdown_text(UKRAINIAN_BBC) not in as_written(english)


@pytest.mark.parametrize("language", [Language.UK, Language.RU])
def test_the_maps_popups_name_every_claimant_and_outlet_in_the_readers_language(
    bundled: Dataset, language: Language
) -> None:
    """The payload carries sources' English names; the map's words part maps each to the reader's, which the popups
    write (static/map_popup_content.js), and a claim's detail names its outlets in it."""
    words = words_for(language)
    payload = build_payload(bundled, bundled.grade_all(), Parts())
    names = map_words(words, payload, bundled)["names"]
    for layer in payload["fronts"]:  # whose each bundled front layer is, as a front's popup credits it
        assert ENGLISH_WORDS.sub("", names[layer["sourceName"]]) != ENGLISH_WORDS.sub("", layer["sourceName"])
    for source in bundled.sources.values():
        assert names.get(source.name, source.name) == source.name_in(language.value), source.id
    assert (
        names["Institute for the Study of War"]
        == {"uk": "Інститут вивчення війни", "ru": "Институт изучения войны"}[language.value]
    )
    cited = next(claim for claim in bundled.claims if any(report.outlet == "tass" for report in claim.reports))
    assert "ТАСС" in [report["outlet"] for report in claim_detail(cited, bundled, words)["reports"]]


@pytest.mark.parametrize(
    ("query", "claimant"), [("Інститут вивчення", "isw"), ("Институт изучения", "isw"), ("ЦТАК", "kp-kcna")]
)
def test_search_finds_a_sources_claims_by_its_name_in_ukrainian_or_russian(
    bundled: Dataset, query: str, claimant: str
) -> None:
    """A reader finds a source's claims by the name they read on its cards, as by its English name."""
    index = bundled.search
    found = {claim.id for claim in bundled.claims if index.matches(claim, query)}
    cited = {claim.id for claim in bundled.claims if claimant in {claim.claimant, *(r.outlet for r in claim.reports)}}
    assert cited and cited <= found


def test_search_finds_a_claim_by_its_recorded_translation(data_copy: Path) -> None:
    write_claims(data_copy, [valid_claim(translations={"uk": "Північнокорейських військових бачили біля Суджі."})])
    data = load_dataset(data_copy)
    assert data.search.matches(data.by_id["test-claim"], "північнокорейських")
