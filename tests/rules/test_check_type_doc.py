"""docs/check-types.md's worked example, followed step by step: the check type it writes works."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from dataclasses import fields

import jsonschema

from auditor import engine as engine_module
from auditor import packs
from auditor.checks import check_types
from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine
from auditor.testing import run_contract

from conftest import ROOT

DOC = ROOT / "docs" / "check-types.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_the_documented_route_adds_a_working_check_type(tmp_path, monkeypatch):
    module_source, registration = _blocks("python")
    [schema_source] = _blocks("json")
    [rule_source] = _blocks("yaml")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", "off")

    # 1. the module, as auditor/checks/occurrence.py
    assert module_source.startswith("# auditor/checks/occurrence.py\n")
    path = tmp_path / "occurrence.py"
    path.write_text(module_source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("auditor.checks.occurrence", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    options = module.OccurrenceCheck.Options
    assert all("#" in next(ln for ln in module_source.splitlines() if ln.strip().startswith(f"{f.name}:"))
               for f in fields(options))

    # 2. named in check_types()
    assert "from .occurrence import OccurrenceCheck" in registration
    assert '"occurrence": OccurrenceCheck' in registration
    shipped = check_types()
    monkeypatch.setattr(engine_module, "check_types", lambda: {**shipped, "occurrence": module.OccurrenceCheck})

    # 3. the schema: the type, its keys and what it requires
    snippet = json.loads(schema_source)
    schema = json.loads((packs.builtin_rules_dir() / "schema.json").read_text(encoding="utf-8"))
    schema["properties"]["type"]["enum"] += snippet["type_enum"]
    schema["properties"].update(snippet["properties"])
    schema["allOf"] += snippet["allOf"]
    extended = jsonschema.Draft202012Validator(schema)
    original = packs._validator
    monkeypatch.setattr(packs, "_validator", lambda name: extended if name == "schema.json" else original(name))

    # 4. a rule of the type in a pack: its examples keep the contract, and the engine runs it
    rule_path = rule_source.splitlines()[0].split()[1]
    desk = tmp_path / rule_path.split("/")[0]
    desk.mkdir()
    (desk / "pack.yml").write_text("prefix: DS\ndescription: The desk's rules.\nsources: [style sheet]\n"
                                   "license: CC0-1.0\n", encoding="utf-8")
    (tmp_path / rule_path).write_text(rule_source, encoding="utf-8")
    results = list(run_contract(packs.load_rules([desk], builtin=False)))
    assert len(results) == 2 and all(r.ok for r in results), [str(r) for r in results]

    engine = Engine(Config(packs=(str(desk),), select=("DS",), languagetool="off"))
    text = "Reportedly, talks stalled. Officials reportedly left. Both sides reportedly agreed."
    found = engine.audit([Document.from_text(text)]).documents[0].findings
    assert [(f.rule, text[f.start:f.end]) for f in found] == [("DS001", "reportedly"), ("DS001", "reportedly")]
    assert found[0].message == "'reportedly' is used more than 1 time(s) in this article."
