"""Real Chromium (Debian's /usr/bin/chromium) through Playwright; never a downloaded browser."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The shipped data built fresh into a temporary folder."""
    from policymap.site import build_site

    out = tmp_path_factory.mktemp("e2e") / "site"
    build_site(ROOT / "data", out, strict=True)
    return out


class PageWatch:
    """A page with its console errors and every request that left file://."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(("file://", "data:", "blob:")) else self.outside.append(r.url))


@pytest.fixture
def open_page(browser):
    pages = []

    def _open(url: str, width: int = 1280, height: int = 720) -> PageWatch:
        page = browser.new_page(viewport={"width": width, "height": height})
        watch = PageWatch(page)
        page.goto(url)
        page.wait_for_function("window.policymap && window.policymap.network", timeout=10_000)
        page.wait_for_selector("html[data-policymap-ready]", state="attached", timeout=10_000)
        pages.append(page)
        return watch

    yield _open
    for page in pages:
        page.close()


def save_screenshot(page, name: str) -> Path:
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
