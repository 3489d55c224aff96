"""A pattern rule's scope follows from its pattern: one that stays inside a line is checked paragraph by paragraph."""
from __future__ import annotations

import random

import pytest

from auditor.api import engine_for
from auditor.checks.pattern import PatternCheck
from auditor.checks.reach import within_line
from conftest import SEEDS

INSIDE = [
    r"\bat the head of\b",
    r"(?<=\w)x(?=[.,])",
    r"„[^„“”\n]{1,300}?[“”]",        # a class that leaves out the line feed
    r"\b\w+ly-\w+",
    r"(?i)^said\b",                   # ^ and $ are line ends (MULTILINE)
    r"foo$",
    r"\p{Lu}\p{Ll}+ \p{Lu}\.",
    r"[^\W\d_]+",
    r"\d{1,3}(?:[ \u00a0]\d{3})+",
    r"a.{0,20}b",                     # a dot takes no line feed
    r"(?r)\bthe the\b",
    r"(?x) \b at \  the \b  # spaces written out",
    r"(?P<w>so)(?!\.\w)",
    r"\\p",                           # a backslash and a p, no class
]
PAST = [
    r"at\s+the",                      # \s takes a line feed
    r"a[^x]b",                        # so does a negated class
    r"a\Wb",
    r"a\Db",
    r"(?s)a.b",
    r"(?s:a.b)",
    r"a\nb",
    r"[\n]",
    r"\Afoo",
    r"foo\Z",
    r"(?<=\s)x",                      # a look-behind may read the line before
    r"x(?=\s*\d)",
    r"(?-m:^x)",                      # ^ without MULTILINE is the text's start
    r"\P{L}",
    r"\p{Cc}",                        # the control characters hold the line feed
    r"(?:foo){e<=1}",                 # fuzzy matching: regex-only syntax
    r"(?|(a)|(b))",                   # a branch reset, which the standard parser does not read
    r"\p{NoSuchProperty}",
]


@pytest.mark.parametrize("pattern", INSIDE)
def test_a_pattern_that_stays_inside_a_line(pattern):
    assert within_line(pattern)


@pytest.mark.parametrize("pattern", PAST)
def test_a_pattern_that_may_read_past_a_line_feed(pattern):
    assert not within_line(pattern)


def _matches(pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_every_shipped_pattern_said_to_stay_inside_a_line_finds_in_the_lines_what_it_finds_in_the_text():
    # the seed articles cut at random places, their lines joined by line feeds in random runs
    rnd = random.Random(5)
    lines = [ln for seed in sorted(SEEDS.glob("*.txt")) for ln in seed.read_text(encoding="utf-8").split("\n")]
    texts = []
    for _ in range(30):
        at = rnd.randrange(len(lines))
        picked = lines[at:at + rnd.randint(2, 12)]
        texts.append("".join(ln + "\n" * rnd.randint(1, 3) for ln in picked))
    check = next(c for c in engine_for().checks if isinstance(c, PatternCheck))
    inside = [(rule, pattern) for (rule, pattern, *_rest), scope in zip(check.compiled, check.rule_scopes)
              if scope == "own-paragraph"]
    assert len(inside) > 200 and len(inside) < len(check.compiled)
    for rule, pattern in inside:
        for text in texts:
            by_line, at = [], 0
            for line in text.splitlines(keepends=True):
                by_line += [(s + at, e + at) for s, e in _matches(pattern, line)]
                at += len(line)
            assert _matches(pattern, text) == by_line, rule.code


def test_a_pattern_rules_reach_is_derived_with_its_literals_and_sets_its_scope():
    from auditor.checks.base import derive

    check = next(c for c in engine_for().checks if isinstance(c, PatternCheck))
    for rule, scope in list(zip(check.rules, check.rule_scopes))[::40]:
        derived = derive(rule)
        assert derived["within_line"] == within_line(rule.spec["pattern"], rule.spec.get("ignore_case", False))
        assert scope == ("own-paragraph" if derived["within_line"] else "paragraph")
