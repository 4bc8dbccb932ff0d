"""The whole-system map projected at 1280x720: a part at a time (each figure, each case study), every
label at 22 px or more, tours across the figures, focus that reframes, and the part chooser."""

import pytest

from conftest import save_screenshot
from test_one_state import assert_in_visible_area
from test_workshop import LABELS_JS, settle, url

WHOLE = "whole-system"
FIGURES = ["mental-health-services", "renewal-regeneration", "local-strategic-partnerships"]
CASE_STUDIES = ["wise-people", "first-step-trust", "lambeth-early-onset", "promoting-good-parenting"]
PARTS = FIGURES + [f"case-studies--{s}" for s in CASE_STUDIES]

#: The bodies drawn (not hidden) on the map.
SHOWN_JS = """() => Object.keys(window.policymap.data.nodes)
  .filter(id => !window.policymap.network.body.nodes[id].options.hidden).sort()"""


def part_bodies(page, part_id):
    return sorted(page.evaluate("id => window.policymap.data.parts.find(p => p.id === id).bodies", part_id))


def shown_neighbours(page, node_id, depth):
    return page.evaluate("""([id, depth]) => {
      const near = Array.from(pm_near(id, depth));
      function pm_near(id, depth) {
        const data = window.policymap.data, keep = new Set([id]);
        let frontier = [id];
        for (let i = 0; i < depth; i++) {
          const next = [];
          frontier.forEach(n => data.edges.forEach(e => {
            [[e.source, e.target], [e.target, e.source]].forEach(([a, b]) => {
              if (a === n && !keep.has(b)) { keep.add(b); next.push(b); }
            });
          }));
          frontier = next;
        }
        return keep;
      }
      return near.filter(n => !window.policymap.network.body.nodes[n].options.hidden).sort();
    }""", [node_id, depth])


@pytest.mark.parametrize("part", PARTS)
def test_each_part_projects_with_22px_labels_no_overlaps_and_every_body_on_screen(built_site, open_page, part):
    watch = open_page(url(built_site, WHOLE, f"?present&part={part}"))
    page = watch.page
    settle(page, 300)
    assert page.evaluate("window.policymap.state().part") == part
    assert page.evaluate(SHOWN_JS) == part_bodies(page, part)  # the part's bodies, the rest hidden
    labels = page.evaluate(LABELS_JS)
    assert labels["smallest"] * labels["scale"] >= 22, labels
    assert labels["overlaps"] == []
    assert labels["outside"] == []
    hidden_edges = page.evaluate("""() => { const body = window.policymap.network.body;
      const shown = id => !body.nodes[id].options.hidden;
      return window.policymap.data.edges.filter(e => shown(e.source) && shown(e.target) === body.edges[e.id].options.hidden)
        .map(e => e.id); }""")
    assert hidden_edges == []  # every relation among the part's bodies drawn, none reaching outside it
    assert watch.errors == []
    if part == FIGURES[0]:
        save_screenshot(page, "whole-system-present-part-1280x720")


@pytest.mark.parametrize("tour", ["from-a-service-user-to-the-renewal-fund", "community-voice-across-the-maps"])
def test_every_step_of_the_tours_across_the_figures_keeps_22px_labels(built_site, open_page, tour):
    page = open_page(url(built_site, WHOLE, "?present", f"tour={tour}&step=1")).page
    steps = page.evaluate("id => window.policymap.tours.find(t => t.id === id).steps", tour)
    seen = set()
    for index, step in enumerate(steps):
        if index:
            page.keyboard.press("ArrowRight")
        settle(page)
        state = page.evaluate("window.policymap.state()")
        assert state["step"] == index + 1
        shown = set(page.evaluate(SHOWN_JS))
        assert set(step["nodes"]) <= shown, (index, step["title"])
        labels = page.evaluate(LABELS_JS)
        assert labels["smallest"] * labels["scale"] >= 22, (index, step["title"], labels)
        assert_in_visible_area(page, step["nodes"])  # and clear of the tour card
        seen.add(state["part"])
    assert len(seen) >= 2  # the tour crosses the figures


@pytest.mark.parametrize("query", ["", "?present"])
def test_focus_one_and_two_reframe_on_the_whole_system(built_site, open_page, query):
    page = open_page(url(built_site, WHOLE, query)).page
    settle(page, 300)
    page.evaluate("window.policymap.select('lit')")
    page.locator("#details").wait_for(state="visible")
    page.locator("body").press("1")
    settle(page)
    one = shown_neighbours(page, "lit", 1)
    assert_in_visible_area(page, one)
    view_one = page.evaluate("[window.policymap.network.getScale(), window.policymap.network.getViewPosition()]")
    page.locator("body").press("2")
    settle(page)
    two = shown_neighbours(page, "lit", 2)
    assert len(two) > len(one)
    assert_in_visible_area(page, two)
    view_two = page.evaluate("[window.policymap.network.getScale(), window.policymap.network.getViewPosition()]")
    assert view_two != view_one and view_two[0] < view_one[0]  # the neighbourhood grew: the camera drew back
    page.locator("body").press("1")
    settle(page)
    assert_in_visible_area(page, one)
    if query:  # presenting, the neighbourhood is the part's: Figure 2's, where LIT is drawn
        assert page.evaluate("window.policymap.state().part") == "mental-health-services"
        assert set(two) <= set(part_bodies(page, "mental-health-services"))


def test_part_chooser_keys_and_address_switch_parts(built_site, open_page):
    watch = open_page(url(built_site, WHOLE, "?present"))
    page = watch.page
    settle(page, 300)
    assert page.evaluate("window.policymap.state().part") == FIGURES[0]
    page.mouse.move(640, 10)  # the bar folds down
    chooser = page.locator("#part-select")
    chooser.wait_for(state="visible")
    assert chooser.locator("option:not([hidden])").all_inner_texts()[0].startswith("Figure 2: ")
    chooser.select_option("renewal-regeneration")
    settle(page)
    assert page.evaluate(SHOWN_JS) == part_bodies(page, "renewal-regeneration")
    assert "part=renewal-regeneration" in page.evaluate("location.search")
    page.wait_for_function("document.getElementById('announce').textContent.startsWith('Showing Figure 3')")
    page.locator("body").press("]")
    settle(page)
    assert page.evaluate("window.policymap.state().part") == "local-strategic-partnerships"
    assert chooser.input_value() == "local-strategic-partnerships"
    page.locator("body").press("PageDown")
    settle(page)
    assert page.evaluate("window.policymap.state().part") == "case-studies--wise-people"
    page.locator("body").press("[")
    page.locator("body").press("PageUp")
    settle(page)
    assert page.evaluate("window.policymap.state().part") == "renewal-regeneration"
    labels = page.evaluate(LABELS_JS)
    assert labels["smallest"] * labels["scale"] >= 22 and labels["overlaps"] == [] and labels["outside"] == []
    # a body on another part: the map moves to the first part that shows it, and stays there
    page.evaluate("window.policymap.select('wise-people')")
    settle(page)
    assert page.evaluate("window.policymap.state().part") == "case-studies--wise-people"
    page.keyboard.press("Escape")
    settle(page)
    assert page.evaluate("window.policymap.state().part") == "case-studies--wise-people"
    page.reload()  # the address keeps the part
    page.wait_for_selector("html[data-policymap-ready]", state="attached")
    assert page.evaluate("window.policymap.state().part") == "case-studies--wise-people"
    page.keyboard.press("p")  # normal mode draws the whole map, and the address drops the part
    settle(page)
    assert len(page.evaluate(SHOWN_JS)) == len(page.evaluate("Object.keys(window.policymap.data.nodes)"))
    assert "part=" not in page.evaluate("location.search")
    assert watch.errors == []


def test_panel_lists_every_relation_of_a_body_whatever_the_part_shows(built_site, open_page):
    page = open_page(url(built_site, WHOLE, "?present&part=mental-health-services")).page
    page.evaluate("window.policymap.select('mental-health-trusts')")
    page.locator("#details").wait_for(state="visible")
    settle(page)
    assert page.evaluate("window.policymap.state().part") == "mental-health-services"
    text = page.locator("#details").inner_text()
    assert "Wise People project" in text  # a case study's relation, not drawn on Figure 2's part
    shown = set(page.evaluate(SHOWN_JS))
    assert "wise-people" not in shown
    named = page.evaluate("window.policymap.relationLabels()")
    assert named and all(n["px"] >= 18 for n in named)
    ends = page.evaluate("ids => ids.map(id => window.policymap.data.edgesById.get(id)).map(e => [e.source, e.target])",
                         [i for n in named for i in n["names"]])
    assert all(a in shown and b in shown for a, b in ends)  # no name for a relation that reaches another part
