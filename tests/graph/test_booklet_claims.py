"""Every claim of the booklet's digest (../shared/booklet/DIGEST.md) that says how one part of
the body acts on another is in the graph as a booklet link, citing the booklet's section.

Each entry: the digest's section, the claim in short, and the links that carry it as
(source, relation, target). The test looks the links up in the graph; it does not compare
strings of the text. Claims that are advice, statistics or history without a structure
(medication steps, bed rest, the bucket of drops, tissue memory) are not links and are
listed in NOT_LINKS, so the omission is deliberate and visible.
"""
import pytest

SIDES = ("right", "left")


def both(source, relation, target):
    return [(source.format(side=s), relation, target.format(side=s)) for s in SIDES]


CLAIMS = [
    ("Introduction", "the author's HNP L5-S1 radiating into the left leg",
     [("disc-L5-S1", "refers_pain_to", "leg-left")]),
    ("De wervels", "the spine continues into the skull base: headaches have to do with the neck",
     [("C1", "refers_pain_to", "head-region"), ("C2", "refers_pain_to", "head-region")]),
    ("De wervels", "the sacrum continues via the pelvis into the legs",
     [("sacrum", "continuous_with", "leg-right"), ("sacrum", "continuous_with", "leg-left")]),
    ("Waarvoor dient de rug?", "the spine suspends nearly all internal organs",
     [("small-intestine", "attaches_to", "L2")]),
    ("De mens staat rechtop", "the back is the mast; loaded organs load the back",
     [("small-intestine", "attaches_to", "L2")]),
    ("De mens staat rechtop", "muscle chains: ankle, knee and shoulder influence the back",
     both("leg-{side}", "continuous_with", "thoracolumbar-fascia")
     + both("arm-{side}", "continuous_with", "thoracolumbar-fascia")),
    ("De mens staat rechtop (plexus lumbosacralis)", "kidney fixation, inflammation, dehydration irritate the plexus",
     both("kidney-{side}", "irritates", "lumbosacral-plexus-{side}")),
    ("De mens staat rechtop (plexus lumbosacralis)", "the small intestine lies on the plexus",
     both("small-intestine", "irritates", "lumbosacral-plexus-{side}")),
    ("De mens staat rechtop (plexus lumbosacralis)", "the colon and its flora irritate the nerves beneath",
     [("caecum", "irritates", "lumbosacral-plexus-right"),
      ("ascending-colon", "irritates", "lumbosacral-plexus-right"),
      ("descending-colon", "irritates", "lumbosacral-plexus-left")]),
    ("De mens staat rechtop (plexus lumbosacralis)", "the (bowel-)sensitive psoas on both sides",
     both("psoas-major-{side}", "irritates", "lumbosacral-plexus-{side}")),
    ("De mens staat rechtop (plexus lumbosacralis)", "trunk or leg muscles",
     both("quadratus-lumborum-{side}", "irritates", "lumbosacral-plexus-{side}")
     + both("piriformis-{side}", "irritates", "lumbosacral-plexus-{side}")),
    ("De mens staat rechtop (plexus lumbosacralis)", "even ovaries and the urinary tract",
     both("ovary-{side}", "irritates", "lumbosacral-plexus-{side}")
     + both("ureter-{side}", "irritates", "lumbosacral-plexus-{side}")),
    ("Wat zijn fascia?", "pull on the arm and it is felt in the neck",
     both("arm-{side}", "continuous_with", "neck-region")),
    ("Wat zijn fascia?", "foot arches move with breathing: feet and lungs are linked",
     both("lung-{side}", "continuous_with", "foot-{side}")),
    ("Wat zijn fascia?", "a full stomach makes lifting the arms harder",
     both("stomach", "continuous_with", "arm-{side}")),
    ("Verbinding en geheugen", "fascia connect foot to back to head and arm",
     both("foot-{side}", "continuous_with", "thoracolumbar-fascia")
     + [("thoracolumbar-fascia", "continuous_with", "head-region")]
     + both("arm-{side}", "continuous_with", "thoracolumbar-fascia")),
    ("Verbinding en geheugen", "many causes of limb complaints come from the belly",
     [("ileocecal-valve", "refers_pain_to", "leg-right"), ("ileocecal-valve", "refers_pain_to", "leg-left")]),
    ("Totale aanpak", "80% of back complaints come from the belly",
     [("small-intestine", "refers_pain_to", "lower-back-region"), ("small-intestine", "attaches_to", "L2")]),
    ("Fase 1: de buik- en borstholte", "the small intestine hangs from the lumbar spine and pulls on the back",
     [("small-intestine", "attaches_to", "L2"), ("small-intestine", "refers_pain_to", "lower-back-region")]),
    ("Fase 1: de buik- en borstholte", "the large intestine is attached to the back even more firmly",
     [("ascending-colon", "refers_pain_to", "lower-back-region"),
      ("descending-colon", "refers_pain_to", "lower-back-region")]),
    ("Fase 1: de buik- en borstholte", "the ileocaecal valve radiates to the sacrum and on into the legs",
     [("ileocecal-valve", "refers_pain_to", "sacrum"), ("ileocecal-valve", "refers_pain_to", "leg-right"),
      ("ileocecal-valve", "refers_pain_to", "leg-left")]),
    ("Fase 1: de buik- en borstholte", "the kidneys lie on psoas, which pulls the back crooked; back muscles tense",
     both("kidney-{side}", "lies_on", "psoas-major-{side}")
     + both("psoas-major-{side}", "irritates", "erector-spinae-{side}")
     + both("erector-spinae-{side}", "refers_pain_to", "lower-back-region")),
    ("Fase 1: de buik- en borstholte", "the uterus is connected with the sacrum: back pain around menstruation",
     [("uterus", "attaches_to", "sacrum"), ("uterus", "refers_pain_to", "lower-back-region")]),
    ("Fase 1: de buik- en borstholte", "heart, lungs and diaphragm are connected with the cervical and thoracic vertebrae",
     [(organ, "attaches_to", level) for organ in ("heart", "lung-right", "lung-left", "diaphragm")
      for level in ("C7", "T4")]),
]
NOT_LINKS = [
    "Introduction: chronic back complaints need a different diagnosis (a stance, not a link)",
    "Introduction: spondylolisthesis and 'going through the back' (history, no second structure)",
    "De wervels: 7 cervical, 12 thoracic, 5 lumbar, fused sacrum, coccyx (structures: see test below)",
    "Waarvoor dient de rug?: 231 intrinsic muscles (Engineer A's structures)",
    "De mens staat rechtop: sayings, 70-80% prevalence, overload, the bucket of drops",
    "De mens staat rechtop (plexus lumbosacralis): blood vessels, inguinal canal, scars, adhesions (no structure yet)",
    "Verschil acuut en chronisch: nerves adapt in 48 h, inflammatory mediators",
    "Verbinding en geheugen: tissue memory",
    "Advice, pain medication, Fase 2 exercises, Fase 3 food, daily approach, back to work",
]
ROWS = [(section, claim, link) for section, claim, links in CLAIMS for link in links]


@pytest.mark.parametrize("section, claim, link", ROWS,
                         ids=[f"{s}: {c} [{l[0]}->{l[2]}]" for s, c, l in ROWS])
def test_claim_is_a_booklet_link_citing_its_section(graph, section, claim, link):
    source, relation, target = link
    matches = [attrs for u, v, attrs in graph.out_edges(source, data=True)
               if v == target and attrs["evidence"] == "booklet" and attrs["relation"] == relation]
    assert matches, f"no booklet link {source} -{relation}-> {target} for: {claim}"
    cited = {c.split(":", 1)[1].strip() for attrs in matches for c in attrs["sources"]
             if c.startswith("booklet:")}
    assert section in cited, f"{source}->{target} does not cite the section {section!r}"


def test_the_vertebrae_are_counted_as_the_booklet_says(graph):
    kinds = {n: k for n, k in graph.nodes(data="kind")}
    for prefix, count in (("C", 7), ("T", 12), ("L", 5)):
        assert [f"{prefix}{i}" for i in range(1, count + 1)] == \
            [n for n in (f"{prefix}{i}" for i in range(1, 14)) if kinds.get(n) == "vertebra"]
    assert kinds["sacrum"] == kinds["coccyx"] == "vertebra"


def test_every_booklet_link_cites_a_section_the_digest_has(graph):
    sections = {section for section, _, _ in CLAIMS}
    for u, v, attrs in graph.edges(data=True):
        if attrs["evidence"] == "booklet":
            cited = [c.split(":", 1)[1].strip() for c in attrs["sources"] if c.startswith("booklet:")]
            assert cited and all(c in sections for c in cited), (u, v, cited)


def test_booklet_paths_reach_the_sacrum_and_legs_from_the_valve(graph):
    from graph.paths import referral_paths
    ends = {p.nodes[-1] for p in referral_paths(graph, "ileocecal-valve", evidence=["booklet"])}
    assert {"sacrum", "leg-right", "leg-left"} <= ends
