"""Routes between bodies: find the shortest ones and read them as sentences.

"How is A connected to B?" Bodies are named by id, label or acronym (any
case; the guide's abbreviations list adds aliases such as GOL). Routes are
the shortest paths in the joined graph taken as undirected, so a body can be
reached against the direction of an edge. A route reads from A to B, one
clause a step, each naming its subject: the body the route has reached, with
the relation read forwards or, against its direction, the other way round:

    Local implementation teams work to the NSF for Mental Health; the NSF
    originates from the Department of Health.

Sentences are built from per-node phrases and per-edge readings
(``route_phrases``) by ``route_sentences``; the page can ship those phrases
and assemble the same sentences in the browser. Relations the guide only
implies end in " (implied)".

By default routes run through the maps' bodies only; the projects and
partners of a case study are used when a route starts or ends in that case
study, or everywhere with ``through_case_studies=True``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

import networkx as nx

from .errors import PolicymapError
from .graph import build_joined_graph, edge_records
from .graph import sentence_object
from .schema import INVERSE_READINGS

#: At most this many shortest paths are looked at (the page's routes.js has the same limit).
PATH_LIMIT = 5000
#: --all prints at most this many routes.
ROUTE_LIMIT = 25
#: A sentence carries at most this many steps (clauses) before a new one starts.
STEPS_PER_SENTENCE = 3
#: Kinds whose singular names read without "the" ("Sure Start", "First Step Trust", "day hospital care")...
_BARE_KINDS = {"programme", "community-group", "people", "service", "workforce-role"}
#: ...unless the name ends in one of these common nouns ("the SEU mental health project").
_COMMON_NOUNS = {"project", "programme", "scheme", "group", "initiative", "service", "team", "consortium",
                 "framework", "partnership", "unit"}


class BadBody(ValueError):
    """A body argument that cannot be used; ``param`` names the argument when known (a usage error)."""

    def __init__(self, message: str, param: str | None = None):
        self.message, self.param = message, param
        super().__init__(message)


class UnknownBody(BadBody, LookupError):
    """A name that matches no body, or several: ``message`` and ``suggestions`` say which."""

    def __init__(self, text: str, suggestions: list[tuple[str, str]], ambiguous: bool = False):
        self.text, self.suggestions, self.ambiguous = text, suggestions, ambiguous
        shown = ", ".join(f"'{node_id}' ({label})" for node_id, label in suggestions)
        if ambiguous:
            self.message = f"'{text}' names several bodies: {shown}; give an id instead"
        else:
            self.message = f"expected a body's id, name or acronym, got '{text}'"
            self.message += f"; did you mean {shown}?" if suggestions else "; no body has a similar name"
        super().__init__(self.message)


class NoRoute(PolicymapError):
    """Two bodies with no route between them (exit 1)."""


@dataclass(frozen=True)
class Step:
    """One step of a route: the relation followed, in its own direction."""

    edge: str  # edge id, source--relation--target
    source: str
    target: str
    relation: str
    evidence: str
    page: int
    forward: bool  # True when the route walks the edge from its source to its target
    case_study: str | None = None


@dataclass(frozen=True)
class Route:
    nodes: list[str]
    steps: list[Step]
    sentences: list[str] = field(default_factory=list)

    @property
    def edges(self) -> list[str]:
        return [step.edge for step in self.steps]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


# -- naming bodies ---------------------------------------------------------------------------------

def _norm(text: str) -> str:
    """A name as routes compare names (the page's routes.js ``norm`` does the same): straight quotes,
    lower case, one space for runs of spaces, dashes and underscores, no leading "the", no trailing
    "(ACRONYM)" as the page's suggestions write it."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = re.sub(r"[\s_\-\u2013\u2014]+", " ", text).strip()
    return re.sub(r"\s*\([^)]*\)$", "", text.removeprefix("the ")).strip()


def _singular(text: str) -> str:
    head, _, last = text.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        last = last[:-1]
    return f"{head} {last}".strip()


def body_aliases(project) -> dict[str, str]:
    """The guide's abbreviations that name a mapped node (data/abbreviations.yaml 'node'), e.g. GOL.

    An abbreviation that is the acronym of two or more bodies is left out, so it is ambiguous
    like a shared name, rather than settled silently by the list."""
    counts = Counter(_norm(a) for a in (getattr(n, "acronym", None) for n in _named(project)) if a)
    return {a.abbr: a.node for a in project.reference.abbreviations if a.node and counts[_norm(a.abbr)] < 2}


def _named(project):
    """Every body, project and new partner a data folder describes."""
    yield from project.bodies.values()
    for fig in project.figures:
        yield from fig.nodes
    for study in project.case_studies:
        yield study
        yield from (p for p in study.partners if p.label is not None)


def _index(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for node_id, attrs in graph.nodes(data=True):
        label = _norm(attrs["label"])
        keys = {_norm(node_id), label, _singular(label), re.sub(r"\s*\(.*?\)", "", label).strip()}
        if attrs.get("acronym"):
            keys.add(_norm(attrs["acronym"]))
        for key in keys:
            index.setdefault(key, set()).add(node_id)
    return index


def resolve_body(graph: nx.MultiDiGraph, text: str, aliases: dict[str, str] | None = None) -> str:
    """The id of the body ``text`` names (id, label or acronym, any case); ``UnknownBody`` otherwise."""
    if text in graph:
        return text
    aliases = {_norm(k): v for k, v in (aliases or {}).items() if v in graph}
    index = _index(graph)
    key = _norm(text)
    for candidate in (key, _singular(key)):
        found = index.get(candidate, set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            if aliases.get(candidate) in found:
                return aliases[candidate]
            raise UnknownBody(text, [(n, graph.nodes[n]["label"]) for n in sorted(found)], ambiguous=True)
        if candidate in aliases:
            return aliases[candidate]
    raise UnknownBody(text, suggest_bodies(graph, text, index))


def suggest_bodies(graph: nx.MultiDiGraph, text: str, index: dict[str, set[str]] | None = None,
                   limit: int = 5) -> list[tuple[str, str]]:
    """(id, label) of the bodies whose names come closest to ``text``."""
    index = index or _index(graph)
    key = _norm(text)
    found: list[str] = []
    for close in difflib.get_close_matches(key, sorted(index), n=limit, cutoff=0.6):
        found += sorted(index[close])
    if len(key) >= 3:
        found += sorted(n for n, a in graph.nodes(data=True) if key in _norm(a["label"]))
    unique = list(dict.fromkeys(found))[:limit]
    return [(n, graph.nodes[n]["label"]) for n in unique]


# -- reading routes --------------------------------------------------------------------------------

def _object(attrs: dict) -> str:
    text = sentence_object(attrs["label"])
    last = attrs["label"].split()[-1].lower()
    if not attrs.get("plural") and (attrs.get("kind") not in _BARE_KINDS or last in _COMMON_NOUNS):
        text = "the " + text
    return text


def node_phrases(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """Node id -> {"subject": phrase at the start of a sentence, "object": phrase mid-sentence,
    "again": mid-sentence once named, by its acronym where no other body has it ("the NSF", "LSPs")}."""
    acronyms = Counter(a.get("acronym") for _, a in graph.nodes(data=True) if a.get("acronym"))
    nodes = {}
    for node_id, attrs in sorted(graph.nodes(data=True)):
        obj = _object(attrs)
        again = obj
        acronym = attrs.get("acronym")
        if acronym and acronyms[acronym] == 1:
            if attrs.get("plural"):
                again = acronym if acronym.endswith("s") else acronym + "s"
            else:
                again = "the " + acronym if obj.startswith("the ") else acronym
        nodes[node_id] = {"subject": obj[0].upper() + obj[1:] if obj.startswith("the ") else attrs["label"],
                          "object": obj, "again": again}
    return nodes


def route_phrases(graph: nx.MultiDiGraph) -> dict:
    """What ``route_sentences`` needs, as JSON-able data the page can ship.

    ``nodes``: id -> {"subject": phrase at the start of a sentence, "object": phrase mid-sentence}.
    ``edges``: edge id -> {"source", "target", "reading" (the verb after the source), "evidence"}.
    """
    nodes = node_phrases(graph)
    edges = {r["id"]: {"source": r["source"], "target": r["target"], "reading": r["reading"],
                       "inverse": inverse_reading(r["relation"], graph.nodes[r["target"]].get("plural", False)),
                       "evidence": r["evidence"]} for r in edge_records(graph)}
    return {"nodes": nodes, "edges": edges}


def inverse_reading(relation: str, plural: bool) -> str:
    """A relation read from its object, after a singular or plural subject ("{}" where the other body goes)."""
    singular, many = INVERSE_READINGS[relation]
    return many if plural else singular


def route_sentences(phrases: dict, nodes: list[str], edges: list[str]) -> list[str]:
    """The route ``nodes`` (via ``edges``, one per step) read from its first body to its last.

    Each step is a clause whose subject is the body the route has reached: the relation read forwards
    when the route follows its arrow, the other way round (``inverse``) when it goes against it. Clauses
    are joined by semicolons, at most ``STEPS_PER_SENTENCE`` to a sentence; a body named again is named
    by its short form ("the NSF").
    """
    sentences: list[str] = []
    clauses: list[str] = []
    for here, there, edge_key in zip(nodes, nodes[1:], edges):
        edge = phrases["edges"][edge_key]
        verb = edge["reading"] if edge["source"] == here else edge["inverse"]
        subject = phrases["nodes"][here]["again" if clauses else "subject"]
        if not clauses and sentences:
            subject = phrases["nodes"][here]["subject"]
        obj = phrases["nodes"][there]["object"]
        said = verb.replace("{}", obj) if "{}" in verb else f"{verb} {obj}"
        clauses.append(f"{subject} {said}" + (" (implied)" if edge["evidence"] == "implied" else ""))
        if len(clauses) == STEPS_PER_SENTENCE:
            sentences.append("; ".join(clauses) + ".")
            clauses = []
    if clauses:
        sentences.append("; ".join(clauses) + ".")
    return sentences


# -- finding routes --------------------------------------------------------------------------------

def _allowed(graph: nx.MultiDiGraph, source: str, target: str, through_case_studies: bool):
    studies = {graph.nodes[n].get("case_study") for n in (source, target)} - {None}
    if through_case_studies:
        return set(graph.nodes), None
    nodes = {n for n, a in graph.nodes(data=True) if a.get("case_study") in studies or not a.get("case_study")}
    return nodes | {source, target}, studies


def _step_choices(graph: nx.MultiDiGraph, allowed_studies) -> dict[frozenset, list[dict]]:
    """Undirected pair -> the relations between the two bodies that a route may follow."""
    pairs: dict[frozenset, list[dict]] = {}
    for record in edge_records(graph):
        study = record.get("case_study")
        if allowed_studies is not None and study is not None and study not in allowed_studies:
            continue
        pairs.setdefault(frozenset((record["source"], record["target"])), []).append(record)
    return pairs


def _choose(records: list[dict], here: str) -> dict:
    return min(records, key=lambda r: (r["evidence"] != "stated", r["source"] != here,
                                       r.get("case_study") is not None, r["id"]))


def find_routes(graph: nx.MultiDiGraph, source: str, target: str, all_routes: bool = False,
                through_case_studies: bool = False, limit: int = ROUTE_LIMIT,
                phrases: dict | None = None) -> tuple[list[Route], int]:
    """The shortest routes from ``source`` to ``target`` (ids), best first, and how many there are.

    Best means fewest implied relations, then fewest case-study relations, then fewest steps
    walked against an edge's direction. Without ``all_routes`` only the best is returned.
    Raises ``nx.NetworkXNoPath`` when there is none. Pass ``phrases`` (``route_phrases(graph)``)
    when finding many routes in one graph.
    """
    nodes, studies = _allowed(graph, source, target, through_case_studies)
    pairs = _step_choices(graph, studies)
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(nodes))
    undirected.add_edges_from(sorted(tuple(sorted(p)) for p in pairs if p <= nodes and len(p) == 2))
    paths = []
    for path in nx.all_shortest_paths(undirected, source, target):
        paths.append(path)
        if len(paths) >= PATH_LIMIT:  # a pathological graph: enough to choose from
            break
    phrases = phrases or route_phrases(graph)
    routes = []
    for path in paths:
        records = [_choose(pairs[frozenset((a, b))], a) for a, b in zip(path, path[1:])]
        steps = [Step(r["id"], r["source"], r["target"], r["relation"], r["evidence"], r["page"],
                      r["source"] == a, r.get("case_study")) for r, a in zip(records, path)]
        routes.append(Route(path, steps, route_sentences(phrases, path, [s.edge for s in steps])))
    routes.sort(key=lambda r: (sum(s.evidence != "stated" for s in r.steps), sum(s.case_study is not None for s in r.steps),
                               sum(not s.forward for s in r.steps), r.nodes))
    return (routes[:limit] if all_routes else routes[:1]), len(routes)


def case_studies_on_route(graph: nx.MultiDiGraph, route: Route) -> list[dict]:
    """Case studies that name a body of the route as a partner (or are on it): id, title, via (node ids)."""
    order = [s["id"] for s in graph.graph.get("case_studies", [])]
    titles = {s["id"]: s["title"] for s in graph.graph.get("case_studies", [])}
    via: dict[str, list[str]] = {}
    for node_id in route.nodes:
        attrs = graph.nodes[node_id]
        for study in [attrs.get("case_study")] + [p["case_study"] for p in attrs.get("partner_in", [])]:
            if study and node_id not in via.setdefault(study, []):
                via[study].append(node_id)
    return [{"id": s, "title": titles.get(s, s), "via": via[s]} for s in order if s in via]


def routes_to_data(graph: nx.MultiDiGraph, source: str, target: str, all_routes: bool = True,
                   through_case_studies: bool = False, aliases: dict[str, str] | None = None) -> dict:
    """Routes between two bodies (ids, names or acronyms) as JSON-able data for the page.

    Raises ``UnknownBody`` for a name that matches no body. With no route, ``routes`` is empty.
    """
    a, b = resolve_body(graph, source, aliases), resolve_body(graph, target, aliases)
    try:
        routes, count = find_routes(graph, a, b, all_routes, through_case_studies) if a != b else ([], 0)
    except nx.NetworkXNoPath:
        routes, count = [], 0
    return {
        "source": a, "target": b, "count": count, "length": len(routes[0].steps) if routes else None,
        "truncated": len(routes) < count and all_routes,
        "routes": [{"nodes": r.nodes, "edges": r.edges, "sentences": r.sentences, "text": r.text,
                    "implied": any(s.evidence == "implied" for s in r.steps),
                    "steps": [asdict(s) for s in r.steps],
                    "case_studies": case_studies_on_route(graph, r)} for r in routes],
    }


def format_routes(graph: nx.MultiDiGraph, source: str, target: str, routes: list[Route], count: int,
                  all_routes: bool) -> str:
    """Plain text for ``policymap route``: a heading, then each route's sentences and steps."""
    def name(node_id):
        attrs = graph.nodes[node_id]
        return attrs["label"] + (f" ({attrs['acronym']})" if attrs.get("acronym") else "")

    steps = len(routes[0].steps)
    heading = (f"{name(source)} -> {name(target)}: {count} shortest route{'s' if count != 1 else ''} "
               f"of {steps} step{'s' if steps != 1 else ''}")
    lines = [heading]
    for i, route in enumerate(routes, 1):
        lines.append("")
        if len(routes) > 1:
            lines.append(f"Route {i}:")
        lines += [f"  {sentence}" for sentence in route.sentences]
        for step in route.steps:
            where = f"{step.evidence}, p {step.page}" + (f", case study {step.case_study}" if step.case_study else "")
            lines.append(f"    {step.source} --{step.relation}--> {step.target}  ({where})")
        studies = case_studies_on_route(graph, route)
        if studies:
            lines.append("  Case studies with bodies on this route: " + "; ".join(
                f"{s['title']} ({', '.join(s['via'])})" for s in studies))
    if count > len(routes):
        more = count - len(routes)
        lines += ["", f"{more} more route{'s' if more != 1 else ''} of the same length"
                  + ("" if all_routes else ": use --all to see them")]
    return "\n".join(lines) + "\n"


def route_text(project, source: str, target: str, all_routes: bool = False, through_case_studies: bool = False) -> str:
    """``policymap route``: resolve both names, find the routes and format them.

    Raises ``BadBody`` (with ``param`` SOURCE or TARGET) for an unknown name or the same body twice,
    and ``NoRoute`` when the two are not connected.
    """
    graph = build_joined_graph(project, case_studies=True)
    aliases = body_aliases(project)
    ids = []
    for param, text in (("SOURCE", source), ("TARGET", target)):
        try:
            ids.append(resolve_body(graph, text, aliases))
        except UnknownBody as exc:
            exc.param = param
            raise
    if ids[0] == ids[1]:
        raise BadBody(f"SOURCE and TARGET both name '{ids[0]}': expected two different bodies", "TARGET")
    try:
        routes, count = find_routes(graph, ids[0], ids[1], all_routes, through_case_studies)
    except nx.NetworkXNoPath:
        hint = ""
        if not through_case_studies and nx.has_path(graph.to_undirected(as_view=True), ids[0], ids[1]):
            hint = "; there is one through the case studies: add --case-studies"
        raise NoRoute(f"no route between '{ids[0]}' and '{ids[1]}' in the maps{hint}") from None
    return format_routes(graph, ids[0], ids[1], routes, count, all_routes)
