"""Property-based: whatever a user writes into a knowledge file or asks of the queries,
only the project's own error types come out."""
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import ExplorerError, KnowledgeError
from graph.knowledge import load_knowledge
from graph.paths import referral_paths
from graph.search import resolve, search
from graph.vocabulary import EVIDENCE, KINDS, MECHANISMS, RELATIONS

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
VALID = """\
sources:
  - {id: src, citation: "A book"}
structures:
  - {id: a-thing, kind: organ, names: {en: A, nl: A}}
  - {id: b-region, kind: region, names: {en: B, nl: B}}
"""

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True),
                    st.text(max_size=8),
                    st.sampled_from(list(KINDS) + list(RELATIONS) + list(EVIDENCE)
                                    + list(MECHANISMS) + ["a-thing", "b-region", "src"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["id", "kind", "names", "en", "nl", "la", "source",
                                     "target", "relation", "mechanism", "evidence", "sources",
                                     "text", "patient", "professional", "side", "segments",
                                     "chain", "x"]), inner, max_size=5)), max_leaves=20)
documents = st.dictionaries(st.sampled_from(["sources", "structures", "links", "other"]),
                            st.lists(values, max_size=3), max_size=3)


def load_text(tmp_path_factory, text: bytes):
    folder = tmp_path_factory.mktemp("kb")
    (folder / "a.yaml").write_text(VALID, encoding="utf-8")
    (folder / "b.yaml").write_bytes(text)
    return load_knowledge(folder)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_load_or_raise_knowledge_error(tmp_path_factory, data):
    try:
        load_text(tmp_path_factory, data)
    except KnowledgeError as error:
        assert "b.yaml" in str(error) or "a.yaml" in str(error)


@SETTINGS
@given(st.text(alphabet=string.printable + "é€\u2028", max_size=300))
def test_any_text_loads_or_raises_knowledge_error(tmp_path_factory, text):
    try:
        load_text(tmp_path_factory, text.encode("utf-8"))
    except KnowledgeError:
        pass


@SETTINGS
@given(documents)
def test_any_structured_document_loads_or_raises_knowledge_error(tmp_path_factory, document):
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        load_text(tmp_path_factory, text.encode("utf-8"))
    except KnowledgeError as error:
        assert error.file in ("a.yaml", "b.yaml")


names = st.one_of(st.text(max_size=20), st.sampled_from(["caecum", "ileocecal-valve", "L5",
                                                         "sacrum", "leg-right", ""]))


@SETTINGS
@given(start=names, targets=st.one_of(st.none(), st.lists(names, max_size=3)),
       hops=st.integers(-2, 8), evidence=st.one_of(st.none(), st.lists(
           st.sampled_from(list(EVIDENCE) + ["gossip", ""]), max_size=4)),
       per_target=st.integers(-1, 4), limit=st.one_of(st.none(), st.integers(0, 5)))
def test_path_queries_raise_only_our_errors(graph, start, targets, hops, evidence,
                                            per_target, limit):
    try:
        paths = referral_paths(graph, start, targets, max_hops=hops, evidence=evidence,
                               per_target=per_target, limit=limit)
    except ExplorerError:
        return
    for path in paths:
        assert path.nodes[0] == start and path.hops <= hops
        assert 0 < path.score <= 1
        if targets is not None:
            assert path.nodes[-1] in targets


@SETTINGS
@given(st.text(max_size=40))
def test_search_and_resolve_raise_only_our_errors(graph, text):
    hits = search(graph, text)
    assert all(0 < hit.score <= 100 for hit in hits)
    try:
        assert resolve(graph, text) in graph
    except ExplorerError:
        pass
