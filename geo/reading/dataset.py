"""The whole dataset in one object: every part of a bundle (data/, or the store's records) loaded, cross-checked
and reported on."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from geo.grading.rule import Grade, Grader, Relations, Sides, grades_known_on, rule_problems
from geo.language.phrase import Phrase
from geo.model.issues import DataIssue
from geo.model.locations import with_anchors
from geo.model.records import Alliance, Case, CaseInfo, Claim, Source
from geo.model.stories import Story, load_stories
from geo.reading.bundle import Bundle, read_folder
from geo.reading.loading import (
    FrontSnapshot,
    NamedArea,
    Place,
    load_alliances,
    load_areas,
    load_border,
    load_case,
    load_claims,
    load_fronts,
    load_places,
    load_regions,
    load_sources,
)
from geo.reading.numbers import ClaimNumbers, load_claim_numbers
from geo.selection.search import SearchIndex
from geo.time.timeline import RELEVANCE_WINDOW
from geo.workflow.lifecycle import Lifecycle


@dataclass(frozen=True, kw_only=True)
class Dataset:
    """Everything the app shows, plus the problems found while loading it.

    Frozen: one loaded dataset is shared by every session and the feed, so a change is a new Dataset
    (dataclasses.replace), never an assignment to the one others read. Built by keyword: its fields are many."""

    sources: dict[str, Source]
    claims: list[Claim]
    fronts: list[FrontSnapshot]
    places: dict[str, Place]
    areas: dict[str, NamedArea]
    regions: dict[str, Any]
    border: dict[str, Any]
    cases: list[CaseInfo] = field(default_factory=list)
    stories: dict[str, Story] = field(default_factory=dict)
    issues: list[DataIssue] = field(default_factory=list)
    alliances: list[Alliance] = field(default_factory=list)
    case: Case | None = None
    page_errors: list[str] = field(default_factory=list)  # a required layer that cannot serve: said on the page
    lifecycle: dict[str, Lifecycle] = field(default_factory=dict)  # from the store: draft, in review, published
    numbering: ClaimNumbers = field(default_factory=ClaimNumbers)  # numbers issued and retired (geo.reading.numbers)

    @cached_property
    def search(self) -> SearchIndex:
        return SearchIndex(self.sources, self.places, self.areas)

    @cached_property
    def sides(self) -> Sides:
        return Sides(tuple(self.alliances))

    @cached_property
    def link_conflicts(self) -> set[tuple[str, Phrase]]:
        """Links that agree and disagree at once, as they stand: a claim being entered is checked for the
        conflicts it would add, and at 10,000 claims working these out is a tenth of a second."""
        return set(Relations.of(self.claims).conflicts)

    def grade_all(self) -> dict[str, Grade]:
        """Every claim's grade today, overrides applied (geo.grading.rule)."""
        return Grader(self.claims, self.sources, self.sides).grade_all()

    def grades_known_on(self, on: dt.date) -> dict[str, Grade]:
        """Grades as they stood on a date: only claims reported by then count, for or against."""
        return grades_known_on(self.claims, self.sources, on, self.sides)

    @cached_property
    def numbers(self) -> dict[str, int]:
        """Claim numbers shared by map markers, panel cards and briefings. They live in the data and
        are never given twice: a claim without one gets its retired number back if its id had one, else
        the next number above every number held, issued or retired (geo.reading.numbers)."""
        given = {claim.id: claim.number for claim in self.claims if claim.number is not None}
        next_free = max(self.numbering.highest, *given.values(), 0) + 1
        for claim in self.by_report:
            if claim.number is None:
                restored = self.numbering.retired_number_of(claim.id)
                given[claim.id] = restored if restored is not None else next_free
                next_free += restored is None
        return given

    @cached_property
    def by_report(self) -> list[Claim]:
        """The claims by first report, oldest first: the order of the map's claim columns."""
        return sorted(self.claims, key=lambda claim: (claim.first_reported, claim.id))

    @cached_property
    def column_of(self) -> dict[str, int]:
        """A claim's place in the map's claim columns."""
        return {claim.id: column for column, claim in enumerate(self.by_report)}

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.claims}

    @cached_property
    def _days(self) -> tuple[np.ndarray, np.ndarray]:
        """Each claim's first report and the last day it shows by default, in number order."""
        reported = np.array([claim.first_reported.toordinal() for claim in self.by_report], dtype=np.int32)
        until = np.array(
            [(claim.refers_to.end + RELEVANCE_WINDOW).toordinal() for claim in self.by_report], dtype=np.int32
        )
        return reported, until

    def visible_on(self, on: dt.date) -> list[Claim]:
        """geo.time.timeline.visible_claims for this dataset, newest first, in a few vector operations:
        a date step asks for it, and a loop over 10,000 claims would be most of the step."""
        reported, until = self._days
        shown = (reported <= on.toordinal()) & (until >= on.toordinal())
        return [self.by_report[index] for index in np.flatnonzero(shown)[::-1]]

    def known_on(self, on: dt.date) -> list[Claim]:
        """geo.time.timeline.known_by for this dataset: every claim reported by the date, newest first."""
        reported, _ = self._days
        return [self.by_report[index] for index in np.flatnonzero(reported <= on.toordinal())[::-1]]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading builds hundreds of thousands of objects that live as long as the app; Python's cyclic
    collector would rescan them again and again (three times the load time at 10,000 claims)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_dataset(source: Bundle | Path) -> Dataset:
    """Load every part of a bundle, or of a bundle folder (read first, geo.reading.bundle.read_folder);
    problems are collected in Dataset.issues."""
    with collector_paused():
        return _load(source if isinstance(source, Bundle) else read_folder(source))


def load_claims_only(source: Bundle | Path) -> Dataset:
    """What a claim is checked against when it is entered: the case, sources, places, areas and the
    other claims, without the fronts and basemap a map needs (an edit must not wait for them)."""
    with collector_paused():
        bundle = source if isinstance(source, Bundle) else read_folder(source, map_layers=False)
        issues: list[DataIssue] = []
        case = load_case(bundle, issues)
        sources = load_sources(bundle, issues)
        alliances = load_alliances(bundle, issues)
        places = load_places(bundle, case, issues)
        areas = load_areas(bundle, case, issues)
        numbering = load_claim_numbers(bundle, issues)
        claims, cases, _ = load_claims(bundle, sources, places, areas, issues, case=case, numbers=numbering)
        return Dataset(
            sources=sources,
            claims=claims,
            fronts=[],
            places=places,
            areas=areas,
            regions={},
            border={},
            cases=cases,
            issues=issues,
            alliances=alliances,
            case=case,
            numbering=numbering,
        )


def _load(bundle: Bundle) -> Dataset:
    issues: list[DataIssue] = []
    case = load_case(bundle, issues)
    sources = load_sources(bundle, issues)
    alliances = load_alliances(bundle, issues)
    places = load_places(bundle, case, issues)
    areas = with_anchors(load_areas(bundle, case, issues), places)
    numbering = load_claim_numbers(bundle, issues)
    claims, cases, claim_files = load_claims(bundle, sources, places, areas, issues, case=case, numbers=numbering)
    fronts = load_fronts(bundle, case, issues)
    regions, page_errors = load_regions(bundle, case, issues)
    border = load_border(bundle, case, issues)
    layers: dict[str, object] = {"places/settlements.geojson": places, "fronts/": fronts, "claims/": claims}
    for layer, records in layers.items():
        if not records:
            issues.append(DataIssue(layer, "(whole layer)", "has nothing to show; the layer is empty", True))
    stories = load_stories(bundle, claims, {snapshot.layer for snapshot in fronts}, issues)
    issues.extend(grading_problems(claims, claim_files, sources, Sides(tuple(alliances))))
    return Dataset(
        sources=sources,
        claims=claims,
        fronts=fronts,
        places=places,
        areas=areas,
        regions=regions,
        border=border,
        cases=cases,
        stories=stories,
        issues=issues,
        alliances=alliances,
        case=case,
        page_errors=page_errors,
        numbering=numbering,
    )


def grading_problems(
    claims: list[Claim], files: dict[str, str], sources: dict[str, Source], sides: Sides
) -> list[DataIssue]:
    """Links that agree and disagree at once, figures linked by hand, what the rule needs and a claim
    does not record, and overrides that would make a grade contradict itself.

    Only claims with an override are graded here: loading 10,000 claims must stay fast."""
    grader = Grader(claims, sources, sides)
    problems = [
        DataIssue(files[first], first, f"links: {conflict}", loaded=True)
        for first, conflict in (*grader.relations.conflicts, *grader.favour_conflicts())
    ]
    known = {claim.id for claim in claims}
    for claim in claims:
        derived = claim.measure.derived_from if claim.measure else None
        if derived is not None and derived not in known:
            problems.append(
                DataIssue(files[claim.id], claim.id, f"measure.derived_from: unknown claim '{derived}'", True)
            )
        problems += [
            DataIssue(files[claim.id], claim.id, problem, True) for problem in rule_problems(claim, sources, sides)
        ]
    for claim in claims:
        if claim.override is not None:
            grader.graded(claim)
    problems += [
        DataIssue(files[claim_id], claim_id, problem, loaded=True) for claim_id, problem in grader.problems.items()
    ]
    return problems
