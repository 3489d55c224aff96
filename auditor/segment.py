"""Paragraphs, sentences and tokens, computed once per document and shared by every check."""
from __future__ import annotations

import re
from typing import NamedTuple

TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*")
# A line break inside a paragraph: the line before is long and does not end a sentence.
_TERMINAL = '.!?:;"”’)]|'
SOFT_WRAP_MIN = 45
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr gov sen rep rev hon no vs etc inc ltd
    co corp jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e p.m a.m approx
    dept est fig ft mt av ave blvd""".split()
)
# Possessive runs that start only where a run starts: linear on "....." however long.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s+[\"“‘'(\[]?[A-Z0-9А-ЯЁІЇЄҐ])")


class Span(NamedTuple):
    start: int
    end: int


class Token(NamedTuple):
    start: int
    end: int
    text: str


def line_col(line_starts: list[int], offset: int) -> tuple[int, int]:
    """Return the 1-based line and column (in code points) of an offset, given where lines start."""
    from bisect import bisect_right

    index = bisect_right(line_starts, offset) - 1
    return index + 1, offset - line_starts[index] + 1


def lines(text: str) -> list[Span]:
    """Return every line's span without its line ending."""
    spans = []
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if m.start() == len(text) and m.start() > 0 and not m.group():
            break
        body = m.group().rstrip("\r\n")
        spans.append(Span(m.start(), m.start() + len(body)))
        if m.end() == len(text):
            break
    return spans


def is_soft_wrap(line_text: str, next_text: str) -> bool:
    """Tell whether the break after line_text only wraps a paragraph (hard-wrapped copy)."""
    stripped = line_text.rstrip()
    if len(stripped) < SOFT_WRAP_MIN or not next_text.strip():
        return False
    if stripped[-1] in _TERMINAL or next_text.lstrip()[:1] in "•-*–—":
        return False
    return True


def paragraphs(text: str, line_spans: list[Span]) -> list[Span]:
    """Join lines into paragraphs: a blank line or a hard line break ends one."""
    result: list[Span] = []
    start = None
    for i, ln in enumerate(line_spans):
        body = text[ln.start:ln.end]
        if not body.strip():
            if start is not None:
                result.append(Span(start, line_spans[i - 1].end))
                start = None
            continue
        if start is None:
            start = ln.start + (len(body) - len(body.lstrip()))
        nxt = text[line_spans[i + 1].start:line_spans[i + 1].end] if i + 1 < len(line_spans) else ""
        if not is_soft_wrap(body, nxt):
            result.append(Span(start, ln.end - (len(body) - len(body.rstrip()))))
            start = None
    if start is not None:
        result.append(Span(start, line_spans[-1].end))
    return result


def sentences(text: str, paragraph_spans: list[Span]) -> list[Span]:
    """Split each paragraph into sentences, keeping abbreviations such as Mr. and U.S. whole."""
    result: list[Span] = []
    for para in paragraph_spans:
        start = para.start
        for m in _SENTENCE_END.finditer(text, para.start, para.end):
            if text[m.start()] == ".":
                # the run of word characters and dots just before the full stop
                i = m.start()
                while i > start and (text[i - 1].isalnum() or text[i - 1] in "._"):
                    i -= 1
                word = text[i:m.start()]
                if word and (word.lower() in ABBREVIATIONS or len(word) == 1):
                    continue
            end = m.end()
            result.append(Span(start, end))
            start = end
            while start < para.end and text[start].isspace():
                start += 1
        if start < para.end:
            result.append(Span(start, para.end))
    return result


def tokens(text: str) -> list[Token]:
    """Return word tokens (letters, digits, inner hyphens and apostrophes)."""
    new = tuple.__new__
    return [new(Token, (m.start(), m.end(), m.group())) for m in TOKEN_RE.finditer(text)]
