"""The one place for colours, sizes and the style sheet.

Sizes are in pixels at the 1920x1080 reference screen of the visual style brief.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kiosk.domain.config import CONTRASTS, TEXT_SIZES, Config

# The one WCAG contrast function, here too for the screens and their tests.
from kiosk.domain.contrast import AAA_TEXT
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

# Consult mode (a clinician's screen): tool buttons, and the pen's colours and sizes.
CONSULT_TOOL_PX = 56
# Pen colours by the names the drawings file uses (kiosk.domain.annotations.COLOURS): dark and
# saturated enough to read on the drawings' light background, apart for colour-blind viewers.
PEN_COLOURS = {"blue": "#1F5FBF", "red": "#C62828", "green": "#2E7D32", "black": "#17212B",
               "yellow": "#F2C200"}
PEN_WIDTHS = {"thin": 4.0, "thick": 9.0}  # scene units (the drawings are about 1000 units tall)
HIGHLIGHTER_WIDTH = 28.0
HIGHLIGHTER_ALPHA = 0.38
ERASER_RADIUS_PX = 18  # screen pixels round the finger that rub a stroke out

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
    danger_pressed: str = "#6E1212"
    on_danger: str = "#FFFFFF"
    disabled_bg: str = "#DDE3E9"  # a primary button that cannot be tapped yet
    disabled_text: str = "#4A5763"
    inactive_text: str = "#6B7782"  # any other button that cannot be tapped
    urgent_bg: str = "#14263D"  # "call for help now": calm dark blue, never a flashing red
    urgent_pressed: str = "#24405F"
    on_urgent: str = "#FFFFFF"
    backdrop_glow: str = "#DCE7F1"  # the attract screen's background fades from ``background`` to this
    # Not colours: how much heavier the drawings' own lines (outlines of what is lit or selected,
    # label leaders) are drawn; the high-contrast theme makes them stronger.
    line_weight: float = 1.0
    # Not a colour: the settings' text_size (see font_px). It travels with the colours, so every
    # screen that is given the palette gets it too.
    text_size: float = 1.0


# Black on white, darker accents and borders: every text at least 7:1 against what is behind it
# (WCAG AAA). The drawings and animations keep their own art's colours, with black labels and
# leaders and stronger outlines from here.
HIGH_CONTRAST = Palette(
    background="#FFFFFF",
    surface="#FFFFFF",
    text="#000000",
    muted_text="#1F1F1F",
    border="#3D3D3D",
    accent="#00336B",
    accent_pressed="#001F42",
    selected_outline="#000000",
    diagram_background="#FFFFFF",
    warning_bg="#FFF4E5",
    warning_text="#3D1F00",
    info_bg="#EEF3F8",
    info_border="#00336B",
    danger="#7A0F0F",
    danger_pressed="#4D0909",
    disabled_bg="#E6E6E6",
    disabled_text="#2B2B2B",
    inactive_text="#3D3D3D",
    urgent_bg="#000000",
    urgent_pressed="#1F1F1F",
    # the drawings, animations and attract screen: black labels and leaders, darker outlines,
    # no pale tint behind the attract screen, every line half as heavy again
    highlight_outline="#8C2A0C",
    leader="#000000",
    signal="#0F4C81",
    backdrop_glow="#FFFFFF",
    line_weight=1.5,
)

# A printed hand-off and its QR code: black on white whatever the screen's theme (a QR code
# needs dark modules on a light ground, and a printer has no theme).
PRINT_INK = "#000000"
PRINT_PAPER = "#FFFFFF"


@dataclass(frozen=True)
class TextPair:
    """Text in the palette colour ``text`` on the palette colour ``background``, somewhere in the style."""

    text: str
    background: str


class _Colours:
    """Writes each text colour of a style sheet and notes the background it is drawn on.

    Every ``color:`` of the style comes from :meth:`text`, so the list of text/background pairs
    that ``kiosk check-theme`` measures is the style sheet itself, never a second list.
    """

    def __init__(self, palette: Palette):
        self.palette = palette
        self.pairs: list[TextPair] = []

    def text(self, colour: str, *backgrounds: str) -> str:
        for background in backgrounds:
            pair = TextPair(colour, background)
            if pair not in self.pairs:
                self.pairs.append(pair)
        return f"color: {getattr(self.palette, colour)}"


BOTH = ("background", "surface")  # a label that sits on the window or on a card
STRIPES = ("surface", "diagram_background")  # a cell of the comparison grid, plain or striped


def palette_for(accent: str | None = None, contrast: str = "normal", text_size: float = 1.0) -> Palette:
    """The palette of the settings' ``accent_color`` and ``contrast``.

    The default accent keeps each theme's own blue. In high contrast a clinic's accent is kept
    only when white text on it (and it on white) reaches 7:1; a lighter one gives way to the
    high-contrast blue.
    """
    if contrast not in CONTRASTS:
        raise ValueError(f"contrast must be one of {', '.join(CONTRASTS)}, not {contrast!r}")
    if not TEXT_SIZES[0] <= text_size <= TEXT_SIZES[1]:
        raise ValueError(f"text_size must be from {TEXT_SIZES[0]} to {TEXT_SIZES[1]}, not {text_size!r}")
    base = replace(HIGH_CONTRAST if contrast == "high" else Palette(), text_size=text_size)
    if not accent or accent.upper() == Palette.accent.upper():
        return base
    if contrast == "high" and contrast_ratio(accent, base.on_accent) < AAA_TEXT:
        return base
    return replace(base, accent=accent, accent_pressed=accent)


def config_palette(config: Config) -> Palette:
    """The palette a :class:`~kiosk.domain.config.Config` asks for: the one place settings pick colours."""
    return palette_for(config.accent_color, config.contrast, config.text_size)


def text_pairs(p: Palette) -> list[TextPair]:
    """Every text/background pair of the style sheet and the panel's document style, once each."""
    colours = _Colours(p)
    _style_sheet(p, colours)
    _document_css(p, colours)
    return colours.pairs


_FONT_SIZE = re.compile(r"font-size: (\d+)px")


def _grown(px: int, text_size: float) -> int:
    return px + round(BODY_PX * (text_size - 1))


def font_px(px: int, p: Palette) -> int:
    """A font size of the reference screen in the palette's text size.

    Body text becomes ``text_size`` times as large; every other size grows by the same number
    of pixels, so small print grows a little more and headings, already large, a little less
    (at 1.5 a title is 70 px, not 84 px, and the home screen's two large buttons still share a
    row at 1920x1080)."""
    return _grown(px, p.text_size)


def _scaled(css: str, text_size: float) -> str:
    """Every ``font-size`` of ``css`` in the text size ``text_size``."""
    if text_size == 1.0:
        return css
    return _FONT_SIZE.sub(lambda m: f"font-size: {_grown(int(m.group(1)), text_size)}px", css)


def style_sheet(p: Palette) -> str:
    return _scaled(_style_sheet(p, _Colours(p)), p.text_size)


def document_css(p: Palette) -> str:
    """Default style sheet of the explanation panel's rich-text document."""
    return _scaled(_document_css(p, _Colours(p)), p.text_size)


def _style_sheet(p: Palette, c: _Colours) -> str:
    return f"""
    QWidget {{
        font-family: "{FONT_FAMILY}";
        font-size: {BODY_PX}px;
        {c.text("text", *BOTH)};
    }}
    QMainWindow, #KioskRoot {{ background: {p.background}; }}
    #TopBar {{ background: {p.surface}; border-bottom: 2px solid {p.border}; }}
    #BottomBar {{ background: {p.surface}; border-top: 2px solid {p.border}; }}
    #ClinicName {{ font-size: 34px; font-weight: bold; {c.text("text", *BOTH)}; }}
    #ScreenTitle {{ font-size: {TITLE_PX}px; font-weight: bold; {c.text("text", *BOTH)}; }}
    #Welcome {{ font-size: 32px; {c.text("muted_text", *BOTH)}; }}
    #Hint {{ font-size: {BODY_PX}px; {c.text("muted_text", *BOTH)}; }}
    QPushButton {{
        font-size: {BUTTON_PX}px;
        min-height: {SECONDARY_BUTTON_HEIGHT}px;
        min-width: 120px;
        padding: 0px 28px;
        border-radius: 14px;
        background: {p.surface};
        {c.text("accent", "surface")};
        border: 3px solid {p.accent};
    }}
    QPushButton:pressed {{ background: {p.background}; {c.text("accent", "background")}; }}
    QPushButton[role="primary"] {{
        min-height: {PRIMARY_BUTTON_HEIGHT}px;
        background: {p.accent};
        {c.text("on_accent", "accent")};
        border: 3px solid {p.accent};
        font-weight: bold;
    }}
    QPushButton[role="primary"]:pressed {{ background: {p.accent_pressed};
        {c.text("on_accent", "accent_pressed")}; }}
    QPushButton[role="hero"] {{
        min-height: 120px;
        font-size: 40px;
        font-weight: bold;
        background: {p.accent};
        {c.text("on_accent", "accent")};
        border: 3px solid {p.accent};
        border-radius: 24px;
        padding: 0px 56px;
    }}
    QPushButton[role="hero"]:pressed {{ background: {p.accent_pressed};
        {c.text("on_accent", "accent_pressed")}; }}
    QPushButton[role="related"] {{
        text-align: left;
        padding: 0px 24px;
        min-height: {SECONDARY_BUTTON_HEIGHT}px;
    }}
    QPushButton#LanguageButton, #DisplayButtons QPushButton {{
        min-height: 64px;
        min-width: 96px;
        padding: 0px 20px;
        font-size: 28px;
        font-weight: bold;
    }}
    #DisplayButtons QPushButton[compact="true"] {{ min-width: 64px; padding: 0px 8px; }}
    QPushButton[role="tab"] {{
        min-height: 64px;
        min-width: 200px;
        padding: 0px 24px;
        font-size: 28px;
        border-radius: 12px;
        border: 3px solid {p.border};
        {c.text("text", "surface")};
        background: {p.surface};
    }}
    QPushButton[role="tab"]:checked {{
        background: {p.accent};
        {c.text("on_accent", "accent")};
        border: 3px solid {p.accent};
    }}
    #Panel {{ background: {p.surface}; border-left: 2px solid {p.border}; }}
    #PanelText, #PanelBody {{ background: {p.surface}; border: none; }}
    #RelatedHeading {{ font-size: 30px; font-weight: bold; {c.text("text", "surface")}; }}
    QScrollArea {{ border: none; background: {p.surface}; }}
    QScrollBar:vertical {{ width: 20px; background: {p.background}; border: none; }}
    QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 10px; min-height: 64px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
    #ProblemsScreen {{ background: {p.warning_bg}; }}
    #ProblemsTitle {{ font-size: 44px; font-weight: bold; {c.text("warning_text", "warning_bg")}; }}
    #ProblemsList {{ font-family: monospace; font-size: 22px; background: {p.surface};
        {c.text("text", "surface")};
                     border: 2px solid {p.border}; }}

    /* --- Questionnaire ("Which treatments could I discuss?") --- */
    #QuestionnaireScreen, #QPage {{ background: {p.background}; }}
    #QBar {{ background: {p.surface}; border-top: 2px solid {p.border}; }}
    /* a long list scrolls: a wide bar in the accent colour says so and takes a finger */
    #QuestionnaireScreen QScrollBar:vertical {{ width: 28px; }}
    #QuestionnaireScreen QScrollBar::handle:vertical {{ background: {p.accent}; border-radius: 14px; }}
    /* the part of a page that scrolls on a short screen shows the page's own background */
    QScrollArea[part="page"], QWidget[part="page"] {{ background: transparent; }}
    #QProgress {{ font-size: {BODY_PX}px; font-weight: bold; {c.text("muted_text", *BOTH)}; }}
    QProgressBar#QProgressBar {{ background: {p.border}; border: none; border-radius: 6px; }}
    QProgressBar#QProgressBar::chunk {{ background: {p.accent}; border-radius: 6px; }}
    #QKicker {{ font-size: 30px; font-weight: bold; {c.text("accent", *BOTH)}; }}
    #QuestionText {{ font-size: 48px; font-weight: bold; {c.text("text", *BOTH)}; }}
    #QuestionHelp {{ font-size: 32px; {c.text("muted_text", *BOTH)}; }}
    /* a short screen without room for the longest question (or the intro) in the usual size */
    #QKicker[fit="small"] {{ font-size: 26px; }}
    #QuestionText[fit="small"] {{ font-size: 38px; }}
    #QuestionHelp[fit="small"], #QIntroText[fit="small"], #QIntroHeading[fit="small"] {{ font-size: 28px; }}
    #QIntroTitle[fit="small"], #QStoppedTitle[fit="small"] {{ font-size: 44px; }}
    #QUrgentTitle[fit="small"] {{ font-size: 44px; }}
    #QUrgentBody[fit="small"], #QStoppedText[fit="small"] {{ font-size: 28px; }}
    #QStoppedBody #QNoteText[fit="small"] {{ font-size: 28px; }}
    #QIntroTitle {{ font-size: {TITLE_PX}px; font-weight: bold; {c.text("text", *BOTH)}; }}
    #QIntroHeading {{ font-size: 32px; font-weight: bold; {c.text("text", *BOTH)}; }}
    #QIntroText {{ font-size: 32px; {c.text("text", *BOTH)}; }}
    #QIntroCard {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 20px; }}
    #QScaleEnd {{ font-size: {BODY_PX}px; font-weight: bold; {c.text("muted_text", *BOTH)}; }}
    #QChosen {{ font-size: 32px; {c.text("text", *BOTH)}; }}
    #QSidePanel {{ background: {p.surface}; border: none; }}
    #QSideBody, QScrollArea#QSideScroll {{ background: {p.surface}; border: none; }}
    QPushButton[role="answer"], QPushButton[role="scale"] {{
        min-height: 112px;
        font-size: 36px;
        padding: 0px 32px;
        border-radius: 20px;
        background: {p.surface};
        {c.text("text", "surface")};
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
        {c.text("on_accent", "accent")};
        border: 3px solid {p.accent_pressed};
        font-weight: bold;
    }}
    QPushButton[role="answer"]:pressed, QPushButton[role="scale"]:pressed {{
        background: {p.background}; {c.text("text", "background")};
    }}
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
    QPushButton[role="primary"]:disabled {{
        background: {p.disabled_bg}; {c.text("disabled_text", "disabled_bg")};
        border: 3px solid {p.disabled_bg};
    }}
    QPushButton[role="card"] {{
        background: {p.surface};
        border: 3px solid {p.accent};
        border-radius: 20px;
        padding: 0px;
        min-height: 112px;
    }}
    QPushButton[role="card"]:pressed {{ background: {p.background}; }}
    #QCardTitle {{ font-size: 36px; font-weight: bold; {c.text("accent", *BOTH)}; background: transparent; }}
    #QCardReasons {{ font-size: {BODY_PX}px; {c.text("text", *BOTH)}; background: transparent; }}
    #QCardMore {{ font-size: {BODY_PX}px; font-weight: bold; {c.text("accent", *BOTH)};
        background: transparent; }}
    #QNote {{ background: {p.info_bg}; border: 2px solid {p.info_border}; border-radius: 16px; }}
    #QNote QLabel {{ background: transparent; }}
    #QNoteText {{ font-size: {BODY_PX}px; {c.text("text", "info_bg")}; }}
    #QStoppedTitle {{ font-size: {TITLE_PX}px; font-weight: bold; {c.text("text", *BOTH)}; }}
    #QStoppedText {{ font-size: 32px; {c.text("text", *BOTH)}; }}
    #QStoppedBody #QNoteText {{ font-size: 34px; }}
    QScrollArea#QCompareScroll, #QCompareHolder {{ background: {p.background}; }}
    #QCompareGrid {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 16px; }}
    #QCompareCorner {{ background: transparent; }}
    #QCompareHead {{
        font-size: 32px; font-weight: bold; {c.text("accent", "surface")}; background: transparent;
        padding: 14px 18px 10px 18px; border-bottom: 3px solid {p.accent};
    }}
    #QCompareAspect {{ font-size: {BODY_PX}px; font-weight: bold; {c.text("text", *STRIPES)};
        padding: 10px 18px; }}
    #QCompareCell {{ font-size: 26px; {c.text("text", *STRIPES)}; padding: 10px 18px; }}
    #QCompareCell[missing="true"] {{ {c.text("muted_text", *STRIPES)}; font-style: italic; }}
    #QCompareAspect[stripe="true"], #QCompareCell[stripe="true"] {{ background: {p.diagram_background}; }}
    #QStanding {{ background: {p.surface}; {c.text("text", "surface")}; border: 2px solid {p.border};
                  border-radius: 16px; padding: 20px 24px; font-size: {BODY_PX}px; font-weight: bold; }}
    QScrollArea#QSummaryScroll {{
        background: {p.surface}; border: 2px solid {p.border}; border-radius: 16px;
    }}
    #QSummaryScroll #qt_scrollarea_viewport {{ background: transparent; }}
    #QSummary {{ background: transparent; {c.text("text", "surface")}; padding: 20px 28px;
        font-size: {BODY_PX}px; }}
    #QQrCaption {{ font-size: {BODY_PX}px; {c.text("muted_text", *BOTH)}; }}
    #QQrImage {{ background: {PRINT_PAPER}; border: 2px solid {p.border}; border-radius: 8px; }}
    #QUrgent[level="emergency"], #QUrgent[level="emergency"] #QUrgentWords {{ background: {p.urgent_bg}; }}
    #QUrgent[level="doctor_today"], #QUrgent[level="doctor_today"] #QUrgentWords {{
        background: {p.warning_bg}; }}
    #QUrgent[level="emergency"] QLabel {{ {c.text("on_urgent", "urgent_bg")}; }}
    #QUrgent[level="doctor_today"] QLabel {{ {c.text("warning_text", "warning_bg")}; }}
    #QUrgentTitle {{ font-size: 72px; font-weight: bold; }}
    QPushButton[role="mistake"] {{ min-height: {SECONDARY_BUTTON_HEIGHT}px; font-size: {BUTTON_PX}px;
                                  background: transparent; }}
    #QUrgent[level="emergency"] QPushButton[role="mistake"] {{
        {c.text("on_urgent", "urgent_bg")}; border: 3px solid {p.on_urgent};
    }}
    #QUrgent[level="emergency"] QPushButton[role="mistake"]:pressed {{
        background: {p.urgent_pressed}; {c.text("on_urgent", "urgent_pressed")};
    }}
    #QUrgent[level="doctor_today"] QPushButton[role="mistake"] {{
        {c.text("warning_text", "warning_bg")}; border: 3px solid {p.warning_text};
    }}
    #QUrgentBody {{ font-size: 34px; }}
    #QUrgent[level] #QUrgentAction[fit="small"] {{ font-size: 30px; padding: 16px 24px; }}
    #QUrgent[level="emergency"] #QUrgentAction {{
        font-size: 40px; font-weight: bold; {c.text("urgent_bg", "on_urgent")}; background: {p.on_urgent};
        border-radius: 20px; padding: 32px 40px;
    }}
    #QUrgent[level="doctor_today"] #QUrgentAction {{
        font-size: 40px; font-weight: bold; {c.text("warning_text", "surface")}; background: {p.surface};
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
    QPushButton[role="toggle"]:checked {{ background: {p.accent}; {c.text("on_accent", "accent")}; }}
    QPushButton[role="toggle"]:checked:pressed {{
        background: {p.accent_pressed}; {c.text("on_accent", "accent_pressed")};
    }}
    #AnimationNote {{ font-size: {BODY_PX}px; {c.text("muted_text", *BOTH)}; }}
    #SliderEnd {{ font-size: {BUTTON_PX}px; font-weight: bold; {c.text("muted_text", *BOTH)}; }}
    #CompareLabel {{ font-size: 36px; font-weight: bold; {c.text("text", *BOTH)}; }}

    /* --- Operations: "Still there?", the staff PIN pad and the staff panel --- */
    #StillThere {{ background: rgba(13, 27, 42, 150); }}
    #StaffScreen {{ background: {p.background}; }}
    #OverlayCard {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 28px; }}
    #OverlayTitle {{ font-size: 52px; font-weight: bold; {c.text("text", "surface")}; }}
    #OverlayText {{ font-size: 32px; {c.text("text", "surface")}; }}
    #PinDots {{ font-size: 48px; {c.text("text", "surface")}; min-height: 64px; }}
    QProgressBar#PinBusy {{ background: {p.border}; border: none; border-radius: 6px; }}
    QProgressBar#PinBusy::chunk {{ background: {p.accent}; border-radius: 6px; }}
    QPushButton[role="pin"] {{
        min-height: 96px; min-width: 160px; font-size: 40px; font-weight: bold;
        {c.text("text", "surface")}; border: 3px solid {p.border};
    }}
    QPushButton[role="pin"][compact="true"] {{ min-height: 60px; font-size: 34px; }}
    QPushButton[role="pin"]:disabled, QPushButton:disabled {{
        {c.text("inactive_text", "surface")}; border-color: {p.disabled_bg};
    }}
    QPushButton[role="danger"] {{
        min-height: {PRIMARY_BUTTON_HEIGHT}px; background: {p.danger}; {c.text("on_danger", "danger")};
        border: 3px solid {p.danger}; font-weight: bold;
    }}
    QPushButton[role="danger"]:pressed {{ background: {p.danger_pressed};
        {c.text("on_danger", "danger_pressed")}; }}
    #StaffCard {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 20px; }}
    #StaffTitle {{ font-size: {TITLE_PX}px; font-weight: bold; {c.text("text", *BOTH)}; }}
    #StaffHeading {{ font-size: 30px; font-weight: bold; {c.text("text", "surface")}; }}
    #StaffText {{ font-size: {BODY_PX}px; {c.text("text", "surface")}; }}
    #StaffNote {{ font-size: {SMALL_PX}px; {c.text("text", "surface")}; }}
    #StaffMessage {{ font-size: {BODY_PX}px; font-weight: bold; {c.text("text", "surface")};
        background: {p.surface};
                     border: 2px solid {p.border}; border-radius: 12px; padding: 16px; }}
    #ConsultOverlay {{ background: rgba(13, 27, 42, 150); }}
    #ConsultPane[active="true"] {{ border: 3px solid {p.accent}; }}
    #ConsultBar {{ background: {p.surface}; border-bottom: 2px solid {p.border}; }}
    #ConsultTitle {{ font-size: 30px; font-weight: bold; {c.text("text", *BOTH)}; }}
    #ConsultStep {{ font-size: {SMALL_PX}px; {c.text("muted_text", *BOTH)}; }}
    #ConsultHelpText {{ font-size: {SMALL_PX}px; {c.text("text", "surface")}; }}
    QPushButton[role="tool"] {{
        min-height: {CONSULT_TOOL_PX}px; min-width: {CONSULT_TOOL_PX}px; padding: 0px 12px;
        font-size: {SMALL_PX}px; border-radius: 10px; border: 2px solid {p.border};
        {c.text("text", "surface")}; background: {p.surface};
    }}
    QPushButton[role="tool"]:checked {{ background: {p.accent}; {c.text("on_accent", "accent")};
        border: 2px solid {p.accent}; }}
    QPushButton[role="tool"][accent="true"] {{ background: {p.accent}; {c.text("on_accent", "accent")};
        border: 2px solid {p.accent}; font-weight: bold; }}
    QPushButton[role="tool"]:disabled {{ {c.text("inactive_text", "surface")}; }}
    QPushButton[role="pick"] {{ text-align: left; padding: 0px 20px; font-size: {SMALL_PX}px;
        min-height: {CONSULT_TOOL_PX}px; }}
    """


def _document_css(p: Palette, c: _Colours) -> str:
    return f"""
    body {{ font-family: "{FONT_FAMILY}"; font-size: {BODY_PX}px; {c.text("text", "surface")}; }}
    h1 {{ font-size: {HEADING_PX}px; font-weight: bold; margin-top: 0px; margin-bottom: 12px; }}
    h2 {{ font-size: 32px; font-weight: bold; margin-top: 28px; margin-bottom: 8px; }}
    h3 {{ font-size: 30px; font-weight: bold; margin-top: 20px; margin-bottom: 6px; }}
    p {{ margin-top: 0px; margin-bottom: 16px; line-height: 140%; }}
    li {{ margin-bottom: 8px; line-height: 140%; }}
    p.summary {{ {c.text("muted_text", "surface")}; font-size: 30px; }}
    a {{ {c.text("accent", "surface")}; font-weight: bold; text-decoration: underline; }}
    """
