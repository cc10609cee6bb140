"""Who may do what: the actor the page decides on (AppTest with `AppTest.user`), the rule behind it,
and the store's command line that grants roles. The whole sign-in flow in a browser is in
tests/browser/test_sign_in.py."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from components.desk.identity import NETWORK_VIEWER, PREVIEWER, actor_for, subject_and_name
from components.session_keys import MAP_DRAWN as DRAWN_KEY
from geo.model.claim_text import day
from geo.publishing.export import claims_csv, claims_geojson
from geo.publishing.public_dataset import load_for_page
from geo.reading.source import current_store, data_source
from geo.settings import ServingSettings
from geo.store import Store
from geo.store.__main__ import main as store_main
from geo.workflow.roles import ANONYMOUS, LOCAL_ANALYST, Actor, NotAllowedError, Role, subject_key
from tests.conftest import valid_claim
from tests.test_app import APP

ISSUER = "https://id.example.org"  # the team's provider, on the allow-list
FOREIGN = "https://accounts.elsewhere.example"  # a provider nobody put on it
TRUSTING = ServingSettings(trusted_issuers=(ISSUER,))

# What a team's secrets hold for st.login; AppTest never contacts the provider, and `AppTest.user`
# stands for what it would have said about the person.
AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a test secret, not used to sign anything here",
        "client_id": "kursk-map",
        "client_secret": "test",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}


@pytest.fixture(autouse=True)
def trusted_issuer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page reads the allow-list from the environment (geo/settings.py), as a team sets it."""
    monkeypatch.setenv("KURSK_MAP_TRUSTED_ISSUERS", ISSUER)
    monkeypatch.delenv("KURSK_MAP_SERVE_TO_NETWORK", raising=False)
    monkeypatch.delenv("KURSK_MAP_LOCAL_ROLE", raising=False)


def token(sub: str, **claims: object) -> dict[str, object]:
    """What `st.user` holds after the team's provider signed someone in."""
    return {"is_logged_in": True, "iss": ISSUER, "sub": sub, **claims}


RITA = token("r-1", email="rita@example.org", email_verified=True, name="Rita Reviewer")


def page(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    if secrets is not None:
        app.secrets = secrets
    if user is not None:
        app.user = user
    app.run()
    assert not app.exception, [error.message for error in app.exception]
    return app


def captions(app: AppTest) -> str:
    return "\n".join(caption.value for caption in app.caption)


def never_granted(subject: str) -> Role | None:
    return None


def test_without_sign_in_configured_the_page_runs_as_the_local_analyst() -> None:
    app = page()
    assert "Local analyst (no sign-in) · whoever opens this page on this computer may draft claims" in captions(app)
    assert not {"sign-in", "sign-out"} & {button.key for button in app.button}  # nothing to sign in to


def test_served_to_a_network_without_sign_in_every_visitor_is_a_viewer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KURSK_MAP_SERVE_TO_NETWORK", "true")
    app = page()
    assert "served to a network without sign-in, nobody writes here" in captions(app)
    assert "Local analyst" not in captions(app)
    assert "new-claim" not in {button.key for button in app.button}
    # the local role a briefing room or a reviewer's own copy sets does not reach a network
    monkeypatch.setenv("KURSK_MAP_LOCAL_ROLE", "reviewer")
    assert "served to a network without sign-in" in captions(page())


def test_a_signed_in_reviewer_sees_their_name_and_role_and_can_sign_out() -> None:
    current_store().grant(None, "rita@example.org", Role.REVIEWER, reason="edits the Kursk desk", name="Rita")
    app = page(AUTH, RITA)
    assert "Signed in as Rita Reviewer · reviewer" in captions(app)
    app.button(key="sign-out").click().run()
    assert app.user == {"is_logged_in": False}
    app.run()
    assert "Viewing" in captions(app) and "Signed in as" not in captions(app)
    assert app.button(key="sign-in").label == "Sign in"


def test_a_signed_in_person_never_granted_a_role_is_a_viewer() -> None:
    app = page(AUTH, token("s-9", email="stranger@example.org", email_verified=True, name="Sam Stranger"))
    assert "Signed in as Sam Stranger · viewer" in captions(app)


def test_a_signed_in_person_is_shown_the_command_that_grants_them_a_role(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KURSK_MAP_DB", f"sqlite:///{tmp_path / 'store.sqlite'}")
    newcomer = token("00-aa 'b'", name="Nell Newcomer")  # a provider's subject may hold spaces and quotes
    shown = [block.value for block in page(AUTH, newcomer).code]
    assert shown == [f"python -m geo.store grant '00-aa '\"'\"'b'\"'\"'' ROLE --issuer {ISSUER} --reason WHY"]
    arguments = shlex.split(shown[0].replace("ROLE", "analyst").replace("WHY", "'joins the desk'"))[3:]
    assert store_main(arguments) == 0
    capsys.readouterr()
    assert "Signed in as Nell Newcomer · analyst" in captions(page(AUTH, newcomer))


def test_with_sign_in_configured_nobody_signed_in_is_a_viewer_offered_sign_in() -> None:
    app = page(AUTH, {"is_logged_in": False})
    assert "Viewing" in captions(app) and "Local analyst" not in captions(app)
    assert app.button(key="sign-in").label == "Sign in"


def test_a_name_from_the_provider_is_shown_as_plain_words() -> None:
    app = page(AUTH, token("x-1", name="[Click](https://evil.example) **me**"))
    shown = next(caption for caption in app.caption if "Signed in as" in caption.value).value
    assert "\\[Click\\]\\(https\\:" in shown and "\\*\\*me\\*\\*" in shown


def test_the_rule_in_one_place() -> None:
    roles = {"rita@example.org": Role.REVIEWER, subject_key(ISSUER, "sub-42"): Role.ANALYST}
    rita = Actor("rita@example.org", "Rita Reviewer", Role.REVIEWER)
    assert actor_for(True, RITA, True, roles.get, TRUSTING) == rita  # by the address the provider verified
    assert actor_for(True, {"is_logged_in": False}, True, roles.get, TRUSTING) == ANONYMOUS
    assert actor_for(True, {}, True, roles.get, TRUSTING) == ANONYMOUS
    # by the issuer and subject; the subject names the person when nothing else does
    assert actor_for(True, token("sub-42"), True, roles.get, TRUSTING) == Actor(
        subject_key(ISSUER, "sub-42"), "sub-42", Role.ANALYST
    )
    # folder preview: nothing can be written, whoever signs in
    assert actor_for(True, RITA, False, roles.get, TRUSTING).role is Role.VIEWER
    assert actor_for(False, {}, True, never_granted, TRUSTING) == LOCAL_ANALYST
    assert actor_for(False, {}, False, never_granted, TRUSTING) == PREVIEWER
    network = ServingSettings(serve_to_network=True, local_role=Role.REVIEWER)
    assert actor_for(False, {}, True, never_granted, network) == NETWORK_VIEWER


def test_a_grant_to_the_issuer_and_subject_comes_before_one_to_the_address() -> None:
    roles = {subject_key(ISSUER, "r-1"): Role.ANALYST, "rita@example.org": Role.REVIEWER}
    # the most specific grant wins, and the event log names the key the role was found under
    assert actor_for(True, RITA, True, roles.get, TRUSTING) == Actor(
        subject_key(ISSUER, "r-1"), "Rita Reviewer", Role.ANALYST
    )
    assert subject_and_name(token("r-1")) == (f"{ISSUER}#r-1", "r-1")


def test_an_address_the_provider_marks_unverified_is_not_trusted() -> None:
    claims = token("u-7", email="rita@example.org", email_verified=False)
    assert subject_and_name(claims) == (subject_key(ISSUER, "u-7"), "u-7")
    assert actor_for(True, claims, True, {"rita@example.org": Role.REVIEWER}.get, TRUSTING).role is Role.VIEWER


STAFF = {"rita@example.org": Role.REVIEWER, "ana@example.org": Role.ANALYST, subject_key(ISSUER, "r-1"): Role.REVIEWER}
STAFF_ADDRESSES = ["rita@example.org", "ana@example.org", "RITA@example.org", "rita@example.org ", " ana@example.org"]
# Every way a token has been seen to claim an address it does not own: no claim, the strings a careless
# provider (or a forger) writes, numbers, null, a list.
NOT_VERIFIED = st.one_of(
    st.just(None),
    st.sampled_from(["true", "True", "false", "1", "yes", ""]),
    st.integers(-1, 2),
    st.lists(st.booleans()),
)


@st.composite
def hostile_tokens(draw: st.DrawFn) -> dict[str, object]:
    """A signed-in person who holds no grant, claiming a staff member's role every way a token can."""
    address = draw(st.sampled_from(STAFF_ADDRESSES))
    claims: dict[str, object] = {"is_logged_in": True, "name": draw(st.sampled_from(["Rita Reviewer", "", address]))}
    way = draw(st.sampled_from(["unverified", "sub-is-address", "foreign-issuer", "sub-of-staff-elsewhere"]))
    if way == "unverified":  # the address without a true `email_verified`
        claims |= {"iss": ISSUER, "sub": draw(st.text(min_size=1, max_size=12)), "email": address}
        verified = draw(NOT_VERIFIED)
        if verified is not None:
            claims["email_verified"] = verified
    elif way == "sub-is-address":  # the provider's subject spelled as a reviewer's address
        claims |= {"iss": ISSUER, "sub": address, "email_verified": draw(st.one_of(NOT_VERIFIED, st.just(True)))}
        if draw(st.booleans()):
            claims["email"] = draw(st.sampled_from(["other@example.org", ""]))
    elif way == "foreign-issuer":  # verified, but by a provider nobody trusts (or an issuer that is no URL)
        claims |= {"sub": draw(st.sampled_from(["r-1", address])), "email": address, "email_verified": True}
        claims["iss"] = draw(st.sampled_from([FOREIGN, f"{ISSUER}.evil.example", ISSUER + "/", "", f"{ISSUER}#r"]))
    else:  # Rita's subject at another issuer, or an issuer spliced into the subject
        claims |= {
            "iss": draw(st.sampled_from([FOREIGN, ISSUER])),
            "sub": draw(st.sampled_from(["r-1#", "#r-1", f"{ISSUER}#r-1"])),
        }
        if claims["iss"] == ISSUER and claims["sub"] == "r-1":
            claims["sub"] = "r-2"
    return claims


@given(hostile_tokens())
def test_no_token_takes_a_staff_role_it_was_not_granted(claims: dict[str, object]) -> None:
    asked: list[str] = []

    def role_of(key: str) -> Role | None:
        asked.append(key)
        return STAFF.get(key)

    actor = actor_for(True, claims, True, role_of, TRUSTING)
    assert actor.role is Role.VIEWER, (claims, asked)
    assert not set(asked) & set(STAFF), (claims, asked)


@given(st.sampled_from(["rita@example.org", "Rita@Example.org"]))
def test_an_address_the_provider_verified_with_true_takes_its_grant(address: str) -> None:
    """The other side of the property: it is not that nobody gets a role."""
    claims = token("r-77", email=address, email_verified=True)
    assert actor_for(True, claims, True, STAFF.get, TRUSTING).role is Role.REVIEWER
    assert actor_for(True, claims, True, STAFF.get, ServingSettings(trusted_issuers=())).role is Role.VIEWER


def test_a_viewer_cannot_grant_roles_whatever_the_page_shows(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    viewer = actor_for(True, token("v-1", name="Vic"), True, store.role_of, TRUSTING)
    with pytest.raises(NotAllowedError, match=r"Vic \(viewer\) may not grant"):
        store.grant(viewer, "vic@example.org", Role.REVIEWER, reason="promote myself")
    assert store.users() == []


def test_the_command_line_grants_roles_and_lists_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("KURSK_MAP_DB", url)
    grant = ["grant", "rita@example.org", "reviewer", "--reason", "leads the desk", "--name", "Rita Reviewer"]
    assert store_main(grant) == 0
    assert "rita@example.org is now reviewer" in capsys.readouterr().out
    assert store_main(["grant", "ana@example.org", "analyst", "--reason", "joins the desk"]) == 0
    assert store_main(["grant", "ana@example.org", "viewer", "--reason", "   "]) == 1
    assert "nothing granted: reason" in capsys.readouterr().err
    assert store_main(["users"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "ana@example.org\tanalyst\t",
        "rita@example.org\treviewer\tRita Reviewer",
    ]
    assert store_main(["grant", "Ana@Example.org", "analyst", "--reason", "again"]) == 0  # one person, one key
    assert "ana@example.org is now analyst" in capsys.readouterr().out
    # by the provider's issuer and subject, for a provider that verifies no address (Microsoft Entra ID)
    assert store_main(["grant", "00000-aaaa", "analyst", "--issuer", ISSUER, "--reason", "joins the desk"]) == 0
    assert f"{ISSUER}#00000-aaaa is now analyst" in capsys.readouterr().out
    # without --issuer, WHO must be an address: a bare subject would be matched by no token
    for who in ("00000-aaaa", "https://id.example.org#rita@example.org", "rita@example.org, ana@example.org"):
        assert store_main(["grant", who, "reviewer", "--reason", "a typo"]) == 1
        assert "nothing granted: not an e-mail address" in capsys.readouterr().err
    assert store_main(["grant", "x", "reviewer", "--issuer", "id.example.org", "--reason", "no URL"]) == 1
    assert "nothing granted: not an issuer's https:// address" in capsys.readouterr().err
    store = Store(url)
    assert store.role_of("ana@example.org") is Role.ANALYST
    assert store.role_of(f"{ISSUER}#00000-aaaa") is Role.ANALYST
    granted = store.history("user", "rita@example.org")
    assert [(event["actor"], event["action"], event["reason"]) for event in granted] == [
        ("administrator", "granted", "leads the desk")
    ]
    with pytest.raises(SystemExit, match="2"):
        store_main(["grant", "ana@example.org", "admin", "--reason", "no such role"])
    assert "invalid choice: 'admin'" in capsys.readouterr().err


def test_a_reviewer_retracts_a_claim_and_viewers_see_the_tombstone(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KURSK_MAP_DB", f"sqlite:///{tmp_path / 'store.sqlite'}")
    claim_id = "nk-absent-kursk-front-three-weeks"
    current_store().grant(None, "rita@example.org", Role.REVIEWER, reason="edits the Kursk desk", name="Rita")
    reviewer = AppTest.from_file(APP, default_timeout=60)
    reviewer.secrets, reviewer.user = AUTH, RITA
    reviewer.query_params["date"], reviewer.query_params["claim"] = "2025-01-31", claim_id
    reviewer.session_state[DRAWN_KEY] = True  # as after the map's report that it drew
    reviewer.run()
    reviewer.text_area(key=f"retract-reason-{claim_id}").input("The source withdrew the statement.").run()
    reviewer.button(key=f"retract-{claim_id}").click().run()
    assert not reviewer.exception
    assert current_store().stored_claim(claim_id).published["retraction"]["reason"].startswith("The source withdrew")

    viewer = AppTest.from_file(APP, default_timeout=60)
    viewer.secrets, viewer.user = AUTH, token("v-1", email="vic@example.org", email_verified=True, name="Vic")
    viewer.query_params["date"], viewer.query_params["claim"] = "2025-01-31", claim_id
    viewer.session_state[DRAWN_KEY] = True
    viewer.run()
    assert any(error.value.startswith("Retracted on") for error in viewer.error)
    assert any("~~North Korean troops" in block.value for block in viewer.markdown)  # struck through
    assert not {f"retract-{claim_id}", f"edit-{claim_id}", "new-claim"} & {button.key for button in viewer.button}


def page_text(app: AppTest) -> str:
    """Every word the page shows a person (markdown, captions, notices and tables), as read: without the
    escapes and the word joiners that keep Markdown from formatting or linking them."""
    parts = [block.value for block in [*app.markdown, *app.caption, *app.error, *app.warning, *app.info]]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(parts).replace("\\", "").replace("\u2060", "")


def test_a_viewer_sees_staff_by_the_name_they_chose_or_their_role_never_an_address_or_subject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KURSK_MAP_DB", f"sqlite:///{tmp_path / 'store.sqlite'}")
    store = current_store()
    # Ana is known by her verified address and chose no name; Rita by her subject, and chose one
    store.grant(None, "ana@example.org", Role.ANALYST, reason="joins the desk")
    store.grant(None, subject_key(ISSUER, "r-1"), Role.REVIEWER, reason="leads the desk", name="Rita R.")
    ana = actor_for(True, token("a-1", email="ana@example.org", email_verified=True), True, store.role_of, TRUSTING)
    rita = actor_for(True, token("r-1", email="rita@example.org", email_verified=True), True, store.role_of, TRUSTING)
    assert (ana.role, rita.role, rita.name) == (Role.ANALYST, Role.REVIEWER, "rita@example.org")
    saved = store.save_claim(ana, valid_claim(), expected=None, reason="from the BBC report", submit=True)
    published = store.publish(rita, "test-claim", expected=saved.version, reason="checked against the report")
    store.retract(rita, "test-claim", expected=published.version, reason="The source withdrew the statement.")

    def opened(user: dict[str, object]) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=60)
        app.secrets, app.user = AUTH, user
        app.query_params["date"], app.query_params["claim"] = "2025-01-31", "test-claim"
        app.session_state[DRAWN_KEY] = True
        app.run()
        assert not app.exception, [error.message for error in app.exception]
        return app

    viewer = page_text(opened(token("v-1", email="vic@example.org", email_verified=True, name="Vic")))
    assert "Entered" in viewer and "by Analyst" in viewer and "by Rita R." in viewer  # the card's On record
    assert "Retracted on" in viewer and "by Staff member" in viewer  # Rita's name as she signed in: her address
    for identity in ("ana@", "rita@", "r-1", "a-1", ISSUER):
        assert identity not in viewer, identity
    # the exports a viewer downloads from the page are built from the same published data
    data = load_for_page(data_source())
    shown, grades = [data.by_id["test-claim"]], data.grade_all()
    exported = claims_csv(shown, grades, data) + json.dumps(claims_geojson(shown, grades, data))
    assert "by Analyst" in exported and "by Rita R." in exported
    for identity in ("ana@", "rita@", "r-1", "a-1", ISSUER):
        assert identity not in exported, identity
    # staff keep the subjects, to tell who did what
    staff = page_text(opened(RITA))
    entered = store.stored_claim("test-claim").lifecycle.entered_at
    assert entered is not None and f"Entered {day(entered.date())} by ana@example.org" in staff


def test_every_setting_of_serving_and_trust_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for name in ServingSettings.model_fields:
        assert f"KURSK_MAP_{name.upper()}" in readme, name
