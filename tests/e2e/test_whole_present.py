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


#: The caption's box, the region frames drawn and the bodies drawn, as DOM rectangles on the page.
CAPTION_JS = """() => {
  const network = window.policymap.network, frame = document.getElementById('map').getBoundingClientRect();
  const box = (l, t, r, b) => { const a = network.canvasToDOM({x: l, y: t}), z = network.canvasToDOM({x: r, y: b});
    return {left: frame.left + a.x, top: frame.top + a.y, right: frame.left + z.x, bottom: frame.top + z.y}; };
  const caption = document.getElementById('part-caption'), c = caption.getBoundingClientRect();
  const ids = Object.keys(window.policymap.data.nodes).filter(id => !network.body.nodes[id].options.hidden);
  const part = window.policymap.data.parts.find(p => p.id === window.policymap.state().part);
  const style = getComputedStyle(caption);
  return {
    visible: !caption.hidden && c.width > 0 && c.height > 0,
    title: caption.querySelector('.part-caption-title').textContent,
    place: caption.querySelector('.part-caption-place').textContent,
    box: {left: c.left, top: c.top, right: c.right, bottom: c.bottom},
    px: parseFloat(style.fontSize), color: style.color, background: style.backgroundColor,
    bodies: ids.map(id => { const b = network.getBoundingBox(id); return [id, box(b.left, b.top, b.right, b.bottom)]; }),
    regions: part && part.present ? part.present.regions.map(r => [r.label, box(r.x, r.y, r.x + r.width, r.y + r.height)]) : [],
    names: window.policymap.relationLabels().map(n => [n.text, n.box]),
    free: window.policymap.freeArea(), frame: {left: frame.left, top: frame.top},
  };
}"""


def _overlap(a, b):
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def assert_caption_covers_nothing(page, framed=None):
    """The caption covers no body and no region frame (so no heading) of the part fitted whole, or none of the
    bodies ``framed`` when the camera zooms in (the others run on past the map's edges and under the caption, as
    under a panel or the tour's card); no relation name; and it lies outside the free area."""
    seen = page.evaluate(CAPTION_JS)
    assert seen["visible"], seen
    assert seen["px"] >= 20 and seen["color"] == "rgb(255, 255, 255)" and seen["background"] == "rgb(0, 0, 0)", seen
    cap = seen["box"]
    if framed is not None:
        seen = dict(seen, bodies=[(label, box) for label, box in seen["bodies"] if label in framed], regions=[])
    for what in ("bodies", "regions", "names"):
        covered = [label for label, box in seen[what] if _overlap(cap, box)]
        assert covered == [], (what, covered, cap)
    free, at = seen["free"], seen["frame"]
    free_box = {"left": at["left"] + free["left"], "top": at["top"] + free["top"],
                "right": at["left"] + free["left"] + free["width"], "bottom": at["top"] + free["top"] + free["height"]}
    assert not _overlap(cap, free_box), (cap, free_box)
    return seen


def test_the_projected_whole_system_map_names_the_part_shown(built_site, open_page):
    watch = open_page(url(built_site, WHOLE, "?present"))
    page = watch.page
    settle(page, 300)
    titles = page.evaluate("window.policymap.data.parts.filter(p => !p.step).map(p => p.title)")
    assert len(titles) == len(PARTS)
    seen = assert_caption_covers_nothing(page)
    assert (seen["title"], seen["place"]) == (titles[0], f"part 1 of {len(PARTS)}")
    assert seen["title"].startswith("Figure 2: ")
    page.locator("body").press("]")
    settle(page)
    seen = assert_caption_covers_nothing(page)
    assert (seen["title"], seen["place"]) == (titles[1], f"part 2 of {len(PARTS)}")
    assert seen["title"].startswith("Figure 3: ")
    page.wait_for_function("document.getElementById('announce').textContent === 'Showing ' + arguments[0]"
                           .replace("arguments[0]", repr(f"{titles[1]}, part 2 of {len(PARTS)}")))
    page.locator("body").press("]")
    page.locator("body").press("]")
    settle(page)
    seen = assert_caption_covers_nothing(page)
    assert (seen["title"], seen["place"]) == (titles[3], f"part 4 of {len(PARTS)}")
    assert seen["title"].startswith("Case study: ")
    page.locator("body").press("[")
    settle(page)
    assert page.evaluate(CAPTION_JS)["place"] == f"part 3 of {len(PARTS)}"
    page.evaluate("window.policymap.select('lit')")  # a body framed beside the caption, its names clear of it
    page.locator("#details").wait_for(state="visible")
    settle(page)
    near = shown_neighbours(page, "lit", 1)
    seen = assert_caption_covers_nothing(page, near)
    assert page.evaluate("window.policymap.state().part") == FIGURES[2]  # Figure 4's part holds LIT: it stays
    assert seen["place"] == f"part 3 of {len(PARTS)}" and seen["names"], seen
    assert_in_visible_area(page, near)
    page.keyboard.press("Escape")
    page.keyboard.press("p")  # normal mode: the whole map, no caption
    settle(page)
    assert not page.locator("#part-caption").is_visible()
    assert watch.errors == []


@pytest.mark.parametrize("part", PARTS)
def test_the_caption_follows_the_address_and_covers_nothing_on_each_part(built_site, open_page, part):
    page = open_page(url(built_site, WHOLE, f"?present&part={part}")).page
    settle(page, 300)
    seen = assert_caption_covers_nothing(page)
    assert seen["title"] == page.evaluate("id => window.policymap.data.parts.find(p => p.id === id).title", part)
    assert seen["place"] == f"part {PARTS.index(part) + 1} of {len(PARTS)}"
    if part == "case-studies--lambeth-early-onset":
        save_screenshot(page, "whole-system-present-caption")


def test_a_tour_step_on_its_own_part_says_so(built_site, open_page):
    page = open_page(url(built_site, WHOLE, "?present", "tour=from-a-service-user-to-the-renewal-fund&step=1")).page
    steps = page.evaluate("window.policymap.data.tours.find(t => t.id === 'from-a-service-user-to-the-renewal-fund').steps")
    parts = {p["id"]: p for p in page.evaluate("window.policymap.data.parts")}
    for index, step in enumerate(steps):
        if index:
            page.keyboard.press("ArrowRight")
        settle(page)
        seen = assert_caption_covers_nothing(page, step["nodes"])
        part = parts[page.evaluate("window.policymap.state().part")]  # the part shown
        assert part["id"] == step["part"], (index, part["id"])
        assert seen["title"] == part["title"], (index, seen)
        if part.get("step"):
            assert seen["place"] == "a tour step\u2019s own view"
        else:
            assert seen["place"] == f"part {PARTS.index(part['id']) + 1} of {len(PARTS)}"
        if index and part["id"] != steps[index - 1]["part"]:  # a step onto another part says so, as the caption does
            said = f"Showing {seen['title']}, {seen['place']}"
            page.wait_for_function(f"document.getElementById('announce').textContent === {said!r}")
    assert any(parts[s["part"]].get("step") for s in steps), "the tour has a step with a part of its own"
    # the card's places along the top keep below the caption (these tours' steps all take the bottom)
    tops = page.evaluate("""() => { const tour = document.getElementById('tour'), kept = tour.className, out = {};
      ['top-band', 'top-left', 'top-right'].forEach(place => { tour.className = 'tour at-' + place;
        out[place] = tour.getBoundingClientRect().top; });
      tour.className = kept;
      return [out, document.getElementById('part-caption').getBoundingClientRect().bottom]; }""")
    assert all(top >= tops[1] + 12 for top in tops[0].values()), tops


@pytest.mark.parametrize("page_name", ["mental-health-services", "renewal-regeneration"])
def test_no_caption_on_a_figure_page(built_site, open_page, page_name):
    page = open_page(url(built_site, page_name, "?present")).page
    settle(page, 300)
    assert page.locator("#part-caption").count() == 0
    free = page.evaluate("window.policymap.freeArea()")
    assert free["top"] == 0  # nothing takes a band off the top of the map
