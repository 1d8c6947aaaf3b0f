""""Compare your options": the topics of a result side by side, like an option grid.

One column per topic (in the result's order), one row per question a patient asks about
any option: what it involves, its possible benefits, its possible risks, and recovery. The
words come from each treatment page's ``[compare]`` table (keys ``involves``, ``benefits``,
``risks``, ``recovery``). On a narrow (portrait) screen, or where a column would be narrower
than its longest word, the topics stack instead; on a short screen with larger text the title
and its lead line scroll with them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.questionnaire.common import NARROW_PX, Page, Words, kinetic_scroll, label, roomy

ASPECTS = ("involves", "benefits", "risks", "recovery")
ASPECT_PX = 220  # the first column (the row names) at 1920x1080
MIN_COLUMN_PX = 300  # narrower than this per topic, and the topics stack


def compare_table(item: Any) -> dict[str, str]:
    """A treatment page's ``[compare]`` words (``ContentItem.compare``); empty if it has none."""
    table = getattr(item, "compare", None) if item is not None else None
    if not isinstance(table, Mapping):
        return {}
    return {key: str(value).strip() for key, value in table.items() if key in ASPECTS and str(value).strip()}


class ComparePage(Page):
    def __init__(self, words: Words, parent=None):
        super().__init__(parent=parent)
        self.words = words
        self.categories: list[str] = []
        self._tables: dict[str, dict[str, str]] = {}
        self._wide: bool | None = None
        self._roomy: bool | None = None
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 24, 48, 16)
        layout.setSpacing(theme.GAP)
        self._head = QWidget()  # the title and its lead line
        self._head.setObjectName("QCompareTop")
        self._top = QBoxLayout(QBoxLayout.Direction.LeftToRight, self._head)
        self._top.setContentsMargins(0, 0, 0, 0)
        self._top.setSpacing(theme.GAP * 3)
        title = words.ui("compare_title")
        self.title = label("QuestionText", title)
        self._top.addWidget(self.title, 0, Qt.AlignmentFlag.AlignBottom)
        self.lead = label("QuestionHelp", words.ui("compare_lead"))
        self._top.addWidget(self.lead, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self._head)
        self._grid_widget = QFrame()
        self._grid_widget.setObjectName("QCompareGrid")
        self._grid = QGridLayout(self._grid_widget)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(0)
        holder = QWidget()
        holder.setObjectName("QCompareHolder")
        column = self._column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 16, 0)
        column.setSpacing(theme.GAP)
        column.addWidget(self._grid_widget)
        column.addStretch(1)
        self.scroll = kinetic_scroll("QCompareScroll", holder)
        layout.addWidget(self.scroll, 1)
        self._heads: list[QLabel] = []
        self._aspect_labels: list[QLabel] = []
        self._cells: dict[tuple[str, str], QLabel] = {}
        self._corner = label("QCompareCorner")
        self._corner.hide()

    # ------------------------------------------------------------------ public
    def aspect_name(self, aspect: str) -> str:
        return self.words.ui(f"compare_{aspect}")

    def show_topics(self, categories: list[str], tables: Mapping[str, Mapping[str, str]]) -> None:
        """One column per category (in this order); ``tables``: category -> its [compare] words."""
        self.clear()
        self.categories = list(categories)
        self._tables = {cat: dict(tables.get(cat, {})) for cat in categories}
        texts = self.words.texts
        for cat in self.categories:
            # the name without its example in brackets: the cells say what it involves
            head = label("QCompareHead", re.sub(r"\s*\([^)]*\)", "", texts.category(cat)).strip()
                         or texts.category(cat))
            self._heads.append(head)
            for aspect in ASPECTS:
                cell = label("QCompareCell")
                cell.setTextFormat(Qt.TextFormat.RichText)
                cell.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                cell.setProperty("stripe", ASPECTS.index(aspect) % 2 == 1)
                cell.setProperty("missing", aspect not in self._tables[cat])
                self._cells[(cat, aspect)] = cell
        for aspect in ASPECTS:
            name = label("QCompareAspect", self.aspect_name(aspect))
            name.setProperty("stripe", ASPECTS.index(aspect) % 2 == 1)
            self._aspect_labels.append(name)
        self._wide = None
        self._arrange()
        self.scroll.verticalScrollBar().setValue(0)

    def cell_text(self, category: str, aspect: str) -> str:
        """The words a cell shows (plain text, without the row name of the stacked layout)."""
        return self._tables.get(category, {}).get(aspect) or self._missing()

    def cell(self, category: str, aspect: str) -> QLabel:
        return self._cells[(category, aspect)]

    def is_side_by_side(self) -> bool:
        return bool(self._wide)

    def has_words(self) -> bool:
        return any(self._tables.values())

    def clear(self) -> None:
        for widget in (*self._heads, *self._aspect_labels, *self._cells.values()):
            self._grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._heads, self._aspect_labels, self._cells = [], [], {}
        self.categories, self._tables = [], {}

    def head_scrolls(self) -> bool:
        """True when the title and lead line scroll with the table (a short screen, larger text)."""
        return self._roomy is False

    def fit(self, size: QSize) -> None:
        super().fit(size)
        spare = size.width() - 64 - 48 - self.title.fontMetrics().horizontalAdvance(self.title.text())
        across = size.width() >= NARROW_PX and spare >= 36 * self.lead.fontMetrics().averageCharWidth()
        direction = QBoxLayout.Direction
        self._top.setDirection(direction.LeftToRight if across else direction.TopToBottom)
        self._top.setSpacing(theme.GAP * 3 if across else 8)
        for widget in (self.title, self.lead):
            self._top.setAlignment(widget, Qt.AlignmentFlag.AlignBottom if across else Qt.AlignmentFlag(0))
        room = roomy(size, self.lead)
        if room != self._roomy:
            self._roomy = room
            if room:
                self._column.removeWidget(self._head)
                self._layout.insertWidget(0, self._head)
            else:  # the title and lead line scroll away, leaving the whole height to the table
                self._layout.removeWidget(self._head)
                self._column.insertWidget(0, self._head)
            self._head.show()
        self._arrange()

    # ------------------------------------------------------------------ layout
    def _missing(self) -> str:
        return self.words.ui("compare_missing")

    def _longest_word(self) -> int:
        """The widest word of a topic's name, with the head's padding: a column narrower than
        this would cut it."""
        widest = 0
        for head in self._heads:
            head.ensurePolished()
            measure = head.fontMetrics().horizontalAdvance
            widest = max(widest, *(measure(word) for word in head.text().split()))
        return widest + 2 * 24 + 8

    def _arrange(self) -> None:
        if not self.categories:
            return
        room = self.fitted.width() - 64 - 48 - 16 - ASPECT_PX
        wide = room / len(self.categories) >= max(MIN_COLUMN_PX, self._longest_word())
        if wide == self._wide:
            return
        self._wide = wide
        for widget in (*self._heads, *self._aspect_labels, *self._cells.values()):
            self._grid.removeWidget(widget)
        for col in range(self._grid.columnCount()):
            self._grid.setColumnStretch(col, 0)
            self._grid.setColumnMinimumWidth(col, 0)
        if wide:
            self._corner.show()
            self._grid.addWidget(self._corner, 0, 0)
            self._grid.setColumnMinimumWidth(0, ASPECT_PX)
            for index in range(len(self.categories)):
                self._grid.addWidget(self._heads[index], 0, index + 1)
                self._grid.setColumnStretch(index + 1, 1)
            for row, aspect in enumerate(ASPECTS, start=1):
                name = self._aspect_labels[row - 1]
                name.show()
                self._grid.addWidget(name, row, 0)
                for index, cat in enumerate(self.categories):
                    cell = self._cells[(cat, aspect)]
                    cell.setText(html.escape(self.cell_text(cat, aspect)))
                    self._grid.addWidget(cell, row, index + 1)
        else:
            self._grid.removeWidget(self._corner)
            self._corner.hide()
            for name in self._aspect_labels:
                name.hide()
            row = 0
            self._grid.setColumnStretch(0, 1)
            for index, cat in enumerate(self.categories):
                self._grid.addWidget(self._heads[index], row, 0)
                row += 1
                for aspect in ASPECTS:
                    cell = self._cells[(cat, aspect)]
                    cell.setText(f"<b>{html.escape(self.aspect_name(aspect))}</b><br>"
                                 f"{html.escape(self.cell_text(cat, aspect))}")
                    self._grid.addWidget(cell, row, 0)
                    row += 1
        for widget in (*self._heads, *self._cells.values()):
            widget.show()
