"""A path told as sentences, in English or Dutch, for a patient or a professional."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.errors import ExplorerError
from graph.paths import PainPath
from graph.vocabulary import EVIDENCE_LABEL, LANGUAGES, REGISTERS

__all__ = ["ExplainedStep", "explain_path", "heading", "name_of", "cite"]

_HEADINGS = {
    "en": "How {start} can be felt in {end}",
    "nl": "Hoe {start} gevoeld kan worden in {end}",
}


@dataclass(frozen=True)
class ExplainedStep:
    source: str
    target: str
    sentence: str
    evidence: str
    evidence_label: str
    sources: tuple[str, ...]

    def line(self) -> str:
        return f"{self.sentence} [{self.evidence_label}; {'; '.join(self.sources)}]"


def name_of(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    names = graph.nodes[node]["names"]
    return names.get(lang) or names["en"]


def cite(graph: nx.MultiDiGraph, citation: str) -> str:
    """'gray42: p. 1120' -> the full reference with its locator."""
    key, _, where = citation.partition(":")
    reference = graph.graph["sources"].get(key.strip(), {}).get("citation", key.strip())
    where = where.strip()
    return f"{reference.rstrip('.')}, {where}" if where else reference


def _check(lang: str, register: str) -> None:
    if lang not in LANGUAGES:
        raise ExplorerError(f"unknown language {lang!r} (choose from {', '.join(LANGUAGES)})")
    if register not in REGISTERS:
        raise ExplorerError(f"unknown register {register!r} (choose from {', '.join(REGISTERS)})")


def heading(graph: nx.MultiDiGraph, path: PainPath, lang: str = "en") -> str:
    _check(lang, "patient")
    return _HEADINGS[lang].format(start=name_of(graph, path.nodes[0], lang),
                                  end=name_of(graph, path.nodes[-1], lang))


def explain_path(graph: nx.MultiDiGraph, path: PainPath, lang: str = "en",
                 register: str = "patient") -> list[ExplainedStep]:
    """One sentence per step, each with its evidence level and full citations."""
    _check(lang, register)
    steps = []
    for index, edge in enumerate(path.edges):
        steps.append(ExplainedStep(
            source=path.nodes[index], target=path.nodes[index + 1],
            sentence=edge["text"][lang][register],
            evidence=edge["evidence"],
            evidence_label=EVIDENCE_LABEL[lang][edge["evidence"]],
            sources=tuple(cite(graph, c) for c in edge["sources"])))
    return steps
