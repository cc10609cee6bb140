"""A tiny in-page component that carries the view between the panel and the map.

It tells the map frame the chosen date and claim (postMessage, plus window.kcmView for a
map that starts later), and passes clicks on map markers back to Python as a trigger, so
a date step or a selection reruns only the panel's fragment and never re-sends the map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

_JS = """
export default function ({ data, setTriggerValue }) {
  const view = { date: data.date, claim: data.claim, visible: data.visible };
  window.kcmView = view;
  const frames = document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]');
  for (const frame of frames) {
    frame.contentWindow.postMessage(Object.assign({ kcm: "view" }, view), window.location.origin);
  }
  const onMessage = (event) => {
    if (event.origin !== window.location.origin || !event.data || event.data.kcm !== true) return;
    if (event.data.ready) {
      event.source.postMessage(Object.assign({ kcm: "view" }, window.kcmView), window.location.origin);
    }
    if (typeof event.data.select === "string") setTriggerValue("selected", event.data.select);
  };
  window.addEventListener("message", onMessage);
  if (view.claim) {
    setTimeout(() => {
      const card = document.querySelector(".st-key-claim-selected");
      const list = card && card.closest(".st-key-claims-list");
      if (list) list.scrollTop += card.getBoundingClientRect().top - list.getBoundingClientRect().top - 8;
    }, 150);
  }
  return () => window.removeEventListener("message", onMessage);
}
"""

_sidecar = st.components.v2.component("kursk_map_sidecar", js=_JS)


SIDECAR_KEY = "map-sidecar"


def clicked_claim() -> str | None:
    """In an on-change callback: the claim id the map reported, if any."""
    try:
        value = st.session_state[SIDECAR_KEY]["selected"]
    except (KeyError, TypeError):
        return None
    return value if isinstance(value, str) and value else None


def sync_map(date: dt.date, claim: str | None, visible: list[str], on_click: Callable[[], None]) -> None:
    """Send the view (date, selection, claims to show) to the map; `on_click` runs when a marker is clicked."""
    _sidecar(key=SIDECAR_KEY, data={"date": date.isoformat(), "claim": claim or "", "visible": visible},
             on_selected_change=on_click, height=0)
