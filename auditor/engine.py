"""Run the selected checks: per-document first, then corpus checks over all documents together."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, partial
from typing import Iterable

from . import collector, fingerprint, suppress
from .checks import CheckType, check_types
from .checks.base import WINDOW_SCOPES, scope_of, triggered
from .config import Config, ConfigLike, as_config
from .corpus import CorpusContext, CorpusStep, Packed, Summary, summary_of, unpacked
from .deadline import on_time
from .documents import Document, expand_paths, read_document, read_source
from .errors import ConfigError, InputError
from .fixes import widen
from .incremental import ParagraphMemo, editing
from .language import main_language
from .model import SEVERITY_RANK, DocumentReport, Finding, Report
from .packs import RuleSet, load_rules
from .pychecks import WHOLE

UNUSED_SUPPRESSION = dict(rule="AUD001", name="unused-suppression", category="style.suppression",
                          severity="minor")



def with_options(ruleset: RuleSet, overrides: dict[str, dict], origin: str | None = None) -> RuleSet:
    """Lay the settings file's ``[options.CODE]`` tables over the options of those rules' registered checks."""
    rules = []
    for rule in ruleset.rules:
        table = overrides.get(rule.code)
        if table is not None:
            if rule.type != "python":
                raise ConfigError(f"{origin or 'settings'}: options.{rule.code}: only rules of type python take "
                                  f"options; {rule.code} is a {rule.type} rule")
            rule = replace(rule, spec={**rule.spec, "options": {**rule.spec.get("options", {}), **table}})
        rules.append(rule)
    return replace(ruleset, rules=rules)

class Engine:
    """Loaded rules and their compiled checks, reusable across many audits."""

    def __init__(self, config: Config | None = None, rules: RuleSet | None = None):
        collector.hold()
        try:
            self._build(config, rules)
        finally:
            collector.release()

    def _build(self, config: Config | None, rules: RuleSet | None) -> None:
        self.config = config or Config()
        c = self.config
        self.rules = rules or load_rules(c.packs, c.select, c.ignore, extend=c.extend_select, origin=c.origin,
                                         file_codes=c.file_codes)
        overrides = {code: table for code, table in c.options.items() if code not in ("LT", "languagetool")}
        if overrides:
            self.rules = with_options(self.rules, overrides, c.origin)
        self._rules_by_code = {r.code: r for r in self.rules.rules}
        by_type: dict[str, list] = defaultdict(list)
        for rule in self.rules.rules:
            by_type[rule.type].append(rule)
        types = check_types()
        self.checks: list[CheckType] = [types[name](rules) for name, rules in by_type.items()]
        # the paragraph-scope checks that also read the whole article (PyCheck.context), each kept apart
        self.contextual = [(c, rule, inst) for c in self.checks
                           for rule, inst in (c.contextual() if hasattr(c, "contextual") else ())]
        # the steps that look across articles (auditor/corpus.py), by rule code
        self.corpus_steps: dict[str, CorpusStep] = {code: step for check in self.checks
                                                    for code, step in check.corpus_steps()}
        # optional LanguageTool backend (auditor/languagetool.py); None when languagetool = "off"
        from .languagetool import Backend

        self.languagetool = Backend.from_config(self.config)
        self._pending: list[str] = []  # warnings of the documents checked since the last corpus step
        self.warnings: list[str] = []  # warnings of the last audit, set by check_corpus

    @cached_property
    def windowed(self) -> dict[str, tuple[list[CheckType], list]]:
        """For each scope an edited article is re-checked in paragraph by paragraph (auditor/incremental.py):
        the checks with rules of that scope, and those rules' trigger rules."""
        windowed = {}
        for scope in WINDOW_SCOPES:
            checks = [c for c in self.checks if scope in c.scopes()]
            if checks:
                windowed[scope] = (checks, [r for c in checks for r in c.triggers(scope)])
        return windowed

    @property
    def has_corpus_steps(self) -> bool:
        """Tell whether any selected rule looks across articles (otherwise each article stands alone)."""
        return bool(self.corpus_steps)

    # ---- the per-document map -------------------------------------------------
    def check_document(self, doc: Document, memo: ParagraphMemo | None = None) -> list[Finding]:
        """Return the per-document findings in source offsets (no suppression yet).

        Given the memo of the article's last version, checks of scope own-paragraph re-check only
        the paragraphs whose text changed, those of scope paragraph their neighbours too
        (auditor/incremental.py); the findings are the same.
        """
        found: list[Finding] = []
        if memo is None:
            for check in self.checks:
                on_time()
                found.extend(check.check(doc))
                self._take_warnings(check)
        else:
            memo.read(doc)
            for check in self.checks:
                if "document" in check.scopes():
                    on_time()
                    found.extend(check.check_scope(doc, "document"))
                    self._take_warnings(check)
            for scope in self.windowed:
                found.extend(memo.findings(self, doc, partial(self._check_paragraphs, scope), scope,
                                           near=scope == "paragraph"))
            for check, rule, inst in self.contextual:
                on_time()
                context = inst.context(doc)
                if context is WHOLE:
                    found.extend(check.check_one(rule, inst, doc))
                else:
                    found.extend(memo.findings(self, doc, partial(check.check_one, rule, inst), rule.code,
                                               (triggered(rule, doc), context), near=scope_of(inst) == "paragraph"))
                self._take_warnings(check)
        return [_to_source(doc, f) for f in found]

    def _check_paragraphs(self, scope: str, doc: Document) -> list[Finding]:
        found: list[Finding] = []
        for check in self.windowed[scope][0]:
            on_time()
            found.extend(check.check_scope(doc, scope))
            self._take_warnings(check)
        return found

    def _take_warnings(self, check: CheckType) -> None:
        if getattr(check, "warnings", None):
            self._pending.extend(check.warnings)
            check.warnings.clear()

    def take_warnings(self) -> list[str]:
        """Return and forget the warnings of the documents checked so far (for worker processes)."""
        taken, self._pending = self._pending, []
        return taken

    def add_warnings(self, warnings: list[str]) -> None:
        """Add warnings a worker process gathered, so the corpus step reports them."""
        self._pending.extend(warnings)

    def summarise(self, doc: Document, corpus_size: int | None = None) -> Summary:
        """Return what the corpus step and the finish need of a checked article (small, picklable).

        Given the corpus size, checks that need more articles than that are left out.
        """
        parts = {}
        for code, step in self.corpus_steps.items():
            if corpus_size is None or corpus_size >= step.min_documents:
                on_time()
                parts[code] = step.summary(doc)
        summary = summary_of(doc, parts, main_language(doc.prose), doc.words)
        summary.text = None   # the main process holds the texts: not sent back
        if doc.prose_map is None:
            summary.prose = None   # the text itself
        return summary

    def map_document(self, doc: Document, corpus_size: int | None = None) -> tuple[list[Finding], Summary]:
        """The map step for one article: its findings and its summary."""
        return self.check_document(doc), self.summarise(doc, corpus_size)

    # ---- the corpus reduce ------------------------------------------------------
    def check_corpus(self, docs: list[Document], per_doc: list[list[Finding] | Packed],
                     summaries: list[Summary] | None = None, release: bool = False) -> CorpusContext:
        """Run corpus checks from the articles' summaries; their findings are appended to per_doc (source offsets).

        Without summaries (callers that kept the Documents) they are made here. release: each step's
        parts are dropped from the summaries once it has run (for callers that do not keep them).
        """
        self.warnings, self._pending = self._pending, []
        if summaries is None:
            summaries = [self.summarise(d, len(docs)) for d in docs]
        for doc, summary in zip(docs, summaries):
            summary.text = doc.text
            if summary.prose is None:
                summary.prose = doc.text
        ctx = CorpusContext(per_doc, self.config)
        found = []   # every step sees the per-article findings; theirs are added once all have run
        for code, step in self.corpus_steps.items():
            on_time()
            if len(docs) >= step.min_documents:
                found.extend(step.reduce([s.parts[code] for s in summaries], summaries, ctx))
            if release:   # no step reads another's parts: ten thousand articles' worth go at once
                for s in summaries:
                    s.parts.pop(code, None)
        for index, finding in found:
            start, end = summaries[index].to_source(finding.start, finding.end)
            per_doc[index].append(finding if (start, end) == (finding.start, finding.end)
                                  else finding.moved(start, end))
        return ctx

    def finish(self, doc: Document, findings: list[Finding], summary: Summary | None = None) -> DocumentReport:
        """Merge LanguageTool's matches, suppress, de-duplicate and sort findings; add the summary figures."""
        if self.languagetool is not None:
            findings = self.languagetool.merge(doc, findings, self.rules, self.config.select, self.config.ignore,
                                               self.config.extend_select)
        findings = widen(findings, self._rules_by_code)
        kept, unused = suppress.apply(doc, findings)
        if self.config.report_unused_suppressions:
            for s in unused:
                kept.append(Finding(**UNUSED_SUPPRESSION, start=s.at, end=s.at + len(s.text),
                                    message="suppression comment silences nothing", suggestions=("",)))
        ordered = sorted(outside_scraped(merge_duplicates(kept)), key=lambda f: (f.start, f.end, f.rule))
        words = summary.words if summary is not None else doc.words
        language = summary.language if summary is not None else main_language(doc.prose)
        src, confidence = fingerprint.source_language(ordered, words, self.rules)
        return DocumentReport(
            path=doc.path, text=doc.text, language=language, words=words,
            findings=ordered, source_language=src, source_language_confidence=confidence,
            kind=doc.kind, line_starts=doc.line_starts,
        )

    def map_documents(self, docs: list[Document], tick=None, corpus_size: int | None = None,
                      ) -> tuple[list[list[Finding]], list[Summary]]:
        """The per-document map in this process, for a corpus of corpus_size articles (default: these).

        In a corpus of several articles, each article's derived text is released after it.
        """
        size = len(docs) if corpus_size is None else corpus_size
        found, summaries = [], []
        for doc in docs:
            f, s = self.map_document(doc, size)
            found.append(f)
            summaries.append(s)
            if size > 1:
                doc.release()  # a large corpus would otherwise hold every article's tokens until the end
            if tick is not None:
                tick(1)
        return found, summaries

    def reduce(self, docs: list[Document], per_doc: list[list[Finding] | Packed], errors: Iterable[str] = (),
               summaries: list[Summary] | None = None, report: Iterable[int] | None = None,
               release: bool = False, on_read: bool = False) -> Report:
        """The corpus step and the per-document finish, over findings however they were mapped (lists or Packed).

        report: the indices of the articles to finish and report (default every one); the others
        take part in the corpus step only. release: per_doc and summaries are the caller's to give
        up; each entry is dropped as soon as it has been used, which bounds a large corpus's peak.
        on_read: the report's documents are finished each time they are read, and not kept (for a
        caller that reads them in turn, as the command line writes them; not with LanguageTool).
        """
        if summaries is None and not self.corpus_steps:   # nothing looks across articles: no summaries
            self.warnings, self._pending = self._pending, []
            ctx = CorpusContext(per_doc, self.config)
            summaries = [None] * len(docs)
        else:
            if summaries is None:
                summaries = [self.summarise(d, len(docs)) for d in docs]
            ctx = self.check_corpus(docs, per_doc, summaries, release)
        kept = range(len(docs)) if report is None else report
        # finished on read only where finishing asks LanguageTool nothing (it would be asked at every read)
        lt = self.languagetool
        if on_read and (lt is None or not lt.answers(self.config.select, self.config.ignore,
                                                     self.config.extend_select)):
            return Report(documents=FinishedOnRead(self, docs, per_doc, summaries, list(kept)), corpus=ctx.corpus,
                          errors=list(errors), warnings=list(self.warnings))
        reports = []
        for i in kept:
            reports.append(self.finish(docs[i], unpacked(per_doc[i]), summaries[i]))
            if release:
                per_doc[i] = summaries[i] = None
        return Report(documents=reports, corpus=ctx.corpus, errors=list(errors), warnings=list(self.warnings))

    def audit_articles(self, articles: list[Article], report: Iterable[int] | None = None) -> Report:
        """Audit articles kept between audits (an editor's buffers and their folder) as one corpus.

        What an article already holds for this engine and corpus size (its findings, its summary)
        is reused; an edited article re-checks only its edited paragraphs. The language server's one
        call into the engine.
        """
        token = editing.set(True)   # lines are remembered by their text for the next version
        try:
            return self._audit_articles(articles, report)
        finally:
            editing.reset(token)

    def _audit_articles(self, articles: list[Article], report: Iterable[int] | None) -> Report:
        size = len(articles)
        for a in articles:
            if a.engine is not self:
                a.engine, a.findings, a.summary = self, None, None
            if a.findings is None:
                a.findings = self.check_document(a.doc, a.memo)
            if self.corpus_steps and (a.summary is None or a.corpus_size != size):
                a.summary, a.corpus_size = self.summarise(a.doc, size), size
        summaries = [a.summary for a in articles] if self.corpus_steps else None
        return self.reduce([a.doc for a in articles], [list(a.findings) for a in articles],
                           summaries=summaries, report=report)

    def audit(self, docs: list[Document], errors: Iterable[str] = ()) -> Report:
        """Audit documents as one corpus in this process."""
        per_doc, summaries = self.map_documents(docs)
        return self.reduce(docs, per_doc, errors, summaries, release=True)


class FinishedOnRead(Sequence):
    """A corpus's article reports, each finished from the article's findings when it is read and not kept.

    Written one at a time, the report of ten thousand articles holds one article's Finding objects
    at a time instead of all of them (their packed form stays until the end).
    """

    def __init__(self, engine: Engine, docs: list[Document], per_doc: list, summaries: list, kept: list[int]):
        self.engine, self.docs, self.per_doc, self.summaries, self.kept = engine, docs, per_doc, summaries, kept

    def __len__(self) -> int:
        return len(self.kept)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        i = self.kept[k]
        return self.engine.finish(self.docs[i], list(unpacked(self.per_doc[i])), self.summaries[i])


@dataclass(eq=False)
class Article:
    """An article audited again and again, and what the engine keeps of it between audits."""

    doc: Document
    memo: ParagraphMemo | None = None   # its paragraph-scope findings (carried over to the next version)
    engine: Engine | None = None        # the engine its findings and summary are of
    findings: list[Finding] | None = None
    summary: Summary | None = None
    corpus_size: int = 0                # the corpus size its summary was made for

    def edited(self, doc: Document) -> "Article":
        """The article's next version: nothing is reused but its paragraphs' findings."""
        return Article(doc, self.memo)


_ENGINES: dict[Config, Engine] = {}


def engine_for(config: ConfigLike = None) -> Engine:
    """Return a cached engine for a configuration (rule loading is the costly part)."""
    config = as_config(config)
    key = config if not config.options else None
    if key is not None and key in _ENGINES:
        return _ENGINES[key]
    engine = Engine(config)
    if key is not None:
        _ENGINES[key] = engine
    return engine


def merge_duplicates(findings: list[Finding]) -> list[Finding]:
    """Keep one finding per span and family, and per span and fix: the most severe, then one with a fix.

    Packs overlap (a French calque list and the language-independent checks may both flag one
    span, a grammar rule and a calque rule may propose the same fix); the finding kept names the
    others in data["also"].
    """
    by_family = _collapse(findings, lambda f: (f.start, f.end, f.family))
    return _collapse(by_family, lambda f: (f.start, f.end, f.suggestions[0]) if f.suggestions else id(f))


# what a scraped block's own form may hold that is no problem of the article's: the date of a site tail
# (" - DW - 12.02.2023"), its typography and spacing
_FORM_OF_BLOCK = ("mt.locale", "formatting", "punctuation", "spelling.glued")


def outside_scraped(findings: list[Finding]) -> list[Finding]:
    """Drop findings of a scraped block's form (dates, typography) inside a block whose fix deletes it.

    The block goes, and its form with it; what it says (an untranslated kicker) is still reported.
    """
    blocks = sorted((f.start, f.end) for f in findings
                    if f.family == "boilerplate" and f.suggestions[:1] == ("",) and f.end > f.start)
    if not blocks:
        return findings
    from bisect import bisect_right

    starts = [b[0] for b in blocks]
    ends = [b[1] for b in blocks]
    reach = list(ends)
    for i in range(1, len(reach)):   # the furthest end of the blocks starting at or before each one
        reach[i] = max(reach[i], reach[i - 1])

    def inside(f: Finding) -> bool:
        i = bisect_right(starts, f.start) - 1
        return i >= 0 and f.end <= reach[i] and f.start < f.end
    return [f for f in findings if not f.category.startswith(_FORM_OF_BLOCK) or not inside(f)]


def _collapse(findings: list[Finding], key) -> list[Finding]:
    groups: dict = defaultdict(list)
    for f in findings:
        groups[key(f)].append(f)
    merged = []
    for group in groups.values():
        if len(group) == 1:
            merged.append(group[0])
            continue
        # the rest of the key only makes the choice the same whatever order the findings came in
        group.sort(key=lambda f: (-SEVERITY_RANK[f.severity], not f.suggestions, f.rule, f.message, f.suggestions))
        best = group[0]
        others = {f.rule for f in group[1:]} | {r for f in group[1:] for r in f.data.get("also", ())}
        others.discard(best.rule)
        if others:
            best = replace(best, data={**best.data, "also": sorted(others | set(best.data.get("also", ())))})
        merged.append(best)
    return merged


def _to_source(doc: Document, f: Finding) -> Finding:
    if doc.prose_map is None:
        return f
    start, end = doc.to_source(f.start, f.end)
    return f.moved(start, end)


def load_documents(paths: Iterable[str], config: Config, source: str | None = None,
                   source_language: str | None = None) -> tuple[list[Document], list[str]]:
    """Read every article, and its source where one is given or lies beside it (NAME.source.txt).

    Unreadable ones become one-line errors, the rest are kept.
    """
    from . import bilingual

    docs: list[Document] = []
    errors: list[str] = []
    for path in paths:
        try:
            skipped: list[str] = []
            for name in expand_paths([path], skipped):
                errors.extend(skipped)
                skipped.clear()
                try:
                    doc = read_document(name, config.max_size)
                    given = source or (bilingual.source_beside(name) if name != "-" else None)
                    if given and "source" not in doc.meta:
                        doc.meta["source"] = read_source(given, config.max_size, source_language)
                    elif source_language and "source" in doc.meta:
                        doc.meta["source"].language = bilingual.language_code(source_language, "--source-language")
                    docs.append(doc)
                except InputError as exc:
                    errors.append(str(exc))
            errors.extend(skipped)
        except InputError as exc:
            errors.append(str(exc))
    if source and len(docs) > 1:
        raise InputError(source, "--source goes with one article; for many, put NAME.source.txt beside NAME.txt")
    return docs, errors
