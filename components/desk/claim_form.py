"""The claim form: an analyst adds or edits a claim, sees its grade and look-alikes while typing, and
saves it as a draft or for review. Nothing is saved half: the store checks it as the loader would.

It opens as a dialog, so typing reruns only the form, never the map. When another analyst saved the
same claim first, the form shows base, theirs and mine side by side and offers to re-apply mine.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any, get_args

import streamlit as st
from anyascii import anyascii

from components import session_keys
from components.desk import point_picker
from components.desk.change_cells import cell_text, field_title
from components.escaping import markdown_table, markdown_text
from components.session_keys import claim_form_field as key
from geo.language.phrase import said
from geo.language.scales import category_name, confidence_name, language_name, precision_name, side_name, status_name
from geo.language.words import N_, Words
from geo.model.claim_text import grade_line
from geo.model.confidence import OVERRIDE_STATUSES, ConfidenceLevel, Status
from geo.model.records import Access, Affiliation, Category, Precision, StatementKind, StatementLanguage
from geo.model.validation_words import CLAIM_FIELDS
from geo.reading.dataset import Dataset
from geo.store import Store
from geo.store.claims import ConflictError, SaveRefusedError, StoredClaim
from geo.workflow.editing import CheckedClaim, FieldProblem
from geo.workflow.roles import Action, Actor, NotAllowedError
from geo.workflow.three_way import reapply

PRECISIONS = list(get_args(Precision))
STATEMENT_LANGUAGES: list[str] = list(get_args(StatementLanguage))
LOCATION_KINDS = {
    "place": N_("A place in the gazetteer"),
    "point": N_("A point (click the map or type it)"),
    "area": N_("An area"),
}
REPORT_COLUMNS = ["outlet", "date", "url", "title", "via", "quote"]
CREDIBILITIES = [None, 1, 2, 3, 4, 5, 6]
CONFIDENCES = [None, *(level.value for level in ConfidenceLevel)]
STATUSES = [None, *(status.value for status in OVERRIDE_STATUSES)]


def slug(text: str) -> str:
    """An id from a statement's first words, lower-case ASCII words joined by hyphens, every letter spelt
    in ASCII (Суджа взята ВСУ: sudzha-vzyata-vsu), so a statement in any script gets a readable id. ''
    when nothing in it has an ASCII spelling (emoji, punctuation): the form then asks for an id."""
    spelt = "".join(ascii_spelling(character) for character in unicodedata.normalize("NFC", text))
    words = re.findall(r"[a-z0-9]+", spelt.lower())
    return "-".join(words)[:60].strip("-")


def ascii_spelling(character: str) -> str:
    """A letter or digit in ASCII letters and digits (a soft sign's apostrophe dropped: Курськ, kursk); a
    combining mark nothing, so the word it sits in stays one word; anything else a break between words."""
    if character.isalnum():
        return "".join(letter for letter in anyascii(character) if letter.isascii() and letter.isalnum())
    return "" if unicodedata.category(character).startswith("M") else " "


def start_form(
    stored: StoredClaim | None, template: dict[str, Any] | None = None, first_day: tuple[dt.date, str] | None = None
) -> None:
    """Fill the form's widgets, once per opening: from `template` when given (a new claim, or a version
    re-applied after a conflict), else from the stored claim; an edit's base and version are the stored one's.
    A new claim's dates start on `first_day`, a day and what it is (components.desk.desk.new_claim_day), or empty."""
    document = template if template is not None else (stored.document if stored else {})
    st.session_state[session_keys.CLAIM_FORM] = {
        "id": stored.id if stored else None,
        "base": stored.document if stored else None,
        "expected": stored.version if stored else None,
        "conflict": None,
        "first-day": first_day if stored is None and template is None else None,
    }
    location = document.get("location", {})
    refers = document.get("refers_to", {})
    override = document.get("override") or {}
    translated = document.get("translations") or {}
    first = first_day[0].isoformat() if first_day else ""
    values = {
        "id": document.get("id", ""),
        "statement": document.get("statement", ""),
        "statement-language": document.get("statement_language", "en"),
        **{f"translation-{language}": translated.get(language, "") for language in STATEMENT_LANGUAGES},
        "claimant": document.get("claimant"),
        "origin": document.get("origin"),
        "start": str(refers.get("start") or first),
        "end": str(refers.get("end") or first),
        "precision": refers.get("precision", "day"),
        "location-kind": next((kind for kind in LOCATION_KINDS if location.get(kind) is not None), "place"),
        "place": location.get("place"),
        "area": location.get("area"),
        "lat": float((location.get("point") or {}).get("lat", 51.3)),
        "lon": float((location.get("point") or {}).get("lon", 35.3)),
        "precision-km": float(location.get("precision_km") or 0.0),
        "location-note": location.get("note", ""),
        "beyond-region": bool(location.get("beyond_region", False)),
        "category": document.get("category"),
        "about": document.get("about"),
        "against-interest": bool(document.get("against_interest", False)),
        "kind": document.get("kind"),
        "access": document.get("access", Access.UNKNOWN.value),
        "favours": document.get("favours"),
        "informed_by": list(document.get("informed_by", [])),
        "same_as": list(document.get("same_as", [])),
        "supports": list(document.get("supports", [])),
        "contradicts": list(document.get("contradicts", [])),
        "note": document.get("analyst_note", ""),
        "override-on": bool(override),
        "override-credibility": override.get("credibility"),
        "override-confidence": override.get("confidence"),
        "override-status": override.get("status"),
        "override-rationale": override.get("rationale", ""),
        "reason": "",
    }
    for name, value in values.items():
        st.session_state[key(name)] = value
    reports = document.get("reports") or [{}]
    st.session_state[key("report-count")] = len(reports)
    for index, report in enumerate(reports):
        for name in REPORT_COLUMNS:
            st.session_state[key(f"report-{index}-{name}")] = (
                report.get(name) if name == "outlet" else str(report.get(name, ""))
            )
    st.session_state.pop(key("picker"), None)  # a new form starts with no click of the last one


def document_from_form(kept: dict[str, Any] | None = None) -> dict[str, Any]:
    """The claim record the widgets describe. Fields the form does not show (a measure, a number)
    are kept from the claim being edited."""
    state = st.session_state
    kept = dict(kept or {})
    statement = state[key("statement")].strip()
    document: dict[str, Any] = {
        "id": state[key("id")].strip() or slug(statement),
        **({"number": kept["number"]} if "number" in kept else {}),
        "statement": statement,
        **statement_language_from_form(),
        "claimant": state[key("claimant")],
        "reports": reports_from_form(),
        "refers_to": {
            "start": state[key("start")].strip(),
            "end": state[key("end")].strip(),
            "precision": state[key("precision")],
        },
        "location": location_from_form(),
        "category": state[key("category")],
    }
    optional = {
        "about": state[key("about")],
        "origin": state[key("origin")],
        "against_interest": state[key("against-interest")] or None,
        "kind": state[key("kind")],
        "access": None if state[key("access")] == Access.UNKNOWN.value else state[key("access")],
        "favours": state[key("favours")],
        "informed_by": state[key("informed_by")],
        "same_as": state[key("same_as")],
        "supports": state[key("supports")],
        "contradicts": state[key("contradicts")],
        "analyst_note": state[key("note")].strip(),
        "override": override_from_form((kept.get("override") or {}).get("by", "")),
        "measure": kept.get("measure"),
    }
    document.update({name: value for name, value in optional.items() if value})
    return document


def statement_language_from_form() -> dict[str, Any]:
    """The statement's language and every translation typed, an empty box left out. A translation into the
    statement's own language is kept, so the check refuses it and says why, rather than dropping what was typed."""
    state = st.session_state
    translations = {
        language: text
        for language in STATEMENT_LANGUAGES
        if (text := (state.get(key(f"translation-{language}")) or "").strip())
    }
    return {
        "statement_language": state[key("statement-language")],
        **({"translations": translations} if translations else {}),
    }


def statement_language_fields(checked: CheckedClaim, words: Words) -> None:
    """The language the statement was made in, and a box for its translation into each other language: the
    statement stays as made, a reader of another language is shown the translation beside it. A box for the
    statement's own language is shown only while it holds text (typed before the language was changed), with the
    check's refusal under it, so nothing typed is lost unseen."""
    made_in = st.session_state[key("statement-language")]
    st.selectbox(
        words.gettext("Language of the statement"),
        STATEMENT_LANGUAGES,
        key=key("statement-language"),
        format_func=lambda language: language_name(language, words),
        help=words.gettext("The statement is kept in the language it was made in; translations are shown beside it."),
    )
    problems_under(checked, words, "statement_language")
    shown_boxes = [
        language
        for language in STATEMENT_LANGUAGES
        if language != made_in or (st.session_state.get(key(f"translation-{language}")) or "").strip()
    ]
    with st.expander(words.gettext("Translations (optional)"), expanded=bool(translated_now())):
        for language in shown_boxes:
            label = words.gettext(CLAIM_FIELDS[f"translations.{language}"])
            st.text_area(label, key=key(f"translation-{language}"), height=68)
    problems_under(checked, words, "translations")


def translated_now() -> list[str]:
    """The languages whose translation box holds text."""
    state = st.session_state
    return [language for language in STATEMENT_LANGUAGES if (state.get(key(f"translation-{language}")) or "").strip()]


def reports_from_form() -> list[dict[str, str]]:
    """One report per filled block; empty fields are left out (a link left empty on purpose stays, empty)."""
    state = st.session_state
    reports = []
    for index in range(state[key("report-count")]):
        report = {name: (state.get(key(f"report-{index}-{name}")) or "").strip() for name in REPORT_COLUMNS}
        if any(report.values()):
            reports.append({name: value for name, value in report.items() if value or name == "url"})
    return reports


def add_report() -> None:
    state = st.session_state
    index = state[key("report-count")]
    for name in REPORT_COLUMNS:
        state[key(f"report-{index}-{name}")] = None if name == "outlet" else ""
    state[key("report-count")] = index + 1


def remove_report() -> None:
    state = st.session_state
    if state[key("report-count")] > 1:
        state[key("report-count")] -= 1


def location_from_form() -> dict[str, Any]:
    state = st.session_state
    kind = state[key("location-kind")]
    if kind == "point":
        location: dict[str, Any] = {"point": {"lat": round(state[key("lat")], 5), "lon": round(state[key("lon")], 5)}}
    else:
        location = {kind: state[key(kind)]}
    if state[key("precision-km")] > 0:
        location["precision_km"] = state[key("precision-km")]
    if state[key("location-note")].strip():
        location["note"] = state[key("location-note")].strip()
    if state[key("beyond-region")]:
        location["beyond_region"] = True
    return location


def override_from_form(by: str) -> dict[str, Any] | None:
    state = st.session_state
    if not state[key("override-on")]:
        return None
    values = {
        "credibility": state[key("override-credibility")],
        "confidence": state[key("override-confidence")],
        "status": state[key("override-status")],
        "rationale": state[key("override-rationale")].strip(),
        "by": by,  # who made the override: kept when its grade is edited
    }
    return {name: value for name, value in values.items() if value not in (None, "")}


def tried_to_save() -> bool:
    """Whether the analyst pressed a save button on this form: only then does it say what is wrong."""
    return bool(st.session_state[session_keys.CLAIM_FORM].get("tried", False))


def problems_under(checked: CheckedClaim, words: Words, *fields: str) -> None:
    """A field's problems, said right under it once the analyst tried to save, so a new form does not open
    covered in red. Always one container, problems or not: the elements below keep their places, so a value
    being typed there is never remounted and lost."""
    with st.container():
        if not tried_to_save():
            return
        for field_name in fields:
            for problem in checked.problems_on(field_name):
                st.markdown(f":red[:material/error: {markdown_text(problem.said_in(words))}]")


def claim_label(data: Dataset) -> Any:
    numbers = data.numbers

    def label(claim_id: str) -> str:
        claim = data.by_id.get(claim_id)
        text = claim.statement if claim else ""
        return f"#{numbers.get(claim_id, '?')} · {text[:80]}"

    return label


def fields(data: Dataset, checked: CheckedClaim, editing: bool, words: Words) -> None:
    """Every field of a claim, each with its problems under it."""
    sources, language = data.sources, words.language.value
    source_ids = sorted(sources, key=lambda source_id: sources[source_id].name_in(language).lower())

    def source_name(source_id: str) -> str:
        return sources[source_id].name_in(language) if source_id in sources else str(source_id)

    st.text_area(words.gettext("Statement — what is claimed, in one sentence"), key=key("statement"), height=80)
    problems_under(checked, words, "statement")
    statement_language_fields(checked, words)
    st.text_input(
        words.gettext("Id"),
        key=key("id"),
        disabled=editing,
        help=words.gettext("Lower-case words joined by hyphens; from the statement if left empty"),
    )
    problems_under(checked, words, "id", "number")
    left, right = st.columns(2)
    left.selectbox(
        words.gettext("Claimant — who claims it"),
        source_ids,
        key=key("claimant"),
        format_func=source_name,
        index=None,
        placeholder=words.gettext("Choose an option"),
    )
    right.selectbox(
        words.gettext("Origin — whose word the claimant passes on (if not its own)"),
        source_ids,
        key=key("origin"),
        format_func=source_name,
        index=None,
        placeholder=words.gettext("Choose an option"),
    )
    problems_under(checked, words, "claimant", "origin")
    st.markdown(words.gettext("**Reports** — who reported it, when, with a link"))
    for index in range(st.session_state[key("report-count")]):
        report_fields(index, source_ids, source_name, words)
    with st.container(horizontal=True):
        st.button(words.gettext("Add a report"), key=key("add-report"), icon=":material/add:", on_click=add_report)
        if st.session_state[key("report-count")] > 1:
            st.button(words.gettext("Remove the last report"), key=key("remove-report"), on_click=remove_report)
    problems_under(checked, words, "reports")
    first, second, third = st.columns(3)
    first.text_input(words.gettext("About — from (YYYY-MM-DD)"), key=key("start"))
    second.text_input(words.gettext("to (YYYY-MM-DD)"), key=key("end"))
    third.selectbox(
        words.gettext("Known to the"),
        PRECISIONS,
        key=key("precision"),
        format_func=lambda precision: precision_name(precision, words),
    )
    first_day_note(words)
    problems_under(checked, words, "refers_to")
    location_fields(data, checked, words)
    left, right = st.columns(2)
    left.selectbox(
        words.gettext("Category"),
        [category.value for category in Category],
        key=key("category"),
        index=None,
        placeholder=words.gettext("Choose an option"),
        format_func=lambda value: category_name(Category(value), words),
    )
    right.selectbox(
        words.gettext("About — whose forces or gains it describes"),
        [affiliation.value for affiliation in Affiliation],
        key=key("about"),
        index=None,
        placeholder=words.gettext("Choose an option"),
        format_func=lambda value: side_name(Affiliation(value), words),
    )
    st.checkbox(words.gettext("Against the claimant's interest"), key=key("against-interest"))
    problems_under(checked, words, "category", "about", "against_interest")
    grading_fields(source_ids, source_name, words)
    problems_under(checked, words, "kind", "access", "favours", "informed_by")
    label = claim_label(data)
    others = [claim.id for claim in data.by_report if claim.id != st.session_state[session_keys.CLAIM_FORM]["id"]]
    for link, link_label in (
        ("same_as", N_("Same as — claims asserting the same thing")),
        ("supports", N_("Supports — claims it agrees with")),
        ("contradicts", N_("Contradicts — claims it disputes")),
    ):
        st.multiselect(
            words.gettext(link_label),
            others,
            key=key(link),
            format_func=label,
            placeholder=words.gettext("Search claims by number or words"),
        )
        problems_under(checked, words, link)
    st.text_area(words.gettext("Analyst's note"), key=key("note"), height=68)
    with st.expander(
        words.gettext("Override the rule's grade (with a rationale)"), expanded=st.session_state[key("override-on")]
    ):
        st.checkbox(words.gettext("Override"), key=key("override-on"))
        first, second, third = st.columns(3)
        unchanged = words.gettext("(as the rule grades it)")
        first.selectbox(
            words.gettext("Credibility"),
            CREDIBILITIES,
            key=key("override-credibility"),
            format_func=lambda value: unchanged if value is None else str(value),
        )
        second.selectbox(
            words.gettext("Confidence"),
            CONFIDENCES,
            key=key("override-confidence"),
            format_func=lambda value: unchanged if value is None else confidence_name(ConfidenceLevel(value), words),
        )
        third.selectbox(
            words.gettext("Status"),
            STATUSES,
            key=key("override-status"),
            format_func=lambda value: unchanged if value is None else status_name(Status(value), words),
        )
        st.text_area(words.gettext("Rationale (at least 10 characters)"), key=key("override-rationale"), height=68)
        problems_under(checked, words, "override")


def first_day_note(words: Words) -> None:
    """Say where a new claim's dates came from while they are still that day, so none is taken for the claim's."""
    first_day = st.session_state[session_keys.CLAIM_FORM].get("first-day")
    if first_day is None:
        return
    shown, what = first_day
    if st.session_state[key("start")].strip() == st.session_state[key("end")].strip() == shown.isoformat():
        st.caption(
            words.gettext(
                "Both dates start on {what}, {day}: set them to the days the claim is about.",
                what=markdown_text(words.gettext(what)),
                day=words.date(shown),
            )
        )


def report_fields(index: int, source_ids: list[str], source_name: Any, words: Words) -> None:
    """One report: the outlet, its date, the link and what it said."""
    first, second, third = st.columns([2, 1, 3])
    first.selectbox(
        words.gettext("Outlet {number}", number=index + 1),
        source_ids,
        key=key(f"report-{index}-outlet"),
        format_func=source_name,
        index=None,
        placeholder=words.gettext("Choose an option"),
    )
    second.text_input(words.gettext("Date (YYYY-MM-DD)"), key=key(f"report-{index}-date"), placeholder="2025-01-31")
    third.text_input(words.gettext("Link (http/https; empty when none can be found)"), key=key(f"report-{index}-url"))
    first, second = st.columns(2)
    first.text_input(words.gettext("Title"), key=key(f"report-{index}-title"))
    second.text_input(words.gettext("Via (who said it to whom)"), key=key(f"report-{index}-via"))
    st.text_input(words.gettext("Quote"), key=key(f"report-{index}-quote"))


def location_fields(data: Dataset, checked: CheckedClaim, words: Words) -> None:
    shown = st.session_state.get(session_keys.DATE)  # the date the map shows, for the picker's fronts
    st.radio(
        words.gettext("Where"),
        list(LOCATION_KINDS),
        key=key("location-kind"),
        format_func=lambda kind: words.gettext(LOCATION_KINDS[kind]),
        horizontal=True,
    )
    kind = st.session_state[key("location-kind")]
    if kind == "place":
        st.selectbox(
            words.gettext("Place (type to search)"),
            sorted(data.places),
            key=key("place"),
            index=None,
            placeholder=words.gettext("Choose an option"),
        )
    elif kind == "area":
        st.selectbox(
            words.gettext("Area"),
            sorted(data.areas),
            key=key("area"),
            index=None,
            placeholder=words.gettext("Choose an option"),
            format_func=lambda area: data.areas[area].name,
        )
    left, right = st.columns(2)
    left.number_input(
        words.gettext("Precision radius, km (0: the place's own)"),
        min_value=0.0,
        max_value=1000.0,
        step=1.0,
        key=key("precision-km"),
    )
    right.checkbox(words.gettext("Outside the case's region on purpose"), key=key("beyond-region"))
    if kind == "point":
        point_picker.pick_point(data, shown, words)  # before the coordinate boxes: a click fills them
        first, second = st.columns(2)
        first.number_input(words.gettext("Latitude"), min_value=-90.0, max_value=90.0, format="%.5f", key=key("lat"))
        second.number_input(
            words.gettext("Longitude"), min_value=-180.0, max_value=180.0, format="%.5f", key=key("lon")
        )
        point_picker.point_whereabouts(data, words)
    st.text_input(words.gettext("Location note"), key=key("location-note"))
    problems_under(checked, words, "location")


def grade_preview(checked: CheckedClaim, data: Dataset, words: Words) -> None:
    """The grade the claim would get now, with its reasons, and the stored claims it may duplicate. A problem of
    the claim as a whole is said with the rest, beside the save buttons (not_saved_note)."""
    if checked.grade is not None:
        grade = checked.grade
        st.markdown(words.gettext("**Grade if saved:** {grade}", grade=grade_line(grade, words)))
        st.caption("  \n".join(markdown_text(reason.said_in(words)) for reason in grade.why))
    for match in checked.look_alikes:
        other = match.other(checked.claim.id) if checked.claim is not None else match.second
        why = "; ".join(item.said_in(words) for item in match.evidence)
        st.warning(
            words.gettext(
                "Likely the same claim as #{number} «{statement}» ({why}): {remedy}.",
                number=data.numbers.get(other.id, "?"),
                statement=markdown_text(other.statement),
                why=markdown_text(why),
                remedy=markdown_text(words.gettext(match.remedy)),
            ),
            icon=":material/content_copy:",
        )


def not_saved_note(checked: CheckedClaim, words: Words) -> None:
    """Beside the save buttons, once a save was refused: every problem in one list, each with its field's name, as
    the fields they are under may be far up the form."""
    if not tried_to_save() or not checked.problems:
        return
    count = len(checked.problems)
    listed = "\n".join(f"- {markdown_text(problem.said_in(words))}" for problem in checked.problems)
    said = words.ngettext("Not saved: {count} thing needs fixing.", "Not saved: {count} things need fixing.", count)
    st.error(f"{said}\n\n{listed}")


def conflict_view(conflict: ConflictError, mine: dict[str, Any], words: Words) -> None:
    """Base, theirs and mine for every field that differs, and a way forward that loses nothing."""
    form = st.session_state[session_keys.CLAIM_FORM]
    base, theirs = form["base"] or {}, conflict.theirs.document
    st.error(markdown_text(said(conflict, words)), icon=":material/sync_problem:")
    field, started, saved, yours = (
        words.gettext("field"),
        words.gettext("base (you started from)"),
        words.gettext("theirs (saved)"),
        words.gettext("mine"),
    )
    rows = [
        {
            field: field_title("claim", name, words),
            started: cell_text(base.get(name), words),
            saved: cell_text(theirs.get(name), words),
            yours: cell_text(mine.get(name), words),
        }
        for name in dict.fromkeys([*base, *theirs, *mine])
        if not (base.get(name) == theirs.get(name) == mine.get(name))
    ]
    st.table(markdown_table(rows, index=field))
    merged, clashes = reapply(base, theirs, mine)
    if clashes:
        st.warning(
            words.gettext(
                "Both of you changed: {fields}. Re-applying keeps yours for these; check them.",
                fields=", ".join(clashes),
            ),
            icon=":material/warning:",
        )
    left, right = st.columns(2)
    left.button(
        words.gettext("Re-apply my changes on their version"),
        key=key("reapply"),
        on_click=restart_on,
        args=(conflict.theirs, merged),
        type="primary",
    )
    right.button(
        words.gettext("Discard mine and take theirs"),
        key=key("take-theirs"),
        on_click=restart_on,
        args=(conflict.theirs, theirs),
    )


def restart_on(theirs: StoredClaim, document: dict[str, Any]) -> None:
    """The form again, on their version, holding `document` and the reason already given."""
    reason = st.session_state[session_keys.CLAIM_FORM].get("reason", "")
    start_form(theirs, document)
    st.session_state[key("reason")] = reason


def save(store: Store, actor: Actor, document: dict[str, Any], words: Words, submit: bool) -> None:
    form = st.session_state[session_keys.CLAIM_FORM]
    try:
        saved = store.save_claim(
            actor, document, expected=form["expected"], reason=st.session_state[key("reason")], submit=submit
        )
    except ConflictError as conflict:
        form["conflict"] = conflict  # the fields are not drawn beside the conflict: keep what they held
        form["mine"], form["reason"] = document, st.session_state[key("reason")]
        return
    except SaveRefusedError as refused:
        form["refused"], form["tried"] = refused.problems, True
        return
    except PermissionError as refused:  # a role revoked since the form was drawn: the store read it again
        phrase = refused.phrase if isinstance(refused, NotAllowedError) else None
        form["refused"], form["tried"] = [FieldProblem("", str(refused), phrase)], True
        return
    st.session_state.pop(session_keys.CLAIM_FORM, None)
    st.session_state[session_keys.CLAIM_SAVED] = words.gettext(
        "#{number} saved: {state}.", number=saved.number, state=words.gettext(saved.state.label).lower()
    )


def close_form() -> None:
    st.session_state.pop(session_keys.CLAIM_FORM, None)


def claim_dialog(store: Store, actor: Actor, data: Dataset, words: Words) -> None:
    """The claim form's dialog, its title in the reader's language."""
    st.dialog(words.gettext("Claim"), width="large", on_dismiss=close_form)(claim_form_body)(store, actor, data, words)


def claim_form_body(store: Store, actor: Actor, data: Dataset, words: Words) -> None:
    """Add or edit one claim; the dialog closes when it is saved. A save button's press is taken first (its
    callback marked it), so a refused save is drawn with its problems in the same run."""
    form = st.session_state[session_keys.CLAIM_FORM]
    document = document_from_form(form["base"]) if form["conflict"] is None else form["mine"]
    checked = store.check(document, replacing=form["id"])
    wants = form.pop("wants", None)
    if wants is not None and form["conflict"] is None:
        form["tried"] = True  # from now on every problem is said on its field
        if checked.valid and st.session_state[key("reason")].strip():
            save(store, actor, document, words, submit=wants)
            if session_keys.CLAIM_FORM not in st.session_state:
                st.rerun(scope="app")
    if form["conflict"] is not None:  # the fields are not drawn now: the form's version was kept at the conflict
        conflict_view(form["conflict"], form["mine"], words)
        return
    refused = form.pop("refused", [])
    if tried_to_save() and not st.session_state[key("reason")].strip():
        refused.append(
            FieldProblem("reason", words.gettext("Why this change: required, as every change is logged with it"))
        )
    checked.problems = [*checked.problems, *[problem for problem in refused if problem not in checked.problems]]
    fields(data, checked, form["id"] is not None, words)
    st.divider()
    grade_preview(checked, data, words)
    st.text_input(
        words.gettext("Why this change (kept in the claim's history)"),
        key=key("reason"),
        placeholder=words.gettext("e.g. BBC report of 31 January"),
    )
    problems_under(checked, words, "reason")
    not_saved_note(checked, words)
    left, right = st.columns(2)
    left.button(
        words.gettext("Save draft"), key=key("save"), icon=":material/save:", on_click=press_save, args=(False,)
    )
    if actor.may(Action.SUBMIT):
        right.button(
            words.gettext("Save and send for review"),
            key=key("submit"),
            type="primary",
            icon=":material/send:",
            on_click=press_save,
            args=(True,),
        )


def press_save(submit: bool) -> None:
    """A save button's callback: the dialog's next run saves (for review when `submit`) or says what stops it."""
    st.session_state[session_keys.CLAIM_FORM]["wants"] = submit


def grading_fields(source_ids: list[str], source_name: Callable[[str], str], words: Words) -> None:
    """What the grading rule needs (docs/grading.md): left empty, the claim is graded the cautious way."""
    kind, access, favours = st.columns(3)
    kind.selectbox(
        words.gettext("Kind of statement"),
        [each.value for each in StatementKind],
        key=key("kind"),
        index=None,
        placeholder=words.gettext("Choose an option"),
        format_func=lambda value: words.gettext(StatementKind(value).label),
        help=words.gettext("Not set: graded as an inference. A statement whose words hedge is graded as an inference."),
    )
    access.selectbox(
        words.gettext("How its source knows"),
        [each.value for each in Access],
        key=key("access"),
        format_func=lambda value: words.gettext(Access(value).label),
        help=words.gettext("Not recorded: it never counts as independent confirmation of another claim."),
    )
    favours.selectbox(
        words.gettext("Whose side it helps, if believed"),
        ["ukraine", "russia", "north-korea", "neither"],
        key=key("favours"),
        index=None,
        placeholder=words.gettext("Choose an option"),
        format_func=lambda value: (
            words.gettext("neither side") if value == "neither" else side_name(Affiliation(value), words)
        ),
        help=words.gettext("For a party's claim; not set, a party's claim is read as self-serving."),
    )
    st.multiselect(
        words.gettext("Also draws on — further origins of its information"),
        source_ids,
        key=key("informed_by"),
        format_func=source_name,
        placeholder=words.gettext("Sources whose information it partly is"),
    )


def favours_name(value: str, words: Words) -> str:
    """Whose side a claim helps, if believed: a side by the scale's name, or neither."""
    return words.gettext("neither side") if value == "neither" else side_name(Affiliation(value), words)
