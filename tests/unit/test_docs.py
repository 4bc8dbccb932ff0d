"""The README's quick start and CI run the same test command; schema fields are documented."""

import re
from pathlib import Path

from pydantic import BaseModel

from policymap import schema

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```\n(.+?)\n```", quick)
    assert len(commands) == 2, "the quick start has exactly two commands"
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci_lines[-1] == commands[1]


def test_every_schema_field_has_a_description():
    models = [v for v in vars(schema).values() if isinstance(v, type) and issubclass(v, BaseModel) and v.__module__ == schema.__name__]
    missing = [f"{m.__name__}.{name}" for m in models for name, f in m.model_fields.items() if not f.description]
    assert missing == []
