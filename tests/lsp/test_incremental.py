"""Re-checking only the edited paragraphs finds what a full audit of the new text finds."""
from __future__ import annotations

import sys

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
BREAKS = ["\n\n", "\n", "\n\n\n", "\r\n\r\n", "\n \n"]
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


def test_an_edit_rechecks_its_paragraph_and_its_neighbours():
    text = "\n\n".join(PARAGRAPHS[:8]) + "\n"
    article = Article(Document.from_text(text), ParagraphMemo())
    ENGINE.audit_articles([article])
    paragraphs = len(blocks(article.doc.prose, article.doc.lines, article.doc.paragraphs))
    assert article.memo.checked == paragraphs > 5
    edited = text.replace(PARAGRAPHS[4], PARAGRAPHS[4] + " the the", 1)
    article = article.edited(Document.from_text(edited))
    report = ENGINE.audit_articles([article]).documents[0]
    assert article.memo.checked == 3
    assert [key(f) for f in report.findings] == full(edited, "txt")
    assert any(f.rule == "SP001" for f in report.findings)   # the doubled word typed in the edit


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
