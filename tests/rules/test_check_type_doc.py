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


def _module_from_page(source: str, name: str, tmp_path, monkeypatch):
    """Import a module the page writes (its first line names its path) as the package module it says it is."""
    path_in_repo = source.splitlines()[0].split()[1]
    assert source.startswith("# auditor/") and path_in_repo.endswith(f"/{name.rsplit('.', 1)[1]}.py")
    path = tmp_path / path_in_repo.rsplit("/", 1)[1]
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    assert all("#" in next(ln for ln in source.splitlines() if ln.strip().startswith(f"{f.name}:"))
               for cls in vars(module).values() if isinstance(cls, type) and cls.__name__.endswith("Options")
               for f in fields(cls))
    return module


def test_the_documented_route_adds_a_working_check_type(tmp_path, monkeypatch):
    module_source, registration = _blocks("python")[:2]
    [schema_source] = _blocks("json")
    rule_source = _blocks("yaml")[0]
    monkeypatch.setenv("AUDITOR_CACHE_DIR", "off")

    # 1. the module, as auditor/checks/occurrence.py
    module = _module_from_page(module_source, "auditor.checks.occurrence", tmp_path, monkeypatch)
    assert fields(module.OccurrenceCheck.Options)

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


def test_the_documented_registered_check_reads_typed_options(tmp_path, monkeypatch, capsys):
    from auditor import pychecks
    from auditor.cli import main

    module_source = _blocks("python")[2]
    rule_source = _blocks("yaml")[1]
    monkeypatch.setattr(pychecks, "_REGISTRY", dict(pychecks._REGISTRY))   # the page's check leaves with the test
    module = _module_from_page(module_source, "auditor.pychecks.exclaim", tmp_path, monkeypatch)
    options = module.ExclaimCount.Options

    rule_path = rule_source.splitlines()[0].split()[1]
    desk = tmp_path / rule_path.split("/")[0]
    desk.mkdir()
    (desk / "pack.yml").write_text("prefix: DS\ndescription: The desk's rules.\nsources: [style sheet]\n"
                                   "license: CC0-1.0\n", encoding="utf-8")
    rule_file = tmp_path / rule_path
    rule_file.write_text(rule_source, encoding="utf-8")
    results = list(run_contract(packs.load_rules([desk], builtin=False)))
    assert len(results) == 2 and all(r.ok for r in results), [str(r) for r in results]

    engine = Engine(Config(packs=(str(desk),), select=("DS",), languagetool="off"))
    [check] = [c for c in engine.checks if "DS002" in c.options]
    [(_rule, inst)] = check.instances
    assert inst.options == options(max=1, in_quotes=False)
    text = "Wow! Prices fell! \"Great!\" he said. Rents rose!"
    found = engine.audit([Document.from_text(text)]).documents[0].findings
    assert [(f.rule, f.start) for f in found] == [("DS002", text.index("fell!") + 4), ("DS002", len(text) - 1)]

    # each bad value the page names: one line naming the file, and exit 2
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    for bad, said in [("max: one", "max must be a whole number, not 'one'"), ("max: -1", "max must be 0 or more, not -1"),
                      ("maximum: 1", "exclaim:count takes no option 'maximum' (it takes in_quotes, max)")]:
        rule_file.write_text(rule_source.replace("max: 1", bad), encoding="utf-8")
        assert said in DOC.read_text(encoding="utf-8").replace("desk/DS002-exclamation-marks.yml: ", "") \
            or bad == "maximum: 1"
        assert main(["check", str(article), "--packs", str(desk), "--select", "DS"]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and f"{rule_file}: {said}" in err[0], err
