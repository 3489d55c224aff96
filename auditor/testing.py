"""The example contract every rule keeps, shipped so pack authors can run it on their own packs.

For each rule: a bad example gives exactly one finding of that rule, exactly at its [[marker]];
the message and suggestions hold no unrendered {placeholder};
the first suggestion equals its fix (a bad example without a fix gives a finding with no suggestion);
applying the fix does not set the rule off again; a good
example gives no finding of the rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .config import Config
from .documents import Document
from .engine import Engine
from .packs import Pack, Rule, RuleSet

MARKER = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
# a {name} or {name|filter} template field left in a message or suggestion
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:\|[A-Za-z0-9_-]+)*\}")


@dataclass
class ExampleResult:
    rule: str
    index: int
    kind: str          # bad | good
    ok: bool
    problem: str = ""

    def __str__(self) -> str:
        status = "ok" if self.ok else f"FAIL: {self.problem}"
        return f"{self.rule} example {self.index} ({self.kind}): {status}"


def split_marker(text: str) -> tuple[str, int, int]:
    """Remove the [[marker]] from an example; return the text and the marked span."""
    m = MARKER.search(text)
    if not m:
        raise ValueError("bad example has no [[marker]]")
    clean = text[: m.start()] + m.group(1) + text[m.end():]
    return clean, m.start(), m.start() + len(m.group(1))


def _findings(engine: Engine, rule: Rule, text: str, example: dict):
    kind = example.get("kind", "txt")
    docs = [Document.from_text(text, path="example." + kind, kind=kind)]
    if "original" in example:
        from .bilingual import Source, detect_language

        docs[0].meta["source"] = Source(example["original"], detect_language(example["original"]))
    docs += [Document.from_text(t, path=f"corpus{i}.txt") for i, t in enumerate(example.get("corpus", []))]
    report = engine.audit(docs)
    return [f for f in report.documents[0].findings if f.rule == rule.code]


def check_example(engine: Engine, rule: Rule, index: int, example: dict) -> ExampleResult:
    """Run one example of one rule against the contract."""
    if "good" in example:
        found = _findings(engine, rule, example["good"], example)
        if found:
            f = found[0]
            return ExampleResult(rule.code, index, "good", False,
                                 f"good example matched at {f.start}-{f.end}: {example['good'][f.start:f.end]!r}")
        return ExampleResult(rule.code, index, "good", True)
    try:
        text, start, end = split_marker(example["bad"])
    except ValueError as exc:
        return ExampleResult(rule.code, index, "bad", False, str(exc))
    found = _findings(engine, rule, text, example)
    if len(found) != 1:
        spans = ", ".join(repr(text[f.start:f.end]) for f in found) or "nothing"
        return ExampleResult(rule.code, index, "bad", False, f"expected one finding, got {len(found)}: {spans}")
    f = found[0]
    left = [p for t in (f.message, *f.suggestions) for p in PLACEHOLDER.findall(t)]
    if left:
        return ExampleResult(rule.code, index, "bad", False,
                             f"unrendered placeholder {left[0]} in the message or a suggestion")
    if (f.start, f.end) != (start, end):
        return ExampleResult(rule.code, index, "bad", False,
                             f"finding at {text[f.start:f.end]!r}, marker at {text[start:end]!r}")
    if "fix" not in example:   # nothing to propose: the finding must not pretend otherwise
        if f.suggestions:
            return ExampleResult(rule.code, index, "bad", False, f"suggestion {f.suggestions[0]!r} but no fix given")
        return ExampleResult(rule.code, index, "bad", True)
    if not f.suggestions or f.suggestions[0] != example["fix"]:
        got = f.suggestions[0] if f.suggestions else None
        return ExampleResult(rule.code, index, "bad", False, f"suggestion {got!r} != fix {example['fix']!r}")
    fixed = text[:start] + example["fix"] + text[end:]
    again = _findings(engine, rule, fixed, example)
    if again:
        return ExampleResult(rule.code, index, "bad", False,
                             f"the fixed text still matches at {fixed[again[0].start:again[0].end]!r}")
    return ExampleResult(rule.code, index, "bad", True)


def engine_for(rule: Rule, pack: Pack | None = None) -> Engine:
    """An engine that runs this rule alone."""
    return Engine(Config(), RuleSet(packs=[pack] if pack else [], rules=[rule]))


def run_contract(rules: RuleSet) -> Iterator[ExampleResult]:
    """Check every example of every rule in a rule set."""
    for pack in rules.packs:
        for rule in pack.rules:
            engine = engine_for(rule, pack)
            for index, example in enumerate(rule.examples):
                yield check_example(engine, rule, index, example)
