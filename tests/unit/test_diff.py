"""``policymap diff``: known changes between two fixture folders give exactly those rows."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from policymap.cli import cli
from policymap.diff import compare_projects
from policymap.loader import load_project

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "tests" / "fixtures" / "diff" / "old"
NEW = ROOT / "tests" / "fixtures" / "diff" / "new"
OLD_ROLE = "Partnerships that bring local public, private, voluntary and community bodies together to set priorities."
NEW_ROLE = "Partnerships of local public, private, voluntary and community bodies that set shared priorities."

SECTIONS = ("maps", "regions", "tours", "tour_steps", "glossary", "abbreviations", "websites", "case_studies",
            "case_study_partners", "case_study_links")
NO_SECTIONS = {name: {"added": [], "removed": [], "changed": []} for name in SECTIONS}
EXPECTED = {
    "nodes_added": [
        {"id": "kings-fund-charity", "label": "King's Fund", "maps": ["funding"]},
        {"id": "neighbourhood-forum", "label": "Neighbourhood forum", "maps": ["partners"]},
    ],
    "nodes_removed": [
        {"id": "kings-fund", "label": "King's Fund", "maps": ["funding"]},
        {"id": "residents", "label": "Local residents", "maps": ["partners"]},
    ],
    "nodes_changed": [
        {"id": "lsp", "label": "Local strategic partnerships",
         "changes": [{"field": "role", "old": OLD_ROLE, "new": NEW_ROLE}]},
        {"id": "nimhe", "label": "National Institute for Mental Health in England",
         "changes": [{"field": "region.funding", "old": "national", "new": "local"}]},
        {"id": "pct", "label": "Primary care trusts", "changes": [{"field": "pages", "old": [18], "new": [18, 35]}]},
    ],
    "edges_added": [
        {"map": "funding", "source": "kings-fund-charity", "relation": "advises", "target": "lsp"},
        {"map": "funding", "source": "nimhe", "relation": "advises", "target": "pct"},
        {"map": "partners", "source": "neighbourhood-forum", "relation": "member-of", "target": "lsp"},
    ],
    "edges_removed": [
        {"map": "funding", "source": "kings-fund", "relation": "advises", "target": "lsp"},
        {"map": "funding", "source": "nimhe", "relation": "supports", "target": "pct"},
        {"map": "partners", "source": "residents", "relation": "member-of", "target": "lsp"},
    ],
    "edges_changed": [
        {"map": "funding", "source": "pct", "relation": "member-of", "target": "lsp",
         "changes": [{"field": "note", "old": "PCTs are expected to play a prominent role.",
                      "new": "PCTs are expected to take a leading part."},
                     {"field": "page", "old": 28, "new": 29}]},
    ],
    "renames": [{"old_id": "kings-fund", "new_id": "kings-fund-charity", "label": "King's Fund"}],
    "sections": {**NO_SECTIONS, "tour_steps": {"added": [], "removed": [], "changed": [
        {"key": "funding/money/1", "label": "The funder",
         "changes": [{"field": "nodes", "old": ["kings-fund"], "new": ["kings-fund-charity"]}]},
        {"key": "funding/money/2", "label": "Into the partnership",
         "changes": [{"field": "edges", "old": ["kings-fund -> lsp"], "new": ["kings-fund-charity -> lsp"]},
                     {"field": "nodes", "old": ["kings-fund", "lsp"], "new": ["kings-fund-charity", "lsp"]}]},
    ]}},
}


def run(*args):
    return CliRunner().invoke(cli, ["diff", *map(str, args)])


def test_known_changes_give_exactly_those_rows():
    assert compare_projects(load_project(OLD), load_project(NEW)).to_json() == EXPECTED


def test_json_output_has_the_documented_keys_and_rows():
    result = run(OLD, NEW, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["nodes_added", "nodes_removed", "nodes_changed", "edges_added", "edges_removed",
                          "edges_changed", "renames", "sections"]
    assert list(data["sections"]) == list(SECTIONS)
    assert data == EXPECTED


def test_text_output_lists_each_change(tmp_path):
    result = run(OLD, NEW)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert f"comparing {OLD} -> {NEW}\n" in text
    assert "  + neighbourhood-forum  Neighbourhood forum  (in partners)\n" in text
    assert "  - residents  Local residents  (in partners)\n" in text
    assert f'  ~ lsp  Local strategic partnerships\n      role: "{OLD_ROLE}" -> "{NEW_ROLE}"\n' in text
    assert "  ~ funding: pct member-of lsp\n      note: " in text and "      page: 28 -> 29\n" in text
    assert "  - funding: nimhe supports pct\n" in text and "  + funding: nimhe advises pct\n" in text
    assert "  kings-fund -> kings-fund-charity  King's Fund\n" in text
    assert '  ~ funding/money/1  The funder\n      nodes: ["kings-fund"] -> ["kings-fund-charity"]\n' in text
    assert text.endswith("nodes: 2 added, 2 removed, 3 changed; edges: 3 added, 3 removed, 1 changed; "
                         "1 likely rename; tour steps: 0 added, 0 removed, 2 changed\n")


def test_same_folder_twice_has_no_changes():
    result = run(OLD, OLD)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "no changes"
    assert json.loads(run(OLD, OLD, "--format", "json").stdout) == {
        **{key: [] for key in EXPECTED if key != "sections"}, "sections": NO_SECTIONS}


def test_a_shared_body_changed_in_three_maps_is_one_row(tmp_path, real_data):
    new = tmp_path / "data"
    shutil.copytree(real_data, new)
    path = new / "bodies" / "health.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    kind: partnership\n    level: local\n    role: >-\n",
                                 "    kind: partnership\n    level: local\n    role: >-\n      Now changed.\n", 1),
                    encoding="utf-8")
    data = json.loads(run(real_data, new, "--format", "json").stdout)
    assert [row["id"] for row in data["nodes_changed"]] == ["lit"]
    assert [c["field"] for c in data["nodes_changed"][0]["changes"]] == ["role"]
    assert sum(len(rows) for key, rows in data.items() if key != "sections") == 1
    assert data["sections"] == NO_SECTIONS


def test_git_revisions_are_read_from_the_repository(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(OLD, repo / "data")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "data")
    git("commit", "-q", "-m", "old")
    shutil.rmtree(repo / "data")
    shutil.copytree(NEW, repo / "data")
    git("add", "-A", "data")
    git("commit", "-q", "-m", "new")
    monkeypatch.chdir(repo)
    result = run("HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == EXPECTED
    text = run("HEAD~1", "data").stdout
    assert re.match(r"comparing HEAD~1 \([0-9a-f]{7}\) -> data\n", text)
    assert run("HEAD~1:data", "HEAD:data", "--format", "json").stdout == result.stdout

    (repo / "data" / "figures" / "funding.yaml").write_text("id: Funding\n", encoding="utf-8")
    git("commit", "-q", "-am", "broken")
    broken = run("HEAD~1", "HEAD")
    assert broken.exit_code == 1
    assert "HEAD (" in broken.output and "does not load" in broken.output
    assert "HEAD:data/figures/funding.yaml:1:5: id: expected a kebab-case id" in broken.output
    missing = run("HEAD:nowhere", "data")
    assert missing.exit_code == 1 and "expected a folder 'nowhere'" in missing.output


def test_neither_folder_nor_revision_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("no-such-thing", OLD)
    assert result.exit_code == 2
    assert "expected a data folder or a git revision" in result.output and "Traceback" not in result.output


# -- the rest of the model ------------------------------------------------------------------------

def _edit(path: Path, change) -> None:
    """Rewrite a YAML file with ``change`` applied to its data (comments are lost: it is a test copy)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The real data with one change in each part of the model that is not a node or an edge."""
    new = tmp_path_factory.mktemp("whole") / "data"
    shutil.copytree(ROOT / "data", new)
    old_project = load_project(ROOT / "data")

    def figure(data):
        data["regions"][0]["label"] = "Policy and frameworks nationally"
        data["tours"][0]["steps"][1]["text"] = "Changed text: " + data["tours"][0]["steps"][1]["text"]
        data["caption"] = "Revised: " + data["caption"]

    _edit(new / "figures" / "mental-health-services.yaml", figure)
    _edit(new / "glossary.yaml", lambda d: d["glossary"][0].update(term="A changed term"))
    _edit(new / "abbreviations.yaml", lambda d: d["abbreviations"][0].update(expansion="Something else"))
    _edit(new / "websites.yaml", lambda d: d["websites"][0].update(name="A renamed site"))
    _edit(new / "case-studies.yaml", lambda d: d["case_studies"][0].update(place="Somewhere else"))
    fig = old_project.figure("mental-health-services")
    reference = old_project.reference
    return old_project, load_project(new), {
        "region": fig.regions[0], "tour": fig.tours[0], "study": old_project.case_studies[0],
        "term": reference.glossary[0], "abbr": reference.abbreviations[0], "site": reference.websites[0], "new": new}


def test_diff_reports_a_changed_region_label_and_tour_step(edited):
    old, new, parts = edited
    sections = compare_projects(old, new).sections
    region, tour = parts["region"], parts["tour"]
    assert sections["regions"]["changed"] == [{
        "key": f"mental-health-services/{region.id}", "label": "Policy and frameworks nationally",
        "changes": [{"field": "label", "old": region.label, "new": "Policy and frameworks nationally"}]}]
    [step] = sections["tour_steps"]["changed"]
    assert step["key"] == f"mental-health-services/{tour.id}/2" and step["label"] == tour.steps[1].title
    assert [c["field"] for c in step["changes"]] == ["text"] and step["changes"][0]["new"].startswith("Changed text:")


def test_diff_compares_maps_reference_data_and_case_studies(edited):
    old, new, parts = edited
    diff = compare_projects(old, new)
    changed = {name: [(r["key"], [c["field"] for c in r["changes"]]) for r in rows["changed"]]
               for name, rows in diff.sections.items() if rows["changed"]}
    assert changed == {
        "maps": [("mental-health-services", ["caption"])],
        "regions": [(f"mental-health-services/{parts['region'].id}", ["label"])],
        "tour_steps": [(f"mental-health-services/{parts['tour'].id}/2", ["text"])],
        "glossary": [(parts["term"].id, ["term"])],
        "abbreviations": [(parts["abbr"].abbr, ["expansion"])],
        "websites": [(parts["site"].id, ["name"])],
        "case_studies": [(parts["study"].id, ["place"])],
    }
    assert not diff.nodes_changed and not diff.edges_changed
    assert not any(rows["added"] or rows["removed"] for rows in diff.sections.values())


def test_text_json_and_html_show_the_rest_of_the_model(edited, tmp_path):
    _old, _new, parts = edited
    text = run(ROOT / "data", parts["new"]).stdout
    assert "regions changed (1):\n" in text and '      label: "' + parts["region"].label + '" -> "Policy' in text
    assert "tour steps changed (1):\n" in text and "case studies changed (1):\n" in text
    assert "glossary changed (1):\n" in text and "websites changed (1):\n" in text
    assert text.rstrip().endswith("regions: 0 added, 0 removed, 1 changed; tour steps: 0 added, 0 removed, 1 changed; "
                                  "glossary: 0 added, 0 removed, 1 changed; abbreviations: 0 added, 0 removed, 1 changed; "
                                  "websites: 0 added, 0 removed, 1 changed; case studies: 0 added, 0 removed, 1 changed")
    data = json.loads(run(ROOT / "data", parts["new"], "--format", "json").stdout)
    assert data["sections"]["regions"]["changed"][0]["changes"][0]["new"] == "Policy and frameworks nationally"
    out = tmp_path / "figure-2.html"
    assert run(ROOT / "data", parts["new"], "--html", "2", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    rows = re.findall(r'<td class="change">([^<]+)</td><td class="what">([^<]+)</td>', page)
    kinds = [kind for kind, _what in rows]
    assert kinds == ["changed map", "changed region", "changed tour step", "changed glossary term",
                     "changed abbreviation", "changed website", "changed case study"]
    assert "Policy and frameworks nationally [mental-health-services/" in page
    assert "Changes elsewhere in the data" in page


# -- the HTML view ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def funding_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("diff") / "funding.html"
    result = run(OLD, NEW, "--html", "funding", "-o", out)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_html_view_marks_added_removed_and_changed(funding_html):
    assert '<g class="node added"' in funding_html and "+ added" in funding_html
    assert re.search(r'<g class="node removed" opacity="0\.\d+">', funding_html)  # ghosted
    assert '<g class="node changed"' in funding_html
    assert '<g class="edge removed"' in funding_html and '<g class="edge added"' in funding_html
    assert '<g class="edge changed"' in funding_html
    rows = re.findall(r'<tr class="(\w+)"><td class="change">([^<]+)</td><td class="what">([^<]+)</td>', funding_html)
    assert rows == [
        ("removed", "removed node", "King&#x27;s Fund [kings-fund]"),
        ("added", "added node", "King&#x27;s Fund [kings-fund-charity]"),
        ("changed", "changed node", "Local strategic partnerships [lsp]"),
        ("changed", "changed node", "National Institute for Mental Health in England [nimhe]"),
        ("changed", "changed node", "Primary care trusts [pct]"),
        ("removed", "removed edge", "kings-fund advises lsp"),
        ("added", "added edge", "kings-fund-charity advises lsp"),
        ("added", "added edge", "nimhe advises pct"),
        ("removed", "removed edge", "nimhe supports pct"),
        ("changed", "changed edge", "pct member-of lsp"),
        ("changed", "changed tour step", "The funder [funding/money/1]"),
        ("changed", "changed tour step", "Into the partnership [funding/money/2]"),
    ]
    assert "likely renamed to kings-fund-charity" in funding_html


def test_html_view_is_static_and_self_contained(funding_html):
    assert "<script" not in funding_html
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', funding_html)
    assert "<svg" in funding_html and "</table>" in funding_html


def test_html_view_escapes_text(tmp_path):
    new = tmp_path / "new"
    shutil.copytree(NEW, new)
    path = new / "figures" / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Neighbourhood forum",
                                                              'label: "<script>alert(1)</script>"'), encoding="utf-8")
    out = tmp_path / "partners.html"
    assert run(OLD, new, "--html", "8", "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_view_of_an_unknown_map_is_a_usage_error():
    result = run(OLD, NEW, "--html", "nowhere")
    assert result.exit_code == 2 and "choose from: funding, partners" in result.output
