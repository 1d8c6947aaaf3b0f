"""Shared motion: the gentle fade-in used when a panel's content changes."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, QPropertyAnimation
from PySide6.QtWidgets import QGraphicsOpacityEffect, QWidget

from kiosk.ui import theme


def fade_in(widget: QWidget, owner: QObject) -> tuple[QGraphicsOpacityEffect, QPropertyAnimation]:
    """An opacity effect on ``widget`` and an ease-out 0 -> 1 animation of it.

    The effect switches itself off when the fade ends: an idle opacity effect would
    still render the widget offscreen on every paint.
    """
    effect = QGraphicsOpacityEffect(widget)
    effect.setOpacity(1.0)
    effect.setEnabled(False)
    widget.setGraphicsEffect(effect)
    animation = QPropertyAnimation(effect, b"opacity", owner)
    animation.setDuration(theme.PANEL_FADE_MS)
    animation.setStartValue(0.0)
    animation.setEndValue(1.0)
    animation.setEasingCurve(QEasingCurve.Type.OutCubic)
    animation.finished.connect(lambda: effect.setEnabled(False))
    return effect, animation
