"""Granting roles from the store's command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.roles import Role
from geo.store import Store
from geo.store.__main__ import main as store_main


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
