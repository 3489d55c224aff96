"""GitHub Actions workflow commands: one ::warning or ::error annotation per finding."""
from __future__ import annotations

from ..model import Report

COMMANDS = {"minor": "warning", "major": "warning", "critical": "error"}


def escape_data(text: str) -> str:
    """Escape a command's message as GitHub's toolkit does (% CR LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value as GitHub's toolkit does (% CR LF : ,)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(doc, f) -> str:
    """One workflow command; columns are 1-based code points, the end column inclusive."""
    line, col = doc.line_col(f.start)
    end_line, end_col = doc.line_col(max(f.start, f.end - 1))
    props = {"file": doc.path, "line": line, "col": col, "endLine": end_line, "endColumn": end_col,
             "title": f"{f.rule} {f.name} ({f.severity})"}
    message = f.message
    if f.suggestions:
        message += f" Suggested fix: {f.suggestions[0]!r}." if f.suggestions[0] != "" else " Suggested fix: delete it."
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{COMMANDS[f.severity]} {head}::{escape_data(message)}"


def render(report: Report, engine=None, **_options) -> str:
    out = [f"::error::{escape_data(e)}" for e in report.errors]
    for doc in report.documents:
        out.extend(annotation(doc, f) for f in doc.findings)
    return "\n".join(out) + ("\n" if out else "")
