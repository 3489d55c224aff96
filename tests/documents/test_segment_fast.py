"""Segmentation built from splits gives the spans and tokens the match-by-match loops gave."""
from __future__ import annotations

from auditor import segment
from auditor.documents import Document

from conftest import SEEDS, unmark

CASES = ["", "a", "a\n", "a\nb", "a\n\n", "\n", "\n\n", "\r\n", "a\r\nb\rc\n", "a\r\r\nb", "\r", "x\n\r\n\ry",
         "  \n \t\n", "don't co-operate’s -x y- '' __a_b x\u0301 ½ 3.5 ΟΔΟΣ", "a. B..... C! “D” E…  F. (G",
         "Mr. Smith went to U.S. offices. He left.\n\nNext para? Yes." + "." * 3000 + " Z"]
# text -> the (start, end) of its lines, without their line breaks (\r\n, \r and \n each end a line)
LINES = {"": [(0, 0)], "a": [(0, 1)], "a\n": [(0, 1)], "a\nb": [(0, 1), (2, 3)], "a\n\n": [(0, 1), (2, 2)],
         "\n": [(0, 0)], "\n\n": [(0, 0), (1, 1)], "\r\n": [(0, 0)], "a\r\nb\rc\n": [(0, 1), (3, 4), (5, 6)],
         "a\r\r\nb": [(0, 1), (2, 2), (4, 5)], "\r": [(0, 0)], "x\n\r\n\ry": [(0, 1), (2, 2), (4, 4), (5, 6)],
         "  \n \t\n": [(0, 2), (3, 5)]}
# each sentence end marked ⟦...⟧: the stops and closing marks before a space and a capital, digit or opening mark
SENTENCE_ENDS = [
    "a⟦.⟧ B⟦.....⟧ C⟦!⟧ “D” E⟦…⟧  F⟦.⟧ (G",
    "Mr⟦.⟧ Smith went to U.S. offices⟦.⟧ He left⟦.⟧\n\nNext para⟦?⟧ Yes⟦" + "." * 3000 + "⟧ Z",
    "He said: “Go⟦.”⟧ Then left.",
    "It rose 3.5 percent⟦.⟧ 2024 was worse.",
    "Wait⟦?!⟧ Really⟦…⟧ (No⟦.)⟧ [Yes⟦.]⟧ ‘Fine⟦.’⟧ OK",
    "Київ⟦.⟧ Україна⟦!⟧ ЄС⟦?⟧ Її⟦.⟧ Ґанок.",
    "end⟦.⟧\tTab and. lower case⟦.⟧ \"Quoted\" start.",
    "e.g. this. i.e⟦.⟧ That.",
]


def _texts():
    return CASES + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]


def test_lines_are_cut_at_each_kind_of_line_break():
    for text, spans in LINES.items():
        assert [(s.start, s.end) for s in segment.lines(text)] == spans, repr(text)
    for text in _texts():   # each line's text holds no break, and the breaks between lines are all there is
        found = segment.lines(text)
        assert all(not set(text[s.start:s.end]) & {"\r", "\n"} for s in found)
        assert all(set(text[a.end:b.start]) <= {"\r", "\n"} and 1 <= b.start - a.end <= 2
                   for a, b in zip(found, found[1:]))


def test_tokens_are_the_matches_of_the_token_pattern():
    for text in _texts():
        toks = segment.tokens(text)
        want = [segment.Token(m.start(), m.end(), m.group()) for m in segment.TOKEN_RE.finditer(text)]
        assert list(toks) == want and toks == want and len(toks) == len(want)
        assert toks.texts == [t.text for t in want] and toks.starts == [t.start for t in want]
        if want:
            assert toks[0] == want[0] and toks[-1] == want[-1] and toks[1:3] == want[1:3]
            assert type(toks[0]) is segment.Token and toks[0].text == want[0].text


def test_sentence_ends_are_the_marked_ones():
    for case in SENTENCE_ENDS:
        text, spans = unmark(case, "⟦", "⟧")
        assert [m.span() for m in segment._SENTENCE_END.finditer(text)] == spans, case[:60]


def test_document_words_and_vocabulary_from_token_texts():
    doc = Document.from_text("The Cat’s cat ran 3 km. ΟΔΟΣ and x\u00b2")
    assert doc.vocabulary == frozenset({"the", "cat's", "cat", "ran", "3", "km", "οδος", "and", "x²"})
    assert doc.words == 8


def test_folded_and_plain_fold_as_the_table_says():
    from auditor.documents import _FOLD, _fold

    for text in [*CASES, "‘Quoted’ “twice”\u00a0non\u2011breaking\r\n\ttab", "’‘“”\u2011\u00a0" * 3, "ΟΔΟΣ’s"]:
        assert _fold(text) == text.translate(_FOLD)
        doc = Document.from_text(text)
        assert doc.plain == doc.prose.translate(_FOLD) and len(doc.plain) == len(doc.prose)
        assert doc.folded == doc.prose.lower().translate(_FOLD)
