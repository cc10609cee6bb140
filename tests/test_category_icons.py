"""Every claim category has its icon on the map, drawn from one file, and each claim carries its own."""

from __future__ import annotations

import json
import re

from components.map.payload import CATEGORY_ICONS, build_map_data
from geo.model.records import Category

PATH_DATA = re.compile(r"^(?:\s*[MmLlHhVvAaZzCcSsQqTt](?:\s*-?(?:\d+\.?\d*|\.\d+))*)+\s*$")


def test_each_category_has_one_icon_and_no_icon_lacks_a_category() -> None:
    icons = json.loads(CATEGORY_ICONS.read_text())
    assert set(icons) == {category.value for category in Category}
    assert len(set(icons.values())) == len(icons), "two categories share an icon"
    for category, drawing in icons.items():
        assert PATH_DATA.match(drawing), f"{category}: not SVG path data: {drawing!r}"


def test_the_payload_gives_each_claim_its_category_and_the_map_every_icon(bundled) -> None:
    payload = build_map_data(bundled, bundled.grade_all()).payload
    categories = payload["categories"]
    assert [record["key"] for record in categories] == [category.value for category in Category]
    assert all(record["words"] and record["icon"] for record in categories)
    columns = payload["claims"]
    category_of = {claim.id: claim.category.value for claim in bundled.claims}
    for claim_id, place in zip(columns["ids"], columns["category"], strict=True):
        assert categories[place]["key"] == category_of[claim_id]
