"""Consult mode: a clinician draws on the drawings and animations, zooms, presents on a second
screen and hands out an annotated sheet (see :mod:`kiosk.ui.consult.window`)."""
