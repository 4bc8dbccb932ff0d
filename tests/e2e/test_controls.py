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
