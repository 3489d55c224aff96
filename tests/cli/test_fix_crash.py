"""auditor fix never loses the original: a crash or a kill mid-write leaves the old or the new file whole."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from auditor import fileio
from conftest import ROOT

ORIGINAL = "The agency said the the launch was delayed.\n" * 15000   # ~0.7 MB, 15k safe fixes
FIXED = "The agency said the launch was delayed.\n" * 15000


def test_crash_during_write_keeps_the_original(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text(ORIGINAL)
    target.chmod(0o640)

    def boom(fd):
        raise KeyboardInterrupt  # the process dies after writing part of the new file

    monkeypatch.setattr(fileio.os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        fileio.atomic_write(target, FIXED)
    assert target.read_text() == ORIGINAL
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind


def test_sigkill_at_any_moment_leaves_old_or_new_content(tmp_path):
    target = tmp_path / "a.txt"
    cmd = [sys.executable, "-m", "auditor", "fix", str(target), "--select", "SP001", "--no-config"]
    target.write_text(ORIGINAL)
    started = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=600)
    duration = time.monotonic() - started
    assert target.read_text() == FIXED
    outcomes = set()
    for i in range(6):
        target.write_text(ORIGINAL)
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * (0.35 + 0.12 * i))  # spread the kills over the second half of a run
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        content = target.read_text()
        assert content in (ORIGINAL, FIXED), f"kill {i} left a damaged file ({len(content)} chars)"
        outcomes.add(content == FIXED)
    assert target.exists()
