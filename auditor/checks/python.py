"""Rules of type python: each instantiates a registered check with the rule's options."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..corpus import CorpusStep
from ..deadline import on_time
from ..documents import Document
from ..model import Finding
from ..pychecks import lookup
from ..rule import Rule
from .base import WINDOW_SCOPES, CheckType, read_check_options, scope_of, triggered


@dataclass(frozen=True)
class PythonOptions:
    """The options of a rule of type python."""

    check: str                                     # module:name of a check registered in auditor/pychecks/
    options: dict = field(default_factory=dict)    # the registered check's own settings: typed by its Options, if any


class PythonChecks(CheckType):
    Options = PythonOptions

    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.instances = []
        for rule in rules:
            opts = self.options[rule.code]
            cls = lookup(opts.check, rule)
            # a check that declares its options gets them typed and checked, read once here
            given = read_check_options(cls.Options, rule, opts.options, opts.check) if cls.Options else opts.options
            self.instances.append((rule, cls(rule, given)))
        self.warnings: list[str] = []   # what a bounded check left undone on a document

    def check(self, doc: Document, scope: str | None = None) -> list[Finding]:
        found: list[Finding] = []
        for rule, inst in self.instances:
            # a paragraph check that reads the article is checked on its own (see contextual)
            if (scope is None or scope_of(inst) == scope and not (scope in WINDOW_SCOPES and inst.reads_article())) \
                    and triggered(rule, doc):
                on_time()
                found.extend(inst.check(doc))
        self._bounds(doc, found)
        return found

    def _bounds(self, doc: Document, found: list[Finding]) -> None:
        # a check that stops at a bound says so in one finding; the run's warnings repeat it
        self.warnings.extend(f"{f.rule}: {doc.path}: {f.message}" for f in found if f.data.get("reason") == "bound")

    def contextual(self) -> list[tuple[Rule, Any]]:
        """The (rule, check) pairs of a paragraph scope that read the article through their context()."""
        return [(r, inst) for r, inst in self.instances if scope_of(inst) in WINDOW_SCOPES and inst.reads_article()]

    def check_one(self, rule: Rule, inst, doc: Document) -> list[Finding]:
        """The findings of one of this type's checks (its trigger read on the article's vocabulary)."""
        found = list(inst.check(doc)) if triggered(rule, doc) else []
        self._bounds(doc, found)
        return found

    def scopes(self) -> set[str]:
        return {scope_of(inst) for _rule, inst in self.instances}

    def check_scope(self, doc: Document, scope: str) -> list[Finding]:
        return self.check(doc, scope)

    def triggers(self, scope: str) -> list[Rule]:
        return [r for r, inst in self.instances if scope_of(inst) == scope and r.spec.get("trigger")
                and not (scope in WINDOW_SCOPES and inst.reads_article())]

    def corpus_steps(self) -> list[tuple[str, CorpusStep]]:
        return [(rule.code, inst) for rule, inst in self.instances if inst.reduces()]
