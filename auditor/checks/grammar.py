"""Grammar rules: sequences of token tests over words, lemmas and part-of-speech readings.

A rule lists ``tokens`` to match in order; each test may name ``word``, ``lemma``, ``regex``,
``tag`` (a Penn tag regex that one of the token's readings matches), ``tag_only`` (one all its
readings match), ``not`` (a test the token must fail), ``optional`` and ``skip`` (up to N tokens
before it). ``mark`` picks the tokens the finding covers, ``antipatterns`` are token sequences
that silence a match they overlap, and ``suggest`` templates build replacements from the
matched tokens, ``{2}`` for the third token's text and ``{2|VBZ}`` for its lemma inflected
(lemminflect). Sentences are tagged only where some rule's anchor word (its first literal
word or lemma) occurs.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..documents import Document
from ..errors import RulePackError
from ..memo import WORDS
from ..model import Finding
from ..rule import NoSuggestion, Rule, match_case
from .. import tagger
from .base import CheckType, Guards, rule_regex, triggered

_TEMPLATE = re.compile(r"\{(\d+(?:,\d+)*)((?:\|[A-Za-z0-9_$-]+)*)\}")
_SPACES = re.compile(r"  +")
_VOWEL_SOUND = re.compile(
    r"(?i)(?:[aeio]|u(?![nr][aeiou]|s[aeiu]|ni|tr|ku|bi|ro|kr)|8|11(?!\d)|18(?!\d{2})|hon(?:est|our|or)|heir"
    r"|[fhlmnrsx](?=[A-Z]*$|[.-]|\d))"
)


class TokenTest:
    """One position of a pattern."""

    __slots__ = ("words", "lemmas", "regex", "tag", "tag_only", "negated", "optional", "skip", "case", "first", "same_lemma",
                 "_tags_pass", "_memo")

    def __init__(self, rule: Rule, spec: dict, where: str):
        self.case = bool(spec.get("case", False))
        words = _as_list(spec.get("word"))
        self.words = frozenset(words if self.case else (w.lower() for w in words)) or None
        self.lemmas = frozenset(_as_list(spec.get("lemma"))) or None
        self.regex = _compile(rule, spec.get("regex"), where + " regex", not self.case)
        self.tag = _compile(rule, spec.get("tag"), where + " tag", False)
        self.tag_only = _compile(rule, spec.get("tag_only"), where + " tag_only", False)
        negated = spec.get("not") or []
        self.negated = [TokenTest(rule, n, f"{where} not {i}")
                        for i, n in enumerate(negated if isinstance(negated, list) else [negated])] or None
        self.optional = bool(spec.get("optional", False))
        self.skip = int(spec.get("skip", 0))
        self.first = bool(spec.get("first", False))
        self.same_lemma = spec.get("same_lemma")
        # a token's set of readings -> whether tag and tag_only accept it (the sets are few: each is judged once)
        self._tags_pass: dict[frozenset, bool] = {}
        # a test that reads no lemma (nor do its negations) judges a token by its text and readings alone:
        # each (text, readings) pair is judged once (_verdict), unless a word list settles it at once
        self._memo = self.words is None and not self._reads_lemmas() and \
            (self.regex is not None or self.tag is not None or self.tag_only is not None or bool(self.negated))

    def _reads_lemmas(self) -> bool:
        return self.lemmas is not None or any(n._reads_lemmas() for n in self.negated or ())

    def __call__(self, tok: tagger.Token) -> bool:
        return _verdict(self, tok.text, tok.tags) if self._memo else self._test(tok)

    def _test(self, tok: tagger.Token) -> bool:
        if self.words is not None and (tok.text if self.case else tok.lower) not in self.words:
            return False
        if self.lemmas is not None and tok.lower not in self.lemmas \
                and not any(v in self.lemmas for v in tok.lemmas.values()):
            return False
        if self.regex is not None and not self.regex.fullmatch(tok.text):
            return False
        if self.tag is not None or self.tag_only is not None:
            ok = self._tags_pass.get(tok.tags)
            if ok is None:
                ok = self._tags_pass[tok.tags] = \
                    (self.tag is None or any(self.tag.fullmatch(t) for t in tok.tags)) and \
                    (self.tag_only is None or all(self.tag_only.fullmatch(t) for t in tok.tags))
            if not ok:
                return False
        if self.negated is not None and any(n(tok) for n in self.negated):
            return False
        return True

    def anchors(self) -> frozenset | None:
        """Lower-case words a token must be for this test to pass, or None for any."""
        if self.words is not None:
            return frozenset(w.lower() for w in self.words)
        if self.lemmas is not None:
            forms = set(self.lemmas)
            for lemma in self.lemmas:
                for ws in tagger.all_inflections(lemma).values():
                    forms.update(w.lower() for w in ws)
                forms.update(w for w, (_, lem) in tagger.closed_class().items() if lemma in lem.values())
            return frozenset(forms)
        return None


@lru_cache(maxsize=WORDS)
def _verdict(test: TokenTest, text: str, tags: frozenset) -> bool:
    """A test that reads no lemma on a token of this text and these readings (a word's, in one context)."""
    return test._test(tagger.Token(text, text.lower(), 0, 0, tags, {}))


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _compile(rule: Rule, pattern: str | None, what: str, ignore_case: bool):
    # compiled when an article first tries the test, if the pack's cache found it compiles
    return rule_regex(rule, pattern, what, ignore_case) if pattern else None


def _sequence(rule: Rule, specs: list, where: str) -> list[TokenTest]:
    if not specs:
        raise RulePackError(f"{rule.path}: {where} holds no token")
    tests = Sequence(TokenTest(rule, s, f"{where} token {i}") for i, s in enumerate(specs))
    tests.prefix = _prefix(list(tests))
    return tests


def match_at(tests: list[TokenTest], tokens: list[tagger.Token], start: int) -> list[int] | None:
    """Token indexes matched by each test (-1 for a skipped optional one), starting at ``start``."""
    # the tests before the first optional or skipping one take one token each, in turn: tried in a loop
    # (all of them where none is optional or skips: no backtracking at all)
    prefix = _prefix(tests)
    for k in range(prefix):
        p = start + k
        test = tests[k]
        if p >= len(tokens) or not test(tokens[p]) or (test.first and not _starts_sentence(tokens, p)) or \
                (test.same_lemma is not None and not _share_lemma(tokens, list(range(start, p)), test.same_lemma, p)):
            return None
    out: list[int] = list(range(start, start + prefix))

    def go(ti: int, pos: int) -> bool:
        if ti == len(tests):
            return True
        test = tests[ti]
        for p in range(pos, min(pos + test.skip, len(tokens) - 1) + 1) if ti else (pos,):
            if p < len(tokens) and test(tokens[p]) and (not test.first or _starts_sentence(tokens, p)) \
                    and (test.same_lemma is None or _share_lemma(tokens, out, test.same_lemma, p)):
                out.append(p)
                if go(ti + 1, p + 1):
                    return True
                out.pop()
        if test.optional:
            out.append(-1)
            if go(ti + 1, pos):
                return True
            out.pop()
        return False

    return list(out) if go(prefix, start + prefix) else None


class Sequence(list):
    """A rule's token tests in order; ``prefix``: how many tests open it that take one token each (none
    optional, none skipping); ``fixed`` when that is every test (matched without backtracking)."""

    prefix = None

    @property
    def fixed(self) -> bool:
        return self.prefix == len(self)


def _prefix(tests: list[TokenTest]) -> int:
    prefix = getattr(tests, "prefix", None)
    if prefix is None:
        prefix = next((i for i, t in enumerate(tests) if t.optional or (i and t.skip)), len(tests))
    return prefix


def _share_lemma(tokens: list[tagger.Token], out: list[int], index: int, p: int) -> bool:
    """Token p has a lemma in common with the token matched by test ``index``."""
    if index >= len(out) or out[index] < 0:
        return False
    return bool(set(tokens[out[index]].lemmas.values()) & set(tokens[p].lemmas.values()))


_OPENERS = frozenset('"“‘\'([-–—')


def _starts_sentence(tokens: list[tagger.Token], p: int) -> bool:
    """The token opens its sentence (after opening quotes or brackets, or a colon or semicolon)."""
    while p > 0:
        p -= 1
        text = tokens[p].text
        if text in (":", ";"):
            return True
        if text not in _OPENERS:
            return False
    return True


@dataclass(frozen=True)
class GrammarOptions:
    """The options of a rule of type grammar (docs/grammar.md describes a token's tests)."""

    tokens: list                       # the token sequence to match, one table of tests per token, in order
    antipatterns: list = field(default_factory=list)   # token sequences that silence a match they overlap
    mark: int | list | None = None     # the first and last token the finding covers (default: all)
    suggest: tuple[str, ...] = ()      # replacement templates: {0}, {1,2}, {1|lemma|VBD}...
    ignore_case: bool = True           # the guards below match regardless of case
    unless: str | None = None          # regex: a match in the same sentence silences the finding
    context: str | None = None         # regex: the finding stands only when this matches in the same sentence


class GrammarRule:
    __slots__ = ("rule", "tests", "antipatterns", "mark", "guards", "templates", "anchor", "offsets", "first", "required")

    def __init__(self, rule: Rule, opts: GrammarOptions):
        self.rule = rule
        self.tests = _sequence(rule, opts.tokens, "tokens")
        self.antipatterns = [_sequence(rule, a, f"antipattern {i}")
                             for i, a in enumerate(opts.antipatterns)]
        mark = [0, len(self.tests) - 1] if opts.mark is None else opts.mark
        lo, hi = (mark, mark) if isinstance(mark, int) else mark
        n = len(self.tests)
        if not (-n <= lo < n and -n <= hi < n):
            raise RulePackError(f"{rule.path}: mark {mark} is outside the {n} tokens")
        self.mark = (lo % n, hi % n)
        self.guards = Guards(rule, opts.unless, opts.context, opts.ignore_case)
        self.templates = list(opts.suggest)
        self.anchor, self.offsets, self.first = None, (0, 0), False
        self._choose_anchor()
        # a token regex that must match somewhere: searched in the sentence before any token is tried
        self.required = [t.regex for t in self.tests if t.regex is not None and not t.optional]

    def _choose_anchor(self) -> None:
        """Pick the literal test whose words are rarest in English as the anchor the rule starts from.

        A rule is tried only where its anchor word occurs, from each start that the optional and
        skipping tests before the anchor allow (``offsets``: how far before the anchor it may start).
        """
        from ..pychecks.spelling import word_frequency   # wordfreq's, from the shared mapped table

        lo = hi = 0
        best = None
        for i, test in enumerate(self.tests):
            if i:
                hi += test.skip
            words = None if test.optional else test.anchors()
            if words:
                cost = sum(word_frequency(w) for w in words) * (hi - lo + 1)
                if best is None or cost < best[0]:
                    best = (cost, words, (lo, hi), test.first and i == 0)
            lo += 0 if test.optional else 1
            hi += 1
        if best:
            _, self.anchor, self.offsets, self.first = best

    def starts(self, tokens: list[tagger.Token], positions: list[int]) -> list[int]:
        """Where a match may start, given where the anchor word occurs."""
        lo, hi = self.offsets
        if lo == hi:
            out = [j - lo for j in positions if j >= lo]
        else:
            out = sorted({s for j in positions for s in range(max(0, j - hi), j - lo + 1)})
        if self.first:
            out = [s for s in out if _starts_sentence(tokens, s)]
        return out

    def findings(self, doc: Document, tokens: list[tagger.Token], starts) -> list[Finding]:
        out = []
        last_end = -1
        for s in starts:
            if s < 0 or s <= last_end:
                continue
            hit = match_at(self.tests, tokens, s)
            if hit is None:
                continue
            marked = [hit[i] for i in range(self.mark[0], self.mark[1] + 1) if hit[i] >= 0]
            if not marked:
                continue
            first, last = tokens[marked[0]], tokens[marked[-1]]
            start, end = first.start, last.end
            matched = [h for h in hit if h >= 0]
            if self._excepted(tokens, matched[0], matched[-1]) or not self.guards.allow(doc, start, end):
                continue
            last_end = max(h for h in hit if h >= 0)
            values = {str(i): (tokens[h].text if h >= 0 else "") for i, h in enumerate(hit)}
            suggestions = []
            for template in self.templates:  # a template that does not apply is left out
                try:
                    suggestions.append(match_case(doc.prose[start:end], self.render(template, tokens, hit)))
                except NoSuggestion:
                    pass
            if self.templates and not suggestions:
                continue
            message = self.render(self.rule.message, tokens, hit, strict=False)
            out.append(self.rule.finding(start, end, doc.prose[start:end], suggestions,
                                         values=values, message=message))
        return out

    def _excepted(self, tokens, lo: int, hi: int) -> bool:
        """An antipattern matches tokens that overlap the match's tokens lo..hi."""
        for anti in self.antipatterns:
            for s in range(max(0, lo - len(anti) - 4), hi + 1):
                hit = match_at(anti, tokens, s)
                if hit and any(lo <= h <= hi for h in hit if h >= 0):
                    return True
        return False

    def render(self, template: str, tokens, hit: list[int], strict: bool = True) -> str:
        maps = self.rule.spec.get("maps", {})

        def sub(m: re.Match) -> str:
            picked = [int(x) for x in m.group(1).split(",")]
            picked = [hit[i] for i in picked if i < len(hit) and hit[i] >= 0]
            if not picked:
                return ""
            tok = tokens[picked[-1]]
            value = " ".join(tokens[h].text for h in picked)
            filters = [f for f in m.group(2).split("|") if f]
            for n, flt in enumerate(filters):
                if flt == "lemma":
                    value = next(iter(tok.lemmas.values()), tok.lower)
                elif flt in ("lower", "upper"):
                    value = getattr(value, flt)()
                elif flt == "cap":
                    value = value[:1].upper() + value[1:]
                elif flt == "article":
                    value = "an" if _VOWEL_SOUND.match(value) else "a"
                elif flt == "adverb":
                    form = tagger.adverb(value)
                    if form is None:
                        if strict:
                            raise NoSuggestion(flt)
                        form = value
                    value = form
                elif re.fullmatch(r"(?:NNS?|VB[DGNPZ]?|JJ[RS]?)", flt):
                    lemma = _lemma_for(tok, flt)
                    form = tagger.inflect(lemma, flt) if lemma else None
                    if form is None:
                        if strict:
                            raise NoSuggestion(flt)
                        form = value
                    value = form
                elif flt in maps:
                    # a map that holds the word replaces it and ends the chain; else the next filter applies
                    hit_value = maps[flt].get(value.lower())
                    if hit_value is not None:
                        return hit_value
                    if n == len(filters) - 1:
                        if strict:
                            raise NoSuggestion(flt)
                        return value
                elif strict:
                    raise NoSuggestion(flt)
            return value

        return _SPACES.sub(" ", _TEMPLATE.sub(sub, template)).strip()


def _lemma_for(tok: tagger.Token, tag: str) -> str | None:
    family = "V" if tag.startswith("V") else tag[:2]
    for t, lemma in tok.lemmas.items():
        if t.startswith(family) or (family == "V" and t == "MD"):
            return lemma
    return next(iter(tok.lemmas.values()), None)


class GrammarCheck(CheckType):
    """Every grammar rule, run on the sentences where its anchor word occurs."""

    Options = GrammarOptions
    scope = "own-paragraph"   # a rule reads its sentence: its tokens, their tags, its guards

    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.compiled = [GrammarRule(r, self.options[r.code]) for r in rules]
        self.by_anchor: dict[str, list[int]] = defaultdict(list)
        self.unanchored = []
        for i, g in enumerate(self.compiled):
            if g.anchor is None:
                self.unanchored.append(i)
            else:
                for w in g.anchor:
                    self.by_anchor[w].append(i)
        # the rules with an anchor that doc.vocabulary cannot hold (contractions, initialisms)
        self.unlisted = frozenset(i for w, idx in self.by_anchor.items()
                                  if not w[:1].isalnum() or "." in w or "'" in w for i in idx)
        self._held: tuple | None = None   # the last vocabulary, and _live()'s answer for it

    def check(self, doc: Document) -> list[Finding]:
        if not self.compiled:
            return []
        live, live_set, live_anchor = self._live(doc)
        if not live:
            return []
        findings: list[Finding] = []
        prose = doc.prose
        for sent in doc.sentences:
            text = prose[sent.start:sent.end]
            tokens = tagger.tokenize(text, sent.start)
            positions: dict[int, list[int]] = defaultdict(list)
            for j, tok in enumerate(tokens):
                for i in live_anchor.get(tok.lower, ()):
                    positions[i].append(j)
            for i, where in positions.items():
                rule = self.compiled[i]
                if rule.required and not all(r.search(text) for r in rule.required):
                    continue
                findings.extend(rule.findings(doc, tokens, rule.starts(tokens, where)))
            for i in self.unanchored:
                if i in live_set:
                    findings.extend(self.compiled[i].findings(doc, tokens, range(len(tokens))))
        return findings

    def _live(self, doc: Document) -> tuple[list[int], set[int], dict[str, list[int]]]:
        """The rules the article's vocabulary lets run (a list and a set), and each anchor word's among
        them (in by_anchor's order).

        Kept for the last vocabulary: the paragraphs of an edited article, and its next version
        while no word comes or goes, share them.
        """
        vocabulary = doc.vocabulary
        held = self._held   # (read once: a server's threads may check other articles meanwhile)
        if held is not None and (held[0] is vocabulary or held[0] == vocabulary):
            return held[1], held[2], held[3]
        live = [i for i in self.compiled_indexes_for(vocabulary) if triggered(self.compiled[i].rule, doc)]
        live_set = set(live)
        live_anchor = {}
        for w, idx in self.by_anchor.items():
            kept = [i for i in idx if i in live_set]
            if kept:
                live_anchor[w] = kept
        self._held = (vocabulary, live, live_set, live_anchor)
        return live, live_set, live_anchor

    def compiled_indexes_for(self, vocabulary) -> list[int]:
        found = set(self.unanchored)
        # the document's words split as the tagger splits them ("there's" holds "there")
        clitics = {v.split("'", 1)[0] for v in vocabulary if "'" in v}
        clitics.update(v[:-3] for v in vocabulary if v.endswith("n't"))
        for w in (vocabulary | clitics) & self.by_anchor.keys():
            found.update(self.by_anchor[w])
        # anchors that doc.vocabulary cannot hold (contractions, initialisms) are looked for per sentence
        found.update(self.unlisted)
        return sorted(found)
