"""Build the folium map once and show it with st_folium, never re-sending it.

The map's arguments must be byte-identical on every rerun (Streamlit then sends a short
reference instead of the map), so the date and selection travel separately
(components.map.bridge). What the map draws is not in its script: the script names the payload's
part, which the map fetches from the app (web.map_parts) and the browser keeps; an exported page,
which must open with no server, carries every part inline instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from components.escaping import html_text
from components.map.assets import use_vendored_assets
from components.map.layer_names import BASE_GROUPS, BASE_LAYERS, TOP_GROUPS
from components.map.payload import MapData
from components.static_files import module_graph, module_urls, static_url
from geo.publishing.map_parts import PARTS_PATH, inline_parts

MAP_HEIGHT_PX = 760
INITIAL_CENTER = (51.35, 35.55)
INITIAL_ZOOM = 8
SUPERCLUSTER_JS = "/app/static/vendor/supercluster@9.1.0/dist/supercluster.min.js"
MAP_LOADER = "kursk_map.js"  # a classic script: folium's own script calls KurskMap.init as soon as it runs
MAP_ENTRY = "map_main.js"  # the ES module the loader starts; it imports the rest of the map's modules
INLINE_PARTS_ID = "kcm-parts"  # the element an exported page's parts are in (static/map_parts.js reads it)
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'  # a reader may zoom the page


class PreparedScript(Element):
    """Script text that goes into the page as it is.

    branca would wrap it in an Element, which compiles its text as a Jinja template: with the
    payload inside that is 0.4 s of every page load at 10,000 claims, for nothing.
    """

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def render(self, **kwargs: object) -> str:
        return self.code


class KurskLayers(JSCSSMixin, MacroElement):
    """Hands static/kursk_map.js the payload's part name, where parts are fetched (None: inline in the page),
    the empty layer groups and where the map's modules are."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        KurskMap.init({{ this._parent.get_name() }}, {{ this.entry | tojson }}, {
        {%- for key, group in this.groups.items() %}
            {{ key | tojson }}: {{ group.get_name() }},
        {%- endfor %}
        }, {{ this.modules | tojson }}, {{ this.parts_url | tojson }});
        {% endmacro %}
    """)

    def __init__(
        self, entry: str, groups: dict[str, folium.FeatureGroup], modules: Mapping[str, str], parts_url: str | None
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's MacroElement.__init__ is unannotated
        self._name = "KurskLayers"
        self.entry = entry
        self.parts_url = parts_url
        self.groups = groups
        self.modules = dict(modules)
        self.default_js = [("supercluster", SUPERCLUSTER_JS), ("kursk_map", static_url(MAP_LOADER))]
        self.default_css = [("kursk_map_css", static_url("kursk_map.css"))]

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as branca's MacroElement.render: no text
        """As JSCSSMixin and MacroElement render, but the script is added as prepared text."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("the map's layers render inside a folium Map, which is in a Figure")
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        figure.script.add_child(PreparedScript(self._template.module.script(self, kwargs)), name=self.get_name())


class ZoomableMap(folium.Map):
    """A folium map whose page lets its reader zoom: folium's header forbids it (maximum-scale=1.0,
    user-scalable=no), which WCAG 1.4.4 does not allow and a person with low vision cannot use."""

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as folium's Map.render: no text
        super().render(**kwargs)  # type: ignore[no-untyped-call]  # folium's Map.render is unannotated
        figure = self.get_root()
        header = self._template.module.__dict__["header"](self, kwargs)
        zoomable = re.sub(r'<meta name="viewport"[^>]*>', VIEWPORT, str(header))
        figure.header.add_child(PreparedScript(zoomable), name=self.get_name())  # type: ignore[attr-defined]  # folium's Figure root has a header


def map_scripts() -> list[str]:
    """The map's browser code, in static/: the loader, then every ES module it starts."""
    return [MAP_LOADER, *module_graph(MAP_ENTRY)]


def build_map(data: MapData, modules: Mapping[str, str] | None = None, *, inline: bool = False) -> folium.Map:
    """The complete base map: the bundled vector basemap, tiles offered beside it, a group for every layer.

    `modules` are the import map's imports for the map's modules, if not the app's own URLs (module_urls);
    `inline` puts every part in the page, for a page that opens with no server."""
    use_vendored_assets()
    fmap = ZoomableMap(
        location=INITIAL_CENTER, zoom_start=INITIAL_ZOOM, tiles=None, min_zoom=6, max_zoom=14, control_scale=False
    )
    # This map draws with Leaflet alone: no icon fonts, Bootstrap or jQuery to load (about 1.9 MB less).
    fmap.default_js = [(name, url) for name, url in fmap.default_js if name == "leaflet"]
    fmap.default_css = [(name, url) for name, url in fmap.default_css if name == "leaflet_css"]
    # Leaflet's layer control writes every layer's name with innerHTML: each name is given as html_text.
    # No tile layer of folium's: it would ask for tiles on every load, which offline fail (static/map_tiles.js).
    groups = {
        key: folium.FeatureGroup(name=html_text(name), overlay=False, show=key == "basemap")
        for key, name in BASE_LAYERS.items()
    }
    names = BASE_GROUPS | {layer["id"]: layer["label"] for layer in data.payload["fronts"]} | TOP_GROUPS
    groups |= {key: folium.FeatureGroup(name=html_text(name)) for key, name in names.items()}
    for group in groups.values():
        group.add_to(fmap)
    urls = module_urls(MAP_ENTRY) if modules is None else modules
    KurskLayers(data.entry, groups, urls, None if inline else PARTS_PATH).add_to(fmap)
    if inline:
        held = f'<script type="application/json" id="{INLINE_PARTS_ID}">{inline_parts(data.parts)}</script>'
        fmap.get_root().header.add_child(PreparedScript(held), name="kcm_parts")  # type: ignore[attr-defined]  # folium's Figure root has a header
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap


def show_map(data: MapData) -> None:
    """Draw the map; it reports nothing back (clicks travel through the sidecar instead). Its script names the
    payload's part only, so it is a few kB and the same bytes on every rerun."""
    from streamlit_folium import st_folium

    st_folium(
        build_map(data),
        key="map",
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        returned_objects=[],
    )
