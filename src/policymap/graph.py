"""Build networkx graphs from a loaded project: one per map, and all maps joined.

Every consumer (export, layout, render) reads graphs from here. Node
attributes are the node's fields plus ``region``, ``figure_note`` (from the
figure's shared entry), ``shared`` and ``figures`` (ids of the maps showing
it). Edge attributes are the edge's fields plus ``id`` and ``reading``.
"""

from __future__ import annotations

import networkx as nx

from .loader import Project
from .schema import KINDS, LEVELS, RELATIONS, Edge, Figure, Node


def edge_id(edge: Edge) -> str:
    return f"{edge.source}--{edge.relation}--{edge.target}"


def reading(relation: str, plural: bool) -> str:
    """The verb phrase of a relation after a singular or plural subject."""
    singular, many, _ = RELATIONS[relation]
    return many if plural else singular


def _node_attrs(node: Node) -> dict:
    attrs = node.model_dump(mode="json")
    del attrs["id"]  # the node key; node-link data writes it as "id"
    attrs["facts"] = [dict(f) for f in attrs["facts"]]
    attrs["kind_label"] = KINDS[node.kind]
    attrs["level_label"] = LEVELS[node.level]
    return attrs


def figures_showing(project: Project) -> dict[str, list[str]]:
    """Node id -> ids of the maps that show it, in map order."""
    showing: dict[str, list[str]] = {}
    for fig in project.figures:
        for node_id in project.nodes_of(fig):
            showing.setdefault(node_id, []).append(fig.id)
    return showing


def build_graph(project: Project, fig: Figure) -> nx.DiGraph:
    """The directed graph of one map."""
    showing = figures_showing(project)
    graph = nx.DiGraph(id=fig.id, number=fig.number, title=fig.title, as_of=fig.as_of)
    refs = {ref.id: ref for ref in fig.shared}
    for node_id, node in sorted(project.nodes_of(fig).items()):
        attrs = _node_attrs(node)
        ref = refs.get(node_id)
        attrs["shared"] = ref is not None
        attrs["region"] = ref.region if ref else node.region
        attrs["figure_note"] = ref.note if ref else None
        attrs["figures"] = showing[node_id]
        graph.add_node(node_id, **attrs)
    for edge in sorted(fig.edges, key=edge_id):
        _add_edge(graph, edge, fig.id)
    return graph


def _add_edge(graph: nx.DiGraph, edge: Edge, figure_id: str) -> None:
    attrs = edge.model_dump(mode="json")
    attrs["id"] = edge_id(edge)
    attrs["reading"] = reading(edge.relation, graph.nodes[edge.source]["plural"])
    attrs["figures"] = [figure_id]
    if graph.has_edge(edge.source, edge.target):
        # A DiGraph holds one edge per ordered pair; keep further relations alongside.
        existing = graph.edges[edge.source, edge.target]
        existing.setdefault("also", []).append(attrs)
        return
    graph.add_edge(edge.source, edge.target, **attrs)


def build_joined_graph(project: Project) -> nx.DiGraph:
    """All maps in one graph: one node per id, shared bodies merged."""
    joined = nx.DiGraph(id="all", number=None, title="All maps joined", as_of=max((f.as_of for f in project.figures), default=""))
    for fig in project.figures:
        graph = build_graph(project, fig)
        for node_id, attrs in graph.nodes(data=True):
            if node_id in joined:
                continue
            attrs = dict(attrs)
            attrs["region"] = None
            attrs["figure_note"] = None
            joined.add_node(node_id, **attrs)
        for source, target, attrs in graph.edges(data=True):
            for item in [attrs] + attrs.get("also", []):
                item = {k: v for k, v in item.items() if k != "also"}
                if joined.has_edge(source, target):
                    existing = joined.edges[source, target]
                    same = [existing] + existing.get("also", [])
                    match = next((e for e in same if e["relation"] == item["relation"]), None)
                    if match is not None:
                        if fig.id not in match["figures"]:
                            match["figures"] = match["figures"] + [fig.id]
                        continue
                    existing.setdefault("also", []).append(item)
                else:
                    joined.add_edge(source, target, **item)
    return joined


def edge_records(graph: nx.DiGraph) -> list[dict]:
    """Every relation of a graph as a flat record, including parallel ones, sorted by id."""
    records = []
    for _, _, attrs in graph.edges(data=True):
        records.append({k: v for k, v in attrs.items() if k != "also"})
        records.extend(attrs.get("also", []))
    return sorted(records, key=lambda r: r["id"])
