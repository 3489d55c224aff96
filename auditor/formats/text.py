"""Terminal output: path:line:col: CODE [severity] message (→ suggestion), then a summary."""
from __future__ import annotations

from ..fixes import describe, readable
from ..model import Report, counted

_COLOURS = {"minor": "\033[33m", "major": "\033[31m", "critical": "\033[1;31m"}
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"


def _show(doc, f) -> str:
    """The first suggestion in a few words: the replacement when it is short, else what it deletes,
    inserts or replaces (in HTML, as prose)."""
    old, new = readable(doc.text[f.start:f.end], doc.kind), readable(f.suggestions[0], doc.kind)
    verb, rest = describe(old, new, limit=60)
    if verb == "Replace" and new.strip() and len(new) <= 80 and "\n" not in new:
        return repr(new) if new != new.strip() else new
    if verb == "Replace" and not new.strip():
        return repr(new)
    return f"{verb.lower()} {rest}"


def render(report: Report, engine=None, colour: bool = False, **_options) -> str:
    out, summaries = [], []
    for doc in report.documents:   # one pass: each article's report may be finished as it is read
        for f in doc.findings:
            line, col = doc.line_col(f.start)
            sev = f"[{f.severity}]"
            code = f.rule
            if colour:
                sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
                code = f"{_BOLD}{code}{_RESET}"
            text = f"{doc.path}:{line}:{col}: {code} {sev} {f.message}"
            if f.suggestions:
                text += f" (→ {_show(doc, f)})"
            out.append(text)
        src = (f", translated from {doc.source_language} ({doc.source_language_confidence:.2f})"
               if doc.source_language else "")
        fail = " FAILING" if doc.failing else ""
        summary = (f"{doc.path}: score {doc.score:.1f}{fail}, {counted(len(doc.findings), 'finding')}, "
                   f"{counted(doc.words, 'word')}, language {doc.language}{src}")
        summaries.append(f"{_DIM}{summary}{_RESET}" if colour else summary)
    out += summaries
    return "\n".join(out) + ("\n" if out else "")
