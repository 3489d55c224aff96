"""The example contract, run on every example of every rule of every built-in pack."""
from __future__ import annotations

import pytest

from auditor.packs import load_rules
from auditor.testing import check_example, engine_for

RULES = load_rules()
CASES = [(pack, rule, i, ex) for pack in RULES.packs for rule in pack.rules for i, ex in enumerate(rule.examples)]
_ENGINES: dict = {}


@pytest.mark.parametrize("pack,rule,index,example", CASES,
                         ids=[f"{r.code}-{i}" for _, r, i, _ in CASES])
def test_example(pack, rule, index, example):
    engine = _ENGINES.get(rule.code) or _ENGINES.setdefault(rule.code, engine_for(rule, pack))
    result = check_example(engine, rule, index, example)
    assert result.ok, str(result)


def test_every_rule_has_bad_and_good_examples():
    for rule in RULES.rules:
        kinds = {"bad" if "bad" in ex else "good" for ex in rule.examples}
        assert kinds == {"bad", "good"}, rule.code


def test_contract_catches_an_unrendered_placeholder(tmp_path):
    from auditor.packs import load_pack

    pack_dir = tmp_path / "demo"
    pack_dir.mkdir()
    (pack_dir / "pack.yml").write_text("prefix: DM\ndescription: demo\nlicense: CC0-1.0\n"
                                       "sources: [own]\n", encoding="utf-8")
    (pack_dir / "DM001-ticker.yml").write_text(
        "code: DM001\nname: ticker\ntype: pattern\ncategory: formatting.markup\nseverity: minor\n"
        "message: \"'{squash}' is markup.\"\ndescription: d\nsource: own\n"
        "pattern: '\\(BA\\.N\\)'\nsuggest: ''\n"
        "examples:\n- bad: 'Boeing [[(BA.N)]] rose.'\n  fix: ''\n- good: 'Boeing rose.'\n",
        encoding="utf-8")
    pack = load_pack(pack_dir)
    rule = pack.rules[0]
    result = check_example(engine_for(rule, pack), rule, 0, rule.examples[0])
    assert not result.ok and "placeholder" in result.problem and "{squash}" in result.problem
