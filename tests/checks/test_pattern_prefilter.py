"""Pattern rules skip articles lacking a literal every match needs, and never miss a match by it."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks.literals import prefilter, required_literals, search_text
from auditor.documents import Document


def test_literals_of_common_rule_shapes():
    assert required_literals(r"\b(?P<w>[Cc]hef)(?= of (?:the )?company)") == ("chef of company", "chef of the company")
    assert required_literals(r"\b(?:reaffirm\w*|reiterat\w*) (?P<w>compromises?)\b") == (" compromise",)
    assert required_literals(r"\b(?P<w>consequent|consequently)\b") == ("consequent",)
    # the regex module allows a group name twice
    assert required_literals(r"(?P<w>alpha)x|(?P<w>beta)y") == ("alphax", "betay")


def test_no_literals_when_unsure():
    assert required_literals(r"\b(?:a|the) \w+") is None                  # too short to be worth it
    assert required_literals(r"(?:word)?\d+") is None                      # optional
    assert required_literals(r"(?:alpha|\d+)") is None                     # one branch has none
    assert required_literals(r"\p{Lu}[[:alpha:]]+ment") is None            # regex-only syntax
    assert required_literals(r"(?:teh){e<=1}") is None                     # fuzzy matching
    assert required_literals(r"(?<!never)\bword") == ("word",)             # a negative look-around


def test_verbose_patterns_are_read_without_their_spaces_and_comments():
    assert required_literals(r"(?x) spaced   out") == ("spacedout",)
    assert required_literals("(?x) \\b(?P<w> affects? | effects? )  # the noun or the verb\n  \\b") == \
        ("affect", "effect")
    assert required_literals(r"(?x) [ ]quoted\ word") == (" quoted word",)   # a set's and an escaped space count
    # where the regex module reads the pattern otherwise than without its spaces, no literals
    assert required_literals(r"(?x) abc (?# a comment ) defgh") is None


def test_shipped_verbose_rules_have_literals():
    from auditor.packs import builtin_rules_dir, load_pack

    rules = {r.code: r for r in load_pack(builtin_rules_dir() / "spelling").rules}
    for code, needed in (("SP012", ("affect", "effect")), ("SP019", ("aide", "belief")), ("SP032", ("criteria",))):
        pattern = rules[code].spec["pattern"]
        assert pattern.startswith("(?x)")
        literals = required_literals(pattern, rules[code].spec.get("ignore_case", False))
        assert literals and all(any(word in lit.lower() for lit in literals) for word in needed), (code, literals)


def test_folded_text_meets_case_blind_matches():
    doc = Document.from_text("The CEO’s muſt-have İnvestment\nplan by Kılıc")
    for pattern in (r"ceo's", r"must-have", r"investment plan", r"KILIC"):
        assert not regex.search(pattern, doc.prose)
        assert regex.search(pattern.replace("'", "['’]").replace(" ", r"\s"), doc.prose, regex.IGNORECASE)
        assert all(lit in search_text(doc) for lit in required_literals(pattern))


PATTERNS = [
    r"\b(?P<w>[Cc]hef)(?= of)", r"(?i)straße|strasse", r"must(?:n't| not)", r"\bkey(?:s|ed)?\b",
    r"ist(?P<x>an)bul", r"(?:it's|it’s) time", r"“quoted”", r"line\nbreak", r"\bSKIS\b", r"[Kk]elvin",
    r"(?<=said )today", r"don['’]t stop", r"(?:one|two|three) times", r"KILIC|Isik",
    "(?x) must (?: n't | \\ not )  # either\n", r"(?x) (?: one | two ) [ ]times \b",
]
ALPHABET = list("abcdefghiklmnopqrstuvwxyz ABCKS'’“”\n\t\u00a0-ſİKß") + [
    "chef of", "Chef of", "MUST NOT", "muſt not", "keys", "KEYED", "İstanbul", "istanbul", "it’s time",
    "it's time", "“quoted”", "line\nbreak", "line break", "skis", "ſkiſ", "Kelvin", "said today",
    "don’t stop", "don't stop", "TWO TIMES", "straße", "STRASSE", "Kılıc", "Işık", "ısık",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join), st.sampled_from(PATTERNS),
       st.booleans())
def test_a_skipped_article_never_had_a_match(text, pattern, ignore_case):
    literals = required_literals(pattern)
    if not literals:
        return
    doc = Document.from_text(text)
    flags = regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
    if regex.search(pattern, doc.prose, flags):
        assert any(lit in search_text(doc) for lit in literals), (pattern, text)


CASE_KEPT = [
    r"\bMe (?P<n>\p{Lu}\p{Ll}+)", r"(?<![\d.,])\d{1,3}\.\d{3}\.\d{3}", r"[Ee]x (?=president\b)", r"\d+h\d\d",
    r"(?P<m>!)!+", r"(?i:MiNister) of", r"19\d\d", r"“quoted”", r"[Kk]elvin", r"Straße",
]
KEPT_ALPHABET = list("abehikmnoprstxyz MEKPS.,!\n\u00a0-“”\"'’0123456789") + [
    "٣", "３", "৭", "Me Dupont", "ex president", "Ex president", "12.345.678", "１２.３４５.６７８", "10h30", "١٠h٣٠",
    "!!!", "MINISTER of", "minister of", "1999", "١٩٩٩", "“quoted”", "Kelvin", "Kelvin", "Straße", "STRASSE",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(KEPT_ALPHABET), max_size=30).map("".join), st.sampled_from(CASE_KEPT))
def test_a_case_sensitive_rule_skipped_had_no_match(text, pattern):
    from auditor.checks.literals import plain_text, prefilter

    keep_case, literals = prefilter(pattern, False)
    assert keep_case
    if not literals:
        return
    doc = Document.from_text(text)
    if regex.search(pattern, doc.prose, regex.MULTILINE):
        assert any(lit in plain_text(doc) for lit in literals), (pattern, text)


def test_case_sensitive_rules_fall_back_on_case_blind_literals():
    # (?i:...) letters end case-kept literals; the lower-cased text holds them whatever their case
    assert prefilter(r"\b(?:[Dd]ue|(?i:irrespective))(?i: to)", False) == (False, ("due to", "irrespective to"))
    # a case-kept literal, when there is one, is still looked for with its case
    assert prefilter(r"\bMe (?i:dupont)", False) == (True, ("Me ",))


MIXED_CASE = [r"\b(?i:irrespective|regardless)\b(?! The)", r"(?<!\bthe )(?i:Analogous)(?= (?i:to)\b)",
              r"\b(?:[Dd]ue|(?i:subject)) (?i:to) [A-Z]", r"(?<=\b(?i:is|was) )(?i:prior)\b"]
MIXED_ALPHABET = list("adefgilnorstuwxTOSP \n\u00a0-") + [
    "irrespective", "IRRESPECTIVE", "Regardless", "analogous", "ANALOGOUS", "Due", "due", "SUBJECT", "subject",
    " of", " OF", " to", " To", "The", "the ", "is ", "WAS ", "Prior", "prior", " Xo",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MIXED_ALPHABET), max_size=30).map("".join), st.sampled_from(MIXED_CASE))
def test_a_case_sensitive_rule_skipped_case_blind_had_no_match(text, pattern):
    keep_case, literals = prefilter(pattern, False)
    assert not keep_case and literals
    doc = Document.from_text(text)
    if regex.search(pattern, doc.prose, regex.MULTILINE):
        assert any(lit in search_text(doc) for lit in literals), (pattern, text)
