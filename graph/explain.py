"""A path told as sentences, in English or Dutch, for a patient or a professional."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources

import networkx as nx
import yaml

from graph.errors import ExplorerError
from graph.paths import PainPath
from graph.vocabulary import EVIDENCE_LABEL, LANGUAGES, REGISTERS

__all__ = ["ExplainedStep", "explain_path", "heading", "name_of", "the_name", "article",
           "dutch_head", "cite"]

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


@lru_cache(maxsize=None)
def load_articles() -> dict:
    """resources/language/articles.yaml: the word lists that decide a name's article."""
    text = (importlib_resources.files("resources") / "language" / "articles.yaml").read_text(
        "utf-8")
    data = yaml.safe_load(text)
    nl = data["nl"]
    words, endings = {}, {}
    for article_ in ("de", "het"):
        for word in nl["words"][article_]:
            words[word.lower()] = article_
        for ending in nl["endings"][article_]:
            endings[ending.lower()] = article_
    # longest first, so "vlies" (het) is tried before "lies" (de)
    by_length = tuple(sorted(endings.items(), key=lambda item: (-len(item[0]), item[0])))
    return {"en": data["en"],
            "nl": {"names": {k.lower(): v for k, v in (nl["names"] or {}).items()},
                   "stops": tuple(nl["stops"]), "words": words, "endings": by_length}}


def dutch_head(name: str) -> tuple[str, str] | None:
    """(article, the word that decided it) for a Dutch name, or None if no listed word does.

    The head noun of a Dutch name is the first word, before any "stop" (" van ", " (", ",",
    ...), that is a listed word: a Latin noun as a whole word ("linker nervus
    ischiadicus" -> nervus -> de) or a Dutch noun as the end of a word, the longest listed
    ending winning ("heiligbeen" -> been -> het, "linker longtopvlies" -> vlies -> het).
    Qualifiers before it ("linker", "vijfde", "korte") and level codes after it ("C1",
    "links") are not listed, so they are passed over. A whole name listed under ``names``
    overrides all this.
    """
    data = load_articles()["nl"]
    lowered = " ".join(name.lower().split())
    if lowered in data["names"]:
        return data["names"][lowered], lowered
    core = lowered
    for stop in data["stops"]:
        core = core.split(stop, 1)[0]
    for word in core.split():
        if word in data["words"]:
            return data["words"][word], word
        for ending, article_ in data["endings"]:
            if word.endswith(ending):
                return article_, word
    return None


def _english_article(name: str) -> str:
    data = load_articles()["en"]
    first = name.split()[0] if name.split() else ""
    if (name in data["bare_names"] or first.lower() in data["bare_first_words"]
            or first.endswith(tuple(data["bare_first_endings"]))):
        return ""
    return data["article"]


def article(name: str, lang: str) -> str:
    """The article a name takes in a sentence: "the" (or none) in English, "de" or "het" in Dutch.

    Why word lists and not an ``article`` field on every structure: 549 structures would
    each need one per language, written by hand and kept up as names change, while their
    Dutch names are built from some seventy head nouns. So the lists in
    resources/language/articles.yaml decide it, the way a Dutch speaker does: the gender of
    the head noun, a compound's being that of its last part, Latin neuters "het", plurals
    "de" (see :func:`dutch_head`). English needs "the" except before a name that
    already has a determiner or is an eponym's possessive.

    A Dutch name none of whose words is listed (only possible with a knowledge base other
    than the shipped one, which tests/graph/test_articles.py checks in full) gets "de", the
    article of most Dutch nouns.
    """
    if lang == "nl":
        found = dutch_head(name)
        return found[0] if found else "de"
    return _english_article(name)


def the_name(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    """A structure's name with its article: "the right kidney", "het heiligbeen"."""
    name = name_of(graph, node, lang)
    word = article(name, lang)
    return f"{word} {name}" if word else name


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
    return _HEADINGS[lang].format(start=the_name(graph, path.nodes[0], lang),
                                  end=the_name(graph, path.nodes[-1], lang))


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
