"""The bad-input gallery: each bad file and its exact message, plus loader edge cases."""

import re
import time
from pathlib import Path

import pytest

from policymap.errors import FigureError
from policymap.loader import load_project
from policymap.yamlsafe import MAX_BYTES

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"
CASES = sorted(p.stem for p in BAD.glob("*.yaml"))


def _errors(data_dir) -> str:
    with pytest.raises(FigureError) as info:
        load_project(data_dir)
    return "\n".join(p.format() for p in info.value.problems)


def test_gallery_is_complete():
    expected = {"syntax-error", "wrong-type", "unknown-key", "missing-field", "duplicate-key", "duplicate-id",
                "dangling-edge", "unknown-relation", "websites--bad-link", "alias-bomb", "empty", "top-level-list",
                "non-utf8", "tab-indent"}
    assert expected <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_bad_file_gives_its_exact_message(case, good_copy):
    prefix = case.split("--")[0] if "--" in case else None
    target = {"websites": "websites.yaml", "case-studies": "case-studies.yaml",
              "bodies": "bodies/since.yaml"}.get(prefix, "figures/funding.yaml")
    (good_copy / target).write_bytes((BAD / f"{case}.yaml").read_bytes())
    expected = (BAD / f"{case}.expected").read_text(encoding="utf-8").rstrip("\n")
    assert _messages("data") == re.sub(r"^(?=figures/|websites\.yaml|case-studies\.yaml|bodies/)", "data/", expected,
                                       flags=re.M)


def _messages(data_dir) -> str:
    """The errors, or when the data loads, its warnings (which fail --strict)."""
    try:
        project = load_project(data_dir)
    except FigureError as exc:
        return "\n".join(p.format() for p in exc.problems)
    return "\n".join(p.format() for p in project.warnings)


def test_good_fixture_loads(good_copy):
    project = load_project("data")
    assert [f.id for f in project.figures] == ["funding", "partners"]
    assert project.warnings == []


def test_oversized_file(good_copy):
    path = good_copy / "figures" / "funding.yaml"
    path.write_text("# padding\n" * (MAX_BYTES // 10 + 1), encoding="utf-8")
    assert _errors("data") == (
        f"data/figures/funding.yaml:1:1: file is {path.stat().st_size:,} bytes: expected at most {MAX_BYTES:,}\n"
        "  hint: split it into smaller files, or check it is the right file")


def test_alias_bomb_fails_fast(good_copy):
    (good_copy / "figures" / "funding.yaml").write_bytes((BAD / "alias-bomb.yaml").read_bytes())
    start = time.perf_counter()
    _errors("data")
    assert time.perf_counter() - start < 0.5


def test_every_problem_in_every_file_is_reported(good_copy):
    (good_copy / "figures" / "funding.yaml").write_bytes((BAD / "unknown-key.yaml").read_bytes())
    (good_copy / "websites.yaml").write_bytes((BAD / "websites--bad-link.yaml").read_bytes())
    text = _errors("data")
    assert "unknown key 'colour'" in text and "javascript:alert(1)" in text


def test_recursive_alias_is_located(good_copy):
    (good_copy / "figures" / "funding.yaml").write_text("a: &a [*a]\n", encoding="utf-8")
    assert "aliases such as *name expand too far" in _errors("data")


def test_python_tags_are_refused(good_copy):
    (good_copy / "figures" / "funding.yaml").write_text("id: !!python/object/apply:os.system [echo]\n", encoding="utf-8")
    assert "data/figures/funding.yaml:1:5: expected a plain list, got the tag" in _errors("data")


def test_shared_body_defined_locally_again(good_copy):
    path = good_copy / "figures" / "partners.yaml"
    text = path.read_text(encoding="utf-8").replace("nodes:\n", "nodes:\n  - id: lsp\n    label: LSP\n    kind: partnership\n"
                                                    "    level: local\n    role: Again.\n    pages: [1]\n", 1)
    path.write_text(text, encoding="utf-8")
    assert "data/figures/partners.yaml:13:9: nodes[0].id: 'lsp' is a shared body" in _errors("data")


def test_local_id_in_two_figures_must_be_shared(good_copy):
    path = good_copy / "figures" / "partners.yaml"
    text = path.read_text(encoding="utf-8").replace("id: residents", "id: pct")
    path.write_text(text.replace("source: residents", "source: pct"), encoding="utf-8")
    assert "'pct' is also defined in data/figures/funding.yaml:30:9" in _errors("data")


def test_unknown_glossary_term_and_shared_id(good_copy):
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("glossary: [lsp-term]", "glossary: [lsp-trem]")
                    .replace("  - id: nimhe\n    region", "  - id: nimeh\n    region"), encoding="utf-8")
    text = _errors("data")
    assert "expected a glossary term id, got 'lsp-trem'\n  hint: did you mean 'lsp-term'?" in text
    assert "shared[0].id: expected a body from data/bodies/, got 'nimeh'\n  hint: did you mean 'nimhe'?" in text


def test_tour_refs_are_checked(good_copy):
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('edges: ["kings-fund -> lsp"]', 'edges: ["lsp -> kings-fund"]'),
                    encoding="utf-8")
    assert "tours[0].steps[1].edges[0]: expected an edge of this figure, got 'lsp -> kings-fund'" in _errors("data")


def test_whole_system_tours_cross_maps_and_are_checked(good_copy):
    tours = (good_copy / "whole-system.yaml")
    tours.write_text("tours:\n  - id: across\n    title: Across the maps\n    steps:\n"
                     "      - title: From one map to the other\n        text: Residents sit on the LSP; the King's Fund...\n"
                     "        nodes: [residents, kings-fund]\n        edges: [\"residents -> lsp\", \"kings-fund -> lsp\"]\n"
                     "        pages: [23]\n", encoding="utf-8")
    project = load_project("data")
    assert [t.id for t in project.whole_system_tours] == ["across"]
    assert project.whole_system_tours[0].steps[0].pages == [23]
    tours.write_text(tours.read_text(encoding="utf-8").replace("[residents, kings-fund]", "[residents, kings-fnd]")
                     .replace('"kings-fund -> lsp"', '"lsp -> kings-fund"'), encoding="utf-8")
    text = _errors("data")
    assert ("data/whole-system.yaml:7:28: tours[0].steps[0].nodes[1]: expected a node id on a map or in a case study, "
            "got 'kings-fnd'\n  hint: did you mean 'kings-fund'?") in text
    assert "tours[0].steps[0].edges[1]: expected an edge of a map or a case study, got 'lsp -> kings-fund'" in text


def test_warnings_for_orphans_and_missing_pages(good_copy):
    path = good_copy / "figures" / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    pages: [23]\n", "")
                    + "  - {source: lsp, target: nimhe, relation: advises, evidence: implied, page: 1}\n", encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("  - source: residents\n    target: lsp\n    relation: member-of\n"
                                                             "    evidence: stated\n    page: 23\n", ""), encoding="utf-8")
    project = load_project("data")
    messages = [w.format() for w in project.warnings]
    assert any("'residents' cites no guide page" in m for m in messages)
    assert any("'residents' has no edges in this figure" in m for m in messages)


@pytest.mark.parametrize("text, expected", [
    ("defaults: &d {kind: fund}\nid: funding\nmore:\n  <<: *d\n",
     "data/figures/funding.yaml:4:3: expected a plain key, got a merge key (<<)"),
    ("id: !!int abc\n", "data/figures/funding.yaml:1:5: expected a whole number, got 'abc'"),
    ("id: *nowhere\n", "data/figures/funding.yaml:1:5: YAML syntax error: found undefined alias *nowhere"),
    ("id: a\n---\nid: b\n", "data/figures/funding.yaml:2:1: YAML syntax error: but found another document"),
    ("? [a, b]\n: c\n", "data/figures/funding.yaml:1:3: expected a plain key, got a list or mapping as a key"),
])
def test_unusual_yaml_is_located(good_copy, text, expected):
    (good_copy / "figures" / "funding.yaml").write_text(text, encoding="utf-8")
    assert _errors("data").startswith(expected)


def test_aliases_expand_to_copies(good_copy, tmp_path):
    from policymap.yamlsafe import read_yaml

    path = tmp_path / "a.yaml"
    path.write_text("a: &x {b: [1, 2]}\nc: *x\nd: [*x, 2001-02-03, yes, ~, '=', =]\n", encoding="utf-8")
    located, problems = read_yaml(path)
    assert problems == []
    assert located.data == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]},
                            "d": [{"b": [1, 2]}, "2001-02-03", True, None, "=", "="]}
    assert located.data["c"] is not located.data["a"]
    assert located.values == {}  # positions are read only when first asked for
    assert located.where(("c",)) == (2, 4) and located.where(("d", 1)) == (3, 9)
    assert located.where(("a", "b", 1)) == (1, 15)


def test_empty_tagged_number_is_located(good_copy):
    (good_copy / "figures" / "funding.yaml").write_text("id: !!int\nnumber: !!float ''\n", encoding="utf-8")
    assert _errors("data").startswith("data/figures/funding.yaml:1:5: expected a whole number, got ''")
