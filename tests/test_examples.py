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
