"""Normal layouts as Chromium draws them: no two bodies' boxes overlap on any map, the layout's
box sizes bound the drawn ones, and a selected or hovered body keeps its lines and its size."""

import pytest

from conftest import ROOT

MAPS = ["mental-health-services", "renewal-regeneration", "local-strategic-partnerships", "whole-system"]

#: Every drawn node's bounding box (canvas coordinates) and label lines, after a redraw.
BOXES_JS = """() => {
  const network = window.policymap.network;
  network.redraw();
  const out = {};
  Object.keys(window.policymap.data.nodes).forEach(id => {
    const node = network.body.nodes[id];
    if (node.options.hidden) return;
    const b = network.getBoundingBox(id);
    out[id] = {left: b.left, top: b.top, right: b.right, bottom: b.bottom,
               lines: node.labelModule.lines.map(line => line.blocks.map(block => block.text).join(''))};
  });
  return out;
}"""


@pytest.fixture(scope="module")
def layouts():
    from policymap.loader import load_project
    from policymap.site import gather_pages

    return {name: page.layout for name, page in gather_pages(load_project(ROOT / "data")).items()}


def overlaps(boxes):
    ids = sorted(boxes)
    found = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            p, q = boxes[a], boxes[b]
            if p["left"] < q["right"] and q["left"] < p["right"] and p["top"] < q["bottom"] and q["top"] < p["bottom"]:
                found.append((a, b))
    return found


@pytest.mark.parametrize("name", MAPS)
def test_no_two_bodies_overlap_and_the_layout_sizes_bound_the_drawing(built_site, open_page, layouts, name):
    watch = open_page((built_site / f"{name}.html").as_uri())
    boxes = watch.page.evaluate(BOXES_JS)
    layout = layouts[name]
    assert sorted(boxes) == sorted(layout.positions)
    assert overlaps(boxes) == []
    for node_id, box in boxes.items():
        width, height = layout.sizes[node_id]
        assert box["right"] - box["left"] <= width and box["bottom"] - box["top"] <= height, (node_id, box, width, height)
        assert box["lines"] == layout.labels[node_id].split("\n"), node_id  # drawn as wrapped, between words
    assert watch.errors == []


@pytest.mark.parametrize("name, node_id", [("mental-health-services", "lit"), ("mental-health-services", "nimhe"),
                                           ("renewal-regeneration", "ndc"), ("local-strategic-partnerships", "nrf"),
                                           ("whole-system", "lit")])
def test_a_selected_or_hovered_body_keeps_its_lines_and_size(built_site, open_page, name, node_id):
    page = open_page((built_site / f"{name}.html").as_uri()).page
    before = page.evaluate(BOXES_JS)
    page.evaluate(f"window.policymap.select('{node_id}')")
    page.wait_for_timeout(700)  # the camera moves; boxes are in canvas coordinates, so they must not
    assert page.evaluate("window.policymap.network.getSelectedNodes()") == [node_id]
    selected = page.evaluate(BOXES_JS)
    assert selected[node_id] == before[node_id]
    assert all(node_id not in pair for pair in overlaps(selected))
    centre = page.evaluate("""id => { const n = window.policymap.network; const d = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('map').getBoundingClientRect(); return [r.left + d.x, r.top + d.y]; }""", node_id)
    page.mouse.move(*centre)
    page.wait_for_timeout(100)
    assert page.evaluate(BOXES_JS)[node_id] == before[node_id]
