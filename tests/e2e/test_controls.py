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
