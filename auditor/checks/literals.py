"""Literal words a pattern cannot match without, found once so most articles skip most patterns."""
from __future__ import annotations

import re
import re._parser as sre_parse
import warnings
from re._constants import (ASSERT, ATOMIC_GROUP, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT,
                           POSSESSIVE_REPEAT, SUBPATTERN)

from ..documents import _FOLD

_CASE_BLIND = str.maketrans({"ſ": "s", "İ": "i", "ı": "i"})
MIN_LENGTH = 3  # shorter literals are in nearly every article: testing them costs more than it saves
# The regex module accepts a group name twice; names do not matter for literals.
_NAMED = re.compile(r"(?<!\\)\(\?P?<(?=[A-Za-z_])\w+>")
# Syntax the standard parser would read differently from the regex module (POSIX classes, fuzzy
# matching, \p{..} and other regex-only escapes, verbose mode): no prefilter for these.
_UNSAFE = re.compile(r"\[:|\{(?![\d,]*\})|\\[pPXmMLGKQEVhN]|\(\?[a-zA-Z]*x")


def _char(op, av) -> str | None:
    """The folded ASCII character an item always matches (a literal or [Cc]), else None."""
    if op is LITERAL:
        chars = {chr(av).lower().translate(_FOLD)}
    elif op is IN and av and all(o is LITERAL for o, _ in av):
        chars = {chr(a).lower().translate(_FOLD) for _, a in av}
    else:
        return None
    if len(chars) != 1:
        return None
    c = chars.pop()
    return c if len(c) == 1 and c.isascii() else None


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _required(seq) -> set[str] | None:
    """A set of strings one of which every match contains (None when there is none)."""
    best, run = None, ""
    for op, av in seq:
        c = _char(op, av)
        if c is not None:
            run += c
            continue
        if run:
            best, run = _better(best, {run}), ""
        found = None
        if op is SUBPATTERN:
            found = _required(av[-1])
        elif op is BRANCH:
            alternatives = [_required(b) for b in av[1]]
            if all(a is not None for a in alternatives):
                found = set().union(*alternatives)
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            found = _required(av[2]) if av[0] >= 1 else None
        elif op is ASSERT:  # a positive look-around: its text is in the article too
            found = _required(av[1])
        elif op is ATOMIC_GROUP:
            found = _required(av)
        best = _better(best, found)
    if run:
        best = _better(best, {run})
    return best


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-cased, folded strings one of which any match of pattern contains; None if unknown.

    Sound for the regex module with or without IGNORECASE: literals are ASCII, and the text they
    are looked for in (search_text) is lower-cased and folded the same way.
    """
    if _UNSAFE.search(pattern):
        return None
    try:
        with warnings.catch_warnings():  # "possible nested set" and the like: literal in both
            warnings.simplefilter("ignore")
            tree = sre_parse.parse(_NAMED.sub("(?:", pattern))
    except Exception:  # regex-only syntax: the pattern always runs
        return None
    found = _required(list(tree))
    if not found or min(map(len, found)) < MIN_LENGTH:
        return None
    # a string holding another one adds nothing
    kept = [s for s in found if not any(o != s and o in s for o in found)]
    return tuple(sorted(kept))


def search_text(doc) -> str:
    """The article lower-cased and folded; the letters a case-blind regex takes for ASCII ones mapped."""
    text = doc.folded
    if "ſ" in text or "İ" in text or "ı" in text:  # long s; dotted capital and dotless small i
        text = text.translate(_CASE_BLIND)
    return text
