"""Phrase lists with replacements, matched for every rule at once by one Aho-Corasick automaton."""
from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick

from ..documents import Document
from ..model import Finding
from ..rule import Rule, match_case
from .base import CheckType, Guards, suggestions_of, triggered

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "\n": " ", "\t": " "})


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


@dataclass(frozen=True)
class PhraseOptions:
    """The options of a rule of type phrase."""

    phrases: list = field(default_factory=list)   # strings, or tables: match, suggest, message, severity, unless, context
    lists: tuple[str, ...] = ()        # 'phrase=replacement' files beside the rule, read into phrases at load
    ignore_case: bool = True           # match regardless of case (quotes, apostrophes and spaces always fold)
    suggest: tuple[str, ...] = ()      # replacement templates for the phrases that give none
    unless: str | None = None          # regex: a match in the same sentence silences the finding
    context: str | None = None         # regex: the finding stands only when this matches in the same sentence


class _Entry:
    __slots__ = ("rule", "suggest", "message", "guards", "severity")

    def __init__(self, rule: Rule, spec: dict, guards: Guards, opts: PhraseOptions):
        self.rule = rule
        self.suggest = suggestions_of(spec) or list(opts.suggest)
        self.message = spec.get("message")
        self.severity = spec.get("severity")
        self.guards = Guards(rule, spec.get("unless"), spec.get("context"), opts.ignore_case, guards) \
            if ("unless" in spec or "context" in spec) else guards


class PhraseCheck(CheckType):
    """One automaton for case-insensitive phrases and one for case-sensitive ones."""

    Options = PhraseOptions
    scope = "paragraph"

    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.automata: dict[bool, ahocorasick.Automaton] = {}
        for folded in (True, False):
            auto = ahocorasick.Automaton()
            for rule in rules:
                opts: PhraseOptions = self.options[rule.code]
                if opts.ignore_case != folded:
                    continue
                guards = Guards(rule, opts.unless, opts.context, opts.ignore_case)
                for raw in opts.phrases:
                    spec = {"match": raw} if isinstance(raw, str) else raw
                    entry = _Entry(rule, spec, guards, opts)
                    matches = spec["match"] if isinstance(spec["match"], list) else [spec["match"]]
                    for phrase in matches:
                        key = " ".join(phrase.split()).translate(_FOLD)
                        key = key.lower() if folded else key
                        if key in auto:
                            auto.get(key)[1].append(entry)
                        else:
                            auto.add_word(key, (len(key), [entry]))
            if len(auto):
                auto.make_automaton()
                self.automata[folded] = auto

    def check(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        prose = doc.prose
        n = len(prose)
        for folded, auto in self.automata.items():
            hay = doc.folded if folded else doc.plain
            for last, (length, entries) in auto.iter(hay):
                start, end = last - length + 1, last + 1
                if (start > 0 and _is_word_char(prose[start - 1]) and _is_word_char(prose[start])) or \
                        (end < n and _is_word_char(prose[end]) and _is_word_char(prose[end - 1])):
                    continue
                matched = prose[start:end]
                for entry in entries:
                    rule = entry.rule
                    if not triggered(rule, doc) or not entry.guards.allow(doc, start, end):
                        continue
                    values = {"match": matched}
                    suggestions = [match_case(matched, rule.render(s, values)) for s in entry.suggest]
                    findings.append(rule.finding(start, end, matched, suggestions,
                                                 message=entry.message, severity=entry.severity))
        return _longest(findings)


def _longest(findings: list[Finding]) -> list[Finding]:
    """Drop a finding lying inside a longer one of the same rule ('forces of order' in 'the forces of order')."""
    kept: list[Finding] = []
    last_end: dict[str, int] = {}
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if last_end.get(f.rule, -1) >= f.end:
            continue
        kept.append(f)
        last_end[f.rule] = max(last_end.get(f.rule, -1), f.end)
    return kept
