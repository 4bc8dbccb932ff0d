"""``build_site``: gather every page in memory, then write ``site/`` in one swap.

Like mkdocs' build, nothing is written until every page has rendered; the new
site is written to a temporary folder beside the output and swapped in, so a
failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable

from . import schema
from .bundle import join_scripts
from .errors import BuildAborted, UsageProblem
from .gcpause import paused_collection
from .graph import build_graph, build_joined_graph, figures_showing
from .history_page import page_timeline
from .layout import compute_layout, compute_map_layout, compute_presentation_layout, compute_system_layout
from .loader import Project, load_project, report_warnings
from .parts import system_parts
from .render import (FigurePage, figure_context, make_environment, page_url, preview_svg_html, render_page,
                     site_data, source_line, vis_shapes)

MARKER = ".policymap-site"  # in every built site: only a folder holding it is replaced whole
MARKER_TEXT = "policymap build wrote this folder; the next build replaces it whole.\n"
SITE_DATA = "assets/site-data.js"  # what the map pages share: bodies, relations, terms (render.site_data)
PAGE_SCRIPT = "assets/policymap.js"  # static/js/ joined (bundle.join_scripts)
MAP_DATA = "assets/maps/"  # each map page's own data (pagedata.PageData): MAP_DATA + <page>.js
WHOLE_SYSTEM = "whole-system"
PRESENT_MAX_NODES = 80


@dataclass
class BuildReport:
    out_dir: Path
    pages: list[str] = field(default_factory=list)
    warnings: int = 0

    def summary(self) -> str:
        return f"built {len(self.pages)} pages into {self.out_dir}/ ({self.warnings} warnings)"


def gather_pages(project: Project) -> dict[str, FigurePage]:
    pages = {}
    showing = figures_showing(project)
    for fig in project.figures:
        graph = build_graph(project, fig, showing)
        # Presentation mode packs every label at projector size: past about 80 bodies no screen
        # holds them all, so large maps present with their normal layout, laid out on a grid.
        if graph.number_of_nodes() <= PRESENT_MAX_NODES:
            layout, present = _packed(compute_map_layout, graph, fig.regions), _packed(compute_presentation_layout, graph, fig.regions)
        else:
            layout, present = compute_layout(graph, fig.regions, shapes=vis_shapes()), None
        page = FigurePage(fig, graph, layout, page_url(fig.id), present)
        pages[fig.id] = dataclasses.replace(page, timeline=page_timeline(project, page, _map_layout, _present_layout))
    whole = whole_system_page(project, pages)
    if whole is not None:
        pages[whole.figure.id] = whole
    return pages


_PACKED_CACHE: dict[str, object] = {}
PACKED_KEEP = 256  # a build packs about 50 layouts (each map at each date, the whole system's parts): keep a few builds' worth


def _map_layout(graph, fig):
    """A map's normal layout, as ``gather_pages`` lays it out (also for the map at later dates)."""
    if graph.number_of_nodes() <= PRESENT_MAX_NODES:
        return _packed(compute_map_layout, graph, fig.regions)
    return compute_layout(graph, fig.regions, shapes=vis_shapes())


def _present_layout(graph, fig):
    """Presentation mode's layout, or None for a map too large to pack at projector size."""
    return _packed(compute_presentation_layout, graph, fig.regions) if graph.number_of_nodes() <= PRESENT_MAX_NODES else None


def _packed(compute, graph, regions, **options):
    """``compute(graph, regions, shapes, **options)`` (a packed layout), remembered for the life of the process.

    Packing labels takes about a third of a second a map; it reads only the labels, kinds, levels,
    regions and relations, so ``policymap serve`` skips it when an edit changes a role, a
    description or a page.
    """
    key = json.dumps([compute.__name__, sorted((n, a["label"], a.get("acronym"), a["kind"], a["level"], a.get("region"))
                                               for n, a in graph.nodes(data=True)),
                      sorted(graph.edges), [r.model_dump() for r in regions],
                      sorted((k, dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v) for k, v in options.items())],
                     sort_keys=True)
    if key not in _PACKED_CACHE:
        if len(_PACKED_CACHE) > PACKED_KEEP:
            _PACKED_CACHE.clear()
        _PACKED_CACHE[key] = compute(graph, regions, vis_shapes(), **options)
    return _PACKED_CACHE[key]


def whole_system_page(project: Project, pages: dict[str, FigurePage]) -> FigurePage | None:
    """All maps joined, with the case studies as a layer that can be hidden; None with fewer than two maps."""
    if len(project.figures) < 2:
        return None
    graph = build_joined_graph(project, case_studies=True, graphs={f: p.graph for f, p in pages.items()})
    numbers = [str(f.number) for f in project.figures if f.number]
    joined = ("Figures " + ", ".join(numbers[:-1]) + " and " + numbers[-1]) if len(numbers) == len(project.figures) \
        else "every map"
    fig = schema.Figure(
        id=WHOLE_SYSTEM, title=f"The whole system: {joined} joined",
        caption=("Every map in one picture. Each figure keeps its own part of the page; bodies that several maps "
                 "share sit between them, and the guide's case studies sit below as a layer you can hide."),
        as_of=max(f.as_of for f in project.figures),
        as_of_note="Each body's panel says what has changed since, where its map does.",
        tours=project.whole_system_tours)
    layout = compute_system_layout(graph, [(f, pages[f.id].graph) for f in project.figures], shapes=vis_shapes())
    # Too large to project whole: presentation mode shows it a part at a time (parts.py).
    parts = system_parts([(f, pages[f.id].graph, pages[f.id].present) for f in project.figures], graph,
                         project.whole_system_tours, vis_shapes(), _part_layout)
    return FigurePage(fig, graph, layout, page_url(WHOLE_SYSTEM), parts=tuple(parts))


def _part_layout(graph, regions, shapes, **options):
    """A part's presentation layout (``parts.system_parts``), remembered as ``_packed`` remembers a map's."""
    return _packed(compute_presentation_layout, graph, list(regions), **options)


def _nav(pages: dict[str, FigurePage], current: str) -> list[dict]:
    items = [{"url": "index.html", "label": "All maps"}]
    items += [{"url": p.url, "label": f"Figure {p.figure.number}" if p.figure.number else
               ("Whole system" if p.figure.id == WHOLE_SYSTEM else p.figure.title)} for p in pages.values()]
    items.append({"url": "glossary.html", "label": "Glossary"})
    return [dict(item, current=item["url"] == current) for item in items]


def _map_name(page: FigurePage) -> str:
    fig = page.figure
    return f"Figure {fig.number}: {fig.title}" if fig.number else fig.title


def _start_here(pages: dict[str, FigurePage]) -> dict | None:
    """Where a newcomer starts: the first map, its first tour, then the first tour across the figures."""
    figures = [p for p in pages.values() if p.figure.id != WHOLE_SYSTEM]
    if not figures:
        return None
    first = next((p for p in figures if p.figure.tours), figures[0])
    start: dict = {"map": {"url": first.url, "name": _map_name(first)}, "tour": None, "across": None}
    if first.figure.tours:
        tour = first.figure.tours[0]
        start["tour"] = {"title": tour.title, "url": f"{first.url}#tour={tour.id}&step=1"}
    whole = pages.get(WHOLE_SYSTEM)
    if whole is not None and whole.figure.tours:
        tour = whole.figure.tours[0]
        start["across"] = {"title": tour.title, "url": f"{whole.url}#tour={tour.id}&step=1"}
    return start


def _first_page_of(pages: dict[str, FigurePage], node_id: str) -> str | None:
    for page in pages.values():
        if node_id in page.graph:
            return f"{page.url}#node={node_id}"
    return None


def map_data_file(url: str) -> str:
    """Where a map page's own data is written: beside the shared assets, not in the page, so the
    page's heading and text version arrive without it (the loader fetches it after the first paint)."""
    return MAP_DATA + url.removesuffix(".html") + ".js"


def render_site(project: Project) -> dict[str, str]:
    """Every page of the site, by file name."""
    env = make_environment()
    pages = gather_pages(project)
    common = {"root": "", "site_title": project.site.title, "site_note": project.site.note}
    shared, own_nodes = site_data(project, pages)
    out: dict[str, str] = {SITE_DATA: render_page(env, "site-data.js", {"site": shared}), PAGE_SCRIPT: join_scripts()}
    for page in pages.values():
        context = figure_context(project, pages, page, own_nodes[page.figure.id])
        data_file = map_data_file(page.url)
        out[data_file] = render_page(env, "page-data.js", {"page_data": context["page_data"]})
        out[page.url] = render_page(env, "figure.html", {**common, **context, "page_title": page.figure.title,
                                                         "page_data_file": data_file, "nav": _nav(pages, page.url)})
    maps = [{"id": p.figure.id, "url": p.url, "number": p.figure.number, "title": p.figure.title,
             "name": _map_name(p), "caption": p.figure.caption, "as_of": p.figure.as_of,
             "as_of_note": p.figure.as_of_note, "node_count": p.graph.number_of_nodes(), "edge_count": len(p.records),
             "preview_svg_html": preview_svg_html(p), "source": source_line(p.figure),
             "present_url": f"{p.url}?present",
             "tours": [{"title": t.title, "url": f"{p.url}?present#tour={t.id}&step=1"} for t in p.figure.tours]}
            for p in pages.values()]
    out["index.html"] = render_page(env, "index.html", {**common, "page_title": project.site.heading,
                                                        "heading": project.site.heading,
                                                        "maps": maps, "start": _start_here(pages),
                                                        "glossary_url": "glossary.html", "about": project.site.introduction,
                                                        "nav": _nav(pages, "index.html")})
    out["glossary.html"] = render_page(env, "glossary.html", {**common, **glossary_context(project, pages),
                                                              "page_title": "Glossary and abbreviations",
                                                              "nav": _nav(pages, "glossary.html")})
    return out


def glossary_context(project: Project, pages: dict[str, FigurePage]) -> dict:
    nodes = {}
    for page in pages.values():
        for node_id, attrs in page.graph.nodes(data=True):
            nodes.setdefault(node_id, attrs)
    terms = []
    for term in sorted(project.reference.glossary, key=lambda t: t.term.lower()):
        users = sorted((a["label"], n) for n, a in nodes.items() if term.id in a["glossary"])
        terms.append({"id": term.id, "term": term.term, "definition": term.definition, "page": term.page,
                      "used_by": [{"label": label, "url": _first_page_of(pages, n)} for label, n in users]})
    abbreviations = []
    for item in sorted(project.reference.abbreviations, key=lambda a: a.abbr.lower()):
        links = []
        if item.node and item.node in nodes:
            links.append({"label": nodes[item.node]["label"], "url": _first_page_of(pages, item.node)})
        abbreviations.append({"abbr": item.abbr, "expansion": item.expansion, "links": links})
    websites = [{"name": w.name, "url": w.url, "printed": w.url.split("://", 1)[-1], "heading": w.heading}
                for w in project.reference.websites]
    return {"terms": terms, "abbreviations": abbreviations, "websites": websites}


def build_site(data_dir, out_dir, strict: bool = False, echo: Callable[[str], None] = lambda line: None) -> BuildReport:
    """Validate ``data_dir`` and replace ``out_dir`` with the built site, or change nothing."""
    check_out_dir(out_dir, data_dir)  # refuse before the work, and again when writing
    with paused_collection():
        project = load_project(data_dir)
        report_warnings(project, strict, echo, outcome="the site was not changed")
        files = render_site(project)
    write_site(files, Path(out_dir), data_dir)
    return BuildReport(Path(out_dir), sorted(n for n in files if n.endswith(".html")), len(project.warnings))


def check_out_dir(out_dir, data_dir=None) -> Path:
    """``out_dir`` resolved, or ``UsageProblem`` (exit 2) when replacing it could destroy what policymap did not write.

    Refused: the filesystem root, the data folder or a folder holding it, the current folder or one
    of its ancestors, a file, and a non-empty folder without the marker a build leaves (``MARKER``).
    """
    out = Path(out_dir).resolve()
    cwd = Path.cwd().resolve()

    def refuse(got: str, hint: str = "choose a folder of its own for the site, e.g. --out site") -> None:
        raise UsageProblem(f"--out {out_dir}: expected a folder policymap can replace with the site, got {got}\n"
                           f"  hint: {hint}; nothing was changed")

    if out.parent == out:
        refuse("the root of the filesystem")
    if data_dir is not None:
        data = Path(data_dir).resolve()
        if out == data:
            refuse("the data folder")
        if out in data.parents:
            refuse(f"a folder that holds the data folder ({data_dir})")
    if out == cwd:
        refuse("the current folder")
    if out in cwd.parents:
        refuse("a folder that holds the current folder")
    if out.exists() and not out.is_dir():
        refuse("a file", "choose a folder, or remove the file yourself")
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        refuse(f"a folder of files policymap did not write (it has no {MARKER})",
               "empty or remove it yourself, or choose another folder")
    return out


def write_site(files: dict[str, str], out_dir: Path, data_dir=None) -> None:
    """Write pages and assets to a new folder beside ``out_dir``, then swap it in.

    Builds to the same folder take turns (a lock on the parent folder), so each swap is whole;
    folders a killed build left behind, named ``.NAME-new-*`` and ``.NAME-old-*`` and carrying the
    marker, are removed by the next build. A failed write leaves the previous site as it was.
    """
    out = check_out_dir(out_dir, data_dir)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildAborted(f"{out_dir}: cannot create the folder ({exc.strerror}); nothing was written") from None
    with _locked(out.parent):
        out = check_out_dir(out_dir, data_dir)
        _remove_leftovers(out)
        try:
            _swap_in(files, out)
        except OSError as exc:
            raise BuildAborted(f"{out_dir}: could not write the site ({exc.strerror or exc}); "
                               "the previous site is unchanged") from None


def _swap_in(files: dict[str, str], out: Path) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    old: Path | None = None
    try:
        _write_text(tmp / MARKER, MARKER_TEXT)
        _copy_static(tmp / "assets")
        for name, text in sorted(files.items()):
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            _write_text(tmp / name, text)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            os.replace(out, old)
        try:
            os.replace(tmp, out)
        except OSError:
            if old is not None:
                os.replace(old, out)
                old = None
            raise
        os.chmod(out, 0o755)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _remove_leftovers(out: Path) -> None:
    """Remove what an interrupted build left beside ``out``: only its own folders, marked or empty."""
    for pattern in (f".{out.name}-new-*", f".{out.name}-old-*"):
        for folder in out.parent.glob(pattern):
            if folder.is_dir() and not folder.is_symlink() and ((folder / MARKER).is_file() or not any(folder.iterdir())):
                shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _locked(folder: Path):
    """Hold an exclusive lock on ``folder`` (POSIX ``flock``; elsewhere, no lock)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _copy_static(target: Path) -> None:
    """Copy ``static/`` into the site's assets, all but the script modules (joined into PAGE_SCRIPT)."""
    static = resources.files("policymap") / "static"
    with resources.as_file(static) as source:
        skip = shutil.ignore_patterns("__pycache__", "*.map", ".*")
        shutil.copytree(source, target, ignore=lambda folder, names: set(skip(folder, names))
                        | ({"js"} if Path(folder) == Path(source) else set()))
