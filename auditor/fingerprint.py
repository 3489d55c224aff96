"""The source-language fingerprint: which language an article was likely translated from."""
from __future__ import annotations

from collections import Counter

from .model import MQM_WEIGHTS, Finding
from .packs import RuleSet

MIN_EVIDENCE = 2.0      # weighted artifacts needed before naming a source language
MIN_DENSITY = 0.4       # weighted artifacts per 100 words


def source_language(findings: list[Finding], words: int, rules: RuleSet) -> tuple[str | None, float | None]:
    """Weigh the MT findings that point at a language; return (language, confidence) or (None, None).

    Each MT finding whose rule names source languages votes for them, weighted by severity;
    a language is named when its evidence is large enough in absolute terms and per word,
    and clearly ahead of the runner-up.
    """
    languages = {r.code: r.languages for r in rules.rules}
    votes: Counter[str] = Counter()
    for f in findings:
        if f.family != "mt":
            continue
        langs = languages.get(f.rule, ())
        for lang in langs:
            votes[lang] += min(MQM_WEIGHTS[f.severity], 5) / len(langs)
    if not votes:
        return None, None
    (best, top), *rest = votes.most_common()
    second = rest[0][1] if rest else 0.0
    density = 100.0 * top / max(words, 1)
    if top < MIN_EVIDENCE or density < MIN_DENSITY or top < 1.5 * second:
        return None, None
    confidence = min(0.99, (top / (top + second + 1.0)) * min(1.0, density / 2.0) + 0.3)
    return best, round(confidence, 2)
