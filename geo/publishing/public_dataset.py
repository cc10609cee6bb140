"""The published dataset as the page shows it to viewers: who entered, verified or retracted a claim by the
name they chose or their role (geo.publishing.public_names), never an address or a provider's subject.

Built once per change of the store (the page's context, components/page_context.py, reads it), so every route
of the page that shows the published claims (the card, the exports, the standalone page) reads it already
cleaned; analysts and reviewers work on the working view, where subjects stay, as staff need them.
"""

from __future__ import annotations

import dataclasses
import functools
import gc

from geo.model.records import Claim
from geo.publishing.public_names import PublicNames
from geo.reading.dataset import Dataset
from geo.reading.source import PUBLISHED, DataKey, load_source, opened_store, seed_folder
from geo.workflow.lifecycle import Lifecycle


def public_claim(claim: Claim, names: PublicNames) -> Claim:
    """The claim with its retraction's `by` (the reviewer's name as they signed in) as the public may read it."""
    withdrawn = claim.retraction
    if withdrawn is None or names.of_name(withdrawn.by) == withdrawn.by:
        return claim
    return claim.model_copy(update={"retraction": withdrawn.model_copy(update={"by": names.of_name(withdrawn.by)})})


def public_lifecycle(lifecycle: Lifecycle, names: PublicNames) -> Lifecycle:
    return dataclasses.replace(
        lifecycle,
        entered_by=names.of(lifecycle.entered_by) or None,
        edited_by=names.of(lifecycle.edited_by) or None,
        verified_by=names.of(lifecycle.verified_by) or None,
    )


def public_dataset(data: Dataset, names: PublicNames) -> Dataset:
    """A copy with the people public; the loaded dataset (shared with the feed) is left as it is."""
    return dataclasses.replace(
        data,
        claims=[public_claim(claim, names) for claim in data.claims],
        lifecycle={claim_id: public_lifecycle(lifecycle, names) for claim_id, lifecycle in data.lifecycle.items()},
    )


@functools.lru_cache(maxsize=4)
def load_for_page(key: DataKey) -> Dataset:
    """The dataset a key names, as the page shows it: a store's published view with public names. Built once
    per key and process (the key changes with the data), shared by every session, read-only."""
    data = load_source(key)
    if key.store_url is not None and key.edition == PUBLISHED:
        data = public_dataset(data, PublicNames(opened_store(key.store_url, seed_folder()).users()))
    gc.freeze()  # it lives as long as the process: later collections need not scan it again
    return data
