"""Rules of type python: each instantiates a registered check with the rule's options."""
from __future__ import annotations

from ..deadline import on_time
from ..documents import Document
from ..model import Finding
from ..packs import Rule
from ..pychecks import CorpusContext, lookup
from . import CheckType, triggered


class PythonChecks(CheckType):
    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.instances = [(rule, lookup(rule.spec["check"], rule)(rule, rule.spec.get("options", {})))
                          for rule in rules]
        self.warnings: list[str] = []   # what a bounded check left undone on a document

    def check(self, doc: Document) -> list[Finding]:
        found: list[Finding] = []
        for rule, inst in self.instances:
            if triggered(rule, doc):
                on_time()
                found.extend(inst.check(doc))
        # a check that stops at a bound says so in one finding; the run's warnings repeat it
        self.warnings.extend(f"{f.rule}: {doc.path}: {f.message}" for f in found if f.data.get("reason") == "bound")
        return found

    def corpus(self, docs: list[Document], ctx: CorpusContext) -> list[tuple[int, Finding]]:
        found: list[tuple[int, Finding]] = []
        for _rule, inst in self.instances:
            found.extend(inst.corpus(docs, ctx))
        return found
