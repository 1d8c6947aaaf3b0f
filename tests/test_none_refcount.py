"""Regression guard for PySide6 6.12.0 on CPython 3.11, which dropped a reference to
None on every wrapped call returning None and crashed the process after a few
thousand calls. The dependency spec excludes that combination; this test proves the
installed one is sound."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QGraphicsRectItem, QLabel


def test_none_refcount_is_stable_over_10000_wrapped_calls(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    item = QGraphicsRectItem(0, 0, 10, 10)
    before = sys.getrefcount(None)
    for i in range(10_000):
        label.setText("a")
        item.setPos(i % 7, 0)
        item.data(0)
    after = sys.getrefcount(None)
    # A leak takes one reference per call: 30,000 here. Allow a little noise.
    assert after >= before - 50, f"None lost {before - after} references"
