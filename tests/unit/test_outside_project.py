"""A project outside this repository: `new` in an empty folder, the packaged schema, the site's own words."""

import json
import os
import threading
from importlib import resources
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from policymap.cli import cli
from policymap.editor_schema import json_schema_text
from policymap.site import build_site

ROOT = Path(__file__).resolve().parents[2]
MODELINE = "# yaml-language-server: $schema="


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_the_schema_ships_in_the_package_and_matches_policymap_schema():
    packaged = resources.files("policymap") / "policymap.schema.json"
    assert packaged.read_text(encoding="utf-8") == json_schema_text()


def test_new_in_an_empty_folder_creates_the_folders_and_a_schema_the_modeline_finds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "demo", "--data", "./data")
    assert result.exit_code == 0, result.output
    path = tmp_path / "data" / "figures" / "demo.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    schema_file = (path.parent / first.removeprefix(MODELINE)).resolve()
    assert schema_file == tmp_path / "data" / "policymap.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert run("validate", "--strict", "--data", "data").exit_code == 0
    assert run("build", "--data", "data", "--out", "site").exit_code == 0
    assert (tmp_path / "site" / "demo.html").is_file()
    # a second map reuses the schema and says nothing about it
    again = run("new", "second", "--data", "data")
    assert again.exit_code == 0 and "policymap.schema.json" not in again.output


def test_new_brings_an_old_copy_of_its_schema_up_to_date_and_leaves_other_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    stale = tmp_path / "data" / "policymap.schema.json"
    stale.write_text(json.dumps({"title": "policymap data file", "anyOf": []}), encoding="utf-8")
    assert run("new", "demo").exit_code == 0
    assert stale.read_text(encoding="utf-8") == json_schema_text()
    stale.write_text('{"title": "my own schema"}', encoding="utf-8")
    assert run("new", "other").exit_code == 0
    assert stale.read_text(encoding="utf-8") == '{"title": "my own schema"}'


def test_new_does_not_hang_on_a_named_pipe(good_copy):
    os.mkfifo(good_copy / "figures" / "pipe.yaml")
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", run("new", "demo")), daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive() and box["result"].exit_code == 0


def test_the_site_title_introduction_and_note_come_from_the_data(good_copy, tmp_path):
    (good_copy / "site.yaml").write_text(
        "title: Demo <maps>\nheading: Who does what here\nintroduction: What these maps show & why.\nnote: Drawn in 2026.\n",
        encoding="utf-8")
    build_site("data", tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a class="site-title" href="index.html">Demo &lt;maps&gt;</a>' in index
    assert '<p class="lede">What these maps show &amp; why.</p>' in index and "<h1>Who does what here</h1>" in index
    assert "<p>Made with policymap. Drawn in 2026.</p>" in index
    assert "aerial view" not in index and "King&#39;s Fund and the National Institute" not in index


def test_without_a_site_file_the_site_is_plain(good_copy, tmp_path):
    build_site("data", tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a class="site-title" href="index.html">policymap</a>' in index
    assert 'class="lede"' not in index and "<p>Made with policymap.</p>" in index and "<h1>Maps</h1>" in index


def test_a_bad_site_file_gets_located_errors(good_copy):
    (good_copy / "site.yaml").write_text("titel: Demo\nintroduction: 12\n", encoding="utf-8")
    result = run("validate", "data")
    assert result.exit_code == 1
    assert "data/site.yaml:1:1: titel: unknown key 'titel'" in result.output
    assert "data/site.yaml:2:15: introduction: expected text, got the number 12" in result.output
    assert "data/site.yaml:1:1: title: expected the field 'title', got nothing" in result.output


def test_this_projects_wording_lives_in_its_data_not_in_the_code():
    site_code = (ROOT / "src" / "policymap" / "site.py").read_text(encoding="utf-8")
    assert "aerial view" not in site_code and "King's Fund" not in site_code and "Community renewal" not in site_code
    words = yaml.safe_load((ROOT / "data" / "site.yaml").read_text(encoding="utf-8"))
    assert words["introduction"].startswith("These maps redraw the three 'aerial view' figures of Community renewal")
