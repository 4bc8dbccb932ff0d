"""Safe, located YAML reading.

PyYAML's ``safe_load`` keeps the last of two duplicate keys silently, expands
aliases without limit and throws away line numbers. ``read_yaml`` builds the data
itself from libyaml's parser events, so it can reject duplicate keys and odd
tags and cap the expanded size; where every value starts is found by a second
read, only when a message asks for it (``Located.where``).
"""

from __future__ import annotations

import copy
import datetime
import errno
import functools
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from .errors import Problem

MAX_BYTES = 4 * 1024 * 1024
MAX_ALIASED = 10_000  # values reached again through aliases (*name): a "billion laughs" stops here
MAX_DEPTH = 40

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_IMPLICIT_FIRST = set("0123456789-+.~<=")  # scalars starting otherwise are text, true/false/yes/no/on/off or null
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: C0 controls but newline and tab, DEL and the bidirectional embeddings, overrides and isolates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_SEARCH = _UNSAFE.search


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser: ~10x faster, same marks
    pass


Loc = tuple  # a path into the data: ("nodes", 3, "kind")

_TAG_NAMES = {
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}
_PLAIN_TAGS = set(_TAG_NAMES)


@dataclass
class Located:
    """Parsed data plus the (line, col) of every value and key, counted from 1.

    Positions are found when first asked for (``where``), by reading the text again: a file
    with nothing to report is read once, without them.
    """

    data: object
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    locate: Callable[[Located], object] | None = field(default=None, repr=False, compare=False)

    def where(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """The position of ``loc``, or of the nearest enclosing value that exists."""
        if self.locate is not None:
            locate, self.locate = self.locate, None
            locate(self)
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))


class _Abort(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _not_a_file(mode: int) -> str | None:
    for test, what in _KINDS:
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "something that is not a regular file"


def _path_problem(name: str, got: str, hint: str) -> list[Problem]:
    return [Problem(name, 0, 0, f"expected a readable YAML file, got {got}", hint)]


def read_limited(path: Path, name: str, limit: int = MAX_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file of at most ``limit`` bytes, or None and a problem naming the path.

    Nothing but a regular file is opened (a named pipe would wait for a writer for ever), its size
    is checked before reading, and at most ``limit`` + 1 bytes are read whatever it claims.
    """
    rename = "rename or move it: every *.yaml here is read as data"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return None, _path_problem(name, f"a symlink to {os.readlink(path)!r}, which does not exist",
                                       "point the link at a file, or remove it")
        return None, _path_problem(name, "nothing (the file has gone)", "check the path")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, _path_problem(name, "a symlink loop", "point the link at a file, or remove it")
        return None, _path_problem(name, f"an error ({exc.strerror})", "check the path and its permissions")
    other = _not_a_file(info.st_mode)
    if other is not None:
        return None, _path_problem(name, other, rename)
    if info.st_size > limit:
        return None, [_too_big(name, info.st_size, limit)]
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return None, _path_problem(name, f"a file it cannot open ({exc.strerror})",
                                   "check the file's permissions (chmod u+r)")
    try:
        if _not_a_file(os.fstat(fd).st_mode) is not None:  # swapped since the stat
            return None, _path_problem(name, "something that is not a regular file", rename)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            raw = stream.read(limit + 1)
    except OSError as exc:
        return None, _path_problem(name, f"a file it cannot read ({exc.strerror})", "check the file and the disk")
    finally:
        os.close(fd)
    if len(raw) > limit:
        return None, [_too_big(name, len(raw), limit, "more than ")]
    return raw, []


def _too_big(name: str, size: int, limit: int, more: str = "") -> Problem:
    return Problem(name, 1, 1, f"file is {more}{size:,} bytes: expected at most {limit:,}",
                   "split it into smaller files, or check it is the right file")


def read_yaml(path: Path, display: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file; return its located data, or None and the problems found."""
    name = display or str(path)
    raw, problems = read_limited(path, name)
    if raw is None:
        return None, problems
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
    located = Located(None)
    try:
        located.data, problems = _read(text, name, located, record=False)
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
    except _Abort as stop:
        return None, [stop.problem]
    if located.data is _EMPTY:
        return None, [Problem(name, 1, 1, "expected a mapping of 'key: value' lines, got an empty file",
                              "see data/figures/ for an example, or run 'policymap new MAP_ID'")]
    if problems:
        return None, problems
    # Positions on first use: the same read again, recording them (a partial, not a closure over
    # located, so there is no cycle to collect).
    located.locate = functools.partial(_read, text, name, record=True)
    return located, []


def _read(text: str, name: str, located: Located, record: bool) -> tuple[object, list[Problem]]:
    """The data of ``text`` and the problems that do not stop reading (duplicate keys); with
    ``record``, every position into ``located``. Raises PyYAML's errors and ``_Abort``."""
    loader = _Loader(text)
    try:
        reader = _Reader(name, loader, located, record)
        return reader.document(), reader.problems
    finally:
        loader.dispose()


def _tab_problems(text: str, name: str) -> list[Problem]:
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return [Problem(name, number, indent.index("\t") + 1,
                            "expected spaces for indentation, got a tab character",
                            "YAML indents with spaces only: replace the tab with spaces")]
    return []


_EMPTY = object()  # a stream with no document at all
_BUSY = object()  # an anchor whose value is still being read: an alias to it would recurse


class _Reader:
    """Build plain data from libyaml's events, recording where each key and value starts.

    Working from events rather than PyYAML's node tree skips a Python object per
    value; aliases are expanded as copies, counted against MAX_ALIASED.
    """

    def __init__(self, name: str, loader, located: Located, record: bool):
        self.name = name
        self.record = record  # positions into located.values and .keys; without, ``loc`` is None throughout
        self.top_key = None  # the mark of the top-level key being read, for problems found inside it
        self.loader = loader
        self.next_event = loader.get_event
        self.values = located.values
        self.keys = located.keys
        self.anchors: dict[str, tuple] = {}  # name -> (value, values inside, depth below)
        self.count = 0  # values read, aliased ones included
        self.aliased = 0
        self.deepest = 0
        self.plain: dict[str, object] = {}  # unquoted scalars already resolved: keys and vocabulary repeat
        self.problems: list[Problem] = []

    def document(self):
        self.next_event()  # stream start
        start = self.next_event()
        if isinstance(start, yaml.StreamEndEvent):
            return _EMPTY
        value = self.node(self.next_event(), () if self.record else None, 0)
        self.next_event()  # document end
        extra = self.next_event()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError("expected a single document in the stream", start.start_mark,
                                              "but found another document", extra.start_mark)
        return value

    def too_far(self, mark) -> _Abort:
        # point at the top-level key being expanded: the alias itself may sit in a long flow list
        mark = self.top_key or mark
        line, col = mark.line + 1, mark.column + 1
        return _Abort(Problem(self.name, line, col,
                              f"expected at most {MAX_ALIASED:,} values repeated through aliases and nesting at most "
                              f"{MAX_DEPTH} deep, got more (aliases such as *name expand too far)",
                              "write the values out instead of repeating anchors and aliases"))

    def node(self, event, loc: Loc, depth: int):
        if depth > MAX_DEPTH:
            raise self.too_far(event.start_mark)
        if loc is not None:
            mark = event.start_mark
            self.values[loc] = (mark.line + 1, mark.column + 1)
        self.count += 1
        kind = type(event)
        if kind is yaml.ScalarEvent:
            value = self.scalar(event)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1, 0)
            return value
        if kind is yaml.AliasEvent:
            return self.alias(event, depth)
        anchor = event.anchor
        if anchor is not None:
            self.anchors[anchor] = _BUSY
            before, deepest, self.deepest = self.count, self.deepest, depth
        if kind is yaml.MappingStartEvent:
            value = self.mapping(event, loc, depth)
        else:
            value = self.sequence(event, loc, depth)
        if anchor is not None:
            self.anchors[anchor] = (value, self.count - before + 1, self.deepest - depth)
            self.deepest = max(deepest, self.deepest)
        else:
            self.deepest = max(self.deepest, depth)
        return value

    def alias(self, event, depth: int):
        found = self.anchors.get(event.anchor)
        if found is None:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias *{event.anchor}", event.start_mark)
        if found is _BUSY:
            raise self.too_far(event.start_mark)
        value, inside, below = found
        self.aliased += inside
        self.count += inside - 1
        if self.aliased > MAX_ALIASED or depth + below > MAX_DEPTH:
            raise self.too_far(event.start_mark)
        self.deepest = max(self.deepest, depth + below)
        return copy.deepcopy(value) if isinstance(value, (dict, list)) else value

    def scalar(self, event):
        """A scalar's value: text, or what an unquoted number, true/false, null or date stands for."""
        tag, value = event.tag, event.value
        if value and (value[0] == "\t" or _UNSAFE_SEARCH(value)):
            self.problems.append(self.unsafe(event))
        if tag is None:
            if not event.implicit[0]:
                return value  # quoted: always text
            known = self.plain.get(value, _BUSY)
            if known is not _BUSY:
                return known
            if value and value[0] not in _IMPLICIT_FIRST and (len(value) > 5 or not value.isalpha()):
                return value  # prose: PyYAML would try a dozen regular expressions to learn the same
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
            # YAML 1.1's '<<' and '=' stay text here (mapping() refuses a merge key)
            known = self.plain[value] = self.construct(event, tag) if tag in _PLAIN_TAGS else value
            return known
        if tag == _STR or tag == "!":
            return value
        if tag not in _PLAIN_TAGS:
            raise self.bad_tag(event, "plain text, a number or true/false")
        return self.construct(event, tag)

    def unsafe(self, event) -> Problem:
        """Escapes ("\\x01", "\\0", "\\e") and raw bidirectional controls reach text the reader let through."""
        value = event.value
        found = _UNSAFE.search(value)
        char = found.group() if found else "\t"
        mark = event.start_mark
        if found and char in _BIDI:
            what = f"the bidirectional control character U+{ord(char):04X}"
            hint = "delete it: it makes text display in another order than it is written, so a name can pass for another"
        elif not found:
            what = "a tab at the start of the text"
            hint = "delete the tab; inside text, a tab is allowed"
        else:
            what = f"the control character U+{ord(char):04X}"
            hint = "delete the character or its escape (such as \\x01, \\0 or \\e); only newlines and tabs are allowed"
        return Problem(self.name, mark.line + 1, mark.column + 1,
                       f"expected printable text, got {what} in {value[:40]!r}", hint)

    def construct(self, event, tag: str):
        if tag == _STR:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, IndexError, TypeError, OverflowError) as exc:  # "!!int " ends in IndexError
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            raise _Abort(Problem(self.name, line, col, f"expected {_TAG_NAMES[tag]}, got {event.value!r} ({exc})",
                                 "quote the value to keep it as text"))
        if isinstance(value, (datetime.date, datetime.datetime)):
            value = value.isoformat()
        return value

    def bad_tag(self, event, expected: str, hint: str = "remove the '!' tag") -> _Abort:
        mark = event.start_mark
        return _Abort(Problem(self.name, mark.line + 1, mark.column + 1, f"expected {expected}, got the tag {event.tag}", hint))

    def sequence(self, event, loc: Loc, depth: int) -> list:
        if event.tag not in (None, "!", _SEQ):
            raise self.bad_tag(event, "a plain list")
        result = []
        next_event, node = self.next_event, self.node
        item = next_event()
        while type(item) is not yaml.SequenceEndEvent:
            result.append(node(item, None if loc is None else loc + (len(result),), depth + 1))
            item = next_event()
        return result

    def mapping(self, event, loc: Loc, depth: int) -> dict:
        if event.tag not in (None, "!", _MAP):
            raise self.bad_tag(event, "a plain mapping", "remove the '!' tag; merge keys (<<) are not supported")
        result: dict = {}
        first: dict = {}  # key -> the mark where it was first given
        next_event, node, record = self.next_event, self.node, loc is not None
        key_event = next_event()
        while type(key_event) is not yaml.MappingEndEvent:
            kind = type(key_event)
            if kind is yaml.ScalarEvent:
                key = self.scalar(key_event)
                if not isinstance(key, str):  # every key of the data is text: '1' and 'true' stay as written
                    key = key_event.value
                if key == "<<" and key_event.implicit[0]:
                    raise self.at(key_event.start_mark, "expected a plain key, got a merge key (<<)",
                                  "merge keys are not supported: write the keys out")
            elif kind is yaml.AliasEvent:
                key = self.alias(key_event, depth)
            else:
                key = None
            if key is None and kind is not yaml.ScalarEvent or isinstance(key, (dict, list)):
                raise self.at(key_event.start_mark, "expected a plain key, got a list or mapping as a key")
            if key in first:
                self.skip(next_event())
                mark = key_event.start_mark
                self.problems.append(Problem(
                    self.name, mark.line + 1, mark.column + 1, f"duplicate key '{key}': expected each key once per mapping",
                    f"'{key}' is first defined at line {first[key].line + 1}; remove one of them"))
            else:
                first[key] = key_event.start_mark
                if depth == 0:
                    self.top_key = key_event.start_mark
                if record:
                    child = loc + (key,)
                    self.keys[child] = (first[key].line + 1, first[key].column + 1)
                    result[key] = node(next_event(), child, depth + 1)
                else:
                    result[key] = node(next_event(), None, depth + 1)
            key_event = next_event()
        return result

    def at(self, mark, message: str, hint: str | None = None) -> _Abort:
        return _Abort(Problem(self.name, mark.line + 1, mark.column + 1, message, hint))

    def skip(self, event) -> None:
        """Pass over a value (a duplicate key's) without keeping it."""
        level = 0
        while True:
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                level += 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                level -= 1
            if level == 0:
                return
            event = self.next_event()
