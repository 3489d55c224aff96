"""Terminal output: path:line:col: CODE [severity] message (→ suggestion), then a summary."""
from __future__ import annotations

from ..model import Report, counted

_COLOURS = {"minor": "\033[33m", "major": "\033[31m", "critical": "\033[1;31m"}
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"


def _show(s: str) -> str:
    return "(delete)" if s == "" else repr(s) if s != s.strip() or "\n" in s else s


def render(report: Report, engine=None, colour: bool = False, **_options) -> str:
    out = []
    for doc in report.documents:
        for f in doc.findings:
            line, col = doc.line_col(f.start)
            sev = f"[{f.severity}]"
            code = f.rule
            if colour:
                sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
                code = f"{_BOLD}{code}{_RESET}"
            text = f"{doc.path}:{line}:{col}: {code} {sev} {f.message}"
            if f.suggestions:
                text += f" (→ {_show(f.suggestions[0])})"
            out.append(text)
    for doc in report.documents:
        src = (f", translated from {doc.source_language} ({doc.source_language_confidence:.2f})"
               if doc.source_language else "")
        fail = " FAILING" if doc.failing else ""
        summary = (f"{doc.path}: score {doc.score:.1f}{fail}, {counted(len(doc.findings), 'finding')}, "
                   f"{counted(doc.words, 'word')}, language {doc.language}{src}")
        out.append(f"{_DIM}{summary}{_RESET}" if colour else summary)
    return "\n".join(out) + ("\n" if out else "")
