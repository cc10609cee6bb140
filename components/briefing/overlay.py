"""Briefing mode: a story, step by step, on a full-screen map for a room.

Keys (Right, PageDown, Space forward; Left, PageUp back; Home, End) and on-screen buttons
change the step; a step sets the date, the map view, the layers and the highlighted claims.
Only the overlay fragment reruns: the map stays and only moves.
"""

from __future__ import annotations

import dataclasses
import functools

import streamlit as st

from components import session_keys
from components.briefing.key import phone_key
from components.briefing.presenter import presenter_view
from components.escaping import markdown_text
from components.map import bridge, view_state
from components.map.protocol import Event
from components.page_context import PageContext
from components.sharing import share
from geo.model.claim_text import describe
from geo.model.records import Claim
from geo.model.stories import Story, StoryStep, places_named
from geo.publishing import links
from geo.publishing.slides import story_slides
from geo.selection.filters import ClaimFilter

TOP, CAPTION, NAVIGATION = "brief-top", "brief-caption", "brief-nav"  # drawn over the map; it keeps claims clear


def go_to(step_number: int, story: Story) -> None:
    """Callback: move to a step (1-based), clamped to the story."""
    st.session_state[session_keys.BRIEF_STEP] = max(1, min(step_number, len(story.steps)))


def take_step(story: Story) -> None:
    """Callback: the step a navigation key asked for, anywhere on the page or the map."""
    wanted = bridge.event(Event.STEP)
    if isinstance(wanted, dict) and isinstance(wanted.get("step"), int):
        go_to(wanted["step"], story)
        if isinstance(wanted.get("press"), int):
            st.session_state[session_keys.BRIEF_STEP_PRESS] = wanted["press"]


def step_position(step: StoryStep) -> links.MapPosition:
    return links.MapPosition(step.view.lat, step.view.lon, step.view.zoom)


def apply_step(number: int, step: StoryStep) -> None:
    """Set date, view and selection for a step the first time it is shown in a row."""
    if st.session_state.get(session_keys.BRIEF_APPLIED_STEP) == number:
        return
    st.session_state[session_keys.BRIEF_APPLIED_STEP] = number
    st.session_state[session_keys.DATE] = step.as_of
    st.session_state[session_keys.SELECTED_CLAIM] = None
    view_state.move_map(step_position(step), fit_highlight=True)


def chosen_position(step: StoryStep) -> links.MapPosition | None:
    """The map's position for the link when the presenter moved it from the step's view; else none, so that
    whoever opens the link gets the step's view fitted to their screen."""
    position = view_state.position()
    return None if position == step_position(step) else position


def sources_line(step: StoryStep, context: PageContext) -> str:
    """Who each cited claim comes from, where it was reported and how far to trust it — briefly."""
    data, verdicts, words = context.dataset, context.grades, context.words
    parts = []
    for claim_id in step.cites:
        text = describe(data.by_id[claim_id], verdicts[claim_id], data, words)
        more = f" +{len(text.reports) - 1}" if len(text.reports) > 1 else ""
        parts.append(
            f"#{text.number} {markdown_text(text.claimant)} "
            f"({markdown_text(text.reports[0].outlet)}{more}; {text.how_sure})"
        )
    return words.gettext("Sources: {sources}", sources=" · ".join(parts))


def navigation(number: int, story: Story, current: links.View, context: PageContext, shown: list[Claim]) -> None:
    """On-screen buttons for presenters without a clicker, and the share link."""
    words = context.words
    with st.container(key=NAVIGATION, horizontal=True):
        st.button(
            words.gettext("First"),
            key="brief-first",
            icon=":material/first_page:",
            help=words.gettext("First step (Home)"),
            on_click=go_to,
            args=(1, story),
        )
        st.button(
            words.gettext("Back"),
            key="brief-back",
            icon=":material/chevron_left:",
            help=words.gettext("Previous step (Left, PageUp)"),
            disabled=number == 1,
            on_click=go_to,
            args=(number - 1, story),
        )
        st.button(
            words.gettext("Next"),
            key="brief-next",
            icon=":material/chevron_right:",
            icon_position="right",
            help=words.gettext("Next step (Right, PageDown, Space)"),
            disabled=number == len(story.steps),
            on_click=go_to,
            args=(number + 1, story),
        )
        st.button(
            words.gettext("Last"),
            key="brief-last",
            icon=":material/last_page:",
            icon_position="right",
            help=words.gettext("Last step (End)"),
            on_click=go_to,
            args=(len(story.steps), story),
        )
        with st.popover(words.gettext("Share"), icon=":material/share:"):
            share.share_link(current, words, key="brief-share-link")
            unfiltered = dataclasses.replace(current, filter=ClaimFilter())  # a step shows every claim
            share.export_buttons(
                unfiltered, context.dataset, shown, context.grades, today=context.grades, story=story, words=words
            )
            st.download_button(
                words.gettext("Slides (PNG, one per step)"),
                key="brief-slides",
                file_name=f"{story.id}-slides.zip",
                mime="application/zip",
                help=words.gettext("Each step as a 16:9 picture: its map, title, date and caption"),
                on_click="ignore",
                data=functools.partial(story_slides, story, context.dataset, context.grades, words),
            )
            presenter_view(number, story, context, lambda wanted: go_to(wanted, story))


@st.fragment
def brief_overlay(context: PageContext) -> None:
    data, view = context.dataset, context.view
    story = data.stories.get(view.story or "") or next(iter(data.stories.values()), None)
    if story is None:
        st.error(
            context.words.gettext("No story to present: data/stories holds no valid story (see the data health note).")
        )
        return
    if session_keys.BRIEF_STEP not in st.session_state:
        go_to(view.step or 1, story)
    number = st.session_state[session_keys.BRIEF_STEP]
    step = story.steps[number - 1]
    apply_step(number, step)
    if view.position is not None and not st.session_state.get(session_keys.BRIEF_LINK_POSITION_APPLIED):
        # a moved map in the link wins over the step's view, once
        st.session_state[session_keys.BRIEF_LINK_POSITION_APPLIED] = True
        view_state.move_map(view.position)
    shown = data.visible_on(step.as_of)
    bridge.sync_map(
        view_state.map_view(
            context,
            step.as_of,
            None,
            shown,
            context.grades,
            layers=step.layers,
            highlight=step.highlight,
            brief=True,
            covers=[TOP, CAPTION, NAVIGATION, session_keys.LANGUAGE],
            namedPlaces=places_named(step.words_in(context.words.language).caption, data.places.values()),
            step=number,
            steps=len(story.steps),
            stepPress=st.session_state.get(session_keys.BRIEF_STEP_PRESS, 0),
        ),
        view_state.take_map_click,
        view_state.take_map_move,
        on_step=lambda: take_step(story),
    )
    said = step.words_in(context.words.language)  # the story's own translation, else its English
    with st.container(key=TOP):
        title = story.words_in(context.words.language).title
        step_of = context.words.gettext("**Step {number} of {steps}**", number=number, steps=len(story.steps))
        st.markdown(f"{step_of} · {markdown_text(title)}")
    with st.container(key=CAPTION):
        phone_key(step, data.fronts, context.words, shown)
        st.markdown(f"## {markdown_text(said.title)}")
        st.markdown(markdown_text(said.caption))
        with st.container(key="brief-sources"):
            st.markdown(sources_line(step, context))
    current = links.View(
        step.as_of,
        None,
        view.filter,
        chosen_position(step),
        brief=True,
        story=story.id,
        step=number,
        language=view.language,
    )
    navigation(number, story, current, context, shown)
    st.query_params.from_dict(links.to_query(current))
