"""Markdown is rendered, and everything unsafe is stripped before Qt sees it."""

from __future__ import annotations

from kiosk.domain.content import load_content
from kiosk.domain.render import markdown_to_html, page_html, parse_internal_url, sanitize
from tests.conftest import FIXTURES


def test_script_img_and_inline_styles_are_stripped(mini_root):
    (mini_root / "en" / "unsafe.md").write_text((FIXTURES / "bad" / "unsafe.md").read_text())
    content, problems = load_content(mini_root, "en")
    assert problems == []
    html = page_html(content.get("unsafe"))
    assert "<script" not in html and "owned" not in html
    assert "<img" not in html and "file:" not in html
    assert "style=" not in html
    assert "<b>big</b>" in html


def test_only_internal_links_keep_a_target():
    html = markdown_to_html(
        "[web](https://example.org) [file](file:///etc/hostname) [js](javascript:alert(1)) "
        "[rel](/etc/passwd) [data](data:text/html,hi) [ok](kiosk:cond-x)"
    )
    assert html.count("href=") == 1
    assert 'href="kiosk:cond-x"' in html
    for text in ("web", "file", "js", "rel", "data"):
        assert f"<a>{text}</a>" in html


def test_sanitize_keeps_the_structure_the_panel_needs():
    html = sanitize("<h2>T</h2><ul><li><strong>a</strong></li></ul><table><tr><td>x</td></tr></table>")
    assert html == (
        "<h2>T</h2><ul><li><strong>a</strong></li></ul>"
        "<table><tbody><tr><td>x</td></tr></tbody></table>"
    )


def test_page_html_escapes_the_title():
    from dataclasses import replace

    from kiosk.domain.content import ContentItem

    item = ContentItem(id="x", kind="topic", title="<b>A & B</b>", body="text", path=FIXTURES,
                       body_line=1)
    assert "<h1>&lt;b&gt;A &amp; B&lt;/b&gt;</h1>" in page_html(replace(item))


def test_parse_internal_url():
    assert parse_internal_url("kiosk:disc-L4-L5") == "disc-L4-L5"
    assert parse_internal_url("https://example.org") is None
    assert parse_internal_url("kiosk:") is None
