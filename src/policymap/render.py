"""Graphs and layouts to HTML strings. Writes nothing: ``site`` does that.

The vis-network node, edge and option data are plain lists and dicts written
here; our own jinja2 templates (autoescape on, data passed with ``|tojson``)
make the pages. (pyvis, for exploring a map in a notebook, is ``notebook``'s.)
Only names ending in ``_html`` hold trusted markup.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from html import escape

import jinja2
import networkx as nx

from .graph import edge_records
from .pagedata import BodyPatch, PageData, SiteData, wire
from .parts import step_home, step_part_id
from .routes import body_aliases, inverse_reading, node_phrases
from .layout import (NODE_BORDER, NODE_FONT, NODE_MARGIN, NODE_PILL_RADIUS, PRESENT_BORDER, PRESENT_FIT_MARGIN,
                     PRESENT_HEADING, PRESENT_MARGIN, PRESENT_PILL_RADIUS, Layout, PresentationLayout)
from .loader import Project
from .schema import KINDS, LAYERS, LEVELS, RELATIONS, Figure

#: Okabe-Ito colours (safe for the common colour-vision deficiencies), each kind also with its own shape.
BLUE, SKY, GREEN, YELLOW, ORANGE, VERMILLION, PURPLE, GREY = (
    "#0072B2", "#56B4E9", "#009E73", "#F0E442", "#E69F00", "#D55E00", "#CC79A7", "#6B6B6B")
KIND_STYLE: dict[str, tuple[str, str]] = {
    # organisations: square boxes
    "government-department": (BLUE, "box"),
    "government-unit": (SKY, "box"),
    "national-body": (PURPLE, "box"),
    "regional-body": (ORANGE, "box"),
    "local-body": (GREEN, "box"),
    "nhs-body": (VERMILLION, "box"),
    # groups of people and partnerships: rounded "pill" boxes
    "partnership": (YELLOW, "pill"),
    "community-group": (GREEN, "pill"),
    "people": (SKY, "pill"),
    "workforce-role": (PURPLE, "pill"),
    # activity and money: ellipses
    "programme": (YELLOW, "ellipse"),
    "fund": (ORANGE, "ellipse"),
    "service": (VERMILLION, "pill"),
    # documents: boxes with a dashed border
    "strategy": (BLUE, "document"),
    "standard": (PURPLE, "document"),
    "legislation": (GREY, "document"),
}
#: Legend shape names to vis-network shapes and shape properties.
VIS_SHAPES = {
    "box": ("box", {"borderRadius": 0}),
    "pill": ("box", {"borderRadius": NODE_PILL_RADIUS}),
    "ellipse": ("ellipse", {}),
    "document": ("box", {"borderRadius": 0, "borderDashes": [6, 4]}),
}
#: Relation families. Each is told apart by more than its colour: its own arrowhead, and money a thicker
#: line; the label names the relation itself. A dashed line means the guide implies it (any family).
MONEY = {"funds", "allocates-budget-to"}
GOVERN = {"accountable-to", "sponsors", "leads", "coordinates", "scrutinises", "sets-framework-for", "originates-from"}
BELONG = {"member-of", "part-of", "works-through", "subsumed-into"}
SUPPORT = {"advises", "supports", "links-to", "works-with", "promotes"}
RELATION_STYLE = {  # family: colour, vis-network arrowhead, line width, what the legend says of it
    "money": ("#A14A00", "triangle", 2.5, "money: thick line, triangle"),
    "govern": ("#005A8C", "arrow", 1.5, "direction and oversight: arrow"),
    "belong": ("#00704F", "diamond", 1.5, "belonging: diamond at the whole"),
    "support": ("#8A3B6E", "circle", 1.5, "support and links: round end"),
    "other": ("#444444", "vee", 1.5, "doing and providing: open arrow"),
}


def relation_family(relation: str) -> str:
    for family, members in (("money", MONEY), ("govern", GOVERN), ("belong", BELONG), ("support", SUPPORT)):
        if relation in members:
            return family
    return "other"


def relation_colour(relation: str) -> str:
    return RELATION_STYLE[relation_family(relation)][0]


def edge_style(record: dict) -> dict:
    """A relation's vis-network line: its family's colour, arrowhead and width; dashed when implied."""
    colour, arrow, width, _ = RELATION_STYLE[relation_family(record["relation"])]
    style = {"color": colour, "arrows": {"to": {"enabled": True, "type": arrow, "scaleFactor": 0.6 if arrow in
                                                ("arrow", "triangle", "vee") else 0.5}}}
    if width != VIS_OPTIONS["edges"]["width"]:
        style["width"] = width
    if record["evidence"] == "implied":
        style["dashes"] = True
    return style


def _tint(hex_colour: str, amount: float = 0.72) -> str:
    """Mix a colour with white, for fills that keep dark text readable."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


@dataclass(frozen=True)
class FigurePage:
    figure: Figure
    graph: nx.MultiDiGraph
    layout: Layout
    url: str
    present: PresentationLayout | None = None  # presentation mode's layout, when there is one
    timeline: dict | None = None  # the map at later dates (history_page.page_timeline), when it changed
    parts: tuple = ()  # the whole-system map's parts for presentation mode (parts.Part), in order

    @functools.cached_property
    def records(self) -> list[dict]:
        """The page's relations (``graph.edge_records``), in the order of its vis edges and site data."""
        return edge_records(self.graph)



# -- vis-network data -------------------------------------------------------------------------

EDGE_LABELS_MAX_NODES = 150
TWIN_MAX_NODES = 400

VIS_OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"randomSeed": 1, "improvedLayout": False, "hierarchical": {"enabled": False}},
    "interaction": {"hover": True, "tooltipDelay": 300, "navigationButtons": False, "keyboard": {"enabled": False},
                    "multiselect": False, "zoomView": True, "dragNodes": False},
    # Labels come wrapped from the layout, which sized every box: no width constraint, and no bold
    # label on selection or hover (a bold label is wider, so its box would grow into its neighbours).
    "nodes": {"font": {"size": NODE_FONT, "face": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
                       "color": "#111111"},
              "widthConstraint": False, "margin": NODE_MARGIN, "borderWidth": NODE_BORDER,
              "borderWidthSelected": 2 * NODE_BORDER, "labelHighlightBold": False},
    "edges": {"smooth": False,
              "font": {"size": 13, "align": "middle", "color": "#222222", "strokeWidth": 4, "strokeColor": "#ffffff"},
              "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "width": 1.5, "selectionWidth": 2},
}


def kind_groups() -> dict:
    """vis-network groups: one per kind, with its colour and shape (nodes carry only their group)."""
    groups = {}
    for kind, (colour, shape_name) in KIND_STYLE.items():
        shape, properties = VIS_SHAPES[shape_name]
        groups[kind] = {"shape": shape, "shapeProperties": properties,
                        "color": {"background": _tint(colour), "border": colour,
                                  "highlight": {"background": _tint(colour, 0.45), "border": "#000000"},
                                  "hover": {"background": _tint(colour, 0.55), "border": colour}}}
    return groups


def _shade(hex_colour: str, amount: float) -> str:
    """Mix a colour with black: borders that stand out on a projector."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in (r, g, b))


def present_groups() -> dict:
    """Presentation mode's node style per kind: high-contrast colours (stronger fills, dark borders), corner radius."""
    groups = {}
    for kind, (colour, _shape) in KIND_STYLE.items():
        groups[kind] = {"color": {"background": _tint(colour, 0.6), "border": _shade(colour, 0.45),
                                  "highlight": {"background": _tint(colour, 0.35), "border": "#000000"},
                                  "hover": {"background": _tint(colour, 0.45), "border": "#000000"}},
                        "radius": PRESENT_PILL_RADIUS if KIND_STYLE[kind][1] == "pill" else 0}
    return groups


def presentation_data(present: PresentationLayout) -> dict:
    """What policymap.js needs to switch a map into presentation mode."""
    return {"positions": {n: list(xy) for n, xy in present.positions.items()}, "labels": present.labels,
            "regions": present.regions, "font": present.font, "heading": PRESENT_HEADING, "margin": PRESENT_MARGIN,
            "border": PRESENT_BORDER, "fit_margin": PRESENT_FIT_MARGIN, "scale": present.scale}


def vis_shapes() -> dict[str, str]:
    """Each kind's shape as vis-network sizes it ("box", "pill" or "ellipse"), for layouts that size nodes."""
    return {kind: shape if shape in ("pill", "ellipse") else "box" for kind, (_colour, shape) in KIND_STYLE.items()}


def graph_to_vis_data(page: FigurePage) -> dict:
    """vis-network nodes (at their computed positions) and edges (options: ``vis_options``)."""
    graph, layout = page.graph, page.layout
    # Relation names on every line help a map of a few dozen bodies; on hundreds they are
    # unreadable clutter that slows the first frame (the panel and text version still name them).
    labelled = graph.number_of_nodes() <= EDGE_LABELS_MAX_NODES
    nodes = []
    for node_id, attrs in sorted(graph.nodes(data=True)):
        x, y = layout.positions[node_id]
        nodes.append({"id": node_id, "label": layout.labels[node_id], "x": x, "y": y, "group": attrs["kind"]})
    edges = []
    for record in page.records:
        edge = {"id": record["id"], "from": record["source"], "to": record["target"], **edge_style(record)}
        if labelled:
            edge["label"] = RELATIONS[record["relation"]][2]
        edges.append(edge)
    return {"nodes": nodes, "edges": edges}


def vis_options() -> dict:
    """vis-network options, the same for every map: physics off, fonts, and a group per kind."""
    return copy.deepcopy(dict(VIS_OPTIONS, groups=kind_groups()))


# -- page contexts ----------------------------------------------------------------------------

def page_url(figure_id: str) -> str:
    return f"{figure_id}.html"


def _compact(mapping: dict) -> dict:
    """Drop empty values (None, False, "", [], {}; numbers stay): the data omits what a node does not have."""
    return {k: v for k, v in mapping.items() if v or type(v) in (int, float)}



def node_data(pages: dict[str, FigurePage], page: FigurePage, node_id: str, phrase: dict[str, str],
              expansions: dict[tuple[str, str], str]) -> dict:
    """What the details panel needs for one node; lookups (kinds, glossary, maps) are page-level.

    ``phrase`` is the node's ``routes.node_phrases`` entry ("the Neighbourhood Renewal Unit");
    ``expansions`` maps (node id, abbreviation) to what the abbreviation stands for.
    """
    attrs = page.graph.nodes[node_id]
    expansion = expansions.get((node_id, attrs.get("acronym")))
    return _compact({
        "label": attrs["label"], "acronym": attrs.get("acronym"),
        "subj": phrase["subject"] if phrase["subject"] != attrs["label"] else None,
        "obj": phrase["object"] if phrase["object"] != attrs["label"] else None,
        "again": phrase["again"] if phrase["again"] != phrase["object"] else None,
        "acronym_expansion": (expansion or attrs["label"]) if attrs.get("acronym") else None,
        "plural": attrs["plural"], "kind": attrs["kind"], "kind_label": KINDS.get(attrs["kind"], attrs["kind"]),
        "level": attrs["level"], "level_label": LEVELS.get(attrs["level"], attrs["level"]), "role": attrs["role"],
        "pages_text": pages_text(attrs["pages"]) if attrs["pages"] else None,
        "description": attrs.get("description"), "facts": attrs["facts"], "glossary": attrs["glossary"],
        "website": attrs.get("website"), "pages": attrs["pages"], "note": attrs.get("note"),
        "figure_note": attrs.get("figure_note"), "layer": attrs.get("layer"),
        "figures": [f for f in attrs["figures"] if f in pages],
        # whole-system page only: case studies and where a body comes from
        "case_study": attrs.get("case_study"), "case_study_role": attrs.get("case_study_role"),
        "partner_in": attrs.get("partner_in"), "place": attrs.get("place"), "lessons": attrs.get("lessons"),
        "source": attrs.get("source"),
    })


def pages_text(pages: list[int]) -> str:
    """'p 18' or 'pp 18, 19'."""
    return ("p " if len(pages) == 1 else "pp ") + ", ".join(str(p) for p in pages)


def as_of_text(value: str) -> str:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as words: '2003', 'May 2003', '14 May 2003'."""
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    return f"{months[int(parts[1]) - 1]} {parts[0]}" if len(parts) == 2 else value


def map_name(fig: Figure) -> str:
    """How sentences name a map: 'Figure 3', or its title."""
    return f"Figure {fig.number}" if fig.number else fig.title


def _search_index(project: Project, pages: dict[str, FigurePage]) -> list[dict]:
    """A search entry for every body, with the first page that shows it; a page searches its own bodies
    from its nodes and these for the rest."""
    terms = {t.id: t.term for t in project.reference.glossary}
    entries, seen = [], set()
    for page in pages.values():
        for node_id, attrs in sorted(page.graph.nodes(data=True)):
            if node_id in seen:
                continue
            seen.add(node_id)
            entries.append(_compact({"id": node_id, "label": attrs["label"], "acronym": attrs.get("acronym"),
                                     "terms": [terms[t] for t in attrs["glossary"]], "map": page.figure.id}))
    return entries


#: Figure 1's layers on the whole-system map: (colour, legend label).
LAYER_STYLE = {
    "upstream": (BLUE, "Upstream: society-wide conditions"),
    "midstream": (ORANGE, "Midstream: living and working conditions, community"),
    "downstream": (VERMILLION, "Downstream: individuals and their services"),
    "none": (GREY, "Not placed by the guide"),
}


def site_data(project: Project, pages: dict[str, FigurePage]) -> tuple[dict, dict[str, dict]]:
    """What every map page shares, written once to ``assets/site-data.js``, and each page's own node fields.

    Each body is described once in the data, so its panel text ships once: under ``bodies``, as the
    first page that shows it has it. A page keeps only the fields in which its copy differs (a map's
    own note on a shared body; the case studies on the whole-system map), with None for a field it
    lacks. Relations carry a note and page per map, so ``edges`` holds each page's list.
    """
    expansions = {(a.node, a.abbr): a.expansion for a in project.reference.abbreviations if a.node}
    bodies: dict[str, dict] = {}
    own: dict[str, dict] = {}
    edges: dict[str, list] = {}
    for page in pages.values():
        phrases = node_phrases(page.graph)
        own[page.figure.id] = {}
        for node_id in sorted(page.graph.nodes):
            entry = node_data(pages, page, node_id, phrases[node_id], expansions)
            base = bodies.setdefault(node_id, entry)
            differs = {k: v for k, v in entry.items() if base.get(k) != v}
            if any(k not in entry for k in base):
                differs["unset"] = sorted(k for k in base if k not in entry)
            if differs:
                own[page.figure.id][node_id] = differs
        edges[page.figure.id] = {r["id"]: _compact({
            "source": r["source"], "target": r["target"], "relation": r["relation"],
            "reading": r["reading"],
            "inverse": inverse_reading(r["relation"], page.graph.nodes[r["target"]].get("plural", False)),
            "evidence": r["evidence"], "page": r["page"], "note": r.get("note"), "case_study": r.get("case_study")})
            for r in page.records}
    site = {
        "bodies": bodies,
        "edges": edges,
        "kinds": dict(KINDS),
        "levels": dict(LEVELS),
        "layers": {k: {"label": LAYERS.get(k, label), "color": colour, "fill": _tint(colour, 0.55)}
                   for k, (colour, label) in LAYER_STYLE.items()},
        "relations": {r: list(reading) for r, reading in RELATIONS.items()},
        "glossary": {t.id: {"term": t.term, "definition": t.definition} for t in project.reference.glossary},
        "websites": {w.id: {"name": w.name, "url": w.url, "printed": w.url.split("://", 1)[-1]}
                     for w in project.reference.websites},
        "maps": {p.figure.id: _compact({"number": p.figure.number, "title": p.figure.title, "url": p.url,
                                        "name": map_name(p.figure)}) for p in pages.values()},
        "search": _search_index(project, pages),
        "aliases": {abbr: node for abbr, node in sorted(body_aliases(project).items())},
        "legend": {"kinds": [[k, KIND_STYLE[k][0], _tint(KIND_STYLE[k][0]), KIND_STYLE[k][1]] for k in KINDS],
                   "levels": list(LEVELS),
                   "relations": [[r, relation_colour(r), RELATION_STYLE[relation_family(r)][1],
                                  RELATION_STYLE[relation_family(r)][2]] for r in RELATIONS],
                   "families": [[family, colour, arrow, width, text]
                                for family, (colour, arrow, width, text) in RELATION_STYLE.items()],
                   "layers": [[k, colour, _tint(colour, 0.55), label] for k, (colour, label) in LAYER_STYLE.items()]},
        "vis_options": vis_options(),
        "present_kinds": present_groups(),
    }
    return wire(SiteData, site), {f: {n: wire(BodyPatch, patch) for n, patch in nodes.items()} for f, nodes in own.items()}


def figure_context(project: Project, pages: dict[str, FigurePage], page: FigurePage, own_nodes: dict) -> dict:
    """The context of one map page (see templates/figure.html); ``own_nodes`` from ``site_data``."""
    fig, graph, layout = page.figure, page.graph, page.layout
    page_data = {
        "figure": _compact({"id": fig.id, "number": fig.number, "title": fig.title, "as_of": fig.as_of,
                            "as_of_text": as_of_text(fig.as_of), "source": source_line(fig),
                            "name": (f"Figure {fig.number}: " if fig.number else "") + fig.title}),
        "nodes": own_nodes,
        "vis": graph_to_vis_data(page),
        "regions": [vars(box) for box in layout.regions if box.label],
        "tours": [tour.model_dump(mode="json") for tour in fig.tours],
        "route_examples": route_examples(graph),
    }
    if "case_studies" in graph.graph:
        page_data["whole"] = True  # the joined map: case-study layer and Figure 1's layers in the legend
    if page.present:
        page_data["present"] = presentation_data(page.present)
    if page.parts:
        page_data["parts"] = [_compact({"id": p.id, "title": p.title, "bodies": list(p.bodies), "step": p.step,
                                        "present": presentation_data(p.present) if p.present else None})
                              for p in page.parts]
        homes = {p.id: p for p in page.parts}
        for tour, data in zip(fig.tours, page_data["tours"]):
            for index, (step, out) in enumerate(zip(tour.steps, data["steps"])):
                home = homes.get(step_part_id(tour.id, index)) or step_home(page.parts, [n for n in step.nodes if n in graph])
                if home is not None:
                    out["part"] = home.id
    if page.timeline:
        page_data["timeline"] = page.timeline
        page_data["tours"].append(since_guide_tour(page.timeline))
    for tour in page_data["tours"]:
        for step in tour["steps"]:
            step["edges"] = [edge_id for ref in step["edges"] for edge_id in _tour_edge_ids(page, ref)]
    page_data = wire(PageData, page_data)
    return {
        "figure": {"id": fig.id, "number": fig.number, "title": fig.title, "caption": fig.caption, "page": fig.page,
                   "as_of": fig.as_of, "as_of_note": fig.as_of_note, "source": source_line(fig),
                   "drivers": [p.model_dump() for p in fig.drivers],
                   "challenges": [p.model_dump() for p in fig.challenges]},
        "page_data": page_data,
        # The text version is written by the build, so it reads before the scripts; on very large
        # maps (synthetic ones) it would make the page itself slow to arrive, so the script writes
        # it after the map's first frame there.
        "twin": twin_entries(page) if graph.number_of_nodes() <= TWIN_MAX_NODES else [],
        "regions": [{"id": r.id, "label": r.label, "description": r.description} for r in fig.regions],
        # The joined map is far too large to print legibly on one sheet: its handout sends readers to the figures.
        "print_figures": [{"name": f"Figure {p.figure.number}: {p.figure.title}" if p.figure.number else p.figure.title,
                           "url": p.url} for p in pages.values() if p is not page] if "whole" in page_data else [],
    }


def route_examples(graph: nx.DiGraph) -> list[str]:
    """Two well-connected bodies of this map, by acronym or short label, for the route boxes'
    placeholders: the best connected, then the best connected one it does not touch but can reach.
    Only names that name one body on the map (as the route boxes read them)."""
    names = {n: attrs.get("acronym") or attrs["label"] for n, attrs in graph.nodes(data=True)}
    uses: dict[str, int] = {}
    for n, attrs in graph.nodes(data=True):
        for name in {names[n].casefold(), attrs["label"].casefold()}:
            uses[name] = uses.get(name, 0) + 1
    links = graph.to_undirected(as_view=True)
    ranked = sorted((n for n in graph.nodes if uses[names[n].casefold()] == 1 and len(names[n]) <= 16),
                    key=lambda n: (-links.degree(n), names[n].casefold(), n))
    if len(ranked) < 2:
        return []
    first = ranked[0]
    reach = nx.node_connected_component(links, first)
    second = next((n for n in ranked[1:] if n in reach and not links.has_edge(first, n)),
                  next((n for n in ranked[1:] if n in reach), ranked[1]))
    return [names[first], names[second]]


def twin_entries(page: FigurePage) -> list[dict]:
    """The text version: every body with its role and relations as sentences, the other end a link."""
    graph = page.graph
    phrases = node_phrases(graph)
    related: dict[str, list[dict]] = {n: [] for n in graph.nodes}
    for r in page.records:
        subject, obj = phrases[r["source"]]["subject"], phrases[r["target"]]["object"]
        common = {"implied": r["evidence"] == "implied", "page": r["page"]}
        related[r["source"]].append({"before": f"{subject} {r['reading']} ", "other": r["target"], "link": obj,
                                     "after": "", **common})
        if r["target"] != r["source"]:
            related[r["target"]].append({"before": "", "other": r["source"], "link": subject,
                                         "after": f" {r['reading']} {obj}", **common})
    entries = []
    for node_id, attrs in sorted(graph.nodes(data=True), key=lambda item: (item[1]["label"].lower(), item[0])):
        entries.append({"id": node_id, "label": attrs["label"], "acronym": attrs.get("acronym"),
                        "kind_label": KINDS.get(attrs["kind"], attrs["kind"]),
                        "level_label": LEVELS.get(attrs["level"], attrs["level"]), "role": attrs["role"],
                        "relations": related[node_id]})
    return entries


SINCE_TOUR = "since-2003"


def since_guide_tour(timeline: dict) -> dict:
    """The generated tour "What changed since 2003": one step per dated change, in order, each
    showing the map at its date, with its sources."""
    steps = []
    for change in timeline["changes"]:
        text = change["text"] + (" " + change["note"] if change.get("note") else "")
        text += " Since the guide: " + "; ".join(change["sources"]) + "."
        steps.append({"title": change["title"], "text": text, "nodes": change["nodes"], "edges": [], "at": change["at"]})
    return {"id": SINCE_TOUR, "title": "What changed since 2003", "steps": steps}


def _tour_edge_ids(page: FigurePage, ref: str) -> list[str]:
    """The relations a tour step's 'source -> target' names: every relation from source to target on the page."""
    source, target = ref.split(" -> ")
    return [r["id"] for r in page.records if r["source"] == source and r["target"] == target]


def source_line(fig: Figure) -> str:
    if fig.number is None:
        return ""
    page = f", p {fig.page}" if fig.page else ""
    return (f"Figure {fig.number}{page} of Community renewal and mental health: a guide (King's Fund and NIMHE, 2003), "
            "redrawn from the guide's text")


def preview_svg_html(page: FigurePage, width: int = 320, height: int = 200) -> str:
    """A small SVG picture of a map from its computed layout (no browser needed)."""
    graph, layout = page.graph, page.layout
    margin = 60
    scale = min((width - 8) / (layout.width + 2 * margin), (height - 8) / (layout.height + 2 * margin))
    dx = (width - (layout.width + 2 * margin) * scale) / 2
    dy = (height - (layout.height + 2 * margin) * scale) / 2

    def pt(x: float, y: float) -> tuple[str, str]:
        return f"{dx + (x + margin) * scale:.1f}", f"{dy + (y + margin) * scale:.1f}"

    parts = [f'<svg class="preview" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{escape(graph.graph.get("title", ""))}: preview of the map" '
             'xmlns="http://www.w3.org/2000/svg">', f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for box in layout.regions:
        x, y = pt(box.x, box.y)
        parts.append(f'<rect x="{x}" y="{y}" width="{box.width * scale:.1f}" height="{box.height * scale:.1f}" '
                     f'rx="3" fill="{"#fff8e1" if box.inset else "#f3f5f8"}" stroke="#c5ccd6"/>')
    for record in page.records:
        (x1, y1), (x2, y2) = pt(*layout.positions[record["source"]]), pt(*layout.positions[record["target"]])
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#9aa3ad" stroke-width="0.8"/>')
    for node_id, attrs in sorted(graph.nodes(data=True)):
        colour, shape = KIND_STYLE[attrs["kind"]]
        x, y = pt(*layout.positions[node_id])
        w, h = (size * scale * 0.85 for size in layout.sizes.get(node_id, (150, 44)))
        if shape == "box":
            parts.append(f'<rect x="{float(x) - w / 2:.1f}" y="{float(y) - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" '
                         f'fill="{_tint(colour)}" stroke="{colour}" stroke-width="1"/>')
        else:
            parts.append(f'<ellipse cx="{x}" cy="{y}" rx="{w / 2:.1f}" ry="{h / 2:.1f}" '
                         f'fill="{_tint(colour)}" stroke="{colour}" stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)


# -- templates --------------------------------------------------------------------------------

def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("policymap", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # |tojson: sorted keys for byte-identical builds, no spaces for smaller pages
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    return env


def render_page(env: jinja2.Environment, template: str, context: dict) -> str:
    return env.get_template(template).render(**context)
