"""The one place that reads the environment: how this copy is served, whom it trusts, where its claims live.

Safe as it comes: the app listens on loopback only, and one local person uses it. Serving it to a
network is a choice a team makes here (KURSK_MAP_SERVE_TO_NETWORK), and then nobody writes without
signing in. Environment variables, each prefixed KURSK_MAP_ (README, "Settings"):

  SERVE_TO_NETWORK   true to listen on every interface (0.0.0.0); visitors are viewers unless they sign in
  PUBLIC_HOSTS       host names people open the app at (claims.example.org,…); others are refused
  TRUSTED_ISSUERS    identity providers (OpenID Connect issuers) whose people may hold a role
  LOCAL_ROLE         the role of the one local user without sign-in (analyst, or viewer, reviewer)
  DB                 the store's URL (PostgreSQL + PostGIS for a team); else the embedded SQLite file
  DATA               a bundle folder: alone, previewed directly; with a store, what fills it when empty
  CHROMIUM           the browser the load benchmark drives (bench/load.py)

Every other module asks here, through `current()`, and never reads the environment itself
(tests/test_settings.py holds them to it); a child process is given `child_environment()`.

`python -m geo.settings server-address` prints the address to listen on, for scripts/run.sh.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import sys
from collections.abc import Mapping
from typing import Annotated, TypeVar

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from geo.workflow.roles import Role

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
EVERY_INTERFACE = "0.0.0.0"  # every interface: what SERVE_TO_NETWORK asks for
LOOPBACK = "127.0.0.1"

PREFIX = "KURSK_MAP_"
CommaList = Annotated[tuple[str, ...], NoDecode]
# An empty variable counts as unset, as `os.environ.get(name) or default` did; names match in any case.
PREFIXED = SettingsConfigDict(env_prefix=PREFIX, env_ignore_empty=True, extra="ignore", frozen=True)


class ServingSettings(BaseSettings):
    """Whom the app listens to and trusts: read from the environment each time it is made."""

    model_config = PREFIXED

    serve_to_network: bool = False
    public_hosts: CommaList = ()
    trusted_issuers: CommaList = ()
    local_role: Role = Role.ANALYST

    @field_validator("public_hosts", "trusted_issuers", mode="before")
    @classmethod
    def comma_separated(cls, raw: object) -> object:
        """`a, b` in the environment; the issuers compared exactly as the provider writes them."""
        if isinstance(raw, str):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        return raw

    @field_validator("public_hosts", mode="after")
    @classmethod
    def host_names(cls, hosts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(host.lower().rstrip(".") for host in hosts)

    @property
    def server_address(self) -> str:
        return EVERY_INTERFACE if self.serve_to_network else LOOPBACK


# Each name read exactly as written, as `os.environ.get("KURSK_MAP_DB")` read it before it moved here.
EXACT_NAMES = SettingsConfigDict(case_sensitive=True, env_ignore_empty=True, extra="ignore", frozen=True)


class DataSettings(BaseSettings):
    """Where the claims come from; geo/reading/source.py decides what the pair means (a preview, a store)."""

    model_config = EXACT_NAMES

    db: str | None = Field(None, validation_alias="KURSK_MAP_DB")
    data: str | None = Field(None, validation_alias="KURSK_MAP_DATA")


class BenchSettings(BaseSettings):
    """What the benchmarks drive; never read by the app."""

    model_config = EXACT_NAMES

    chromium: str = Field("/usr/bin/chromium", validation_alias="KURSK_MAP_CHROMIUM")


AnySettings = TypeVar("AnySettings", bound=BaseSettings)


def current(kind: type[AnySettings]) -> AnySettings:
    """The settings as the environment holds them now, so a test that sets a variable sees it at once.

    Made again only when one of its variables changed: making one reads the whole environment through
    pydantic-settings and validates it, and a page run or a feed request asks several times."""
    made = settings_made(kind, variables_of(kind))
    assert isinstance(made, kind)  # the cache is keyed by the kind it made
    return made


def variables_of(kind: type[BaseSettings]) -> tuple[tuple[str, str | None], ...]:
    """The variables a kind of settings reads, as they are now: by their exact names when it reads them so
    (a few lookups), else every variable whose name starts with the prefix in any case (one scan)."""
    if kind.model_config.get("case_sensitive"):
        return tuple((name, os.environ.get(name)) for name in exact_names(kind))
    return tuple(sorted((name, value) for name, value in os.environ.items() if name.upper().startswith(PREFIX)))


@functools.cache
def exact_names(kind: type[BaseSettings]) -> tuple[str, ...]:
    return tuple(str(field.validation_alias) for field in kind.model_fields.values())


@functools.lru_cache(maxsize=32)
def settings_made(kind: type[BaseSettings], variables: tuple[tuple[str, str | None], ...]) -> BaseSettings:
    """`variables` is only the cache's key: the settings read the environment they were asked in."""
    return kind()


def serving() -> ServingSettings:
    return current(ServingSettings)


def data_settings() -> DataSettings:
    return current(DataSettings)


def bench_settings() -> BenchSettings:
    return current(BenchSettings)


def child_environment(changes: Mapping[str, str | None]) -> dict[str, str]:
    """This process's environment for a child process, with `changes` made (None: the variable removed)."""
    environment = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def is_loopback(address: str | None) -> bool:
    """True for an address or host name that only this machine reaches; unset means every interface."""
    if not address:
        return False
    host = address.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main(argv: list[str]) -> int:
    if argv != ["server-address"]:
        print("usage: python -m geo.settings server-address", file=sys.stderr)
        return 2
    print(serving().server_address)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
