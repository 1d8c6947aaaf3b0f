"""Qt user interface: one module per screen, a shell that owns navigation, one theme."""
