"""Regular-expression rules whose captures feed the message and the suggestions."""
from __future__ import annotations

import regex

from ..deadline import on_time
from ..documents import Document
from ..errors import RulePackError
from ..model import Finding
from ..packs import NoSuggestion, Rule, match_case
from . import REGEX_TIMEOUT, CheckType, Guards, rule_regex, suggestions_of, triggered
from .literals import LiteralIndex, prefilter

_REVERSE = int(regex.REVERSE)  # an int: testing the enum flag costs a Python call each time


class PatternCheck(CheckType):
    """Each rule's pattern runs over the prose where its literals and trigger words occur."""

    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.compiled = []
        prefilters = []
        for rule in rules:
            ignore_case = rule.spec.get("ignore_case", False)
            pattern = rule_regex(rule, rule.spec["pattern"], "pattern", ignore_case)
            span = rule.spec.get("span")
            if span and not rule.derived.get("valid") and span not in pattern.groupindex:
                raise RulePackError(f"{rule.path}: span names a group the pattern lacks: {span}")
            keep_case, literals = rule.derived["literals"] if "literals" in rule.derived else \
                prefilter(rule.spec["pattern"], ignore_case)
            self.compiled.append((rule, pattern, span, Guards(rule, rule.spec), suggestions_of(rule.spec),
                                  literals))
            prefilters.append((keep_case, literals))
        self.index = LiteralIndex(prefilters)
        self.warnings: list[str] = []  # rules skipped on a document for running over the time limit

    def check(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        compiled = self.compiled
        for index in self.index.candidates(doc):
            rule, pattern, span, guards, templates, _ = compiled[index]
            if not triggered(rule, doc):
                continue
            on_time()
            try:  # the time limit covers the regex alone, not the guards run on each match
                matches = list(pattern.finditer(doc.prose, timeout=REGEX_TIMEOUT))
            except TimeoutError:
                self.warnings.append(f"{rule.code} ({rule.path}): pattern took over {REGEX_TIMEOUT}s on "
                                     f"{doc.path} (catastrophic backtracking?); rule skipped for that file")
                continue
            if pattern.flags & _REVERSE:  # (?r) patterns, fast where the match ends in a rare character
                matches.reverse()
            for m in matches:
                start, end = m.span(span) if span else m.span()
                if start < 0 or (start == end and not span) or not guards.allow(doc, start, end):
                    continue
                matched = doc.prose[start:end]
                values = {k: (v or "") for k, v in m.groupdict().items()}
                values.update({f"g{i}": (g or "") for i, g in enumerate(m.groups(), 1)})
                values["match"] = matched
                try:
                    suggestions = [match_case(matched, rule.render(t, values)) for t in templates]
                except NoSuggestion:
                    continue
                findings.append(rule.finding(start, end, matched, suggestions, values=values))
        return findings
