"""Graphs per map and joined, and exports that round-trip through networkx."""

import json

import networkx as nx
import pytest

from policymap.export import graph_to_csv, graph_to_graphml, graph_to_json, select_graph
from policymap.graph import build_graph, build_joined_graph
from policymap.loader import load_project


@pytest.fixture
def project(good_copy):
    return load_project("data")


def test_shared_body_has_one_node_in_joined_graph(project):
    joined = build_joined_graph(project)
    assert sorted(joined.nodes) == ["kings-fund", "lsp", "nimhe", "pct", "residents"]
    assert joined.nodes["lsp"]["figures"] == ["funding", "partners"]
    assert joined.number_of_edges() == 5


def test_figure_graph_places_shared_bodies(project):
    graph = build_graph(project, project.figure("partners"))
    assert graph.nodes["nimhe"]["figure_note"] == "Here NIMHE only advises."
    assert graph.nodes["nimhe"]["shared"] is True
    assert graph.edges["residents", "lsp"]["reading"] == "are members of"


@pytest.mark.parametrize("key", ["funding", "7", "all"])
def test_json_round_trip(project, key):
    graph = select_graph(project, key)
    again = nx.node_link_graph(json.loads(graph_to_json(graph)), edges="edges")
    assert set(again.nodes) == set(graph.nodes)
    assert set(again.edges) == set(graph.edges)
    for node_id in graph.nodes:
        assert again.nodes[node_id] == graph.nodes[node_id]


def test_graphml_round_trip(project, tmp_path):
    graph = select_graph(project, "all")
    path = tmp_path / "all.graphml"
    path.write_text(graph_to_graphml(graph), encoding="utf-8")
    again = nx.read_graphml(path)
    assert set(again.nodes) == set(graph.nodes)
    assert set(again.edges) == set(graph.edges)
    assert again.nodes["lsp"]["label"] == "Local strategic partnerships"
    assert json.loads(again.nodes["lsp"]["pages"]) == [27, 28]


def test_csv_rows_match_graph(project):
    graph = select_graph(project, "funding")
    nodes, edges = graph_to_csv(graph)
    assert len(nodes.splitlines()) == graph.number_of_nodes() + 1
    assert "pct,lsp,member-of,are members of,stated,28,PCTs are expected to play a prominent role." in edges
