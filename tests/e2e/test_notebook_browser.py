"""``policymap.notebook``'s pyvis page in Chromium from file://: it draws offline and shows markup as text."""

from policymap.notebook import network

from conftest import PageWatch, save_screenshot

SCRIPT_LABEL = "<script>window.__pwned=1</script>"
LINK_ROLE = '<a href="javascript:window.__pwned=2">a link</a>'


def _marked_up(good_copy):
    path = good_copy / "figures" / "funding.yaml"
    text = path.read_text(encoding="utf-8").replace("label: King's Fund", f"label: '{SCRIPT_LABEL}'")
    text = text.replace("role: An independent charity that funds and publishes work on health.", f"role: '{LINK_ROLE}'")
    path.write_text(text, encoding="utf-8")
    return good_copy


def test_notebook_page_draws_offline_at_the_computed_layout(browser, tmp_path, real_data):
    net = network("mental-health-services", data_dir=real_data)
    html_file = tmp_path / "figure-2.html"
    html_file.write_text(net.generate_html(), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    watch = PageWatch(page)
    page.goto(html_file.as_uri())
    page.wait_for_function("window.network && network.body.nodeIndices.length > 0", timeout=10_000)
    page.wait_for_timeout(300)
    positions = page.evaluate("network.getPositions()")
    assert {k: (v["x"], v["y"]) for k, v in positions.items()} == {n["id"]: (n["x"], n["y"]) for n in net.nodes}
    inked = page.evaluate("""() => {
        const canvas = document.querySelector('#mynetwork canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) inked++;
        return inked;
    }""")
    assert inked > 5000, "the map should be drawn on the canvas"
    save_screenshot(page, "notebook-mental-health-services")
    assert watch.outside == [] and watch.errors == []
    page.close()


def test_notebook_page_shows_a_script_label_and_a_link_as_text(browser, tmp_path, good_copy):
    net = network("funding", data_dir=_marked_up(good_copy))
    html_file = tmp_path / "funding.html"
    html_file.write_text(net.generate_html(), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    watch = PageWatch(page)
    page.goto(html_file.as_uri())
    page.wait_for_function("window.network && network.body.nodeIndices.length > 0", timeout=10_000)
    assert page.evaluate("network.body.nodes['kings-fund'].options.label") == SCRIPT_LABEL
    box = page.locator("#mynetwork").bounding_box()
    spot = page.evaluate("(() => { const p = network.getPositions(['kings-fund'])['kings-fund']; "
                         "return network.canvasToDOM(p); })()")
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.text_content()
    assert SCRIPT_LABEL in text and LINK_ROLE in text
    assert tooltip.locator("a, script").count() == 0
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    save_screenshot(page, "notebook-markup-as-text")
    assert watch.outside == [] and watch.errors == []
    page.close()
