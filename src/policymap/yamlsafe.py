"""Safe, located YAML reading.

PyYAML's ``safe_load`` keeps the last of two duplicate keys silently, expands
aliases without limit and throws away line numbers. ``read_yaml`` composes the
document itself and walks the node tree once, so it can reject duplicate keys
and odd tags, cap the expanded size, and remember where every value starts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem

MAX_BYTES = 4 * 1024 * 1024
MAX_ALIASED = 10_000  # values reached again through aliases (*name): a "billion laughs" stops here
MAX_DEPTH = 40

_STR = "tag:yaml.org,2002:str"
_IMPLICIT_FIRST = set("0123456789-+.~<=")  # scalars starting otherwise are text, true/false/yes/no/on/off or null


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser: ~10x faster, same marks
    def __init__(self, stream):
        super().__init__(stream)
        self._tags: dict = {}

    def resolve(self, kind, value, implicit):
        # PyYAML tries a dozen regular expressions on every plain scalar; most of ours are prose,
        # and keys and vocabulary words repeat, so the answer is remembered.
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            if implicit[0] and value and value[0] not in _IMPLICIT_FIRST and (len(value) > 5 or not value.isalpha()):
                tag = _STR
            else:
                tag = super().resolve(kind, value, implicit)
            self._tags[key] = tag
        return tag

Loc = tuple  # a path into the data: ("nodes", 3, "kind")

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class Located:
    """Parsed data plus the (line, col) of every value and key, counted from 1."""

    data: object
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """The position of ``loc``, or of the nearest enclosing value that exists."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))


class _Abort(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_yaml(path: Path, display: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file; return its located data, or None and the problems found."""
    name = display or str(path)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [Problem(name, 1, 1, f"file is {len(raw):,} bytes: expected at most {MAX_BYTES:,}",
                              "split it into smaller files, or check it is the right file")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(name, line, col, f"expected UTF-8 text, got the byte 0x{raw[exc.start]:02x}",
                              "save the file with UTF-8 encoding")]
    problems = _tab_problems(text, name)
    if problems:
        return None, problems
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "not valid YAML"
        if exc.context and exc.context_mark is not None and exc.problem:
            what += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        return None, [Problem(name, mark.line + 1, mark.column + 1, f"YAML syntax error: {what}",
                              "check the indentation and that every 'key: value' has a space after the colon")]
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow, located by offset
        offset = getattr(exc, "position", 0)
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        reason = getattr(exc, "reason", None) or "not valid YAML"
        return None, [Problem(name, line, col, f"expected printable text, got a character YAML does not allow ({reason})",
                              "delete the character; control characters are not allowed")]
    finally:
        loader.dispose()
    if root is None:
        return None, [Problem(name, 1, 1, "expected a mapping of 'key: value' lines, got an empty file",
                              "see data/figures/ for an example, or run 'policymap new MAP_ID'")]
    located = Located(None)
    walker = _Walker(name, loader, located)
    try:
        located.data = walker.walk(root, (), 0)
    except _Abort as stop:
        return None, [stop.problem]
    if walker.problems:
        return None, walker.problems
    return located, []


def _tab_problems(text: str, name: str) -> list[Problem]:
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return [Problem(name, number, indent.index("\t") + 1,
                            "expected spaces for indentation, got a tab character",
                            "YAML indents with spaces only: replace the tab with spaces")]
    return []


class _Walker:
    def __init__(self, name: str, loader, located: Located):
        self.name = name
        self.loader = loader
        self.located = located
        self.seen: set[int] = set()
        self.aliased = 0
        self.problems: list[Problem] = []

    def walk(self, node, loc: Loc, depth: int, repeat: bool = False):
        repeat = repeat or id(node) in self.seen
        self.seen.add(id(node))
        self.aliased += repeat
        if self.aliased > MAX_ALIASED or depth > MAX_DEPTH:
            # an aliased value carries its anchor's position: point at the top-level key being expanded
            line, col = self.located.keys.get(loc[:1], _mark(node))
            raise _Abort(Problem(self.name, line, col,
                                 f"expected at most {MAX_ALIASED:,} values repeated through aliases and nesting at most "
                                 f"{MAX_DEPTH} deep, got more (aliases such as *name expand too far)",
                                 "write the values out instead of repeating anchors and aliases"))
        self.located.values[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth, repeat)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                line, col = _mark(node)
                raise _Abort(Problem(self.name, line, col, f"expected a plain list, got the tag {node.tag}",
                                     "remove the '!' tag"))
            return [self.walk(item, loc + (i,), depth + 1, repeat) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:str":
            return node.value  # the common case, without the constructor's overhead
        if node.tag not in _PLAIN_TAGS:
            line, col = _mark(node)
            raise _Abort(Problem(self.name, line, col, f"expected plain text, a number or true/false, got the tag {node.tag}",
                                 "remove the '!' tag"))
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, (datetime.date, datetime.datetime)):
            value = value.isoformat()
        return value

    def _mapping(self, node, loc: Loc, depth: int, repeat: bool) -> dict:
        if node.tag != "tag:yaml.org,2002:map":
            line, col = _mark(node)
            raise _Abort(Problem(self.name, line, col, f"expected a plain mapping, got the tag {node.tag}",
                                 "remove the '!' tag; merge keys (<<) are not supported"))
        result: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node)
                raise _Abort(Problem(self.name, line, col, "expected a plain key, got a list or mapping as a key"))
            key = self.loader.construct_object(key_node)
            if key in first:
                line, col = _mark(key_node)
                self.problems.append(Problem(
                    self.name, line, col, f"duplicate key '{key}': expected each key once per mapping",
                    f"'{key}' is first defined at line {first[key][0]}; remove one of them"))
                continue
            first[key] = _mark(key_node)
            self.located.keys[loc + (key,)] = first[key]
            result[key] = self.walk(value_node, loc + (key,), depth + 1, repeat)
        return result
