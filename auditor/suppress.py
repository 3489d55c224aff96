"""Inline suppression inside articles: disable/enable ranges, ignore-next-line, and [sic]."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .documents import Document
from .model import Finding

DIRECTIVE = re.compile(
    r"<!--\s*auditor-(?P<verb>disable|enable|ignore-next-line)(?P<codes>(?:[\s,]+[A-Z]+[A-Z0-9:_]*)*)\s*-->"
)
SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)
SIC_FAMILIES = ("spelling", "names")


@dataclass
class Suppression:
    """One directive: the codes it names (none means all) over a source range."""

    start: int            # first source offset it covers
    end: int              # one past the last
    codes: tuple[str, ...]
    at: int               # where the directive stands, for reporting it unused
    text: str
    used: bool = field(default=False)

    def covers(self, finding: Finding) -> bool:
        if not (finding.start < self.end and self.start < max(finding.end, finding.start + 1)):
            return False
        return not self.codes or any(finding.rule.startswith(c) for c in self.codes)


def parse(doc: Document) -> tuple[list[Suppression], list[tuple[int, int]]]:
    """Return the suppressions of a document and the spans of the directives themselves."""
    text = doc.text
    found: list[Suppression] = []
    spans: list[tuple[int, int]] = []
    open_ranges: list[Suppression] = []
    for m in DIRECTIVE.finditer(text):
        spans.append(m.span())
        codes = tuple(c for c in re.split(r"[\s,]+", m.group("codes")) if c)
        verb = m.group("verb")
        if verb == "disable":
            s = Suppression(m.end(), len(text), codes, m.start(), m.group())
            open_ranges.append(s)
            found.append(s)
        elif verb == "enable":
            for s in list(open_ranges):
                if not codes or set(codes) & set(s.codes) or not s.codes:
                    s.end = m.start()
                    open_ranges.remove(s)
        else:
            nl = re.compile(r"\r\n|\r|\n")
            first = nl.search(text, m.end())
            line_start = first.end() if first else len(text)
            while line_start < len(text):  # skip blank lines
                nxt = nl.search(text, line_start)
                line_end = nxt.start() if nxt else len(text)
                if text[line_start:line_end].strip():
                    break
                line_start = nxt.end() if nxt else len(text)
            nxt = nl.search(text, line_start)
            found.append(Suppression(line_start, nxt.start() if nxt else len(text), codes, m.start(), m.group()))
    return found, spans


def apply(doc: Document, findings: list[Finding]) -> tuple[list[Finding], list[Suppression]]:
    """Drop suppressed findings; return the rest and the directives that silenced nothing."""
    suppressions, spans = parse(doc)
    kept = []
    for f in findings:
        if any(s <= f.start < e or s < f.end <= e for s, e in spans):
            continue
        if f.family in SIC_FAMILIES and SIC.match(doc.text, f.end):
            continue
        hit = [s for s in suppressions if s.covers(f)]
        for s in hit:
            s.used = True
        if not hit:
            kept.append(f)
    return kept, [s for s in suppressions if not s.used]
