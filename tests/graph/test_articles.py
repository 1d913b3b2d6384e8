"""Articles before structure names in path headings: "Hoe de klep van Bauhin gevoeld kan
worden in het heiligbeen", "How the ileocaecal valve can be felt in the sacrum"."""
from importlib import resources

import pytest
import yaml

from graph.explain import article, dutch_head, heading, load_articles, name_of, the_name
from graph.paths import referral_paths


def first_path(graph, start, end):
    return referral_paths(graph, start, targets=[end])[0]


@pytest.mark.parametrize("start, end, nl, en", [
    ("ileocecal-valve", "sacrum",
     "Hoe de klep van Bauhin gevoeld kan worden in het heiligbeen",
     "How the ileocaecal valve can be felt in the sacrum"),
    ("kidney-right", "lower-back-region",
     "Hoe de rechter nier gevoeld kan worden in de onderrug (lage rug)",
     "How the right kidney can be felt in the low back"),
    ("ileocecal-valve", "L5",
     "Hoe de klep van Bauhin gevoeld kan worden in de vijfde lendenwervel",
     "How the ileocaecal valve can be felt in the fifth lumbar vertebra"),
    ("ileocecal-valve", "lateral-thigh-right",
     "Hoe de klep van Bauhin gevoeld kan worden in de buitenkant rechterdij",
     "How the ileocaecal valve can be felt in the outer side of the right thigh"),
    ("ileocecal-valve", "leg-right",
     "Hoe de klep van Bauhin gevoeld kan worden in het rechterbeen",
     "How the ileocaecal valve can be felt in the right leg"),
    ("uterus", "dermatome-S2-left",
     "Hoe de baarmoeder gevoeld kan worden in het dermatoom S2 links",
     "How the uterus (womb) can be felt in the S2 dermatome, left"),
    ("small-intestine", "periumbilical-region",
     "Hoe de dunne darm gevoeld kan worden in het gebied rond de navel",
     "How the small intestine can be felt in the area around the navel"),
    ("heart", "neck-region",
     "Hoe het hart gevoeld kan worden in de nek", "How the heart can be felt in the neck"),
    ("sigmoid-colon", "L1",
     "Hoe het sigmoïd (S-vormige dikke darm) gevoeld kan worden in de eerste lendenwervel",
     "How the sigmoid colon can be felt in the first lumbar vertebra"),
    ("gallbladder", "shoulder-tip-right",
     "Hoe de galblaas gevoeld kan worden in de rechterschoudertop",
     "How the gallbladder can be felt in the tip of the right shoulder"),
])
def test_headings_of_real_paths(graph, start, end, nl, en):
    path = first_path(graph, start, end)
    assert heading(graph, path, "nl") == nl
    assert heading(graph, path, "en") == en


@pytest.mark.parametrize("node, nl, en", [
    ("kidney-left", "de linker nier", "the left kidney"),
    ("sciatic-nerve-right", "de rechter heupzenuw", "the right sciatic nerve"),
    ("genitofemoral-nerve-left", "de linker nervus genitofemoralis",
     "the left genitofemoral nerve"),
    ("psoas-major-right", "de rechter grote lendenspier", "the right psoas major"),
    ("hamstrings-left", "de linker hamstrings (achterste dijspieren)", "the left hamstrings"),
    ("lumbar-plexus-right", "de rechter lendenvlecht", "the right lumbar plexus"),
    ("lumbosacral-plexus-left", "de linker plexus lumbosacralis (grote zenuwvlecht)",
     "the left lumbosacral plexus"),
    ("diaphragm", "het middenrif", "the diaphragm"),
    ("heart", "het hart", "the heart"),
    ("spinal-cord", "het ruggenmerg", "the spinal cord"),
    ("sacroiliac-joint-left", "het heiligbeen-darmbeengewricht links",
     "the sacroiliac joint, left"),
    ("pericardium", "het hartzakje", "the pericardium (heart sac)"),
    ("coccyx", "het stuitje", "the coccyx"),
    ("pleural-dome-left", "het linker longtopvlies (pleurakoepel)",
     "the dome of the left pleura (cervical pleura)"),
    ("sacrotuberous-ligament-right",
     "het rechter ligamentum sacrotuberale (band van heiligbeen naar zitbeenknobbel)",
     "the right sacrotuberous ligament"),
    ("deep-front-line", "de diepe voorlijn (Deep Front Line, Anatomy Trains)",
     "the Deep Front Line (Anatomy Trains)"),
    ("back-functional-line-left", "de achterste functionele lijn, linkerarm naar rechterbeen "
     "(Back Functional Line)", "the Back Functional Line, left arm to right leg (Anatomy Trains)"),
    ("segment-L1", "het ruggenmergsegment L1", "the spinal cord segment L1"),
    ("disc-L5-S1", "de tussenwervelschijf L5-S1", "the intervertebral disc L5-S1"),
    ("ascending-colon", "de opstijgende dikke darm", "the ascending colon"),
])
def test_names_with_articles(graph, node, nl, en):
    assert the_name(graph, node, "nl") == nl
    assert the_name(graph, node, "en") == en


@pytest.mark.parametrize("name, expected", [
    # compounds take the gender of their last part; the longest listed ending wins
    ("heiligbeen", "het"), ("lendenwervel", "de"), ("middenrif", "het"), ("ruggenmerg", "het"),
    ("bekken", "het"), ("hart", "het"), ("buikvlies", "het"), ("longtopvlies", "het"),
    ("linkerlies", "de"), ("nier", "de"), ("blindedarm", "de"), ("linkerarm", "de"),
    # plurals
    ("hamstrings", "de"), ("billen", "de"), ("linker adductoren", "de"),
    # qualifiers before the head noun, phrases after it
    ("rechter nier", "de"), ("vijfde lendenwervel", "de"), ("klep van Bauhin", "de"),
    ("onderrug (lage rug)", "de"), ("huid van de buitenkant van het dijbeen", "de"),
    ("gebied rond de navel", "het"), ("afdalende dikke darm", "de"),
    # Latin heads, as whole words
    ("nervus ischiadicus", "de"), ("musculus psoas major", "de"), ("fascia iliaca", "de"),
    ("plexus sacralis", "de"), ("ligamentum sacrotuberale", "het"), ("os sacrum", "het"),
])
def test_dutch_articles_of_words(name, expected):
    found = dutch_head(name)
    assert found is not None, name
    assert found[0] == expected, (name, found)
    assert article(name, "nl") == expected


def test_english_leaves_names_with_a_determiner_bare():
    assert article("ileocaecal valve", "en") == "the"
    assert article("Deep Front Line (Anatomy Trains)", "en") == "the"
    assert article("Sibson's fascia", "en") == ""
    assert article("the pit of the stomach", "en") == ""


def test_unlisted_dutch_name_falls_back_to_de_but_says_so():
    assert dutch_head("xyzzy") is None
    assert article("xyzzy", "nl") == "de"


def test_article_lists_are_consistent():
    data = load_articles()
    assert set(data["nl"]["words"].values()) <= {"de", "het"}
    assert set(article for _, article in data["nl"]["endings"]) <= {"de", "het"}
    assert set(data["nl"]["names"].values()) <= {"de", "het"}
    # a word listed under both de and het would be decided by the order of the file
    raw = yaml.safe_load((resources.files("resources") / "language" / "articles.yaml")
                         .read_text("utf-8"))["nl"]
    for section in ("words", "endings"):
        both = set(raw[section]["de"]) & set(raw[section]["het"])
        assert not both, (section, both)
        for article_ in ("de", "het"):
            listed = raw[section][article_]
            assert len(listed) == len(set(listed)), (section, article_)


def test_every_name_in_the_knowledge_base_is_decided_by_the_lists(graph):
    undecided = [name_of(graph, node, "nl") for node in graph
                 if dutch_head(name_of(graph, node, "nl")) is None]
    assert not undecided, undecided
    assert all(article(name_of(graph, node, "en"), "en") == "the" for node in graph)


# The path ends (and starts) that take "het", read and checked by a Dutch speaker; every
# other one takes "de". A change in the names or the word lists that moves one shows here.
NEUTER_PATH_ENDS = {
    "dermatoom L1 links", "dermatoom L1 rechts", "dermatoom L2 links", "dermatoom L2 rechts",
    "dermatoom S2 links", "dermatoom S2 rechts", "gebied rond de navel", "hart", "heiligbeen",
    "linkerbeen", "rechterbeen", "sigmoïd (S-vormige dikke darm)",
}


def test_every_start_and_end_of_an_organs_paths_gets_its_article_from_the_lists(graph):
    ends = set()
    for node, kind in graph.nodes(data="kind"):
        if kind == "organ":
            for path in referral_paths(graph, node):
                ends.update((path.nodes[0], path.nodes[-1]))
    names = sorted(name_of(graph, node, "nl") for node in ends)
    decided = {name: dutch_head(name) for name in names}
    print("\n".join(f"{found[0] if found else '??':3s} {name}"
                    for name, found in decided.items()))
    assert all(found is not None for found in decided.values()), \
        [name for name, found in decided.items() if found is None]
    assert {name for name, found in decided.items() if found[0] == "het"} == NEUTER_PATH_ENDS
    assert len(names) > 50
