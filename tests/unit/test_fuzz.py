"""Random edits of a valid map never give a traceback: a valid map or located errors."""

import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policymap.errors import FigureError
from policymap.loader import load_project

GOOD = Path(__file__).resolve().parent.parent / "fixtures" / "good"
LINES = (GOOD / "figures" / "funding.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
NOISE = st.sampled_from(["", " ", "  ", "\t", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "'", '"', "#",
                         "nodes:", "id: pct", "relation: funds", "null", "~", "12", "-1", "é", "\x00", "\ufeff",
                         "<script>", "? ", "|", ">", "%YAML 1.1", "---", "...", "<<: *a", "!!int ", "!!float x", "="])


@st.composite
def mutated(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "indent", "dedent", "swap"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "insert":
            col = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + draw(NOISE) + lines[i][col:]
        elif op == "replace":
            lines[i] = re.sub(r":\s.*", ": " + draw(NOISE), lines[i], count=1)
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            break
    return "".join(lines)


def test_control_character_is_located(good_copy):
    (good_copy / "figures" / "funding.yaml").write_bytes(b"id: funding\ntitle: a\x00b\n")
    try:
        load_project("data")
    except FigureError as error:
        assert error.problems[0].format().startswith("data/figures/funding.yaml:2:9: expected printable text")
    else:
        raise AssertionError("a NUL byte was accepted")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated())
def test_mutations_give_a_map_or_located_errors(tmp_path_factory, text):
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(GOOD, data)
    (data / "figures" / "funding.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_project(data)
    except FigureError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1 and problem.col >= 1
            assert problem.path.endswith(".yaml")
