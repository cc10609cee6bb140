"""Who may do what: the actor the page decides on (AppTest with `AppTest.user`), the rule behind it,
and the store's command line that grants roles. The whole sign-in flow in a browser is in
tests/browser/test_sign_in.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.identity import PREVIEWER, actor_for, subject_and_name
from components.sidecar import DRAWN_KEY
from geo.roles import ANONYMOUS, LOCAL_ANALYST, Actor, NotAllowedError, Role
from geo.source import current_store
from geo.store import Store
from geo.store.__main__ import main as store_main
from tests.test_app import APP

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
    assert "Local analyst (no sign-in)" in captions(app)
    assert not {"sign-in", "sign-out"} & {button.key for button in app.button}  # nothing to sign in to


def test_a_signed_in_reviewer_sees_their_name_and_role_and_can_sign_out() -> None:
    current_store().grant(None, "rita@example.org", Role.REVIEWER, reason="edits the Kursk desk", name="Rita")
    app = page(AUTH, {"is_logged_in": True, "email": "rita@example.org", "name": "Rita Reviewer"})
    assert "Signed in as Rita Reviewer · reviewer" in captions(app)
    app.button(key="sign-out").click().run()
    assert app.user == {"is_logged_in": False}
    app.run()
    assert "Viewing" in captions(app) and "Signed in as" not in captions(app)
    assert app.button(key="sign-in").label == "Sign in"


def test_a_signed_in_person_never_granted_a_role_is_a_viewer() -> None:
    app = page(AUTH, {"is_logged_in": True, "email": "stranger@example.org", "name": "Sam Stranger"})
    assert "Signed in as Sam Stranger · viewer" in captions(app)


def test_with_sign_in_configured_nobody_signed_in_is_a_viewer_offered_sign_in() -> None:
    app = page(AUTH, {"is_logged_in": False})
    assert "Viewing" in captions(app) and "Local analyst" not in captions(app)
    assert app.button(key="sign-in").label == "Sign in"


def test_a_name_from_the_provider_is_shown_as_plain_words() -> None:
    app = page(AUTH, {"is_logged_in": True, "email": "x@example.org", "name": "[Click](https://evil.example) **me**"})
    shown = next(caption for caption in app.caption if "Signed in as" in caption.value).value
    assert "\\[Click\\]\\(https\\:" in shown and "\\*\\*me\\*\\*" in shown


def test_the_rule_in_one_place() -> None:
    roles = {"rita@example.org": Role.REVIEWER, "sub-42": Role.ANALYST}
    signed_in = {"is_logged_in": True, "email": "rita@example.org", "name": "Rita Reviewer"}
    assert actor_for(True, signed_in, True, roles.get) == Actor("rita@example.org", "Rita Reviewer", Role.REVIEWER)
    assert actor_for(True, {"is_logged_in": False}, True, roles.get) == ANONYMOUS
    assert actor_for(True, {}, True, roles.get) == ANONYMOUS
    # no e-mail: the provider's subject stands in, and names the person when nothing else does
    assert actor_for(True, {"is_logged_in": True, "sub": "sub-42"}, True, roles.get) == Actor(
        "sub-42", "sub-42", Role.ANALYST
    )
    # folder preview: nothing can be written, whoever signs in
    assert actor_for(True, signed_in, False, roles.get).role is Role.VIEWER
    assert actor_for(False, {}, True, never_granted) == LOCAL_ANALYST
    assert actor_for(False, {}, False, never_granted) == PREVIEWER


def test_an_address_the_provider_marks_unverified_is_not_trusted() -> None:
    claims = {"is_logged_in": True, "sub": "u-7", "email": "rita@example.org", "email_verified": False}
    assert subject_and_name(claims) == ("u-7", "u-7")
    assert actor_for(True, claims, True, {"rita@example.org": Role.REVIEWER}.get).role is Role.VIEWER


def test_a_viewer_cannot_grant_roles_whatever_the_page_shows(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    viewer = actor_for(True, {"is_logged_in": True, "email": "vic@example.org"}, True, store.role_of)
    with pytest.raises(NotAllowedError, match=r"vic@example\.org \(viewer\) may not grant"):
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
    store = Store(url)
    assert store.role_of("ana@example.org") is Role.ANALYST
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
    reviewer.secrets, reviewer.user = AUTH, {"is_logged_in": True, "email": "rita@example.org", "name": "Rita"}
    reviewer.query_params["date"], reviewer.query_params["claim"] = "2025-01-31", claim_id
    reviewer.session_state[DRAWN_KEY] = True  # as after the map's report that it drew
    reviewer.run()
    reviewer.text_area(key=f"retract-reason-{claim_id}").input("The source withdrew the statement.").run()
    reviewer.button(key=f"retract-{claim_id}").click().run()
    assert not reviewer.exception
    assert current_store().stored_claim(claim_id).published["retraction"]["reason"].startswith("The source withdrew")

    viewer = AppTest.from_file(APP, default_timeout=60)
    viewer.secrets, viewer.user = AUTH, {"is_logged_in": True, "email": "vic@example.org", "name": "Vic"}
    viewer.query_params["date"], viewer.query_params["claim"] = "2025-01-31", claim_id
    viewer.session_state[DRAWN_KEY] = True
    viewer.run()
    assert any(error.value.startswith("Retracted on") for error in viewer.error)
    assert any("~~North Korean troops" in block.value for block in viewer.markdown)  # struck through
    assert not {f"retract-{claim_id}", f"edit-{claim_id}", "new-claim"} & {button.key for button in viewer.button}
