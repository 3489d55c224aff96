"""The command line end to end: formats, exit status, selection, configuration, suppression."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SEEDS

CALQUE = "The minister arrived at the head of a delegation.\n"


def test_check_seeds_json_validates_against_the_report_schema(cli, report_schema):
    res = cli("check", SEEDS, "--format", "json")
    assert res.code == 1, res.err
    report = res.json()
    jsonschema.validate(report, report_schema)
    assert len(report["documents"]) == 5
    for doc in report["documents"]:
        text = (SEEDS / doc["path"].split("/")[-1]).read_text(encoding="utf-8")
        assert doc["words"] > 300
        for f in doc["findings"]:
            assert text[f["start"]:f["end"]] == f["text"]
            line_start = sum(len(l) for l in text.splitlines(keepends=True)[: f["line"] - 1])
            assert line_start + f["column"] - 1 == f["start"]


def test_text_format_lines(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Intro line.\n" + CALQUE, encoding="utf-8")
    res = cli("check", art)
    assert res.code == 1
    first = res.out.splitlines()[0]
    assert re.match(rf"^{re.escape(str(art))}:2:22: MTF001 \[minor\] .+ \(→ leading\)$", first), first


def test_exit_status_follows_fail_on(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(CALQUE, encoding="utf-8")
    assert cli("check", art).code == 1
    assert cli("check", art, "--fail-on", "major").code == 0
    assert cli("check", art, "--fail-on", "never").code == 0
    clean = tmp_path / "clean.txt"
    clean.write_text("The minister led a delegation to Brussels on Monday.\n", encoding="utf-8")
    assert cli("check", clean).code == 0


def test_select_and_ignore_by_prefix(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("The minister arrived at the head of a delegation, that is to say ten people.\n")
    rules = lambda res: {f["rule"] for f in res.json()["documents"][0]["findings"]}
    assert rules(cli("check", art, "-f", "json")) == {"MTF001", "MTF002"}
    assert rules(cli("check", art, "-f", "json", "--select", "MTF001")) == {"MTF001"}
    assert rules(cli("check", art, "-f", "json", "--select", "MT", "--ignore", "MTF002")) == {"MTF001"}
    assert rules(cli("check", art, "-f", "json", "--ignore", "MTF")) == set()


def test_stdin(cli):
    res = cli("check", "-", "--format", "json", stdin=CALQUE)
    assert res.code == 1
    doc = res.json()["documents"][0]
    assert doc["path"] == "<stdin>"
    assert doc["findings"][0]["rule"] == "MTF001"


def test_output_file(cli, tmp_path):
    out = tmp_path / "r.json"
    res = cli("check", SEEDS, "--format", "json", "--output", out)
    assert res.out == ""
    assert json.loads(out.read_text())["tool"]["name"] == "auditor"


def test_config_discovered_upwards_and_overridden_by_cli(cli, tmp_path):
    (tmp_path / ".auditor.toml").write_text('ignore = ["MTF001"]\nfail-on = "minor"\n')
    sub = tmp_path / "desk" / "today"
    sub.mkdir(parents=True)
    art = sub / "a.txt"
    art.write_text(CALQUE)
    assert cli("check", art).code == 0
    res = cli("check", art, "--select", "MTF001", "-f", "json")
    assert [f["rule"] for f in res.json()["documents"][0]["findings"]] == ["MTF001"]


def test_a_settings_file_sets_a_registered_checks_options(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("The delegaton met the cabinnet and the minnister on Tuesday in the capital, the spokesmn said.\n")
    def spelling(*args):
        found = cli("check", art, "--select", "SP002", "-f", "json", *args).json()["documents"][0]["findings"]
        return [f for f in found if f["data"].get("reason") == "bound"], [f for f in found if not f["data"].get("reason")]
    bound, judged = spelling()
    assert not bound and len(judged) >= 3
    (tmp_path / ".auditor.toml").write_text("[options.SP002]\nmax_judged = 1\n")
    bound, judged = spelling()
    assert len(bound) == 1 and len(judged) == 1
    (tmp_path / ".auditor.toml").write_text("[options.MTF001]\nmin_words = 3\n")
    res = cli("check", art)
    assert res.code == 2 and res.err.count("\n") == 1 and "options.MTF001" in res.err and "python" in res.err


def test_config_in_setup_cfg_and_pyproject(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(CALQUE)
    (tmp_path / "setup.cfg").write_text("[auditor]\nignore = MTF001, MTF002\n")
    assert cli("check", art).code == 0
    (tmp_path / "setup.cfg").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.auditor]\nfail-on = "critical"\n')
    assert cli("check", art).code == 0
    assert cli("check", art, "--no-config").code == 1


def test_inline_suppression(cli, tmp_path):
    art = tmp_path / "a.md"
    art.write_text(
        "<!-- auditor-disable MTF001 -->\n"
        "He came at the head of a delegation.\n"
        "<!-- auditor-enable -->\n"
        "She came at the head of a delegation.\n"
        "<!-- auditor-ignore-next-line -->\n"
        "They came at the head of a delegation.\n"
    )
    findings = cli("check", art, "-f", "json").json()["documents"][0]["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("MTF001", 4)]


def test_unused_suppressions_can_be_reported(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("<!-- auditor-disable MTF002 -->\nHe came at the head of a delegation.\n")
    plain = cli("check", art, "-f", "json").json()["documents"][0]["findings"]
    assert [f["rule"] for f in plain] == ["MTF001"]
    loud = cli("check", art, "-f", "json", "--report-unused-suppressions").json()["documents"][0]["findings"]
    assert sorted(f["rule"] for f in loud) == ["AUD001", "MTF001"]


def test_sic_silences_spelling_and_names_only(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Zelenskyy spoke. Zelenskyy left. Zelensky [sic] was quoted. He went at the head of [sic] it.\n")
    rules = [f["rule"] for f in cli("check", art, "-f", "json").json()["documents"][0]["findings"]]
    assert "NM001" not in rules
    assert "MTF001" in rules


def test_rules_list_show_and_test(cli):
    listed = cli("rules", "list")
    assert listed.code == 0 and "MTF001" in listed.out and "at-the-head-of" in listed.out
    shown = cli("rules", "show", "MTF001")
    assert shown.code == 0 and "à la tête de" in shown.out and "bad:" in shown.out
    # one built-in pack's contract through the command (tests/rules/test_examples.py runs every example)
    tested = cli("rules", "test", "-q", ROOT / "rules" / "facts")
    assert tested.code == 0, tested.out
    assert re.search(r"^\d+ passed, 0 failed$", tested.out, re.M)


def test_rules_test_on_an_outside_pack_reports_failures(cli, tmp_path):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yml").write_text("prefix: HS\ndescription: d\nsources: [s]\nlicense: MIT\n")
    (pack / "HS001-wrong-example.yml").write_text(
        "code: HS001\nname: wrong-example\ntype: phrase\ncategory: style\nseverity: minor\n"
        "message: m\ndescription: d\nsource: s\nphrases: [{match: utilise, suggest: use}]\n"
        "examples:\n  - bad: 'We [[utilise]] it.'\n    fix: employ\n  - good: 'We use it.'\n")
    res = cli("rules", "test", pack)
    assert res.code == 1
    assert "suggestion 'use' != fix 'employ'" in res.out
    assert "1 passed, 1 failed" in res.out


def test_python_module_entry_and_version(cli_process):
    res = cli_process("--version")
    assert res.code == 0 and res.out.startswith("auditor ")


def test_installed_command_reports_findings_in_its_exit_status(tmp_path):
    script = Path(sys.executable).with_name("auditor")
    if not script.is_file():
        pytest.skip("no installed auditor command beside this interpreter")
    art = tmp_path / "a.txt"
    art.write_text(CALQUE, encoding="utf-8")
    run = lambda *args: subprocess.run([str(script), *map(str, args)], capture_output=True, text=True, timeout=300)
    found, usage = run("check", art, "--no-config"), run("check", art, "--format", "yaml")
    assert found.returncode == 1 and "MTF001" in found.stdout, found.stderr
    assert usage.returncode == 2 and "Traceback" not in usage.stderr and "--format" in usage.stderr


def test_json_streamed_a_document_at_a_time_is_the_text_of_one_dump(tmp_path):
    from auditor import api
    from auditor.formats import json_
    from auditor.model import Report

    seeds = api.audit_paths([str(SEEDS)])
    for report in (seeds, Report(documents=[], corpus={}, errors=["x: unreadable"], warnings=[])):
        pieces = list(json_.chunks(report))
        assert len(pieces) == len(report.documents) + 3
        assert "".join(pieces) == json.dumps(json_.to_dict(report), ensure_ascii=False, indent=2) + "\n"


def test_unknown_rule_codes_are_rejected_with_one_line(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(CALQUE, encoding="utf-8")
    for option in ("--select", "--ignore", "--extend-select", "--extend-ignore"):
        res = cli("check", art, option, "MTF001,MTX9")
        assert res.code == 2, (option, res.err)
        assert res.err.count("\n") == 1 and "'MTX9'" in res.err and "Traceback" not in res.err
    res = cli("fix", art, "--diff", "--ignore", "ZZ")
    assert res.code == 2 and "'ZZ'" in res.err
    (tmp_path / ".auditor.toml").write_text('ignore = ["MTF0001"]\n', encoding="utf-8")
    res = cli("check", art)
    assert res.code == 2 and "'MTF0001'" in res.err and ".auditor.toml" in res.err
    (tmp_path / ".auditor.toml").write_text('ignore = ["LT", "MTF00"]\n', encoding="utf-8")
    assert cli("check", art).code == 0  # prefixes of real codes, and LanguageTool's, are fine


def test_ignore_replaces_and_extend_ignore_adds_to_the_configuration(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("The minister arrived at the head of a delegation, that is to say ten people.\n")
    (tmp_path / ".auditor.toml").write_text('ignore = ["MTF001"]\n', encoding="utf-8")
    rules = lambda res: {f["rule"] for f in res.json()["documents"][0]["findings"]}
    assert rules(cli("check", art, "-f", "json")) == {"MTF002"}
    assert rules(cli("check", art, "-f", "json", "--ignore", "MTF002")) == {"MTF001"}
    assert rules(cli("check", art, "-f", "json", "--extend-ignore", "MTF002")) == set()
    (tmp_path / ".auditor.toml").write_text('select = ["MTF001"]\nextend-ignore = ["SP"]\n', encoding="utf-8")
    assert rules(cli("check", art, "-f", "json")) == {"MTF001"}
    assert rules(cli("check", art, "-f", "json", "--extend-select", "MTF002")) == {"MTF001", "MTF002"}
    assert rules(cli("check", art, "-f", "json", "--select", "MTF002")) == {"MTF002"}
    (tmp_path / ".auditor.toml").write_text('extend-select = ["MTF"]\nignore = ["MTF002"]\n', encoding="utf-8")
    assert rules(cli("check", art, "-f", "json")) == {"MTF001"}
