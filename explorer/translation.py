"""The interface's language: Qt's translation system (QTranslator) for every string the
window shows (self.tr / QCoreApplication.translate); the content (names, link texts)
comes from the knowledge base in the chosen language.

The Dutch translations live in explorer/i18n/explorer_nl.ts (Qt Linguist's format, edit
it with pyside6-linguist or by hand) and ship compiled as explorer_nl.qm. After changing
interface strings run ``python -m explorer.translation``: it collects new strings into the
.ts (keeping the translations there) and compiles the .qm. A test checks that every
string is translated and that the .qm matches the .ts.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

__all__ = ["set_interface_language", "system_language", "TS_FILE", "QM_FILE", "update"]

I18N_DIR = Path(__file__).resolve().parent / "i18n"
TS_FILE = I18N_DIR / "explorer_nl.ts"
QM_FILE = I18N_DIR / "explorer_nl.qm"
_installed: list[QTranslator] = []


def system_language() -> str:
    """Dutch when the system speaks Dutch, else English."""
    return "nl" if QLocale.system().language() == QLocale.Dutch else "en"


def set_interface_language(language: str) -> None:
    """Install the translators for ``language`` ("en" or "nl") in the running application.
    Qt then sends every widget a LanguageChange event, and each retranslates itself."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "nl":
        return
    ours = QTranslator()
    if not ours.load(str(QM_FILE)):
        print(f"warning: no Dutch interface translation at {QM_FILE}", file=sys.stderr)
    # Qt's own strings (standard buttons, file dialogs) in Dutch as well
    qt_base = QTranslator()
    qt_base.load(QLocale(QLocale.Dutch), "qtbase", "_",
                 QLibraryInfo.path(QLibraryInfo.TranslationsPath))
    for translator in (qt_base, ours):
        if not translator.isEmpty():
            app.installTranslator(translator)
            _installed.append(translator)


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def update() -> None:
    """Collect the interface strings of explorer/*.py into the .ts, then compile the .qm."""
    sources = sorted(str(p) for p in Path(__file__).resolve().parent.glob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(TS_FILE)],
                   check=True)
    subprocess.run([_tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(QM_FILE)], check=True)


if __name__ == "__main__":
    update()
