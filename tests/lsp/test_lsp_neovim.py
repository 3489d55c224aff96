"""Neovim's built-in LSP client attaches `auditor lsp` and shows a seed's findings."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

import auditor
from conftest import ROOT, SEEDS

NVIM = shutil.which("nvim")


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (apt-get install neovim)")
def test_neovim_shows_the_diagnostics_of_a_seed(tmp_path):
    seed = sorted(SEEDS.glob("00[1-4]_*.txt"))[0]
    article = tmp_path / seed.name
    shutil.copy(seed, article)
    out = tmp_path / "diagnostics.json"
    env = {**os.environ, "AUDITOR_NVIM_OUT": str(out), "AUDITOR_ROOT": str(tmp_path),
           "AUDITOR_LSP_CMD": json.dumps([sys.executable, "-m", "auditor", "lsp"]),
           "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(tmp_path / "state"),
           # the suite's own cache: a first start that builds the spelling tables is not what this test is about
           "AUDITOR_NVIM_TIMEOUT": "90000"}
    proc = subprocess.run([NVIM, "--headless", "--clean", "-n", str(article),
                           "-c", f"luafile {ROOT / 'tests' / 'data' / 'nvim_diagnostics.lua'}"],
                          env=env, cwd=tmp_path, capture_output=True, timeout=180)
    assert out.is_file(), proc.stderr.decode("utf-8", "replace")
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["ok"], got

    report = auditor.audit_text(seed.read_text(encoding="utf-8"), path=seed.name)
    assert report.findings
    assert sorted(d["code"] for d in got["diagnostics"]) == sorted(f.rule for f in report.findings)
    assert {d["source"] for d in got["diagnostics"]} == {"auditor"}
    # Neovim turns LSP's UTF-16 columns into byte columns of its buffer: they must frame the finding
    lines = article.read_bytes().split(b"\n")
    expected = sorted((f.rule, report.text[f.start:f.end]) for f in report.findings)
    shown = sorted((d["code"], lines[d["lnum"]][d["col"]:d["end_col"]].decode("utf-8"))
                   for d in got["diagnostics"] if d["lnum"] == d["end_lnum"])
    assert shown == [e for e in expected if "\n" not in e[1]]
