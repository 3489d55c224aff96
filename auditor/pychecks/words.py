"""Word-level checks that need no lexicon."""
from __future__ import annotations

from . import register


@register("doubled-word")
def doubled_word(doc, rule, options):
    """Flag a word repeated at once ('the the'); the finding covers the space and the repeat."""
    allowed = {w.lower() for w in options.get("allowed", ())}
    toks = doc.tokens
    prose = doc.prose
    for prev, tok in zip(toks, toks[1:]):
        if tok.text.lower() != prev.text.lower() or tok.text.lower() in allowed:
            continue
        gap = prose[prev.end:tok.start]
        if gap not in (" ", "\u00a0") or not tok.text.isalpha():
            continue
        if tok.end < len(prose) and prose[tok.end] in "-'’":
            continue
        yield rule.finding(prev.end, tok.end, prose[prev.end:tok.end], [""], values={"word": tok.text})
