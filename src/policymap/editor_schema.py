"""``policymap schema``: one JSON Schema, derived from ``schema``'s models, for every data file.

Editors' YAML language servers read it from the first line of each data file::

    # yaml-language-server: $schema=../../schema/policymap.schema.json

so they complete keys, kinds, levels and relations, show each field's
description and flag unknown keys. The committed copy lives at
``schema/policymap.schema.json``; regenerate it with
``policymap schema > schema/policymap.schema.json``.

The schema is draft-07, the draft the YAML language server (and VS Code's
YAML extension) supports fully. It checks the shape of one file; references
between files (ids, regions, glossary terms) are checked by ``policymap validate``.
"""

from __future__ import annotations

import json

from pydantic.json_schema import models_json_schema

from . import schema

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_PATH = "schema/policymap.schema.json"
#: The top-level models, one per kind of data file.
FILE_MODELS = (schema.Figure, schema.BodiesFile, schema.ReferenceData, schema.CaseStudiesFile,
               schema.WholeSystemFile, schema.SiteFile)


def models_to_json_schema() -> dict:
    """A schema that accepts a figure file, a bodies file or a reference file."""
    refs, top = models_json_schema([(model, "validation") for model in FILE_MODELS],
                                   ref_template="#/definitions/{model}")
    return {
        "$schema": DRAFT,
        "title": "policymap data file",
        "description": ("A map (data/figures/*.yaml), a file of shared bodies (data/bodies/*.yaml), or a reference "
                        "file (data/glossary.yaml, data/abbreviations.yaml or data/websites.yaml), the case studies "
                        "(data/case-studies.yaml), the whole-system tours (data/whole-system.yaml), or the site's own "
                        "words (data/site.yaml). Generated from "
                        "policymap's pydantic models by `policymap schema`; do not edit by hand."),
        "anyOf": [refs[(model, "validation")] for model in FILE_MODELS],
        "definitions": top["$defs"],
    }


def json_schema_text() -> str:
    """The schema as committed: two-space indents, UTF-8 text, ending in a newline."""
    return json.dumps(models_to_json_schema(), indent=2, ensure_ascii=False) + "\n"
