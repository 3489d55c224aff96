"""Rules of type python: each instantiates a registered check with the rule's options."""
from __future__ import annotations

from ..corpus import CorpusStep
from ..documents import Document
from ..model import Finding
from ..pychecks import lookup
from ..rule import Rule
from .base import CheckType, triggered


class PythonChecks(CheckType):
    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.instances = [(rule, lookup(rule.spec["check"], rule)(rule, rule.spec.get("options", {})))
                          for rule in rules]

    def check(self, doc: Document) -> list[Finding]:
        found: list[Finding] = []
        for rule, inst in self.instances:
            if triggered(rule, doc):
                found.extend(inst.check(doc))
        return found

    def corpus_steps(self) -> list[tuple[str, CorpusStep]]:
        return [(rule.code, inst) for rule, inst in self.instances if inst.reduces()]
