"""What every check type shares: the base class, rule regexes, sentence guards and trigger words."""
from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from typing import Any, TypeVar, get_type_hints

import regex

from ..corpus import CorpusStep
from ..documents import Document
from ..errors import RulePackError
from ..model import Finding
from ..rule import Rule

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
        self.fullmatch, self.match, self.flags = compiled.fullmatch, compiled.match, compiled.flags
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
    for spec in (entries if rule.type in ("pattern", "phrase", "grammar") else ()):
        for what in ("unless", "context"):
            if spec.get(what):
                yield spec[what], what, guard_case
    if rule.type == "grammar":   # each token test's regexes (auditor/checks/grammar.py), its negations' too
        tests = [t for seq in [rule.spec.get("tokens") or [], *(rule.spec.get("antipatterns") or [])]
                 for t in (seq if isinstance(seq, list) else [])]
        while tests:
            test = tests.pop()
            if not isinstance(test, dict):
                continue
            for what, ignore_case in (("regex", not test.get("case", False)), ("tag", False), ("tag_only", False)):
                if isinstance(test.get(what), str) and test[what]:
                    yield test[what], what, ignore_case
            negated = test.get("not") or []
            tests.extend(negated if isinstance(negated, list) else [negated])


def derive(rule: Rule) -> dict:
    """What a pack cache keeps of a rule: whether its regexes compile, and a pattern's literals and reach."""
    from .literals import prefilter
    from .reach import within_line

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
        derived["within_line"] = within_line(rule.spec["pattern"], rule.spec.get("ignore_case", False))
    return derived


class Guards:
    """A rule's or an entry's sentence guards: `unless` silences, `context` requires."""

    __slots__ = ("unless", "context")

    def __init__(self, rule: Rule, unless: str | None, context: str | None, ignore_case: bool = True,
                 inherit: "Guards | None" = None):
        ic = ignore_case
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


@dataclass(frozen=True)
class NoOptions:
    """A check type whose rules take no options of its own."""


O = TypeVar("O")

_KINDS = {"str": (str,), "bool": (bool,), "int": (int,), "float": (int, float), "dict": (dict,), "list": (list,)}
_WANTED = {"str": "a string", "bool": "true or false", "int": "a whole number", "float": "a number",
           "dict": "a table", "list": "a list"}


def read_options(cls: type[O], rule: Rule) -> O:
    """Read a rule's options into its check type's dataclass, checking each value's type once, at load.

    A field is read from the rule's top level, or from its `options:` table when the field's
    metadata says {"table": "options"}; an absent one keeps its default. A value of the wrong type
    is a RulePackError naming the file and the option.
    """
    values: dict[str, Any] = {}
    table = rule.spec.get("options")
    for name, hint, in_table, required in _option_fields(cls):
        where = rule.spec if not in_table else (table if isinstance(table, dict) else {})
        if name not in where:
            if required:
                raise RulePackError(f"{rule.path}: a rule of type {rule.type} needs {name!r}")
            continue
        values[name] = _typed(where[name], hint, rule, name)
    return cls(**values)


def read_check_options(cls: type[O], rule: Rule, table: dict, check: str) -> O:
    """Read the `options:` table of a rule of type python into its registered check's dataclass.

    Every field comes from the table; an absent one keeps its default. A key the dataclass does
    not name, or a value of the wrong type, is a RulePackError naming the file and the option; so
    is what the dataclass's own __post_init__ refuses (it raises ValueError with the reason).
    """
    known = {name: (hint, required) for name, hint, _in_table, required in _option_fields(cls)}
    for name in table:
        if name not in known:
            raise RulePackError(f"{rule.path}: {check} takes no option {name!r} "
                                f"(it takes {', '.join(sorted(known)) or 'none'})")
    values: dict[str, Any] = {}
    for name, (hint, required) in known.items():
        if name not in table:
            if required:
                raise RulePackError(f"{rule.path}: {check} needs the option {name!r}")
            continue
        values[name] = _typed(table[name], hint, rule, name)
    try:
        return cls(**values)
    except ValueError as exc:
        raise RulePackError(f"{rule.path}: {exc}"[:300]) from None


@lru_cache(maxsize=None)
def _option_fields(cls: type) -> tuple[tuple[str, str, bool, bool], ...]:
    """(name, annotation, read from the options table, required) of each field of an options dataclass."""
    hints = get_type_hints(cls)
    return tuple((f.name, _hint_text(hints[f.name]), f.metadata.get("table") == "options",
                  f.default is MISSING and f.default_factory is MISSING) for f in fields(cls))


def _hint_text(hint: Any) -> str:
    return hint.__name__ if isinstance(hint, type) else str(hint).replace("typing.", "")


def _typed(value: Any, text: str, rule: Rule, name: str) -> Any:
    """Check a value against a field's annotation (str, bool, int, float, a tuple of str, optional or not)."""
    if text.endswith(" | None"):
        if value is None:
            return None
        text = text[:-len(" | None")]
    if text.startswith("tuple[str"):   # one string or a list of them
        items = [value] if isinstance(value, str) else value
        if isinstance(items, (list, tuple)) and all(isinstance(v, str) for v in items):
            return tuple(items)
        raise RulePackError(f"{rule.path}: {name} must be a string or a list of strings, not {value!r}"[:300])
    head = text.split("[", 1)[0]
    kinds = _KINDS.get(head)
    if kinds is None:    # a structure the schema describes (phrases, variants, tokens)
        return value
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        raise RulePackError(f"{rule.path}: {name} must be {_WANTED[head]}, not {value!r}"[:300])
    return float(value) if head == "float" else value


class CheckType:
    """Base: built once from every selected rule of its type.

    Options is the dataclass of a rule's options for this type (one comment a field); the base
    reads each rule's once, into self.options by rule code.
    """

    Options: type = NoOptions
    # "own-paragraph": a finding depends only on the text of the paragraph it starts in (and on the
    # article's vocabulary through `trigger` alone), so an edit re-checks the paragraph it touched.
    # "paragraph": the same, give or take the paragraphs either side, which an edit re-checks too.
    # "document" (the default): re-checked whole on every edit.
    scope: str = "document"

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.options: dict[str, Any] = {rule.code: read_options(self.Options, rule) for rule in rules}

    def check(self, doc: Document) -> list[Finding]:
        return []

    def scopes(self) -> set[str]:
        """The scopes of this type's rules (one, unless its rules declare their own)."""
        return {scope_of(self)} if self.rules else set()

    def check_scope(self, doc: Document, scope: str) -> list[Finding]:
        """The findings of this type's rules of one scope."""
        return self.check(doc) if scope == scope_of(self) else []

    def triggers(self, scope: str) -> list[Rule]:
        """The rules of one scope that run only on articles holding a trigger word."""
        return [r for r in self.rules if r.spec.get("trigger")] if scope == scope_of(self) else []

    def corpus_steps(self) -> list[tuple[str, CorpusStep]]:
        """Return the (rule code, step) of each rule of this type that looks across articles."""
        return []


# the scopes whose checks an edited article re-checks paragraph by paragraph (auditor/incremental.py)
WINDOW_SCOPES = ("own-paragraph", "paragraph")


def scope_of(check: Any) -> str:
    """A check's scope: one of WINDOW_SCOPES when it says so, else "document" (whatever else it says)."""
    scope = getattr(check, "scope", None)
    return scope if scope in WINDOW_SCOPES else "document"
