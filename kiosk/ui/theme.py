"""The one place for colours, sizes and the style sheet.

Sizes are in pixels at the 1920x1080 reference screen of the visual style brief.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT_FAMILY = "Atkinson Hyperlegible"

# Sizes (px at 1920x1080)
TOP_BAR_HEIGHT = 96
BOTTOM_BAR_HEIGHT = 112
PRIMARY_BUTTON_HEIGHT = 72
SECONDARY_BUTTON_HEIGHT = 64
MIN_TOUCH = 48
GAP = 16
MARGIN = 32
BODY_PX = 28
HEADING_PX = 40
TITLE_PX = 56
BUTTON_PX = 30
SMALL_PX = 24

# Motion
HIGHLIGHT_MS = 250
PANEL_FADE_MS = 200


@dataclass(frozen=True)
class Palette:
    background: str = "#F2F5F8"  # very light blue-grey
    surface: str = "#FFFFFF"
    text: str = "#17212B"
    muted_text: str = "#35434F"
    border: str = "#C5D0DA"
    accent: str = "#0B4F8A"
    accent_pressed: str = "#083A66"
    on_accent: str = "#FFFFFF"
    highlight: str = "#E4572E"  # warm orange-red glow: "where it hurts / what presses"
    highlight_outline: str = "#B8401C"
    selected_outline: str = "#7A1F00"  # distinct, heavier outline for the selected item
    diagram_background: str = "#F7F9FB"
    warning_bg: str = "#FFF4E5"
    warning_text: str = "#5C2E00"


def relative_luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two ``#RRGGBB`` colours."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def palette_for(accent: str | None = None) -> Palette:
    if not accent:
        return Palette()
    return Palette(accent=accent, accent_pressed=accent)


def style_sheet(p: Palette) -> str:
    return f"""
    QWidget {{
        font-family: "{FONT_FAMILY}";
        font-size: {BODY_PX}px;
        color: {p.text};
    }}
    QMainWindow, #KioskRoot {{ background: {p.background}; }}
    #TopBar {{ background: {p.surface}; border-bottom: 2px solid {p.border}; }}
    #BottomBar {{ background: {p.surface}; border-top: 2px solid {p.border}; }}
    #ClinicName {{ font-size: 34px; font-weight: bold; color: {p.text}; }}
    #ScreenTitle {{ font-size: {TITLE_PX}px; font-weight: bold; color: {p.text}; }}
    #Welcome {{ font-size: 32px; color: {p.muted_text}; }}
    #Hint {{ font-size: {BODY_PX}px; color: {p.muted_text}; }}
    QPushButton {{
        font-size: {BUTTON_PX}px;
        min-height: {SECONDARY_BUTTON_HEIGHT}px;
        min-width: 120px;
        padding: 0px 28px;
        border-radius: 14px;
        background: {p.surface};
        color: {p.accent};
        border: 3px solid {p.accent};
    }}
    QPushButton:pressed {{ background: {p.background}; }}
    QPushButton[role="primary"] {{
        min-height: {PRIMARY_BUTTON_HEIGHT}px;
        background: {p.accent};
        color: {p.on_accent};
        border: 3px solid {p.accent};
        font-weight: bold;
    }}
    QPushButton[role="primary"]:pressed {{ background: {p.accent_pressed}; }}
    QPushButton[role="hero"] {{
        min-height: 120px;
        font-size: 40px;
        font-weight: bold;
        background: {p.accent};
        color: {p.on_accent};
        border: 3px solid {p.accent};
        border-radius: 24px;
        padding: 0px 56px;
    }}
    QPushButton[role="hero"]:pressed {{ background: {p.accent_pressed}; }}
    QPushButton[role="related"] {{
        text-align: left;
        padding: 0px 24px;
        min-height: {SECONDARY_BUTTON_HEIGHT}px;
    }}
    QPushButton[role="tab"] {{
        min-height: 64px;
        padding: 0px 16px;
        font-size: 28px;
        border-radius: 12px;
        border: 3px solid {p.border};
        color: {p.text};
        background: {p.surface};
    }}
    QPushButton[role="tab"]:checked {{
        background: {p.accent};
        color: {p.on_accent};
        border: 3px solid {p.accent};
        font-weight: bold;
    }}
    #Panel {{ background: {p.surface}; border-left: 2px solid {p.border}; }}
    #PanelText, #PanelBody {{ background: {p.surface}; border: none; }}
    #RelatedHeading {{ font-size: 30px; font-weight: bold; color: {p.text}; }}
    QScrollArea {{ border: none; background: {p.surface}; }}
    QScrollBar:vertical {{ width: 20px; background: {p.background}; border: none; }}
    QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 10px; min-height: 64px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
    #ProblemsScreen {{ background: {p.warning_bg}; }}
    #ProblemsTitle {{ font-size: 44px; font-weight: bold; color: {p.warning_text}; }}
    #ProblemsList {{ font-family: monospace; font-size: 22px; background: {p.surface};
                     border: 2px solid {p.border}; }}
    """


def document_css(p: Palette) -> str:
    """Default style sheet of the explanation panel's rich-text document."""
    return f"""
    body {{ font-family: "{FONT_FAMILY}"; font-size: {BODY_PX}px; color: {p.text}; }}
    h1 {{ font-size: {HEADING_PX}px; font-weight: bold; margin-top: 0px; margin-bottom: 12px; }}
    h2 {{ font-size: 32px; font-weight: bold; margin-top: 28px; margin-bottom: 8px; }}
    h3 {{ font-size: 30px; font-weight: bold; margin-top: 20px; margin-bottom: 6px; }}
    p {{ margin-top: 0px; margin-bottom: 16px; line-height: 140%; }}
    li {{ margin-bottom: 8px; line-height: 140%; }}
    p.summary {{ color: {p.muted_text}; font-size: 30px; }}
    a {{ color: {p.accent}; font-weight: bold; text-decoration: underline; }}
    """
