"""pyvis views of the maps, for exploring the data in a Jupyter notebook.

    from policymap.notebook import network
    net = network("mental-health-services", data_dir="data")
    net                                   # a notebook shows it (offline, in an iframe)
    net.write_html("figure-2.html")       # or a page of its own

``network`` returns a pyvis ``Network`` holding the map as the site draws it: the
positions computed at build time, physics off, the site's colours and shapes.
Titles (hover text) are plain text, and the page pyvis writes loads nothing from
the internet. pyvis is an extra: ``pip install 'policymap[notebook]'``.
"""

from __future__ import annotations

import html
import os
import re

from . import schema
from .errors import PolicymapError
from .graph import build_graph, figures_showing
from .layout import compute_layout, node_label
from .loader import load_project
from .render import FigurePage, graph_to_vis_data, page_url, vis_options

try:
    from pyvis.network import Network
except ImportError as error:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError("policymap.notebook needs pyvis, which is an extra: pip install 'policymap[notebook]'") from error

__all__ = ["network", "MapNetwork"]

#: Links to files on the internet in pyvis's page template (Bootstrap, whatever cdn_resources says).
_REMOTE = re.compile(r'<link\b[^>]*\bhref="https?://[^"]*"[^>]*>|<script\b[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>')
#: vis-network writes a string title as text on one line; let long roles wrap.
_TOOLTIP_STYLE = "<style>div.vis-tooltip { white-space: pre-wrap; max-width: 32em; }</style>"


class PlainText(str):
    """A title that is text, never markup.

    pyvis switches to a popup of its own that sets ``innerHTML`` from a node's title as soon
    as any title contains "href"; for a plain-text title that test answers no, so vis-network
    keeps showing it as text.
    """

    def __contains__(self, part: str) -> bool:
        return part != "href" and str.__contains__(self, part)


class MapNetwork(Network):
    """pyvis's ``Network`` whose page works offline: vis-network inline, no links to CDNs."""

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        page = _REMOTE.sub("", super().generate_html(name, local, notebook))
        self.html = page.replace("</head>", _TOOLTIP_STYLE + "</head>", 1)
        return self.html

    def _repr_html_(self) -> str:
        """What Jupyter shows for the object: the page in a sandboxed iframe, with nothing to fetch."""
        return (f'<iframe srcdoc="{html.escape(self.generate_html())}" sandbox="allow-scripts" '
                f'style="width: {self.width}; height: {self.height}; border: 0"></iframe>')


def network(key: str, data_dir: str | os.PathLike = "data", height: str = "720px") -> MapNetwork:
    """The map ``key`` (an id such as "mental-health-services", or a guide figure number) as a pyvis Network."""
    project = load_project(data_dir)
    try:
        fig = project.figure(str(key))
    except KeyError:
        choices = ", ".join(f.id for f in project.figures)
        raise PolicymapError(f"expected a map id or figure number, got {key!r}; maps: {choices}") from None
    return page_to_network(_page(project, fig), height)


def _page(project, fig: schema.Figure) -> FigurePage:
    graph = build_graph(project, fig, figures_showing(project))
    return FigurePage(fig, graph, compute_layout(graph, fig.regions), page_url(fig.id))


def page_to_network(page: FigurePage, height: str = "720px") -> MapNetwork:
    """A pyvis Network of a laid-out map: the site's nodes and edges, with plain-text titles."""
    net = MapNetwork(height=height, width="100%", directed=True, cdn_resources="in_line")
    net.options = vis_options()
    net.options["interaction"]["dragNodes"] = True  # exploring: let bodies be moved apart
    data = graph_to_vis_data(page)
    for node in data["nodes"]:
        node["title"] = PlainText(_node_title(page.graph.nodes[node["id"]]))
        net.nodes.append(node)  # filled directly: add_node and add_edge scan every item already added
        net.node_ids.append(node["id"])
        net.node_map[node["id"]] = node
    for edge, record in zip(data["edges"], page.records):
        edge["title"] = PlainText(_edge_title(page.graph, record))
        net.edges.append(edge)
    return net


def _node_title(attrs: dict) -> str:
    lines = [node_label(attrs), f"{attrs['kind_label']}, {attrs['level_label'].lower()}", attrs["role"]]
    pages = ", ".join(str(p) for p in attrs["pages"])
    lines.append(f"Guide p {pages}" if pages else "")
    return "\n".join(line for line in lines if line)


def _edge_title(graph, record: dict) -> str:
    source, target = graph.nodes[record["source"]]["label"], graph.nodes[record["target"]]["label"]
    text = f"{source} {record['reading']} {target} ({record['evidence']}, p {record['page']})"
    return text + (f"\n{record['note']}" if record.get("note") else "")
