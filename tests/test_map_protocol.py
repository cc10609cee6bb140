"""The map's protocol is declared once in Python and mirrored, key for key, in the browser code."""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
import re
import subprocess
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from components.map import protocol as map_protocol
from components.map.frame import map_scripts
from components.map.payload import (
    UNGRADED,
    MapBase,
    build_map_data,
    claim_detail,
    extend_view,
    grade_code,
    view_of,
    visible_bitset,
)
from components.map.protocol import ClaimDetail, MapPayload, MapView, bitset, epoch_day, grade_byte
from components.panel.side_panel import date_alone_decides
from components.panel.time_controls import TimeSwitches
from geo.model.confidence import RELIABILITY_ORDER, ConfidenceLevel, Reliability, Status
from geo.model.records import RECORD_ID_PATTERN, Precision, RecordId
from geo.reading.dataset import load_dataset
from geo.selection.filters import ClaimFilter
from geo.time.timeline import timeline_dates
from tests.conftest import valid_claim

REPO = Path(__file__).resolve().parents[1]
MAP_SCRIPTS = map_scripts()  # the loader and every ES module of the map
MAP_JS = "\n".join((REPO / "static" / name).read_text() for name in MAP_SCRIPTS)
SIDECAR_JS = (REPO / "static" / "sidecar.js").read_text()
SHAPES = [
    value
    for value in vars(map_protocol).values()
    if typing.is_typeddict(value) and value.__module__ == map_protocol.__name__
]
UNIONS = {"MapEvent": map_protocol.MapEvent, "BridgeMessage": map_protocol.BridgeMessage}


def jsdoc_type(name: str, script: str = MAP_JS) -> str:
    """The type of `@typedef {type} name` in a script, on one line."""
    found = re.search(r"@typedef \{(?P<type>[^@]*?)\} " + name + r"\b", script)
    assert found, f"no JSDoc typedef for {name}"
    return re.sub(r"\n\s*\*", " ", found.group("type"))


def jsdoc_keys(name: str) -> set[str]:
    """The keys of `@typedef {{...}} name` in the map's JavaScript, with those of a base it extends
    (`@typedef {Base & {...}} name`)."""
    declared = jsdoc_type(name)
    extends = re.fullmatch(r"(?P<base>\w+) & (?P<own>\{.*\})", declared)
    if extends:
        return jsdoc_keys(extends.group("base")) | set(re.findall(r"(\w+):", extends.group("own")))
    assert declared.startswith("{") and declared.endswith("}"), f"{name} is not an object type: {declared}"
    return set(re.findall(r"(\w+):", declared[1:-1]))


def jsdoc_union(name: str, script: str = MAP_JS) -> list[str]:
    """The members of `@typedef {(A|B|C)} name`: type names, or string literals unquoted."""
    members = jsdoc_type(name, script).strip("()").split("|")
    return [member.strip().strip('"') for member in members]


def bridge_kinds(script: str) -> set[str]:
    """Every `kcm` a script posts or tests for: `kcm: "view"`, `kcm: true`, `data.kcm === "date"`."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)  # comments may name kinds
    return set(re.findall(r'\bkcm(?:: | [!=]== )("\w+"|true)', code))


def test_the_checks_read_every_module_of_the_map() -> None:
    """The map's code is the loader and the modules its entry imports: a module it does not reach would escape
    the checks below, and never run."""
    assert set(MAP_SCRIPTS) == {"kursk_map.js"} | {path.name for path in (REPO / "static").glob("map_*.js")}


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.__name__)
def test_each_shape_is_mirrored_in_jsdoc(shape: type) -> None:
    assert jsdoc_keys(shape.__name__) == set(typing.get_type_hints(shape))


@pytest.mark.parametrize("name", UNIONS)
def test_each_union_is_mirrored_in_jsdoc(name: str) -> None:
    assert jsdoc_union(name) == [member.__name__ for member in typing.get_args(UNIONS[name])]


def test_each_bridge_message_names_its_kind_as_the_jsdoc_does() -> None:
    for message in typing.get_args(map_protocol.BridgeMessage):
        (kind,) = typing.get_args(typing.get_type_hints(message)["kcm"])
        assert re.search(r"\{kcm: " + re.escape(json.dumps(kind)) + r"[,}]", jsdoc_type(message.__name__)), message


def test_both_ends_of_the_bridge_post_and_take_only_the_declared_kinds() -> None:
    declared = {
        json.dumps(typing.get_args(typing.get_type_hints(message)["kcm"])[0])
        for message in typing.get_args(map_protocol.BridgeMessage)
    }
    assert bridge_kinds(MAP_JS) == declared
    assert bridge_kinds(SIDECAR_JS) == declared


def test_the_map_posts_and_the_page_reads_exactly_the_declared_events() -> None:
    declared = {key for event in typing.get_args(map_protocol.MapEvent) for key in typing.get_type_hints(event)}
    assert set(re.findall(r"postToPage\(\{ (\w+):", MAP_JS)) == declared
    assert set(re.findall(r"event\.data\.(\w+)", SIDECAR_JS)) - {"kcm"} == declared
    assert set(re.findall(r"event\.data\.(\w+)", MAP_JS)) - {"kcm"} == set(
        typing.get_type_hints(map_protocol.DateMessage)
    ) - {"kcm"}


def test_the_sidecar_sends_exactly_the_declared_events() -> None:
    names = {value for key, value in vars(map_protocol.Event).items() if key.isupper()}
    assert set(jsdoc_union("SidecarEvent", SIDECAR_JS)) == names
    assert set(re.findall(r'bridge\.(?:setState|trigger)\("(\w+)"', SIDECAR_JS)) == names


def test_the_payload_and_a_view_have_exactly_the_declared_keys(bundled) -> None:
    grades = bundled.grade_all()
    payload = build_map_data(bundled, grades).payload
    assert set(payload) == set(typing.get_type_hints(MapPayload))
    claim = bundled.claims[0]
    assert set(claim_detail(claim, bundled)) == set(typing.get_type_hints(ClaimDetail))
    view = view_of(bundled, dt.date(2025, 1, 31), claim.id, [claim], [claim])
    assert set(view) == set(typing.get_type_hints(MapView))


def test_an_open_map_takes_new_and_changed_claims_as_columns_after_its_own(bundled, data_copy: Path) -> None:
    base = MapBase("store:x#1", bundled, build_map_data(bundled, bundled.grade_all()))
    width = len(base.payload["claims"]["ids"])
    changed = "nk-absent-kursk-front-three-weeks"
    path = data_copy / "claims" / "north_korean_troops.yaml"
    path.write_text(
        path.read_text().replace("had not been seen for about three weeks", "were not seen for about three weeks")
    )
    extra = {"case": "extra", "title": "Extra", "claims": [valid_claim(id="brand-new")]}
    (data_copy / "claims" / "zz_extra.yaml").write_text(yaml.safe_dump(extra, sort_keys=False))
    now = load_dataset(data_copy)
    assert now.issues == [] and now.by_id[changed] != bundled.by_id[changed]
    grades = now.grade_all()
    day = dt.date(2025, 1, 31)
    shown = now.visible_on(day)
    view = extend_view(view_of(now, day, None, shown, []), base, now, "store:x#2", shown, grades)
    added = view["added"]
    assert added is not None and added["key"] == "store:x#2"
    assert added["columns"]["ids"] == ["brand-new", changed]  # by first report, then id
    codes = base64.b64decode(view["grades"])
    assert len(codes) == width + 2
    assert codes[bundled.column_of[changed]] == UNGRADED  # the payload's old copy is never drawn
    assert [codes[width], codes[width + 1]] == [grade_code(grades["brand-new"]), grade_code(grades[changed])]
    bits = base64.b64decode(view["visible"])
    drawn = {index for index in range(width + 2) if bits[index >> 3] >> (index & 7) & 1}
    new_columns = {"brand-new": width, changed: width + 1}
    assert drawn == {new_columns.get(claim.id, bundled.column_of.get(claim.id)) for claim in shown}
    same = MapBase("store:x#2", now, base.data)
    assert extend_view(view, same, now, "store:x#2", shown, grades) is view  # nothing changed since: as it was
    earlier = dt.date(2024, 10, 28)  # "Known then", before the new claim: it is a column, but never drawn
    then = now.grades_known_on(earlier)
    then_shown = now.known_on(earlier)
    fresh = MapBase("store:y#1", bundled, base.data)
    old_view = extend_view(view_of(now, earlier, None, then_shown, []), fresh, now, "store:y#2", then_shown, then)
    assert base64.b64decode(old_view["grades"])[width] == UNGRADED


def test_visibility_bitset_marks_exactly_the_shown_claims(bundled) -> None:
    shown = [claim.id for claim in bundled.claims[::3]]
    columns = build_map_data(bundled, bundled.grade_all()).payload["claims"]["ids"]
    bits = base64.b64decode(visible_bitset(bundled, shown))
    on = {columns[index] for index in range(len(columns)) if bits[index >> 3] & (1 << (index & 7))}
    assert on == set(shown)
    assert len(bitset([], 10_000)) <= 1_700  # 10,000 claims cost 1.7 kB per step


def test_grade_bytes_are_distinct_for_every_grade() -> None:
    codes = {
        grade_byte(level, status, credibility)
        for level in range(3)
        for status in range(5)
        for credibility in range(1, 7)
    }
    assert len(codes) == 90 and max(codes) < 255


def test_the_payload_lets_the_map_draw_a_date_before_the_page_confirms_it(bundled) -> None:
    """MapView.previewSlider: the payload holds the slider's steps, and its columns' default rule for a date
    is exactly the set the panel shows with no filter (geo.reading.dataset visible_on)."""
    payload = build_map_data(bundled, bundled.grade_all()).payload
    dates = timeline_dates(bundled.fronts, bundled.claims)
    assert payload["timeline"] == [epoch_day(day) for day in dates]
    columns = payload["claims"]
    for day in dates:
        epoch = epoch_day(day)
        drawn = {
            claim_id
            for claim_id, reported, until in zip(columns["ids"], columns["reported"], columns["until"], strict=True)
            if reported <= epoch <= until
        }
        assert drawn == {claim.id for claim in bundled.visible_on(day)}, day


@pytest.mark.parametrize(
    ("switches", "claim_filter", "decides"),
    [
        (TimeSwitches(False, False, False, False), ClaimFilter(), True),
        (TimeSwitches(True, False, False, False), ClaimFilter(), False),
        (TimeSwitches(False, True, False, False), ClaimFilter(), False),
        (TimeSwitches(False, False, True, False), ClaimFilter(), False),
        (TimeSwitches(False, False, False, True), ClaimFilter(), False),
        (TimeSwitches(False, False, False, False), ClaimFilter(text="sudzha"), False),
        (TimeSwitches(False, False, False, False), ClaimFilter(statuses=frozenset({Status.REFUTED})), False),
    ],
)
def test_the_map_may_draw_ahead_only_when_the_date_alone_decides(
    switches: TimeSwitches, claim_filter: ClaimFilter, decides: bool
) -> None:
    assert date_alone_decides(switches, claim_filter) is decides


RECORD_ID = TypeAdapter(RecordId)
ENUM_VALUES = {
    "status": [status.value for status in Status],
    "confidence": [level.value for level in ConfidenceLevel],
    "precision": list(typing.get_args(Precision)),
    "reliability": list(typing.get_args(Reliability)),
}


def string_literals(script: str) -> set[str]:
    """Every quoted string in a script, comments left out (they may name values in words)."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)
    return {match.group(2) for match in re.finditer(r"([\"'`])((?:\\.|(?!\1).)*)\1", code)}


@pytest.mark.parametrize("script", [*MAP_SCRIPTS, "sidecar.js", "copy_link.js"])
@pytest.mark.parametrize("kind", ENUM_VALUES)
def test_the_browser_scripts_hold_no_copy_of_an_enum(script: str, kind: str) -> None:
    """Statuses, confidence levels, precisions and reliability letters reach the map in its payload (scales):
    a script naming one itself, as a string or in a class name, would go stale when Python's list changes."""
    text = (REPO / "static" / script).read_text()
    literals = string_literals(text)
    for value in ENUM_VALUES[kind]:
        assert value not in literals, f"{script} names the {kind} {value!r}"
        assert not [item for item in literals if re.search(r"-" + re.escape(value.lower()) + r"\b", item)], value


@pytest.mark.parametrize("script", [*MAP_SCRIPTS, "sidecar.js", "copy_link.js"])
def test_the_browser_scripts_hold_no_copy_of_the_id_pattern(script: str) -> None:
    text = (REPO / "static" / script).read_text()
    assert "[a-z0-9]" not in text and RECORD_ID_PATTERN.strip("^$") not in text


def test_the_payload_gives_the_map_each_enum_from_its_one_definition(bundled) -> None:
    payload = build_map_data(bundled, bundled.grade_all()).payload
    scales = payload["scales"]
    assert scales["statuses"] == ENUM_VALUES["status"] and scales["retracted"] == Status.RETRACTED.value
    assert scales["levels"] == ENUM_VALUES["confidence"]
    assert list(scales["reliabilityWords"]) == ENUM_VALUES["reliability"] == list(RELIABILITY_ORDER)
    assert payload["claimIdPattern"] == RECORD_ID_PATTERN
    assert {layer["hatched"] for layer in payload["fronts"]} == {True, False}


def test_the_map_reads_a_claim_id_as_the_store_checks_it() -> None:
    """The map compiles the payload's pattern with RegExp: it must take exactly the ids the store takes. Every
    string of up to five characters from an alphabet of each kind of edge (a letter, a digit, the hyphen,
    what is not allowed, a line end) is tried, in one run of node."""
    candidates = ["".join(chars) for size in range(6) for chars in itertools.product("a9-_A\n", repeat=size)]
    script = "const p = new RegExp(process.argv[1]); const ids = JSON.parse(process.argv[2]);"
    script += "console.log(JSON.stringify(ids.map((id) => p.test(id))));"
    ran = subprocess.run(
        ["node", "-e", script, RECORD_ID_PATTERN, json.dumps(candidates)], capture_output=True, text=True, check=True
    )
    assert json.loads(ran.stdout) == [is_record_id(candidate) for candidate in candidates]


def is_record_id(candidate: str) -> bool:
    try:
        RECORD_ID.validate_python(candidate)
    except ValidationError:
        return False
    return True
