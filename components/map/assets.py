"""Point folium at the locally vendored JS/CSS instead of public CDNs.

Why: the app must work with no internet, and folium 0.20 loads Leaflet,
jQuery, Bootstrap, Leaflet.awesome-markers, Font Awesome, glyphicons and its
rotate CSS from CDNs.  ``scripts/vendor_assets.py`` copies pinned versions into
``static/vendor/`` (see ``static/vendor/MANIFEST.md``); Streamlit static
serving (``server.enableStaticServing = true``) serves that folder at
``/app/static/vendor/``.  Call :func:`use_vendored_assets` once, before any map
is rendered.
"""

from __future__ import annotations

import pathlib

import folium
import folium.elements
from folium.template import Template

from geo.paths import STATIC_DIR

VENDOR_URL_PREFIX = "/app/static/vendor"

_VENDOR_DIR = STATIC_DIR / "vendor"

_LEAFLET = f"{VENDOR_URL_PREFIX}/leaflet@1.9.4/dist"
_JQUERY = f"{VENDOR_URL_PREFIX}/jquery@3.7.1/dist/jquery.min.js"
_BOOTSTRAP = f"{VENDOR_URL_PREFIX}/bootstrap@5.2.2/dist"
_AWESOME = f"{VENDOR_URL_PREFIX}/drmonty-leaflet-awesome-markers@2.0.2"
_FONTAWESOME = f"{VENDOR_URL_PREFIX}/@fortawesome/fontawesome-free@6.2.0/css/all.min.css"
_GLYPHICONS = f"{VENDOR_URL_PREFIX}/@neos21/bootstrap3-glyphicons@1.0.7/dist/css/bootstrap3-glyphicons.min.css"
_ROTATE = f"{VENDOR_URL_PREFIX}/folium@0.20.0/leaflet.awesome.rotate.min.css"

# Same names and order as folium.Map.default_js / default_css in folium 0.20.0.
VENDORED_JS: list[tuple[str, str]] = [
    ("leaflet", f"{_LEAFLET}/leaflet.js"),
    ("jquery", _JQUERY),
    ("bootstrap", f"{_BOOTSTRAP}/js/bootstrap.bundle.min.js"),
    ("awesome_markers", f"{_AWESOME}/js/leaflet.awesome-markers.js"),
]

VENDORED_CSS: list[tuple[str, str]] = [
    ("leaflet_css", f"{_LEAFLET}/leaflet.css"),
    ("bootstrap_css", f"{_BOOTSTRAP}/css/bootstrap.min.css"),
    # Bootstrap 3.0.0's glyphicons-only CSS is on no registry: this is the
    # glyphicons part of Bootstrap 3.3.7 (same class names, same font).
    ("glyphicons_css", _GLYPHICONS),
    ("awesome_markers_font_css", _FONTAWESOME),
    ("awesome_markers_css", f"{_AWESOME}/css/leaflet.awesome-markers.css"),
    ("awesome_rotate_css", _ROTATE),
]

# Every CDN URL in folium 0.20.0 that names a file we vendor -> our URL.  Used
# to repoint any folium class (Map, and plugins such as TimestampedGeoJson that
# pull jQuery 3.7.1 from cdnjs) without touching entries we do not vendor.
_CDN_TO_LOCAL: dict[str, str] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": f"{_LEAFLET}/leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": f"{_LEAFLET}/leaflet.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": _JQUERY,
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js": _JQUERY,
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": f"{_BOOTSTRAP}/js/bootstrap.bundle.min.js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": f"{_BOOTSTRAP}/css/bootstrap.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": f"{_AWESOME}/js/leaflet.awesome-markers.js",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": f"{_AWESOME}/css/leaflet.awesome-markers.css",
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": _GLYPHICONS,
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": _FONTAWESOME,
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css": _ROTATE,
}


class LeafletDefaultIconPath(folium.MacroElement):
    """Set ``L.Icon.Default.imagePath`` to the vendored Leaflet images.

    Why: ``st_folium`` appends leaflet.css only after the scripts have loaded
    and runs the map script at once, so Leaflet cannot read the icon path
    from the (not yet applied) CSS and falls back to ``.../dist`` +
    ``marker-icon.png`` (missing slash): plain ``folium.Marker`` icons 404.
    Add one to a map before its markers: ``LeafletDefaultIconPath().add_to(m)``.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}L.Icon.Default.imagePath = {{ this.path|tojson }};{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's MacroElement.__init__ is unannotated
        self._name = "LeafletDefaultIconPath"
        self.path = f"{_LEAFLET}/images/"


def _subclasses(cls: type) -> list[type]:
    """All subclasses of ``cls``, recursively (a class can appear once only)."""
    seen: dict[type, None] = {}
    stack: list[type] = list(cls.__subclasses__())
    while stack:
        sub = stack.pop()
        if sub not in seen:
            seen[sub] = None
            stack.extend(sub.__subclasses__())
    return list(seen)


def _repoint(links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Swap CDN URLs we vendor for local ones; keep every other entry as is."""
    return [(name, _CDN_TO_LOCAL.get(url, url)) for name, url in links]


def use_vendored_assets() -> None:
    """Make folium load its core assets from ``/app/static/vendor/``; idempotent.

    Sets ``folium.Map.default_js/default_css`` to fresh copies of
    :data:`VENDORED_JS` / :data:`VENDORED_CSS` (fresh because folium's
    ``add_js_link``/``add_css_link`` mutate the class-level list in place), and
    repoints the same files in every other folium class that declares them
    (in folium 0.20.0: the jQuery 3.7.1 entry of ``TimestampedGeoJson`` and
    ``TimestampedWmsTileLayers``).  Plugin-only libraries (markercluster, draw,
    ...) and d3 for branca colormaps are not vendored and keep their CDN URLs.

    Raises FileNotFoundError if the vendored files are missing, since maps
    would otherwise render blank offline with no error on the Python side.
    """
    missing = [str(p) for p in vendored_files() if not p.is_file()]
    if missing:
        raise FileNotFoundError("vendored map assets missing (run scripts/vendor_assets.py): " + ", ".join(missing))
    import folium.plugins  # defines the plugin classes to repoint

    folium.Map.default_js = list(VENDORED_JS)
    folium.Map.default_css = list(VENDORED_CSS)
    for cls in _subclasses(folium.elements.JSCSSMixin):
        for attr in ("default_js", "default_css"):
            links = cls.__dict__.get(attr)
            if links and any(url in _CDN_TO_LOCAL for _, url in links):
                setattr(cls, attr, _repoint(links))


def vendored_files() -> list[pathlib.Path]:
    """Local files behind the URLs in VENDORED_JS and VENDORED_CSS (for tests)."""
    return [_VENDOR_DIR / url.removeprefix(VENDOR_URL_PREFIX + "/") for _, url in VENDORED_JS + VENDORED_CSS]
