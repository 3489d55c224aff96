"""Literal strings a pattern cannot match without, looked for in one pass so most articles skip most patterns."""
from __future__ import annotations

import re
import re._parser as sre_parse
import warnings
from functools import lru_cache
from operator import itemgetter
from typing import Callable
from re._constants import (ASSERT, ASSERT_NOT, AT, ATOMIC_GROUP, BRANCH, CATEGORY, CATEGORY_DIGIT,
                           CATEGORY_SPACE, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, RANGE,
                           SRE_FLAG_IGNORECASE, SUBPATTERN)

import regex

from ..documents import _FOLD
from ..memo import WORDS

_CASE_BLIND = str.maketrans({"ſ": "s", "İ": "i", "ı": "i"})
# What the regex module's \d matches, every digit of every script: case-kept text and literals write it 0.
_DIGIT = regex.compile(r"\d")
# What its \s matches besides the space: both searched texts and the literals write it as a space.
_SPACE = regex.compile(r"[^\S ]")
MAX_RARITY = 0.03  # commoner literal sets (one common word: "the ") cost more to look for than they save
MAX_SET = 1024  # literal sets grow by product ([Aa]n? (?:x|y)...): beyond this a run is cut
_COMMON_MARKS = ".,'\"-"
_TOKEN = re.compile(r"[A-Za-z]+|.", re.DOTALL)
_COMMON_WORDS = frozenset("""about after against all also among an and any are around as at be been before
between but by can could did do does during for from had has have he her his how if in into is it its
last more most new no not of on one or other our out over said she since so some than that the their
them then there these they this those through to under until up was we were what when which while who
will with would you""".split())
_COMMON_WORDS |= {w.capitalize() for w in _COMMON_WORDS}
# The regex module accepts a group name twice; names do not matter for literals.
_NAMED = re.compile(r"(?<!\\)\(\?P?<(?=[A-Za-z_])\w+>")
# \p{..} classes mean nothing to the standard parser; any non-literal item stands in for them.
_PROPERTY = re.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])|\\.", re.DOTALL)
_REVERSE = re.compile(r"^\(\?r\)")
# Syntax the standard parser would read differently from the regex module (POSIX classes, fuzzy
# matching, regex-only escapes, verbose mode): no prefilter for these.
_UNSAFE = re.compile(r"\[:\^?\w+:\]|\{(?![\d,]*\})|\\[XmMLGKQEVhN]|\(\?[a-zA-Z]*x")


@lru_cache(maxsize=4096)
def _fold(c: str, ignore_case: bool, keep_case: bool) -> str | None:
    """The character the searched text holds wherever the pattern's character c matches; None if unsure.

    Spaces of every kind are searched for as " ". keep_case: the text is plain_text (case kept, digits 0),
    for case-sensitive patterns. Otherwise it is
    search_text (lower-cased), where ASCII and caseless characters are safe either way and other
    letters only in case-sensitive parts (a case-blind regex matches letters whose lower case
    differs), never sigma, the one letter whose lower case depends on the next one.
    """
    if _SPACE.match(c):
        return " "
    caseless = c.lower() == c == c.upper() and c.casefold() == c
    if keep_case:
        if _DIGIT.match(c):
            return "0"
        return c.translate(_FOLD) if caseless or not ignore_case else None
    if c.isascii() or caseless:
        return c.lower().translate(_FOLD)
    if ignore_case or len(c.lower()) != 1 or c in "Σσς":
        return None
    return c.lower().translate(_FOLD).translate(_CASE_BLIND)


class _Deriver:
    """Walks a parsed pattern for the strings every match, or the text around it, must hold."""

    def __init__(self, keep_case: bool):
        self.keep_case = keep_case

    def chars(self, av, ignore_case: bool) -> set[str] | None:
        """The folded characters a class of literals and small ranges matches."""
        chars: set[str] = set()
        for op, arg in av:
            if op is LITERAL:
                codes = (arg,)
            elif op is RANGE and arg[1] - arg[0] < MAX_SET:
                codes = range(arg[0], arg[1] + 1)
            elif op is CATEGORY and arg is CATEGORY_DIGIT and self.keep_case:
                codes = (ord("0"),)
            elif op is CATEGORY and arg is CATEGORY_SPACE:
                codes = (ord(" "),)
            else:  # NEGATE, other categories, a large range
                return None
            for code in codes:
                c = _fold(chr(code), ignore_case, self.keep_case)
                if c is None:
                    return None
                chars.add(c)
        return chars if len(chars) <= MAX_SET else None

    def exact(self, op, av, ignore_case: bool) -> set[str] | None:
        """The few strings an item matches exactly (zero-width items match ""); None if not few."""
        if op is LITERAL:
            c = _fold(chr(av), ignore_case, self.keep_case)
            return None if c is None else {c}
        if op is IN:
            return self.chars(av, ignore_case)
        if op in (AT, ASSERT_NOT):  # a positive look-around is left to required(), which uses its text
            return {""}
        if op is SUBPATTERN:
            return self.exact_seq(av[-1], ignore_case or bool(av[1] & SRE_FLAG_IGNORECASE))
        if op is BRANCH:
            found: set[str] = set()
            for branch in av[1]:
                strings = self.exact_seq(branch, ignore_case)
                if strings is None:
                    return None
                found |= strings
            return found if len(found) <= MAX_SET else None
        if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[1] <= 3 and av[0] in (0, av[1]):
            once = self.exact_seq(av[2], ignore_case)
            if once is None:
                return None
            if av[0] == 0:  # x? only: longer optional runs are not few
                return once | {""} if av[1] == 1 else None
            strings = {""}
            for _ in range(av[1]):
                strings = _product(strings, once)
                if strings is None:
                    return None
            return strings
        return None

    def exact_seq(self, seq, ignore_case: bool) -> set[str] | None:
        strings = {""}
        for op, av in seq:
            item = self.exact(op, av, ignore_case)
            if item is None:
                return None
            strings = _product(strings, item)
            if strings is None:
                return None
        return strings

    def required(self, seq, ignore_case: bool) -> set[str] | None:
        """A set of strings one of which the text holds wherever seq matches (None when unknown)."""
        return self.walk(seq, ignore_case)[0]

    def walk(self, seq, ignore_case: bool):
        """(required, lead, tail): the required strings, and the few strings every match of seq starts
        and ends with ({""} when none), so that a sequence around it can join them to its own."""
        best, run, lead = None, {""}, None
        for op, av in seq:
            if op is ASSERT:  # a positive look-around: its text is in the article too
                found, head, tail = self.walk(av[1], ignore_case)
                best = _better(best, found)
                if av[0] == 1 and head:  # what follows the run starts with head: one string
                    best = _better(best, _product(run, head))
                elif av[0] != 1 and tail and run == {""}:  # what precedes ends with tail: it starts the run
                    lead = {""} if lead is None else lead
                    run = tail
                continue
            item = self.exact(op, av, ignore_case)
            if item is not None:
                longer = _product(run, item)
                if longer is not None:
                    run = longer
                    continue
                lead = run if lead is None else lead
                best, run = _better(best, run), item  # too many strings: cut the run here
                continue
            found, head, tail = None, None, None
            if op is SUBPATTERN:
                found, head, tail = self.walk(av[-1], ignore_case or bool(av[1] & SRE_FLAG_IGNORECASE))
            elif op is ATOMIC_GROUP:
                found, head, tail = self.walk(av, ignore_case)
            elif op is BRANCH:
                walks = [self.walk(b, ignore_case) for b in av[1]]
                if all(w[0] is not None for w in walks):
                    found = set().union(*(w[0] for w in walks))
                head = _union(w[1] for w in walks)
                tail = _union(w[2] for w in walks)
            elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
                # x{2,} holds x twice after the run, and the run goes on after the last x
                once = self.exact_seq(av[2], ignore_case) if av[0] <= 3 else None
                if once is not None:
                    head = {""}
                    for _ in range(av[0]):
                        head = _product(head, once) if head is not None else None
                    found, tail = None, once
                else:
                    found, head, tail = self.walk(av[2], ignore_case)
            lead = run if lead is None else lead
            best = _better(_better(best, run), found)
            if head:
                best = _better(best, _product(run, head))
            run = tail or {""}
        if lead is None:
            lead = run
        return _better(best, run), lead, run


def _union(sets) -> set[str] | None:
    """All strings of several sets, or None if one is unknown or they are too many."""
    out: set[str] = set()
    for strings in sets:
        if strings is None:
            return None
        out |= strings
    return out if len(out) <= MAX_SET else None


def _product(a: set[str], b: set[str]) -> set[str] | None:
    if len(a) * len(b) > MAX_SET:
        return None
    return {x + y for x in a for y in b}


@lru_cache(maxsize=WORDS)
def _frequency(s: str) -> float:
    """A rough chance of finding s at a given place in English news copy.

    A common word counts 1/100, other letters 1/20 (capitals 1/50), digits 1/5, common marks 1/20,
    non-ASCII letters 1/1000, other characters 1/300, a space 1/2.
    """
    chance = 1.0
    for token in _TOKEN.findall(s):
        if token in _COMMON_WORDS:
            chance *= 0.01
        elif token.isascii() and token.isalpha():
            for c in token:
                chance *= 0.02 if c.isupper() else 0.05
        elif token == " ":
            chance *= 0.5
        else:
            chance *= 0.2 if token.isdigit() else 0.05 if token in _COMMON_MARKS else \
                0.001 if token.isalpha() else 1 / 300
    return chance


def _minimal(strings: set[str]) -> list[str]:
    """The strings holding no other one: "chef of" adds nothing beside "chef"."""
    if "" in strings:
        return [""]
    if len(strings) < 32:
        kept: list[str] = []
        for s in sorted(strings, key=len):
            if not any(k in s for k in kept):
                kept.append(s)
        return kept
    import ahocorasick  # many strings: one automaton finds every string inside every other

    automaton = ahocorasick.Automaton()
    for s in strings:
        automaton.add_word(s, s)
    automaton.make_automaton()
    return [s for s in strings if all(found == s for _, found in automaton.iter(s))]


def _rarity(strings: set[str]) -> float:
    return sum(map(_frequency, _minimal(strings)))


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if not a or not b:
        return a if not b else b
    # plain sums: a string holding another only overstates a set's chance, and minimal sets cost n**2
    return min(a, b, key=lambda s: (sum(map(_frequency, s)), len(s)))


def prefilter(pattern: str, ignore_case: bool) -> tuple[bool, tuple[str, ...] | None]:
    """Whether a pattern's literals are looked for in plain_text (case kept), and the literals.

    Case-sensitive patterns look in plain_text (in search_text when only their case-blind reading
    gives literals, as where (?i:...) groups hold every rare word); others in search_text. The
    literals are strings one of which the text holds wherever the pattern matches (None if unknown
    or too common): sound for the regex module, see _fold. A pattern in verbose mode is read
    without its spaces and comments where the regex module shows that to be the same pattern.
    """
    tree = parsed(pattern, ignore_case)   # \p{..} classes only end literal runs
    if tree is None:   # regex-only syntax: the pattern always runs
        return False, None
    keep_case = not (ignore_case or tree.state.flags & SRE_FLAG_IGNORECASE)
    found = _Deriver(keep_case).required(list(tree), not keep_case)
    if keep_case and (not found or _rarity(found) > MAX_RARITY):
        # letters under (?i:...) end a case-kept literal; search_text holds the lower case of whatever a
        # case-sensitive match matched, so the literals read case-blind hold for it too
        blind = _Deriver(False).required(list(tree), True)
        if blind and _rarity(blind) <= MAX_RARITY:
            return False, tuple(sorted(_minimal(blind)))
    if not found or _rarity(found) > MAX_RARITY:
        return keep_case, None
    return keep_case, tuple(sorted(_minimal(found)))


_VERBOSE_START = re.compile(r"\(\?([a-zA-Z]*)x([a-zA-Z]*)\)")
_VERBOSE_SPACE = frozenset(" \t\n\r\f\v")


def _word_class(_escape: str) -> str:
    return r"\w"


def parsed(pattern: str, ignore_case: bool, property_class: Callable[[str], str] = _word_class):
    """The standard parser's reading of a rule's pattern, or None where only the regex module reads it.

    A verbose pattern is read without its spaces and comments where that is the same pattern
    (_spaces_removed), a reverse search ((?r)) as a forward one (it finds the same strings), named
    groups as plain ones, and each \\p{..} class as the class property_class(escape) gives (\\w unless
    told). prefilter (the literals) and reach.within_line (whether a match stays on its line) read it.
    """
    pattern = _spaces_removed(pattern, ignore_case)
    source = _PROPERTY.sub(lambda m: property_class(m.group()) if m.group()[1] in "pP" else m.group(),
                           _REVERSE.sub("", pattern))
    if _UNSAFE.search(source):
        return None
    try:
        with warnings.catch_warnings():  # "possible nested set" and the like: literal in both
            warnings.simplefilter("ignore")
            return sre_parse.parse(_NAMED.sub("(?:", source))
    except Exception:  # regex-only syntax
        return None


@lru_cache(maxsize=1024)   # prefilter and reach.within_line both read a pattern: its programs compiled once
def _spaces_removed(pattern: str, ignore_case: bool) -> str:
    """A pattern that opens in verbose mode ((?x)) written without it: its spaces and comments left out.

    Kept only when the regex module compiles both to the same program (so they match alike); otherwise
    the pattern itself, for which prefilter finds no literals.
    """
    lead = _VERBOSE_START.match(pattern)
    if not lead:
        return pattern
    out = [f"(?{lead.group(1)}{lead.group(2)})" if lead.group(1) or lead.group(2) else ""]
    i, n, in_class = lead.end(), len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":   # an escape, as it is
            out.append(pattern[i:i + 2])
            i += 2
        elif in_class:
            out.append(c)
            in_class = c != "]"
            i += 1
        elif c == "[":   # a set: spaces count; a ] first (or after ^) is a member
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            j += pattern[j:j + 1] == "]"
            out.append(pattern[i:j])
            in_class, i = True, j
        elif c in _VERBOSE_SPACE:
            i += 1
        elif c == "#":   # a comment, to the end of its line
            end = pattern.find("\n", i)
            i = n if end < 0 else end
        else:
            out.append(c)
            i += 1
    plain = "".join(out)
    from .. import regexcache

    flags = int(regex.IGNORECASE if ignore_case else 0) | int(regex.MULTILINE)
    try:
        kept = regexcache.program(plain, flags)
        same = kept is not None and kept == regexcache.program(pattern, flags)
    except Exception:   # it does not compile (the rule's own check says why): no literals
        return pattern
    return plain if same else pattern


def required_literals(pattern: str, ignore_case: bool = True) -> tuple[str, ...] | None:
    """Strings one of which the text (plain_text if the pattern is case-sensitive, else search_text) holds."""
    return prefilter(pattern, ignore_case)[1]


def plain_text(doc) -> str:
    """Document.plain with every digit written 0 and every space a plain one: where case-sensitive rules'
    literals are looked for."""
    return _DIGIT.sub("0", _SPACE.sub(" ", doc.plain))


def search_text(doc) -> str:
    """The article lower-cased and folded, every space a plain one; the letters a case-blind regex takes
    for ASCII ones mapped."""
    text = _SPACE.sub(" ", doc.folded)
    if "ſ" in text or "İ" in text or "ı" in text:  # long s; dotted capital and dotless small i
        text = text.translate(_CASE_BLIND)
    return text


class LiteralIndex:
    """Aho-Corasick automata over every rule's literals: one pass over an article says which rules may match.

    One automaton looks in search_text (case-blind rules), one in plain_text (case-sensitive rules).
    """

    def __init__(self, prefilters: list[tuple[bool, tuple[str, ...] | None]]):
        self.always = frozenset(i for i, (_, lits) in enumerate(prefilters) if not lits)
        # a literal's first LOOKED_FOR characters occur wherever it does: the phrases a pattern spells out
        # in full ("a complex of additional measures") share a few starts, and the automata shrink to a
        # quarter (a quarter of the time to read them at start-up) for a tenth more candidates
        prefilters = [(keep_case, tuple(dict.fromkeys(lit[:LOOKED_FOR] for lit in lits)) if lits else lits)
                      for keep_case, lits in prefilters]
        self.automata: dict[bool, object] = _kept_automata(prefilters)

    def candidates(self, doc) -> list[int]:
        """Indices, in order, of the rules whose literals occur in the article (or that have none)."""
        found = set(self.always)
        for keep_case, automaton in self.automata.items():
            text = plain_text(doc) if keep_case else search_text(doc)
            # the hits' owner tuples, de-duplicated in C before the Python loop
            for indices in set(map(itemgetter(1), automaton.iter(text))):
                found.update(indices)
        return sorted(found)


KEPT_AUTOMATA = 4   # the user cache keeps the automata of this many rule selections
LOOKED_FOR = 12     # characters of each literal the automata hold


def _build_automata(prefilters) -> dict:
    import ahocorasick

    automata = {}
    for keep_case in (False, True):
        owners: dict[str, list[int]] = {}
        for i, (kept, lits) in enumerate(prefilters):
            if kept == keep_case:
                for lit in lits or ():
                    owners.setdefault(lit, []).append(i)
        if owners:
            automaton = ahocorasick.Automaton()
            for lit, indices in owners.items():
                automaton.add_word(lit, tuple(indices))
            automaton.make_automaton()
            automata[keep_case] = automaton
    return automata


def _kept_automata(prefilters) -> dict:
    """The automata of a list of prefilters, unpickled from the user cache (a third of the time it takes
    to build them from some 30,000 literals), built and kept there the first time."""
    import hashlib
    import marshal
    import os
    import pickle

    from ..mapped import stamp
    from ..usercache import cache_dir

    where = cache_dir()
    if where is None:
        return _build_automata(prefilters)
    # marshal's format 2 (no shared references) writes equal lists alike, and faster than repr
    key = hashlib.sha1(marshal.dumps(("literal automata 2", stamp("ahocorasick"), prefilters), 2)).hexdigest()[:16]
    path = where / f"literals-{key}.pickle"
    try:
        automata = pickle.loads(path.read_bytes())
        if isinstance(automata, dict):
            return automata
    except Exception:   # not kept yet, or damaged: build it again
        pass
    automata = _build_automata(prefilters)
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(automata, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
        kept = sorted(where.glob("literals-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEPT_AUTOMATA:]:
            old.unlink(missing_ok=True)
    except OSError:   # a read-only home: no cache, no harm
        pass
    return automata
