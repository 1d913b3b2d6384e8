"""The Dutch interface: every string of the window translated, and the shipped .qm
compiled from the .ts as it is (run `python -m explorer.translation` after changes)."""
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from explorer.translation import QM_FILE, TS_FILE, _tool


def unfinished(ts: Path) -> list[str]:
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        empty = not (translation.text or "").strip() and not len(translation)
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or empty:
            missing.append(message.findtext("source"))
    return missing


def test_every_interface_string_is_in_the_ts_and_translated(tmp_path):
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    sources = sorted(str(p) for p in TS_FILE.parent.parent.glob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(copy)],
                   check=True, capture_output=True)
    assert unfinished(copy) == [], "run `python -m explorer.translation` and translate these"


def test_shipped_qm_is_compiled_from_the_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(fresh)],
                   check=True, capture_output=True)
    assert fresh.read_bytes() == QM_FILE.read_bytes()


def test_dutch_first_when_the_system_speaks_dutch():
    import os
    import sys
    code = ("from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
            "from explorer.translation import system_language; print(system_language())")
    for lang, expected in (("nl_NL.UTF-8", "nl"), ("nl_BE.UTF-8", "nl"), ("en_GB.UTF-8", "en")):
        env = {**os.environ, "LC_ALL": lang, "LANG": lang, "LANGUAGE": ""}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, timeout=60, cwd=str(TS_FILE.parents[2]))
        assert result.stdout.strip() == expected, result.stderr
