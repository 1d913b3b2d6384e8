"""Referral paths, search and explanations on the shipped knowledge base."""
import networkx as nx
import pytest

from graph.errors import ExplorerError, NotFoundError
from graph.explain import explain_path, heading
from graph.export import graph_from_json, graph_to_json
from graph.paths import referral_paths, structures_on
from graph.search import normalize, resolve, search


def test_valve_reaches_sacrum_and_legs(graph):
    paths = referral_paths(graph, "ileocecal-valve")
    ends = {p.nodes[-1] for p in paths}
    assert "sacrum" in ends
    assert "leg-right" in ends
    assert "anterior-thigh-right" in ends
    for path in paths:
        assert path.nodes[0] == "ileocecal-valve"
        assert len(set(path.nodes)) == len(path.nodes), "paths are simple"
        for (a, b), edge in zip(zip(path.nodes, path.nodes[1:]), path.edges):
            assert {a, b} == {edge["source"], edge["target"]}


def test_paths_ranked_best_first_and_deterministic(graph):
    first = referral_paths(graph, "ileocecal-valve")
    assert [p.score for p in first] == sorted((p.score for p in first), reverse=True)
    assert first == referral_paths(graph, "ileocecal-valve")


def test_evidence_filter(graph):
    anatomy_only = referral_paths(graph, "ileocecal-valve", evidence=["anatomy"])
    assert anatomy_only
    assert all(e["evidence"] == "anatomy" for p in anatomy_only for e in p.edges)
    booklet = referral_paths(graph, "ileocecal-valve", targets=["sacrum"], evidence=["booklet"])
    assert [p.nodes for p in booklet] == [("ileocecal-valve", "sacrum")]


def test_max_hops_bounds_paths(graph):
    assert all(p.hops <= 2 for p in referral_paths(graph, "ileocecal-valve", max_hops=2))


def test_direction_of_relations(graph):
    # pain runs from a plexus into its branches, never from a branch back up into the plexus
    ends = {p.nodes[-1] for p in referral_paths(graph, "femoral-nerve-right", max_hops=6,
                                                mechanisms=["neural"])}
    assert ends == {"anterior-thigh-right"}
    for path in referral_paths(graph, "femoral-nerve-right", max_hops=6):
        for here, edge in zip(path.nodes, path.edges):
            if edge["relation"] == "branch_of":
                assert here == edge["target"], "pain went up from a branch into its trunk"
    ends = {p.nodes[-1] for p in referral_paths(graph, "lumbar-plexus-right", max_hops=2)}
    assert "anterior-thigh-right" in ends


def test_bad_query_arguments(graph):
    with pytest.raises(ExplorerError):
        referral_paths(graph, "nothing-here")
    with pytest.raises(ExplorerError):
        referral_paths(graph, "caecum", evidence=["gossip"])
    with pytest.raises(ExplorerError):
        referral_paths(graph, "caecum", targets=["nowhere"])
    with pytest.raises(ExplorerError):
        referral_paths(graph, "caecum", max_hops=0)


@pytest.mark.parametrize("query, expected", [
    ("klep van bauhin", "ileocecal-valve"),
    ("Klep van Bauhin", "ileocecal-valve"),
    ("heiligbeen", "sacrum"),
    ("nervus ischiadicus", "sciatic-nerve-right"),
    ("ileocaecal valve", "ileocecal-valve"),
    ("ileocecal valve", "ileocecal-valve"),
    ("L5", "L5"),
    ("blindedarm", "caecum"),
    ("heligbeen", "sacrum"),       # a letter missing
    ("nervus ischiadikus", "sciatic-nerve-right"),  # a letter wrong
])
def test_search_finds(graph, query, expected):
    assert resolve(graph, query) == expected


def test_search_psoas_finds_both_sides(graph):
    ids = [hit.id for hit in search(graph, "psoas")[:2]]
    assert sorted(ids) == ["psoas-major-left", "psoas-major-right"]


def test_search_nonsense_suggests_nothing_wrong(graph):
    assert search(graph, "zzzzqqq") == []
    with pytest.raises(NotFoundError):
        resolve(graph, "zzzzqqq")
    with pytest.raises(NotFoundError) as info:
        resolve(graph, "sacrim nerve plexis")
    assert info.value.suggestions


def test_normalize():
    assert normalize("  Ileocæcal-Valve ") == "ileocaecal valve"
    assert normalize("Heiligbeen (os sacrum)") == "heiligbeen os sacrum"
    assert normalize("Cœur é") == "coeur e"


def test_explanations_cite_every_step(graph):
    path = referral_paths(graph, "ileocecal-valve", targets=["anterior-thigh-right"])[0]
    for lang in ("en", "nl"):
        for register in ("patient", "professional"):
            steps = explain_path(graph, path, lang, register)
            assert len(steps) == path.hops
            assert all(step.sentence and step.sources for step in steps)
    assert "Gray's Anatomy" in explain_path(graph, path)[0].sources[0]
    assert heading(graph, path, "nl").startswith("Hoe de klep van Bauhin")


def test_structures_on(graph):
    paths = referral_paths(graph, "ileocecal-valve", targets=["sacrum"])
    assert {"ileocecal-valve", "sacrum"} <= structures_on(paths)


def test_graph_json_round_trip_is_lossless(graph):
    import json
    again = graph_from_json(json.loads(json.dumps(graph_to_json(graph))))
    assert nx.utils.nodes_equal(graph.nodes(data=True), again.nodes(data=True))
    assert sorted(graph.edges(keys=True, data=True)) == sorted(again.edges(keys=True, data=True))
    assert graph.graph == again.graph


def test_min_score_drops_weaker_paths(graph):
    every = referral_paths(graph, "kidney-right")
    strong = referral_paths(graph, "kidney-right", min_score=0.6)
    assert strong and all(p.score >= 0.6 for p in strong)
    assert {p.nodes for p in strong} == {p.nodes for p in every if p.score >= 0.6}
    with pytest.raises(ExplorerError):
        referral_paths(graph, "kidney-right", min_score=1.5)


def test_a_segment_passes_no_pain_out_along_the_nerves_of_its_root(graph):
    # the uterus's sacral segments are felt in their dermatomes, not down the tibial nerve
    for path in referral_paths(graph, "uterus"):
        for here, edge in zip(path.nodes, path.edges):
            assert not (edge["relation"] == "branch_of" and here.startswith("segment-")), path.nodes


def test_paths_do_not_cross_the_midline_through_a_shared_structure(graph):
    for path in referral_paths(graph, "kidney-right", evidence=["anatomy", "clinical"]):
        sides = [graph.nodes[n].get("side") for n in path.nodes]
        for i in range(1, len(sides) - 1):
            if sides[i] not in ("left", "right"):
                before = [s for s in sides[:i] if s in ("left", "right")]
                if before and sides[i + 1] in ("left", "right"):
                    assert sides[i + 1] == before[-1], path.nodes


def test_direct_claims_always_told(graph):
    # longer textbook chains fill the sacrum's places; the booklet's own claim still shows
    to_sacrum = referral_paths(graph, "ileocecal-valve", targets=["sacrum"])
    assert ("ileocecal-valve", "sacrum") in [p.nodes for p in to_sacrum]
    assert [p.score for p in to_sacrum] == sorted((p.score for p in to_sacrum), reverse=True)


def test_representative_paths_tell_different_stories(graph):
    from graph.paths import representative_paths
    every = referral_paths(graph, "ileocecal-valve")
    chosen = representative_paths(every, 12)
    assert len(chosen) == 12
    assert all(p in chosen for p in every if p.hops == 1), "direct claims come first"
    assert [every.index(p) for p in chosen] == sorted(every.index(p) for p in chosen)
    ends = [p.nodes[-1] for p in chosen]
    assert len(set(ends)) == len(ends), "with room to spare, no place is told twice"
    assert representative_paths(every, 1000) == every
