"""Where the app's data comes from, decided in one place for the page and the feed.

With KURSK_MAP_DATA alone, a bundle folder read directly (a preview before import: nothing is
stored). Otherwise the store — KURSK_MAP_DB, else the embedded SQLite file — which an empty store
first fills from KURSK_MAP_DATA, else from the bundled data/. What is shown is named by a DataKey that
changes whenever its data does (the store's change stamp), so every cache keyed by it follows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from geo.grading.rule import Grade
from geo.paths import DATA_DIR
from geo.reading.dataset import Dataset, load_dataset
from geo.settings import data_settings
from geo.store import ImportRefusedError, Store, store_url
from geo.store.url_masking import shown_url

DEFAULT_DATA_DIR = DATA_DIR


class StoreUnavailableError(RuntimeError):
    """The store cannot serve; the message names it (password hidden) and says why."""


def unreachable(url: str, error: Exception) -> StoreUnavailableError:
    return StoreUnavailableError(f"the store {shown_url(url)} cannot be reached: {type(error).__name__}")


def seed_folder() -> str:
    return data_settings().data or str(DEFAULT_DATA_DIR)


@functools.cache
def opened_store(url: str, seed_from: str) -> Store:
    """The store, its schema brought up to date; an empty one is first filled from the bundle (once per process)."""
    try:
        store = Store(url)
        if store.is_empty():
            try:
                store.import_bundle(Path(seed_from), "seed", f"first run: the store was empty, seeded from {seed_from}")
            except IntegrityError:
                if store.is_empty():  # not another replica seeding at the same moment: a real failure
                    raise
    except ImportRefusedError as refused:
        problems = "; ".join(str(issue) for issue in refused.issues[:3])
        raise StoreUnavailableError(
            f"the store {shown_url(url)} is empty and the bundle {seed_from} could not fill it: {problems}"
        ) from None
    except (SQLAlchemyError, OSError) as error:  # OSError: an SQLite file's folder that cannot be made
        raise unreachable(url, error) from None
    return store


def previewed_folder() -> str | None:
    """The bundle folder read directly (KURSK_MAP_DATA without KURSK_MAP_DB), if that is what is shown."""
    where = data_settings()
    return where.data if where.data and not where.db else None


def current_store() -> Store | None:
    """The store in use, or None when a bundle folder is previewed directly."""
    if previewed_folder() is not None:
        return None
    return opened_store(store_url(), seed_folder())


WORKING = "working"  # every claim's newest version, drafts included: what analysts work on
PUBLISHED = "published"  # what a reviewer approved: what viewers, the feed and exports see


@dataclass(frozen=True)
class DataKey:
    """What is shown, named so that the name changes whenever the data does: every cache keys on it.

    A bundle folder read directly (`folder`), or one edition of a store (`store_url`, WORKING or PUBLISHED) at its
    change stamp. Compared and hashed by value; its repr and str never hold the store's URL, which may carry a
    password.
    """

    folder: str = ""
    store_url: str | None = field(default=None, repr=False)
    stamp: str = ""
    edition: str = PUBLISHED

    def __post_init__(self) -> None:
        if bool(self.folder) == (self.store_url is not None):
            raise ValueError("a data key names either a folder or a store")

    @property
    def on_store(self) -> bool:
        """A store changes under an open page; a folder read directly does not."""
        return self.store_url is not None

    @property
    def tag(self) -> str:
        """This version of the data in ETags and logs: the store's change stamp and edition, or the folder's path."""
        if self.store_url is None:
            return f"folder#{self.folder}"
        return f"store#{self.stamp}" + (f"#{WORKING}" if self.edition == WORKING else "")

    def __str__(self) -> str:
        return self.tag


def data_source(edition: str = PUBLISHED) -> DataKey:
    """The key of what is shown now: a folder, or the store's edition at its current change stamp."""
    folder = previewed_folder()
    if folder is not None:
        return DataKey(folder=folder)
    store = opened_store(store_url(), seed_folder())
    try:
        return DataKey(store_url=store.url, stamp=str(store.stamp()), edition=edition)
    except SQLAlchemyError as error:
        raise StoreUnavailableError(
            f"the store {shown_url(store.url)} cannot be reached: {type(error).__name__}"
        ) from None


@functools.lru_cache(maxsize=4)
def load_source(key: DataKey) -> Dataset:
    """The dataset a key names, loaded once per process: the page and the feed share it."""
    if key.store_url is not None:
        return opened_store(key.store_url, seed_folder()).load(key.edition)
    return load_dataset(Path(key.folder))


@functools.lru_cache(maxsize=4)
def graded_source(key: DataKey) -> dict[str, Grade]:
    """Today's grade of every claim of the dataset a key names, worked out once per process."""
    return load_source(key).grade_all()
