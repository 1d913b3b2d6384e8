"""PySide6 6.12.0 drops a reference to True on every Python emit(); explorer.qt_compat
makes up for it, so a long session cannot abort with "bool_dealloc"."""
import sys

from explorer.view_state import ViewState


def test_thousands_of_emissions_leave_true_alive(graph):
    state = ViewState(graph)
    for _ in range(3000):          # several times what True's own count would survive
        state.set_register("professional")
        state.set_register("patient")
    assert sys.getrefcount(True) > 1000


def test_thousands_of_qt_calls_leave_none_alive():
    from PySide6.QtCore import QObject
    probe = QObject()
    for _ in range(20000):         # None alone has only a few thousand references
        probe.setObjectName("x")
    assert sys.getrefcount(None) > 1000
