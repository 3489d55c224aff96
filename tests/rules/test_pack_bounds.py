"""Hostile rule packs: an alias bomb, too many phrases or a huge file end in one line and exit 2, quickly."""
from __future__ import annotations

import time

import pytest

from auditor.errors import RulePackError
from auditor.packs import load_pack

MAX_PHRASES = 20_000   # as auditor.packs

HEAD = ("code: HB001\nname: bounded\ntype: phrase\ncategory: style\nseverity: minor\nmessage: m\n"
        "description: d\nsource: s\n")
EXAMPLES = "examples:\n  - bad: '[[w0 x]]'\n    fix: y\n  - good: z\n"


def _pack(tmp_path, body: str):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yml").write_text("prefix: HB\ndescription: d\nsources: [s]\nlicense: MIT\n")
    (pack / "HB001-bounded.yml").write_text(HEAD + body)
    return pack


def _alias_bomb() -> str:
    lines = ["a0: &a0 {match: w0 x, suggest: y}"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\nphrases: *a9\n" + EXAMPLES


def _phrases(n: int) -> str:
    return "phrases:\n" + "".join(f"  - {{match: w{i} x, suggest: y}}\n" for i in range(n)) + EXAMPLES


@pytest.mark.parametrize("body, needle", [
    (_alias_bomb(), "alias"),
    (_phrases(MAX_PHRASES + 1), "phrases"),
    ("description2: '" + "x" * 2_100_000 + "'\n", "MB"),
])
def test_hostile_pack_is_refused_in_one_line(cli, tmp_path, body, needle):
    pack = _pack(tmp_path, body)
    (tmp_path / "a.txt").write_text("w0 x\n")
    start = time.monotonic()
    res = cli("check", tmp_path / "a.txt", "--no-config", "--packs", pack, env={"AUDITOR_CACHE_DIR": "off"})
    assert time.monotonic() - start < 60
    lines = [line for line in res.err.splitlines() if line.strip()]
    assert res.code == 2 and "Traceback" not in res.err, res.err
    assert len(lines) == 1 and needle in lines[0] and "HB001" in lines[0], lines


def test_alias_bomb_is_refused_before_it_grows(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", "off")   # read the YAML itself, not a cached pack
    pack = _pack(tmp_path, _alias_bomb())
    start = time.process_time()
    with pytest.raises(RulePackError, match="alias"):
        load_pack(pack)
    assert time.process_time() - start < 2
