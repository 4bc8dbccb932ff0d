"""Workshop mode in Debian's Chromium: presentation, guided tours, focus and filters, PNG export,
the print handout, keyboard use and axe-core, on every map page from file://."""

import re
import struct

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import save_screenshot

MAPS = ["mental-health-services", "renewal-regeneration", "local-strategic-partnerships"]
PAGES = ["index", "glossary"] + MAPS

#: Every node's bounding box (canvas coordinates), its font size, the scale, and which pairs overlap.
LABELS_JS = """() => {
  const network = window.policymap.network;
  const ids = Object.keys(window.policymap.data.nodes).filter(id => !network.body.nodes[id].options.hidden);
  const boxes = ids.map(id => [id, network.getBoundingBox(id)]);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i][1], b = boxes[j][1];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        overlaps.push([boxes[i][0], boxes[j][0]]);
      }
    }
  }
  const frame = document.getElementById('map').getBoundingClientRect();
  const outside = ids.filter(id => {
    const b = network.getBoundingBox(id);
    const a = network.canvasToDOM({x: b.left, y: b.top}), z = network.canvasToDOM({x: b.right, y: b.bottom});
    return a.x < 0 || a.y < 0 || z.x > frame.width || z.y > frame.height;
  });
  const sizes = ids.map(id => network.body.nodes[id].options.font.size);
  return {overlaps, outside, smallest: Math.min(...sizes), scale: network.getScale()};
}"""

#: Where each node is drawn on the page, as a DOM rectangle.
NODE_RECT_JS = """id => {
  const network = window.policymap.network, b = network.getBoundingBox(id);
  const frame = document.getElementById('map').getBoundingClientRect();
  const a = network.canvasToDOM({x: b.left, y: b.top}), z = network.canvasToDOM({x: b.right, y: b.bottom});
  return {left: frame.left + a.x, top: frame.top + a.y, right: frame.left + z.x, bottom: frame.top + z.y};
}"""


def url(site, name, query="", fragment=""):
    return (site / f"{name}.html").as_uri() + query + (f"#{fragment}" if fragment else "")


def settle(page, ms=700):
    page.wait_for_timeout(ms)  # camera animations take 450 ms, or longer on a busy machine:
    camera_still(page)


def camera_still(page):
    """The camera once it has stopped moving."""
    view = None
    for _ in range(50):
        now = page.evaluate("[window.policymap.network.getScale(), window.policymap.network.getViewPosition()]")
        if now == view:
            return now
        view = now
        page.wait_for_timeout(150)
    return view


def intersects(a, b):
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def highlighted(page):
    """Nodes drawn at full strength (everything else is faded)."""
    return sorted(page.evaluate("""() => window.policymap.network.body.data.nodes.get()
        .filter(n => !n.hidden && (n.opacity === undefined || n.opacity === 1)).map(n => n.id)"""))


# -- guided tours ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", MAPS)
def test_every_map_has_tours_including_section_3_questions(built_site, open_page, name):
    page = open_page(url(built_site, name)).page
    tours = page.evaluate("window.policymap.tours")
    assert len(tours) >= 2
    assert all(t["id"] and t["title"] and t["steps"] and all(s["title"] for s in t["steps"]) for t in tours)
    assert any("Section 3" in t["title"] for t in tours)
    section3 = next(t for t in tours if "Section 3" in t["title"])
    assert any("first port of call" in s["title"] for s in section3["steps"])
    options = page.locator("#tour-menu .tour-choice").all_text_contents()
    assert [t["title"] for t in tours] == options


@pytest.mark.parametrize("name", MAPS + ["whole-system"])
def test_tour_deep_link_steps_with_arrow_page_down_and_space(built_site, open_page, name):
    page = open_page(url(built_site, name)).page
    tour = next(t for t in page.evaluate("window.policymap.tours") if len(t["steps"]) >= 4)
    watch = open_page(url(built_site, name, fragment=f"tour={tour['id']}&step=1"))
    page = watch.page
    settle(page)

    def check(step):
        camera_still(page)  # the camera's move takes 450 ms, longer on a loaded machine
        expected = tour["steps"][step - 1]
        assert page.locator("#tour-heading").inner_text() == expected["title"]
        assert f"step {step} of {len(tour['steps'])}" in page.locator("#tour-progress").inner_text()
        assert page.evaluate("location.hash") == f"#tour={tour['id']}&step={step}"
        assert sorted(page.evaluate("window.policymap.network.getSelectedNodes()")) == sorted(expected["nodes"])
        assert highlighted(page) == sorted(expected["nodes"])
        map_box = page.locator("#map").bounding_box()
        for node_id in expected["nodes"]:  # the view fits the highlighted part
            rect = page.evaluate(NODE_RECT_JS, node_id)
            assert map_box["x"] - 1 <= rect["left"] and rect["right"] <= map_box["x"] + map_box["width"] + 1
            assert map_box["y"] - 1 <= rect["top"] and rect["bottom"] <= map_box["y"] + map_box["height"] + 1

    check(1)
    page.locator("body").press("ArrowRight")
    settle(page)
    check(2)
    page.keyboard.press("PageDown")
    settle(page)
    check(3)
    page.keyboard.press("Space")
    settle(page)
    check(4)
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    settle(page)
    check(2)
    page.click("[data-action='tour-next']")
    settle(page)
    check(3)
    page.go_back()
    settle(page)
    check(2)
    page.click("[data-action='tour-end']")
    assert page.locator("#tour").is_hidden()
    assert len(highlighted(page)) == len(page.evaluate("Object.keys(window.policymap.data.nodes).filter((id) => !window.policymap.data.nodes[id].later)"))  # every body at the guide's date
    assert watch.errors == []


def test_tours_menu_starts_a_tour_and_keys_do_not_fire_while_typing(built_site, open_page):
    page = open_page(url(built_site, "renewal-regeneration")).page
    page.click("#tour-select")  # the tour menu
    page.click("#tour-menu [data-tour='following-the-money']")
    settle(page)
    assert page.evaluate("location.hash") == "#tour=following-the-money&step=1"
    page.locator("#search-input").click()
    page.keyboard.type("p ")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("window.policymap.state()")["step"] == 1
    assert "present" not in page.evaluate("document.body.className")


# -- presentation mode ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", MAPS)
def test_present_query_large_labels_without_overlaps(built_site, open_page, name):
    watch = open_page(url(built_site, name, "?present"))
    page = watch.page
    settle(page, 300)
    assert "present" in page.evaluate("document.body.className").split()
    assert page.locator(".site-header").is_hidden()
    assert page.locator("#twin").is_hidden()
    labels = page.evaluate(LABELS_JS)
    assert labels["smallest"] * labels["scale"] >= 22, labels  # every label at least 22 CSS px
    assert labels["overlaps"] == []
    assert labels["outside"] == []  # the map is fitted: every body on screen
    map_box = page.locator("#map").bounding_box()
    assert map_box["width"] == 1280 and map_box["height"] == 720
    assert watch.errors == []
    save_screenshot(page, f"{name}-present-1280x720")


def test_present_mode_by_button_and_p_key_and_escape_leaves(built_site, open_page):
    page = open_page(url(built_site, "local-strategic-partnerships")).page
    normal = page.evaluate("window.policymap.network.getScale()")
    page.click("[data-action='present']")
    settle(page, 300)
    assert page.evaluate("document.body.classList.contains('present')")
    assert page.locator("[data-action='present']").inner_text() == "Exit presentation"
    assert page.evaluate(LABELS_JS)["smallest"] == 22
    page.mouse.move(640, 10)  # the bar folds down: full screen on request
    fullscreen = page.locator("[data-action='fullscreen']")
    fullscreen.click()
    page.wait_for_function("document.fullscreenElement === document.documentElement")
    # the button follows the fullscreenchange event, which comes a frame after fullscreenElement is set
    page.wait_for_function("document.querySelector(\"[data-action='fullscreen']\").textContent === 'Leave full screen'",
                           timeout=5000)
    page.keyboard.press("Escape")  # leaving presentation leaves full screen too
    page.wait_for_function("!document.fullscreenElement")
    settle(page, 300)
    assert not page.evaluate("document.body.classList.contains('present')")
    assert abs(page.evaluate("window.policymap.network.getScale()") - normal) < 0.01
    page.locator("body").press("p")
    settle(page, 300)
    assert page.evaluate("document.body.classList.contains('present')")
    page.keyboard.press("p")
    assert not page.evaluate("document.body.classList.contains('present')")


@pytest.mark.parametrize("name", MAPS)
def test_present_selection_panel_large_and_clear_of_the_node(built_site, open_page, name):
    page = open_page(url(built_site, name, "?present")).page
    settle(page, 300)
    # the body furthest right, where the panel opens
    node_id = page.evaluate("""() => { const p = window.policymap.network.getPositions();
        return Object.keys(p).sort((a, b) => p[b].x - p[a].x)[0]; }""")
    rect = page.evaluate(NODE_RECT_JS, node_id)
    page.mouse.click((rect["left"] + rect["right"]) / 2, (rect["top"] + rect["bottom"]) / 2)
    page.locator("#details").wait_for(state="visible")
    settle(page)
    panel = page.locator("#details").bounding_box()
    panel_rect = {"left": panel["x"], "top": panel["y"], "right": panel["x"] + panel["width"], "bottom": panel["y"] + panel["height"]}
    assert not intersects(page.evaluate(NODE_RECT_JS, node_id), panel_rect)
    assert page.evaluate("getComputedStyle(document.querySelector('#details .role')).fontSize") == "22px"
    assert float(page.evaluate("getComputedStyle(document.querySelector('#details h2')).fontSize")[:-2]) > 22
    page.keyboard.press("Escape")  # closes the panel first, then leaves presentation
    assert page.locator("#details").is_hidden()
    assert page.evaluate("document.body.classList.contains('present')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.body.classList.contains('present')")


def test_tour_in_presentation_large_step_text_clear_of_its_bodies(built_site, open_page):
    page = open_page(url(built_site, "local-strategic-partnerships", "?present",
                         "tour=where-do-you-start&step=2")).page
    settle(page)
    tour = next(t for t in page.evaluate("window.policymap.tours") if t["id"] == "where-do-you-start")
    step = tour["steps"][1]
    assert page.locator("#tour-heading").inner_text() == step["title"]
    assert float(page.evaluate("getComputedStyle(document.getElementById('tour-text')).fontSize")[:-2]) >= 22
    card = page.locator("#tour").bounding_box()
    card_rect = {"left": card["x"], "top": card["y"], "right": card["x"] + card["width"], "bottom": card["y"] + card["height"]}
    for node_id in step["nodes"]:
        assert not intersects(page.evaluate(NODE_RECT_JS, node_id), card_rect), node_id
    assert page.evaluate(LABELS_JS)["scale"] * 22 >= 22
    page.keyboard.press("PageDown")
    settle(page)
    assert page.evaluate("location.hash").endswith("step=3")


@pytest.mark.parametrize("name", MAPS)
def test_every_tour_step_in_presentation_keeps_labels_at_22px(built_site, open_page, name):
    page = open_page(url(built_site, name, "?present")).page
    font = page.evaluate("window.policymap.network.body.nodes[Object.keys(window.policymap.data.nodes)[0]].options.font.size")
    small = []
    for tour in page.evaluate("window.policymap.tours"):
        for index in range(1, len(tour["steps"]) + 1):
            page.evaluate(f"location.hash = 'tour={tour['id']}&step={index}'")
            scale, _ = camera_still(page)
            if font * scale < 22:
                small.append((tour["id"], index, round(font * scale, 1)))
    assert small == []


# -- focus and filters ----------------------------------------------------------------------------

def test_focus_one_or_two_steps_by_keys_and_control(built_site, open_page):
    page = open_page(url(built_site, "renewal-regeneration", fragment="node=rda")).page
    settle(page)
    data = page.evaluate("window.policymap.data")
    near = {"rda"} | {e["target"] for e in data["edges"] if e["source"] == "rda"} | {e["source"] for e in data["edges"] if e["target"] == "rda"}
    assert highlighted(page) == sorted(near)
    page.locator("body").press("2")
    two = set(near)
    for node_id in near:
        two |= {e["target"] for e in data["edges"] if e["source"] == node_id} | {e["source"] for e in data["edges"] if e["target"] == node_id}
    assert highlighted(page) == sorted(two) and len(two) > len(near)
    assert page.locator("#details input[data-focus-depth='2']").is_checked()
    page.check("#details input[data-focus-depth='0']")
    assert len(highlighted(page)) == len([n for n in data["nodes"] if not data["nodes"][n].get("later")])
    page.locator("body").press("1")
    assert highlighted(page) == sorted(near)


def test_filters_hide_the_right_nodes_and_never_keep_a_selection(built_site, open_page):
    page = open_page(url(built_site, "mental-health-services", fragment="node=pct")).page
    settle(page)
    data = page.evaluate("window.policymap.data")
    later = {n for n, v in data["nodes"].items() if v.get("later")}  # bodies after the guide: hidden until their date
    data["nodes"] = {n: v for n, v in data["nodes"].items() if n not in later}
    data["edges"] = [e for e in data["edges"] if not e.get("later")]
    page.click("#legend-toggle")
    page.uncheck("#legend-kind-nhs-body input")
    hidden = [n for n in page.evaluate("window.policymap.network.body.data.nodes.get().filter(n => n.hidden).map(n => n.id)")
              if n not in later]
    assert sorted(hidden) == sorted(n for n, v in data["nodes"].items() if v["kind"] == "nhs-body")
    assert "pct" in hidden
    assert page.locator("#details").is_hidden()  # the selected PCT was filtered out
    assert page.evaluate("window.policymap.network.getSelectedNodes()") == []
    assert page.locator("#legend-kind-nhs-body").get_attribute("class") == "filtered-out"
    assert "Showing" in page.locator("#filter-status").inner_text()
    ends = {e["id"]: (e["source"], e["target"]) for e in data["edges"]}
    edges_hidden = [e for e in page.evaluate("window.policymap.network.body.data.edges.get().filter(e => e.hidden).map(e => e.id)")
                    if e in ends]
    assert edges_hidden and all("nhs-body" in (data["nodes"][ends[e][0]]["kind"], data["nodes"][ends[e][1]]["kind"])
                                for e in edges_hidden)
    page.uncheck("#legend-level-national input")
    hidden = set(page.evaluate("window.policymap.network.body.data.nodes.get().filter(n => n.hidden).map(n => n.id)")) - later
    assert hidden == {n for n, v in data["nodes"].items() if v["kind"] == "nhs-body" or v["level"] == "national"}
    page.click("[data-action='reset-filters']")
    hidden_now = "window.policymap.network.body.data.nodes.get().filter(n => n.hidden && !window.policymap.data.nodes[n.id].later).length"
    assert page.evaluate(hidden_now) == 0
    page.uncheck("#legend-relation-employs input")
    hidden_edges = [e for e in page.evaluate("window.policymap.network.body.data.edges.get().filter(e => e.hidden).map(e => e.id)")
                    if e in ends]
    assert hidden_edges and sorted(hidden_edges) == sorted(e["id"] for e in data["edges"] if e["relation"] == "employs")
    assert page.evaluate(hidden_now) == 0
    # selecting a filtered-out body (search, link) brings it back rather than selecting it hidden
    page.uncheck("#legend-kind-nhs-body input")
    page.evaluate("window.policymap.select('pct')")
    assert page.evaluate("window.policymap.network.getSelectedNodes()") == ["pct"]
    assert not page.evaluate("window.policymap.network.body.data.nodes.get('pct').hidden")


# -- export and print -----------------------------------------------------------------------------

def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("query", ["", "?present"])
def test_png_export_is_twice_the_screen_width(built_site, browser, query, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page.goto(url(built_site, "renewal-regeneration", query, "node=rda"))
    page.wait_for_function("window.policymap && window.policymap.network")
    view = camera_still(page)
    if query:
        page.mouse.move(640, 10)  # the presentation bar folds down
        page.wait_for_timeout(300)
    with page.expect_download() as download:
        page.click("[data-action='export-png']")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    width, height = png_size(path)
    assert width == 2560 and height > 1000
    assert path.name.startswith("renewal-regeneration")
    after = page.evaluate("[window.policymap.network.getScale(), window.policymap.network.getViewPosition()]")
    assert abs(after[0] - view[0]) < 0.01 and abs(after[1]["x"] - view[1]["x"]) < 2  # the view is unchanged
    assert page.evaluate("window.devicePixelRatio") == 1  # and the screen's drawing is back to normal
    assert page.evaluate("window.policymap.network.canvas.frame.canvas.width === document.getElementById('map').clientWidth")
    page.close()


def test_print_handout_a4_landscape(built_site, open_page, tmp_path):
    page = open_page(url(built_site, "mental-health-services")).page
    settle(page, 300)
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = {tuple(float(v) for v in box.split()) for box in re.findall(rb"/MediaBox \[([^\]]*)\]", data)}
    assert boxes and all(abs(w - 842) < 2 and abs(h - 595) < 2 for _x, _y, w, h in boxes), boxes  # A4 landscape, in points
    width = page.evaluate("document.getElementById('map').clientWidth")
    page.evaluate("window.policymap.preparePrint()")  # what beforeprint does: a sharp picture of the view
    page.emulate_media(media="print")
    assert page.locator(".print-map").is_visible()
    assert page.evaluate("document.querySelector('.print-map').naturalWidth") == 2 * width
    for hidden in [".site-header", ".controls", ".zoom", "#details"]:
        assert page.locator(hidden).is_hidden(), hidden
    for shown in ["#twin-list", ".print-source", "#legend-kind-nhs-body"]:
        assert page.locator(shown).first.is_visible(), shown
    assert "Figure 2, p 18" in page.locator(".print-source").inner_text()


# -- keyboard and screen readers ------------------------------------------------------------------

def test_tab_reaches_search_tours_filters_and_text_version(built_site, open_page):
    page = open_page(url(built_site, "renewal-regeneration")).page
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const e = document.activeElement;
            return e.id || e.getAttribute('data-action') || e.getAttribute('data-filter') || e.className || e.tagName; }"""))
    for wanted in ["search-input", "tour-select", "legend-toggle", "present", "export-png", "twin-link"]:
        assert wanted in seen, (wanted, seen)
    assert seen.count("twin-link") == 1  # the text version is one tab stop
    page.focus("#legend-toggle")
    page.keyboard.press("Enter")  # the legend holds the filters
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-filter')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('data-filter')") == "kind"
    outline = page.evaluate("getComputedStyle(document.activeElement, ':focus-visible').outlineStyle")
    assert outline != "none"
    page.keyboard.press("Escape")
    assert page.locator("#legend").is_hidden()
    assert page.evaluate("document.activeElement.id") == "legend-toggle"


def test_text_version_arrow_keys_and_enter_select_on_the_map(built_site, open_page):
    page = open_page(url(built_site, "local-strategic-partnerships")).page
    links = page.locator("#twin-list .twin-link")
    links.first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    third = links.nth(2)
    assert page.evaluate("document.activeElement.textContent") == third.inner_text()
    assert third.get_attribute("tabindex") == "0" and links.first.get_attribute("tabindex") == "-1"
    page.keyboard.press("ArrowUp")
    second = links.nth(1)
    node_id = second.get_attribute("data-node")
    page.keyboard.press("Enter")
    page.locator("#details").wait_for(state="visible")
    assert page.evaluate("window.policymap.network.getSelectedNodes()") == [node_id]
    assert page.evaluate("document.activeElement.id") == "details-heading"
    page.keyboard.press("Escape")
    assert page.locator("#details").is_hidden()


@pytest.mark.parametrize("mode", ["normal", "present"])
def test_axe_finds_nothing_serious_on_any_page(built_site, browser, mode):
    """Every page of the built site (index, glossary, each map), as opened and, on maps, with a body
    selected, a tour step showing and the legend open."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    problems = []
    pages = sorted(p.stem for p in built_site.glob("*.html"))
    assert set(PAGES) <= set(pages)
    for name in pages:
        page.goto(url(built_site, name, "?present" if mode == "present" else ""))
        is_map = page.evaluate("Boolean(document.getElementById('map'))")
        states = [("as opened", None)]
        if is_map:
            page.wait_for_function("window.policymap && window.policymap.network")
            states += [("a body selected", "window.policymap.select(Object.keys(window.policymap.data.nodes)[0])"),
                       ("legend open", "window.policymap.clear(); document.getElementById('legend-toggle').click()")]
            if page.evaluate("window.policymap.tours.length"):
                states.append(("a tour step", "location.hash = 'tour=' + window.policymap.tours[0].id + '&step=2'"))
        for label, script in states:
            if script:
                page.evaluate(script)
                settle(page, 600)
            result = Axe().run(page)
            for violation in result.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    problems.append((name, label, violation["id"], [n["target"] for n in violation["nodes"]][:3]))
    page.close()
    assert problems == []
