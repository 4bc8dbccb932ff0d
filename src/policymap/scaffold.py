"""``policymap new``: write a commented starter map that validates with ``--strict`` and builds.

A map is one YAML file in ``figures/``: the index, the navigation, search and
the glossary's links pick it up with no code change.
"""

from __future__ import annotations

import datetime
import json
import os
import textwrap
from pathlib import Path

import click
import yaml
from pydantic import ValidationError

from . import schema
from .editor_schema import SCHEMA_PATH
from .errors import PolicymapError
from .yamlsafe import read_limited

#: Ids whose page would overwrite another file of the site.
RESERVED = schema.RESERVED_MAP_IDS

STARTER = """\
# yaml-language-server: $schema={schema_ref}
# {title}: a new map. Every key is explained below; your editor completes keys and values from the schema.
# Check it with `policymap validate --strict {data}` and watch it with `policymap serve --data {data}`.
id: {map_id}  # the map's id: also its page, {map_id}.html
# number: 5  # only for figures of the guide
title: {title_yaml}
caption: >-
  Say in a sentence or two what this map shows and why it matters.
# page: 12  # the guide page of the figure, if it has one
as_of: "{year}"  # when the structures shown were current: YYYY, YYYY-MM or YYYY-MM-DD
# as_of_note: What has changed since then.

# Parts of the picture, placed on a grid (column from the left, row from the top, from 0).
# With regions, every node and shared body names its region.
regions:
  - id: national
    label: National
    column: 0
    row: 0
  - id: local
    label: Local
    column: 0
    row: 1

# Bodies described once in {data}/bodies/ and placed here by id (with a region and, if useful, a note).
# Bodies you can place: {body_ids}
shared: []
#  - id: some-body-id
#    region: local
#    note: What is particular to this body in this map.

# Bodies that belong to this map only. Ids are kebab-case and unique across all maps.
nodes:
  - id: {map_id}-funder
    label: Example national funder
    # kind: {kinds}
    kind: national-body
    # level: {levels}
    level: national
    region: national
    role: One or two plain sentences on what this body does in this system.
    pages: [1]  # guide pages that describe it
    # acronym: ENF
    # plural: true  # when the label names many bodies, so relations read 'commission' not 'commissions'
    # description: A longer description in your own words.
    # facts:
    #   - text: A figure from the guide.
    #     page: 1
    # glossary: []  # ids of terms in {data}/glossary.yaml:
    #   {term_ids}
    # website: some-website-id  # an id from {data}/websites.yaml
    # note: How an ambiguity was decided, or what has changed since.
  - id: {map_id}-partnership
    label: Example local partnership
    kind: partnership
    level: local
    region: local
    role: One or two plain sentences on what this partnership does.
    pages: [1]

# Relations, read as 'source relation target'. Every node needs at least one.
# relation: {relations}
edges:
  - source: {map_id}-funder
    target: {map_id}-partnership
    relation: funds
    evidence: stated  # stated: the guide says so; implied: it only follows from the text
    page: 1
    # note: A comment shown with the relation.

# Optional: key drivers and challenges, each with its page, and guided tours.
# drivers:
#   - text: A driver for change.
#     page: 1
# challenges:
#   - text: A challenge.
#     page: 1
# tours:
#   - id: overview
#     title: A quick tour
#     steps:
#       - title: Where the money starts
#         text: What to say at this step.
#         nodes: [{map_id}-funder]
#         edges: ["{map_id}-funder -> {map_id}-partnership"]
"""


def _comment_list(values, indent: str = "", width: int = 96) -> str:
    """Values for a comment, wrapped onto further comment lines at ``indent``."""
    lines = textwrap.wrap(", ".join(values), width, break_on_hyphens=False, break_long_words=False)
    return f"\n{indent}#   ".join(lines) or "none yet"


#: Where ``new`` puts the schema in a project that has none: inside the data folder.
PROJECT_SCHEMA = "policymap.schema.json"


def find_schema(data_dir: Path) -> Path | None:
    """The schema a project's files should name: its data folder's copy, or the nearest
    ``schema/policymap.schema.json`` above it (this repository's layout); None if there is none."""
    own = data_dir / PROJECT_SCHEMA
    if own.is_file():
        return own
    for folder in [data_dir.resolve(), *data_dir.resolve().parents]:
        candidate = folder / SCHEMA_PATH
        if candidate.is_file():
            return candidate
    return None


def schema_ref(figures_dir: Path, schema_file: Path) -> str:
    """``schema_file`` as a path relative to ``figures_dir``, as a modeline gives it."""
    return Path(os.path.relpath(schema_file.resolve(), figures_dir.resolve())).as_posix()


def packaged_schema() -> str:
    """The JSON Schema that ships inside the package (the same text as ``policymap schema``)."""
    from importlib import resources

    return (resources.files("policymap") / PROJECT_SCHEMA).read_text(encoding="utf-8")


def _write_schema(data_dir: Path) -> Path | None:
    """Put the packaged schema in ``data_dir`` unless one already serves it; the path written, or None.

    A copy written by an older policymap is brought up to date; any other file is left alone."""
    path = data_dir / PROJECT_SCHEMA
    text = packaged_schema()
    if path.is_file():
        try:
            current = path.read_text(encoding="utf-8")
            ours = json.loads(current).get("title") == json.loads(text)["title"]
        except (OSError, UnicodeDecodeError, ValueError, AttributeError):
            return None
        if current == text or not ours:
            return None
    elif find_schema(data_dir) is not None:
        return None
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def _known_ids(data_dir: Path) -> tuple[list[str], list[str], set[str]]:
    """Shared body ids, glossary term ids and map ids in a data folder, read leniently (for comments and checks)."""
    def load(path: Path):
        raw, _ = read_limited(path, str(path))  # never opens a named pipe or reads past the size limit
        return yaml.safe_load(raw.decode("utf-8")) if raw is not None else None

    def items(path: Path, key: str) -> list[dict]:
        try:
            data = load(path)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return []
        value = data.get(key) if isinstance(data, dict) else None
        return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []

    bodies = sorted(str(b.get("id")) for path in sorted((data_dir / "bodies").glob("*.yaml")) for b in items(path, "bodies"))
    terms = sorted(str(t.get("id")) for t in items(data_dir / "glossary.yaml", "glossary"))
    maps = set()
    for path in sorted((data_dir / "figures").glob("*.yaml")):
        try:
            data = load(path)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            maps.add(data["id"])
    return bodies, terms, maps


def starter_map(map_id: str, title: str, data_label: str, figures_dir: Path, bodies: list[str], terms: list[str],
                schema_file: Path | None = None) -> str:
    ref = schema_ref(figures_dir, schema_file) if schema_file is not None else f"../{PROJECT_SCHEMA}"
    return STARTER.format(
        map_id=map_id, title=title, title_yaml=json.dumps(title, ensure_ascii=False), data=data_label,
        schema_ref=ref, year=datetime.date.today().year,
        body_ids=_comment_list(bodies), term_ids=_comment_list(terms, "    "),
        kinds=_comment_list(schema.KINDS, "    "), levels=_comment_list(schema.LEVELS, "    "),
        relations=_comment_list(schema.RELATIONS),
    )


def write_starter_map(data_dir, map_id: str, title: str | None = None, echo=lambda line: None) -> Path:
    """Write ``figures/MAP_ID.yaml`` in ``data_dir``, creating the folders and, where the project has
    none, its schema file; usage errors for a bad id, title or folder."""
    data_dir = Path(data_dir)
    if not schema.SLUG_RE.match(map_id):
        slug = "-".join(filter(None, "".join(c if c.isalnum() else "-" for c in map_id.lower()).split("-")))
        raise click.BadParameter(f"expected a kebab-case id (lower-case letters, digits, single hyphens), got {map_id!r}"
                                 + (f"; try '{slug}'" if slug else ""), param_hint="MAP_ID")
    if map_id in RESERVED:
        raise click.BadParameter(f"'{map_id}' is taken by the site's own {map_id} page or folder; choose another id",
                                 param_hint="MAP_ID")
    for folder in (data_dir, data_dir / "figures"):
        if folder.exists() and not folder.is_dir():
            raise click.BadParameter(f"expected a folder, got {str(folder)!r}, which is a file", param_hint="--data")
    figures = data_dir / "figures"
    path = figures / f"{map_id}.yaml"
    bodies, terms, maps = _known_ids(data_dir)
    if path.exists() or map_id in maps:
        raise click.BadParameter(f"a map '{map_id}' already exists in {figures}; choose another id or edit that map",
                                 param_hint="MAP_ID")
    title = title if title is not None else map_id.replace("-", " ").capitalize()
    text = starter_map(map_id, title, str(data_dir), figures, bodies, terms,
                       find_schema(data_dir) or data_dir / PROJECT_SCHEMA)
    try:
        schema.Figure.model_validate(yaml.safe_load(text))
    except ValidationError as exc:  # only the title comes from the user
        reason = exc.errors(include_url=False)[0]["msg"].lower()
        raise click.BadParameter(f"expected a title of one line of text, got {title!r} ({reason})",
                                 param_hint="--title") from None
    try:
        figures.mkdir(parents=True, exist_ok=True)
        schema_written = _write_schema(data_dir)
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise PolicymapError(f"{path}: cannot write the file ({exc.strerror or exc})") from None
    if schema_written is not None:
        echo(f"wrote {schema_written} (the schema your editor reads)")
    return path
