"""Load and validate the knowledge base (YAML files) into a networkx graph.

A knowledge base is a folder of YAML files. Each file may hold three top-level lists:

- ``sources``: citations, ``{id, citation}``; links cite them as ``"id"`` or ``"id: where"``.
- ``structures``: nodes, ``{id, kind, names: {en, nl, la?}, synonyms?, side?, segments?, ...}``.
- ``links``: edges, ``{source, target, relation, mechanism, evidence, sources, text}`` where
  ``text`` is ``{en: {patient, professional}, nl: {patient, professional}}``.

Validation is all-or-nothing: the first error raises :class:`KnowledgeError` naming the
file, the line, the entry and what is wrong, and no graph is returned. Files are read with
YAML's safe loader only.

Reading and checking the 30 files takes a few hundred milliseconds, a large part of the
window's start-up, so a graph that passed is kept as JSON in the user's cache folder, keyed
by the files' bytes and this code: the next load of the same files reads that instead.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path

import networkx as nx
import yaml

from graph.errors import ExplorerError, KnowledgeError
from graph.export import atomic_write
from graph.user_cache import cache_dir
from graph.vocabulary import (ACYCLIC_RELATIONS, EVIDENCE, KINDS, LANGUAGES, MECHANISMS,
                              REGISTERS, RELATIONS, SIDES)

__all__ = ["load_knowledge", "default_knowledge_dir", "link_key", "MAX_FILE_BYTES"]

# A knowledge file is hand-written text; anything this large is a mistake, not data.
MAX_FILE_BYTES = 5 * 1024 * 1024
ID_PATTERN = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")

STRUCTURE_FIELDS = {
    "id": True, "kind": True, "names": True, "synonyms": False, "side": False,
    "segments": False, "description": False, "system": False,
    # intrinsic muscles
    "intrinsic": False, "group": False, "origin": False, "insertion": False,
    "innervation": False, "level": False,
}
LINK_FIELDS = {
    "source": True, "target": True, "relation": True, "mechanism": True, "evidence": True,
    "sources": True, "text": True, "chain": False, "order": False,
}
SOURCE_FIELDS = {"id": True, "citation": True, "url": False}
TOP_LEVEL = ("sources", "structures", "links")


def default_knowledge_dir() -> Path:
    """The knowledge base shipped with the program."""
    return Path(str(importlib_resources.files("resources") / "knowledge"))


def link_key(source: str, relation: str, target: str, evidence: str) -> str:
    """The stable key of a link in the multigraph."""
    return f"{source}|{relation}|{target}|{evidence}"


class _Mapping(dict):
    """A YAML mapping that remembers the line it started on (1-based)."""
    line: int = 0


# The C parser (libyaml) when it is there: ten times faster on the 8000-line files.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):
    """Safe loader that records line numbers and refuses duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    result = _Mapping()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.MarkedYAMLError(problem=f"key {key!r} is not text",
                                       problem_mark=key_node.start_mark)
        if key in result:
            raise yaml.MarkedYAMLError(problem=f"duplicate key {key!r}",
                                       problem_mark=key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class _Entry:
    data: _Mapping
    file: str

    @property
    def line(self) -> int:
        return self.data.line

    def error(self, message: str, entry: str | None = None) -> KnowledgeError:
        return KnowledgeError(message, self.file, self.line, entry)


def _read_yaml(path: Path):
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise KnowledgeError(f"cannot read: {exc.strerror}", name) from None
    if size > MAX_FILE_BYTES:
        raise KnowledgeError(f"file is {size // 1024} KiB, larger than the "
                             f"{MAX_FILE_BYTES // 1024} KiB a knowledge file may be", name)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise KnowledgeError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", name, line) from None
    except OSError as exc:
        raise KnowledgeError(f"cannot read: {exc.strerror}", name) from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a (C)SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise KnowledgeError(f"malformed YAML: {problem}", name, line) from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"malformed YAML: {exc}", name) from None
    except RecursionError:
        raise KnowledgeError("malformed YAML: nested too deeply", name) from None
    if data is None:
        raise KnowledgeError("file is empty", name)
    if not isinstance(data, _Mapping):
        raise KnowledgeError("expected a mapping with 'sources', 'structures' or 'links' "
                             "at the top", name, 1)
    for key in data:
        if key not in TOP_LEVEL:
            raise KnowledgeError(f"unknown top-level key {key!r} (expected one of "
                                 f"{', '.join(TOP_LEVEL)})", name, data.line)
    return data


def _entries(data: _Mapping, key: str, file: str) -> list[_Entry]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise KnowledgeError(f"'{key}' must be a list", file, data.line)
    entries = []
    for index, item in enumerate(items):
        if not isinstance(item, _Mapping):
            raise KnowledgeError(f"'{key}' item {index + 1} must be a mapping", file, data.line)
        entries.append(_Entry(item, file))
    return entries


def _check_fields(entry: _Entry, fields: dict[str, bool], label: str) -> None:
    for key in entry.data:
        if key not in fields:
            raise entry.error(f"unknown key {key!r} in {label}", label)
    for key, required in fields.items():
        if required and key not in entry.data:
            raise entry.error(f"missing required key {key!r}", label)


def _text(entry: _Entry, value, what: str, label: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise entry.error(f"{what} must be non-empty text", label)
    return value.strip()


def _check_id(entry: _Entry, value, what: str, label: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise entry.error(f"{what} {value!r} is not a valid id (letters, digits and "
                          f"single hyphens)", label)
    return value


def _validate_source(entry: _Entry) -> tuple[str, dict]:
    label = str(entry.data.get("id", "?"))
    _check_fields(entry, SOURCE_FIELDS, label)
    sid = _check_id(entry, entry.data["id"], "source id", label)
    citation = _text(entry, entry.data["citation"], "citation", sid)
    record = {"citation": citation}
    if "url" in entry.data:
        record["url"] = _text(entry, entry.data["url"], "url", sid)
    return sid, record


def _validate_structure(entry: _Entry) -> tuple[str, dict]:
    label = str(entry.data.get("id", "?"))
    _check_fields(entry, STRUCTURE_FIELDS, label)
    sid = _check_id(entry, entry.data["id"], "structure id", label)
    kind = entry.data["kind"]
    if kind not in KINDS:
        raise entry.error(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})", sid)
    names = entry.data["names"]
    if not isinstance(names, dict):
        raise entry.error("'names' must be a mapping of language to name", sid)
    for lang in names:
        if lang not in (*LANGUAGES, "la"):
            raise entry.error(f"unknown name language {lang!r} (expected en, nl, la)", sid)
        _text(entry, names[lang], f"names.{lang}", sid)
    for lang in LANGUAGES:
        if lang not in names:
            raise entry.error(f"missing names.{lang}", sid)
    attrs = {"kind": kind, "names": {k: v.strip() for k, v in names.items()}}
    synonyms = entry.data.get("synonyms", [])
    if not isinstance(synonyms, list):
        raise entry.error("'synonyms' must be a list of text", sid)
    attrs["synonyms"] = [_text(entry, s, "synonym", sid) for s in synonyms]
    if "side" in entry.data:
        if entry.data["side"] not in SIDES:
            raise entry.error(f"side {entry.data['side']!r} is not one of {', '.join(SIDES)}", sid)
        attrs["side"] = entry.data["side"]
    if "segments" in entry.data:
        segments = entry.data["segments"]
        if not isinstance(segments, list) or not all(isinstance(s, str) for s in segments):
            raise entry.error("'segments' must be a list of segment names like T10", sid)
        attrs["segments"] = list(segments)
    if "description" in entry.data:
        description = entry.data["description"]
        if not isinstance(description, dict) or set(description) - set(LANGUAGES):
            raise entry.error("'description' must map en/nl to text", sid)
        attrs["description"] = {k: _text(entry, v, f"description.{k}", sid)
                                for k, v in description.items()}
    if "intrinsic" in entry.data:
        if not isinstance(entry.data["intrinsic"], bool):
            raise entry.error("'intrinsic' must be true or false", sid)
        attrs["intrinsic"] = entry.data["intrinsic"]
    for key in ("system", "group", "innervation", "level"):
        if key in entry.data:
            attrs[key] = _text(entry, entry.data[key], key, sid)
    for key in ("origin", "insertion"):
        if key in entry.data:
            value = entry.data[key]
            if not (isinstance(value, dict) and set(value) == {"bone", "landmark"}):
                raise entry.error(f"'{key}' must be {{bone, landmark}}", sid)
            attrs[key] = {"bone": _text(entry, value["bone"], f"{key}.bone", sid),
                          "landmark": _text(entry, value["landmark"], f"{key}.landmark", sid)}
    return sid, attrs


def _validate_link(entry: _Entry, source_ids: set[str]) -> dict:
    data = entry.data
    label = f"{data.get('source', '?')} -> {data.get('target', '?')}"
    _check_fields(entry, LINK_FIELDS, label)
    source = _check_id(entry, data["source"], "source", label)
    target = _check_id(entry, data["target"], "target", label)
    if source == target:
        raise entry.error("a link cannot join a structure to itself", label)
    relation, mechanism, evidence = data["relation"], data["mechanism"], data["evidence"]
    if relation not in RELATIONS:
        raise entry.error(f"unknown relation {relation!r} (expected one of "
                          f"{', '.join(RELATIONS)})", label)
    if mechanism not in MECHANISMS:
        raise entry.error(f"unknown mechanism {mechanism!r} (expected one of "
                          f"{', '.join(MECHANISMS)})", label)
    if evidence not in EVIDENCE:
        raise entry.error(f"unknown evidence {evidence!r} (expected one of "
                          f"{', '.join(EVIDENCE)})", label)
    cites = data["sources"]
    if not isinstance(cites, list) or not cites:
        raise entry.error("'sources' must be a non-empty list of citations", label)
    for cite in cites:
        _text(entry, cite, "a citation", label)
        key = cite.split(":", 1)[0].strip()
        if key not in source_ids:
            raise entry.error(f"cites unknown source {key!r}", label)
    if evidence == "booklet" and not any(c.split(":", 1)[0].strip() == "booklet" for c in cites):
        raise entry.error("a booklet link must cite the booklet by section "
                          "('booklet: <section>')", label)
    text = data["text"]
    if not isinstance(text, dict):
        raise entry.error("'text' must map en and nl to {patient, professional}", label)
    for lang in text:
        if lang not in LANGUAGES:
            raise entry.error(f"unknown text language {lang!r}", label)
    clean_text = {}
    for lang in LANGUAGES:
        registers = text.get(lang)
        if not isinstance(registers, dict):
            raise entry.error(f"text.{lang} must be {{patient, professional}}", label)
        for register in registers:
            if register not in REGISTERS:
                raise entry.error(f"unknown register text.{lang}.{register}", label)
        clean_text[lang] = {r: _text(entry, registers.get(r), f"text.{lang}.{r}", label)
                            for r in REGISTERS}
    attrs = {"source": source, "target": target, "relation": relation,
             "mechanism": mechanism, "evidence": evidence,
             "sources": [c.strip() for c in cites], "text": clean_text}
    if "chain" in data:
        if relation != "chain_next":
            raise entry.error("'chain' belongs only on chain_next links", label)
        attrs["chain"] = _check_id(entry, data["chain"], "chain", label)
    elif relation == "chain_next":
        raise entry.error("a chain_next link must name its 'chain'", label)
    return attrs


def load_knowledge(folder: Path | str | None = None) -> nx.MultiDiGraph:
    """Load every ``*.yaml`` file of ``folder`` (default: the shipped knowledge base).

    Returns a MultiDiGraph: nodes carry the structure's attributes, edges the link's, keyed
    by :func:`link_key`; ``graph.graph["sources"]`` maps citation ids to citations.
    Raises :class:`KnowledgeError` on the first problem; nothing is loaded half.
    """
    folder = Path(folder) if folder is not None else default_knowledge_dir()
    if not folder.is_dir():
        raise KnowledgeError(f"knowledge folder {str(folder)!r} does not exist")
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise KnowledgeError(f"knowledge folder {str(folder)!r} holds no .yaml files")
    key = _cache_key(files)
    graph = _read_cached(key)
    if graph is None:
        graph = _load_files(files)
        _write_cached(key, graph)
    return graph


def _load_files(files: list[Path]) -> nx.MultiDiGraph:
    documents = [(path.name, _read_yaml(path)) for path in files]

    sources: dict[str, dict] = {}
    seen: dict[str, str] = {}
    for name, data in documents:
        for entry in _entries(data, "sources", name):
            sid, record = _validate_source(entry)
            if sid in sources:
                raise entry.error(f"duplicate source id (first in {seen['source:' + sid]})", sid)
            sources[sid] = record
            seen["source:" + sid] = f"{name}:{entry.line}"

    graph = nx.MultiDiGraph(sources=sources)
    for name, data in documents:
        for entry in _entries(data, "structures", name):
            sid, attrs = _validate_structure(entry)
            if sid in graph:
                raise entry.error(f"duplicate structure id (first in {seen[sid]})", sid)
            seen[sid] = f"{name}:{entry.line}"
            graph.add_node(sid, **attrs)

    source_ids = set(sources)
    for name, data in documents:
        for entry in _entries(data, "links", name):
            attrs = _validate_link(entry, source_ids)
            label = f"{attrs['source']} -> {attrs['target']}"
            for end in ("source", "target"):
                if attrs[end] not in graph:
                    raise entry.error(f"{end} {attrs[end]!r} is not a known structure", label)
            key = link_key(attrs["source"], attrs["relation"], attrs["target"], attrs["evidence"])
            if graph.has_edge(attrs["source"], attrs["target"], key):
                raise entry.error(f"duplicate link (first in {seen[key]})", label)
            seen[key] = f"{name}:{entry.line}"
            source, target = attrs.pop("source"), attrs.pop("target")
            graph.add_edge(source, target, key=key, where=seen[key], **attrs)

    _check_structure_segments(graph, seen)
    _check_acyclic(graph, seen)
    return graph


def _cache_key(files: list[Path]) -> str | None:
    """A hash of the files' names and bytes and of the code that checks them; None if a
    file cannot be read (the load then says which, with the reason)."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for code in ("knowledge.py", "vocabulary.py"):
        digest.update((here / code).read_bytes())
    try:
        for path in files:
            if path.stat().st_size > MAX_FILE_BYTES:
                return None
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()[:24]


_KEEP_CACHED = 4


def _cache_path(key: str) -> Path:
    return cache_dir() / f"knowledge-{key}.json"


def _read_cached(key: str | None) -> nx.MultiDiGraph | None:
    if key is None:
        return None
    try:
        data = json.loads(_cache_path(key).read_bytes())
        graph = nx.MultiDiGraph(**data["graph"])
        graph.add_nodes_from(data["nodes"])
        graph.add_edges_from(data["edges"])
        return graph
    except (OSError, ValueError, KeyError, TypeError):
        return None   # no cache yet, or a damaged one: read the files


def _write_cached(key: str | None, graph: nx.MultiDiGraph) -> None:
    if key is None:
        return
    data = {"graph": graph.graph, "nodes": list(graph.nodes(data=True)),
            "edges": list(graph.edges(keys=True, data=True))}
    path = _cache_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        # keep a few: the shipped knowledge base and the folders opened lately
        olds = sorted(path.parent.glob("knowledge-*.json"), key=lambda p: p.stat().st_mtime)
        for old in olds[:-_KEEP_CACHED]:
            old.unlink(missing_ok=True)
    except (OSError, ExplorerError):
        pass   # a read-only cache folder: the next start reads the files again


def _check_structure_segments(graph: nx.MultiDiGraph, seen: dict[str, str]) -> None:
    for node, attrs in graph.nodes(data=True):
        for segment in attrs.get("segments", []):
            if f"segment-{segment}" not in graph:
                file, line = seen[node].rsplit(":", 1)
                raise KnowledgeError(f"segment {segment!r} has no segment-{segment} structure",
                                     file, int(line), node)


def _check_acyclic(graph: nx.MultiDiGraph, seen: dict[str, str]) -> None:
    groups: dict[str, list[tuple[str, str, str]]] = {r: [] for r in ACYCLIC_RELATIONS}
    chains: dict[str, list[tuple[str, str, str]]] = {}
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        if attrs["relation"] in groups:
            groups[attrs["relation"]].append((u, v, key))
        elif attrs["relation"] == "chain_next":
            chains.setdefault(attrs["chain"], []).append((u, v, key))
    named = [(f"'{r}' links", edges) for r, edges in groups.items()]
    named += [(f"chain {c!r}", edges) for c, edges in sorted(chains.items())]
    for what, edges in named:
        sub = nx.DiGraph([(u, v, {"key": k}) for u, v, k in edges])
        try:
            cycle = nx.find_cycle(sub)
        except nx.NetworkXNoCycle:
            continue
        u, v = cycle[0][0], cycle[0][1]
        file, line = seen[sub.edges[u, v]["key"]].rsplit(":", 1)
        loop = " -> ".join([c[0] for c in cycle] + [cycle[0][0]])
        raise KnowledgeError(f"{what} form a cycle: {loop}", file, int(line), f"{u} -> {v}")
