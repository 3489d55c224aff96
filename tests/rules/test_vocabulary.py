"""Shared vocabularies and the boilerplate cue files: every entry is data, every cue has an example that works."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from auditor import vocabulary
from conftest import ROOT
from auditor.errors import RulePackError
from auditor.packs import builtin_rules_dir, load_rules
from auditor.pychecks import boilerplate, facts, runin

BOILERPLATE = builtin_rules_dir() / "boilerplate"
# cue file -> the kind of block a line holding one of its cues is (the BP rule that reports it)
CUE_KINDS = {"cues-related.txt": "related", "cues-ad.txt": "ad", "cues-appeal.txt": "appeal",
             "cues-dismiss.txt": "widget", "cues-widget.txt": "widget", "cues-control.txt": "widget",
             "cues-prompt.txt": "prompt", "cues-paywall.txt": "prompt", "cues-tags.txt": "tags",
             "cues-caption.txt": "caption", "cues-credit-agencies.txt": "caption", "cues-bio-head.txt": "byline",
             "cues-date-labels.txt": "byline", "cues-ticker.txt": "ticker", "cues-stamp.txt": "ticker",
             "cues-crumb-lead.txt": "nav", "cues-crumb-home.txt": "nav", "cues-copyright.txt": "nav",
             "cues-legal.txt": "nav", "cues-rights.txt": "nav", "cues-standards.txt": "nav",
             "cues-photo-label.txt": "caption", "cues-photo-agencies.txt": "caption",
             "cues-byline-signed.txt": "byline", "cues-byline-bare.txt": "byline", "cues-published.txt": "byline"}
# cue files whose cues keep their case (agency names, capitalised line openers)
CASE_KEPT = {"cues-credit-agencies.txt", "cues-photo-agencies.txt", "cues-byline-bare.txt"}


def _cue_rows():
    for name, kind in CUE_KINDS.items():
        for entry in vocabulary.pack_list("boilerplate", name):
            cue, _, example = entry.partition("\t")
            yield pytest.param(name, kind, cue, example, id=f"{name}:{cue[:30]}")


def test_every_cue_file_is_listed_here():
    files = {p.name for p in BOILERPLATE.glob("cues-*.txt")} - {"cues-appeal-words.txt"}  # scored, not matched
    assert files == set(CUE_KINDS)


@pytest.mark.parametrize("name,kind,cue,example", list(_cue_rows()))
def test_each_cue_has_an_example_it_makes_boilerplate(name, kind, cue, example):
    assert example, f"{name}: cue {cue!r} has no example after a tab"
    ignore_case = name not in CASE_KEPT
    assert regex.search(vocabulary.expand(cue), example, regex.IGNORECASE if ignore_case else 0), (cue, example)
    assert boilerplate.line_kind(example) == kind, (cue, example)


def test_a_line_without_a_cue_is_no_boilerplate():
    assert boilerplate.line_kind("The minister said on Monday that talks would resume in Geneva.") is None
    assert boilerplate.line_kind("Read also the statement the ministry issued on Monday, which said") is None


def test_words_keep_file_order_and_readers_agree():
    assert vocabulary.words("months")[:3] == ("January", "February", "March")
    assert facts.MONTH_NUMBER["may"] == 5 and facts.WEEKDAY_NUMBER["sunday"] == 6
    assert facts.WORD_NUMBER["twelve"] == 12
    assert set(vocabulary.words("function-words")) <= runin._FUNCTION
    assert {"le", "der", "el", "и", "та"} <= boilerplate._FUNCTION_END


def test_alternation_puts_longer_entries_first():
    pattern = regex.compile(vocabulary.alternation("month-abbreviations") + r"\b")
    assert pattern.match("Sept 12").group() == "Sept"
    assert regex.fullmatch(vocabulary.alternation(("a.b", "c")), "a.b")
    assert not regex.fullmatch(vocabulary.alternation(("a.b",)), "axb")   # entries are literal text


def test_expand_writes_out_known_names_and_leaves_other_braces():
    out = vocabulary.expand(r"\d{1,2} (?P<m>{months})\b x{2} {nonesuch}")
    assert "{months}" not in out and "September" in out
    assert out.endswith(r"\b x{2} {nonesuch}")
    date = regex.compile(vocabulary.expand(r"\d{1,2} (?P<m>{months})\b"))
    assert date.search("on 12 September 2024").group("m") == "September"


def test_list_includes_a_vocabulary_and_rejects_an_unknown_one(tmp_path):
    good = tmp_path / "words.txt"
    good.write_text("# a comment\n{weekdays}\nholiday  # trailing comment\n\n", encoding="utf-8")
    assert vocabulary.read_list(good) == (*vocabulary.words("weekdays"), "holiday")
    bad = tmp_path / "bad.txt"
    bad.write_text("{weekday}\n", encoding="utf-8")
    with pytest.raises(RulePackError, match=r"bad.txt:1: unknown vocabulary \{weekday\}"):
        vocabulary.read_list(bad)


def test_rule_patterns_name_vocabularies_and_load_written_out():
    rules = load_rules(select=["MTE018", "GR033"])
    mte018 = rules.by_code("MTE018")
    source = mte018.path.read_text(encoding="utf-8")
    assert "{months}" in source and "{months}" not in mte018.spec["pattern"]
    assert "December" in mte018.spec["pattern"]
    assert "{weekdays}" in rules.by_code("GR033").path.read_text(encoding="utf-8")


def test_a_pack_of_ones_own_can_name_a_vocabulary(tmp_path):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yml").write_text("prefix: HW\ndescription: d\nsources: [s]\nlicense: MIT\n", encoding="utf-8")
    (pack / "HW001-on-the-weekday.yml").write_text(
        "code: HW001\nname: on-the-weekday\ntype: pattern\ncategory: style\nseverity: minor\n"
        "message: m\ndescription: d\nsource: s\npattern: '\\bon the (?P<d>{weekdays})\\b'\n"
        "examples:\n  - bad: 'We met [[on the Monday]].'\n    fix: on Monday\n  - good: 'We met on Monday.'\n",
        encoding="utf-8")
    rule = load_rules([pack], builtin=False).by_code("HW001")
    assert "Wednesday" in rule.spec["pattern"]
    assert rule.spec["examples"][0]["bad"] == "We met [[on the Monday]]."


def test_a_changed_vocabulary_file_is_part_of_every_pack_cache_key():
    from auditor import packs

    key = packs._fingerprint(BOILERPLATE)
    stamped = {Path(entry[0]) for entry in key[3]}
    assert set(vocabulary.files()) <= stamped


# ---- the worked examples of docs/vocabularies.md, step by step -------------------------------------------
DOC = ROOT / "docs" / "vocabularies.md"


def _blocks(section: str, lang: str) -> list[str]:
    """The fenced blocks of one language in a section of the doc, dedented."""
    import textwrap

    text = DOC.read_text(encoding="utf-8").split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    found = regex.findall(r"^( *)```" + lang + r"\n(.*?)^\1```", text, flags=regex.M | regex.S)
    return [textwrap.dedent(body) for _indent, body in found]


def test_doc_adding_a_boilerplate_cue():
    from auditor.api import audit_text
    from auditor.config import Config

    cue_line, article = _blocks("Worked example: adding a boilerplate cue", "text")
    assert cue_line.strip("\n") in vocabulary.pack_list("boilerplate", "cues-related.txt")
    cue, _, example = cue_line.strip("\n").partition("\t")
    assert boilerplate.line_kind(example) == "related"
    report = audit_text(article, config=Config(select=("BP",)))
    found = [(f.rule, article[f.start:f.end]) for f in report.findings]
    assert found == [("BP004", example)]


def test_doc_adding_a_shared_vocabulary_word(tmp_path):
    from auditor.testing import run_contract

    word, dateline = _blocks("Worked example: adding a shared vocabulary word", "text")
    assert word.strip() in vocabulary.words("month-abbreviations")
    assert "Sept. 12, 2023" in boilerplate.DATE_PIECE.findall(dateline.strip())
    assert boilerplate.line_kind(dateline.strip()) == "byline"
    (rule_yaml,) = _blocks("Worked example: adding a shared vocabulary word", "yaml")
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yml").write_text("prefix: HW\ndescription: d\nsources: [s]\nlicense: MIT\n", encoding="utf-8")
    (pack / "HW001-on-the-weekday.yml").write_text(rule_yaml, encoding="utf-8")
    rules = load_rules([pack], builtin=False)
    results = list(run_contract(rules))
    assert len(results) == 2 and all(r.ok for r in results), [str(r) for r in results]
    assert "Saturday" in rules.by_code("HW001").spec["pattern"]


def test_doc_rules_name_their_cue_files():
    import yaml

    [snippet] = _blocks("Which rule reads which cue file", "yaml")
    shown = yaml.safe_load(snippet)
    rules = {r.code: r for r in load_rules(select=("BP",)).rules}
    assert rules["BP002"].spec["options"] == shown["options"] and rules["BP002"].spec["check"] == shown["check"]
    # every list file of the pack that the analysis reads is named by exactly one rule of BP001-BP010
    named = [name for code, r in rules.items() if r.spec.get("check") == "boilerplate:blocks"
             for name in r.spec["options"].get("cues", ())]
    assert len(named) == len(set(named))
    assert set(named) == {p.name for p in BOILERPLATE.glob("*.txt")} - {p.name for p in BOILERPLATE.glob("runin-*.txt")}
