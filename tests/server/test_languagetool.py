"""LanguageTool as a backend: the mapping of its answers, merging, and a server that is absent or real."""
from __future__ import annotations

import io
import json
import os
import pty
import select
import shutil
import socket
import subprocess
import sys

import pytest

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine
from auditor.languagetool import Backend, Utf16, category_of, duplicates, findings_from, merge
from auditor.model import Finding
from conftest import ROOT
from ltfake import FakeLanguageTool

DATA = ROOT / "tests" / "data"
CALQUES = "🎉 The boss of the agency arrived at the head of a delegation, that is to say a group of teh officials.\n"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- units and mapping ----------------------------------------------------------------------
def test_utf16_offsets_round_trip_around_non_bmp_characters():
    text = "a😀b𝄞c"
    units = Utf16(text)
    encoded = text.encode("utf-16-le")
    for cp in range(len(text) + 1):
        unit = units.to_utf16(cp)
        assert unit == len(text[:cp].encode("utf-16-le")) // 2
        assert units.to_cp(unit) == cp
    assert len(encoded) // 2 == units.to_utf16(len(text))


def test_documented_answer_maps_to_findings_in_code_points():
    fixture = json.loads((DATA / "languagetool-check.json").read_text(encoding="utf-8"))
    text = fixture["text"]
    found = findings_from(fixture["answer"], text)
    assert [f.rule for f in found] == ["LT:MORFOLOGIK_RULE_EN_US", "LT:ACTUALLY",
                                       "LT:COMMA_PARENTHESIS_WHITESPACE", "LT:MORFOLOGIK_RULE_EN_US"]
    assert [text[f.start:f.end] for f in found] == ["noot", "actually", " ,", "teh"]
    teh = found[3]
    assert fixture["answer"]["matches"][3]["offset"] == teh.start + 1   # the emoji is two UTF-16 units
    assert teh.suggestions == ("the", "tech", "ten")
    assert [f.category for f in found] == ["spelling.typos", "mt.false-friend", "punctuation.typography",
                                           "spelling.typos"]
    assert found[1].message.count('"currently"') == 1 and "<suggestion>" not in found[1].message
    assert found[1].data["languagetool"]["url"].startswith("https://")
    assert all(f.severity == "minor" and not f.fix_safe for f in found)


@pytest.mark.parametrize("issue, category, expected", [
    ("misspelling", "TYPOS", "spelling.typos"),
    ("grammar", "GRAMMAR", "grammar"),
    ("grammar", "CONFUSED_WORDS", "grammar.confused-words"),
    ("typographical", "PUNCTUATION", "punctuation"),
    ("style", "REDUNDANCY", "grammar.redundancy"),
    ("mistranslation", "FALSE_FRIENDS", "mt.false-friend"),
])
def test_category_mapping(issue, category, expected):
    assert category_of(issue, category) == expected


# ---- merging -----------------------------------------------------------------------------
def _f(rule, category, start, end, *suggestions):
    return Finding(rule=rule, name=rule.lower(), category=category, severity="minor", start=start, end=end,
                   message="m", suggestions=suggestions)


def test_merge_keeps_auditors_finding_and_references_languagetools_rule():
    own = [_f("MTF001", "mt.calque", 10, 24, "leading")]
    theirs = [_f("LT:HEAD_OF", "grammar", 13, 24, "leading"),           # same fix, other family
              _f("LT:FALSE_FRIEND", "mt.false-friend", 10, 14, "x"),     # same family
              _f("LT:COMMA", "punctuation", 20, 21, ","),                # overlaps, other family and fix
              _f("LT:TYPO", "spelling.typos", 30, 33, "the")]            # elsewhere
    merged = merge(own, theirs)
    assert [f.rule for f in merged] == ["MTF001", "LT:COMMA", "LT:TYPO"]
    refs = merged[0].data["languagetool"]
    assert [r["rule"] for r in refs] == ["LT:HEAD_OF", "LT:FALSE_FRIEND"]
    assert not duplicates(own[0], theirs[2])


# ---- against a stand-in LanguageTool server ---------------------------------------------------
def test_backend_merges_without_duplicates_and_sends_the_source_language(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(CALQUES, encoding="utf-8")
    with FakeLanguageTool() as lt:
        res = cli("check", art, "--format", "json", "--no-config", "--languagetool", lt.url)
        assert res.code == 1, res.err
        assert res.err == ""
        assert lt.requests and lt.requests[0]["motherTongue"] == "fr"
        assert lt.requests[0]["language"] == "en-US"
    doc = res.json()["documents"][0]
    assert doc["source_language"] == "fr"
    by_rule = {f["rule"]: f for f in doc["findings"]}
    # "teh" is also one of the common misspellings auditor knows: LanguageTool's match joins that finding
    assert set(by_rule) == {"MTF001", "MTF002", "MTF004", "SP005"}
    typo = by_rule["SP005"]
    assert (typo["start"], typo["end"], typo["text"]) == (CALQUES.index("teh"), CALQUES.index("teh") + 3, "teh")
    assert typo["suggestions"][0] == "the"
    assert [r["rule"] for r in typo["data"]["languagetool"]] == ["LT:MORFOLOGIK_RULE_EN_US"]
    assert [r["rule"] for r in by_rule["MTF001"]["data"]["languagetool"]] == ["LT:HEAD_OF_CALQUE"]


def test_backend_maps_markdown_prose_back_to_the_source(tmp_path):
    text = "# A *title*\n\nSome **bold** words and teh 😀 end , here.\n"
    doc = Document.from_text(text, path="a.md", kind="md")
    with FakeLanguageTool() as lt:
        # LanguageTool's rules alone, so none of its matches merges into auditor's own
        engine = Engine(Config(languagetool=lt.url, select=("LT",)))
        found = engine.audit([doc]).documents[0].findings
    spans = {f.rule: text[f.start:f.end] for f in found}
    assert spans["LT:MORFOLOGIK_RULE_EN_US"] == "teh"
    assert spans["LT:COMMA_PARENTHESIS_WHITESPACE"] == " ,"


def test_ignore_lt_never_asks_languagetool(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(CALQUES, encoding="utf-8")
    with FakeLanguageTool() as lt:
        res = cli("check", art, "--format", "json", "--no-config", "--languagetool", lt.url, "--ignore", "LT")
        assert lt.requests == []
    assert all(not f["rule"].startswith("LT:") for f in res.json()["documents"][0]["findings"])


def test_unreachable_server_is_one_line_and_the_audit_goes_on(cli, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(CALQUES, encoding="utf-8")
    url = f"http://127.0.0.1:{_closed_port()}"
    res = cli("check", tmp_path, "--format", "json", "--no-config", "--languagetool", url)
    lines = [line for line in res.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "not reachable" in lines[0] and url in lines[0], res.err
    assert "Traceback" not in res.err
    assert res.code == 1
    own = cli("check", tmp_path, "--format", "json", "--no-config", "--languagetool", "off")
    assert own.err == ""
    assert res.json()["documents"] == own.json()["documents"]


def test_not_configured_says_so_once_on_a_terminal_and_nothing_in_pipelines(cli, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(CALQUES, encoding="utf-8")
    empty = tmp_path / "ltp"
    empty.mkdir()
    env = {**os.environ, "LTP_PATH": str(empty)}
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(tmp_path), "--no-config"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=slave, timeout=300)
        os.close(slave)
        err = b""
        while select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
    finally:
        os.close(master)
    lines = [line for line in err.decode("utf-8").splitlines() if line.strip()]
    assert len(lines) == 1 and "LanguageTool not configured" in lines[0], err
    assert b"MTF001" in proc.stdout
    piped = cli("check", tmp_path, "--no-config", env={"LTP_PATH": str(empty)})
    assert piped.err == "" and "MTF001" in piped.out


def test_a_failing_check_is_reported_once_and_other_articles_still_get_matches():
    stream = io.StringIO()
    backend = Backend("placeholder", stream=stream)
    docs = [Document.from_text("FAIL with teh typo."), Document.from_text("One teh typo."),
            Document.from_text("Another teh typo.")]
    with FakeLanguageTool() as lt:
        backend.setting = lt.url
        results = [backend.findings(d) for d in docs]
    assert results[0] == [] and [len(r) for r in results[1:]] == [1, 1]
    assert len(stream.getvalue().splitlines()) == 1 and "HTTP 500" in stream.getvalue()


def test_configuration_file_sets_the_server_and_its_options(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("One teh typo.\n", encoding="utf-8")
    with FakeLanguageTool() as lt:
        (tmp_path / ".auditor.toml").write_text(
            f'languagetool = "{lt.url}"\n[options.LT]\nlanguage = "en-GB"\ndisabled-rules = ["A_RULE", "B_RULE"]\n',
            encoding="utf-8")
        res = cli("check", art, "--format", "json", "--select", "LT")
        assert res.err == "" and lt.requests
        assert lt.requests[0]["language"] == "en-GB"
        assert lt.requests[0]["disabledRules"] == "A_RULE,B_RULE"
        assert "motherTongue" not in lt.requests[0]
    assert [f["rule"] for f in res.json()["documents"][0]["findings"]] == ["LT:MORFOLOGIK_RULE_EN_US"]


def test_local_without_an_install_says_so(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("One line.\n", encoding="utf-8")
    empty = tmp_path / "ltp"
    empty.mkdir()
    res = cli("check", art, "--no-config", "--languagetool", "local", env={"LTP_PATH": str(empty)})
    assert res.code == 0 and res.err.count("\n") == 1 and "no local install" in res.err


@pytest.mark.skipif(not (shutil.which("javac") and shutil.which("jar")), reason="needs a JDK")
def test_local_install_found_through_language_tool_python_settings(cli, tmp_path):
    """A LanguageTool-6.4 folder in LTP_PATH is started with Java, never downloaded."""
    classes = tmp_path / "classes"
    subprocess.run(["javac", "-d", str(classes), str(DATA / "lt-local" / "HTTPServer.java")], check=True,
                   capture_output=True, timeout=300)
    install = tmp_path / "ltp" / "LanguageTool-6.4"
    install.mkdir(parents=True)
    subprocess.run(["jar", "cf", str(install / "languagetool-server.jar"), "-C", str(classes), "."], check=True,
                   capture_output=True, timeout=120)
    art = tmp_path / "a.txt"
    art.write_text("😀 One teh typo.\n", encoding="utf-8")
    res = cli("check", art, "--format", "json", "--no-config", "--select", "LT",
              env={"LTP_PATH": str(tmp_path / "ltp")})
    assert res.err == "", res.err
    [typo] = res.json()["documents"][0]["findings"]
    assert (typo["rule"], typo["text"], typo["suggestions"]) == ("LT:MORFOLOGIK_RULE_EN_US", "teh", ["the"])
    assert sorted(p.name for p in (tmp_path / "ltp").iterdir()) == ["LanguageTool-6.4"]


def test_off_is_silent_and_asks_nobody():
    assert Backend.from_config(Config(languagetool="off")) is None
    assert Backend.from_config(Config()).setting is None


# ---- against a real LanguageTool server, when one is given -------------------------------------
@pytest.mark.skipif(not os.environ.get("AUDITOR_LANGUAGETOOL_URL"), reason="AUDITOR_LANGUAGETOOL_URL not set")
def test_real_languagetool_server():
    stream = io.StringIO()
    backend = Backend(os.environ["AUDITOR_LANGUAGETOOL_URL"], stream=stream)
    text = "😀 This is teh test of a sentence , written quickly."
    found = backend.findings(Document.from_text(text), "fr")
    assert stream.getvalue() == ""
    typo = next(f for f in found if f.family == "spelling")
    assert text[typo.start:typo.end] == "teh" and "the" in typo.suggestions
    assert typo.rule.startswith("LT:")
