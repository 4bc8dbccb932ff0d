"""The built site: deterministic, atomic, offline, escaped, and committed up to date."""

import filecmp
import json
import re
from pathlib import Path

import pytest

from policymap.errors import FigureError
from policymap.pagedata import script_data
from policymap.site import build_site

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD_LABEL = "<script>alert(1)</script>"
PAYLOAD_ROLE = '<img src=x onerror="alert(2)">'


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(good_copy, tmp_path):
    build_site("data", tmp_path / "a")
    build_site("data", tmp_path / "b")
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_site_has_pages_and_shared_assets_once(good_copy, tmp_path):
    build_site("data", tmp_path / "site")
    names = sorted(p.name for p in (tmp_path / "site").glob("*.html"))
    assert names == ["funding.html", "glossary.html", "index.html", "partners.html", "whole-system.html"]
    assert (tmp_path / "site" / "assets" / "vendor" / "vis-network" / "vis-network.min.js").exists()
    assert (tmp_path / "site" / "assets" / "vendor" / "vis-network" / "LICENSE-MIT").exists()
    assert len(list((tmp_path / "site").rglob("vis-network.min.js"))) == 1


def test_failed_build_leaves_site_untouched(good_copy, tmp_path):
    out = tmp_path / "site"
    build_site("data", out)
    before = _tree(out)
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("relation: member-of", "relation: memberof"), encoding="utf-8")
    with pytest.raises(FigureError):
        build_site("data", out)
    assert _tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_failed_render_leaves_site_untouched(good_copy, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_site("data", out)
    before = _tree(out)

    def broken(*args, **kwargs):
        raise RuntimeError("renderer failed")

    monkeypatch.setattr("policymap.site.figure_context", broken)
    with pytest.raises(RuntimeError):
        build_site("data", out)
    assert _tree(out) == before


def test_no_remote_scripts_styles_or_images(tmp_path):
    build_site(ROOT / "data", tmp_path / "site")
    for page in (tmp_path / "site").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""<(script|img|iframe|source|video|audio)\b[^>]*\bsrc=["']?(https?:)?//""", html), page.name
        assert not re.search(r"""<link\b[^>]*\bhref=["']?(https?:)?//""", html), page.name
        assert "@import" not in html and "url(http" not in html
        for href in re.findall(r"""<a\b[^>]*\bhref="([^"]*)\"""", html):
            assert re.match(r"^(https?://|mailto:|#|[a-z0-9-]+\.html(\?present)?(#.*)?$|assets/)", href), (page.name, href)


def test_yaml_markup_reaches_the_page_inert(good_copy, tmp_path):
    path = good_copy / "figures" / "funding.yaml"
    text = path.read_text(encoding="utf-8").replace("label: King's Fund", f"label: '{PAYLOAD_LABEL}'")
    text = text.replace("role: An independent charity that funds and publishes work on health.", f"role: '{PAYLOAD_ROLE}'")
    path.write_text(text.replace("title: Who funds local work", "title: '</script><script>alert(3)</script>'"), encoding="utf-8")
    build_site("data", tmp_path / "site")
    for page in (tmp_path / "site").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page.name
    html = (tmp_path / "site" / "funding.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in html
    # The map's own data and the shared site data are scripts: the text is there, every '<' and '>'
    # escaped as in |tojson, and none of it in a comment.
    own = (tmp_path / "site" / "assets" / "maps" / "funding.js").read_text(encoding="utf-8")
    script = (tmp_path / "site" / "assets" / "site-data.js").read_text(encoding="utf-8")
    for text in (own, script):
        assert "<" not in text and ">" not in text
        assert "alert" not in text.split("\nwindow.", 1)[0]
    assert {n["id"]: n["label"] for n in script_data(own)["vis"]["nodes"]}["kings-fund"] == PAYLOAD_LABEL
    shared = script_data(script)
    assert shared["bodies"]["kings-fund"]["label"] == PAYLOAD_LABEL
    assert shared["bodies"]["kings-fund"]["role"] == PAYLOAD_ROLE


def test_committed_site_matches_the_data(tmp_path):
    """Rebuild with `python build.py` and commit site/ when this fails."""
    build_site(ROOT / "data", tmp_path / "site")
    comparison = filecmp.dircmp(ROOT / "site", tmp_path / "site")
    assert _tree(ROOT / "site") == _tree(tmp_path / "site"), (
        "site/ is out of date with data/ or the templates: run `python build.py` and commit site/ "
        f"(differing: {comparison.diff_files}, only in site/: {comparison.left_only}, only new: {comparison.right_only})")


def test_index_says_where_to_start_and_how_to_run_a_workshop():
    from policymap.loader import load_project
    from policymap.site import render_site

    project = load_project(ROOT / "data")
    files = render_site(project)
    index = files["index.html"]
    h1 = re.search(r"<h1>(.*?)</h1>", index).group(1)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", index)
    title = re.search(r"<title>(.*?)</title>", index).group(1)
    assert h1 not in headings and title not in headings and "Maps" not in (h1, title)
    start = re.search(r'<p class="start-here">(.*?)</p>', index, re.S).group(1)
    first = project.figures[0]
    assert f'href="{first.id}.html#tour={first.tours[0].id}&amp;step=1"' in start
    assert 'href="whole-system.html#tour=' in start
    workshop = re.search(r'<section class="workshop".*?</section>', index, re.S).group(0)
    assert "Running a workshop" in workshop
    links = re.findall(r'href="([^"]+)"', workshop)
    for fig in project.figures:
        assert f"{fig.id}.html?present" in links
        for tour in fig.tours:
            assert f"{fig.id}.html?present#tour={tour.id}&amp;step=1" in links
    for link in links:
        assert link.split("?")[0].split("#")[0] in files
    for tour in project.whole_system_tours:
        assert f"whole-system.html?present#tour={tour.id}&amp;step=1" in links
