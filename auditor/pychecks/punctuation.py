"""Quotation marks: unbalanced pairs, marks facing the wrong way, and mixed quote styles."""
from __future__ import annotations

from bisect import bisect_right

import regex as re

from . import register

OPEN, CLOSE, STRAIGHT = "“", "”", '"'
ATTRIBUTION = re.compile(
    r"[,.]\s+(?:said|says|added|told|asked|wrote|noted|explained|according to|quoted)\b"
    r"(?:\s+(?:by\s+)?\p{Lu}[\p{L}'’-]+)?"
    r"|[,.]\s+(?:he|she|they|it|\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?)\s+"
    r"(?:said|says|added|told|asked|wrote|noted|explained)\b")
_ATTRIB_AFTER = re.compile(r"\s*(?:he|she|they|it|we|i|\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?)\s+"
                           r"(?:said|says|added|told|asked|wrote|noted|explained|stressed|replied)\b"
                           r"|\s*(?:said|says|added|told|asked|wrote)\b")


def _skip_spans(doc):
    from .boilerplate import boilerplate_spans

    return boilerplate_spans(doc)


class _Spans:
    """Sorted, merged spans answering 'is this offset inside one?' by bisection."""

    def __init__(self, spans):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _inside(pos: int, spans: _Spans) -> bool:
    return pos in spans


def _paragraphs(doc):
    """Yield paragraphs outside boilerplate blocks, each with the text of the next one."""
    skip = _Spans(_skip_spans(doc))
    paras = [p for p in doc.paragraphs if not _inside(p.start, skip)]
    for i, p in enumerate(paras):
        nxt = doc.prose[paras[i + 1].start:paras[i + 1].end] if i + 1 < len(paras) else ""
        yield p, nxt


def _closer_shaped(text: str, i: int) -> bool:
    """Tell whether the mark at i stands where a closing quote belongs."""
    j = i
    while j > 0 and text[j - 1] == " ":
        j -= 1
    if not j or text[j - 1] not in ",.!?;:…—-":
        return False
    return bool(_ATTRIB_AFTER.match(text, i + 1)) or text[i + 1:i + 2] in ("", " ", "\n")


def _opener_shaped(text: str, i: int) -> bool:
    """Tell whether the mark at i stands where an opening quote belongs."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([—–-") and (nxt.isalnum() or nxt in "‘'…")


def _scan(doc, para, nxt):
    """Yield ('unclosed'|'stray'|'wrong', position) for the curly double quotes of a paragraph."""
    text = doc.prose
    seg = text[para.start:para.end]
    opened = None
    for m in re.finditer(r"[“”]", seg):
        i, mark = m.start(), m.group()
        if mark == OPEN:
            if opened is None:
                opened = i
            elif _closer_shaped(seg, i):
                yield "wrong-close", para.start + i, None
                opened = None
            else:
                yield "unclosed", para.start + opened, para.start + i
                opened = i
        else:
            if opened is not None:
                opened = None
            elif _opener_shaped(seg, i):
                yield "wrong-open", para.start + i, None
                opened = i
            else:
                yield "stray", para.start + i, None
    if opened is not None:
        continues = nxt.lstrip()[:1] == OPEN
        if not continues or ATTRIBUTION.search(seg, opened):
            yield "unclosed", para.start + opened, para.end


def _quote_events(doc):
    """Yield (paragraph, what, position) for every curly-quote problem of an article."""
    if OPEN not in doc.prose and CLOSE not in doc.prose:
        return
    for para, nxt in _paragraphs(doc):
        for what, pos, limit in _scan(doc, para, nxt):
            yield para, what, pos, limit


@register("unbalanced-quote")
def unbalanced_quote(doc, rule, options):
    """Flag an opening quote never closed, or a closing quote never opened, in a paragraph."""
    prose = doc.prose
    for para, what, pos, limit in _quote_events(doc):
        if what == "unclosed":
            m = ATTRIBUTION.search(prose, pos, limit)
            end = m.start() + 1 if m else limit
            while end > pos + 1 and prose[end - 1] in " \n":
                end -= 1
            said = m.group().strip(" ,.") if m else ""
            hint = (f" It probably closes before '{said}'." if m else " It may close at the paragraph's end."
                    if limit >= para.end else " It probably closes before the next quotation mark.")
            # the finding marks the word the closing mark should follow, and its fix adds the mark
            word = end
            while word > pos + 1 and not prose[word - 1].isspace():
                word -= 1
            opening = " ".join(prose[pos:end].split()[:4])
            yield rule.finding(word, end, prose[word:end], [prose[word:end] + CLOSE], values={"hint": hint},
                               message=f"The quotation opened at '{opening}…' is never closed.{hint}")
        elif what == "stray":
            yield rule.finding(pos, pos + 1, CLOSE, [""], message="This closing quotation mark has no opening one.")


@register("wrong-way-quote")
def wrong_way_quote(doc, rule, options):
    """Flag a curly quote turned the wrong way: an opening mark that closes a quotation, or the reverse."""
    prose = doc.prose
    for para, what, pos, _limit in _quote_events(doc):
        if what == "wrong-close":
            start = pos
            while start > para.start and prose[start - 1] == " ":
                start -= 1
            space = " " if prose[pos + 1:pos + 2].isalnum() else ""
            best, keep = CLOSE + space, prose[start:pos] + CLOSE + space
            yield rule.finding(start, pos + 1, prose[start:pos + 1], [best, keep], values={"right": CLOSE})
        elif what == "wrong-open":
            yield rule.finding(pos, pos + 1, CLOSE, [OPEN], values={"right": OPEN},
                               message="This closing quotation mark (”) opens a quotation; use “.")


@register("mixed-quote-styles")
def mixed_quote_styles(doc, rule, options):
    """Flag straight double quotes in an article that otherwise uses curly ones, or the reverse."""
    prose = doc.prose
    if STRAIGHT not in prose or (OPEN not in prose and CLOSE not in prose):
        return
    skip = _Spans(_skip_spans(doc))
    straight = [m.start() for m in re.finditer('"', prose) if not _inside(m.start(), skip)]
    curly = [m.start() for m in re.finditer("[“”]", prose) if not _inside(m.start(), skip)]
    if not straight or not curly:
        return
    if len(curly) >= len(straight):
        for pos in straight:
            right = OPEN if _opener_shaped(prose, pos) else CLOSE
            yield rule.finding(pos, pos + 1, STRAIGHT, [right],
                               values={"style": "curly", "count": str(len(curly))})
    else:
        for pos in curly:
            yield rule.finding(pos, pos + 1, prose[pos], [STRAIGHT],
                               values={"style": "straight", "count": str(len(straight))})


_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


@register("doubled-space")
def doubled_space(doc, rule, options):
    """Flag runs of spaces between words in plain text (Markdown and HTML collapse them anyway)."""
    if doc.kind != "txt" or ("  " not in doc.prose and "\u00a0" not in doc.prose):  # two spaces need one of these
        return
    for m in _DOUBLE_SPACE.finditer(doc.prose):
        yield rule.finding(m.start(), m.end(), m.group(), [" "])
