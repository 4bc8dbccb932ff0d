"""The whole-system map projected one part at a time.

Past about 80 bodies no projected screen holds every label at 22 px, so in presentation mode the
whole-system page shows one part of the system at a time, each with a presentation layout computed
here, at build time:

- a part per map ("Figure 2"), laid out exactly as that map's own page presents it;
- the case studies (Section 4), a region per case study, with the bodies of the figures they work
  with in a region of their own;
- for each step of a whole-system tour whose bodies no such part holds, a part of that step's
  bodies (and the relations among them), grouped by the maps that show them.

A facilitator walks the first two kinds with the part chooser; the tour steps' parts are shown by
their steps only.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .layout import PresentationLayout, compute_presentation_layout
from .schema import Figure, Region, Tour

CASE_STUDIES = "case-studies"
PART_MAX_NODES = 80  # a part packs every label at projector size: past this no screen holds them


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    bodies: tuple[str, ...]  # sorted ids
    present: PresentationLayout | None  # None for a part too large to pack at projector size
    step: bool = False  # made for a tour step: not offered by the part chooser


def system_parts(figures: list[tuple[Figure, nx.MultiDiGraph, PresentationLayout | None]], graph: nx.MultiDiGraph,
                 tours: list[Tour], shapes: dict[str, str], layout=compute_presentation_layout) -> list[Part]:
    """The parts of the joined ``graph`` (``graph.build_joined_graph`` with case studies), in order.

    ``figures`` holds each map with its own graph and the presentation layout its page has (None for
    a map too large to present, which is then packed here if it fits); ``layout(graph, regions,
    shapes)`` packs a part (``site`` passes a cached ``compute_presentation_layout``).
    """
    parts = []
    for fig, fig_graph, present in figures:
        bodies = sorted(n for n in fig_graph if n in graph)
        if present is None and len(bodies) <= PART_MAX_NODES:
            present = layout(fig_graph, fig.regions, shapes)
        parts.append(Part(fig.id, _figure_name(fig), tuple(bodies), present))
    cases = case_study_part(graph, shapes, layout)
    if cases is not None:
        parts.append(cases)
    return parts + step_parts(graph, tours, parts, [fig for fig, _, _ in figures], shapes, layout)


def _figure_name(fig: Figure) -> str:
    return f"Figure {fig.number}: {fig.title}" if fig.number else fig.title


def _regioned(graph: nx.MultiDiGraph, regions: dict[str, str]) -> nx.MultiDiGraph:
    """The subgraph of the bodies in ``regions`` (body id -> region id), each in its region."""
    sub = graph.subgraph(regions).copy()
    for node_id, attrs in sub.nodes(data=True):
        attrs["region"] = regions[node_id]
    return sub


def case_study_part(graph: nx.MultiDiGraph, shapes, layout=compute_presentation_layout) -> Part | None:
    """The case studies: each in its region, and beside them the figures' bodies they work with."""
    studies = graph.graph.get("case_studies", [])
    cases = {n: a["case_study"] for n, a in graph.nodes(data=True) if a.get("case_study")}
    if not cases:
        return None
    order = [s["id"] for s in studies] + sorted(set(cases.values()) - {s["id"] for s in studies})
    titles = {s["id"]: s["title"] for s in studies}
    linked = sorted({other for n in cases for other in nx.all_neighbors(graph, n) if other not in cases})
    regions = [Region(id=s, label=titles.get(s, s), column=0 if i < 2 else 1, row=i % 2)
               for i, s in enumerate(order)]
    members = dict(cases)
    if linked:
        regions.append(Region(id="figures", label="On the figures: bodies they work with", column=2, row=0))
        members.update((n, "figures") for n in linked)
    if len(members) > PART_MAX_NODES:
        return Part(CASE_STUDIES, "Case studies (Section 4)", tuple(sorted(members)), None)
    present = layout(_regioned(graph, members), regions, shapes)
    return Part(CASE_STUDIES, "Case studies (Section 4)", tuple(sorted(members)), present)


def step_part_id(tour_id: str, index: int) -> str:
    """The id of the part made for a tour's step (``index`` from 0)."""
    return f"{tour_id}--step-{index + 1}"


def step_parts(graph: nx.MultiDiGraph, tours: list[Tour], parts: list[Part], figures: list[Figure], shapes,
               layout=compute_presentation_layout) -> list[Part]:
    """A part for each tour step whose bodies no part of ``parts`` holds all of: those bodies, grouped
    by the maps that show them ("Figure 2", "Figures 3 and 4", a case study)."""
    out = []
    for tour in tours:
        for index, step in enumerate(tour.steps):
            bodies = [n for n in dict.fromkeys(step.nodes) if n in graph]
            if not bodies or step_home(parts, bodies) is not None:
                continue
            groups = {n: _showing(graph, n, figures) for n in bodies}
            labels = list(dict.fromkeys(groups[n] for n in sorted(bodies, key=lambda n: _group_order(graph, n, figures))))
            regions = [Region(id=f"g{i}", label=label, column=i) for i, label in enumerate(labels)]
            ids = {label: f"g{i}" for i, label in enumerate(labels)}
            present = layout(_regioned(graph, {n: ids[groups[n]] for n in bodies}), regions, shapes)
            out.append(Part(step_part_id(tour.id, index), step.title, tuple(sorted(bodies)), present, step=True))
    return out


def step_home(parts: list[Part], bodies) -> Part | None:
    """The first part (not made for a step) that holds every one of ``bodies``, or None."""
    return next((p for p in parts if not p.step and set(bodies) <= set(p.bodies)), None)


def _showing(graph: nx.MultiDiGraph, node_id: str, figures: list[Figure]) -> str:
    attrs = graph.nodes[node_id]
    if attrs.get("case_study"):
        titles = {s["id"]: s["title"] for s in graph.graph.get("case_studies", [])}
        return "Case study: " + titles.get(attrs["case_study"], attrs["case_study"])
    numbers = [str(f.number) for f in figures if f.id in attrs.get("figures", []) and f.number]
    if not numbers:
        return "Other maps"
    return ("Figure " if len(numbers) == 1 else "Figures ") + (
        numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1])


def _group_order(graph: nx.MultiDiGraph, node_id: str, figures: list[Figure]) -> tuple:
    """Groups left to right as the maps come (case studies last), bodies shown by one map first."""
    attrs = graph.nodes[node_id]
    ids = [f.id for f in figures]
    showing = [ids.index(f) for f in attrs.get("figures", []) if f in ids]
    return (1 if attrs.get("case_study") else 0, min(showing, default=len(ids)), len(showing), node_id)
