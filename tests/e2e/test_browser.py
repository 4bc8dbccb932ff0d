"""Map pages in Debian's Chromium, opened from file://, as a newcomer would use them."""

import json
import re
from pathlib import Path

import pytest

from conftest import save_screenshot

MAPS = ["mental-health-services", "renewal-regeneration", "local-strategic-partnerships"]


def node_screen_position(page, node_id):
    """The node's centre in page coordinates."""
    point = page.evaluate(
        """id => { const n = window.policymap.network; const p = n.getPositions([id])[id];
                   const d = n.canvasToDOM(p); const r = document.getElementById('map').getBoundingClientRect();
                   return {x: r.left + d.x, y: r.top + d.y}; }""", node_id)
    return point["x"], point["y"]


@pytest.mark.parametrize("name", MAPS)
def test_map_page_draws_offline_without_errors(built_site, open_page, name):
    watch = open_page((built_site / f"{name}.html").as_uri())
    page = watch.page
    page.wait_for_timeout(300)
    assert watch.errors == []
    assert watch.outside == []
    drawn = page.evaluate("Object.keys(window.policymap.network.getPositions()).length")
    # every body standing at the date shown (the guide's, by default) is drawn; later ones wait for their date
    data_nodes = page.evaluate("window.policymap.network.body.data.nodes.get().filter((n) => !n.hidden).length")
    assert drawn == data_nodes > 10
    save_screenshot(page, f"{name}-1280x720")


@pytest.mark.parametrize("name", MAPS)
def test_click_on_a_node_opens_its_details(built_site, open_page, name):
    page = open_page((built_site / f"{name}.html").as_uri()).page
    data = page.evaluate("window.policymap.data")
    node_id = "lsp" if "lsp" in data["nodes"] else sorted(data["nodes"])[0]
    page.evaluate(f"window.policymap.network.focus({json.dumps(node_id)}, {{scale: 1}})")
    x, y = node_screen_position(page, node_id)
    page.mouse.click(x, y)
    details = page.locator("#details")
    details.wait_for(state="visible")
    assert data["nodes"][node_id]["role"] in details.inner_text().replace("\n", " ")
    assert page.evaluate("location.hash") == f"#node={node_id}"
    page.keyboard.press("Escape")
    assert details.is_hidden()


def test_text_version_lists_every_node_with_deep_links(built_site, open_page):
    page = open_page((built_site / "renewal-regeneration.html").as_uri()).page
    ids = page.evaluate("Object.keys(window.policymap.data.nodes).filter((id) => !window.policymap.data.nodes[id].later)")  # the guide's bodies (later ones have their date)
    page.wait_for_function(f"document.querySelectorAll('#twin-list > li').length === {len(ids)}")
    entries = page.locator("#twin-list > li")
    assert entries.count() == len(ids)
    for node_id in ids:
        assert page.locator(f"#twin-{node_id} a[href='#node={node_id}']").count() == 1


def test_deep_link_selects_node_and_history_works(built_site, open_page):
    page = open_page((built_site / "renewal-regeneration.html").as_uri() + "#node=rda").page
    page.locator("#details").wait_for(state="visible")
    assert "Regional Development Agencies" in page.locator("#details h2").inner_text()
    assert page.evaluate("window.policymap.network.getSelectedNodes()") == ["rda"]
    page.locator("#details a[data-node='dti']").first.click()
    page.wait_for_function("location.hash === '#node=dti'")
    assert "Department of Trade and Industry" in page.locator("#details h2").inner_text()
    page.go_back()
    page.wait_for_function("location.hash === '#node=rda'")
    assert page.evaluate("window.policymap.network.getSelectedNodes()") == ["rda"]


def test_newcomer_reads_who_rdas_answer_to(built_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((built_site / "index.html").as_uri())
    page.get_by_role("link", name=re.compile("Renewal, regeneration")).first.click()
    page.wait_for_function("window.policymap && window.policymap.network")
    page.evaluate("window.policymap.network.focus('rda', {scale: 1})")
    x, y = node_screen_position(page, "rda")
    page.mouse.click(x, y)
    text = page.locator("#details").inner_text()
    assert re.search(r"Regional Development Agencies are accountable to\s+the Department of Trade and Industry", text)
    page.close()


def test_search_by_acronym_selects_and_frames_it_with_its_neighbours(built_site, open_page):
    page = open_page((built_site / "renewal-regeneration.html").as_uri()).page
    page.locator("#search-input").fill("NRU")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("window.policymap.network.getSelectedNodes()[0] === 'nru'")
    view = None
    for _ in range(50):  # until the camera stops: its move takes 450 ms, longer on a loaded machine
        page.wait_for_timeout(150)
        now = page.evaluate("[window.policymap.network.getScale(), window.policymap.network.getViewPosition()]")
        if now == view:
            break
        view = now
    edges = page.evaluate("window.policymap.data.edges")
    near = {"nru"} | {e["target"] for e in edges if e["source"] == "nru"} | {e["source"] for e in edges if e["target"] == "nru"}
    box = page.locator("#map").bounding_box()
    for node_id in near:
        x, y = node_screen_position(page, node_id)
        assert box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"], node_id


def test_search_by_glossary_term_and_across_maps(built_site, open_page):
    page = open_page((built_site / "local-strategic-partnerships.html").as_uri()).page
    page.locator("#search-input").fill("Support Time")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"mental-health-services\.html#node="))
    page.wait_for_function("window.policymap && window.policymap.network.getSelectedNodes().length === 1")


def settled_scale(page, tries: int = 50) -> float:
    """The map's zoom once its camera animation has stopped (it may run long on a busy machine)."""
    previous = None
    for _ in range(tries):
        page.wait_for_timeout(100)
        scale = page.evaluate("window.policymap.network.getScale()")
        if scale == previous:
            return scale
        previous = scale
    return previous


def test_zoom_buttons_and_fit(built_site, open_page):
    page = open_page((built_site / "mental-health-services.html").as_uri()).page
    fitted = settled_scale(page)
    page.click(".zoom [data-action='zoom-in']")  # the map's own strip (the presentation bar has its own)
    assert settled_scale(page) > fitted * 1.2
    page.click(".zoom [data-action='fit']")
    assert abs(settled_scale(page) - fitted) < 0.01


def test_markup_in_yaml_does_not_run(good_copy, tmp_path, open_page):
    from policymap.site import build_site

    path = good_copy / "figures" / "funding.yaml"
    text = path.read_text(encoding="utf-8").replace("label: King's Fund", "label: '<img src=x onerror=window.__pwned=1>'")
    text = text.replace("role: An independent charity that funds and publishes work on health.",
                        "role: '<script>window.__pwned=2</script>'")
    path.write_text(text, encoding="utf-8")
    build_site("data", tmp_path / "site")
    watch = open_page((tmp_path / "site" / "funding.html").as_uri())
    page = watch.page
    page.evaluate("window.policymap.select('kings-fund')")
    page.locator("#details").wait_for(state="visible")
    assert "<img src=x onerror=window.__pwned=1>" in page.locator("#details h2").inner_text()
    assert "<script>window.__pwned=2</script>" in page.locator("#details").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#details img, #twin img").count() == 0


def test_index_and_glossary_pages(built_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((built_site / "index.html").as_uri())
    assert page.locator("svg.preview").count() == 4  # three figures and the whole system
    save_screenshot(page, "index-1280x720")
    page.goto((built_site / "glossary.html").as_uri())
    link = page.locator("#term-local-strategic-partnership a[href*='#node=']").first
    assert link.count() == 1
    save_screenshot(page, "glossary-1280x720")
    assert errors == []
    page.close()


SCRIPT_START = """
window.__scriptsAt = null;
new MutationObserver((changes) => {
  if (window.__scriptsAt === null && changes.some((c) => [...c.addedNodes].some((n) => n.src && n.src.includes("vis-network")))) {
    window.__scriptsAt = performance.now();
  }
}).observe(document, { childList: true, subtree: true });
"""


def _scripts_and_paint(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.add_init_script(SCRIPT_START)
    page.goto(url)
    # Opened from a file the map may start before the first paint is recorded: wait for both.
    page.wait_for_function("window.policymap && window.policymap.network"
                           " && performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint')")
    asked, painted = page.evaluate("""[window.__scriptsAt,
        performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint').startTime]""")
    page.close()
    return asked, painted


def test_map_scripts_wait_for_the_first_paint_over_a_network_but_not_from_a_file(built_site, browser):
    """Served, the heading and text version paint before the 1 MB of scripts is asked for (a slow
    network would otherwise hold the first paint back); opened from a file they are asked for at once."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for name in ["renewal-regeneration", "whole-system"]:
            asked, painted = _scripts_and_paint(browser, f"http://127.0.0.1:{server.server_port}/{name}.html")
            assert asked > painted, (name, asked, painted)
            asked, painted = _scripts_and_paint(browser, (built_site / f"{name}.html").as_uri())
            assert asked < painted, (name, asked, painted)
    finally:
        server.shutdown()
        server.server_close()


def test_map_starts_on_the_parsed_page_when_its_scripts_arrive_first(built_site, browser):
    """Opened from a file, the scripts are asked for from the head and may run before the rest of
    the page is parsed; the map still starts, on the parsed page. Here they are made to run first:
    a copy of the page holds them as ordinary scripts in its head."""
    html = (built_site / "renewal-regeneration.html").read_text(encoding="utf-8")
    sources = json.loads(re.search(r"var scripts = (\[.*?\]);", html).group(1))
    tags = "".join(f'<script src="{src}"></script>' for src in sources)
    early = html.replace('<script>\nif (location.protocol === "file:")', tags + '<script>\nif (false)', 1)
    assert early != html
    copy = built_site / "scripts-first.html"
    copy.write_text(early, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(copy.as_uri())
        page.wait_for_function("document.documentElement.hasAttribute('data-policymap-ready')", timeout=15000)
        assert page.evaluate("document.getElementById('twin-list').querySelectorAll('a[data-node]').length") > 20
        page.evaluate("window.policymap.select('nru')")
        assert page.evaluate("window.policymap.state().selected") == "nru"
        assert not errors
    finally:
        page.close()
        copy.unlink()


LINES_SCRIPT = """() => {
  const pm = window.policymap;
  const defaults = pm.data.vis.options.edges;
  const wrong = [];
  pm.data.vis.edges.forEach((edge) => {
    const drawn = pm.network.body.edges[edge.id].options;
    const want = { color: edge.color, arrow: (edge.arrows || defaults.arrows).to.type || "arrow",
      dashes: Boolean(edge.dashes), width: edge.width === undefined ? defaults.width : edge.width };
    const got = { color: drawn.color.color, arrow: drawn.arrows.to.enabled ? drawn.arrows.to.type : "none",
      dashes: Boolean(drawn.dashes), width: drawn.width };
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      wrong.push([edge.id, want, got]);
    }
  });
  return { wrong: wrong, lines: new Set(pm.data.vis.edges.map((e) => JSON.stringify([e.color, e.arrows, e.dashes, e.width]))).size };
}"""


@pytest.mark.parametrize("name", ["mental-health-services", "renewal-regeneration", "whole-system"])
def test_every_relation_is_drawn_in_its_own_line(built_site, open_page, name):
    """Each relation as vis-network holds it has its own colour, arrowhead, dashes and width, on
    opening and after the map is faded, restored, presented and brought back (vis keeps what an
    update leaves out, so a style that forgot one would leave it as the last state drew it)."""
    watch = open_page((built_site / f"{name}.html").as_uri())
    page = watch.page
    first = page.evaluate(LINES_SCRIPT)
    assert first["lines"] > 3 and first["wrong"] == [], first["wrong"][:3]
    hub = page.evaluate("Object.keys(window.policymap.data.nodes).sort((a, b) => window.policymap.data.edgesOf.get(b).length"
                        " - window.policymap.data.edgesOf.get(a).length)[0]")
    page.evaluate(f"window.policymap.select({json.dumps(hub)}); window.policymap.setFocusDepth(1)")
    page.evaluate("window.policymap.setFocusDepth(0); window.policymap.clear()")
    assert page.evaluate(LINES_SCRIPT)["wrong"] == []
    page.evaluate("window.policymap.present(true)")
    page.evaluate("window.policymap.present(false)")
    assert page.evaluate(LINES_SCRIPT)["wrong"] == []
