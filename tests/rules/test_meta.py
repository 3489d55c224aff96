"""Meta-tests over the whole rule set: schema-valid files, unique codes, names matching files."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from auditor.packs import builtin_rules_dir

RULES_DIR = builtin_rules_dir()
RULE_FILES = sorted(p for p in RULES_DIR.glob("*/*.yml") if p.name != "pack.yml")


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@pytest.fixture(scope="module")
def specs() -> dict[Path, dict]:
    """Every rule file of the built-in packs, parsed once for all the tests here."""
    return {path: _load(path) for path in RULE_FILES}


def test_rule_files_exist():
    assert len(RULE_FILES) >= 5


def test_every_rule_file_is_schema_valid(specs):
    schema = json.loads((RULES_DIR / "schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for path, spec in specs.items():
        errors = list(validator.iter_errors(spec))
        assert not errors, f"{path}: {errors[0].message}"


def test_every_pack_file_is_schema_valid():
    schema = json.loads((RULES_DIR / "pack.schema.json").read_text())
    for path in RULES_DIR.glob("*/pack.yml"):
        jsonschema.validate(_load(path), schema)


def test_codes_are_unique_and_match_file_names_and_prefixes(specs):
    seen = {}
    prefixes = {folder: _load(folder / "pack.yml")["prefix"] for folder in {path.parent for path in specs}}
    for path, spec in specs.items():
        prefix = prefixes[path.parent]
        assert spec["code"] not in seen, f"{spec['code']} in {path} and {seen.get(spec['code'])}"
        seen[spec["code"]] = path
        assert path.stem == f"{spec['code']}-{spec['name']}"
        assert spec["code"].startswith(prefix)


def test_rule_names_name_the_pattern_not_the_advice(specs):
    banned = re.compile(r"^(use|avoid|prefer|dont|do-not|no)-")
    for path, spec in specs.items():
        name = spec["name"]
        assert not banned.match(name), f"{path}: name {name!r} gives advice"


def test_rule_schema_is_itself_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(json.loads((RULES_DIR / "schema.json").read_text()))
    assert Path(RULES_DIR / "schema.json").is_file()
