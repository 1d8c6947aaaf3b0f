"""The one place for colours, sizes and the style sheet.

Sizes are in pixels at the 1920x1080 reference screen of the visual style brief.
"""

from __future__ import annotations

from dataclasses import dataclass

# The one WCAG contrast function, here too for the screens and their tests.
from kiosk.domain.contrast import contrast_ratio as contrast_ratio

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
    # The selected item: a neutral dark outline over a light halo, never a fill, so it does
    # not mix with the warm "lit up" colour or a dermatome overlay's hue.
    selected_outline: str = "#1F2A33"
    selected_halo: str = "#FFFFFF"
    diagram_background: str = "#F7F9FB"
    warning_bg: str = "#FFF4E5"
    warning_text: str = "#5C2E00"
    info_bg: str = "#E6EEF6"  # a calm note: soft blue, never an alarm colour
    info_border: str = "#52779C"
    danger: str = "#9B1C1C"  # "Exit the kiosk" (staff panel, first-run screen) only
    leader: str = "#4A5866"  # thin leader lines from a label to what it names
    signal: str = "#2C7FB8"  # an electrical signal in an animation (a stimulator's pulses)


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
    QPushButton#LanguageButton {{
        min-height: 64px;
        min-width: 96px;
        padding: 0px 20px;
        font-size: 28px;
        font-weight: bold;
    }}
    QPushButton[role="tab"] {{
        min-height: 64px;
        min-width: 200px;
        padding: 0px 24px;
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

    /* --- Questionnaire ("Which treatments could I discuss?") --- */
    #QuestionnaireScreen, #QPage {{ background: {p.background}; }}
    #QBar {{ background: {p.surface}; border-top: 2px solid {p.border}; }}
    #QProgress {{ font-size: {BODY_PX}px; font-weight: bold; color: {p.muted_text}; }}
    QProgressBar#QProgressBar {{ background: {p.border}; border: none; border-radius: 6px; }}
    QProgressBar#QProgressBar::chunk {{ background: {p.accent}; border-radius: 6px; }}
    #QKicker {{ font-size: 30px; font-weight: bold; color: {p.accent}; }}
    #QuestionText {{ font-size: 48px; font-weight: bold; color: {p.text}; }}
    #QuestionHelp {{ font-size: 32px; color: {p.muted_text}; }}
    #QIntroTitle {{ font-size: {TITLE_PX}px; font-weight: bold; color: {p.text}; }}
    #QIntroHeading {{ font-size: 32px; font-weight: bold; color: {p.text}; }}
    #QIntroText {{ font-size: 32px; color: {p.text}; }}
    #QIntroCard {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 20px; }}
    #QScaleEnd {{ font-size: {BODY_PX}px; font-weight: bold; color: {p.muted_text}; }}
    #QChosen {{ font-size: 32px; color: {p.text}; }}
    #QSidePanel {{ background: {p.surface}; border: none; }}
    #QSideBody, QScrollArea#QSideScroll {{ background: {p.surface}; border: none; }}
    QPushButton[role="answer"], QPushButton[role="scale"] {{
        min-height: 112px;
        font-size: 36px;
        padding: 0px 32px;
        border-radius: 20px;
        background: {p.surface};
        color: {p.text};
        border: 3px solid {p.accent};
    }}
    QPushButton[role="scale"] {{
        min-height: 128px;
        min-width: 56px; /* eleven fit a portrait screen */
        padding: 0px;
        font-size: 44px;
        font-weight: bold;
    }}
    QPushButton[role="answer"]:checked, QPushButton[role="scale"]:checked {{
        background: {p.accent};
        color: {p.on_accent};
        border: 3px solid {p.accent_pressed};
        font-weight: bold;
    }}
    QPushButton[role="answer"]:pressed, QPushButton[role="scale"]:pressed {{ background: {p.background}; }}
    QPushButton[role="answer"][align="left"] {{ text-align: left; padding: 0px 28px; }}
    QPushButton[role="answer"][variant="compact"] {{
        font-size: {BODY_PX}px; min-height: 88px; padding: 0px 16px;
    }}
    QPushButton[role="answer"][variant="big"] {{ min-height: 144px; font-size: 44px; }}
    #QBar QPushButton {{ min-width: 120px; }}
    #QBar[narrow="true"] QPushButton {{ min-width: 96px; padding: 0px 18px; }}
    QPushButton#QStart {{ min-width: 360px; }}
    QScrollArea#QResultsScroll, #QCards, QScrollArea#QResultsSideScroll, #QResultsSide {{
        background: {p.background};
    }}
    QPushButton[role="primary"]:disabled {{ background: #DDE3E9; color: #4A5763; border: 3px solid #DDE3E9; }}
    QPushButton[role="card"] {{
        background: {p.surface};
        border: 3px solid {p.accent};
        border-radius: 20px;
        padding: 0px;
        min-height: 112px;
    }}
    QPushButton[role="card"]:pressed {{ background: {p.background}; }}
    #QCardTitle {{ font-size: 36px; font-weight: bold; color: {p.accent}; background: transparent; }}
    #QCardReasons {{ font-size: {BODY_PX}px; color: {p.text}; background: transparent; }}
    #QCardMore {{ font-size: {BODY_PX}px; font-weight: bold; color: {p.accent}; background: transparent; }}
    #QNote {{ background: {p.info_bg}; border: 2px solid {p.info_border}; border-radius: 16px; }}
    #QNote QLabel {{ background: transparent; }}
    #QNoteText {{ font-size: {BODY_PX}px; color: {p.text}; }}
    #QStoppedTitle {{ font-size: {TITLE_PX}px; font-weight: bold; color: {p.text}; }}
    #QStoppedText {{ font-size: 32px; color: {p.text}; }}
    #QStoppedBody #QNoteText {{ font-size: 34px; }}
    QScrollArea#QCompareScroll, #QCompareHolder {{ background: {p.background}; }}
    #QCompareGrid {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 16px; }}
    #QCompareCorner {{ background: transparent; }}
    #QCompareHead {{
        font-size: 32px; font-weight: bold; color: {p.accent}; background: transparent;
        padding: 14px 18px 10px 18px; border-bottom: 3px solid {p.accent};
    }}
    #QCompareAspect {{ font-size: {BODY_PX}px; font-weight: bold; color: {p.text}; padding: 10px 18px; }}
    #QCompareCell {{ font-size: 26px; color: {p.text}; padding: 10px 18px; }}
    #QCompareCell[missing="true"] {{ color: {p.muted_text}; font-style: italic; }}
    #QCompareAspect[stripe="true"], #QCompareCell[stripe="true"] {{ background: {p.diagram_background}; }}
    #QStanding {{ background: {p.surface}; color: {p.text}; border: 2px solid {p.border};
                  border-radius: 16px; padding: 20px 24px; font-size: {BODY_PX}px; font-weight: bold; }}
    QScrollArea#QSummaryScroll {{
        background: {p.surface}; border: 2px solid {p.border}; border-radius: 16px;
    }}
    #QSummaryScroll #qt_scrollarea_viewport {{ background: transparent; }}
    #QSummary {{ background: transparent; color: {p.text}; padding: 20px 28px; font-size: {BODY_PX}px; }}
    #QQrCaption {{ font-size: {BODY_PX}px; color: {p.muted_text}; }}
    #QQrImage {{ background: #FFFFFF; border: 2px solid {p.border}; border-radius: 8px; }}
    #QUrgent[level="emergency"] {{ background: #14263D; }}
    #QUrgent[level="doctor_today"] {{ background: {p.warning_bg}; }}
    #QUrgent[level="emergency"] QLabel {{ color: #FFFFFF; }}
    #QUrgent[level="doctor_today"] QLabel {{ color: {p.warning_text}; }}
    #QUrgentTitle {{ font-size: 72px; font-weight: bold; }}
    QPushButton[role="mistake"] {{ min-height: {SECONDARY_BUTTON_HEIGHT}px; font-size: {BUTTON_PX}px;
                                  background: transparent; }}
    #QUrgent[level="emergency"] QPushButton[role="mistake"] {{ color: #FFFFFF; border: 3px solid #FFFFFF; }}
    #QUrgent[level="emergency"] QPushButton[role="mistake"]:pressed {{ background: #24405F; }}
    #QUrgent[level="doctor_today"] QPushButton[role="mistake"] {{
        color: {p.warning_text}; border: 3px solid {p.warning_text};
    }}
    #QUrgentBody {{ font-size: 34px; }}
    #QUrgent[level="emergency"] #QUrgentAction {{
        font-size: 40px; font-weight: bold; color: #14263D; background: #FFFFFF;
        border-radius: 20px; padding: 32px 40px;
    }}
    #QUrgent[level="doctor_today"] #QUrgentAction {{
        font-size: 40px; font-weight: bold; color: {p.warning_text}; background: {p.surface};
        border: 4px solid {p.warning_text}; border-radius: 20px; padding: 32px 40px;
    }}

    /* --- "See how it happens" animations: a large touch slider and a toggle --- */
    QSlider:horizontal {{ min-height: 72px; background: transparent; }}
    QSlider::groove:horizontal {{ height: 18px; border-radius: 9px; background: {p.border}; }}
    QSlider::sub-page:horizontal {{ border-radius: 9px; background: {p.accent}; }}
    QSlider::add-page:horizontal {{ border-radius: 9px; background: {p.border}; }}
    QSlider::handle:horizontal {{
        width: 56px; height: 56px; margin: -21px 0px; border-radius: 30px;
        background: {p.surface}; border: 4px solid {p.accent};
    }}
    QSlider::handle:horizontal:pressed {{ background: {p.background}; }}
    QPushButton[role="toggle"]:checked {{ background: {p.accent}; color: {p.on_accent}; }}
    QPushButton[role="toggle"]:checked:pressed {{ background: {p.accent_pressed}; }}
    #AnimationNote {{ font-size: {BODY_PX}px; color: {p.muted_text}; }}
    #SliderEnd {{ font-size: {BUTTON_PX}px; font-weight: bold; color: {p.muted_text}; }}
    #CompareLabel {{ font-size: 36px; font-weight: bold; color: {p.text}; }}

    /* --- Operations: "Still there?", the staff PIN pad and the staff panel --- */
    #StillThere {{ background: rgba(13, 27, 42, 150); }}
    #StaffScreen {{ background: {p.background}; }}
    #OverlayCard {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 28px; }}
    #OverlayTitle {{ font-size: 52px; font-weight: bold; color: {p.text}; }}
    #OverlayText {{ font-size: 32px; color: {p.text}; }}
    #PinDots {{ font-size: 48px; color: {p.text}; min-height: 64px; }}
    QProgressBar#PinBusy {{ background: {p.border}; border: none; border-radius: 6px; }}
    QProgressBar#PinBusy::chunk {{ background: {p.accent}; border-radius: 6px; }}
    QPushButton[role="pin"] {{
        min-height: 96px; min-width: 160px; font-size: 40px; font-weight: bold;
        color: {p.text}; border: 3px solid {p.border};
    }}
    QPushButton[role="pin"]:disabled, QPushButton:disabled {{ color: #6B7782; border-color: #DDE3E9; }}
    QPushButton[role="danger"] {{
        min-height: {PRIMARY_BUTTON_HEIGHT}px; background: {p.danger}; color: #FFFFFF;
        border: 3px solid {p.danger}; font-weight: bold;
    }}
    QPushButton[role="danger"]:pressed {{ background: #6E1212; }}
    #StaffCard {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 20px; }}
    #StaffTitle {{ font-size: {TITLE_PX}px; font-weight: bold; color: {p.text}; }}
    #StaffHeading {{ font-size: 30px; font-weight: bold; color: {p.text}; }}
    #StaffText {{ font-size: {BODY_PX}px; color: {p.text}; }}
    #StaffMessage {{ font-size: {BODY_PX}px; font-weight: bold; color: {p.text}; background: {p.surface};
                     border: 2px solid {p.border}; border-radius: 12px; padding: 16px; }}
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
