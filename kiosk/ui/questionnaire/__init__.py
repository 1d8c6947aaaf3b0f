"""The questionnaire "Which treatments could I discuss?" as touch screens.

One widget per page: :mod:`.intro`, the question pages (:mod:`.question_pages` for yes/no,
choices and the pain scale, :mod:`.body_map` for "where does it hurt"), :mod:`.urgent`
(the urgent page and the calm page of a result without topics), :mod:`.results`,
:mod:`.compare` ("Compare your options") and :mod:`.handoff` ("Show my doctor").
:mod:`.screen` owns the page stack, the bottom bar and the flow; the engine
(:mod:`kiosk.domain.questionnaire`) decides everything.
"""

from kiosk.ui.questionnaire.common import AnswerButton
from kiosk.ui.questionnaire.compare import ASPECTS, compare_table
from kiosk.ui.questionnaire.handoff import QR_BORDER, qr_image
from kiosk.ui.questionnaire.results import ResultCard
from kiosk.ui.questionnaire.screen import PAGES, QuestionnaireScreen

__all__ = ["ASPECTS", "PAGES", "QR_BORDER", "AnswerButton", "QuestionnaireScreen",
           "ResultCard", "compare_table", "qr_image"]
