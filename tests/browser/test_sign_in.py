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
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import oidc_provider_mock
import werkzeug.serving
from playwright.sync_api import Browser, Page, Request, expect

from geo.reading.source import current_store
from geo.workflow.roles import Role
from tests.browser.conftest import ARTIFACTS, Visit, free_port, make_visit, running_app, served

RITA = oidc_provider_mock.User(
    sub="rita@example.org", claims={"email": "rita@example.org", "email_verified": True, "name": "Rita Reviewer"}
)
# The provider's own pages ask for a stylesheet from a CDN; like every outside request it is blocked.
PROVIDER_STYLESHEET = "cdn.jsdelivr.net/npm/@picocss/pico"


@contextmanager
def identity_provider(users: list[oidc_provider_mock.User]) -> Iterator[str]:
    """An OpenID Connect provider on a free loopback port until the block ends; yields its address."""
    with served(
        werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(user_claims=users), threaded=True)
    ) as address:
        yield address


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


# In the map's frame, at the browser's next idle moment (after the map's own idle work, which fetches the dates
# either side of the shown one): whether the map has settled and has no part of its data still coming.
MAP_AT_REST_JS = """() => new Promise((done) => requestIdleCallback(
  () => done(KurskMap.settled() && KurskMap.parts.asked.size === 0)))"""


def panel_drawn(visit: Visit, watch: RequestWatch, timeout_s: float = 30) -> None:
    """The panel's last part (the link to copy) is on the page, the map is at rest (settled, its idle fetches of
    the dates either side done), and every request the page and its frames made has ended. Counted from the page's
    own request events: Playwright's "networkidle" can miss the end of a request a frame makes around its
    DOMContentLoaded and then never come (microsoft/playwright#42598)."""
    page = visit.page
    expect(page.get_by_role("button", name="Copy link", include_hidden=True)).to_be_attached(timeout=timeout_s * 1000)
    visit.map_frame().wait_for_function(MAP_AT_REST_JS, timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while watch.pending:
        assert time.monotonic() < deadline, f"requests still open: {[request.url for request in watch.pending][:5]}"
        request = next(iter(watch.pending))
        response = request.response()  # waits for the answer's head (None if the request failed)
        if response is not None:
            response.finished()  # and its body
        watch.ended(request)


@contextmanager
def signing_in(
    browser: Browser, tmp_path: Path, users: list[oidc_provider_mock.User]
) -> Iterator[tuple[Visit, RequestWatch, str, str]]:
    """The app trusting a provider that signs in these users, and a page of it at 1280×720 that may reach the
    provider: the page, its request watch, the provider's address and the app's."""
    app_port = free_port()
    with identity_provider(users) as provider:
        secrets_file = auth_secrets(tmp_path / "secrets.toml", app_port, provider)
        with running_app(port=app_port, secrets_file=secrets_file, env_extra=trusting(provider)) as url:
            visit = make_visit(browser, url, 1280, 720, also_allow=(provider.split("//", 1)[1],))
            try:
                yield visit, RequestWatch(visit.page), provider, url
            finally:
                visit.page.close()


class RequestWatch:
    """The requests a page and its frames have open."""

    def __init__(self, page: Page) -> None:
        self.pending: set[Request] = set()
        page.on("request", self.started)
        page.on("requestfinished", self.ended)
        page.on("requestfailed", self.ended)

    def started(self, request: Request) -> None:
        self.pending.add(request)

    def ended(self, request: Request) -> None:
        self.pending.discard(request)


def test_sign_in_with_the_identity_provider_shows_the_role_from_the_store_and_sign_out_ends_it(
    browser: Browser, tmp_path: Path
) -> None:
    current_store().grant(None, RITA.sub, Role.REVIEWER, reason="leads the Kursk desk", name="Rita Reviewer")
    with signing_in(browser, tmp_path, [RITA]) as (visit, watch, provider, url):
        page = visit.page
        visit.open()
        bar = page.locator(".st-key-account-bar")
        expect(bar).to_contain_text("Viewing")
        # Leaving a page cancels what it still loads (the panel's files come after the map): each
        # redirect waits until the page has drawn its panel to the end, so nothing is cut off on the way out.
        panel_drawn(visit, watch)

        sign_in_as(page, provider, url, RITA.sub)
        visit.map_frame()
        expect(bar).to_contain_text("Signed in as Rita Reviewer · reviewer", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "sign-in-1280x720.png"))
        panel_drawn(visit, watch)

        sign_out(page, provider, url)
        visit.map_frame()
        expect(bar).to_contain_text("Viewing", timeout=30_000)
        expect(bar.get_by_role("button", name="Sign in")).to_be_visible()
        assert "Signed in" not in bar.inner_text()

        others = [request for request in visit.non_tile_outside_requests() if PROVIDER_STYLESHEET not in request]
        assert others == []
        assert visit.broken_requests() == []
        assert visit.errors == []
        assert visit.dialogs == []


# Two people who hold no grant and claim Rita's address: one types it as their subject (the provider then
# sends it as an unverified `email`), the other's provider says "true" as a string.
IMPOSTOR = oidc_provider_mock.User(
    sub="impostor-1", claims={"email": "rita@example.org", "email_verified": "true", "name": "Rita Reviewer"}
)


def test_nobody_takes_a_reviewers_role_by_claiming_her_address(browser: Browser, tmp_path: Path) -> None:
    current_store().grant(None, RITA.sub, Role.REVIEWER, reason="leads the Kursk desk", name="Rita Reviewer")
    with signing_in(browser, tmp_path, [IMPOSTOR]) as (visit, watch, provider, url):
        page = visit.page
        bar = page.locator(".st-key-account-bar")
        visit.open()
        panel_drawn(visit, watch)
        # the page keeps an address from turning into a link with an invisible word joiner after '@'
        for sub, shown_as in ((RITA.sub, r"rita@\u2060?example\.org"), (IMPOSTOR.sub, "Rita Reviewer")):
            sign_in_as(page, provider, url, sub)
            visit.map_frame()
            expect(bar).to_contain_text(re.compile(f"Signed in as {shown_as} · viewer"), timeout=30_000)
            expect(page.get_by_role("button", name="New claim")).to_have_count(0)
            assert "reviewer" not in bar.inner_text()
            panel_drawn(visit, watch)
            sign_out(page, provider, url)
            visit.map_frame()
            expect(bar.get_by_role("button", name="Sign in")).to_be_visible(timeout=30_000)
            panel_drawn(visit, watch)
        assert visit.errors == []
