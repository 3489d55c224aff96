"""What the boilerplate analysis remembers of lines it has read changes none of its findings."""
from __future__ import annotations

import random

import pytest

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Article, Engine
from auditor.pychecks import boilerplate, runin
from conftest import ROOT, unmark

HERE = ROOT / "tests" / "fixtures" / "boilerplate"
PAGES = ["kyiv_daily.txt", "riga_times.txt", "heldout_a/a11_trending.md"]


def forget() -> None:
    for memo in (boilerplate._CLASSIFIED, boilerplate._LINES, boilerplate._SIMILAR, runin._LINES, runin._PROMPTS):
        memo.clear()


def versions(text: str, rng: random.Random) -> list[str]:
    """The page, then edits an editor makes: a line copied further down (as it was, or with a word
    more: a near copy), words typed, a line cut."""
    out = [text]
    for n in range(5):
        lines = text.split("\n")
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        what = "near" if n == 0 else rng.choice(["copy", "type", "cut"])
        if what == "near":
            longest = max(range(len(lines)), key=lambda k: len(lines[k]))
            lines.append(lines[longest] + " now")
        elif what == "copy":
            lines.insert(max(i, j), lines[min(i, j)])
        elif what == "type":
            lines[i] += rng.choice([" really", " - DW - 03.04.2024", " Read also: Talks resume in Geneva"])
        else:
            del lines[i]
        text = "\n".join(lines)
        out.append(text)
    return out


@pytest.fixture(scope="module")
def engine():
    return Engine(Config(select=["BP"]))


@pytest.mark.parametrize("page", PAGES)
def test_findings_of_edited_pages_equal_those_of_a_fresh_analysis(engine, page):
    text = unmark((HERE / page).read_text(encoding="utf-8"))[0]
    kind = "md" if page.endswith(".md") else "txt"
    rng = random.Random(page)

    def audit(t):   # as the language server audits an edited buffer
        article = Article(Document.from_text(t, kind=kind, path=page))
        return [(f.start, f.end, f.rule, f.message) for f in engine.audit_articles([article]).documents[0].findings]

    forget()
    remembered = [audit(t) for t in versions(text, rng)]   # each version reads what the last left
    fresh = []
    for t in versions(text, random.Random(page)):
        forget()
        fresh.append(audit(t))
    assert remembered == fresh
    assert any(remembered)


def test_an_edit_reads_again_only_the_sentences_it_changed(engine, monkeypatch):
    read = []
    maybe = runin._maybe_prompt
    monkeypatch.setattr(runin, "_maybe_prompt", lambda text, said, cues: read.append(said) or maybe(text, said, cues))
    text = unmark((HERE / PAGES[0]).read_text(encoding="utf-8"))[0]
    forget()
    engine.audit_articles([Article(Document.from_text(text, path=PAGES[0]))])   # as the language server does
    assert len(read) > 10
    sentence = max(set(read), key=len)
    read.clear()
    edited = text.replace(sentence, sentence + " Subscribe to our newsletter.", 1)
    found = engine.audit_articles([Article(Document.from_text(edited, path=PAGES[0]))]).documents[0].findings
    assert 1 <= len(read) <= 2 and all(sentence in said or "newsletter" in said for said in read)
    forget()
    assert [(f.start, f.end, f.rule) for f in found] == [
        (f.start, f.end, f.rule) for f in engine.audit([Document.from_text(edited, path=PAGES[0])]).documents[0].findings]


def test_lines_are_remembered_for_edited_articles_only(engine):
    """A batch of distinct articles holds no line memos; the language server's audits fill them."""
    text = unmark((HERE / PAGES[0]).read_text(encoding="utf-8"))[0]
    memos = (boilerplate._CLASSIFIED, boilerplate._LINES, runin._LINES, runin._PROMPTS)
    forget()
    batch = engine.audit([Document.from_text(text, path=PAGES[0])]).documents[0].findings
    assert batch and not any(memos)
    edited = engine.audit_articles([Article(Document.from_text(text, path=PAGES[0]))]).documents[0].findings
    assert all(memos)
    assert [(f.start, f.end, f.rule) for f in edited] == [(f.start, f.end, f.rule) for f in batch]
