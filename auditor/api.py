"""The Python API: audit text or files from a CMS, a notebook or a pipeline, and apply fixes."""
from __future__ import annotations

import os
from typing import Iterable

from .config import ConfigLike, as_config
from .documents import Document
from .engine import engine_for, load_documents
from .errors import AuditorError
from .fixes import FixResult, apply_edits, document_edits
from .model import DocumentReport, Finding, Report


def audit_text(text: str, *, path: str | None = None, kind: str | None = None,
               config: ConfigLike = None, source: str | None = None,
               source_language: str | None = None) -> DocumentReport:
    """Audit one article given as text; kind is txt, md or html (from path's suffix by default).

    With ``source`` (the original's text) the bilingual rules compare the two.
    """
    from .bilingual import Source, detect_language, language_code
    from .documents import kind_of

    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__} (decode bytes as UTF-8 first)")
    name = path or "<text>"
    original = None
    if source is not None:
        original = Source(source, detect_language(source, language_code(source_language, "source_language")))
    doc = Document.from_text(text, path=name, kind=kind or kind_of(name), source=original)
    return engine_for(config).audit([doc]).documents[0]


def audit_paths(paths: str | os.PathLike | Iterable[str | os.PathLike], *,
                config: ConfigLike = None) -> Report:
    """Audit files and folders together as one corpus; unreadable files land in report.errors.

    The configuration's jobs and engine apply, as on the command line.
    """
    from .runner import audit_documents

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    names = [os.fspath(p) for p in paths]
    cfg = as_config(config)
    docs, errors = load_documents(names, cfg)
    return audit_documents(docs, cfg, errors, progress=False)[0]


def apply_fixes(target: DocumentReport | Report | str, findings: Iterable[Finding] | None = None, *,
                safe_only: bool = True, select: Iterable[str] = (), ignore: Iterable[str] = (),
                ) -> FixResult | list[FixResult]:
    """Apply the first suggestion of findings, never two overlapping edits.

    Give a DocumentReport (its own text and findings), a Report (one FixResult per document), or a
    text with the findings to apply. By default only fixes marked safe are applied; select/ignore
    narrow them by rule-code prefix. In Markdown and HTML a fix whose span holds markup is skipped
    and HTML replacements are escaped. Nothing is written to disk.
    """
    if isinstance(target, Report):
        if findings is not None:
            raise TypeError("findings cannot be given with a whole Report")
        return [apply_fixes(d, safe_only=safe_only, select=select, ignore=ignore) for d in target.documents]
    if isinstance(target, DocumentReport):
        text, path, kind = target.text, target.path, target.kind
        findings = target.findings if findings is None else findings
    elif isinstance(target, str):
        if findings is None:
            raise TypeError("apply_fixes(text, findings): give the findings to apply to a text")
        text, path, kind = target, None, "txt"
    else:
        raise TypeError(f"cannot apply fixes to {type(target).__name__}")
    findings = list(findings)
    for f in findings:
        if not (0 <= f.start <= f.end <= len(text)):
            raise AuditorError(f"{f.rule} at {f.start}-{f.end} lies outside the text: were the findings made for it?")
    doc = Document.from_text(text, path=path or "<text>", kind=kind)
    edits = document_edits(doc, findings, select, ignore, safe_only=safe_only)
    return FixResult(path, text, apply_edits(text, edits), edits, rounds=1 if edits else 0)


__all__ = ["audit_text", "audit_paths", "apply_fixes", "engine_for", "FixResult"]
