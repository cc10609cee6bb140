"""Data text cannot become markup, script or a dangerous link."""

from __future__ import annotations

import ast
import json
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.escaping import (
    WORD_JOINER,
    html_text,
    link_html,
    markdown_table,
    markdown_text,
    safe_url,
)
from components.map.frame import build_map
from components.map.payload import MapData, build_map_data
from geo.publishing.map_parts import Parts, part_json
from geo.reading.dataset import load_dataset
from tests.conftest import DATA, REPO
from tests.hostile_text import KINDS, hostile_string, hostile_text

ATTACK = '<img src=x onerror="alert(1)">'


def test_markdown_text_neutralises_images_links_and_html() -> None:
    escaped = markdown_text("![x](https://evil.example/p.png) [a](javascript:x) <b>hi</b> *em*")
    assert "![" not in escaped
    assert "](" not in escaped
    assert "<b>" not in escaped
    assert "*em*" not in escaped


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.bbc.com/news", "https://www.bbc.com/news"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,x", None),
        ("//evil.example", None),
        ("", None),
    ],
)
def test_only_http_links_survive(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_link_html_escapes_and_falls_back_to_text() -> None:
    assert link_html("javascript:alert(1)", "<BBC>") == "&lt;BBC&gt;"
    assert link_html('https://x.org/?a="b"', ATTACK) == (
        '<a href="https://x.org/?a=&#34;b&#34;" target="_blank" rel="noopener noreferrer">'
        "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;</a>"
    )


def test_a_part_cannot_close_the_script_element_it_is_inlined_in() -> None:
    text = part_json({"statement": "</script><script>alert(1)</script>", "amp": "&"}).decode()
    assert "</script" not in text
    assert "<" not in text
    assert "&" not in text
    assert json.loads(text) == {"statement": "</script><script>alert(1)</script>", "amp": "&"}


class ScriptBodies(HTMLParser):
    """The text of every <script> element, as a browser's HTML parser splits the page."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script"
        if self._inside:
            self.bodies.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.bodies[-1] += data


@given(text=hostile_text())
def test_the_maps_parts_stay_data_inside_an_exported_pages_script_element(text: str) -> None:
    """Any text in a part (a statement, a name) is written HTML-safe: inlined in an exported page, the <script>
    holding the parts cannot be closed or opened anew, and the JSON inside reads back as the parts given."""
    payload = {"fronts": [], "claims": [{"statement": text, "note": f"{text}'\u2028"}], "extra": {text: text}}
    parts = Parts()
    entry = parts.add(payload)
    written = parts.bodies[entry].decode()
    assert "<" not in written and ">" not in written and "&" not in written and "'" not in written
    assert json.loads(written) == payload
    page = ScriptBodies()
    page.feed(build_map(MapData(payload, parts, entry, {}), inline=True).get_root().render())  # type: ignore[arg-type]
    [inline] = [body for body in page.bodies if entry in body and "KurskMap.init(" not in body]
    assert json.loads(inline) == {entry: payload}
    [init] = [body for body in page.bodies if "KurskMap.init(" in body]
    assert json.dumps(entry) in init


def test_markdown_text_keeps_bare_addresses_words() -> None:
    """Streamlit links bare www., http:// and e-mail addresses even when escaped; a word joiner stops it."""
    escaped = markdown_text("spy@evil.example, www.evil.example and https://evil.example/x")
    assert "@\u2060" in escaped and "www\u2060" in escaped and ":\u2060//" in escaped
    assert (
        escaped.replace("\u2060", "").replace("\\", "")
        == "spy@evil.example, www.evil.example and https://evil.example/x"
    )


MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:&")


def literal_markdown(escaped: str) -> str:
    """The text a Markdown renderer shows for `escaped`, asserting on the way that every character it could
    read as syntax is backslash-escaped (CommonMark shows a backslash-escaped punctuation mark as itself)."""
    shown, index = [], 0
    while index < len(escaped):
        char = escaped[index]
        if char == "\\":
            assert escaped[index + 1] in MARKDOWN_SPECIALS, f"a lone backslash before {escaped[index + 1]!r}"
            shown.append(escaped[index + 1])
            index += 2
            continue
        assert char not in MARKDOWN_SPECIALS, f"{char!r} unescaped at {index} in {escaped!r}"
        assert char not in "\r\n", "a line break could start a heading, a list or a table"
        shown.append(char)
        index += 1
    return "".join(shown)


def one_line(text: str) -> str:
    """The text as Markdown shows it once escaped: each line ending (\\r\\n, \\r or \\n) a space."""
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


@given(text=hostile_text())
def test_markdown_text_shows_any_text_as_written(text: str) -> None:
    """Whatever the field holds, Markdown sees no syntax and shows the same characters (line breaks as spaces)."""
    escaped = markdown_text(text)
    assert literal_markdown(escaped).replace(WORD_JOINER, "") == one_line(text)
    unescaped = escaped.replace("\\", "")  # Streamlit's autolinks start here, escaped or not
    assert "://" not in unescaped and "www." not in unescaped.lower()
    assert unescaped.count("@") == unescaped.count("@" + WORD_JOINER)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_of_hostile_text_stays_literal_in_markdown(kind: str) -> None:
    text = KINDS[kind]
    assert literal_markdown(markdown_text(text)).replace(WORD_JOINER, "") == one_line(text)


class TextOnly(HTMLParser):
    """Collects the text of an HTML fragment and every tag, comment or declaration it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.markup: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.markup.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.markup.append(tag)

    def handle_comment(self, data: str) -> None:
        self.markup.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.markup.append(decl)


def as_html(fragment: str) -> TextOnly:
    parser = TextOnly()
    parser.feed(fragment)
    parser.close()
    return parser


@given(text=hostile_text())
def test_html_text_is_text_to_innerhtml(text: str) -> None:
    """What Leaflet's layer control writes with innerHTML holds no element and shows the name as written."""
    parsed = as_html(html_text(text))
    assert parsed.markup == []
    assert "".join(parsed.text) == text


@given(rows=st.lists(st.dictionaries(st.sampled_from(["a", "b", "c"]), hostile_text(), min_size=3), max_size=4))
def test_markdown_table_escapes_every_cell_index_and_heading(rows: list[dict[str, str]]) -> None:
    """st.table renders cells, index and headings as Markdown: each is markdown_text of what was given."""
    frame = markdown_table([{"field": f"row {i} {row['a']}", **row} for i, row in enumerate(rows)], index="field")
    for text in [*frame.columns, frame.index.name, *frame.index, *frame.to_numpy().ravel()]:
        literal_markdown(text)
    assert list(frame.index) == [markdown_text(f"row {i} {row['a']}") for i, row in enumerate(rows)]


def test_layer_names_reach_leaflets_layer_control_as_text() -> None:
    """A front layer's label, the class of the report's `<img onerror>`: the map and the export get it escaped."""
    dataset = load_dataset(DATA)
    data = build_map_data(dataset, dataset.grade_all())
    payload = data.payload
    labels = {layer["id"]: hostile_string("label", index) for index, layer in enumerate(payload["fronts"])}
    hostile = {**payload, "fronts": [{**layer, "label": labels[layer["id"]]} for layer in payload["fronts"]]}
    html = build_map(MapData(hostile, data.parts, data.entry, data.words)).get_root().render()  # type: ignore[typeddict-item]
    control = html[html.index("_layers = {") : html.index("L.control.layers(")]
    for label in labels.values():
        assert json.dumps(html_text(label)).replace("&", "\\u0026") in control
    assert "<img" not in control and "<script" not in control and "<svg" not in control


# Every call in the app that renders what it is given, and the one way it may be given text.
APP_SOURCES = [*sorted((REPO / "components").glob("*.py")), REPO / "page.py", REPO / "app.py"]


def function_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        return getattr(node.func, "attr", getattr(node.func, "id", None))
    return None


def plain_text(node: ast.AST) -> bool:
    """Text written in the code itself (a literal, or literals joined), not text from data."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(part, ast.Constant) for part in node.values)
    return isinstance(node, ast.BinOp) and plain_text(node.left) and plain_text(node.right)


MARKDOWN_CALLS = {
    *("markdown", "caption", "error", "warning", "info", "success", "toast", "write", "title", "header", "subheader"),
    *("expander", "popover", "tabs", "status", "dialog", "metric"),
    *("button", "link_button", "download_button", "form_submit_button", "page_link", "checkbox", "toggle", "radio"),
    *("text_input", "text_area", "number_input", "date_input", "selectbox", "multiselect", "slider", "select_slider"),
    *("segmented_control", "pills"),
}
"""Streamlit calls whose text (body, label, title) is rendered as Markdown."""

DATA_TEXT = {
    *("statement", "analyst_note", "note", "place_note", "quote", "via", "title", "caption", "category", "record"),
    *("name", "name_ru", "label", "source_name", "credit", "caveat", "description", "coord_source", "outlet"),
    *("reason", "rationale", "retraction", "reliability_note", "headline", "message", "problem", "edited_by", "by"),
}
"""Attributes and keys that hold text from data (a claim's, a source's, a place's, a layer's, a person's)."""

KNOWN_WORDS = {
    ("components/desk/identity.py", "actor.name")
}  # the local actor's fixed name (geo.workflow.roles.local_actor)


def data_text_outside_escaping(node: ast.AST) -> Iterator[ast.AST]:
    """Attribute or key reads of data text in `node` that no escaping call wraps (a condition only tests it)."""
    if function_name(node) in {"markdown_text", "markdown_table", "html_text"}:
        return
    key = node.slice.value if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) else None
    if (isinstance(node, ast.Attribute) and node.attr in DATA_TEXT) or key in DATA_TEXT:
        yield node
    for child in ast.iter_child_nodes(node):
        if not (isinstance(node, ast.IfExp) and child is node.test):
            yield from data_text_outside_escaping(child)


def routes_from_text_to_markup() -> list[str]:
    """`file:line: why` for every call that would give data text to Markdown or innerHTML another way."""
    found = []
    for path in APP_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            name, where = function_name(call), f"{path.relative_to(REPO)}:{call.lineno}"
            if name == "table" and not (call.args and function_name(call.args[0]) == "markdown_table"):
                found.append(f"{where}: st.table renders Markdown: give it markdown_table(...)")
            if name in {"FeatureGroup", "TileLayer", "LayerControl"}:
                named = [keyword.value for keyword in call.keywords if keyword.arg == "name"]
                if any(function_name(value) != "html_text" for value in named):
                    found.append(f"{where}: the layer control writes names with innerHTML: give html_text(...)")
            if name == "html" and not all(plain_text(arg) or isinstance(arg, ast.JoinedStr) for arg in call.args):
                found.append(f"{where}: st.html with text from elsewhere")
            if name in MARKDOWN_CALLS and isinstance(call.func, ast.Attribute):
                texts = [*call.args[:1], *(kw.value for kw in call.keywords if kw.arg in {"label", "body", "help"})]
                for text in texts:
                    for read in data_text_outside_escaping(text):
                        if (str(path.relative_to(REPO)), ast.unparse(read)) not in KNOWN_WORDS:
                            found.append(f"{where}: {ast.unparse(read)} reaches Markdown: give markdown_text(...)")
            for keyword in call.keywords:
                if keyword.arg == "unsafe_allow_html" and not (
                    isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                ):
                    found.append(f"{where}: unsafe_allow_html")
                if keyword.arg == "help" and not (
                    plain_text(keyword.value) or function_name(keyword.value) == "markdown_text"
                ):
                    found.append(f"{where}: help= tooltips render Markdown: give markdown_text(...)")
    return found


def test_every_route_to_markdown_or_innerhtml_goes_through_escaping() -> None:
    assert routes_from_text_to_markup() == []


def test_the_route_check_finds_a_new_unescaped_route(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself, on code written the unsafe way each rule is about."""
    bad = tmp_path / "components" / "bad.py"
    bad.parent.mkdir()
    bad.write_text(
        "st.table(pd.DataFrame(rows))\n"
        "st.button('x', help=claim.statement)\n"
        "folium.FeatureGroup(name=layer['label'])\n"
        "st.markdown(text, unsafe_allow_html=True)\n"
        "st.expander(f'About {claim.statement}')\n"
        "st.caption(f'{markdown_text(claim.note)} from {source.name}' if claim.note else '')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "APP_SOURCES", [bad])
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    assert sorted({line.split(": ", 1)[0] for line in routes_from_text_to_markup()}) == [
        "components/bad.py:1",
        "components/bad.py:2",
        "components/bad.py:3",
        "components/bad.py:4",
        "components/bad.py:5",
        "components/bad.py:6",
    ]


HTML_WRITES = re.compile(r"\.(?:innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML|document\.write|\.html\(")
LEAFLET_STRING_CONTENT = re.compile(
    r"\b(?:bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*['\"`]"
)
DIV_ICON_HTML = re.compile(r"\bhtml:(?!\s*(?:el\(|node\b))")


def test_the_map_code_builds_its_dom_from_nodes_never_from_html_strings() -> None:
    """Leaflet writes a string it is given as HTML (tooltips, popups, div icons): the map code gives it nodes
    built with textContent, and never writes HTML itself. The one markup is the *Html payload fields."""
    for script in sorted((REPO / "static").glob("*.js")):
        code = script.read_text(encoding="utf-8")
        for pattern in (HTML_WRITES, LEAFLET_STRING_CONTENT, DIV_ICON_HTML):
            found = [code.count("\n", 0, hit.start()) + 1 for hit in pattern.finditer(code)]
            assert found == [], f"{script.name}: lines {found} write HTML from a string ({pattern.pattern})"
