"""A work-around for reference-count bugs in PySide6 6.12.0, applied on import.

Measured on Python 3.11 with PySide6 6.12.0: every call from Python of a Qt method that
returns nothing (``setText``, ``setVisible``, ``parent()`` when there is none, ...) drops
one reference to ``None``, and every ``SignalInstance.emit()`` drops one to ``True``.
``None`` has a few thousand references and ``True`` a few hundred, so after a few minutes
of use the process aborts with "Fatal Python error: none_dealloc" (or "bool_dealloc").
None, True and False are never freed, so raising their counts once by 2**40 is harmless
and outlasts any session. Done only when a probe shows the leak, and never on Python
3.12+, where these objects are immortal. The real fix is a PySide6 without the bug
(pin it in pyproject.toml).
"""
from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

__all__ = ["leaking_singletons", "apply"]

BALLAST = 1 << 40


def leaking_singletons() -> list:
    """Which of None and True lose a reference through a plain Qt call or an emit."""
    class _Probe(QObject):
        ping = Signal()
    probe = _Probe()
    leaking = []
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    if sys.getrefcount(None) < before - 5:
        leaking.append(None)
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.ping.emit()
    if sys.getrefcount(True) < before - 5:
        leaking += [True, False]
    return leaking


def apply() -> None:
    if sys.version_info >= (3, 12):
        return
    for value in leaking_singletons():
        # ob_refcnt is a PyObject's first field in CPython
        ctypes.c_ssize_t.from_address(id(value)).value += BALLAST


apply()
