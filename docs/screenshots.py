"""Regenerate the README's screenshot from the built site, in Debian's Chromium (never a downloaded browser).

    python build.py && python docs/screenshots.py            # writes docs/figure-3-panel.png
                                                             # and docs/screenshots/<map>-{normal,present}.png
    python docs/screenshots.py --site site --out /tmp/shots  # somewhere else, to compare first
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
#: file name -> (page and deep link, what the picture shows)
SHOTS = {"figure-3-panel.png": ("renewal-regeneration.html#node=rda", "Figure 3 with the RDAs selected")}
#: Every map as opened at 1280x720, normally and in presentation mode: screenshots/<map>-<mode>.png
MODES = {"normal": "", "present": "?present"}
#: More views: screenshots/<name>.png -> (page and query or deep link, viewport)
VIEWS = {
    "whole-system-tour": ("whole-system.html#tour=from-a-service-user-to-the-renewal-fund&step=2", (1280, 720)),
    "renewal-regeneration-tour-present": ("renewal-regeneration.html?present#tour=neighbourhood-renewal&step=4", (1280, 720)),
    # presenting the whole system: a part at a time, named in its caption (a tour step with a part of its own;
    # a case study's part)
    "whole-system-present-1280x720": ("whole-system.html?present#tour=from-a-service-user-to-the-renewal-fund&step=4",
                                      (1280, 720)),
    "whole-system-present-case-study": ("whole-system.html?present&part=case-studies--lambeth-early-onset", (1280, 720)),
    "index-phone": ("index.html", (390, 844)),
    "mental-health-services-phone": ("mental-health-services.html", (390, 844)),
}
#: One map also as it stands today (its date control at "today"): screenshots/<map>-today-<mode>.png
DATED = {"mental-health-services": "today"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNGs (default: docs/)")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    options.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        for name, (target, _what) in SHOTS.items():
            page.goto((options.site.resolve() / target.split("#")[0]).as_uri() + "#" + target.split("#")[1])
            page.wait_for_function("window.policymap && window.policymap.network", timeout=10_000)
            page.locator("#details").wait_for(state="visible", timeout=10_000)
            page.wait_for_timeout(500)  # let the zoom to the selected node finish
            page.screenshot(path=str(options.out / name))
            print(f"wrote {os.path.relpath(options.out / name)}")
        _map_shots(browser, options.site.resolve(), options.out / "screenshots")
        browser.close()


def _map_shots(browser, site: Path, out: Path) -> None:
    """Each map page, without motion (so the pictures come out the same each time), pointer away from the bar."""
    out.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 720}, reduced_motion="reduce")
    for html in sorted(site.glob("*.html")):
        if html.stem in ("index", "glossary"):
            continue
        for mode, query in MODES.items():
            page.goto(html.as_uri() + query)
            page.wait_for_function("window.policymap && window.policymap.network", timeout=10_000)
            page.wait_for_timeout(300)
            target = out / f"{html.stem}-{mode}.png"
            page.screenshot(path=str(target))
            print(f"wrote {os.path.relpath(target)}")
            if html.stem in DATED:
                at = DATED[html.stem]
                page.goto(html.as_uri() + (query + "&" if query else "?") + f"at={at}")
                page.wait_for_function("window.policymap && window.policymap.network", timeout=10_000)
                page.wait_for_timeout(300)
                target = out / f"{html.stem}-{at}-{mode}.png"
                page.screenshot(path=str(target))
                print(f"wrote {os.path.relpath(target)}")
    page.close()
    for name, (target, (width, height)) in VIEWS.items():
        page = browser.new_page(viewport={"width": width, "height": height}, reduced_motion="reduce",
                                is_mobile=width < 600, has_touch=width < 600)
        path, _, fragment = target.partition("#")
        path, _, query = path.partition("?")
        page.goto((site / path).as_uri() + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else ""))
        if "index" not in path:
            page.wait_for_function("window.policymap && window.policymap.network", timeout=10_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / f"{name}.png"))
        print(f"wrote {os.path.relpath(out / f'{name}.png')}")
        page.close()


if __name__ == "__main__":
    main()
