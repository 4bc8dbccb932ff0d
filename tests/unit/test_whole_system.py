"""The whole-system map on the shipped data: joined graph with case studies, Figure 1 layers, layout."""

from pathlib import Path

import networkx as nx
import pytest

from policymap.graph import build_graph, build_joined_graph, edge_records
from policymap.layout import CASE_STUDIES_FRAME, SHARED_FRAME, RegionBox, compute_layout, compute_system_layout
from policymap.loader import load_project


@pytest.fixture(scope="module")
def project():
    return load_project(Path(__file__).resolve().parents[2] / "data")


@pytest.fixture(scope="module")
def whole(project):
    return build_joined_graph(project, case_studies=True)


def _system_layout(project, graph):
    return compute_system_layout(graph, [(fig, build_graph(project, fig)) for fig in project.figures])


def test_four_case_studies_in_the_guides_order(project):
    assert [s.id for s in project.case_studies] == [
        "wise-people", "first-step-trust", "lambeth-early-onset", "promoting-good-parenting"]
    assert project.warnings == []
    for study in project.case_studies:
        assert min(study.pages) >= 40 and max(study.pages) <= 48, study.id
        assert study.key_figures and study.lessons, study.id


def test_case_studies_reach_the_maps(project, whole):
    maps = nx.Graph(build_joined_graph(project))
    for study in project.case_studies:
        linked = {e.source for e in study.links} | {e.target for e in study.links}
        assert linked & set(maps.nodes), study.id
    assert whole.nodes["mental-health-trusts"]["partner_in"][0]["name"].startswith("Newcastle, North Tyneside")
    assert whole.nodes["first-step-trust"]["acronym"] == "FST"


def test_joined_counts_match(project, whole):
    plain = build_joined_graph(project)
    new = {s.id for s in project.case_studies} | {p.id for s in project.case_studies for p in s.partners if p.label}
    assert set(whole.nodes) == set(plain.nodes) | new and not set(plain.nodes) & new
    assert len(edge_records(whole)) == len(edge_records(plain)) + sum(len(s.links) for s in project.case_studies)
    assert {n for n, a in whole.nodes(data=True) if a["case_study"]} == new


def test_layers_follow_the_guide(whole):
    layers = {n: a["layer"] for n, a in whole.nodes(data=True) if a.get("layer")}
    assert layers["regeneration-partnerships"] == "upstream"
    assert layers["mental-health-trusts"] == "downstream"
    assert layers["cmhts"] == "downstream"
    assert layers["voluntary-community-groups"] == "midstream"
    assert layers["first-step-trust"] == "midstream"
    assert "promoting-good-parenting" not in layers and "lsp" not in layers
    for node_id in layers:  # every layer on a map body says why, with a page
        note = whole.nodes[node_id]["note"] or ""
        assert "layer" in note.lower() and "p" in note, node_id


def test_system_layout_places_every_node_deterministically(project, whole):
    first, again = _system_layout(project, whole), _system_layout(project, build_joined_graph(project, case_studies=True))
    assert first == again
    assert set(first.positions) == set(whole.nodes)
    assert len(set(first.positions.values())) == whole.number_of_nodes()  # no two nodes on one spot
    assert all(isinstance(c, int) for xy in first.positions.values() for c in xy)


def test_system_layout_regions(project, whole):
    layout = _system_layout(project, whole)
    frames = {b.id: b for b in layout.regions if b.parent is None}
    assert list(frames) == ["mental-health-services", SHARED_FRAME, "renewal-regeneration",
                            "local-strategic-partnerships", CASE_STUDIES_FRAME]

    def inside(node_id, frame):
        x, y = layout.positions[node_id]
        return frame.x <= x <= frame.x + frame.width and frame.y <= y <= frame.y + frame.height

    # Figure 2 on the left, shared bodies in the middle, Figures 3 and 4 on the right, case studies below
    assert frames["mental-health-services"].x + frames["mental-health-services"].width < frames[SHARED_FRAME].x
    assert frames[SHARED_FRAME].x + frames[SHARED_FRAME].width < frames["renewal-regeneration"].x
    assert frames[CASE_STUDIES_FRAME].y > frames["local-strategic-partnerships"].y
    for node_id, attrs in whole.nodes(data=True):
        if attrs["case_study"]:
            expected = CASE_STUDIES_FRAME
        elif len(attrs["figures"]) > 1:
            expected = SHARED_FRAME
        else:
            expected = attrs["figures"][0]
        assert inside(node_id, frames[expected]), (node_id, expected)
    inner = [b for b in layout.regions if b.parent == CASE_STUDIES_FRAME]
    assert [b.id for b in inner] == [f"case-studies--{s.id}" for s in project.case_studies]
    assert "mental-health-services--trust-services" in {b.id for b in layout.regions}


def test_system_layout_without_case_studies(project):
    plain = build_joined_graph(project)
    layout = _system_layout(project, plain)
    assert set(layout.positions) == set(plain.nodes)
    assert CASE_STUDIES_FRAME not in {b.id for b in layout.regions}


def test_figure_layouts_are_unchanged(project):
    """compute_layout keeps its behaviour: plain RegionBoxes, so figure pages do not change."""
    fig = project.figure("2")
    layout = compute_layout(build_graph(project, fig), fig.regions)
    assert {type(b) for b in layout.regions} == {RegionBox}


def test_whole_system_tours_cross_the_figures_through_shared_bodies(project):
    from policymap.site import gather_pages

    pages = gather_pages(project)
    page = pages["whole-system"]
    tours = page.figure.tours
    assert len(tours) >= 2
    figures = {fig.id for fig in project.figures}
    for tour in tours:
        crossed = set()
        for step in tour.steps:
            assert step.pages, (tour.id, step.title)  # every step cites the guide
            assert set(step.nodes) <= set(page.graph.nodes), step.title
            for node_id in step.nodes:
                crossed |= set(page.graph.nodes[node_id]["figures"]) & figures
        shared = {n for step in tour.steps for n in step.nodes if len(page.graph.nodes[n]["figures"]) > 1}
        assert len(crossed) >= 2 and shared, tour.id  # from one figure to another through a shared body
    first = tours[0]
    assert first.steps[0].nodes[0] == "service-users" and "lit" in first.steps[1].nodes
    assert "lsp" in first.steps[1].nodes and "nrf" in first.steps[-2].nodes
    # each step's 'source -> target' highlights the relations the page draws
    from policymap.render import figure_context, site_data

    _shared, own = site_data(project, pages)
    context = figure_context(project, pages, page, own["whole-system"])
    drawn = {r["id"]: (r["source"], r["target"]) for r in page.records}  # relations are keyed by id on the page
    for tour, data in zip(tours, context["page_data"]["tours"]):
        for step, step_data in zip(tour.steps, data["steps"]):
            assert {drawn[e] for e in step_data["edges"]} == {tuple(ref.split(" -> ")) for ref in step.edges}


def test_index_counts_every_relation_of_the_whole_system(project):
    from policymap.site import render_site

    index = render_site(project)["index.html"]
    whole = build_joined_graph(project, case_studies=True)
    assert f"{whole.number_of_nodes()} bodies · {whole.number_of_edges()} relations" in index
    assert " · 0 relations" not in index
