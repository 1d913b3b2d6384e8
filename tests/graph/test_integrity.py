"""Integrity of the shipped knowledge base: ids, sources, texts, export, commands."""
import json
import re

import networkx as nx
import pytest

from explorer.cli import main
from graph.export import export_graph, graph_from_json
from graph.vocabulary import EVIDENCE, LANGUAGES, REGISTERS

# Latin and jargon a patient should not meet: abbreviated or Latin anatomical terms.
LATIN = re.compile(r"\b(m|n|mm|nn|lig|a|v)\. |\b(nervus|nervi|musculus|ligamentum|fascia|"
                   r"plexus|ramus|rami|processus|corpus|crus|radix|dermatome|dermatoom)\b",
                   re.IGNORECASE)


def test_no_dangling_ids(graph):
    for u, v in graph.edges():
        assert "kind" in graph.nodes[u] and "kind" in graph.nodes[v], (u, v)
    for node, segments in graph.nodes(data="segments"):
        for segment in segments or []:
            assert graph.nodes[f"segment-{segment}"]["kind"] == "segment", node


def test_every_link_has_evidence_known_sources_and_four_texts(graph):
    known = set(graph.graph["sources"])
    for u, v, attrs in graph.edges(data=True):
        assert attrs["evidence"] in EVIDENCE
        assert attrs["sources"], (u, v)
        assert all(c.split(":", 1)[0].strip() in known for c in attrs["sources"]), (u, v)
        for lang in LANGUAGES:
            for register in REGISTERS:
                assert len(attrs["text"][lang][register]) > 15, (u, v, lang, register)
        assert attrs["text"]["en"]["patient"] != attrs["text"]["nl"]["patient"], (u, v)


def test_patient_texts_use_plain_words(graph):
    for u, v, attrs in graph.edges(data=True):
        for lang in LANGUAGES:
            text = attrs["text"][lang]["patient"]
            assert not LATIN.search(text), (u, v, lang, text)


def test_anatomy_links_cite_a_textbook(graph):
    textbooks = {"gray42", "gray20", "gray1913", "netter7", "moore8", "lee2008"}
    for u, v, attrs in graph.edges(data=True):
        if attrs["evidence"] == "anatomy":
            assert {c.split(":", 1)[0] for c in attrs["sources"]} & textbooks, (u, v)
        if attrs["evidence"] == "model":
            assert {c.split(":", 1)[0] for c in attrs["sources"]} & {"myers4", "barral"}, (u, v)


def test_every_organ_has_visceral_segments_linked(graph):
    for node, attrs in graph.nodes(data=True):
        if attrs["kind"] == "organ" and attrs.get("segments") and node != "ileocecal-valve":
            linked = {v for _, v, a in graph.out_edges(node, data=True)
                      if a["relation"] == "innervated_by"}
            assert {f"segment-{s}" for s in attrs["segments"]} <= linked, node


def test_every_branch_of_the_plexus_has_roots_and_a_region(graph):
    for side in ("right", "left"):
        for base in ("iliohypogastric-nerve", "ilioinguinal-nerve", "genitofemoral-nerve",
                     "lateral-femoral-cutaneous-nerve", "femoral-nerve", "obturator-nerve",
                     "superior-gluteal-nerve", "inferior-gluteal-nerve", "sciatic-nerve",
                     "posterior-femoral-cutaneous-nerve", "pudendal-nerve", "tibial-nerve",
                     "common-fibular-nerve"):
            nerve = f"{base}-{side}"
            out = [(v, a["relation"]) for _, v, a in graph.out_edges(nerve, data=True)]
            roots = {v for v, r in out if r == "branch_of" and v.startswith("segment-")}
            assert roots == {f"segment-{s}" for s in graph.nodes[nerve]["segments"]}, nerve
            assert any(r == "branch_of" and not v.startswith("segment-") for v, r in out), nerve
            assert any(r == "supplies" for v, r in out), nerve


@pytest.mark.parametrize("fmt", ["json", "graphml"])
def test_export_graph_round_trips_losslessly(graph, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    assert main(["export-graph", "--format", fmt, "--out", str(out)]) == 0
    if fmt == "json":
        again = graph_from_json(json.loads(out.read_text(encoding="utf-8")))
    else:
        again = nx.read_graphml(out, force_multigraph=True)

        def unflat(attrs):
            return {k: (json.loads(v) if isinstance(v, str) and v[:1] in "[{" else v)
                    for k, v in attrs.items()}
        again = nx.MultiDiGraph(again)
        for node in again.nodes:
            again.nodes[node].update(unflat(again.nodes[node]))
        for u, v, k in again.edges(keys=True):
            again.edges[u, v, k].update(unflat(again.edges[u, v, k]))
    assert dict(graph.nodes(data=True)) == dict(again.nodes(data=True))
    assert sorted((u, v, k, sorted(a.items())) for u, v, k, a in graph.edges(keys=True, data=True)) \
        == sorted((u, v, k, sorted(a.items())) for u, v, k, a in again.edges(keys=True, data=True))


def test_cli_explain_and_chain(capsys):
    assert main(["explain", "klep van bauhin", "heiligbeen", "--lang", "nl", "--paths", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. Hoe de klep van Bauhin gevoeld kan worden in het heiligbeen")
    assert "2. " in out and "Gray's Anatomy" in out
    assert main(["explain", "galblaas", "rechterschoudertop", "--register", "professional"]) == 0
    assert "phrenic" in capsys.readouterr().out
    assert main(["chain", "diepe voorlijn"]) == 0
    out = capsys.readouterr().out
    assert out.index("right psoas major") < out.index("diaphragm") < out.index("pericardium")
    assert main(["chain", "psoas"]) == 0
    assert "deep-front-line" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["explain", "caecum", "sacrum", "--register", "poetic"],
    ["explain", "zzzqqq", "sacrum"],
    ["explain", "caecum", "sacrum", "--paths", "0"],
    ["chain", "zzzqqq"],
])
def test_cli_bad_input_is_one_line_exit_2(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
