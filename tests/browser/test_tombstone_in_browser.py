"""A retracted claim is drawn struck through only while the grades shown say it is retracted: the map learns
which status that is from its payload (scales.retracted), not from a copy of its own."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, expect

from components.sharing.standalone import standalone_html
from geo.model.locations import ResolvedLocation, resolve
from geo.model.records import Claim
from geo.publishing import links
from geo.reading.dataset import load_dataset
from tests.browser.conftest import offline_page

DAY = dt.date(2025, 1, 31)
RETRACTED_ON = DAY + dt.timedelta(days=1)
SYMBOLS = ".kcm-symbol .kcm-claim:not(.kcm-cluster-symbol)"


def round_place(place: ResolvedLocation) -> tuple[float, float]:
    return (round(place.lat, 3), round(place.lon, 3))


def retract_every_claim(data: Path) -> None:
    for path in sorted((data / "claims").glob("*.yaml")):
        document = yaml.safe_load(path.read_text())
        for claim in document["claims"]:
            claim["retraction"] = {"on": RETRACTED_ON.isoformat(), "reason": "Withdrawn for the tombstone test"}
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))


@pytest.mark.parametrize(("graded_on", "struck"), [(None, True), (DAY, False)], ids=["today", "known-then"])
def test_a_retracted_claim_is_struck_through_only_while_graded_retracted(
    browser: Browser, data_copy: Path, graded_on: dt.date | None, struck: bool
) -> None:
    retract_every_claim(data_copy)
    dataset = load_dataset(data_copy)
    assert dataset.issues == []
    grades = dataset.grade_all() if graded_on is None else dataset.grades_known_on(graded_on)
    shown = [claim for claim in dataset.visible_on(DAY) if claim.id in grades]

    def where(claim: Claim) -> ResolvedLocation:
        return resolve(claim.location, dataset.places, dataset.areas)

    saved = data_copy / "export.html"
    places = Counter(round_place(where(claim)) for claim in shown)
    alone = next(where(claim) for claim in shown if not claim.location.area and places[round_place(where(claim))] == 1)
    view = links.View(DAY, position=links.MapPosition(alone.lat, alone.lon, 14))  # zoomed in: a claim on its own
    saved.write_text(standalone_html(dataset, grades, view, shown))
    with offline_page(browser, 1600, 900) as offline:
        page = offline.page
        page.goto(saved.as_uri())
        page.wait_for_function(f"window.KurskMap && KurskMap.state && KurskMap.state.date === '{DAY.isoformat()}'")
        expect(page.locator(SYMBOLS).first).to_be_attached()
        classes = page.locator(SYMBOLS).evaluate_all("(nodes) => nodes.map((node) => node.className)")
    assert classes and all(("kcm-mark-x" in names.split()) is struck for names in classes), classes
    assert offline.errors == []
    assert offline.outside_requests() == []  # the bundled basemap: no tiles asked for
