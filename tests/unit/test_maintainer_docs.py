"""The maintainer's guide documents each step of the workflow with the commands that do it."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_guide_documents_each_step():
    guide = (ROOT / "docs" / "maintainers.md").read_text(encoding="utf-8")
    for command in ("policymap schema > schema/policymap.schema.json", "$ policymap validate --strict",
                    "$ policymap serve", "$ policymap diff HEAD data", "--format json", "--html 2 -o",
                    "$ policymap new housing-and-health", "$ python build.py --strict", "$ python docs/screenshots.py"):
        assert command in guide, command
    assert (ROOT / "docs" / "screenshots.py").is_file()
