"""Loading reports every bad record by file, record and reason, and keeps the rest."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from geo.reading.bundle import Bundle, read_folder
from geo.reading.dataset import load_dataset
from geo.reading.validate import main as validate_main
from geo.store import ImportRefusedError, Store
from tests.conftest import REPO, valid_claim, write_claims


def test_bundled_data_loads_cleanly(bundled) -> None:
    assert bundled.issues == []
    assert len(bundled.claims) >= 9
    assert {snapshot.layer for snapshot in bundled.fronts} == {
        "ua-held-mapsite",
        "isw-russian-advances",
        "ru-occupied-deepstate",
    }
    assert any(case.key_date is not None for case in bundled.cases)


def test_bad_record_is_reported_and_the_rest_loads(data_copy: Path) -> None:
    write_claims(
        data_copy,
        [
            valid_claim(id="good-one"),
            valid_claim(id="bad-link", reports=[{"outlet": "bbc", "date": "2025-01-31", "url": "javascript:alert(1)"}]),
            valid_claim(id="unknown-place", location={"place": "Atlantis"}),
            valid_claim(id="unknown-outlet", claimant="nobody"),
            {"statement": "no id at all"},
            valid_claim(id="good-one"),
        ],
    )
    dataset = load_dataset(data_copy)
    assert [claim.id for claim in dataset.claims] == ["good-one"]
    problems = {issue.record: issue for issue in dataset.issues}
    assert "http(s)" in problems["bad-link"].problem
    assert "'Atlantis' is not in the gazetteer" in problems["unknown-place"].problem
    assert "claimant 'nobody' is not in sources.yaml" in problems["unknown-outlet"].problem
    assert "id: Field required" in problems["record #5"].problem
    assert any("duplicate claim id" in issue.problem for issue in dataset.issues)
    assert all(issue.file == "test.yaml" for issue in dataset.issues)


def test_links_to_unknown_claims_are_reported(data_copy: Path) -> None:
    write_claims(data_copy, [valid_claim(supports=["missing-claim"])])
    dataset = load_dataset(data_copy)
    assert len(dataset.claims) == 1
    assert "missing-claim" in dataset.issues[0].problem


def test_a_claim_contradicting_its_own_assertion_is_reported_not_ignored(data_copy: Path) -> None:
    """Two claims of one assertion (same_as) cannot contradict each other: the link was once dropped unseen."""
    write_claims(
        data_copy,
        [
            valid_claim(id="first-report"),
            valid_claim(id="second-report", same_as=["first-report"]),
            valid_claim(id="third-report", same_as=["second-report"], contradicts=["first-report"]),
        ],
    )
    dataset = load_dataset(data_copy)
    assert len(dataset.claims) == 3  # loaded, and the problem said
    [issue] = [issue for issue in dataset.issues if issue.record == "third-report"]
    assert issue.file == "test.yaml"
    assert issue.problem == "links: contradicts first-report, a claim of its own assertion group (same_as)"


def test_broken_yaml_names_the_file(data_copy: Path) -> None:
    path = write_claims(data_copy, [valid_claim()])
    path.write_text("claims: [unclosed\n")
    dataset = load_dataset(data_copy)
    assert dataset.claims == []
    assert dataset.issues[0].file == "test.yaml"
    assert "YAML" in dataset.issues[0].problem


def test_bad_source_and_bad_front_are_reported(data_copy: Path, bundled) -> None:
    sources = (data_copy / "sources.yaml").read_text()
    (data_copy / "sources.yaml").write_text(sources + "- {id: Bad Id, name: X, kind: blog, affiliation: mars}\n")
    front = data_copy / "fronts" / "isw-russian-advances.geojson"
    front.write_text(front.read_text().replace('"date": "2024-09-11"', '"date": "not-a-date"', 1))
    dataset = load_dataset(data_copy)
    records = {issue.record for issue in dataset.issues}
    assert "Bad Id" in records
    assert "isw-russian-advances not-a-date" in records
    assert len(dataset.fronts) == len(bundled.fronts) - 1  # only the broken snapshot is left out


def test_command_line_validation_exit_codes(data_copy: Path, capsys) -> None:
    assert validate_main([str(data_copy)]) == 0
    write_claims(data_copy, [valid_claim(id="x", category="gossip")])
    assert validate_main([str(data_copy)]) == 1
    assert "test.yaml: x: category" in capsys.readouterr().err


def emptied(path: Path) -> None:
    """The file as a valid, empty FeatureCollection: it reads cleanly and holds nothing."""
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")


def neighbours_only(path: Path) -> None:
    """The regions without the one with role 'focus' (Kursk Oblast)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    document["features"] = [f for f in document["features"] if f["properties"]["role"] != "focus"]
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (Path.unlink, "cannot be opened"),
        (emptied, "features: the list is empty; the map needs the region with role 'focus'"),
        (neighbours_only, "features: no feature has role 'focus'"),
    ],
    ids=["missing", "empty", "no-focus"],
)
def test_a_required_basemap_that_cannot_serve_is_refused_everywhere(
    data_copy: Path, tmp_path: Path, capsys, spoil, problem: str
) -> None:
    """An empty regions layer is refused as a missing one is: an issue naming file, record and field, a
    failing `geo.reading.validate`, a refused import into the store, and the page's error."""
    spoil(data_copy / "basemap" / "regions.geojson")
    dataset = load_dataset(data_copy)
    refused = [issue for issue in dataset.issues if issue.file == "regions.geojson"]
    assert [issue.loaded for issue in refused] == [False]
    assert problem in refused[0].problem
    assert dataset.page_errors and "regions.geojson" in dataset.page_errors[0]
    assert validate_main([str(data_copy)]) == 1
    assert f"regions.geojson: {refused[0].record}: {problem}" in capsys.readouterr().err
    if data_copy.joinpath("basemap", "regions.geojson").exists():
        store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
        before = store.stamp()
        with pytest.raises(ImportRefusedError, match=re.escape(f"regions.geojson: (whole layer): {problem}")):
            store.import_bundle(data_copy, "tester", "an emptied basemap")
        assert store.stamp() == before  # nothing went in


@pytest.mark.parametrize(
    "layer",
    ["basemap/regions.geojson", "basemap/border_ru_ua.geojson", "places/settlements.geojson", "areas.geojson"],
)
def test_every_emptied_layer_file_is_reported(data_copy: Path, layer: str) -> None:
    """The class: any layer file of the bundle emptied to `features: []` makes the check fail, never passes silently."""
    emptied(data_copy / layer)
    dataset = load_dataset(data_copy)
    assert dataset.issues, f"{layer} emptied, yet nothing was reported"
    assert validate_main([str(data_copy)]) == 1


@pytest.mark.parametrize(
    "spoil",
    [
        lambda folder: (folder / "claims" / "north_korean_troops.yaml").write_text("claims: [unclosed\n"),
        lambda folder: (folder / "places" / "settlements.geojson").unlink(),
        lambda folder: (folder / "case.yaml").unlink(),
        lambda folder: (folder / "fronts" / "ua-held-mapsite.geojson").write_text("null"),
    ],
    ids=["refused-claims-file", "missing-places", "missing-case", "front-layer-not-geojson"],
)
def test_a_bundle_of_documents_loads_as_its_folder_does(data_copy: Path, spoil) -> None:
    """The loader takes documents, whoever parsed them: the folder's documents handed over in memory
    (as the store hands over its records') load to the same claims and the same problems as the folder."""
    spoil(data_copy)
    from_folder = load_dataset(data_copy)
    folder = read_folder(data_copy)
    in_memory = load_dataset(Bundle(dict(folder.documents), dict(folder.refused)))
    assert from_folder.issues  # each spoiling is a problem the loader names
    assert in_memory.issues == from_folder.issues
    assert [claim.id for claim in in_memory.claims] == [claim.id for claim in from_folder.claims]
    assert len(in_memory.fronts) == len(from_folder.fronts)


LOADER_MODULES = ["geo/reading/loading.py", "geo/reading/features.py", "geo/reading/dataset.py", "geo/model/stories.py"]


def reads_files(source: str) -> list[str]:
    """Where a module calls the strict reader's file readers, or opens or lists a file itself."""
    readers = {"read_yaml", "read_json", "read_text", "read_bytes", "open", "glob", "is_file", "is_dir"}
    return [
        f"line {node.lineno}: {ast.unparse(node.func)}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) in readers
    ]


def test_only_the_folder_reader_reads_a_bundles_files() -> None:
    """The loader is handed a bundle's documents (geo.reading.bundle): it neither opens nor lists a file, so
    nothing can stand in for a folder to feed it, and a folder and the store are checked alike."""
    found = {name: reads_files((REPO / name).read_text(encoding="utf-8")) for name in LOADER_MODULES}
    assert found == {name: [] for name in LOADER_MODULES}
    assert reads_files((REPO / "geo/reading/bundle.py").read_text(encoding="utf-8"))  # where they are read


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("document = reader.read_yaml(path)", 1),
        ("for path in sorted(folder.glob('*.yaml')): pass", 1),
        ("if path.is_file(): text = open(path).read()", 2),
        ("document = document_of(bundle, 'case.yaml', issues)", 0),
    ],
)
def test_the_file_check_finds_reads_and_only_them(source: str, found: int) -> None:
    assert len(reads_files(source)) == found
