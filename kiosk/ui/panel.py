"""The explanation panel: a page rendered from Markdown plus large related-page buttons.

Links never open anything by themselves: ``openLinks`` is off and every click goes
through :meth:`ExplanationPanel._on_anchor`, which only follows ``kiosk:<id>`` links
to pages that exist.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.content import ContentItem, ContentSet
from kiosk.domain.render import ABOUT_ID, page_html, parse_internal_url, related_pages, sources_html
from kiosk.ui import theme
from kiosk.ui.kinetic import grab_touch_scroll
from kiosk.ui.motion import fade_in
from kiosk.ui.widgets import WrappingButton

log = logging.getLogger(__name__)


class PageText(QTextBrowser):
    """Rich text that grows to its content; the surrounding scroll area scrolls."""

    def __init__(self, palette: theme.Palette, parent=None):
        super().__init__(parent)
        self.setObjectName("PanelText")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDefaultStyleSheet(theme.document_css(palette))
        self.document().setDocumentMargin(0)

    def set_page(self, html: str) -> None:
        self.setHtml(html)
        self._fit_height()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # its own new height needs no refit
            self._fit_height()

    def _fit_height(self) -> None:
        doc = self.document()
        doc.setTextWidth(self.viewport().width())
        height = int(doc.size().height()) + 4
        if height != self.height():
            self.setFixedHeight(height)

    def wheelEvent(self, event):
        event.ignore()  # let the scroll area scroll


class ExplanationPanel(QFrame):
    """Shows one page, or the start hint when nothing is selected."""

    navigateRequested = Signal(str)
    animationRequested = Signal(str)

    def __init__(self, content: ContentSet, palette: theme.Palette, reduce_motion: bool = False,
                 disclosure: str = "", animations=None, parent=None):
        """``animations``: page id -> [(animation id, its button's words)], the animations each
        page offers ("See how it happens", "See how it is done")."""
        super().__init__(parent)
        self.setObjectName("Panel")
        self._disclosure = disclosure
        self._animations: dict[str, list[tuple[str, str]]] = dict(animations or {})
        self._content = content
        self._reduce_motion = reduce_motion
        self.current_id: str | None = None

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        grab_touch_scroll(self.scroll.viewport())

        self._body = QWidget()
        self._body.setObjectName("PanelBody")
        layout = QVBoxLayout(self._body)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.GAP)
        self.text = PageText(palette)
        self.text.anchorClicked.connect(self._on_anchor)
        layout.addWidget(self.text)
        self._animation_box = QVBoxLayout()
        self._animation_box.setSpacing(theme.GAP)
        layout.addLayout(self._animation_box)
        self._animation_buttons: list[QPushButton] = []
        self.related_heading = QLabel()
        self.related_heading.setObjectName("RelatedHeading")
        layout.addWidget(self.related_heading)
        self._buttons_box = QVBoxLayout()
        self._buttons_box.setSpacing(theme.GAP)
        layout.addLayout(self._buttons_box)
        self._buttons: list[QPushButton] = []  # reused: a kiosk taps millions of times
        self._html_cache: dict[str, str] = {}
        layout.addStretch(1)
        self.scroll.setWidget(self._body)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        self._opacity, self._fade = fade_in(self._body, self)
        self.show_item(None)

    # -- what is shown ----------------------------------------------------------
    def title(self) -> str:
        item = self._content.get(self.current_id) if self.current_id else None
        return item.title if item else ""

    def related_buttons(self) -> list[QPushButton]:
        return [b for b in self._buttons if not b.isHidden()]

    def show_item(self, item_id: str | None) -> None:
        item = self._content.get(item_id) if item_id else None
        self.current_id = item.id if item else None
        self.text.setAccessibleName(item.title if item else self._content.ui_words()["panel.start_title"])
        self._set_animations(self._animations.get(self.current_id or "", []))
        if item is None:
            self._show_start()
        else:
            self._show_page(item)
        self.scroll.verticalScrollBar().setValue(0)
        self._animate_in()

    def _show_start(self) -> None:
        words = self._content.ui_words()
        heading = html.escape(words["panel.start_title"])
        lines = [html.escape(words["panel.start_touch"]), html.escape(words["panel.start_lights"])]
        paragraphs = "".join(f"<p>{line}</p>" for line in lines)
        self.text.set_page(f"<h1>{heading}</h1>{paragraphs}")
        starters = [
            self._content.get(i)
            for i in ("sciatica", "herniated-disc", "spinal-stenosis", "spondylolisthesis")
        ]
        self._set_related(words["panel.starters"], [s for s in starters if s])

    def _show_page(self, item: ContentItem) -> None:
        words = self._content.ui_words()
        page = self._html_cache.get(item.id)
        if page is None:
            page = page_html(item)
            if item.id == ABOUT_ID:
                page += sources_html(self._content, self._disclosure, words["panel.sources"],
                                     words["panel.from_clinic"])
            self._html_cache[item.id] = page
        self.text.set_page(page)
        self._set_related(words["panel.read_more"], related_pages(item, self._content))

    def animation_buttons(self) -> list[QPushButton]:
        return [b for b in self._animation_buttons if not b.isHidden()]

    def _set_animations(self, offered: list[tuple[str, str]]) -> None:
        while len(self._animation_buttons) < len(offered):
            button = QPushButton()
            button.setProperty("role", "primary")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(
                lambda _=False, b=button: self.animationRequested.emit(b.property("target")))
            self._animation_box.addWidget(button)
            self._animation_buttons.append(button)
        for index, button in enumerate(self._animation_buttons):
            if index < len(offered):
                button.setProperty("target", offered[index][0])
                button.setText(offered[index][1])
                button.show()
            else:
                button.hide()

    def _set_related(self, heading: str, items: list[ContentItem]) -> None:
        self.related_heading.setText(heading)
        self.related_heading.setVisible(bool(items))
        while len(self._buttons) < len(items):
            button = WrappingButton()
            button.setProperty("role", "related")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, b=button: self._on_related(b))
            self._buttons_box.addWidget(button)
            self._buttons.append(button)
        for index, button in enumerate(self._buttons):
            if index < len(items):
                button.set_title(items[index].title)
                button.setProperty("target", items[index].id)
                button.show()
            else:
                button.hide()

    def _on_related(self, button: QPushButton) -> None:
        target = button.property("target")
        if target and self._content.get(target) is not None:
            self.navigateRequested.emit(target)

    def _animate_in(self) -> None:
        if self._reduce_motion or not self.isVisible():
            return
        self._opacity.setEnabled(True)
        self._fade.stop()
        self._fade.start()

    # -- links ----------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        target = parse_internal_url(url.toString())
        if target is None or self._content.get(target) is None:
            log.info("ignored a link that is not an internal page link")
            return
        self.navigateRequested.emit(target)
