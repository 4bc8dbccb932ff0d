"""Dates and lineage: when a body or relation existed, and what became of each body.

Pure functions on ``schema`` models; no graphs and no I/O (``timeline`` builds maps at a date).

Dates are partial: "2013", "2013-04" or "2013-04-01". A date stands for the first day of the
period it names, so ``from: "2013-04"`` means from 1 April 2013, and ``until: "2013-04-01"``
means the body no longer existed on 1 April 2013 (it did on 31 March). A body exists at a date
when ``from <= date < until``; a body without ``from`` existed at the guide's date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import schema

DateKey = tuple[int, int, int]


def date_key(text: str) -> DateKey:
    """The first day a partial date stands for, as (year, month, day)."""
    parts = [int(p) for p in str(text).split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def end_of(node: schema.Node) -> str | None:
    """When a body ended: its ``until``, else the date of what became of it, else None."""
    if node.until is not None:
        return node.until
    return node.became.date if node.became is not None else None


def exists_at(start: str | None, end: str | None, at: DateKey) -> bool:
    return (start is None or date_key(start) <= at) and (end is None or at < date_key(end))


def body_exists(node: schema.Node, at: DateKey) -> bool:
    return exists_at(node.from_, end_of(node), at)


def relation_exists(relation, at: DateKey) -> bool:
    return exists_at(relation.from_, relation.until, at)


def is_later(node: schema.Node, guide_date: str) -> bool:
    """True for a body that began after the guide's date."""
    return node.from_ is not None and date_key(node.from_) > date_key(guide_date)


def format_date(text: str) -> str:
    """'2013-04-01' -> '1 April 2013'; '2013-04' -> 'April 2013'; '2013' -> '2013'."""
    parts = str(text).split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def cite(source: schema.Source) -> str:
    """A source as a reader looks it up: 'Health and Social Care Act 2012, s 34'."""
    text = source.title
    if source.kind == "statutory-instrument" and source.number and source.number not in text:
        text += f" (SI {source.number})"
    if source.section:
        text += f", {source.section}"
    if source.kind == "announcement":
        text += f" ({source.by}, {format_date(source.date)})" if source.by else f" ({format_date(source.date)})"
    return text


@dataclass(frozen=True)
class Step:
    """One dated change in a body's lineage: ``body`` ``kind`` ``into`` on ``date``."""

    body: str
    kind: str
    date: str
    into: tuple[str, ...]
    sources: tuple[schema.Source, ...]
    note: str | None = None


@dataclass
class Lineage:
    """Who came from whom, over every body of a project."""

    became: dict[str, Step] = field(default_factory=dict)  # body -> what became of it
    came_from: dict[str, list[Step]] = field(default_factory=dict)  # body -> the steps that led to it

    def successors(self, body: str) -> tuple[str, ...]:
        step = self.became.get(body)
        return step.into if step else ()

    def descendants(self, body: str) -> list[str]:
        """Every body that came, step by step, from ``body``, nearest first (each once)."""
        seen: list[str] = []
        queue = list(self.successors(body))
        while queue:
            current = queue.pop(0)
            if current in seen or current == body:
                continue
            seen.append(current)
            queue += self.successors(current)
        return seen

    def ancestors(self, body: str) -> list[str]:
        """Every body that ``body`` came from, step by step, nearest first (each once)."""
        seen: list[str] = []
        queue = [s.body for s in self.came_from.get(body, [])]
        while queue:
            current = queue.pop(0)
            if current in seen or current == body:
                continue
            seen.append(current)
            queue += [s.body for s in self.came_from.get(current, [])]
        return seen


def build_lineage(nodes: dict[str, schema.Node]) -> Lineage:
    """The lineage of ``nodes`` (id -> Node); successors that are not in ``nodes`` are left out."""
    lineage = Lineage()
    for node_id in sorted(nodes):
        change = nodes[node_id].became
        if change is None:
            continue
        into = tuple(i for i in change.into if i in nodes and i != node_id)
        step = Step(node_id, change.kind, change.date, into, tuple(change.sources), change.note)
        lineage.became[node_id] = step
        for successor in into:
            lineage.came_from.setdefault(successor, []).append(step)
    return lineage


def find_cycle(lineage: Lineage) -> list[str] | None:
    """A loop of successors (a -> b -> a) as the ids along it, or None."""
    for start in sorted(lineage.became):
        stack = [(s, [start, s]) for s in lineage.successors(start)]
        seen: set[str] = set()
        while stack:
            current, path = stack.pop()
            if current == start:
                return path
            if current in seen:
                continue
            seen.add(current)
            stack += [(n, path + [n]) for n in sorted(lineage.successors(current))]
    return None
