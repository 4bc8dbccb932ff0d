"""Read a data folder into validated models, with every problem located.

Layout of a data folder::

    figures/*.yaml       one map each (schema.Figure)
    bodies/*.yaml        bodies shared by several maps (schema.BodiesFile)
    glossary.yaml        glossary terms        } schema.ReferenceData,
    abbreviations.yaml   abbreviations         } one key per file
    websites.yaml        Section 5 websites    }
    case-studies.yaml    Section 4 case studies (schema.CaseStudiesFile; optional)
    whole-system.yaml    tours of the whole-system map (schema.WholeSystemFile; optional)
    site.yaml            the site's title, index introduction and footer note (schema.SiteFile; optional)

``load_project`` reports every problem in every file, then raises one
``FigureError``; warnings are returned on the ``Project``.
"""

from __future__ import annotations

import difflib
import os
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import history, schema
from .errors import BuildAborted, FigureError, Problem, UsageProblem
from .gcpause import paused_collection
from .yamlsafe import Located, read_yaml

REFERENCE_FILES = ("glossary", "abbreviations", "websites")
CASE_STUDIES_FILE = "case-studies.yaml"
WHOLE_SYSTEM_FILE = "whole-system.yaml"
SITE_FILE = "site.yaml"
DEFAULT_SITE = schema.SiteFile(title="policymap")


@dataclass
class Project:
    """Everything a data folder holds, validated and cross-checked."""

    data_dir: Path
    figures: list[schema.Figure]
    bodies: dict[str, schema.Node]
    reference: schema.ReferenceData
    warnings: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # figure id -> file shown in messages
    case_studies: list[schema.CaseStudy] = field(default_factory=list)
    case_studies_file: str | None = None  # the file shown in messages, when there is one
    whole_system_tours: list[schema.Tour] = field(default_factory=list)  # data/whole-system.yaml
    site: schema.SiteFile = DEFAULT_SITE
    later_relations: list[schema.LaterRelation] = field(default_factory=list)  # data/bodies/ 'relations:'

    def figure(self, key: str) -> schema.Figure:
        """A figure by id or guide number; KeyError with the choices otherwise."""
        for fig in self.figures:
            if key == fig.id or (fig.number is not None and key == str(fig.number)):
                return fig
        raise KeyError(key)

    def nodes_of(self, fig: schema.Figure) -> dict[str, schema.Node]:
        """Every node a figure shows: its own and the shared bodies it places, by id."""
        nodes = {ref.id: self.bodies[ref.id] for ref in fig.shared if ref.id in self.bodies}
        nodes.update((node.id, node) for node in fig.nodes)
        return nodes


def report_warnings(project: Project, strict: bool, echo, outcome: str = "nothing was written") -> None:
    """Print each warning; with ``strict``, stop on them (``BuildAborted``, exit 1)."""
    for warning in project.warnings:
        echo(warning.format())
    if strict and project.warnings:
        count = len(project.warnings)
        raise BuildAborted(f"{count} warning{'s' if count != 1 else ''} with --strict; {outcome}.")


def load_project(data_dir: str | os.PathLike) -> Project:
    """Load and check a data folder; raise ``FigureError`` listing every problem."""
    with paused_collection():
        return _load_project(Path(data_dir))


def check_data_dir(data_dir: Path) -> None:
    """``UsageProblem`` (exit 2, in every command) unless ``data_dir`` is a folder holding ``figures/``."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        got = "a file" if data_dir.exists() else "nothing there"
    elif not (data_dir / "figures").is_dir():
        got = "a folder without figures/"
    else:
        return
    raise UsageProblem(f"--data {data_dir}: expected a data folder holding figures/, got {got}\n"
                       "  hint: pass the folder that holds figures/, e.g. --data data; 'policymap new MAP_ID' starts one")


def _load_project(data_dir: Path) -> Project:
    problems: list[Problem] = []
    check_data_dir(data_dir)
    figure_paths = sorted((data_dir / "figures").glob("*.yaml"))
    ignored = _ignored_yml(data_dir)
    if not figure_paths:  # nothing else can be checked against no maps, and a build would publish an empty site
        yml = [p.path for p in ignored if p.path.startswith(_display(data_dir / "figures"))]
        raise FigureError([Problem(_display(data_dir / "figures"), 0, 0, "expected at least one map (*.yaml), got none",
                                   f"rename {yml[0]} to end in .yaml" if yml else "add a map, e.g. with 'policymap new MAP_ID'")])
    body_paths = sorted((data_dir / "bodies").glob("*.yaml"))
    figures = _load_many(figure_paths, schema.Figure, problems)
    bodies_files = _load_many(body_paths, schema.BodiesFile, problems)
    complete = {"figures": len(figures) == len(figure_paths), "bodies": len(bodies_files) == len(body_paths)}
    reference, ref_located = _load_reference(data_dir, problems)
    for key in REFERENCE_FILES:
        complete[key] = key in ref_located or not os.path.lexists(data_dir / f"{key}.yaml")
    case_path = data_dir / CASE_STUDIES_FILE  # lexists: a dangling link is reported, not taken for no file
    case_studies = load_file(case_path, schema.CaseStudiesFile, problems) if os.path.lexists(case_path) else None
    complete["case_studies"] = case_studies is not None or not os.path.lexists(case_path)
    whole_path = data_dir / WHOLE_SYSTEM_FILE
    whole = load_file(whole_path, schema.WholeSystemFile, problems) if os.path.lexists(whole_path) else None
    site_path = data_dir / SITE_FILE
    site = load_file(site_path, schema.SiteFile, problems) if os.path.lexists(site_path) else None
    checker = _Checker(figures, bodies_files, reference, ref_located, complete, case_studies)
    checker.run()
    if whole is not None:
        checker.check_whole_system(*whole)
    problems += checker.errors
    if problems:
        raise FigureError(problems)
    figs = sorted((fig for fig, _, _ in figures), key=lambda f: (f.number is None, f.number or 0, f.id))
    return Project(
        data_dir=data_dir,
        figures=figs,
        bodies=checker.bodies,
        reference=reference,
        warnings=sorted(checker.warnings + ignored),
        files={fig.id: name for fig, _, name in figures},
        case_studies=list(case_studies[0].case_studies) if case_studies else [],
        case_studies_file=case_studies[2] if case_studies else None,
        whole_system_tours=list(whole[0].tours) if whole else [],
        site=site[0] if site else DEFAULT_SITE,
        later_relations=[r for body_file, _, _ in bodies_files for r in body_file.relations],
    )


def _ignored_yml(data_dir: Path) -> list[Problem]:
    """A warning for each ``*.yml`` where data is read: only ``*.yaml`` files are, as the docs say."""
    found = [*(data_dir / "figures").glob("*.yml"), *(data_dir / "bodies").glob("*.yml"),
             *(data_dir / f"{stem}.yml" for stem in (*REFERENCE_FILES, "case-studies", "whole-system", "site"))]
    return [Problem(_display(path), 0, 0, "ignored: expected a name ending in .yaml, got .yml",
                    f"rename it to {path.stem}.yaml to read it", severity="warning")
            for path in sorted(found) if os.path.lexists(path)]


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _load_many(paths, model, problems):
    loaded = []
    for path in paths:
        result = load_file(path, model, problems)
        if result is not None:
            loaded.append(result)
    return loaded


def load_file(path: Path, model: type[BaseModel], problems: list[Problem]):
    """Validate one file into ``model``; return (value, located, name) or None, adding problems."""
    name = _display(path)
    located, found = read_yaml(path, name)
    if located is None:
        problems += found
        return None
    if not isinstance(located.data, dict):
        got = _describe(located.data)
        problems.append(Problem(name, 1, 1, f"expected a mapping of 'key: value' lines at the top, got {got}",
                                f"the top level holds keys such as: {', '.join(model.model_fields)}"))
        return None
    try:
        return model.model_validate(located.data), located, name
    except ValidationError as exc:
        problems += [_problem_from_error(err, model, located, name) for err in exc.errors(include_url=False)]
        return None


def _load_reference(data_dir: Path, problems: list[Problem]):
    parts: dict = {}
    located: dict[str, tuple[Located, str]] = {}
    for key in REFERENCE_FILES:
        path = data_dir / f"{key}.yaml"
        if not os.path.lexists(path):
            continue
        before = len(problems)
        result = load_file(path, schema.ReferenceData, problems)
        if result is None:
            continue
        value, loc, name = result
        extra = [k for k in loc.data if k != key]
        if extra:
            line, col = loc.where((extra[0],), key=True)
            problems.append(Problem(name, line, col, f"unknown key '{extra[0]}': expected only '{key}' in {key}.yaml"))
        if len(problems) == before:
            parts[key] = getattr(value, key)
            located[key] = (loc, name)
    return schema.ReferenceData(**parts), located


# -- turning pydantic errors into located messages ------------------------------------------

def _describe(value) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@dataclass(frozen=True)
class Place:
    """Where something is given in a file, as 'path:line:col' when printed.

    Kept unformatted: working out a position reads the file again (see ``yamlsafe.Located``),
    which only a message needs."""

    name: str
    located: Located
    loc: tuple

    def __str__(self) -> str:
        line, col = self.located.where(self.loc)
        return f"{self.name}:{line}:{col}"


def _where_text(loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "top level"


def _model_at(model: type[BaseModel], loc) -> tuple[type[BaseModel] | None, object]:
    """Walk field annotations along ``loc``; return (model holding the last key, its annotation)."""
    current: object = model
    holder: type[BaseModel] | None = None
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return (current if isinstance(current, type) and issubclass(current, BaseModel) else None), None
        holder = current
        current = current.model_fields[part].annotation
    return holder, current


def _unwrap(annotation):
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _choices(annotation) -> list[str]:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        annotation = _unwrap(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return []


def did_you_mean(value: object, choices) -> str | None:
    """'did you mean 'x'?' for a near miss, or None."""
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(value.lower().replace(" ", "-").replace("_", "-"), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _problem_from_error(err: dict, model: type[BaseModel], located: Located, name: str) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    where = _where_text(loc)
    value = err.get("input")
    line, col = located.where(loc, key=kind == "extra_forbidden")
    holder, annotation = _model_at(model, loc)
    hint = None
    if kind == "missing":
        message = f"{where}: expected the field '{loc[-1]}', got nothing"
        field_info = holder.model_fields.get(loc[-1]) if holder else None
        hint = f"add '{loc[-1]}:' here ({field_info.description})" if field_info else None
    elif kind == "extra_forbidden":
        valid = [f.alias or n for n, f in holder.model_fields.items()] if holder else []
        message = f"{where}: unknown key '{loc[-1]}'"
        hint = " ".join(filter(None, [did_you_mean(loc[-1], valid), f"valid keys: {', '.join(valid)}" if valid else None]))
    elif kind == "literal_error":
        choices = _choices(annotation)
        message = f"{where}: expected one of {', '.join(choices)}; got {_describe(value)}"
        hint = did_you_mean(value, choices) or "choose one of the values listed"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"{where}: expected a mapping of 'key: value' lines, got {_describe(value)}"
        if holder is not None or annotation is not None:
            target = _unwrap(annotation) if annotation is not None else None
            if isinstance(target, type) and issubclass(target, BaseModel):
                hint = f"keys: {', '.join(target.model_fields)}"
    elif kind == "list_type":
        message = f"{where}: expected a list (lines starting with '- '), got {_describe(value)}"
    elif kind == "string_type":
        message = f"{where}: expected text, got {_describe(value)}"
        if isinstance(value, (int, float, bool)):
            hint = f'put it in quotes: "{value if not isinstance(value, bool) else str(value).lower()}"'
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"{where}: expected a whole number, got {_describe(value)}"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"{where}: expected true or false, got {_describe(value)}"
    elif kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if pattern == schema.SLUG:
            message = f"{where}: expected a kebab-case id (lower-case letters, digits, single hyphens), got {_describe(value)}"
            if isinstance(value, str):
                slug = "-".join(filter(None, "".join(c if c.isalnum() else "-" for c in value.lower()).split("-")))
                hint = f"try '{slug}'" if slug else None
        elif pattern == schema.DATE:
            message = f"{where}: expected a year, year-month or date (YYYY, YYYY-MM or YYYY-MM-DD), got {_describe(value)}"
            hint = 'write it in quotes, e.g. "2013-04-01" for 1 April 2013, or "2013-04" for April 2013'
        else:
            message = f"{where}: expected text matching {pattern}, got {_describe(value)}"
            if loc[-1] == "as_of":
                hint = 'write a year, year-month or date in quotes, e.g. "2003-05"'
    else:
        message = f"{where}: {err['msg'][0].lower() + err['msg'][1:]}, got {_describe(value)}"
        if kind == "value_error":
            message = f"{where}: {err['msg'].removeprefix('Value error, ')}"
    return Problem(name, line, col, message, hint)


# -- checks across files ---------------------------------------------------------------------

class _Checker:
    """References between and within files: ids, endpoints, regions, glossary, tours."""

    def __init__(self, figures, bodies_files, reference, ref_located, complete, case_studies=None):
        # A file that failed to load must not cause a second wave of "unknown id" errors elsewhere.
        self.complete = complete
        self.figures = figures
        self.bodies_files = bodies_files
        self.reference = reference
        self.ref_located = ref_located
        self.term_ids = {t.id for t in reference.glossary}
        self.site_ids = {w.id for w in reference.websites}
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.bodies: dict[str, schema.Node] = {}
        self.body_where: dict[str, Place] = {}
        self.case_studies = case_studies  # (CaseStudiesFile, Located, name) or None
        self.local_where: dict[str, Place] = {}  # figure-only node id -> where it is described
        self.case_where: dict[str, Place] = {}  # case-study and new partner ids -> where they are described

    def error(self, name, located: Located, loc, message, hint=None, key=False):
        line, col = located.where(loc, key=key)
        self.errors.append(Problem(name, line, col, message, hint))

    def warn(self, name, located: Located, loc, message, hint=None):
        line, col = located.where(loc)
        self.warnings.append(Problem(name, line, col, message, hint, severity="warning"))

    def run(self) -> None:
        self._check_bodies()
        local_where = self.local_where
        used: set[str] = set()
        for fig, located, name in self.figures:
            used |= {ref.id for ref in fig.shared}
            self._check_figure(fig, located, name, local_where)
        if self.case_studies is not None:
            _CaseStudyChecker(self, *self.case_studies).run()
        self._check_reference()
        self._check_numbers()
        self._check_names()
        used |= _HistoryChecker(self).run(used)
        for body_file, located, name in self.bodies_files:
            for i, body in enumerate(body_file.bodies):
                if self.figures and body.id not in used:
                    self.warn(name, located, ("bodies", i, "id"), f"bodies[{i}]: '{body.id}' is placed in no figure",
                              "add it to a figure's 'shared:' list, or remove it")

    def _check_numbers(self) -> None:
        first: dict[int, Place] = {}
        for fig, located, name in self.figures:
            if fig.number is None:
                continue
            if fig.number in first:
                self.error(name, located, ("number",), f"number: duplicate figure number {fig.number}",
                           f"Figure {fig.number} is already {first[fig.number]}; each map has its own number")
            else:
                first[fig.number] = Place(name, located, ("number",))

    def _check_names(self) -> None:
        """Two bodies with one label or one acronym: a reader (and `policymap route`) cannot tell them apart."""
        named: list[tuple[str, object, Place]] = [(b.id, b, self.body_where[b.id]) for b in self.bodies.values()]
        seen_local: set[str] = set()
        for fig, located, name in self.figures:
            for i, node in enumerate(fig.nodes):
                if node.id not in seen_local and node.id not in self.bodies:
                    seen_local.add(node.id)
                    named.append((node.id, node, Place(name, located, ("nodes", i))))
        if self.case_studies is not None:
            file, located, name = self.case_studies
            for i, study in enumerate(file.case_studies):
                named.append((study.id, study, Place(name, located, ("case_studies", i))))
                for j, partner in enumerate(study.partners):
                    if partner.label is not None:
                        named.append((partner.id, partner, Place(name, located, ("case_studies", i, "partners", j))))
        for field_name in ("label", "acronym"):
            first: dict[str, tuple[str, Place]] = {}
            for node_id, node, place in named:
                value = getattr(node, field_name, None) or (getattr(node, "title", None) if field_name == "label" else None)
                if not value:
                    continue
                key = " ".join(value.casefold().split())
                if key in first and first[key][0] != node_id:
                    other, where = first[key]
                    self.warnings.append(Problem(
                        place.name, *place.located.where(place.loc + (field_name,)),
                        f"{_where_text(place.loc + (field_name,))}: '{node_id}' has the {field_name} {value!r}, "
                        f"as '{other}' has ({where})", "give each body its own name, so readers and "
                        "'policymap route' can tell them apart", severity="warning"))
                else:
                    first.setdefault(key, (node_id, place))

    def _check_bodies(self) -> None:
        for body_file, located, name in self.bodies_files:
            for i, body in enumerate(body_file.bodies):
                loc = ("bodies", i)
                if body.id in self.body_where:
                    self.error(name, located, loc + ("id",), f"bodies[{i}].id: duplicate id '{body.id}'",
                               f"first defined at {self.body_where[body.id]}")
                    continue
                self.body_where[body.id] = Place(name, located, loc + ("id",))
                self.bodies[body.id] = body
                if body.region is not None:
                    self.error(name, located, loc + ("region",), f"bodies[{i}].region: expected no region on a shared body",
                               "set the region in each figure's 'shared:' entry instead")
                self._check_node_refs(body, located, name, loc)

    def _check_node_refs(self, node, located, name, loc) -> None:
        terms = self.term_ids
        for j, term in enumerate(getattr(node, "glossary", [])):
            if term not in terms and self.complete["glossary"]:
                self.error(name, located, loc + ("glossary", j),
                           f"{_where_text(loc + ('glossary', j))}: expected a glossary term id, got '{term}'",
                           did_you_mean(term, terms) or _known("glossary ids", terms))
        sites = self.site_ids
        if node.website is not None and node.website not in sites and self.complete["websites"]:
            self.error(name, located, loc + ("website",),
                       f"{_where_text(loc + ('website',))}: expected a website id from websites.yaml, got '{node.website}'",
                       did_you_mean(node.website, sites) or _known("website ids", sites))
        if not node.pages and not getattr(node, "sources", None) and getattr(node, "from_", None) is None:
            self.warn(name, located, loc, f"{_where_text(loc)}: '{node.id}' cites no guide page",
                      "add 'pages: [N]' with the page that describes it")

    def _check_figure(self, fig, located, name, local_where) -> None:
        if fig.id in schema.RESERVED_MAP_IDS:
            self.error(name, located, ("id",), f"id: expected a map id the site does not use itself, got '{fig.id}'",
                       f"choose another id; reserved: {', '.join(sorted(schema.RESERVED_MAP_IDS))}")
        ids: dict[str, tuple] = {}
        regions = {}
        for i, region in enumerate(fig.regions):
            if region.id in regions:
                self.error(name, located, ("regions", i, "id"), f"regions[{i}].id: duplicate region id '{region.id}'")
            regions[region.id] = region
        for i, ref in enumerate(fig.shared):
            loc = ("shared", i)
            if ref.id not in self.bodies and self.complete["bodies"]:
                self.error(name, located, loc + ("id",), f"shared[{i}].id: expected a body from data/bodies/, got '{ref.id}'",
                           did_you_mean(ref.id, self.bodies) or _known("shared ids", self.bodies))
            self._claim(ids, ref.id, loc, located, name)
            self._check_region(ref.region, regions, located, name, loc)
        for i, node in enumerate(fig.nodes):
            loc = ("nodes", i)
            if node.id in self.bodies:
                self.error(name, located, loc + ("id",), f"nodes[{i}].id: '{node.id}' is a shared body",
                           f"it is described at {self.body_where[node.id]}; place it with 'shared: [{{id: {node.id}}}]' instead")
                continue
            if node.id in local_where and local_where[node.id].name != name:
                self.error(name, located, loc + ("id",), f"nodes[{i}].id: '{node.id}' is also defined in {local_where[node.id]}",
                           "a body in several maps is described once: move it to data/bodies/ and list it under 'shared:'")
            elif node.id not in local_where:
                local_where[node.id] = Place(name, located, loc + ("id",))
            self._claim(ids, node.id, loc, located, name)
            self._check_region(node.region, regions, located, name, loc)
            self._check_node_refs(node, located, name, loc)
        self._check_edges(fig, ids, located, name)
        self._check_tours(fig, ids, located, name)

    def _claim(self, ids, node_id, loc, located, name) -> None:
        if node_id in ids:
            line, col = located.where(ids[node_id] + ("id",))
            self.error(name, located, loc + ("id",), f"{_where_text(loc + ('id',))}: duplicate id '{node_id}'",
                       f"first used at line {line}, column {col}")
        else:
            ids[node_id] = loc

    def _check_region(self, region, regions, located, name, loc) -> None:
        if regions and region is None:
            self.error(name, located, loc, f"{_where_text(loc)}: expected a region, got none",
                       f"add 'region:' with one of: {', '.join(regions)}")
        elif region is not None and region not in regions:
            self.error(name, located, loc + ("region",), f"{_where_text(loc + ('region',))}: expected a region of this figure, got '{region}'",
                       did_you_mean(region, regions) or _known("regions", regions))

    def _check_edges(self, fig, ids, located, name) -> None:
        seen: dict[tuple, int] = {}
        linked: set[str] = set()
        for i, edge in enumerate(fig.edges):
            loc = ("edges", i)
            for end in ("source", "target"):
                value = getattr(edge, end)
                if value not in ids:
                    self.error(name, located, loc + (end,),
                               f"edges[{i}].{end}: expected a node id in this figure, got '{value}'",
                               " ".join(filter(None, [did_you_mean(value, ids), _known("known ids", ids)])))
            key = (edge.source, edge.relation, edge.target)
            if key in seen:
                line, _ = located.where(("edges", seen[key]))
                self.error(name, located, loc, f"edges[{i}]: duplicate edge {edge.source} {edge.relation} {edge.target}",
                           f"first given at line {line}")
            seen[key] = i
            if edge.source == edge.target:
                self.error(name, located, loc, f"edges[{i}]: expected two different nodes, got '{edge.source}' twice")
            linked |= {edge.source, edge.target}
        for node_id, loc in ids.items():
            if node_id not in linked:
                self.warn(name, located, loc + ("id",), f"{_where_text(loc)}: '{node_id}' has no edges in this figure",
                          "add an edge, or remove the node")

    def _check_tours(self, fig, ids, located, name) -> None:
        self._check_tour_refs(fig.tours, ids, {f"{e.source} -> {e.target}" for e in fig.edges}, located, name,
                              ("in this figure", "of this figure"))

    def _check_tour_refs(self, tours, ids, edges, located, name, scope: tuple[str, str]) -> None:
        """Tour ids unique; each step's nodes in ``ids`` and edges in ``edges`` (``scope`` says where, for each)."""
        tour_ids: set[str] = set()
        for t, tour in enumerate(tours):
            if tour.id in tour_ids:
                self.error(name, located, ("tours", t, "id"), f"tours[{t}].id: duplicate tour id '{tour.id}'")
            tour_ids.add(tour.id)
            for s, step in enumerate(tour.steps):
                for n, node_id in enumerate(step.nodes):
                    if node_id not in ids:
                        loc = ("tours", t, "steps", s, "nodes", n)
                        self.error(name, located, loc, f"{_where_text(loc)}: expected a node id {scope[0]}, got '{node_id}'",
                                   did_you_mean(node_id, ids) or _known("known ids", ids))
                for n, ref in enumerate(step.edges):
                    if ref not in edges:
                        loc = ("tours", t, "steps", s, "edges", n)
                        self.error(name, located, loc, f"{_where_text(loc)}: expected an edge {scope[1]}, got '{ref}'",
                                   did_you_mean(ref, edges) or "write it as 'source -> target' for an edge listed under edges:")

    def check_whole_system(self, file: schema.WholeSystemFile, located: Located, name: str) -> None:
        """The whole-system tours: bodies of any map or case study, relations of any of them."""
        if not all(self.complete[k] for k in ("figures", "bodies", "case_studies")):
            return  # a file that failed to load would make every id look unknown
        ids = set(self.bodies) | set(self.local_where) | set(self.case_where)
        edges = {f"{e.source} -> {e.target}" for fig, _, _ in self.figures for e in fig.edges}
        if self.case_studies is not None:
            edges |= {f"{e.source} -> {e.target}" for study in self.case_studies[0].case_studies for e in study.links}
        self._check_tour_refs(file.tours, ids, edges, located, name, ("on a map or in a case study", "of a map or a case study"))

    def _check_reference(self) -> None:
        all_ids = set(self.bodies) | set(self.case_where)
        for fig, _, _ in self.figures:
            all_ids |= {n.id for n in fig.nodes}
        for key, attr in (("glossary", "id"), ("websites", "id"), ("abbreviations", "abbr")):
            if key not in self.ref_located:
                continue
            located, name = self.ref_located[key]
            seen: dict[str, int] = {}
            for i, item in enumerate(getattr(self.reference, key)):
                value = getattr(item, attr)
                if value in seen:
                    line, _ = located.where((key, seen[value]))
                    self.error(name, located, (key, i, attr), f"{key}[{i}].{attr}: duplicate '{value}'", f"first given at line {line}")
                seen[value] = i
                node = getattr(item, "node", None)
                if node is not None and node not in all_ids and self.complete["figures"] and self.complete["bodies"] \
                        and self.complete["case_studies"]:
                    self.error(name, located, (key, i, "node"), f"{key}[{i}].node: expected a node id, got '{node}'",
                               did_you_mean(node, all_ids) or "leave 'node' out if no map shows it")


#: Partner fields that only a new partner (one with a label) may set.
_NEW_PARTNER_FIELDS = ("acronym", "plural", "kind", "level", "layer", "website", "glossary")


class _CaseStudyChecker:
    """data/case-studies.yaml against the maps: ids, partners (map bodies or new ones) and links."""

    def __init__(self, checker: _Checker, file: schema.CaseStudiesFile, located: Located, name: str):
        self.c, self.file, self.located, self.name = checker, file, located, name
        self.map_where = {**checker.body_where, **checker.local_where}  # every node id on the maps
        self.ready = checker.complete["figures"] and checker.complete["bodies"]
        self.figure_edges: dict[tuple, str] = {}
        for fig, _, fig_name in checker.figures:
            for e in fig.edges:
                self.figure_edges.setdefault((e.source, e.relation, e.target), fig_name)

    def error(self, loc, message, hint=None, key=False):
        self.c.error(self.name, self.located, loc, message, hint, key=key)

    def warn(self, loc, message, hint=None):
        self.c.warn(self.name, self.located, loc, message, hint)

    def where(self, loc) -> Place:
        return Place(self.name, self.located, loc)

    def run(self) -> None:
        for i, study in enumerate(self.file.case_studies):
            self._claim(study.id, ("case_studies", i, "id"), "project")
            for j, partner in enumerate(study.partners):
                if partner.label is not None:
                    self._define(partner, ("case_studies", i, "partners", j))
        seen: dict[tuple, tuple] = {}
        for i, study in enumerate(self.file.case_studies):
            self._check_partners(study, ("case_studies", i))
            self._check_links(study, ("case_studies", i), seen)

    def _claim(self, node_id, loc, what) -> bool:
        where = _where_text(loc)
        if node_id in self.map_where:
            self.error(loc, f"{where}: '{node_id}' is already a node on the maps ({self.map_where[node_id]})",
                       f"give the {what} an id of its own; to name that body as a partner, list it by id alone")
            return False
        if node_id in self.c.case_where:
            self.error(loc, f"{where}: duplicate id '{node_id}'", f"first described at {self.c.case_where[node_id]}")
            return False
        self.c.case_where[node_id] = self.where(loc)
        return True

    def _define(self, partner: schema.Partner, loc) -> None:
        where = _where_text(loc)
        if partner.id in self.map_where:
            self.error(loc + ("label",), f"{where}.label: '{partner.id}' is already a body on the maps "
                       f"({self.map_where[partner.id]}): expected no label", "leave out label, kind and level, "
                       "and put the particular body the guide names under 'name'", key=True)
            return
        if not self._claim(partner.id, loc + ("id",), "partner"):
            return
        for field_name in ("kind", "level"):
            if getattr(partner, field_name) is None:
                choices = schema.KINDS if field_name == "kind" else schema.LEVELS
                self.error(loc, f"{where}: expected the field '{field_name}' for a new partner, got nothing",
                           f"add '{field_name}:' with one of: {', '.join(choices)}")
        self.c._check_node_refs(partner, self.located, self.name, loc)

    def _check_partners(self, study: schema.CaseStudy, loc) -> None:
        known = set(self.map_where) | set(self.c.case_where)
        ids: dict[str, int] = {}
        linked = {end for edge in study.links for end in (edge.source, edge.target)}
        for j, partner in enumerate(study.partners):
            ploc = loc + ("partners", j)
            where = _where_text(ploc)
            if partner.id in ids:
                self.error(ploc + ("id",), f"{where}.id: duplicate partner '{partner.id}'",
                           f"first listed at {self.where(loc + ('partners', ids[partner.id], 'id'))}")
            ids.setdefault(partner.id, j)
            if partner.id == study.id:
                self.error(ploc + ("id",), f"{where}.id: '{partner.id}' is the project itself, not a partner")
                continue
            if partner.label is None:
                if partner.id not in known and self.ready:
                    self.error(ploc + ("id",), f"{where}.id: expected a body on the maps or a partner described in a "
                               f"case study, got '{partner.id}'",
                               did_you_mean(partner.id, known) or "to describe a new partner, add label, kind and level")
                for field_name in _NEW_PARTNER_FIELDS:
                    if field_name in partner.model_fields_set:
                        self.error(ploc + (field_name,), f"{where}.{field_name}: expected no {field_name} on a partner "
                                   f"given by id alone", f"'{partner.id}' is described where it is defined; add 'label:' "
                                   "only to describe a new partner", key=True)
                if not partner.pages:
                    self.c.warn(self.name, self.located, ploc, f"{where}: '{partner.id}' cites no guide page",
                                "add 'pages: [N]' with the page where the case study names it")
            if partner.id not in linked:
                self.warn(ploc + ("id",), f"{where}: '{partner.id}' has no links in this case study",
                          "add a link saying how it took part")
        if study.id not in linked:
            self.warn(loc + ("id",), f"{_where_text(loc)}: the project '{study.id}' has no links",
                      "add links from or to its partners and the bodies of the maps")
        elif not linked & set(self.map_where) and self.ready:
            self.warn(loc + ("id",), f"{_where_text(loc)}: '{study.id}' is not linked to any body on the maps",
                      "add a link to a body of the figures, e.g. 'pct' or 'voluntary-community-groups'")

    def _check_links(self, study: schema.CaseStudy, loc, seen) -> None:
        own = {study.id} | {p.id for p in study.partners}
        known = set(self.map_where) | set(self.c.case_where) | own
        for k, edge in enumerate(study.links):
            eloc = loc + ("links", k)
            where = _where_text(eloc)
            for end in ("source", "target"):
                value = getattr(edge, end)
                if value not in known and self.ready:
                    self.error(eloc + (end,), f"{where}.{end}: expected the project, one of its partners or a node "
                               f"on the maps, got '{value}'",
                               " ".join(filter(None, [did_you_mean(value, known), _known("its own ids", own)])))
            if edge.source == edge.target:
                self.error(eloc, f"{where}: expected two different nodes, got '{edge.source}' twice")
            elif edge.source not in own and edge.target not in own:
                self.error(eloc, f"{where}: expected the project or one of its partners at one end, got "
                           f"'{edge.source}' and '{edge.target}'",
                           f"list the body as a partner of '{study.id}', or put a link between map bodies in a figure")
            key = (edge.source, edge.relation, edge.target)
            if key in self.figure_edges:
                self.error(eloc, f"{where}: {edge.source} {edge.relation} {edge.target} is already an edge of "
                           f"{self.figure_edges[key]}", "leave it out here, or choose the relation this case study adds")
            elif key in seen:
                self.error(eloc, f"{where}: duplicate link {edge.source} {edge.relation} {edge.target}",
                           f"first given at {self.where(seen[key])}")
            seen.setdefault(key, eloc)

def _known(what: str, ids) -> str:
    names = sorted(ids)
    shown = ", ".join(names[:12]) + (f", ... ({len(names)} in all)" if len(names) > 12 else "")
    return f"{what}: {shown}" if names else f"no {what} yet"


# -- dates and lineage -----------------------------------------------------------------------

_NO_SOURCE_HINT = ("add 'sources:' with the Act (title with its year, and section), the statutory instrument "
                   "(with its number) or the official announcement (with its date)")


class _HistoryChecker:
    """When bodies and relations existed, what became of each body, and the sources for it."""

    def __init__(self, checker: _Checker):
        self.c = checker
        self.where: dict[str, tuple] = {}  # node id -> (name, located, loc) of its description
        self.nodes: dict[str, schema.Node] = {}
        for body_file, located, name in checker.bodies_files:
            for i, body in enumerate(body_file.bodies):
                self.where.setdefault(body.id, (name, located, ("bodies", i)))
                self.nodes.setdefault(body.id, body)
        for fig, located, name in checker.figures:
            for i, node in enumerate(fig.nodes):
                self.where.setdefault(node.id, (name, located, ("nodes", i)))
                self.nodes.setdefault(node.id, node)
        self.ready = checker.complete["figures"] and checker.complete["bodies"]

    def run(self, placed: set[str]) -> set[str]:
        """Check everything; return the bodies drawn on a map through lineage (not 'placed in no figure')."""
        for node_id, (name, located, loc) in self.where.items():
            self._check_node(self.nodes[node_id], name, located, loc)
        for fig, located, name in self.c.figures:
            for i, edge in enumerate(fig.edges):
                self._check_dates(edge, name, located, ("edges", i), f"edges[{i}]")
        for body_file, located, name in self.c.bodies_files:
            self._check_relations(body_file, located, name)
        lineage = history.build_lineage(self.nodes)
        cycle = history.find_cycle(lineage)
        if cycle:
            name, located, loc = self.where[cycle[0]]
            self.c.error(name, located, loc + ("became", "into"),
                         f"{_where_text(loc + ('became', 'into'))}: successors go round in a loop: {' -> '.join(cycle)}",
                         "a body cannot come, step by step, from itself: give the later body an id of its own")
            return set()
        return self._drawn(placed, lineage)

    def _drawn(self, placed: set[str], lineage) -> set[str]:
        drawn = set(placed)
        changed = True
        while changed:
            changed = False
            for node_id, node in self.nodes.items():
                if node_id in drawn:
                    continue
                if node.beside in drawn or any(s.body in drawn for s in lineage.came_from.get(node_id, [])):
                    drawn.add(node_id)
                    changed = True
        return drawn - placed

    def _check_dates(self, item, name, located, loc, where) -> None:
        end = history.end_of(item) if isinstance(item, schema.Node) else item.until
        if item.from_ is not None and end is not None and history.date_key(end) <= history.date_key(item.from_):
            key = "until" if item.until is not None else "became"
            self.c.warn(name, located, loc + (key,), f"{where}: ends ({end}) before it begins ({item.from_})",
                        "check the dates: 'until' is the first day it no longer existed, and comes after 'from'")
        if isinstance(item, schema.Edge) and item.until is not None and not item.sources:
            self.c.warn(name, located, loc + ("until",), f"{where}: ends on {item.until} with no source", _NO_SOURCE_HINT)

    def _check_node(self, node: schema.Node, name, located, loc) -> None:
        where = _where_text(loc)
        self._check_dates(node, name, located, loc, where)
        change = node.became
        if change is not None:
            if node.until is not None and node.until != change.date:
                self.c.error(name, located, loc + ("until",),
                             f"{where}.until: expected the date of 'became' ({change.date}), got {node.until}",
                             "leave 'until' out: a body with 'became' ends on that date")
            for j, successor in enumerate(change.into):
                jloc = loc + ("became", "into", j)
                if successor == node.id:
                    self.c.error(name, located, jloc, f"{_where_text(jloc)}: '{node.id}' cannot become itself")
                elif successor not in self.nodes and self.ready:
                    self.c.warn(name, located, jloc, f"{_where_text(jloc)}: expected the id of a body, got '{successor}'",
                                did_you_mean(successor, self.nodes) or "describe the successor in data/bodies/, e.g. since-2003.yaml")
            if not change.sources:
                self.c.warn(name, located, loc + ("became",),
                            f"{where}.became: '{node.id}' {change.kind} on {change.date} with no source", _NO_SOURCE_HINT)
        elif node.until is not None and not node.sources:
            self.c.warn(name, located, loc + ("until",), f"{where}.until: '{node.id}' ends on {node.until} with no source",
                        "say what became of it with 'became:', and its sources")
        if node.from_ is not None and not node.pages and not node.sources:
            self.c.warn(name, located, loc + ("from",), f"{where}: '{node.id}' began on {node.from_} and cites no source",
                        _NO_SOURCE_HINT)
        if node.beside is not None and node.beside not in self.nodes and node.beside not in self.c.bodies and self.ready:
            self.c.error(name, located, loc + ("beside",), f"{where}.beside: expected the id of a body on the maps, got '{node.beside}'",
                         did_you_mean(node.beside, self.nodes) or "name the body it is drawn beside")

    def _check_relations(self, body_file: schema.BodiesFile, located, name) -> None:
        seen: dict[tuple, int] = {}
        for i, rel in enumerate(body_file.relations):
            loc = ("relations", i)
            where = _where_text(loc)
            for end in ("source", "target"):
                value = getattr(rel, end)
                if value not in self.nodes and self.ready:
                    self.c.error(name, located, loc + (end,), f"{where}.{end}: expected the id of a body, got '{value}'",
                                 did_you_mean(value, self.nodes) or _known("body ids", self.nodes))
            if rel.source == rel.target:
                self.c.error(name, located, loc, f"{where}: expected two different bodies, got '{rel.source}' twice")
            key = (rel.source, rel.relation, rel.target)
            if key in seen:
                line, _ = located.where(("relations", seen[key]))
                self.c.error(name, located, loc, f"{where}: duplicate relation {rel.source} {rel.relation} {rel.target}",
                             f"first given at line {line}")
            seen.setdefault(key, i)
            if not rel.sources:
                self.c.warn(name, located, loc, f"{where}: {rel.source} {rel.relation} {rel.target} has no source", _NO_SOURCE_HINT)
            self._check_dates(rel, name, located, loc, where)
