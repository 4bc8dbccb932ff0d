"""Routes between bodies: naming, shortest routes, sentences that respect direction, the CLI."""

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from policymap.cli import cli
from policymap.graph import build_joined_graph
from policymap.loader import load_project
from policymap.routes import (UnknownBody, body_aliases, find_routes, resolve_body, route_phrases, route_sentences,
                              routes_to_data)

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def project():
    return load_project(DATA)


@pytest.fixture(scope="module")
def graph(project):
    return build_joined_graph(project, case_studies=True)


def run(*args):
    return CliRunner().invoke(cli, [*args, "--data", str(DATA)])


@pytest.mark.parametrize("text, expected", [
    ("lit", "lit"), ("LIT", "lit"), ("Local implementation teams", "lit"), ("local implementation team", "lit"),
    ("neighbourhood renewal unit", "nru"), ("The Neighbourhood Renewal Unit", "nru"), ("nru", "nru"),
    ("local authority", "local-authorities"), ("local-authorities", "local-authorities"), ("GOL", "government-offices"),
    ("NSF", "nsf-mental-health"), ("fst", "first-step-trust"), ("King\u2019s Fund", "kings-fund"),
])
def test_bodies_by_id_name_or_acronym(graph, project, text, expected):
    assert resolve_body(graph, text, body_aliases(project)) == expected


def test_unknown_body_suggests_near_names(graph):
    with pytest.raises(UnknownBody) as info:
        resolve_body(graph, "neighborhood renewal unit")
    assert info.value.suggestions[0] == ("nru", "Neighbourhood Renewal Unit")
    assert info.value.message.startswith("expected a body's id, name or acronym, got 'neighborhood renewal unit'; "
                                         "did you mean 'nru' (Neighbourhood Renewal Unit)")


def test_ambiguous_acronym_without_alias_lists_the_bodies(graph):
    graph = graph.copy()
    graph.nodes["nsf-older-people"]["acronym"] = graph.nodes["nsf-children"]["acronym"] = "NSF"
    with pytest.raises(UnknownBody) as info:
        resolve_body(graph, "NSF")  # no abbreviations list given
    assert info.value.ambiguous
    assert [n for n, _ in info.value.suggestions] == ["nsf-children", "nsf-mental-health", "nsf-older-people"]


def test_lit_to_nru_goes_through_the_lsp(graph):
    [route], count = find_routes(graph, "lit", "nru")
    assert count == 1
    assert route.nodes == ["lit", "lsp", "nru"]
    assert route.edges == ["lit--links-to--lsp", "lsp--originates-from--nru"]
    assert route.sentences == ["Local implementation teams link to local strategic partnerships; LSPs originate "
                               "from the Neighbourhood Renewal Unit."]


def test_reverse_route_reads_from_the_from_body_naming_each_subject(graph):
    [route], _ = find_routes(graph, "nru", "lit")
    assert route.nodes == ["nru", "lsp", "lit"]
    assert route.sentences == ["The Neighbourhood Renewal Unit gave rise to local strategic partnerships; "
                               "LSPs are linked to local implementation teams."]


def test_a_step_against_the_arrow_reads_the_relation_the_other_way(graph):
    routes, _ = find_routes(graph, "lit", "dh", all_routes=True)
    texts = [r.text for r in routes]
    assert ("Local implementation teams work to the NSF for Mental Health; "
            "the NSF originates from the Department of Health (implied).") in texts


def test_every_route_sentence_starts_with_the_from_body(graph):
    phrases = route_phrases(graph)
    for a, b in [("lit", "nru"), ("nru", "lit"), ("approved-social-workers", "rda"), ("police", "nru"),
                 ("service-users", "nrf"), ("odpm", "pct"), ("nrf", "service-users")]:
        for route in find_routes(graph, a, b, all_routes=True)[0]:
            assert route.sentences[0].startswith(phrases["nodes"][a]["subject"] + " "), route.sentences
            assert "which" not in route.text


def test_implied_relations_are_marked(graph):
    routes, _ = find_routes(graph, "voluntary-community-groups", "nru", all_routes=True)
    texts = [r.text for r in routes]
    assert texts[0] == ("Voluntary and community organisations are members of local strategic partnerships; "
                        "LSPs originate from the Neighbourhood Renewal Unit.")  # all stated: ranked first
    assert texts[1] == ("Voluntary and community organisations work through neighbourhood renewal teams (implied); "
                        "neighbourhood renewal teams link to the Neighbourhood Renewal Unit.")


def test_all_routes_are_equally_short_and_distinct(graph):
    routes, count = find_routes(graph, "pct", "odpm", all_routes=True)
    assert count == len(routes) >= 2
    assert len({tuple(r.nodes) for r in routes}) == len(routes)
    assert {len(r.steps) for r in routes} == {3}


def test_case_studies_are_used_only_when_asked_or_at_an_end(graph):
    routes, _ = find_routes(graph, "local-authorities", "mental-health-trusts", all_routes=True)
    assert all(not graph.nodes[n]["case_study"] for r in routes for n in r.nodes)
    through, _ = find_routes(graph, "local-authorities", "mental-health-trusts", all_routes=True, through_case_studies=True)
    assert ["local-authorities", "health-partnership-group", "mental-health-trusts"] in [r.nodes for r in through]
    [route], _ = find_routes(graph, "police", "lsp")  # starts inside the LEO case study
    assert route.nodes[:2] == ["police", "leo-consortium"]


def test_no_route(graph):
    with pytest.raises(nx.NetworkXNoPath):
        find_routes(graph, "str-workers", "nru")


def test_sentences_from_shipped_phrases_match(graph):
    """The page can assemble sentences from route_phrases alone, the same way."""
    phrases = json.loads(json.dumps(route_phrases(graph)))
    for a, b in [("lit", "nru"), ("approved-social-workers", "rda"), ("first-step-trust", "lsp"), ("police", "nru")]:
        for route in find_routes(graph, a, b, all_routes=True)[0]:
            assert route_sentences(phrases, route.nodes, route.edges) == route.sentences
    assert phrases["nodes"]["nru"] == {"subject": "The Neighbourhood Renewal Unit", "object": "the Neighbourhood Renewal Unit",
                                       "again": "the NRU"}
    assert phrases["nodes"]["sure-start"] == {"subject": "Sure Start", "object": "Sure Start", "again": "Sure Start"}
    assert phrases["nodes"]["lsp"]["again"] == "LSPs"


def test_routes_to_data_is_json(graph, project):
    data = routes_to_data(graph, "Local implementation teams", "NRU", aliases=body_aliases(project))
    assert json.loads(json.dumps(data)) == data
    assert (data["source"], data["target"], data["count"], data["length"]) == ("lit", "nru", 1, 2)
    [route] = data["routes"]
    assert route["edges"] == ["lit--links-to--lsp", "lsp--originates-from--nru"]
    assert route["steps"][0] == {"edge": "lit--links-to--lsp", "source": "lit", "target": "lsp", "relation": "links-to",
                                 "evidence": "stated", "page": 28, "forward": True, "case_study": None}
    assert route["implied"] is False
    assert routes_to_data(graph, "str-workers", "nru")["routes"] == []


def test_cli_prints_the_route(project):
    result = run("route", "LIT", "Neighbourhood Renewal Unit")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "Local implementation teams (LIT) -> Neighbourhood Renewal Unit (NRU): 1 shortest route of 2 steps", "",
        "  Local implementation teams link to local strategic partnerships; LSPs originate from the Neighbourhood "
        "Renewal Unit."]
    assert "    lit --links-to--> lsp  (stated, p 28)" in result.output


def test_cli_all_routes(project):
    one, every = run("route", "pct", "odpm"), run("route", "pct", "odpm", "--all")
    assert "use --all to see them" in one.output and "Route 2:" not in one.output
    assert "Route 2:" in every.output and "--all" not in every.output


def test_cli_unknown_body_is_a_usage_error(project):
    result = run("route", "lit", "nrue")
    assert result.exit_code == 2
    assert "Invalid value for TARGET: expected a body's id, name or acronym, got 'nrue'; did you mean 'nru'" in result.output


def test_cli_same_body_twice_and_no_route(project):
    assert run("route", "lsp", "LSP").exit_code == 2
    result = run("route", "str-workers", "nru")
    assert result.exit_code == 1
    assert "no route between 'str-workers' and 'nru' in the maps" in result.output
