"""Dependencies: the whole Python tree is locked with hashes and the vendored browser files are the recorded ones.

Checked from outside: the scripts a person or CI runs (check_lock.py, setup_env.sh, vendor_assets.py --verify),
run on copies of the repo that an attacker or a hurried edit has changed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest
from packaging.markers import Marker

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"


def load_script(name: str) -> ModuleType:
    """Import scripts/<name>.py (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


check_lock = load_script("check_lock")
vendor_assets = load_script("vendor_assets")

INPUTS = [input_name for input_name, _, _ in check_lock.LOCKS]
LOCK_FILES = [lock_name for _, lock_name, _ in check_lock.LOCKS]


def own_pins(input_name: str) -> list[tuple[str, str]]:
    """(input file, pin line) for every pin written in that file itself (not through -r)."""
    lines = (ROOT / input_name).read_text(encoding="utf-8").splitlines()
    return [(input_name, line) for line in lines if check_lock._PIN.match(line.split("#", 1)[0].strip())]


TOP_LEVEL_PINS = [pin for input_name in INPUTS for pin in own_pins(input_name)]
PIN_IDS = [line.split("#", 1)[0].strip() for _, line in TOP_LEVEL_PINS]


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """The inputs, the locks and the two scripts that read them, in a folder of their own."""
    for name in [*INPUTS, *LOCK_FILES]:
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "scripts").mkdir()
    for script in ("check_lock.py", "setup_env.sh"):
        shutil.copy(ROOT / "scripts" / script, tmp_path / "scripts" / script)
    return tmp_path


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "check_lock.py"), "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_locks_match_their_inputs() -> None:
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert "locks match their inputs" in result.stdout


def test_every_locked_package_is_pinned_with_sha256_hashes_and_the_locks_say_how_they_were_made() -> None:
    for lock_name in LOCK_FILES:
        entries, problems = check_lock.read_lock(ROOT / lock_name)
        assert problems == []
        assert len(entries) >= 20, lock_name  # the whole tree, not only the top level
        assert all(entry.hashes for entry in entries.values())
        header = (ROOT / lock_name).read_text(encoding="utf-8").splitlines()[:2]
        assert header[1].strip() == "#    bash scripts/lock_requirements.sh"
    runtime, _ = check_lock.read_lock(ROOT / "requirements.lock.txt")
    top_level = {pin_name(line) for _, line in own_pins("requirements.txt")}
    assert top_level < set(runtime)
    assert {"numpy", "jinja2", "branca", "tornado"} & set(runtime) >= {"numpy", "jinja2", "branca"}


def pin_name(line: str) -> str:
    match = check_lock._PIN.match(line.split("#", 1)[0].strip())
    assert match is not None
    return check_lock.canonical(match["name"])


def test_the_locked_tools_are_the_ones_the_lock_and_audit_scripts_use() -> None:
    tools, _ = check_lock.read_lock(ROOT / "requirements-tools.lock.txt")
    assert tools["uv"].version == "0.13.8"
    assert tools["pip-audit"].version == "2.10.1"
    tools_env = (ROOT / "scripts" / "tools_env.sh").read_text(encoding="utf-8")
    assert "--require-hashes" in tools_env and "-r requirements-tools.lock.txt" in tools_env
    for name in ("lock_requirements.sh", "audit_dependencies.sh"):
        script = (ROOT / "scripts" / name).read_text(encoding="utf-8")
        assert "\nsource scripts/tools_env.sh" in script, name


def test_this_environment_holds_exactly_the_locked_versions() -> None:
    """What setup_env.sh installed is the test lock, package by package (where its marker applies)."""
    entries, _ = check_lock.read_lock(ROOT / "requirements-test.lock.txt")
    applying = {name: entry for name, entry in entries.items() if not entry.marker or Marker(entry.marker).evaluate()}
    wrong = {
        name: (entry.version, installed_version(name))
        for name, entry in applying.items()
        if installed_version(name) != entry.version
    }
    assert wrong == {}


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@pytest.mark.parametrize(("input_name", "line"), TOP_LEVEL_PINS, ids=PIN_IDS)
def test_a_pin_changed_without_relocking_is_refused(repo_copy: Path, input_name: str, line: str) -> None:
    pin = check_lock._PIN.match(line.split("#", 1)[0].strip())
    assert pin is not None
    bumped = line.replace(f"=={pin['version']}", f"=={pin['version']}.1", 1)
    replace_once(repo_copy / input_name, line, bumped)
    problems = check_lock.check(repo_copy)
    name = check_lock.canonical(pin["name"])
    assert any(problem.startswith(f"{name}: pinned {pin['version']}.1") for problem in problems), problems


@pytest.mark.parametrize(("input_name", "line"), TOP_LEVEL_PINS, ids=PIN_IDS)
def test_a_pin_dropped_without_relocking_is_refused(repo_copy: Path, input_name: str, line: str) -> None:
    replace_once(repo_copy / input_name, line + "\n", "")
    problems = check_lock.check(repo_copy)
    assert any(p.startswith(f"{pin_name(line)}==") and "no longer asked for" in p for p in problems), problems


@pytest.mark.parametrize("input_name", INPUTS)
def test_a_package_added_without_relocking_or_pinned_loosely_is_refused(repo_copy: Path, input_name: str) -> None:
    with (repo_copy / input_name).open("a", encoding="utf-8") as file:
        file.write("brand-new-package==1.0\nrequests>=2\n")
    problems = check_lock.check(repo_copy)
    assert "brand-new-package==1.0 is asked for but not in" in "\n".join(problems)
    assert any("not an exact pin" in problem and "requests>=2" in problem for problem in problems)


def test_a_lock_entry_edited_by_hand_is_refused(repo_copy: Path) -> None:
    lock = repo_copy / "requirements-test.lock.txt"
    text = lock.read_text(encoding="utf-8")
    # a transitive package moved in the test lock only: the two locks no longer agree
    moved = re.sub(r"^numpy==(\S+)", r"numpy==\g<1>.post9", text, count=1, flags=re.MULTILINE)
    # a package whose hashes were taken away would install whatever the index serves
    unhashed = re.sub(r"(^pyyaml==\S+ \\\n)(    --hash=\S+( \\)?\n)+", r"pyyaml==6.0.4\n", moved, flags=re.MULTILINE)
    assert unhashed != moved != text
    lock.write_text(unhashed, encoding="utf-8")
    problems = check_lock.check(repo_copy)
    assert "numpy differs between requirements.lock.txt and requirements-test.lock.txt" in "\n".join(problems)
    assert any("pyyaml==6.0.4 has no --hash" in problem for problem in problems)


SMUGGLED_LINES = [
    "--index-url https://packages.example.invalid/simple",
    "--extra-index-url https://packages.example.invalid/simple",
    "--find-links https://packages.example.invalid/wheels",
    "--trusted-host packages.example.invalid",
    "-e git+https://example.invalid/folium.git#egg=folium",
    "folium @ https://example.invalid/folium-0.20.0-py2.py3-none-any.whl",
    "--no-binary :all:",
]


@pytest.mark.parametrize("line", SMUGGLED_LINES)
@pytest.mark.parametrize("file_name", ["requirements.txt", "requirements.lock.txt"])
def test_an_other_source_or_unpinned_install_in_an_input_or_a_lock_is_refused(
    repo_copy: Path, file_name: str, line: str
) -> None:
    """Whatever would make pip fetch from elsewhere, or build from a source it was not given, is refused."""
    with (repo_copy / file_name).open("a", encoding="utf-8") as file:
        file.write(line + "\n")
    result = run_check(repo_copy)
    assert result.returncode == 1
    assert line[:80] in result.stderr


def test_a_missing_lock_is_refused(repo_copy: Path) -> None:
    (repo_copy / "requirements.lock.txt").unlink()
    result = run_check(repo_copy)
    assert result.returncode == 1
    assert "requirements.lock.txt: missing; re-lock with `bash scripts/lock_requirements.sh`" in result.stderr


def test_setup_refuses_a_stale_lock_before_installing_anything(repo_copy: Path) -> None:
    replace_once(repo_copy / "requirements.txt", "folium==0.20.0", "folium==0.19.7")
    result = subprocess.run(
        ["bash", "-c", "source scripts/setup_env.sh requirements.txt"],
        cwd=repo_copy,
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    assert "folium: pinned 0.19.7, requirements.lock.txt has 0.20.0" in result.stderr
    assert not (repo_copy / ".venv").exists()


def test_setup_installs_only_from_the_locks_with_hashes_required() -> None:
    setup = (ROOT / "scripts" / "setup_env.sh").read_text(encoding="utf-8")
    installs = [line for line in setup.splitlines() if "pip install" in line]
    assert installs and all('--require-hashes -r "$here/$lock"' in line for line in installs)


# Vendored browser files


def manifest_rows() -> dict[str, tuple[int, str]]:
    """File -> (bytes, sha256) as recorded in static/vendor/MANIFEST.md."""
    text = (VENDOR / vendor_assets.MANIFEST_NAME).read_text(encoding="utf-8")
    return {m[1]: (int(m[2]), m[3]) for m in map(vendor_assets.MANIFEST_ROW_RE.match, text.splitlines()) if m}


def test_every_vendored_file_matches_its_recorded_hash() -> None:
    rows = manifest_rows()
    on_disk = {
        path.relative_to(VENDOR).as_posix(): path.read_bytes()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != vendor_assets.MANIFEST_NAME
    }
    assert set(on_disk) == set(rows)
    for rel, data in on_disk.items():
        assert (len(data), hashlib.sha256(data).hexdigest()) == rows[rel], rel
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "vendor_assets.py"), "--verify"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_manifest_records_each_packages_version_source_and_integrity() -> None:
    text = (VENDOR / vendor_assets.MANIFEST_NAME).read_text(encoding="utf-8")
    for package in vendor_assets.PACKAGES:
        assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", package.integrity)
        row = (
            f"| {package.name} | {package.version} | {package.replaces} | {package.licence} "
            f"| npm `{package.spec}` | `{package.integrity}` |"
        )
        assert row in text
        copied = [*package.files, *([package.licence_file] if package.licence_file else []), *package.extra_files]
        listed = [rel for rel in manifest_rows() if rel.startswith(package.dest + "/")]
        assert sorted(listed) == sorted(f"{package.dest}/{rel}" for rel in copied)


def test_the_map_runs_leaflet_1_9_4_from_the_recorded_files() -> None:
    from components.map.assets import VENDORED_CSS, VENDORED_JS, vendored_files

    leaflet = next(p for p in vendor_assets.PACKAGES if p.name == "leaflet")
    assert leaflet.version == "1.9.4"
    script = (VENDOR / "leaflet@1.9.4" / "dist" / "leaflet.js").read_text(encoding="utf-8")
    assert 't.version="1.9.4"' in script and "Leaflet 1.9.4" in script
    assert dict(VENDORED_JS)["leaflet"].endswith("/leaflet@1.9.4/dist/leaflet.js")
    assert dict(VENDORED_CSS)["leaflet_css"].endswith("/leaflet@1.9.4/dist/leaflet.css")
    rows = manifest_rows()
    assert all(path.relative_to(VENDOR).as_posix() in rows for path in vendored_files())


@pytest.fixture
def vendor_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "vendor"
    shutil.copytree(VENDOR, copy)
    assert vendor_assets.verify_on_disk(copy) == []
    return copy


def test_any_changed_missing_or_extra_vendored_file_is_caught(vendor_copy: Path) -> None:
    for rel in manifest_rows():
        path = vendor_copy / rel
        original = path.read_bytes()
        path.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))  # one bit, same size
        assert vendor_assets.verify_on_disk(vendor_copy) == [f"changed: {rel}"]
        path.unlink()
        assert f"missing: {rel}" in vendor_assets.verify_on_disk(vendor_copy)
        path.write_bytes(original)
    (vendor_copy / "leaflet@1.9.4" / "dist" / "extra.js").write_text("alert(1)", encoding="utf-8")
    assert vendor_assets.verify_on_disk(vendor_copy) == ["not in manifest: leaflet@1.9.4/dist/extra.js"]


def test_the_verify_command_fails_on_a_tampered_copy(vendor_copy: Path) -> None:
    target = vendor_copy / "leaflet@1.9.4" / "dist" / "leaflet.js"
    target.write_text(target.read_text(encoding="utf-8") + "\nfetch('https://example.invalid/');\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "vendor_assets.py"), "--verify", "--vendor-dir", str(vendor_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "changed: leaflet@1.9.4/dist/leaflet.js" in result.stderr
