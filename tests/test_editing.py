"""A claim entered by hand is checked as the loader checks a file: each problem on its field, the grade it
would get, the claims it probably duplicates; and an analyst's edit re-applied on another's loses nothing."""

from __future__ import annotations

import re

import pytest

from geo.grading.rule import Relations
from geo.language.languages import Language
from geo.language.words import words_for
from geo.reading.dataset import Dataset
from geo.workflow.editing import FieldProblem, check_claim
from geo.workflow.three_way import reapply
from tests.conftest import valid_claim

SEED_CLAIM = "nk-absent-kursk-front-three-weeks"


def test_a_valid_claim_gets_the_grade_it_would_have_with_its_reasons(bundled: Dataset) -> None:
    checked = check_claim(valid_claim(), bundled)
    assert checked.valid and checked.problems == []
    assert checked.grade is not None and checked.grade.reasons[0].startswith("Source: Special Operations Forces")


def test_each_problem_is_named_on_its_field(bundled: Dataset) -> None:
    raw = valid_claim(
        statement="",
        claimant="nobody",
        reports=[{"outlet": "bbc", "date": "2025-02-30", "url": "ftp://example.org/x"}],
        location={"place": "Atlantis"},
    )
    checked = check_claim(raw, bundled)
    assert not checked.valid and checked.claim is None  # the model refused it: nothing to grade
    assert checked.on("statement") == ["Statement: required"]
    assert {problem.field for problem in checked.problems} >= {"reports.0.date", "reports.0.url"}
    checked = check_claim(valid_claim(claimant="nobody", location={"place": "Atlantis"}), bundled)
    assert checked.on("claimant") == ["claimant 'nobody' is not in sources.yaml"]
    assert checked.on("location") == ["place 'Atlantis' is not in the gazetteer"]


def test_ids_numbers_and_links_must_fit_the_other_claims(bundled: Dataset) -> None:
    taken = check_claim(valid_claim(id=SEED_CLAIM, number=bundled.numbers["rumod-sudzha-retaken"]), bundled)
    assert taken.on("id") and taken.on("number")
    assert check_claim(valid_claim(same_as=["nowhere"]), bundled).on("same_as") == ["no such claim: nowhere"]
    # one assertion with the seed claim, yet disputing a claim that agrees with it: the links contradict
    agreeing = Relations.of(bundled.claims).agrees[SEED_CLAIM][0]
    both = check_claim(valid_claim(id="both-ways", same_as=[SEED_CLAIM], contradicts=[agreeing]), bundled)
    assert both.on("contradicts") == [f"both-ways and {agreeing} are linked as agreeing and as contradicting"]
    assert check_claim(valid_claim(id="one-way", same_as=[SEED_CLAIM]), bundled).valid


def test_editing_a_claim_may_keep_its_own_id(bundled: Dataset) -> None:
    claim = bundled.by_id[SEED_CLAIM].model_dump(mode="json", exclude_defaults=True)
    assert check_claim(claim, bundled, replacing=SEED_CLAIM).valid


def test_a_copy_of_a_stored_claim_is_pointed_out(bundled: Dataset) -> None:
    stored = bundled.by_id[SEED_CLAIM].model_dump(mode="json", exclude_defaults=True)
    copy = {**stored, "id": "entered-again", "number": None}
    copy.pop("number")
    checked = check_claim(copy, bundled)
    assert checked.duplicates[0].id == SEED_CLAIM  # the likeliest first: its very words and reports
    assert checked.look_alikes[0].signals == ("same quote", "same origin, similar wording")


def test_reapplying_my_edit_on_theirs_keeps_both_and_names_the_clashes() -> None:
    base = {"statement": "Old.", "analyst_note": "", "category": "troop-presence"}
    theirs = {**base, "analyst_note": "Their note.", "category": "casualties"}
    mine = {**base, "statement": "New.", "category": "diplomacy"}
    merged, clashes = reapply(base, theirs, mine)
    assert merged == {"statement": "New.", "analyst_note": "Their note.", "category": "diplomacy"}
    assert clashes == ["category"]


FIGURE = "syrskyi-1000-km2-aug-12"  # Ukraine's first figure of the area it held in Kursk
SAID_TWICE = ("russia-has-not-commented", "kremlin-declines-comment-nk-withdrawal")  # one assertion (same_as)


def link_problems(bundled: Dataset) -> list[FieldProblem]:
    """A claim's links that cannot all hold, one of each kind: agreeing and disagreeing with one claim (the model
    refuses it), agreeing and contradicting one assertion at once, contradicting its own assertion, and a figure
    linked by hand to another of the same quantity."""
    agreeing = Relations.of(bundled.claims).agrees[SEED_CLAIM][0]
    held = bundled.by_id[FIGURE].model_dump(mode="json", exclude_defaults=True)
    figure = {**held, "id": "figure-linked-by-hand", "supports": [FIGURE]}
    figure.pop("number")
    checked = [
        check_claim(valid_claim(id="self-doubting", same_as=[SEED_CLAIM], contradicts=[SEED_CLAIM]), bundled),
        check_claim(valid_claim(id="both-ways", same_as=[SEED_CLAIM], contradicts=[agreeing]), bundled),
        check_claim(valid_claim(id="own-group", same_as=[SAID_TWICE[0]], contradicts=[SAID_TWICE[1]]), bundled),
        check_claim(figure, bundled),
    ]
    return [problem for one in checked for problem in one.problems if problem.field in {"contradicts", ""}]


def test_every_kind_of_link_problem_is_found(bundled: Dataset) -> None:
    said = [problem.message for problem in link_problems(bundled)]
    assert f"A claim cannot both agree with and contradict {SEED_CLAIM}" in said  # a sentence, not a Python list
    assert any("linked as agreeing and as contradicting" in message for message in said), said
    assert any(message.endswith("own assertion group (same_as)") for message in said), said
    by_hand = "figures of one quantity are compared by value (same date) or not at all, never linked by hand"
    assert f"supports {FIGURE}: {by_hand}; remove the link" in said


@pytest.mark.parametrize("language", [Language.UK, Language.RU], ids=lambda language: language.value)
def test_a_links_problem_is_said_in_the_readers_language_and_in_english_as_before(
    bundled: Dataset, language: Language
) -> None:
    """The English stays for the logs; the form says it in the reader's words, naming the same claims."""
    problems = link_problems(bundled)
    assert len(problems) >= 4
    for problem in problems:
        local = problem.said_in(words_for(language))
        ids = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", problem.message))
        assert ids and all(claim_id in local for claim_id in ids), (problem.message, local)
        rest = re.sub(r"[a-z0-9]+(?:-[a-z0-9]+)+|same_as", "", local)
        assert not re.search(r"[A-Za-z]{3,}", rest), local
