"""Read geometry parameters (resources/geometry/*.yaml) with the safe YAML loader."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources as importlib_resources

import yaml

__all__ = ["load_geometry"]


@lru_cache(maxsize=None)
def load_geometry(name: str) -> dict:
    """The parsed ``resources/geometry/<name>.yaml`` (cached; treat as read-only)."""
    text = (importlib_resources.files("resources") / "geometry" / f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)
