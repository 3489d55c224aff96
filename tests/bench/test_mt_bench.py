"""The machine-against-human benchmark and the n-gram miner count what they should on made-up documents."""
from __future__ import annotations

import math
import sys

from conftest import ROOT
sys.path.insert(0, str(ROOT / "bench"))

import mt_vs_ht  # noqa: E402

DOCS = [
    {"id": "d1", "lang_pair": "uk-en", "reference_text": "Troops entered the city on Monday.",
     "mt": {"A": {"mt_text": "Troops entered on the territory of the city on Monday."},
            "B": {"mt_text": "Troops entered the city on Monday."}}},
    {"id": "d2", "lang_pair": "ru-en", "reference_text": "Он сказал, что всё хорошо.",
     "mt": {"A": {"mt_text": "He said everything was fine."}}},
]


def test_texts_keep_english_references_and_every_output():
    items = mt_vs_ht.texts(DOCS)
    assert [(t.doc, t.system, t.language) for t in items] == [("d1", "reference", "uk"), ("d1", "A", "uk"),
                                                              ("d1", "B", "uk")]


def test_tally_counts_rates_per_side_language_system_and_rule():
    items = mt_vs_ht.texts(DOCS)
    rows = [(items[0], 500, ["X1"]), (items[1], 1000, ["X1", "X2", "X2"]), (items[2], 1000, [])]
    groups = mt_vs_ht.tally(rows)
    ref, out = groups[("all", "reference")], groups[("all", "output")]
    assert (ref.words, ref.total, ref.rate()) == (500, 1, 2.0)
    assert (out.words, out.texts, out.total, out.rate()) == (2000, 2, 3, 1.5)
    assert groups[("lang:uk", "output")].rate("X2") == 1.0
    assert groups[("system", "A")].rate() == 3.0 and groups[("system", "B")].rate() == 0.0
    assert mt_vs_ht.ratio(out, ref) == 0.75
    rules = {r["rule"]: r for r in mt_vs_ht.rule_rows(groups)}
    assert [r["rule"] for r in mt_vs_ht.rule_rows(groups)] == ["X1", "X2"]   # most frequent on references first
    assert rules["X1"]["ratio"] == 0.25 and math.isinf(rules["X2"]["ratio"])
    assert "0.75x" in mt_vs_ht.table(groups)
    rest = mt_vs_ht.without(groups, {"X1"})
    assert rest[("all", "reference")].total == 0 and rest[("all", "output")].rate() == 1.0


def test_audit_finds_the_calque_in_the_output_only():
    rows = mt_vs_ht.audit(mt_vs_ht.texts(DOCS))
    found = {t.system: rules for t, words, rules in rows}
    assert found["reference"] == [] and found["B"] == []
    assert found["A"] and all(r.startswith("MT") for r in found["A"])
