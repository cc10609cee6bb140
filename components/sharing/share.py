"""Share the current view as a link, or take it away as a file (HTML, GeoJSON, CSV).

The GeoJSON and the CSV hold the claim record the feed serves (geo.publishing.claim_record), and each
says inside it the date, the filters and the "known then" choice it was made with (geo.publishing.export)."""

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


def share_and_export(view: links.View, data: Dataset, shown: list[Claim], verdicts: Mapping[str, Grade]) -> None:
    """The link to this view and its downloads, folded away under the panel."""
    with st.expander("Share and export", icon=":material/share:"):
        share_link(view)
        export_buttons(view, data, shown, verdicts)
