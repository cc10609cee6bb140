"""The claim form filled in the way a person does: fields typed and left with Tab, select boxes opened, typed into
and chosen with Enter."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect


def choose(dialog: Locator, page: Page, label: str, typed: str) -> None:
    """Pick an option of a select box the way a person does: open it, type, press Enter."""
    dialog.get_by_role("combobox", name=label).click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("combobox", name=label)).to_have_value(re.compile(re.escape(typed), re.IGNORECASE))


def type_into(dialog: Locator, label: str, text: str) -> None:
    field = dialog.get_by_label(label)
    field.fill(text)
    field.press("Tab")


def new_claim(page: Page, statement: str, *, reported: str, about: tuple[str, str], category: str) -> Locator:
    """The form opened with New claim and filled in with a claim the Special Operations Forces made, as the BBC
    reported it on the day `reported`, about the days `about` (from, to), in the category whose name starts with
    `category`; returns the form's dialog, for the rest of the claim."""
    page.get_by_role("button", name="New claim").click()
    dialog = page.get_by_role("dialog")
    type_into(dialog, "Statement — what is claimed", statement)
    choose(dialog, page, "Claimant — who claims it", "Special Operations")
    choose(dialog, page, "Outlet 1", "BBC")
    type_into(dialog, "Date (YYYY-MM-DD)", reported)
    type_into(dialog, "About — from (YYYY-MM-DD)", about[0])
    type_into(dialog, "to (YYYY-MM-DD)", about[1])
    choose(dialog, page, "Category", category)
    return dialog
