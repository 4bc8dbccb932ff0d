"""Errors and located problems, worded for someone editing YAML."""

from __future__ import annotations

from dataclasses import dataclass

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in a data file: ``path:line:col: where: message`` plus a hint."""

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None
    severity: str = "error"

    def format(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path  # line 0: the file or folder itself
        text = f"{where}: {prefix}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class PolicymapError(click.ClickException):
    """An error shown to the user without a traceback; exit code 1."""

    exit_code = 1

    def show(self, file=None) -> None:  # noqa: D102 - click's signature
        click.echo(self.format_message(), err=True)


class FigureError(PolicymapError):
    """The data has one or more located problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        summary = f"{count} error{'s' if count != 1 else ''} found."
        super().__init__("\n".join(p.format() for p in self.problems) + "\n" + summary)


class BuildAborted(PolicymapError):
    """A build stopped part way (for example ``--strict`` and warnings)."""


class UsageProblem(PolicymapError):
    """A command asked for something it must refuse (for example an ``--out`` that holds the data); exit code 2."""

    exit_code = 2
