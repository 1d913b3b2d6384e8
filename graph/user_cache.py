"""The user's cache folder: ``~/.cache/fascia-explorer``, or ``$FASCIA_EXPLORER_CACHE``.

What is kept there is derived data only (meshes, the validated knowledge graph), each file
keyed by a hash of what it was made from, so a stale file is never read; deleting the folder
only costs the next start the time to make them again.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir"]


def cache_dir() -> Path:
    return Path(os.environ.get("FASCIA_EXPLORER_CACHE",
                               Path.home() / ".cache" / "fascia-explorer"))
