"""Normal layouts on the shipped data: every body's box (measured as vis-network measures it) apart
from every other, inside its region, and its label wrapped between words."""

from pathlib import Path

import networkx as nx
import pytest

from policymap.layout import NODE_FONT, compute_layout, compute_map_layout, node_label, node_size, wrap_label
from policymap.loader import load_project
from policymap.render import vis_shapes
from policymap.site import gather_pages

ROOT = Path(__file__).resolve().parents[2]
PAGES = gather_pages(load_project(ROOT / "data"))


def boxes(page) -> dict[str, tuple[float, float, float, float]]:
    shapes = vis_shapes()
    out = {}
    for node_id, (x, y) in page.layout.positions.items():
        w, h = node_size(page.layout.labels[node_id].split("\n"), shapes[page.graph.nodes[node_id]["kind"]])
        out[node_id] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return out


def overlapping(found: dict) -> list[tuple[str, str]]:
    ids = sorted(found)
    pairs = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            l1, t1, r1, b1 = found[a]
            l2, t2, r2, b2 = found[b]
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                pairs.append((a, b))
    return pairs


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_two_boxes_overlap_in_the_normal_layout(name):
    page = PAGES[name]
    assert sorted(page.layout.positions) == sorted(page.graph.nodes) == sorted(page.layout.labels)
    assert overlapping(boxes(page)) == []
    assert page.layout.sizes == {n: node_size(page.layout.labels[n].split("\n"), vis_shapes()[page.graph.nodes[n]["kind"]])
                                 for n in page.graph.nodes}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_boxes_stay_inside_their_regions(name):
    page = PAGES[name]
    frames = {box.id: box for box in page.layout.regions}
    for node_id, (left, top, right, bottom) in boxes(page).items():
        attrs = page.graph.nodes[node_id]
        region = attrs.get("region")
        if name == "whole-system":
            # "<frame>--<region>" inside a frame, or the frame itself (shared bodies, single-region maps)
            inside = [b for b in page.layout.regions if b.x <= left and right <= b.x + b.width
                      and b.y <= top and bottom <= b.y + b.height]
            assert inside, node_id
            continue
        frame = frames.get(region) or frames["_map"]
        heading = 16 * 1.2 * max(1, len(frame.lines)) if frame.label else 0
        assert frame.x <= left and right <= frame.x + frame.width, node_id
        assert frame.y + heading <= top and bottom <= frame.y + frame.height, node_id


@pytest.mark.parametrize("name", sorted(PAGES))
def test_labels_break_between_words_and_keep_the_whole_name(name):
    page = PAGES[name]
    for node_id, label in page.layout.labels.items():
        lines = label.split("\n")
        assert " ".join(lines) == " ".join(node_label(page.graph.nodes[node_id]).split()), node_id
        assert all(line == line.strip() and line for line in lines), node_id


def test_figure_3_and_4_bodies_that_used_to_overlap_are_apart():
    found = boxes(PAGES["renewal-regeneration"])
    pairs = set(overlapping(found))
    for a, b in [("ndc", "neighbourhood-management"), ("neighbourhood-management", "neighbourhood-wardens"),
                 ("cef", "community-chests"), ("cef", "community-learning-chests")]:
        assert a in found and b in found and (a, b) not in pairs and (b, a) not in pairs
    assert {"nrf", "cef"} <= set(boxes(PAGES["local-strategic-partnerships"]))


def test_layouts_do_not_depend_on_an_exact_node_set():
    """A body added to a region (as a new edition of the data might) still gives a layout without overlaps."""
    page = PAGES["renewal-regeneration"]
    graph = nx.MultiDiGraph(page.graph)
    region = graph.nodes["cef"].get("region")
    for i in range(4):
        graph.add_node(f"extra-{i}", label=f"An added body with a rather long name number {i}", kind="fund",
                       level="national", region=region)
    layout = compute_map_layout(graph, page.figure.regions, vis_shapes())
    grid = compute_layout(graph, page.figure.regions, shapes=vis_shapes())
    for found in (layout, grid):
        shapes = vis_shapes()
        measured = {}
        for node_id, (x, y) in found.positions.items():
            w, h = node_size(found.labels[node_id].split("\n"), shapes.get(graph.nodes[node_id]["kind"], "box"))
            measured[node_id] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        assert overlapping(measured) == []


def test_wrapping_keeps_words_whole():
    assert wrap_label("Local implementation teams (LIT)", "pill") == ["Local", "implementation", "teams (LIT)"]
    assert node_size(["Local"], "box") < node_size(["Local"], "pill")
    assert node_size(["A"], "box", NODE_FONT)[1] == NODE_FONT + 2 * 8 + 2 + 2
