"""Registered Python checks: statistical rules that data alone cannot express.

A rule of type ``python`` names one as ``module:name``; the module is imported only when a
selected rule needs it, so heavy dependencies cost nothing to runs that do not use them.

    @register("doubled-word")
    def doubled_word(doc, rule, options): ...      # per-document, yields Findings

    @register("name-drift")
    class NameDrift(PyCheck):                      # may also look across the corpus
        def corpus(self, docs, ctx): ...           # yields (document index, Finding)
"""
from __future__ import annotations

import importlib
from typing import Any, Callable, Iterable

from ..documents import Document
from ..errors import RulePackError
from ..model import Finding
from ..packs import Rule

_REGISTRY: dict[str, type["PyCheck"]] = {}


class CorpusContext:
    """What corpus checks share: every document's findings so far and the JSON corpus section."""

    def __init__(self, findings: list[list[Finding]], config: Any = None):
        self.findings = findings
        self.corpus: dict[str, Any] = {}
        self.config = config


class PyCheck:
    """Base class of registered checks; override check() and/or corpus()."""

    def __init__(self, rule: Rule, options: dict):
        self.rule = rule
        self.options = options

    def check(self, doc: Document) -> Iterable[Finding]:
        return ()

    def corpus(self, docs: list[Document], ctx: CorpusContext) -> Iterable[tuple[int, Finding]]:
        return ()


def register(name: str) -> Callable:
    """Register a PyCheck subclass or a per-document function under 'module:name'."""

    def wrap(obj):
        module = obj.__module__.rsplit(".", 1)[-1]
        if isinstance(obj, type):
            cls = obj
        else:
            fn = obj

            class cls(PyCheck):  # noqa: N801 - a thin adapter
                def check(self, doc):
                    return fn(doc, self.rule, self.options)

            cls.__name__ = cls.__qualname__ = fn.__name__
        _REGISTRY[f"{module}:{name}"] = cls
        return obj

    return wrap


def lookup(spec: str, rule: Rule) -> type[PyCheck]:
    """Import the module a 'module:name' spec lives in and return the registered check."""
    module, _, _name = spec.partition(":")
    if spec not in _REGISTRY:
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{module}":
                raise RulePackError(f"{rule.path}: unknown check type {spec!r} (no module {module})") from None
            raise
    if spec not in _REGISTRY:
        raise RulePackError(f"{rule.path}: unknown check type {spec!r}")
    return _REGISTRY[spec]
