"""Read geometry parameters (resources/geometry/*.yaml) with the safe YAML loader
(libyaml's when installed)."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources as importlib_resources

import yaml

__all__ = ["load_geometry", "geometry_digest"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _path(name: str):
    return importlib_resources.files("resources") / "geometry" / f"{name}.yaml"


@lru_cache(maxsize=None)
def load_geometry(name: str) -> dict:
    """The parsed ``resources/geometry/<name>.yaml`` (cached; treat as read-only)."""
    text = _path(name).read_text("utf-8")
    # libyaml's loader when present: the pure-Python one took ~0.5 s of every start-up
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader (C or Python)


def geometry_digest(*names: str) -> bytes:
    """A hash of the tables' bytes, for cache keys: no parsing (placements alone takes
    ~0.1 s to parse, which a start with every mesh cached need not pay)."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + _path(name).read_bytes() + b"\0")
    return digest.digest()
