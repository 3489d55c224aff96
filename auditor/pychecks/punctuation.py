"""Quotation marks: unbalanced pairs, marks facing the wrong way, and mixed quote styles."""
from __future__ import annotations

import weakref
from bisect import bisect_right

from .. import regexcache as re   # regex, its compiled programs kept in the user cache

from ..incremental import TextMemo
from . import NoCheckOptions, register

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
    from .runin import boilerplate_spans

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


def _scan(seg: str, continues: bool):
    """Yield ('unclosed'|'stray'|'wrong', position, limit) for the curly double quotes of a paragraph
    (in its offsets); continues: the next paragraph opens with a quote."""
    opened = None
    typeset = False   # the open quotation began with « or „, which PU006 turns curly in the same pass
    for m in re.finditer(r"[“”«»„]", seg):
        i, mark = m.start(), m.group()
        if mark in "«„»":
            # typeset marks open and close quotations too, so that the pairing is the same before and
            # after their own fix makes them curly; nothing is reported on them here
            if mark == "»":
                opened, typeset = None, False
            elif opened is None:
                opened, typeset = i, True
            continue
        if typeset and opened is not None:
            if mark == OPEN and not _closer_shaped(seg, i):
                opened, typeset = i, False   # a new quotation inside or after the typeset one
            else:
                opened, typeset = None, False   # “ or ” closing a quotation that « or „ opened
            continue
        if mark == OPEN:
            if opened is None:
                opened = i
            elif _closer_shaped(seg, i):
                yield "wrong-close", i, None
                opened = None
            else:
                yield "unclosed", opened, i
                opened = i
        else:
            if opened is not None:
                opened = None
            elif _opener_shaped(seg, i):
                yield "wrong-open", i, None
                opened = i
            else:
                yield "stray", i, None
    if opened is not None and not typeset:
        if not continues or ATTRIBUTION.search(seg, opened):
            yield "unclosed", opened, len(seg)


def _quote_events(doc):
    """Yield (paragraph, what, position) for every curly-quote problem of an article."""
    if OPEN not in doc.prose and CLOSE not in doc.prose:
        return
    prose = doc.prose
    for para, nxt in _paragraphs(doc):
        key = (prose[para.start:para.end], nxt.lstrip()[:1] == OPEN)
        events = _SCANNED.take(key, _events, *key)
        for what, pos, limit in events:
            yield para, what, para.start + pos, None if limit is None else para.start + limit


# The quote events of a paragraph, by its text (and whether the next one opens with a quote): the two
# quote checks share them, and an edited article's unchanged paragraphs are not read again.
_SCANNED = TextMemo(2_048)   # paragraphs: an edited article of 2,000 words has about 40


def _events(seg: str, continues: bool) -> list[tuple[str, int, int | None]]:
    return list(_scan(seg, continues))


@register("unbalanced-quote", options=NoCheckOptions)
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


@register("wrong-way-quote", options=NoCheckOptions)
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


@register("mixed-quote-styles", options=NoCheckOptions)
def mixed_quote_styles(doc, rule, options):
    """Flag straight double quotes in an article that otherwise uses curly ones, or the reverse."""
    prose = doc.prose
    if STRAIGHT not in prose or (OPEN not in prose and CLOSE not in prose):
        return
    skip = _Spans(_skip_spans(doc))
    straight = [m.start() for m in re.finditer('"', prose) if not _inside(m.start(), skip)]
    curly = [m.start() for m in re.finditer("[“”]", prose) if not _inside(m.start(), skip)]
    # guillemets and low marks become curly quotes under their own fix, so they count with the curly
    # side: the majority is then the same before and after the fixes, and fixing settles in one pass
    typeset = sum(1 for m in _TYPESET_DOUBLE.finditer(prose) if not _inside(m.start(), skip))
    if not straight or not curly:
        return
    if len(curly) + typeset >= len(straight):
        for pos in straight:
            right = OPEN if _opener_shaped(prose, pos) else CLOSE
            yield rule.finding(pos, pos + 1, STRAIGHT, [right],
                               values={"style": "curly", "count": str(len(curly) + typeset)})
    else:
        for pos in curly:
            yield rule.finding(pos, pos + 1, prose[pos], [STRAIGHT],
                               values={"style": "straight", "count": str(len(straight))})


_TYPESET_DOUBLE = re.compile("[«»„]")


_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


@register("doubled-space", scope="own-paragraph", options=NoCheckOptions)
def doubled_space(doc, rule, options):
    """Flag runs of spaces between words in plain text (Markdown and HTML collapse them anyway)."""
    if doc.kind != "txt" or ("  " not in doc.prose and "\u00a0" not in doc.prose):  # two spaces need one of these
        return
    for m in _DOUBLE_SPACE.finditer(doc.prose):
        yield rule.finding(m.start(), m.end(), m.group(), [" "])


# ---- straight double quotes ------------------------------------------------------------------------
# Copy that came through machine translation or a plain-text export quotes with straight marks ("),
# and the pair is told apart by shape only: an opening mark follows a space or a bracket and touches a
# word; a closing one touches a word or a stop and is followed by a space or a stop.
_OPEN_BEFORE = " \t\n([{—–-/"
_CLOSE_AFTER = " \t\n.,;:!?)]}…—–-"


def _straight_role(text: str, i: int, lo: int, hi: int) -> str:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    opener = prev in _OPEN_BEFORE and not nxt.isspace()
    closer = not prev.isspace() and nxt in _CLOSE_AFTER
    if opener and not closer:
        return "open"
    if closer and not opener:
        return "close"
    return "either"


def straight_quote_events(doc):
    """Yield (what, start, end) for the straight double quotes of each paragraph outside boilerplate.

    what is 'stray' (a closing mark with nothing open), 'unclosed' (an opening mark never closed:
    start..end runs to the next mark or the paragraph's end), 'nested' (a quotation in double marks
    inside another one: start..end is the inner quotation) or 'dash-open' (a dialogue dash opens the
    quotation whose closing mark is stray: start..end is the dash).
    """
    prose = doc.prose
    if STRAIGHT not in prose:
        return
    cached = _EVENTS.get(doc)
    if cached is not None:
        yield from cached
        return
    out = []
    skip = _Spans(_skip_spans(doc))
    pending = None   # the 'unclosed' event of a quotation that may run on into a later paragraph
    first_para = None
    for para, nxt in _paragraphs(doc):
        lo, hi = para.start, para.end
        if first_para is None:
            first_para = lo
        marks = []
        i = prose.find(STRAIGHT, lo, hi)
        while i >= 0:
            if not _inside(i, skip):
                marks.append(i)
            i = prose.find(STRAIGHT, i + 1, hi)
        if not marks:
            continue
        if pending is not None:
            # a quotation over paragraphs whose later paragraphs do not reopen it (letters, long
            # quotes): the first mark after it closes it, and neither mark is reported
            if _straight_role(prose, marks[0], lo, hi) != "open":
                out.remove(pending)
                marks = marks[1:]
            pending = None
        stack: list[int] = []
        nested: list[tuple[int, int]] = []
        for k, i in enumerate(marks):
            role = _straight_role(prose, i, lo, hi)
            if role != "close" and i - 1 >= lo and (stack or prose[i + 1:i + 2] in ",.") \
                    and _MISPLACED_CLOSE.match(prose, i - 1):
                role = "close"   # a closing mark typed after the space: '..., "she explained.'
            if role == "either":
                role = "close" if stack else "open"
            if not stack and role == "close" and (prose[i - 1:i].isdigit() or _apostrophe(prose, i)):
                continue   # inches or seconds (12"), or a possessive apostrophe typed as a quote (Lakers" site)
            if role == "open" and stack and _after_sentence(prose, i, lo):
                # a quotation running over paragraphs whose breaks were lost: '... hospital. "We are ...'
                stack = [i]
                continue
            if role == "open":
                if len(stack) == 2:
                    out.append(("unclosed", stack[-1], i + 1))
                    stack.pop()
                stack.append(i)
            elif stack:
                start = stack.pop()
                if stack:
                    nested.append((start, i + 1))
            else:
                since = marks[k - 1] + 1 if k else lo   # the dash must open the text this mark closes
                dash = _DIALOGUE_DASH.search(prose, since, i)
                insert = _INSERTION.search(prose, since, i)
                if dash:
                    out.append(("dash-open", dash.start(), dash.end()))
                elif insert:
                    # an editor's [insertion] stands only inside a quotation: it opens with that sentence
                    out.append(("stray-from", _sentence_start(prose, insert.start(), since), i + 1))
                elif not (len(marks) == 1 and lo == first_para and not prose[i + 1:hi].strip()):
                    # (a lone closing mark ending the text's first paragraph closes what came before an excerpt)
                    out.append(("stray", i, i + 1))
        if stack:
            continues = nxt.lstrip()[:1] in (STRAIGHT, OPEN) and len(stack) == 1
            truncated = prose[lo:hi].rstrip().endswith(("...", "…"))   # an excerpt cut off mid-quotation
            if not continues and not truncated:
                # pairs inside a quotation that never closes were not nested: one of them holds its end
                first = stack[0]
                inside = [n for n in nested if n[0] > first]
                nested = [n for n in nested if n[0] < first]
                after = [j for j in marks if j > first]
                end = max([after[0] + 1 if after else hi] + [e for _, e in inside])
                out.append(("unclosed", first, end))
                if len(stack) == 1 and not inside:
                    pending = out[-1]
        out.extend(("nested", s, e) for s, e in nested)
    out.sort(key=lambda t: t[1])
    _EVENTS[doc] = out
    yield from out


_EVENTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

# a closing mark typed after a space, before the speaker: '(the country), "she explained.', '(the country) ", - she said'
_MISPLACED_CLOSE = re.compile(r'[ \t]"[,.]?[ \t]*(?:[-–—][ \t]+)?(?:he|she|they|we|it|the[ \t]+\p{Ll}+(?:[ \t]+\p{Ll}+)?)'
                              r'[ \t]+(?:said|says|added|explained|noted|stressed|told|wrote|commented|reported|quotes)\b')


_INSERTION = re.compile(r"\[\p{L}[^\[\]\n]{0,40}\]")


def _sentence_start(text: str, pos: int, lo: int) -> int:
    """Return where the sentence holding pos starts (not before lo)."""
    j = pos
    while j > lo and not (text[j - 1] in " \t\n" and j - 2 >= lo and text[j - 2] in ".!?…\n"):
        j -= 1
    return j


def _after_sentence(text: str, i: int, lo: int) -> bool:
    """Tell whether the mark at i follows the end of a sentence (a stop, then spaces)."""
    j = i
    while j > lo and text[j - 1] in " \t":
        j -= 1
    return j < i and j > lo and text[j - 1] in ".!?…"
_SAID = re.compile(r"[ \t]+(?:said|says|added|told|wrote|asked|explained|noted|stressed|commented)\b")


def _apostrophe(text: str, i: int) -> bool:
    """Tell whether a closing-shaped mark after a plural noun stands for a possessive apostrophe."""
    return text[i - 1:i] == "s" and text[i + 1:i + 2] == " " and text[i + 2:i + 3].isalpha() \
        and not _SAID.match(text, i + 1)
# a dash that opens direct speech, as Ukrainian and Russian print it: '... today. - Nothing is ...'
_DIALOGUE_DASH = re.compile(r"(?:^|(?<=\n)|(?<=[.!?…:][\"”]?[ \t]))[-–—](?=[ \t]\p{Lu})")


@register("straight-quotes", options=NoCheckOptions)
def straight_quotes(doc, rule, options):
    """Flag straight double quotes that do not pair up: stray closing marks and unclosed opening ones."""
    prose = doc.prose
    for what, s, e in straight_quote_events(doc):
        if what == "stray":
            yield rule.finding(s, e, STRAIGHT, [""], message="This closing quotation mark has no opening one; "
                               "the quotation's opening mark was probably lost.")
        elif what == "stray-from":
            yield rule.finding(s, e, prose[s:e], [STRAIGHT + prose[s:e]],
                               message="This quotation has a closing mark but no opening one; the editor's "
                                       "[insertion] in it shows it opens at this sentence.")
        elif what == "unclosed":
            yield rule.finding(s, e, prose[s:e], [], message="This opening quotation mark is never closed "
                               "before the next quotation mark or the paragraph's end.")


@register("nested-quotes", options=NoCheckOptions)
def nested_quotes(doc, rule, options):
    """Flag a quotation in double marks inside another: the inner one takes single marks."""
    prose = doc.prose
    for what, s, e in straight_quote_events(doc):
        if what == "nested":
            inner = prose[s + 1:e - 1]
            yield rule.finding(s, e, prose[s:e], ["‘" + inner + "’", "'" + inner + "'"])


@register("dialogue-dash", options=NoCheckOptions)
def dialogue_dash(doc, rule, options):
    """Flag the dash that opens or follows direct speech in Ukrainian and Russian copy."""
    prose = doc.prose
    for what, s, e in straight_quote_events(doc):
        if what == "dash-open":
            end = e + 1 if prose[e:e + 1] == " " else e
            yield rule.finding(s, end, prose[s:end], [STRAIGHT],
                               message="A dash opens this quotation, as Ukrainian and Russian print direct "
                                       "speech; English opens it with a quotation mark.")
    for m in _DASH_AFTER_QUOTE.finditer(prose):
        yield rule.finding(m.start(), m.end(), m.group(), [m.group(1)],
                           message="A dash after the quotation introduces the speaker, as Ukrainian and "
                                   "Russian print it; English needs only the quotation mark.")


_DASH_AFTER_QUOTE = re.compile(r"(?<=[,.!?…])([\"”])[ \t]+[-–—](?=[ \t]+(?:\p{Ll}|\p{Lu}\p{Ll}+[ \t]+\p{Ll}))")


# ---- brackets ---------------------------------------------------------------------------------------
_BRACKETS = re.compile(r"[()\[\]]")
_PAIR = {")": "(", "]": "["}
# a closing mark that is no bracket: a list label ('1)', 'b)', 'iv)'), an emoticon (':)', ';-)')
_LABEL = re.compile(r"(?:^|(?<=[\s(]))\w{1,3}$|[:;=8]-?$")
# code, addresses and markup whose brackets are not punctuation; an address stops before a bracket,
# so that '(see https://example.org)' still pairs
_BRACKET_MASK = re.compile(r"``.+?``|`[^`\n]+`|(?:https?://|www\.)[^\s()\[\]]+|\{[^{}\n]*\}|<[^<>\n]+>")
# a paragraph that ends a sentence (not an excerpt cut off by an ellipsis), and one that opens an excerpt
_COMPLETE = re.compile(r"(?<![.…])[.!?][\"”’'*_]*\s*$")
_EXCERPT = re.compile(r"\s*[\"“'‘]?\s*(?:\.\.\.|…)")


@register("unbalanced-bracket", options=NoCheckOptions)
def unbalanced_bracket(doc, rule, options):
    """Flag a parenthesis or square bracket that no partner closes or opens within its paragraph."""
    prose = doc.prose
    if "(" not in prose and ")" not in prose and "[" not in prose and "]" not in prose:
        return
    masked = _Spans(m.span() for m in _BRACKET_MASK.finditer(prose))
    for para, _nxt in _paragraphs(doc):
        lo, hi = para.start, para.end
        excerpt = bool(_EXCERPT.match(prose, lo, hi))   # '...) it said': the opening mark was cut off
        stack: list[tuple[str, int]] = []
        for m in _BRACKETS.finditer(prose, lo, hi):
            i, mark = m.start(), m.group()
            if i in masked:
                continue
            if mark in "([":
                stack.append((mark, i))
                continue
            opener = _PAIR[mark]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(s[0] == opener for s in stack):
                while stack[-1][0] != opener:   # '( [ )': the inner mark was never closed
                    yield _bracket_finding(rule, prose, stack.pop()[1], "unclosed")
                stack.pop()
            elif not excerpt and not _LABEL.search(prose, max(lo, i - 4), i):
                yield _bracket_finding(rule, prose, i, "stray")
        # an opening mark still open where a complete paragraph ends (a cut-off excerpt may close later)
        if stack and _COMPLETE.search(prose, lo, hi):
            for _mark, i in stack:
                yield _bracket_finding(rule, prose, i, "unclosed")


def _bracket_finding(rule, prose: str, i: int, what: str):
    mark = prose[i]
    if what == "stray":
        return rule.finding(i, i + 1, mark, [""], values={"mark": mark},
                            message=f"This '{mark}' closes nothing: no '{_PAIR[mark]}' opens before it in its paragraph.")
    return rule.finding(i, i + 1, mark, [], values={"mark": mark},
                        message=f"This '{mark}' is never closed in its paragraph.")
