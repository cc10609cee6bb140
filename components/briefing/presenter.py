"""The presenter's window: the step's caption with its speaker notes, the next step's title and a timer, in a
second browser window the presenter keeps on their own screen while the room sees the map.

A "Presenter view" button opens it (static/brief_presenter.js builds it from this page, so it needs no route or
second session); its buttons and a clicker's keys pressed there move the room's step as the room's own do.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import session_keys
from components.page_context import PageContext
from components.static_files import module_loader, static_text
from geo.model.stories import Story

_presenter = st.components.v2.component(
    "kursk_brief_presenter", js=module_loader("brief_presenter.js"), css=static_text("presenter.css")
)


def asked_step() -> int | None:
    """In the on-change callback: the step the presenter's window asked for, if it sent one."""
    value = st.session_state.get(session_keys.BRIEF_PRESENTER)
    wanted = value.get("step") if isinstance(value, dict) else None
    step = wanted.get("step") if isinstance(wanted, dict) else None
    return step if isinstance(step, int) else None


def presenter_view(number: int, story: Story, context: PageContext, go_to: Callable[[int], None]) -> None:
    """The button that opens the presenter's window, and what that window shows for this step."""
    words = context.words
    step = story.steps[number - 1]

    def take() -> None:
        wanted = asked_step()
        if wanted is not None:
            go_to(wanted)

    said = step.words_in(words.language)
    following = story.steps[number].words_in(words.language).title if number < len(story.steps) else ""
    _presenter(
        key=session_keys.BRIEF_PRESENTER,
        data={
            "step": number,
            "steps": len(story.steps),
            "title": said.title,
            "caption": said.caption,
            "notes": said.notes,
            "next": following,
            "css": static_text("presenter.css"),
            "words": {
                "open": words.gettext("Presenter view"),
                "openHelp": words.gettext("Open the speaker notes and a timer in a window of their own"),
                "heading": words.gettext("Step {number} of {steps}", number=number, steps=len(story.steps)),
                "notes": words.gettext("Speaker notes"),
                "none": words.gettext("No notes for this step."),
                "next": words.gettext("Next: {title}", title=following) if following else words.gettext("Last step"),
                "onStep": words.gettext("on this step"),
                "total": words.gettext("in all"),
                "back": words.gettext("Back"),
                "forward": words.gettext("Next"),
                "blocked": words.gettext("The browser blocked the presenter's window: allow pop-ups for this page."),
                "title": words.gettext("Presenter view: {story}", story=story.words_in(words.language).title),
            },
        },
        on_step_change=take,
    )
