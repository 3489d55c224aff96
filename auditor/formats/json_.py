"""The JSON report (../spec/report.schema.json), the contract every version keeps."""
from __future__ import annotations

import json
from typing import Iterator

from .. import __version__
from ..model import DocumentReport, Finding, Report


def finding_dict(doc: DocumentReport, f: Finding) -> dict:
    line, column = doc.line_col(f.start)
    end_line, end_column = doc.line_col(f.end)
    out = {
        "rule": f.rule, "name": f.name, "category": f.category, "severity": f.severity,
        "start": f.start, "end": f.end, "line": line, "column": column,
        "end_line": end_line, "end_column": end_column,
        "text": doc.text[f.start:f.end], "message": f.message, "suggestions": list(f.suggestions),
        "fix_safe": f.fix_safe,
    }
    if f.confidence is not None:
        out["confidence"] = round(f.confidence, 3)
    if f.data:
        out["data"] = f.data
    return out


def document_dict(doc: DocumentReport) -> dict:
    counts: dict[str, int] = {}
    for f in doc.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return {
        "path": doc.path, "language": doc.language, "source_language": doc.source_language,
        "source_language_confidence": doc.source_language_confidence,
        "words": doc.words, "score": doc.score, "penalty": doc.penalty, "failing": doc.failing,
        "severity_counts": counts,
        "findings": [finding_dict(doc, f) for f in doc.findings],
    }


def to_dict(report: Report) -> dict:
    return {
        "tool": {"name": "auditor", "version": __version__},
        "documents": [document_dict(d) for d in report.documents],
        "corpus": report.corpus,
        "errors": report.errors,
        "warnings": report.warnings,
    }


def render(report: Report, engine=None, **_options) -> str:
    return "".join(chunks(report, engine))


def chunks(report: Report, engine=None, **_options) -> Iterator[str]:
    """Yield the report's text a document at a time: the same text as one json.dumps, in bounded memory."""
    def dump(value, depth: int) -> str:   # a value nested at depth, indented as json.dumps would
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)

    yield '{\n  "tool": ' + dump({"name": "auditor", "version": __version__}, 1) + ',\n  "documents": ['
    for i, doc in enumerate(report.documents):
        yield ("," if i else "") + "\n    " + dump(document_dict(doc), 2)
    yield ("\n  ]" if report.documents else "]") + ',\n  "corpus": ' + dump(report.corpus, 1)
    yield ',\n  "errors": ' + dump(report.errors, 1) + ',\n  "warnings": ' + dump(report.warnings, 1) + "\n}\n"
