"""The current view as one HTML file that opens anywhere with no network.

The same map the app draws, with Leaflet and the map code inlined, the view (date, claims,
selection) fixed, and a list of the claims shown with their sources and grades beside it.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Mapping
from pathlib import Path

from components.escaping import html_link, html_text, script_json
from components.map_payload import claim_detail, claim_numbers, day, period_text, visible_bitset
from components.map_protocol import MapView
from components.map_view import STATIC_DIR, build_map
from geo import links
from geo.confidence import admiralty_words, likelihood_sentence
from geo.dataset import Dataset
from geo.grading import Grade
from geo.model import Claim

KEEP_ASSETS = ("leaflet.js", "leaflet.css", "supercluster.min.js", "kursk_map.js", "kursk_map.css")
"""The export draws with Leaflet and the map code only; icon fonts and Bootstrap are not used."""

SCRIPT_TAG = re.compile(r'<script src="(/app/static/[^"]+)"></script>')
STYLE_TAG = re.compile(r'<link rel="stylesheet" href="(/app/static/[^"]+)"/>')
CSS_URL = re.compile(r"url\((?!data:|#)['\"]?([^'\")]+)['\"]?\)")

PAGE_STYLE = """
html, body { margin: 0; height: 100%; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { display: flex; }
.folium-map { flex: 2 1 0; height: 100vh !important; position: relative !important; }
aside { flex: 1 1 0; max-width: 34rem; height: 100vh; overflow-y: auto; padding: 0 1rem; box-sizing: border-box;
  border-left: 1px solid #ccc; font-size: 14px; line-height: 1.45; }
aside h1 { font-size: 1.3rem; } aside article { border: 1px solid #ccc; border-radius: 6px; padding: .5rem .75rem;
  margin: .6rem 0; } aside article.selected { border: 3px solid #0072B2; } aside ul { padding-left: 1.1rem; }
.grade { font-weight: 700; }
"""


def asset_path(url: str) -> Path:
    return STATIC_DIR / url.removeprefix("/app/static/").split("?", 1)[0]


def data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css(path: Path) -> str:
    """The stylesheet with its images embedded, so nothing is fetched."""
    css = path.read_text(encoding="utf-8")
    return CSS_URL.sub(lambda match: f"url({data_uri(path.parent / match.group(1))})", css)


def inline_assets(html: str) -> str:
    """Replace links to the app's static files with their contents; drop the unused ones."""
    def script(match: re.Match[str]) -> str:
        path = asset_path(match.group(1))
        if path.name not in KEEP_ASSETS:
            return ""
        return "<script>" + path.read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>"

    def style(match: re.Match[str]) -> str:
        path = asset_path(match.group(1))
        return f"<style>{inline_css(path)}</style>" if path.name in KEEP_ASSETS else ""

    return STYLE_TAG.sub(style, SCRIPT_TAG.sub(script, html))


def claim_article(claim: Claim, number: int, grade: Grade, dataset: Dataset, selected: bool) -> str:
    sources = dataset.sources
    reports = "".join(f"<li>{html_link(report.url, sources[report.outlet].name)}, {html_text(day(report.date))}"
                      + (f" — via {html_text(report.via)}" if report.via else "") + "</li>"
                      for report in claim.reports)
    reasons = "".join(f"<li>{html_text(reason)}</li>" for reason in grade.reasons)
    override = (f"<p><b>Analyst override</b> (rule: {html_text(grade.derived.code)}): "
                f"{html_text(grade.override_rationale)}</p>" if grade.derived else "")
    return (f"<article class=\"{'selected' if selected else ''}\"><b>#{number} {html_text(claim.statement)}</b>"
            f"<p class=\"grade\">Confidence: {html_text(grade.confidence.value)} · {html_text(grade.status.value)} · "
            f"{html_text(admiralty_words(grade.reliability, grade.credibility))}</p>"
            f"<p>{html_text(likelihood_sentence(grade.likelihood))}</p>"
            f"<p>Claimed by {html_text(sources[claim.claimant].name)} · about {html_text(period_text(claim))}</p>"
            f"<ul>{reports}</ul><details><summary>Why this grade</summary><ol>{reasons}</ol></details>"
            f"{override}</article>")


def standalone_html(dataset: Dataset, grades: Mapping[str, Grade], view: links.View, shown: list[Claim]) -> str:
    """One self-contained page: the map at this view and the claims it shows."""
    assert view.date is not None, "an export needs a date"
    numbers = claim_numbers(dataset.claims)
    ids = [claim.id for claim in shown]
    start: MapView = {
        "date": view.date.isoformat(), "claim": view.claim or "", "visible": visible_bitset(dataset, ids, grades),
        "grades": None, "detail": {claim.id: claim_detail(claim, dataset) for claim in shown},
        "moveTo": (None if view.position is None else
                   {"lat": view.position.lat, "lon": view.position.lon, "zoom": view.position.zoom, "seq": "export"}),
        "layers": None, "highlight": [], "brief": False, "analysis": None, "playing": False, "step": 0, "steps": 0,
    }
    articles = "".join(claim_article(claim, numbers[claim.id], grades[claim.id], dataset, claim.id == view.claim)
                       for claim in shown)
    aside = (f"<aside><h1>Kursk claims map — {html_text(day(view.date))}</h1>"
             f"<p>{len(shown)} claims shown. Exported view; open the app for the live map.</p>{articles}</aside>")
    html = build_map(dataset, dict(grades)).get_root().render()  # markers styled with the grades on screen
    html = inline_assets(html)
    html = html.replace("<head>", "<head><meta charset=\"utf-8\"><title>Kursk claims map — "
                        f"{html_text(day(view.date))}</title><script>window.kcmView = {script_json(start)};"
                        f"</script><style>{PAGE_STYLE}</style>", 1)
    return html.replace("</body>", aside + "</body>", 1)
