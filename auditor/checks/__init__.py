"""The closed set of check types. Each turns rules of its type into findings on prose."""
from __future__ import annotations

import regex

from ..documents import Document
from ..errors import RulePackError
from ..model import Finding
from ..packs import Rule

REGEX_TIMEOUT = 0.5  # seconds a user pattern may spend on one document
GUARD_WINDOW = 300  # characters either side of a match that guards look at


def compile_regex(rule: Rule, pattern: str, what: str, ignore_case: bool = False) -> "regex.Pattern":
    """Compile a rule's regex with the regex module, or say which file and why it is bad."""
    from .. import regexcache

    flags = (regex.IGNORECASE if ignore_case else 0) | regex.MULTILINE
    try:
        return regexcache.compile(pattern, flags)
    except regex.error as exc:
        raise RulePackError(f"{rule.path}: bad regex in {what}: {exc}") from None
    except (OverflowError, RecursionError):
        raise RulePackError(f"{rule.path}: regex in {what} is too complex") from None


class LazyRegex:
    """A rule's regex, validated when its pack was cached, compiled on first use.

    An article compiles only the regexes its literals let run; each method is looked up once.
    """

    def __init__(self, rule: Rule, pattern: str, what: str, ignore_case: bool):
        self.args = (rule, pattern, what, ignore_case)

    def __getattr__(self, name: str):
        if name.startswith("__"):  # copy and pickle probe for hooks before any state is set
            raise AttributeError(name)
        compiled = compile_regex(*self.args)
        self.search, self.finditer, self.groupindex = compiled.search, compiled.finditer, compiled.groupindex
        self.flags = compiled.flags
        return getattr(compiled, name)


def rule_regex(rule: Rule, pattern: str, what: str, ignore_case: bool = False):
    """Compile a rule's regex now, or on first use when its pack's cache says it compiles."""
    if rule.derived.get("valid"):
        return LazyRegex(rule, pattern, what, ignore_case)
    return compile_regex(rule, pattern, what, ignore_case)


def rule_regexes(rule: Rule):
    """Every regex the check types compile for a rule: (pattern, what, ignore_case)."""
    guard_case = rule.spec.get("ignore_case", True)
    if rule.type == "pattern":
        yield rule.spec["pattern"], "pattern", rule.spec.get("ignore_case", False)
    entries = [rule.spec] + [p for p in rule.spec.get("phrases", []) if isinstance(p, dict)]
    for spec in (entries if rule.type in ("pattern", "phrase") else ()):
        for what in ("unless", "context"):
            if spec.get(what):
                yield spec[what], what, guard_case


def derive(rule: Rule) -> dict:
    """What a pack cache keeps of a rule: whether its regexes compile, and a pattern's literals."""
    from .literals import prefilter

    try:
        for pattern, what, ignore_case in rule_regexes(rule):
            compiled = compile_regex(rule, pattern, what, ignore_case)
            span = rule.spec.get("span") if what == "pattern" else None
            if span and span not in compiled.groupindex:
                return {"valid": False}
    except RulePackError:  # reported when a check compiles it, as without a cache
        return {"valid": False}
    derived = {"valid": True}
    if rule.type == "pattern":
        derived["literals"] = prefilter(rule.spec["pattern"], rule.spec.get("ignore_case", False))
    return derived


class Guards:
    """A rule's or an entry's sentence guards: `unless` silences, `context` requires."""

    __slots__ = ("unless", "context")

    def __init__(self, rule: Rule, spec: dict, inherit: "Guards | None" = None):
        unless, context = spec.get("unless"), spec.get("context")
        ic = rule.spec.get("ignore_case", True)
        self.unless = rule_regex(rule, unless, "unless", ic) if unless else (inherit.unless if inherit else None)
        self.context = rule_regex(rule, context, "context", ic) if context else (inherit.context if inherit else None)

    def allow(self, doc: Document, start: int, end: int) -> bool:
        if not (self.unless or self.context):
            return True
        sent = doc.sentence_at(start)
        # the sentence, but never more than a window around the match (run-on "sentences")
        lo = max(min(sent.start, start), start - GUARD_WINDOW)
        hi = min(max(sent.end, end), end + GUARD_WINDOW)
        text = doc.prose[lo:hi]
        try:
            if self.unless and self.unless.search(text, timeout=REGEX_TIMEOUT):
                return False
            if self.context and not self.context.search(text, timeout=REGEX_TIMEOUT):
                return False
        except TimeoutError:
            return False
        return True


def triggered(rule: Rule, doc: Document) -> bool:
    words = rule.spec.get("trigger")
    return not words or any(w in doc.vocabulary for w in words)


def suggestions_of(spec: dict) -> list[str]:
    value = spec.get("suggest", [])
    return [value] if isinstance(value, str) else list(value)


class CheckType:
    """Base: built once from every selected rule of its type."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules

    def check(self, doc: Document) -> list[Finding]:
        return []

    def corpus(self, docs: list[Document], ctx) -> list[tuple[int, Finding]]:
        return []


def check_types() -> dict[str, type[CheckType]]:
    from .bilingual import BilingualCheck
    from .consistency import ConsistencyCheck
    from .grammar import GrammarCheck
    from .pattern import PatternCheck
    from .phrase import PhraseCheck
    from .python import PythonChecks

    return {"phrase": PhraseCheck, "pattern": PatternCheck,
            "consistency": ConsistencyCheck, "python": PythonChecks,
            "bilingual": BilingualCheck, "grammar": GrammarCheck}
