"""The ``policymap`` command line: each command parses options and calls one function.

Imports of heavy modules (networkx, jinja2) stay inside the commands that need
them, so ``policymap validate`` starts fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


DEFAULT_DATA = "data"
DEFAULT_OUT = "site"
VERBOSITY = "policymap.verbosity"  # in click's shared ctx.meta: -1 quiet, 0 normal, 1 verbose

data_option = click.option("--data", "data_dir", default=DEFAULT_DATA, show_default=True,
                           type=click.Path(file_okay=False, path_type=Path), help="Data folder holding figures/.")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


def _set_verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[VERBOSITY] = -1 if param.name == "quiet" else 1


def verbosity_options(f):
    """``-q`` and ``-v``, taken on the group (``policymap -q build``) or on any command (``policymap build -q``)."""
    f = click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=_set_verbosity,
                     help="Say more: what was read and written, and how long it took.")(f)
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_set_verbosity,
                        help="Print no progress messages; warnings and errors still show.")(f)


def say(line: str, level: int = 0) -> None:
    """A progress message on stderr: hidden by ``-q``; ``level=1`` only with ``-v``. Results go to stdout."""
    ctx = click.get_current_context(silent=True)
    if (ctx.meta.get(VERBOSITY, 0) if ctx else 0) >= level:
        click.echo(line, err=True)


def warn(line: str) -> None:
    """A warning on stderr, shown even with ``-q``."""
    click.echo(line, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policymap")
@verbosity_options
def cli() -> None:
    """Turn YAML descriptions of policy systems into static, explorable network maps.

    \b
    Conventions shared by every command:
      --data DIR   the data folder (default: data); a missing one is a usage error
      exit codes   0 done, 1 a problem in the data or a file, 2 a usage error
      output       results on stdout; progress, warnings and errors on stderr
      -q / -v      fewer or more progress messages, on the group or any command
    """


def _load(data_dir: Path, strict: bool):
    import time

    from .loader import load_project, report_warnings

    started = time.perf_counter()
    project = load_project(data_dir)
    say(f"read {data_dir}: {len(project.figures)} maps in {time.perf_counter() - started:.2f} s", level=1)
    report_warnings(project, strict, warn)
    return project


@cli.command()
@click.argument("data_arg", required=False, metavar="[DATA_DIR]", type=click.Path(file_okay=False, path_type=Path))
@click.option("--data", "data_opt", type=click.Path(file_okay=False, path_type=Path),
              help="Data folder holding figures/.  [default: data]")
@strict_option
@verbosity_options
def validate(data_arg: Path | None, data_opt: Path | None, strict: bool) -> None:
    """Check the data folder (--data, or DATA_DIR as a shorthand) and print one line per map."""
    if data_arg is not None and data_opt is not None and data_arg != data_opt:
        raise click.UsageError(f"expected one data folder, got DATA_DIR {str(data_arg)!r} and --data {str(data_opt)!r}")
    data_dir = data_opt or data_arg or Path(DEFAULT_DATA)
    project = _load(data_dir, strict)
    warned: dict[str, int] = {}
    for warning in project.warnings:
        warned[warning.path] = warned.get(warning.path, 0) + 1
    for fig in project.figures:
        name = project.files[fig.id]
        nodes = len(project.nodes_of(fig))
        count = warned.get(name, 0)
        label = f"Figure {fig.number}" if fig.number else "map"
        click.echo(f"{name}: {fig.id} ({label}): {nodes} nodes, {len(fig.edges)} edges, "
                   f"{count} warning{'s' if count != 1 else ''}")
    if project.case_studies_file:
        studies = project.case_studies
        count = warned.get(project.case_studies_file, 0)
        click.echo(f"{project.case_studies_file}: {len(studies)} case studies, "
                   f"{sum(len(s.partners) for s in studies)} partners, {sum(len(s.links) for s in studies)} links, "
                   f"{count} warning{'s' if count != 1 else ''}")
    click.echo(f"ok: {len(project.figures)} maps, {len(project.bodies)} shared bodies, "
               f"{len(project.reference.glossary)} glossary terms, {len(project.warnings)} warnings")


def _date_option(value: str | None, param: str) -> str | None:
    from .timeline import resolve_date

    if value is None:
        return None
    try:
        return resolve_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=param) from None


@cli.command()
@click.argument("figure")
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "csv", "xlsx", "gexf"]), default="json",
              show_default=True, help="gexf: the map through time, every body and relation with its period, for Gephi's timeline.")
@click.option("--at", "at_date", metavar="DATE",
              help="The map as it stood on DATE (YYYY, YYYY-MM, YYYY-MM-DD or 'today'). Default: the guide's date.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (json, graphml, xlsx, gexf) or folder for the two tables (csv). "
                   "Default: stdout; FIGURE.xlsx and the tables in the current folder.")
@data_option
@verbosity_options
def export(figure: str, fmt: str, at_date: str | None, output: Path | None, data_dir: Path) -> None:
    """Export FIGURE (a map id, its guide number, or 'all') as json, graphml, csv, a Kumu workbook (xlsx) or gexf."""
    from .export import export_graph, select_graph

    at_date = _date_option(at_date, "--at")
    project = _load(data_dir, strict=False)
    try:
        graph = select_graph(project, figure)
    except KeyError:
        choices = ", ".join(["all"] + [f.id for f in project.figures] + [str(f.number) for f in project.figures if f.number])
        raise click.BadParameter(f"expected a map id, a figure number or 'all', got {figure!r}; choose from: {choices}",
                                 param_hint="FIGURE") from None
    if (at_date is not None or fmt == "gexf") and figure == "all":
        raise click.BadParameter("--at and --format gexf take one map: give its id or figure number", param_hint="FIGURE")
    if fmt == "gexf" or at_date is not None:
        from . import timeline

        fig = project.figure(figure)
        if fmt == "gexf":
            pairs = [(output, timeline.graph_to_gexf(project, fig))]
        else:
            pairs = export_graph(timeline.graph_at(project, fig, at_date), fmt, output)
    else:
        pairs = export_graph(graph, fmt, output)
    for path, text in pairs:
        if path is None:
            sys.stdout.write(text)
            continue
        write_output(path, text)


@cli.command()
@data_option
@click.option("--out", "out_dir", default=DEFAULT_OUT, show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write the site into (replaced whole).")
@strict_option
@verbosity_options
def build(data_dir: Path, out_dir: Path, strict: bool) -> None:
    """Validate the data and write the static site."""
    from .site import build_site

    report = build_site(data_dir, out_dir, strict=strict, echo=warn)
    for page in report.pages:
        say(f"wrote {out_dir / page}", level=1)
    say(report.summary())


@cli.command()
@data_option
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 to serve on; 0 picks a free one.")
@verbosity_options
def serve(data_dir: Path, port: int) -> None:
    """Preview the site on 127.0.0.1, rebuilding and reloading open pages on every change."""
    from .serve import serve as serve_site

    serve_site(data_dir, port, echo=warn, progress=say)


@cli.command("schema")
@verbosity_options
def schema_command() -> None:
    """Print the JSON Schema of the data files, which editors use to complete and check YAML.

    \b
    Regenerate the committed copy after changing the models:
      policymap schema > schema/policymap.schema.json
    """
    from .editor_schema import json_schema_text

    click.echo(json_schema_text(), nl=False)


@cli.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--html", "html_map", metavar="MAP",
              help="Instead, write an HTML view of one map (id or figure number) marking what changed.")
@click.option("--at", "at_dates", multiple=True, metavar="DATE",
              help="Give twice: compare the maps of one data folder (OLD, default: data) as they stood on two dates "
                   "(YYYY, YYYY-MM, YYYY-MM-DD or 'today'), listing each change with its source.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write. Default: stdout.")
@verbosity_options
def diff(old: str | None, new: str | None, fmt: str, html_map: str | None, at_dates: tuple[str, ...],
         output: Path | None) -> None:
    """Compare OLD and NEW: data folders or git revisions (REV or REV:path, default REV:data).

    Bodies, relations, each map's own fields, regions, tours and steps, the glossary,
    abbreviations, websites and case studies are all compared. With --at DATE --at DATE [DATA],
    compare one data folder's maps at two dates instead.
    """
    if at_dates:
        if len(at_dates) != 2:
            raise click.UsageError(f"expected --at twice (a date before and a date after), got it {len(at_dates)} time(s)")
        if new is not None:
            raise click.UsageError("with --at, give at most one data folder")
        text = _diff_at(Path(old or DEFAULT_DATA), [_date_option(d, "--at") for d in at_dates], fmt, html_map)
    elif old is None or new is None:
        raise click.UsageError("expected OLD and NEW (data folders or git revisions), or --at DATE --at DATE [DATA]")
    else:
        from .diff import run_diff

        text = run_diff(old, new, fmt, html_map)
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text)


def _diff_at(data_dir: Path, dates: list[str], fmt: str, html_map: str | None) -> str:
    import json

    from . import timeline

    project = _load(data_dir, strict=False)
    before, after = dates
    if html_map is not None:
        try:
            fig = project.figure(html_map)
        except KeyError:
            raise click.BadParameter(f"expected a map id or figure number, got {html_map!r}; choose from: "
                                     f"{', '.join(f.id for f in project.figures)}", param_hint="--html") from None
        return timeline.diff_html(project, fig, before, after)
    diffs = [timeline.diff_dates(project, fig, before, after) for fig in project.figures]
    if fmt == "json":
        return json.dumps({"from": before, "to": after, "maps": diffs}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return timeline.diff_text(diffs, before, after)


@cli.command()
@click.argument("map_id")
@data_option
@click.option("--title", help="The map's title. Default: made from MAP_ID.")
@verbosity_options
def new(map_id: str, data_dir: Path, title: str | None) -> None:
    """Write a commented starter map, DATA/figures/MAP_ID.yaml, that validates and builds."""
    from .scaffold import write_starter_map

    path = write_starter_map(data_dir, map_id, title, echo=say)
    say(f"wrote {path}")
    say(f"next: edit it, check it with 'policymap validate --strict --data {data_dir}' "
        f"and preview it with 'policymap serve --data {data_dir}'")


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--all", "all_routes", is_flag=True, help="Print every shortest route (up to 25), not just the best.")
@click.option("--case-studies", "through_case_studies", is_flag=True,
              help="Let routes pass through the case studies' projects and partners.")
@data_option
@verbosity_options
def route(source: str, target: str, all_routes: bool, through_case_studies: bool, data_dir: Path) -> None:
    """How is SOURCE connected to TARGET? Print the shortest route between two bodies as sentences.

    Name each body by id, name or acronym (any case), e.g. `policymap route LIT "Neighbourhood Renewal Unit"`.
    An unknown name is a usage error (exit 2) with suggestions; no route at all exits 1.
    """
    from .routes import BadBody, route_text

    project = _load(data_dir, strict=False)
    try:
        click.echo(route_text(project, source, target, all_routes, through_case_studies), nl=False)
    except BadBody as exc:
        raise click.BadParameter(exc.message, param_hint=exc.param) from None


def write_output(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to the file ``path`` (creating its folder), or stop with a message naming it (exit 1)."""
    from .errors import PolicymapError

    if path.is_dir():
        raise PolicymapError(f"{path}: expected a file to write, got a folder\n"
                             "  hint: name a file (the csv format is the one that takes a folder); nothing was written")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PolicymapError(f"{path}: cannot write the file ({exc.strerror or exc})") from None
    say(f"wrote {path}")


def main(args: list[str] | None = None) -> None:
    """The ``policymap`` command (also ``python -m policymap`` and ``build.py``).

    Runs ``cli``, then ends the process without tearing the interpreter down: freeing every
    module at exit takes longer than a small build (about 0.15 s), and by then every file is
    written and closed. Like mypy's hard exit, output is flushed first.
    """
    try:
        cli.main(args=args, prog_name="policymap", standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        click.echo(code, err=True)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, OSError):  # e.g. `policymap export all | head`: the reader has gone
            pass
    os._exit(code or 0)
