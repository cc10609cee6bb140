"""The grading rule: hand-made cases, and the bundled claims' grades.

The attacks on the rule (echoes, allies, doubtful supporters, hedges, figures, time) are generated
in tests/test_grading_attacks.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.grading.rule import Grade, Grader, Sides, grades_known_on, incoherence
from geo.model.claim_text import describe
from geo.model.confidence import ConfidenceLevel, Status
from geo.model.records import Alliance, Claim, Source

SOURCES = {
    source.id: source
    for source in (
        Source(id="ua-army", name="Ukrainian army", kind="military", affiliation="ukraine", reliability="C"),
        Source(
            id="ua-unit",
            name="A Ukrainian unit",
            kind="military",
            affiliation="ukraine",
            reliability="C",
            part_of="ua-army",
        ),
        Source(
            id="ua-president", name="Ukraine's president", kind="government", affiliation="ukraine", reliability="C"
        ),
        Source(id="ru-mod", name="Russian MoD", kind="military", affiliation="russia", reliability="D"),
        Source(id="ru-paper", name="A Russian paper", kind="news-outlet", affiliation="russia", reliability="C"),
        Source(id="kp-gov", name="North Korea", kind="government", affiliation="north-korea", reliability="E"),
        Source(
            id="kr-nis",
            name="South Korean NIS",
            kind="intelligence",
            affiliation="third-party-government",
            reliability="B",
        ),
        Source(id="isw", name="ISW", kind="think-tank", affiliation="independent", reliability="B"),
        Source(id="bbc", name="BBC", kind="news-outlet", affiliation="independent", reliability="B"),
        Source(id="anon", name="Someone", kind="other", affiliation="independent", reliability="F"),
        *(
            Source(id=f"paper-{n}", name=f"Paper {n}", kind="news-outlet", affiliation="independent", reliability="A")
            for n in range(20)
        ),
    )
}
SIDES = Sides((Alliance(id="ru-kp", name="Russia and North Korea", members=["russia", "north-korea"]),))


def claim(claim_id: str, claimant: str, day: int = 1, **fields: Any) -> Claim:
    """A claim as an analyst records one: a statement of fact from the claimant's own collection,
    published by an outlet of its own; whom it favours given where the claimant is a party."""
    record = {
        "id": claim_id,
        "statement": f"Statement {claim_id}",
        "claimant": claimant,
        "reports": [{"outlet": f"paper-{9 - day % 3}", "date": dt.date(2025, 1, day).isoformat()}],
        "refers_to": {"start": "2025-01-01", "end": "2025-01-01"},
        "location": {"area": "kursk-front"},
        "category": "troop-presence",
        "about": "north-korea",
        "kind": "fact",
        "access": "own-collection",
    }
    record.update(fields)
    return Claim.model_validate(record)


def grade_of(target: str, *claims: Claim, sides: Sides = SIDES, as_of: dt.date | None = None) -> Grade:
    return Grader(claims, SOURCES, sides, as_of).grade_all()[target]


CASES = [
    pytest.param([claim("x", "bbc")], "B3", Status.CLAIMED, ConfidenceLevel.MODERATE, id="single reliable source"),
    pytest.param(
        [
            claim("x", "ru-mod", favours="russia"),
            claim("y", "ua-army", favours="ukraine", kind="denial", contradicts=["x"]),
        ],
        "D3",
        Status.DISPUTED,
        ConfidenceLevel.LOW,
        id="a party's claim denied by the other party is possibly true, not doubtful",
    ),
    pytest.param(
        [
            claim("y", "ru-mod", favours="russia"),
            claim("x", "ua-army", favours="ukraine", kind="denial", contradicts=["y"]),
        ],
        "C3",
        Status.DISPUTED,
        ConfidenceLevel.MODERATE,
        id="the other party's denial is possibly true too",
    ),
    pytest.param(
        [
            claim("x", "ru-mod", favours="russia"),
            claim("y", "ua-army", favours="ukraine", contradicts=["x"]),
        ],
        "D4",
        Status.DISPUTED,
        ConfidenceLevel.LOW,
        id="two parties' contradicting claims that are not each other's negation may both be doubtful",
    ),
    pytest.param(
        [claim("x", "kp-gov", favours="neither")],
        "E3",
        Status.CLAIMED,
        ConfidenceLevel.LOW,
        id="the letter does not set the digit",
    ),
    pytest.param(
        [claim("x", "ua-army", favours="ukraine"), claim("y", "kr-nis", supports=["x"])],
        "C1",
        Status.CORROBORATED,
        ConfidenceLevel.HIGH,
        id="confirmed by an independent B source",
    ),
    pytest.param(
        [claim("x", "ua-army", favours="ukraine"), claim("y", "ua-unit", favours="ukraine", supports=["x"])],
        "C4",
        Status.CLAIMED,
        ConfidenceLevel.LOW,
        id="circular: a part of the same body, for its own side",
    ),
    pytest.param(
        [claim("x", "ua-army", favours="ukraine"), claim("y", "ua-president", favours="ukraine", supports=["x"])],
        "C4",
        Status.CLAIMED,
        ConfidenceLevel.LOW,
        id="stake: confirmed only by the same side",
    ),
    pytest.param(
        [
            claim("x", "ru-mod", favours="russia"),
            claim("y", "isw", access="analysis", supports=["x"]),
        ],
        "D1",
        Status.ASSESSED,
        ConfidenceLevel.HIGH,
        id="own gains assessed by an analyst",
    ),
    pytest.param(
        [
            claim("x", "kp-gov", 1, kind="denial", favours="north-korea"),
            claim("y", "kp-gov", 20, contradicts=["x"], favours="neither"),
        ],
        "E5",
        Status.REFUTED,
        ConfidenceLevel.LOW,
        id="retracted later by the same source",
    ),
    pytest.param([claim("x", "anon")], "F6", Status.CLAIMED, ConfidenceLevel.LOW, id="cannot be judged"),
    pytest.param(
        [claim("x", "bbc"), claim("y", "kr-nis", contradicts=["x"])],
        "B3",
        Status.DISPUTED,
        ConfidenceLevel.MODERATE,
        id="disputed by an equally supported source",
    ),
    pytest.param(
        [
            claim("x", "ua-army", favours="ukraine"),
            claim("y", "kr-nis", contradicts=["x"]),
            claim("z", "isw", supports=["y"]),
        ],
        "C5",
        Status.REFUTED,
        ConfidenceLevel.LOW,
        id="refuted by a better-corroborated reliable source",
    ),
    pytest.param(
        [
            claim("x", "ua-army", favours="ukraine"),
            claim("w", "bbc", supports=["x"]),
            claim("y", "kr-nis", contradicts=["x"]),
            claim("z", "isw", supports=["y"]),
        ],
        "C3",
        Status.DISPUTED,
        ConfidenceLevel.MODERATE,
        id="only disputed when both sides are equally corroborated",
    ),
    pytest.param(
        [claim("x", "bbc", kind="inference"), claim("y", "kr-nis", supports=["x"]), claim("z", "isw", supports=["x"])],
        "B2",
        Status.ASSESSED,
        ConfidenceLevel.HIGH,
        id="an inference is never confirmed",
    ),
    pytest.param(
        [claim("x", "bbc", kind="forecast"), claim("y", "kr-nis", supports=["x"])],
        "B2",
        Status.CORROBORATED,
        ConfidenceLevel.HIGH,
        id="a forecast borne out is probably true at best",
    ),
    pytest.param(
        [claim("x", "bbc", statement="Troops were probably withdrawn."), claim("y", "kr-nis", supports=["x"])],
        "B2",
        Status.CORROBORATED,
        ConfidenceLevel.HIGH,
        id="a 'fact' that hedges is graded as an inference",
    ),
]


@pytest.mark.parametrize(("claims", "code", "status", "confidence"), CASES)
def test_rule_on_hand_made_cases(claims: list[Claim], code: str, status: Status, confidence: ConfidenceLevel) -> None:
    grade = grade_of("x", *claims)
    assert (grade.code, grade.status, grade.confidence) == (code, status, confidence)
    assert grade.reasons[0].startswith("Source: ")
    assert incoherence(grade) == []


def test_every_grade_explains_itself() -> None:
    grade = grade_of(
        "x",
        claim("x", "ua-army", category="casualties", favours="ukraine"),
        claim("y", "ua-unit", category="casualties", favours="ukraine", supports=["x"]),
        claim("z", "kr-nis", category="casualties", supports=["x"]),
    )
    text = " ".join(grade.reasons)
    assert "graded C (fairly reliable)" in text
    assert "How it knows: its own collection" in text
    assert "Independently corroborated by 1 other origin: South Korean NIS, graded B (z)" in text
    assert "Not counted as corroboration: A Ukrainian unit — same origin (Ukrainian army)" in text
    assert "helps its own side" in text
    assert str(grade.supports[0].origin) == "South Korean NIS" and grade.supports[0].claim_id == "z"


def test_an_inference_is_no_surer_than_what_its_own_origin_observed() -> None:
    """'Probably pulled out because of heavy losses' rests on the same unit's observation of the absence."""
    observed = claim("seen", "ua-army", favours="ukraine")
    inferred = claim("why", "ua-unit", kind="inference", favours="ukraine", supports=["seen"])
    outside = claim("nis", "kr-nis", kind="inference", supports=["why"])
    grade = grade_of("why", observed, inferred, outside)
    assert grade.credibility >= grade_of("seen", observed, inferred, outside).credibility
    assert any("no surer than that" in reason for reason in grade.reasons)


def test_override_keeps_the_rule_verdict_beside_it() -> None:
    overridden = claim("x", "bbc", override={"credibility": 2, "rationale": "First-hand and self-evident."})
    grade = grade_of("x", overridden)
    assert grade.credibility == 2 and grade.derived is not None and grade.derived.credibility == 3
    assert grade.override_rationale == "First-hand and self-evident."
    assert grade.likelihood == "likely" and incoherence(grade) == []


def test_an_override_that_contradicts_itself_is_not_applied_and_is_reported() -> None:
    overridden = claim("x", "bbc", override={"credibility": 1, "rationale": "First-hand and self-evident."})
    grader = Grader([overridden], SOURCES)
    grade = grader.grade_all()["x"]
    assert grade.derived is None and grade.code == "B3"
    assert "credibility 1 (confirmed by other sources) contradicts status 'claimed'" in grader.problems["x"]


def test_likelihood_is_its_own_sentence_without_the_confidence_level(bundled) -> None:
    text = describe(
        bundled.by_id["nis-nk-special-forces-shipped-oct-2024"],
        bundled.grade_all()["nis-nk-special-forces-shipped-oct-2024"],
        bundled,
    )
    assert text.likelihood_sentence == "We judge it almost certain (95–99%) that the claim is true."
    assert not any(level.value.lower() in text.likelihood_sentence.lower() for level in ConfidenceLevel)
    assert text.confidence_sentence.startswith("We have high confidence in this claim: it is confirmed independently")


# Properties over random little worlds of claims.
CLAIMANTS = ["ua-army", "ua-unit", "ua-president", "ru-mod", "ru-paper", "kp-gov", "kr-nis", "isw", "bbc", "anon"]
KINDS = ["fact", "estimate", "inference", "forecast", "denial", "no-comment"]
FAVOURS = ["ukraine", "russia", "north-korea", "neither", None]
ACCESS = ["own-forces", "own-collection", "own-side-official", "analysis", "unknown"]


@st.composite
def worlds(draw: st.DrawFn) -> list[Claim]:
    size = draw(st.integers(1, 7))
    claims = []
    for index in range(size):
        earlier = [f"c{other}" for other in range(index)]
        links = draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        split = draw(st.integers(0, len(links)))
        same = draw(st.integers(0, split))
        claims.append(
            claim(
                f"c{index}",
                draw(st.sampled_from(CLAIMANTS)),
                draw(st.integers(1, 27)),
                kind=draw(st.sampled_from(KINDS)),
                access=draw(st.sampled_from(ACCESS)),
                favours=draw(st.sampled_from(FAVOURS)),
                against_interest=False,
                same_as=links[:same],
                supports=links[same:split],
                contradicts=links[split:],
            )
        )
    return claims


@given(worlds())
def test_every_grade_of_a_random_world_is_coherent(world: list[Claim]) -> None:
    """Low confidence never with 'likely' or better, 'confirmed' only at 1, and so on (see incoherence)."""
    for grade in Grader(world, SOURCES, SIDES).grade_all().values():
        assert incoherence(grade) == []


@given(worlds(), st.data())
def test_any_member_of_a_group_is_as_good_a_link_as_another(world: list[Claim], data: st.DataObject) -> None:
    relations = Grader(world, SOURCES, SIDES).relations
    target = data.draw(st.sampled_from(world))
    members = [target.id, *relations.groups[target.id]]
    newcomer = {"claimant": data.draw(st.sampled_from(CLAIMANTS)), "kind": target.kind, "favours": target.favours}
    graded = [grade_of("new", *world, claim("new", day=28, same_as=[member], **newcomer)) for member in members]
    assert len({(grade.code, grade.status, grade.confidence, grade.likelihood) for grade in graded}) == 1


BELIEF = {1: 5, 2: 4, 3: 3, 6: 3, 4: 2, 5: 1}  # 6, "cannot be judged", is no evidence either way


def better_or_equal(after: Grade, before: Grade) -> bool:
    return after.confidence.rank >= before.confidence.rank and BELIEF[after.credibility] >= BELIEF[before.credibility]


@given(worlds(), st.data())
def test_adding_an_independent_corroboration_never_lowers_confidence(world: list[Claim], data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(world)).id
    before = grade_of(target, *world)
    support = claim("new-support", "paper-0", 28, supports=[target])
    after = grade_of(target, *world, support)
    assert better_or_equal(after, before)


@given(worlds(), st.data())
def test_a_refutation_by_a_reliable_source_lowers_confidence(world: list[Claim], data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(world)).id
    before = grade_of(target, *world)
    refutation = claim("refutation", "paper-0", 28, contradicts=[target])
    # More independent backers than the target could have supporters, so the refutation outweighs it.
    backers = [claim(f"backer-{n}", f"paper-{n}", 28, supports=["refutation"]) for n in range(1, len(world) + 2)]
    after = grade_of(target, *world, refutation, *backers)
    assert after.status is Status.REFUTED
    assert better_or_equal(before, after)


def test_sources_of_one_state_are_one_origin(bundled) -> None:
    """The Kremlin repeating the General Staff is not corroboration."""
    general_staff = claim("x", "ru-general-staff", category="territorial-control", favours="russia")
    kremlin = claim("y", "ru-president", category="territorial-control", favours="russia", supports=["x"])
    grade = Grader([general_staff, kremlin], bundled.sources, bundled.sides).grade_all()["x"]
    assert grade.status is Status.CLAIMED and grade.corroborated_by == ()
    assert any("speaks for Russian state" in reason for reason in grade.reasons)
    assert any(reason.startswith("Not counted as corroboration: President of Russia") for reason in grade.reasons)


@pytest.mark.parametrize("category", ["casualties", "diplomacy", "troop-presence", "territorial-control"])
@pytest.mark.parametrize("favours", ["ukraine", "neither", None])
def test_allies_never_corroborate_each_other_whatever_the_category(bundled, category: str, favours: str | None) -> None:
    treaty = claim("x", "kp-government", category=category, favours=favours)
    echo = claim("y", "ru-mod", category=category, favours=favours, supports=["x"])
    grade = Grader([treaty, echo], bundled.sources, bundled.sides).grade_all()["x"]
    assert grade.corroborated_by == () and grade.not_counted == ("y",)
    assert any("allies: North Korea, Russia" in reason for reason in grade.reasons)


def test_a_disagreement_inside_one_state_is_no_retraction(bundled) -> None:
    first = claim("x", "ua-sof", 1, favours="ukraine")
    later = claim("y", "ua-hur", 20, contradicts=["x"], favours="neither")
    grade = Grader([first, later], bundled.sources, bundled.sides).grade_all()["x"]
    assert grade.status is not Status.REFUTED
    assert any("within the same origin" in reason for reason in grade.reasons)


def copy_of(bundled, claim_id: str, **changes: Any) -> Claim:
    record = bundled.by_id[claim_id].model_dump(exclude_none=True)
    record.update({"id": "entered-anew", "number": None, "same_as": [], "supports": [], "contradicts": []}, **changes)
    return Claim.model_validate(record)


def shown_grade(grade: Grade) -> tuple[object, ...]:
    return (grade.code, grade.status, grade.confidence, grade.likelihood, grade.confidence_reason)


@pytest.mark.parametrize("member", ["kp-confirms-troops-fought-in-kursk", "putin-thanks-nk-troops-kursk"])
def test_a_claim_linked_to_any_member_of_an_assertion_group_grades_like_the_group(bundled, member: str) -> None:
    """KCNA's confirmation entered anew with one same_as link grades as the bundled one with all its links."""
    anew = copy_of(bundled, "kp-confirms-troops-fought-in-kursk", same_as=[member])
    grades = Grader([*bundled.claims, anew], bundled.sources, bundled.sides).grade_all()
    bundled_grade, new_grade = grades["kp-confirms-troops-fought-in-kursk"], grades["entered-anew"]
    assert shown_grade(new_grade)[1:4] == shown_grade(bundled_grade)[1:4]
    assert set(new_grade.corroborated_by) - {"kp-confirms-troops-fought-in-kursk"} <= set(bundled_grade.corroborated_by)


def test_every_bundled_grade_is_coherent(bundled) -> None:
    for claim_id, grade in bundled.grade_all().items():
        assert incoherence(grade) == [], claim_id
        assert grade.confidence_reason, claim_id


BUNDLED = [
    ("nk-absent-kursk-front-three-weeks", "C2", Status.CORROBORATED, ConfidenceLevel.MODERATE),
    ("nk-withdrew-after-heavy-losses", "C2", Status.CORROBORATED, ConfidenceLevel.HIGH),
    ("nk-withdrawal-may-be-temporary", "B2", Status.CORROBORATED, ConfidenceLevel.HIGH),
    ("nk-about-1000-killed-in-three-months", "F3", Status.DISPUTED, ConfidenceLevel.LOW),
    ("zelensky-makhnovka-nk-battalion-losses", "C1", Status.CORROBORATED, ConfidenceLevel.MODERATE),
    ("zelensky-4000-nk-casualties-jan-2025", "C4", Status.DISPUTED, ConfidenceLevel.LOW),
    ("kp-denies-deployment-oct-2024", "E5", Status.REFUTED, ConfidenceLevel.LOW),
    ("budanov-nk-troops-still-fighting", "C4", Status.DISPUTED, ConfidenceLevel.LOW),
    ("rumod-sudzha-retaken", "D1", Status.ASSESSED, ConfidenceLevel.HIGH),
    ("russia-retook-part-of-kursk-salient", "B3", Status.CLAIMED, ConfidenceLevel.MODERATE),
    ("nk-troops-unready-for-modern-war-drones", "B3", Status.CLAIMED, ConfidenceLevel.MODERATE),
]


@pytest.mark.parametrize(("claim_id", "code", "status", "confidence"), BUNDLED)
def test_bundled_claims_get_the_rule_grades(
    bundled, claim_id: str, code: str, status: Status, confidence: ConfidenceLevel
) -> None:
    grade = bundled.grade_all()[claim_id]
    assert (grade.code, grade.status, grade.confidence) == (code, status, confidence)
    assert grade.derived is None


def test_bundled_overrides_are_rare_and_reasoned(bundled) -> None:
    grades = bundled.grade_all()
    overridden = [grade for grade in grades.values() if grade.derived is not None]
    assert 0 < len(overridden) <= len(grades) // 10
    assert all(len(grade.override_rationale) > 40 for grade in overridden)


def test_every_claimant_has_a_reliability_note_and_every_claim_what_the_rule_needs(bundled) -> None:
    """F is an honest grade; an unexplained one is not. Kind and access are recorded for every claim."""
    for claim in bundled.claims:
        source = bundled.sources[claim.claimant]
        assert source.reliability_note, claim.claimant
        assert claim.kind is not None and claim.access.value != "unknown", claim.id


def test_the_confidence_sentence_names_every_disputer(bundled) -> None:
    for claim_id, grade in bundled.grade_all().items():
        if grade.status is Status.DISPUTED and grade.derived is None:
            assert "dispute" in grade.confidence_reason, claim_id


@given(worlds(), st.randoms(use_true_random=False))
def test_grades_do_not_depend_on_the_order_claims_are_read_in(world: list[Claim], random) -> None:
    """A bundle read from files, a store and a form's check see claims in other orders: one grade each."""
    shuffled = list(world)
    random.shuffle(shuffled)
    assert Grader(shuffled, SOURCES, SIDES).grade_all() == Grader(world, SOURCES, SIDES).grade_all()


def test_a_retraction_is_neither_graded_nor_shown_before_its_date(bundled) -> None:
    """Known then on 7 February, a retraction of 14 February has not happened yet; from 14 February it has."""
    original = bundled.by_id["zelensky-nk-troops-back-in-kursk-feb-2025"]
    retraction = {"on": "2025-02-14", "reason": "The address was misquoted in the first reports.", "by": "Reviewer"}
    withdrawn = Claim.model_validate({**original.model_dump(), "retraction": retraction})
    claims = [withdrawn if claim.id == original.id else claim for claim in bundled.claims]
    for day, retracted in ((dt.date(2025, 2, 7), False), (dt.date(2025, 2, 14), True)):
        grade = grades_known_on(claims, bundled.sources, day, bundled.sides)[original.id]
        text = describe(withdrawn, grade, bundled)
        assert (grade.status is Status.RETRACTED) == retracted
        assert bool(text.retraction) == retracted and incoherence(grade) == []


def test_an_override_to_high_confidence_needs_what_high_means() -> None:
    """High confidence means independent corroboration and a source graded A or B; an override cannot skip them."""
    overridden = claim(
        "x", "ua-army", favours="neither", override={"credibility": 2, "confidence": "High", "rationale": "First-hand."}
    )
    grader = Grader([overridden], SOURCES, SIDES)
    assert grader.grade_all()["x"].derived is None
    assert "high confidence needs independent corroboration" in grader.problems["x"]


def test_a_denial_helping_the_same_side_or_an_assertion_helping_two_is_reported() -> None:
    """Such a record would grade both ways; the check names it so the data can say which side it helps."""
    grader = Grader(
        [
            claim("x", "ru-mod", favours="russia"),
            claim("y", "ua-army", favours="north-korea", kind="denial", contradicts=["x"]),
            claim("z", "ua-president", favours="ukraine", same_as=["x"]),
            claim("w", "bbc", favours="neither", same_as=["x"]),
        ],
        SOURCES,
        SIDES,
    )
    assert sorted(grader.favour_conflicts()) == [
        ("x", "favours: it asserts the same as z, which favours ukraine; the two cannot both be right"),
        ("x", "favours: it is the negation of y, which favours north-korea; the two cannot both be right"),
    ]
