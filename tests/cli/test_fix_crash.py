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

ORIGINAL = "The agency said the the launch was delayed.\n" * 3000   # ~130 kB, 3,000 safe fixes
FIXED = "The agency said the launch was delayed.\n" * 3000
SLICES, PAUSE = 40, 0.01
# `python -m auditor` with its write slowed: the new text goes out in SLICES pieces, PAUSE seconds apart
SLOW_WRITE = f"""
import sys, time
from auditor import fileio
from auditor.cli import main
_encoded = fileio._encoded
def slow(*args):
    for chunk in _encoded(*args):
        step = max(1, len(chunk) // {SLICES})
        for at in range(0, len(chunk), step):
            yield chunk[at:at + step]
            time.sleep({PAUSE})
fileio._encoded = slow
sys.exit(main())
"""


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
    # A real `auditor fix` process, killed with SIGKILL before, during and after its write. Its write is
    # slowed to SLICES pieces, PAUSE apart (a slow disk), so that the kills land inside it: without that,
    # writing the file takes a millisecond of a run of seconds, and kills spread over the run hit it by chance.
    target = tmp_path / "a.txt"
    cmd = [sys.executable, "-c", SLOW_WRITE, "fix", str(target), "--select", "SP001", "--no-config"]
    target.write_text(ORIGINAL)
    subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=600, check=False)
    assert target.read_text() == FIXED
    window = SLICES * PAUSE
    outcomes, cut_short = set(), 0
    for i, delay in enumerate([None] + [window * k / 5 for k in range(6)]):
        target.write_text(ORIGINAL)
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if delay is None:            # while the article is read and audited: nothing written yet
            time.sleep(0.2)
        else:                        # the temporary file is there: the write has begun
            while proc.poll() is None and not list(tmp_path.glob(".a.txt.*.tmp")):
                time.sleep(0.002)
            time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        content = target.read_text()
        assert content in (ORIGINAL, FIXED), f"kill {i} left a damaged file ({len(content)} chars)"
        outcomes.add(content == FIXED)
        for left in tmp_path.glob(".a.txt.*.tmp"):   # what the killed write left (the next fix removes it)
            cut_short += 0 < left.stat().st_size < len(FIXED)
            left.unlink()
    assert cut_short, "no kill landed inside the write"
    assert target.exists()
