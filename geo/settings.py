"""How this copy of the app is served and whom it trusts: the one place that reads those settings.

Safe as it comes: the app listens on loopback only, and one local person uses it. Serving it to a
network is a choice a team makes here (KURSK_MAP_SERVE_TO_NETWORK), and then nobody writes without
signing in. Environment variables, each prefixed KURSK_MAP_:

  SERVE_TO_NETWORK   true to listen on every interface (0.0.0.0); visitors are viewers unless they sign in
  PUBLIC_HOSTS       host names people open the app at (claims.example.org,…); others are refused
  TRUSTED_ISSUERS    identity providers (OpenID Connect issuers) whose people may hold a role
  LOCAL_ROLE         the role of the one local user without sign-in (analyst, or viewer, reviewer)

`python -m geo.settings server-address` prints the address to listen on, for scripts/run.sh.
"""

from __future__ import annotations

import ipaddress
import sys
from typing import Annotated

from pydantic import field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from geo.roles import Role

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
EVERY_INTERFACE = "0.0.0.0"  # every interface: what SERVE_TO_NETWORK asks for
LOOPBACK = "127.0.0.1"

CommaList = Annotated[tuple[str, ...], NoDecode]


class ServingSettings(BaseSettings):
    """Read from the environment each time it is made, so a test can set a variable and see it."""

    model_config = SettingsConfigDict(env_prefix="KURSK_MAP_", env_ignore_empty=True, extra="ignore", frozen=True)

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


def serving() -> ServingSettings:
    return ServingSettings()


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
