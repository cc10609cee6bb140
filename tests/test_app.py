"""The Streamlit page: date control, side panel, selection and deep links (AppTest)."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import logging
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.escaping import markdown_text
from components.session_keys import MAP_DRAWN as DRAWN_KEY
from components.session_keys import TIME_CHARTS
from geo.grading.rule import Grade
from geo.model.records import Affiliation
from geo.reading.dataset import load_dataset
from geo.reading.validate import main as validate_main
from geo.store import Store
from geo.time.timeline import timeline_dates, visible_claims
from tests.conftest import DATA, valid_claim, write_claims

APP = str(Path(__file__).resolve().parents[1] / "page.py")
SEED_CLAIM = "nk-absent-kursk-front-three-weeks"


def start(
    query: dict[str, str] | None = None,
    data_dir: Path | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
    map_drawn: bool = True,
) -> AppTest:
    """The page after its first run; by default as after the map's report that it drew (in a browser,
    static/sidecar.js sends it; here there is no browser to draw the map)."""
    if data_dir is not None and monkeypatch is not None:
        monkeypatch.setenv("KURSK_MAP_DATA", str(data_dir))  # a bundle folder, read directly
        monkeypatch.delenv("KURSK_MAP_DB", raising=False)
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    if map_drawn:
        app.session_state[DRAWN_KEY] = True
    app.run()
    assert not app.exception, [error.message for error in app.exception]
    return app


def shown_on(day: dt.date) -> int:
    """How many claims the panel lists on a date with no filters: the rule in geo.time.timeline."""
    return len(visible_claims(load_dataset(DATA).claims, day))


@functools.cache
def bundled_grades() -> dict[str, Grade]:
    return load_dataset(DATA).grade_all()


def panel_text(app: AppTest) -> str:
    return "\n".join(block.value for block in app.markdown)


def test_opens_on_the_case_date_with_its_claims() -> None:
    app = start()
    assert app.slider(key="date").value == dt.date(2025, 1, 31)
    text = panel_text(app)
    assert f"{shown_on(dt.date(2025, 1, 31))} of {shown_on(dt.date(2025, 1, 31))} claims" in text
    assert "Special Operations Forces" in text
    assert "BBC News" in text
    assert "https://www.bbc.com/news/articles/cjder8zgk48o" in text
    assert "Confidence: Moderate" in text and "C2" in text and "corroborated" in text


def test_date_change_updates_the_panel_and_the_url() -> None:
    app = start()
    app.slider(key="date").set_value(dt.date(2024, 10, 28)).run()
    assert app.query_params["date"] == "2024-10-28"
    text = panel_text(app)
    count = shown_on(dt.date(2024, 10, 28))
    assert f"{count} of {count} claims" in text
    assert SEED_CLAIM not in text
    captions = "\n".join(caption.value for caption in app.caption)
    assert "as of 24 Oct 2024" in captions
    assert "as of 1 Oct 2024" in captions


def test_deep_link_restores_date_and_selection() -> None:
    app = start({"date": "2025-01-31", "claim": SEED_CLAIM})
    assert app.slider(key="date").value == dt.date(2025, 1, 31)
    selected = [button for button in app.button if button.disabled and button.key.startswith("select-")]
    assert [button.label for button in selected] == ["Selected on the map"]
    assert app.query_params["claim"] == SEED_CLAIM


def test_deep_link_date_between_steps_snaps_to_the_earlier_one() -> None:
    app = start({"date": "2025-01-29"})
    assert app.slider(key="date").value == dt.date(2025, 1, 24)


def test_choosing_a_claim_in_the_panel_selects_it_and_puts_it_in_the_url() -> None:
    app = start({"date": "2025-01-31"})
    app.button(key=f"select-{SEED_CLAIM}").click().run()
    assert app.query_params["claim"] == SEED_CLAIM
    assert app.button(key=f"select-{SEED_CLAIM}").disabled


def test_bad_link_values_are_named_not_fatal() -> None:
    app = start({"date": "yesterday", "claim": "<script>"})
    warnings = "\n".join(warning.value for warning in app.warning)
    assert "yesterday" in warnings
    assert "not a claim id" in warnings


def test_bad_records_show_a_data_health_note(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_claims(
        data_copy,
        [
            valid_claim(id="fine"),
            valid_claim(id="broken", category="gossip"),
            valid_claim(id="loose-link", supports=["no-such-claim"]),
        ],
    )
    app = start({"date": "2025-01-31"}, data_copy, monkeypatch)
    assert "Data health: 1 record not loaded, 1 loaded with a problem" in app.expander[0].label
    rows = app.dataframe[0].value.to_dict("records")
    assert {"File": "test.yaml", "Record": "broken", "Loaded": "no"}.items() <= rows[0].items()
    assert "category" in rows[0]["Problem"] and "'gossip'" in rows[0]["Problem"]
    assert rows[1]["Record"] == "loose-link" and rows[1]["Loaded"] == "yes, in part"
    assert "2 of 2 claims" in panel_text(app)


def test_a_broken_region_basemap_is_a_page_error_and_the_rest_still_shows(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_copy / "basemap" / "regions.geojson").write_text("<html><h1>502 Bad Gateway</h1></html>", encoding="utf-8")
    app = start({"date": "2025-01-31"}, data_copy, monkeypatch)
    assert [error.value for error in app.error] == [
        "The map cannot draw its base layer: basemap/regions\\.geojson has no usable region; see the data\\-health "
        "note for each refused feature. Claims and fronts that loaded are still shown."
    ]
    assert f"{shown_on(dt.date(2025, 1, 31))} of {shown_on(dt.date(2025, 1, 31))} claims" in panel_text(app)


def test_markup_in_claims_stays_text(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_claims(data_copy, [valid_claim(statement="![x](https://evil.example/x.png) <img src=x onerror=alert(1)>")])
    app = start({"date": "2025-01-31"}, data_copy, monkeypatch)
    text = panel_text(app)
    assert "\\!\\[x\\]\\(https\\:" in text
    assert "\\<img" in text


def test_filters_come_from_the_link_and_go_back_into_it() -> None:
    app = start({"date": "2025-01-31", "status": "disputed,refuted", "conf": "low"})
    text = panel_text(app)
    total = shown_on(dt.date(2025, 1, 31))
    assert f"of {total} claims" in text and f"{total} of {total}" not in text
    assert "disputed" in text or "refuted" in text
    assert app.query_params["status"] == "disputed,refuted" and app.query_params["conf"] == "low"
    app.multiselect(key="filter-statuses").set_value([]).run()
    assert "status" not in app.query_params
    assert f"{total} of {total} claims" in panel_text(app)


def test_text_search_and_side_filter_narrow_the_list() -> None:
    app = start({"date": "2025-03-16"})
    app.text_input(key="filter-text").set_value("Sudzha").run()
    assert app.query_params["q"] == "Sudzha"
    sudzha = panel_text(app)
    app.multiselect(key="filter-sides").set_value([Affiliation.RUSSIA]).run()
    russian = panel_text(app)
    assert "Russian forces retook the town of Sudzha" in russian
    assert "Ukrainian forces left Sudzha" in sudzha and "Ukrainian forces left Sudzha" not in russian
    total = shown_on(dt.date(2025, 3, 16))  # Russian: #55 (Sudzha) and #73 (two villages near it)
    assert re.search(rf"\*\*\d+ of {total} claims", sudzha) and f"2 of {total} claims" in russian
    assert app.query_params["side"] == "russia"


def test_a_search_with_nothing_on_the_date_offers_the_matches_on_other_dates() -> None:
    app = start()
    app.text_input(key="filter-text").set_value("Суджа").run()
    assert "0 of" in panel_text(app)
    caption = next(element.value for element in app.caption if "on other dates" in element.value)
    assert caption.startswith("5 more claims match on other dates")
    app.button(key="elsewhere-rumod-sudzha-retaken").click().run()
    assert app.query_params["claim"] == "rumod-sudzha-retaken"
    assert app.query_params["date"] == "2025-03-13"
    assert "Russian forces retook the town of Sudzha" in panel_text(app)


@pytest.mark.parametrize(
    "claim_id", ["nk-about-1000-killed-in-three-months", "sof-observation-limited-to-own-sectors", SEED_CLAIM]
)
def test_the_panel_shows_the_grades_report_word_for_word(claim_id: str, tmp_path: Path) -> None:
    """What an analyst reviews in `python -m geo.reading.validate --grades` is what a viewer reads on the card."""
    report = tmp_path / "grades.csv"
    assert validate_main([str(DATA), "--grades", str(report)]) == 0
    row = next(row for row in csv.DictReader(report.open(encoding="utf-8")) if row["id"] == claim_id)
    app = start({"date": "2025-01-31", "claim": claim_id})
    text = panel_text(app)
    assert f"**#{row['number']} · {markdown_text(row['statement'])}**" in text
    assert f"Confidence: {row['confidence']}] :gray-badge[{row['status']}] :gray-badge[{row['admiralty_code']}]" in text
    for column in ("confidence_why", "admiralty", "override"):
        assert markdown_text(row[column]) in text, column
    assert markdown_text(f"We judge it {row['likelihood']} that the claim is true.") in text
    for reason in bundled_grades()[claim_id].reasons:
        assert markdown_text(reason) in text and reason in row["reasons"]


def test_an_override_shows_beside_the_rule() -> None:
    app = start({"date": "2025-01-31", "claim": "sof-observation-limited-to-own-sectors"})
    text = panel_text(app)
    assert "Analyst override — the rule gave C3" in text
    assert "Admiralty code C2 — fairly reliable source; probably true" in text


def test_following_a_link_between_claims_selects_the_other_and_moves_the_date() -> None:
    app = start({"date": "2025-01-31", "claim": "nk-withdrawal-may-be-temporary"})
    app.button(key="link-nk-withdrawal-may-be-temporary-nis-nk-troops-redeployed-feb-2025").click().run()
    assert app.query_params["claim"] == "nis-nk-troops-redeployed-feb-2025"
    assert app.slider(key="date").value == dt.date(2025, 2, 27)


def test_following_a_link_hidden_only_by_a_filter_clears_it_and_keeps_the_date() -> None:
    app = start({"date": "2025-01-31", "claim": "nk-absent-kursk-front-three-weeks", "side": "ukraine"})
    app.button(key="link-nk-absent-kursk-front-three-weeks-nk-pulled-off-front-two-weeks").click().run()
    assert app.query_params["claim"] == "nk-pulled-off-front-two-weeks"
    assert app.slider(key="date").value == dt.date(2025, 1, 31)
    assert "side" not in app.query_params


def test_the_grading_help_explains_both_scales() -> None:
    app = start()
    help_text = "\n".join(block.value for block in app.expander[0].markdown) if app.expander else ""
    help_text = help_text or panel_text(app)
    for words in ["completely reliable", "confirmed by other sources", "roughly even chance", "Origins, not outlets"]:
        assert words in help_text


def test_briefing_link_opens_the_story_step_with_its_date() -> None:
    app = start({"mode": "brief", "story": "nk-troops-kursk", "step": "4"})
    text = panel_text(app)
    assert "**Step 4 of 8**" in text and "## Absent from the front" in text
    assert "Sources: #" in text and "high, corroborated" in text
    assert app.query_params["mode"] == "brief" and app.query_params["step"] == "4"
    assert app.query_params["date"] == "2025-01-31"


def test_briefing_buttons_move_between_steps_and_stop_at_the_ends() -> None:
    app = start({"mode": "brief", "story": "nk-troops-kursk", "step": "8"})
    assert app.button(key="brief-next").disabled
    app.button(key="brief-back").click().run()
    assert app.query_params["step"] == "7" and app.query_params["date"] == "2025-04-28"
    app.button(key="brief-first").click().run()
    assert app.query_params["step"] == "1" and app.button(key="brief-back").disabled


def test_briefing_step_beyond_the_story_is_clamped() -> None:
    app = start({"mode": "brief", "story": "nk-troops-kursk", "step": "99"})
    assert app.query_params["step"] == "8"


def test_known_then_switch_changes_the_list_and_goes_into_the_link() -> None:
    app = start({"date": "2025-01-31"})
    before = panel_text(app)
    app.toggle(key="time-known-then").set_value(True).run()
    assert app.query_params["known"] == "then"
    after = panel_text(app)
    assert "graded on what was known then" in after and "graded on what was known then" not in before


def test_compare_and_change_are_counted_in_words() -> None:
    app = start({"date": "2025-04-01", "compare": "1", "change": "1"})
    captions = "\n".join(caption.value for caption in app.caption)
    assert "Sources disagree on" in captions
    assert "1 Mar 2025 → 1 Apr 2025" in captions and "lost" in captions
    assert app.query_params["compare"] == "1" and app.query_params["change"] == "1"


def test_play_steps_the_date_forward_until_the_end() -> None:
    app = start({"date": "2025-11-05"})
    app.button(key="time-play").click().run()
    assert app.slider(key="date").value == dt.date(2024, 6, 19)  # at the end, play starts over
    assert app.button(key="time-play").label == "Pause"


def test_while_playing_the_list_gives_way_to_its_count_and_comes_back_on_pause() -> None:
    """Play's steps come faster than the cards and charts draw: while playing the panel counts the claims, and
    everything it set aside (the cards, the charts' switch) is as it was on pause."""
    app = start({"date": "2025-01-31"})
    app.toggle(key=TIME_CHARTS).set_value(True).run()
    app.button(key="time-play").click().run()
    shown = shown_on(app.slider(key="date").value)
    assert f"**{shown} of" in panel_text(app) and "on the map on this date" in panel_text(app)
    captions = [caption.value for caption in app.caption]
    assert "Playing: the list of claims comes back when you pause." in captions
    assert "Playing: the charts follow the date when you pause." in captions
    app.button(key="time-play").click().run()
    assert app.button(key="time-play").label == "Play"
    assert app.toggle(key=TIME_CHARTS).value is True
    assert not {"Playing: the charts follow the date when you pause."} & {caption.value for caption in app.caption}
    assert "reported by this date about the 90 days before it" in panel_text(app)


def test_the_panel_waits_for_the_map_to_draw() -> None:
    app = start({"date": "2024-10-28", "claim": SEED_CLAIM}, map_drawn=False)
    assert [caption.value for caption in app.caption][-1] == "Loading the claims…"
    assert not app.slider  # the panel is not drawn yet; only the analyst's bar above it is
    assert {button.key for button in app.button} == {"new-claim", "open-registry"}
    assert app.query_params["date"] == "2024-10-28"  # the link is already the view's
    app.session_state[DRAWN_KEY] = True  # what the map's report does
    app.run()
    assert app.slider(key="date").value == dt.date(2024, 10, 28)
    assert f"{shown_on(dt.date(2024, 10, 28))} of" in panel_text(app)
    assert "is not among the claims shown on 28 Oct 2024" in "\n".join(info.value for info in app.info)
    assert "Loading the claims…" not in [caption.value for caption in app.caption]


def test_a_linked_claim_that_is_not_shown_is_explained() -> None:
    app = start({"date": "2024-10-28", "claim": SEED_CLAIM})
    notes = "\n".join(info.value for info in app.info)
    assert "is not among the claims shown on 28 Oct 2024" in notes
    app = start({"date": "2025-01-31", "claim": "no-such-claim"})
    assert "not in the data: no\\-such\\-claim" in "\n".join(warning.value for warning in app.warning)


def test_the_date_slider_steps_over_days_with_nothing_new() -> None:
    """The slider runs over days; a day with no snapshot or report moves on in the direction moved."""
    data = load_dataset(DATA)
    options = timeline_dates(data.fronts, data.claims)
    gap = next(index for index in range(1, len(options)) if (options[index] - options[index - 1]).days > 2)
    before, after = options[gap - 1], options[gap]
    app = start({"date": before.isoformat()})
    app.slider(key="date").set_value(before + dt.timedelta(days=1)).run()
    assert app.slider(key="date").value == after
    app.slider(key="date").set_value(after - dt.timedelta(days=1)).run()
    assert app.slider(key="date").value == before
    assert app.query_params["date"] == before.isoformat()


def test_the_page_reads_the_store_and_follows_its_changes(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("KURSK_MAP_DB", url)
    monkeypatch.delenv("KURSK_MAP_DATA", raising=False)
    app = start({"date": "2025-01-31"})  # an empty store is seeded from data/
    assert f"of {shown_on(dt.date(2025, 1, 31))} claims" in panel_text(app)
    write_claims(data_copy, [valid_claim(id="fresh-from-the-store", statement="A claim added to the store.")])
    Store(url).import_bundle(data_copy, "analyst", "a new report")
    app.run()  # the next run sees the store's new stamp and loads the new claim
    assert f"of {shown_on(dt.date(2025, 1, 31)) + 1} claims" in panel_text(app)


def test_a_store_that_cannot_be_reached_is_named_only_in_the_servers_log(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Anyone may open the page: it says the store cannot be reached, never where it lives (host, user,
    database) or its password; the server's log names the store, password hidden."""
    monkeypatch.setenv("KURSK_MAP_DB", "postgresql+psycopg://mapper:s3cret@127.0.0.1:9/claims?connect_timeout=2")
    monkeypatch.delenv("KURSK_MAP_DATA", raising=False)
    with caplog.at_level(logging.WARNING, logger="kursk_map"):
        app = start()
    message = app.error[0].value
    assert "cannot reach its claims store" in message
    assert not [word for word in ("mapper", "127.0.0.1", "claims?", "s3cret", ":9/") if word in message]
    logged = " ".join(record.getMessage() for record in caplog.records if record.name == "kursk_map")
    assert "mapper:***@127.0.0.1:9/claims" in logged and "s3cret" not in logged


@pytest.mark.parametrize(
    ("lang", "title", "words"),
    [
        ("uk", "## Падіння Суджі", "Генштаб ЗСУ"),
        ("ru", "## Падение Суджи", "Генштаб ВСУ"),
        ("en", "## Sudzha falls", ""),
    ],
)
def test_a_briefing_step_reads_in_the_readers_language(lang: str, title: str, words: str) -> None:
    app = start({"mode": "brief", "story": "nk-troops-kursk", "step": "6", "lang": lang})
    text = panel_text(app)
    assert title in text and words in text


@pytest.mark.parametrize(
    ("lang", "reason", "sentence"),
    [
        (
            "uk",
            "Джерело: Міністерство оборони Російської Федерації, оцінка D (зазвичай ненадійне)",
            "Наша впевненість",
        ),
        (
            "ru",
            "Источник: Министерство обороны Российской Федерации, оценка D (обычно ненадёжный)",
            "Наша уверенность",
        ),
    ],
)
def test_a_selected_claims_grade_and_reasons_read_in_the_readers_language(
    lang: str, reason: str, sentence: str
) -> None:
    app = start({"date": "2025-03-16", "claim": "rumod-sudzha-retaken", "lang": lang})
    text = panel_text(app)
    assert f"1. {markdown_text(reason)}" in text and sentence in text  # the first reason, in the reader's words
    assert "Source: Ministry" not in text and "We have high confidence" not in text
