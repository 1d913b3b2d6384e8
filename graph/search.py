"""Find structures by id, name or synonym in en, nl or la, tolerant of case, accents and typos."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import networkx as nx
from rapidfuzz import fuzz, process

from graph.errors import NotFoundError
from graph.memo import per_graph

__all__ = ["normalize", "search", "resolve", "suggest", "SearchHit"]

_NON_WORD = re.compile(r"[^a-z0-9]+")
# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"æ": "ae", "œ": "oe", "ß": "ss", "ø": "o", "ł": "l"})
# Below this a fuzzy match is noise ("psoas" must not find "pons").
FUZZY_CUTOFF = 80.0
SUGGEST_CUTOFF = 60.0
# A typo of one word inside a longer name ranks below a typo of a whole name, so that
# "heligbeen" means the sacrum (heiligbeen), not the sacroiliac joint (heiligbeen-darmbeen...).
WORD_PENALTY = 6.0


def normalize(text: str) -> str:
    """Lower case, accents stripped, anything but letters and digits as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain).strip()


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    names: dict
    score: float
    matched: str

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "names": self.names, "score": self.score}


def _index(graph: nx.MultiDiGraph):
    """Normalized terms with their node ids, built once per graph and kept on it.

    Literal matching uses whole terms; typo matching also uses their longer single words,
    so "ischiadikus" finds "nervus ischiadicus".
    """
    def build():
        terms, owners = [], []
        fuzzy_terms, fuzzy_owners = [], []
        for node, attrs in sorted(graph.nodes(data=True)):
            keys = {normalize(t) for t in (node, *attrs.get("names", {}).values(),
                                           *attrs.get("synonyms", []))} - {""}
            for key in sorted(keys):
                terms.append(key)
                owners.append(node)
            words = {w for key in keys for w in key.split() if len(w) >= 5} - keys
            for key in sorted(keys):
                fuzzy_terms.append(key)
                fuzzy_owners.append((node, 0.0))
            for key in sorted(words):
                fuzzy_terms.append(key)
                fuzzy_owners.append((node, WORD_PENALTY))
        blob = "\n".join(terms)
        starts, offset = [], 0
        for term in terms:
            starts.append(offset)
            offset += len(term) + 1
        return terms, owners, fuzzy_terms, fuzzy_owners, blob, starts
    return per_graph(graph, "search_index", build)


def _candidates(query: str, blob: str, starts: list[int]) -> set[int]:
    """Indexes of the terms that contain the query's longest word: every term that can
    score (equal, prefix, word prefixes, substring) contains it. One scan of the joined
    terms in C instead of a Python loop over every term."""
    word = max(query.split(), key=len)
    found, at = set(), blob.find(word)
    while at != -1:
        found.add(bisect_right(starts, at) - 1)
        at = blob.find(word, at + 1)
    return found


def _score(query: str, term: str) -> float:
    if term == query:
        return 100.0
    if term.startswith(query):
        return 95.0 - min(len(term) - len(query), 20) * 0.1
    words = term.split()
    if all(any(w.startswith(q) for w in words) for q in query.split()):
        return 90.0 - min(len(term) - len(query), 20) * 0.1
    if query in term:
        return 85.0
    return 0.0


# A name both sides share ("psoas", "nervus ischiadicus") ranks the right side first: the
# side of the explorer's main example (the ileocaecal valve); say "left" for the other.
_SIDE_RANK = {"right": 0, "left": 1}


def _side_rank(graph: nx.MultiDiGraph, node: str) -> int:
    return _SIDE_RANK.get(graph.nodes[node].get("side"), 0)


def search(graph: nx.MultiDiGraph, text: str, limit: int = 10) -> list[SearchHit]:
    """Structures matching ``text``, best first (score 0-100), at most ``limit``."""
    query = normalize(text)
    if not query:
        return []
    terms, owners, fuzzy_terms, fuzzy_owners, blob, starts = _index(graph)
    best: dict[str, tuple[float, str]] = {}
    for index in sorted(_candidates(query, blob, starts)):
        term, owner = terms[index], owners[index]
        score = _score(query, term)
        if score and score > best.get(owner, (0.0, ""))[0]:
            best[owner] = (score, term)
    if len(best) < limit:
        # Typos: edit-distance similarity tolerates a letter or two wrong.
        for term, score, index in process.extract(query, fuzzy_terms, scorer=fuzz.ratio,
                                                  score_cutoff=FUZZY_CUTOFF, limit=limit * 4):
            owner, penalty = fuzzy_owners[index]
            score = float(score) * 0.84 - penalty  # never above a literal match
            if score > best.get(owner, (0.0, ""))[0]:
                best[owner] = (score, term)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], _side_rank(graph, item[0]),
                                                    item[0]))[:limit]
    return [SearchHit(node, graph.nodes[node]["kind"], dict(graph.nodes[node]["names"]),
                      round(score, 1), term) for node, (score, term) in ranked]


def resolve(graph: nx.MultiDiGraph, text: str) -> str:
    """The id of the structure ``text`` names (an id or any name); NotFoundError if none."""
    if text in graph:
        return text
    hits = _one_side_each(search(graph, text, limit=6))
    # A literal match wins; a typo wins only when nothing else comes close.
    if hits and (hits[0].score >= 85.0 or len(hits) == 1 or hits[1].score < hits[0].score - 5):
        return hits[0].id
    raise NotFoundError(text, [hit.id for hit in hits[:3]] or suggest(graph, text))


def _one_side_each(hits: list[SearchHit]) -> list[SearchHit]:
    """The best-ranked side of each structure: a left/right pair is one candidate, not two."""
    seen, kept = set(), []
    for hit in hits:
        base = hit.id.removesuffix("-right").removesuffix("-left")
        if base not in seen:
            seen.add(base)
            kept.append(hit)
    return kept


def suggest(graph: nx.MultiDiGraph, text: str, count: int = 3) -> list[str]:
    """Looser near-misses than search gives, for "did you mean" after a failed lookup."""
    _, _, fuzzy_terms, fuzzy_owners, _, _ = _index(graph)
    found: list[str] = []
    for _, _, index in process.extract(normalize(text), fuzzy_terms, scorer=fuzz.token_sort_ratio,
                                       score_cutoff=SUGGEST_CUTOFF, limit=count * 4):
        owner = fuzzy_owners[index][0]
        if owner not in found:
            found.append(owner)
    return found[:count]
