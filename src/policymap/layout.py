"""Deterministic positions for a map, computed at build time.

A figure's regions sit on a grid of columns and rows. Inside a region, nodes
stand in bands by level (national at the top, neighbourhood at the bottom),
wrapped at a few per row, and each band is ordered to bring linked nodes
close together (a few barycentre sweeps). No randomness: the same graph
always gives the same integer coordinates.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass, field

import networkx as nx

from .schema import LEVELS, Region

LEVEL_ORDER = {level: i for i, level in enumerate(LEVELS)}
HEADER = 40  # room for a region's heading inside its frame
PAD = 10  # space between a region's frame and its nodes
GAP = 24  # space between regions
VIEWPORT = (1280, 560)  # the map area of a 1280x720 screen, which layouts are fitted to


# -- node boxes, as vis-network draws them ----------------------------------------------------
#
# Layouts place nodes by their real size, so that no two boxes overlap: labels are wrapped here
# (the page draws the lines as given, with no width constraint of its own) and each box is
# measured as vis-network measures it.

#: Advance widths of ASCII 32-126 in 1/100 em, measured in DejaVu Sans (the fallback of Debian's
#: Chromium, and one of the widest sans-serif fonts): estimates from it err on the generous side.
_ADVANCE = [int(w) for w in (
    "32 40 46 84 64 95 78 27 39 39 50 84 32 36 32 34 64 64 64 64 64 64 64 64 64 64 34 34 84 84 84 53 "
    "100 68 69 70 77 63 58 77 75 29 29 66 56 86 75 79 60 79 69 63 61 73 68 99 69 61 69 39 34 39 84 50 "
    "50 61 63 55 63 62 35 63 63 28 28 58 28 97 63 61 63 63 41 52 39 63 59 82 59 59 52 64 34 64 84").split()]
NODE_FONT = 19  # normal mode's node labels (render.VIS_OPTIONS)
NODE_WRAP = 155  # a normal label's lines are at most this wide; a longer word keeps a line to itself
NODE_MARGIN = 8  # inside a box, around its label
NODE_BORDER = 2  # a node's border; 4 when selected, which the pixel to spare in ``node_size`` covers
NODE_PILL_RADIUS = 18  # rounded corners of "pill" nodes
NODE_GAP_X = 18  # at least this much between two boxes in a row
NODE_GAP_Y = 44  # at least this much between rows: room for a relation's name


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of ``text`` at font ``size`` (see ``_ADVANCE``)."""
    units = sum(_ADVANCE[ord(c) - 32] if 32 <= ord(c) < 127 else 66 for c in text)
    return units * size / 100 * (1.1 if bold else 1.0)


def wrap_text(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap; a word longer than ``max_width`` keeps a line to itself."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size, bold) <= max_width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def node_size(lines: list[str], shape: str, size: float = NODE_FONT, margin: int = NODE_MARGIN,
              radius: int = NODE_PILL_RADIUS, border: int = NODE_BORDER) -> tuple[int, int]:
    """A node's bounding box (width, height) as vis-network computes it, with its border and a pixel to spare.

    Lines are ``size`` tall. An ellipse is as wide as its text plus the text's height, and twice as
    tall, with no margin; a box adds its margin, and its corner radius on every side ("pill")."""
    text_w = max(text_width(line, size) for line in lines)
    text_h = len(lines) * size
    if shape == "ellipse":
        text_w, text_h = text_w + text_h, 2 * text_h
    else:
        extra = 2 * margin + (2 * radius if shape == "pill" else 0)
        text_w, text_h = text_w + extra, text_h + extra
    return math.ceil(text_w) + border + 2, math.ceil(text_h) + border + 2


def node_label(attrs: dict) -> str:
    """A body's name on the normal map, with its acronym: "Neighbourhood Renewal Unit (NRU)"."""
    return attrs["label"] if not attrs.get("acronym") else f"{attrs['label']} ({attrs['acronym']})"


def wrap_label(text: str, shape: str, size: float = NODE_FONT, wrap: float = NODE_WRAP, **box) -> list[str]:
    """``text`` in lines for a node of ``shape``: ellipses may run wider, whichever gives the smaller box."""
    widths = (wrap, wrap * 1.3, wrap * 1.6) if shape == "ellipse" else (wrap,)
    return min((wrap_text(text, w, size) for w in widths), key=lambda ls: math.prod(node_size(ls, shape, size, **box)))


def _normal_boxes(graph: nx.MultiDiGraph, shapes) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    """Each node's label (lines joined with "\\n") and box in normal mode."""
    labels, sizes = {}, {}
    for node_id, attrs in graph.nodes(data=True):
        shape = (shapes or {}).get(attrs.get("kind"), "box")
        lines = wrap_label(node_label(attrs), shape)
        labels[node_id], sizes[node_id] = "\n".join(lines), node_size(lines, shape)
    return labels, sizes


@dataclass(frozen=True)
class RegionBox:
    id: str
    label: str
    x: int
    y: int
    width: int
    height: int
    inset: bool = False
    lines: tuple[str, ...] = ()  # the heading's wrapped lines, where the layout wrapped it


@dataclass(frozen=True)
class Layout:
    positions: dict[str, tuple[int, int]]
    regions: list[RegionBox]
    width: int
    height: int
    labels: dict[str, str] = field(default_factory=dict)  # each node's label as drawn, lines joined with "\n"
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # each node's box (width, height)


@dataclass
class _Region:
    id: str
    label: str
    column: int
    row: int
    inset: bool
    nodes: list[str]
    rows: list[list[str]] | None = None


class _Cells:
    """The room each node and row takes: a node's slot is at least ``cell_width`` and its box plus a
    gap; a row is at least ``cell_height`` and its tallest box plus a gap."""

    def __init__(self, sizes: dict[str, tuple[int, int]], cell_width: int, cell_height: int):
        self.sizes, self.cell_width, self.cell_height = sizes, cell_width, cell_height

    def slot(self, node_id: str) -> int:
        return max(self.cell_width, self.sizes[node_id][0] + NODE_GAP_X)

    def row_width(self, row: list[str]) -> int:
        return sum(self.slot(n) for n in row)

    def row_height(self, row: list[str]) -> int:
        return max([self.cell_height] + [self.sizes[n][1] + NODE_GAP_Y for n in row])

    def region(self, part: _Region) -> tuple[int, int]:
        """(width, height) of a region's nodes."""
        rows = part.rows or [[]]
        return max(self.row_width(r) for r in rows) or self.cell_width, sum(self.row_height(r) for r in rows)


def compute_layout(graph: nx.MultiDiGraph, regions=(), cell_width: int = 175, cell_height: int = 100,
                   per_row: int | None = None, shapes: dict[str, str] | None = None) -> Layout:
    """Positions for every node of ``graph``; ``regions`` are the figure's ``schema.Region``s.

    ``shapes`` maps a node kind to its shape ("box", "pill" or "ellipse"; box if missing): labels
    are wrapped and boxes measured (``node_size``) so that no two boxes overlap. Without ``per_row``,
    bands wrap at whichever width (2 to 7 nodes) lets the map be drawn largest when fitted to a
    1280x720 screen.
    """
    labels, sizes = _normal_boxes(graph, shapes)
    cells = _Cells(sizes, cell_width, cell_height)
    if per_row is None:
        if graph.number_of_nodes() > 400:  # too many to read at once anyway: a square-ish grid
            per_row = max(2, round(math.sqrt(graph.number_of_nodes() / max(1, len(regions) or 1)) * 1.4))
        else:
            candidates = [compute_layout(graph, regions, cell_width, cell_height, n, shapes) for n in range(2, 8)]
            return max(candidates, key=lambda lay: (round(fitted_scale(lay), 4), -lay.width))
    parts = _group(graph, regions)
    for part in parts:
        part.rows = _bands(graph, part.nodes, per_row)
    neighbours = {n: sorted(set(graph.predecessors(n)) | set(graph.successors(n))) for n in graph.nodes}
    positions = _place(parts, cells)
    for _ in range(4):
        for part in parts:
            part.rows = [_order_row(neighbours, row, positions) for row in part.rows]
        positions = _place(parts, cells)
    boxes = _boxes(parts, cells)
    width = max((b.x + b.width for b in boxes), default=cell_width)
    height = max((b.y + b.height for b in boxes), default=cell_height)
    return Layout(positions=positions, regions=boxes, width=width, height=height,
                  labels=dict(sorted(labels.items())), sizes=dict(sorted(sizes.items())))


def _group(graph: nx.MultiDiGraph, regions) -> list[_Region]:
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


def _bands(graph: nx.MultiDiGraph, nodes: list[str], per_row: int) -> list[list[str]]:
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


def _grid(parts: list[_Region], cells: _Cells):
    col_width: dict[int, int] = {}
    row_height: dict[int, int] = {}
    for part in parts:
        width, height = cells.region(part)
        col_width[part.column] = max(col_width.get(part.column, 0), width + 2 * PAD)
        row_height[part.row] = max(row_height.get(part.row, 0), height + HEADER + PAD)
    col_x, x = {}, 0
    for column in sorted(col_width):
        col_x[column] = x
        x += col_width[column] + GAP
    row_y, y = {}, 0
    for row in sorted(row_height):
        row_y[row] = y
        y += row_height[row] + GAP
    return col_x, col_width, row_y, row_height


def _place(parts: list[_Region], cells: _Cells) -> dict[str, tuple[int, int]]:
    col_x, col_width, row_y, _ = _grid(parts, cells)
    positions = {}
    for part in parts:
        inner = col_width[part.column] - 2 * PAD
        y = row_y[part.row] + HEADER
        for row in part.rows or []:
            left = col_x[part.column] + PAD + (inner - cells.row_width(row)) // 2
            height = cells.row_height(row)
            for node_id in row:
                slot = cells.slot(node_id)
                positions[node_id] = (left + slot // 2, y + height // 2)
                left += slot
            y += height
    return positions


def _boxes(parts: list[_Region], cells: _Cells) -> list[RegionBox]:
    col_x, col_width, row_y, row_height = _grid(parts, cells)
    return [
        RegionBox(p.id, p.label, col_x[p.column], row_y[p.row], col_width[p.column], row_height[p.row], p.inset)
        for p in sorted(parts, key=lambda p: (p.row, p.column, p.id))
    ]


# -- the whole-system map ------------------------------------------------------------------------

FRAME_HEADER = 56  # room for a frame's title (a figure, the shared bodies, the case studies)
SHARED_FRAME = "shared"
CASE_STUDIES_FRAME = "case-studies"


@dataclass(frozen=True)
class SystemBox(RegionBox):
    """A box of the whole-system layout: a frame (``parent`` None) or a region inside the frame ``parent``."""

    parent: str | None = None


@dataclass
class _Block:
    frame: RegionBox  # at (0, 0); moved when the blocks are arranged
    layout: Layout


def compute_system_layout(graph: nx.MultiDiGraph, figures, cell_width: int = 180, cell_height: int = 110,
                          shapes: dict[str, str] | None = None) -> Layout:
    """Positions for the joined graph (``graph.build_joined_graph``, with or without case studies).

    ``figures`` is the maps in order, as ``(schema.Figure, its graph from build_graph)`` pairs. Each map
    keeps its own layout of the bodies only it shows, framed as one block; bodies shown by two or more
    maps stand in a middle column between the first half of the maps (left) and the rest (right), so
    with the guide's three figures mental health is on the left and regeneration on the right. Case-study
    projects and partners sit in their own frame below, one region per case study.

    ``regions`` holds ``SystemBox``es: a frame per block (``parent`` None; id a map's id, "shared" or
    "case-studies") and the regions inside it (``parent`` the frame's id; ids are "<frame>--<region>").
    """
    own: dict[str, list[str]] = {fig.id: [] for fig, _ in figures}
    shared, cases = [], []
    for node_id, attrs in sorted(graph.nodes(data=True)):
        showing = [f for f in attrs.get("figures", []) if f in own]
        if attrs.get("case_study"):
            cases.append(node_id)
        elif len(showing) == 1:
            own[showing[0]].append(node_id)
        else:  # shown by several maps (or, defensively, by none)
            shared.append(node_id)
    blocks: dict[str, _Block] = {}
    for fig, fig_graph in figures:
        if own[fig.id]:
            label = f"Figure {fig.number}: {fig.title}" if fig.number else fig.title
            blocks[fig.id] = _block(fig.id, label, fig_graph.subgraph(own[fig.id]), fig.regions, cell_width, cell_height,
                                    shapes)
    if shared:
        sub = _with_regions(graph.subgraph(shared), {})
        blocks[SHARED_FRAME] = _block(SHARED_FRAME, "Shared by several maps", sub, (), cell_width, cell_height, shapes,
                                      per_row=2)
    if cases:
        studies = [s["id"] for s in graph.graph.get("case_studies", [])]
        titles = {s["id"]: s["title"] for s in graph.graph.get("case_studies", [])}
        studies += sorted({graph.nodes[n]["case_study"] for n in cases} - set(studies))
        regions = [Region(id=s, label=titles.get(s, s), column=i) for i, s in enumerate(studies)]
        sub = _with_regions(graph.subgraph(cases), {n: graph.nodes[n]["case_study"] for n in cases})
        blocks[CASE_STUDIES_FRAME] = _block(CASE_STUDIES_FRAME, "Case studies (Section 4)", sub, regions,
                                            cell_width, cell_height, shapes)
    return _arrange(blocks, [fig.id for fig, _ in figures])


def _with_regions(sub: nx.MultiDiGraph, regions: dict[str, str]) -> nx.MultiDiGraph:
    copy = sub.copy()
    for node_id, attrs in copy.nodes(data=True):
        attrs["region"] = regions.get(node_id)
    return copy


def _block(frame_id, label, sub, regions, cell_width, cell_height, shapes, per_row=None) -> _Block:
    inner = compute_layout(sub, regions, cell_width, cell_height, per_row, shapes)
    frame = RegionBox(frame_id, label, 0, 0, inner.width + 2 * PAD, inner.height + FRAME_HEADER + PAD)
    return _Block(frame, inner)


def _arrange(blocks: dict[str, _Block], figure_ids: list[str]) -> Layout:
    present = [f for f in figure_ids if f in blocks]
    left, right = present[:max(1, len(present) // 2)], present[max(1, len(present) // 2):]
    columns = [left, [SHARED_FRAME] if SHARED_FRAME in blocks else [], right]
    widths = [max((blocks[b].frame.width for b in col), default=0) for col in columns]
    heights = [sum(blocks[b].frame.height for b in col) + GAP * max(0, len(col) - 1) for col in columns]
    tallest = max(heights, default=0)
    placed: dict[str, tuple[int, int]] = {}
    x = 0
    for col, width, height in zip(columns, widths, heights):
        if not col:
            continue
        y = (tallest - height) // 2 if col == columns[1] else 0  # the shared column sits mid-way down
        for block_id in col:
            placed[block_id] = (x + (width - blocks[block_id].frame.width) // 2, y)
            y += blocks[block_id].frame.height + GAP
        x += width + 2 * GAP
    if CASE_STUDIES_FRAME in blocks:
        total = max(x - 2 * GAP, blocks[CASE_STUDIES_FRAME].frame.width)
        placed[CASE_STUDIES_FRAME] = ((total - blocks[CASE_STUDIES_FRAME].frame.width) // 2, tallest + 2 * GAP)
    positions: dict[str, tuple[int, int]] = {}
    labels: dict[str, str] = {}
    sizes: dict[str, tuple[int, int]] = {}
    boxes: list[SystemBox] = []
    for block_id, (bx, by) in placed.items():
        block = blocks[block_id]
        frame = block.frame
        labels.update(block.layout.labels)
        sizes.update(block.layout.sizes)
        boxes.append(SystemBox(frame.id, frame.label, bx, by, frame.width, frame.height))
        dx, dy = bx + PAD, by + FRAME_HEADER
        positions.update((n, (px + dx, py + dy)) for n, (px, py) in block.layout.positions.items())
        for box in block.layout.regions:
            if box.id == "_map":
                continue  # a single unnamed region: the frame says it all
            boxes.append(SystemBox(f"{frame.id}--{box.id}", box.label, box.x + dx, box.y + dy, box.width, box.height,
                                   box.inset, parent=frame.id))
    width = max((b.x + b.width for b in boxes), default=0)
    height = max((b.y + b.height for b in boxes), default=0)
    return Layout(positions=dict(sorted(positions.items())), regions=boxes, width=width, height=height,
                  labels=dict(sorted(labels.items())), sizes=dict(sorted(sizes.items())))


# -- presentation layout ----------------------------------------------------------------------
#
# Workshop mode projects a map at 1280x720 and every label must stay readable from the back
# of the room: at least 22 CSS px with the whole map fitted, no two labels overlapping. The
# normal layout (uniform cells for 19px labels) fits at about 0.6, so presentation mode has a
# layout of its own: labels pre-wrapped (or the acronym, where the name is long and the acronym
# unique), boxes sized from estimated text widths, rows packed tightly within the same regions,
# and region widths chosen to let the map be drawn largest.

PRESENT_FONT = 22  # node labels, in layout units; the layout fits at scale >= 1, so >= 22 CSS px
PRESENT_HEADING = 20  # region headings, bold
PRESENT_VIEWPORT = (1280, 720)  # the map fills a 1280x720 screen; the presentation bar folds away
PRESENT_FIT_MARGIN = 8  # the page's fit leaves this many CSS px around the map
PRESENT_MARGIN = 6  # inside a node, around its label (vis-network ``margin``)
PRESENT_BORDER = 3  # node border width in presentation mode
PRESENT_PILL_RADIUS = 8  # rounded corners of "pill" nodes; vis-network counts them into a node's bounding box
PRESENT_HGAP, PRESENT_VGAP = 12, 10  # between nodes
PRESENT_PAD, PRESENT_GAP = 6, 10  # inside a region's frame; between regions


@dataclass(frozen=True)
class PackStyle:
    """How a packed layout draws: label and heading sizes, a node's box, the gaps, the fit."""

    font: int  # node labels
    heading: int  # region headings, bold
    heading_room: int  # beside a heading's lines, in its region's top
    margin: int  # inside a box, around its label
    border: int
    radius: int  # a pill's corners
    hgap: int  # between nodes in a row
    vgap: int  # between rows
    pad: int  # inside a region's frame
    gap: int  # between regions
    fit_margin: int  # the page's fit leaves this many CSS px around the map
    full_names: bool  # names as on the normal map, "Name (ACR)", never shortened to an acronym


PRESENT_STYLE = PackStyle(font=PRESENT_FONT, heading=PRESENT_HEADING, heading_room=8, margin=PRESENT_MARGIN,
                          border=PRESENT_BORDER, radius=PRESENT_PILL_RADIUS, hgap=PRESENT_HGAP, vgap=PRESENT_VGAP,
                          pad=PRESENT_PAD, gap=PRESENT_GAP, fit_margin=PRESENT_FIT_MARGIN, full_names=False)


def presentation_name(label: str) -> str:
    """A label without its parenthesised asides: 'NSF for Children (in preparation)' -> 'NSF for Children'."""
    return " ".join(re.sub(r"\s*\([^)]*\)", "", label).split()) or label


@dataclass(frozen=True)
class PresentationLayout:
    positions: dict[str, tuple[int, int]]
    labels: dict[str, str]  # lines joined with "\n"
    regions: list[dict]  # RegionBox fields plus ``lines``, the heading's wrapped lines
    width: int
    height: int
    font: int
    scale: float  # the estimated fitted scale at PRESENT_VIEWPORT: labels are font x scale CSS px
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # each node's box (width, height)


def _styled_size(lines: list[str], shape: str, style: PackStyle) -> tuple[int, int]:
    """A node's box in ``style`` (``node_size`` with its font, margin, corners and border)."""
    return node_size(lines, shape, style.font, style.margin, style.radius, style.border)


def _pack_labels(graph: nx.MultiDiGraph, shapes, wrap: int, acronym_over: float, style: PackStyle):
    """Each node's lines and box; the (unique) acronym replaces names wider than ``acronym_over`` px."""
    acronyms: dict[str, int] = {}
    for _, attrs in graph.nodes(data=True):
        if attrs.get("acronym"):
            acronyms[attrs["acronym"]] = acronyms.get(attrs["acronym"], 0) + 1
    lines, sizes, short = {}, {}, 0
    for node_id, attrs in graph.nodes(data=True):
        shape = shapes.get(attrs.get("kind"), "box")
        name = node_label(attrs) if style.full_names else presentation_name(attrs.get("label", node_id))
        acronym = attrs.get("acronym")
        if acronym and acronyms[acronym] == 1 and text_width(name, style.font) > acronym_over:
            name, short = acronym, short + 1
        widths = (wrap, wrap * 1.5, wrap * 2) if shape == "ellipse" else (wrap,)
        best = min((wrap_text(name, w, style.font) for w in widths),
                   key=lambda ls: math.prod(_styled_size(ls, shape, style)))
        lines[node_id], sizes[node_id] = best, _styled_size(best, shape, style)
    return lines, sizes, short


def _row_width(row: list[str], sizes, hgap: int) -> float:
    return sum(sizes[n][0] for n in row) + hgap * (len(row) - 1)


def _pack_rows(bands: list[list[str]], sizes, budget: float, hgap: int) -> list[list[str]]:
    """Rows of nodes, band by band, none wider than ``budget`` unless one node is; a band's rows even."""
    rows = []
    for band in bands:
        greedy, width = [[]], 0.0
        for node_id in band:
            w = sizes[node_id][0]
            if greedy[-1] and width + hgap + w > budget:
                greedy.append([])
                width = 0.0
            width += (hgap if greedy[-1] else 0) + w
            greedy[-1].append(node_id)
        per = math.ceil(len(band) / len(greedy))
        even = [band[i:i + per] for i in range(0, len(band), per)]
        rows += even if len(even) == len(greedy) and all(_row_width(r, sizes, hgap) <= budget for r in even) else greedy
    return rows


def _pack_tight(bands: list[list[str]], sizes, budget: float, hgap: int) -> list[list[str]]:
    """Rows by first-fit decreasing height, so that nodes of a height share a row; rows then in level order."""
    order = {n: i for i, n in enumerate(n for band in bands for n in band)}
    rows: list[list[str]] = []
    widths: list[float] = []
    for node_id in sorted(order, key=lambda n: (-sizes[n][1], -sizes[n][0], order[n])):
        w = sizes[node_id][0]
        for i, used in enumerate(widths):
            if used + hgap + w <= budget:
                rows[i].append(node_id)
                widths[i] += hgap + w
                break
        else:
            rows.append([node_id])
            widths.append(w)
    rows = [sorted(row, key=order.get) for row in rows]
    return sorted(rows, key=lambda row: (sum(order[n] for n in row) / len(row), row[0]))


def _heading_height(lines: int, style: PackStyle) -> float:
    return lines * style.heading * 1.2 + style.heading_room if lines else style.pad


def _content_height(rows, sizes, vgap: int) -> float:
    return sum(max(sizes[n][1] for n in row) for row in rows) + vgap * max(len(rows) - 1, 0)


def _region_options(label: str, bands, sizes, pack, limit: float, style: PackStyle) -> list[tuple[float, float]]:
    """(inner width, height) at each width where the region gets shorter: the widths worth trying.

    Bisects between the narrowest and the widest useful width, to 8 px."""
    widest = max(sizes[n][0] for band in bands for n in band)
    full = max(widest, min(limit, max(_row_width(band, sizes, style.hgap) for band in bands)))

    def height(budget: float) -> float:
        heading = len(wrap_text(label, budget, style.heading, bold=True)) if label else 0
        return (_heading_height(heading, style) + _content_height(pack(bands, sizes, budget), sizes, style.vgap)
                + style.pad)

    found = {widest: height(widest), full: height(full)}
    spans = [(widest, full)]
    while spans:
        low, high = spans.pop()
        if high - low > 8 and found[low] != found[high]:
            middle = (low + high) / 2
            found[middle] = height(middle)
            spans += [(low, middle), (middle, high)]
    options: list[tuple[float, float]] = []
    for budget in sorted(found):
        if not options or found[budget] < options[-1][1]:
            options.append((budget, found[budget]))
    return options


@functools.lru_cache(maxsize=8192)
def _options_of(label: str, packing: str, members: tuple, limit: float, style: PackStyle) -> tuple:
    """``_region_options`` for a region whose bands are ``members`` (bands of (node id, size)),
    remembered across layouts: a map's layout at each of its dates, and the whole system's parts,
    pack the same regions again and again."""
    bands = [[n for n, _ in band] for band in members]
    sizes = {n: size for band in members for n, size in band}
    pack = functools.partial(_pack_tight if packing == "tight" else _pack_rows, hgap=style.hgap)
    return tuple(_region_options(label, bands, sizes, pack, limit, style))


def _height_at(options: list[tuple[float, float]], budget: float) -> float:
    fitting = [h for b, h in options if b <= budget]
    return fitting[-1] if fitting else options[0][1]


def compute_presentation_layout(graph: nx.MultiDiGraph, regions=(), shapes=None,
                                viewport: tuple[int, int] = PRESENT_VIEWPORT,
                                style: PackStyle = PRESENT_STYLE) -> PresentationLayout:
    """The layout of presentation mode: the figure's regions, packed for ``style.font`` px labels.

    ``shapes`` maps a node kind to its shape ("box", "pill" or "ellipse"). Tries a few wrap
    widths, acronym rules and ways to line up the regions; keeps the fullest names that still fit
    at scale 1 (with a little to spare), else whatever is drawn largest. With ``style.full_names``
    names are never shortened.
    """
    shapes = shapes or {}
    best = None
    tried: set = set()
    level_bands = {p.id: _bands(graph, p.nodes, 10 ** 6) for p in _group(graph, regions)}
    for acronym_over in (math.inf,) if style.full_names else (math.inf, 260, 190, 120):
        for wrap in (130, 150, 170, 190, 215, 240):
            lines, sizes, short = _pack_labels(graph, shapes, wrap, acronym_over, style)
            signature = tuple(sorted((n, tuple(ls)) for n, ls in lines.items()))
            if signature in tried:
                continue  # the same labels as a candidate already tried
            tried.add(signature)
            for tidiness, packing in enumerate(("tight", "merged", "bands")):
                for aligned, mode in enumerate(("columns", "grid")):
                    # Fit first (to a margin), then full names, then tidy rows and aligned frames, then size.
                    rank = (-short, tidiness, aligned)
                    need = _scale_to_beat(best[0] if best else None, rank)
                    if need is None:
                        continue  # a fitting candidate ranks higher whatever this one's scale
                    # The final scale is rounded to 4 places: search a little below the one to beat.
                    packed = _pack_presentation(graph, regions, lines, sizes, viewport, packing, mode, style,
                                                level_bands, at_least=need - 1e-3)
                    if packed is None:
                        continue  # cannot reach the scale it would need to win
                    scale, finish = packed
                    key = (min(scale, 1.05), *rank, scale)
                    if best is None or key > best[0]:
                        best = (key, finish)
        if best[0][0] >= 1.05:
            break  # fits with these names: no need to shorten more of them
    return best[1]()  # only the chosen candidate has its nodes placed


def _scale_to_beat(best_key: tuple | None, rank: tuple) -> float | None:
    """The fitted scale a candidate of ``rank`` must reach to outrank ``best_key`` (0 with none yet),
    or None when no scale would: the best already fits and ranks higher."""
    if best_key is None:
        return 0.0
    capped, best_rank, scale = best_key[0], best_key[1:-1], best_key[-1]
    if rank > best_rank:
        return capped
    if rank < best_rank and capped >= 1.05:
        return None
    return scale


def _pack_presentation(graph, regions, lines, sizes, viewport, packing: str, mode: str, style: PackStyle,
                       level_bands: dict, at_least: float = 0.0):
    """Nodes in rows inside each region: a row per level band ("bands"), levels run together
    ("merged"), or rows of like heights ("tight"). Regions on the figure's grid ("grid": columns and
    rows aligned) or stacked in their columns ("columns": each region only as tall as it needs).

    ``level_bands``: each region's nodes in level bands (``_bands``), the same for every candidate.
    Returns the fitted scale, and a function that places the nodes and gives the PresentationLayout;
    None if no arrangement reaches the scale ``at_least`` (the search skips what could not)."""
    parts = _group(graph, regions)
    bands = level_bands
    if packing != "bands":
        bands = {k: [[n for band in v for n in band]] for k, v in bands.items()}
    pack = functools.partial(_pack_tight if packing == "tight" else _pack_rows, hgap=style.hgap)
    options = {p.id: _options_of(p.label, packing, tuple(tuple((n, sizes[n]) for n in band) for band in bands[p.id]),
                                 viewport[0], style) for p in parts}
    columns = sorted({p.column for p in parts})
    grid_rows = sorted({p.row for p in parts})
    avail_w, avail_h = viewport[0] - 2 * style.fit_margin, viewport[1] - 2 * style.fit_margin
    by_col = {c: [p for p in parts if p.column == c] for c in columns}

    # Per column: its useful widths, each with the heights of its regions at that width.
    # Per column: its useful widths, each with what it adds up to in height: per grid row the
    # tallest of its regions there ("grid"), or the height of its whole stack ("columns").
    candidates = []
    for c in columns:
        floor = max(options[p.id][0][0] for p in by_col[c])  # no region narrower than its widest node
        widths = sorted({b for p in by_col[c] for b, _ in options[p.id] if b >= floor})
        if mode == "grid":
            vectors = [tuple(max((_height_at(options[p.id], w) for p in by_col[c] if p.row == r), default=0.0)
                             for r in grid_rows) for w in widths]
        else:
            vectors = [(sum(_height_at(options[p.id], w) for p in by_col[c]) + style.gap * (len(by_col[c]) - 1),)
                       for w in widths]
        candidates.append([(w + 2 * style.pad, v) for w, v in zip(widths, vectors)])
    gaps_w = style.gap * (len(columns) - 1)
    gaps_h = style.gap * (len(grid_rows) - 1) if mode == "grid" else 0
    narrowest = [sum(cands[0][0] for cands in candidates[k:]) for k in range(len(candidates) + 1)]
    best = [0.0, None]

    def search(k: int, width: float, tallest: tuple, chosen: list) -> None:
        # Branch and bound: the columns still to choose are at least their narrowest, and a row
        # is at least as tall as its tallest region so far.
        bound = min(avail_w / (width + narrowest[k] + gaps_w), avail_h / max(1.0, sum(tallest) + gaps_h))
        if bound <= best[0] + 1e-9:
            return
        if k == len(candidates):
            best[0], best[1] = bound, (list(chosen), width + gaps_w, sum(tallest) + gaps_h)
            return
        for w, vector in candidates[k]:  # narrowest first: once too wide, every later one is too
            if avail_w / (width + w + narrowest[k + 1] + gaps_w) <= best[0] + 1e-9:
                break
            chosen.append(w)
            search(k + 1, width + w, tuple(map(max, tallest, vector)), chosen)
            chosen.pop()

    # A first answer to prune with: each column its share of the width.
    share = [max((c for c in cands if c[0] <= avail_w / len(candidates)), default=cands[0], key=lambda c: c[0])
             for cands in candidates]
    seed_w = sum(c[0] for c in share) + gaps_w
    seed_h = sum(map(max, *[c[1] for c in share])) if len(share) > 1 else sum(share[0][1])
    best[0], best[1] = min(avail_w / seed_w, avail_h / (seed_h + gaps_h)), ([c[0] for c in share], seed_w, seed_h + gaps_h)
    if at_least > best[0]:
        best[0], best[1] = at_least, None
    search(0, 0.0, (0.0,) * len(candidates[0][0][1]), [])
    if best[1] is None:
        return None
    scale = best[0]
    budget = {c: w - 2 * style.pad for c, w in zip(columns, best[1][0])}
    width, height = best[1][1], best[1][2]
    for part in parts:
        part.rows = pack(bands[part.id], sizes, budget[part.column])

    # Spend the room that does not bind on wider columns and taller regions (more space between nodes).
    extra_w = max(0.0, avail_w / scale - width)
    col_w = {c: budget[c] + 2 * style.pad + extra_w / len(columns) for c in columns}
    heading = {p.id: wrap_text(p.label, col_w[p.column] - 2 * style.pad, style.heading, bold=True) if p.label else []
               for p in parts}
    natural = {p.id: _heading_height(len(heading[p.id]), style) + _content_height(p.rows, sizes, style.vgap) + style.pad
               for p in parts}
    frames: dict[str, tuple[float, float, float, float]] = {}  # region id -> x, y, width, height
    col_x, x = {}, 0.0
    for c in columns:
        col_x[c], x = x, x + col_w[c] + style.gap
    if mode == "grid":
        row_nat = {r: max(natural[p.id] for p in parts if p.row == r) for r in grid_rows}
        spare = max(0.0, avail_h / scale - sum(row_nat.values()) - style.gap * (len(grid_rows) - 1))
        y = 0.0
        for r in grid_rows:
            h = row_nat[r] + spare * row_nat[r] / sum(row_nat.values())
            for p in parts:
                if p.row == r:
                    frames[p.id] = (col_x[p.column], y, col_w[p.column], h)
            y += h + style.gap
    else:
        for c in columns:
            column = sorted(by_col[c], key=lambda p: p.row)
            total = sum(natural[p.id] for p in column)
            spare = max(0.0, avail_h / scale - total - style.gap * (len(column) - 1))
            y = 0.0
            for p in column:
                h = natural[p.id] + spare * natural[p.id] / total
                frames[p.id] = (col_x[c], y, col_w[c], h)
                y += h + style.gap

    boxes = [{"id": p.id, "label": p.label, "lines": heading[p.id], "x": round(frames[p.id][0]),
              "y": round(frames[p.id][1]), "width": round(frames[p.id][2]), "height": round(frames[p.id][3]),
              "inset": p.inset} for p in sorted(parts, key=lambda p: (p.row, p.column, p.id))]
    total_w = max(b["x"] + b["width"] for b in boxes)
    total_h = max(b["y"] + b["height"] for b in boxes)
    scale = round(min(avail_w / total_w, avail_h / total_h), 4)

    def finish() -> PresentationLayout:
        def place() -> dict[str, tuple[int, int]]:
            positions = {}
            for part in parts:
                fx, fy, fw, fh = frames[part.id]
                inner_w = fw - 2 * style.pad
                top = fy + _heading_height(len(heading[part.id]), style)
                inner_h = fy + fh - style.pad - top
                heights = [max(sizes[n][1] for n in row) for row in part.rows]
                free_h = inner_h - sum(heights)
                gap_y = min(free_h / (len(heights) + 1), 4 * style.vgap)
                cursor = top + (free_h - gap_y * (len(heights) - 1)) / 2
                for row, row_height in zip(part.rows, heights):
                    free = inner_w - sum(sizes[n][0] for n in row)
                    gap_x = min(free / (len(row) + 1), 5 * style.hgap)
                    left = fx + style.pad + (free - gap_x * (len(row) - 1)) / 2
                    for node_id in row:
                        w = sizes[node_id][0]
                        positions[node_id] = (round(left + w / 2), round(cursor + row_height / 2))
                        left += w + gap_x
                    cursor += row_height + gap_y
            return positions

        neighbours = {n: sorted(set(graph.predecessors(n)) | set(graph.successors(n))) for n in graph.nodes}
        positions = place()
        for _ in range(4):
            for part in parts:
                part.rows = [_order_row(neighbours, row, positions) for row in part.rows]
            positions = place()
        return PresentationLayout(positions=dict(sorted(positions.items())),
                                  labels={n: "\n".join(ls) for n, ls in sorted(lines.items())},
                                  regions=boxes, width=total_w, height=total_h, font=style.font, scale=scale,
                                  sizes={n: sizes[n] for n in sorted(sizes)})

    return scale, finish


# -- the normal layout of a figure --------------------------------------------------------------
#
# A figure's normal map is packed the same way, for its own 19px labels with full names, wider
# gaps (relation names run between the boxes) and the map area of a 1280x720 screen: no two boxes
# overlap, and the map is drawn about as large as the uniform grid of ``compute_layout`` draws it.

NORMAL_STYLE = PackStyle(font=NODE_FONT, heading=16, heading_room=14, margin=NODE_MARGIN, border=NODE_BORDER,
                         radius=NODE_PILL_RADIUS, hgap=30, vgap=44, pad=10, gap=GAP, fit_margin=12, full_names=True)
NORMAL_VIEWPORT = (1236, 577)  # a 1280x720 screen's map area, less the zoom buttons' strip


def compute_map_layout(graph: nx.MultiDiGraph, regions=(), shapes=None) -> Layout:
    """A figure's normal layout: ``compute_presentation_layout`` with ``NORMAL_STYLE``, as a ``Layout``."""
    packed = compute_presentation_layout(graph, regions, shapes, NORMAL_VIEWPORT, NORMAL_STYLE)
    boxes = [RegionBox(r["id"], r["label"], r["x"], r["y"], r["width"], r["height"], r["inset"], tuple(r["lines"]))
             for r in packed.regions]
    return Layout(positions=packed.positions, regions=boxes, width=packed.width, height=packed.height,
                  labels=packed.labels, sizes=packed.sizes)
