"""Page furniture run into the prose: copy whose paragraph breaks were lost.

When a scraper or a segment-joining step drops the line breaks, the furniture that stood on lines of
its own runs into the sentences around it: the site name and date the page title carries after the
headline ("Talks resume in Geneva - DW - 12.02.2023 Negotiators met ..."), a section label
("... - Hi-Tech In 2021 ..."), "Read also: <a headline>" teasers between two sentences, teaser
headlines left after the last sentence, and the headline repeated as a subtitle. Each is found inside
its line, with a span that holds the furniture and nothing else, so the same finding comes from an
article on one line and from the same article with its paragraphs.

The cue lists (sites, section labels, teaser cues, sentence openers) are data files of the
boilerplate pack, one entry a line, read in runin_cues.py; a rule may name others through its options.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from .. import regexcache as re   # regex, its compiled programs kept in the user cache

from ..incremental import TextMemo
from . import register
from .runin_cues import (_CLOCK, _DEFAULTS, _FUNCTION, _LISTS, _PAREN_DATE, _PARTICLES, _SENT_END, _TOKEN, Cues,
                         RunInOptions, _teaser_end, cues_for)

@dataclass(frozen=True)
class RunIn:
    """A piece of furniture inside a line: its kind, prose span and why it is furniture."""

    kind: str      # 'tail' (site name, date or section after the headline) | 'teaser' | 'subtitle'
    start: int
    end: int
    why: str


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def runins(doc, cues: Cues | None = None) -> list[RunIn]:
    """Return the run-in furniture of a document (with the built-in cue lists, computed once)."""
    if cues is not None:
        return _find(doc, cues)
    found = _CACHE.get(doc)
    if found is None:
        found = _find(doc, cues_for(None))
        _CACHE[doc] = found
    return found


def boilerplate_spans(doc) -> list[tuple[int, int]]:
    """Return prose spans of boilerplate blocks and run-in furniture, for checks that should skip them."""
    from .boilerplate import blocks_of

    return [(b.start, b.end) for b in blocks_of(doc)] + [(r.start, r.end) for r in runins(doc)]


def _free_lines(doc):
    """Yield (start, end, is_first, is_last) for the lines no block of boilerplate already covers."""
    from .boilerplate import _analysis

    units = _analysis(doc)[0]
    body = [u for u in units if u.kind is None or u.kind == "repeat"]
    if not units:
        return
    first_line = units[0]
    last_free = body[-1] if body else None
    for u in units:
        if u.kind is not None:
            continue
        yield u.start, u.end, u is first_line, u is last_free and u is units[-1]


def _find(doc, cues: Cues) -> list[RunIn]:
    prose = doc.prose
    from .boilerplate import blocks_of

    out: list[RunIn] = []
    trailing: list[RunIn] = []
    for start, end, first, last in _free_lines(doc):
        line = prose[start:end]
        inside, after = _LINES.take((cues, line, first, last), _in_line, line, first, last, cues)
        out.extend(RunIn(r.kind, start + r.start, start + r.end, r.why) for r in inside)
        trailing.extend(RunIn(r.kind, start + r.start, start + r.end, r.why) for r in after)
    trailing.extend(_trailing_lines(doc, cues.starts))
    out.extend(_prompts(doc, cues, out))
    # headlines with no cue after the text are weak evidence: they count on a page with other furniture
    if trailing and (out or blocks_of(doc)):
        out.extend(trailing)
    return out


# The furniture of a line, by its text and place: an edited article's unchanged lines are not read again.
_LINES = TextMemo(4_096)   # lines: an edited article of 2,000 words has about 150


def _in_line(line: str, first: bool, last: bool, cues: Cues) -> tuple[list[RunIn], list[RunIn]]:
    """The furniture inside one free line, in the line's offsets, and the teasers ending it (the last line)."""
    out: list[RunIn] = []
    trailing: list[RunIn] = []
    if first:
        tail = _headline_tail(line, cues)
        if tail:
            out.append(RunIn("tail", tail[0], tail[1],
                             "the site's name, date or section label after the headline"))
        sub = _subtitle(line, cues.starts)
        if sub:
            out.append(RunIn("subtitle", sub[0], sub[1], "the headline repeated as a subtitle"))
    taken = []
    for m in cues.cue.finditer(line):
        if m.start() == 0 and first:
            continue
        stop = _teaser_end(line, m.end(), cues)
        if stop is None:
            continue
        taken.append((m.start(), stop))
        out.append(RunIn("teaser", m.start(), stop, "a 'read also' teaser run into the text"))
    for m in cues.caption.finditer(line):
        if not line[m.start()].isupper() or any(s <= m.start() < e for s, e in taken):
            continue
        stop = _teaser_end(line, m.end(), cues, most=20)
        if stop is not None:
            taken.append((m.start(), stop))
            out.append(RunIn("caption", m.start(), stop, "a photo caption or credit"))
    for m in cues.credit.finditer(line):
        stop = _credit_end(line, m.end())
        if stop is not None and not any(s <= m.start() < e for s, e in taken):
            first_char = _caption_before(line, m.start())
            taken.append((first_char, stop))
            out.append(RunIn("caption", first_char, stop, "a wire photo caption and credit"))
    if last:
        t = _trailing_teaser(line, cues.starts)
        if t and not any(s <= t[0] < e for s, e in taken):
            trailing.append(RunIn("teaser", t[0], t[1], "teaser headlines after the last sentence"))
    return out, trailing


_NAME_PIECE = re.compile(r"\p{Lu}[\p{L}'’.\-]*|" + "|".join(re.escape(w) for w in _PARTICLES))
_YEAR_END = re.compile(r"\b(?:19|20)\d\d\.[ \t]*\Z")


def _credit_end(line: str, pos: int) -> int | None:
    """Return where a photographer's name after 'REUTERS/' ends: before the sentence that follows it."""
    toks = list(_TOKEN.finditer(line, pos, min(len(line), pos + 200)))
    k = 0
    while k < len(toks) and k < 6 and _NAME_PIECE.fullmatch(toks[k].group().rstrip(".,/")):
        k += 1
    # a capitalised word followed by lower case opens the next sentence ('... Wouw Turnout at the march')
    while k > 1 and toks[k - 1].group()[:1].isupper() and k < len(toks) and toks[k].group()[:1].islower():
        k -= 1
    if k == 0 or not toks[0].group()[:1].isupper():
        return None
    end = toks[k - 1].end()
    while line[end - 1:end] in ",":
        end -= 1
    return end


def _caption_before(line: str, pos: int) -> int:
    """Return where the caption a wire credit closes starts: the sentence before it when that one ends
    on the picture's date ('..., in The Hague, Netherlands September 27, 2019.')."""
    head = line[:pos]
    if not _YEAR_END.search(head[-40:]):
        return pos
    ends = [m.end() for m in _SENT_END.finditer(head.rstrip()) if m.end() < len(head.rstrip())]
    start = ends[-1] if ends else 0
    while start < pos and line[start].isspace():
        start += 1
    return start if len(line[start:pos].split()) <= 45 else pos


def _prompts(doc, cues: Cues, found: list[RunIn]) -> list[RunIn]:
    """Find sentences of prompt text (script notices, sign-ups) inside lines of prose."""
    prose = doc.prose
    low = prose.lower()
    from .boilerplate import _analysis

    free = [(u.start, u.end) for u in _analysis(doc)[0] if u.kind is None]
    out = []
    for sent in doc.sentences:
        text, said = low[sent.start:sent.end], prose[sent.start:sent.end]
        if not _PROMPTS.take((cues, text, said), _maybe_prompt, text, said, cues):
            continue
        if not any(s <= sent.start < e for s, e in free):
            continue
        begin = sent.start
        at = min([text.find(p) for p in cues.prompts if p in text] or [-1])
        if at > 0 and prose[sent.start + at].isupper() and len(text[:at].split()) >= 3 \
                and text[:at].rstrip()[-1:].isalnum():
            begin = sent.start + at   # a headline run into the prompt stays with the article
        end = sent.end
        for r in found:   # a caption that runs on after the prompt is the caption's
            if sent.start < r.start < end:
                end = r.start
        while end > sent.start and prose[end - 1].isspace():
            end -= 1
        out.append(RunIn("prompt", begin, end, "a page prompt"))
    return out


# Whether a sentence may be a prompt, by its text: an edited article's unchanged sentences are not read again.
_PROMPTS = TextMemo(4_096)


def _maybe_prompt(text: str, sentence: str, cues: Cues) -> bool:
    """Tell whether a sentence (text: in lower case) reads as a page prompt (where it stands is weighed after)."""
    from .boilerplate import _is_prompt

    return not (len(text.split()) > 30 or text[:1] in "\"“«"
                or not (any(p in text for p in cues.prompts) or _is_prompt(sentence)))


def _trailing_lines(doc, starts: frozenset) -> list[RunIn]:
    """Find teaser headlines on lines of their own after the last paragraph: the paragraphed shape of
    the teasers _trailing_teaser finds at the end of a line."""
    from .boilerplate import _analysis

    units = _analysis(doc)[0]
    k = len(units)
    while k > 0 and units[k - 1].kind is None and (units[k - 1].headline or units[k - 1].words < 4) \
            and _headline_only(units[k - 1].text, starts):
        k -= 1
    if k == len(units) or k == 0 or not units[k - 1].prose or units[k - 1].kind is not None:
        return []
    return [RunIn("teaser", units[k].start, units[-1].end, "teaser headlines after the last paragraph")]


def _headline_only(text: str, starts: frozenset) -> bool:
    """Tell whether a line is a bare headline: capitalised, 3 to 20 words, and no sentence in it."""
    words = text.split()
    if not 3 <= len(words) <= 20 or _SENT_END.search(text) or not text[:1].isupper():
        return _PAREN_DATE.search(text) is not None and text.rstrip().endswith(")") and "?" in text
    return text.rstrip()[-1] not in ":;,)-–—\"”’»" and words[-1].lower() not in _FUNCTION \
        and words[0] not in starts and not _CLOCK.search(text)


def _headline_tail(line: str, cues: Cues) -> tuple[int, int] | None:
    """Find the site name, date or section label a page title carries after the headline."""
    limit = 0
    for k, m in enumerate(_TOKEN.finditer(line)):
        if k == 40:
            break
        limit = m.end()
    m = cues.tail.search(line, 0, min(len(line), limit + 40, 800))
    if not m:
        return None
    head = line[:m.start()].split()
    if len(head) < 3 or head[-1].lower() in _FUNCTION or _SENT_END.search(line, 0, m.start()):
        return None   # the title comes first, and a sentence never ended before it
    return m.start(), m.end()


def _trailing_teaser(line: str, starts: frozenset) -> tuple[int, int] | None:
    """Find headlines left after the last sentence of an article: no final stop, capitalised."""
    stripped = line.rstrip()
    ends = list(_SENT_END.finditer(stripped))
    if not ends:
        return None
    last = ends[-1]
    if last.end() == len(stripped):
        # a teaser that ends on a question mark and a date: 'Who owned the city? (December 21, 2017)'
        return None
    rest = stripped[last.end():]
    start = last.end() + (len(rest) - len(rest.lstrip()))
    tail = stripped[start:]
    d = _PAREN_DATE.fullmatch(" " + tail)
    if d and len(ends) >= 2:
        prev = ends[-2]
        seg = stripped[prev.end():last.end()].strip()
        if stripped[last.start()] == "?" and 2 <= len(seg.split()) <= 15:
            return prev.end() + (len(stripped[prev.end():]) - len(stripped[prev.end():].lstrip())), len(stripped)
        return None
    words = tail.split()
    if len(words) < 3 or len(words) > 40 or not (tail[:1].isupper() or tail[:1] in "\"“«"):
        return None
    if tail[-1] in ":;,)-–—\"”’»" or words[-1].lower() in _FUNCTION:
        return None
    if words[0] in starts:
        return None   # 'The identity of the victims ...': a sentence that lost its end, not a headline
    return start, len(stripped)


def _subtitle(line: str, starts: frozenset) -> tuple[int, int] | None:
    """Find the headline repeated, nearly word for word, as a subtitle right after it."""
    toks = [m for k, m in zip(range(60), _TOKEN.finditer(line))]
    texts = [m.group().lower().strip(".,;:!?") for m in toks]
    n = len(texts)
    best = None
    for i in range(0, min(n, 25)):
        for j in range(i + 4, min(n, 45)):
            k = 0
            while j + k < n and i + k < j and texts[i + k] == texts[j + k]:
                k += 1
            content = [w for w in texts[j:j + k] if w.strip("\"“”") not in _FUNCTION]
            if k >= 5 and len(content) >= 3 and (best is None or k > best[2]):
                best = (i, j, k)
    if best is None:
        return None
    i, j, k = best
    if _SENT_END.search(line, 0, toks[j].start()):
        return None   # the copy must come before the first sentence ends
    after = toks[j + k].group().strip("\"“«") if j + k < n else ""
    if after not in starts or texts[j + k - 1].strip("\"”»") in _FUNCTION:
        return None   # a first sentence that restates the headline goes on; a subtitle stops before a new one
    # the copy's own subject ('Finland says ...') opens it: one capitalised word before the repeat
    s = j - 1 if j - 1 > i + k and toks[j - 1].group()[:1].isupper() else j
    if not toks[s].group()[:1].isupper() or _SENT_END.search(line, toks[s].start(), toks[j + k - 1].end()):
        return None   # a subtitle is capitalised and has no full stop
    return toks[s].start(), toks[j + k - 1].end()


# ---- the registered checks ----------------------------------------------------------------------
def _report(doc, rule, options: RunInOptions, kinds):
    named = any(getattr(options, k) != getattr(_DEFAULTS, k) for k in _LISTS)
    cues = cues_for(options, rule.path.parent) if named else None
    for r in runins(doc, cues):
        if r.kind in kinds:
            s, e = r.start, r.end
            yield rule.finding(s, e, doc.prose[s:e], [""], values={"why": r.why}, data={"kind": r.kind})


@register("furniture", options=RunInOptions)
def furniture(doc, rule, options: RunInOptions):
    """Flag the run-in furniture of the kinds a rule names (options: kinds), with deletion as the fix."""
    return _report(doc, rule, options, set(options.kinds))
