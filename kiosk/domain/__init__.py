"""The kiosk's domain: content, anatomy links, rendering and settings.

Nothing in this package may import Qt; ``tests/test_architecture.py`` enforces it.
"""
