"""The language server's parts in process: settings, positions, suppressions, and the folder corpus."""
from __future__ import annotations

import os
import re

import pytest
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from auditor.lsp import convert
from auditor.lsp.state import OpenDocument, Settings, State, kind_for
from auditor.model import DocumentReport, Finding
from auditor.pychecks import PyCheck, register

KILLED = re.compile(r"\b(\d+) (?:people )?(?:were )?killed\b")


@register("killed-count-disagrees")
class KilledCount(PyCheck):
    """A corpus check for the tests: a death toll that another article of the folder gives differently."""

    def summary(self, doc):
        return [(m.start(1), m.end(1), m.group(1)) for m in KILLED.finditer(doc.prose)]

    def reduce(self, tolls, docs, ctx):
        for i, found in enumerate(tolls):
            others = {n for j, t in enumerate(tolls) if j != i for _s, _e, n in t}
            for start, end, n in found:
                if others and n not in others:
                    yield i, self.rule.finding(start, end, n, [sorted(others)[0]], values={})


PACK = """prefix: TC
description: Test corpus checks.
sources: ["tests"]
license: Apache-2.0
"""
RULE = """code: TC001
name: killed-count-disagrees
type: python
check: "test_lsp_state:killed-count-disagrees"
category: consistency.count
severity: major
message: "The death toll differs from the other articles on this story."
description: A toll given differently elsewhere in the folder.
source: "tests"
examples:
  - bad: "At least [[12]] people were killed."
    fix: "14"
  - good: "No one was hurt."
"""


@pytest.fixture
def desk(tmp_path):
    pack = tmp_path / "packs" / "tc"
    pack.mkdir(parents=True)
    (pack / "pack.yml").write_text(PACK, encoding="utf-8")
    (pack / "TC001-killed-count-disagrees.yml").write_text(RULE, encoding="utf-8")
    folder = tmp_path / "desk"
    folder.mkdir()
    state = State()
    state.folders = [str(folder)]
    state.configure({"auditor": {"packs": [str(pack.parent / "tc")], "select": ["TC"]}})
    return state, folder


def opened(path, text, version=1) -> OpenDocument:
    return OpenDocument(uri=f"file://{path}", path=str(path), version=version, text=text, kind="txt")


def test_cross_article_checks_read_the_other_articles_of_the_folder(desk):
    state, folder = desk
    other = folder / "wire" / "b.txt"
    other.parent.mkdir()
    other.write_text("At least 14 people were killed in the blast.\n", encoding="utf-8")
    (folder / ".drafts").mkdir()
    (folder / ".drafts" / "c.txt").write_text("9 killed\n", encoding="utf-8")   # hidden folders are skipped
    a = opened(folder / "a.txt", "At least 12 people were killed on Sunday.\n")
    assert state.engine_for(state.config_for(a.path)).has_corpus_steps

    results = state.audit(a)
    assert [od.uri for od, _r in results] == [a.uri]      # the closed article gets no diagnostics
    [(_, report)] = results
    assert [(f.rule, report.text[f.start:f.end], f.suggestions) for f in report.findings] == [("TC001", "12", ("14",))]

    # the other article changes on disk: its new text is read again
    other.write_text("At least 12 people were killed in the blast.\n", encoding="utf-8")
    os.utime(other, ns=(1, 1))
    assert state.audit(a)[0][1].findings == []

    # an open buffer wins over the file on disk, and every open article of the folder is reported
    b = opened(other, "Officials said 15 were killed.\n")
    results = state.audit(a, [b])
    assert sorted(od.uri for od, _ in results) == sorted([a.uri, b.uri])
    assert all(r.findings and r.findings[0].rule == "TC001" for _, r in results)


def test_without_corpus_checks_the_folder_is_not_read(desk, monkeypatch):
    state, folder = desk
    state.configure({"auditor": {"select": ["MTF"], "packs": []}})
    monkeypatch.setattr(State, "listing", lambda *a, **k: pytest.fail("folder listed"))
    a = opened(folder / "a.txt", "He arrived at the head of a delegation.\n")
    assert not state.engine_for(state.config_for(a.path)).has_corpus_steps
    [(_, report)] = state.audit(a)
    assert [f.rule for f in report.findings] == ["MTF001"]


def test_settings_accept_sections_strings_and_milliseconds():
    s = Settings.parse({"auditor": {"select": "MTF, SP", "ignore": ["SP001"], "debounce": 120}})
    assert s.select == ("MTF", "SP") and s.ignore == ("SP001",) and s.debounce == pytest.approx(0.12)
    assert Settings.parse({"packs": ["house"]}, s).packs == ("house",)
    assert Settings.parse(None, s) == s and Settings.parse({"auditor": "junk"}, s) == s
    assert Settings.parse({"debounce": "soon"}, s).debounce == s.debounce


def test_editor_select_and_ignore_replace_and_extend_ignore_adds_to_the_project_file(tmp_path):
    (tmp_path / ".auditor.toml").write_text('select = ["MTF", "SP"]\nignore = ["SP001"]\n', encoding="utf-8")
    state = State()
    state.folders = [str(tmp_path)]
    path = str(tmp_path / "a.txt")
    assert state.config_for(path).ignore == ("SP001",)
    state.configure({"ignore": ["MTF002"]})
    config = state.config_for(path)
    assert config.select == ("MTF", "SP") and config.ignore == ("MTF002",)
    state.configure({"ignore": [], "extendIgnore": ["MTF002"], "extendSelect": ["NM"]})
    config = state.config_for(path)
    assert config.ignore == ("SP001", "MTF002") and config.extend_select == ("NM",)
    state.configure({"select": ["MTF001"], "ignore": [], "extendIgnore": []})
    assert state.config_for(path).select == ("MTF001",) and state.config_for(path).ignore == ()


def test_kinds_by_suffix_then_language():
    assert kind_for("/x/a.md", "plaintext") == "md" and kind_for("/x/a.htm", None) == "html"
    assert kind_for("untitled:1", "markdown") == "md" and kind_for("/x/a.py", "python") is None


def finding(start, end, rule="MTF001", suggestions=("leading",)):
    return Finding(rule=rule, name="n", category="mt.calque", severity="minor", start=start, end=end,
                   message="m", suggestions=suggestions)


def test_positions_count_utf16_units_and_every_line_ending():
    text = "a\r\nb😀c\rd\ne"
    pos = convert.Positions(text, PositionCodec())
    assert pos.position(text.index("c")) == types.Position(line=1, character=3)
    assert pos.position(text.index("d")) == types.Position(line=2, character=0)
    assert pos.position(text.index("e")) == types.Position(line=3, character=0)
    utf32 = convert.Positions(text, PositionCodec(types.PositionEncodingKind.Utf32))
    assert utf32.position(text.index("c")).character == 2


def test_suppression_keeps_the_documents_line_endings_and_indentation():
    text = "Title\r\n\r\n  He arrived at the head of them.\r\n"
    start = text.index("at the head")
    title, edits = convert.suppression(finding(start, start + 14), "md", convert.Positions(text))
    assert title == "Suppress MTF001 on this line"
    assert edits[0].new_text == "  <!-- auditor-ignore-next-line MTF001 -->\r\n"
    assert edits[0].range.start == types.Position(line=2, character=0)


def test_diagnostic_data_and_fix_all():
    text = "He arrived at the head of them. It was was late.\n"
    a = text.index("at the head")
    b = text.index(" was late")
    safe = Finding(rule="SP001", name="doubled-word", category="spelling.doubled", severity="minor",
                   start=b, end=b + 4, message="doubled", suggestions=("",), fix_safe=True)
    report = DocumentReport(path="a.txt", text=text, language="en", words=10,
                            findings=[finding(a, a + 14, suggestions=("leading", "heading")), safe])
    diags = convert.diagnostics(report, None, 4)
    assert diags[0].data["fixes"][1] == {"title": "Replace 'at the head of' with 'heading' (MTF001)",
                                         "newText": "heading"}
    assert diags[1].data["fixes"][0]["title"] == "Delete 'was' (SP001)"
    actions = convert.actions_for("file:///a.txt", diags, 4)
    assert [a.title for a in actions][:3] == [d["title"] for d in diags[0].data["fixes"]] + [
        diags[1].data["fixes"][0]["title"]]
    assert convert.actions_for("file:///a.txt", diags, 5) == []
    fix_all = convert.fix_all("file:///a.txt", report, None)
    assert fix_all.kind == "source.fixAll.auditor"
    [edit] = fix_all.edit.changes["file:///a.txt"]            # only the safe fix
    assert edit.new_text == "" and edit.range.start.character == b
    assert convert.wanted("source.fixAll.auditor", ["source.fixAll"]) and not convert.wanted("quickfix", ["source"])


def test_diagnostics_kept_from_the_last_version_equal_new_ones():
    from lsprotocol import converters

    from auditor.api import engine_for
    from auditor.documents import Document

    unstructure = converters.get_converter().unstructure
    engine = engine_for()
    text = "He arrived at the head of them.\n\nIt was was late, the the minister said.\n"
    edits = [("It was", "Yes, it was"), ("He arrived", "He arived"), ("them.", "them. Then he\nleft."),
             ("arived", "arrived")]
    kept: dict = {}
    for version, (old, new) in enumerate([("", "")] + edits, start=1):
        text = text.replace(old, new, 1)
        report = engine.audit([Document.from_text(text, path="a.txt")]).documents[0]
        again = convert.diagnostics(report, None, version, kept)
        assert unstructure(again) == unstructure(convert.diagnostics(report, None, version))
        assert all(d.data["version"] == version for d in again) and len(kept) == len(again) > 1


def test_a_diagnostic_with_edits_elsewhere_is_kept_while_they_stay_put():
    from lsprotocol import converters

    from auditor.api import engine_for
    from auditor.documents import Document

    unstructure = converters.get_converter().unstructure
    engine = engine_for()
    # a hard-wrapped paragraph (one FM001 finding, an edit at each wrapped line break) after a line
    # with a character past the Basic Multilingual Plane, whose positions count two UTF-16 units
    text = ("Stars 😀 and more 😀 here, said the the minister.\n\n"
            "The minister of foreign affairs arrived in the capital on Monday\n"
            "morning for talks with his counterpart about the new trade deal\n"
            "that both sides hope to sign before the end of the year in Rome\n"
            "and the weather was fine.\n\nIt was late.\n")
    kept: dict = {}
    wrapped = []
    for version, (old, new) in enumerate([("", ""), ("late.", "late, he said."), ("Stars", "Two stars"),
                                          ("Monday\n", "Monday and\n")], start=1):
        text = text.replace(old, new, 1)
        report = engine.audit([Document.from_text(text, path="a.txt")]).documents[0]
        again = convert.diagnostics(report, None, version, kept)
        assert unstructure(again) == unstructure(convert.diagnostics(report, None, version))
        wrapped.append(next(d for d in again if d.code == "FM001" and d.data["fixes"][0].get("also")))
    # edits elsewhere, an earlier line's too, leave its lines and characters as they were
    assert wrapped[0] is wrapped[1] is wrapped[2] and wrapped[2] is not wrapped[3]
    assert [d.data["version"] for d in wrapped] == [3, 3, 3, 4]


def test_a_buffer_over_the_size_limit_is_refused(tmp_path):
    from auditor.errors import AuditorError

    (tmp_path / ".auditor.toml").write_text("max-size = 20\n", encoding="utf-8")
    state = State()
    state.folders = [str(tmp_path)]
    with pytest.raises(AuditorError, match="max-size"):
        state.audit(opened(tmp_path / "a.txt", "A long article, longer than twenty characters.\n"))
    assert state.audit(opened(tmp_path / "b.txt", "Short.\n"))[0][1].findings == []


def test_quick_fixes_never_cut_through_markup_and_escape_html():
    text = "<p>Profits at <em>AT</em> and T rose.</p>\n<p>Profits at ATT rose.</p>\n"
    across = text.index("<em>AT</em> and T")
    plain = text.index("ATT")
    report = DocumentReport(path="a.html", text=text, language="en", words=8, kind="html", findings=[
        finding(across, across + len("<em>AT</em> and T"), "NM900", ("AT&T",)),
        finding(plain, plain + 3, "NM900", ("AT&T",))])
    first, second = convert.diagnostics(report, None, 1)
    assert first.data["fixes"] == [] and first.data["suppress"]["edits"]
    assert second.data["fixes"][0]["newText"] == "AT&amp;T"
    md = "Some **the the** words and the the end.\n"
    bold, plain = md.index("the the"), md.rindex("the the")
    md_report = DocumentReport(path="a.md", text=md, language="en", words=8, kind="md", findings=[
        finding(bold - 2, bold + 9, "SP900", ("the",)), finding(plain, plain + 7, "SP900", ("the",))])
    across_md, plain_md = convert.diagnostics(md_report, None, 1)
    assert across_md.data["fixes"] == [] and plain_md.data["fixes"][0]["newText"] == "the"


def test_the_server_package_is_installed_with_auditor():
    import configparser

    from conftest import ROOT

    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg", encoding="utf-8")
    assert "auditor.lsp" in parser["options"]["packages"].split()


def test_suppression_is_offered_only_where_the_format_has_comments():
    text = "He arrived at the head of them.\n"
    a = text.index("at the head")
    for kind, offered in (("txt", False), ("md", True), ("html", True)):
        report = DocumentReport(path=f"a.{kind}", text=text, language="en", words=7, kind=kind,
                                findings=[finding(a, a + 14)])
        actions = convert.actions_for("file:///a", convert.diagnostics(report, None, 1), 1)
        assert any(x.title.startswith("Suppress") for x in actions) is offered, kind


def test_quick_fix_titles_name_only_what_changes():
    quote = "\u201cwe are going to talk about the pursuit of the Russian station"
    text = f"He said {quote} and left.\n"
    a = text.index(quote)
    f = Finding(rule="PU002", name="unbalanced-quote", category="punctuation.quotes", severity="minor",
                start=a, end=a + len(quote), message="m", suggestions=(quote + "\u201d",))
    assert convert.fix_title(f, f.suggestions[0], text) == "Insert '\u201d' after 'station' (PU002)"
    assert convert.fix_title(finding(0, 2), "She", "He said.") == "Replace 'He' with 'She' (MTF001)"


def test_fix_all_applies_unsafe_fixes_when_asked():
    text = "He arrived at the head of them.\n"
    a = text.index("at the head")
    report = DocumentReport(path="a.txt", text=text, language="en", words=7, findings=[finding(a, a + 14)])
    assert convert.fix_all("file:///a.txt", report, None) is None
    action = convert.fix_all("file:///a.txt", report, None, unsafe=True)
    assert action.title == "Apply 1 auditor fix" and action.edit.changes["file:///a.txt"][0].new_text == "leading"
    assert Settings.parse({"auditor": {"unsafeFixes": True}}).unsafe_fixes is True


@register("slow-check")
class SlowCheck(PyCheck):
    """A check for the tests that takes a fifth of a second and records each article it read."""

    read: list[str] = []

    def check(self, doc):
        import time

        SlowCheck.read.append(self.rule.code)
        time.sleep(0.2)
        return ()


def test_an_audit_over_the_time_limit_stops_and_the_next_one_runs(tmp_path):
    from auditor.deadline import OutOfTime

    pack = tmp_path / "packs" / "ts"
    pack.mkdir(parents=True)
    (pack / "pack.yml").write_text(PACK.replace("TC", "TS").replace("corpus", "slow"), encoding="utf-8")
    for n in range(1, 6):
        (pack / f"TS00{n}-slow-check.yml").write_text(
            RULE.replace("TC001", f"TS00{n}").replace("killed-count-disagrees", "slow-check"), encoding="utf-8")
    state = State()
    state.folders = [str(tmp_path)]
    state.configure({"auditor": {"packs": [str(pack)], "select": ["TS"], "timeout": 0.3}})
    a = opened(tmp_path / "a.txt", "The minister arrived on Monday.\n")
    state.engine_for(state.config_for(a.path))
    SlowCheck.read.clear()
    with pytest.raises(OutOfTime, match="0.3 s"):
        state.audit(a)
    assert SlowCheck.read == ["TS001", "TS002"]   # stopped between two checks, not after all five
    # the limit is per audit: a longer one lets the same article through, on the same state
    state.configure({"auditor": {"timeout": 5}})
    SlowCheck.read.clear()
    assert state.audit(a)[0][1].findings == []
    assert SlowCheck.read == ["TS001", "TS002", "TS003", "TS004", "TS005"]


def test_the_time_limit_setting_must_be_a_positive_number():
    assert Settings.parse({"auditor": {"timeout": 2.5}}).timeout == 2.5
    assert Settings.parse({"auditor": {"timeout": "soon"}}).timeout == Settings().timeout
    assert Settings.parse({"auditor": {"timeout": 0}}).timeout == Settings().timeout


def test_a_quick_fix_edits_every_place_its_finding_stands_for():
    # a hard-wrapped run is one FM001 finding; its quick fix joins every wrapped line, as `auditor fix` does
    from auditor.api import engine_for
    from auditor.documents import Document
    from auditor.fixes import apply_fixes
    from conftest import SEEDS

    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    report = engine_for().audit([Document.from_text(text, path="000.txt")]).documents[0]
    [wrap] = [f for f in report.findings if f.rule == "FM001"]
    assert len(wrap.data["also_edits"]) > 10
    diag = next(d for d in convert.diagnostics(report, None, 1) if d.code == "FM001")
    action = next(a for a in convert.actions_for("file:///000.txt", [diag], 1) if a.is_preferred)
    pos = convert.Positions(text)
    edited = text
    for e in sorted(action.edit.changes["file:///000.txt"], key=lambda e: (e.range.start.line, e.range.start.character),
                    reverse=True):
        start = pos.starts[e.range.start.line] + e.range.start.character
        end = pos.starts[e.range.end.line] + e.range.end.character
        edited = edited[:start] + e.new_text + edited[end:]
    assert edited == apply_fixes(text, [wrap], safe_only=False)[0]


def test_the_server_turns_diagnostics_into_the_json_pygls_would_and_each_fixed_part_once():
    import json

    from pygls.protocol import default_converter

    from auditor.lsp.server import converter

    text = "The the cat sat.\n\nIt rained — “hard.\n"
    report = DocumentReport(path="a.txt", text=text, language="en", words=8, findings=[
        Finding("SP001", "doubled-word", "spelling.doubled", "major", 0, 7, "Doubled word.", ("The",), fix_safe=True),
        Finding("PU002", "unbalanced-quote", "punctuation.quotes", "minor", 29, 34, "Never closed.", ("hard.”",))])
    ours, theirs = converter(), default_converter()
    for version in (3, 4):
        diags = convert.diagnostics(report, None, version)
        tagged = types.Diagnostic(range=diags[0].range, message="x", tags=[types.DiagnosticTag.Unnecessary])
        params = types.PublishDiagnosticsParams(uri="file:///a.txt", version=version, diagnostics=diags + [tagged])
        assert json.dumps(ours.unstructure(params)) == json.dumps(theirs.unstructure(params))
        if version == 3:
            first = ours.unstructure(diags[0])
    again = ours.unstructure(diags[0])   # the same finding at the next version: only its data is new
    assert again["data"]["version"] == 4 and first["data"]["version"] == 3
    assert again["range"] is first["range"]
