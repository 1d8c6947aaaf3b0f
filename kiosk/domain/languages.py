"""Language names as their own speakers write them (for language buttons)."""

from __future__ import annotations

# A language's name in that language, so a reader finds their own language at a glance.
ENDONYMS = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "de": "Deutsch",
    "pt": "Português",
    "pt-BR": "Português (Brasil)",
    "zh": "中文",
    "vi": "Tiếng Việt",
    "ar": "العربية",
}


def language_name(code: str) -> str:
    """The language's own name, or its code in capitals when it is not known here."""
    return ENDONYMS.get(code) or ENDONYMS.get(code.split("-")[0]) or code.upper()
