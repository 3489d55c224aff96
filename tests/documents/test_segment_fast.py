"""Segmentation built from splits gives the spans and tokens the match-by-match loops gave."""
from __future__ import annotations

import re

from auditor import segment
from auditor.documents import Document

from conftest import SEEDS

CASES = ["", "a", "a\n", "a\nb", "a\n\n", "\n", "\n\n", "\r\n", "a\r\nb\rc\n", "a\r\r\nb", "\r", "x\n\r\n\ry",
         "  \n \t\n", "don't co-operate’s -x y- '' __a_b x\u0301 ½ 3.5 ΟΔΟΣ", "a. B..... C! “D” E…  F. (G",
         "Mr. Smith went to U.S. offices. He left.\n\nNext para? Yes." + "." * 3000 + " Z"]
OLD_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s+[\"“‘'(\[]?[A-Z0-9А-ЯЁІЇЄҐ])")


def _texts():
    return CASES + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]


def _old_lines(text):
    spans = []
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if m.start() == len(text) and m.start() > 0 and not m.group():
            break
        body = m.group().rstrip("\r\n")
        spans.append(segment.Span(m.start(), m.start() + len(body)))
        if m.end() == len(text):
            break
    return spans


def test_lines_match_the_line_by_line_scan():
    for text in _texts():
        assert segment.lines(text) == _old_lines(text), text[:40]


def test_tokens_are_the_matches_of_the_token_pattern():
    for text in _texts():
        toks = segment.tokens(text)
        want = [segment.Token(m.start(), m.end(), m.group()) for m in segment.TOKEN_RE.finditer(text)]
        assert list(toks) == want and toks == want and len(toks) == len(want)
        assert toks.texts == [t.text for t in want] and toks.starts == [t.start for t in want]
        if want:
            assert toks[0] == want[0] and toks[-1] == want[-1] and toks[1:3] == want[1:3]
            assert type(toks[0]) is segment.Token and toks[0].text == want[0].text


def test_sentence_ends_are_the_ones_the_look_behind_first_pattern_found():
    for text in _texts():
        assert [m.span() for m in segment._SENTENCE_END.finditer(text)] == \
            [m.span() for m in OLD_SENTENCE_END.finditer(text)], text[:40]


def test_document_words_and_vocabulary_from_token_texts():
    doc = Document.from_text("The Cat’s cat ran 3 km. ΟΔΟΣ and x\u00b2")
    assert doc.vocabulary == frozenset({"the", "cat's", "cat", "ran", "3", "km", "οδος", "and", "x²"})
    assert doc.words == 8
