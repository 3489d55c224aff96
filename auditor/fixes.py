"""Apply suggestions to text: first suggestion of each chosen finding, never two overlapping edits."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .model import Finding


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    rule: str


def plan(findings: Iterable[Finding], *, safe_only: bool = True, select: Iterable[str] = (),
         ignore: Iterable[str] = ()) -> list[Edit]:
    """Choose non-overlapping edits, earliest first; a later edit that touches an earlier one is dropped."""
    select, ignore = tuple(select), tuple(ignore)
    candidates = []
    for f in findings:
        if not f.suggestions or (safe_only and not f.fix_safe):
            continue
        if select and not f.rule.startswith(select):
            continue
        if ignore and f.rule.startswith(ignore):
            continue
        candidates.append(Edit(f.start, f.end, f.suggestions[0], f.rule))
    candidates.sort(key=lambda e: (e.start, e.end))
    chosen: list[Edit] = []
    for edit in candidates:
        if chosen:
            last = chosen[-1]
            # overlapping spans, or two insertions/edits meeting at one point, are ambiguous
            if edit.start < last.end or (edit.start == last.end and (edit.start == edit.end or last.start == last.end)):
                continue
        chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (sorted by start) to text."""
    out, pos = [], 0
    for e in edits:
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def apply_fixes(text: str, findings: Iterable[Finding], *, safe_only: bool = True,
                select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[str, list[Edit]]:
    """Return the fixed text and the edits applied."""
    edits = plan(findings, safe_only=safe_only, select=select, ignore=ignore)
    return apply_edits(text, edits), edits
