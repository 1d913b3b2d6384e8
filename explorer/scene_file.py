"""Scene files: the whole view (camera, layers, selection, chosen path, language, posture,
labels) as a small versioned JSON file, so a figure can be reopened or re-rendered by a script.

No Qt here: the window saves and opens these, and ``main.py render --scene`` reads them
headless. Reading refuses anything it cannot fully trust (truncated, corrupted, another
program's file, a newer format) with one message naming the file; writing is atomic and
never replaces a file that is not a readable scene file.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import networkx as nx

from graph.errors import ExplorerError
from graph.export import atomic_write
from graph.paths import PainPath, referral_paths
from graph.vocabulary import LANGUAGES
from models.spine import Posture

__all__ = ["SceneSpec", "SCENE_FORMAT", "SCENE_VERSION", "load_scene", "save_scene",
           "find_path"]

SCENE_FORMAT = "fascia-explorer-scene"
SCENE_VERSION = 1
# A scene is a few hundred bytes; anything much larger is not one (and is not read whole).
MAX_BYTES = 1_000_000
_CAMERA_KEYS = ("position", "focal_point", "view_up", "view_angle")
VISIBILITY_KEYS = ("hidden", "faded", "isolated", "hidden_layers")


@dataclass
class SceneSpec:
    """What the user is looking at, in plain values."""
    camera: dict | None = None             # position, focal_point, view_up (3 floats), view_angle
    # explorer.view_state.Visibility as lists: hidden, faded, isolated (part ids),
    # hidden_layers (scene groups)
    visibility: dict[str, list[str]] = field(default_factory=dict)
    selection: str | None = None
    path: list[str] | None = None          # the chosen path's node ids
    language: str = "en"
    posture: dict[str, float] = field(default_factory=lambda: Posture().as_dict())
    labels: bool = False

    def to_json(self) -> dict:
        return {"format": SCENE_FORMAT, "version": SCENE_VERSION, **asdict(self)}


def _fail(path: Path, what: str):
    raise ExplorerError(f"cannot open scene {str(path)!r}: {what}")


def _numbers(value, count: int) -> bool:
    return (isinstance(value, list) and len(value) == count
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                    for v in value))


def _parse(path: Path, data, graph: nx.MultiDiGraph | None) -> SceneSpec:
    if not isinstance(data, dict) or data.get("format") != SCENE_FORMAT:
        _fail(path, "it is not a Fascia Explorer scene file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        _fail(path, f"its version {version!r} is not a format version")
    if version > SCENE_VERSION:
        _fail(path, f"it was saved by a newer Fascia Explorer (scene format {version}; this "
                    f"one reads up to {SCENE_VERSION}); update the program to open it")
    known = {"format", "version", *SceneSpec.__dataclass_fields__}
    unknown = sorted(set(data) - known)
    if unknown:
        _fail(path, f"unknown field {unknown[0]!r}")
    spec = SceneSpec()
    camera = data.get("camera")
    if camera is not None:
        if (not isinstance(camera, dict) or set(camera) != set(_CAMERA_KEYS)
                or not all(_numbers(camera[k], 3) for k in _CAMERA_KEYS[:3])
                or not _numbers([camera["view_angle"]], 1)
                or not 1 <= camera["view_angle"] <= 179):
            _fail(path, "'camera' needs position, focal_point and view_up (3 numbers each) "
                        "and view_angle (1..179 degrees)")
        spec.camera = {k: camera[k] for k in _CAMERA_KEYS}
    visibility = data.get("visibility", {})
    if (not isinstance(visibility, dict) or not set(visibility) <= set(VISIBILITY_KEYS)
            or not all(isinstance(v, list) and all(isinstance(i, str) for i in v)
                       for v in visibility.values())):
        _fail(path, "'visibility' must map " + ", ".join(VISIBILITY_KEYS)
              + " to lists of ids")
    spec.visibility = {k: sorted(set(v)) for k, v in visibility.items() if v}
    selection = data.get("selection")
    if selection is not None and not isinstance(selection, str):
        _fail(path, "'selection' must be a structure id or null")
    spec.selection = selection
    chosen = data.get("path")
    if chosen is not None and (not isinstance(chosen, list) or len(chosen) < 2
                               or not all(isinstance(n, str) for n in chosen)):
        _fail(path, "'path' must be a list of at least two structure ids, or null")
    if chosen is not None and chosen[0] != selection:
        _fail(path, "'path' must start at the selected structure")
    spec.path = chosen
    language = data.get("language", "en")
    if language not in LANGUAGES:
        _fail(path, f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    spec.language = language
    posture = data.get("posture", {})
    if not isinstance(posture, dict) or not all(_numbers([v], 1) for v in posture.values()):
        _fail(path, "'posture' must map curve names to numbers of degrees")
    try:
        spec.posture = Posture(**posture).as_dict()
    except TypeError:
        _fail(path, f"'posture' has an unknown curve (known: {', '.join(Posture().as_dict())})")
    except ExplorerError as exc:
        _fail(path, str(exc))
    labels = data.get("labels", False)
    if not isinstance(labels, bool):
        _fail(path, "'labels' must be true or false")
    spec.labels = labels
    if graph is not None:
        for node in [spec.selection, *(spec.path or [])]:
            if node is not None and node not in graph:
                _fail(path, f"structure {node!r} is not in the knowledge base")
        if spec.path and find_path(graph, spec.path) is None:
            _fail(path, "its chosen path " + " > ".join(spec.path)
                  + " is no longer a path of the knowledge base")
    return spec


def load_scene(path: Path | str, graph: nx.MultiDiGraph | None = None) -> SceneSpec:
    """Read and check a scene file; ExplorerError (one line) if it cannot be trusted whole.

    With ``graph``, the ids and the chosen path are checked against it too.
    """
    path = Path(path)
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        _fail(path, "no such file")
    except IsADirectoryError:
        _fail(path, "it is a folder")
    except OSError as exc:
        _fail(path, exc.strerror or str(exc))
    if len(raw) > MAX_BYTES:
        _fail(path, f"it is larger than {MAX_BYTES // 1000} kB, too large for a scene file")
    if not raw.strip():
        _fail(path, "the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        _fail(path, "it is not text (not UTF-8)")
    except json.JSONDecodeError as exc:
        _fail(path, f"it is truncated or corrupted (broken JSON at line {exc.lineno}, "
                    f"column {exc.colno})")
    except RecursionError:
        _fail(path, "it is corrupted (nested too deeply)")
    return _parse(path, data, graph)


def save_scene(path: Path | str, spec: SceneSpec) -> None:
    """Write ``spec`` atomically. An existing file is replaced only if it is itself a scene
    file this version can read: another file, or a damaged scene, is never overwritten."""
    path = Path(path)
    if path.exists():
        try:
            load_scene(path)
        except ExplorerError as exc:
            raise ExplorerError(f"refusing to overwrite {str(path)!r}: it is not a scene file "
                                f"this version can read ({str(exc).split(': ', 1)[-1]}); "
                                "choose another name") from None
    text = json.dumps(spec.to_json(), ensure_ascii=False, indent=1) + "\n"
    atomic_write(path, text.encode("utf-8"))


def find_path(graph: nx.MultiDiGraph, nodes: list[str]) -> PainPath | None:
    """The path through exactly ``nodes`` among those the window lights for ``nodes[0]``."""
    if not nodes or nodes[0] not in graph:
        return None
    for candidate in referral_paths(graph, nodes[0]):
        if list(candidate.nodes) == list(nodes):
            return candidate
    return None
