"""Spelling with a real dictionary: the misspellings people make, names the article repeats, real-word
errors in context, and the measured confidence that gates a run."""
from __future__ import annotations

import json

import pytest

import auditor
from auditor import confidence
from auditor.config import Config
from auditor.pychecks import spelling

SPELLING = Config(select=("SP",))

# The misspellings people make most, each flagged even where the web uses it, with the right first fix.
CLASSICS = [
    ("Officials will publish two seperate reports.", "seperate", "separate"),
    ("The minister will definately attend.", "definately", "definitely"),
    ("The crash occured near the border.", "occured", "occurred"),
    ("Families will recieve the aid on Monday.", "recieve", "receive"),
    ("Residents left thier homes.", "thier", "their"),
    ("Talks continue untill Friday.", "untill", "until"),
    ("The bill, wich passed on Monday, is law.", "wich", "which"),
    ("The hotel can accomodate 200 guests.", "accomodate", "accommodate"),
    ("The vote is tommorow, officials said.", "tommorow", "tomorrow"),
    ("The company was publically listed in 2010.", "publically", "publicly"),
    ("The leak could embarass the government.", "embarass", "embarrass"),
    ("It was a truely historic day.", "truely", "truly"),
    ("Voters care alot about prices.", "alot", "a lot"),
    ("The bridge opened at the turn of the millenium.", "millenium", "millennium"),
    ("Prices showed a noticable rise.", "noticable", "noticeable"),
    ("The date is marked in your calender as a holiday.", "calender", "calendar"),
]


@pytest.mark.parametrize("text,word,right", CLASSICS, ids=[c[1] for c in CLASSICS])
def test_classic_misspelling_is_flagged_with_the_right_first_fix(text, word, right):
    report = auditor.audit_text(text, config=SPELLING)
    start = text.index(word)
    hits = [f for f in report.findings if f.start <= start < f.end]
    assert hits, f"{word!r} not flagged"
    f = hits[0]
    fixed = text[:f.start] + f.suggestions[0] + text[f.end:]
    assert fixed == text.replace(word, right, 1)


def test_codespell_list_is_read_from_the_installed_package():
    table = spelling.common_misspellings()
    assert table["seperate"] == ("separate",) and len(table) > 30000
    assert spelling.common_fix("despatch") is None   # a British word, though codespell lists it


def test_several_fixes_are_all_offered_and_none_is_safe():
    [f] = auditor.audit_text("Voters care alot about prices.", config=SPELLING).findings
    assert f.suggestions[:2] == ("a lot", "allot") and not f.fix_safe
    [g] = auditor.audit_text("Talks continue untill Friday.", config=SPELLING).findings
    assert g.fix_safe


@pytest.mark.parametrize("text", [
    "The rollout was patchier than planned, and the board voted to halve the budget.",
    "Scientists debated machine sentience, and we waited with bated breath as the plans were binned.",
    "Player Wayde Sims was shot on Friday. Police said Wayde Sims died later. Wayde was 20.",
    "His psychiatrist, Dr. Santoch Rai, gave evidence.",
    "They were thanked by the minister. Jeane Freeman MSP sent a letter.",
    "South Korean lawmaker Park Byeong-seug said the data came from the ministry.",
])
def test_dictionary_words_and_names_the_article_uses_are_not_typos(text):
    assert [(f.rule, text[f.start:f.end]) for f in auditor.audit_text(text, config=SPELLING).findings] == []


def test_dictionary_keeps_real_typos():
    text = "The leaders met for breakast in Berlin to repair relations beteen the allies."
    got = {text[f.start:f.end]: f.suggestions[0] for f in auditor.audit_text(text, config=SPELLING).findings}
    assert got == {"breakast": "breakfast", "beteen": "between"}


def test_word_cut_by_an_ellipsis_is_not_a_typo():
    assert auditor.audit_text("The song, which was adop... and then the percen...", config=SPELLING).findings == []


def test_measured_table_ships_and_gives_rules_their_confidence():
    table = confidence.table()
    assert table["SP005"]["findings"] >= confidence.MIN_FINDINGS
    assert confidence.measured("SP005") == table["SP005"]["precision"]
    [f] = auditor.audit_text("Talks continue untill Friday.", config=SPELLING).findings
    assert f.confidence == table["SP005"]["precision"]


def test_gate_blocks_precise_rules_and_lets_imprecise_ones_through(cli, tmp_path):
    precise = tmp_path / "precise.txt"
    precise.write_text("Talks continue untill Friday.\n", encoding="utf-8")
    assert confidence.measured("SP005") >= 0.9
    assert cli("check", precise).code == 1
    imprecise = tmp_path / "imprecise.txt"   # SP002 alone, measured below 0.9
    imprecise.write_text("The agency annoucned the results on Monday.\n", encoding="utf-8")
    assert (confidence.measured("SP002") or 0) < 0.9
    res = cli("check", imprecise, "--format", "json")
    assert res.code == 0 and [f["rule"] for d in json.loads(res.out)["documents"] for f in d["findings"]] == ["SP002"]
    assert cli("check", imprecise, "--fail-confidence", "0").code == 1
    assert cli("check", imprecise, "--fail-confidence", "2").code == 2


def test_findings_carry_their_confidence_in_sarif(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Talks continue untill Friday.\n", encoding="utf-8")
    sarif = json.loads(cli("check", art, "--format", "sarif", "--fail-on", "never").out)
    [result] = sarif["runs"][0]["results"]
    assert result["properties"]["confidence"] == round(confidence.measured("SP005"), 3)


def test_rules_list_and_show_print_the_measurement(cli):
    listed = cli("rules", "list").out
    line = next(l for l in listed.splitlines() if l.startswith("SP005"))
    assert f"{confidence.measured('SP005'):.2f}" in line
    shown = cli("rules", "show", "SP005").out
    assert "precision" in shown and "findings" in shown


@pytest.mark.parametrize("text,word,right", [
    ("The plan was semi-indepedent of the ministry.", "indepedent", "independent"),   # a hyphen part
    ("See the [agency documenation](https://example.org/docs) for details.", "documenation", "documentation"),
    ("Officials updated the Documentaiton page on Monday.", "Documentaiton", "Documentation"),
    ("Every implementor of the standard must register.", "implementor", "implementer"),   # codespell's rare list
])
def test_common_misspellings_inside_compounds_links_and_headings(text, word, right):
    report = auditor.audit_text(text, config=Config(select=("SP005",)))
    [f] = report.findings
    assert text[f.start:f.end] == word and f.suggestions[0] == right


def test_common_misspelling_leaves_names_prefixes_and_dictionary_words_alone():
    # "Rady" is a name the web knows; "mis-" is a prefix; "compliers" is a word Hunspell accepts
    text = "Police said Rady Okun had mis-configured the alarm, and compliers were fined."
    assert auditor.audit_text(text, config=Config(select=("SP005",))).findings == []


def test_doubled_word_finding_covers_both_copies_and_keeps_the_first():
    text = "Talks ended. The the delegation left."
    [f] = auditor.audit_text(text, config=Config(select=("SP001",))).findings
    assert text[f.start:f.end] == "The the" and f.suggestions == ("The",)
    assert auditor.apply_fixes(auditor.audit_text(text, config=Config(select=("SP001",)))).text == \
        "Talks ended. The delegation left."


def test_dictionary_case_gives_the_dictionary_form_and_spares_names():
    if not spelling.has_dictionary():
        pytest.skip("no Hunspell dictionary")
    assert spelling.dictionary_case("unicode") == "Unicode"
    assert spelling.dictionary_case("ascii") == "ASCII"
    assert spelling.dictionary_case("Javascript") == "JavaScript"
    assert spelling.dictionary_case("YOu") == "You"
    for word in ("python", "apple", "English", "commerical"):
        assert spelling.dictionary_case(word) is None
    text = "Dwi Haris and Paris were in the news; see https://example.com/unicode/page."
    assert auditor.audit_text(text, config=Config(select=("SP024",))).findings == []
    found = auditor.audit_text("Identifiers may hold unicode letters.", config=Config(select=("SP024",))).findings
    assert [(f.start, f.end, f.suggestions[0]) for f in found] == [(21, 28, "Unicode")]
