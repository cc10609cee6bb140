"""The likely-duplicate check (geo.grading.duplicates): every way a claim gets entered twice is caught, as a class.

Copies are generated from bundled and synthetic claims: a sentence split in two, another claimant of the same
body, another outlet's article a day later, words dropped and reordered, another area or a nearby place, and
any mix of these. Independent claims are not flagged, and the indexes that keep 10,000 claims fast never hide
a pair that judging every pair would flag."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from geo.grading.duplicates import (
    QUOTE_RUN,
    Comparer,
    Duplicate,
    Finder,
    Geography,
    Links,
    duplicate_matches,
    find_duplicates,
    negated,
    profile_of,
    speaker_words,
    word_stems,
)
from geo.grading.rule import origin_of, root_of
from geo.model.records import Category, Claim, Location
from geo.reading.dataset import Dataset
from geo.reading.validate import main as validate_main
from geo.workflow.editing import check_claim
from tests.conftest import valid_claim, write_claims

GERASIMOV = "gerasimov-kursk-fully-liberated"
FIRST_DAY, LAST_DAY = dt.date(2024, 8, 6), dt.date(2025, 5, 20)


def nonsense_words() -> list[str]:
    """Made-up words, each with its own five-letter stem, that no source's name contains."""
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    words, stems = [], set()
    for first, second, third in itertools.product(consonants, repeat=3):
        for vowel in vowels:
            word = f"{first}{vowel}{second}{vowels[(vowels.index(vowel) + 2) % 5]}{third}a"
            if word[:5] not in stems:
                stems.add(word[:5])
                words.append(word)
        if len(words) >= 240:
            return words
    return words


WORDS = nonsense_words()
LEFT, RIGHT = WORDS[: len(WORDS) // 2], WORDS[len(WORDS) // 2 :]  # two vocabularies with no stem in common


class World:
    """The bundle a strategy draws from, with a short repr (hypothesis prints its strategies' arguments)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def __repr__(self) -> str:
        return "World(bundled)"


def pairs(found: list[Duplicate]) -> set[frozenset[str]]:
    return {frozenset((match.first.id, match.second.id)) for match in found}


def flagged(dataset: Dataset, claims: list[Claim]) -> set[frozenset[str]]:
    return pairs(find_duplicates(claims, dataset.sources, dataset.places, dataset.areas))


def claim_of(**fields: Any) -> Claim:
    return Claim.model_validate(valid_claim(**fields))


def root(dataset: Dataset, claim: Claim) -> str:
    return root_of(origin_of(claim), dataset.sources)


def unlinked(claim: Claim, **changes: Any) -> dict[str, Any]:
    """A claim's record without its links and number, as someone entering it again would type it."""
    record = claim.model_dump(mode="json", exclude_defaults=True)
    for key in ("number", "same_as", "supports", "contradicts", "override", "retraction"):
        record.pop(key, None)
    return {**record, **changes}


# --- The classes the issue names ---------------------------------------------------------------------------------


def test_one_sentence_split_into_two_claims_is_flagged_wherever_and_whoever(bundled: Dataset) -> None:
    """#39/#40: "North Korea and Russia have not commented." as two claims, placed at Pyongyang and Moscow."""
    sentence = {"outlet": "bbc", "date": "2025-01-31", "url": "https://www.bbc.com/news/articles/x"}
    north = claim_of(
        id="north-korea-silent",
        statement="North Korea did not comment on reports that its troops had withdrawn.",
        claimant="bbc",
        reports=[{**sentence, "quote": "North Korea and Russia have not commented."}],
        location={"point": {"lat": 39.04, "lon": 125.76}, "precision_km": 50, "beyond_region": True},
        category="diplomacy",
    )
    russia = claim_of(
        id="russia-silent",
        statement="Russia did not comment on the reports.",
        claimant="bbc",
        # another outlet's copy of the same words, cut short: still one sentence
        reports=[
            {"outlet": "moscow-times", "date": "2025-02-01", "quote": "north korea and russia have not commented"}
        ],
        location={"point": {"lat": 55.76, "lon": 37.62}, "precision_km": 50, "beyond_region": True},
        category="diplomacy",
    )
    misattributed = claim_of(**unlinked(russia, claimant="ru-president", id="misattributed"))
    found = find_duplicates([north, russia, misattributed], bundled.sources, bundled.places, bundled.areas)
    assert pairs(found) == {
        frozenset(("north-korea-silent", "russia-silent")),
        frozenset(("north-korea-silent", "misattributed")),
        frozenset(("russia-silent", "misattributed")),
    }
    assert all("same quote" in match.signals for match in found)


def test_a_short_quote_inside_a_longer_one_is_the_same_sentence(bundled: Dataset) -> None:
    longer = claim_of(id="longer", reports=[{"outlet": "bbc", "date": "2025-01-31", "quote": "We have seen no trace."}])
    shorter_words = "we have seen no"  # fewer words than a run, all inside the other quote
    assert len(shorter_words.split()) < QUOTE_RUN
    shorter = claim_of(
        id="shorter",
        statement="Something else entirely.",
        claimant="kr-nis",
        reports=[{"outlet": "yonhap", "date": "2025-02-01", "quote": shorter_words}],
    )
    assert flagged(bundled, [longer, shorter]) == {frozenset(("longer", "shorter"))}


def test_one_post_entered_under_two_claimants_of_one_body_is_flagged(bundled: Dataset) -> None:
    """#30/#31: one Russian ministry post, entered under the ministry and again under its General Staff."""
    post = {"outlet": "47news", "date": "2025-01-17", "url": "https://47news.ru/articles/263638"}
    common = {"category": "territorial-control", "location": {"area": "ua-held-kursk"}, "about": "ukraine"}
    held = claim_of(
        id="held-now",
        statement="About 467 square kilometres remained in Ukrainian hands.",
        claimant="ru-mod",
        reports=[post],
        refers_to={"start": "2025-01-17", "end": "2025-01-17"},
        **common,
    )
    peak = claim_of(
        id="peak",
        statement="Ukraine had initially occupied 1,268 square kilometres.",
        claimant="ru-general-staff",
        reports=[{**post, "url": "http://www.47news.ru/articles/263638/?utm_source=telegram"}],
        refers_to={"start": "2024-08-06", "end": "2024-09-11", "precision": "period"},
        **common,
    )
    [match] = find_duplicates([held, peak], bundled.sources, bundled.places, bundled.areas)
    assert match.signals == ("one report, two attributions",)
    assert "attributed to ru-" in match.problem({}) and "and to ru-" in match.problem({})
    # One claimant's two statements in one post are two claims: only its words or quote would say otherwise.
    same_claimant = claim_of(**unlinked(peak, claimant="ru-mod", id="peak"))
    assert flagged(bundled, [held, same_claimant]) == set()


def test_one_analysis_credited_to_two_claimants_is_flagged(bundled: Dataset) -> None:
    """#10/#11: one Agentstvo analysis of DeepState's map, under DeepState and under Agentstvo relaying it;
    the outlet's article was seen only in copies, so neither report has a URL."""
    article = {"outlet": "euromaidan-press", "date": "2024-10-14"}
    common = {"category": "territorial-control", "location": {"area": "ua-held-kursk"}, "about": "ukraine"}
    peak = claim_of(
        id="peak-900",
        statement="At its peak the Ukrainian-held area was about 900 square kilometres.",
        claimant="deepstate",
        reports=[article],
        refers_to={"start": "2024-08-06", "end": "2024-09-11", "precision": "period"},
        **common,
    )
    now = claim_of(
        id="now-660",
        statement="The Ukrainian-held area had shrunk to about 660 square kilometres.",
        claimant="agentstvo",
        origin="deepstate",
        reports=[article],
        refers_to={"start": "2024-10-14", "end": "2024-10-14"},
        **common,
    )
    [match] = find_duplicates([peak, now], bundled.sources, bundled.places, bundled.areas)
    assert match.signals == ("one report, two attributions",)
    assert "agentstvo relaying deepstate" in match.problem({})


def test_the_same_statement_coded_at_another_area_or_a_nearby_place_is_flagged(bundled: Dataset) -> None:
    here = claim_of(id="at-sudzha", statement="North Korean troops were seen on the road near the town.")
    for location in ({"area": "kursk-front"}, {"point": {"lat": 51.21, "lon": 35.30}, "precision_km": 3}):
        there = claim_of(**unlinked(here, id="elsewhere", location=location))
        assert flagged(bundled, [here, there]) == {frozenset(("at-sudzha", "elsewhere"))}, location
    far = claim_of(**unlinked(here, id="far", location={"place": "Kursk"}))  # the city, 90 km off: another claim
    assert flagged(bundled, [here, far]) == set()


SECOND_ARTICLES = {
    "the Kremlin, next day, in the article's words, at the oblast": {
        "claimant": "ru-president",
        "statement": "Russia's chief of the General Staff, Valery Gerasimov, reported to President Vladimir Putin "
        "that Ukrainian forces had been completely expelled from the Kursk region.",
        "location": {"area": "kursk-oblast"},
        "reports": [{"outlet": "reuters", "date": "2025-04-27", "url": "https://www.reuters.com/world/europe/kursk"}],
    },
    "the ministry, a short version, at the front": {
        "claimant": "ru-mod",
        "statement": "Russia said it had retaken all of the Kursk region.",
        "location": {"area": "kursk-front"},
        "reports": [{"outlet": "tass", "date": "2025-04-26", "url": "https://tass.com/defense/kursk"}],
    },
    "two days later, at a place": {
        "statement": "The last village held by Ukraine in Kursk region, Gornal, was liberated, Russia's General "
        "Staff said.",
        "location": {"place": "Sudzha"},
        "reports": [{"outlet": "ap", "date": "2025-04-28"}],
    },
    "the Kremlin's figure, placed at Moscow": {
        "claimant": "ru-president",
        "statement": "Putin congratulated the army on the complete liberation of the region.",
        "location": {"point": {"lat": 55.75, "lon": 37.62}, "precision_km": 50, "beyond_region": True},
        "measure": {"quantity": "ua-held-area-km2", "value": 0},
        "reports": [{"outlet": "reuters", "date": "2025-04-27"}],
    },
    "the Kremlin quoting Gerasimov, placed at Moscow": {
        "claimant": "ru-president",
        "statement": "Putin hailed the liberation of Kursk.",
        "location": {"point": {"lat": 55.75, "lon": 37.62}, "precision_km": 50, "beyond_region": True},
        "reports": [
            {
                "outlet": "dw",
                "date": "2025-04-27",
                "quote": "Today, the last settlement in the Kursk region, the village of Gornal, has been liberated",
            }
        ],
    },
    "word for word, from an article five days later": {
        "reports": [{"outlet": "dw", "date": "2025-05-01", "url": "https://www.dw.com/en/kursk"}],
    },
}


@pytest.mark.parametrize("article", SECOND_ARTICLES)
def test_the_gerasimov_statement_entered_again_from_a_second_article_is_flagged(bundled: Dataset, article: str) -> None:
    """The old check compared only claims of one origin, category and exact location first reported within a
    day whose statements shared half their stems; each of these entries differs from the bundled one in one
    of those (and the article's wording names who spoke, "Gerasimov told Putin"), so it stayed silent."""
    original = bundled.by_id[GERASIMOV]
    record = unlinked(original, id="gerasimov-again", **SECOND_ARTICLES[article])
    if "measure" not in SECOND_ARTICLES[article]:
        record.pop("measure", None)
    again = Claim.model_validate(record)
    assert [match.other(again.id).id for match in duplicate_matches(again, bundled)] == [GERASIMOV]
    checked = check_claim(record, bundled)
    assert [claim.id for claim in checked.duplicates] == [GERASIMOV]
    assert checked.look_alikes[0].remedy.startswith(("one ", "merge"))


# --- Links ---------------------------------------------------------------------------------------------------------


def test_a_link_settles_a_pair_but_same_as_does_not_hide_one_statement_entered_twice(bundled: Dataset) -> None:
    first = claim_of(id="first", reports=[{"outlet": "bbc", "date": "2025-01-31", "url": "https://bbc.com/a"}])
    assert flagged(bundled, [first, claim_of(**unlinked(first, id="copy"))]) == {frozenset(("first", "copy"))}
    supporting = claim_of(**unlinked(first, id="copy", supports=["first"]))
    assert flagged(bundled, [first, supporting]) == set()
    contradicting = claim_of(**unlinked(first, id="copy", contradicts=["first"], statement="Nobody came."))
    assert flagged(bundled, [first, contradicting]) == set()
    # same_as in one report of one origin: one statement, two records
    same = claim_of(**unlinked(first, id="copy", same_as=["first"]))
    [match] = find_duplicates([first, same], bundled.sources, bundled.places, bundled.areas)
    assert match.signals == ("linked same_as, yet one statement",) and "merge" in match.remedy
    # ... and through a same_as group
    middle = claim_of(
        **unlinked(first, id="middle", same_as=["first"], reports=[{"outlet": "ap", "date": "2025-03-01"}])
    )
    chained = claim_of(**unlinked(first, id="copy", same_as=["middle"]))
    assert frozenset(("first", "copy")) in flagged(bundled, [first, middle, chained])
    # same_as between the origin saying it again, in another report, is what same_as is for
    again = claim_of(**unlinked(first, id="copy", same_as=["first"], reports=[{"outlet": "ap", "date": "2025-02-01"}]))
    assert flagged(bundled, [first, again]) == set()


def test_a_retracted_claim_and_the_one_entered_to_replace_it_are_not_copies(bundled: Dataset) -> None:
    first = claim_of(id="first")
    retracted = Claim.model_validate(
        {**valid_claim(id="first"), "retraction": {"on": "2025-02-02", "reason": "entered with the wrong place"}}
    )
    assert flagged(bundled, [retracted, claim_of(**unlinked(first, id="again"))]) == set()


def test_the_warning_says_which_signal_matched_and_what_to_do(data_copy: Path, capsys) -> None:
    quote = "The enemy has been pushed back from every village of the district."
    write_claims(
        data_copy,
        [
            valid_claim(id="first", number=1, reports=[{"outlet": "bbc", "date": "2025-01-31", "quote": quote}]),
            valid_claim(
                id="second",
                number=2,
                statement="The district is clear.",
                claimant="kr-nis",
                reports=[{"outlet": "yonhap", "date": "2025-02-01", "quote": quote}],
            ),
        ],
    )
    assert validate_main([str(data_copy)]) == 0
    err = capsys.readouterr().err
    assert (
        "warning: first: likely the same claim as second (#1 and #2: "
        'same quote: their reports quote the same words ("The enemy has been pushed back' in err
    )
    assert "merge them into one claim that carries every report" in err


# --- Generated copies ----------------------------------------------------------------------------------------------

TRANSFORMS = ("split", "sibling", "outlet", "reword", "relocate")


def siblings(dataset: Dataset, claim: Claim) -> list[str]:
    """Other claimants of the claim's origin root (the origin stays when the claim names one)."""
    mine = root(dataset, claim)
    return sorted(
        source
        for source in dataset.sources
        if source != claim.claimant and root_of(source, dataset.sources) == mine and mine != source
    )


def kept_negations(words: list[str], start: int, end: int) -> bool:
    return all(start <= index < end for index, word in enumerate(words) if negated(word))


@st.composite
def split_statement(draw: st.DrawFn, statement: str) -> str:
    """A part of the sentence of at least half its words, keeping any negation (a split never drops one), and of
    at least six words: a shorter fragment ("Russian forces retook the") states nothing an analyst would enter."""
    words = statement.split()
    size = draw(st.integers(min(len(words), max(6, math.ceil(len(words) / 2))), len(words)))
    starts = [start for start in range(len(words) - size + 1) if kept_negations(words, start, start + size)]
    assume(starts)
    start = draw(st.sampled_from(starts))
    return " ".join(words[start : start + size])


@st.composite
def reworded(draw: st.DrawFn, statement: str) -> str:
    """Up to a third of the words dropped (never a negation) and the rest reordered."""
    words = statement.split()
    droppable = [index for index, word in enumerate(words) if not negated(word)]
    dropped = set(draw(st.lists(st.sampled_from(droppable), max_size=len(words) // 3, unique=True)))
    kept = [word for index, word in enumerate(words) if index not in dropped]
    draw(st.randoms(use_true_random=False)).shuffle(kept)
    return " ".join(kept)


@st.composite
def nearby(draw: st.DrawFn, world: World, claim: Claim) -> dict[str, Any]:
    """Another area overlapping the claim's, or, for a place or point: a place within both precisions, an area
    holding it, or a point within its precision."""
    dataset = world.dataset
    geography = Geography(dataset.places, dataset.areas)
    location = claim.location
    if location.area is not None:
        mine = dataset.areas[location.area].geometry
        others = [
            area for area, named in dataset.areas.items() if area != location.area and named.geometry.intersects(mine)
        ]
        assume(others)
        return {"area": draw(st.sampled_from(sorted(others)))}
    spot = geography.spot(location)
    assert spot is not None
    options: list[dict[str, Any]] = [
        {"place": name}
        for name, place in dataset.places.items()
        if name != location.place and geography.overlap(spot, geography.spot(Location(place=name)))
    ]
    options += [
        {"area": area}
        for area, named in dataset.areas.items()
        if geography.overlap(spot, geography.spot(Location(area=area)))
    ]
    distance, bearing = draw(st.floats(0, spot.radius_km)), draw(st.floats(0, 2 * math.pi))
    moved = {
        "lat": round(spot.lat + distance * math.cos(bearing) / 111.2 * 0.99, 5),
        "lon": round(spot.lon + distance * math.sin(bearing) / (111.2 * math.cos(math.radians(spot.lat))) * 0.99, 5),
    }
    options.append({"point": moved, "precision_km": spot.radius_km, "beyond_region": location.beyond_region})
    return draw(st.sampled_from(options))


@st.composite
def copies(draw: st.DrawFn, world: World, original: Claim) -> tuple[Claim, tuple[str, ...]]:
    """A copy of `original` made in one or more of the ways a claim gets entered twice."""
    dataset = world.dataset
    others = siblings(dataset, original)
    possible = [transform for transform in TRANSFORMS if transform != "sibling" or others]
    transforms = tuple(draw(st.sets(st.sampled_from(possible), min_size=1)))
    record = unlinked(original, id=f"{original.id}-again")
    if "split" in transforms:
        record["statement"] = draw(split_statement(original.statement))
    if "reword" in transforms:
        record["statement"] = draw(reworded(record["statement"]))
    # A copy still says the claim: at least half of what the original's words say, who speaks left aside, and two
    # words at least ("Ukrainian forces as shown on the", of a sentence about Sudzha, is no longer this claim).
    speaker = speaker_words(dataset.sources).get(root(dataset, original), frozenset())
    said = word_stems(original.statement) - speaker
    kept = word_stems(record["statement"]) & said
    assume(len(kept) >= 2 and 2 * len(kept) >= len(said))
    if "sibling" in transforms:
        record["claimant"] = draw(st.sampled_from(others))
    if "outlet" in transforms:
        used = {report.outlet for report in original.reports}
        outlet = draw(st.sampled_from(sorted(set(dataset.sources) - used)))
        day = original.first_reported + dt.timedelta(days=1)
        record["reports"] = [{"outlet": outlet, "date": day.isoformat(), "url": f"https://{outlet}.example/{day}"}]
    if "relocate" in transforms:
        record["location"] = draw(nearby(world, original))
    copy = Claim.model_validate(record)
    assume(len(word_stems(copy.statement)) >= 3)  # a statement of fewer words is no evidence of anything
    return copy, transforms


@st.composite
def synthetic_claims(
    draw: st.DrawFn, world: World, claim_id: str, words: list[str] = LEFT, claimant: str | None = None
) -> Claim:
    """A claim of made-up words by any source, at any place, time and category, with or without a quote."""
    dataset = world.dataset
    statement = draw(st.lists(st.sampled_from(words), min_size=4, max_size=12, unique=True))
    start = draw(st.dates(FIRST_DAY, LAST_DAY - dt.timedelta(days=60)))
    end = start + dt.timedelta(days=draw(st.integers(0, 40)))
    reported = end + dt.timedelta(days=draw(st.integers(0, 5)))
    quote = draw(st.none() | st.lists(st.sampled_from(words), min_size=QUOTE_RUN, max_size=12))
    report: dict[str, Any] = {
        "outlet": draw(st.sampled_from(sorted(dataset.sources))),
        "date": reported.isoformat(),
        "url": f"https://news.example/{claim_id}",
    }
    if quote:
        report["quote"] = " ".join(quote)
    location = draw(
        st.sampled_from([{"area": area} for area in sorted(dataset.areas)])
        | st.sampled_from(sorted(dataset.places)).map(lambda name: {"place": name})
        | st.builds(
            lambda lat, lon, km: {"point": {"lat": lat, "lon": lon}, "precision_km": km},
            st.floats(50.8, 51.9),
            st.floats(34.5, 36.5),
            st.sampled_from([1, 3, 10]),
        )
    )
    record: dict[str, Any] = {
        "id": claim_id,
        "statement": " ".join(statement).capitalize() + ".",
        "claimant": claimant or draw(st.sampled_from(sorted(dataset.sources))),
        "reports": [report],
        "refers_to": {"start": start.isoformat(), "end": end.isoformat(), "precision": "period"},
        "location": location,
        "category": draw(st.sampled_from([category.value for category in Category])),
    }
    figure = draw(st.none() | st.integers(0, 1500))
    if figure is not None:
        record["measure"] = {"quantity": "ua-held-area-km2", "value": figure}
    return Claim.model_validate(record)


@given(st.data())
def test_every_copy_of_a_bundled_claim_is_flagged(bundled: Dataset, data: st.DataObject) -> None:
    original = data.draw(st.sampled_from([claim for claim in bundled.claims if claim.retraction is None]))
    copy, transforms = data.draw(copies(World(bundled), original))
    found = find_duplicates([*bundled.claims, copy], bundled.sources, bundled.places, bundled.areas)
    assert frozenset((original.id, copy.id)) in pairs(found), (transforms, copy.statement)
    [match] = [match for match in found if {match.first.id, match.second.id} == {original.id, copy.id}]
    event(" + ".join(match.signals))
    assert original.id in {match.other(copy.id).id for match in duplicate_matches(copy, bundled)}


@given(st.data())
def test_every_copy_of_a_synthetic_claim_is_flagged(bundled: Dataset, data: st.DataObject) -> None:
    with_siblings = sorted(source for source in bundled.sources if siblings(bundled, claim_of(claimant=source)))
    original = data.draw(
        synthetic_claims(World(bundled), "original", claimant=data.draw(st.sampled_from(with_siblings)))
    )
    copy, transforms = data.draw(copies(World(bundled), original))
    found = find_duplicates([*bundled.claims, original, copy], bundled.sources, bundled.places, bundled.areas)
    assert frozenset((original.id, copy.id)) in pairs(found), (transforms, original.statement, copy.statement)
    [match] = [match for match in found if {match.first.id, match.second.id} == {original.id, copy.id}]
    event(" + ".join(match.signals))


@given(st.data())
def test_independent_claims_are_not_flagged(bundled: Dataset, data: st.DataObject) -> None:
    """Different words (and quotes) from different origins: never one claim, whatever their times and places."""
    one = data.draw(synthetic_claims(World(bundled), "one", LEFT))
    two = data.draw(synthetic_claims(World(bundled), "two", RIGHT))
    assume(root(bundled, one) != root(bundled, two))
    assert flagged(bundled, [one, two]) == set()


@given(st.data())
def test_different_statements_of_one_origin_are_not_flagged(bundled: Dataset, data: st.DataObject) -> None:
    """One origin may say many things on one day about one place: different words and figures are two claims."""
    one = data.draw(synthetic_claims(World(bundled), "one", LEFT))
    two = data.draw(synthetic_claims(World(bundled), "two", RIGHT, claimant=one.claimant))
    assume(not (one.measure and two.measure and abs(one.measure.value - two.measure.value) < 20))
    assert flagged(bundled, [one, two]) == set()


@given(st.data())
def test_one_statement_from_two_origins_is_corroboration_not_a_copy(bundled: Dataset, data: st.DataObject) -> None:
    one = data.draw(synthetic_claims(World(bundled), "one", LEFT))
    other = data.draw(
        st.sampled_from(sorted(s for s in bundled.sources if root_of(s, bundled.sources) != root(bundled, one)))
    )
    two = claim_of(**unlinked(one, id="two", claimant=other, reports=[{"outlet": "ap", "date": "2025-06-01"}]))
    assert flagged(bundled, [one, two]) == set()


# --- The indexes -----------------------------------------------------------------------------------------------------


@st.composite
def crowded(draw: st.DrawFn) -> list[Claim]:
    """Claims that share words, quotes, URLs, outlets, days, figures, places and links by the dozen."""
    words, urls = WORDS[:8], [f"https://news.example/{n}" for n in range(3)]
    claimants = ["ru-mod", "ru-general-staff", "ru-president", "ua-sof", "ua-general-staff", "bbc", "deepstate"]
    claims: list[Claim] = []
    for index in range(draw(st.integers(2, 24))):
        start = dt.date(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 20)))
        quote = draw(st.none() | st.lists(st.sampled_from(words), min_size=4, max_size=8))
        report: dict[str, Any] = {
            "outlet": draw(st.sampled_from(["bbc", "ap", "tass"])),
            "date": (start + dt.timedelta(days=draw(st.integers(0, 3)))).isoformat(),
        }
        url = draw(st.none() | st.sampled_from(urls))
        if url:
            report["url"] = url
        if quote:
            report["quote"] = " ".join(quote)
        known = [claim.id for claim in claims]
        record: dict[str, Any] = {
            "id": f"c{index}",
            "statement": " ".join(draw(st.lists(st.sampled_from(words), min_size=2, max_size=6))),
            "claimant": draw(st.sampled_from(claimants)),
            "reports": [report],
            "refers_to": {
                "start": start.isoformat(),
                "end": (start + dt.timedelta(days=draw(st.integers(0, 10)))).isoformat(),
            },
            "location": draw(st.sampled_from([{"area": "kursk-front"}, {"place": "Sudzha"}, {"place": "Kursk"}])),
            "category": draw(st.sampled_from(["territorial-control", "troop-presence"])),
        }
        if draw(st.booleans()):
            record["measure"] = {"quantity": "ua-held-area-km2", "value": draw(st.sampled_from([0, 100, 101]))}
        if known and draw(st.booleans()):
            record[draw(st.sampled_from(["same_as", "supports", "contradicts"]))] = [draw(st.sampled_from(known))]
        claims.append(Claim.model_validate(record))
    return claims


@given(st.data())
def test_the_indexes_find_every_pair_that_judging_all_pairs_finds(bundled: Dataset, data: st.DataObject) -> None:
    claims = data.draw(crowded())
    found = find_duplicates(claims, bundled.sources, bundled.places, bundled.areas)
    geography = Geography(bundled.places, bundled.areas)
    comparer = Comparer(geography, Links(claims))
    speakers = speaker_words(bundled.sources)
    profiles = [comparer.register(profile_of(i, c, bundled.sources, geography, speakers)) for i, c in enumerate(claims)]
    every = [comparer.judge(one, two) for one, two in itertools.combinations(profiles, 2)]
    expected = {frozenset((match.first.id, match.second.id)): match.signals for match in every if match is not None}
    assert {frozenset((match.first.id, match.second.id)): match.signals for match in found} == expected
    event(f"{min(len(expected), 5)}+ pairs flagged" if len(expected) >= 5 else f"{len(expected)} pairs flagged")


def test_at_scale_only_a_small_share_of_pairs_is_judged(bundled: Dataset) -> None:
    """Thousands of claims, each bundled claim copied again and again with shifted dates as bench/make_dataset.py
    does: the indexes hand `judge` a small share of all pairs (the time at 10,000 claims is in the README)."""
    claims = []
    for copy in range(60):
        shift = dt.timedelta(days=(copy * 37) % 400 - 200)
        for claim in bundled.claims:
            record = unlinked(claim, id=f"{claim.id}-c{copy}")
            for report in record["reports"]:
                report["date"] = (dt.date.fromisoformat(report["date"]) + shift).isoformat()
            record["refers_to"] = {
                **record["refers_to"],
                "start": (claim.refers_to.start + shift).isoformat(),
                "end": (claim.refers_to.end + shift).isoformat(),
            }
            claims.append(Claim.model_validate(record))
    geography = Geography(bundled.places, bundled.areas)
    comparer = Comparer(geography, Links(claims))
    speakers = speaker_words(bundled.sources)
    profiles = [comparer.register(profile_of(i, c, bundled.sources, geography, speakers)) for i, c in enumerate(claims)]
    finder = Finder(profiles, comparer)
    found = finder.duplicates()
    assert len(claims) >= 4000 and found
    assert len(finder.candidates) < len(claims) * (len(claims) - 1) // 2 / 50
