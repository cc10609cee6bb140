"""Bad input never reaches the map: each kind of malformed file or record is refused by name, the rest loads."""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.reading.bundle import write_bundle
from geo.reading.dataset import Dataset, load_dataset
from geo.reading.reader import MAX_DEPTH, RefusalError, read_json, read_yaml
from geo.reading.validate import main as validate_main
from geo.store.__main__ import main as store_main
from tests.conftest import REPO, valid_claim, write_claims

SETTLEMENTS = Path("places") / "settlements.geojson"
REGIONS = Path("basemap") / "regions.geojson"
ISW = Path("fronts") / "isw-russian-advances.geojson"


def edit_geojson(data_dir: Path, relative: Path, change) -> None:
    path = data_dir / relative
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def problems_of(dataset: Dataset, file: str) -> dict[str, str]:
    return {issue.record: issue.problem for issue in dataset.issues if issue.file == file}


def a_place(name: str, lon: float, lat: float) -> dict[str, Any]:
    properties = {
        "name": name,
        "country": "RU",
        "key_place": False,
        "verified": True,
        "precision_km": 1.0,
        "coord_source": "test",
    }
    return {"type": "Feature", "properties": properties, "geometry": {"type": "Point", "coordinates": [lon, lat]}}


# The reader itself


def test_text_must_be_utf8_and_a_bom_is_tolerated(tmp_path: Path) -> None:
    bom = tmp_path / "bom.json"
    bom.write_bytes(b'\xef\xbb\xbf{"a": 1}')
    assert read_json(bom) == {"a": 1}
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "Sudzha – Суджа"}'.encode("cp1251", errors="replace") + b"\xff")
    with pytest.raises(RefusalError, match="is not UTF-8 text"):
        read_json(latin)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"a": NaN}', "NaN, which is not a JSON number"),
        ('{"a": Infinity}', "Infinity, which is not a JSON number"),
        ('{"a": 1, "a": 2}', "the key 'a' twice"),
        ("<html><body>502 Bad Gateway</body></html>", r"is not JSON \(it looks like an HTML page\)"),
        ('{"a": ' * 40 + "1" + "}" * 40, f"nests deeper than {MAX_DEPTH} levels"),
        ("[" * 5000 + "]" * 5000, f"nests deeper than {MAX_DEPTH} levels"),
    ],
)
def test_json_is_read_strictly(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RefusalError, match=reason):
        read_json(path)


def test_yaml_keeps_dates_as_text_and_refuses_duplicate_keys(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text("date: 2025-02-30\nn: .nan\n", encoding="utf-8")
    with pytest.raises(RefusalError, match="not a number"):
        read_yaml(path)
    path.write_text("date: 2025-02-30\n", encoding="utf-8")
    assert read_yaml(path) == {"date": "2025-02-30"}
    path.write_text("id: a\nid: b\n", encoding="utf-8")
    with pytest.raises(RefusalError, match="the key 'id' twice in one mapping"):
        read_yaml(path)


# YAML 1.1's booleans (and the words PyYAML takes as booleans): under the YAML 1.2 core schema only the
# true/false family is a boolean value, and as a key every one of them is just its text.
YAML11_BOOLEANS = [
    *("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO"),
    *("on", "On", "ON", "off", "Off", "OFF"),
    *("true", "True", "TRUE", "false", "False", "FALSE"),
]
CORE_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(YAML11_BOOLEANS), st.sampled_from(YAML11_BOOLEANS)), unique_by=lambda p: p[0]
    ),
    flow=st.booleans(),
)
def test_yaml_keys_are_text_and_only_true_and_false_are_booleans(tmp_path_factory, pairs, flow: bool) -> None:
    """Issue 18: `retraction: {on: 2025-02-03}` read `on` as the key True (YAML 1.1)."""
    path = tmp_path_factory.mktemp("keys") / "words.yaml"
    body = ", ".join(f"{key}: {value}" for key, value in pairs)
    lines = "".join(f"  {key}: {value}\n" for key, value in pairs)
    path.write_text(f"outer: {{{body}}}\n" if flow else f"outer:\n{lines}" if pairs else "outer: {}\n")
    assert read_yaml(path) == {"outer": {key: CORE_BOOLEANS.get(value, value) for key, value in pairs}}


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("a: 010", 10),  # YAML 1.1: octal 8
        ("a: 0o17", 15),
        ("a: 1_000", "1_000"),  # YAML 1.1: 1000
        ("a: 1:30", "1:30"),  # YAML 1.1: 90 (base 60)
        ("a: 0b101", "0b101"),  # YAML 1.1: 5
        ("a: 1.5e3", 1500.0),
        ("a: ~", None),
        ("1: one", "one"),  # the key is the text '1'
        ("null: nothing", "nothing"),
    ],
)
def test_yaml_scalars_follow_the_yaml_1_2_core_schema(tmp_path: Path, text: str, read: object) -> None:
    path = tmp_path / "core.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    document = read_yaml(path)
    assert list(document.values()) == [read] and type(document[next(iter(document))]) is type(read)
    assert all(type(key) is str for key in document)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a: !!bool yes\n", "holds 'yes' tagged as true or false, which it is not"),
        ("a: !!int 1_000\n", "holds '1_000' tagged as an integer, which it is not"),
        ("? [a, b]\n: c\n", "has a list as a key in a mapping \\(line 1\\); keys are text"),
        ("a: {<<: {b: 1}, ? {c: d} : e}\n", "has a mapping as a key in a mapping"),
    ],
)
def test_yaml_refuses_tags_it_cannot_honour_and_keys_that_are_not_text(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RefusalError, match=reason):
        read_yaml(path)


SCALAR_LOOKALIKES = [
    *YAML11_BOOLEANS,
    "1e5",
    "1E+5",
    "0o17",
    "0x1F",
    "010",
    "1_000",
    "1:30",
    "+.5",
    ".inf",
    "~",
    "null",
]
YAML_TEXT = st.one_of(st.sampled_from(SCALAR_LOOKALIKES), st.text(st.characters(exclude_categories=("Cs",))))
YAML_VALUE = st.one_of(
    YAML_TEXT, st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none()
)


@given(document=st.dictionaries(YAML_TEXT, st.one_of(YAML_VALUE, st.lists(YAML_VALUE, max_size=3)), max_size=6))
def test_what_a_bundle_writes_is_read_back_as_written(tmp_path_factory, document: dict[str, Any]) -> None:
    """The export's YAML quotes every string the 1.2 core schema or YAML 1.1 would take for something else."""
    folder = tmp_path_factory.mktemp("written")
    write_bundle({"case.yaml": document}, folder)
    assert read_yaml(folder / "case.yaml") == document


def test_merged_maps_have_text_keys_too(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text("c: {<<: {on: 1, 2: two}, off: 3}\n", encoding="utf-8")
    assert read_yaml(path)["c"] == {"on": 1, "2": "two", "off": 3}


def test_the_readme_claim_example_loads_with_its_retraction(data_copy: Path) -> None:
    """The README's claim example, its `retraction: {on: ...}` line switched on, goes through the real loader."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = next(part.split("```", 1)[0] for part in readme.split("```yaml\n")[1:] if "  - id: " in part)
    assert "    # retraction: {on: " in block
    example = block.replace("    # retraction: {on: ", "    retraction: {on: ", 1)
    write_claims(data_copy, [])
    (data_copy / "claims" / "test.yaml").write_text(
        "case: readme\ntitle: The README's example\nclaims:\n" + example, encoding="utf-8"
    )
    dataset = load_dataset(data_copy)
    [claim] = dataset.claims
    assert claim.retraction is not None and claim.retraction.on > claim.first_reported
    assert claim.retraction.on == dt.date.fromisoformat(example.split("retraction: {on: ", 1)[1][:10])
    assert [issue for issue in dataset.issues if issue.file == "test.yaml" and not issue.loaded] == []


# Whole files and required layers


def test_an_html_error_page_as_the_region_basemap_is_a_page_error_not_a_crash(data_copy: Path, bundled) -> None:
    (data_copy / REGIONS).write_text("<!DOCTYPE html><h1>502 Bad Gateway</h1>", encoding="utf-8")
    dataset = load_dataset(data_copy)
    assert "is not JSON (it looks like an HTML page)" in problems_of(dataset, "regions.geojson")["(whole file)"]
    assert dataset.page_errors == [
        "basemap/regions.geojson has no usable region; see the data-health note for each refused feature"
    ]
    assert len(dataset.claims) == len(bundled.claims)  # the rest still loads


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda document: document.update(features=[]), "has no usable region"),
        (
            lambda document: [
                feature.update(geometry={"type": "LineString", "coordinates": [[35.0, 51.0], [36.0, 52.0]]})
                for feature in document["features"]
            ],
            "has no usable region",
        ),
        (
            lambda document: [feature["properties"].update(role="neighbour") for feature in document["features"]],
            "has no usable region with role 'focus'",
        ),
    ],
)
def test_a_region_basemap_that_cannot_serve_says_so(data_copy: Path, change, error: str) -> None:
    edit_geojson(data_copy, REGIONS, change)
    dataset = load_dataset(data_copy)
    assert error in dataset.page_errors[0]


def test_a_linestring_region_is_refused_by_geometry_type(data_copy: Path) -> None:
    def line(document: dict) -> None:
        document["features"][0]["geometry"] = {"type": "LineString", "coordinates": [[35.0, 51.0], [36.0, 52.0]]}

    edit_geojson(data_copy, REGIONS, line)
    problem = problems_of(load_dataset(data_copy), "regions.geojson")["Kursk Oblast"]
    assert problem == (
        "geometry: geometry type 'LineString' is not allowed in this layer (allowed: MultiPolygon, Polygon)"
    )


def test_deeply_nested_properties_are_refused_without_a_crash(data_copy: Path) -> None:
    path = data_copy / SETTLEMENTS
    deep = '{"deeper": ' * 1000 + '"bottom"' + "}" * 1000  # written as text: json.dumps itself would give up
    path.write_text(
        path.read_text(encoding="utf-8").replace('"properties": {', '"properties": {"extra": ' + deep + ", ", 1)
    )
    dataset = load_dataset(data_copy)
    assert f"nests deeper than {MAX_DEPTH} levels" in problems_of(dataset, "settlements.geojson")["(whole file)"]
    assert validate_main([str(data_copy)]) == 1


def test_a_legacy_crs_member_naming_web_mercator_refuses_the_file(data_copy: Path) -> None:
    edit_geojson(data_copy, ISW, lambda document: document.update(crs={"properties": {"name": "EPSG:3857"}}))
    problem = problems_of(load_dataset(data_copy), "isw-russian-advances.geojson")["(whole file)"]
    assert problem.startswith("declares the coordinate system 'EPSG:3857'; GeoJSON (RFC 7946) is WGS 84")


# Coordinates


def test_settlements_written_lat_lon_are_refused_with_a_hint(data_copy: Path) -> None:
    edit_geojson(data_copy, SETTLEMENTS, lambda document: document["features"].append(a_place("Gornal", 51.05, 35.32)))
    problem = problems_of(load_dataset(data_copy), "settlements.geojson")["Gornal"]
    assert "lies outside the case's region" in problem and "[lat, lon] where GeoJSON wants [lon, lat]" in problem


def test_projected_metres_are_refused_with_a_hint(data_copy: Path) -> None:
    edit_geojson(
        data_copy, SETTLEMENTS, lambda document: document["features"].append(a_place("Gornal", 3931000.0, 6633000.0))
    )
    problem = problems_of(load_dataset(data_copy), "settlements.geojson")["Gornal"]
    assert "look like projected metres (EPSG:3857?)" in problem


def test_an_open_ring_and_a_self_intersecting_ring_are_refused(data_copy: Path) -> None:
    def break_rings(document: dict) -> None:
        first, second = document["features"][0], document["features"][1]
        first["geometry"] = {
            "type": "Polygon",
            "coordinates": [[[35.0, 51.0], [35.2, 51.0], [35.2, 51.2], [35.0, 51.2]]],
        }
        bow_tie = [[35.0, 51.0], [35.2, 51.2], [35.2, 51.0], [35.0, 51.2], [35.0, 51.0]]
        second["geometry"] = {"type": "Polygon", "coordinates": [bow_tie]}

    edit_geojson(data_copy, ISW, break_rings)
    dataset = load_dataset(data_copy)
    problems = list(problems_of(dataset, "isw-russian-advances.geojson").values())
    assert any("a ring is not closed: it starts at '[35.0, 51.0]' and ends at '[35.0, 51.2]'" in p for p in problems)
    assert any("invalid geometry: Self-intersection" in p for p in problems)


def test_a_front_in_south_america_and_a_front_from_the_future_are_refused(data_copy: Path, bundled) -> None:
    def misplace(document: dict) -> None:
        far, late = json.loads(json.dumps(document["features"][0])), json.loads(json.dumps(document["features"][1]))
        far["properties"]["date"] = "2025-01-02"
        far["geometry"] = {"type": "Polygon", "coordinates": [[[-60, -10], [-59, -10], [-59, -9], [-60, -10]]]}
        late["properties"]["date"] = "2030-01-01"
        document["features"] += [far, late]

    edit_geojson(data_copy, ISW, misplace)
    dataset = load_dataset(data_copy)
    problems = problems_of(dataset, "isw-russian-advances.geojson")
    assert "lies outside the case's region" in problems["isw-russian-advances 2025-01-02"]
    assert "2030-01-01 is in the future" in problems["isw-russian-advances 2030-01-01"]
    assert max(snapshot.date for snapshot in dataset.fronts) == max(snapshot.date for snapshot in bundled.fronts)


def test_two_settlements_with_one_name_are_named_not_dropped(data_copy: Path) -> None:
    edit_geojson(data_copy, SETTLEMENTS, lambda document: document["features"].append(a_place("Sudzha", 35.3, 51.2)))
    problem = problems_of(load_dataset(data_copy), "settlements.geojson")["Sudzha"]
    assert problem.startswith("id: the same feature id as feature #")


# Claims


def test_claims_with_impossible_dates_points_or_lengths_are_refused_one_by_one(data_copy: Path) -> None:
    path = write_claims(
        data_copy,
        [
            valid_claim(id="fine"),
            valid_claim(id="impossible-date"),
            valid_claim(id="from-2031", reports=[{"outlet": "bbc", "date": "2031-01-01"}]),
            valid_claim(id="gulf-of-guinea", location={"point": {"lat": 0, "lon": 0}, "precision_km": 1}),
            valid_claim(id="swapped", location={"point": {"lat": 35.3, "lon": 51.2}, "precision_km": 1}),
            valid_claim(id="long", statement="x" * 100_000),
            valid_claim(id="no-scheme", reports=[{"outlet": "bbc", "date": "2025-01-31", "url": "www.example.org/a"}]),
        ],
    )
    path.write_text(path.read_text().replace("id: impossible-date\n", "id: impossible-date\n", 1), encoding="utf-8")
    text = path.read_text()
    start = text.index("id: impossible-date")
    path.write_text(text[:start] + text[start:].replace("date: '2025-01-31'", "date: 2025-02-30", 1), encoding="utf-8")
    dataset = load_dataset(data_copy)
    assert [claim.id for claim in dataset.claims] == ["fine"]
    problems = problems_of(dataset, "test.yaml")
    assert "reports.0.date: Value error, '2025-02-30' is not a date on the calendar" in problems["impossible-date"]
    assert "reports.0.date: 2031-01-01 is in the future" in problems["from-2031"]
    assert "location.point: 0.0, 0.0 lies outside the case's region" in problems["gulf-of-guinea"]
    assert "with lat and lon swapped it would be" in problems["swapped"]
    assert "statement: String should have at most 2000 characters (got 'xxxx" in problems["long"]
    assert len(problems["long"]) < 300
    assert "link must be an http(s) URL, got 'www.example.org/a'" in problems["no-scheme"]


def test_self_links_and_support_cycles_are_reported(data_copy: Path) -> None:
    write_claims(
        data_copy,
        [
            valid_claim(id="loner", supports=["loner"]),
            valid_claim(id="a", supports=["b"]),
            valid_claim(id="b", supports=["a"]),
        ],
    )
    dataset = load_dataset(data_copy)
    problems = problems_of(dataset, "test.yaml")
    assert "supports lists the claim itself (loner)" in problems["loner"]
    assert "supports: the links go round in a circle (a → b → a)" in problems["a"]
    assert {claim.id for claim in dataset.claims} == {"a", "b"}


def test_empty_optional_layers_get_a_note(data_copy: Path) -> None:
    edit_geojson(data_copy, SETTLEMENTS, lambda document: document.update(features=[]))
    (data_copy / "fronts" / "extra.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    for front in (data_copy / "fronts").glob("*.geojson"):
        front.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    dataset = load_dataset(data_copy)
    layers = {issue.file for issue in dataset.issues if issue.problem == "has nothing to show; the layer is empty"}
    assert {"places/settlements.geojson", "fronts/"} <= layers


def test_the_validator_reports_every_kind_and_exits_1_without_a_traceback(data_copy: Path, capsys) -> None:
    (data_copy / REGIONS).write_text("<html>502</html>", encoding="utf-8")
    (data_copy / "case.yaml").write_text("id: x\nid: y\n", encoding="utf-8")
    assert validate_main([str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "regions.geojson: (whole file): is not JSON" in err
    assert "case.yaml: (whole file): has the key 'id' twice" in err
    assert "Traceback" not in err


def test_yaml_values_are_what_the_safe_loader_makes_of_them(tmp_path: Path) -> None:
    """The fast path for strings, lists and maps hands everything else to PyYAML's safe constructor."""
    path = tmp_path / "values.yaml"
    path.write_text(
        "a: &x [1, 2.5, true, null, '3', 2025-01-31]\nb: [1, 2.5, true, null, '3', 2025-01-31]\n"
        "c: {<<: {d: 1}, e: 2}\nf: !!str 12\ng: 0x1F\n"
        "h: {i: [{j: k}]}\n"
    )
    shared = [1, 2.5, True, None, "3", "2025-01-31"]
    assert read_yaml(path) == {
        "a": shared,
        "b": shared,
        "c": {"d": 1, "e": 2},
        "f": "12",
        "g": 31,
        "h": {"i": [{"j": "k"}]},
    }
    path.write_text("a:\n  - {x: 1, x: 2}\n")
    with pytest.raises(RefusalError, match="has the key 'x' twice in one mapping"):
        read_yaml(path)


def alias_bomb(levels: int, fanout: int, shape: str) -> str:
    """Nested aliases, each level `fanout` times the one below ("billion laughs"): a few hundred bytes
    that would expand to fanout**levels values. `shape` is how each level holds its aliases."""
    lines = ["a0: &a0 lol"]
    for level in range(1, levels):
        below = [f"*a{level - 1}"] * fanout
        if shape == "list":
            body = "[" + ", ".join(below) + "]"
        elif shape == "mapping":
            body = "{" + ", ".join(f"k{index}: {alias}" for index, alias in enumerate(below)) + "}"
        elif shape == "merge":  # merge keys take aliases of mappings
            body = "{" + f"<<: {{k: *a{level - 1}}}, " + ", ".join(f"m{i}: {a}" for i, a in enumerate(below)) + "}"
        else:  # tagged: PyYAML's own constructor, not the fast path
            body = "!!seq [" + ", ".join(below) + "]"
        lines.append(f"a{level}: &a{level} {body}")
    return "\n".join(lines) + "\n"


ALIAS_SHAPES = ("list", "mapping", "merge", "tagged")


@given(
    levels=st.integers(min_value=2, max_value=60),
    fanout=st.integers(min_value=1, max_value=12),
    shape=st.sampled_from(ALIAS_SHAPES),
)
def test_every_alias_bomb_is_refused_before_it_expands(tmp_path_factory, levels: int, fanout: int, shape: str) -> None:
    """At 60 levels of 12 a bomb would be 12**59 values: it can only be refused if nothing is expanded."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.yaml"
    path.write_text(alias_bomb(levels, fanout, shape), encoding="utf-8")
    with pytest.raises(RefusalError, match=r"uses a YAML alias of the anchor at line 1; write the value out in full"):
        read_yaml(path)


@pytest.mark.parametrize(
    "text",
    [
        "a: &s text\nb: *s\n",  # a scalar
        "a: &n 5\nb: [*n]\n",  # a number: PyYAML's constructor path
        "a: &m {x: 1}\nb: {<<: *m, y: 2}\n",  # a merge key
        "a: &l [1]\nb: *l\n",  # a list
        "? &k key\n: 1\nb: {*k : 2}\n",  # a key
        "a: &r [*r]\n",  # an alias of itself
        "a: &t !!str x\nb: *t\n",  # a tagged value
    ],
    ids=["scalar", "number", "merge", "list", "key", "recursive", "tagged"],
)
def test_every_kind_of_alias_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RefusalError, match=r"uses a YAML alias of the anchor at line \d+"):
        read_yaml(path)


def test_an_anchor_nobody_refers_to_is_harmless(tmp_path: Path) -> None:
    path = tmp_path / "anchor.yaml"
    path.write_text("a: &only [1, two]\n", encoding="utf-8")
    assert read_yaml(path) == {"a": [1, "two"]}


def test_a_bomb_costs_no_more_memory_than_its_text(tmp_path: Path) -> None:
    """The 472-byte file of the report, and one far deeper: refused with a few kilobytes of work, not gigabytes."""
    path = tmp_path / "bomb.yaml"
    for levels in (9, 40):
        path.write_text(alias_bomb(levels, 10, "list"), encoding="utf-8")
        tracemalloc.start()
        with pytest.raises(RefusalError, match="uses a YAML alias"):
            read_yaml(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < 200 * path.stat().st_size, f"{peak:,} bytes at peak for a {path.stat().st_size}-byte file"


def test_a_claims_file_with_aliases_is_refused_by_name_and_the_rest_loads(data_copy: Path, capsys) -> None:
    write_claims(data_copy, [valid_claim(id="kept")], name="good.yaml")
    (data_copy / "claims" / "bomb.yaml").write_text(
        "case: x\nclaims: []\n" + alias_bomb(12, 10, "list"), encoding="utf-8"
    )
    dataset = load_dataset(data_copy)
    assert "kept" in dataset.by_id
    assert next(str(issue) for issue in dataset.issues if issue.file == "bomb.yaml") == (
        "bomb.yaml: (whole file): uses a YAML alias of the anchor at line 3; "
        "write the value out in full (aliases are not accepted in data files)"
    )
    assert validate_main([str(data_copy)]) == 1
    assert "bomb.yaml: (whole file): uses a YAML alias" in capsys.readouterr().err


def test_a_value_held_twice_is_written_out_twice(tmp_path: Path) -> None:
    """The bundle writer never writes an alias, so what the store exports it can import again."""
    shared = {"outlet": "bbc", "date": "2025-01-31"}
    document = {"claims": [{"reports": [shared]}, {"reports": [shared]}]}
    write_bundle({"case.yaml": document}, tmp_path)
    text = (tmp_path / "case.yaml").read_text(encoding="utf-8")
    assert "&" not in text and "*" not in text
    assert read_yaml(tmp_path / "case.yaml") == document


def test_the_store_refuses_a_bundle_with_aliases_naming_the_file(
    data_copy: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the command line, as a team imports: nothing goes in, and the message names the bundle's file."""
    (data_copy / "claims" / "bomb.yaml").write_text("case: x\nclaims: []\n" + alias_bomb(30, 10, "list"))
    monkeypatch.setenv("KURSK_MAP_DB", f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert store_main(["import", str(data_copy), "--reason", "a bundle with a bomb"]) == 1
    err = capsys.readouterr().err
    assert "claims/bomb.yaml uses a YAML alias of the anchor at line 3" in err
    assert "nothing imported" in err
