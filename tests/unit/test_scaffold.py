"""``policymap new``: scaffold, validate, build, and find the new map in the index, search and glossary."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from policymap.cli import cli
from policymap.pagedata import script_data
from policymap.scaffold import find_schema, schema_ref
from policymap.site import build_site

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args)])


def page_data(site: Path, name: str) -> dict:
    return script_data((site / "assets" / "maps" / f"{name}.js").read_text(encoding="utf-8"))


def test_a_new_map_validates_builds_and_appears_everywhere(good_copy, tmp_path):
    result = run("new", "housing-and-health", "--data", "data", "--title", "Housing & health: <who> does what")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == ["wrote data/policymap.schema.json (the schema your editor reads)",
                                              "wrote data/figures/housing-and-health.yaml"]
    path = good_copy / "figures" / "housing-and-health.yaml"
    # Outside this repository there is no committed schema above the folder: new writes one into the data folder.
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../policymap.schema.json"
    assert (path.parent / "../policymap.schema.json").resolve().read_text(encoding="utf-8") == \
        (ROOT / "schema" / "policymap.schema.json").read_text(encoding="utf-8")

    validated = run("validate", "data", "--strict")
    assert validated.exit_code == 0, validated.output
    assert ("data/figures/housing-and-health.yaml: housing-and-health (map): 2 nodes, 1 edges, 0 warnings"
            in validated.output)

    # Link the starter node to a glossary term, as the file's comments suggest.
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    # glossary: []", "    glossary: [lsp-term]  #", 1), encoding="utf-8")
    out = tmp_path / "site"
    report = build_site(good_copy, out, strict=True)
    assert "housing-and-health.html" in report.pages

    page = (out / "housing-and-health.html").read_text(encoding="utf-8")
    assert "Housing &amp; health: &lt;who&gt; does what" in page
    assert {n["id"] for n in page_data(out, "housing-and-health")["vis"]["nodes"]} == {"housing-and-health-funder",
                                                                 "housing-and-health-partnership"}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="housing-and-health.html"' in index and "Housing &amp; health: &lt;who&gt; does what" in index
    script = (out / "assets" / "site-data.js").read_text(encoding="utf-8")
    search = script_data(script)["search"]
    assert {"id": "housing-and-health-funder", "map": "housing-and-health"}.items() <= next(
        entry for entry in search if entry["id"] == "housing-and-health-funder").items()
    glossary = (out / "glossary.html").read_text(encoding="utf-8")
    assert 'href="housing-and-health.html#node=housing-and-health-funder"' in glossary


@pytest.mark.parametrize("folder", ["data/figures", "tests/fixtures/good/figures", "tests/fixtures/diff/new/figures"])
def test_schema_line_points_at_the_committed_schema_from_inside_the_repository(folder):
    ref = schema_ref(ROOT / folder, find_schema((ROOT / folder).parent))
    assert (ROOT / folder / ref).resolve() == ROOT / "schema" / "policymap.schema.json"


def test_default_title_comes_from_the_id(good_copy):
    assert run("new", "care-at-home", "--data", "data").exit_code == 0
    assert 'title: "Care at home"' in (good_copy / "figures" / "care-at-home.yaml").read_text(encoding="utf-8")


def test_the_starter_lists_the_vocabulary_and_shared_bodies(good_copy):
    run("new", "care-at-home", "--data", "data")
    text = (good_copy / "figures" / "care-at-home.yaml").read_text(encoding="utf-8")
    assert "# Bodies you can place: lsp, nimhe\n" in text
    assert "government-department, government-unit" in text and "commissions, provides, funds" in text
    assert "lsp-term" in text


@pytest.mark.parametrize("args, message", [
    (["new", "Housing Map", "--data", "data"], "expected a kebab-case id (lower-case letters, digits, single hyphens), "
                                               "got 'Housing Map'; try 'housing-map'"),
    (["new", "funding", "--data", "data"], "a map 'funding' already exists in data/figures"),
    (["new", "glossary", "--data", "data"], "'glossary' is taken by the site's own glossary page"),
    (["new", "x", "--data", "data/glossary.yaml"], "Directory 'data/glossary.yaml' is a file"),
    (["new", "x", "--data", "data", "--title", " "], "expected a title of one line of text"),
])
def test_usage_errors_exit_2_and_write_nothing(good_copy, args, message):
    before = sorted(p.name for p in (good_copy / "figures").iterdir())
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert sorted(p.name for p in (good_copy / "figures").iterdir()) == before


def test_a_map_whose_file_name_differs_but_id_matches_is_refused(good_copy):
    (good_copy / "figures" / "funding.yaml").rename(good_copy / "figures" / "money.yaml")
    result = run("new", "funding", "--data", "data")
    assert result.exit_code == 2 and "a map 'funding' already exists" in result.output
