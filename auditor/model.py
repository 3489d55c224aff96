"""Immutable records that every check produces and every output format reads."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

SEVERITIES = ("minor", "major", "critical")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
MQM_WEIGHTS = {"minor": 1, "major": 5, "critical": 25}
FAMILIES = (
    "mt", "spelling", "names", "grammar", "punctuation",
    "formatting", "style", "boilerplate", "consistency",
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at a span of a document.

    Offsets are code points into the document's decoded source text (see Document.text),
    except while a check is running, when they index the prose it was given.
    """

    rule: str                      # stable code, e.g. MTF001
    name: str                      # readable name, e.g. at-the-head-of
    category: str                  # family[.sub], e.g. mt.calque
    severity: str                  # minor | major | critical
    start: int                     # first code point of the span
    end: int                       # one past the last code point
    message: str                   # what is wrong and why
    suggestions: tuple[str, ...] = ()  # replacements for [start, end); "" deletes
    confidence: float | None = None    # 0..1 where the check can say
    fix_safe: bool = False         # whether `auditor fix` may apply suggestions[0] unasked
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)  # extras

    @property
    def family(self) -> str:
        return self.category.split(".", 1)[0]

    def moved(self, start: int, end: int) -> "Finding":
        """The same finding at another span (its data shared, as replace() shares it)."""
        return Finding(self.rule, self.name, self.category, self.severity, start, end, self.message,
                       self.suggestions, self.confidence, self.fix_safe, self.data)


# moved() passes the fields by position (twice as fast as replace()): a field added must be added there
if tuple(f.name for f in fields(Finding)) != ("rule", "name", "category", "severity", "start", "end", "message",
                                              "suggestions", "confidence", "fix_safe", "data"):
    raise TypeError("Finding.moved() does not pass every field of Finding")


@dataclass(slots=True)
class DocumentReport:
    """The findings and summary figures of one audited document."""

    path: str
    text: str                      # decoded source text the offsets index
    language: str
    words: int
    findings: list[Finding]
    source_language: str | None = None
    source_language_confidence: float | None = None
    kind: str = "txt"
    line_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def penalty(self) -> int:
        return sum(MQM_WEIGHTS[f.severity] for f in self.findings)

    @property
    def score(self) -> float:
        if self.words <= 0:
            return 100.0 if not self.findings else 0.0
        return round(max(0.0, 100.0 * (1.0 - self.penalty / self.words)), 2)

    @property
    def failing(self) -> bool:
        return any(f.severity == "critical" for f in self.findings)

    def line_col(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column (in code points) of an offset."""
        from .segment import line_col

        return line_col(self.line_starts, offset)


@dataclass(slots=True)
class Report:
    """A whole audit: one DocumentReport per article, corpus results, input errors, warnings."""

    documents: list[DocumentReport]
    corpus: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # rules skipped on a file; the run went on

    def worst(self) -> str | None:
        ranks = [SEVERITY_RANK[f.severity] for d in self.documents for f in d.findings]
        return SEVERITIES[max(ranks)] if ranks else None


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 finding', '2 findings': a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
