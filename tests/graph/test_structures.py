"""The structures the engineers agreed on are in the knowledge base, named in en and nl."""
import pytest

SIDED = ("right", "left")


def both(*bases):
    return [f"{base}-{side}" for base in bases for side in SIDED]


AGREED = {
    "organ": ["small-intestine", "appendix", "ascending-colon", "transverse-colon",
              "descending-colon", "sigmoid-colon", "stomach", "liver", "gallbladder",
              "pancreas", *both("kidney", "ureter", "ovary"), "bladder", "uterus", "prostate",
              "heart", *both("lung"), "oesophagus", "caecum", "ileocecal-valve"],
    "fascia": ["mesentery", "pericardium", *both("pleural-dome", "renal-fascia", "iliac-fascia",
                                                 "suprapleural-membrane"),
               "thoracolumbar-fascia"],
    "ligament": [*both("uterosacral-ligament"), "vertebropericardial-ligament"],
    "muscle": ["diaphragm", *both("diaphragm-crus", "psoas-major", "iliacus",
                                  "quadratus-lumborum", "erector-spinae", "piriformis")],
    "nerve": ["spinal-cord", *both("lumbosacral-trunk", "iliohypogastric-nerve",
                                   "ilioinguinal-nerve", "genitofemoral-nerve",
                                   "lateral-femoral-cutaneous-nerve", "femoral-nerve",
                                   "obturator-nerve", "superior-gluteal-nerve",
                                   "inferior-gluteal-nerve", "sciatic-nerve",
                                   "posterior-femoral-cutaneous-nerve", "pudendal-nerve",
                                   "tibial-nerve", "common-fibular-nerve", "phrenic-nerve")],
    "plexus": both("lumbar-plexus", "sacral-plexus", "lumbosacral-plexus"),
    "limb": both("leg", "arm"),
    "region": [*both("anterior-thigh", "lateral-thigh", "posterior-thigh", "groin", "loin",
                     "shoulder-tip", "foot"),
               "lower-back-region", "medial-arm-left", "neck-region", "head-region",
               "epigastric-region", "suprapubic-region", "perineum-region",
               "periumbilical-region", "sacral-region",
               *[f"dermatome-{s}-{side}" for s in ("L1", "L2", "L3", "L4", "L5", "S1", "S2")
                 for side in SIDED]],
}
ALL = [(kind, node) for kind, nodes in AGREED.items() for node in nodes]


@pytest.mark.parametrize("kind, node", ALL, ids=[n for _, n in ALL])
def test_agreed_structure_present(graph, kind, node):
    assert node in graph, f"{node} is missing"
    attrs = graph.nodes[node]
    assert attrs["kind"] == kind
    assert attrs["names"]["en"] and attrs["names"]["nl"]


def test_sided_structures_say_their_side(graph):
    for _, node in ALL:
        for side in SIDED:
            if node.endswith(f"-{side}"):
                assert graph.nodes[node].get("side") == side, node


def test_nerve_roots_are_segments(graph):
    # each branch of the plexus carries its root segments, as segment-* nodes
    roots = {"femoral-nerve": ["L2", "L3", "L4"], "obturator-nerve": ["L2", "L3", "L4"],
             "sciatic-nerve": ["L4", "L5", "S1", "S2", "S3"], "pudendal-nerve": ["S2", "S3", "S4"],
             "phrenic-nerve": ["C3", "C4", "C5"]}
    for base, segments in roots.items():
        for side in SIDED:
            assert graph.nodes[f"{base}-{side}"]["segments"] == segments
            assert all(f"segment-{s}" in graph for s in segments)


def test_dermatomes_name_their_segment(graph):
    for _, node in ALL:
        if node.startswith("dermatome-"):
            segment = node.split("-")[1]
            assert graph.nodes[node]["segments"] == [segment]
