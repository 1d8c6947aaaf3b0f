"""Panel links: internal links navigate inside the app; nothing else opens anything."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtTest import QTest

from kiosk.ui.shell import NavState, Screen


def _anchor_position(text_widget, href_prefix: str):
    """Viewport position of the first link whose target starts with ``href_prefix``."""
    doc = text_widget.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href.startswith(href_prefix):
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position() + max(1, fragment.length() // 2))
                return href, text_widget.cursorRect(cursor).center()
            it += 1
        block = block.next()
    return None, None


def _page_with_body_link(content):
    for item in content.items.values():
        if "](kiosk:" in item.body:
            return item
    raise AssertionError("no page has an internal link in its text")


def test_internal_link_in_the_text_navigates(make_window, shipped):
    window = make_window()
    page = _page_with_body_link(shipped)
    window.navigate(NavState(Screen.DIAGRAM, page.id))
    text = window.diagram.panel.text
    href, pos = _anchor_position(text, "kiosk:")
    assert href is not None
    QTest.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    target = href.split(":", 1)[1]
    assert window.state == NavState(Screen.DIAGRAM, target)
    assert window.diagram.panel.current_id == target
    window.back_button.click()
    assert window.diagram.panel.current_id == page.id


def test_external_links_never_open_anything(make_window, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    window = make_window()
    window.navigate(NavState(Screen.DIAGRAM, "sciatica"))
    panel = window.diagram.panel
    assert not panel.text.openLinks() and not panel.text.openExternalLinks()
    emitted = []
    panel.navigateRequested.connect(emitted.append)
    for url in ("https://example.org/", "file:///etc/hostname", "javascript:alert(1)"):
        # Worst case: markup that skipped the sanitiser still must not open anything.
        panel.text.set_page(f'<p><a href="{url}">a link that must stay dead</a></p>')
        href, pos = _anchor_position(panel.text, url.split(":")[0])
        assert href == url
        QTest.mouseClick(panel.text.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, pos)
        panel._on_anchor(QUrl(url))
    assert emitted == []
    assert opened == []
    assert window.state == NavState(Screen.DIAGRAM, "sciatica")
    assert "hostname" not in panel.text.toPlainText().replace("a link that must stay dead", "")


def test_related_buttons_open_their_page(make_window, shipped):
    window = make_window()
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))
    buttons = window.diagram.panel.related_buttons()
    assert buttons, "a condition page offers related pages"
    target = buttons[0].property("target")
    buttons[0].click()
    assert window.diagram.panel.current_id == target
    assert window.diagram.panel.title() == shipped.get(target).title


def test_opening_a_condition_highlights_its_regions(make_window, shipped):
    window = make_window()
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))
    view = window.diagram.view
    links = frozenset(shipped.get("herniated-disc").links.regions)
    assert window.diagram.highlighted == links
    assert view.highlighted == links & set(view.region_ids())
    assert view.selected is None  # a condition is not a region; nothing is outlined as selected


def test_start_panel_offers_the_main_topics(make_window):
    window = make_window()
    window.home.explore_button.click()
    assert window.state == NavState(Screen.DIAGRAM)
    targets = [b.property("target") for b in window.diagram.panel.related_buttons()]
    assert targets[:2] == ["sciatica", "herniated-disc"]


def test_about_page_lists_every_page_with_its_sources_and_the_clinic_text(make_window, shipped):
    window = make_window()
    window.home.about_button.click()
    assert window.state == NavState(Screen.DIAGRAM, "about")
    text = window.diagram.panel.text.toPlainText()
    assert window.config.disclosure_in("en")[:40] in text
    for item in shipped.items.values():
        assert item.title in text
        assert item.sources[0] in text
        assert f"reviewed {item.reviewed.isoformat()}" in text
