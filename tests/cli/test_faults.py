"""Faults and hostile files: one line and a clear exit status, the other files still audited, nothing lost."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor import cli as cli_mod
from auditor.commands import fix as fix_cmd
from auditor.documents import Document, read_document
from auditor.errors import InputError
from auditor import fileio
from conftest import ROOT, SEEDS

GOOD = "The minister arrived at the head of a delegation.\n"


def _lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


# ---- crashes -------------------------------------------------------------------------------
def test_malformed_marked_section_is_text_and_the_next_file_is_audited(cli, tmp_path):
    (tmp_path / "x.html").write_text("a <![ b")
    (tmp_path / "good.txt").write_text(GOOD)
    res = cli("check", tmp_path / "x.html", tmp_path / "good.txt", "--format", "json", "--no-config")
    assert "Traceback" not in res.err
    assert res.code in (0, 1), res.err
    paths = [d["path"] for d in json.loads(res.out)["documents"]]
    assert len(paths) == 2
    doc = Document.from_text("a <![ b wrold", kind="html")
    assert doc.prose == "a <![ b wrold"
    assert [doc.text[i] for i in doc.prose_map] == list(doc.prose)


@pytest.mark.parametrize("content, needle", [
    ("tool = 'x'\n", None),
    ("[tool.auditor]\nmax-size = inf\n", "max-size"),
    ("[tool.auditor]\nmax-size = true\n", "max-size"),
    ("[tool.auditor.options.LT]\ntimeout = 'soon'\n", "timeout"),
    ("[tool.auditor]\noptions = 3\n", "options"),
    ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
])
def test_hostile_config_is_one_line(cli, tmp_path, content, needle):
    (tmp_path / "pyproject.toml").write_text(content)
    (tmp_path / "a.txt").write_text(GOOD)
    res = cli("check", "a.txt", cwd=tmp_path)
    assert "Traceback" not in res.err
    if needle is None:   # a pyproject whose tool key is no table holds no settings for us
        assert res.code in (0, 1) and "a.txt" in res.out, res.err
        return
    assert res.code == 2 and len(_lines(res.err)) == 1 and needle in res.err, res.err


def test_unreachable_dask_scheduler_gives_up_in_time(cli_process, tmp_path):
    pytest.importorskip("dask.distributed")
    (tmp_path / "a.txt").write_text(GOOD)
    start = time.monotonic()
    res = cli_process("check", tmp_path / "a.txt", "--no-config", "--engine", "dask",
              "--scheduler", "tcp://127.0.0.1:9", "--scheduler-timeout", "1")
    assert time.monotonic() - start < 20
    assert res.code == 2 and "Traceback" not in res.err, res.err
    assert len(_lines(res.err)) == 1 and "scheduler" in res.err


def test_full_disk_on_stdout_is_one_line(tmp_path):
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(SEEDS), "--no-config"],
                              stdout=full, stderr=subprocess.PIPE, cwd=ROOT, timeout=300)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err and "Exception ignored" not in err, err
    assert len(_lines(err)) == 1 and "No space left" in err


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"]])
def test_full_disk_on_text_printed_before_exit_is_one_line(args):
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "auditor", *args], stdout=full,
                              stderr=subprocess.PIPE, cwd=ROOT, timeout=300)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err and "Exception ignored" not in err, err
    assert len(_lines(err)) == 1 and "No space left" in err


def test_closed_stdout_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(tmp_path / "a.txt"), "--no-config"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, timeout=300,
                          preexec_fn=lambda: os.close(1))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err, err
    assert len(_lines(err)) == 1 and "standard output" in err


def test_internal_error_is_one_line_and_not_the_findings_status(monkeypatch, capsys, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)

    def broken(*_args, **_kwargs):
        raise KeyError("a defect")

    monkeypatch.setattr("auditor.runner.audit", broken)
    code = cli_mod.main(["check", str(tmp_path / "a.txt"), "--no-config"])
    err = capsys.readouterr().err
    assert code == getattr(cli_mod, "INTERNAL_ERROR", 3) and code not in (0, 1)
    assert len(_lines(err)) == 1 and "internal error" in err and "KeyError" in err


# ---- files that are not articles ---------------------------------------------------------------
def test_fifo_and_devices_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    def hung(signum, frame):
        raise TimeoutError("reading blocked")

    old = signal.signal(signal.SIGALRM, hung)
    try:
        for path in (fifo, "/dev/zero", "/dev/urandom"):
            signal.alarm(3)
            with pytest.raises(InputError, match="not a regular file"):
                read_document(path, max_bytes=1_000_000)
            signal.alarm(0)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_size_limit_is_applied_while_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    real_stat = os.stat

    class Small:   # a file that claims to be small (it grew after the stat)
        def __init__(self, st):
            self.st_mode, self.st_size = st.st_mode, 10

    monkeypatch.setattr(os, "stat", lambda p, *a, **k: Small(real_stat(p)) if str(p) == str(big) else real_stat(p, *a, **k))
    with pytest.raises(InputError, match="limit"):
        read_document(big, max_bytes=100)


def test_folder_entries_that_cannot_be_read_are_named(cli, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    res = cli("check", tmp_path, "--format", "json", "--no-config")
    assert res.code == 2 and "Traceback" not in res.err
    lines = _lines(res.err)
    assert any("pipe.txt" in l and "regular file" in l for l in lines), lines
    assert any("dangling.txt" in l and "dangling" in l for l in lines), lines
    assert any("loop.txt" in l and "loop" in l for l in lines), lines
    assert len(json.loads(res.out)["documents"]) == 2   # a.txt and the link to it


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_subfolder_is_named(cli, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD)
    locked.chmod(0)
    try:
        res = cli("check", tmp_path, "--no-config")
    finally:
        locked.chmod(0o755)
    assert any("locked" in l and "skipped" in l for l in _lines(res.err)), res.err


def test_file_names_stay_one_line_of_utf8(cli, tmp_path):
    odd = os.fsencode(str(tmp_path)) + b"/bad\xff\nname.txt"
    with open(odd, "wb") as handle:
        handle.write(b"\xff\xfe not utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(tmp_path), "--format", "json",
                           "--no-config"], capture_output=True, cwd=ROOT, timeout=300)
    proc.stdout.decode("utf-8")   # valid UTF-8
    err = proc.stderr.decode("utf-8")
    (line,) = [l for l in err.splitlines() if "name.txt" in l]
    assert "bad\ufffd\\nname.txt" in line and "invalid UTF-8" in line


# ---- nothing lost ------------------------------------------------------------------------
def _fixable(path: Path) -> None:
    path.write_text("The minister said said the plan would go ahead.\n")


def test_fix_goes_on_after_an_unwritable_file(cli, tmp_path, monkeypatch, capsys):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    _fixable(first)
    _fixable(second)
    real = fix_cmd._write_back

    def write(doc, text):
        if doc.path.endswith("a.txt"):
            return "cannot write: Permission denied"
        return real(doc, text)

    monkeypatch.setattr(fix_cmd, "_write_back", write)
    code = cli_mod.main(["fix", str(first), str(second), "--no-config"])
    err = capsys.readouterr().err
    assert code == 2
    assert "said said" in first.read_text() and "said said" not in second.read_text()
    assert "a.txt: fixed" not in err and "b.txt: fixed" in err and "Permission denied" in err


def test_fix_leaves_a_file_edited_meanwhile(tmp_path, monkeypatch, capsys):
    path = tmp_path / "a.txt"
    _fixable(path)
    from auditor import fixes

    real = fixes.fix_documents

    def edit_then_fix(engine, docs, **options):
        results = real(engine, docs, **options)
        path.write_text("The user typed this meanwhile said said.\n")
        return results

    monkeypatch.setattr(fixes, "fix_documents", edit_then_fix)
    code = cli_mod.main(["fix", str(path), "--no-config"])
    assert code == 2
    assert path.read_text() == "The user typed this meanwhile said said.\n"
    assert "changed on disk" in capsys.readouterr().err


def test_fix_writes_through_links_and_keeps_the_owner(cli, tmp_path):
    target = tmp_path / "real.txt"
    _fixable(target)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    hard = tmp_path / "hard.txt"
    os.link(target, hard)
    if os.geteuid() == 0:
        os.chown(target, 1234, 1234)
    res = cli("fix", link, "--no-config")
    assert res.code == 1, res.err
    assert link.is_symlink()
    assert "said said" not in target.read_text()
    assert hard.read_text() == target.read_text() and os.stat(hard).st_ino == os.stat(target).st_ino
    if os.geteuid() == 0:
        assert (os.stat(target).st_uid, os.stat(target).st_gid) == (1234, 1234)


def test_atomic_write_keeps_the_owner(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a file away")
    path = tmp_path / "a.txt"
    path.write_text("x")
    os.chown(path, 1234, 4321)
    fileio.atomic_write(path, "y")
    assert path.read_text() == "y" and (os.stat(path).st_uid, os.stat(path).st_gid) == (1234, 4321)


def test_temporary_files_of_a_killed_write_are_cleaned(tmp_path):
    path = tmp_path / "a.txt"
    _fixable(path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".a.txt.{dead.pid}.k3j4h5g6.tmp"
    stale.write_text("half")
    old = tmp_path / ".a.txt.x8y7z6w5.tmp"   # the name a killed older version left
    old.write_text("half")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    mine = tmp_path / f".a.txt.{os.getpid()}.abcdefgh.tmp"   # a write under way in a live process
    mine.write_text("busy")
    assert sorted(fileio.clean_stale(path)) == sorted([str(stale), str(old)])
    assert mine.exists()
    mine.unlink()
    stale.write_text("half")
    res = subprocess.run([sys.executable, "-m", "auditor", "fix", str(path), "--no-config"],
                         capture_output=True, cwd=ROOT, timeout=300)
    assert not stale.exists(), res.stderr


def test_unlistable_subfolder_is_named_even_as_root(tmp_path, monkeypatch):
    from auditor.documents import expand_paths

    (tmp_path / "a.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD)
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    problems: list[str] = []
    found = list(expand_paths([str(tmp_path)], problems))
    assert found == [str(tmp_path / "a.txt")]
    assert len(problems) == 1 and "locked" in problems[0] and "Permission denied" in problems[0], problems
