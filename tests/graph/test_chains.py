"""Chains (Anatomy Trains lines): stations in order, which chains pass a structure, integrity."""
import pytest

from graph.chains import chain_ids, chain_stations, chain_tracks, chains_through
from graph.errors import ExplorerError
from graph.vocabulary import PHYSICAL_KINDS


def test_deep_front_line_runs_from_the_foot_through_psoas_diaphragm_and_mediastinum(graph):
    right, left = chain_tracks(graph, "deep-front-line")
    assert right[0] == "foot-right" and left[0] == "foot-left"
    for track, side in ((right, "right"), (left, "left")):
        order = [track.index(s) for s in (f"psoas-major-{side}", f"diaphragm-crus-{side}",
                                          "diaphragm", "pericardium")]
        assert order == sorted(order), track
    assert right[right.index("diaphragm"):] == left[left.index("diaphragm"):], "tracks meet"


def test_stations_listed_once_in_track_order(graph):
    stations = chain_stations(graph, "deep-front-line")
    assert len(stations) == len(set(stations))
    assert stations[0] == "foot-right"
    assert stations.index("psoas-major-right") < stations.index("diaphragm")


def test_which_chains_pass_a_structure(graph):
    assert "deep-front-line" in chains_through(graph, "psoas-major-left")
    assert "deep-front-line" in chains_through(graph, "pericardium")
    assert chains_through(graph, "thoracolumbar-fascia") == ["back-functional-line-left",
                                                             "back-functional-line-right"]
    assert chains_through(graph, "caecum") == []


def test_back_functional_line_crosses_to_the_other_leg(graph):
    assert chain_tracks(graph, "back-functional-line-right") == [
        ("arm-right", "latissimus-dorsi-right", "thoracolumbar-fascia", "gluteus-maximus-left",
         "leg-left")]


def test_every_chain_link_names_a_chain_and_joins_physical_stations(graph):
    chains = set(chain_ids(graph))
    for u, v, attrs in graph.edges(data=True):
        if attrs["relation"] == "chain_next":
            assert attrs["chain"] in chains, (u, v)
            assert attrs["evidence"] == "model"
            for station in (u, v):
                assert graph.nodes[station]["kind"] in PHYSICAL_KINDS, station
    for chain in chains:
        assert len(chain_stations(graph, chain)) >= 3


def test_not_a_chain(graph):
    with pytest.raises(ExplorerError, match="not a chain"):
        chain_tracks(graph, "caecum")
    with pytest.raises(ExplorerError):
        chains_through(graph, "nowhere")
