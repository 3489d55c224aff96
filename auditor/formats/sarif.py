"""SARIF 2.1.0 for code-scanning tools: rules from the registry, results with regions and fixes."""
from __future__ import annotations

import json
import os
from urllib.parse import quote

from .. import __version__
from ..model import DocumentReport, Finding, Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"minor": "note", "major": "warning", "critical": "error"}
# SARIF's rank runs from 0 to 100 (most important); ordered like the MQM severities
RANK = {"minor": 10.0, "major": 50.0, "critical": 90.0}


def artifact_uri(path: str) -> str:
    """A relative URI for a relative path, a file: URI for an absolute one."""
    if path in ("-", "<stdin>"):
        return "stdin"
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix)
    return quote(posix)


def region(doc: DocumentReport, start: int, end: int, snippet: bool = True) -> dict:
    """A region by line and column and by character offset (code points, see columnKind)."""
    line, column = doc.line_col(start)
    end_line, end_column = doc.line_col(end)
    out = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column,
           "charOffset": start, "charLength": end - start}
    if snippet and end > start:
        out["snippet"] = {"text": doc.text[start:end]}
    return out


def _fix_md(fix: str) -> str:
    return f"`{fix}`" if fix.strip() else ("(delete)" if fix == "" else repr(fix))


def rule_descriptor(rule) -> dict:
    """A reportingDescriptor for one registry rule."""
    description = " ".join((rule.description or rule.message).split())
    sources = rule.source if isinstance(rule.source, list) else [rule.source]
    help_text = f"{description}\n\nSource: {'; '.join(sources)}"
    markdown = f"{description}\n\n**Source:** {'; '.join(sources)}"
    if rule.fix_safe:
        help_text += "\n\nThe suggested fix is safe to apply automatically (auditor fix)."
        markdown += "\n\nThe suggested fix is safe to apply automatically (`auditor fix`)."
    examples = [ex for ex in rule.examples if "bad" in ex][:2]
    if examples:
        markdown += "\n\n**Examples:**\n" + "".join(
            f"\n- {ex['bad'].replace('[[', '**').replace(']]', '**')} → {_fix_md(ex.get('fix', ''))}" for ex in examples)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": f"{rule.name}: {rule.category}"},
        "fullDescription": {"text": description},
        "help": {"text": help_text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "rank": RANK[rule.severity]},
        "properties": {"category": rule.category, "severity": rule.severity, "pack": rule.pack,
                       "fix_safe": rule.fix_safe, "tags": [rule.family, rule.category]},
    }


def _adhoc_descriptor(f: Finding) -> dict:
    """A descriptor for a finding whose rule is not in the registry (e.g. AUD001)."""
    return {
        "id": f.rule, "name": f.name,
        "shortDescription": {"text": f"{f.name}: {f.category}"},
        "defaultConfiguration": {"level": LEVELS[f.severity], "rank": RANK[f.severity]},
        "properties": {"category": f.category, "severity": f.severity, "fix_safe": f.fix_safe,
                       "tags": [f.family, f.category]},
    }


def result(doc: DocumentReport, f: Finding, rule_index: int, uri: str, artifact_index: int) -> dict:
    """One SARIF result with its location and its suggestions as fixes."""
    location = {"artifactLocation": {"uri": uri, "index": artifact_index}}
    out = {
        "ruleId": f.rule, "ruleIndex": rule_index, "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {**location, "region": region(doc, f.start, f.end)}}],
        "partialFingerprints": {"auditorSpan/v1": f"{f.rule}:{doc.text[f.start:f.end]}:{f.start}"},
        "properties": {"category": f.category, "severity": f.severity, "fix_safe": f.fix_safe},
    }
    if f.confidence is not None:
        out["properties"]["confidence"] = round(f.confidence, 3)
    if f.suggestions:
        out["fixes"] = [{
            "description": {"text": f"Replace with '{s}'" if s else "Delete"},
            "artifactChanges": [{
                "artifactLocation": location["artifactLocation"],
                "replacements": [{"deletedRegion": region(doc, f.start, f.end, snippet=False),
                                  "insertedContent": {"text": s}}],
            }],
        } for s in f.suggestions]
    return out


def to_dict(report: Report, engine=None) -> dict:
    rules = list(engine.rules.rules) if engine is not None else []
    descriptors = [rule_descriptor(r) for r in rules]
    index = {r.code: i for i, r in enumerate(rules)}
    artifacts, results = [], []
    for a, doc in enumerate(report.documents):
        uri = artifact_uri(doc.path)
        artifacts.append({"location": {"uri": uri}, "length": len(doc.text),
                          "sourceLanguage": {"txt": "plaintext", "md": "markdown", "html": "html"}.get(doc.kind, "plaintext"),
                          "properties": {"score": doc.score, "words": doc.words, "failing": doc.failing,
                                         "source_language": doc.source_language}})
        for f in doc.findings:
            if f.rule not in index:
                index[f.rule] = len(descriptors)
                descriptors.append(_adhoc_descriptor(f))
            results.append(result(doc, f, index[f.rule], uri, a))
    notifications = [{"level": "error", "message": {"text": e}} for e in report.errors]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "auditor", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "invocations": [{"executionSuccessful": not report.errors,
                             "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
            "properties": {"corpus": report.corpus} if report.corpus else {},
        }],
    }


def render(report: Report, engine=None, **_options) -> str:
    return json.dumps(to_dict(report, engine), ensure_ascii=False, indent=2) + "\n"
