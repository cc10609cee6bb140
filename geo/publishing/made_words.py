"""What an export was made with, in one sentence: for formats that carry a description rather than fields.

KML's document description, the GeoPackage's metadata, the STIX report and the PDF handout say it in these
words; the structured formats also carry the values themselves (`Made.metadata`) for a program to read.
"""

from __future__ import annotations

from geo.model.stories import Story
from geo.publishing.export import Made


def filters_words(made: Made) -> str:
    """'side=ukraine, cat=casualties', or 'none': the filters as the page's link writes them."""
    return ", ".join(f"{name}={value}" for name, value in made.filters.items()) or "none"


def made_sentence(made: Made, claims: int | None = None, story: Story | None = None) -> str:
    """'Kursk claims map: 26 claims shown on 2025-01-31, graded as known on 2025-01-31 (as known then: only what
    was reported by then counts); filters: none.' — what every export says it holds, in the same words."""
    count = "" if claims is None else f"{claims} claims"
    if made.as_of is None:
        held = f"{count}: the whole case" if count else "the whole case"
    else:
        held = f"{count} shown on {made.as_of.isoformat()}" if count else f"shown on {made.as_of.isoformat()}"
    told = f", story '{story.title}'" if story is not None else ""
    graded = (
        f"graded as known on {made.as_of.isoformat()} (as known then: only what was reported by then counts)"
        if made.known_then and made.as_of
        else "graded with everything known now"
    )
    return f"Kursk claims map: {held}{told}, {graded}; filters: {filters_words(made)}."
