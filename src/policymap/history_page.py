"""A map page's view of time: what the date control, the lineage panel and the "What changed" tour need.

``page_timeline`` is computed at build time for each map whose bodies changed after the guide.
For each date the control offers (the guide's, each date something on the map changed, and
today, which is the map at the last of them) it gives the bodies shown, those that had ended by
then (drawn faded, or listed), the relations, and both layouts: the normal one (with what ended
kept in its place) and presentation mode's (without it, so labels keep their 22 px). Bodies and
relations that came after the guide are described once, with their sources.
"""

from __future__ import annotations

from . import history, timeline
from .graph import edge_records
from .routes import inverse_reading
from .layout import compute_map_layout, compute_presentation_layout
from .loader import Project
from .render import RELATIONS, FigurePage, edge_style, presentation_data, vis_shapes
from .schema import Figure

TODAY = "today"


def _date_label(at: str, fig: Figure) -> str:
    text = history.format_date(at)
    return f"{text} (the guide)" if at == fig.as_of else text


def _citations(node) -> list[str]:
    return [history.cite(s) for s in node.sources]


def page_timeline(project: Project, page: FigurePage, map_layout=None, present_layout=None) -> dict | None:
    """The page data for a map's date control, or None when nothing on the map changed.

    ``map_layout(graph, fig)`` and ``present_layout(graph, fig)`` lay a map out as the site does
    (``site`` passes its own, remembered ones; ``present_layout`` may answer None)."""
    map_layout = map_layout or (lambda graph, fig: compute_map_layout(graph, fig.regions, vis_shapes()))
    present_layout = present_layout or (lambda graph, fig: compute_presentation_layout(graph, fig.regions, vis_shapes()))
    fig = page.figure
    changes = timeline.map_changes(project, fig)
    if not changes:
        return None
    nodes = timeline.all_nodes(project)
    lineage = history.build_lineage(nodes)
    dates = timeline.dates_of(project, fig)
    guide_edges = {r["id"] for r in page.records}  # relations are keyed by their stable id on the page
    later_edges: dict[str, dict] = {}
    later_nodes: dict[str, dict] = {}
    states: dict[str, dict] = {}
    # One layout for every later date: each body keeps its place as the date moves, and what
    # ended stays where it stood (faded) beside what came after it.
    ever_layout = map_layout(timeline.graph_at(project, fig, "9999-12-31", keep_ended=True), fig)
    for at in dates:
        full = timeline.graph_at(project, fig, at, keep_ended=True)
        shown = timeline.graph_at(project, fig, at)
        layout = page.layout if at == fig.as_of else ever_layout
        for node_id, attrs in full.nodes(data=True):
            if node_id not in page.graph and node_id not in later_nodes:
                later_nodes[node_id] = _later_node(attrs, nodes[node_id], ever_layout)
        for record in edge_records(full):
            if record["id"] not in guide_edges and record["id"] not in later_edges:
                later_edges[record["id"]] = _later_edge(record, full.nodes[record["target"]].get("plural", False))
        state = {
            "layout": "guide" if layout is page.layout else "later",
            "shown": sorted(shown.nodes),
            "ended": sorted(n for n in full.nodes if n not in shown),
            "edges": sorted(r["id"] for r in edge_records(shown)),
            "ended_edges": sorted(r["id"] for r in edge_records(full) if r.get("ended")),
        }
        present = page.present if at == fig.as_of else present_layout(shown, fig) if page.present else None
        if present is not None:
            state["present"] = presentation_data(present)
        states[at] = state
    states = as_changes(states)
    ever = timeline.ever_on_map(project, fig, nodes, lineage)
    layouts = {name: {"positions": {n: list(xy) for n, xy in sorted(lay.positions.items())},
                      "labels": dict(sorted((lay.labels or {}).items())),
                      "regions": [_region(box) for box in lay.regions if box.label]}
               for name, lay in (("guide", page.layout), ("later", ever_layout))}
    return {
        "guide": fig.as_of,
        "layouts": layouts,
        "dates": [{"at": d, "label": _date_label(d, fig)} for d in dates] + [{"at": TODAY, "label": "Today", "state": dates[-1]}],
        "states": states,
        "nodes": dict(sorted(later_nodes.items())),
        "edges": dict(sorted(later_edges.items())),
        "lineage": {n: timeline.lineage_records(n, nodes, lineage) for n in sorted(ever)
                    if lineage.came_from.get(n) or n in lineage.became},
        "names": _other_names(sorted(ever), nodes, lineage),
        "changes": [_tour_step(c, ever) for c in changes],
    }


LISTS = ("shown", "ended", "edges", "ended_edges")


def as_changes(states: dict[str, dict]) -> dict[str, dict]:
    """Each state's id lists as changes to the date before's: ``{"add": [...], "drop": [...]}``
    (the first date adds everything). A map changes little from one date to the next, so this
    keeps Figure 3's eighteen dates from repeating its 150 relation ids eighteen times."""
    out: dict[str, dict] = {}
    before = {name: set() for name in LISTS}
    for at, state in states.items():
        now = {name: set(state[name]) for name in LISTS}
        out[at] = {**state, **{name: {"add": sorted(now[name] - before[name]), "drop": sorted(before[name] - now[name])}
                               for name in LISTS}}
        before = now
    return out


def standing(timeline: dict, at: str) -> dict[str, list[str]]:
    """The full id lists of the state at date ``at`` (a key of ``timeline["states"]``), as the
    page rebuilds them from the changes (``timeline.js`` ``view``)."""
    lists = {name: set() for name in LISTS}
    for date, state in timeline["states"].items():
        for name in LISTS:
            lists[name] = (lists[name] - set(state[name]["drop"])) | set(state[name]["add"])
        if date == at:
            return {name: sorted(ids) for name, ids in lists.items()}
    raise KeyError(at)


def _later_node(attrs: dict, node, layout) -> dict:
    """A body that came after the guide, as the page draws it and its panel describes it."""
    label = (layout.labels or {}).get(node.id) or attrs["label"]
    return {"vis": {"label": label, "group": attrs["kind"]},
            "label": attrs["label"], "acronym": attrs.get("acronym"), "plural": attrs["plural"], "kind": attrs["kind"],
            "kind_label": attrs["kind_label"], "level": attrs["level"], "level_label": attrs["level_label"], "role": attrs["role"], "description": attrs.get("description"),
            "note": attrs.get("note"), "from": node.from_, "from_text": history.format_date(node.from_) if node.from_ else None,
            "sources": _citations(node), "placed_for": attrs.get("placed_for"), "figures": attrs.get("figures", [])}


def _region(box) -> dict:
    fields = dict(vars(box))
    if isinstance(fields.get("lines"), tuple):
        fields["lines"] = list(fields["lines"])
    return fields


def _later_edge(record: dict, target_plural: bool) -> dict:
    edge = {"from": record["source"], "to": record["target"], "relation": record["relation"],
            "reading": record["reading"], "inverse": inverse_reading(record["relation"], target_plural),
            "evidence": record["evidence"], "note": record.get("note"),
            **edge_style(record), "label": RELATIONS[record["relation"]][2],
            "sources": record.get("sources") if record.get("later") else None, "page": record.get("page")}
    return {k: v for k, v in edge.items() if v is not None}


def _other_names(ids: list[str], nodes, lineage) -> dict[str, list[str]]:
    """Each body's former and later names (its ancestors' and descendants' names and acronyms), for search."""
    names = {}
    for node_id in ids:
        others = []
        for other in lineage.ancestors(node_id) + lineage.descendants(node_id):
            for name in (nodes[other].label, nodes[other].acronym):
                if name and name not in others and name != nodes[node_id].label:
                    others.append(name)
        if others:
            names[node_id] = others
    return names


def _tour_step(change: dict, ever: dict) -> dict:
    bodies = [change["body"]] + [b["id"] for b in change["into"]]
    title = f"{history.format_date(change['date'])}: {change['label']}"
    return {"at": change["date"], "title": title, "text": timeline.change_sentence(change).split(": ", 1)[1],
            "nodes": [b for b in bodies if b in ever], "sources": change["sources"], "note": change.get("note")}

