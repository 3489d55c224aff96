"""Variants that must not mix within one article: the minority spelling is flagged."""
from __future__ import annotations

from collections import Counter

import regex

from ..documents import Document
from ..model import Finding
from ..packs import Rule, match_case
from . import CheckType


class ConsistencyCheck(CheckType):
    """For each variant set, find every form; when several occur, flag the less frequent."""

    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.sets = []
        for rule in rules:
            flags = regex.IGNORECASE if rule.spec.get("ignore_case", True) else 0
            for variants in rule.spec["variants"]:
                alternation = "|".join(regex.escape(v) for v in sorted(variants, key=len, reverse=True))
                self.sets.append((rule, variants, regex.compile(rf"(?<!\w)(?:{alternation})(?!\w)", flags)))

    def check(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        for rule, variants, pattern in self.sets:
            hits = []
            for m in pattern.finditer(doc.prose):
                form = next((v for v in variants if v.lower() == m.group().lower()), m.group())
                hits.append((form, m.start(), m.end()))
            counts = Counter(form for form, _, _ in hits)
            if len(counts) < 2:
                continue
            # The majority wins; on a tie, the first form used wins.
            order = {form: i for i, (form, _, _) in reversed(list(enumerate(hits)))}
            keep = max(counts, key=lambda f: (counts[f], -order[f]))
            for form, start, end in hits:
                if form != keep:
                    matched = doc.prose[start:end]
                    findings.append(rule.finding(start, end, matched, [match_case(matched, keep)],
                                                 values={"preferred": keep, "count": str(counts[keep])}))
        return findings
