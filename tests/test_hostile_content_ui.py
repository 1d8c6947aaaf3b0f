"""Content the checks would refuse, shown anyway (a window built around it): titles stay
plain text and wrap, so nothing loads a file and Back and Home stay on the screen."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.domain.content import MAX_TITLE_CHARS, ContentSet
from kiosk.ui.shell import NavState, Screen

IMG_TITLE = '<img src="/etc/hostname"> Herniated disc'
LONG_TITLE = ("Wide words for a long title " * 4)[:MAX_TITLE_CHARS]


def _retitled(content: ContentSet, title: str) -> ContentSet:
    items = {key: dataclasses.replace(item, title=title) for key, item in content.items.items()}
    return dataclasses.replace(content, items=items)


def _settle():
    for _ in range(3):
        QApplication.processEvents()


def test_every_label_shows_plain_text_unless_a_screen_asks_for_rich_text(make_window):
    window = make_window()
    window.build_screens()
    labels = window.findChildren(QLabel)
    assert len(labels) > 20
    assert [label.objectName() for label in labels if label.textFormat() == Qt.TextFormat.AutoText] == []


def test_a_title_with_markup_is_shown_as_written(make_window, shipped):
    window = make_window(_retitled(shipped, IMG_TITLE))
    window.navigate(NavState(Screen.ANIMATION, "herniated-disc"))
    _settle()
    animation = window.animation
    # the animation screen's title now comes from the animation's own script, not the page;
    # whatever a label shows there is plain text, so markup in content can never load a file
    assert animation.title_label.text() and animation.title_label.textFormat() == Qt.TextFormat.PlainText
    marked = [label for label in animation.findChildren(QLabel) if "<img" in label.text()]
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in marked)


@pytest.mark.parametrize("state", [
    NavState(Screen.HOME),
    NavState(Screen.DIAGRAM, "herniated-disc"),
    NavState(Screen.DIAGRAM, "disc-L4-L5"),
    NavState(Screen.ANIMATION, "herniated-disc"),
    NavState(Screen.ANIMATION, "spondylolisthesis"),
    NavState(Screen.QUESTIONNAIRE),
], ids=lambda s: f"{s.screen.value}-{s.item_id}")
def test_the_longest_allowed_title_never_widens_the_window(make_window, shipped, state):
    window = make_window(_retitled(shipped, LONG_TITLE))
    width = window.width()
    window.navigate(state)
    _settle()
    assert window.width() == width and window.minimumSizeHint().width() <= width
    if window.bottom_bar.isVisible():
        for button in (window.back_button, window.home_button):
            assert window.rect().contains(button.mapTo(window, button.rect().bottomRight()))
