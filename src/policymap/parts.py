"""The whole-system map projected one part at a time.

Past about 80 bodies no projected screen holds every label at 22 px, so in presentation mode the
whole-system page shows one part of the system at a time, each with a presentation layout computed
here, at build time:

- a part per map ("Figure 2"), laid out in that map's regions as its own page presents it, but for
  the room the part's caption leaves (below);
- each case study (Section 4), with the bodies of the figures it works with beside it;
- for each step of a whole-system tour whose bodies no such part holds close enough together to
  be drawn at 22 px beside the tour's card, a part of that step's bodies (and the relations among
  them), grouped by the maps that show them.

A facilitator walks the first two kinds with the part chooser; the tour steps' parts are shown by
their steps only.

Presenting, the page names the part shown in a caption along the top of the map (views/caption.js),
and the camera fits the part below it: so every part is packed for the screen less the caption's
band (``PART_VIEWPORT``), in the presentation style, or a little tighter where only that draws the
part at 22 px or keeps more of its names whole.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import networkx as nx

from .layout import PRESENT_STYLE, PRESENT_VIEWPORT, PresentationLayout, compute_presentation_layout
from .schema import Figure, Region, Tour

CASE_STUDIES = "case-studies"
PART_MAX_NODES = 80  # a part packs every label at projector size: past this no screen holds them
#: The room a tour step's text takes over the projected map at 1280x720 (views/camera.js places it):
#: a card in a corner (measured up to 480x402 CSS px) or a band along the top or bottom (up to 208 high),
#: and the margin the camera leaves around the bodies it frames.
TOUR_CARD, TOUR_BAND, FRAME_MARGIN = (480, 410), 215, 24
#: The part's caption (views/caption.js, .part-caption in policymap.css): a band along the top of the
#: map, this many CSS px high with its one line of 20 px text; the camera fits the part below it.
CAPTION_BAND = 36
PART_VIEWPORT = (PRESENT_VIEWPORT[0], PRESENT_VIEWPORT[1] - CAPTION_BAND)
STEP_VIEWPORT = (PART_VIEWPORT[0], PART_VIEWPORT[1] - TOUR_BAND)  # a step's own part fits above the band
#: Gaps a little narrower (between regions, inside their frames, between boxes), for a part that does
#: not fit at 22 px in the caption's room otherwise (Figure 2, packed to the edges of 1280x720), or
#: only with more names cut to acronyms (Figure 4).
PART_TIGHT_STYLE = dataclasses.replace(PRESENT_STYLE, gap=8, pad=5, vgap=8, hgap=10)


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
    a map too large to present); ``layout(graph, regions, shapes, viewport=..., style=...)`` packs a
    part (``site`` passes a cached ``compute_presentation_layout``).
    """
    parts = []
    for fig, fig_graph, _present in figures:
        bodies = sorted(n for n in fig_graph if n in graph)
        present = part_layout(layout, fig_graph, fig.regions, shapes) if len(bodies) <= PART_MAX_NODES else None
        parts.append(Part(fig.id, _figure_name(fig), tuple(bodies), present))
    parts += case_study_parts(graph, shapes, layout)
    return parts + step_parts(graph, tours, parts, [fig for fig, _, _ in figures], shapes, layout)


def part_layout(layout, graph: nx.MultiDiGraph, regions, shapes, viewport=PART_VIEWPORT) -> PresentationLayout:
    """A part packed for ``viewport`` (the screen less the caption): in the presentation style, or in
    ``PART_TIGHT_STYLE`` when that draws it at 22 px (scale 1) where the other does not, or with fewer
    names shortened to their acronyms."""
    present = layout(graph, regions, shapes, viewport=viewport)
    if present.scale >= 1.0 and not _shortened(graph, present):
        return present
    tight = layout(graph, regions, shapes, viewport=viewport, style=PART_TIGHT_STYLE)
    rank = lambda p: (p.scale >= 1.0, -_shortened(graph, p), p.scale)  # noqa: E731
    return tight if rank(tight) > rank(present) else present


def _shortened(graph: nx.MultiDiGraph, present: PresentationLayout) -> int:
    """How many bodies ``present`` names by their acronym alone."""
    return sum(1 for n, label in present.labels.items()
               if graph.nodes[n].get("acronym") and label == graph.nodes[n]["acronym"]
               and graph.nodes[n].get("label") != label)


def _figure_name(fig: Figure) -> str:
    return f"Figure {fig.number}: {fig.title}" if fig.number else fig.title


def _regioned(graph: nx.MultiDiGraph, regions: dict[str, str]) -> nx.MultiDiGraph:
    """The subgraph of the bodies in ``regions`` (body id -> region id), each in its region."""
    sub = graph.subgraph(regions).copy()
    for node_id, attrs in sub.nodes(data=True):
        attrs["region"] = regions[node_id]
    return sub


def case_study_parts(graph: nx.MultiDiGraph, shapes, layout=compute_presentation_layout) -> list[Part]:
    """A part per case study: its project and partners, and beside them the figures' bodies it works with."""
    studies = graph.graph.get("case_studies", [])
    cases = {n: a["case_study"] for n, a in graph.nodes(data=True) if a.get("case_study")}
    order = [s["id"] for s in studies if s["id"] in cases.values()]
    order += sorted(set(cases.values()) - set(order))
    titles = {s["id"]: s["title"] for s in studies}
    parts = []
    for study in order:
        own = sorted(n for n, s in cases.items() if s == study)
        linked = sorted({other for n in own for other in nx.all_neighbors(graph, n) if other not in cases})
        members = {**{n: "study" for n in own}, **{n: "figures" for n in linked}}
        title = "Case study: " + titles.get(study, study)
        regions = [Region(id="study", label=titles.get(study, study), column=0),
                   Region(id="figures", label="On the figures: bodies it works with", column=1)]
        present = part_layout(layout, _regioned(graph, members), regions, shapes) if len(members) <= PART_MAX_NODES else None
        parts.append(Part(f"{CASE_STUDIES}--{study}", title, tuple(sorted(members)), present))
    return parts


def step_part_id(tour_id: str, index: int) -> str:
    """The id of the part made for a tour's step (``index`` from 0)."""
    return f"{tour_id}--step-{index + 1}"


def step_parts(graph: nx.MultiDiGraph, tours: list[Tour], parts: list[Part], figures: list[Figure], shapes,
               layout=compute_presentation_layout) -> list[Part]:
    """A part for each tour step that no part of ``parts`` shows large enough (``step_home``): the
    step's bodies, grouped by the maps that show them ("Figure 2", "Figures 3 and 4", a case study)."""
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
            present = part_layout(layout, _regioned(graph, {n: ids[groups[n]] for n in bodies}), regions, shapes,
                                  viewport=STEP_VIEWPORT)
            out.append(Part(step_part_id(tour.id, index), step.title, tuple(sorted(bodies)), present, step=True))
    return out


def step_home(parts: list[Part], bodies) -> Part | None:
    """The first part (not made for a step) that holds every one of ``bodies`` near enough together
    to frame them at 22 px or more beside the tour's text (``fits_beside_card``), or None."""
    return next((p for p in parts if not p.step and set(bodies) <= set(p.bodies) and p.present is not None
                 and fits_beside_card(p.present, bodies)), None)


def fits_beside_card(present: PresentationLayout, bodies) -> bool:
    """True when the box around ``bodies`` in ``present`` fits at scale 1 (labels at their 22 px) in
    the room the tour's card or band and the part's caption leave on a 1280x720 screen."""
    boxes = [(x - present.sizes[n][0] / 2, y - present.sizes[n][1] / 2, x + present.sizes[n][0] / 2,
              y + present.sizes[n][1] / 2) for n, (x, y) in ((n, present.positions[n]) for n in bodies)]
    width = max(b[2] for b in boxes) - min(b[0] for b in boxes) + 2 * FRAME_MARGIN
    height = max(b[3] for b in boxes) - min(b[1] for b in boxes) + 2 * FRAME_MARGIN
    screen_w, screen_h = PART_VIEWPORT
    return ((width <= screen_w - TOUR_CARD[0] and height <= screen_h)
            or (width <= screen_w and height <= screen_h - TOUR_BAND))


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
