"""Loading validates everything and names file, line and entry on the first error."""
import shutil
import subprocess
import sys
import textwrap

import pytest

from graph.errors import KnowledgeError
from graph.knowledge import default_knowledge_dir, load_knowledge
from graph.vocabulary import EVIDENCE, LANGUAGES, REGISTERS

LINK = textwrap.dedent("""\
    links:
      - source: a-thing
        target: b-thing
        relation: attaches_to
        mechanism: fascial
        evidence: anatomy
        sources: ["src"]
        text:
          en: {patient: "p", professional: "q"}
          nl: {patient: "p", professional: "q"}
    """)
BASE = textwrap.dedent("""\
    sources:
      - {id: src, citation: "A book"}
    structures:
      - {id: a-thing, kind: organ, names: {en: A, nl: A}}
      - {id: b-thing, kind: organ, names: {en: B, nl: B}}
    """)


def write_kb(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_shipped_knowledge_loads(graph):
    assert graph.number_of_nodes() > 50
    for vertebra in [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + \
            [f"L{i}" for i in range(1, 6)] + ["sacrum", "coccyx"]:
        assert graph.nodes[vertebra]["kind"] == "vertebra"


def test_every_link_is_sourced_and_bilingual(graph):
    for u, v, attrs in graph.edges(data=True):
        assert attrs["evidence"] in EVIDENCE
        assert attrs["sources"], (u, v)
        for lang in LANGUAGES:
            for register in REGISTERS:
                assert attrs["text"][lang][register].strip(), (u, v, lang, register)


def test_small_valid_base(tmp_path):
    g = load_knowledge(write_kb(tmp_path, **{"a.yaml": BASE, "b.yaml": LINK}))
    assert g.has_edge("a-thing", "b-thing")


@pytest.mark.parametrize("broken, message, line", [
    (LINK.replace("attaches_to", "hugs"), "unknown relation 'hugs'", 2),
    (LINK.replace("b-thing", "c-thing"), "target 'c-thing' is not a known structure", 2),
    (LINK.replace('["src"]', '["nobook"]'), "cites unknown source 'nobook'", 2),
    (LINK.replace("evidence: anatomy", "evidence: rumour"), "unknown evidence", 2),
    (LINK.replace("    relation:", "    colour: red\n    relation:"), "unknown key 'colour'", 2),
    (LINK.split("    text:")[0], "missing required key 'text'", 2),
    (LINK.replace("nl: {patient: \"p\", professional: \"q\"}", "nl: {patient: \"p\"}"),
     "text.nl.professional must be non-empty text", 2),
    (LINK.replace("links:", "links:\n  - 3"), "must be a mapping", None),
    (LINK.replace("  - source", "  - source: x\n    source"), "duplicate key 'source'", 3),
    ("links: [\n", "malformed YAML", None),
])
def test_broken_link_file_names_file_line_and_entry(tmp_path, broken, message, line):
    write_kb(tmp_path, **{"a.yaml": BASE, "b.yaml": broken})
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(tmp_path)
    assert info.value.file == "b.yaml"
    if message:
        assert message in str(info.value)
    if line:
        assert info.value.line == line


def test_duplicate_structure_id(tmp_path):
    write_kb(tmp_path, **{"a.yaml": BASE, "c.yaml": "structures:\n  - {id: a-thing, kind: organ, names: {en: A, nl: A}}\n"})
    with pytest.raises(KnowledgeError, match=r"c.yaml:2 \[a-thing\]: duplicate structure id \(first in a.yaml:4\)"):
        load_knowledge(tmp_path)


def test_part_of_cycle_is_refused(tmp_path):
    cycle = LINK.replace("attaches_to", "part_of").replace("fascial", "structural")
    back = cycle.replace("source: a-thing", "source: X").replace("target: b-thing", "target: a-thing").replace("source: X", "source: b-thing")
    write_kb(tmp_path, **{"a.yaml": BASE, "b.yaml": cycle, "c.yaml": back})
    with pytest.raises(KnowledgeError, match="form a cycle"):
        load_knowledge(tmp_path)


def test_empty_and_non_utf8_files(tmp_path):
    write_kb(tmp_path, **{"a.yaml": BASE})
    (tmp_path / "b.yaml").write_text("", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="b.yaml: file is empty"):
        load_knowledge(tmp_path)
    (tmp_path / "b.yaml").write_bytes(b"links: []\n# caf\xe9\n")
    with pytest.raises(KnowledgeError, match=r"b.yaml:2: not UTF-8"):
        load_knowledge(tmp_path)


def test_unsafe_yaml_tags_are_refused(tmp_path):
    write_kb(tmp_path, **{"a.yaml": BASE, "b.yaml": "links: !!python/object/apply:os.system ['true']\n"})
    with pytest.raises(KnowledgeError, match="malformed YAML"):
        load_knowledge(tmp_path)


def test_shipped_base_copy_loads(tmp_path):
    copy = tmp_path / "kb"
    shutil.copytree(default_knowledge_dir(), copy)
    assert load_knowledge(copy).number_of_edges() > 10


def test_graph_modules_do_not_import_qt():
    code = ("import sys, graph.knowledge, graph.paths, graph.search, graph.explain, "
            "graph.export, models.scene, explorer.cli, explorer.figures; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=str(default_knowledge_dir().parent.parent))
