#!/usr/bin/env python3
"""Vendor pinned copies of the front-end assets folium maps need into static/vendor/.

Why: the app must work with no internet, but folium 0.20 points every map at
public CDNs (Leaflet, jQuery, Bootstrap, Leaflet.awesome-markers, Font Awesome,
Bootstrap 3 glyphicons, folium's rotate CSS).  This script fetches exact,
integrity-pinned npm tarballs with ``npm pack`` (the npm registry is the only
network source we may use), copies out just the files a browser will request
(JS, CSS and every image/font those CSS files reference by relative path) plus
each package's licence, and writes ``static/vendor/MANIFEST.md`` with a sha256
for every file.  Streamlit static serving then serves them at
``/app/static/vendor/`` and ``components/assets.py`` points folium at them.

Files are copied byte-for-byte (nothing is minified, patched or stripped), so a
re-run produces identical files; only changed files are rewritten and files
that are no longer part of the plan are removed from static/vendor/.

Usage (from the repo root, with the project venv so folium can be found)::

    .venv/bin/python scripts/vendor_assets.py           # (re)build from npm
    .venv/bin/python scripts/vendor_assets.py --verify  # offline check only
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = ROOT / "static" / "vendor"
MANIFEST_NAME = "MANIFEST.md"
URL_PREFIX = "/app/static/vendor"

# Upstream LICENSE of Leaflet.awesome-markers, byte-for-byte from
# github.com/lvoogdt/Leaflet.awesome-markers at tag v2.0.2 (no trailing newline).
# Why embedded: the npm shim package that carries the 2.0.2 files ships no
# LICENSE file (its package.json only declares MIT), and the MIT terms require
# the notice to travel with the copy.
AWESOME_MARKERS_LICENSE = (
    "Copyright (C) 2013 L. Voogdt\n"
    "\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy"
    ' of this software and associated documentation files (the "Software"), to'
    " deal in the Software without restriction, including without limitation the"
    " rights to use, copy, modify, merge, publish, distribute, sublicense, and/or"
    " sell copies of the Software, and to permit persons to whom the Software is"
    " furnished to do so, subject to the following conditions:\n"
    "\n"
    "The above copyright notice and this permission notice shall be included in"
    " all copies or substantial portions of the Software.\n"
    "\n"
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR'
    " IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,"
    " FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE"
    " AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER"
    " LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING"
    " FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS"
    " IN THE SOFTWARE."
)
AWESOME_MARKERS_LICENSE_SHA256 = "eb9cb7abfd51b3d60a390ab572488738cf0278ae974fa06df0201909d1ce6dd6"

FOLIUM_VERSION = "0.20.0"
ROTATE_CSS_NAME = "leaflet.awesome.rotate.min.css"


@dataclass(frozen=True)
class NpmPackage:
    """One pinned npm tarball and the files to copy out of it (paths inside ``package/``)."""

    name: str
    version: str
    integrity: str  # pinned SRI (sha512) of the registry tarball
    licence: str  # SPDX expression, from the package's own licence file
    files: tuple[str, ...]
    licence_file: str | None
    replaces: str  # which folium default(s) this stands in for
    extra_files: dict[str, str] = field(default_factory=dict)  # path -> text
    note: str = ""

    @property
    def spec(self) -> str:
        """npm spec ``name@version``."""
        return f"{self.name}@{self.version}"

    @property
    def dest(self) -> str:
        """Directory under static/vendor/ (same layout as jsdelivr/unpkg URLs)."""
        return f"{self.name}@{self.version}"


PACKAGES: tuple[NpmPackage, ...] = (
    NpmPackage(
        # Not a folium default: the map groups claims whose markers would overlap with it.
        # Its UMD build bundles kdbush (same author, ISC).
        name="supercluster",
        version="9.1.0",
        integrity="sha512-WMhsJPm8Tf9f5mKxJ1D0mB5tbCMOFi8wTrm/LGnsJHGg8xkeNT/TWDZuFauOGRISnclbYgnxD7g3xJAfQO3FLg==",
        licence="ISC",
        files=("dist/supercluster.min.js",),
        licence_file="LICENSE",
        replaces="(none: used by static/kursk_map.js)",
    ),
    NpmPackage(
        name="leaflet",
        version="1.9.4",
        integrity="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        licence="BSD-2-Clause",
        files=(
            "dist/leaflet.js",
            "dist/leaflet.css",
            # leaflet.css references layers*.png and marker-icon.png; leaflet.js
            # derives the default icon path from that CSS and also loads
            # marker-icon-2x.png and marker-shadow.png from the same folder.
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
        ),
        licence_file="LICENSE",
        replaces="leaflet, leaflet_css",
    ),
    NpmPackage(
        name="jquery",
        version="3.7.1",
        integrity="sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
        licence="MIT",
        files=("dist/jquery.min.js",),
        licence_file="LICENSE.txt",
        replaces="jquery (also the jquery3.7.1 entry of the Timestamped* plugins)",
    ),
    NpmPackage(
        name="bootstrap",
        version="5.2.2",
        integrity="sha512-dEtzMTV71n6Fhmbg4fYJzQsw1N29hJKO1js5ackCgIpDcGid2ETMGC6zwSYw09v05Y+oRdQ9loC54zB1La3hHQ==",
        licence="MIT",
        files=("dist/js/bootstrap.bundle.min.js", "dist/css/bootstrap.min.css"),
        licence_file="LICENSE",
        replaces="bootstrap, bootstrap_css",
    ),
    NpmPackage(
        # The npm package "leaflet.awesome-markers" has no 2.0.2 (only 2.0.0,
        # 2.0.4, 2.0.5); this shim of the upstream repo is the one with 2.0.2,
        # and its dist files are byte-identical to upstream tag v2.0.2.
        name="drmonty-leaflet-awesome-markers",
        version="2.0.2",
        integrity="sha512-g508pdnnHQr9l4kU6McvJzcSd0w1FvHFlZZCYc4oT+zjwYJi1qtj0fFBFEWMKoNfHK4UcBya1eccyjKfu4chjQ==",
        licence="MIT",
        files=(
            "js/leaflet.awesome-markers.js",
            "css/leaflet.awesome-markers.css",
            # the CSS references exactly these four; the matte/plain sprites
            # are alternatives nothing here uses.
            "css/images/markers-soft.png",
            "css/images/markers-soft@2x.png",
            "css/images/markers-shadow.png",
            "css/images/markers-shadow@2x.png",
            "package.json",  # carries the MIT licence declaration
        ),
        licence_file=None,
        extra_files={"LICENSE": AWESOME_MARKERS_LICENSE},
        replaces="awesome_markers, awesome_markers_css",
        note=(
            "tarball has no licence file; LICENSE is upstream's (lvoogdt/"
            "Leaflet.awesome-markers tag v2.0.2), embedded in the script"
        ),
    ),
    NpmPackage(
        name="@fortawesome/fontawesome-free",
        version="6.2.0",
        integrity="sha512-CNR7qRIfCwWHNN7FnKUniva94edPdyQzil/zCwk3v6k4R6rR2Fr8i4s3PM7n/lyfPA6Zfko9z5WDzFxG9SW1uQ==",
        licence="(CC-BY-4.0 AND OFL-1.1 AND MIT)",
        files=(
            "css/all.min.css",
            # every font all.min.css references (woff2 + ttf of each face)
            "webfonts/fa-brands-400.woff2",
            "webfonts/fa-brands-400.ttf",
            "webfonts/fa-regular-400.woff2",
            "webfonts/fa-regular-400.ttf",
            "webfonts/fa-solid-900.woff2",
            "webfonts/fa-solid-900.ttf",
            "webfonts/fa-v4compatibility.woff2",
            "webfonts/fa-v4compatibility.ttf",
        ),
        licence_file="LICENSE.txt",
        replaces="awesome_markers_font_css",
        note="icons CC BY 4.0, fonts SIL OFL 1.1, code MIT",
    ),
    NpmPackage(
        # Stand-in for netdna's bootstrap/3.0.0/css/bootstrap-glyphicons.css:
        # bootstrap 3.0.0 is not on npm (3.1.1 is the oldest 3.x) and no 3.x
        # package ships a glyphicons-only CSS; this MIT package is the
        # glyphicons part of Bootstrap 3.3.7 only, and its fonts are
        # byte-identical to bootstrap@3.4.1's dist/fonts.
        name="@neos21/bootstrap3-glyphicons",
        version="1.0.7",
        integrity="sha512-JfvPdx8W2+kVhW+8fj2kIJNS0tesU21hrWF7TBHtYDHpVfcFGU/yn3Eh02sJiNfZABkutP3oU0Ftw8LGF43Jng==",
        licence="MIT",
        files=(
            "dist/css/bootstrap3-glyphicons.min.css",
            # every font the CSS references, so no request can 404
            "dist/fonts/glyphicons-halflings-regular.eot",
            "dist/fonts/glyphicons-halflings-regular.woff2",
            "dist/fonts/glyphicons-halflings-regular.woff",
            "dist/fonts/glyphicons-halflings-regular.ttf",
            "dist/fonts/glyphicons-halflings-regular.svg",
        ),
        licence_file="LICENSE",
        replaces="glyphicons_css",
        note=(
            "substitute: Bootstrap 3.0.0's bootstrap-glyphicons.css is not on npm; "
            "this is Bootstrap 3.3.7's glyphicons rules (same class names)"
        ),
    ),
)


def sha256_hex(data: bytes) -> str:
    """Hex sha256, as listed in the manifest."""
    return hashlib.sha256(data).hexdigest()


def sri_sha512(data: bytes) -> str:
    """Subresource-integrity string npm uses for tarballs."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def npm_pack(pkg: NpmPackage, workdir: Path) -> Path:
    """Download the registry tarball with ``npm pack`` and check its pinned integrity.

    Why check ourselves: a pinned SRI makes the build reproducible and refuses
    a tarball that is not the one reviewed.
    """
    proc = subprocess.run(
        [
            "npm",
            "pack",
            pkg.spec,
            "--json",
            "--ignore-scripts",
            "--pack-destination",
            str(workdir),
        ],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"npm pack {pkg.spec} failed:\n{proc.stderr}")
    info = json.loads(proc.stdout)
    info = info[0] if isinstance(info, list) else info
    tgz = workdir / info["filename"]
    actual = sri_sha512(tgz.read_bytes())
    if actual != pkg.integrity or info.get("integrity") != pkg.integrity:
        raise SystemExit(f"{pkg.spec}: tarball integrity {actual} != pinned {pkg.integrity}")
    return tgz


def read_from_tarball(tgz: Path, wanted: list[str]) -> dict[str, bytes]:
    """Read only the wanted files (paths relative to the tarball's top folder).

    Why not extractall: nothing else touches the disk, and no member path from
    the tarball is ever used as a filesystem path.
    """
    out: dict[str, bytes] = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            parts = PurePosixPath(member.name).parts
            rel = "/".join(parts[1:])  # drop "package/" (or whatever top folder)
            if rel in wanted and rel not in out:
                fh = tar.extractfile(member)
                assert fh is not None
                out[rel] = fh.read()
    missing = sorted(set(wanted) - set(out))
    if missing:
        raise SystemExit(f"{tgz.name}: missing files {missing}")
    return out


def rotate_css() -> bytes:
    """folium's ``.fa-rotate-N`` rules (N = 1..360), used by ``folium.Icon(angle=N)``.

    Why generated: folium points at leaflet.awesome.rotate.min.css in its
    GitHub repo via jsdelivr, but the installed wheel does not ship that file
    and it is on no registry.  Its content is purely mechanical (one transform
    rule per whole degree), so we emit the same rules.
    """
    lines = [
        (
            "/* Generated by scripts/vendor_assets.py: same rules as folium's"
            " folium/templates/leaflet.awesome.rotate.css (folium, MIT, see"
            " LICENSE.txt); not shipped in the folium wheel. */"
        )
    ]
    for n in range(1, 361):
        lines.append(
            f".fa-rotate-{n}{{-ms-transform:rotate({n}deg);-webkit-transform:rotate({n}deg);transform:rotate({n}deg)}}"
        )
    return ("\n".join(lines) + "\n").encode()


def folium_files() -> dict[str, bytes]:
    """The rotate CSS plus folium's own licence, from the installed folium."""
    try:
        dist = metadata.distribution("folium")
    except metadata.PackageNotFoundError:
        raise SystemExit("folium is not installed: run with the project's .venv python") from None
    if dist.version != FOLIUM_VERSION:
        raise SystemExit(f"folium {dist.version} installed, {FOLIUM_VERSION} pinned: update the pin")
    licence = next(
        (f for f in dist.files or [] if PurePosixPath(str(f)).name.startswith("LICENSE")),
        None,
    )
    if licence is None:
        raise SystemExit("folium's LICENSE not found in its dist-info")
    return {
        ROTATE_CSS_NAME: rotate_css(),
        "LICENSE.txt": Path(str(dist.locate_file(licence))).read_bytes(),
    }


CSS_URL_RE = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE)


def css_url_problems(files: dict[str, bytes]) -> list[str]:
    """Every ``url(...)`` in every vendored CSS must be a data: URI or resolve to a vendored file."""
    problems: list[str] = []
    for rel, data in sorted(files.items()):
        if not rel.endswith(".css"):
            continue
        for match in CSS_URL_RE.finditer(data.decode("utf-8")):
            url = match.group(2).strip()
            if url.startswith(("data:", "#")):
                continue  # inline data, or IE's url(#default#VML) behaviour
            if re.match(r"^([a-z]+:)?//", url, re.IGNORECASE) or url.startswith("/"):
                problems.append(f"{rel}: non-relative url({url})")
                continue
            path = re.split(r"[?#]", url, maxsplit=1)[0]
            target = PurePosixPath(rel).parent.joinpath(path)
            resolved = _normalise(target)
            if resolved not in files:
                problems.append(f"{rel}: url({url}) -> {resolved} not vendored")
    return problems


def _normalise(path: PurePosixPath) -> str:
    """Collapse ``..`` segments of a POSIX path without touching the filesystem."""
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


@dataclass
class Source:
    """One row of the package table in the manifest."""

    dest: str
    name: str
    version: str
    licence: str
    origin: str
    integrity: str
    replaces: str
    note: str
    files: list[str]


def build_plan(workdir: Path) -> tuple[dict[str, bytes], list[Source]]:
    """Collect every vendored file (path under static/vendor -> bytes)."""
    plan: dict[str, bytes] = {}
    sources: list[Source] = []
    if sha256_hex(AWESOME_MARKERS_LICENSE.encode()) != AWESOME_MARKERS_LICENSE_SHA256:
        raise SystemExit("embedded awesome-markers LICENSE text was altered")
    for pkg in PACKAGES:
        tgz = npm_pack(pkg, workdir)
        wanted = list(pkg.files) + ([pkg.licence_file] if pkg.licence_file else [])
        got = read_from_tarball(tgz, wanted)
        for rel, text in pkg.extra_files.items():
            got[rel] = text.encode()
        for rel, data in got.items():
            plan[f"{pkg.dest}/{rel}"] = data
        sources.append(
            Source(
                dest=pkg.dest,
                name=pkg.name,
                version=pkg.version,
                licence=pkg.licence,
                origin=f"npm `{pkg.spec}`",
                integrity=pkg.integrity,
                replaces=pkg.replaces,
                note=pkg.note,
                files=sorted(f"{pkg.dest}/{rel}" for rel in got),
            )
        )
    dest = f"folium@{FOLIUM_VERSION}"
    fol = folium_files()
    for rel, data in fol.items():
        plan[f"{dest}/{rel}"] = data
    sources.append(
        Source(
            dest=dest,
            name="folium",
            version=FOLIUM_VERSION,
            licence="MIT",
            origin="installed folium package (generated CSS + its LICENSE.txt)",
            integrity="n/a (not an npm tarball)",
            replaces="awesome_rotate_css",
            note="rotate CSS generated: not shipped in the wheel, not on npm",
            files=sorted(f"{dest}/{rel}" for rel in fol),
        )
    )
    return plan, sources


def render_manifest(plan: dict[str, bytes], sources: list[Source]) -> bytes:
    """MANIFEST.md: packages (licence, integrity) and every file with size and sha256."""
    total = sum(len(b) for b in plan.values())
    out = [
        "# Vendored front-end assets",
        "",
        "Generated by `scripts/vendor_assets.py`; do not edit by hand, re-run the script.",
        (
            f"Served by Streamlit static serving at `{URL_PREFIX}/`; "
            "`components/assets.py` points folium at these files instead of public CDNs."
        ),
        "Files are byte-for-byte copies from the pinned npm tarballs (integrity checked),",
        "except the two marked generated/embedded in the notes.",
        "",
        "## Packages",
        "",
        "| package | version | replaces folium default | licence | source | tarball integrity | notes |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in sources:
        out.append(f"| {s.name} | {s.version} | {s.replaces} | {s.licence} | {s.origin} | `{s.integrity}` | {s.note} |")
    out += [
        "",
        (
            "Not vendored: `glyphicons_css` as folium ships it (netdna "
            "`bootstrap/3.0.0/css/bootstrap-glyphicons.css`) is on no registry; the "
            "Bootstrap 3.3.7 glyphicons package above replaces it."
        ),
        "",
        f"## Files ({len(plan)} files, {total} bytes)",
        "",
        "| package | file | bytes | sha256 |",
        "| --- | --- | --- | --- |",
    ]
    for s in sources:
        for rel in s.files:
            data = plan[rel]
            out.append(f"| {s.name}@{s.version} | `{rel}` | {len(data)} | `{sha256_hex(data)}` |")
    return ("\n".join(out) + "\n").encode()


def sync(plan: dict[str, bytes]) -> tuple[int, int]:
    """Make static/vendor/ hold exactly the plan; rewrite only changed files.

    Returns (written, removed).
    """
    written = removed = 0
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    for path in sorted(VENDOR_DIR.rglob("*"), reverse=True):
        rel = path.relative_to(VENDOR_DIR).as_posix()
        if path.is_file() and rel not in plan:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for rel, data in sorted(plan.items()):
        path = VENDOR_DIR / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    return written, removed


MANIFEST_ROW_RE = re.compile(r"^\| [^|]+ \| `([^`]+)` \| (\d+) \| `([0-9a-f]{64})` \|$")


def verify_on_disk(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Offline check: files match MANIFEST.md, nothing extra, every CSS url() resolves.

    Why a folder argument: tests check a tampered copy is caught without touching the real one.
    """
    manifest = vendor_dir / MANIFEST_NAME
    if not manifest.is_file():
        return [f"{manifest} missing: run scripts/vendor_assets.py"]
    expected: dict[str, tuple[int, str]] = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        m = MANIFEST_ROW_RE.match(line)
        if m:
            expected[m.group(1)] = (int(m.group(2)), m.group(3))
    problems: list[str] = []
    on_disk = {
        p.relative_to(vendor_dir).as_posix(): p.read_bytes()
        for p in vendor_dir.rglob("*")
        if p.is_file() and p.name != MANIFEST_NAME
    }
    for rel, (size, digest) in sorted(expected.items()):
        data = on_disk.get(rel)
        if data is None:
            problems.append(f"missing: {rel}")
        elif len(data) != size or sha256_hex(data) != digest:
            problems.append(f"changed: {rel}")
    problems += [f"not in manifest: {rel}" for rel in sorted(set(on_disk) - set(expected))]
    problems += css_url_problems(on_disk)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Build (default) or verify static/vendor/."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--verify",
        action="store_true",
        help="check static/vendor/ against MANIFEST.md without network",
    )
    parser.add_argument(
        "--vendor-dir",
        type=Path,
        default=VENDOR_DIR,
        help="with --verify: check this copy of static/vendor/ instead",
    )
    args = parser.parse_args(argv)
    if args.vendor_dir != VENDOR_DIR and not args.verify:
        parser.error("--vendor-dir only goes with --verify (a build always writes static/vendor/)")
    if not args.verify:
        with tempfile.TemporaryDirectory(prefix="vendor-assets-") as tmp:
            plan, sources = build_plan(Path(tmp))
        problems = css_url_problems(plan)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        plan[MANIFEST_NAME] = render_manifest(plan, sources)
        written, removed = sync(plan)
        total = sum(len(b) for k, b in plan.items() if k != MANIFEST_NAME)
        print(f"static/vendor: {len(plan) - 1} files, {total} bytes; {written} written, {removed} removed")
    problems = verify_on_disk(args.vendor_dir)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print("static/vendor verified: manifest hashes match, every CSS url() resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main())
