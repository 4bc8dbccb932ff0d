"""Graphs per map and joined, and exports that round-trip through networkx."""

import csv
import io
import json
import os
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from policymap.export import (CONNECTION_COLUMNS, ELEMENT_COLUMNS, graph_to_csv, graph_to_graphml, graph_to_json,
                              graph_to_xlsx, select_graph)
from policymap.graph import build_graph, build_joined_graph, edge_records
from policymap.loader import load_project

ROOT = Path(__file__).resolve().parents[2]
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def project(good_copy):
    return load_project("data")


def test_shared_body_has_one_node_in_joined_graph(project):
    joined = build_joined_graph(project)
    assert sorted(joined.nodes) == ["kings-fund", "lsp", "nimhe", "pct", "residents"]
    assert joined.nodes["lsp"]["figures"] == ["funding", "partners"]
    assert joined.number_of_edges() == 5


def test_figure_graph_places_shared_bodies(project):
    graph = build_graph(project, project.figure("partners"))
    assert graph.nodes["nimhe"]["figure_note"] == "Here NIMHE only advises."
    assert graph.nodes["nimhe"]["shared"] is True
    assert graph.edges["residents", "lsp", "member-of"]["reading"] == "are members of"


@pytest.mark.parametrize("key", ["funding", "7", "all"])
def test_json_round_trip(project, key):
    graph = select_graph(project, key)
    again = nx.node_link_graph(json.loads(graph_to_json(graph)), edges="edges")
    assert set(again.nodes) == set(graph.nodes)
    assert set(again.edges) == set(graph.edges)
    for node_id in graph.nodes:
        assert again.nodes[node_id] == graph.nodes[node_id]


def test_graphml_round_trip(project, tmp_path):
    graph = select_graph(project, "all")
    path = tmp_path / "all.graphml"
    path.write_text(graph_to_graphml(graph), encoding="utf-8")
    again = nx.read_graphml(path)
    assert set(again.nodes) == set(graph.nodes)
    assert {(s, t, a["id"]) for s, t, a in again.edges(data=True)} == {(s, t, a["id"]) for s, t, a in graph.edges(data=True)}
    assert again.nodes["lsp"]["label"] == "Local strategic partnerships"
    assert again.nodes["lsp"]["pages"] == "27, 28"  # lists as text a person reads, not JSON


def test_csv_rows_match_graph(project):
    graph = select_graph(project, "funding")
    nodes, edges = graph_to_csv(graph)
    assert len(nodes.splitlines()) == graph.number_of_nodes() + 1
    assert ("pct--member-of--lsp,pct,lsp,member-of,directed,member of,PCTs are expected to play a prominent role.,"
            "stated,28,funding,") in edges.splitlines()


def _with_second_relation(good_copy):
    """The test data with a second relation between the PCTs and the LSP (besides member-of)."""
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("edges:\n", (
        "edges:\n  - source: pct\n    target: lsp\n    relation: funds\n    evidence: implied\n    page: 28\n"), 1),
        encoding="utf-8")
    return load_project(good_copy)


def test_two_relations_between_the_same_bodies_are_two_edges(good_copy):
    project = _with_second_relation(good_copy)
    for graph in (build_graph(project, project.figure("funding")), build_joined_graph(project, case_studies=True)):
        assert isinstance(graph, nx.MultiDiGraph)
        assert sorted(graph["pct"]["lsp"]) == ["funds", "member-of"]
        assert graph.edges["pct", "lsp", "funds"]["id"] == "pct--funds--lsp"
        assert [r["id"] for r in edge_records(graph) if r["source"] == "pct" and r["target"] == "lsp"] == [
            "pct--funds--lsp", "pct--member-of--lsp"]
    joined = build_joined_graph(project)
    assert joined.edges["pct", "lsp", "member-of"]["figures"] == ["funding"]
    assert joined.number_of_edges() == 6


def test_every_export_keeps_both_relations(good_copy):
    project = _with_second_relation(good_copy)
    graph = select_graph(project, "funding")
    back = nx.node_link_graph(json.loads(graph_to_json(graph)), edges="edges")
    assert sorted(back["pct"]["lsp"]) == ["funds", "member-of"]
    graphml = ET.fromstring(graph_to_graphml(graph))
    assert sorted(e.get("id") for e in graphml.iter(GRAPHML + "edge") if e.get("source") == "pct"
                  and e.get("target") == "lsp") == ["pct--funds--lsp", "pct--member-of--lsp"]
    _nodes, edges = graph_to_csv(graph)
    assert len([row for row in csv.reader(io.StringIO(edges)) if row[1:3] == ["pct", "lsp"]]) == 2


def _whole_system_relations(project) -> set[tuple[str, str, str]]:
    """(source, relation, target) of every map edge and case-study link, counted from the data itself."""
    edges = {(e.source, e.relation, e.target) for fig in project.figures for e in fig.edges}
    return edges | {(e.source, e.relation, e.target) for study in project.case_studies for e in study.links}


def test_whole_system_exports_carry_all_188_relations(real_data, tmp_path):
    project = load_project(real_data)
    expected = _whole_system_relations(project)
    assert len(expected) == 188
    graph = select_graph(project, "all")
    root = ET.fromstring(graph_to_graphml(graph))  # parses as XML
    edges = list(root.iter(GRAPHML + "edge"))
    assert len(edges) == 188 and len({e.get("id") for e in edges}) == 188
    path = tmp_path / "all.graphml"
    path.write_text(graph_to_graphml(graph), encoding="utf-8")
    again = nx.read_graphml(path)
    assert {(s, a["relation"], t) for s, t, a in again.edges(data=True)} == expected
    back = nx.node_link_graph(json.loads(graph_to_json(graph)), edges="edges")
    assert {(s, k, t) for s, t, k in back.edges(keys=True)} == expected
    _nodes, table = graph_to_csv(graph)
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {(r["From"], r["Type"], r["To"]) for r in rows} == expected and len(rows) == 188


FLOOR_CHECK = """
import json, sys
import networkx as nx
from policymap.export import graph_to_json, select_graph
from policymap.loader import load_project

assert nx.__version__ == sys.argv[2], (nx.__version__, nx.__file__)
text = graph_to_json(select_graph(load_project(sys.argv[1]), "all"))
graph = nx.node_link_graph(json.loads(text), edges="edges")  # the read-back README documents
print(nx.__version__, graph.number_of_nodes(), graph.number_of_edges())
"""


def _networkx_folder(pytestconfig, version: str) -> Path:
    """networkx ``version`` installed from PyPI into a folder of its own, kept in pytest's cache."""
    folder = pytestconfig.cache.mkdir(f"networkx-{version}")
    target = folder / "site"
    if not target.is_dir():
        fresh = folder / f"installing-{os.getpid()}"
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                        "--target", str(fresh), f"networkx=={version}"], check=True, capture_output=True)
        os.replace(fresh, target)  # whole or absent, even if a run is interrupted
    return target


def test_json_export_and_read_back_on_the_lowest_networkx_pyproject_admits(real_data, pytestconfig):
    """Runs export and the documented read-back with that networkx first on the path (a CI run installs it)."""
    requirement = next(r for r in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
                       ["dependencies"] if r.startswith("networkx"))
    floor = re.fullmatch(r"networkx>=([\d.]+)", requirement.split(";")[0].strip()).group(1)
    target = _networkx_folder(pytestconfig, floor)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), str(ROOT / "src")]))
    result = subprocess.run([sys.executable, "-c", FLOOR_CHECK, str(real_data), floor], capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == [str(select_graph(load_project(real_data), "all").number_of_nodes()), "188"]


# -- exports users open without manual steps ---------------------------------------------------

FORMULAS = {"kings-fund": "=HYPERLINK(\"http://example.org\",\"click\")", "pct": "+1+2", "nimhe": "-3+4",
            "lsp": "@SUM(1,2)", "residents": "=1+1"}


def _with_formulas(good_copy):
    """Roles (the Description column) that a spreadsheet would run as formulas."""
    for path in list((good_copy / "figures").glob("*.yaml")) + list((good_copy / "bodies").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for node_id, formula in FORMULAS.items():
            text = re.sub(rf"(- id: {node_id}\n(?:    .*\n)*?    role: ).*", lambda m: m.group(1) + json.dumps(formula), text)
        path.write_text(text, encoding="utf-8")
    project = load_project(good_copy)
    graph = select_graph(project, "all")
    assert {n: graph.nodes[n]["role"] for n in FORMULAS} == FORMULAS
    return graph


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(good_copy):
    nodes, _edges = graph_to_csv(_with_formulas(good_copy))
    descriptions = {row["ID"]: row["Description"] for row in csv.DictReader(io.StringIO(nodes))}
    assert descriptions == {n: "'" + formula for n, formula in FORMULAS.items()}
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r"))
                   for row in csv.reader(io.StringIO(nodes)) for cell in row)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_neutralise_prefixes_every_formula_start_owasp_names(text):
    from policymap.export import neutralise

    assert neutralise(text) == "'" + text and neutralise("a" + text) == "a" + text and neutralise(-1) == -1


def test_workbook_cells_are_text_never_formulas(good_copy, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "all.xlsx"
    path.write_bytes(graph_to_xlsx(_with_formulas(good_copy)))
    sheet = load_workbook(path)["Elements"]
    column = [c.value for c in sheet[1]].index("Description")
    cells = {row[0].value: row[column] for row in sheet.iter_rows(min_row=2)}
    for node_id, formula in FORMULAS.items():
        assert cells[node_id].value == formula and cells[node_id].data_type == "s" and cells[node_id].quotePrefix


def test_kumu_workbook_has_the_sheets_and_columns_kumu_documents(real_data, tmp_path):
    from openpyxl import load_workbook

    graph = select_graph(load_project(real_data), "all")
    path = tmp_path / "all.xlsx"
    path.write_bytes(graph_to_xlsx(graph))
    book = load_workbook(path)
    assert book.sheetnames == ["Elements", "Connections"]
    elements, connections = book["Elements"], book["Connections"]
    header = [c.value for c in elements[1]]
    assert header[:5] == ["ID", "Label", "Type", "Description", "Tags"] == ELEMENT_COLUMNS[:5]
    conn_header = [c.value for c in connections[1]]
    assert conn_header[:5] == ["ID", "From", "To", "Type", "Direction"] == CONNECTION_COLUMNS[:5]
    rows = [dict(zip(header, (c.value for c in row))) for row in elements.iter_rows(min_row=2)]
    links = [dict(zip(conn_header, (c.value for c in row))) for row in connections.iter_rows(min_row=2)]
    ids = {r["ID"] for r in rows}
    assert len(rows) == graph.number_of_nodes() and len(links) == 188
    assert all(link["From"] in ids and link["To"] in ids for link in links)  # Kumu: with IDs, From/To name IDs
    assert len({link["ID"] for link in links} | ids) == 188 + len(ids)  # ids unique across both sheets
    assert {link["Direction"] for link in links} == {"directed"}
    pct = next(r for r in rows if r["ID"] == "pct")
    assert pct["Label"] == "Primary care trusts" and pct["Tags"] == "nhs-body|local"
    assert pct["Figures"] == "mental-health-services|renewal-regeneration|local-strategic-partnerships"
    assert graph_to_xlsx(graph) == path.read_bytes(), "the same data gives the same workbook"


def test_graphml_labels_nodes_and_edges_for_gephi(project):
    root = ET.fromstring(graph_to_graphml(select_graph(project, "all")))
    keys = {(k.get("for"), k.get("attr.name")): k.get("id") for k in root.iter(GRAPHML + "key")}
    assert ("node", "label") in keys and ("edge", "label") in keys

    def data(element, kind, name):
        return next(d.text for d in element.iter(GRAPHML + "data") if d.get("key") == keys[(kind, name)])

    edge = next(e for e in root.iter(GRAPHML + "edge") if e.get("id") == "pct--member-of--lsp")
    assert data(edge, "edge", "label") == "member of"
    node = next(n for n in root.iter(GRAPHML + "node") if n.get("id") == "pct")
    assert data(node, "node", "label") == "Primary care trusts"
    assert data(node, "node", "facts") == "Many have a lead for regeneration. (p 35)"
    assert data(node, "node", "glossary") == "lsp-term"
