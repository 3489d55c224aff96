"""The source-language fingerprint: which language an article was likely translated from."""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from .model import Finding
from .packs import RuleSet

MIN_EVIDENCE = 3.0      # weighted artifacts needed before naming a source language
MIN_DENSITY = 0.3       # weighted artifacts per 100 words
MIN_RULES = 2           # distinct rules (kinds of artifact) that must agree
MARGIN = 1.5            # the winner must lead the runner-up by this factor

SEVERITY_WEIGHT = {"minor": 1.0, "major": 1.5, "critical": 2.0}
# How much one artifact of a kind says about the source language (category after "mt.").
KIND_WEIGHT = {"untranslated": 2.0, "typography": 1.25, "title": 1.5, "transliteration": 1.5}
GENERIC_SHARE = 0.25    # language-independent MT artifacts back whichever language leads


def _weight(f: Finding) -> float:
    kind = f.category.split(".")[1] if "." in f.category else ""
    conf = f.confidence if f.confidence is not None else 1.0
    return SEVERITY_WEIGHT.get(f.severity, 1.0) * KIND_WEIGHT.get(kind, 1.0) * conf


def _languages(f: Finding, by_rule: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    lang = f.data.get("language") if f.data else None
    if isinstance(lang, str) and lang and lang != "en":
        return (lang,)
    return by_rule.get(f.rule, ())


_BY_CODE: tuple = (None, 0, {})   # the rule list last read, its length, and its rules' languages by code


def _languages_by_code(rules: RuleSet) -> dict[str, tuple[str, ...]]:
    """Each rule's languages by code, read once a rule set (most articles have no MT finding: never read)."""
    global _BY_CODE
    held = _BY_CODE
    if held[0] is not rules.rules or held[1] != len(rules.rules):
        held = _BY_CODE = (rules.rules, len(rules.rules), {r.code: tuple(r.languages) for r in rules.rules})
    return held[2]


def votes(findings: list[Finding], rules: RuleSet) -> tuple[Counter[str], dict[str, set[str]], float]:
    """Tally per-language evidence, the rules behind it, and language-independent MT evidence.

    The k-th finding of one rule counts 1/k of its weight, so one artifact repeated many times
    (a French space before every colon) cannot outvote several different kinds of artifact.
    """
    by_rule = _languages_by_code(rules) if any(f.family == "mt" for f in findings) else {}
    seen: Counter[str] = Counter()
    tally: Counter[str] = Counter()
    backers: dict[str, set[str]] = defaultdict(set)
    generic = 0.0
    for f in findings:
        if f.family != "mt":
            continue
        seen[f.rule] += 1
        weight = _weight(f) / seen[f.rule]
        langs = _languages(f, by_rule)
        if not langs:
            generic += weight
            continue
        for lang in langs:
            tally[lang] += weight / len(langs)
            backers[lang].add(f.rule)
    return tally, backers, generic


def source_language(findings: list[Finding], words: int, rules: RuleSet) -> tuple[str | None, float | None]:
    """Weigh the MT findings that point at a language; return (language, confidence) or (None, None).

    A language is named when its evidence is large in absolute terms and per word, comes from
    at least two different rules, and clearly leads the runner-up. Confidence grows with the
    amount of evidence and with the winner's share of it.
    """
    tally, backers, generic = votes(findings, rules)
    if not tally:
        return None, None
    (best, top), *rest = tally.most_common()
    second = rest[0][1] if rest else 0.0
    if rest and rest[0][1] == top:
        return None, None
    evidence = top + GENERIC_SHARE * generic
    density = 100.0 * evidence / max(words, 1)
    if evidence < MIN_EVIDENCE or density < MIN_DENSITY or len(backers[best]) < MIN_RULES \
            or top < MARGIN * second:
        return None, None
    share = top / (top + sum(v for _, v in rest))
    strength = 1.0 - math.exp(-evidence / 4.0)
    confidence = min(0.99, share * strength * min(1.0, 0.5 + density / 2.0))
    return best, round(confidence, 2)
