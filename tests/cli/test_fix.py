"""auditor fix: safe fixes only, never overlapping, atomic writes, idempotent, text outside spans kept."""
from __future__ import annotations

import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.api import engine_for
from auditor.documents import Document
from auditor.fixes import apply_fixes, fix_documents, fix_text, plan
from auditor.model import Finding

DIRTY = "He said : the the talks,, went on.\n"
CLEAN = "He said: the talks, went on.\n"


def test_fix_diff_writes_nothing_then_fix_applies_and_settles(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(DIRTY, encoding="utf-8")
    res = cli("fix", art, "--diff")
    assert res.code == 1, res.err
    assert res.out.startswith(f"--- a/{str(art).lstrip('/')}\n+++ b/")
    assert "-He said : the the talks,, went on.\n+He said: the talks, went on.\n" in res.out
    assert art.read_text(encoding="utf-8") == DIRTY
    res = cli("fix", art)
    assert res.code == 1 and "fixed 3" in res.err
    assert art.read_text(encoding="utf-8") == CLEAN
    res = cli("fix", art)
    assert res.code == 0 and res.out == ""
    assert art.read_text(encoding="utf-8") == CLEAN


def test_fix_keeps_bom_line_endings_and_permissions(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_bytes(b"\xef\xbb\xbf" + DIRTY.replace("\n", "\r\n").encode() + b"Next line.\r\n")
    os.chmod(art, 0o640)
    assert cli("fix", art).code == 1
    assert art.read_bytes() == b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode() + b"Next line.\r\n"
    assert stat.S_IMODE(art.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name != "a.txt"]  # no temporary file left


def test_fix_leaves_unsafe_suggestions_alone(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("The minister arrived at the head of a delegation.\n", encoding="utf-8")
    res = cli("fix", art)
    assert res.code == 0  # MTF001 has a suggestion but its fix is not marked safe
    assert "at the head of" in art.read_text(encoding="utf-8")


def test_fix_select_and_ignore(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(DIRTY, encoding="utf-8")
    assert cli("fix", art, "--select", "PU").code == 1
    assert art.read_text(encoding="utf-8") == "He said : the the talks, went on.\n"
    assert cli("fix", art, "--ignore", "SP").code == 1
    assert art.read_text(encoding="utf-8") == "He said: the the talks, went on.\n"


def test_fix_html_touches_prose_only(cli, tmp_path):
    art = tmp_path / "a.html"
    art.write_text("<p>He said : the <b>the</b> talks,, went on &amp; on !</p>\n", encoding="utf-8")
    assert cli("fix", art).code == 1
    # the doubled word spans markup, so it is left for an editor
    assert art.read_text(encoding="utf-8") == "<p>He said: the <b>the</b> talks, went on &amp; on!</p>\n"


def test_fix_markdown_never_edits_across_markup(cli, tmp_path):
    art = tmp_path / "a.md"
    art.write_text("He said : the **the** talks,, went on.\n", encoding="utf-8")
    assert cli("fix", art).code == 1
    assert art.read_text(encoding="utf-8") == "He said: the **the** talks, went on.\n"


def test_fix_stdin_and_input_errors(cli, tmp_path):
    res = cli("fix", "-", stdin=DIRTY)
    assert res.code == 1 and res.out == CLEAN
    res = cli("fix", tmp_path / "missing.txt")
    assert res.code == 2 and "no such file" in res.err


def test_overlapping_edits_are_never_both_applied():
    f = lambda s, e, r: Finding(rule="X001", name="n", category="style", severity="minor", start=s, end=e,
                                message="m", suggestions=(r,), fix_safe=True)
    edits = plan([f(0, 5, "A"), f(3, 8, "B"), f(8, 8, "C"), f(8, 10, "D"), f(10, 10, "E")])
    assert [(e.start, e.end, e.replacement) for e in edits] == [(0, 5, "A"), (8, 8, "C"), (10, 10, "E")]


# ---- properties -------------------------------------------------------------------
def _covered(text_len: int, spans) -> list[bool]:
    mask = [False] * text_len
    for s, e in spans:
        for i in range(s, e):
            mask[i] = True
    return mask


def _outside_kept(before: str, after: str, spans, edits) -> bool:
    """Every character of before outside all spans sits in after, shifted by the edits before it."""
    mask = _covered(len(before), spans)
    for i, ch in enumerate(before):
        if mask[i]:
            continue
        shift = sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= i)
        if after[i + shift] != ch:
            return False
    return True


@st.composite
def text_and_findings(draw):
    text = draw(st.text(alphabet="ab ,.:\n", max_size=40))
    findings = []
    for _ in range(draw(st.integers(0, 6))):
        s = draw(st.integers(0, len(text)))
        e = draw(st.integers(s, len(text)))
        findings.append(Finding(rule=draw(st.sampled_from(["AA001", "BB001"])), name="n", category="style",
                                severity="minor", start=s, end=e, message="m",
                                suggestions=(draw(st.text(alphabet="xyz ", max_size=4)),),
                                fix_safe=draw(st.booleans())))
    return text, findings


@given(text_and_findings())
def test_apply_never_changes_text_outside_finding_spans(case):
    text, findings = case
    fixed, edits = apply_fixes(text, findings)
    safe = [(f.start, f.end) for f in findings if f.fix_safe]
    assert _outside_kept(text, fixed, safe, edits)
    assert all(a.end <= b.start and not (a.end == b.start and (a.start == a.end or b.start == b.end))
               for a, b in zip(edits, edits[1:]))


WORDS = ["the", "the the", "minister", "said", " :", ",,", " !", "talks", "at the head of", "«Kyiv»",
         "Zelenskyy", "Zelensky", "on", "Tuesday", ".", "\n", "\r\n", "  ", "é"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join))
def test_real_fixes_keep_text_outside_spans_and_are_idempotent(text):
    engine = engine_for()
    doc = Document.from_text(text)
    findings = engine.audit([doc]).documents[0].findings
    fixed, edits = apply_fixes(text, findings)
    assert _outside_kept(text, fixed, [(f.start, f.end) for f in findings if f.fix_safe], edits)
    once = fix_text(text, engine)
    assert fix_text(once, engine) == once
    result = fix_documents(engine, [Document.from_text(once)])[0]
    assert not result.edits and result.settled


@pytest.mark.parametrize("text", ["\x81\x91", "a \x81\x91 b\n", "it\x92s \x8d\x93so\x94\x9d\n"])
def test_c1_control_fixes_settle_in_one_pass(text):
    # Windows-1252 leaves U+0081, U+008D and U+009D undefined: they go with the run, not on a second pass
    engine = engine_for()
    once = fix_text(text, engine)
    assert not any("\x80" <= c <= "\x9f" for c in once), repr(once)
    assert fix_text(once, engine) == once


# straight, curly and typeset quotes mixed: guillemets and low marks turn curly under their own fix,
# so the mixed-styles majority must count them on the curly side or the fixes flip it between passes
MIXED_QUOTES = [
    'The talks were «constructive» and «honest», the ministry said. “We agree," he said. "It works," she added.\n',
    'The talks were « constructive » and « honest ». “We agree," he said. "It works," she added.\n',
    '« :" :,.,He said »\n\n“\n\nAb "»',
    'He said \n\nAb yesyes.»word “" :«»»“x.,"x"He said \n\n«',
    '”Ab Ab \n :,\n\n,«"“"»". “ :\'\'word \n\nxHe said »"\'word x\n\n',
    # a closing mark after a guillemet: the pairing must not turn once « is curly (PU003)
    'Talks «—”He said: yes.\n',
    'It was «—”Ab “x” said, and «Tuesday”.\n',
]


@pytest.mark.parametrize("kind", ["txt", "md", "html"])
@pytest.mark.parametrize("text", MIXED_QUOTES)
def test_mixed_quote_fixes_settle_in_one_pass(text, kind):
    engine = engine_for()
    once = fix_text(text, engine, kind=kind)
    assert fix_text(once, engine, kind=kind) == once


OPENING = st.sampled_from(['"', "“", "«", "« ", "„"])
CLOSING = st.sampled_from(['"', "”", "»", " »", "“"])
QUOTATION = st.tuples(OPENING, st.sampled_from(["We agree", "talks", "It works", "Kyiv"]), CLOSING,
                      st.sampled_from([" he said. ", ", the minister said. ", " and ", "\n\n"])).map("".join)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(QUOTATION, min_size=1, max_size=8).map("".join))
def test_quote_fixes_are_idempotent(text):
    engine = engine_for()
    once = fix_text(text, engine)
    assert fix_text(once, engine) == once


MOJIBAKE_LOST_BYTE = "was \u00e2\u20ac\u0153delighted\u00e2\u20ac with\n"   # the closing quote lost its last byte


def test_mojibake_fix_never_guesses_a_character_as_safe(cli):
    res = cli("fix", "-", stdin=MOJIBAKE_LOST_BYTE)
    assert "\u2020" not in res.out and res.out.startswith("was \u201cdelighted")
    res = cli("fix", "-", "--unsafe-fixes", stdin=MOJIBAKE_LOST_BYTE)
    assert res.out == "was \u201cdelighted\u201d with\n", res.out
    whole = "The caf\u00c3\u00a9 said \u00e2\u20ac\u0153yes\u00e2\u20ac\u009d.\n"
    assert cli("fix", "-", stdin=whole).out == "The caf\u00e9 said \u201cyes\u201d.\n"


def test_unsafe_fixes_flag(cli, tmp_path):
    text = "The minister arrived at the head of a delegation.\n"
    assert cli("fix", "-", stdin=text).out == text
    res = cli("fix", "-", "--unsafe-fixes", stdin=text)
    assert res.code == 1 and res.out == "The minister arrived leading a delegation.\n"
    (tmp_path / ".auditor.toml").write_text("unsafe-fixes = true\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(text, encoding="utf-8")
    assert cli("fix", art).code == 1 and "leading" in art.read_text(encoding="utf-8")
    art.write_text(text, encoding="utf-8")
    assert cli("fix", art, "--no-unsafe-fixes").code == 0


def test_certain_fixes_count_as_safe():
    import auditor

    text = ("Kyiv said the the talks would go on. Officials in Kiev gave no date.\n\n"
            "Advertisement:\n\nThe minister spoke on Monday.\n")
    report = auditor.audit_text(text, path="a.txt")
    safe = {f.rule for f in report.findings if f.fix_safe}
    assert {"SP001", "NM001", "BP002"} <= safe, [(f.rule, f.fix_safe) for f in report.findings]
    fixed = auditor.apply_fixes(report).text
    assert "Kiev" not in fixed and "the the" not in fixed and "Advertisement" not in fixed


def test_unsafe_fixes_apply_most_seed_findings():
    from conftest import SEEDS
    from auditor.engine import load_documents
    from auditor.fixes import document_edits
    from auditor.config import Config

    docs, _ = load_documents([str(SEEDS)], Config())
    engine = engine_for(None)
    report = engine.audit(docs)
    total = sum(len(d.findings) for d in report.documents)
    safe = sum(len(document_edits(doc, d.findings)) for doc, d in zip(docs, report.documents))
    applied = sum(len(document_edits(doc, d.findings, safe_only=False)) for doc, d in zip(docs, report.documents))
    assert safe >= 0.2 * total, (safe, total)
    assert applied >= 0.6 * total, (applied, total)


def test_deleting_a_whole_line_takes_its_line_break(cli):
    text = ("Russia and NASA prepare for talks\n"
            "Advertisement:\n"
            "The head of Russia's space agency has arrived in the United States for talks with NASA.\n")
    out = cli("fix", "-", stdin=text).out
    assert out == ("Russia and NASA prepare for talks\n"
                   "The head of Russia's space agency has arrived in the United States for talks with NASA.\n"), out


def test_unsafe_fixes_never_fix_their_own_fix_again(tmp_path):
    import shutil

    from conftest import SEEDS
    from auditor.engine import load_documents
    from auditor.config import Config

    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
    docs, _ = load_documents([str(tmp_path)], Config())
    results = fix_documents(engine_for(None), docs, safe_only=False)
    fixed = next(r.text for r in results if r.path.endswith("001_4e1cf28ef9ce245c.txt"))
    assert "space agencies in seven years" in fixed
    assert [e.rule for r in results for e in r.edits].count("CF001") == 1


def test_a_rule_can_make_its_only_suggestion_safe(tmp_path):
    from auditor.config import Config
    from auditor.engine import Engine
    from auditor.packs import RuleSet, load_pack

    pack_dir = tmp_path / "demo"
    pack_dir.mkdir()
    (pack_dir / "pack.yml").write_text("prefix: DM\ndescription: demo\nlicense: CC0-1.0\nsources: [own]\n",
                                       encoding="utf-8")
    (pack_dir / "DM001-typo.yml").write_text(
        "code: DM001\nname: typo\ntype: phrase\ncategory: spelling.typo\nseverity: minor\nfix_safe: single\n"
        "message: m\ndescription: d\nsource: own\n"
        "phrases:\n- match: teh\n  suggest: [the]\n- match: adn\n  suggest: [and, an]\n"
        "examples:\n- bad: '[[teh]] cat'\n  fix: the\n- good: 'the cat'\n", encoding="utf-8")
    pack = load_pack(pack_dir)
    engine = Engine(Config(), RuleSet(packs=[pack], rules=pack.rules))
    found = engine.audit([Document.from_text("teh cat adn dog")]).documents[0].findings
    assert [(f.suggestions, f.fix_safe) for f in found] == [(("the",), True), (("and", "an"), False)]


# ---- checks that disagree: fix reaches a fixed point -----------------------------------
class Rewrites:
    """An engine whose checks each turn one word into another, safely: (code, word, replacement)."""

    def __init__(self, *rules):
        self.rules = rules

    def audit(self, docs):
        import re
        from types import SimpleNamespace

        return SimpleNamespace(documents=[SimpleNamespace(findings=[
            Finding(rule=code, name="n", category="style", severity="minor", start=m.start(), end=m.end(),
                    message="m", suggestions=(new,), fix_safe=True)
            for code, old, new in self.rules for m in re.finditer(rf"\b{old}\b", doc.text)]) for doc in docs])


def _fix(engine, text):
    return fix_documents(engine, [Document.from_text(text)])[0]


def test_two_checks_that_disagree_leave_the_place_as_written():
    engine = Rewrites(("XA001", "colour", "color"), ("XB001", "color", "colour"), ("XC001", "teh", "the"))
    for word in ("colour", "color"):
        result = _fix(engine, f"teh {word} of teh sky")
        assert result.text == f"the {word} of the sky" and result.settled
        assert [e.rule for e in result.edits] == ["XC001", "XC001"]   # the two that cancel are not counted
        again = _fix(engine, result.text)
        assert again.text == result.text and not again.edits


def test_a_chain_of_fixes_that_comes_back_is_undone_whole_and_one_that_does_not_is_kept():
    circle = Rewrites(("XA001", "alpha", "beta"), ("XB001", "beta", "gamma"), ("XC001", "gamma", "alpha"))
    result = _fix(circle, "an alpha test")
    assert result.text == "an alpha test" and not result.edits and result.settled
    # the circle entered from outside it: the fix that led in is kept, the circle's are not
    result = _fix(Rewrites(("XD001", "delta", "alpha"), *circle.rules), "a delta test")
    assert result.text == "a alpha test" and [e.rule for e in result.edits] == ["XD001"]
    assert not _fix(circle, result.text).edits
    line = Rewrites(("XA001", "teh", "the"), ("XB001", "the", "thee"))
    result = _fix(line, "teh end")
    assert result.text == "thee end" and [e.rule for e in result.edits] == ["XA001", "XB001"]


def test_a_refused_edit_hides_no_other_edit_of_its_place():
    # XA001 may not rewrite its own 'beta'; XB001's edit of the same word must still be chosen, as it
    # would be on the fixed text, or a second fix would change the text again
    engine = Rewrites(("XA001", "alpha", "beta"), ("XA001", "beta", "gamma"), ("XB001", "beta", "delta"))
    result = _fix(engine, "an alpha test")
    assert result.text == "an delta test" and result.settled
    assert not _fix(engine, result.text).edits


WORD = st.sampled_from(["ab", "cd", "ef", "gh", "ij"])


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(WORD, WORD), max_size=8), st.lists(WORD, min_size=1, max_size=6).map(" ".join))
def test_fixing_the_fixed_text_changes_nothing_whatever_the_checks_disagree_about(pairs, text):
    engine = Rewrites(*[(f"X{k:03d}", old, new) for k, (old, new) in enumerate(pairs)])
    result = _fix(engine, text)
    if result.settled:
        again = _fix(engine, result.text)
        assert again.text == result.text and not again.edits, (result.text, again.edits)


def test_article_checks_agree_about_eu_and_fix_settles():
    # 'eU…' once read as a vowel sound by GR010 and a consonant sound by GR011; both now read it alike
    engine = engine_for()
    for text, kind in (("a\reU", "html"), ("a eU", "txt"), ("It was a eUrope-wide plan.\n", "md")):
        doc = Document.from_text(text, kind=kind, path="a." + kind)
        assert not [f for f in engine.check_document(doc) if f.rule in ("GR010", "GR011")]
        result = fix_documents(engine, [doc])[0]
        again = fix_documents(engine, [Document.from_text(result.text, kind=kind, path="a." + kind)])[0]
        assert again.text == result.text and not again.edits, again.edits
    result = fix_documents(engine, [Document.from_text("He said : it was a eUrope trip.\n")])[0]
    assert result.text == "He said: it was a Europe trip.\n"
    assert sorted(e.rule for e in result.edits) == ["MTF003", "SP024"]
