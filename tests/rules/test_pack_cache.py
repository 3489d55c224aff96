"""The cache of validated rule packs: reused while no file changes, never hiding an error."""
from __future__ import annotations

import pytest

from auditor import packs
from auditor.errors import RulePackError

PACK = """prefix: ZZ
description: A test pack.
sources: ["Test"]
license: Apache-2.0
"""
RULE = """code: ZZ001
name: teh
type: phrase
category: spelling.typo
severity: minor
message: "Typo."
description: A common typo.
source: "Test"
phrases:
  - match: teh
    suggest: the
examples:
  - bad: "[[teh]] cat"
    fix: "the"
  - good: "The cat sat."
"""


@pytest.fixture
def pack(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "zz"
    folder.mkdir()
    (folder / "pack.yml").write_text(PACK, encoding="utf-8")
    (folder / "ZZ001-teh.yml").write_text(RULE, encoding="utf-8")
    return folder


def _never_validate(monkeypatch):
    def fail(*args):
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(packs, "_schema_error", fail)


def test_second_load_comes_from_the_cache(pack, tmp_path, monkeypatch):
    first = packs.load_pack(pack)
    assert list((tmp_path / "cache").glob("pack-*.pickle"))
    _never_validate(monkeypatch)
    again = packs.load_pack(pack)
    assert [(r.code, r.spec, r.path) for r in again.rules] == [(r.code, r.spec, r.path) for r in first.rules]


def test_an_edited_rule_is_loaded_afresh(pack, monkeypatch):
    packs.load_pack(pack)
    rule = pack / "ZZ001-teh.yml"
    rule.write_text(RULE.replace("suggest: the", "suggest: thee"), encoding="utf-8")
    assert packs.load_pack(pack).rules[0].spec["phrases"][0]["suggest"] == "thee"


def test_a_broken_edit_is_still_reported(pack):
    packs.load_pack(pack)
    rule = pack / "ZZ001-teh.yml"
    rule.write_text(RULE.replace("severity: minor", "severity: dreadful"), encoding="utf-8")
    with pytest.raises(RulePackError, match="schema violation"):
        packs.load_pack(pack)


def test_a_new_rule_file_is_seen(pack):
    packs.load_pack(pack)
    extra = RULE.replace("ZZ001", "ZZ002").replace("name: teh", "name: hte").replace("teh", "hte")
    (pack / "ZZ002-hte.yml").write_text(extra, encoding="utf-8")
    assert [r.code for r in packs.load_pack(pack).rules] == ["ZZ001", "ZZ002"]


def test_a_damaged_cache_file_is_ignored(pack, tmp_path):
    packs.load_pack(pack)
    for entry in (tmp_path / "cache").glob("pack-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert [r.code for r in packs.load_pack(pack).rules] == ["ZZ001"]


def test_cache_off_writes_nothing(pack, tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", "off")
    packs.load_pack(pack)
    assert not (tmp_path / "cache").exists()


def test_unwritable_cache_folder_is_harmless(pack, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(blocker / "cache"))
    assert [r.code for r in packs.load_pack(pack).rules] == ["ZZ001"]
    assert [r.code for r in packs.load_pack(pack).rules] == ["ZZ001"]
