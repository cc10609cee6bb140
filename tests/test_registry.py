"""Sources and places edited in the app: checked as the loader checks files, compare-and-swap, logged,
reviewed like claims (viewers see a change only once a second pair of eyes publishes it), and a change
that would move published grades is a reviewer's. On SQLite and, with a server, PostGIS."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import yaml
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text

from geo.model.records import Source
from geo.reading.dataset import Dataset
from geo.reading.loading import Place
from geo.store import MIGRATIONS, Store, schema
from geo.store.claims import SaveRefusedError
from geo.store.registry import StaleRecordError
from geo.workflow.lifecycle import ClaimState
from geo.workflow.roles import Actor, NotAllowedError, Role
from tests.conftest import DATA, valid_claim

ANALYST = Actor("ana@example.org", "Ana", Role.ANALYST)
REVIEWER = Actor("rita@example.org", "Rita", Role.REVIEWER)
SECOND_REVIEWER = Actor("rolf@example.org", "Rolf", Role.REVIEWER)
NEW_SOURCE = {
    "id": "the-guardian",
    "name": "The Guardian",
    "kind": "news-outlet",
    "affiliation": "independent",
    "url": "https://www.theguardian.com/",
    "reliability": "B",
}


def place(name: str, lon: float, lat: float) -> dict:
    properties = {
        "name": name,
        "name_ru": None,
        "country": "RU",
        "key_place": False,
        "verified": False,
        "precision_km": 3.0,
        "coord_source": "read off the regional map by an analyst",
        "population": None,
    }
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


@pytest.fixture
def store(store_url: str) -> Store:
    seeded = Store(store_url)
    seeded.import_bundle(DATA, "seed", "seed")
    return seeded


def test_an_analyst_adds_a_source_and_a_claim_can_cite_it(store: Store) -> None:
    assert store.save_source(ANALYST, NEW_SOURCE, expected=None, reason="new outlet") == 1
    claim = valid_claim(reports=[{"outlet": "the-guardian", "date": "2025-01-31", "url": ""}])
    assert store.check(claim).valid
    assert store.load("working").sources["the-guardian"].reliability == "B"
    assert store.history("source", "the-guardian")[0]["action"] == "drafted"


def test_changing_a_grade_deciding_field_is_a_reviewers_and_edits_are_compare_and_swap(store: Store) -> None:
    document, version = store.record("source", "bbc")
    with pytest.raises(NotAllowedError, match="change reliability: it changes published grades"):
        store.save_source(ANALYST, {**document, "reliability": "A"}, expected=version, reason="upgrade")
    assert store.save_source(ANALYST, {**document, "note": "World Service."}, expected=version, reason="note") == 2
    with pytest.raises(StaleRecordError, match=r"source bbc was changed by someone else \(version 2\)"):
        store.save_source(REVIEWER, {**document, "reliability": "A"}, expected=version, reason="upgrade")
    store.save_source(REVIEWER, {**document, "note": "World Service.", "reliability": "A"}, expected=2, reason="ok")
    assert store.load().sources["bbc"].reliability == "B"  # in review: viewers' grades are unchanged
    store.publish_record(SECOND_REVIEWER, "source", "bbc", expected=3, reason="checked")
    assert store.load().sources["bbc"].reliability == "A"


def test_bad_sources_and_places_are_refused_on_their_field_and_nothing_changes(store: Store) -> None:
    before = store.stamp()
    with pytest.raises(SaveRefusedError, match=r"url: .*http"):
        store.save_source(ANALYST, {**NEW_SOURCE, "url": "javascript:alert(1)"}, expected=None, reason="x")
    with pytest.raises(SaveRefusedError, match="already a source"):
        store.save_source(ANALYST, {**NEW_SOURCE, "id": "bbc"}, expected=None, reason="x")
    with pytest.raises(SaveRefusedError, match="outside the case's region"):
        store.save_place(ANALYST, place("Far away", 10.0, 10.0), expected=None, reason="x")
    with pytest.raises(SaveRefusedError, match="already in the gazetteer"):
        store.save_place(ANALYST, place("Sudzha", 35.27, 51.19), expected=None, reason="x")
    assert store.stamp() == before


def test_an_analyst_adds_a_place_and_claims_can_be_placed_there(store: Store) -> None:
    store.save_place(ANALYST, place("Guyevo", 35.283, 51.141), expected=None, reason="village in the SOF report")
    dataset = store.load("working")
    assert dataset.places["Guyevo"].lat == pytest.approx(51.141)
    assert store.check(valid_claim(location={"place": "Guyevo"})).valid


OTHER_ANALYST = Actor("otto@example.org", "Otto", Role.ANALYST)
VIEWER = Actor("vic@example.org", "Vic", Role.VIEWER)
SUDZHA_CLAIMS = 3  # claims in the bundle placed at Sudzha itself (data/claims)


def test_an_analysts_rename_of_the_bbc_reaches_viewers_only_when_another_reviewer_publishes_it(store: Store) -> None:
    document, version = store.record("source", "bbc")
    renamed = {**document, "name": "British Broadcasting Corporation"}
    assert store.save_source(ANALYST, renamed, expected=version, reason="full name") == version + 1
    assert store.load().sources["bbc"].name == "BBC News"  # viewers: unchanged
    assert store.load("working").sources["bbc"].name == "British Broadcasting Corporation"
    [pending] = store.registry_queue()
    assert (pending.record.kind, pending.record.key, pending.editors) == ("source", "bbc", (ANALYST.subject,))
    assert pending.changes == [{"field": "name", "from": "BBC News", "to": "British Broadcasting Corporation"}]
    with pytest.raises(NotAllowedError, match=r"Ana \(analyst\) may not publish"):
        store.publish_record(ANALYST, "source", "bbc", expected=version + 1, reason="mine")
    with pytest.raises(StaleRecordError, match="after your version 1"):
        store.publish_record(REVIEWER, "source", "bbc", expected=version, reason="stale page")
    assert store.publish_record(REVIEWER, "source", "bbc", expected=version + 1, reason="matches bbc.com") == 3
    assert store.load().sources["bbc"].name == "British Broadcasting Corporation"
    assert store.registry_queue() == []
    public = store.history("source", "bbc", public=True)
    assert [event["action"] for event in public] == ["added", "published"]
    assert public[-1]["changes"] == [
        {"field": "name", "from": "BBC News", "to": "British Broadcasting Corporation"}
    ]  # what viewers saw before and after, never the drafts in between


def test_a_new_source_graded_a_waits_for_review_and_so_does_a_claim_citing_it(store: Store) -> None:
    store.save_source(ANALYST, {**NEW_SOURCE, "reliability": "A"}, expected=None, reason="new outlet")
    assert "the-guardian" not in store.load().sources
    cited = valid_claim(reports=[{"outlet": "the-guardian", "date": "2025-01-31", "url": ""}])
    saved = store.save_claim(ANALYST, cited, expected=None, reason="Guardian report", submit=True)
    with pytest.raises(SaveRefusedError, match="the-guardian"):
        store.publish(REVIEWER, "test-claim", expected=saved.version, reason="fine")  # its source is unpublished
    [pending] = store.registry_queue()
    assert pending.record.published is None and {"field": "reliability", "from": None, "to": "A"} in pending.changes
    store.publish_record(REVIEWER, "source", "the-guardian", expected=1, reason="established outlet")
    assert store.load().sources["the-guardian"].reliability == "A"
    store.publish(SECOND_REVIEWER, "test-claim", expected=saved.version, reason="fine")
    assert "test-claim" in store.load().by_id


def test_moving_sudzha_moves_its_claims_only_when_published_and_the_queue_says_how_many_and_how_far(
    store: Store,
) -> None:
    feature, version = store.record("place", "Sudzha")
    lon, lat = feature["geometry"]["coordinates"]
    moved = {**feature, "geometry": {"type": "Point", "coordinates": [lon, lat - 0.045]}}  # ~5 km south
    before = store.load()
    at_sudzha = sorted(claim.id for claim in before.claims if claim.location.place == "Sudzha")
    assert len(at_sudzha) == SUDZHA_CLAIMS
    store.save_place(ANALYST, moved, expected=version, reason="re-read from the map")
    assert store.load().places["Sudzha"].lat == pytest.approx(lat)  # viewers: unchanged
    assert indexed_points(store, at_sudzha) == {(round(lon, 4), round(lat, 4))}
    [pending] = store.registry_queue()
    assert pending.move is not None and list(pending.move.claims) == at_sudzha
    assert pending.move.km == pytest.approx(5.0, abs=0.1)
    assert str(pending.move) == f"moves {SUDZHA_CLAIMS} claims at Sudzha by 5.0 km"
    [change] = pending.changes
    assert change["field"] == "position (lat, lon)" and change["to"] == f"{lat - 0.045:.5f}, {lon:.5f}"
    store.publish_record(REVIEWER, "place", "Sudzha", expected=version + 1, reason="checked on the map")
    assert store.load().places["Sudzha"].lat == pytest.approx(lat - 0.045)
    assert indexed_points(store, at_sudzha) == {(round(lon, 4), round(lat - 0.045, 4))}


def indexed_points(store: Store, claim_ids: list[str]) -> set[tuple[float, float]]:
    """Where the store's geometry column (the spatial index on PostGIS) puts these claims."""
    claims = schema.claims
    with store.engine.connect() as connection:
        found = connection.execute(select(claims.c.geom).where(claims.c.id.in_(claim_ids))).scalars()
        return {(round(point.x, 4), round(point.y, 4)) for point in found}


def test_a_sent_back_change_stays_unpublished_and_saving_it_again_asks_for_review_again(store: Store) -> None:
    document, version = store.record("source", "bbc")
    version = store.save_source(ANALYST, {**document, "note": "Draft note."}, expected=version, reason="note")
    version = store.send_back_record(REVIEWER, "source", "bbc", expected=version, reason="cite the article")
    assert store.stored_record("source", "bbc").state is ClaimState.DRAFT and store.registry_queue() == []
    with pytest.raises(SaveRefusedError, match="is draft: not published"):
        store.publish_record(REVIEWER, "source", "bbc", expected=version, reason="fine")
    assert store.load().sources["bbc"].note == document["note"]
    store.save_source(ANALYST, {**document, "note": "Per bbc.com."}, expected=version, reason="cited")
    assert [pending.record.key for pending in store.registry_queue()] == ["bbc"]
    assert store.history("source", "bbc", public=True)[-1]["action"] == "added"  # still the import only


def test_a_viewer_can_neither_propose_nor_publish_and_nothing_is_written(store: Store) -> None:
    document, version = store.record("source", "bbc")
    store.save_source(ANALYST, {**document, "note": "x"}, expected=version, reason="x")
    before = store.stamp()
    with pytest.raises(NotAllowedError, match="may not draft"):
        store.save_source(VIEWER, {**document, "name": "Fake"}, expected=version + 1, reason="x")
    with pytest.raises(NotAllowedError, match="may not publish"):
        store.publish_record(VIEWER, "source", "bbc", expected=version + 1, reason="x")
    with pytest.raises(NotAllowedError, match="may not return"):
        store.send_back_record(ANALYST, "source", "bbc", expected=version + 1, reason="x")
    assert store.stamp() == before


SOURCE_CHANGES = {
    "name": "British Broadcasting Corporation",
    "name_uk": "Бі-Бі-Сі",
    "name_ru": "Би-би-си",
    "kind": "news-agency",
    "affiliation": "third-party-government",
    "url": "https://www.bbc.co.uk/news",
    "note": "Changed note.",
    "reliability": "A",
    "reliability_note": "Changed reason.",
    "part_of": "nyt",
}
PLACE_CHANGES = {
    "name_ru": "Судж",
    "name_uk": "Суджа",
    "country": "UA",
    "lat": 51.15,
    "lon": 35.30,
    "key_place": False,
    "verified": False,
    "precision_km": 4.0,
    "coord_source": "re-read from a second map",
    "population": 7000,
}


def test_no_field_of_a_source_or_a_place_reaches_viewers_before_a_second_reviewer_publishes_it(store: Store) -> None:
    """Every field viewers could see: a field added to sources or places fails here until it has a change to try."""
    assert set(Source.model_fields) - {"id"} == set(SOURCE_CHANGES)
    assert set(Place.model_fields) - {"name"} == set(PLACE_CHANGES)
    for field, value in SOURCE_CHANGES.items():
        document, version = store.record("source", "bbc")
        was = getattr(seen(store).sources["bbc"], field)
        store.save_source(REVIEWER, {**document, field: value}, expected=version, reason=f"change {field}")
        assert getattr(seen(store).sources["bbc"], field) == was, field
        assert getattr(seen(store, "working").sources["bbc"], field) == value, field
        store.publish_record(SECOND_REVIEWER, "source", "bbc", expected=version + 1, reason="checked")
        assert getattr(seen(store).sources["bbc"], field) == value, field
    for field, value in PLACE_CHANGES.items():
        feature, version = store.record("place", "Sudzha")
        changed = {**feature, "properties": {**feature["properties"], field: value}}
        if field in {"lat", "lon"}:
            lon, lat = feature["geometry"]["coordinates"]
            point = {"lon": lon, "lat": lat, field: value}
            changed = {**feature, "geometry": {"type": "Point", "coordinates": [point["lon"], point["lat"]]}}
        was = getattr(seen(store).places["Sudzha"], field)
        store.save_place(ANALYST, changed, expected=version, reason=f"change {field}")
        assert getattr(seen(store).places["Sudzha"], field) == was, field
        assert getattr(seen(store, "working").places["Sudzha"], field) == value, field
        store.publish_record(REVIEWER, "place", "Sudzha", expected=version + 1, reason="checked")
        assert getattr(seen(store).places["Sudzha"], field) == value, field


def seen(store: Store, view: str = "published") -> Dataset:
    """The sources and places of a view, as the store checks claims against them (no grading: quicker)."""
    return store.editing_dataset(view)


STEP_ACTORS = (ANALYST, OTHER_ANALYST, REVIEWER, SECOND_REVIEWER)
probes = itertools.count()


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(STEP_ACTORS), st.sampled_from(["edit", "send back", "publish"])), max_size=6
    )
)
def test_only_someone_who_edited_nothing_since_the_last_publication_may_publish(
    store: Store, steps: list[tuple[Actor, str]]
) -> None:
    """Any sequence of edits, returns and publications by analysts and reviewers, against a model of the rule:
    a reviewer may publish a version in review unless they drafted or edited it since it was last published."""
    key = f"probe-{next(probes)}"
    version = store.save_source(ANALYST, {**NEW_SOURCE, "id": key, "note": "0"}, expected=None, reason="new")
    state, editors, shown = ClaimState.REVIEW, {ANALYST.subject}, None
    for number, (actor, step) in enumerate(steps, start=1):
        document = store.record("source", key)[0]
        if step == "edit":
            version = store.save_source(actor, {**document, "note": str(number)}, expected=version, reason="edit")
            state, editors = ClaimState.REVIEW, editors | {actor.subject}
        elif step == "send back" and actor.role is Role.REVIEWER and state is ClaimState.REVIEW:
            version = store.send_back_record(actor, "source", key, expected=version, reason="not yet")
            state = ClaimState.DRAFT
        elif step == "publish" and actor.role is Role.REVIEWER and state is ClaimState.REVIEW:
            if actor.subject in editors:
                with pytest.raises(NotAllowedError, match="their own edit"):
                    store.publish_record(actor, "source", key, expected=version, reason="ok")
                continue
            version = store.publish_record(actor, "source", key, expected=version, reason="ok")
            state, editors, shown = ClaimState.PUBLISHED, set(), document["note"]
        else:
            move = store.send_back_record if step == "send back" else store.publish_record
            with pytest.raises((NotAllowedError, SaveRefusedError), match=r"may not|not (returned|published)"):
                move(actor, "source", key, expected=version, reason="out of turn")
        assert store.stored_record("source", key).state is state
    published = store.load().sources.get(key)
    assert (published.note if published else None) == shown


def test_a_reviewer_demoted_after_the_page_drew_the_buttons_publishes_nothing(store: Store) -> None:
    document, version = store.record("source", "bbc")
    version = store.save_source(ANALYST, {**document, "name": "Renamed"}, expected=version, reason="rename")
    store.grant(None, REVIEWER.subject, Role.ANALYST, reason="moved to the analysts' desk")
    with pytest.raises(NotAllowedError, match="may not publish"):
        store.publish_record(REVIEWER, "source", "bbc", expected=version, reason="approved on a stale page")
    assert store.load().sources["bbc"].name == "BBC News"


def test_an_import_leaves_a_source_in_review_as_it_is_and_says_so(store: Store, data_copy: Path) -> None:
    document, version = store.record("source", "bbc")
    store.save_source(ANALYST, {**document, "name": "Pending name"}, expected=version, reason="rename")
    sources = yaml.safe_load((data_copy / "sources.yaml").read_text())
    [bbc] = [source for source in sources["sources"] if source["id"] == "bbc"]
    bbc["note"] = "Changed in the bundle."
    (data_copy / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False))
    report = store.import_bundle(data_copy, "seed", "refresh")
    assert [held.label for held in report.held] == ["source bbc"]
    assert store.stored_record("source", "bbc").document["name"] == "Pending name"
    assert store.load().sources["bbc"].note == document["note"]


def test_a_store_from_before_sources_were_reviewed_keeps_showing_every_source_and_place(tmp_path: Path) -> None:
    """A copy of a database at the revision before this schema change: its records are what viewers saw."""
    url = f"sqlite:///{tmp_path / 'older.sqlite'}"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    [ours] = [
        revision
        for revision in ScriptDirectory.from_config(config).walk_revisions()
        if revision.path.endswith("_reviewed_sources_and_places.py")
    ]
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, str(ours.down_revision))
        connection.execute(
            text("INSERT INTO sources (id, file, position, document, version) VALUES (:id, :file, 0, :doc, 4)"),
            {"id": "the-guardian", "file": "sources.yaml", "doc": json.dumps(NEW_SOURCE)},
        )
    engine.dispose()
    record = Store(url).stored_record("source", "the-guardian")
    assert record is not None
    assert (record.state, record.published, record.version) == (ClaimState.PUBLISHED, NEW_SOURCE, 4)
