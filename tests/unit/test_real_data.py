"""The shipped maps: strict validation, shared ids, no unintended isolated nodes, exports."""

import json

import networkx as nx
import pytest

from policymap.export import graph_to_json
from policymap.graph import build_graph, build_joined_graph
from policymap.loader import load_project


@pytest.fixture(scope="module")
def project():
    from pathlib import Path
    return load_project(Path(__file__).resolve().parents[2] / "data")


def test_shipped_maps_have_no_warnings(project):
    assert [w.format() for w in project.warnings] == []
    assert [(f.number, f.id) for f in project.figures] == [
        (2, "mental-health-services"), (3, "renewal-regeneration"), (4, "local-strategic-partnerships")]


def test_no_isolated_nodes(project):
    for fig in project.figures:
        graph = build_graph(project, fig)
        assert list(nx.isolates(graph)) == [], fig.id


@pytest.mark.parametrize("body", ["lit", "pct", "sha", "local-authorities", "nru", "odpm", "lsp"])
def test_bodies_named_in_the_brief_recur_with_one_id(project, body):
    showing = [f.id for f in project.figures if body in project.nodes_of(f)]
    assert len(showing) >= 2, (body, showing)


def test_figure_contents_from_the_guide(project):
    fig2 = {n for n in project.nodes_of(project.figure("2"))}
    fig3 = {n for n in project.nodes_of(project.figure("3"))}
    fig4 = {n for n in project.nodes_of(project.figure("4"))}
    assert {"lit", "pct", "sha", "nimhe", "local-authorities", "mental-health-trusts"} <= fig2
    assert {"odpm", "seu", "nru", "government-offices", "rda", "lsc", "nrf", "ndc", "cef", "sure-start"} <= fig3
    assert {"nru", "odpm", "lsp", "nrf", "lit", "pct", "sha"} <= fig4


def test_edges_read_as_the_guide_says(project):
    fig3 = build_graph(project, project.figure("3"))
    assert list(fig3["rda"]["dti"]) == ["accountable-to"]
    assert list(fig3["government-offices"]["rda"]) == ["sponsors"]
    fig4 = build_graph(project, project.figure("4"))
    assert fig4.has_edge("lsp", "nru") or fig4.has_edge("nru", "lsp")


def test_every_shipped_export_round_trips(project):
    joined = build_joined_graph(project)
    again = nx.node_link_graph(json.loads(graph_to_json(joined)), edges="edges")
    assert again.number_of_nodes() == joined.number_of_nodes() == len(
        set().union(*(project.nodes_of(f) for f in project.figures)))


def test_the_providers_tour_step_highlights_every_provider_the_guide_lists(project):
    """Figure 2's 'Who provides services?' step names PCTs ('PCTs again', p 19), so it highlights them too."""
    step = next(s for t in project.figure("2").tours for s in t.steps if s.title == "Who provides services?")
    assert {"mental-health-trusts", "community-trusts", "care-trusts", "pct", "social-services-departments",
            "voluntary-community-groups", "private-providers"} <= set(step.nodes)
    assert "pct -> lit" in step.edges
