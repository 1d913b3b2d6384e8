"""Read geometry parameters (resources/geometry/*.yaml) with the safe YAML loader
(libyaml's when installed)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources as importlib_resources

import yaml

__all__ = ["load_geometry"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_geometry(name: str) -> dict:
    """The parsed ``resources/geometry/<name>.yaml`` (cached; treat as read-only)."""
    text = (importlib_resources.files("resources") / "geometry" / f"{name}.yaml").read_text("utf-8")
    # libyaml's loader when present: the pure-Python one took ~0.5 s of every start-up
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader (C or Python)
