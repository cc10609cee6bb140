"""Hostile text for every text field of the data: what an analyst, a source's page or a bad import could put there.

Each kind stands for a class of route from text to the page: HTML that runs (an image's onerror, a script, an
SVG's onload), Markdown that loads or links (an image from another host, a javascript: link, a reference link,
an autolink, a bare address), formatting that disguises (bold, strike-through, a heading, a table, a
Streamlit colour or icon directive, an entity that would become '<'), and text that closes what holds it (a
</script>, a quote). `hostile_strings` gives one of each, marked so the page can be searched for it;
`hostile_text` is the same for hypothesis.
"""

from __future__ import annotations

from hypothesis import strategies as st

OUTSIDE_HOST = "evil.example"  # every request to it is blocked and counted by the browser tests
PWNED = "window.__pwned"  # set by any payload that runs, in whichever frame it runs

KINDS: dict[str, str] = {
    "img-onerror": f'<img src=x onerror="{PWNED}=1;top.__pwned=1">',
    "script": f"</script><script>{PWNED}=2;top.__pwned=2</script>",
    "svg-onload": f"<svg onload=\"{PWNED}=3;top.__pwned=3\"><a href='javascript:{PWNED}=3'>x</a></svg>",
    "md-image": f"![seen](https://{OUTSIDE_HOST}/beacon.png)",
    "md-link": f"[the BBC](javascript:{PWNED}=4)",
    "md-reference": f"[BBC][1]\n\n[1]: https://{OUTSIDE_HOST}/ref",
    "autolink": f"<https://{OUTSIDE_HOST}/auto> and spy@{OUTSIDE_HOST}",
    "bare-address": f"www.{OUTSIDE_HOST}/bare https://{OUTSIDE_HOST}/plain",
    "formatting": "**approved** ~~retracted~~ `code` _quiet_",
    "heading-table": "# Heading\n| a | b |\n|---|---|\n| 1 | 2 |",
    "line-endings": "looks settled\r===\r\n    indented\r- listed",
    "streamlit-directive": ":red[urgent] :material/warning: $x^2$ :small[fine print]",
    "entity": "&lt;img src=x onerror=alert(5)&gt; &amp;",
    "quotes": '"\' onmouseover="' + PWNED + "=6\" data-x='",
}


def hostile_strings(field: str) -> list[str]:
    """One string of each kind for `field`, each starting with its own marker (`field/kind:`)."""
    return [f"{field}/{kind}: {payload}" for kind, payload in KINDS.items()]


def hostile_string(field: str, index: int) -> str:
    """The `index`-th kind (cycling) for one field: where a field holds one value, each field gets another kind."""
    kind, payload = list(KINDS.items())[index % len(KINDS)]
    return f"{field}/{kind}: {payload}"


WORDS = st.sampled_from(["Sudzha", "troops", "the BBC", "retaken", "2025-01-31", "ISW", " ", "\n", "\r", "=", "—", "«"])


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """Words and hostile fragments mixed, plus any characters: what a field could hold."""
    parts = draw(
        st.lists(st.one_of(WORDS, st.sampled_from(list(KINDS.values())), st.text(max_size=12)), min_size=1, max_size=6)
    )
    return "".join(parts)
