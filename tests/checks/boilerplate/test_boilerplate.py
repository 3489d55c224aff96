"""Boilerplate blocks: the seeds against their gold list, and HTML, Markdown and text giving the same blocks."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor.documents import Document, read_document
from auditor.engine import Engine
from auditor.config import Config

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
GOLD = next((p / "eval" / "seeds-gold.jsonl" for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
             if (p / "eval" / "seeds-gold.jsonl").is_file()), None)


@pytest.fixture(scope="module")
def engine():
    return Engine(Config(select=["BP"]))


MARKUP = re.compile(r"\[|<[^>]+>|\]\([^)]*\)|!\[[^\]]*\]\([^)]*\)")


def _squash(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _blocks(engine, path: Path):
    doc = read_document(path)
    report = engine.audit([doc]).documents[0]
    out = []
    for f in report.findings:
        prose = doc.prose[doc.to_prose(f.start):doc.to_prose(f.end)]
        out.append((f.rule, _squash(prose), f))
    return doc, out


@pytest.mark.parametrize("name,kinds", [("kyiv_daily", ("html", "md")), ("riga_times", ("html",))])
def test_html_and_markdown_give_the_blocks_the_plain_text_gives(engine, name, kinds):
    _, text_blocks = _blocks(engine, FIXTURES / "boilerplate" / f"{name}.txt")
    assert len(text_blocks) >= 8
    for kind in kinds:
        doc, blocks = _blocks(engine, FIXTURES / "boilerplate" / f"{name}.{kind}")
        assert [(r, t) for r, t, _ in blocks] == [(r, t) for r, t, _ in text_blocks], kind
        for _rule, text, f in blocks:
            # the source span holds the block and nothing else, markup aside
            source = doc.text[f.start:f.end]
            assert _squash(MARKUP.sub("", source)) == text, source
            assert source[:1].isalnum() and not doc.text[f.end - 1:f.end].isspace()


def test_html_spans_skip_markup_around_the_block(engine):
    doc, blocks = _blocks(engine, FIXTURES / "boilerplate" / "riga_times.html")
    appeal = next(f for r, _, f in blocks if r == "BP003")
    source = doc.text[appeal.start:appeal.end]
    assert source.startswith("A Message from The Riga Times:") and source.endswith("Remind me later.")
    assert "<section" not in source and "Officials had warned" not in source


def test_page_structure_alone_marks_furniture_in_html(engine):
    html = ("<html><body><main><article><h1>Grid operator restores power</h1>"
            "<p>Ukraine's grid operator said on Tuesday it had restored electricity to most households "
            "in Kharkiv after a drone strike damaged a substation overnight.</p>"
            "<p>Repair crews worked through the night, the company said in a statement on Tuesday.</p>"
            "</article><aside class='more-stories'><ul><li><a href='/a'>Budget vote delayed</a></li>"
            "<li><a href='/b'>Drone attack on oil depot</a></li></ul></aside></main>"
            "<footer class='site-footer'><a href='/about'>About Kyiv Daily</a></footer></body></html>")
    doc = Document.from_text(html, kind="html")
    report = engine.audit([doc]).documents[0]
    flagged = [html[f.start:f.end] for f in report.findings]
    assert any("Budget vote delayed" in s for s in flagged)
    assert any("About Kyiv Daily" in s for s in flagged)
    assert not any("grid operator said" in s for s in flagged)
    # the same lines as plain text carry no cue, so only the HTML structure tells
    plain = Document.from_text(doc.prose)
    assert not engine.audit([plain]).documents[0].findings


@pytest.mark.parametrize("path", sorted((FIXTURES / "clean").glob("*.txt")), ids=lambda p: p.name)
def test_clean_articles_have_no_boilerplate_punctuation_or_formatting_findings(path):
    engine = Engine(Config(select=["BP", "PU", "FM"]))
    report = engine.audit([read_document(path)]).documents[0]
    assert [(f.rule, report.text[f.start:f.end]) for f in report.findings] == []


@pytest.mark.skipif(GOLD is None, reason="the shared gold list is not beside this checkout")
def test_seeds_every_required_block_found_and_nine_in_ten_findings_match_gold(engine):
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    report = engine.audit([read_document(p) for p in paths])
    findings = {Path(d.path).name: d.findings for d in report.documents}
    bp_gold = [g for g in gold if "boilerplate" in g["accept"]]
    for g in bp_gold:
        if g["required"] and g["family"] == "boilerplate":
            assert any(f.start < g["end"] and g["start"] < f.end for f in findings[g["doc"]]), g["quote"]
    matched = total = 0
    for name, found in findings.items():
        for f in found:
            total += 1
            matched += any(g["doc"] == name and f.start < g["end"] and g["start"] < f.end for g in bp_gold)
    assert total and matched / total >= 0.9


def test_seed_000_wire_copy_has_no_boilerplate(engine):
    report = engine.audit([read_document(ROOT / "seeds" / "000_0c49c47fadb8da95.txt")]).documents[0]
    assert report.findings == []


def test_template_lines_are_found_across_articles_of_one_site_only():
    engine = Engine(Config(select=["BP012"]))
    body = ["The grid operator restored power to most of Kharkiv on Tuesday after a strike.",
            "Parliament approved the budget on Thursday after a debate that lasted into the night."]
    docs = [Document.from_text(f"{b}\n\nKyiv Daily Insider\nMore from our newsroom", path=f"{i}.txt")
            for i, b in enumerate(body)]
    report = engine.audit(docs)
    assert [len(d.findings) for d in report.documents] == [1, 1]
    assert report.corpus["boilerplate"]["shared_lines"][0]["also_in"] == ["1.txt"]
    # the same article published twice is a duplicate, not a template
    twice = [Document.from_text(f"{body[0]}\n\nKyiv Daily Insider\nMore from our newsroom", path=f"{i}.txt")
             for i in range(2)]
    assert not any(d.findings for d in engine.audit(twice).documents)


def test_deleting_html_blocks_keeps_the_page_well_formed(engine):
    from auditor.fixes import apply_fixes

    path = FIXTURES / "boilerplate" / "riga_times.html"
    doc = read_document(path)
    report = engine.audit([doc]).documents[0]
    fixed, edits = apply_fixes(doc.text, report.findings, safe_only=False)
    assert len(edits) == len(report.findings)

    def tag_counts(html):
        opened = re.findall(r"<([a-z][a-z0-9]*)\b[^>]*(?<!/)>", html)
        closed = re.findall(r"</([a-z][a-z0-9]*)>", html)
        void = {"meta", "link", "img", "br", "hr", "input"}
        return {t: opened.count(t) - closed.count(t) for t in set(opened + closed) - void}

    assert all(v == 0 for v in tag_counts(doc.text).values())
    assert all(v == 0 for v in tag_counts(fixed).values())
    prose = Document.from_text(fixed, kind="html").prose
    assert "Remind me later" not in prose and "cookies" not in prose and "In this file photo" not in prose
    assert "Estonia, Latvia and Lithuania completed their switch" in prose
    assert "Officials had warned of possible sabotage" in prose


def test_headline_deck_and_byline_in_a_header_element_stay(engine):
    doc = read_document(FIXTURES / "boilerplate" / "orbit_weekly.html")
    report = engine.audit([doc]).documents[0]
    spans = [doc.text[f.start:f.end] for f in report.findings]
    assert len(spans) == 1 and spans[0].startswith("© 2025 Orbit Weekly") and spans[0].endswith("Careers")


def test_a_template_shared_by_many_articles_names_a_few_and_counts_all(tmp_path):
    from auditor import api
    from auditor.pychecks.boilerplate import ALSO_IN_LISTED

    many = ALSO_IN_LISTED + 5
    for i in range(many):
        body = f"Story {i} reports that the council met on day {i} and agreed a budget for road number {i}."
        (tmp_path / f"{i:02d}.txt").write_text(f"{body}\n\nKyiv Daily Insider\nMore from our newsroom\n",
                                               encoding="utf-8")
    report = api.audit_paths([str(tmp_path)], config=Config(select=("BP012",)))
    shared = report.corpus["boilerplate"]["shared_lines"]
    assert shared and all(len(s["also_in"]) == ALSO_IN_LISTED and s["also_in_count"] == many - 1 for s in shared)
    found = [f for d in report.documents for f in d.findings if f.rule == "BP012"]
    assert found and all(f.data["also_in_count"] == many - 1 and len(f.data["also_in"]) == ALSO_IN_LISTED for f in found)
