"""``policymap diff``: what changed between two versions of the data, compared as models, not HTML.

Each side is a data folder or a git revision of the repository the command
runs in (its ``data/`` tree, or ``REV:path`` for another folder), read with
``git archive`` into a temporary folder and loaded like any other.

What is compared, and how rows are keyed:

* **Nodes** are keyed by id across the whole project, so a shared body whose
  role changes is one row however many maps show it. Fields are the node's
  own fields plus ``shared`` (described in data/bodies/), ``maps`` (the maps
  showing it) and, for each map, ``region.MAP`` and ``note.MAP`` (its region
  there and the map's note on a shared body).
* **Edges** are keyed by map + source + relation + target: the same relation
  in two maps is two edges, and a changed relation is one edge removed and one
  added. Changed means same key, other fields (evidence, page, note) differ.
* **Likely renames** pair a removed node with an added one of the same label
  (ignoring case and spacing) when each has exactly one such partner. They are
  hints: the removed and added nodes and their edges are still listed.
* **The rest of the model**, in ``sections`` (``model_records``): each map's own
  fields (title, caption, as of, its note, page, drivers, challenges), regions
  (``MAP/REGION``), tours (``MAP/TOUR``) and their steps (``MAP/TOUR/N``, by
  position), glossary terms, abbreviations, websites, case studies, their
  partners (``STUDY/PARTNER``) and links (``STUDY/SOURCE RELATION TARGET``).
  Each section lists rows added, removed and changed, keyed as shown.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import tarfile
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

import click

from .errors import FigureError, PolicymapError
from .loader import Project, load_project

EDGE_FIELDS = ("evidence", "page", "note")
KEYS = ("nodes_added", "nodes_removed", "nodes_changed", "edges_added", "edges_removed", "edges_changed", "renames")
SECTIONS = ("maps", "regions", "tours", "tour_steps", "glossary", "abbreviations", "websites", "case_studies",
            "case_study_partners", "case_study_links")
#: Sections whose rows belong to one map, keyed "MAP" or "MAP/...".
MAP_SECTIONS = ("maps", "regions", "tours", "tour_steps")
MAP_FIELDS = {"number", "title", "caption", "page", "as_of", "as_of_note", "drivers", "challenges"}


@dataclass
class Diff:
    """Rows of changes, each list sorted by its key."""

    nodes_added: list[dict] = field(default_factory=list)
    nodes_removed: list[dict] = field(default_factory=list)
    nodes_changed: list[dict] = field(default_factory=list)
    edges_added: list[dict] = field(default_factory=list)
    edges_removed: list[dict] = field(default_factory=list)
    edges_changed: list[dict] = field(default_factory=list)
    renames: list[dict] = field(default_factory=list)
    #: section (``SECTIONS``) -> {"added": [...], "removed": [...], "changed": [...]}
    sections: dict[str, dict[str, list[dict]]] = field(
        default_factory=lambda: {name: {"added": [], "removed": [], "changed": []} for name in SECTIONS})

    def to_json(self) -> dict:
        return {**{key: getattr(self, key) for key in KEYS}, "sections": self.sections}

    def is_empty(self) -> bool:
        return not any(getattr(self, key) for key in KEYS) and not any(
            rows for section in self.sections.values() for rows in section.values())


# -- reading the two versions ----------------------------------------------------------------

def load_version(spec: str, stack: ExitStack) -> tuple[Project, str]:
    """The project a folder or a git revision holds, and how to name it in the output."""
    if Path(spec).is_dir():
        return _load(Path(spec), spec, None), spec
    rev, _, sub = spec.partition(":")
    sub = sub.strip("/") or "data"
    top = _git("rev-parse", "--show-toplevel")
    commit = _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=top) if top and rev else None
    if not commit:
        where = "this repository" if top else "a git repository (none here)"
        raise click.BadParameter(f"expected a data folder or a git revision of {where}, got {spec!r}",
                                 param_hint="OLD/NEW")
    tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="policymap-diff-")))
    archive = subprocess.run(["git", "archive", "--format=tar", f"{commit}:{sub}"], cwd=top, capture_output=True)
    if archive.returncode != 0:
        raise PolicymapError(f"{spec}: expected a folder '{sub}' at revision {commit[:12]}, got none\n"
                             f"  hint: name another folder as {rev}:path/to/data")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp, filter="data")
    label = f"{spec} ({commit[:7]})"
    return _load(tmp, label, f"{rev}:{sub}"), label


def _git(*args: str, cwd=None) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def _load(data_dir: Path, label: str, shown_as: str | None) -> Project:
    try:
        return load_project(data_dir)
    except FigureError as exc:
        problems = exc.problems
        if shown_as is not None:  # name files as REV:data/... rather than by their temporary folder
            tmp = os.path.relpath(data_dir)
            problems = [replace(p, path=shown_as + p.path[len(tmp):]) if p.path.startswith(tmp) else p
                        for p in problems]
        raise PolicymapError(f"{label} does not load, so it cannot be compared:\n"
                             + FigureError(problems).format_message()) from None


# -- comparing -------------------------------------------------------------------------------

def node_records(project: Project) -> dict[str, dict]:
    """Every node of the project by id, as flat fields (see the module docstring)."""
    records: dict[str, dict] = {}
    for fig in project.figures:
        refs = {ref.id: ref for ref in fig.shared}
        for node_id, node in project.nodes_of(fig).items():
            if node_id not in records:
                record = node.model_dump(mode="json", exclude={"id", "region"})
                records[node_id] = {**record, "shared": node_id in project.bodies, "maps": []}
            record = records[node_id]
            record["maps"].append(fig.id)
            ref = refs.get(node_id)
            record[f"region.{fig.id}"] = ref.region if ref else node.region
            record[f"note.{fig.id}"] = ref.note if ref else None
    return records


def edge_records(project: Project) -> dict[tuple[str, str, str, str], dict]:
    """Every edge by (map, source, relation, target), with its other fields."""
    return {(fig.id, e.source, e.relation, e.target): {name: getattr(e, name) for name in EDGE_FIELDS}
            for fig in project.figures for e in fig.edges}


def model_records(project: Project) -> dict[str, dict[str, tuple[str, dict]]]:
    """Section -> key -> (label, fields) for everything besides nodes and edges (see the module docstring)."""
    records: dict[str, dict[str, tuple[str, dict]]] = {name: {} for name in SECTIONS}
    for fig in project.figures:
        records["maps"][fig.id] = (fig.title, fig.model_dump(mode="json", include=MAP_FIELDS))
        for region in fig.regions:
            records["regions"][f"{fig.id}/{region.id}"] = (region.label, region.model_dump(mode="json", exclude={"id"}))
        for tour in fig.tours:
            records["tours"][f"{fig.id}/{tour.id}"] = (tour.title, {"title": tour.title})
            for n, step in enumerate(tour.steps, 1):
                records["tour_steps"][f"{fig.id}/{tour.id}/{n}"] = (step.title, step.model_dump(mode="json"))
    reference = project.reference
    records["glossary"] = {t.id: (t.term, t.model_dump(mode="json", exclude={"id"})) for t in reference.glossary}
    records["abbreviations"] = {a.abbr: (a.expansion, a.model_dump(mode="json", exclude={"abbr"}))
                                for a in reference.abbreviations}
    records["websites"] = {w.id: (w.name, w.model_dump(mode="json", exclude={"id"})) for w in reference.websites}
    for study in project.case_studies:
        records["case_studies"][study.id] = (study.title, study.model_dump(mode="json",
                                                                          exclude={"id", "partners", "links"}))
        for partner in study.partners:
            records["case_study_partners"][f"{study.id}/{partner.id}"] = (
                partner.label or partner.name or partner.id, partner.model_dump(mode="json", exclude={"id"}))
        for link in study.links:
            records["case_study_links"][f"{study.id}/{link.source} {link.relation} {link.target}"] = (
                study.title, {name: getattr(link, name) for name in EDGE_FIELDS})
    return records


def compare_sections(old: Project, new: Project) -> dict[str, dict[str, list[dict]]]:
    """``Diff.sections``: each section's rows added, removed and changed, sorted by key."""
    before, after = model_records(old), model_records(new)
    sections = {}
    for name in SECTIONS:
        was, now = before[name], after[name]
        changed = [{"key": key, "label": now[key][0], "changes": changes} for key in sorted(set(was) & set(now))
                   if (changes := field_changes(was[key][1], now[key][1]))]
        sections[name] = {"added": [{"key": key, "label": now[key][0]} for key in sorted(set(now) - set(was))],
                          "removed": [{"key": key, "label": was[key][0]} for key in sorted(set(was) - set(now))],
                          "changed": changed}
    return sections


def field_changes(old: dict, new: dict) -> list[dict]:
    """[{field, old, new}] for each field whose value differs (a missing field counts as null)."""
    return [{"field": name, "old": old.get(name), "new": new.get(name)}
            for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name)]


def compare_projects(old: Project, new: Project) -> Diff:
    diff = Diff()
    old_nodes, new_nodes = node_records(old), node_records(new)
    for node_id in sorted(set(new_nodes) - set(old_nodes)):
        diff.nodes_added.append(_node_row(node_id, new_nodes[node_id]))
    for node_id in sorted(set(old_nodes) - set(new_nodes)):
        diff.nodes_removed.append(_node_row(node_id, old_nodes[node_id]))
    for node_id in sorted(set(old_nodes) & set(new_nodes)):
        changes = field_changes(old_nodes[node_id], new_nodes[node_id])
        if changes:
            diff.nodes_changed.append({"id": node_id, "label": new_nodes[node_id]["label"], "changes": changes})
    old_edges, new_edges = edge_records(old), edge_records(new)
    diff.edges_added = [_edge_row(key) for key in sorted(set(new_edges) - set(old_edges))]
    diff.edges_removed = [_edge_row(key) for key in sorted(set(old_edges) - set(new_edges))]
    for key in sorted(set(old_edges) & set(new_edges)):
        changes = field_changes(old_edges[key], new_edges[key])
        if changes:
            diff.edges_changed.append({**_edge_row(key), "changes": changes})
    diff.renames = likely_renames(diff.nodes_removed, diff.nodes_added)
    diff.sections = compare_sections(old, new)
    return diff


def _node_row(node_id: str, record: dict) -> dict:
    return {"id": node_id, "label": record["label"], "maps": record["maps"]}


def _edge_row(key: tuple[str, str, str, str]) -> dict:
    return dict(zip(("map", "source", "relation", "target"), key))


def _same_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def likely_renames(removed: list[dict], added: list[dict]) -> list[dict]:
    """Removed and added nodes that share a label, one to one."""
    renames = []
    for gone in removed:
        matches = [row for row in added if _same_label(row["label"]) == _same_label(gone["label"])]
        rivals = [row for row in removed if _same_label(row["label"]) == _same_label(gone["label"])]
        if len(matches) == 1 and len(rivals) == 1:
            renames.append({"old_id": gone["id"], "new_id": matches[0]["id"], "label": matches[0]["label"]})
    return renames


# -- text ------------------------------------------------------------------------------------

def _value(value) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False)


def _edge_text(row: dict) -> str:
    return f"{row['map']}: {row['source']} {row['relation']} {row['target']}"


def diff_to_text(diff: Diff, old_label: str, new_label: str) -> str:
    lines = [f"comparing {old_label} -> {new_label}"]

    def section(title: str, rows: list[dict], line, details: bool = False) -> None:
        if not rows:
            return
        lines.append(f"{title} ({len(rows)}):")
        for row in rows:
            lines.append("  " + line(row))
            if details:
                lines.extend(f"      {c['field']}: {_value(c['old'])} -> {_value(c['new'])}" for c in row["changes"])

    section("nodes added", diff.nodes_added, lambda r: f"+ {r['id']}  {r['label']}  (in {', '.join(r['maps'])})")
    section("nodes removed", diff.nodes_removed, lambda r: f"- {r['id']}  {r['label']}  (in {', '.join(r['maps'])})")
    section("nodes changed", diff.nodes_changed, lambda r: f"~ {r['id']}  {r['label']}", details=True)
    section("edges added", diff.edges_added, lambda r: "+ " + _edge_text(r))
    section("edges removed", diff.edges_removed, lambda r: "- " + _edge_text(r))
    section("edges changed", diff.edges_changed, lambda r: "~ " + _edge_text(r), details=True)
    section("likely renames (same label, new id)", diff.renames,
            lambda r: f"{r['old_id']} -> {r['new_id']}  {r['label']}")
    for name, rows in diff.sections.items():
        title = name.replace("_", " ")
        section(f"{title} added", rows["added"], lambda r: f"+ {r['key']}  {r['label']}")
        section(f"{title} removed", rows["removed"], lambda r: f"- {r['key']}  {r['label']}")
        section(f"{title} changed", rows["changed"], lambda r: f"~ {r['key']}  {r['label']}", details=True)
    lines.append(summary(diff))
    return "\n".join(lines) + "\n"


def summary(diff: Diff) -> str:
    if diff.is_empty():
        return "no changes"
    counts = (f"nodes: {len(diff.nodes_added)} added, {len(diff.nodes_removed)} removed, "
              f"{len(diff.nodes_changed)} changed; edges: {len(diff.edges_added)} added, "
              f"{len(diff.edges_removed)} removed, {len(diff.edges_changed)} changed")
    if diff.renames:
        counts += f"; {len(diff.renames)} likely rename{'s' if len(diff.renames) != 1 else ''}"
    for name, rows in diff.sections.items():
        if any(rows.values()):
            counts += (f"; {name.replace('_', ' ')}: {len(rows['added'])} added, {len(rows['removed'])} removed, "
                       f"{len(rows['changed'])} changed")
    return counts


def diff_to_json(diff: Diff) -> str:
    return json.dumps(diff.to_json(), indent=2, ensure_ascii=False) + "\n"


# -- the command -----------------------------------------------------------------------------

def run_diff(old_spec: str, new_spec: str, fmt: str = "text", html_map: str | None = None) -> str:
    """The text, json or (with ``html_map``) HTML output of ``policymap diff``."""
    with ExitStack() as stack:
        old, old_label = load_version(old_spec, stack)
        new, new_label = load_version(new_spec, stack)
        diff = compare_projects(old, new)
        if html_map is not None:
            from .diff_html import diff_to_html

            return diff_to_html(old, new, diff, html_map, old_label, new_label)
        if fmt == "json":
            return diff_to_json(diff)
        return diff_to_text(diff, old_label, new_label)
