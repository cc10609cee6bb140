"""Sources and places, added and corrected in the app (geo.store.registry checks and logs each write).

A dialog with two tabs. An analyst may add either and correct names, links and notes; a source's
reliability, side, kind and parent change published grades, so only a reviewer may change them.
Every change goes to review: viewers see it once another reviewer publishes it (components.desk.registry_review).
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.errors import StreamlitInvalidLayoutContextError

from components import session_keys
from components.desk.change_cells import field_title
from components.escaping import markdown_text
from components.session_keys import registry_field as key
from geo.language.phrase import said
from geo.language.scales import side_name, source_kind_name
from geo.language.words import N_, Words
from geo.model.confidence import RELIABILITY, RELIABILITY_ORDER
from geo.model.records import Affiliation, SourceKind
from geo.model.validation_words import SOURCE_FIELDS
from geo.reading.dataset import Dataset
from geo.store import Store
from geo.store.claims import SaveRefusedError
from geo.store.registry import GRADE_FIELDS, RegistryRecord, StaleRecordError
from geo.workflow.lifecycle import ClaimState
from geo.workflow.roles import Action, Actor

NEW = N_("(a new one)")  # the choice of a record not yet stored: a value, shown in the reader's words
RELIABILITIES = list(RELIABILITY_ORDER)
COUNTRIES = ["RU", "UA"]


def open_registry() -> None:
    st.session_state[session_keys.REGISTRY_FORM_OPEN] = True


def close_registry() -> None:
    st.session_state.pop(session_keys.REGISTRY_FORM_OPEN, None)


def outcome(action: Any, words: Words) -> None:
    """Run one write; say what happened, problems included, on the next run of the dialog, in the reader's
    language (each refusal's phrase, geo.language.phrase.said)."""
    try:
        version = action()
    except SaveRefusedError as refused:
        problems = "; ".join(problem.said_in(words) for problem in refused.problems)
        st.session_state[session_keys.REGISTRY_SAID] = (
            "error",
            words.gettext("Not saved: {problems}", problems=problems),
        )
    except StaleRecordError as stale:
        st.session_state[session_keys.REGISTRY_SAID] = (
            "error",
            words.gettext("Not saved: {problem}. Choose it again to load their version.", problem=said(stale, words)),
        )
    except PermissionError as refused:
        st.session_state[session_keys.REGISTRY_SAID] = (
            "error",
            words.gettext("Not saved: {problems}", problems=said(refused, words)),
        )
    else:
        st.session_state[session_keys.REGISTRY_SAID] = (
            "success",
            words.gettext(
                "Saved (version {version}) and sent for review: viewers see it once another reviewer publishes it.",
                version=words.number(version),
            ),
        )


def source_tab(store: Store, actor: Actor, data: Dataset, words: Words) -> None:
    chosen = st.selectbox(
        words.gettext("Source"),
        [NEW, *sorted(data.sources)],
        key=key("source"),
        format_func=lambda s: words.gettext(NEW) if s == NEW else f"{data.sources[s].name} ({s})",
    )
    stored = store.record("source", chosen) if chosen != NEW else None
    document, version = stored if stored else ({}, None)
    review_state(store, store.stored_record("source", chosen) if stored else None, words)
    suffix = f"{chosen}-{version}"  # a fresh set of fields for each source and version
    grade_locked = stored is not None and not actor.may(Action.PUBLISH)
    values: dict[str, Any] = {
        "id": st.text_input(
            words.gettext("Id (lower-case words joined by hyphens)"),
            document.get("id", ""),
            key=key(f"id-{suffix}"),
            disabled=stored is not None,
        ),
        "name": st.text_input(
            field_title("source", "name", words), document.get("name", ""), key=key(f"name-{suffix}")
        ),
        "name_uk": st.text_input(
            field_title("source", "name_uk", words), document.get("name_uk") or "", key=key(f"source-name-uk-{suffix}")
        ),
        "name_ru": st.text_input(
            field_title("source", "name_ru", words), document.get("name_ru") or "", key=key(f"source-name-ru-{suffix}")
        ),
        "kind": st.selectbox(
            field_title("source", "kind", words),
            [kind.value for kind in SourceKind],
            index=index_of([kind.value for kind in SourceKind], document.get("kind")),
            key=key(f"kind-{suffix}"),
            format_func=lambda value: source_kind_name(SourceKind(value), words),
            placeholder=words.gettext("Choose an option"),
            disabled=grade_locked,
        ),
        "affiliation": st.selectbox(
            field_title("source", "affiliation", words),
            [side.value for side in Affiliation],
            index=index_of([side.value for side in Affiliation], document.get("affiliation")),
            key=key(f"affiliation-{suffix}"),
            format_func=lambda value: side_name(Affiliation(value), words),
            placeholder=words.gettext("Choose an option"),
            disabled=grade_locked,
        ),
        "url": st.text_input(words.gettext("Link (http/https)"), document.get("url", ""), key=key(f"url-{suffix}")),
        "reliability": st.selectbox(
            words.gettext("Reliability (Admiralty A–F)"),
            RELIABILITIES,
            index=index_of(RELIABILITIES, document.get("reliability", "F")),
            key=key(f"reliability-{suffix}"),
            format_func=lambda letter: words.gettext(
                "{letter} — {reliability}", letter=letter, reliability=words.gettext(RELIABILITY[letter])
            ),
            disabled=grade_locked,
        ),
        "reliability_note": st.text_area(
            words.gettext("Why this reliability"),
            document.get("reliability_note", ""),
            key=key(f"reliability-note-{suffix}"),
            height=68,
        ),
        "part_of": st.selectbox(
            words.gettext("Speaks for (part of)"),
            sorted(data.sources),
            index=index_of(sorted(data.sources), document.get("part_of")),
            key=key(f"part-of-{suffix}"),
            format_func=lambda s: f"{data.sources[s].name} ({s})" if s in data.sources else s,
            placeholder=words.gettext("Choose an option"),
            disabled=grade_locked,
        ),
        "note": st.text_area(words.gettext("Note"), document.get("note", ""), key=key(f"note-{suffix}"), height=68),
    }
    if grade_locked:
        fields = ", ".join(
            words.gettext("“{field}”", field=words.gettext(SOURCE_FIELDS[name])) for name in GRADE_FIELDS
        )
        st.caption(words.gettext("Only a reviewer may change {fields}: they change published grades.", fields=fields))
    record = {**document, **{name: value for name, value in values.items() if value not in (None, "")}}
    for name in ("name_uk", "name_ru", "url", "reliability_note", "note", "part_of"):
        if values[name] in (None, ""):
            record.pop(name, None)
    reason = st.text_input(words.gettext("Why (kept in the history)"), key=key(f"source-reason-{suffix}"))
    if st.button(words.gettext("Save source"), key=key("save-source"), type="primary", icon=":material/save:"):
        outcome(lambda: store.save_source(actor, record, expected=version, reason=reason), words)
        draw_again()


def place_tab(store: Store, actor: Actor, data: Dataset, words: Words) -> None:
    chosen = st.selectbox(
        words.gettext("Place"),
        [NEW, *sorted(data.places)],
        key=key("place"),
        format_func=lambda s: words.gettext(NEW) if s == NEW else s,
    )
    stored = store.record("place", chosen) if chosen != NEW else None
    new_place: dict[str, Any] = {"properties": {}, "geometry": {"coordinates": [35.3, 51.3]}}
    feature, version = stored if stored else (new_place, None)
    review_state(store, store.stored_record("place", chosen) if stored else None, words)
    properties, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"]
    suffix = f"{chosen}-{version}"
    name = st.text_input(
        words.gettext("Name (Latin letters; it is the place's key)"),
        properties.get("name", ""),
        key=key(f"place-name-{suffix}"),
        disabled=stored is not None,
    )
    name_ru = st.text_input(
        field_title("place", "name_ru", words), properties.get("name_ru") or "", key=key(f"name-ru-{suffix}")
    )
    name_uk = st.text_input(
        field_title("place", "name_uk", words), properties.get("name_uk") or "", key=key(f"name-uk-{suffix}")
    )
    left, right = st.columns(2)
    lat = left.number_input(words.gettext("Latitude"), -90.0, 90.0, float(lat), format="%.5f", key=key(f"lat-{suffix}"))
    lon = right.number_input(
        words.gettext("Longitude"), -180.0, 180.0, float(lon), format="%.5f", key=key(f"lon-{suffix}")
    )
    left, right = st.columns(2)
    precision = left.number_input(
        field_title("place", "precision_km", words),
        0.1,
        100.0,
        float(properties.get("precision_km", 2.0)),
        key=key(f"precision-{suffix}"),
    )
    country = right.selectbox(
        field_title("place", "country", words),
        COUNTRIES,
        index=0 if properties.get("country", "RU") == "RU" else 1,
        key=key(f"country-{suffix}"),
        format_func=lambda code: country_name(code, words),
    )
    coord_source = st.text_input(
        field_title("place", "coord_source", words),
        properties.get("coord_source", ""),
        key=key(f"coord-source-{suffix}"),
    )
    verified = st.checkbox(
        field_title("place", "verified", words),
        bool(properties.get("verified")),
        key=key(f"verified-{suffix}"),
    )
    record = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
        "properties": {
            **properties,
            "name": name.strip(),
            "name_ru": name_ru.strip() or None,
            "name_uk": name_uk.strip() or None,
            "country": country,
            "key_place": bool(properties.get("key_place", False)),
            "verified": verified,
            "precision_km": precision,
            "coord_source": coord_source.strip(),
            "population": properties.get("population"),
        },
    }
    reason = st.text_input(words.gettext("Why (kept in the history)"), key=key(f"place-reason-{suffix}"))
    if st.button(words.gettext("Save place"), key=key("save-place"), type="primary", icon=":material/save:"):
        outcome(lambda: store.save_place(actor, record, expected=version, reason=reason), words)
        draw_again()


def country_name(code: str, words: Words) -> str:
    """A place's country by its name in the reader's language, its code beside it ("Росія (RU)")."""
    name = words.pgettext("country", "Russia") if code == "RU" else words.pgettext("country", "Ukraine")
    return f"{name} ({code})"


def review_state(store: Store, record: RegistryRecord | None, words: Words) -> None:
    """Where the chosen record stands: the fields below hold the working version, which may not be public yet."""
    if record is None or record.state is ClaimState.PUBLISHED:
        return
    if record.state is ClaimState.DRAFT:
        returned = [event for event in store.history(record.kind, record.key) if event["action"] == "returned"]
        sent_back = (
            words.gettext(
                "Sent back by a reviewer: {why}. Save it again to ask for review.", why=returned[-1]["reason"]
            )
            if returned
            else words.gettext("Sent back by a reviewer. Save it again to ask for review.")
        )
        st.warning(markdown_text(sent_back))
    elif record.published is None:
        st.info(
            words.gettext("Not published yet: viewers do not see it until a reviewer publishes it."),
            icon=":material/schedule:",
        )
    else:
        st.info(words.gettext("In review: viewers see the published version until a reviewer publishes this one."))


def draw_again() -> None:
    """Draw the dialog again with the saved version's fields and what happened. In a browser a click in the
    dialog reruns the dialog alone (a fragment); a run of the whole page (as a script test drives it) draws
    the dialog again with the page, since it stays open until dismissed."""
    try:
        st.rerun(scope="fragment")
    except StreamlitInvalidLayoutContextError:
        st.rerun()


def index_of(options: list[str], value: Any) -> int | None:
    return options.index(value) if value in options else None


def registry_dialog(store: Store, actor: Actor, data: Dataset, words: Words) -> None:
    """The dialog, built on each run so that its title is in the reader's language."""
    dialog = st.dialog(words.gettext("Sources and places"), width="large", on_dismiss=close_registry)
    dialog(registry_body)(store, actor, data, words)


def registry_body(store: Store, actor: Actor, data: Dataset, words: Words) -> None:
    if said_before := st.session_state.pop(session_keys.REGISTRY_SAID, None):
        kind, message = said_before
        (st.success if kind == "success" else st.error)(markdown_text(message))
    st.caption(
        words.gettext("A change goes to review: viewers see it once a reviewer who did not make it publishes it.")
    )
    source, place = st.tabs([words.gettext("Source"), words.gettext("Place")])
    with source:
        source_tab(store, actor, data, words)
    with place:
        place_tab(store, actor, data, words)
