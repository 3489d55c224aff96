"""Registered Python checks: statistical rules that data alone cannot express.

A rule of type ``python`` names one as ``module:name``; the module is imported only when a
selected rule needs it, so heavy dependencies cost nothing to runs that do not use them.

    @register("doubled-word")
    def doubled_word(doc, rule, options): ...      # per-document, yields Findings

    @register("name-drift")
    class NameDrift(PyCheck):                      # may also look across the corpus
        Options = DriftOptions                     # optional: its options as a frozen dataclass
        def summary(self, doc): ...                # what the corpus step needs of one article
        def reduce(self, parts, docs, ctx): ...    # yields (document index, Finding)

A check with ``summary`` and ``reduce`` is a corpus step (auditor/corpus.py): ``summary(doc)``
runs next to ``check(doc)`` in the worker that checked the article and returns something small
and picklable; ``reduce`` gets those summaries, a ``Summary`` per article (path, prose, offsets)
and the findings so far, never the Documents.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterable, Sequence

from ..corpus import CorpusContext, Spots, Summary, summary_of  # noqa: F401 - the types a check's corpus step uses
from ..documents import Document
from ..errors import RulePackError
from ..model import Finding
from ..rule import Rule

_REGISTRY: dict[str, type["PyCheck"]] = {}
WHOLE = object()   # PyCheck.context: check the article whole this time


@dataclass(frozen=True)
class NoCheckOptions:
    """The options of a registered check that takes none: any key in a rule's options table is an error."""


class PyCheck:
    """Base class of registered checks; override check(), and summary() with reduce() for a corpus step."""

    min_documents = 1   # a corpus smaller than this gets nothing from reduce(): summary() is not made
    # "own-paragraph" when check()'s findings depend only on the paragraph each starts in and on the
    # article's vocabulary through the rule's trigger alone, "paragraph" when they do give or take the
    # paragraphs either side; an edit then re-checks only the paragraphs it touched (and, for
    # "paragraph", their neighbours). "document" (the default) re-checks the article.
    scope = "document"
    # The frozen dataclass of the check's options (one comment a field), read from the rule's
    # `options:` table once, at load: a wrong type or an unknown key is a one-line error. None
    # hands the table over as a dict.
    Options: type | None = None

    def __init__(self, rule: Rule, options: Any):
        self.rule = rule
        self.options = options

    def check(self, doc: Document) -> Iterable[Finding]:
        return ()

    def context(self, doc: Document) -> Hashable:
        """What a check of a paragraph scope reads of the whole article besides its paragraphs.

        A check that overrides this reads the article through doc.article only (a paragraph window's
        article is the whole one) and returns all it reads of it (the article's names, say): its
        paragraphs' findings are kept while the context stays equal. WHOLE: check the article whole
        this time (a bound its windows would not see).
        """
        return None

    @classmethod
    def reads_article(cls) -> bool:
        """Tell whether a check of a paragraph scope reads the article through context()."""
        return cls.context is not PyCheck.context

    def summary(self, doc: Document) -> Any:
        """Return what the corpus step needs of one article: small and picklable."""
        return None

    def reduce(self, parts: list[Any], docs: Sequence[Summary], ctx: CorpusContext) -> Iterable[tuple[int, Finding]]:
        """Yield (document index, Finding) from every article's summary; parts[i] is summary(doc i)."""
        return ()

    @classmethod
    def reduces(cls) -> bool:
        """Tell whether the check has a summary/reduce corpus step."""
        return cls.reduce is not PyCheck.reduce


def register(name: str, scope: str = "document", options: type | None = None,
             context: Callable[[Document], Hashable] | None = None) -> Callable:
    """Register a PyCheck subclass or a per-document function under 'module:name'.

    scope: a function's scope (see PyCheck.scope); a class says its own.
    context: for a function of paragraph scope, what it reads of the whole article (PyCheck.context).
    A function takes its options as the dataclass `options` names (a class sets Options itself).
    """

    def wrap(obj):
        module = obj.__module__.rsplit(".", 1)[-1]
        if isinstance(obj, type):
            cls = obj
        else:
            fn = obj

            class cls(PyCheck):  # noqa: N801 - a thin adapter
                Options = options

                def check(self, doc):
                    return fn(doc, self.rule, self.options)

            cls.__name__ = cls.__qualname__ = fn.__name__
            cls.scope = scope
            if context is not None:
                cls.context = lambda self, doc: context(doc)
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
