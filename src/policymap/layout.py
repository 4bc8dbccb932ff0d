"""Deterministic positions for a map, computed at build time.

A figure's regions sit on a grid of columns and rows. Inside a region, nodes
stand in bands by level (national at the top, neighbourhood at the bottom),
wrapped at a few per row, and each band is ordered to bring linked nodes
close together (a few barycentre sweeps). No randomness: the same graph
always gives the same integer coordinates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from .schema import LEVELS

LEVEL_ORDER = {level: i for i, level in enumerate(LEVELS)}
HEADER = 40  # room for a region's heading inside its frame
PAD = 10  # space between a region's frame and its nodes
GAP = 24  # space between regions
VIEWPORT = (1280, 560)  # the map area of a 1280x720 screen, which layouts are fitted to


@dataclass(frozen=True)
class RegionBox:
    id: str
    label: str
    x: int
    y: int
    width: int
    height: int
    inset: bool = False


@dataclass(frozen=True)
class Layout:
    positions: dict[str, tuple[int, int]]
    regions: list[RegionBox]
    width: int
    height: int


@dataclass
class _Region:
    id: str
    label: str
    column: int
    row: int
    inset: bool
    nodes: list[str]
    rows: list[list[str]] | None = None

    def size(self, per_row: int) -> tuple[int, int]:
        """(columns, rows) of cells once bands are wrapped at ``per_row``."""
        return max((len(r) for r in self.rows or [[]]), default=1), max(len(self.rows or []), 1)


def compute_layout(graph: nx.DiGraph, regions=(), cell_width: int = 175, cell_height: int = 100,
                   per_row: int | None = None) -> Layout:
    """Positions for every node of ``graph``; ``regions`` are the figure's ``schema.Region``s.

    Without ``per_row``, bands wrap at whichever width (2 to 7 nodes) lets the map be
    drawn largest when fitted to a 1280x720 screen.
    """
    if per_row is None:
        if graph.number_of_nodes() > 400:  # too many to read at once anyway: a square-ish grid
            per_row = max(2, round(math.sqrt(graph.number_of_nodes() / max(1, len(regions) or 1)) * 1.4))
        else:
            candidates = [compute_layout(graph, regions, cell_width, cell_height, n) for n in range(2, 8)]
            return max(candidates, key=lambda lay: (round(fitted_scale(lay), 4), -lay.width))
    parts = _group(graph, regions)
    for part in parts:
        part.rows = _bands(graph, part.nodes, per_row)
    neighbours = {n: sorted(set(graph.predecessors(n)) | set(graph.successors(n))) for n in graph.nodes}
    positions = _place(parts, cell_width, cell_height)
    for _ in range(4):
        for part in parts:
            part.rows = [_order_row(neighbours, row, positions) for row in part.rows]
        positions = _place(parts, cell_width, cell_height)
    boxes = _boxes(parts, cell_width, cell_height)
    width = max((b.x + b.width for b in boxes), default=cell_width)
    height = max((b.y + b.height for b in boxes), default=cell_height)
    return Layout(positions=positions, regions=boxes, width=width, height=height)


def _group(graph: nx.DiGraph, regions) -> list[_Region]:
    parts = {r.id: _Region(r.id, r.label, r.column, r.row, r.inset, []) for r in regions}
    for node_id in sorted(graph.nodes):
        region = graph.nodes[node_id].get("region")
        if region not in parts:
            region = "_map"
            parts.setdefault(region, _Region(region, "", 0, 0, False, []))
        parts[region].nodes.append(node_id)
    return [p for p in parts.values() if p.nodes]


def fitted_scale(layout: Layout, viewport: tuple[int, int] = VIEWPORT) -> float:
    """The zoom at which the whole layout fits ``viewport`` (with a node's margin around it)."""
    return min(viewport[0] / (layout.width + 40), viewport[1] / (layout.height + 40))


def _bands(graph: nx.DiGraph, nodes: list[str], per_row: int) -> list[list[str]]:
    by_level: dict[int, list[str]] = {}
    for node_id in nodes:
        attrs = graph.nodes[node_id]
        by_level.setdefault(LEVEL_ORDER.get(attrs.get("level"), len(LEVEL_ORDER)), []).append(node_id)
    rows = []
    for level in sorted(by_level):
        members = sorted(by_level[level], key=lambda n: (graph.nodes[n].get("kind", ""), graph.nodes[n].get("label", n), n))
        count = math.ceil(len(members) / per_row)
        size = math.ceil(len(members) / count)
        rows += [members[i:i + size] for i in range(0, len(members), size)]
    return rows


def _order_row(neighbours: dict[str, list[str]], row: list[str], positions) -> list[str]:
    def key(node_id: str):
        near = [positions[n][0] for n in neighbours[node_id]]
        current = positions[node_id][0]
        target = sum(near) / len(near) if near else current
        return (round(target * 0.7 + current * 0.3, 3), node_id)

    return sorted(row, key=key)


def _grid(parts: list[_Region], cell_width: int, cell_height: int):
    col_width: dict[int, int] = {}
    row_height: dict[int, int] = {}
    for part in parts:
        cols, rows = part.size(0)
        col_width[part.column] = max(col_width.get(part.column, 0), cols * cell_width + 2 * PAD)
        row_height[part.row] = max(row_height.get(part.row, 0), rows * cell_height + HEADER + PAD)
    col_x, x = {}, 0
    for column in sorted(col_width):
        col_x[column] = x
        x += col_width[column] + GAP
    row_y, y = {}, 0
    for row in sorted(row_height):
        row_y[row] = y
        y += row_height[row] + GAP
    return col_x, col_width, row_y, row_height


def _place(parts: list[_Region], cell_width: int, cell_height: int) -> dict[str, tuple[int, int]]:
    col_x, col_width, row_y, _ = _grid(parts, cell_width, cell_height)
    positions = {}
    for part in parts:
        inner = col_width[part.column] - 2 * PAD
        for r, row in enumerate(part.rows or []):
            left = col_x[part.column] + PAD + (inner - len(row) * cell_width) // 2
            y = row_y[part.row] + HEADER + r * cell_height + cell_height // 2
            for i, node_id in enumerate(row):
                positions[node_id] = (left + i * cell_width + cell_width // 2, y)
    return positions


def _boxes(parts: list[_Region], cell_width: int, cell_height: int) -> list[RegionBox]:
    col_x, col_width, row_y, row_height = _grid(parts, cell_width, cell_height)
    return [
        RegionBox(p.id, p.label, col_x[p.column], row_y[p.row], col_width[p.column], row_height[p.row], p.inset)
        for p in sorted(parts, key=lambda p: (p.row, p.column, p.id))
    ]
