"""Shared fixtures: paths of the repository, the fixed spec, and the command line run in or out of process."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def unmark(marked: str, opening: str = "[[", closing: str = "]]") -> tuple[str, list[tuple[int, int]]]:
    """Remove every [[...]] mark (or other marks) from a marked text; return the text and the marked spans."""
    text, spans, pos = "", [], 0
    while (start := marked.find(opening, pos)) >= 0:
        end = marked.index(closing, start)
        text += marked[pos:start]
        spans.append((len(text), len(text) + end - start - len(opening)))
        text += marked[start + len(opening):end]
        pos = end + len(closing)
    return text + marked[pos:], spans


def write_backtracking_pack(folder: Path) -> Path:
    """Write a rule pack whose one pattern backtracks catastrophically on runs of x; return its folder."""
    pack = folder / "pack"
    pack.mkdir()
    (pack / "pack.yml").write_text("prefix: HS\ndescription: d\nsources: [s]\nlicense: MIT\n")
    (pack / "HS001-backtracking.yml").write_text(
        "code: HS001\nname: backtracking\ntype: pattern\ncategory: style\nseverity: minor\n"
        "message: m\ndescription: d\nsource: s\npattern: '(x+x+)+y'\n"
        "examples:\n  - bad: '[[xxy]]'\n    fix: z\n  - good: 'z'\n")
    return pack
SHARED = ROOT.parent / "shared"
# What the first run of auditor builds into the user cache, in two processes side by side: the spelling
# lexicon, then Hunspell's verdicts checked against it; the lemma, codespell and foreign-word tables,
# then an audit of the seeds (rule packs, kept regex programs, names' round trips; the lexicon and
# the verdicts are read from the first process's build, which the lock of mapped.cached_folder waits for).
WARM_UP = (
    "from auditor.pychecks import spelling; spelling.has_dictionary(); spelling.symspell()",
    "from auditor import tagger; from auditor.pychecks import mt, spelling; tagger._lemma_tables(); "
    "spelling.common_misspellings(); mt.foreign_index(); from auditor.cli import main; "
    f"main(['check', {str(SEEDS)!r}, '--no-config', '--languagetool', 'off', '-f', 'json', '-o', {os.devnull!r}])",
)


def pytest_sessionstart(session):
    """Build the user cache's tables once before any test runs, when they are missing.

    Test processes (pytest-xdist's workers) that all started on an empty cache would each wait for,
    or build, the same tables in turn; built here, two at a time, they are there for every test.
    """
    if hasattr(session.config, "workerinput"):   # a worker: the controlling process built them
        return
    from auditor.pychecks import spelling
    from auditor.usercache import cache_dir

    where = cache_dir()
    if where is None or (where / f"spelling-{spelling._lexicon_key()}" / "done").is_file():
        return
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.DEVNULL)
             for code in WARM_UP]
    for proc in procs:
        proc.wait()


def _spec(name: str) -> Path:
    """The fixed spec file in ../shared, or the copy kept in tests/data."""
    for candidate in (SHARED / "spec" / name, ROOT / "tests" / "data" / name):
        if candidate.is_file():
            return candidate
    pytest.skip(f"{name} not available")


@pytest.fixture(scope="session")
def report_schema() -> dict:
    return json.loads(_spec("report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sarif_schema() -> dict:
    return json.loads(_spec("sarif-2.1.0.json").read_text(encoding="utf-8"))


class Result:
    """What one auditor run gave: exit status, standard output and standard error."""

    def __init__(self, code: int, out: str, err: str):
        self.code = code
        self.out = out
        self.err = err

    def json(self):
        return json.loads(self.out)


def run_process(*args, stdin: str | bytes | None = None, cwd: Path | None = None,
                env: dict | None = None) -> Result:
    """Run the real `python -m auditor` in a process of its own."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", *map(str, args)],
        input=data, capture_output=True, cwd=cwd or ROOT, timeout=300,
        env={**os.environ, **(env or {})},
    )
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def run_cli(*args, stdin: str | bytes | None = None, cwd: Path | None = None, env: dict | None = None) -> Result:
    """Run auditor's command line in this process: main(argv) with its own stdin, stdout, stderr, cwd, env.

    It is the code `python -m auditor` runs, less the interpreter start; `run_process` runs the real
    command where a process of its own is what is tested (exit on a closed pipe, signals, worker
    processes, the entry point).
    """
    from auditor.cli import main

    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    out, err = io.BytesIO(), io.BytesIO()
    streams = {name: io.TextIOWrapper(buffer, encoding="utf-8", errors=errors, write_through=True)
               for name, buffer, errors in (("stdin", io.BytesIO(data), "surrogateescape"),
                                            ("stdout", out, "strict"), ("stderr", err, "backslashreplace"))}
    with pytest.MonkeyPatch.context() as patch:
        for name, stream in streams.items():
            patch.setattr(sys, name, stream)
        patch.chdir(cwd or ROOT)
        for key, value in (env or {}).items():
            patch.setenv(key, value)
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            for stream in streams.values():
                stream.flush()
    return Result(code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace"))


@pytest.fixture
def cli():
    """The command line run in this process (see run_cli)."""
    return run_cli


@pytest.fixture
def cli_process():
    """Run the real auditor command in a process of its own."""
    return run_process


@pytest.fixture(scope="session")
def lexicon_tables() -> Path:
    """The folder of the spelling lexicon's tables: the user cache's, built there on first use.

    Tests of how the lexicon is kept (rebuilt when cut off, other versions pruned) copy these files
    instead of building the whole lexicon again for each test.
    """
    from auditor.mapped import cached_folder
    from auditor.pychecks import spelling
    from auditor.usercache import cache_dir

    return cached_folder(cache_dir(), "spelling", spelling._lexicon_key(), spelling._write_lexicon)


def copy_tables(source: Path):
    """A build function (for mapped.cached_folder) that copies the tables of a built folder."""
    import shutil

    def build(folder: Path) -> None:
        for path in source.iterdir():
            if path.name != "done":
                shutil.copy2(path, folder / path.name)

    return build


@pytest.fixture
def as_edited():
    """The test's audits run as the language server's do: what checks make of lines is kept by their text."""
    from auditor.incremental import editing

    token = editing.set(True)
    yield
    editing.reset(token)
