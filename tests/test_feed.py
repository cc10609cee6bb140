"""The feed over HTTP (Starlette's test client on the feed's own routes): strict parameters, bounded pages,
OGC API – Features paging, areas sent once, cache tags, safety headers, and no staff identity in sight."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.testclient import TestClient

from geo.model.locations import resolve
from geo.publishing.claim_record import FIELDS, ClaimRecord, properties
from geo.store import Store
from geo.workflow.roles import Actor, Role
from tests.conftest import DATA, valid_claim
from web import feed_index
from web.feed import ROUTES
from web.feed_http import ANSWERS, AnswerCache
from web.feed_query import MAX_LIMIT

CASE_START, CASE_END = dt.date(2024, 6, 1), dt.date(2025, 12, 31)
ITEMS = "/api/ogc/collections/claims/items"
SAFETY = {"x-content-type-options": "nosniff"}


@pytest.fixture(scope="module")
def feed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The feed reads a store of its own, seeded from the bundle."""
    url = f"sqlite:///{tmp_path_factory.mktemp('feed') / 'store.sqlite'}"
    Store(url).import_bundle(DATA, "seeder", "seed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KURSK_MAP_DB", url)
        patch.delenv("KURSK_MAP_DATA", raising=False)
        yield url


@pytest.fixture(scope="module")
def client(feed_store: str) -> TestClient:
    return TestClient(Starlette(routes=ROUTES), base_url="http://feed.test")


def every_page(client: TestClient, url: str) -> list[dict]:
    """Follow `next` links to the end, as a GIS tool does; each page within its limit."""
    features, seen = [], set()
    while url:
        assert url not in seen, "a next link leads back"
        seen.add(url)
        answer = client.get(url)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["numberReturned"] == len(body["features"]) <= MAX_LIMIT
        features += body["features"]
        url = next((link["href"] for link in body["links"] if link["rel"] == "next"), "")
    return features


def assert_safe_headers(answer) -> None:
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


# --- Paging, the OGC contract ---------------------------------------------------------------------


def test_the_landing_page_leads_to_conformance_and_collections(client: TestClient) -> None:
    landing = client.get("/api/ogc").json()
    rels = {link["rel"]: link["href"] for link in landing["links"]}
    assert {"self", "conformance", "data"} <= set(rels)
    conforms = client.get(rels["conformance"]).json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms
    collections = client.get(rels["data"]).json()["collections"]
    assert [collection["id"] for collection in collections] == ["claims", "areas"]
    claims = client.get("/api/ogc/collections/claims").json()
    assert any(link["rel"] == "items" for link in claims["links"])
    assert claims["extent"]["temporal"]["interval"] == [["2024-06-01T00:00:00Z", "2025-12-31T23:59:59Z"]]
    assert client.get("/api/ogc/collections/nothing").status_code == 404


@pytest.mark.parametrize("limit", [1, 7, 50, MAX_LIMIT, 10**6])
def test_next_links_visit_every_claim_once(client: TestClient, bundled, limit: int) -> None:
    first = client.get(f"{ITEMS}?limit={limit}").json()
    assert first["numberMatched"] == len(bundled.claims)
    assert first["numberReturned"] == min(limit, MAX_LIMIT, len(bundled.claims))  # a limit above the most is capped
    ids = [feature["id"] for feature in every_page(client, f"{ITEMS}?limit={limit}")]
    assert sorted(ids) == sorted(claim.id for claim in bundled.claims)


def test_the_convenience_geojson_is_paged_too(client: TestClient, bundled) -> None:
    body = client.get("/api/claims.geojson?limit=10").json()
    assert body["numberReturned"] == 10 and body["numberMatched"] == len(bundled.claims)
    ids = [feature["id"] for feature in every_page(client, "/api/claims.geojson?limit=10")]
    assert sorted(ids) == sorted(claim.id for claim in bundled.claims)


def test_one_claim_and_one_area_by_id(client: TestClient) -> None:
    claim = client.get(f"{ITEMS}/rumod-sudzha-retaken").json()
    assert claim["id"] == "rumod-sudzha-retaken" and claim["geometry"]["type"] == "Point"
    area = client.get("/api/ogc/collections/areas/items/kursk-front").json()
    assert area["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert client.get(f"{ITEMS}/no-such-claim").status_code == 404
    assert client.get("/api/ogc/collections/areas/items/no-such-area").status_code == 404


def test_an_area_is_sent_once_and_its_claims_refer_to_it(client: TestClient, bundled) -> None:
    """No claim repeats a polygon: a claim about an area is a point inside it with the area's id."""
    claims = every_page(client, f"{ITEMS}?limit=1000")
    areas = {feature["id"]: feature for feature in every_page(client, "/api/ogc/collections/areas/items")}
    assert set(areas) == set(bundled.areas)
    assert all(feature["geometry"]["type"] == "Point" for feature in claims)
    about_areas = [feature for feature in claims if feature["properties"]["area"] is not None]
    assert about_areas, "the bundle has claims about areas"
    for feature in about_areas:
        polygon = shapely.geometry.shape(areas[feature["properties"]["area"]]["geometry"])
        assert polygon.contains(shapely.geometry.shape(feature["geometry"]))
    expected = {claim.id: str(claim.location.area) for claim in bundled.claims if claim.location.area is not None}
    assert {feature["id"]: feature["properties"]["area"] for feature in about_areas} == expected


def test_every_item_is_the_claim_record_the_exports_write(client: TestClient) -> None:
    """The feed's properties are geo.publishing.claim_record's fields, in its order, and read back as one."""
    for feature in every_page(client, f"{ITEMS}?limit=1000"):
        assert list(feature["properties"]) == list(FIELDS)
        assert properties(ClaimRecord.model_validate(feature["properties"])) == feature["properties"]


# --- Filters agree with the whole set filtered by hand ---------------------------------------------


def shapes(bundled) -> dict[str, shapely.Geometry]:
    found = {}
    for claim in bundled.claims:
        place = resolve(claim.location, bundled.places, bundled.areas)
        found[claim.id] = place.area if place.area is not None else shapely.Point(place.lon, place.lat)
    return found


boxes = st.tuples(
    st.floats(33, 39.4, allow_nan=False), st.floats(49.5, 52.9, allow_nan=False), st.floats(0.01, 6), st.floats(0.01, 3)
)


@given(box=boxes)
def test_bbox_finds_what_testing_every_claim_finds(client: TestClient, bundled, box) -> None:
    west, south, width, height = (round(value, 4) for value in box)
    east, north = min(round(west + width, 4), 180), min(round(south + height, 4), 90)
    query = f"bbox={west},{south},{east},{north}"
    found = {feature["id"] for feature in every_page(client, f"{ITEMS}?limit=1000&{query}")}
    target = shapely.box(west, south, east, north)
    assert found == {claim_id for claim_id, shape in shapes(bundled).items() if shape.intersects(target)}


days = st.integers(0, (CASE_END - CASE_START).days).map(lambda n: CASE_START + dt.timedelta(days=n))


@given(start=days | st.none(), end=days | st.none())
def test_datetime_keeps_the_claims_whose_period_meets_the_interval(client: TestClient, bundled, start, end) -> None:
    if (start is None and end is None) or (start and end and start > end):
        return
    interval = f"{start or '..'}/{end or '..'}"
    found = {feature["id"] for feature in every_page(client, f"{ITEMS}?limit=1000&datetime={interval}")}
    assert found == {
        claim.id
        for claim in bundled.claims
        if (start is None or claim.refers_to.end >= start) and (end is None or claim.refers_to.start <= end)
    }


def test_date_gives_the_claims_known_then_graded_as_then(client: TestClient, bundled) -> None:
    on = dt.date(2024, 10, 28)
    then = every_page(client, f"{ITEMS}?date={on}")
    assert {feature["id"] for feature in then} == {claim.id for claim in bundled.known_on(on)}
    grades = bundled.grades_known_on(on)
    assert all(feature["properties"]["reasons"] == list(grades[feature["id"]].reasons) for feature in then)


# --- Strict parameters ---------------------------------------------------------------------------

REFUSED = [
    "date=2024-05-31",  # the day before the case
    "date=2026-01-01",
    "date=0001-01-01",
    "date=9999-12-31",
    "date=2025-02-30",
    "date=yesterday",
    "date= 2024-10-28",
    "date=2024-10-28x",
    "date=２０２４-１０-２８",  # full-width digits: \d would take them, the calendar would not
    "date=" + "9" * 5000,
    "datetime=../..",
    "datetime=2025-03-01/2025-01-01",
    "datetime=1990-01-01/..",
    "datetime=2024-08-01/2099-01-01",
    "limit=0",
    "limit=-1",
    "limit=1e3",
    "limit=²",
    "limit=١٠",
    "limit=1٠",  # an ASCII digit first, then another script's: int() would read 10
    "offset=1٠",
    "bbox=3٥,50,36,52",
    "date=2024-1٠-28",
    "limit=" + "9" * 5000,
    "offset=-1",
    "offset=1.5",
    "bbox=1,2,3",
    "bbox=40,50,30,55",
    "bbox=nan,50,36,52",
    "bbox=inf,50,36,52",
    "bbox=1e400,50,36,52",
    "bbox=35.1234567890123456789012,50,36,52",
    "bbox=35,50,36,52,0,1",
    "f=html",
    "limit=5&limit=6",
    "stamp=1",
    "LIMIT=5",
]


@pytest.mark.parametrize("path", [ITEMS, "/api/claims.geojson"])
@pytest.mark.parametrize("query", REFUSED)
def test_a_bad_parameter_is_refused_with_its_reason(client: TestClient, path: str, query: str) -> None:
    answer = client.get(f"{path}?{query}")
    assert answer.status_code == 400, query
    assert answer.json()["error"] and len(answer.content) < 400  # the reason, not an echo of the input
    assert_safe_headers(answer)


FORMS = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))?", re.ASCII),
    "limit": re.compile(r"0|[1-9]\d{0,8}", re.ASCII),
    "offset": re.compile(r"0|[1-9]\d{0,8}", re.ASCII),
    "bbox": re.compile(
        r"(-?\d{1,3}(\.\d{1,20})?([eE][-+]?\d{1,2})?,){3}-?\d{1,3}(\.\d{1,20})?([eE][-+]?\d{1,2})?", re.ASCII
    ),
}


@given(name=st.sampled_from(sorted(FORMS)), value=st.text(max_size=30))
def test_only_a_value_in_its_full_form_is_taken(client: TestClient, name: str, value: str) -> None:
    """Any text at all: a 200 only when the whole value has the parameter's form, else a 400."""
    answer = client.get(ITEMS, params={name: value})
    assert answer.status_code in {200, 400}
    if answer.status_code == 200:
        assert FORMS[name].fullmatch(value), (name, value)


def test_a_bbox_as_gis_tools_write_it_is_taken(client: TestClient) -> None:
    """GDAL writes 17 significant digits, and %g an exponent near 0."""
    for box in (
        "35.2000000000000028,51.1000000000000014,35.3500000000000014,51.2000000000000028",
        "-1e-05,0,1.5E+01,60",
    ):
        assert client.get(ITEMS, params={"bbox": box}).status_code == 200, box


def test_a_route_without_parameters_refuses_any(client: TestClient) -> None:
    for path in ("/api/ogc", "/api/ogc/collections", "/api/claims/rumod-sudzha-retaken/history.json"):
        assert client.get(f"{path}?x=1").status_code == 400
        assert client.get(f"{path}?f=json").status_code == 200


# --- Cache tags and headers ----------------------------------------------------------------------


def test_gzip_and_plain_answers_have_their_own_tags(client: TestClient) -> None:
    packed = client.get(ITEMS, headers={"Accept-Encoding": "gzip"})
    plain = client.get(ITEMS, headers={"Accept-Encoding": "identity"})
    assert packed.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert packed.headers["etag"] != plain.headers["etag"]
    assert packed.headers["vary"] == plain.headers["vary"] == "Accept-Encoding"
    assert packed.json() == plain.json()
    refused = client.get(ITEMS, headers={"Accept-Encoding": "gzip;q=0"})
    assert refused.headers.get("content-encoding", "identity") == "identity"


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_if_none_match_takes_weak_listed_and_any_tags(client: TestClient, encoding: str) -> None:
    headers = {"Accept-Encoding": encoding}
    tag = client.get(ITEMS, headers=headers).headers["etag"]
    for given_tag in (tag, f"W/{tag}", f'"other", {tag}', f'W/"other",W/{tag}', "*"):
        answer = client.get(ITEMS, headers=headers | {"If-None-Match": given_tag})
        assert answer.status_code == 304, given_tag
        assert answer.headers["etag"] == tag and not answer.content
        assert_safe_headers(answer)
    assert client.get(ITEMS, headers=headers | {"If-None-Match": '"other", W/"else"'}).status_code == 200


def test_the_tag_follows_the_data_not_the_store_address(feed_store: str, tmp_path: Path) -> None:
    """A copy of the store under another name gets the same tags: the URL (which may hold a password) does
    not go into them. A change of data gives new ones."""
    original = Path(feed_store.removeprefix("sqlite:///"))
    copy = tmp_path / "copy.sqlite"
    shutil.copy(original, copy)
    tags = {}
    for url in (feed_store, f"sqlite:///{copy}"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("KURSK_MAP_DB", url)
            answer = TestClient(Starlette(routes=ROUTES)).get(ITEMS)
            tags[url] = answer.headers["etag"]
    assert len(set(tags.values())) == 1
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KURSK_MAP_DB", f"sqlite:///{copy}")
        analyst = Actor("local analyst", "Local analyst", Role.ANALYST)
        Store(f"sqlite:///{copy}").save_claim(analyst, valid_claim(id="tag-draft"), expected=None, reason="new")
        assert TestClient(Starlette(routes=ROUTES)).get(ITEMS).headers["etag"] not in tags.values()


def test_every_answer_says_nosniff_and_may_not_be_framed(client: TestClient) -> None:
    for path in (
        "/api/ogc",
        "/api/ogc/conformance",
        "/api/ogc/collections",
        "/api/ogc/collections/areas/items",
        ITEMS,
        f"{ITEMS}/rumod-sudzha-retaken",
        f"{ITEMS}/nothing",
        f"{ITEMS}?limit=x",
        "/api/claims.geojson",
        "/api/claims/rumod-sudzha-retaken/history.json",
        "/api/claims/nothing/history.json",
    ):
        assert_safe_headers(client.get(path))


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://mapuser:s3cretpw@127.0.0.1:9/claimsdb?connect_timeout=2",
        "postgresql+psycopg://127.0.0.1:9/claimsdb?user=mapuser&password=s3cretpw&connect_timeout=2",
        "sqlite:///{blocked}/claimsdb/mapuser-s3cretpw.sqlite",
    ],
)
def test_a_store_out_of_reach_is_a_503_that_names_no_host_user_or_database(url: str, tmp_path: Path) -> None:
    blocked = tmp_path / "nonexistent"
    blocked.write_text("a file where the store's folder would be")
    url = url.format(blocked=blocked)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KURSK_MAP_DB", url)
        client = TestClient(Starlette(routes=ROUTES))
        for path in (ITEMS, "/api/claims.geojson", "/api/ogc", "/api/claims/x/history.json"):
            answer = client.get(path)
            assert answer.status_code == 503
            assert answer.json() == {"error": "the store cannot be reached; try again in a moment"}
            assert_safe_headers(answer)
            for secret in ("mapuser", "s3cretpw", "claimsdb", "127.0.0.1", "nonexistent", str(tmp_path)):
                assert secret not in answer.text


# --- Bounded work --------------------------------------------------------------------------------


def ask_at_once(client: TestClient, queries: list[str]) -> list[int]:
    answers: list[int] = []

    def ask(query: str) -> None:
        answers.append(client.get(f"{ITEMS}?{query}").status_code)

    threads = [threading.Thread(target=ask, args=(query,)) for query in queries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_concurrent_requests_for_one_new_date_grade_it_once(client: TestClient) -> None:
    before = feed_index.KNOWN_ON.builds
    assert ask_at_once(client, [f"date=2025-03-09&limit={n}" for n in range(1, 9)]) == [200] * 8
    assert feed_index.KNOWN_ON.builds == before + 1


def test_concurrent_requests_for_new_dates_grade_only_those_dates(feed_store: str) -> None:
    """After a change of data, 8 requests for 8 new dates load and index the data once and grade 8 dates."""
    Store(feed_store).save_claim(
        Actor("local analyst", "Local analyst", Role.ANALYST), valid_claim(id="a-change"), expected=None, reason="new"
    )
    indexes, gradings = feed_index.INDEXES.builds, feed_index.KNOWN_ON.builds
    client = TestClient(Starlette(routes=ROUTES))
    assert ask_at_once(client, [f"date=2025-04-{day:02d}" for day in range(1, 9)]) == [200] * 8
    assert feed_index.INDEXES.builds == indexes + 1
    assert feed_index.KNOWN_ON.builds == gradings + 8


def test_the_dates_kept_and_the_answers_kept_are_bounded(client: TestClient) -> None:
    for day in range(1, 20):
        assert client.get(f"{ITEMS}?date=2025-01-{day:02d}&limit=3").status_code == 200
    assert len(feed_index.KNOWN_ON.entries) <= feed_index.KNOWN_ON.budget == feed_index.KNOWN_ON_DATES_KEPT + 1
    assert ANSWERS.held <= ANSWERS.budget
    small = AnswerCache(budget=3000)
    for n in range(50):
        small.answer(f"key{n}", f"tag{n}", lambda n=n: {"n": n, "padding": "x" * 500})
    assert small.held <= 3000 and len(small.entries) < 50


# --- No staff identity in public -----------------------------------------------------------------

IDENTITIES = [
    ("ana.analyst@example.org", "", Role.ANALYST),
    ("https://accounts.example.com#1029384756", "Ana Petrenko", Role.ANALYST),
    ("https://login.example.net#ana", "ana.again@example.org", Role.ANALYST),
    ("rev.reviewer@example.org", "", Role.REVIEWER),
    ("https://accounts.example.com#5647382910", "https://accounts.example.com#5647382910", Role.REVIEWER),
]


def test_the_feed_shows_roles_or_chosen_names_never_a_subject_or_address(store_url: str) -> None:
    """On SQLite and on PostGIS (conftest's store_url)."""
    url = store_url
    store = Store(url)
    store.import_bundle(DATA, "ops@example.org", "seed")
    for subject, name, role in IDENTITIES:
        store.grant(None, subject, role, reason="joins the team", name=name)
    reviewers = [Actor(subject, name or subject, role) for subject, name, role in IDENTITIES if role is Role.REVIEWER]
    for number, (subject, name, role) in enumerate(IDENTITIES[:3]):
        analyst = Actor(subject, name or subject, role)
        claim_id = f"staff-claim-{number}"
        saved = store.save_claim(
            analyst, valid_claim(id=claim_id), expected=None, reason=f"drafted by {number}", submit=True
        )
        published = store.publish(reviewers[0], claim_id, expected=saved.version, reason="checked")
        store.retract(reviewers[1], claim_id, expected=published.version, reason="withdrawn by the source itself")
    seed = store.stored_claim("rumod-sudzha-retaken")
    edited = store.save_claim(
        Actor(*IDENTITIES[1][:2], Role.ANALYST),
        {**seed.document, "statement": "Russian forces retook Sudzha."},
        expected=seed.version,
        reason="wording",
        submit=True,
    )
    store.publish(reviewers[0], "rumod-sudzha-retaken", expected=edited.version, reason="checked")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KURSK_MAP_DB", url)
        client = TestClient(Starlette(routes=ROUTES))
        texts = [client.get(f"{ITEMS}?limit=1000").text, client.get("/api/claims.geojson").text]
        for claim_id in ("staff-claim-0", "staff-claim-1", "staff-claim-2", "rumod-sudzha-retaken"):
            texts.append(client.get(f"{ITEMS}/{claim_id}").text)
            history = client.get(f"/api/claims/{claim_id}/history.json")
            assert history.status_code == 200
            texts.append(history.text)
        everything = "\n".join(texts)
    for subject, name, _ in IDENTITIES:
        assert subject not in everything
        assert "example" not in name or name not in everything
    assert "ops@example.org" not in everything and not re.search(r"[\w.]+@[\w.]+", everything)
    assert "Ana Petrenko" in everything and "Reviewer" in everything  # a chosen name, or the role


def test_a_forged_host_header_never_reaches_another_clients_links(client: TestClient) -> None:
    """Links are absolute, from the Host the client sent; the cache keys on it, so a forged Host poisons no
    answer kept for anyone else."""
    for path in ("/api/ogc", f"{ITEMS}?limit=5", "/api/claims.geojson?limit=5"):
        forged = client.get(path, headers={"Host": "evil.example"})
        assert forged.status_code == 200 and "evil.example" in forged.text
        honest = client.get(path)
        assert "evil.example" not in honest.text and "http://feed.test/" in honest.text
