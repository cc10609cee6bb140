"""What an export was made with, in one sentence: for formats that carry a description rather than fields.

KML's document description and the GeoPackage's metadata say it in words; both also carry the values
themselves (`Made.metadata`) for a program to read.
"""

from __future__ import annotations

from geo.publishing.export import Made


def filters_words(made: Made) -> str:
    """'side=ukraine, cat=casualties', or 'none': the filters as the page's link writes them."""
    return ", ".join(f"{name}={value}" for name, value in made.filters.items()) or "none"


def made_sentence(made: Made, claims: int) -> str:
    """'26 claims shown on 2025-01-31, graded as known on 2025-01-31; filters: none.'"""
    if made.as_of is None:
        held = f"{claims} claims: the whole case"
    else:
        held = f"{claims} claims shown on {made.as_of.isoformat()}"
    graded = (
        f"graded as known on {made.as_of.isoformat()}"
        if made.known_then and made.as_of
        else "graded on every report in the data"
    )
    return f"Kursk claims map: {held}, {graded}; filters: {filters_words(made)}."
