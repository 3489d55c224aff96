"""Bad input ends in one clear line and exit 2, never a traceback; good files are still audited."""
from __future__ import annotations

import pytest

from conftest import SEEDS

GOOD = "The minister arrived at the head of a delegation.\n"


def one_line_error(res, *needles):
    assert res.code == 2, (res.code, res.err)
    assert "Traceback" not in res.err
    lines = [l for l in res.err.splitlines() if l.strip()]
    assert len(lines) == 1, res.err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_missing_path(cli, tmp_path):
    one_line_error(cli("check", tmp_path / "nope.txt"), "nope.txt", "no such file")


def test_folder_without_articles(cli, tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    one_line_error(cli("check", tmp_path), "holds no articles")


def test_binary_file(cli, tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    one_line_error(cli("check", bad), "photo.txt", "binary")


def test_invalid_utf8_names_the_line(cli, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("First line.\nSecond line caf\u00e9.\n".encode("latin-1"))
    one_line_error(cli("check", bad), "latin1.txt:2", "invalid UTF-8")


def test_empty_file_gives_an_empty_report(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = cli("check", empty, "-f", "json")
    assert res.code == 0
    doc = res.json()["documents"][0]
    assert doc["findings"] == [] and doc["words"] == 0 and doc["score"] == 100


def test_bad_file_among_good_ones(cli, tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe broken")
    res = cli("check", tmp_path, "-f", "json")
    assert res.code == 2
    assert "bad.txt" in res.err and "Traceback" not in res.err
    docs = res.json()["documents"]
    assert [d["path"].split("/")[-1] for d in docs] == ["good.txt"]
    assert docs[0]["findings"]


def test_file_over_the_size_limit(cli, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    one_line_error(cli("check", big, "--max-size", "100"), "big.txt", "limit")


@pytest.mark.parametrize("name,content,needle", [
    (".auditor.toml", "select = [\n", "malformed configuration"),
    (".auditor.toml", "colour = 'red'\n", "unknown setting"),
    (".auditor.toml", "fail-on = 'sometimes'\n", "fail-on must be"),
    ("setup.cfg", "[auditor\nselect = MT\n", "malformed configuration"),
    ("pyproject.toml", "[tool.auditor]\njobs = 'many'\n", "whole number"),
])
def test_malformed_config(cli, tmp_path, name, content, needle):
    (tmp_path / name).write_text(content)
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    one_line_error(cli("check", art), name, needle)


def _pack(tmp_path, rule_file: str, body: str):
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / "pack.yml").write_text("prefix: HS\ndescription: d\nsources: [s]\nlicense: MIT\n")
    (pack / rule_file).write_text(body)
    return pack


RULE_HEAD = "code: HS001\nname: thing\ncategory: style\nseverity: minor\nmessage: m\ndescription: d\nsource: s\n"
EXAMPLES = "examples:\n  - bad: 'a [[b]]'\n    fix: c\n  - good: 'd'\n"


@pytest.mark.parametrize("body,needle", [
    ("code: HS001\nname: [unclosed\n", "invalid YAML"),
    (RULE_HEAD + "type: telepathy\n" + EXAMPLES, "schema violation"),
    (RULE_HEAD + "type: python\ncheck: 'nosuch:thing'\n" + EXAMPLES, "unknown check type"),
    (RULE_HEAD + "type: pattern\npattern: '(unclosed'\n" + EXAMPLES, "bad regex"),
    (RULE_HEAD + "type: phrase\nphrases: [x]\nexamples: []\n", "schema violation"),
    (RULE_HEAD + "type: phrase\n" + EXAMPLES, "schema violation"),
])
def test_broken_rule_packs(cli, tmp_path, body, needle):
    pack = _pack(tmp_path, "HS001-thing.yml", body)
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    one_line_error(cli("check", art, "--packs", pack), "HS001-thing.yml", needle)


def test_rule_file_name_must_match_code(cli, tmp_path):
    pack = _pack(tmp_path, "HS001-other.yml", RULE_HEAD + "type: phrase\nphrases: [x]\n" + EXAMPLES)
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    one_line_error(cli("check", art, "--packs", pack), "file name must be HS001-thing.yml")


def test_duplicate_code_across_packs(cli, tmp_path):
    pack = tmp_path / "dup"
    pack.mkdir()
    (pack / "pack.yml").write_text("prefix: MTF\ndescription: d\nsources: [s]\nlicense: MIT\n")
    (pack / "MTF001-thing.yml").write_text(RULE_HEAD.replace("HS001", "MTF001") + "type: phrase\nphrases: [x]\n" + EXAMPLES)
    one_line_error(cli("check", SEEDS, "--packs", pack), "MTF001", "already used")


def test_unknown_option_is_a_usage_error(cli):
    res = cli("check", SEEDS, "--format", "yaml")
    assert res.code == 2 and "Traceback" not in res.err
