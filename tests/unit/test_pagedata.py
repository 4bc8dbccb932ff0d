"""The contract between the build and the page script (policymap.pagedata): the committed JSON
Schema is current, and every page the build writes follows it."""

import json
from pathlib import Path

import jsonschema

from policymap.loader import load_project
from policymap.pagedata import SCHEMA_PATH, json_schema_text, script_data
from policymap.site import render_site

ROOT = Path(__file__).resolve().parents[2]


def test_committed_page_data_schema_is_current():
    assert (ROOT / SCHEMA_PATH).read_text(encoding="utf-8") == json_schema_text(), (
        "regenerate with: python -c \"from policymap.pagedata import json_schema_text; "
        f"open('{SCHEMA_PATH}', 'w').write(json_schema_text())\"")


def _validator(name):
    schema = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator({"$ref": f"#/definitions/{name}", "definitions": schema["definitions"]})


def test_every_built_page_follows_the_schema():
    files = render_site(load_project(ROOT / "data"))
    site = script_data(files["assets/site-data.js"])
    _validator("SiteData").validate(site)
    pages = {name: script_data(text) for name, text in files.items() if name.startswith("assets/maps/")}
    assert len(pages) == 4
    for name, data in pages.items():
        _validator("PageData").validate(data)
        # relations keyed by id: the drawing, the shared data and the tours name each relation the same way
        ids = [edge["id"] for edge in data["vis"]["edges"]]
        assert sorted(ids) == sorted(site["edges"][data["figure"]["id"]]), name
        assert all(edge in ids for tour in data.get("tours", []) for step in tour["steps"] for edge in step.get("edges", []))
        assert all(i == f"{site['edges'][data['figure']['id']][i]['source']}--{site['edges'][data['figure']['id']][i]['relation']}--"
                        f"{site['edges'][data['figure']['id']][i]['target']}" for i in ids)


def test_derived_values_come_from_the_build():
    files = render_site(load_project(ROOT / "data"))
    site = script_data(files["assets/site-data.js"])
    pct = site["bodies"]["pct"]
    assert (pct["kind_label"], pct["level_label"], pct["pages_text"][:3]) == ("NHS body", "Local", "pp ")
    edge = site["edges"]["mental-health-services"]["pct--commissions--mental-health-trusts"]
    assert edge["reading"] == "commission"  # plural subject
    assert site["aliases"]["GOL"] == "government-offices"
    page = script_data(files["assets/maps/mental-health-services.js"])
    assert page["figure"]["as_of_text"] == "May 2003" and page["figure"]["name"].startswith("Figure 2: ")
