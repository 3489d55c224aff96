"""Paragraphs, sentences and tokens, computed once per document and shared by every check."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from itertools import accumulate
from typing import NamedTuple

TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*")
# TOKEN_RE as one group, for split; possessive, as giving back a character can never help it match
_TOKEN_SPLIT = re.compile(r"(\w++(?:['’\-]\w++)*+)")
# A line break inside a paragraph: the line before is long and does not end a sentence.
_TERMINAL = '.!?:;"”’)]|'
SOFT_WRAP_MIN = 45
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr gov sen rep rev hon no vs etc inc ltd
    co corp jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e p.m a.m approx
    dept est fig ft mt av ave blvd""".split()
)
# Possessive runs that start only where a run starts: linear on "....." however long. The first mark
# comes first (the look-behind then checks the two characters ending with it) so the scan can skip
# to candidate marks at C speed.
_SENTENCE_END = re.compile(r"[.!?…](?<![.!?…]{2})[.!?…]*+[\"”’')\]]*+(?=\s+[\"“‘'(\[]?[A-Z0-9А-ЯЁІЇЄҐ])")


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


_LINE_SPLIT = re.compile(r"(\r\n|\r|\n)")
_MAKE_SPAN = partial(tuple.__new__, Span)


def lines(text: str) -> list[Span]:
    """Return every line's span without its line ending (no empty last line after a final line end)."""
    parts = _LINE_SPLIT.split(text)   # line, ending, line, ..., line
    ends = list(accumulate(map(len, parts)))
    starts = [0, *ends[1:-1:2]]       # a line starts where the ending before it ends
    spans = list(map(_MAKE_SPAN, zip(starts, ends[0::2])))
    if len(spans) > 1 and not parts[-1]:
        spans.pop()
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


_MAKE_TOKEN = partial(tuple.__new__, Token)


class Tokens(Sequence):
    """A text's word tokens as three parallel lists (starts, ends, texts); Token tuples are made when asked for.

    Checks that need only the texts or offsets read the lists, which cost a fraction of the tuples.
    """

    __slots__ = ("starts", "ends", "texts")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]):
        self.starts, self.ends, self.texts = starts, ends, texts

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(map(_MAKE_TOKEN, zip(self.starts[index], self.ends[index], self.texts[index])))
        return _MAKE_TOKEN((self.starts[index], self.ends[index], self.texts[index]))

    def __iter__(self):
        return map(_MAKE_TOKEN, zip(self.starts, self.ends, self.texts))

    def __eq__(self, other) -> bool:
        if isinstance(other, (Tokens, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tokens({list(self)!r})"


def tokens(text: str) -> Tokens:
    """Return word tokens (letters, digits, inner hyphens and apostrophes)."""
    parts = _TOKEN_SPLIT.split(text)   # gap, token, gap, token, ..., gap: all made in C
    ends = list(accumulate(map(len, parts)))
    # a token ends where its part ends and starts where the gap before it ends
    return Tokens(ends[0:-1:2], ends[1::2], parts[1::2])
