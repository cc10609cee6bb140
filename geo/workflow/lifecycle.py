"""Where a claim stands between an analyst's draft and what viewers see, and who moved it there."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from geo.language.words import N_


class ClaimState(enum.StrEnum):
    DRAFT = "draft"  # an analyst's work, not yet asked to be reviewed
    REVIEW = "review"  # waiting for a reviewer; a published version, if any, is still what viewers see
    PUBLISHED = "published"  # viewers see it
    RETRACTED = "retracted"  # a tombstone: shown struck through with its reason, never deleted

    @property
    def label(self) -> str:
        return {
            "draft": N_("Draft"),
            "review": N_("In review"),
            "published": N_("Published"),
            "retracted": N_("Retracted"),
        }[self]


PUBLIC_ACTIONS = frozenset({"added", "updated", "published", "retracted"})
"""Events that changed what viewers see (imports publish). Drafts, edits in review, submissions and
returns are the team's work in progress: only analysts and reviewers read them."""


@dataclass(frozen=True)
class Lifecycle:
    """A claim's state and the people and times behind it, besides when it was reported."""

    state: ClaimState
    version: int
    entered_at: dt.datetime | None = None
    entered_by: str | None = None
    edited_at: dt.datetime | None = None
    edited_by: str | None = None
    verified_at: dt.datetime | None = None
    verified_by: str | None = None
    has_published: bool = False  # a version viewers see exists (it may be older than the working one)

    @property
    def pending(self) -> bool:
        """Not what viewers see: a draft, or a version waiting for review."""
        return self.state in {ClaimState.DRAFT, ClaimState.REVIEW}
