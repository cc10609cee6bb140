"""The whole sign-in flow in a browser: Sign in on the page, the identity provider's login form, back
on the page signed in with the role the store holds, then Sign out.

The identity provider is `oidc-provider-mock`, a real OpenID Connect provider serving on loopback from
this test's process; the app reads an `[auth]` section pointing at it from a secrets file of its own, and
trusts its issuer (KURSK_MAP_TRUSTED_ISSUERS). Like a careless provider, it signs in anyone who types a
subject, with that subject as an unverified address: the attack test signs in as a reviewer's address.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import oidc_provider_mock
import werkzeug.serving
from playwright.sync_api import Browser, Page, Request, expect

from geo.reading.source import current_store
from geo.workflow.roles import Role
from tests.browser.conftest import ARTIFACTS, free_port, make_visit, running_app

RITA = oidc_provider_mock.User(
    sub="rita@example.org", claims={"email": "rita@example.org", "email_verified": True, "name": "Rita Reviewer"}
)
# The provider's own pages ask for a stylesheet from a CDN; like every outside request it is blocked.
PROVIDER_STYLESHEET = "cdn.jsdelivr.net/npm/@picocss/pico"


@contextmanager
def identity_provider(users: list[oidc_provider_mock.User]) -> Iterator[str]:
    """An OpenID Connect provider on a free loopback port until the block ends; yields its address."""
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def auth_secrets(path: Path, app_port: int, provider: str) -> Path:
    """The `[auth]` section a team writes in .streamlit/secrets.toml, pointing at the test's provider."""
    settings = {
        "redirect_uri": f"http://127.0.0.1:{app_port}/oauth2callback",
        "cookie_secret": secrets.token_urlsafe(32),
        "client_id": "kursk-map",
        "client_secret": secrets.token_urlsafe(16),
        "server_metadata_url": f"{provider}/.well-known/openid-configuration",
    }
    lines = ["[auth]", *(f"{key} = {json.dumps(value)}" for key, value in settings.items())]
    path.write_text("\n".join(lines) + "\n")
    return path


def trusting(provider: str) -> dict[str, str]:
    """The app's environment that puts the test's provider on the allow-list (its issuer is its address)."""
    return {"KURSK_MAP_TRUSTED_ISSUERS": provider}


def sign_in_as(page: Page, provider: str, url: str, sub: str) -> None:
    """From the page: Sign in, type the subject on the provider's form, and back on the page."""
    page.locator(".st-key-account-bar").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider}/oauth2/authorize*")
    page.fill("input[name=sub]", sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**")


def sign_out(page: Page, provider: str, url: str) -> None:
    page.locator(".st-key-account-bar").get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{provider}/oauth2/end_session*")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{url}/**")


def panel_drawn(page: Page, watch: RequestWatch, quiet_s: float = 0.5, timeout_s: float = 30) -> None:
    """The panel's last part (the link to copy) is on the page, and every request the page and its frames made has
    ended, none for `quiet_s`. Counted from the page's own request events: Playwright's "networkidle" can miss the
    end of a request a frame makes around its DOMContentLoaded and then never come (microsoft/playwright#42598)."""
    expect(page.get_by_role("button", name="Copy link", include_hidden=True)).to_be_attached(timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while watch.pending or time.monotonic() - watch.last < quiet_s:
        assert time.monotonic() < deadline, f"requests still open: {[request.url for request in watch.pending][:5]}"
        page.wait_for_timeout(100)


class RequestWatch:
    """The requests a page and its frames have open, and when one last started or ended."""

    def __init__(self, page: Page) -> None:
        self.pending: set[Request] = set()
        self.last = time.monotonic()
        page.on("request", self.started)
        page.on("requestfinished", self.ended)
        page.on("requestfailed", self.ended)

    def started(self, request: Request) -> None:
        self.pending.add(request)
        self.last = time.monotonic()

    def ended(self, request: Request) -> None:
        self.pending.discard(request)
        self.last = time.monotonic()


def test_sign_in_with_the_identity_provider_shows_the_role_from_the_store_and_sign_out_ends_it(
    browser: Browser, tmp_path: Path
) -> None:
    current_store().grant(None, RITA.sub, Role.REVIEWER, reason="leads the Kursk desk", name="Rita Reviewer")
    app_port = free_port()
    with identity_provider([RITA]) as provider:
        secrets_file = auth_secrets(tmp_path / "secrets.toml", app_port, provider)
        with running_app(port=app_port, secrets_file=secrets_file, env_extra=trusting(provider)) as url:
            visit = make_visit(browser, url, 1280, 720, also_allow=(provider.split("//", 1)[1],))
            watch = RequestWatch(visit.page)
            page = visit.page
            try:
                visit.open()
                bar = page.locator(".st-key-account-bar")
                expect(bar).to_contain_text("Viewing")
                # Leaving a page cancels what it still loads (the panel's files come after the map): each
                # redirect waits until the page has drawn its panel to the end, so nothing is cut off on the way out.
                panel_drawn(page, watch)

                sign_in_as(page, provider, url, RITA.sub)
                visit.map_frame()
                expect(bar).to_contain_text("Signed in as Rita Reviewer · reviewer", timeout=30_000)
                page.screenshot(path=str(ARTIFACTS / "sign-in-1280x720.png"))
                panel_drawn(page, watch)

                sign_out(page, provider, url)
                visit.map_frame()
                expect(bar).to_contain_text("Viewing", timeout=30_000)
                expect(bar.get_by_role("button", name="Sign in")).to_be_visible()
                assert "Signed in" not in bar.inner_text()

                others = [
                    request for request in visit.non_tile_outside_requests() if PROVIDER_STYLESHEET not in request
                ]
                assert others == []
                assert visit.failed_requests == []
                assert visit.errors == []
                assert visit.dialogs == []
            finally:
                page.close()


# Two people who hold no grant and claim Rita's address: one types it as their subject (the provider then
# sends it as an unverified `email`), the other's provider says "true" as a string.
IMPOSTOR = oidc_provider_mock.User(
    sub="impostor-1", claims={"email": "rita@example.org", "email_verified": "true", "name": "Rita Reviewer"}
)


def test_nobody_takes_a_reviewers_role_by_claiming_her_address(browser: Browser, tmp_path: Path) -> None:
    current_store().grant(None, RITA.sub, Role.REVIEWER, reason="leads the Kursk desk", name="Rita Reviewer")
    app_port = free_port()
    with identity_provider([IMPOSTOR]) as provider:
        secrets_file = auth_secrets(tmp_path / "secrets.toml", app_port, provider)
        with running_app(port=app_port, secrets_file=secrets_file, env_extra=trusting(provider)) as url:
            visit = make_visit(browser, url, 1280, 720, also_allow=(provider.split("//", 1)[1],))
            watch = RequestWatch(visit.page)
            page = visit.page
            bar = page.locator(".st-key-account-bar")
            try:
                visit.open()
                panel_drawn(page, watch)
                # the page keeps an address from turning into a link with an invisible word joiner after '@'
                for sub, shown_as in ((RITA.sub, r"rita@\u2060?example\.org"), (IMPOSTOR.sub, "Rita Reviewer")):
                    sign_in_as(page, provider, url, sub)
                    visit.map_frame()
                    expect(bar).to_contain_text(re.compile(f"Signed in as {shown_as} · viewer"), timeout=30_000)
                    expect(page.get_by_role("button", name="New claim")).to_have_count(0)
                    assert "reviewer" not in bar.inner_text()
                    panel_drawn(page, watch)
                    sign_out(page, provider, url)
                    visit.map_frame()
                    expect(bar.get_by_role("button", name="Sign in")).to_be_visible(timeout=30_000)
                    panel_drawn(page, watch)
                assert visit.errors == []
            finally:
                page.close()
