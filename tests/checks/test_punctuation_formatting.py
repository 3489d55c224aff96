"""Quotes, spacing and formatting damage on the seeds and on small articles."""
from __future__ import annotations


from auditor.config import Config
from auditor.documents import Document, read_document
from auditor.engine import Engine
from auditor.fixes import apply_fixes

from conftest import SEEDS


def _audit(text: str, select: list[str], kind: str = "txt"):
    return Engine(Config(select=select)).audit([Document.from_text(text, kind=kind)]).documents[0]


def _seed(name: str, select: list[str]):
    return Engine(Config(select=select)).audit([read_document(next(SEEDS.glob(name + "_*.txt")))]).documents[0]


def test_seed_001_quote_never_closed_and_quote_facing_the_wrong_way():
    report = _seed("001", ["PU"])
    text = report.text
    unclosed = [f for f in report.findings if f.rule == "PU002"]
    assert len(unclosed) == 1
    # the span and the fix stay local: the word where the closing mark is missing, and the mark
    f = unclosed[0]
    assert text[f.start:f.end] == "sea," and f.suggestions == ("sea,”",)
    assert "“we are going" in f.message and len(f.message) < 160
    wrong = [f for f in report.findings if f.rule == "PU003"]
    assert len(wrong) == 1
    fixed = text[:wrong[0].start] + wrong[0].suggestions[0] + text[wrong[0].end:]
    assert "two and a half years,” he said." in fixed


def test_quotes_running_over_paragraphs_are_balanced():
    text = ("“The first part of the statement runs on without a closing mark.\n"
            "“The second part closes it,” the minister said.")
    assert not _audit(text, ["PU002", "PU003"]).findings


def test_mixed_quote_styles_leave_out_boilerplate_blocks():
    text = ("“We plan to discuss the programme,” the agency said on Tuesday in a short statement.\n"
            "RECENT NEWS\n18:15\n\"I won't leave\": a story of a family that moved four times\n"
            "17:50\nRussians strike town in Donetsk Oblast with bombs, injuring three")
    report = _audit(text, ["PU004", "BP"])
    assert [f.rule for f in report.findings] == ["BP005"]
    assert _audit(text.replace("RECENT NEWS\n", "").replace("18:15\n", "").replace("17:50\n", ""),
                  ["PU004"]).findings


def test_seed_000_hard_wrap_is_one_local_finding_whose_fix_joins_the_run():
    report = _seed("000", ["FM"])
    wraps = [f for f in report.findings if f.rule == "FM001"]
    assert len(wraps) == 1
    f = wraps[0]
    # the span is the first wrapped break alone; the message counts the breaks of the run
    assert report.text[f.start:f.end].strip() == "" and report.text.count("\n", f.start, f.end) == 1
    assert f.suggestions[0] in (" ", "") and "31" in f.message and len(f.message) < 120
    joined, _ = apply_fixes(report.text, wraps, safe_only=False)
    assert "Russian space agency Roscosmos, Dmitry Bakanov" in joined
    assert joined.count("\n") == report.text.count("\n") - 31   # paragraph breaks stay
    ticker = [f for f in report.findings if f.rule == "FM004"]
    assert [report.text[f.start:f.end] for f in ticker] == [" ( BA )"]


def test_hard_wrap_one_finding_per_break_when_asked():
    from auditor.packs import load_rules
    from auditor.pychecks.formatting import HardWrapOptions, hard_wrap

    rule = load_rules(select=("FM001",)).by_code("FM001")
    doc = Document.from_text((SEEDS / "000_0c49c47fadb8da95.txt").read_text(encoding="utf-8"), path="000.txt")
    assert len(list(hard_wrap(doc, rule, HardWrapOptions(group="break")))) == 31


def test_unwrapped_articles_have_no_hard_wrap_findings():
    for name in ("001", "002", "003", "004"):
        assert not [f for f in _seed(name, ["FM001"]).findings], name


def test_mojibake_and_invisible_characters_are_repaired():
    text = "The agencyâ€™s chief, Dmitry Baka\u200bnov, visited the CafÃ© de Paris.\x0c"
    report = _audit(text, ["FM"])
    fixed, _edits = apply_fixes(text, report.findings)
    assert fixed.startswith("The agency’s chief, Dmitry Bakanov, visited the Café de Paris.")
    assert {f.rule for f in report.findings} == {"FM002", "FM003"}


def test_doubled_spaces_count_only_in_plain_text():
    assert _audit("The launch was  delayed.", ["PU007"]).findings
    assert not _audit("The launch was  delayed.", ["PU007"], kind="md").findings


def test_hard_wrap_per_paragraph_gives_the_same_text_as_per_run():
    from auditor.packs import load_rules
    from auditor.pychecks.formatting import HardWrapOptions, hard_wrap

    doc = read_document(next(SEEDS.glob("000_*.txt")))
    rule = next(r for r in load_rules().rules if r.code == "FM001")
    (whole,) = list(hard_wrap(doc, rule, HardWrapOptions(group="run")))
    pieces = list(hard_wrap(doc, rule, HardWrapOptions(group="paragraph")))
    assert len(pieces) == 11
    text = doc.prose
    for f in reversed(pieces):
        text = text[:f.start] + f.suggestions[0] + text[f.end:]
    assert text == doc.prose[:whole.start] + whole.suggestions[0] + doc.prose[whole.end:]
    breaks = list(hard_wrap(doc, rule, HardWrapOptions(group="break")))
    text = doc.prose
    for f in reversed(breaks):
        text = text[:f.start] + f.suggestions[0] + text[f.end:]
    assert len(breaks) == 31 and text == doc.prose[:whole.start] + whole.suggestions[0] + doc.prose[whole.end:]


def test_brackets_pair_within_a_paragraph_outside_code_and_labels():
    text = ("The board approved the plan) on Tuesday; options: a) delay, b) cancel :)\n\n"
            "See `f(x` and (https://example.org/a_(b)) for details.\n\n"
            "(If the vote fails, the council meets again.\n\n"
            "...of the plan) were final. The port (for the road and the...")
    report = _audit(text, ["PU076"])
    found = [(report.text[f.start:f.end], f.start, f.suggestions) for f in report.findings]
    # a stray closing mark (deleted by the fix) and an opening mark never closed; the list labels, the
    # emoticon, the code span, the address and the excerpt cut at both ends are left alone
    assert found == [(")", text.index(")"), ("",)), ("(", text.index("(If"), ())]


def test_the_quote_checks_read_an_edited_article_again_only_where_it_changed(monkeypatch):
    from auditor.engine import Article
    from auditor.incremental import TextMemo
    from auditor.pychecks import punctuation

    scanned = []
    scan = punctuation._scan
    monkeypatch.setattr(punctuation, "_scan", lambda seg, continues: scanned.append(seg) or scan(seg, continues))
    monkeypatch.setattr(punctuation, "_SCANNED", TextMemo(2_048))
    engine = Engine(Config(select=["PU002", "PU003"]))
    paragraphs = ["“We are going home, he said.", "“It is late”, she said, “and dark.”",
                  "He said ”no” twice.", "Nobody answered.", "“The end.”"]
    text = "\n\n".join(paragraphs) + "\n"

    def audit(t):   # as the language server audits an edited buffer
        return [(f.start, f.end, f.rule, f.message, f.suggestions)
                for f in engine.audit_articles([Article(Document.from_text(t))]).documents[0].findings]

    first = audit(text)
    assert {f[2] for f in first} == {"PU002", "PU003"} and len(scanned) == len(paragraphs)
    scanned.clear()
    edited = text.replace("Nobody answered.", "Nobody answered at all.")
    again = audit(edited)
    assert scanned == ["Nobody answered at all."]
    assert again == [(s + 7 * (s > edited.index("at all")), e + 7 * (e > edited.index("at all")), *rest)
                     for s, e, *rest in first]
    monkeypatch.setattr(punctuation, "_SCANNED", TextMemo(2_048))
    assert audit(edited) == again
