"""Regular-expression rules whose captures feed the message and the suggestions."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

from ..deadline import on_time
from ..documents import Document
from ..errors import RulePackError
from ..model import Finding
from ..rule import NoSuggestion, Rule, match_case
from .base import REGEX_TIMEOUT, CheckType, Guards, rule_regex, triggered
from .literals import LiteralIndex, prefilter
from .reach import within_line

_REVERSE = int(regex.REVERSE)  # an int: testing the enum flag costs a Python call each time


@dataclass(frozen=True)
class PatternOptions:
    """The options of a rule of type pattern."""

    pattern: str                       # the regex (the regex module's syntax) run over the article's prose
    ignore_case: bool | None = None    # match regardless of case (unset: the pattern heeds case, its guards do not)
    span: str | None = None            # the named group that is the finding's span (default: the whole match)
    suggest: tuple[str, ...] = ()      # replacement templates: {match}, {g1}, {name}, {name|filter}
    unless: str | None = None          # regex: a match in the same sentence silences the finding
    context: str | None = None         # regex: the finding stands only when this matches in the same sentence


class PatternCheck(CheckType):
    """Each rule's pattern runs over the prose where its literals and trigger words occur.

    A rule whose pattern stays inside a line (checks/reach.py) is of scope own-paragraph (its guards
    read the sentence); any other is of scope paragraph: a match may run on into the next one.
    """

    Options = PatternOptions
    scope = "paragraph"

    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.compiled = []
        prefilters = []
        for rule in rules:
            opts: PatternOptions = self.options[rule.code]
            ignore_case = bool(opts.ignore_case)
            pattern = rule_regex(rule, opts.pattern, "pattern", ignore_case)
            span = opts.span
            if span and not rule.derived.get("valid") and span not in pattern.groupindex:
                raise RulePackError(f"{rule.path}: span names a group the pattern lacks: {span}")
            keep_case, literals = rule.derived["literals"] if "literals" in rule.derived else \
                prefilter(opts.pattern, ignore_case)
            guards = Guards(rule, opts.unless, opts.context, opts.ignore_case is not False)
            self.compiled.append((rule, pattern, span, guards, opts.suggest, literals))
            prefilters.append((keep_case, literals))
        self.index = LiteralIndex(prefilters)
        self.warnings: list[str] = []  # rules skipped on a document for running over the time limit

    @cached_property
    def rule_scopes(self) -> list[str]:
        """Each rule's scope, in the order of self.compiled (read when an article is first re-checked by scope)."""
        scopes = []
        for rule in self.rules:
            opts: PatternOptions = self.options[rule.code]
            within = rule.derived["within_line"] if "within_line" in rule.derived else \
                within_line(opts.pattern, bool(opts.ignore_case))
            scopes.append("own-paragraph" if within else "paragraph")
        return scopes

    def scopes(self) -> set[str]:
        return set(self.rule_scopes)

    def check_scope(self, doc: Document, scope: str) -> list[Finding]:
        return self.check(doc, scope)

    def triggers(self, scope: str) -> list[Rule]:
        return [r for r, s in zip(self.rules, self.rule_scopes) if s == scope and r.spec.get("trigger")]

    def check(self, doc: Document, scope: str | None = None) -> list[Finding]:
        """The findings of every rule, or of the rules of one scope."""
        findings: list[Finding] = []
        compiled = self.compiled
        scopes = self.rule_scopes if scope is not None else None
        for index in self.index.candidates(doc):
            rule, pattern, span, guards, templates, _ = compiled[index]
            if (scope is not None and scopes[index] != scope) or not triggered(rule, doc):
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
