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
    flags = (regex.IGNORECASE if ignore_case else 0) | regex.MULTILINE
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise RulePackError(f"{rule.path}: bad regex in {what}: {exc}") from None
    except (OverflowError, RecursionError):
        raise RulePackError(f"{rule.path}: regex in {what} is too complex") from None


class Guards:
    """A rule's or an entry's sentence guards: `unless` silences, `context` requires."""

    __slots__ = ("unless", "context")

    def __init__(self, rule: Rule, spec: dict, inherit: "Guards | None" = None):
        unless, context = spec.get("unless"), spec.get("context")
        ic = rule.spec.get("ignore_case", True)
        self.unless = compile_regex(rule, unless, "unless", ic) if unless else (inherit.unless if inherit else None)
        self.context = compile_regex(rule, context, "context", ic) if context else (inherit.context if inherit else None)

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
    from .consistency import ConsistencyCheck
    from .pattern import PatternCheck
    from .phrase import PhraseCheck
    from .python import PythonChecks

    return {"phrase": PhraseCheck, "pattern": PatternCheck,
            "consistency": ConsistencyCheck, "python": PythonChecks}
