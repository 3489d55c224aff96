"""Regular-expression rules whose captures feed the message and the suggestions."""
from __future__ import annotations

from ..documents import Document
from ..model import Finding
from ..packs import NoSuggestion, Rule, match_case
from . import REGEX_TIMEOUT, CheckType, Guards, compile_regex, suggestions_of, triggered
from .literals import required_literals, search_text


class PatternCheck(CheckType):
    """Each rule's pattern runs over the prose (only where its trigger words occur)."""

    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.compiled = []
        for rule in rules:
            pattern = compile_regex(rule, rule.spec["pattern"], "pattern", rule.spec.get("ignore_case", False))
            span = rule.spec.get("span")
            if span and span not in pattern.groupindex:
                from ..errors import RulePackError

                raise RulePackError(f"{rule.path}: span names a group the pattern lacks: {span}")
            self.compiled.append((rule, pattern, span, Guards(rule, rule.spec), suggestions_of(rule.spec),
                                  required_literals(rule.spec["pattern"])))
        self.warnings: list[str] = []  # rules skipped on a document for running over the time limit

    def check(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        text = None
        for rule, pattern, span, guards, templates, literals in self.compiled:
            if not triggered(rule, doc):
                continue
            if literals:
                if text is None:
                    text = search_text(doc)
                if not any(lit in text for lit in literals):
                    continue
            try:  # the time limit covers the regex alone, not the guards run on each match
                matches = list(pattern.finditer(doc.prose, timeout=REGEX_TIMEOUT))
            except TimeoutError:
                self.warnings.append(f"{rule.code} ({rule.path}): pattern took over {REGEX_TIMEOUT}s on "
                                     f"{doc.path} (catastrophic backtracking?); rule skipped for that file")
                continue
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
