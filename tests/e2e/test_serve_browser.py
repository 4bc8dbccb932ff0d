"""``policymap serve`` in Debian's Chromium: a broken edit shows a banner, fixing it reloads the page."""

from urllib.parse import urlsplit

import pytest

from policymap.serve import BANNER_ID, PreviewServer


@pytest.fixture
def preview(good_copy):
    with PreviewServer(good_copy, port=0) as server:
        yield server


def test_banner_appears_on_a_broken_edit_and_the_page_reloads_when_fixed(preview, good_copy, open_page):
    watch = open_page(preview.url + "partners.html")
    page = watch.page
    page.evaluate("window.__beforeReload = true")
    path = good_copy / "figures" / "partners.yaml"
    good = path.read_text(encoding="utf-8")

    # A key that looks like markup: the banner must show it as text.
    path.write_text(good.replace("    plural: true\n", "    plural: true\n    <b>colour</b>: red\n", 1), encoding="utf-8")
    banner = page.locator(f"#{BANNER_ID}")
    banner.wait_for(state="visible", timeout=15_000)
    text = banner.text_content()
    assert "the last edit did not build" in text
    assert "data/figures/partners.yaml:" in text and "unknown key '<b>colour</b>'" in text
    assert page.locator(f"#{BANNER_ID} b").count() == 0
    assert banner.get_attribute("role") == "alert"
    assert page.evaluate("window.__beforeReload") is True  # still the last good page: no reload on a failure

    path.write_text(good.replace("label: Local residents", "label: Residents of the area"), encoding="utf-8")
    page.wait_for_function("window.__beforeReload === undefined", timeout=15_000)  # the page reloaded
    page.wait_for_function("window.policymap && window.policymap.network", timeout=10_000)
    assert page.locator(f"#{BANNER_ID}").count() == 0
    assert page.evaluate("window.policymap.data.nodes.residents.label") == "Residents of the area"
    assert watch.errors == []
    assert {urlsplit(url).netloc for url in watch.outside} == {urlsplit(preview.url).netloc}
