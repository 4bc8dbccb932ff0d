"""``policymap export``: a map's graph as node-link JSON, GraphML or CSV tables.

Every format carries every relation: graphs are MultiDiGraphs (see ``graph``),
so two relations between the same bodies are two edges. Reading the JSON back
needs networkx 3.4 or later, the floor pyproject sets:
``nx.node_link_graph(json.load(f), edges="edges")``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx

from .graph import build_graph, build_joined_graph, edge_records
from .loader import Project

FORMATS = ("json", "graphml", "csv")


def select_graph(project: Project, key: str) -> nx.MultiDiGraph:
    """The graph for a map id, a guide figure number, or 'all' (every map joined, with the case studies)."""
    if key == "all":
        return build_joined_graph(project, case_studies=True)
    return build_graph(project, project.figure(key))


def graph_to_json(graph: nx.MultiDiGraph) -> str:
    """networkx node-link data with every attribute, as stable JSON; each edge's ``key`` is its relation."""
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _flat(value) -> str | int | float | bool:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else value


def graph_to_graphml(graph: nx.MultiDiGraph) -> str:
    """GraphML for Gephi, yEd and networkx; list-valued attributes are JSON strings.

    Each relation is an edge whose GraphML id is the relation's id (``source--relation--target``),
    so ``nx.read_graphml`` gives a MultiDiGraph keyed by those ids.
    """
    flat = nx.MultiDiGraph()
    flat.graph.update({k: _flat(v) for k, v in graph.graph.items()})
    for node_id, attrs in graph.nodes(data=True):
        flat.add_node(node_id, **{k: _flat(v) for k, v in attrs.items()})
    for record in edge_records(graph):
        flat.add_edge(record["source"], record["target"], key=record["id"], **{k: _flat(v) for k, v in record.items()})
    return "\n".join(nx.generate_graphml(flat, prettyprint=True)) + "\n"


NODE_COLUMNS = ["Id", "Label", "Type", "Level", "Acronym", "Description", "Pages", "Figures", "Tags", "Layer", "Case study"]
EDGE_COLUMNS = ["From", "To", "Type", "Label", "Evidence", "Page", "Note", "Case study"]


def graph_to_csv(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """Nodes and edges tables with the column names Kumu and Flourish import.

    'Case study' holds the id of the case study a node or edge comes from (empty for the maps'
    own); case-study nodes also carry the tag 'case-study'.
    """
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(NODE_COLUMNS)
    for node_id, a in sorted(graph.nodes(data=True)):
        writer.writerow([node_id, a["label"], a["kind_label"], a["level_label"], a.get("acronym") or "", a["role"],
                         "; ".join(str(p) for p in a["pages"]), "; ".join(a.get("figures", [])),
                         "; ".join(filter(None, [a["kind"], a["level"], a.get("layer"),
                                                 "case-study" if a.get("case_study") else None])),
                         a.get("layer") or "", a.get("case_study") or ""])
    edges = io.StringIO()
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow(EDGE_COLUMNS)
    for r in edge_records(graph):
        writer.writerow([r["source"], r["target"], r["relation"], r["reading"], r["evidence"], r["page"], r.get("note") or "",
                         r.get("case_study") or ""])
    return nodes.getvalue(), edges.getvalue()


def export_graph(graph: nx.MultiDiGraph, fmt: str, output: Path | None) -> list[tuple[Path | None, str]]:
    """Render ``graph`` in ``fmt``; return (path or None for stdout, text) pairs to write."""
    if fmt == "json":
        return [(output, graph_to_json(graph))]
    if fmt == "graphml":
        return [(output, graph_to_graphml(graph))]
    nodes, edges = graph_to_csv(graph)
    folder = output or Path(".")
    stem = graph.graph["id"]
    return [(folder / f"{stem}-nodes.csv", nodes), (folder / f"{stem}-edges.csv", edges)]
