"""Re-checking an edited article paragraph by paragraph: what the paragraph-scope checks found is kept.

A check of scope "own-paragraph" (CheckType.scope, PyCheck.scope) promises that a finding depends
only on the paragraph it starts in, and on the article's vocabulary through its rules' trigger words
alone; one of scope "paragraph" that it depends on that paragraph give or take the paragraphs either
side. Their findings on an article are then those of each paragraph checked alone (own-paragraph)
or in a window of that paragraph and its two neighbours (paragraph), kept where they start in the
paragraph. A window's findings are kept by the window's text: an edit re-checks the windows whose
text it changed (the edited paragraph; for scope paragraph its neighbours too) and moves the others'
findings to where their paragraph now starts.

A window starts at the start of a line that starts a paragraph and ends at the start of another (or
at the end): segment.paragraphs and segment.sentences split it as they split the article there.

A check of a paragraph scope may also read the whole article (PyCheck.context: the names an article
uses, say): it reads it through the window's `article`, and its windows are kept apart from the
others', by their text and that context.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from contextvars import ContextVar
from typing import TYPE_CHECKING

from . import segment
from .documents import Document
from .model import Finding

if TYPE_CHECKING:
    from .engine import Engine

Window = tuple[str | None, str, str | None] | str   # (previous, this, next paragraph), or this one alone
# a carriage return that ends a line by itself: a dot takes it, and the next line with it
_LONE_CR = re.compile(r"\r(?!\n)")

# True while articles kept between audits are audited (Engine.audit_articles: an editor's buffers).
# Checks may then remember what they found on a line by the line's text, for the article's next
# version; a batch of distinct articles gains little from that and would only hold the lines.
editing: ContextVar[bool] = ContextVar("editing", default=False)


class TextMemo(dict):
    """What a check made of one piece of an article (a line, a sentence, a paragraph), by its text.

    Kept only while `editing`, for the article's next version; otherwise take() just makes it.
    Emptied when it holds `size` pieces.
    """

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def take(self, key, make, *args):
        """The memo's value for key, made by make(*args) when it has none."""
        if not editing.get():
            return make(*args)
        got = self.get(key)
        if got is None:
            if len(self) >= self.size:
                self.clear()
            got = self[key] = make(*args)
        return got


def blocks(prose: str, lines, paragraphs) -> list[tuple[int, int]]:
    """Split prose at the start of each line that starts a paragraph (segment.paragraphs).

    The pieces cover the prose end to end (one keeps the blank lines after it, the first also those
    before it), so every offset falls in exactly one; each holds one paragraph.
    """
    starts = [ln.start for ln in lines]
    cuts = [0]
    for para in paragraphs[1:]:
        cut = starts[bisect_right(starts, para.start) - 1]
        if cut > cuts[-1]:
            cuts.append(cut)
    cuts.append(len(prose))
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]


class ParagraphMemo:
    """The paragraph-scope findings of an article's last version, by window, for one engine."""

    __slots__ = ("engine", "groups", "checked", "triggers", "lines", "window", "split")

    def __init__(self) -> None:
        self.engine: Engine | None = None
        # for each scope, each trigger word of the engine's rules of that scope: the rules' places in its list
        self.triggers: dict[str, dict[str, list[int]]] = {}
        # each group of checks: the context its windows were checked in, and their findings
        self.groups: dict[object, tuple[object, dict[Window, list[Finding]]]] = {}
        self.checked: dict[object, int] = {}   # each group: windows checked by the last call (the rest were reused)
        self.lines: dict[str, tuple] = {}   # each line of the last version: its tokens, their vocabulary, its words
        # the last window checked: (article, start, end, its document); the groups that check the same
        # stretch of one version share its sentences and tokens
        self.window: tuple | None = None
        # the version last split into paragraphs: [article, their spans, their texts, their neighbour keys]
        self.split: list | None = None

    def read(self, doc: Document) -> None:
        """Give doc its tokens and vocabulary from its lines', read again only where the text changed.

        A token never runs over a line break, so the article's tokens are its lines' one after the
        other, its vocabulary theirs together and its word count the sum of theirs; what Document
        would make, in less time. Where no carriage return ends a line, the lines (and where they
        start) are the pieces between line feeds.
        """
        if "tokens" in doc.__dict__:
            return
        starts: list[int] = []
        ends: list[int] = []
        texts: list[str] = []
        vocabularies = []
        words = 0
        known, kept = self.lines, {}
        pos = 0
        pieces = doc.prose.split("\n")
        if "\r" not in doc.prose:   # then the lines are the pieces between line feeds, as segment.lines has them
            starts_of = list(accumulate((len(p) + 1 for p in pieces[:-1]), initial=0))
            lines = list(map(segment.Span._make, zip(starts_of, map(int.__add__, starts_of, map(len, pieces)))))
            if len(lines) > 1 and not pieces[-1]:
                lines.pop()
            doc.__dict__["lines"] = lines
            if doc.prose_map is None:   # the prose is the text: where its lines start
                doc.__dict__["line_starts"] = starts_of
        for line in pieces:
            got = kept.get(line) or known.get(line)
            if got is None:
                toks = segment.tokens(line)
                got = (toks.starts, toks.ends, toks.texts, Document.vocabulary_of(toks.texts),
                       Document.count_words(toks.texts))
            kept[line] = got
            if got[2]:
                starts.extend(map(pos.__add__, got[0]))
                ends.extend(map(pos.__add__, got[1]))
                texts.extend(got[2])
                vocabularies.append(got[3])
                words += got[4]
            pos += len(line) + 1
        self.lines = kept
        doc.__dict__["tokens"] = segment.Tokens(starts, ends, texts)
        doc.__dict__["vocabulary"] = frozenset().union(*vocabularies)
        doc.__dict__["words"] = words

    def findings(self, engine: Engine, doc: Document, run, group: object, context: object = None,
                 near: bool = True) -> list[Finding]:
        """Return the paragraph-scope findings of doc in prose offsets; run(subdoc) checks one window.

        group: the checks run() runs: a scope (its context-free checks) or a rule code; context:
        what a rule reads of the whole article (PyCheck.context), None for a scope. near: each
        paragraph is checked with its neighbours (scope paragraph), else alone.
        """
        if engine is not self.engine:
            self.engine, self.groups = engine, {}
            self.triggers = {}
            for scope, (_checks, rules) in engine.windowed.items():
                words = self.triggers[scope] = {}
                for i, rule in enumerate(rules):
                    for word in rule.spec["trigger"]:
                        words.setdefault(word, []).append(i)
        prose = doc.prose
        split = self.split
        if split is None or split[0] is not doc:   # the groups of one version share its paragraphs
            spans = blocks(prose, doc.lines, doc.paragraphs)
            split = self.split = [doc, spans, [prose[s:e] for s, e in spans], None]
        _doc, spans, texts, near_keys = split
        if group in self.triggers:   # the rules of the scope the article's words trigger (their places)
            triggers = self.triggers[group]
            context = frozenset(i for word in doc.vocabulary.intersection(triggers) for i in triggers[word])
        if not near and "\r" in prose and _LONE_CR.search(prose):
            near = True   # a line that ends in a lone carriage return: a match may run on past it
        held = self.groups.get(group)
        windows = held[1] if held is not None and held[0] == context else {}   # a new context: all anew
        last = len(spans) - 1
        if near:
            if near_keys is None:
                near_keys = split[3] = [(texts[k - 1] if k else None, texts[k], texts[k + 1] if k < last else None)
                                        for k in range(len(spans))]
            keys: list[Window] = near_keys
        else:
            keys = texts
        kept: dict[Window, list[Finding]] = {}
        for key in keys:
            if key in windows:
                kept[key] = windows[key]
        missing = [k for k, key in enumerate(keys) if key not in kept]
        self.checked[group] = len(missing)
        # consecutive paragraphs to re-check are checked together (with one paragraph either side if near)
        reach = 1 if near else 0
        k = 0
        while k < len(missing):
            first = last_run = missing[k]
            while k + 1 < len(missing) and missing[k + 1] == last_run + 1:
                k += 1
                last_run = missing[k]
            k += 1
            lo = spans[max(0, first - reach)][0]
            hi = spans[min(last, last_run + reach)][1]
            ends = [spans[j][1] - lo for j in range(first, last_run + 1)]
            found: list[list[Finding]] = [[] for _ in ends]
            held = self.window
            if held is None or held[0] is not doc or held[1] != lo or held[2] != hi:
                held = self.window = (doc, lo, hi, _window(doc, lo, hi))
            for f in run(held[3]):
                j = bisect_right(ends, f.start)
                if j < len(ends) and f.start >= spans[first][0] - lo:
                    found[j].append(f)
            for j, fs in zip(range(first, last_run + 1), found):
                base = spans[j][0] - lo   # where the paragraph starts in the window
                kept[keys[j]] = [f.moved(f.start - base, f.end - base) if base else f for f in fs]
        out: list[Finding] = []
        for (start, _end), key in zip(spans, keys):
            out.extend(f.moved(f.start + start, f.end + start) if start else f for f in kept[key])
        self.groups[group] = (context, kept)
        return out


def _window(doc: Document, lo: int, hi: int) -> Document:
    """A document of prose[lo:hi] that reads the whole article's vocabulary (for rule triggers) and
    holds the whole article (for checks that read its context)."""
    text = doc.prose[lo:hi]
    sub = Document(path=doc.path, text=text, kind=doc.kind, prose=text, meta=doc.meta)
    sub.__dict__["vocabulary"] = doc.vocabulary
    sub.__dict__["article"] = doc.article
    return sub
