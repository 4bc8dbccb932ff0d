"""The whole-system map and routes between bodies, in Chromium."""

import re


def test_whole_system_page_joins_the_maps(built_site, open_page):
    watch = open_page((built_site / "whole-system.html").as_uri())
    page = watch.page
    assert watch.errors == [] and watch.outside == []
    ids = page.evaluate("Object.keys(window.policymap.data.nodes)")
    for body in ("lit", "pct", "sha", "local-authorities", "nru", "odpm", "lsp", "wise-people", "first-step-trust"):
        assert body in ids
    assert len(ids) == len(set(ids))
    page.evaluate("window.policymap.select('lsp')")
    text = page.locator("#details").inner_text()
    assert "COMES FROM" in text.upper()
    for figure in ("Figure 2", "Figure 3", "Figure 4"):
        assert figure in text


def test_route_is_highlighted_and_read_as_sentences(built_site, open_page):
    page = open_page((built_site / "local-strategic-partnerships.html").as_uri()).page
    page.click("#routes-toggle")
    page.fill("#route-from", "LIT")
    page.fill("#route-to", "Neighbourhood Renewal Unit")
    page.click("#routes-form button[type=submit]")
    first = page.locator("#routes-list > li").first
    first.wait_for()
    # read from the From body, each clause naming its subject, as `policymap route` reads it
    assert re.search(r"^Local implementation teams link to local strategic partnerships; LSPs originate from "
                     r"the Neighbourhood Renewal Unit\.$", first.inner_text(), re.M)
    assert sorted(page.evaluate("window.policymap.network.getSelectedNodes()")) == ["lit", "lsp", "nru"]


def test_route_marks_implied_relations_and_unknown_names(built_site, open_page):
    page = open_page((built_site / "whole-system.html").as_uri()).page
    page.click("#routes-toggle")
    page.fill("#route-from", "Voluntary and community organisations")
    page.fill("#route-to", "NRF")
    page.click("#routes-form button[type=submit]")
    page.locator("#routes-list > li").first.wait_for()
    assert "(implied)" in page.locator("#routes-list").inner_text()
    page.fill("#route-to", "Ministry of Magic")
    page.click("#routes-form button[type=submit]")
    assert "No body on this map is called" in page.locator("#routes-status").inner_text()


def test_case_study_layer_toggles(built_site, open_page):
    page = open_page((built_site / "whole-system.html").as_uri()).page
    page.click("#legend-toggle") if page.locator("#legend").is_hidden() else None
    visible = "window.policymap.network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)"
    assert "wise-people" in page.evaluate(visible)
    page.uncheck("#show-case-studies")
    shown = page.evaluate(visible)
    assert "wise-people" not in shown and "lsp" in shown
    page.check("#show-case-studies")
    assert "wise-people" in page.evaluate(visible)
