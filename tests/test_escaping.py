"""Data text cannot become markup, script or a dangerous link."""

from __future__ import annotations

import json

import pytest

from components.escaping import html_link, html_text, markdown_text, safe_url, script_json

ATTACK = '<img src=x onerror="alert(1)">'


def test_html_text_escapes_tags_and_quotes() -> None:
    assert html_text(ATTACK) == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert html_text("O'Brien & co") == "O&#x27;Brien &amp; co"


def test_markdown_text_neutralises_images_links_and_html() -> None:
    escaped = markdown_text("![x](https://evil.example/p.png) [a](javascript:x) <b>hi</b> *em*")
    assert "![" not in escaped
    assert "](" not in escaped
    assert "<b>" not in escaped
    assert "*em*" not in escaped


@pytest.mark.parametrize(('url', 'expected'), [
    ("https://www.bbc.com/news", "https://www.bbc.com/news"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    ("JAVASCRIPT:alert(1)", None),
    ("data:text/html,x", None),
    ("//evil.example", None),
    ("", None),
])
def test_only_http_links_survive(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_html_link_falls_back_to_text() -> None:
    assert html_link("javascript:alert(1)", "BBC") == "BBC"
    assert html_link('https://x.org/?a="b"', "<BBC>") == (
        '<a href="https://x.org/?a=&quot;b&quot;" target="_blank" rel="noopener noreferrer">&lt;BBC&gt;</a>')


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"statement": "</script><script>alert(1)</script>", "amp": "&"})
    assert "</script" not in text
    assert "<" not in text
    assert "&" not in text
    assert json.loads(text) == {"statement": "</script><script>alert(1)</script>", "amp": "&"}
