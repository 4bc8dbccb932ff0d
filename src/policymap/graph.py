"""Build networkx graphs from a loaded project: one per map, and all maps joined.

Every consumer (export, layout, render) reads graphs from here. Graphs are
``networkx.MultiDiGraph``s whose edges are keyed by relation, so two relations
between the same bodies are two edges: ``graph.edges[source, target, relation]``.
Node attributes are the node's fields plus ``region``, ``figure_note`` (from the
figure's shared entry), ``shared`` and ``figures`` (ids of the maps showing
it). Edge attributes are the edge's fields plus ``id`` and ``reading``.

The joined graph can also carry the Section 4 case studies
(``build_joined_graph(project, case_studies=True)``). Then every node has
``case_study`` (the id of the case study it comes from, or None for map
bodies), ``case_study_role`` ("project", "partner" or None) and
``partner_in`` (one entry per case study that names it as a partner: id,
title, name, role, pages); project nodes also have ``place``, ``lessons``,
``source`` and ``as_of``. Every edge has ``case_study`` (None for map edges;
their ``figures`` is empty). The graph attribute ``case_studies`` lists each
case study in file order with its ``nodes`` and ``links`` (edge ids).
"""

from __future__ import annotations

import networkx as nx

from .loader import Project
from .schema import KINDS, LEVELS, RELATIONS, CaseStudy, Edge, Figure, Node


def sentence_object(label: str) -> str:
    """A label as it reads mid-sentence: 'Local authorities' -> 'local authorities'; names keep capitals."""
    words = label.split()
    if len(label) > 1 and label[1].islower() and not any(w[:1].isupper() for w in words[1:]):
        return label[0].lower() + label[1:]
    return label


def edge_id(edge: Edge) -> str:
    return f"{edge.source}--{edge.relation}--{edge.target}"


def reading(relation: str, plural: bool) -> str:
    """The verb phrase of a relation after a singular or plural subject."""
    singular, many, _ = RELATIONS[relation]
    return many if plural else singular


#: Fields about dates and lineage, left out of a graph's attributes when not given (see ``timeline``).
HISTORY_FIELDS = ("from", "until", "became", "sources", "beside")


def _without_empty_history(attrs: dict) -> dict:
    for key in HISTORY_FIELDS:
        if key in attrs and not attrs[key]:
            del attrs[key]
    return attrs


def _node_attrs(node: Node) -> dict:
    attrs = _without_empty_history(node.model_dump(mode="json", by_alias=True))
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


def build_graph(project: Project, fig: Figure, showing: dict[str, list[str]] | None = None) -> nx.MultiDiGraph:
    """The directed graph of one map; ``showing`` is ``figures_showing(project)`` when the caller has it."""
    showing = showing if showing is not None else figures_showing(project)
    graph = nx.MultiDiGraph(id=fig.id, number=fig.number, title=fig.title, as_of=fig.as_of)
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


def _add_edge(graph: nx.MultiDiGraph, edge: Edge, figure_id: str | None) -> dict:
    """Add ``edge`` under the key of its relation; return its attributes."""
    attrs = _without_empty_history(edge.model_dump(mode="json", by_alias=True))
    attrs["id"] = edge_id(edge)
    attrs["reading"] = reading(edge.relation, graph.nodes[edge.source]["plural"])
    attrs["figures"] = [figure_id] if figure_id else []
    graph.add_edge(edge.source, edge.target, key=edge.relation, **attrs)
    return graph.edges[edge.source, edge.target, edge.relation]


def build_joined_graph(project: Project, case_studies: bool = False,
                       graphs: dict[str, nx.MultiDiGraph] | None = None) -> nx.MultiDiGraph:
    """All maps in one graph: one node per id, shared bodies merged; with ``case_studies``, the
    Section 4 case studies too, each node and edge marked (see the module docstring).
    ``graphs`` holds maps' graphs already built, by map id."""
    joined = nx.MultiDiGraph(id="all", number=None, title="All maps joined", as_of=max((f.as_of for f in project.figures), default=""))
    showing = figures_showing(project)
    for fig in project.figures:
        graph = graphs[fig.id] if graphs and fig.id in graphs else build_graph(project, fig, showing)
        for node_id, attrs in graph.nodes(data=True):
            if node_id in joined:
                continue
            attrs = dict(attrs)
            attrs["region"] = None
            attrs["figure_note"] = None
            joined.add_node(node_id, **attrs)
        for source, target, relation, attrs in graph.edges(keys=True, data=True):
            if joined.has_edge(source, target, relation):
                match = joined.edges[source, target, relation]
                if fig.id not in match["figures"]:
                    match["figures"] = match["figures"] + [fig.id]
            else:
                joined.add_edge(source, target, key=relation, **attrs)
    if case_studies:
        _add_case_studies(joined, project.case_studies)
    return joined


def _project_node(study: CaseStudy) -> Node:
    return Node(id=study.id, label=study.title, acronym=study.acronym, kind=study.kind, level=study.level,
                layer=study.layer, role=study.summary, description=study.description, facts=study.key_figures,
                website=study.website, pages=study.pages, note=study.note)


def _partner_node(partner) -> Node:
    fields = partner.model_dump(include={"id", "label", "acronym", "plural", "kind", "level", "layer", "role",
                                         "website", "glossary", "pages", "note"})
    return Node(**fields)


def _add_case_studies(graph: nx.MultiDiGraph, studies: list[CaseStudy]) -> None:
    for _, attrs in graph.nodes(data=True):
        attrs.update(case_study=None, case_study_role=None, partner_in=[])
    for _, _, attrs in graph.edges(data=True):
        attrs["case_study"] = None
    for study in studies:  # nodes first: a partner described in one case study may be named in an earlier one
        extra = {"place": study.place, "lessons": [p.model_dump() for p in study.lessons],
                 "source": study.source, "as_of": study.as_of}
        _add_case_node(graph, _project_node(study), study.id, "project", extra)
        for partner in study.partners:
            if partner.label is not None:
                _add_case_node(graph, _partner_node(partner), study.id, "partner", {})
    summaries = []
    for study in studies:
        for partner in study.partners:
            graph.nodes[partner.id]["partner_in"].append(
                {"case_study": study.id, "title": study.title, "name": partner.name, "role": partner.role,
                 "pages": list(partner.pages)})
        for edge in sorted(study.links, key=edge_id):
            _add_edge(graph, edge, None)["case_study"] = study.id
        summary = study.model_dump(mode="json", exclude={"partners", "links"})
        summary["nodes"] = [study.id] + [p.id for p in study.partners]
        summary["links"] = sorted(edge_id(e) for e in study.links)
        summaries.append(summary)
    graph.graph["case_studies"] = summaries


def _add_case_node(graph: nx.MultiDiGraph, node: Node, study_id: str, role: str, extra: dict) -> None:
    attrs = _node_attrs(node)
    attrs.update(shared=False, region=None, figure_note=None, figures=[], case_study=study_id,
                 case_study_role=role, partner_in=[], **extra)
    graph.add_node(node.id, **attrs)


def edge_records(graph: nx.MultiDiGraph) -> list[dict]:
    """Every relation of a graph as a flat record (a copy of its attributes), sorted by id."""
    return sorted((dict(attrs) for _, _, attrs in graph.edges(data=True)), key=lambda r: r["id"])
