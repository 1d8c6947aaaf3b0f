"""Spine Kiosk: patient education about the lumbar spine and sciatic nerve."""

__version__ = "0.1.0"
