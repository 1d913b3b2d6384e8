"""The validated knowledge graph is kept in the user's cache folder: the next load of the
same files reads it and gets the very same graph; changed files or a damaged cache file are
read from the YAML again."""
import shutil

import pytest

from graph.errors import KnowledgeError
from graph.knowledge import default_knowledge_dir, load_knowledge


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FASCIA_EXPLORER_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), copy)
    return copy


def snapshot(graph):
    return (graph.graph, list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)))


def test_a_second_load_reads_the_cache_and_gives_the_same_graph(folder, tmp_path):
    first = load_knowledge(folder)
    cached = list((tmp_path / "cache").glob("knowledge-*.json"))
    assert len(cached) == 1
    second = load_knowledge(folder)
    assert snapshot(second) == snapshot(first)
    # it really came from the cache: a marker written into the cached file shows up
    text = cached[0].read_text("utf-8").replace('"sources": {', '"marker": 1, "sources": {', 1)
    cached[0].write_text(text, "utf-8")
    assert load_knowledge(folder).graph["marker"] == 1


def test_a_changed_file_is_read_again(folder):
    load_knowledge(folder)
    path = next(p for p in sorted(folder.glob("*.yaml")) if "structures:" in p.read_text("utf-8"))
    path.write_text(path.read_text("utf-8").replace("structures:", "structures:\n  - oops", 1),
                    "utf-8")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(folder)
    assert path.name in str(error.value)


def test_a_damaged_cache_file_is_ignored(folder, tmp_path):
    first = load_knowledge(folder)
    for cached in (tmp_path / "cache").glob("knowledge-*.json"):
        cached.write_bytes(b'{"graph": {"sources": ')
    assert snapshot(load_knowledge(folder)) == snapshot(first)
