"""The fixed vocabularies of the knowledge base: kinds, relations, mechanisms, evidence.

Everything a data file may say in these fields is listed here, so validation, queries and
the UI agree on one set of words.
"""
from __future__ import annotations

LANGUAGES = ("en", "nl")
REGISTERS = ("patient", "professional")
SIDES = ("left", "right", "midline", "bilateral")

KINDS = (
    "vertebra",   # C1..L5, sacrum and coccyx are vertebra-kind bones of the column
    "bone",       # other bones: skull base, ribs, hip bones, femora
    "disc",       # intervertebral discs
    "joint",
    "ligament",
    "fascia",
    "muscle",
    "organ",
    "nerve",
    "plexus",
    "segment",    # spinal cord segments (segment-T10): where visceral and skin nerves meet
    "region",     # a body region pain is felt in (sacral region, anterior thigh, ...)
    "limb",       # the leg as a whole
    "chain",      # a myofascial chain of a named model (Anatomy Trains lines)
)
# Kinds that are drawn in the 3D scene (the rest are abstract: segments, chains).
PHYSICAL_KINDS = frozenset({"vertebra", "bone", "disc", "joint", "ligament", "fascia",
                            "muscle", "organ", "nerve", "plexus", "region", "limb"})

RELATIONS = (
    "part_of", "attaches_to", "continuous_with", "lies_on", "innervated_by", "branch_of",
    "supplies", "refers_pain_to", "chain_next", "irritates",
)
# Relations whose links may not form a cycle: a thing cannot be part of its own part.
ACYCLIC_RELATIONS = ("part_of", "branch_of")

# The way pain or tension can travel along a link of each relation, from `source` to
# `target` ("forward"), the other way ("backward"), or both. Why:
# - part_of, attaches_to, continuous_with, lies_on, chain_next: tissue that is joined
#   pulls both ways.
# - innervated_by: an organ's pain travels into the nerve (segment) that carries it.
# - branch_of: an irritated trunk or plexus is felt along its branches (trunk -> branch).
# - supplies: an irritated nerve is felt where it supplies.
# - refers_pain_to, irritates: stated as a direction.
PAIN_DIRECTION = {
    "part_of": "both",
    "attaches_to": "both",
    "continuous_with": "both",
    "lies_on": "both",
    "chain_next": "both",
    "innervated_by": "forward",
    "branch_of": "backward",
    "supplies": "forward",
    "refers_pain_to": "forward",
    "irritates": "forward",
}

MECHANISMS = (
    "structural",         # one is part of the other
    "fascial",            # fascial continuity or attachment
    "ligamentous",        # a ligament or peritoneal fold holds it
    "mechanical",         # it lies on, presses or pulls on the other
    "neural",             # nerve branching, supply and innervation
    "visceral-referral",  # visceral pain felt in the skin of the same spinal segment
    "muscular",           # muscle attachment or myofascial chain
)

EVIDENCE = ("anatomy", "clinical", "model", "booklet")
# How much a step of each evidence level is trusted when ranking paths: a path's score is
# the product over its steps, so short and well-evidenced paths rank first.
EVIDENCE_WEIGHT = {"anatomy": 0.9, "clinical": 0.8, "model": 0.6, "booklet": 0.6}
# Paths scoring below this are left out by default: it keeps a single booklet or model claim
# (0.6) and up to six textbook steps (0.9**6 = 0.53), and drops long chains of weak steps that
# would otherwise light up half the body from any organ.
DEFAULT_MIN_SCORE = 0.5
EVIDENCE_LABEL = {
    "en": {"anatomy": "textbook anatomy", "clinical": "clinical pattern",
           "model": "model", "booklet": "booklet's claim"},
    "nl": {"anatomy": "anatomie (leerboek)", "clinical": "klinisch patroon",
           "model": "model", "booklet": "bewering van het boekje"},
}

# Kinds that are, by default, where referred-pain paths end: the regions pain is felt in,
# the bones of the spine and the legs.
REFERRAL_TARGET_KINDS = frozenset({"region", "vertebra", "limb"})
# Where a path ends for good: pain felt in a region or a limb does not travel on from there.
TERMINAL_KINDS = frozenset({"region", "limb"})
