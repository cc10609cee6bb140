"""Data text cannot become markup, script or a dangerous link."""

from __future__ import annotations

import json

import pytest

from components.escaping import link_html, markdown_text, safe_url, script_json

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


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"statement": "</script><script>alert(1)</script>", "amp": "&"})
    assert "</script" not in text
    assert "<" not in text
    assert "&" not in text
    assert json.loads(text) == {"statement": "</script><script>alert(1)</script>", "amp": "&"}


def test_markdown_text_keeps_bare_addresses_words() -> None:
    """Streamlit links bare www., http:// and e-mail addresses even when escaped; a word joiner stops it."""
    escaped = markdown_text("spy@evil.example, www.evil.example and https://evil.example/x")
    assert "@\u2060" in escaped and "www\u2060" in escaped and ":\u2060//" in escaped
    assert (
        escaped.replace("\u2060", "").replace("\\", "")
        == "spy@evil.example, www.evil.example and https://evil.example/x"
    )
