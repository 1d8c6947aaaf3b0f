"""The staff panel's polish: no empty chart box without counts; the clinic name once on Home."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.domain.config import DEFAULT
from kiosk.domain.usage import UsageCounter
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import HOME, KioskWindow


@pytest.fixture
def build(shown_windows, shipped):
    show = shown_windows

    def make(counter=None, **overrides):
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, **overrides)
        window = KioskWindow(config, shipped, [], loader=lambda lang: (shipped, []), counter=counter,
                             clock=ManualClock())
        return show(window)

    yield make


def test_no_empty_chart_box_without_counts(build, tmp_path):
    """Counting off: the panel says so and shows no empty chart box."""
    window = build()
    window.open_staff_panel()
    panel = window.staff_panel
    assert panel.isVisible() and panel.chart_title.isVisible()
    assert not panel.chart.isVisible()
    panel.show_message("A message")  # a message does not bring the empty box back
    assert not panel.chart.isVisible()
    counter = UsageCounter(tmp_path / "usage.sqlite3")
    counter.count("sessions")
    counted = build(counter=counter)
    counted.open_staff_panel()
    assert counted.staff_panel.chart.isVisible() and counted.staff_panel.chart.days


def test_the_clinic_name_shows_once_on_home(build):
    window = build(clinic_name="Lakeside Spine")
    window.begin_at(HOME)
    shown = [label for label in window.findChildren(QLabel)
             if label.text() == "Lakeside Spine" and label.isVisible()]
    assert shown == [window.home.title]
