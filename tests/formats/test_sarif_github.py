"""check --format sarif (validated against SARIF 2.1.0) and --format github (workflow commands)."""
from __future__ import annotations

import jsonschema

from auditor.formats.github import escape_data, escape_property

ARTICLE = ("Le titre.\r\nThe minister arrived at the head of a delegation, it is to say the envoys.\r\n"
           "«Émile» said : the the talks,, went on.\n")


def test_sarif_validates_and_carries_rules_regions_and_fixes(cli, tmp_path, sarif_schema):
    art = tmp_path / "a b.txt"
    art.write_text(ARTICLE, encoding="utf-8", newline="")
    res = cli("check", art, "--format", "sarif")
    assert res.code == 1, res.err
    log = res.json()
    jsonschema.validate(log, sarif_schema)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert {"MTF001", "MTF003", "PU001", "SP001"} <= set(ids)
    mtf001 = rules[ids.index("MTF001")]
    assert mtf001["help"]["text"] and "Source:" in mtf001["help"]["text"]
    assert mtf001["defaultConfiguration"]["level"] == "note"
    assert run["artifacts"][0]["location"]["uri"].endswith("a%20b.txt")
    text = art.read_bytes().decode("utf-8")
    lines = text.splitlines(keepends=True)
    assert run["results"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        reg = r["locations"][0]["physicalLocation"]["region"]
        start, length = reg["charOffset"], reg["charLength"]
        # line/column agree with the code-point offset, CRLF counting as one line end
        assert sum(map(len, lines[:reg["startLine"] - 1])) + reg["startColumn"] - 1 == start
        assert sum(map(len, lines[:reg["endLine"] - 1])) + reg["endColumn"] - 1 == start + length
        if length:
            assert reg["snippet"]["text"] == text[start:start + length]
    calque = next(r for r in run["results"] if r["ruleId"] == "MTF001")
    replacement = calque["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "leading"
    deleted = replacement["deletedRegion"]
    assert text[deleted["charOffset"]:deleted["charOffset"] + deleted["charLength"]] == "at the head of"


def test_sarif_reports_input_errors_as_notifications(cli, tmp_path, sarif_schema):
    res = cli("check", tmp_path / "missing.txt", "--format", "sarif")
    assert res.code == 2
    log = res.json()
    jsonschema.validate(log, sarif_schema)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "missing.txt" in notes[0]["message"]["text"]


def test_github_escaping_follows_the_toolkit():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations(cli, tmp_path):
    art = tmp_path / "x,y:z.txt"
    art.write_text("Intro.\nThe minister arrived at the head of a delegation.\n", encoding="utf-8")
    res = cli("check", art, "--format", "github")
    assert res.code == 1
    line = next(l for l in res.out.splitlines() if "MTF001" in l)
    escaped = str(art).replace(":", "%3A").replace(",", "%2C")
    assert line.startswith(f"::warning file={escaped},line=2,col=22,endLine=2,endColumn=35,title=MTF001 ")
    head, message = line[2:].split("::", 1)
    assert "calque" in message and "'leading'" in message
    props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
    assert set(props) == {"file", "line", "col", "endLine", "endColumn", "title"}


def test_github_error_for_critical(tmp_path):
    from auditor.documents import Document
    from auditor.formats.github import render
    from auditor.model import DocumentReport, Finding, Report

    doc = Document(path="a.txt", text="one\ntwo")
    f = Finding(rule="X001", name="n", category="boilerplate.ad", severity="critical", start=4, end=7,
                message="line one\nline two, 100%")
    dr = DocumentReport(path="a.txt", text=doc.text, language="en", words=2, findings=[f],
                        line_starts=doc.line_starts)
    out = render(Report(documents=[dr], errors=["b.txt: no such file"]))
    assert out.splitlines() == [
        "::error::b.txt: no such file",
        "::error file=a.txt,line=2,col=1,endLine=2,endColumn=3,title=X001 n (critical)::line one%0Aline two, 100%25",
    ]
