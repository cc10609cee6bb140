"""Stories load like claims: valid ones whole, broken ones named by file, story and step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from geo.language.languages import Language
from geo.reading.dataset import load_dataset
from geo.time.timeline import is_visible


def test_the_seed_story_loads_with_every_step_sourced(bundled) -> None:
    story = bundled.stories["nk-troops-kursk"]
    assert story.title == "North Korean troops in Kursk: what we know"
    assert 6 <= len(story.steps) <= 10
    claims = {claim.id: claim for claim in bundled.claims}
    for step in story.steps:
        assert step.cites and all(claim_id in claims for claim_id in step.cites)
        assert all(is_visible(claims[claim_id], step.as_of) for claim_id in step.highlight)
    dates = [step.as_of for step in story.steps]
    assert dates == sorted(dates)


def broken_story(data_copy: Path, change) -> list:
    path = data_copy / "stories" / "nk_troops_kursk.yaml"
    story = yaml.safe_load(path.read_text())
    change(story)
    path.write_text(yaml.safe_dump(story, sort_keys=False, allow_unicode=True))
    dataset = load_dataset(data_copy)
    assert "nk-troops-kursk" not in dataset.stories
    return dataset.issues


def test_unknown_claims_layers_and_hidden_highlights_are_named(data_copy: Path) -> None:
    def change(story: dict) -> None:
        story["steps"][1]["cites"].append("no-such-claim")
        story["steps"][2]["layers"].append("satellite")
        story["steps"][0]["highlight"] = ["nis-nk-troops-redeployed-feb-2025"]

    issues = broken_story(data_copy, change)
    assert len(issues) == 1 and issues[0].file == "nk_troops_kursk.yaml" and issues[0].record == "nk-troops-kursk"
    assert "step 2: cites unknown claim 'no-such-claim'" in issues[0].problem
    assert "step 3: unknown layer 'satellite'" in issues[0].problem
    assert "step 1: highlights 'nis-nk-troops-redeployed-feb-2025', which is not on the map on 2024-09-01" in (
        issues[0].problem
    )


def test_schema_errors_name_the_field(data_copy: Path) -> None:
    def change(story: dict) -> None:
        story["steps"][0]["view"]["zoom"] = 30
        del story["steps"][1]["caption"]

    issues = broken_story(data_copy, change)
    assert "steps.0.view.zoom" in issues[0].problem and "steps.1.caption: Field required" in issues[0].problem


def test_a_step_may_cite_a_later_report_only_when_its_caption_says_so(data_copy: Path) -> None:
    def cite_the_future(story: dict) -> None:
        story["steps"][0]["cites"].append("nis-nk-troops-redeployed-feb-2025")

    issues = broken_story(data_copy, cite_the_future)
    assert "step 1: cites 'nis-nk-troops-redeployed-feb-2025', first reported on 2025-02-27, after the step's date" in (
        issues[0].problem
    )

    def say_so(story: dict) -> None:
        cite_the_future(story)
        story["steps"][0]["caption"] += " South Korea's NIS later saw them return (reported later)."

    path = data_copy / "stories" / "nk_troops_kursk.yaml"
    story = yaml.safe_load(path.read_text())
    say_so(story)
    path.write_text(yaml.safe_dump(story, sort_keys=False, allow_unicode=True))
    assert "nk-troops-kursk" in load_dataset(data_copy).stories


def test_no_bundled_step_cites_what_was_reported_after_it(bundled) -> None:
    for step in bundled.stories["nk-troops-kursk"].steps:
        later = [claim_id for claim_id in step.cites if bundled.by_id[claim_id].first_reported > step.as_of]
        assert not later or "reported later" in step.caption, step.title


@pytest.mark.parametrize("language", [Language.UK, Language.RU])
def test_the_bundled_story_reads_in_each_language_it_carries(bundled, language: Language) -> None:
    """Every step is translated in full: a step read half in English in a Ukrainian room is a step not prepared."""
    story = bundled.stories["nk-troops-kursk"]
    cyrillic = re.compile(r"[А-яІіЇїЄєҐґЁё]")
    assert cyrillic.search(story.words_in(language).title) and cyrillic.search(story.words_in(language).summary)
    for step in story.steps:
        said = step.words_in(language)
        assert said != step.words_in(Language.EN) and cyrillic.search(said.title) and cyrillic.search(said.caption)
    assert story.steps[5].words_in(language).title == {"uk": "Падіння Суджі", "ru": "Падение Суджи"}[language]


def test_english_is_the_story_as_written_and_a_missing_translation_reads_in_english(data_copy: Path) -> None:
    path = data_copy / "stories" / "nk_troops_kursk.yaml"
    story = yaml.safe_load(path.read_text())
    del story["steps"][0]["translations"]["ru"]
    story["steps"][1].pop("translations")
    path.write_text(yaml.safe_dump(story, sort_keys=False, allow_unicode=True))
    steps = load_dataset(data_copy).stories["nk-troops-kursk"].steps
    assert steps[0].words_in(Language.EN).title == "The incursion"
    assert steps[0].words_in(Language.RU).title == "The incursion"
    assert steps[0].words_in(Language.UK).title == "Вторгнення"
    assert steps[1].words_in(Language.UK).caption == steps[1].caption


def test_a_translation_is_held_to_the_captions_own_limits(data_copy: Path) -> None:
    def too_long(story: dict) -> None:
        story["steps"][2]["translations"]["uk"]["caption"] = "Дуже довго. " * 40
        story["steps"][3]["translations"]["de"] = {"title": "Abwesend", "caption": "Nicht an der Front."}

    issues = broken_story(data_copy, too_long)
    assert "steps.2.translations.uk.caption" in issues[0].problem
    assert "steps.3.translations.de" in issues[0].problem


def figures(text: str) -> list[str]:
    """The numbers a text states, written alike whatever the language's separators: 1,263 and 1 263 are 1263."""
    return sorted(re.findall(r"\d+", re.sub(r"(?<=\d)[,\s\u00a0\u202f](?=\d{3}(?!\d))", "", text)))


@pytest.mark.parametrize("language", [Language.UK, Language.RU])
def test_each_steps_speaker_notes_are_translated_with_the_same_figures(bundled, language: Language) -> None:
    """The presenter reads the notes in the room's language, and a translation adds no figure and drops none."""
    cyrillic = re.compile(r"[А-яІіЇїЄєҐґЁё]")
    for number, step in enumerate(bundled.stories["nk-troops-kursk"].steps, start=1):
        said = step.words_in(language).notes
        assert step.notes and cyrillic.search(said) and said != step.notes, number
        assert figures(said) == figures(step.notes), number


def test_a_translation_without_notes_keeps_the_english_notes(data_copy: Path) -> None:
    path = data_copy / "stories" / "nk_troops_kursk.yaml"
    story = yaml.safe_load(path.read_text())
    story["steps"][0]["translations"]["uk"].pop("notes")
    path.write_text(yaml.safe_dump(story, sort_keys=False, allow_unicode=True))
    step = load_dataset(data_copy).stories["nk-troops-kursk"].steps[0]
    assert step.words_in(Language.UK).title == "Вторгнення"
    assert step.words_in(Language.UK).notes == step.notes
    assert step.words_in(Language.RU).notes.startswith("Покажите на заштрихованный синий участок")
