"""How far a pattern reads: whether a match, or what it looks at, may run past a line feed."""
from __future__ import annotations

from functools import lru_cache

import regex
from re._constants import (ANY, ASSERT, ASSERT_NOT, AT, AT_BEGINNING_STRING, AT_END_STRING, ATOMIC_GROUP, BRANCH,
                           CATEGORY, CATEGORY_DIGIT, CATEGORY_NOT_DIGIT, CATEGORY_NOT_SPACE, CATEGORY_NOT_WORD,
                           CATEGORY_SPACE, CATEGORY_WORD, GROUPREF, GROUPREF_EXISTS, IN, LITERAL, MAX_REPEAT,
                           MIN_REPEAT, NEGATE, NOT_LITERAL, POSSESSIVE_REPEAT, RANGE, SRE_FLAG_DOTALL,
                           SRE_FLAG_MULTILINE, SUBPATTERN)

from .literals import parsed

_LF = ord("\n")
# the categories that do not hold a line feed, and those that do
_NO_LF = frozenset({CATEGORY_DIGIT, CATEGORY_NOT_SPACE, CATEGORY_WORD})
_LF_TOO = frozenset({CATEGORY_NOT_DIGIT, CATEGORY_SPACE, CATEGORY_NOT_WORD})


@lru_cache(maxsize=None)
def _stand_in(escape: str) -> str:
    r"""A class the standard parser reads that holds a line feed exactly when a \p{..} class does."""
    return r"\W" if regex.match(escape, "\n") else r"\w"


def within_line(pattern: str, ignore_case: bool = False) -> bool:
    r"""Tell whether every match of a pattern, and all it looks at, lies between two line feeds.

    Nothing such a pattern takes or looks around at is a line feed, and it never asks where the
    text starts or ends (\A, \Z); ^ and $ stand at line ends (the checks compile with MULTILINE).
    It finds in an article the matches it finds in each stretch of whole lines of it apart, so long
    as no line ends in a lone carriage return (a dot takes one). A pattern in syntax that only the
    regex module reads, or that this reading does not know, is taken to run on.
    """
    try:
        tree = parsed(pattern, ignore_case, _stand_in)
    except regex.error:   # an unknown property: the rule's own check says so
        return False
    return tree is not None and not _reads_past(list(tree), bool(tree.state.flags & SRE_FLAG_DOTALL))


def _reads_past(seq, dotall: bool) -> bool:
    """Whether an item of a parsed sequence may take or look at a line feed, or the text's ends."""
    for op, av in seq:
        if op is LITERAL:
            past = av == _LF
        elif op is NOT_LITERAL:
            past = av != _LF
        elif op is ANY:
            past = dotall
        elif op is IN:
            past = _holds_lf(av)
        elif op is CATEGORY:
            past = av not in _NO_LF
        elif op is AT:
            past = av in (AT_BEGINNING_STRING, AT_END_STRING)
        elif op in (ASSERT, ASSERT_NOT):
            past = _reads_past(av[1], dotall)
        elif op is SUBPATTERN:   # (group, flags set, flags cleared, sequence); without MULTILINE ^ is \A
            _group, added, cleared, inner = av
            past = bool(cleared & SRE_FLAG_MULTILINE) or _reads_past(
                inner, (dotall or bool(added & SRE_FLAG_DOTALL)) and not cleared & SRE_FLAG_DOTALL)
        elif op is BRANCH:
            past = any(_reads_past(branch, dotall) for branch in av[1])
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            past = _reads_past(av[2], dotall)
        elif op is ATOMIC_GROUP:
            past = _reads_past(av, dotall)
        elif op is GROUPREF_EXISTS:
            past = _reads_past(av[1], dotall) or (av[2] is not None and _reads_past(av[2], dotall))
        else:   # a back reference takes what its group took; anything else is not known here
            past = op is not GROUPREF
        if past:
            return True
    return False


def _holds_lf(items) -> bool:
    """Whether a character class holds a line feed."""
    negated = held = False
    for op, av in items:
        if op is NEGATE:
            negated = True
        elif op is LITERAL:
            held |= av == _LF
        elif op is RANGE:
            held |= av[0] <= _LF <= av[1]
        elif op is CATEGORY and av in _LF_TOO:
            held = True
        elif not (op is CATEGORY and av in _NO_LF):
            return True   # not known here
    return held != negated
