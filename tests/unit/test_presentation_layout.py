"""Presentation mode's layout: every real map fits a 1280x720 screen with 22px labels, boxes apart."""

from pathlib import Path

import pytest

from policymap.graph import build_graph
from policymap.layout import (PRESENT_FONT, PRESENT_HEADING, PRESENT_STYLE, _styled_size,
                              compute_presentation_layout,
                              presentation_name, text_width, wrap_text)
from policymap.loader import load_project
from policymap.render import vis_shapes

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "data")


@pytest.fixture(scope="module", params=[f.id for f in PROJECT.figures])
def laid_out(request):
    fig = next(f for f in PROJECT.figures if f.id == request.param)
    graph = build_graph(PROJECT, fig)
    return fig, graph, compute_presentation_layout(graph, fig.regions, vis_shapes())


def test_labels_are_at_least_22px_when_fitted_to_1280x720(laid_out):
    _fig, _graph, present = laid_out
    assert present.font == PRESENT_FONT == 22
    assert present.scale >= 1.0  # labels are font x scale CSS px on the projected screen
    assert present.width * present.scale <= 1280 and present.height * present.scale <= 720


def test_node_boxes_do_not_overlap_and_stay_in_their_regions(laid_out):
    _fig, graph, present = laid_out
    shapes = vis_shapes()
    boxes = {}
    for node_id, (x, y) in present.positions.items():
        w, h = _styled_size(present.labels[node_id].split("\n"), shapes[graph.nodes[node_id]["kind"]], PRESENT_STYLE)
        boxes[node_id] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    ids = sorted(boxes)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            l1, t1, r1, b1 = boxes[a]
            l2, t2, r2, b2 = boxes[b]
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, (a, b)
    frames = {r["id"]: r for r in present.regions}
    for node_id, (left, top, right, bottom) in boxes.items():
        frame = frames.get(graph.nodes[node_id].get("region")) or frames.get("_map")
        heading = len(frame["lines"]) * PRESENT_HEADING
        assert frame["x"] <= left and right <= frame["x"] + frame["width"], node_id
        assert frame["y"] + heading <= top and bottom <= frame["y"] + frame["height"], node_id


def test_every_body_is_placed_and_named_once(laid_out):
    _fig, graph, present = laid_out
    assert sorted(present.positions) == sorted(graph.nodes) == sorted(present.labels)
    acronyms = [present.labels[n] for n in graph.nodes if present.labels[n] == graph.nodes[n].get("acronym")]
    assert len(acronyms) == len(set(acronyms))  # an acronym stands in only where it is unique


def test_same_graph_same_layout():
    fig = PROJECT.figures[0]
    graph = build_graph(PROJECT, fig)
    assert compute_presentation_layout(graph, fig.regions, vis_shapes()) == \
        compute_presentation_layout(graph, fig.regions, vis_shapes())


@pytest.mark.parametrize("fig", PROJECT.figures, ids=lambda f: f.id)
def test_skipping_candidates_that_cannot_win_chooses_what_trying_every_one_does(fig, monkeypatch):
    """The packing search skips a candidate whose scale could not outrank the best so far, and
    gives up on one whose best arrangement falls short of it: the layouts must be those of the
    exhaustive search (every candidate packed in full), presented and normal alike."""
    from policymap import layout

    graph = build_graph(PROJECT, fig)
    shapes = vis_shapes()
    pruned = (compute_presentation_layout(graph, fig.regions, shapes), layout.compute_map_layout(graph, fig.regions, shapes))
    layout._options_of.cache_clear()
    monkeypatch.setattr(layout, "_scale_to_beat", lambda best_key, rank: 0.0)
    exhaustive = (compute_presentation_layout(graph, fig.regions, shapes), layout.compute_map_layout(graph, fig.regions, shapes))
    assert pruned == exhaustive


def test_names_and_wrapping():
    assert presentation_name("NSF for Children (in preparation)") == "NSF for Children"
    assert presentation_name("(only an aside)") == "(only an aside)"
    assert wrap_text("Local strategic partnerships", 170, 22) == ["Local strategic", "partnerships"]
    assert wrap_text("Supercalifragilistic", 10, 22) == ["Supercalifragilistic"]
    assert text_width("mm", 100) > text_width("ii", 100)
