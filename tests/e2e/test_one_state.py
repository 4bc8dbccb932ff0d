"""The map page on one state (issue: a tour survives a click, the view frames what the panel
describes, addresses for everything selected), in Debian's Chromium at 1280x720 from file://."""

import re

import pytest

from test_workshop import NODE_RECT_JS, camera_still, highlighted, settle, url


def rect_of(page, selector):
    box = page.locator(selector).bounding_box()
    return {"left": box["x"], "top": box["y"], "right": box["x"] + box["width"], "bottom": box["y"] + box["height"]}


def overlaps(a, b):
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def click_node(page, node_id):
    rect = page.evaluate(NODE_RECT_JS, node_id)
    page.mouse.click((rect["left"] + rect["right"]) / 2, (rect["top"] + rect["bottom"]) / 2)


def neighbours(page, node_id):
    edges = page.evaluate("window.policymap.data.edges")
    return {node_id} | {e["target"] for e in edges if e["source"] == node_id} | {e["source"] for e in edges if e["target"] == node_id}


def assert_in_visible_area(page, ids):
    """Every body's box inside the map and clear of whatever lies over it (panels, tour card, zoom buttons)."""
    frame = rect_of(page, "#map")
    covers = [rect_of(page, s) for s in ("#details", "#tour", "#routes", "#legend", ".zoom") if page.locator(s).is_visible()]
    covers = [c for c in covers if overlaps(c, frame)]
    for node_id in ids:
        box = page.evaluate(NODE_RECT_JS, node_id)
        assert frame["left"] - 1 <= box["left"] and box["right"] <= frame["right"] + 1, (node_id, box, frame)
        assert frame["top"] - 1 <= box["top"] and box["bottom"] <= frame["bottom"] + 1, (node_id, box, frame)
        for cover in covers:
            assert not overlaps(box, cover), (node_id, box, cover)


# -- a tour survives a click ---------------------------------------------------------------------

def test_body_clicked_on_a_band_step_opens_inside_the_tour_and_the_clicker_carries_on(built_site, open_page):
    watch = open_page(url(built_site, "mental-health-services", "?present", "tour=lit-hub&step=3"))
    page = watch.page
    settle(page)
    assert re.search(r"\bat-(top|bottom)-band\b", page.locator("#tour").get_attribute("class"))
    tour = next(t for t in page.evaluate("window.policymap.tours") if t["id"] == "lit-hub")
    step3 = sorted(tour["steps"][2]["nodes"])
    body = step3[0]
    click_node(page, body)
    page.locator("#details").wait_for(state="visible")
    state = page.evaluate("window.policymap.state()")
    assert (state["tour"], state["step"], state["selected"], state["insideTour"]) == ("lit-hub", 3, body, True)
    assert page.locator("#tour").is_visible() and page.locator("[data-action='tour-next']").is_enabled()
    assert page.evaluate("location.hash") == f"#tour=lit-hub&step=3&node={body}"
    settle(page)
    assert_in_visible_area(page, neighbours(page, body))
    page.keyboard.press("Escape")  # back to the step as it was
    settle(page)
    assert page.locator("#details").is_hidden() and page.locator("#tour").is_visible()
    assert page.evaluate("window.policymap.state()")["step"] == 3
    assert highlighted(page) == step3
    assert page.evaluate("location.hash") == "#tour=lit-hub&step=3"
    click_node(page, body)
    page.locator("#details").wait_for(state="visible")
    page.keyboard.press("ArrowRight")  # the clicker's next key moves on from a body opened in the step
    settle(page)
    assert page.evaluate("window.policymap.state()")["step"] == 4 and page.locator("#details").is_hidden()
    assert page.locator("#tour-heading").inner_text() == tour["steps"][3]["title"]
    click_node(page, sorted(tour["steps"][3]["nodes"])[0])
    page.locator("#details").wait_for(state="visible")
    page.click("[data-action='tour-prev']")  # and so do the on-screen buttons
    settle(page)
    assert page.evaluate("window.policymap.state()")["step"] == 3
    page.go_back()  # back walks the steps and bodies in order
    settle(page)
    assert page.evaluate("window.policymap.state()")["selected"] is not None
    assert page.evaluate("window.policymap.state()")["step"] == 4
    assert watch.errors == []


def test_body_clicked_in_a_normal_mode_tour_keeps_the_tour_and_close_returns(built_site, open_page):
    page = open_page(url(built_site, "renewal-regeneration", fragment="tour=following-the-money&step=2")).page
    settle(page)
    page.evaluate("window.policymap.select('rda')")
    page.locator("#details").wait_for(state="visible")
    assert page.locator("#tour").is_visible()
    page.click("#details [data-action='close']")
    assert page.locator("#details").is_hidden() and page.evaluate("window.policymap.state()")["step"] == 2


def test_no_tour_panel_without_a_tour(built_site, open_page):
    page = open_page(url(built_site, "mental-health-services", "?present", "tour=lit-hub&step=3")).page
    settle(page)
    page.evaluate("window.policymap.select('pct')")
    page.locator("#details").wait_for(state="visible")
    page.mouse.move(640, 10)  # the bar folds down
    page.click("[data-action='tour-end']")
    assert page.locator("#tour").is_hidden()
    assert page.evaluate("window.policymap.state()")["tour"] is None
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert page.locator("#tour").is_hidden()
    page.goto(url(built_site, "mental-health-services"))
    page.wait_for_function("window.policymap && window.policymap.network")
    assert page.locator("#tour").is_hidden()


# -- the view frames what the panel describes ----------------------------------------------------

@pytest.mark.parametrize("query", ["", "?present"])
def test_selected_body_and_its_neighbours_lie_in_the_visible_map(built_site, open_page, query):
    page = open_page(url(built_site, "mental-health-services", query)).page
    settle(page, 300)
    page.evaluate("window.policymap.select('pct')")
    page.locator("#details").wait_for(state="visible")
    settle(page)
    near = neighbours(page, "pct")
    assert "mental-health-trusts" in near
    assert_in_visible_area(page, near)
    page.keyboard.press("2")  # focus two steps out reframes to that neighbourhood
    settle(page)
    two = set(near)
    for node_id in near:
        two |= neighbours(page, node_id)
    assert_in_visible_area(page, two)
    page.evaluate("window.policymap.select('lit')")
    page.keyboard.press("1")
    settle(page)
    assert_in_visible_area(page, neighbours(page, "lit"))


# -- addresses -----------------------------------------------------------------------------------

def test_node_on_another_map_says_where_it_is(built_site, open_page):
    page = open_page(url(built_site, "mental-health-services", fragment="node=nru")).page
    notice = page.locator("#map-notice")
    notice.wait_for(state="visible")
    assert notice.get_attribute("role") == "status"
    text = notice.inner_text()
    assert "Neighbourhood Renewal Unit" in text and "Figure 3" in text and "Figure 4" in text
    assert notice.locator("a", has_text="Figure 3").get_attribute("href") == "renewal-regeneration.html#node=nru"
    page.wait_for_function("document.getElementById('announce').textContent.includes('Figure 3')")
    page.goto(url(built_site, "mental-health-services", fragment="node=ministry-of-magic"))
    page.wait_for_function("window.policymap && window.policymap.network")
    notice.wait_for(state="visible")
    assert "ministry-of-magic" in notice.inner_text() and "No body" in notice.inner_text()
    page.wait_for_function("document.getElementById('announce').textContent.includes('No body')")


def test_edge_address_round_trips(built_site, open_page):
    page = open_page(url(built_site, "mental-health-services")).page
    edge = next(e for e in page.evaluate("window.policymap.data.edges") if e["source"] == "pct" and e["relation"] == "commissions")
    page.evaluate(f"window.policymap.dispatch({{type: 'select-edge', id: '{edge['id']}'}})")
    key = page.evaluate("window.policymap.state()")["edge"]
    assert key == f"pct--commissions--{edge['target']}"
    assert page.evaluate("location.hash") == f"#edge={key}"
    assert "Relation: commissions" in page.locator("#details h2").inner_text()
    other = open_page(url(built_site, "mental-health-services", fragment=f"edge={key}")).page
    other.locator("#details").wait_for(state="visible")
    assert other.evaluate("window.policymap.state()")["edge"] == key
    assert other.evaluate("window.policymap.network.getSelectedEdges()") == [edge["id"]]
    assert "Relation: commissions" in other.locator("#details h2").inner_text()


def test_back_and_forward_walk_selections_tour_steps_and_routes(built_site, open_page):
    page = open_page(url(built_site, "local-strategic-partnerships")).page
    tour = page.evaluate("window.policymap.tours")[0]
    page.evaluate("window.policymap.select('lsp')")
    page.evaluate(f"window.policymap.dispatch({{type: 'tour', id: '{tour['id']}', step: 0}})")
    page.keyboard.press("ArrowRight")
    page.evaluate("window.policymap.dispatch({type: 'tour-end'})")
    page.evaluate("window.policymap.dispatch({type: 'route', from: 'lit', to: 'nru'})")
    page.locator("#routes-list > li").first.wait_for()
    expected = ["#from=lit&to=nru&route=1", "", f"#tour={tour['id']}&step=2", f"#tour={tour['id']}&step=1", "#node=lsp"]
    assert page.evaluate("location.hash") == expected[0]
    for hash_ in expected[1:]:
        page.go_back()
        page.wait_for_function(f"location.hash === {hash_!r}")
        state = page.evaluate("window.policymap.state()")
        if hash_.startswith("#tour"):
            assert state["tour"] == tour["id"] and f"step={state['step']}" in hash_ and page.locator("#tour").is_visible()
        elif hash_ == "#node=lsp":
            assert state["selected"] == "lsp" and state["tour"] is None and page.locator("#tour").is_hidden()
        else:
            assert state["selected"] is None and state["tour"] is None and state["route"] is None
    page.go_forward()
    page.wait_for_function(f"location.hash === {expected[3]!r}")
    assert page.evaluate("window.policymap.state()")["step"] == 1
    page.go_forward()
    page.go_forward()
    page.go_forward()
    page.wait_for_function(f"location.hash === {expected[0]!r}")
    assert page.evaluate("window.policymap.state()")["route"] == {"from": "lit", "to": "nru", "index": 0}
    assert sorted(page.evaluate("window.policymap.network.getSelectedNodes()")) == ["lit", "lsp", "nru"]


# -- filters say what they hide ------------------------------------------------------------------

def test_filtering_says_what_it_hides_drops_empty_regions_and_refits(built_site, open_page):
    page = open_page(url(built_site, "whole-system")).page
    settle(page, 300)
    studies = page.evaluate("Object.values(window.policymap.data.nodes).filter(n => n.case_study).length")
    before = camera_still(page)
    assert "Case studies (Section 4)" in page.evaluate("window.policymap.regions()")
    if page.locator("#legend").is_hidden():
        page.click("#legend-toggle")
    page.uncheck("#show-case-studies")
    status = page.locator("#filter-status").inner_text()
    assert f"{studies} case-study bodies" in status and "Showing everything" not in status
    regions = page.evaluate("window.policymap.regions()")
    assert "Case studies (Section 4)" not in regions and "Wise People project" not in regions
    assert "Shared by several maps" in regions
    assert camera_still(page) != before  # the map is refitted to what is left
    page.check("#show-case-studies")
    assert page.locator("#filter-status").inner_text() == "Showing everything."
    assert "Case studies (Section 4)" in page.evaluate("window.policymap.regions()")
