"""Share the current view as a link, or take it away as a file (HTML, GeoJSON, CSV, KML, GeoPackage).

The GeoJSON, the CSV, the KML and the GeoPackage hold the claim record the feed serves
(geo.publishing.claim_record), and each says inside it the date, the filters and the "known then" choice it
was made with (geo.publishing.export, geo.publishing.kml, geo.publishing.geopackage)."""

from __future__ import annotations

import json
from collections.abc import Mapping

import streamlit as st

from components.sharing.copy_link import copy_link
from components.sharing.standalone import standalone_html
from geo.grading.rule import Grade
from geo.model.records import Claim
from geo.publishing import links
from geo.publishing.export import Made, claims_geojson, csv_file
from geo.publishing.geopackage import gpkg_bytes
from geo.publishing.kml import kml_text
from geo.reading.dataset import Dataset


def share_link(view: links.View, key: str = "share-link") -> None:
    """The link to this exact view, with a button that copies it."""
    st.caption("Link to this view:")
    copy_link(links.to_url(view, "") or "?", key=key)


def export_buttons(view: links.View, data: Dataset, shown: list[Claim], verdicts: Mapping[str, Grade]) -> None:
    """Downloads of the claims on screen with the grades on screen; each file is made only when asked for."""
    stem = f"kursk-claims-{view.date.isoformat()}" if view.date else "kursk-claims"
    made = Made.of(view)
    html, geojson, table = st.columns(3)
    with html:
        st.download_button(
            "Map (HTML)",
            key="export-html",
            file_name=f"{stem}.html",
            mime="text/html",
            data=lambda: standalone_html(data, verdicts, view, shown),
            on_click="ignore",
            help="One file that opens with no network: the map and these claims with their sources and grades.",
        )
    with geojson:
        st.download_button(
            "GeoJSON",
            key="export-geojson",
            file_name=f"{stem}.geojson",
            mime="application/geo+json",
            on_click="ignore",
            data=lambda: json.dumps(claims_geojson(shown, verdicts, data, made), ensure_ascii=False, indent=1),
        )
    with table:
        st.download_button(
            "CSV",
            key="export-csv",
            file_name=f"{stem}.csv",
            mime="text/csv",
            help="UTF-8 with a byte-order mark, for Excel; a list is one item a line within its cell.",
            on_click="ignore",
            data=lambda: csv_file(shown, verdicts, data, made),
        )
    earth, qgis = st.columns(2)
    with earth:
        st.download_button(
            "KML",
            key="export-kml",
            file_name=f"{stem}.kml",
            mime="application/vnd.google-earth.kml+xml",
            help="For Google Earth and ATAK: claims styled by confidence, and the fronts by date for the time slider.",
            on_click="ignore",
            data=lambda: kml_text(shown, verdicts, data, made).encode("utf-8"),
        )
    with qgis:
        st.download_button(
            "GeoPackage",
            key="export-gpkg",
            file_name=f"{stem}.gpkg",
            mime="application/geopackage+sqlite3",
            help="For QGIS: claims at points, claims about areas, the fronts with their dates, and the places.",
            on_click="ignore",
            data=lambda: gpkg_bytes(shown, verdicts, data, made),
        )


def share_and_export(view: links.View, data: Dataset, shown: list[Claim], verdicts: Mapping[str, Grade]) -> None:
    """The link to this view and its downloads, folded away under the panel."""
    with st.expander("Share and export", icon=":material/share:"):
        share_link(view)
        export_buttons(view, data, shown, verdicts)
