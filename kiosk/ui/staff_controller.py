"""Everything staff do inside the window: the PIN gate, the panel and what it offers.

:class:`StaffController` opens the PIN pad on the corner gesture (the first-run screen when no
PIN is set), opens and closes the staff panel, and carries out its buttons: reload the
content (checked first; a set with problems is refused and the visit on screen stays), the
start-up language (saved in the settings file), a test page on the configured printer, and
exit. Exit goes through the window's public :meth:`shutdown`, the one way to close a
locked-down kiosk.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from kiosk.domain.config import Config
from kiosk.domain.languages import language_name
from kiosk.domain.problems import Problem
from kiosk.ui.library import showable
from kiosk.ui.staff import StaffPanel
from kiosk.ui.staff_access import StaffAccess

log = logging.getLogger(__name__)


class StaffController(QObject):
    def __init__(self, host, session, counter, palette, config: Config, config_path: Path | None):
        """``host``: the window (its content, languages, library and shutdown);
        ``session``: the visit, wiped after a reload and kept awake while the gate is open."""
        super().__init__(host)
        self._host = host
        self._session = session
        self._settings = config
        self.config_path = config_path
        self.printer_factory = self._configured_printer
        self.access = StaffAccess(host, config, config_path, host.words)
        self.pin_gate, self.pin_pad = self.access.gate, self.access.pad
        self.access.unlocked.connect(self.open_panel)
        self.access.pinSaved.connect(self._first_pin_saved)
        self.access.exitRequested.connect(self._exit_without_pin)
        self.pin_pad.cancelled.connect(self.close)
        self.panel = StaffPanel(counter, palette, host.words, host, printer=config.printer)
        self.panel.title_of = self._title_of
        self.panel.backRequested.connect(self.close)
        self.panel.exitRequested.connect(self.exit)
        self.panel.reloadRequested.connect(self.reload)
        self.panel.testPrintRequested.connect(self.test_print)
        self.panel.languageRequested.connect(self.set_language)
        self.panel.consultRequested.connect(self.consult)
        # Set by whoever runs the window (kiosk/cli/run.py): closes the kiosk, opens consult mode.
        self.switch_to_consult: Callable[[], None] | None = None

    @property
    def overlays(self) -> tuple:
        return self.pin_pad, self.panel

    @property
    def unlocked(self) -> bool:
        return self.panel.isVisible()

    def _title_of(self, item_id: str) -> str:
        content = self._host.content
        item = content.get(item_id) if content is not None else None
        return item.title if item is not None else item_id

    # -- the gate ---------------------------------------------------------------
    def open_gate(self) -> None:
        """The corner gesture: the PIN pad (with no PIN set: the first-run screen to choose one)."""
        if self.panel.isVisible():
            return
        self._session.still_there.hide()
        self._session.watch_while_open()  # from the attract screen: the idle reset must close it
        self.access.open(self._host.words)  # in the language on screen

    def _first_pin_saved(self, path: Path) -> None:
        self.config_path = path
        self.open_panel()
        self.panel.show_message(self.panel.words["staff.pin_set"])

    def _exit_without_pin(self) -> None:
        self._host.shutdown()
        self._host.quit_app()

    def open_panel(self) -> None:
        self.pin_pad.close_pad()
        # the start language's button marked; the words in the language on screen
        self.panel.open(self._host.languages, self._host.default_language, self._host.words)

    def close(self) -> None:
        self.pin_pad.close_pad()
        self.panel.close_panel()
        self._session.overlay_closed()

    # -- the panel's buttons ----------------------------------------------------------
    def consult(self) -> bool:
        """The panel's "Switch to consult mode" (behind the PIN). False: not unlocked, or no way
        to switch was given."""
        if not self.unlocked or self.switch_to_consult is None:
            return False
        self.switch_to_consult()
        return True

    def exit(self) -> None:
        if not self.unlocked:
            return
        log.info("kiosk closed from the staff panel")
        self._host.shutdown()
        self._host.quit_app()

    def reload(self, language: str | None = None) -> bool:
        """Validate the content first; a set with problems is refused and the old one stays."""
        library = self._host.library
        if not self.unlocked or not library.can_load:
            return False
        language = language or self._host.language
        library.forget()
        content, problems = library.load(language)
        if not showable(content, problems):
            for problem in problems:
                log.error("content problem (reload refused): %s", problem)
            self._refuse_reload(problems)
            return False
        reopen = self.panel.isVisible()
        if not self._host.install_content(content, []):
            self._refuse_reload(self._host.problems_screen.problems)
            return False
        self._host.language = self._host.default_language = language
        self._session.reset("staff")
        if reopen:
            self.open_panel()
        self.panel.show_message(self.panel.words.text("staff.reloaded", count=len(content.items)))
        return True

    def _refuse_reload(self, problems: list[Problem]) -> None:
        self.panel.show_message(self.panel.words["staff.reload_refused"], problems)

    def set_language(self, language: str) -> None:
        host = self._host
        if language == host.default_language == host.language and host.content is not None:
            self.panel.mark_language(language)
            return
        if not self.reload(language):
            self.panel.mark_language(host.default_language)
            return
        self.panel.mark_language(language)
        words = self.panel.words  # the new language's, after the reload
        note = words.text("staff.start_language", language=language_name(language))
        if self.config_path is not None:
            try:
                from kiosk.domain.config import write_setting

                write_setting(self.config_path, "language", language)
                note += " " + words.text("staff.language_saved", file=self.config_path)
            except Exception as exc:
                log.warning("could not save the language in %s: %s", self.config_path, exc)
                note += " " + words["staff.language_not_saved"]
        self.panel.show_message(note)

    def _configured_printer(self):
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        name = self._settings.printer
        if not name or name not in QPrinterInfo.availablePrinterNames():
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(name)
        return printer

    def test_print(self) -> bool:
        if not self.unlocked:
            return False
        printer_name = self._settings.printer
        if not printer_name:
            self.panel.show_message(self.panel.words["staff.no_printer"])
            return False
        printer = self.printer_factory()
        if printer is None:
            log.warning("test print: the printer %r was not found", printer_name)
            self.panel.show_message(self.panel.words.text("staff.printer_missing", printer=printer_name))
            return False
        from PySide6.QtGui import QTextDocument

        title = html.escape(self._settings.clinic_name)
        words = self.panel.words
        document = QTextDocument()
        document.setHtml(f"<h1>{title}</h1><p>{html.escape(words['staff.test_page'])}</p>"
                         f"<p>{html.escape(words['staff.test_page_line'])}</p>")
        document.print_(printer)
        self.panel.show_message(words.text("staff.printed", printer=printer_name))
        return True
