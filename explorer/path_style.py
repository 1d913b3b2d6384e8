"""How a path's steps look, the same in the 3D view and the graph panel: the colour says
the mechanism, the line says the evidence (solid textbook anatomy, dashed clinical
pattern, dotted model or booklet claim)."""
from __future__ import annotations

__all__ = ["MECHANISM_COLOR", "EVIDENCE_DASH", "rgb"]

# Hues far apart, each readable on the dark 3D background and on the light graph panel.
MECHANISM_COLOR = {
    "structural": "#9e9e9e",
    "fascial": "#00acc1",
    "ligamentous": "#8e24aa",
    "mechanical": "#a1887f",
    "neural": "#f9a825",
    "visceral-referral": "#e53935",
    "muscular": "#43a047",
}
# Dash and gap lengths (millimetres in 3D, pen widths in 2D); None is a solid line.
EVIDENCE_DASH = {
    "anatomy": None,
    "clinical": (8.0, 5.0),
    "model": (1.5, 4.0),
    "booklet": (1.5, 4.0),
}


def rgb(hex_color: str) -> tuple[float, float, float]:
    """'#rrggbb' -> (r, g, b) in 0..1."""
    value = hex_color.lstrip("#")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
