"""Pattern rules made faster still find exactly what they found: pre-filter, lazy regexes, rewritten patterns."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest
import regex

from auditor import packs
from auditor.checks import LazyRegex, derive
from auditor.checks.literals import prefilter
from auditor.checks.pattern import PatternCheck
from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine
from auditor.errors import RulePackError
from auditor.packs import load_rules
from auditor.testing import split_marker
from conftest import unmark

RULES = [r for r in load_rules(select=("",)).rules if r.type == "pattern"]
BY_CODE = {r.code: r for r in RULES}


def _example_texts(rule) -> list[str]:
    """Every text a rule's examples hold: bad ones with and without their fix, good ones, corpora."""
    texts = []
    for example in rule.examples:
        if "bad" in example:
            text, start, end = split_marker(example["bad"])
            texts += [text, text[:start] + example["fix"] + text[end:]]
        else:
            texts.append(example["good"])
        texts += example.get("corpus", [])
    return texts


@pytest.fixture(scope="module")
def check():
    return PatternCheck(RULES)


def _key(findings):
    return [(f.rule, f.start, f.end, f.message, f.suggestions) for f in findings]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_the_prefilter_never_skips_a_rule_that_matches(rule, check):
    index = next(i for i, entry in enumerate(check.compiled) if entry[0] is rule)
    flags = regex.MULTILINE | (regex.IGNORECASE if rule.spec.get("ignore_case") else 0)
    pattern = regex.compile(rule.spec["pattern"], flags)
    for text in _example_texts(rule):
        doc = Document.from_text(text)
        if pattern.search(doc.prose):
            assert index in check.index.candidates(doc), (rule.code, text)


def test_filtered_and_unfiltered_checks_find_the_same(check):
    every = list(range(len(check.compiled)))
    unfiltered = PatternCheck(RULES)
    unfiltered.index.candidates = lambda doc: every
    for rule in RULES:
        for text in _example_texts(rule):
            doc = Document.from_text(text)
            assert _key(check.check(doc)) == _key(unfiltered.check(doc)), (rule.code, text)


def test_literals_of_case_sensitive_patterns_keep_their_case():
    assert prefilter(r"\bMe (?P<name>\p{Lu}\p{Ll}+)", False) == (True, ("Me ",))
    assert prefilter(r"\bMe (?P<name>\p{Lu}\p{Ll}+)", True) == (False, ("me ",))
    # a case-blind group inside a case-sensitive pattern gives no case-kept literal: it is looked for case-blind
    assert prefilter(r"(?i:minister)", False) == (False, ("minister",))
    # what a look-ahead requires follows the match: both make one literal
    assert prefilter(r"\b[Ee]x (?=president\b)", False) == (True, ("Ex president", "ex president"))
    assert prefilter(r"(?r)(?<=, )(?P<v>replied|retorted)", False) == (True, (", replied", ", retorted"))


# The rules whose patterns were rewritten for speed (reverse search, look-behinds moved after the literal,
# look-aheads that cut the search short), with what each finds on the cases its rewrite turns on:
# [[...]] marks every finding, and the list gives each finding's first suggestion in text order.
REWRITTEN = {
    "FM004": [
        ("Shares in Boeing[[ (BA.N)]] rose, and Airbus[[ (AIR.PA)]] fell.", ["", ""]),
        ("Bakanov will visit Boeing's[[ ( BA )]] plant.", [""]),
        ("Read the filing[[, opens new tab]] and more.", [""]),
        ("Vodafone[[<VOD.L>]] fell.", [""]),
        ("The (BA.XX) unit and the (NATO) summit met.", []),
    ],
    "GR001": [
        ("They have taken up [[a ]]recently under the leadership of Trump.", [""]),
        ("It was [[the ]]already in the news.", [""]),
        ("He is the only in the room.", []),
        ("She gave a friendly with the team.", []),
        ("A recently renovated hall opened.", []),
    ],
    "GR052": [
        ("He said that[[ World Health Organization]] recommends exercise.", [" the World Health Organization"]),
        ("It was reported by [[(European Union]]) and [[“United States]]” said, writes[[ Guardian]].",
         ["(the European Union", "“the United States", " the Guardian"]),
        ("The United States said. A New York Times reporter wrote; the Financial Times said.", []),
    ],
    "GR091": [
        ("The returns diminish [[due]] the additional time the checks take.", ["due to"]),
        ("He parked [[in  front]] the house, and Prior the war it was [[contrary]] the rules.",
         ["in front of", "contrary to"]),
        ("The payment is due the first week; [[regardless]] the cost, they act.", ["regardless of"]),
        ("It was according to the report, and they acted [[irrespective]] their views.", ["irrespective of"]),
    ],
    "MTE019": [
        ("The treaty was signed [[the 12 of March of 2020]] in Lima.", ["March 12, 2020"]),
        ("[[On the 3 of May of 1999]] it rained.", ["May 3, 1999"]),
        ("He was born [[June 5 of 1970]].", ["June 5, 1970"]),
        ("It was the 32 of March of 2020.", []),
        ("On [[12 of March of 2020]] they met.", ["March 12, 2020"]),
        ("The 5 of June of 1870.", []),
    ],
    "MTF051": [
        ("Some 45[[ ]]000 people marched.", [","]),
        ("It cost 45[[\u00a0]]000 euros.", [","]),
        ("A total of 1[[\u202f]]234[[\u202f]]567 votes.", [",", ","]),
        ("On May 15 200 soldiers left.", []),
        ("In 2019 500 more followed.", []),
        ("Some 12[[ ]]345[[ ]]678 euros went missing.", [",", ","]),
        ("It was 3.5 000 people.", []),
    ],
    "MTF082": [
        ('"The situation is serious", [[underlined]] the minister on Monday.', ["stressed"]),
        ("“We will not give in,” [[assured]] the mayor.", ["said"]),
        ('"We are ready," [[declared]] Emmanuel Macron.', ["said"]),
        ('"We are ready," [[declared]] the President.', ["said"]),
        ("“It is serious,” said the minister, who underlined the need.", []),
        ('"Rain," estimated the weather.', []),
    ],
    "MTF090": [
        ("They call a strike [[on the 12 December]].", ["on December 12"]),
        ("The show runs [[from the 5 to the 20 March]] in Paris.", ["from March 5-20"]),
        ("It opens [[the 1 May]].", ["May 1"]),
        ("He was born on the 12th of December.", []),
        ("Shops stay shut [[until the 3 June]].", ["until June 3"]),
        ("It runs to [[the 20 March]].", ["March 20"]),
    ],
    "MTU021": [
        ("President [[Zelens'kyi]] met the envoy.", ["Zelenskyi"]),
        ("Drones hit [[L'viv]] overnight.", ["Lviv"]),
        ("The plant is in the [[Dnipropetrovs’k]] region.", ["Dnipropetrovsk"]),
        ("They don't play rock'n'roll, and we'll see if it's O'Brien's call.", []),
        ("Kyiv's quarter.", []),
    ],
    "MTU022": [
        ("Air defence was active over Kharkiv [[Oblast']] overnight.", ["Oblast"]),
        ("The plant in [[Tver’]] was hit.", ["Tver"]),
        ("The history of Kyivan Rus' begins.", []),
        ("She called it 'a great result' and said 'we will win'.", []),
        ("The towns of [[Pavlohrad']] and [[Tver']] were hit.", ["Pavlohrad", "Tver"]),
    ],
    "PU001": [
        ("The agency said[[,,]] the launch was delayed.", [","]),
        ("Held in the U.S[[..]] Both sides.", ["."]),
        ('It chanted "Glory[[!!!]]" outside.', ["!"]),
        ("Is that the end?! Nobody knows.", []),
        ("It was delayed... again.", []),
        ("Two[[;;]] three[[::]] four.", [";", ":"]),
        ("Why[[??]] Why[[!!]]", ["?", "!"]),
    ],
    "PU005": [
        ("The launch was delayed[[ ]], the agency said.", [""]),
        ("Talks continue next week[[ ]].", [""]),
        ("The agency said . . . and then.", []),
        ("He left Paris[[ ]],\nthen Rome.", [""]),
        ("It was “done”[[ ]], he said.", [""]),
        ("It was 5 .5 percent.", []),
    ],
    "PU011": [
        ('The minister spoke on the TV channel [["Russia 24"]] on Sunday.', ["Russia 24"]),
        ("[[“Kommersant”]] writes that the deal was signed.", ["Kommersant"]),
        ('The retailer [["Magnit"]] and the bank [[“Sber”]] agreed.', ["Magnit", "Sber"]),
        ('The film "Twenty Days in Mariupol" won an Oscar.', []),
        ('The party\'s slogan, "Forward Together", was printed.', []),
    ],
    "PU012": [
        ("It must wait \"a very long [[period\" \"In]] earlier strains this was normal,\" he said.", ['period." "In']),
        ("Games that train memory and [[thinking “There]] are many supplements, but few work,” she said.",
         ["thinking. “There"]),
        ("The minister said \"There is no deal yet,\" before leaving; they called it \"The Quiet Revolution\" then.", []),
        ("\"The talks are over.\" \"We will meet again,\" he added.", []),
    ],
    "PU059": [
        ("h = 6.626 [[x]] 10⁻³⁴ J.s", ["×"]),
        ("5 [[*]] 2 = 10", ["×"]),
        ("a[[*]]b", ["×"]),
        ("The room is 3.5[[x]]4 metres.", ["×"]),
        ("5 × 2 = 10, the f*ck word, a 4x4 vehicle and Malcolm X.", []),
    ],
    "SP018": [
        ("The accident [[could of]] been avoided.", ["could have"]),
        ("They [[would of]] left and [[might of]] stayed.", ["would have", "might have"]),
        ("Officials [[should of]] known.", ["should have"]),
        ("It could have been avoided; he would, of course, disagree.", []),
        ("What would of the plan remain?", []),
    ],
}


@pytest.mark.parametrize("code", sorted(REWRITTEN))
def test_rewritten_patterns_find_what_their_cases_mark(code, check):
    for marked, suggestions in REWRITTEN[code]:
        text, spans = unmark(marked)
        found = sorted((f for f in check.check(Document.from_text(text)) if f.rule == code), key=lambda f: f.start)
        assert [(f.start, f.end) for f in found] == spans, (code, marked)
        assert [f.suggestions[0] for f in found] == suggestions, (code, marked)


def test_a_reverse_pattern_reports_its_matches_in_text_order(check):
    text = "Shares in Boeing (BA.N) rose, and Airbus (AIR.PA) fell."
    found = [f for f in check.check(Document.from_text(text)) if f.rule == "FM004"]
    assert [text[f.start:f.end] for f in found] == [" (BA.N)", " (AIR.PA)"]


PACK = "prefix: ZZ\ndescription: d\nsources: [s]\nlicense: MIT\n"
RULE = """code: ZZ001
name: teh-word
type: pattern
category: spelling.typo
severity: minor
message: m
description: d
source: s
pattern: '{pattern}'
suggest: the
examples:
  - bad: "[[teh]] cat"
    fix: the
  - good: "The cat."
"""


def _pack(tmp_path, pattern: str):
    folder = tmp_path / "zz"
    folder.mkdir(exist_ok=True)
    (folder / "pack.yml").write_text(PACK, encoding="utf-8")
    (folder / "ZZ001-teh-word.yml").write_text(RULE.format(pattern=pattern), encoding="utf-8")
    return folder


def test_a_cached_pack_compiles_a_pattern_only_when_an_article_needs_it(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    folder = _pack(tmp_path, r"\bteh\b")
    packs.load_pack(folder)  # validates the regexes and caches the pack
    engine = Engine(Config(packs=(str(folder),), select=("ZZ",)))
    check = next(c for c in engine.checks if isinstance(c, PatternCheck))
    pattern = check.compiled[0][1]
    assert isinstance(pattern, LazyRegex) and "finditer" not in vars(pattern)
    engine.check_document(Document.from_text("Nothing to see here."))
    assert "finditer" not in vars(pattern)  # the literal 'teh' is absent: never compiled
    found = engine.check_document(Document.from_text("Fix teh cat."))
    assert [f.rule for f in found] == ["ZZ001"] and "finditer" in vars(pattern)


@pytest.mark.parametrize("cache", ["on", "off"])
def test_a_bad_regex_is_reported_with_or_without_a_cache(tmp_path, monkeypatch, cache):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache") if cache == "on" else "off")
    folder = _pack(tmp_path, "(unclosed")
    for _ in range(2):  # the second load comes from the cache when there is one
        with pytest.raises(RulePackError, match="bad regex in pattern"):
            Engine(Config(packs=(str(folder),), select=("ZZ",)))


def test_derive_vouches_only_for_regexes_that_compile():
    good, bad = (next(r for r in load_rules(select=("",)).rules if r.type == "pattern"),) * 2
    assert derive(good)["valid"]
    broken = replace(bad, spec={**bad.spec, "unless": "(unclosed"})
    assert derive(broken) == {"valid": False}


def test_the_quick_invisible_class_holds_every_character_the_full_pattern_matches():
    from auditor.pychecks.formatting import _ANY_INVISIBLE, _INVISIBLE

    every = "a".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    found = {c for m in _INVISIBLE.finditer(every) for c in m.group()}
    found |= {c for text in ("\u200d", "x\u200dy", "\U0001F600\u200d", "\u200d\U0001F600")
              for m in _INVISIBLE.finditer(text) for c in m.group()}
    assert found and all(_ANY_INVISIBLE.search(c) for c in found)


def test_the_mojibake_test_says_what_the_full_pattern_said():
    from auditor.pychecks.formatting import _SUSPECT

    full = regex.compile(r"[\u00c2-\u00c3\u00c5\u00d0-\u00d1\u00e2\u00ef\u00f0][\u0080-\u02ff\u2010-\u203a\u20ac"
                         r"\u2122]+[\p{L}\u0080-\u00ff\u2010-\u203a\u20ac\u2122]*")
    rnd = random.Random(7)
    alphabet = list("ÂÃÅÐÑâïðé€™–—…ab 1\n") + ["\u0080", "\u02ff", "\u0300", "\u2009"]
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))) for _ in range(20000)]
    assert any(full.search(t) for t in texts) and not all(full.search(t) for t in texts)
    assert all(bool(full.search(t)) == bool(_SUSPECT.search(t)) for t in texts)


def test_consistency_sets_skipped_by_the_quick_test_had_no_finding():
    from auditor.checks.consistency import ConsistencyCheck

    rules = [r for r in load_rules(select=("",)).rules if r.type == "consistency"]
    blind = replace(rules[0], code="ZZ900", spec={**rules[0].spec, "ignore_case": True,
                                                  "variants": [["use", "usage"], ["Kyiv", "Kiev"]]})
    quick, slow = ConsistencyCheck(rules + [blind]), ConsistencyCheck(rules + [blind])
    slow.sets = [(rule, variants, pattern, (b, None)) for rule, variants, pattern, (b, _) in slow.sets]
    rnd = random.Random(3)
    words = sorted({v for _, variants, _, _ in quick.sets for v in variants} | {"uſe", "KYIV", "kiev", "and", "."})
    texts = [t for r in rules for t in _example_texts(r)]
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 6))) for _ in range(3000)]
    assert sum(bool(slow.check(Document.from_text(t))) for t in texts) > 100
    for text in texts:
        doc = Document.from_text(text)
        assert _key(quick.check(doc)) == _key(slow.check(doc)), text


def test_a_lazy_regex_survives_pickling_before_and_after_first_use():
    import pickle

    rule = RULES[0]
    lazy = LazyRegex(rule, r"\bteh\b", "pattern", False)
    fresh = pickle.loads(pickle.dumps(lazy))
    assert fresh.search("fix teh cat").span() == (4, 7)
    used = pickle.loads(pickle.dumps(fresh))
    assert used.search("teh").span() == (0, 3)


ATOMS = ["a", "b", "ab", "the", "The", "x", "0", r"\d", "[ab]", "[Aa]", r"\w", ".", " ", "'", "’", "K", "ſ", "é",
         "\u2009", "É", r"\s", "[0-3]", "Σ", "ß"]
LETTERS = ["a", "b", "ab", "the", "The", "THE", "x", "0", "7", "٣", "３", " ", "'", "’", "K", "\u212a", "k", "ſ",
           "s", "é", "É", "\n", "\u00a0", "\u2009", "\u3000", "\x85", "Σ", "σ", "ς", "ß", "SS", "İ", "i", "ı",
           "-"]


def _random_pattern(rnd, depth=0) -> str:
    roll = rnd.random()
    if depth > 2 or roll < 0.35:
        return rnd.choice(ATOMS)
    if roll < 0.55:
        return "".join(_random_pattern(rnd, depth + 1) for _ in range(rnd.randint(2, 4)))
    if roll < 0.68:
        return "(?:" + "|".join(_random_pattern(rnd, depth + 1) for _ in range(rnd.randint(2, 3))) + ")"
    if roll < 0.78:
        return "(?:" + _random_pattern(rnd, depth + 1) + ")" + rnd.choice(["?", "*", "+", "{2}", "{1,3}", "{2,}", "+?"])
    if roll < 0.86:
        return rnd.choice(["(?=", "(?<=", "(?!", "(?<!"]) + _random_pattern(rnd, depth + 1) + ")"
    if roll < 0.92:
        return "(?i:" + _random_pattern(rnd, depth + 1) + ")"
    return r"\b" + _random_pattern(rnd, depth + 1)


def test_random_patterns_never_match_where_their_literals_are_missing():
    from auditor.checks.literals import plain_text, search_text

    rnd = random.Random(11)
    checked = 0
    for _ in range(4000):
        pattern = "".join(_random_pattern(rnd) for _ in range(rnd.randint(1, 3)))
        ignore_case = rnd.random() < 0.4
        try:
            compiled = regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
        except regex.error:
            continue
        keep_case, literals = prefilter(pattern, ignore_case)
        if not literals:
            continue
        for _ in range(20):
            doc = Document.from_text("".join(rnd.choice(LETTERS) for _ in range(rnd.randint(0, 12))))
            if compiled.search(doc.prose):
                checked += 1
                text = plain_text(doc) if keep_case else search_text(doc)
                assert any(lit in text for lit in literals), (pattern, ignore_case, doc.prose, literals)
    assert checked > 500


def test_a_cached_rule_makes_its_path_on_first_use():
    import pickle
    from pathlib import Path

    rule = next(r for r in load_rules(select=("",)).rules if r.type == "pattern")
    again = pickle.loads(pickle.dumps(rule))
    assert "path" not in vars(again) and again.path == Path(rule.path) and "path" in vars(again)
    assert replace(again, code="ZZ901").path == rule.path
    with pytest.raises(AttributeError):
        again.no_such_field
