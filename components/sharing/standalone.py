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
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from components.escaping import safe_url
from components.map.frame import MAP_ENTRY, build_map
from components.map.payload import build_map_data, view_of
from components.map.protocol import move_to
from components.panel.cards import period_in
from components.static_files import MODULE_PREFIX, module_graph, static_text
from geo.grading.rule import Grade
from geo.language.scales import confidence_name, status_name
from geo.language.words import ENGLISH, Words
from geo.model.claim_text import describe
from geo.model.records import Claim
from geo.paths import STATIC_DIR
from geo.publishing import links
from geo.reading.dataset import Dataset

KEEP_ASSETS = ("leaflet.js", "leaflet.css", "supercluster.min.js", "kursk_map.js", "kursk_map.css")
"""The export draws with Leaflet and the map code only; icon fonts and Bootstrap are not used."""

SCRIPT_TAG = re.compile(r'<script src="(/app/static/[^"]+)"></script>')
STYLE_TAG = re.compile(r'<link rel="stylesheet" href="(/app/static/[^"]+)"/>')
CSS_URL = re.compile(r"url\((?!data:|#)['\"]?([^'\")]+)['\"]?\)")

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"), autoescape=True)


def asset_path(url: str) -> Path:
    return STATIC_DIR / url.removeprefix("/app/static/").split("?", 1)[0]


def data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inlined_modules() -> dict[str, str]:
    """The import map's imports for the map's ES modules, each as a data: URL: the page stays one file, and
    Chromium runs modules from data: URLs in a page opened from disk (file:), where it fetches no other file."""
    return {MODULE_PREFIX + name: data_uri(STATIC_DIR / name) for name in module_graph(MAP_ENTRY)}


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


def claim_entry(claim: Claim, grade: Grade, dataset: Dataset, selected: bool, words: Words) -> dict[str, Any]:
    """One claim of the list beside the map, as plain values for the autoescaping template, its sentences in the
    reader's language."""
    text = describe(claim, grade, dataset, words)
    return {
        "number": text.number,
        "statement": text.statement,
        "selected": selected,
        "confidence": words.gettext("Confidence: {level}", level=confidence_name(grade.confidence, words)),
        "status": status_name(grade.status, words).lower(),
        "admiralty": text.admiralty,
        "confidence_sentence": text.confidence_sentence,
        "likelihood": text.likelihood_sentence,
        "claimed": words.gettext(
            "Claimed by {claimant} · about {period}", claimant=text.claimant, period=period_in(claim, words)
        ),
        "reports": [
            {
                "url": safe_url(report.url),
                "outlet": report.outlet,
                "after": (
                    words.gettext(", {day} — via {via}", day=words.date(report.date), via=report.via)
                    if report.via
                    else words.gettext(", {day}", day=words.date(report.date))
                ),
            }
            for report in text.reports
        ],
        "reasons": [reason.said_in(words) for reason in grade.why],
        "override": text.override,
    }


def standalone_html(
    dataset: Dataset, grades: Mapping[str, Grade], view: links.View, shown: list[Claim], words: Words = ENGLISH
) -> str:
    """One self-contained page: the map at this view and the claims it shows, its words in the reader's
    language (the map's words part is inline with the others)."""
    assert view.date is not None, "an export needs a date"
    position = view.position
    move = None if position is None else move_to(position.lat, position.lon, position.zoom, 0)
    data = build_map_data(dataset, grades)  # markers styled with the grades on screen
    words_part = data.words[words.language]
    start = view_of(
        dataset, view.date, view.claim, shown, shown, grades, words=words, words_part=words_part, moveTo=move
    )
    entries = [claim_entry(claim, grades[claim.id], dataset, claim.id == view.claim, words) for claim in shown]
    title = words.gettext("Kursk claims map — {day}", day=words.date(view.date))
    said = {
        "title": title,
        "count": words.ngettext(
            "{count} claim shown. Exported view; open the app for the live map.",
            "{count} claims shown. Exported view; open the app for the live map.",
            len(shown),
        ),
        "why": words.gettext("Why this grade"),
    }
    aside = TEMPLATES.get_template("standalone_aside.html").render(said=said, claims=entries)
    head = TEMPLATES.get_template("standalone_head.html").render(
        title=title, start=start, style=Markup(static_text("standalone.css"))
    )
    html = build_map(data, inlined_modules(), inline=True).get_root().render()
    html = inline_assets(html)
    html = html.replace("<head>", "<head>" + head, 1)
    return html.replace("</body>", aside + "</body>", 1)
