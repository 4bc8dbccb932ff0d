"""The shared route cases (tests/cases/routes.json) in Python; tests/js/routes.test.js checks the
same cases against the page's routes.js, so the command line and the page agree. After a data change
moves a route, `python tests/cases/regenerate_routes.py` rewrites the expected routes."""

import json
from pathlib import Path

import pytest

from policymap.loader import load_project
from policymap.routes import body_aliases, find_routes, resolve_body
from policymap.site import gather_pages

ROOT = Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "tests" / "cases" / "routes.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def maps():
    project = load_project(ROOT / "data")
    return {m: page.graph for m, page in gather_pages(project).items()}, body_aliases(project)


@pytest.mark.parametrize("case", CASES["names"], ids=lambda c: f"{c['map']}:{c['text']}")
def test_names_resolve_as_the_page_resolves_them(maps, case):
    graphs, aliases = maps
    assert resolve_body(graphs[case["map"]], case["text"], aliases) == case["id"]


@pytest.mark.parametrize("case", CASES["routes"], ids=lambda c: f"{c['map']}:{c['from']}->{c['to']}")
def test_routes_are_found_counted_and_read_as_the_page_does(maps, case):
    graphs, aliases = maps
    graph = graphs[case["map"]]
    source, target = (resolve_body(graph, case[end], aliases) for end in ("from", "to"))
    routes, count = find_routes(graph, source, target, all_routes=True, limit=5)
    assert count == case["count"]
    assert [{"nodes": r.nodes, "edges": r.edges, "sentences": r.sentences} for r in routes] == case["routes"]
