"""Pattern rules made faster still find exactly what they found: pre-filter, lazy regexes, rewritten patterns."""
from __future__ import annotations

import random
import re

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
    # a case-blind group inside a case-sensitive pattern gives no literal of its own
    assert prefilter(r"(?i:minister)", False) == (True, None)
    # what a look-ahead requires follows the match: both make one literal
    assert prefilter(r"\b[Ee]x (?=president\b)", False) == (True, ("Ex president", "ex president"))
    assert prefilter(r"(?r)(?<=, )(?P<v>replied|retorted)", False) == (True, (", replied", ", retorted"))


# The patterns as they were before they were rewritten for speed: the rewrites must match the same.
ORIGINAL = {
    "FM004": r"(?P<sp>[ \u00a0]?)(?:\(\s+(?P<t>[A-Z]{1,5}(?:\.[A-Z]{1,2})?)\s+\)|[(<](?P<ric>[A-Z0-9]{1,6}\.(?:N|O|OQ"
             r"|L|PA|DE|F|T|HK|SS|SZ|TO|AX|MI|AS|MC|SW|ST|CO|OL|HE|BR|LS|VI|KS|TW|SI|BO|NS|MM|SA|MX|JO|IS|WA|PR))[)>])"
             r"|, opens new tab\b",
    "GR001": None,  # the rewrite only adds a look-ahead before the list of exceptions; see below
    "MTE019": r"\b(?:(?:[Oo]n )?the )?(?:(?P<d>[1-9]|[12]\d|3[01]) of (?P<m>January|February|March|April|May|June"
              r"|July|August|September|October|November|December)|(?P<m>January|February|March|April|May|June|July"
              r"|August|September|October|November|December) (?P<d>[1-9]|[12]\d|3[01])) of (?P<y>(?:19|20)\d{2})\b",
    "MTF051": r"(?<=(?<![\d.,])\d{1,3}(?:[\u00a0\u202f]\d{3})*)[\u00a0\u202f](?=\d{3}(?![\d]))|(?<=(?<![\d.,:]|\d |"
              r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\."
              r"|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) )\b\d{1,3}(?: \d{3})*) (?=\d{3}(?: \d{3})*(?![\d]) (?:people"
              r"|inhabitants|residents|euros|dollars|soldiers|troops|jobs|employees|workers|homes|households|cases"
              r"|deaths|victims|refugees|migrants|demonstrators|protesters|participants|spectators|visitors|students"
              r"|km|kilometres|kilometers|tonnes|tons|hectares|copies|votes|signatures|members|police officers"
              r"|gendarmes|firefighters|\p{Ll}{3,}s)\b)",
    "MTF082": r"(?<=[,”" '"' r"’] |[,”" '"' r"’]\s)(?P<v>underlined|estimated|judged|affirmed|assured|indicated"
              r"|specified|declared|deplored|regretted|recalled|hammered|launched|pleaded|asserted|reacted|commented"
              r"|replied|retorted|protested|insisted)(?= (?:the|his|her|their|its) (?i:minister|president"
              r"|prime minister|mayor|prefect|spokesman|spokeswoman|spokesperson|head|director|leader|source|official"
              r"|prosecutor|lawyer|coach|secretary|chancellor|ambassador|general|ministry|government|company|group"
              r"|union|manager|captain|team|club|party|agency|office|entourage|adviser|advisor|aide|relatives|family"
              r"|father|mother|wife|husband|deputy|lawmaker|senator|MEP|MP|activist|expert|economist|analyst"
              r"|researcher|professor|doctor|witness|resident|farmer)\b| (?:the )?\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)",
    "MTF090": r"\b(?P<pre>[Oo]n |[Ff]rom |[Uu]ntil |[Ss]ince |[Bb]efore |[Aa]fter |[Bb]y |[Tt]ill )?the "
              r"(?P<d>[0-3]?\d) (?P<m>January|February|March|April|May|June|July|August|September|October|November"
              r"|December)\b|\b(?P<pre>[Ff]rom )the (?P<d>[0-3]?\d) to the (?P<d2>[0-3]?\d) (?P<m>January|February"
              r"|March|April|May|June|July|August|September|October|November|December)\b",
    "MTU021": r"(?<![\p{L}'’ʼʹ‘])(?P<a>[BCDFGHJKLMNPQRSTVWXZ]|\p{L}+?[bcdfghjklmnpqrstvwxzž])(?P<ap>['’ʼʹ])"
              r"(?!(?:s|t|l|ll|d|ve|re|m|n|em|all|cause|til|bout|day|lady)\b)(?P<b>[bcdfghjklmnpqrstvwxz]\p{Ll}*)\b",
    "MTU022": r"(?<![\p{L}'’ʼʹ‘" '"' r"“«])(?P<c>\p{L}*[tnlrmdz])(?<!in)(?P<ap>['’ʼʹ])(?![\p{L}\d])",
    "PU001": r"(?<![.?!])(?P<mark>[,;])(?P=mark)|(?<![.?!`])(?P<mark>:)(?P=mark)(?![:\w`]|[ \t]*(?:\n|$))"
             r"|(?<=[^.\s(/])(?P<mark>\.)\.(?![./])|(?P<mark>[!?])(?P=mark)+(?![!?])",
    "PU005": r"(?<=[\p{L}\p{N}\)”’" '"' r"])(?P<space>[ \u00a0]+)(?P<mark>[,.])(?=\s|$)(?!\s*\.)",
    "PU011": None,  # the rewrite only searches from the end; see below
    "PU059": None,  # the rewrite only adds a look-ahead in front; see below
    "SP018": None,  # the rewrite only searches from the end; see below
}
# Characters the rewrites turn on: apostrophes, quotes, spaces, brackets, digits, letters of both cases.
PIECES = list("abcdefklmnorstvyz ABCDKLMNSTZ019'’ʼʹ‘\"“”«»,.:;!?()<>-/%  \u00a0\u202f\nАаї")


def _original(code: str) -> str:
    if code == "GR001":
        return BY_CODE[code].spec["pattern"].replace("(?=[a-z]{3,}ly )", "", 1)
    if code == "PU059":
        return BY_CODE[code].spec["pattern"].replace("(?= x |x|\\*)", "", 1)
    if code in ("PU011", "SP018"):
        return BY_CODE[code].spec["pattern"].replace("(?r)", "", 1)
    return ORIGINAL[code]


def _texts(rule, count: int, seed: int):
    """Examples of the rule cut up, spliced and sprinkled with the characters its pattern turns on."""
    rnd = random.Random(seed)
    examples = _example_texts(rule)
    words = {t for text in examples for t in re.findall(r"\w+|\W", text)}
    words |= set(re.findall(r"[A-Za-z]{2,}", rule.spec["pattern"]))
    words |= {w[:n] for w in list(words) for n in (1, 2, 3)} | {w[-n:] for w in list(words) for n in (1, 2, 3)}
    words = sorted(words | {c for c in rule.spec["pattern"] if not c.isascii()})
    for _ in range(count):
        if rnd.random() < 0.4:  # words and characters run together, or spaced
            parts = [rnd.choice(words) if rnd.random() < 0.5 else rnd.choice(PIECES) for _ in range(rnd.randint(1, 14))]
            yield ("" if rnd.random() < 0.5 else " ").join(parts)
            continue
        tokens = re.findall(r"\w+|\W", rnd.choice(examples))
        for _ in range(rnd.randint(0, 5)):
            at = rnd.randrange(len(tokens) + 1)
            roll = rnd.random()
            if roll < 0.3 and at < len(tokens):
                del tokens[at]
            elif roll < 0.65:
                tokens.insert(at, rnd.choice(words))
            else:
                tokens.insert(at, rnd.choice(PIECES))
        yield "".join(tokens)


def _matches(pattern, text, span=None):
    """The matches' spans (of the group the rule reports, if it names one) and groups."""
    return sorted((m.span(span or 0), sorted(m.groupdict().items(), key=str)) for m in pattern.finditer(text))


@pytest.mark.parametrize("code", sorted(ORIGINAL))
def test_rewritten_patterns_match_what_the_originals_matched(code):
    rule = BY_CODE[code]
    flags = regex.MULTILINE | (regex.IGNORECASE if rule.spec.get("ignore_case") else 0)
    new, old = regex.compile(rule.spec["pattern"], flags), regex.compile(_original(code), flags)
    assert new.pattern != old.pattern
    matched = 0
    for text in _texts(rule, 20000, seed=sum(map(ord, code))):
        # a search from the end may start a match earlier or later ("TV channel"/"channel") where the
        # rule reports a group: what it reports must be the same
        span = rule.spec.get("span") if new.flags & regex.REVERSE else None
        found = _matches(new, text, span)
        assert found == _matches(old, text, span), (code, text)
        matched += bool(found)
    assert matched > 100  # the texts do exercise the pattern


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
    broken = packs.Rule(**{**vars(bad), "spec": {**bad.spec, "unless": "(unclosed"}})
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
    blind = packs.Rule(**{**vars(rules[0]), "code": "ZZ900", "spec": {**rules[0].spec, "ignore_case": True,
                                                                     "variants": [["use", "usage"], ["Kyiv", "Kiev"]]}})
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
