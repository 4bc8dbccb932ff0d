"""Case studies: loading and cross-checks, the joined graph with case studies, and `export all`."""

import json
import textwrap

import networkx as nx
import pytest
from click.testing import CliRunner

from policymap.cli import cli
from policymap.errors import FigureError
from policymap.export import graph_to_csv, graph_to_graphml, graph_to_json, select_graph
from policymap.graph import build_graph, build_joined_graph, edge_records
from policymap.loader import load_project

CASE_STUDY = """\
    # yaml-language-server: $schema=../../schema/policymap.schema.json
    case_studies:
      - id: wise-people
        title: Wise People project
        kind: community-group
        level: neighbourhood
        layer: midstream
        place: Cowgate estate, Newcastle upon Tyne
        summary: Residents trained by the mental health trust to support their neighbours.
        pages: [40, 41]
        partners:
          - id: pct
            name: Newcastle Primary Care Trust
            role: A clinical psychologist from the PCT supported the group.
            pages: [43]
          - id: school
            label: Local primary school
            kind: local-body
            level: neighbourhood
            role: Gives the project its base.
            pages: [42]
        links:
          - {source: pct, target: wise-people, relation: supports, evidence: implied, page: 43}
          - {source: school, target: wise-people, relation: supports, evidence: stated, page: 42}
          - {source: wise-people, target: lsp, relation: links-to, evidence: implied, page: 35}
        key_figures:
          - {text: 145 of the 150 residents surveyed reported stress., page: 40}
        lessons:
          - {text: Keep going even when it seems it will not work., page: 42}
"""


def _write(data_dir, text=CASE_STUDY):
    (data_dir / "case-studies.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


def _errors(text) -> str:
    with pytest.raises(FigureError) as info:
        load_project("data")
    return "\n".join(p.format() for p in info.value.problems)


@pytest.fixture
def project(good_copy):
    _write(good_copy)
    return load_project("data")


def test_case_studies_load(project):
    assert project.case_studies_file == "data/case-studies.yaml"
    assert project.warnings == []
    study = project.case_studies[0]
    assert (study.id, study.layer, [p.id for p in study.partners]) == ("wise-people", "midstream", ["pct", "school"])


def test_no_case_studies_file_is_fine(good_copy):
    project = load_project("data")
    assert project.case_studies == [] and project.case_studies_file is None


def test_partner_reference_with_a_kind_is_an_error(good_copy):
    _write(good_copy, CASE_STUDY.replace("            name: Newcastle Primary Care Trust\n",
                                         "            name: Newcastle Primary Care Trust\n            kind: nhs-body\n"))
    assert _errors("data") == (
        "data/case-studies.yaml:14:9: case_studies[0].partners[0].kind: expected no kind on a partner given by id alone\n"
        "  hint: 'pct' is described where it is defined; add 'label:' only to describe a new partner")


def test_project_id_taken_by_a_map_body(good_copy):
    _write(good_copy, CASE_STUDY.replace("  - id: wise-people", "  - id: residents"))
    message = _errors("data")
    assert message.startswith("data/case-studies.yaml:3:9: case_studies[0].id: 'residents' is already a node on the "
                              "maps (data/figures/partners.yaml:")
    assert "hint: give the project an id of its own" in message


def test_duplicate_link_and_unlinked_partner(good_copy):
    text = CASE_STUDY.replace(
        "          - {source: school, target: wise-people, relation: supports, evidence: stated, page: 42}\n",
        "          - {source: pct, target: wise-people, relation: supports, evidence: stated, page: 44}\n")
    _write(good_copy, text)
    assert _errors("data") == (
        "data/case-studies.yaml:24:9: case_studies[0].links[1]: duplicate link pct supports wise-people\n"
        "  hint: first given at data/case-studies.yaml:23:9")
    _write(good_copy, text.replace("relation: supports, evidence: stated, page: 44", "relation: funds, evidence: stated, page: 44"))
    [warning] = load_project("data").warnings
    assert warning.format() == ("data/case-studies.yaml:16:13: warning: case_studies[0].partners[1]: 'school' has no links "
                                "in this case study\n  hint: add a link saying how it took part")


def test_link_repeating_a_figure_edge_is_an_error(good_copy):
    _write(good_copy, CASE_STUDY.replace("{source: wise-people, target: lsp, relation: links-to",
                                         "{source: pct, target: lsp, relation: member-of"))
    assert "case_studies[0].links[2]: pct member-of lsp is already an edge of data/figures/funding.yaml" in _errors("data")


def test_case_study_file_errors_do_not_cascade(good_copy):
    """A broken figure file must not make every case-study reference look unknown."""
    (good_copy / "figures" / "funding.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    _write(good_copy)
    assert "case-studies.yaml" not in _errors("data")


# -- the joined graph ---------------------------------------------------------------------------------

def test_joined_graph_marks_case_studies(project):
    plain = build_joined_graph(project)
    joined = build_joined_graph(project, case_studies=True)
    assert set(joined.nodes) == set(plain.nodes) | {"wise-people", "school"}
    assert joined.nodes["wise-people"]["case_study"] == "wise-people"
    assert joined.nodes["wise-people"]["case_study_role"] == "project"
    assert joined.nodes["wise-people"]["layer"] == "midstream"
    assert joined.nodes["wise-people"]["facts"] == [{"text": "145 of the 150 residents surveyed reported stress.", "page": 40}]
    assert joined.nodes["school"]["case_study_role"] == "partner"
    assert joined.nodes["pct"]["case_study"] is None
    assert joined.nodes["pct"]["partner_in"] == [{"case_study": "wise-people", "title": "Wise People project",
                                                  "name": "Newcastle Primary Care Trust", "pages": [43],
                                                  "role": "A clinical psychologist from the PCT supported the group."}]
    assert joined.edges["pct", "wise-people", "supports"]["case_study"] == "wise-people"
    assert joined.edges["pct", "wise-people", "supports"]["figures"] == []
    assert joined.edges["pct", "lsp", "member-of"]["case_study"] is None
    assert joined.graph["case_studies"][0]["links"] == [
        "pct--supports--wise-people", "school--supports--wise-people", "wise-people--links-to--lsp"]


def test_shared_ids_merge_and_no_body_is_lost(project):
    joined = build_joined_graph(project, case_studies=True)
    map_nodes = set().union(*(project.nodes_of(f) for f in project.figures))
    new = {s.id for s in project.case_studies} | {p.id for s in project.case_studies for p in s.partners if p.label}
    assert joined.number_of_nodes() == len(map_nodes) + len(new)
    assert joined.nodes["lsp"]["figures"] == ["funding", "partners"]
    relations = {(e.source, e.relation, e.target) for f in project.figures for e in f.edges}
    relations |= {(e.source, e.relation, e.target) for s in project.case_studies for e in s.links}
    assert len(edge_records(joined)) == len(relations)
    for fig in project.figures:
        graph = build_graph(project, fig)
        assert set(graph.nodes) <= set(joined.nodes)


def test_export_all_includes_case_studies(project):
    graph = select_graph(project, "all")
    again = nx.node_link_graph(json.loads(graph_to_json(graph)), edges="edges")
    assert again.nodes["school"]["case_study"] == "wise-people"
    assert again.graph["case_studies"][0]["id"] == "wise-people"
    nodes, edges = graph_to_csv(graph)
    assert "wise-people,Wise People project,Community or voluntary group," in nodes
    assert ",community-group|neighbourhood|midstream|case-study,Neighbourhood,,40|41,,midstream,wise-people" in nodes
    assert "school--supports--wise-people,school,wise-people,supports,directed,supports,,stated,42,,wise-people" in edges
    assert '<data key="d' in graph_to_graphml(graph) and "wise-people" in graph_to_graphml(graph)


def test_export_all_from_the_command_line(project):
    result = CliRunner().invoke(cli, ["export", "all", "--data", "data"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {n["id"] for n in data["nodes"] if n["case_study"]} == {"wise-people", "school"}


def test_validate_reports_the_case_studies(project):
    result = CliRunner().invoke(cli, ["validate", "data"])
    assert result.exit_code == 0, result.output
    assert "data/case-studies.yaml: 1 case studies, 2 partners, 3 links, 0 warnings" in result.output
