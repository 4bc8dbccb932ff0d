"""One map's changes as a static HTML page: an SVG drawn from the computed layout, and a table.

Nodes and edges of both versions are laid out together (``layout.compute_layout``
on the union of the two graphs), then drawn as inline SVG in Python: added
ones outlined in green, removed ones ghosted, changed ones outlined in orange,
each with a text badge so colour is never the only sign. Below it, a table of
the map's changes (its nodes, edges, own fields, regions, tours and steps) and
one of the rest of the data (glossary, abbreviations, websites, case studies).
No JavaScript and no remote resources; every piece of text is escaped.
"""

from __future__ import annotations

import json
import textwrap
from html import escape

import click
import networkx as nx

from .diff import MAP_SECTIONS, Diff, field_changes
from .graph import build_graph, edge_records
from .layout import compute_layout
from .loader import Project
from .render import KIND_STYLE
from .schema import RELATIONS

BOX_W, BOX_H, MARGIN = 160, 54, 40
#: How a row of each ``Diff.sections`` section is named in the tables.
SECTION_KINDS = {"maps": "map", "regions": "region", "tours": "tour", "tour_steps": "tour step",
                 "glossary": "glossary term", "abbreviations": "abbreviation", "websites": "website",
                 "case_studies": "case study", "case_study_partners": "case-study partner",
                 "case_study_links": "case-study link"}
STATUS_STYLE = {  # stroke, stroke width, dash, opacity, badge
    "added": ("#1a7f37", 4, "", 1.0, "+ added"),
    "removed": ("#6b6b6b", 2, "6 4", 0.38, "− removed"),
    "changed": ("#b35900", 4, "", 1.0, "~ changed"),
    "same": (None, 1.5, "", 1.0, ""),
}
CSS = """
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; margin: 0 auto;
       max-width: 1400px; padding: 16px 24px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; } h2 { font-size: 1.2rem; margin-top: 28px; }
.versions, .summary { color: #333; margin: 4px 0; }
.legend { display: flex; gap: 18px; flex-wrap: wrap; padding: 0; list-style: none; }
.legend span { display: inline-block; width: 28px; height: 14px; vertical-align: middle; margin-right: 6px;
               border-radius: 2px; background: #fff; }
.figure { overflow: auto; border: 1px solid #c5ccd6; background: #fff; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { border: 1px solid #c5ccd6; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; }
td.change { white-space: nowrap; font-weight: 600; } td.what { min-width: 16em; }
tr.added td.change { color: #1a7f37; } tr.removed td.change { color: #555; } tr.changed td.change { color: #8a4500; }
.field { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; }
del { color: #8a1c1c; } ins { color: #1a5f2a; text-decoration: none; }
"""


def select_map(old: Project, new: Project, key: str) -> str:
    """A map id from an id or a guide number in either version; a usage error otherwise."""
    for project in (new, old):
        try:
            return project.figure(key).id
        except KeyError:
            continue
    ids = sorted({f.id for f in old.figures} | {f.id for f in new.figures})
    raise click.BadParameter(f"expected a map id or figure number of either version, got {key!r}; "
                             f"choose from: {', '.join(ids)}", param_hint="--html")


def _version_graph(project: Project, map_id: str) -> tuple[nx.MultiDiGraph | None, list]:
    try:
        fig = project.figure(map_id)
    except KeyError:
        return None, []
    return build_graph(project, fig), list(fig.regions)


def diff_to_html(old: Project, new: Project, diff: Diff, map_key: str, old_label: str, new_label: str) -> str:
    map_id = select_map(old, new, map_key)
    old_graph, old_regions = _version_graph(old, map_id)
    new_graph, new_regions = _version_graph(new, map_id)
    old_graph = old_graph if old_graph is not None else nx.MultiDiGraph()
    new_graph = new_graph if new_graph is not None else nx.MultiDiGraph()
    nodes = _node_status(old_graph, new_graph, map_id)
    edges = _edge_status(old_graph, new_graph)
    union = nx.MultiDiGraph()
    for graph in (old_graph, new_graph):  # the new version's attributes win
        union.add_nodes_from(graph.nodes(data=True))
        union.add_edges_from((r["source"], r["target"]) for r in edge_records(graph))
    known = {r.id for r in new_regions}
    regions = new_regions + [r for r in old_regions if r.id not in known]
    layout = compute_layout(union, regions)
    fig = new.figure(map_id) if any(f.id == map_id for f in new.figures) else old.figure(map_id)
    title = f"Changes to {fig.title}"
    rows = _rows(diff, nodes, edges, map_id, old_graph, new_graph)
    counts = {status: sum(1 for s, _ in nodes.values() if s == status) for status in ("added", "removed", "changed")}
    edge_counts = {status: sum(1 for s, _ in edges.values() if s == status) for status in ("added", "removed", "changed")}
    parts = [
        "<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>", "<main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="versions">From <strong>{escape(old_label)}</strong> to <strong>{escape(new_label)}</strong> '
        f"(map <code>{escape(map_id)}</code>).</p>",
        f'<p class="summary">Nodes: {counts["added"]} added, {counts["removed"]} removed, {counts["changed"]} changed. '
        f'Edges: {edge_counts["added"]} added, {edge_counts["removed"]} removed, {edge_counts["changed"]} changed.</p>',
        _legend_html(),
        '<div class="figure">', _svg_html(union, layout, nodes, edges, title), "</div>",
        "<h2>Changes in this map</h2>", _table_html(rows),
        "<h2>Changes elsewhere in the data</h2>",
        _table_html(_section_rows(diff, [n for n in diff.sections if n not in MAP_SECTIONS]),
                    "Nothing else in the data changed."),
        "</main>", "</body>", "</html>",
    ]
    return "\n".join(parts) + "\n"


def _status(before: dict, after: dict) -> dict:
    """Key -> (status, field changes), for two versions' fields by key (nodes or edges)."""
    status = {}
    for key in sorted(set(before) | set(after)):
        if key not in before:
            status[key] = ("added", [])
        elif key not in after:
            status[key] = ("removed", [])
        else:
            changes = field_changes(before[key], after[key])
            status[key] = ("changed" if changes else "same", changes)
    return status


def _node_status(old: nx.MultiDiGraph, new: nx.MultiDiGraph, map_id: str) -> dict[str, tuple[str, list[dict]]]:
    """Node id -> (status, field changes that matter in this map)."""
    return _status({n: _fields(a) for n, a in old.nodes(data=True)}, {n: _fields(a) for n, a in new.nodes(data=True)})


def _fields(attrs: dict) -> dict:
    """A node's attributes in this map, named as ``policymap diff`` names them."""
    skip = {"kind_label", "level_label", "figure_note", "figures", "region"}
    fields = {k: v for k, v in attrs.items() if k not in skip}
    fields["maps"] = attrs["figures"]
    fields["region"] = attrs.get("region")
    fields["note in this map"] = attrs.get("figure_note")
    return fields


def _edge_status(old: nx.MultiDiGraph, new: nx.MultiDiGraph) -> dict[tuple, tuple[str, list[dict]]]:
    def by_key(graph):
        return {(r["source"], r["relation"], r["target"]): {k: r.get(k) for k in ("evidence", "page", "note")}
                for r in edge_records(graph)}

    return _status(by_key(old), by_key(new))


# -- drawing ---------------------------------------------------------------------------------

def _legend_html() -> str:
    items = []
    for status in ("added", "removed", "changed"):
        stroke, width, dash, opacity, badge = STATUS_STYLE[status]
        style = f"border: {min(width, 3)}px {'dashed' if dash else 'solid'} {stroke}; opacity: {max(opacity, 0.5)}"
        items.append(f'<li><span style="{style}"></span>{escape(badge)}</li>')
    items.append('<li><span style="border: 1px solid #444"></span>unchanged</li>')
    return '<ul class="legend" aria-label="Legend">' + "".join(items) + "</ul>"


def _clip(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float]:
    """Where the segment from a box centre (x1, y1) towards (x2, y2) leaves the box."""
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return x1, y1
    scale = min((BOX_W / 2 + 4) / abs(dx) if dx else float("inf"), (BOX_H / 2 + 4) / abs(dy) if dy else float("inf"))
    return x1 + dx * min(scale, 1.0), y1 + dy * min(scale, 1.0)


def _dash(dash: str) -> str:
    return f' stroke-dasharray="{dash}"' if dash else ""


def _svg_html(graph: nx.MultiDiGraph, layout, nodes: dict, edges: dict, title: str) -> str:
    width, height = layout.width + 2 * MARGIN, layout.height + 2 * MARGIN

    def pt(x: float, y: float) -> tuple[float, float]:
        return x + MARGIN, y + MARGIN

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" style="max-width: 100%; height: auto" '
           'role="img" '
           f'aria-label="{escape(title)}: map of changes" xmlns="http://www.w3.org/2000/svg" '
           'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">',
           "<defs>" + "".join(
               f'<marker id="arrow-{status}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
               f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{STATUS_STYLE[status][0] or "#555"}"/>'
               "</marker>" for status in STATUS_STYLE) + "</defs>",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for box in layout.regions:
        x, y = pt(box.x, box.y)
        out.append(f'<rect x="{x}" y="{y}" width="{box.width}" height="{box.height}" rx="4" '
                   f'fill="{"#fff8e1" if box.inset else "#f3f5f8"}" stroke="#c5ccd6"/>')
        if box.label:
            out.append(f'<text x="{x + 10}" y="{y + 24}" font-size="15" font-weight="600" fill="#333">'
                       f"{escape(box.label)}</text>")
    pairs: dict[frozenset, list[tuple]] = {}
    for key in edges:
        pairs.setdefault(frozenset((key[0], key[2])), []).append(key)
    for (source, relation, target), (status, _changes) in edges.items():
        (x1, y1), (x2, y2) = pt(*layout.positions[source]), pt(*layout.positions[target])
        sx, sy = _clip(x1, y1, x2, y2)
        tx, ty = _clip(x2, y2, x1, y1)
        siblings = pairs[frozenset((source, target))]
        if len(siblings) > 1:  # several relations between one pair: spread them apart
            length = max(((tx - sx) ** 2 + (ty - sy) ** 2) ** 0.5, 1.0)
            shift = (siblings.index((source, relation, target)) - (len(siblings) - 1) / 2) * 14
            nx_, ny_ = -(ty - sy) / length * shift, (tx - sx) / length * shift
            sx, sy, tx, ty = sx + nx_, sy + ny_, tx + nx_, ty + ny_
        stroke, width_, dash, opacity, _ = STATUS_STYLE[status]
        colour = stroke or "#555555"
        out.append(f'<g class="edge {status}" opacity="{opacity}"><title>{escape(f"{source} {relation} {target}")}'
                   f'{escape(" (" + status + ")") if status != "same" else ""}</title>'
                   f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{tx:.1f}" y2="{ty:.1f}" stroke="{colour}" '
                   f'stroke-width="{min(width_, 3) if status != "same" else 1.2}"{_dash(dash)} '
                   f'marker-end="url(#arrow-{status})"/>')
        if status != "same":
            mx, my = (sx + tx) / 2, (sy + ty) / 2
            out.append(f'<text x="{mx:.1f}" y="{my - 4:.1f}" font-size="12" text-anchor="middle" fill="{colour}" '
                       f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{escape(RELATIONS[relation][2])}</text>')
        out.append("</g>")
    for node_id, attrs in sorted(graph.nodes(data=True)):
        status = nodes[node_id][0]
        colour = KIND_STYLE[attrs["kind"]][0]
        stroke, width_, dash, opacity, badge = STATUS_STYLE[status]
        x, y = pt(*layout.positions[node_id])
        label = attrs["label"] + (f" ({attrs['acronym']})" if attrs.get("acronym") else "")
        lines = textwrap.wrap(label, 24)[:3] or [node_id]
        if len(textwrap.wrap(label, 24)) > 3:
            lines[-1] = lines[-1][:21] + "…"
        out.append(f'<g class="node {status}" opacity="{opacity}"><title>{escape(f"{label} [{node_id}]")}'
                   f'{escape(" (" + status + ")") if status != "same" else ""}</title>')
        out.append(f'<rect x="{x - BOX_W / 2}" y="{y - BOX_H / 2}" width="{BOX_W}" height="{BOX_H}" rx="6" '
                   f'fill="{colour}" fill-opacity="0.18" stroke="{stroke or colour}" stroke-width="{width_}"{_dash(dash)}/>')
        first = y - (len(lines) - 1) * 8 + 4
        out.append(f'<text x="{x}" y="{first:.1f}" font-size="13" text-anchor="middle" fill="#111">'
                   + "".join(f'<tspan x="{x}" dy="{0 if i == 0 else 16}">{escape(line)}</tspan>'
                             for i, line in enumerate(lines)) + "</text>")
        if badge:
            out.append(f'<text x="{x - BOX_W / 2 + 4}" y="{y - BOX_H / 2 - 5}" font-size="12" font-weight="700" '
                       f'fill="{stroke}">{escape(badge)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


# -- the table -------------------------------------------------------------------------------

def _rows(diff: Diff, nodes: dict, edges: dict, map_id: str, old: nx.MultiDiGraph, new: nx.MultiDiGraph) -> list[dict]:
    renamed_from = {r["new_id"]: r["old_id"] for r in diff.renames}
    renamed_to = {r["old_id"]: r["new_id"] for r in diff.renames}
    new_ids = {r["id"] for r in diff.nodes_added}
    gone_ids = {r["id"] for r in diff.nodes_removed}
    rows = []
    for node_id, (status, changes) in nodes.items():
        if status == "same":
            continue
        attrs = (new if node_id in new else old).nodes[node_id]
        what = f"{attrs['label']} [{node_id}]"
        note = ""
        if status == "added":
            note = (f"likely renamed from {renamed_from[node_id]}" if node_id in renamed_from
                    else "new node" if node_id in new_ids else "now shown in this map")
        elif status == "removed":
            note = (f"likely renamed to {renamed_to[node_id]}" if node_id in renamed_to
                    else "no longer in the data" if node_id in gone_ids else "no longer in this map")
        rows.append({"status": status, "kind": "node", "what": what, "note": note, "changes": changes})
    for (source, relation, target), (status, changes) in edges.items():
        if status == "same":
            continue
        rows.append({"status": status, "kind": "edge", "what": f"{source} {relation} {target}", "note": "",
                     "changes": changes})
    return rows + _section_rows(diff, MAP_SECTIONS, map_id)


def _section_rows(diff: Diff, names, map_id: str | None = None) -> list[dict]:
    """Table rows for ``Diff.sections`` (only the rows of ``map_id``, when given)."""
    rows = []
    for name in names:
        for status in ("added", "removed", "changed"):
            for row in diff.sections[name][status]:
                if map_id is not None and row["key"] != map_id and not row["key"].startswith(map_id + "/"):
                    continue
                rows.append({"status": status, "kind": SECTION_KINDS[name], "what": f"{row['label']} [{row['key']}]",
                             "note": "", "changes": row.get("changes", [])})
    return rows


def _cell(value) -> str:
    return "<em>none</em>" if value is None else escape(json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value)


def _table_html(rows: list[dict], empty: str = "Nothing in this map changed.") -> str:
    if not rows:
        return f"<p>{escape(empty)}</p>"
    out = ['<table>', "<thead><tr><th scope=\"col\">Change</th><th scope=\"col\">What</th>"
           "<th scope=\"col\">Details</th></tr></thead>", "<tbody>"]
    for row in rows:
        details = [escape(row["note"])] if row["note"] else []
        details += [f'<span class="field">{escape(c["field"])}</span>: <del>{_cell(c["old"])}</del> → '
                    f'<ins>{_cell(c["new"])}</ins>' for c in row["changes"]]
        out.append(f'<tr class="{row["status"]}"><td class="change">{escape(row["status"])} {escape(row["kind"])}</td>'
                   f"<td class=\"what\">{escape(row['what'])}</td><td>{'<br>'.join(details)}</td></tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)
