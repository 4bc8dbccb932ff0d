"""``policymap export``: a map's graph as node-link JSON, GraphML, CSV tables or a Kumu workbook.

Every format carries every relation: graphs are MultiDiGraphs (see ``graph``),
so two relations between the same bodies are two edges. Reading the JSON back
needs networkx 3.4 or later, the floor pyproject sets:
``nx.node_link_graph(json.load(f), edges="edges")``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path

import networkx as nx

from .graph import build_graph, build_joined_graph, edge_records
from .loader import Project
from .schema import RELATIONS

FORMATS = ("json", "graphml", "csv", "xlsx")


def select_graph(project: Project, key: str) -> nx.MultiDiGraph:
    """The graph for a map id, a guide figure number, or 'all' (every map joined, with the case studies)."""
    if key == "all":
        return build_joined_graph(project, case_studies=True)
    return build_graph(project, project.figure(key))


def graph_to_json(graph: nx.MultiDiGraph) -> str:
    """networkx node-link data with every attribute, as stable JSON; each edge's ``key`` is its relation."""
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def readable(value) -> str | int | float | bool:
    """A value as a person reads it in a cell: lists of words or numbers joined with ", ", records
    (facts, lessons, partnerships, case studies) one a line as their words then their pages."""
    if isinstance(value, list):
        return ("\n" if any(isinstance(v, dict) for v in value) else ", ").join(str(readable(v)) for v in value)
    if isinstance(value, dict):
        return _record_text(value)
    return "" if value is None else value


def _record_text(record: dict) -> str:
    words = [str(record[k]) for k in ("title", "name", "text", "role", "summary") if record.get(k)]
    pages = record.get("pages") or ([record["page"]] if record.get("page") else [])
    return " – ".join(words) + (f" (p {', '.join(str(p) for p in pages)})" if pages else "")


def graph_to_graphml(graph: nx.MultiDiGraph) -> str:
    """GraphML for Gephi, yEd and networkx: a ``label`` on every node and edge, lists as readable text.

    Each relation is an edge whose GraphML id is the relation's id (``source--relation--target``),
    so ``nx.read_graphml`` gives a MultiDiGraph keyed by those ids; its ``label`` is the relation
    as the maps name it ("member of").
    """
    flat = nx.MultiDiGraph()
    flat.graph.update({k: readable(v) for k, v in graph.graph.items()})
    for node_id, attrs in graph.nodes(data=True):
        flat.add_node(node_id, **{k: readable(v) for k, v in attrs.items()})
    for record in edge_records(graph):
        attrs = {k: readable(v) for k, v in record.items()}
        attrs["label"] = RELATIONS[record["relation"]][2]
        flat.add_edge(record["source"], record["target"], key=record["id"], **attrs)
    return "\n".join(nx.generate_graphml(flat, prettyprint=True)) + "\n"


# -- tables: CSV and the Kumu workbook ---------------------------------------------------------

#: Kumu's import columns (docs.kumu.io, "Structure your data for Kumu"): ID first, so connections
#: name elements by ID and each connection has one of its own; Kumu splits a cell's values on "|".
ELEMENT_COLUMNS = ["ID", "Label", "Type", "Description", "Tags", "Level", "Acronym", "Pages", "Figures", "Layer",
                   "Case study"]
CONNECTION_COLUMNS = ["ID", "From", "To", "Type", "Direction", "Label", "Description", "Evidence", "Page", "Figures",
                      "Case study"]
#: A cell beginning with one of these is run as a formula by spreadsheets (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def kumu_tables(graph: nx.MultiDiGraph) -> tuple[list[list], list[list]]:
    """Rows of the Elements and Connections tables, header first; list values stay lists.

    'Case study' holds the id of the case study a node or edge comes from (empty for the maps'
    own); case-study nodes also carry the tag 'case-study'.
    """
    elements = [ELEMENT_COLUMNS]
    for node_id, a in sorted(graph.nodes(data=True)):
        tags = [a["kind"], a["level"], a.get("layer"), "case-study" if a.get("case_study") else None]
        elements.append([node_id, a["label"], a["kind_label"], a["role"], [t for t in tags if t], a["level_label"],
                         a.get("acronym"), a["pages"], a.get("figures", []), a.get("layer"), a.get("case_study")])
    connections = [CONNECTION_COLUMNS]
    for r in edge_records(graph):
        connections.append([r["id"], r["source"], r["target"], r["relation"], "directed", RELATIONS[r["relation"]][2],
                            r.get("note"), r["evidence"], r["page"], r["figures"], r.get("case_study")])
    return elements, connections


def _cell(value) -> str | int | float:
    """A table value as a cell: lists joined with "|", nothing as empty."""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return "" if value is None else value


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, prefixed with ``'`` so it stays text (OWASP)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _csv(rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([neutralise(_cell(v)) for v in row] for row in rows)
    return out.getvalue()


def graph_to_csv(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """The Elements and Connections tables (``kumu_tables``) as CSV, for Kumu, Flourish or a spreadsheet."""
    elements, connections = kumu_tables(graph)
    return _csv(elements), _csv(connections)


#: A workbook carries dates (its properties, each zip entry); this one, the earliest a zip can
#: hold, stands for them all, so the same data gives a byte-identical workbook.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def graph_to_xlsx(graph: nx.MultiDiGraph) -> bytes:
    """A workbook Kumu imports as it is: sheets "Elements" and "Connections" (``kumu_tables``).

    Every cell is stored as text or a number, never a formula; text that a spreadsheet would
    read as one on editing carries Excel's own text prefix (quotePrefix) rather than an apostrophe.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    book.properties.created = book.properties.modified = datetime(*ZIP_EPOCH)
    for title, rows in zip(("Elements", "Connections"), kumu_tables(graph)):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([_cell(v) for v in row])
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.data_type, cell.quotePrefix = "s", True
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    raw = io.BytesIO()
    book.save(raw)
    return _stable_zip(raw.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same workbook with every date ``ZIP_EPOCH`` (openpyxl stamps the time of saving as modified)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>1980-01-01T00:00:00Z", content)
            target.writestr(zipfile.ZipInfo(info.filename, ZIP_EPOCH), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def export_graph(graph: nx.MultiDiGraph, fmt: str, output: Path | None) -> list[tuple[Path | None, str | bytes]]:
    """Render ``graph`` in ``fmt``; return (path or None for stdout, text or bytes) pairs to write."""
    stem = graph.graph["id"]
    if fmt == "json":
        return [(output, graph_to_json(graph))]
    if fmt == "graphml":
        return [(output, graph_to_graphml(graph))]
    if fmt == "xlsx":
        return [(output or Path(f"{stem}.xlsx"), graph_to_xlsx(graph))]
    nodes, edges = graph_to_csv(graph)
    folder = output or Path(".")
    return [(folder / f"{stem}-nodes.csv", nodes), (folder / f"{stem}-edges.csv", edges)]
