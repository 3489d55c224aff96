"""Russian MT calques, false friends and abbreviations on paragraphs no rule example holds."""
from __future__ import annotations

import importlib.util
import json

import pytest

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine
from auditor.packs import load_rules, match_case

from conftest import ROOT, unmark

# Paragraphs in the manner of machine translation from Russian, on stories unlike the rule examples;
# every span an English editor would change is marked, whether or not a rule covers it.
FROM_RUSSIAN = [
    "Berlin refused to supply tanks, [[the FRG]] government said on Monday. [[The former FRG]] defence "
    "minister [[told about]] the decision [[on the air of]] the ZDF channel. Poland's position was criticised "
    "by [[MID Lithuania]].",

    "Doctors advise people over 50 to check [[arterial pressure]] twice a year. Regular [[physical loads]] "
    "and a [[low-carbon diet]] cut the risk of [[sugar diabetes]], [[as the authors of the study consider]]. "
    "There is no proof that [[BADs]] help.",

    "The new [[option]] of the coronavirus spreads faster than omicron, the virologists say. A patient with "
    "the new [[stamm]] [[was delivered to the hospital]]; his [[condition is assessed as severe]]. Doctors will "
    "decide after a [[consilium]].",

    "Fraudsters have learned to fake the voices of relatives with [[neuroset]] tools. [[Malicious thinkers]] "
    "call pensioners and ask for money, [[reports]] Vedomosti [[with reference to]] the Central Bank. "
    "[[Chief security analyst Kaspersky Ivan Sokolov]] called the [[scheme of fraudsters]] the most "
    "dangerous of the year.",

    "[[In the current year]] the number of [[mortgage credits]] [[increased by 2 times]], and pharmacies "
    "report a [[deficit]] of medicines for children. The new hospital was built [[at the expense of]] the "
    "regional budget. [[It should be noted that]] [[nothing threatens]] the supply of insulin.",

    "Two cosmonauts will make [[an exit into open space]] on Friday to repair the ISS radiator. [[The "
    "temperature regime]] on board is normal. The Soyuz [[carrier missile]] will lift off from Baikonur, and "
    "the capsule [[landed regularly]] last time.",
]

# English-original copy that uses the same words in their English senses.
NATIVE = [
    "In 1973 both the FRG and the GDR joined the United Nations. The RF amplifier was tuned to the new "
    "antenna.",
    "Consumer credit grew while the budget deficit narrowed; his credit card was blocked at the expense of "
    "savings.",
    "The policy was adopted in 2019. Official Washington was stunned. She won the International "
    "Mathematical Olympiad.",
    "There are several factors to consider. All things considered, the plan is sound, and experts consider "
    "it safe.",
    "The programme went on the air in 1998. Direct broadcast satellites beam the channel to homes.",
    "The annexes to the treaty list the parties. The crew cleaned the open space behind the school.",
    "He told reporters about the plan; she was told about it later. Intruders breached the network.",
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Config(), load_rules(select=["MTR"]))


def test_russian_paragraphs_recall_and_precision(engine):
    found = total = outside = 0
    for para in FROM_RUSSIAN:
        text, spans = unmark(para)
        mt = [f for f in engine.audit([Document.from_text(text)]).documents[0].findings]
        total += len(spans)
        found += sum(1 for s, e in spans if any(f.start < e and s < f.end for f in mt))
        outside += sum(1 for f in mt if not any(f.start < e and s < f.end for s, e in spans))
    # 33 marked spans; measured 31 found (the reporting verb 'reports' before the outlet and the
    # 'consider' clause after 'as' are the misses), no finding outside the marks
    assert total == 33
    assert found >= 29
    assert outside == 0


@pytest.mark.parametrize("text", NATIVE)
def test_native_copy_with_the_same_words_is_not_flagged(engine, text):
    findings = engine.audit([Document.from_text(text)]).documents[0].findings
    assert [(f.rule, text[f.start:f.end]) for f in findings] == []


def test_an_abbreviation_written_out_keeps_the_names_case():
    assert match_case("FRG", "Germany") == "Germany"
    assert match_case("MVD", "the Interior Ministry") == "the Interior Ministry"
    assert match_case("BADs", "dietary supplements") == "dietary supplements"
    # a shouted headline phrase is still answered in capitals
    assert match_case("AT THE HEAD OF", "leading") == "LEADING"


def test_ngram_probe_counts_outputs_references_and_clean_copy(tmp_path):
    spec = importlib.util.spec_from_file_location("mine", ROOT / "bench" / "mine_mt_ngrams.py")
    mine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mine)
    pool = tmp_path / "pool.jsonl"
    docs = [{"lang_pair": "ru-en", "reference_text": "Izvestia reported this, citing experts.",
             "mt": {"A": {"mt_text": "Izvestia writes with reference to experts."},
                    "B": {"mt_text": "Izvestia reports, citing experts."}}},
            {"lang_pair": "ru-en", "reference_text": "The agency said so, citing a source.",
             "mt": {"A": {"mt_text": "The agency reports with reference to a source."},
                    "B": {"mt_text": "The agency said so with reference to a source."}}}]
    pool.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.txt").write_text("With reference to your letter, citing the rules.", encoding="utf-8")
    rows = mine.probe(pool, clean, "ru", [r"\bwith reference to\b", r"\bciting\b"])
    assert [r[:4] for r in rows] == [(3, 2, 0, 0), (1, 1, 2, 1)]
    grams = mine.mine(pool, clean, "ru", top=50, min_docs=2, min_outputs=3)
    assert "with reference to" in [r[5] for r in grams]
