"""Maps at a date: which bodies and relations stood then, what changed between two dates, with sources.

``graph_at`` is a pure function of the project and a date. At the guide's date it gives the
map exactly as ``graph.build_graph`` does; later, bodies that had ended are left out (or kept and
marked ``ended`` for the site's faded view), and the bodies that came after them are drawn in
their predecessors' regions. A body with ``beside`` is drawn in the region of the body it names.
Relations from ``data/bodies/`` (``relations:``) are drawn while both of their bodies stand.

Attributes added to a map's graph (only where they apply, so the guide's view is unchanged):
nodes ``ended`` (True), ``later`` (True for a body that began after the guide), ``placed_for``
(the body whose place it takes), ``came_from`` and ``became_steps`` (lineage records); edges
``later`` (True) and ``sources`` (cited text), ``ended`` (True).
"""

from __future__ import annotations

import datetime
import os

import networkx as nx

from . import history
from .graph import _node_attrs, build_graph, edge_records, reading, sentence_object
from .layout import compute_layout
from .loader import Project
from .schema import CHANGES, Figure, Node


def today() -> str:
    """Today's date, or the day of SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now(datetime.timezone.utc)
    return when.date().isoformat()


def all_nodes(project: Project) -> dict[str, Node]:
    """Every body of the project by id: shared bodies and each map's own."""
    nodes = dict(project.bodies)
    for fig in project.figures:
        for node in fig.nodes:
            nodes.setdefault(node.id, node)
    return nodes


def ever_on_map(project: Project, fig: Figure, nodes=None, lineage=None) -> dict[str, str | None]:
    """Every body a map shows at some date -> the body whose place it takes (None for the guide's own)."""
    nodes = nodes or all_nodes(project)
    lineage = lineage or history.build_lineage(nodes)
    anchors: dict[str, str | None] = {node_id: None for node_id in project.nodes_of(fig)}
    changed = True
    while changed:
        changed = False
        for node_id in sorted(anchors):
            for successor in lineage.successors(node_id):
                if successor not in anchors:
                    anchors[successor] = node_id
                    changed = True
        for node_id in sorted(nodes):
            beside = nodes[node_id].beside
            if node_id not in anchors and beside in anchors:
                anchors[node_id] = beside
                changed = True
    return anchors


def guide_date(project: Project) -> str:
    """The date the guide's maps show (the earliest map's ``as_of``)."""
    return min((f.as_of for f in project.figures if f.number is not None), default=min(f.as_of for f in project.figures),
               key=history.date_key)


def _step_record(step: history.Step, nodes: dict[str, Node], direction: str) -> dict:
    other = step.into if direction == "became" else (step.body,)
    body = nodes[step.body]
    change = {"date": step.date, "label": body.label, "reading": CHANGES[step.kind][1 if body.plural else 0],
              "into": [{"id": i, "label": nodes[i].label} for i in step.into]}
    return {"kind": step.kind, "date": step.date, "date_text": history.format_date(step.date),
            "text": change_sentence(change).split(": ", 1)[1],
            "bodies": [{"id": i, "label": nodes[i].label} for i in other],
            "sources": [history.cite(s) for s in step.sources], "note": step.note}


def lineage_records(node_id: str, nodes: dict[str, Node], lineage: history.Lineage) -> dict:
    """A body's lineage both ways: what it came from and what it became, each step dated and sourced."""
    came = [_step_record(s, nodes, "came_from") for s in sorted(lineage.came_from.get(node_id, []),
                                                                 key=lambda s: (history.date_key(s.date), s.body))]
    step = lineage.became.get(node_id)
    return {"came_from": came, "became_steps": [_step_record(step, nodes, "became")] if step else []}


def graph_at(project: Project, fig: Figure, at: str, keep_ended: bool = False,
             showing: dict[str, list[str]] | None = None) -> nx.MultiDiGraph:
    """The map ``fig`` as it stood on ``at`` (a year, year-month or date).

    With ``keep_ended``, bodies and relations of the map that had ended by then are kept, marked
    ``ended``: the site draws them faded, in the places they had."""
    key = history.date_key(at)
    nodes = all_nodes(project)
    lineage = history.build_lineage(nodes)
    base = build_graph(project, fig, showing)
    anchors = ever_on_map(project, fig, nodes, lineage)
    ever: dict[str, dict] = {fig.id: anchors}  # each map's bodies at any date; the others when a later body asks
    guide = history.date_key(fig.as_of)
    graph = nx.MultiDiGraph(**base.graph)
    graph.graph["at"] = at
    for node_id in sorted(anchors, key=lambda n: (anchors[n] is not None, n)):
        node = nodes[node_id]
        began = node.from_ is None or history.date_key(node.from_) <= key
        exists = history.body_exists(node, key)
        if not began or not (exists or keep_ended):
            continue
        if node_id in base:
            attrs = dict(base.nodes[node_id])
        else:
            attrs = _node_attrs(node)
            anchor = anchors[node_id]
            attrs.update(shared=True, region=_region_of(base, anchors, anchor), figure_note=None,
                         figures=_maps_showing(project, node_id, nodes, lineage, ever), placed_for=anchor)
        if node.from_ is not None and history.date_key(node.from_) > guide:
            attrs["later"] = True
        if not exists:
            attrs["ended"] = True
        if key > guide:  # at the guide's date the map is exactly the guide's
            attrs.update({k: v for k, v in lineage_records(node_id, nodes, lineage).items() if v})
        graph.add_node(node_id, **attrs)
    for record in edge_records(base):
        _keep_edge(graph, record, key, keep_ended)
    for relation in sorted(project.later_relations, key=lambda r: (r.source, r.relation, r.target)):
        _add_later(graph, relation, nodes, key, keep_ended)
    return graph


def _region_of(base: nx.MultiDiGraph, anchors: dict, anchor: str | None) -> str | None:
    while anchor is not None and anchor not in base:
        anchor = anchors.get(anchor)
    return base.nodes[anchor]["region"] if anchor is not None else None


def _maps_showing(project: Project, node_id: str, nodes, lineage, ever: dict[str, dict]) -> list[str]:
    """The maps that show ``node_id`` at some date; ``ever`` keeps each map's ``ever_on_map``."""
    for f in project.figures:
        if f.id not in ever:
            ever[f.id] = ever_on_map(project, f, nodes, lineage)
    return [f.id for f in project.figures if node_id in ever[f.id]]


def _keep_edge(graph: nx.MultiDiGraph, record: dict, key, keep_ended: bool) -> None:
    source, target = record["source"], record["target"]
    if source not in graph or target not in graph:
        return
    ended = graph.nodes[source].get("ended") or graph.nodes[target].get("ended") or \
        not history.exists_at(record.get("from"), record.get("until"), key)
    if ended and not keep_ended:
        return
    started = record.get("from") is None or history.date_key(record["from"]) <= key
    if not started:
        return
    attrs = dict(record)
    if ended:
        attrs["ended"] = True
    _attach(graph, source, target, attrs)


def _attach(graph: nx.MultiDiGraph, source: str, target: str, attrs: dict) -> None:
    graph.add_edge(source, target, key=attrs["relation"], **attrs)


def _add_later(graph: nx.MultiDiGraph, relation, nodes: dict[str, Node], key, keep_ended: bool) -> None:
    source, target = relation.source, relation.target
    if source not in graph or target not in graph:
        return
    begins = [d for d in (relation.from_, nodes[source].from_, nodes[target].from_) if d is not None]
    start = max(begins, key=history.date_key) if begins else None
    if start is not None and history.date_key(start) > key:
        return
    ended = graph.nodes[source].get("ended") or graph.nodes[target].get("ended") or \
        not history.exists_at(None, relation.until, key)
    if ended and not keep_ended:
        return
    attrs = relation.model_dump(mode="json", by_alias=True)
    attrs["sources"] = [history.cite(s) for s in relation.sources]
    attrs.update(id=f"{source}--{relation.relation}--{target}", reading=reading(relation.relation, nodes[source].plural),
                 page=None, figures=[graph.graph["id"]], later=True, **{"from": start})
    if ended:
        attrs["ended"] = True
    _attach(graph, source, target, attrs)


def layout_at(graph: nx.MultiDiGraph, fig: Figure):
    """Positions for a map at a date (pass the graph with ``keep_ended``, so places hold across views)."""
    return compute_layout(graph, fig.regions)


# -- what changed, and when ------------------------------------------------------------------

def map_changes(project: Project, fig: Figure) -> list[dict]:
    """Every dated change to the bodies a map shows, in order: what became of each, and bodies
    that began beside the map's own. Each has its date, the bodies, and its sources."""
    nodes = all_nodes(project)
    lineage = history.build_lineage(nodes)
    anchors = ever_on_map(project, fig, nodes, lineage)
    guide = history.date_key(fig.as_of)
    changes = []
    for node_id in sorted(anchors):
        node = nodes[node_id]
        step = lineage.became.get(node_id)
        if step is not None:
            into = [i for i in step.into if i in anchors]
            changes.append({"date": step.date, "body": node_id, "label": node.label, "kind": step.kind,
                            "reading": CHANGES[step.kind][1 if node.plural else 0],
                            "into": [{"id": i, "label": nodes[i].label} for i in into],
                            "sources": [history.cite(s) for s in step.sources], "note": step.note})
        elif node.until is not None:
            changes.append({"date": node.until, "body": node_id, "label": node.label, "kind": "ended",
                            "reading": "ended", "into": [], "sources": [history.cite(s) for s in node.sources],
                            "note": None})
        if anchors[node_id] is not None and node.beside is not None and node.from_ is not None \
                and history.date_key(node.from_) > guide and not lineage.came_from.get(node_id):
            changes.append({"date": node.from_, "body": node_id, "label": node.label, "kind": "established",
                            "reading": "were set up" if node.plural else "was set up", "into": [],
                            "sources": [history.cite(s) for s in node.sources], "note": None})
    return sorted(changes, key=lambda c: (history.date_key(c["date"]), c["body"], c["kind"]))


def change_sentence(change: dict) -> str:
    """'1 April 2013: Primary care trusts were replaced by Clinical commissioning groups.'"""
    text = f"{history.format_date(change['date'])}: {change['label']} {change['reading']}"
    if change["into"]:
        names = [sentence_object(b["label"]) for b in change["into"]]
        text += " " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
    return text + "."


def dates_of(project: Project, fig: Figure) -> list[str]:
    """The dates a map's date control offers: the guide's, then each date something changed.
    (Today's map is the map at the last of them: the data records nothing later.)"""
    dates = [fig.as_of] + [c["date"] for c in map_changes(project, fig)]
    seen: dict = {}
    for d in sorted(dates, key=history.date_key):
        seen.setdefault(history.date_key(d), d)
    return list(seen.values())


def resolve_date(text: str) -> str:
    """A date given on the command line: YYYY, YYYY-MM, YYYY-MM-DD or 'today'; ValueError otherwise."""
    if text == "today":
        return today()
    import re

    if not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", text):
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, or 'today', got {text!r}")
    from .schema import _real_date

    return _real_date(text)


def diff_dates(project: Project, fig: Figure, before: str, after: str) -> dict:
    """What changed on a map between two dates: bodies and relations that ended or began, and the
    dated changes between them, each with its sources."""
    old = graph_at(project, fig, before)
    new = graph_at(project, fig, after)
    lo, hi = sorted((history.date_key(before), history.date_key(after)))
    old_edges = {r["id"]: r for r in edge_records(old)}
    new_edges = {r["id"]: r for r in edge_records(new)}
    return {
        "map": fig.id, "title": fig.title, "from": before, "to": after,
        "changes": [c for c in map_changes(project, fig) if lo < history.date_key(c["date"]) <= hi],
        "bodies_ended": [{"id": n, "label": old.nodes[n]["label"]} for n in sorted(old) if n not in new],
        "bodies_began": [{"id": n, "label": new.nodes[n]["label"]} for n in sorted(new) if n not in old],
        "relations_ended": [_relation_row(old_edges[e]) for e in sorted(old_edges) if e not in new_edges],
        "relations_began": [_relation_row(new_edges[e]) for e in sorted(new_edges) if e not in old_edges],
    }


def _relation_row(record: dict) -> dict:
    return {"source": record["source"], "relation": record["relation"], "target": record["target"],
            "sources": record.get("sources") if record.get("later") else None, "page": record.get("page")}



# -- exports ---------------------------------------------------------------------------------

def _full(text: str | None) -> str | None:
    """A partial date as the day it stands for, for tools that want whole dates: '2013-04' -> '2013-04-01'."""
    if text is None:
        return None
    y, m, d = history.date_key(text)
    return f"{y:04d}-{m:02d}-{d:02d}"


def _later(a: str | None, b: str | None) -> str | None:
    dates = [d for d in (a, b) if d is not None]
    return max(dates, key=history.date_key) if dates else None


def _earlier(a: str | None, b: str | None) -> str | None:
    dates = [d for d in (a, b) if d is not None]
    return min(dates, key=history.date_key) if dates else None


def graph_to_gexf(project: Project, fig: Figure) -> str:
    """A map through time as dynamic GEXF: every body and relation it ever shows, each with the
    ``start`` and ``end`` of its period (whole dates), so Gephi's timeline plays the changes.
    List-valued attributes are JSON strings, as in the GraphML export."""
    import json

    nodes = all_nodes(project)
    every = graph_at(project, fig, "9999-12-31", keep_ended=True)
    flat = nx.MultiDiGraph(id=fig.id, title=fig.title, as_of=fig.as_of, mode="dynamic")
    period = {}
    for node_id, attrs in sorted(every.nodes(data=True)):
        node = nodes[node_id]
        start, end = node.from_, history.end_of(node)
        period[node_id] = (start, end)
        values = {k: (json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (list, dict)) else v)
                  for k, v in attrs.items() if v is not None and k not in ("ended", "from", "until")}
        values["label"] = attrs["label"]
        if start is not None:
            values["start"] = _full(start)
        if end is not None:
            values["end"] = _full(end)
        flat.add_node(node_id, **values)
    for record in edge_records(every):
        source, target = record["source"], record["target"]
        start = _later(_later(period[source][0], period[target][0]), record.get("from"))
        end = _earlier(_earlier(period[source][1], period[target][1]), record.get("until"))
        values = {k: (json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (list, dict)) else v)
                  for k, v in record.items() if v is not None and k not in ("ended", "from", "until", "source", "target")}
        if start is not None:
            values["start"] = _full(start)
        if end is not None:
            values["end"] = _full(end)
        flat.add_edge(source, target, key=record["id"], **values)
    text = "\n".join(nx.generate_gexf(flat, prettyprint=True)) + "\n"
    # networkx stamps today's date; stamp the last change instead, so the same data gives the same file
    last = _full(dates_of(project, fig)[-1])
    import re

    return re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{last}"', text, count=1)


# -- the diff between two dates --------------------------------------------------------------

def diff_text(diffs: list[dict], before: str, after: str) -> str:
    """What changed on each map between two dates, as plain text with the source of every change."""
    lines = [f"What changed from {history.format_date(before)} to {history.format_date(after)}", ""]
    for d in diffs:
        lines.append(d["title"] + f" [{d['map']}]")
        if not (d["changes"] or d["bodies_ended"] or d["bodies_began"] or d["relations_ended"] or d["relations_began"]):
            lines += ["  nothing changed", ""]
            continue
        for change in d["changes"]:
            lines.append("  " + change_sentence(change))
            lines += [f"      source: {s}" for s in change["sources"]] or ["      source: none recorded"]
        for key, title in (("bodies_ended", "no longer on the map"), ("bodies_began", "now on the map")):
            if d[key]:
                lines.append(f"  {title} ({len(d[key])}): " + ", ".join(f"{b['label']} [{b['id']}]" for b in d[key]))
        for key, title in (("relations_ended", "relations that ended"), ("relations_began", "relations that began")):
            for r in d[key]:
                cited = "; ".join(r["sources"]) if r["sources"] else (f"the guide, p {r['page']}" if r["page"] else "")
                lines.append(f"  {title}: {r['source']} {r['relation']} {r['target']}"
                             + (f" ({cited})" if cited else ""))
        lines.append("")
    return "\n".join(lines)


def diff_html(project: Project, fig: Figure, before: str, after: str) -> str:
    """One map's changes between two dates as a static page: the map drawn with what ended ghosted
    and what began outlined, and each dated change with its sources."""
    from html import escape

    from . import diff_html as view

    d = diff_dates(project, fig, before, after)
    old = graph_at(project, fig, before)
    new = graph_at(project, fig, after)
    union = nx.MultiDiGraph()
    union.add_nodes_from(old.nodes(data=True))
    union.add_nodes_from(new.nodes(data=True))
    for graph in (old, new):
        union.add_edges_from((r["source"], r["target"], r["relation"]) for r in edge_records(graph))
    nodes = {n: ("removed" if n not in new else "added" if n not in old else "same", []) for n in sorted(union)}
    key = lambda r: (r["source"], r["relation"], r["target"])  # noqa: E731
    old_keys, new_keys = {key(r) for r in edge_records(old)}, {key(r) for r in edge_records(new)}
    edges = {k: ("removed" if k not in new_keys else "added" if k not in old_keys else "same", [])
             for k in sorted(old_keys | new_keys)}
    layout = compute_layout(union, fig.regions)
    title = f"{fig.title}: what changed from {history.format_date(before)} to {history.format_date(after)}"
    rows = []
    for change in d["changes"]:
        cited = "".join(f"<li>since the guide: {escape(s)}</li>" for s in change["sources"]) or "<li>no source recorded</li>"
        rows.append(f"<tr><td class=\"change\">{escape(history.format_date(change['date']))}</td>"
                    f"<td class=\"what\">{escape(change_sentence(change).split(': ', 1)[1])}</td><td><ul>{cited}</ul></td></tr>")
    table = ("<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Change</th><th scope=\"col\">Source</th>"
             "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>") if rows else "<p>Nothing on this map changed.</p>"
    parts = [
        "<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>", f"<style>{view.CSS}</style>", "</head>", "<body>", "<main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="summary">Bodies: {len(d["bodies_began"])} began, {len(d["bodies_ended"])} ended. '
        f'Relations: {len(d["relations_began"])} began, {len(d["relations_ended"])} ended.</p>',
        view._legend_html(), '<div class="figure">', view._svg_html(union, layout, nodes, edges, title), "</div>",
        "<h2>Dated changes, with their sources</h2>", table, "</main>", "</body>", "</html>",
    ]
    return "\n".join(parts) + "\n"
