"""Relations named on the map, in Debian's Chromium at 1280x720: what stands out is named at 18 px
or more when projected and in tours, names never sit on each other, and in normal mode the rest
are named where there is room for them."""

import pytest

from test_workshop import camera_still, url

MAPS = ["mental-health-services", "renewal-regeneration", "local-strategic-partnerships", "whole-system"]

#: The relations that stand out now (a tour step's, a selected body's own), less hidden ones.
STANDING_OUT_JS = """() => {
  const pmap = window.policymap, d = pmap.data, st = pmap.store.getState();
  const hidden = new Set(pmap.network.body.data.edges.get().filter(e => e.hidden).map(e => e.id));
  let ids = [];
  if (st.selection && st.selection.type === 'node') {
    ids = d.edgesOf.get(st.selection.id).map(e => e.id);
  } else if (st.tour) {
    ids = d.tours.find(t => t.id === st.tour.id).steps[st.tour.step].edges || [];
  }
  return ids.filter(id => d.edgesById.has(id) && !hidden.has(id));
}"""

#: The map's part nothing covers, as a page rectangle.
FREE_JS = """() => {
  const a = window.policymap.freeArea(), frame = document.getElementById('map').getBoundingClientRect();
  return {left: frame.left + a.left, top: frame.top + a.top, right: frame.left + a.left + a.width, bottom: frame.top + a.top + a.height};
}"""


def overlapping(boxes):
    out = []
    for i, (a_id, a) in enumerate(boxes):
        for b_id, b in boxes[i + 1:]:
            if a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5:
                out.append((a_id, b_id))
    return out


def check_named(page, where):
    """Every relation standing out is named, large, clear of the other names, in view."""
    page.wait_for_timeout(100)
    camera_still(page)
    placed = page.evaluate("window.policymap.relationLabels()")
    want = page.evaluate(STANDING_OUT_JS)
    named = {i for label in placed for i in label["names"]}
    free = page.evaluate(FREE_JS)
    problems = []
    missing = [i for i in want if i not in named]
    if missing:
        problems.append((where, "unnamed", missing))
    small = [(label["id"], label["px"]) for label in placed if label["large"] and label["px"] < 18]
    if small:
        problems.append((where, "below 18 px", small))
    clash = overlapping([(label["id"], label["box"]) for label in placed])
    if clash:
        problems.append((where, "overlapping", clash))
    outside = [label["id"] for label in placed if label["box"]["left"] < free["left"] - 1 or label["box"]["right"] > free["right"] + 1
               or label["box"]["top"] < free["top"] - 1 or label["box"]["bottom"] > free["bottom"] + 1]
    if outside:
        problems.append((where, "outside the visible map", outside))
    return problems, want


@pytest.mark.parametrize("name", MAPS)
@pytest.mark.parametrize("query", ["?present", ""])
def test_every_tour_step_names_its_relations_large_and_apart(built_site, open_page, name, query):
    watch = open_page(url(built_site, name, query))
    page = watch.page
    problems, counted = [], 0
    for tour in page.evaluate("window.policymap.tours"):
        for index in range(1, len(tour["steps"]) + 1):
            page.evaluate(f"location.hash = 'tour={tour['id']}&step={index}'")
            found, want = check_named(page, (tour["id"], index))
            problems += found
            counted += len(want)
    assert counted > 0, "the tours name relations"
    assert problems == []
    assert watch.errors == []


@pytest.mark.parametrize("name, node", [("mental-health-services", "pct"), ("mental-health-services", "lit"),
                                        ("renewal-regeneration", "lsp"), ("local-strategic-partnerships", "lsp")])
def test_a_selected_bodys_relations_are_named_when_projected(built_site, open_page, name, node):
    page = open_page(url(built_site, name, "?present", f"node={node}")).page
    problems, want = check_named(page, node)
    assert len(want) >= 3 and problems == []
    assert {label["px"] for label in page.evaluate("window.policymap.relationLabels()")} == {20}


@pytest.mark.parametrize("name", MAPS)
def test_normal_mode_names_do_not_stack_or_cover_bodies(built_site, open_page, name):
    page = open_page(url(built_site, name)).page
    camera_still(page)
    placed = page.evaluate("window.policymap.relationLabels()")
    bodies = page.evaluate("""() => { const n = window.policymap.network, frame = document.getElementById('map').getBoundingClientRect();
      return Object.keys(window.policymap.data.nodes).filter(id => !n.body.nodes[id].options.hidden).map(id => {
        const b = n.getBoundingBox(id), a = n.canvasToDOM({x: b.left, y: b.top}), z = n.canvasToDOM({x: b.right, y: b.bottom});
        return [id, {left: frame.left + a.x, top: frame.top + a.y, right: frame.left + z.x, bottom: frame.top + z.y}]; }); }""")
    edges = page.evaluate("window.policymap.data.edges.length")
    if name != "whole-system":  # at its fitted scale the whole system's names would be under 6 px: none drawn
        assert len(placed) >= edges // 3, (len(placed), edges)
    assert overlapping([(label["id"], label["box"]) for label in placed]) == []
    covering = [(label["id"], body) for label in placed for body, box in bodies
                if overlapping([("label", label["box"]), (body, box)])]
    assert covering == []
    # vis-network draws no names of its own (they stacked along converging lines)
    assert page.evaluate("window.policymap.network.body.data.edges.get().filter(e => e.label).length") == 0


def test_relation_names_can_be_turned_off(built_site, open_page):
    page = open_page(url(built_site, "mental-health-services", "", "node=lit")).page
    camera_still(page)
    assert page.evaluate("window.policymap.relationLabels().length") > 0
    page.evaluate("window.policymap.dispatch({type: 'relation-labels', value: 'none'})")
    page.wait_for_timeout(100)
    assert page.evaluate("window.policymap.relationLabels().length") == 0


@pytest.mark.parametrize("mode", ["normal", "present"])
def test_the_legend_chooses_which_relations_are_named(built_site, open_page, mode):
    """Names on the map: where there is room (as the page starts), all, or none, from the legend.
    Projected, only what stands out is named (the selection's relations); on the map as it is today,
    the relations of bodies that had ended are drawn faded and left unnamed. "all" names them too."""
    query, fragment = ("?present", "node=lit") if mode == "present" else ("?at=today", "")
    page = open_page(url(built_site, "mental-health-services", query, fragment)).page
    page.wait_for_selector("html[data-policymap-ready]", state="attached")
    camera_still(page)
    counted = lambda: page.evaluate("window.policymap.relationLabels().length")  # noqa: E731
    named = lambda: page.evaluate("window.policymap.state().relationLabels")  # noqa: E731
    auto = counted()
    page.click("#bar-opener" if mode == "present" else "#legend-toggle")
    if mode == "present":
        page.click("#legend-toggle")
    group = page.locator("#relation-names")
    assert group.locator("input:checked").get_attribute("value") == "auto"
    group.get_by_label("none").check()
    assert named() == "none"
    group.get_by_label("all").focus()
    page.keyboard.press("Space")
    assert named() == "all"
    page.evaluate("window.policymap.dispatch({type: 'panel', name: 'legend', open: false})")
    camera_still(page)
    assert counted() > auto
    page.evaluate("window.policymap.dispatch({type: 'panel', name: 'legend', open: true})")
    group.get_by_label("where there is room").check()
    page.evaluate("window.policymap.dispatch({type: 'panel', name: 'legend', open: false})")
    camera_still(page)
    assert named() == "auto" and counted() == auto
