"""The map at a date in the browser: ?at= round trips, the date control, what ended (faded or
listed), lineage in the panel, search by a former or later name, and the 'What changed' tour."""

import json

from policymap.pagedata import script_data


def _timeline(site):
    return script_data((site / "assets" / "maps" / "mental-health-services.js").read_text(encoding="utf-8"))["timeline"]


def _node(page, node_id):
    return page.evaluate(f"window.policymap.network.body.data.nodes.get({json.dumps(node_id)})")


def _state(page):
    return page.evaluate("window.policymap.state()")


def test_at_in_the_address_round_trips(built_site, open_page):
    watch = open_page((built_site / "mental-health-services.html").as_uri() + "?at=2013-04")
    page = watch.page
    assert _state(page)["at"] == "2013-04" and _state(page)["shownDate"] == "2013-04-01"
    assert page.locator("#at-select").input_value() == "2013-04-01"
    assert _node(page, "ccg")["hidden"] is False and _node(page, "icb")["hidden"] is True
    assert _node(page, "pct")["opacity"] < 0.5  # ended by then: faded where it stood
    assert "Shown as it stood in 1 April 2013" in page.locator("#as-of-text").inner_text()
    page.select_option("#at-select", "today")
    page.wait_for_function("location.search === '?at=today'")
    assert _node(page, "icb")["hidden"] is False and _node(page, "ccg")["opacity"] < 0.5
    page.reload()
    page.wait_for_selector("html[data-policymap-ready]", state="attached")
    assert _state(page)["at"] == "today" and page.locator("#at-select").input_value() == "today"
    assert _node(page, "icb")["hidden"] is False
    page.select_option("#at-select", "2003-05")
    page.wait_for_function("location.search === ''")
    assert _state(page)["at"] is None and _node(page, "icb")["hidden"] is True and _node(page, "pct")["hidden"] is False
    assert "Structures as in May 2003" in page.locator("#as-of-text").inner_text()
    assert watch.errors == [] and watch.outside == []


def test_ended_bodies_are_listed_with_their_fate_and_source(built_site, open_page):
    page = open_page((built_site / "mental-health-services.html").as_uri() + "?at=today").page
    page.select_option("#ended-select", "listed")
    page.locator("#ended").wait_for(state="visible")
    assert _node(page, "pct")["hidden"] is True
    text = page.locator("#ended-items").inner_text()
    assert "Primary care trusts: 1 April 2013, Primary care trusts were replaced by clinical commissioning groups." in text
    assert "Since the guide: Health and Social Care Act 2012, s 34." in text


def test_panel_shows_lineage_both_ways_and_guide_pages_apart_from_later_sources(built_site, open_page):
    page = open_page((built_site / "mental-health-services.html").as_uri() + "#node=pct").page
    page.locator("#details").wait_for(state="visible")
    details = page.locator("#details").inner_text()
    assert "BECAME" in details.upper() and "replaced by clinical commissioning groups" in details
    assert "Since the guide: Health and Social Care Act 2012, s 34." in details and "The guide, p" in details
    page.locator("#details a[data-node='ccg']").first.click()  # follow the lineage: the map moves to a date CCGs stood
    page.wait_for_function("window.policymap.state().selected === 'ccg'")
    assert _state(page)["shownDate"] == "2013-04-01" and _node(page, "ccg")["hidden"] is False
    details = page.locator("#details").inner_text()
    assert "CAME FROM" in details.upper() and "Primary care trusts were replaced by clinical commissioning groups." in details
    assert "Not in the guide: from 1 April 2013. Since the guide: Health and Social Care Act 2012, s 25." in details
    assert "Integrated care boards" in details  # what it became in turn


def test_search_finds_a_body_by_a_former_name(built_site, open_page):
    page = open_page((built_site / "mental-health-services.html").as_uri() + "?at=today").page
    page.locator("#search-input").fill("PCT")
    results = page.locator("#search-results").inner_text()
    assert "Integrated care boards (ICB)" in results and "Also known over time as PCT" in results
    page.locator("#search-results li", has_text="Integrated care boards").click()
    page.wait_for_function("window.policymap.state().selected === 'icb'")


def test_what_changed_tour_steps_through_each_change_in_order(built_site, open_page):
    steps = _timeline(built_site)["changes"]
    watch = open_page((built_site / "mental-health-services.html").as_uri())
    page = watch.page
    page.click("#tour-select")  # the tour menu
    page.click("#tour-menu [data-tour='since-2003']")
    for index, step in enumerate(steps):
        page.wait_for_function(f"window.policymap.state().step === {index + 1}")
        assert page.locator("#tour-heading").inner_text() == step["title"]
        text = page.locator("#tour-text").inner_text()
        assert text.startswith(step["text"]) and "Since the guide: " + "; ".join(step["sources"]) in text
        assert _state(page)["at"] == step["at"]
        for node_id in step["nodes"]:
            assert _node(page, node_id)["hidden"] is False
        assert page.evaluate("location.hash") == f"#tour=since-2003&step={index + 1}"
        assert f"?at={step['at']}" == page.evaluate("location.search")
        if index + 1 < len(steps):
            page.keyboard.press("ArrowRight")
    assert [s["at"] for s in steps] == sorted(s["at"] for s in steps)
    assert watch.errors == []


def test_legend_counts_are_of_the_map_at_the_date_shown(built_site, open_page):
    """With no filters on, no count reads 'shown/total': bodies that came after (or ended before)
    the date shown are not on the map then, so they are not counted as hidden."""
    page = open_page((built_site / "renewal-regeneration.html").as_uri()).page
    badges = "() => [...document.querySelectorAll('#legend .count[data-total]')].map(b => b.firstChild.textContent)"
    for at in ["2003-05", "2013-04-01", "today"]:
        page.select_option("#at-select", at)
        page.wait_for_timeout(150)
        counts = page.evaluate(badges)
        assert counts and not [c for c in counts if "/" in c], (at, counts)
    page.evaluate("window.policymap.setFilter('kind', 'fund', false)")  # a filter does show in the counts
    fund = page.locator("#legend-kind-fund .count").evaluate("b => b.firstChild.textContent")
    assert fund.startswith("0/")


def test_a_later_relations_sources_wrap_inside_the_panel(built_site, open_page):
    """'since the guide: Health and Social Care Act 2012, s 194(2)(f), as amended ...' is long:
    projected, the panel must not cut it off at its right edge."""
    page = open_page((built_site / "mental-health-services.html").as_uri() + "?present&at=today#node=icb").page
    page.locator("#details").wait_for(state="visible")
    widths = page.evaluate("""() => [...document.querySelectorAll('#details .since-guide')].map(s => {
        const panel = document.getElementById('details').getBoundingClientRect();
        return [s.getBoundingClientRect().right, panel.right]; })""")
    assert widths and all(right <= edge + 1 for right, edge in widths), widths
