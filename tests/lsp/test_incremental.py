"""Re-checking only the edited paragraphs finds what a full audit of the new text finds."""
from __future__ import annotations

import random
import sys
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.api import engine_for
from auditor.documents import Document
from auditor.engine import Article
from auditor.incremental import ParagraphMemo, blocks
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402

ENGINE = engine_for()
PARAGRAPHS = sorted({p.strip() for seed in sorted((ROOT / "seeds").glob("*.txt"))
                     for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip()})
BREAKS = ["\n\n", "\n", "\n\n\n", "\r\n\r\n", "\n \n", "\r", "\r\n"]
INSERTS = [" really", "the the ", "\n\n", "\n", " ", "", ".", "\"", "“", "”", " Madrid ", " before ", " Sie ",
           " de la ", "recieve ", "Mr. ", "# ", "<p>", "</p>", "*"]


def key(f):
    return (f.start, f.end, f.rule, f.severity, f.message, f.suggestions, f.fix_safe, f.confidence,
            repr(sorted(f.data.items())))


def full(text: str, kind: str):
    return [key(f) for f in ENGINE.audit([Document.from_text(text, kind=kind)]).documents[0].findings]


ARTICLES = st.lists(st.tuples(st.sampled_from(PARAGRAPHS + list(fuzz.PIECES)), st.sampled_from(BREAKS)),
                    min_size=1, max_size=4).map(lambda parts: "".join(p + b for p, b in parts))
EDITS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.one_of(st.sampled_from(INSERTS),
                                                                           st.text(max_size=4))),
                 min_size=1, max_size=2)


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=ARTICLES, edits=EDITS, kind=st.sampled_from(["txt", "txt", "md", "html"]))
def test_incremental_findings_equal_a_full_audit(text, edits, kind):
    article = Article(Document.from_text(text, kind=kind), ParagraphMemo())
    ENGINE.audit_articles([article])
    for at, cut, insert in edits:
        i = int(at * len(text))
        text = text[:i] + insert + text[i + cut:]
        article = article.edited(Document.from_text(text, kind=kind))
        got = [key(f) for f in ENGINE.audit_articles([article]).documents[0].findings]
        assert got == full(text, kind)


def test_an_edit_rechecks_its_paragraph_and_for_scope_paragraph_its_neighbours():
    text = "\n\n".join(PARAGRAPHS[:8]) + "\n"
    article = Article(Document.from_text(text), ParagraphMemo())
    ENGINE.audit_articles([article])
    paragraphs = len(blocks(article.doc.prose, article.doc.lines, article.doc.paragraphs))
    assert set(article.memo.checked.values()) == {paragraphs} and paragraphs > 5
    edited = text.replace(PARAGRAPHS[4], PARAGRAPHS[4] + " the the", 1)
    article = article.edited(Document.from_text(edited))
    report = ENGINE.audit_articles([article]).documents[0]
    assert article.memo.checked == {"own-paragraph": 1, "paragraph": 3, "SP002": 3, "SP003": 3}
    assert [key(f) for f in report.findings] == full(edited, "txt")
    assert any(f.rule == "SP001" for f in report.findings)   # the doubled word typed in the edit


# what an editor does most: a word typed at the end of a line, here of a story cut into short lines
# (each a paragraph of its own), so that phrases run from one paragraph on into the next
TYPED = st.lists(st.tuples(st.integers(0, 1000), st.sampled_from([" really", " then", " the", ",", " at", ""])),
                 min_size=1, max_size=3)


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(start=st.integers(0, len(PARAGRAPHS) - 1), cuts=st.lists(st.integers(1, 6), min_size=4, max_size=60),
       breaks=st.sampled_from(["\n", "\r", "\n\n"]), typed=TYPED)
def test_words_typed_at_line_ends_find_what_a_full_audit_finds(start, cuts, breaks, typed):
    words = " ".join(PARAGRAPHS[start:start + 6]).split()
    lines, at = [], 0
    for n in cuts:
        if at < len(words):
            lines.append(" ".join(words[at:at + n]))
            at += n
    article = Article(Document.from_text(breaks.join(lines)), ParagraphMemo())
    ENGINE.audit_articles([article])
    for at, word in typed:
        lines[at % len(lines)] += word
        text = breaks.join(lines)
        article = article.edited(Document.from_text(text))
        got = [key(f) for f in ENGINE.audit_articles([article]).documents[0].findings]
        assert got == full(text, "txt")


def test_the_checks_of_scope_own_paragraph_find_in_each_paragraph_alone_what_they_find_in_the_article():
    # the rules' own examples of what they flag, cut into lines of a few words (a paragraph each),
    # so that matches run from one paragraph on into the next; each line is edited in turn
    from auditor.checks.pattern import PatternCheck

    rnd = random.Random(11)
    check = next(c for c in ENGINE.checks if isinstance(c, PatternCheck))
    bad = [e["bad"].replace("[[", "").replace("]]", "") for rule in check.rules
           for e in rule.spec.get("examples", []) if "bad" in e]
    words = " ".join(rnd.sample(bad, 60)).split()
    lines, at = [], 0
    while at < len(words):
        n = rnd.randint(1, 5)
        lines.append(" ".join(words[at:at + n]))
        at += n
    memo = ParagraphMemo()
    run = partial(ENGINE._check_paragraphs, "own-paragraph")
    for i in range(len(lines)):
        lines[i] += rnd.choice([",", " the"])
        doc = Document.from_text("\n".join(lines))
        memo.read(doc)
        got = memo.findings(ENGINE, doc, run, "own-paragraph", near=False)
        assert sorted(map(key, got)) == sorted(map(key, run(doc)))


def test_a_pattern_that_reads_past_its_paragraph_is_checked_again_when_the_next_one_changes():
    # MTR124 looks ahead over white space, line breaks too, for the verb of a launch
    text = "It rained.\n\nThe carrier missile\nwas launched at dawn.\n\nIt rained again.\n"
    article = Article(Document.from_text(text), ParagraphMemo())
    assert any(f.rule == "MTR124" for f in ENGINE.audit_articles([article]).documents[0].findings)
    edited = text.replace("was launched", "is ready")
    article = article.edited(Document.from_text(edited))
    got = [key(f) for f in ENGINE.audit_articles([article]).documents[0].findings]
    assert got == full(edited, "txt") and not any(f[2] == "MTR124" for f in got)


def test_a_line_ended_by_a_lone_carriage_return_is_read_past():
    # MTF014's gap takes any character but a line feed: a lone carriage return too
    text = "The delegation flew in\rto speak with the minister on Monday.\n\nIt rained.\n"
    article = Article(Document.from_text(text), ParagraphMemo())
    ENGINE.audit_articles([article])
    edited = text.replace("Monday.", "Monday, he said.")
    article = article.edited(Document.from_text(edited))
    got = [key(f) for f in ENGINE.audit_articles([article]).documents[0].findings]
    assert got == full(edited, "txt") and [f[2] for f in got] == ["MTF014"]


@pytest.mark.parametrize("text", ["", "\n\n", "One line", "A\n\n\nB\r\n\r\nC\n", "  lead\n\nx\n  \n"])
def test_blocks_cover_the_prose_once(text):
    doc = Document.from_text(text)
    spans = blocks(doc.prose, doc.lines, doc.paragraphs)
    assert "".join(doc.prose[s:e] for s, e in spans) == doc.prose
    assert all(s < e for s, e in spans) if doc.prose else spans == [(0, 0)]
    assert len(spans) == max(1, len(doc.paragraphs))


def test_a_check_that_reads_the_article_checks_again_when_its_context_changes():
    # SP002 reads the article's names: the name typed in the last paragraph makes 'Brenwhistel' in the
    # first, two windows away, a misspelling of it
    text = "The minister Brenwhistel spoke first.\n\nIt rained.\n\nIt rained again.\n\nThe end came.\n"
    article = Article(Document.from_text(text), ParagraphMemo())
    assert not [f for f in ENGINE.audit_articles([article]).documents[0].findings if f.rule == "SP002"]
    for extra in (" It snowed.", " Then Brenwhistle spoke to Brenwhistle again."):
        text = text.replace("The end came.", "The end came." + extra)
        article = article.edited(Document.from_text(text))
        got = [key(f) for f in ENGINE.audit_articles([article]).documents[0].findings]
        assert got == full(text, "txt")
    assert [f[:3] for f in got if f[2] == "SP002"] == [(13, 24, "SP002")]


def test_an_article_past_the_judging_bound_is_checked_whole():
    from auditor.config import Config

    engine = engine_for(Config(select=("SP002",), options={"SP002": {"max_judged": 2}}))
    text = ("The delegaton met the cabinnet.\n\nIt rained.\n\nThe minnister and the spokesmn left.\n\n"
            "It rained.\n\nThe comittee sat.\n")
    article = Article(Document.from_text(text), ParagraphMemo())
    engine.audit_articles([article])
    edited = text.replace("sat.", "sat late.")
    article = article.edited(Document.from_text(edited))
    got = engine.audit_articles([article]).documents[0].findings
    want = engine.audit([Document.from_text(edited)]).documents[0].findings
    assert [key(f) for f in got] == [key(f) for f in want]
    assert [f.data.get("reason") for f in got].count("bound") == 1 and len(got) == 3


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=ARTICLES, edits=EDITS, kind=st.sampled_from(["txt", "md", "html"]))
def test_tokens_read_line_by_line_are_those_of_the_whole_text(text, edits, kind):
    memo = ParagraphMemo()
    for at, cut, insert in [(0.0, 0, "")] + edits:
        i = int(at * len(text))
        text = text[:i] + insert + text[i + cut:]
        doc = Document.from_text(text, kind=kind)
        memo.read(doc)
        whole = Document.from_text(text, kind=kind)
        assert list(doc.tokens) == list(whole.tokens) and doc.tokens.texts == whole.tokens.texts
        assert doc.vocabulary == whole.vocabulary and doc.words == whole.words
        assert doc.lines == whole.lines and doc.line_starts == whole.line_starts
        assert all(type(s) is type(w) for s, w in zip(doc.lines, whole.lines))


def test_an_edit_tokenises_its_own_line_again_and_no_other(monkeypatch):
    from auditor import incremental

    read = []
    tokens = incremental.segment.tokens
    monkeypatch.setattr(incremental.segment, "tokens", lambda line: read.append(line) or tokens(line))
    text = "\n\n".join(PARAGRAPHS[:8]) + "\n"
    article = Article(Document.from_text(text), ParagraphMemo())
    ENGINE.audit_articles([article])
    assert set(read) >= set(text.split("\n"))
    read.clear()
    edited = text.replace(PARAGRAPHS[4], PARAGRAPHS[4] + " Then Γιάννης’ turn.", 1)
    article = article.edited(Document.from_text(edited))
    got = [key(f) for f in ENGINE.audit_articles([article]).documents[0].findings]
    assert read[:1] == [PARAGRAPHS[4] + " Then Γιάννης’ turn."] and PARAGRAPHS[2] not in read
    assert got == full(edited, "txt")
