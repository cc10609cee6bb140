"""Every key this page keeps in st.session_state, declared once.

A session-state key is a contract between the code that writes it and the code that reads it, often in two
modules, sometimes through a widget (Streamlit keeps a widget's value under its key). Declared here, a key has
one name, one spelling and one description, and no module copies a literal to dodge an import: this module
imports nothing from components/, so any of them may import it. Values are lower-case words joined by hyphens;
a value that is also a widget's key shows in the page as the CSS class `st-key-<value>`, so those stay as they
were. tests/test_session_keys.py fails on a literal string used as a key anywhere else.
"""

from __future__ import annotations

from typing import Final

# The page as a whole.

LANGUAGE: Final = "language"
"""The language switch's widget key: the chosen interface language's code (str). Its change writes `lang=` into
the link and CHOSEN_LANGUAGE (components.language_switch)."""

CHOSEN_LANGUAGE: Final = "language-chosen"
"""The language chosen on the switch in this session (a language's code, str), which later runs read before the
link's: a run may carry the address as it was before the choice reached the browser (the map's event sent at
that moment does), and the choice must outlive it."""

# The side panel: date, filters, selection, pages of cards (components.panel.cards).

DATE: Final = "date"
"""The date shown (a datetime.date): the date slider's widget key. Written by the slider, by a link on the
session's first run (view_state.restore), a story step (briefing), play (time_controls) and a card's link to
the day a claim was reported (panel.follow_link). The map finds the slider by it (MapView.previewSlider)."""

SHOWN_DATE: Final = "date-shown"
"""The date the panel last drew (a datetime.date), written by components.panel.date.date_control: the slider's
snap to the next date with something new tells the direction it was moved from it."""

SELECTED_CLAIM: Final = "selected-claim"
"""The id of the claim selected (or None). Written by a marker's click or a card (panel.select_claim), a link
(view_state.restore) and a story step, which clears it (briefing.apply_step)."""

FILTER_SIDES: Final = "filter-sides"
"""The sides filter's widget key: the affiliations chosen (list of str); a link restores it
(components.panel.filters.restore_filter)."""

FILTER_CATEGORIES: Final = "filter-categories"
"""The categories filter's widget key: the categories chosen (list of str); a link restores it."""

FILTER_CONFIDENCE: Final = "filter-confidence"
"""The minimum-confidence filter's widget key: a confidence level's value, or
components.panel.filters.ANY_CONFIDENCE."""

FILTER_STATUSES: Final = "filter-statuses"
"""The status filter's widget key: the statuses chosen (list of str); a link restores it."""

FILTER_TEXT: Final = "filter-text"
"""The search box's widget key: the words searched for (str); a link restores it."""

CLAIMS_PAGE: Final = "claims-page"
"""Which page of claim cards is shown (int, 0 first): written by the panel's newer/older buttons (panel.turn_page),
reset to 0 by panel.page_of when the date or the filters change."""

CLAIMS_PAGE_OF: Final = "claims-page-of"
"""The date and filters the page number belongs to (a tuple), written by panel.page_of."""

LINKED_CLAIM_NOTE: Final = "linked-claim-note"
"""A link's claim id, written by side_panel on the session's first run and kept until the panel has said
whether that claim is shown."""

# The time controls beside the date (components.panel.time_controls, components.panel.time_charts).

TIME_KNOWN_THEN: Final = "time-known-then"
"""The "Known then" switch's widget key (bool); a link restores it (time_controls.restore)."""

TIME_COMPARE: Final = "time-compare"
"""The "Compare" switch's widget key (bool); a link restores it."""

TIME_COMPARE_PAIR: Final = "time-compare-pair"
"""The two layers Compare sets side by side (a tuple of layer ids), the picker's widget key in
time_controls.time_controls; None or a pair the data lacks compares the first pair the data has."""

TIME_CHANGE: Final = "time-change"
"""The "Change" switch's widget key (bool); a link restores it."""

TIME_PLAYING: Final = "time-playing"
"""Whether the player steps through the dates (bool): written by the Play/Pause button (time_controls.toggle_play),
stopped by the last tick (time_controls.take_tick) and on a link's first run."""

TIME_CHARTS: Final = "time-charts"
"""The charts switch's widget key (bool), written by the toggle in time_charts.over_time."""

# The map: what it was built from, where it is, what it said (components.map.view_state, components.map.bridge).

MAP_SIDECAR: Final = "map-sidecar"
"""The sidecar component's widget key: what the browser sent with its last events (a dict by map_protocol.Event),
read in the events' callbacks (sidecar.event)."""

MAP_DRAWN: Final = "map-drawn"
"""True once this session's map reported that it drew (sidecar.take_drawn); until then the page keeps its runs
light."""

MAP_POSITION: Final = "map-position"
"""Where the map is (links.MapPosition or None), for the link: written by a link, a pan or zoom
(view_state.take_map_move) and a move the page asked for (view_state.move_map)."""

MAP_MOVE: Final = "map-move"
"""The last move the page asked the map for (map_protocol.move_to, with a sequence number that tells a new move
from a repeat), written by view_state.move_map and sent with every view."""

VIEW_RESTORED: Final = "view-restored"
"""True once a link's view has been put into state (view_state.restore): it is restored once per session."""

MAP_BASE: Final = "map-base"
"""What this page's map was built from (map_payload.MapBase), kept while the page is open so the map is sent
once; written by view_state.map_base, dropped when the map cannot take the data's changes in place."""

# Briefing mode (components.briefing.overlay).

BRIEF_STEP: Final = "brief-step"
"""The story step shown (int, 1 first), written by the briefing's buttons, keys and a link (briefing.go_to)."""

BRIEF_APPLIED_STEP: Final = "brief-applied-step"
"""The step whose date, view and selection were last applied (int), written by briefing.apply_step: a step
sets them the first time it is shown in a row, not on every rerun."""

BRIEF_STEP_PRESS: Final = "brief-step-press"
"""The last navigation key press applied (int), written by briefing.take_step and echoed to the page's key
handler (MapView.stepPress)."""

BRIEF_LINK_POSITION_APPLIED: Final = "brief-link-position-applied"
"""True once a link's moved map has won over the step's view (briefing.brief_overlay): it wins once."""

BRIEF_PRESENTER: Final = "brief-presenter"
"""The presenter's window's component (briefing.presenter): its "step" value is the step its buttons or keys
asked for ({"step": int, "at": ms}), read by briefing.presenter.take_presenter_step."""

# The store under an open page (components.live).

STORE_CHANGE_HELD: Final = "store-change-held"
"""The change stamp a page with an open form has been told of (str), written by live.follow_the_store: said
once per change."""

STORE_LAST_ANSWERED: Final = "store-last-answered"
"""(the key of the data shown, when the store last vouched for it, UTC), written by live.follow_the_store."""

STORE_STANDING_IN: Final = "store-standing-in"
"""True while a run of the whole page drew the last data without the store (live.stand_in); the page runs
again once the store answers."""

# The analyst's desk (components.desk.claim_form, components.desk.registry_form, components.desk.desk,
# components.desk.registry_review).

CLAIM_FORM: Final = "claim-form"
"""What the open claim form edits (a dict: the claim's id, its base document and version, a conflict, what was
tried), written by claim_form.start_form; present while the form is open."""

CLAIM_SAVED: Final = "claim-saved"
"""What the last write of a claim did (str), written by the form's save and the review desk's buttons, said
once on the next run (review_desk.analyst_bar)."""

REGISTRY_FORM_OPEN: Final = "registry-form"
"""True while the sources and places dialog is open (registry_form.open_registry, close_registry)."""

REGISTRY_SAID: Final = "registry-said"
"""What the dialog's last write did ((kind of message, words)), written by registry_form.outcome, said once on
the dialog's next run."""

REGISTRY_REVIEWED: Final = "registry-reviewed"
"""What the last review step of a source or place did (str), written by registry_review.review_step, said once
on the next run."""

_CLAIM_FORM_FIELD_PREFIX: Final = "form-"
_REGISTRY_FIELD_PREFIX: Final = "registry-"


def claim_form_field(name: str) -> str:
    """The widget key of one of the claim form's fields (its value is kept under it while the form is open);
    start_form fills them, the save reads them back."""
    return f"{_CLAIM_FORM_FIELD_PREFIX}{name}"


def registry_field(name: str) -> str:
    """The widget key of one of the sources and places dialog's fields."""
    return f"{_REGISTRY_FIELD_PREFIX}{name}"
