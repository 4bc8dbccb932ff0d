"""The JSON Schema for editors: in sync with the models, described, and accepting every shipped file."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel, Field

from policymap.cli import cli
from policymap.editor_schema import SCHEMA_PATH, models_to_json_schema

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / SCHEMA_PATH
MARKER = "# yaml-language-server: $schema="
#: Data files that editors open: the shipped data and the valid fixtures.
DATA_FILES = sorted([*(ROOT / "data").rglob("*.yaml"), *(ROOT / "tests" / "fixtures" / "good").rglob("*.yaml"),
                     *(ROOT / "tests" / "fixtures" / "diff").rglob("*.yaml")])
SHIPPED = sorted((ROOT / "data").rglob("*.yaml"))
#: Every shipped file must carry the schema line; a fixture may, and then it must resolve too.
LINKED = [p for p in DATA_FILES if p in SHIPPED or p.read_text(encoding="utf-8").startswith(MARKER)]


def undescribed_fields(schema: dict) -> list[str]:
    """'Model.field' (or 'Model') for every property of every definition that has no description."""
    missing = []
    for name, definition in schema.get("definitions", {}).items():
        for field, spec in definition.get("properties", {}).items():
            if not str(spec.get("description", "")).strip():
                missing.append(f"{name}.{field}")
        if not str(definition.get("description", "")).strip():
            missing.append(name)
    return missing


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_committed_schema_equals_policymap_schema_output():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    assert result.output == COMMITTED.read_text(encoding="utf-8"), (
        "schema/policymap.schema.json is stale: run `policymap schema > schema/policymap.schema.json`")


def test_schema_offers_one_branch_per_kind_of_file():
    schema = models_to_json_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["anyOf"] == [{"$ref": "#/definitions/Figure"}, {"$ref": "#/definitions/BodiesFile"},
                               {"$ref": "#/definitions/ReferenceData"}, {"$ref": "#/definitions/CaseStudiesFile"},
                               {"$ref": "#/definitions/WholeSystemFile"}, {"$ref": "#/definitions/SiteFile"}]
    node = schema["definitions"]["Node"]
    assert node["additionalProperties"] is False
    assert "nhs-body" in node["properties"]["kind"]["enum"]
    assert "commissions" in schema["definitions"]["Edge"]["properties"]["relation"]["enum"]


def test_every_schema_field_has_a_description():
    assert undescribed_fields(models_to_json_schema()) == []


def test_the_description_check_catches_a_missing_description():
    class Sample(BaseModel):
        """A sample."""

        described: int = Field(description="Has one.")
        bare: int

    schema = {"definitions": {"Sample": Sample.model_json_schema()}}
    assert undescribed_fields(schema) == ["Sample.bare"]


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_validates_against_the_committed_schema(validator, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("path", LINKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_first_line_points_editors_at_the_committed_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MARKER), first
    target = (path.parent / first.removeprefix(MARKER).strip()).resolve()
    assert target == COMMITTED


def test_schema_flags_what_editors_should_flag(validator):
    figure = yaml.safe_load((ROOT / "tests" / "fixtures" / "good" / "figures" / "funding.yaml").read_text(encoding="utf-8"))
    assert validator.is_valid(figure)
    figure["nodes"][0]["colour"] = "red"
    assert not validator.is_valid(figure)
    del figure["nodes"][0]["colour"]
    figure["edges"][0]["relation"] = "funds-maybe"
    assert not validator.is_valid(figure)
