"""The page script: ``static/js/*.js`` joined into the one classic script ``assets/policymap.js``.

Pages open from ``file://``, where Chromium refuses ``import`` between module files, so the
modules are joined at build time, here in Python, so that building needs nothing but Python
(no npm, no bundler, no committed second copy). The join is deliberately boring: the files
named in ``static/js/modules.txt``, in that order, each wrapped in a function that receives
the shared namespace ``pm``, inside one strict-mode closure. ``tests/js/load.js`` wraps them
the same way for Node's test runner, and ``tests/unit/test_bundle.py`` checks that every file
is listed and the join is stable.
"""

from __future__ import annotations

from importlib import resources

HEADER = ("/* policymap: the page script, joined from static/js/ by policymap.bundle (do not edit here;\n"
          "   edit the modules). Each module sees the namespace pm and adds its part to it. */\n")


def module_names() -> list[str]:
    """The modules in join order, from ``static/js/modules.txt`` (comments and blank lines skipped)."""
    text = (resources.files("policymap") / "static" / "js" / "modules.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def join_scripts() -> str:
    """The text of ``assets/policymap.js``."""
    folder = resources.files("policymap") / "static" / "js"
    parts = [HEADER, "(function () {\n\"use strict\";\nconst pm = {};\n"]
    for name in module_names():
        body = (folder / name).read_text(encoding="utf-8").rstrip("\n")
        parts.append(f"\n/* ---- js/{name} ---- */\n(function (pm) {{\n{body}\n}})(pm);\n")
    parts.append("})();\n")
    return "".join(parts)
