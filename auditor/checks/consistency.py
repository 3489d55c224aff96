"""Variants that must not mix within one article: the minority spelling (or any but the house one) is flagged."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from .. import regexcache
from ..documents import Document
from ..model import Finding
from ..rule import Rule, match_case
from .base import CheckType


@dataclass(frozen=True)
class ConsistencyOptions:
    """The options of a rule of type consistency."""

    variants: list                     # sets of two or more spellings that must not mix within one article
    ignore_case: bool = True           # a variant matches regardless of case
    prefer: str = "majority"           # majority: propose the form used most; first: always the set's first variant


class ConsistencyCheck(CheckType):
    """For each variant set, find every form; when several occur, flag the less frequent."""

    Options = ConsistencyOptions

    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.sets = []
        for rule in rules:
            opts: ConsistencyOptions = self.options[rule.code]
            ignore_case = opts.ignore_case
            flags = regex.IGNORECASE if ignore_case else 0
            for variants in opts.variants:
                alternation = "|".join(regex.escape(v) for v in sorted(variants, key=len, reverse=True))
                self.sets.append((rule, variants, regexcache.compile(rf"(?<!\w)(?:{alternation})(?!\w)", flags),
                                  _keys(variants, ignore_case)))

    def check(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        texts = {}
        for rule, variants, pattern, (blind, keys) in self.sets:
            if keys:
                if blind not in texts:
                    texts[blind] = _blind_text(doc) if blind else doc.prose
                text = texts[blind]
                if text is not None and sum(key in text for key in keys) < 2:
                    continue  # two forms cannot occur where fewer than two variants do
            hits = []
            for m in pattern.finditer(doc.prose):
                form = next((v for v in variants if v.lower() == m.group().lower()), m.group())
                hits.append((form, m.start(), m.end()))
            counts = Counter(form for form, _, _ in hits)
            if len(counts) < 2:
                continue
            if self.options[rule.code].prefer == "first":   # the set's first variant is the house spelling
                keep = variants[0]
            else:  # the majority wins; on a tie, the first form used wins
                order = {form: i for i, (form, _, _) in reversed(list(enumerate(hits)))}
                keep = max(counts, key=lambda f: (counts[f], -order[f]))
            for form, start, end in hits:
                if form != keep:
                    matched = doc.prose[start:end]
                    findings.append(rule.finding(start, end, matched, [match_case(matched, keep)],
                                                 values={"preferred": keep, "count": str(counts[keep])}))
        return findings


def _keys(variants: list[str], ignore_case: bool) -> tuple[bool, tuple[str, ...] | None]:
    """The strings at least two of which an article holds if two forms of a set occur in it.

    A case-blind set is looked for lower-cased, which is sound for ASCII variants only.
    """
    if not ignore_case:
        return False, tuple(set(variants))
    if not all(v.isascii() for v in variants):
        return True, None
    return True, tuple({v.lower() for v in variants})


def _blind_text(doc: Document) -> str | None:
    """The article lower-cased; None when letters a case-blind match reads as ASCII ones (ſ, İ, ı) make
    one variant give two forms."""
    text = doc.folded
    return None if "ſ" in text or "İ" in text or "ı" in text else text
