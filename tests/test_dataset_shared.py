"""One loaded dataset is shared by every session and the feed: nobody may change it in place, and it is
built by keyword, so a new field cannot shift the meaning of the ones after it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from geo.reading.dataset import Dataset, load_claims_only, load_dataset
from geo.store import Store
from tests.conftest import DATA


@pytest.fixture(scope="module")
def loaded() -> Dataset:
    return load_dataset(DATA)


@pytest.mark.parametrize("name", [field.name for field in dataclasses.fields(Dataset)])
def test_no_field_of_a_loaded_dataset_can_be_reassigned(loaded: Dataset, name: str) -> None:
    before = getattr(loaded, name)
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
        setattr(loaded, name, before)
    assert getattr(loaded, name) is before


def test_its_worked_out_views_are_still_kept_once(loaded: Dataset) -> None:
    """Freezing keeps cached_property working: the index by id is built once and then the same object."""
    assert loaded.by_id is loaded.by_id
    assert set(loaded.by_id) == {claim.id for claim in loaded.claims}


def test_a_dataset_is_built_by_keyword_only(loaded: Dataset) -> None:
    fields = [getattr(loaded, field.name) for field in dataclasses.fields(Dataset)]
    with pytest.raises(TypeError, match="positional argument"):
        Dataset(*fields)
    assert Dataset(**{field.name: getattr(loaded, field.name) for field in dataclasses.fields(Dataset)}) == loaded


def test_the_claims_only_loader_fills_the_same_fields_by_name() -> None:
    checked = load_claims_only(DATA)
    assert checked.fronts == [] and checked.regions == {} and checked.border == {} and checked.stories == {}
    assert checked.case is not None and checked.alliances and checked.sources and checked.claims


def test_the_stores_view_is_a_new_dataset_with_its_lifecycles(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    store.import_bundle(DATA, "seed", "seed")
    published = store.load()
    assert set(published.lifecycle) == {claim.id for claim in published.claims}
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'lifecycle'"):
        published.lifecycle = {}  # type: ignore[misc]  # the assignment a frozen dataset refuses
