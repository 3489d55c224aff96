"""Word-level checks: doubled words, and hyphens after -ly adverbs (read from the tagger's lexicon)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import NoCheckOptions, register


@dataclass(frozen=True)
class DoubledWordOptions:
    """The options of a rule of check words:doubled-word."""

    allowed: tuple[str, ...] = ()                 # words whose doubling is English ('had had', 'that that')
    names_that_are_words: tuple[str, ...] = ()    # given names that are also words: 'Will will', 'May may'


@register("doubled-word", scope="own-paragraph", options=DoubledWordOptions)
def doubled_word(doc, rule, options: DoubledWordOptions):
    """Flag a word repeated at once ('the the'); the finding covers both words and keeps the first."""
    allowed = {w.lower() for w in options.allowed}
    # given names that are also words: "Will will notice", "May may come" are a name and a verb
    name_words = {w.lower() for w in options.names_that_are_words}
    toks = doc.tokens
    prose = doc.prose
    # every word lower-cased in one call: a token holds no line break, which bounds a final sigma
    # as the end of a string does, so this is each word's own lower case
    low = "\n".join(toks.texts).lower().split("\n") if len(toks) else []
    for k in [k for k in range(1, len(low)) if low[k] == low[k - 1]]:
        prev, tok = toks[k - 1], toks[k]
        if low[k] in allowed or (low[k] in name_words and prev.text[:1].isupper()):
            continue
        gap = prose[prev.end:tok.start]
        if gap not in (" ", "\u00a0") or not tok.text.isalpha():
            continue
        if tok.end < len(prose) and prose[tok.end] in "-'’":
            continue
        if tok.text[:1].isupper() and not tok.text.isupper() and prev.text[:1].isupper() and \
                prev.start and not _sentence_end_before(prose, prev.start):
            continue   # "Dundee Dundee Stars": a capitalised name run inside a sentence, not a slip
        # both copies are the slip: an editor deletes either one, so the finding spans the pair
        yield rule.finding(prev.start, tok.end, prose[prev.start:tok.end], [prev.text], values={"word": tok.text})


def _sentence_end_before(prose: str, start: int) -> bool:
    """Tell whether only a sentence end (or nothing) comes before an offset, spaces and quotes aside."""
    i = start - 1
    while i >= 0 and prose[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or prose[i] in "\n\r.!?:"


_LY_COMPOUND = re.compile(r"(?<![\w-])([A-Za-z][a-z]+ly)-([a-z][a-z]+)(?![\w-])")


@register("ly-adverb-hyphen", scope="own-paragraph", options=NoCheckOptions)
def ly_adverb_hyphen(doc, rule, options):
    """Flag a hyphen after an adverb in -ly ('widely-used'): the adverb already modifies what follows.

    A word is an adverb when the tagger's lexicon reads it as nothing else, so adjectives in -ly
    ('friendly-fire', 'early-stage', 'family-run', 'daily-use') keep their hyphen.
    """
    from .. import tagger

    prose = doc.prose
    if "ly-" not in prose:
        return
    for m in _LY_COMPOUND.finditer(prose):
        tags, _lemmas = tagger.lexical(m.group(1).lower())
        if not tags or any(t != "RB" for t in tags):
            continue
        yield rule.finding(m.start(), m.end(), m.group(), [f"{m.group(1)} {m.group(2)}"],
                           values={"adverb": m.group(1), "word": m.group(2)})
