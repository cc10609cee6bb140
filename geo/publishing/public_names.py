"""Who did something, as the public may read it: a display name the person chose, or their role.

Events and lifecycles record a person's subject (an e-mail address, or a provider's subject id) so staff
can tell who did what. The public feed shows none of them: a granted person appears under the name they
chose (if it is not an address) or as their role; the embedded app's local actors and the store's
administrator at the command line appear as what they are, never as a free-text or operating-system name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from geo.language.words import N_

LOCAL_ACTORS = {
    "local analyst": N_("Local analyst"),
    "local reviewer": N_("Local reviewer"),
    "local viewer": N_("Local viewer"),
}
ADMINISTRATOR = N_("Store administrator")
STAFF = N_("Staff member")
ADDRESS = re.compile(r"[^\s@]+@[^\s@]+")


class PublicNames:
    """Subjects to public names, from the store's users (subject, name, role)."""

    def __init__(self, users: Iterable[Mapping[str, Any]] = ()) -> None:
        self.by_subject = {str(user["subject"]): public_name_of(user) for user in users}

    def of(self, subject: str | None) -> str:
        if not subject:
            return ""
        if subject in self.by_subject:
            return self.by_subject[subject]
        return LOCAL_ACTORS.get(subject.lower(), ADMINISTRATOR)

    def of_name(self, name: str | None) -> str:
        """A name written into a record (a retraction's `by`): kept unless it is a subject or an address."""
        if not name:
            return ""
        if name in self.by_subject:
            return self.by_subject[name]
        return STAFF if looks_like_identity(name) else name


def looks_like_identity(text: str) -> bool:
    """An address, or a provider's issuer and subject (https://issuer#subject): not a name to show."""
    return bool(ADDRESS.search(text)) or "://" in text


def public_name_of(user: Mapping[str, Any]) -> str:
    name = str(user.get("name") or "").strip()
    if name and not looks_like_identity(name) and name != user["subject"]:
        return name
    return str(user["role"]).capitalize()
