"""Clinic settings: one typed schema, every key with a default and a description."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


def _setting(default, description: str):
    return field(default=default, metadata={"description": description})


@dataclass(frozen=True)
class Config:
    clinic_name: str = _setting("Spine Care Clinic", "Name shown in the top bar and on the home screen.")
    welcome: str = _setting(
        "Learn how your back and legs are connected, at your own pace.",
        "Short welcome line under the clinic name on the home screen.",
    )
    disclosure: str = _setting(
        "This kiosk is for learning only. It does not give a diagnosis or medical advice. "
        "The clinic's doctors review its pages. Please talk with your doctor about your care.",
        "Clinic statement shown on the 'About this information' page.",
    )
    accent_color: str = _setting("#0B4F8A", "Colour of the main buttons (dark enough for white text).")
    language: str = _setting("en", "Language folder of the content shown at start.")
    kiosk_mode: bool = _setting(True, "Full screen without window chrome (False: a normal window).")
    reduce_motion: bool = _setting(False, "Change highlights instantly instead of animating them.")

    @classmethod
    def describe(cls) -> list[tuple[str, object, str]]:
        return [(f.name, f.default, f.metadata["description"]) for f in fields(cls)]


DEFAULT = Config()
