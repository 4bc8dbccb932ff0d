"""Presentation controls in Debian's Chromium at 1280x720: the F key, the corner control that opens
the bar, zoom and Routes in the bar, whole tour titles, route placeholders from each map, the
showcase of a kind or level, and legend lines drawn as the map draws them."""

import pytest

from conftest import save_screenshot

MAPS = ["mental-health-services", "renewal-regeneration", "local-strategic-partnerships"]
ALL_MAPS = MAPS + ["whole-system"]


def url(site, name, query="", fragment=""):
    return (site / f"{name}.html").as_uri() + query + (f"#{fragment}" if fragment else "")


def fullscreen(page):
    page.wait_for_timeout(300)
    return page.evaluate("Boolean(document.fullscreenElement)")


# -- 1. F toggles full screen ------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["", "?present"])
def test_f_key_toggles_full_screen_but_not_while_typing(built_site, open_page, query):
    watch = open_page(url(built_site, "renewal-regeneration", query))
    page = watch.page
    page.locator("#map").click(position={"x": 5, "y": 5})  # focus on the page, no control
    page.keyboard.press("f")
    assert fullscreen(page), "F turns full screen on"
    assert page.evaluate("window.policymap.state().mode") == ("present" if query else "normal"), "F leaves the mode alone"
    page.keyboard.press("F")
    assert not fullscreen(page), "F again turns it off"
    if query:
        page.evaluate("window.policymap.dispatch({type: 'panel', name: 'routes', open: true})")
    page.locator("#search-input" if not query else "#route-from").focus()
    page.keyboard.press("f")
    assert not fullscreen(page), "typing an f in a field is not a shortcut"
    assert watch.errors == []


def test_full_screen_button_still_presents_and_toggles(built_site, open_page):
    page = open_page(url(built_site, "mental-health-services", "?present")).page
    button = page.locator("[data-action='fullscreen']")
    page.locator("#legend-toggle").focus()  # the bar is shown while a control in it has focus
    button.click()
    assert fullscreen(page)
    assert button.inner_text() == "Leave full screen"
    button.click()
    assert not fullscreen(page)
    assert button.inner_text() == "Full screen"


# -- 5. route placeholders name bodies on the map ---------------------------------------------------

@pytest.mark.parametrize("name", ALL_MAPS)
def test_route_placeholders_name_bodies_on_this_map(built_site, open_page, name):
    page = open_page(url(built_site, name)).page
    found = page.evaluate("""() => ['route-from', 'route-to'].map(id => {
        const text = document.getElementById(id).placeholder;
        const example = (text.match(/e\\.g\\. (.+)$/) || [])[1] || null;
        const hit = example ? pm_resolve(example) : null;
        return {text, example, id: hit && hit.id, onMap: Boolean(hit && hit.id && window.policymap.data.nodes[hit.id])};
    })""".replace("pm_resolve(example)", "window.policymap.resolve(example)"))
    for box in found:
        assert box["example"], f"{name}: the placeholder {box['text']!r} suggests no body"
        assert box["onMap"], f"{name}: {box['example']!r} is not a body on this map"
    assert found[0]["id"] != found[1]["id"], "two different bodies"


# -- 7. the legend draws each relation as the map does ------------------------------------------------

#: Each legend relation row's drawn head (the SVG shape and its type), and the arrow types and colours
#: the map's edges of that relation are drawn with.
LEGEND_HEADS_JS = """() => {
  const edges = window.policymap.network.body.edges;
  const out = {};
  document.querySelectorAll('#legend-groups li[id^="legend-relation-"]').forEach(li => {
    const relation = li.id.slice('legend-relation-'.length);
    const svg = li.querySelector('svg.swatch-line'), head = svg.querySelector('.swatch-head');
    const drawn = window.policymap.data.edges.filter(e => e.relation === relation).map(e => edges[e.id].options);
    out[relation] = {legend: svg.getAttribute('data-arrow'), tag: head.tagName, points: (head.getAttribute('points') || '').trim().split(/\\s+/).length,
      colour: head.getAttribute('fill').toLowerCase(), dashedLegend: svg.querySelector('line').hasAttribute('stroke-dasharray'),
      map: Array.from(new Set(drawn.map(o => o.arrows.to.enabled ? o.arrows.to.type : 'none'))),
      colours: Array.from(new Set(drawn.map(o => o.color.color.toLowerCase())))};
  });
  return out;
}"""

SHAPES = {"arrow": ("polygon", 4), "triangle": ("polygon", 3), "vee": ("polygon", 4), "diamond": ("polygon", 4),
          "circle": ("circle", 1), "box": ("rect", 1), "bar": ("rect", 1)}


@pytest.mark.parametrize("name", MAPS)
@pytest.mark.parametrize("query", ["", "?present"])
def test_legend_relation_heads_are_the_maps_arrow_types(built_site, open_page, name, query):
    page = open_page(url(built_site, name, query)).page
    rows = page.evaluate(LEGEND_HEADS_JS)
    assert len(rows) >= 5
    for relation, row in rows.items():
        assert row["map"] == [row["legend"]], f"{relation}: legend draws {row['legend']}, the map {row['map']}"
        tag, points = SHAPES[row["legend"]]
        assert row["tag"] == tag and (tag != "polygon" or row["points"] == points), f"{relation}: head drawn as {row}"
        assert not row["dashedLegend"], "a relation's own row is solid: the dashed row is for implied ones"
        if not query:
            assert row["colours"] == [row["colour"]], f"{relation}: colour {row['colour']} against {row['colours']}"
    heads = {row["legend"] for row in rows.values()}
    assert len(heads) >= 3, f"relation families told apart by their heads: {heads}"
    implied = page.locator("#legend-implied svg line")
    if implied.count():
        assert implied.get_attribute("stroke-dasharray"), "the implied row is dashed, as the map dashes them"


# -- 2. the corner control opens the bar ---------------------------------------------------------------

def bar_shown(page):
    return page.evaluate("""() => { const r = document.getElementById('figure-bar').getBoundingClientRect();
        return r.top >= -1 && r.bottom > 40; }""")


def contrast(page, selector):
    """WCAG contrast of an element's text against its background (both opaque here)."""
    return page.evaluate("""sel => {
      const cs = getComputedStyle(document.querySelector(sel));
      const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
        .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const [a, b] = [lum(cs.color), lum(cs.backgroundColor)].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    }""", selector)


@pytest.mark.parametrize("how", ["click", "Enter"])
def test_corner_control_is_visible_and_opens_the_bar(built_site, open_page, how):
    watch = open_page(url(built_site, "renewal-regeneration", "?present"))
    page = watch.page
    page.wait_for_timeout(2800)  # the bar shown on entering has folded away again
    opener = page.locator("#bar-opener")
    assert opener.is_visible(), "visible without moving the mouse"
    box = opener.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, f"large enough to hit: {box}"
    assert box["x"] + box["width"] > 1280 - 60 and box["y"] < 60, f"in the top right corner: {box}"
    assert page.evaluate("document.elementFromPoint(arguments[0], arguments[1]) === document.getElementById('bar-opener')".replace(
        "arguments[0], arguments[1]", f"{box['x'] + box['width'] / 2}, {box['y'] + box['height'] / 2}")), "nothing covers it"
    assert opener.get_attribute("aria-label") and opener.get_attribute("aria-expanded") == "false"
    assert contrast(page, "#bar-opener") >= 4.5
    assert not bar_shown(page)
    if how == "click":
        opener.click()
    else:
        page.locator("#map").click(position={"x": 600, "y": 700})
        page.wait_for_timeout(2800)
        for _ in range(3):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "bar-opener":
                break
        assert page.evaluate("document.activeElement.id") == "bar-opener", "reached by keyboard"
        page.keyboard.press("Enter")
    page.wait_for_timeout(3000)  # still open after the pointer's 2.5 s
    assert bar_shown(page), "the bar is open"
    assert opener.get_attribute("aria-expanded") == "true"
    for selector in ["#search-input", "#tour-select", "#routes-toggle", "#legend-toggle", ".bar-zoom [data-action='fit']",
                     "[data-action='present']"]:
        control = page.locator(selector)
        assert control.is_visible() and control.is_enabled(), selector
        box = control.bounding_box()
        assert box["y"] >= 0 and box["x"] + box["width"] <= 1280, selector
    assert page.evaluate("document.getElementById('figure-bar').contains(document.activeElement)"), "focus is in the bar"
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    assert page.evaluate("window.policymap.state().mode") == "present", "Escape closes the bar first"
    assert page.evaluate("document.activeElement.id") == "bar-opener"
    page.mouse.move(640, 500)
    page.wait_for_timeout(400)
    assert not bar_shown(page)
    save_screenshot(page, "controls-corner")
    assert watch.errors == []


def test_corner_control_only_when_presenting_and_clear_of_the_panels(built_site, open_page):
    page = open_page(url(built_site, "mental-health-services")).page
    assert not page.locator("#bar-opener").is_visible()
    page.keyboard.press("p")
    page.wait_for_timeout(300)
    assert page.locator("#bar-opener").is_visible()
    for panel in ["legend", "routes"]:
        page.evaluate(f"window.policymap.dispatch({{type: 'panel', name: '{panel}', open: true}})")
        page.wait_for_timeout(300)
        control, box = page.locator("#bar-opener").bounding_box(), page.locator(f"#{panel}").bounding_box()
        assert control["x"] + control["width"] <= box["x"], f"the control keeps clear of the {panel} panel"
        page.evaluate(f"window.policymap.dispatch({{type: 'panel', name: '{panel}', open: false}})")
    page.evaluate("window.policymap.select('lit')")
    page.wait_for_timeout(300)
    control, box = page.locator("#bar-opener").bounding_box(), page.locator("#details").bounding_box()
    assert control["x"] + control["width"] <= box["x"], "and of a body's details"
    assert page.locator("#bar-opener").is_visible()


def overlaps(a, b):
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.parametrize("name", ["renewal-regeneration", "whole-system"])
def test_bar_title_wraps_short_of_the_moved_corner_control(built_site, open_page, name):
    """With a panel open the control stands left of it, in the bar's first row: the bar shown (on
    entering presentation mode, or from the control), the title must not run under it."""
    page = open_page(url(built_site, name)).page
    page.evaluate("window.policymap.select('nru')")
    page.keyboard.press("p")
    page.wait_for_timeout(400)  # the bar shows itself for a moment on entering presentation mode
    control, title = page.locator("#bar-opener").bounding_box(), page.locator(".figure-heading h1").bounding_box()
    assert control["y"] < title["y"] + title["height"], "the control stands in the title's row"
    assert not overlaps(control, title), (control, title)
    open_bar(page)
    assert not overlaps(page.locator("#bar-opener").bounding_box(), page.locator(".figure-heading h1").bounding_box())


# -- 3. zoom and Routes in the presentation bar -------------------------------------------------------

def open_bar(page):
    page.locator("#bar-opener").click()
    page.wait_for_timeout(300)


def test_bar_zooms_in_out_and_fits_in_presentation(built_site, open_page):
    page = open_page(url(built_site, "local-strategic-partnerships", "?present")).page
    open_bar(page)
    page.wait_for_timeout(500)
    start = page.evaluate("window.policymap.network.getScale()")
    page.locator(".bar-zoom [data-action='zoom-in']").click()
    page.wait_for_timeout(600)
    bigger = page.evaluate("window.policymap.network.getScale()")
    assert bigger > start * 1.2
    for _ in range(2):
        page.locator(".bar-zoom [data-action='zoom-out']").click()
        page.wait_for_timeout(600)
    assert page.evaluate("window.policymap.network.getScale()") < start * 0.9
    page.locator(".bar-zoom [data-action='fit']").click()
    page.wait_for_timeout(900)
    assert abs(page.evaluate("window.policymap.network.getScale()") / start - 1) < 0.1, "fit returns to the whole map"
    assert page.locator(".zoom").is_hidden(), "the map's own zoom strip stays away in presentation"
    save_screenshot(page, "controls-bar-open")


@pytest.mark.parametrize("name", MAPS)
def test_routes_in_presentation_find_and_frame_a_route(built_site, open_page, name):
    watch = open_page(url(built_site, name, "?present"))
    page = watch.page
    open_bar(page)
    page.locator("#routes-toggle").click()
    panel = page.locator("#routes")
    assert panel.is_visible()
    assert page.evaluate("document.activeElement.id") == "route-from"
    examples = page.evaluate("window.policymap.data.route_examples || []")
    if len(examples) < 2:
        examples = page.evaluate("Object.keys(window.policymap.data.nodes).slice(0, 2)")
    page.locator("#route-from").fill(examples[0])
    page.locator("#route-to").fill(examples[1])
    page.locator("#routes-form button[type='submit']").click()
    page.wait_for_function("window.policymap.state().route !== null")
    page.wait_for_timeout(1200)
    assert page.locator("#routes-list li").count() >= 1
    route = page.evaluate("window.policymap.state().route")
    nodes = page.evaluate("""sel => window.policymap.routes(sel.from, sel.to).routes[sel.index].nodes""", route)
    free = page.evaluate("window.policymap.freeArea()")
    panel_box = panel.bounding_box()
    assert panel_box["x"] > 640, "the routes panel lies over the map's right-hand side"
    for node in nodes:
        box = page.evaluate("""id => { const n = window.policymap.network, b = n.getBoundingBox(id);
            const a = n.canvasToDOM({x: b.left, y: b.top}), z = n.canvasToDOM({x: b.right, y: b.bottom});
            return {left: a.x, top: a.y, right: z.x, bottom: z.y}; }""", node)
        assert box["left"] >= free["left"] - 2 and box["right"] <= free["left"] + free["width"] + 2, (node, box, free)
        assert box["top"] >= free["top"] - 2 and box["bottom"] <= free["top"] + free["height"] + 2, (node, box, free)
        assert box["right"] <= panel_box["x"] + 2, f"{node} is framed clear of the panel"
    assert watch.errors == []


# -- 4. the tour menu shows whole titles ---------------------------------------------------------------

@pytest.mark.parametrize("name", ALL_MAPS)
@pytest.mark.parametrize("query", ["", "?present"])
def test_tour_menu_shows_every_title_whole(built_site, open_page, name, query):
    page = open_page(url(built_site, name, query)).page
    tours = page.evaluate("window.policymap.tours")
    if query:
        open_bar(page)
    button = page.locator("#tour-select")
    assert page.evaluate("(b => b.scrollWidth <= b.clientWidth)(document.getElementById('tour-select'))"), "the button reads whole"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    choices = page.evaluate("""() => Array.from(document.querySelectorAll('#tour-menu .tour-choice')).map(b => {
        const r = b.getBoundingClientRect();
        const range = document.createRange(); range.selectNodeContents(b);
        const text = range.getBoundingClientRect();
        return {text: b.textContent, scroll: b.scrollWidth, client: b.clientWidth, left: r.left, right: r.right, top: r.top,
                bottom: r.bottom, textRight: text.right, textBottom: text.bottom, visible: r.width > 0,
                hit: document.elementFromPoint(r.left + 12, r.top + r.height / 2) === b};
    })""")
    assert [c["text"] for c in choices] == [t["title"] for t in tours], "every title, in full"
    for c in choices:
        assert c["visible"] and c["hit"], c
        assert c["scroll"] <= c["client"], f"{c['text']!r} is cut"
        assert 0 <= c["left"] and c["right"] <= 1280 and c["textRight"] <= c["right"] and c["bottom"] <= 720, c
    # choose the last by keyboard, then check it is marked as the tour on
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_function(f"window.policymap.state().tour === {tours[-1]['id']!r}")
    assert page.locator("#tour-menu").is_hidden()
    button.click()
    assert page.locator(f"#tour-menu [data-tour='{tours[-1]['id']}']").get_attribute("aria-current") == "true"
    page.keyboard.press("Escape")
    assert page.locator("#tour-menu").is_hidden()
    assert page.evaluate("window.policymap.state().tour") == tours[-1]["id"], "Escape closes the menu, not the tour"


# -- 6. showcase: one kind or level highlighted, the rest faded ---------------------------------------

#: Each body on show with its drawn opacity and whether it is hidden.
BODIES_JS = """() => window.policymap.network.body.data.nodes.get()
    .filter(n => !window.policymap.data.nodes[n.id].later)
    .map(n => ({id: n.id, kind: window.policymap.data.nodes[n.id].kind, level: window.policymap.data.nodes[n.id].level,
                opacity: n.opacity === undefined ? 1 : n.opacity, hidden: Boolean(n.hidden)}))"""


def showcased(page, group, value):
    bodies = page.evaluate(BODIES_JS)
    inside = [b for b in bodies if b[group] == value]
    outside = [b for b in bodies if b[group] != value]
    return bodies, inside, outside


@pytest.mark.parametrize("query", ["", "?present"])
def test_showcase_a_kind_fades_the_rest_and_clears(built_site, open_page, query):
    watch = open_page(url(built_site, "renewal-regeneration", query))
    page = watch.page
    if query:
        open_bar(page)
    if page.locator("#legend").is_hidden():
        page.locator("#legend-toggle").click()
    button = page.locator("#legend-kind-fund [data-showcase='kind']")
    assert button.get_attribute("aria-pressed") == "false"
    assert "Fund" in button.evaluate("b => b.textContent") and button.inner_text().startswith("Highlight")
    button.click()
    page.wait_for_timeout(400)
    assert button.get_attribute("aria-pressed") == "true"
    bodies, funds, others = showcased(page, "kind", "fund")
    assert len(funds) >= 3 and others
    assert all(b["opacity"] == 1 and not b["hidden"] for b in funds), funds
    assert all(b["opacity"] < 0.5 and not b["hidden"] for b in others), "every other body faded, not hidden"
    assert "showcase=kind.fund" in page.evaluate("location.search")
    page.wait_for_function("document.getElementById('announce').textContent.startsWith('Highlighting the 6 bodies')")
    clear = page.locator("[data-action='clear-showcase']")
    assert clear.is_visible()
    if query:
        save_screenshot(page, "controls-showcase-present")
    else:
        save_screenshot(page, "controls-showcase")
    clear.click()
    page.wait_for_timeout(400)
    bodies = page.evaluate(BODIES_JS)
    assert all(b["opacity"] == 1 for b in bodies), "cleared: nothing faded"
    assert button.get_attribute("aria-pressed") == "false" and clear.is_hidden()
    assert "showcase" not in page.evaluate("location.search")
    # a level, from the address, cleared by Escape (the legend closed first in presentation)
    page.goto(url(built_site, "renewal-regeneration", (query + "&" if query else "?") + "showcase=level.national"))
    page.wait_for_function("window.policymap && window.policymap.network")
    page.wait_for_timeout(500)
    bodies, national, others = showcased(page, "level", "national")
    assert national and all(b["opacity"] == 1 for b in national) and all(b["opacity"] < 0.5 for b in others)
    page.locator("#map").click(position={"x": 3, "y": 300})
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    assert page.evaluate("window.policymap.state().showcase") is None
    assert page.evaluate("window.policymap.state().mode") == ("present" if query else "normal"), "Escape cleared only the highlight"
    assert all(b["opacity"] == 1 for b in page.evaluate(BODIES_JS))
    assert watch.errors == []


BOXES = """Object.fromEntries(Object.entries(window.policymap.network.body.nodes)
    .filter(([id, n]) => !n.options.hidden && n.shape && n.shape.width)
    .map(([id, n]) => [id, [Math.round(n.shape.width * 10) / 10, Math.round(n.shape.height * 10) / 10]]))"""


@pytest.mark.parametrize("name", MAPS)
def test_pressing_p_draws_the_bodies_as_opening_in_presentation_mode_does(built_site, open_page, name):
    """The presentation layout is packed for its own margins; vis-network keeps a shape's first
    margins unless told, so pressing P drew every box 4 px too large for it."""
    page = open_page(url(built_site, name, "?present")).page
    page.wait_for_selector("html[data-policymap-ready]", state="attached")
    page.wait_for_timeout(300)
    opened = page.evaluate(BOXES)
    page = open_page(url(built_site, name)).page
    page.wait_for_selector("html[data-policymap-ready]", state="attached")
    normal = page.evaluate(BOXES)
    page.keyboard.press("p")
    page.wait_for_timeout(800)
    assert page.evaluate(BOXES) == opened
    page.keyboard.press("p")
    page.wait_for_timeout(800)
    assert page.evaluate(BOXES) == normal
