"""The source-language fingerprint on weighed findings and on synthetic articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from auditor.api import audit_text
from auditor.fingerprint import source_language, votes
from auditor.model import Finding
from auditor.packs import Rule, RuleSet, load_rules
from auditor.testing import split_marker

NATIVE = (
    "The head of Russia's space agency arrived in Houston on Tuesday for talks with the acting "
    "head of NASA, the first such meeting in seven years. The two agencies plan to discuss the "
    "continuation of cross flights to the International Space Station and its eventual deorbiting. "
    "Relations between the two countries have been strained since the war in Ukraine began. "
)


def _rule(code: str, languages: tuple[str, ...], category: str = "mt.calque") -> Rule:
    return Rule(code=code, name=code.lower(), type="phrase", category=category, severity="minor",
                message="m", description="d", source=["s"], pack="p", path=Path(f"{code}.yml"),
                spec={}, languages=languages)


RULES = RuleSet(packs=[], rules=[
    _rule("FRA001", ("fr",)), _rule("FRA002", ("fr",)), _rule("FRA003", ("fr",), "mt.untranslated"),
    _rule("RUS001", ("ru",)), _rule("RUS002", ("ru",)), _rule("RUS003", ("ru", "uk")),
    _rule("ESP001", ("es",)), _rule("ESP002", ("es",)),
    _rule("GEN001", ()), _rule("GEN002", ()), _rule("SPE001", (), "spelling.typo"),
])


def _f(code: str, at: int = 0, severity: str = "minor", category: str = "mt.calque", **data) -> Finding:
    return Finding(rule=code, name=code.lower(), category=category, severity=severity, start=at,
                   end=at + 3, message="m", data=data)


def test_several_kinds_of_french_artifact_name_french():
    found = [_f("FRA001"), _f("FRA002", 10), _f("FRA001", 20), _f("FRA003", 30, "major", "mt.untranslated")]
    lang, conf = source_language(found, 300, RULES)
    assert lang == "fr"
    assert 0.3 < conf <= 0.99


def test_no_mt_findings_means_original_english():
    found = [_f("SPE001", i, category="spelling.typo") for i in range(10)]
    assert source_language(found, 300, RULES) == (None, None)
    assert source_language([], 300, RULES) == (None, None)


def test_one_rule_repeated_is_not_enough():
    found = [_f("FRA001", i * 10) for i in range(12)]
    assert source_language(found, 300, RULES) == (None, None)


def test_repeats_of_one_rule_count_less_and_less():
    one, _, _ = votes([_f("FRA001")], RULES)
    many, _, _ = votes([_f("FRA001", i) for i in range(10)], RULES)
    assert one["fr"] == 1.0
    assert 2.5 < many["fr"] < 3.5   # harmonic: 1 + 1/2 + ... + 1/10


def test_sparse_evidence_in_a_long_article_is_not_enough():
    found = [_f("FRA001"), _f("FRA002", 10), _f("FRA001", 20), _f("FRA002", 30)]
    assert source_language(found, 300, RULES)[0] == "fr"
    assert source_language(found, 5000, RULES) == (None, None)


def test_russian_beats_french_when_it_has_more_evidence():
    found = [_f("RUS001"), _f("RUS002", 5), _f("RUS001", 9), _f("RUS002", 12), _f("FRA001", 40)]
    assert source_language(found, 200, RULES)[0] == "ru"


def test_close_race_names_no_language():
    found = [_f("FRA001"), _f("FRA002", 5), _f("ESP001", 9), _f("ESP002", 12)]
    assert source_language(found, 200, RULES) == (None, None)


def test_shared_rules_split_their_vote():
    tally, backers, _ = votes([_f("RUS003")], RULES)
    assert tally["ru"] == tally["uk"] == 0.5
    assert backers["uk"] == {"RUS003"}


def test_language_independent_findings_back_but_do_not_name():
    generic_only = [_f("GEN001", i) for i in range(6)] + [_f("GEN002", 50 + i) for i in range(6)]
    assert source_language(generic_only, 200, RULES) == (None, None)
    weak = [_f("FRA001"), _f("FRA002", 10)]
    assert source_language(weak, 200, RULES) == (None, None)
    assert source_language(weak + generic_only, 200, RULES)[0] == "fr"


def test_a_finding_can_name_its_language_in_data():
    found = [_f("GEN001", 0, "major", "mt.untranslated", language="de"),
             _f("GEN002", 20, "major", "mt.untranslated", language="de")]
    assert source_language(found, 200, RULES)[0] == "de"


def test_two_stray_typography_marks_name_no_language():
    rules = RuleSet(packs=[], rules=[_rule("TYP001", ("fr",), "mt.typography"), _rule("TYP002", ("fr",), "mt.typography")])
    found = [_f("TYP001", 0, category="mt.typography"), _f("TYP002", 9, category="mt.typography")]
    assert source_language(found, 300, rules) == (None, None)


def test_unknown_rules_are_treated_as_language_independent():
    assert source_language([_f("XYZ001"), _f("XYZ002", 5)], 50, RULES) == (None, None)


def test_confidence_grows_with_evidence():
    few = [_f("FRA001"), _f("FRA002", 5), _f("FRA003", 9, "major", "mt.untranslated")]
    more = few + [_f("FRA002", 20 + i) for i in range(5)] + [_f("FRA001", 40 + i) for i in range(5)]
    assert source_language(more, 300, RULES)[1] > source_language(few, 300, RULES)[1]


# ---- synthetic articles built from the French pack's own examples --------------------------

FR_RULES = [r for r in load_rules().rules if r.pack == "mt-fr"]


def _bad_sentences(n: int) -> list[str]:
    out = []
    for rule in FR_RULES:
        bad = next((ex for ex in rule.examples if "bad" in ex), None)
        if bad:
            out.append(split_marker(bad["bad"])[0])
    assert len(out) >= n
    return out


@pytest.mark.parametrize("start", [0, 7, 14])
def test_article_of_french_artifacts_is_fingerprinted_french(start):
    sentences = _bad_sentences(25)
    body = " ".join(sentences[start:start + 6])
    report = audit_text(NATIVE + body)
    assert report.source_language == "fr"
    assert report.source_language_confidence > 0.5


def test_article_of_good_examples_is_original_english():
    goods = [ex["good"] for r in FR_RULES for ex in r.examples if "good" in ex]
    report = audit_text(NATIVE + " ".join(goods[:20]))
    assert report.source_language is None
    assert report.source_language_confidence is None


def test_native_copy_has_no_source_language():
    report = audit_text(NATIVE * 3)
    assert report.source_language is None
