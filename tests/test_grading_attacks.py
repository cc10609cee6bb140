"""Cheap attacks on the grades, generated: none may make a claim look surer than its information.

Each test draws a random little world (tests.test_grading.worlds), picks a target and adds what
an adversary (or a careless analyst) would add: echoes of the target, its allies, doubtful
supporters, hedged copies, figures within tolerance, retractions around the as-of date."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from geo.grading.figures import SAME_DATE, Interval, figure_links, interval
from geo.grading.rule import Grade, Grader, Relations, incoherence
from geo.model.confidence import Status
from geo.model.records import Claim, Measure, StatementKind
from tests.test_grading import CLAIMANTS, SIDES, SOURCES, better_or_equal, claim, grade_of, worlds

OUTLETS = [f"paper-{n}" for n in range(7)]


def strength(grade: Grade) -> tuple[int, int]:
    return grade.confidence.rank, -grade.credibility if grade.credibility != 6 else -3


@st.composite
def echoes(draw: st.DrawFn, target: Claim, count: int) -> list[Claim]:
    """Claims that only repeat the target's information, each a different way of hiding it: relaying its
    origin, a part of the same body, an outlet that published the target speaking in its own name, a
    source whose access is not recorded — chained, each echoing the one before, by supports or same_as."""
    made: list[Claim] = []
    for index in range(count):
        previous = made[-1].id if made else target.id
        how = draw(st.sampled_from(["relay", "part", "publisher", "unrecorded"]))
        fields: dict[str, object] = {"kind": target.kind, "favours": target.favours}
        if how == "relay":
            fields.update(claimant=draw(st.sampled_from(OUTLETS)), origin=target.origin or target.claimant)
            fields["access"] = "relayed"
        elif how == "part":
            fields.update(claimant={"ua-army": "ua-unit"}.get(target.claimant, target.claimant))
        elif how == "publisher":
            fields.update(claimant=target.reports[0].outlet)
        else:
            fields.update(claimant=draw(st.sampled_from([*OUTLETS, "anon"])), access="unknown")
        link = draw(st.sampled_from(["supports", "same_as"]))
        made.append(claim(f"echo-{index}", day=28, **fields, **{link: [previous]}))  # type: ignore[arg-type]
    return made


@given(worlds(), st.data())
def test_echoes_of_a_claim_never_raise_it(world: list[Claim], data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(world))
    before = grade_of(target.id, *world)
    after = grade_of(target.id, *world, *data.draw(echoes(target, data.draw(st.integers(1, 4)))))
    assert better_or_equal(before, after)


ALLIES = {"ru-mod": ["ru-paper", "kp-gov"], "kp-gov": ["ru-mod", "ru-paper"], "ru-paper": ["kp-gov", "ru-mod"]}
ALLIES |= {side: ["ua-army", "ua-unit", "ua-president"] for side in ("ua-army", "ua-unit", "ua-president")}


@given(worlds(), st.data())
def test_a_party_and_its_allies_never_confirm_each_other(world: list[Claim], data: st.DataObject) -> None:
    """Whatever the category, `about` or `favours` typed, and however long the chain."""
    target = data.draw(st.sampled_from([claim for claim in world if claim.claimant in ALLIES] or [None]))
    if target is None:
        return
    before = grade_of(target.id, *world)
    chain: list[Claim] = []
    for index in range(data.draw(st.integers(1, 3))):
        chain.append(
            claim(
                f"ally-{index}",
                data.draw(st.sampled_from(ALLIES[target.claimant])),
                28,
                category=data.draw(st.sampled_from(["casualties", "diplomacy", "territorial-control"])),
                about=data.draw(st.sampled_from(["ukraine", "russia", "north-korea"])),
                favours=data.draw(st.sampled_from(["ukraine", "russia", "north-korea", "neither", None])),
                kind=target.kind,
                supports=[chain[-1].id if chain else target.id],
            )
        )
    assert better_or_equal(before, grade_of(target.id, *world, *chain))


@given(worlds(), st.data())
def test_a_doubtful_or_refuted_supporter_lends_nothing(world: list[Claim], data: st.DataObject) -> None:
    """A supporter its own origin later retracts, or one a better-backed reliable source contradicts,
    adds nothing to the target's grade, even when the supporter is itself supported by the target."""
    target = data.draw(st.sampled_from(world))
    supporter = claim("doubtful", "paper-0", 20, kind="fact", supports=[target.id])
    how = data.draw(st.sampled_from(["retracted", "refuted"]))
    if how == "retracted":
        undoing = [claim("undo", "paper-0", 27, contradicts=["doubtful"])]
    else:
        undoing = [claim("undo", "paper-1", 27, contradicts=["doubtful"])]
        undoing += [claim(f"backer-{n}", f"paper-{n}", 27, supports=["undo"]) for n in range(2, len(world) + 5)]
    before = grade_of(target.id, *world, *undoing)
    after = grade_of(target.id, *world, supporter, *undoing)
    assert grade_of("doubtful", *world, supporter, *undoing).status is Status.REFUTED
    assert "doubtful" not in after.corroborated_by
    assert strength(after) == strength(before)


@given(st.sampled_from(["ua-army", "ua-president"]), st.sampled_from(["ru-mod", "kp-gov"]), st.data())
def test_self_serving_claims_cannot_confirm_each_other_through_a_cycle(
    ukrainian: str, russian: str, data: st.DataObject
) -> None:
    """Two parties' claims, each helping its own side and each the other's only support: the circle
    lends each at most weaker support, so neither is ever 'confirmed'."""
    favours_a, favours_b = ("ukraine", "russia") if data.draw(st.booleans()) else (None, None)
    a = claim("cycle-a", ukrainian, 20, favours=favours_a, supports=["cycle-b"])
    b = claim("cycle-b", russian, 21, favours=favours_b, supports=["cycle-a"])
    for grade in Grader([a, b], SOURCES, SIDES).grade_all().values():
        assert grade.credibility >= 2
        assert incoherence(grade) == []


HEDGES = ["probably", "may", "might", "could", "reportedly", "apparently", "possibly"]


@given(worlds(), st.data())
def test_a_hedged_copy_or_a_forecast_is_never_confirmed(world: list[Claim], data: st.DataObject) -> None:
    """'Were probably pulled out' typed as a fact, or any inference or forecast, with every strong
    independent source agreeing: at best probably true, never 'very likely' or 'almost certain'."""
    hedge = data.draw(st.sampled_from(HEDGES))
    kind = data.draw(st.sampled_from(["fact", "estimate", "inference", "forecast"]))
    words = f"North Korean troops {hedge} be withdrawn." if kind in {"fact", "estimate"} else "Troops left."
    hedged = claim("hedged", data.draw(st.sampled_from(CLAIMANTS)), 20, statement=words, kind=kind)
    backers = [claim(f"backer-{n}", f"paper-{n}", 27, supports=["hedged"]) for n in range(3)]
    grade = grade_of("hedged", *world, hedged, *backers)
    assert grade.credibility >= 2
    assert grade.likelihood not in {"very likely", "almost certain"}
    assert incoherence(grade) == []


FIGURE = st.builds(
    Measure,
    quantity=st.just("ua-held-area-km2"),
    value=st.floats(1, 5000, allow_nan=False),
    qualifier=st.sampled_from(["exact", "about", "over", "under"]),
)


def figure(claim_id: str, claimant: str, measure: Measure, day: int = 1, **fields: object) -> Claim:
    return claim(
        claim_id,
        claimant,
        day,
        kind="estimate",
        category="territorial-control",
        refers_to={"start": f"2025-01-{day:02d}", "end": f"2025-01-{day:02d}"},
        measure=measure.model_dump(exclude_none=True),
        **fields,
    )


@given(FIGURE, FIGURE, st.integers(0, 9), st.sampled_from(["ua-held-area-km2", "nk-casualties"]))
def test_figures_agree_exactly_when_their_intervals_overlap(
    one: Measure, two: Measure, apart: int, quantity: str
) -> None:
    """Within the quantity's window (a day for a front, a week for casualty totals), never beyond it."""
    one, two = one.model_copy(update={"quantity": quantity}), two.model_copy(update={"quantity": quantity})
    first, second = figure("first", "bbc", one, 10), figure("second", "kr-nis", two, 10 + apart)
    links = figure_links([first, second])
    pair = ("first", "second")
    if dt.timedelta(days=apart) > SAME_DATE[quantity]:
        assert pair not in links.agree | links.contradict
    else:
        overlaps = interval(one).overlaps(interval(two))
        assert (pair in links.agree, pair in links.contradict) == (overlaps, not overlaps)


@given(st.floats(10, 5000), st.floats(-0.049, 0.049))
def test_an_exact_figure_within_tolerance_agrees_and_a_hand_link_is_refused(value: float, off: float) -> None:
    """1,268 and 'about 1,376' are one peak; a hand-typed 'contradicts' between them is reported, not followed."""
    exact = Measure(quantity="ua-held-area-km2", value=value)
    close = Measure(quantity="ua-held-area-km2", value=value * (1 + off))
    first = figure("first", "ru-mod", exact, favours="russia")
    second = figure("second", "bbc", close, contradicts=["first"])
    relations = Relations.of([first, second])
    assert relations.agrees["first"] == ("second",) and relations.disagrees["first"] == ()
    assert any("compared by value" in problem.english for _, problem in relations.conflicts)


def test_over_and_about_read_as_the_words_say() -> None:
    assert interval(Measure(quantity="ua-held-area-km2", value=420, qualifier="over")) == Interval(420, 504)
    assert interval(Measure(quantity="ua-held-area-km2", value=1000, qualifier="about")).overlaps(Interval(1099, 1099))


@given(worlds(), st.data())
def test_a_derived_figure_never_grades_above_its_input(world: list[Claim], data: st.DataObject) -> None:
    peak = Measure(quantity="ua-held-area-peak-km2", value=1268)
    source = figure("peak", data.draw(st.sampled_from(CLAIMANTS)), peak, favours="russia")
    derived = figure(
        "held",
        source.claimant,
        Measure(quantity="ua-held-area-km2", value=467, derived_from="peak"),
        5,
        favours="russia",
    )
    backers = [
        figure(f"backer-{n}", f"paper-{n}", Measure(quantity="ua-held-area-km2", value=467), 5) for n in range(2)
    ]
    grades = Grader([*world, source, derived, *backers], SOURCES, SIDES).grade_all()
    assert grades["held"].credibility >= grades["peak"].credibility or grades["peak"].credibility == 6


@given(worlds(), st.data(), st.integers(2, 27))
def test_a_retraction_counts_from_its_own_date(world: list[Claim], data: st.DataObject, retracted_on: int) -> None:
    """Before its date, a retracted claim is graded and counts as if never retracted; from it, it is
    retracted and counts for nothing, as if it had never been made."""
    target = data.draw(st.sampled_from(world))
    on = dt.date(2025, 1, retracted_on)
    withdrawn = Claim.model_validate(
        {**target.model_dump(), "retraction": {"on": on, "reason": "Entered from a misread report.", "by": "Reviewer"}}
    )
    others = [claim for claim in world if claim.id != target.id]
    before_day, on_day = on - dt.timedelta(days=1), on
    before = Grader([*others, withdrawn], SOURCES, SIDES, before_day).grade_all()
    as_if_kept = Grader([*others, target], SOURCES, SIDES, before_day).grade_all()
    assert before == as_if_kept
    after = Grader([*others, withdrawn], SOURCES, SIDES, on_day).grade_all()
    assert after[target.id].status is Status.RETRACTED and after[target.id].credibility == 6
    never_made = Grader(others, SOURCES, SIDES, on_day).grade_all()
    assert {claim_id: grade.code for claim_id, grade in after.items() if claim_id != target.id} == {
        claim_id: grade.code for claim_id, grade in never_made.items()
    }


@given(worlds(), st.data(), st.sampled_from("ABC"))
def test_the_sources_letter_never_sets_the_informations_digit(
    world: list[Claim], data: st.DataObject, letter: str
) -> None:
    """Regrade the target's own source A, B or C: its digit stays (the letter still moves confidence)."""
    target = data.draw(st.sampled_from(world))
    sources = dict(SOURCES)
    sources[target.claimant] = SOURCES[target.claimant].model_copy(update={"reliability": letter})
    if SOURCES[target.claimant].reliability not in "ABC":
        return  # D–F are held at 3 or judged 6 on purpose (docs/grading.md, departure 2)
    before = Grader(world, SOURCES, SIDES).grade_all()[target.id]
    after = Grader(world, sources, SIDES).grade_all()[target.id]
    assert after.credibility == before.credibility


SUPERSEDED = "contradicted by its own source's later statement"
ASSERTIONS = ["fact", "estimate", "inference", "forecast"]
CAMPS = {"ukraine": ["ua-army", "ua-unit", "ua-president"], "russia": ["ru-mod", "ru-paper", "kp-gov"]}


@given(worlds(), st.data())
def test_one_partys_claim_and_the_other_partys_denial_never_read_the_same_way(
    world: list[Claim], data: st.DataObject
) -> None:
    """A denial is the negation of what it denies: when one party claims something for its side and the other
    denies it for its own, the two are never both likely, nor both unlikely (one of the two is true), whatever
    else the world holds."""
    ours, theirs = data.draw(st.permutations(list(CAMPS)))
    target = data.draw(st.sampled_from(world))
    target = target.model_copy(update={"claimant": data.draw(st.sampled_from(CAMPS[ours])), "origin": None})
    target = target.model_copy(
        update={
            "favours": data.draw(st.sampled_from([ours, None])),
            "kind": StatementKind(data.draw(st.sampled_from(ASSERTIONS))),
        }
    )
    denial = claim(
        "denial",
        data.draw(st.sampled_from(CAMPS[theirs])),
        data.draw(st.integers(1, 28)),
        kind="denial",
        access=data.draw(st.sampled_from(["own-forces", "own-collection", "own-side-official", "unknown"])),
        favours=data.draw(st.sampled_from([theirs, None])),
        contradicts=[target.id],
    )
    world = [target if other.id == target.id else other for other in world]
    grader = Grader([*world, denial], SOURCES, SIDES)
    assume(not grader.relations.conflicts and not grader.favour_conflicts())  # reported as data problems instead
    grades = grader.grade_all()
    pair = {grades[target.id].credibility, grades["denial"].credibility}
    assume(6 not in pair)
    assume(not any(SUPERSEDED in " ".join(grades[member].reasons) for member in (target.id, "denial")))
    assert not pair <= {1, 2}, f"{target.id} and its denial are both at least likely"
    assert not pair <= {4, 5}, f"{target.id} and its denial are both less than even"
