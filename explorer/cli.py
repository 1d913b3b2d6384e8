"""The command line: ``python main.py [COMMAND] ...``. Without a command it opens the window.

User errors (unknown names, bad options, unwritable files, broken knowledge files) print one
line on stderr and exit with status 2; they never show a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from graph.errors import ExplorerError
from graph.vocabulary import DEFAULT_MIN_SCORE, MECHANISMS

__all__ = ["main"]

HEADLESS_COMMANDS = "search, paths, export-graph, export-scene, render, handout"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage plus a line
        raise ExplorerError(f"{message} (see '{self.prog} --help')")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="Anatomy and fascia explorer. Without a "
                     "command, opens the window.")
    parser.add_argument("--data", metavar="DIR", help="load the knowledge base from DIR "
                        "instead of the one shipped")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    search = commands.add_parser("search", help="find structures by name in en, nl or la")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--json", action="store_true")

    paths = commands.add_parser("paths", help="referred-pain paths from a structure")
    paths.add_argument("start", metavar="FROM", help="an id or any name")
    paths.add_argument("--to", nargs="+", metavar="TARGET", help="ids or names of targets "
                       "(default: every region, vertebra and limb)")
    paths.add_argument("--max-hops", type=int, default=5)
    paths.add_argument("--evidence", help="comma-separated: anatomy,clinical,model,booklet")
    paths.add_argument("--limit", type=int, default=20)
    paths.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE, metavar="S",
                       help=f"leave out paths scoring below S, 0-1 (default {DEFAULT_MIN_SCORE})")
    paths.add_argument("--mechanism", help="comma-separated: " + ", ".join(MECHANISMS))
    paths.add_argument("--lang", choices=("en", "nl"), default="en")
    paths.add_argument("--json", action="store_true")

    explain = commands.add_parser("explain", help="how pain from one structure can be felt in "
                                  "another, step by step, each step cited")
    explain.add_argument("start", metavar="FROM", help="an id or any name")
    explain.add_argument("target", metavar="TO", help="an id or any name")
    explain.add_argument("--lang", choices=("en", "nl"), default="en")
    explain.add_argument("--register", choices=("patient", "professional"), default="patient")
    explain.add_argument("--evidence", help="comma-separated: anatomy,clinical,model,booklet")
    explain.add_argument("--max-hops", type=int, default=5)
    explain.add_argument("--paths", type=int, default=1, metavar="N",
                         help="explain the N best paths (default 1)")

    chain = commands.add_parser("chain", help="the stations of a chain (Anatomy Trains line) "
                                "in order, or the chains that pass a structure")
    chain.add_argument("name", metavar="NAME", help="a chain or a structure: id or any name")
    chain.add_argument("--lang", choices=("en", "nl"), default="en")
    chain.add_argument("--json", action="store_true")

    export = commands.add_parser("export-graph", help="write the whole knowledge graph")
    export.add_argument("--format", choices=("json", "graphml"), required=True)
    export.add_argument("--out", required=True, metavar="FILE")

    scene_export = commands.add_parser("export-scene", help="write the 3D scene (one named "
                                       "node or group per structure, millimetres, RAS)")
    scene_export.add_argument("--format", choices=("glb", "obj"), required=True)
    scene_export.add_argument("--out", required=True, metavar="FILE")

    render = commands.add_parser("render", help="render the 3D scene to a PNG, headless")
    render.add_argument("--select", metavar="ID", help="light the paths from this structure")
    render.add_argument("--view", default="anterior",
                        choices=("anterior", "posterior", "left", "right", "superior",
                                 "oblique"))
    render.add_argument("--size", default="1600x1200", metavar="WxH")
    render.add_argument("--transparent", action="store_true", help="transparent background")
    render.add_argument("--out", required=True, metavar="FILE.png")
    render.add_argument("--scene", metavar="FILE", help="reproduce a view saved by the window "
                        "(File > Save view): camera, layers, selection, path, posture, labels")
    render.add_argument("--labels", action="store_true",
                        help="leader-line labels on the lit structures")
    render.add_argument("--lang", choices=("en", "nl"),
                        help="language of the labels (default: the scene's, else en)")
    render.add_argument("--dpi", type=int, metavar="N",
                        help="record N dots per inch in the PNG, for print layout")

    handout = commands.add_parser("handout", help="a patient handout (PDF) explaining a path")
    handout.add_argument("start", metavar="FROM", help="an id or any name")
    handout.add_argument("--to", metavar="TARGET", help="where the pain is felt (default: the "
                         "best-ranked path to anywhere)")
    handout.add_argument("--lang", choices=("en", "nl"), default="en")
    handout.add_argument("--out", required=True, metavar="FILE.pdf")
    return parser


def _graph(args):
    from graph.knowledge import load_knowledge
    return load_knowledge(args.data)


def _cmd_search(args) -> int:
    from graph.search import search
    hits = search(_graph(args), args.text, limit=args.limit)
    if args.json:
        print(json.dumps([hit.to_json() for hit in hits], ensure_ascii=False, indent=1))
    elif not hits:
        print(f"nothing matches {args.text!r}")
    else:
        for hit in hits:
            print(f"{hit.score:5.1f}  {hit.id:28s} {hit.kind:9s} {hit.names['en']} / "
                  f"{hit.names['nl']}")
    return 0


def _cmd_paths(args) -> int:
    from graph.explain import name_of
    from graph.paths import referral_paths
    from graph.search import resolve
    graph = _graph(args)
    start = resolve(graph, args.start)
    targets = [resolve(graph, t) for t in args.to] if args.to else None
    evidence = [e.strip() for e in args.evidence.split(",")] if args.evidence else None
    if args.limit < 1:
        raise ExplorerError("--limit must be at least 1")
    mechanisms = [m.strip() for m in args.mechanism.split(",")] if args.mechanism else None
    found = referral_paths(graph, start, targets, max_hops=args.max_hops, evidence=evidence,
                           mechanisms=mechanisms, limit=args.limit, min_score=args.min_score)
    if args.json:
        print(json.dumps([p.to_json() for p in found], ensure_ascii=False, indent=1))
        return 0
    if not found:
        print(f"no path from {start} within {args.max_hops} steps")
    for number, path in enumerate(found, 1):
        names = " > ".join(name_of(graph, n, args.lang) for n in path.nodes)
        print(f"{number:2d}. [{path.score:.3f}] {names}")
        for edge in path.edges:
            print(f"      {edge['source']} -{edge['relation']}-> {edge['target']}  "
                  f"({edge['evidence']}; {'; '.join(edge['sources'])})")
    return 0


def _cmd_explain(args) -> int:
    from graph.explain import explain_path, heading
    from graph.paths import referral_paths
    from graph.search import resolve
    graph = _graph(args)
    start, target = resolve(graph, args.start), resolve(graph, args.target)
    evidence = [e.strip() for e in args.evidence.split(",")] if args.evidence else None
    if args.paths < 1:
        raise ExplorerError("--paths must be at least 1")
    # a pair asked for by name: show even a weak path, with its score, rather than none
    found = referral_paths(graph, start, [target], max_hops=args.max_hops, evidence=evidence,
                           limit=args.paths, min_score=0.0)
    if not found:
        print(f"no path from {start} to {target} within {args.max_hops} steps")
        return 0
    for number, path in enumerate(found, 1):
        print(f"{number}. {heading(graph, path, args.lang)} [{path.score:.3f}]")
        for step in explain_path(graph, path, args.lang, args.register):
            print(f"   - {step.line()}")
    return 0


def _cmd_chain(args) -> int:
    from graph.chains import chain_tracks, chains_through
    from graph.explain import name_of
    from graph.search import resolve
    graph = _graph(args)
    node = resolve(graph, args.name)
    if graph.nodes[node]["kind"] == "chain":
        tracks = chain_tracks(graph, node)
        if args.json:
            print(json.dumps({"chain": node, "tracks": [list(t) for t in tracks]}, indent=1))
            return 0
        print(name_of(graph, node, args.lang))
        for track in tracks:
            print("  " + " > ".join(name_of(graph, n, args.lang) for n in track))
        return 0
    passing = chains_through(graph, node)
    if args.json:
        print(json.dumps({"structure": node, "chains": passing}, indent=1))
    elif not passing:
        print(f"no chain passes {name_of(graph, node, args.lang)}")
    else:
        for chain in passing:
            print(f"{chain:28s} {name_of(graph, chain, args.lang)}")
    return 0


def _cmd_export_graph(args) -> int:
    from graph.export import export_graph
    export_graph(_graph(args), args.format, args.out)
    print(f"wrote {args.out}")
    return 0


def _cmd_export_scene(args) -> int:
    from models.export import export_scene
    from models.scene import build_scene
    export_scene(build_scene(), args.format, args.out)
    print(f"wrote {args.out}")
    return 0


def _cmd_render(args) -> int:
    from explorer.figures import parse_size, render_figure
    from graph.search import resolve
    graph = _graph(args)
    size = parse_size(args.size)
    select = resolve(graph, args.select) if args.select else None
    if not args.out.lower().endswith(".png"):
        raise ExplorerError(f"--out {args.out!r} must end in .png")
    if args.scene or args.labels or args.dpi is not None or args.lang:
        return _render_scene(args, graph, select, size)
    render_figure(graph, args.out, select=select, view=args.view, size=size,
                  transparent=args.transparent)
    print(f"wrote {args.out}")
    return 0


def _render_scene(args, graph, select, size) -> int:
    from explorer.figures import render_scene
    from explorer.scene_file import SceneSpec, load_scene
    if args.scene:
        if select:
            raise ExplorerError("--select and --scene do not go together: the scene file "
                                "holds its own selection")
        spec = load_scene(args.scene, graph)
    else:
        spec = SceneSpec(selection=select)
    spec.labels = spec.labels or args.labels
    spec.language = args.lang or spec.language
    render_scene(graph, spec, args.out, size=size, transparent=args.transparent, dpi=args.dpi,
                 view=args.view)
    print(f"wrote {args.out}")
    return 0


def _cmd_handout(args) -> int:
    from explorer.handout import best_path, write_handout
    from graph.search import resolve
    graph = _graph(args)
    start = resolve(graph, args.start)
    target = resolve(graph, args.to) if args.to else None
    if not args.out.lower().endswith(".pdf"):
        raise ExplorerError(f"--out {args.out!r} must end in .pdf")
    pages = write_handout(graph, best_path(graph, start, target), args.lang, args.out)
    print(f"wrote {args.out} ({pages} page{'s' if pages > 1 else ''})")
    return 0


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _cmd_window(args) -> int:
    if not _has_display():
        raise ExplorerError("no display to open the window on (DISPLAY is not set); the "
                            f"headless commands work without one: {HEADLESS_COMMANDS}")
    graph = _graph(args)  # a broken knowledge base is refused before any window opens
    from explorer.main_window import run
    return run(graph)


COMMANDS = {"search": _cmd_search, "paths": _cmd_paths, "explain": _cmd_explain,
            "chain": _cmd_chain, "export-graph": _cmd_export_graph,
            "export-scene": _cmd_export_scene,
            "render": _cmd_render, "handout": _cmd_handout, None: _cmd_window}


def main(argv: list[str] | None = None) -> int:
    try:
        args = _build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except ExplorerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
