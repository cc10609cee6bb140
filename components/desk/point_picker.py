"""The claim form's point picker: a small map of the region with the gazetteer's places and the fronts of the
claim's days, where a click sets the point, and the point said in words before it is saved ("12.4 km E of
Sudzha"), so a point meant "near Sudzha" is not published 28 km east of it."""

from __future__ import annotations

import datetime as dt

import folium
import shapely.geometry
import streamlit as st
from branca.element import CssLink
from streamlit_folium import st_folium

from components.escaping import html_text, markdown_text
from components.map.assets import use_vendored_assets
from components.session_keys import claim_form_field as key
from components.static_files import static_url
from geo.language.words import N_, Words
from geo.model.map_style import FRONT_STYLES
from geo.model.whereabouts import AT_PLACE_KM, Whereabouts, nearest_place
from geo.reading.dataset import Dataset
from geo.time.timeline import latest_snapshots

PICKER_HEIGHT_PX = 380
PICKER_SIMPLIFY_DEG = 0.001  # about 100 m: a daily layer's front stays light in a map drawn on every rerun


def picker_day(shown: dt.date | None) -> tuple[dt.date | None, str]:
    """The day whose fronts the picker draws: the claim's last day once it is a date, else the date the map shows."""
    try:
        return dt.date.fromisoformat(st.session_state[key("end")].strip()), N_("the claim's last day")
    except ValueError:
        return shown, N_("the date the map shows")


def pick_point(data: Dataset, shown: dt.date | None, words: Words) -> None:
    """A small map of the region with its places and the fronts of the claim's days: a click sets the point (the
    precision circle shows how approximate). No tiles: it opens offline, and the places are the gazetteer's."""
    use_vendored_assets()
    state = st.session_state
    centre = (state[key("lat")], state[key("lon")])
    picker = folium.Map(location=centre, zoom_start=9, tiles=None, control_scale=True)
    picker.get_root().header.add_child(CssLink(static_url("picker.css")), name="picker_css")  # type: ignore[attr-defined]  # folium's Figure root has a header
    if data.regions:
        folium.GeoJson(
            data.regions,
            style_function=lambda _: {"color": "#555", "weight": 1, "fillOpacity": 0.03},
            interactive=False,
        ).add_to(picker)
    on, why = picker_day(shown)
    drawn = picker_fronts(data, on).add_to(picker) if on else None
    picker_places(data).add_to(picker)
    folium.Marker(centre).add_to(picker)
    if state[key("precision-km")] > 0:
        folium.Circle(centre, radius=state[key("precision-km")] * 1000, dash_array="6 5").add_to(picker)
    st_folium(
        picker,
        height=PICKER_HEIGHT_PX,
        use_container_width=True,
        returned_objects=["last_clicked"],
        key=key("picker"),
        on_change=take_click,
    )
    if on and drawn is not None:
        fronts = "; ".join(
            f"{words.gettext(SIDE_WORDS[side])} — {markdown_text(label)}" for side, label in front_labels(data, on)
        )
        st.caption(
            words.gettext(
                "Fronts as of {day} ({why}): {fronts}.",
                day=words.date(on),
                why=markdown_text(words.gettext(why)),
                fronts=fronts,
            )
            + " "
            + words.gettext("Bold names are the key places; hover a dot for a village's name.")
        )


SIDE_WORDS = {"UA": N_("blue"), "RU": N_("pink")}
COMPASS_WORDS = {
    "N": N_("N"),
    "NE": N_("NE"),
    "E": N_("E"),
    "SE": N_("SE"),
    "S": N_("S"),
    "SW": N_("SW"),
    "W": N_("W"),
    "NW": N_("NW"),
}


def whereabouts_words(whereabouts: Whereabouts, words: Words) -> str:
    """'12.4 km E of Sudzha' (geo.model.whereabouts) in the reader's language, the distance written its way."""
    name = whereabouts.place.name
    if whereabouts.km < AT_PLACE_KM:
        return words.gettext("at {place}", place=name)
    return words.gettext(
        "{km} km {direction} of {place}",
        km=words.number(whereabouts.km, decimals=1),
        direction=words.gettext(COMPASS_WORDS[whereabouts.direction]),
        place=name,
    )


def front_labels(data: Dataset, on: dt.date) -> list[tuple[str, str]]:
    """Each front layer drawn on the picker on that day: its side's colour and its name."""
    return [(snapshot.side, snapshot.label) for snapshot in latest_snapshots(data.fronts, on).values()]


def picker_fronts(data: Dataset, on: dt.date) -> folium.FeatureGroup:
    """Every front layer as of the day, coloured by side as on the map (geo.model.map_style), not clickable: a
    click on one sets the point under it."""
    group = folium.FeatureGroup(name="fronts")
    for snapshot in latest_snapshots(data.fronts, on).values():
        style = {**FRONT_STYLES[snapshot.side], "fillOpacity": 0.25}
        geometry = shapely.geometry.mapping(snapshot.geometry.simplify(PICKER_SIMPLIFY_DEG))
        folium.GeoJson(geometry, style_function=lambda _, style=style: style, interactive=False).add_to(group)
    return group


def picker_places(data: Dataset) -> folium.FeatureGroup:
    """The gazetteer's places: key places named in bold, every other place a dot whose name shows on hover."""
    group = folium.FeatureGroup(name="places")
    for place in data.places.values():
        name = html_text(place.name)
        folium.CircleMarker(
            (place.lat, place.lon),
            radius=4 if place.key_place else 2.5,
            color="#333",
            weight=1,
            fill=True,
            fill_color="#333" if place.key_place else "#fff",
            fill_opacity=1,
            tooltip=folium.Tooltip(name),
        ).add_to(group)
        if place.key_place:
            folium.Marker(
                (place.lat, place.lon),
                icon=folium.DivIcon(html=f"<span>{name}</span>", class_name="kcm-picker-label", icon_anchor=(-6, 8)),
                interactive=False,
            ).add_to(group)
    return group


def point_whereabouts(data: Dataset, words: Words) -> None:
    """The point as the analyst checks it before saving: how far and which way from the nearest place, and from
    the nearest key place when that is another ("28.3 km E of Sudzha" where "near Sudzha" was meant)."""
    lat, lon = st.session_state[key("lat")], st.session_state[key("lon")]
    nearest = nearest_place(lat, lon, data.places)
    if nearest is None:
        return
    said = [words.gettext("{where} (nearest place)", where=whereabouts_words(nearest, words))]
    town = nearest_place(lat, lon, {name: place for name, place in data.places.items() if place.key_place})
    if town is not None and town.place.name != nearest.place.name:
        said.append(words.gettext("{where} (nearest key place)", where=whereabouts_words(town, words)))
    st.info(markdown_text(words.gettext("The point is {where}.", where="; ".join(said))), icon=":material/my_location:")


def take_click() -> None:
    """A click on the small map sets the point; done in a callback, before the coordinate boxes are drawn."""
    state = st.session_state
    spot = (state.get(key("picker")) or {}).get("last_clicked")
    if spot:
        state[key("lat")], state[key("lon")] = round(spot["lat"], 5), round(spot["lng"], 5)
