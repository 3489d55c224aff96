"""The Python API: typed reports, fixes, lazy import, and the README's publishing-hook example."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

import auditor
from conftest import ROOT, SEEDS

CALQUE = "The minister arrived at the head of a delegation.\n"
CRITICAL_PACK = """prefix: CMS
description: House rules of a test desk.
sources: ["house style"]
license: Apache-2.0
"""
CRITICAL_RULE = """code: CMS001
name: lorem-ipsum
type: phrase
category: boilerplate.placeholder
severity: critical
message: "Placeholder text '{match}' left in the story."
description: Template filler that must never be published.
source: "house style"
phrases:
  - match: lorem ipsum
    suggest: [""]
examples:
  - bad: "The story ends here. [[Lorem ipsum]] dolor."
    fix: ""
  - good: "The story ends here."
"""


def test_import_is_cheap():
    code = "import auditor, sys; print(sorted(m for m in sys.modules if m.startswith(('auditor', 'yaml', 'regex', 'pygls'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "['auditor']"
    assert {"audit_text", "audit_paths", "apply_fixes", "Finding"} <= set(dir(auditor))
    with pytest.raises(AttributeError):
        auditor.no_such_thing


def test_audit_text_returns_a_typed_report():
    report = auditor.audit_text("<p>" + CALQUE + "</p>", path="story.html")
    assert isinstance(report, auditor.DocumentReport) and report.kind == "html"
    [f] = report.findings
    assert isinstance(f, auditor.Finding) and f.rule == "MTF001" and f.family == "mt"
    assert report.text[f.start:f.end] == "at the head of" and report.line_col(f.start) == (1, 25)
    assert report.words == 9 and not report.failing
    with pytest.raises(TypeError):
        auditor.audit_text(CALQUE.encode())


def test_audit_paths_takes_one_path_or_many_and_a_config(tmp_path):
    (tmp_path / "a.txt").write_text(CALQUE, encoding="utf-8")
    (tmp_path / "b.md").write_text("It was was late.\n", encoding="utf-8")
    report = auditor.audit_paths(tmp_path)
    assert isinstance(report, auditor.Report)
    assert {d.path.rsplit("/", 1)[-1]: [f.rule for f in d.findings] for d in report.documents} == {
        "a.txt": ["MTF001"], "b.md": ["SP001"]}
    settings = tmp_path / ".auditor.toml"
    settings.write_text('ignore = ["SP"]\n', encoding="utf-8")
    report = auditor.audit_paths([tmp_path / "b.md", tmp_path / "missing.txt"], config=settings)
    assert report.documents[0].findings == [] and "missing.txt" in report.errors[0]
    assert auditor.audit_paths(SEEDS, config=auditor.Config(select=("MTF001",))).worst() == "minor"


def test_apply_fixes_applies_safe_fixes_unless_told_otherwise():
    report = auditor.audit_text("He arrived at the head of them. It was was late.\n", path="a.txt")
    assert sorted(f.rule for f in report.findings) == ["MTF001", "SP001"]
    safe = auditor.apply_fixes(report)
    assert isinstance(safe, auditor.FixResult) and safe.changed
    assert safe.text == "He arrived at the head of them. It was late.\n" and [e.rule for e in safe.edits] == ["SP001"]
    everything = auditor.apply_fixes(report, safe_only=False)
    assert everything.text == "He arrived leading them. It was late.\n"
    only = auditor.apply_fixes(report.text, report.findings, safe_only=False, select=["MTF"])
    assert only.text == "He arrived leading them. It was was late.\n" and only.path is None
    assert only.original == report.text and only.changed
    assert auditor.apply_fixes(report, ignore=["SP"]).changed is False
    with pytest.raises(auditor.AuditorError):
        auditor.apply_fixes("short", report.findings)
    with pytest.raises(TypeError):
        auditor.apply_fixes("text without findings")


def test_apply_fixes_leaves_markup_alone():
    report = auditor.audit_text("<p>It was <b>was</b> late. It was was late.</p>", path="a.html")
    assert len(report.findings) == 2
    assert auditor.apply_fixes(report).text == "<p>It was <b>was</b> late. It was late.</p>"


def test_apply_fixes_on_a_whole_report(tmp_path):
    (tmp_path / "a.txt").write_text("It was was late.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("All is well.\n", encoding="utf-8")
    results = auditor.apply_fixes(auditor.audit_paths(tmp_path))
    assert [(r.path.rsplit("/", 1)[-1], r.text) for r in results] == [("a.txt", "It was late.\n"),
                                                                      ("b.txt", "All is well.\n")]


def readme_example() -> str:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Editors, pre-commit and the Python API")[1]
    return next(b for b in re.findall(r"```python\n(.*?)```", section, re.S) if "before_publish" in b)


def test_readme_publishing_hook_blocks_critical_findings(tmp_path):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yml").write_text(CRITICAL_PACK, encoding="utf-8")
    (pack / "CMS001-lorem-ipsum.yml").write_text(CRITICAL_RULE, encoding="utf-8")
    namespace: dict = {}
    exec(compile(readme_example(), "README.md", "exec"), namespace)
    before_publish, blocked = namespace["before_publish"], namespace["PublishBlocked"]

    # defaults: nothing critical, the safe fix is applied and the rest left for the editor
    story = "<p>The talks ran late.</p>\n<p>It was was late, and he arrived at the head of them.</p>\n"
    assert before_publish(story, "talks") == story.replace("was was", "was")

    namespace["CONFIG"] = auditor.Config(packs=(str(pack),))
    with pytest.raises(blocked, match=r"talks: 1 critical finding\(s\)\nline 2: CMS001 Placeholder text 'Lorem ipsum'"):
        before_publish(story.replace("\n<p>It", "\n<p>Lorem ipsum. It"), "talks")
    assert before_publish(story, "talks") == story.replace("was was", "was")


def test_selection_follows_ruff_in_the_api(tmp_path):
    settings = tmp_path / ".auditor.toml"
    settings.write_text('ignore = ["SP"]\n', encoding="utf-8")
    text = "He arrived at the head of them. It was was late.\n"
    base = auditor.config.load(settings)
    rules = lambda cfg: sorted(f.rule for f in auditor.audit_text(text, path="a.txt", config=cfg).findings)
    assert rules(base) == ["MTF001"]
    assert rules(base.selecting(ignore=["MTF"])) == ["SP001"]          # ignore replaces
    assert rules(base.selecting(extend_ignore=["MTF"])) == []          # extend-ignore adds
    with pytest.raises(auditor.AuditorError, match="'MTQ'"):
        auditor.audit_text(text, config=auditor.Config(select=("MTQ",)))
