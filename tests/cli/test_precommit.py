"""pre-commit itself runs the `auditor` hooks from this repository: a seed fails, a clean article passes."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEEDS

GIT = shutil.which("git")
IDENTITY = ["-c", "user.name=Desk", "-c", "user.email=desk@example.org", "-c", "commit.gpgsign=false"]
CLEAN = ("The central bank kept its main interest rate unchanged on Thursday, as expected, "
         "and said inflation was slowing.\n")


def git(*args: str, cwd: Path) -> None:
    subprocess.run([GIT, *IDENTITY, *args], cwd=cwd, check=True, capture_output=True)


def project_files() -> list[str]:
    """The files a clean clone of the project holds."""
    if (ROOT / ".git").exists():
        out = subprocess.run([GIT, "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                             check=True, capture_output=True).stdout.decode("utf-8")
        return [f for f in out.split("\0") if f and (ROOT / f).is_file()]
    skip = {".venv", ".git", "__pycache__", ".pytest_cache", "build", "dist"}
    return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(ROOT).parts) and ".egg-info" not in str(p)]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A committed copy of the project as it is now (try-repo installs a repository's HEAD)."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in project_files():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "snapshot", cwd=repo)
    return repo


def desk(root: Path, name: str, text: str, extra: dict[str, str] | None = None) -> Path:
    root.mkdir()
    (root / name).write_text(text, encoding="utf-8")
    for other, body in (extra or {}).items():
        (root / other).write_text(body, encoding="utf-8")
    git("init", "-q", cwd=root)
    git("add", "-A", cwd=root)
    return root


def test_hooks_file_declares_check_and_fix():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"auditor", "auditor-fix"}
    assert hooks["auditor"]["entry"] == "auditor check" and hooks["auditor-fix"]["entry"] == "auditor fix"
    import re

    for hook in hooks.values():
        assert hook["language"] == "python" and hook["require_serial"] is True
        matches = re.compile(hook["files"]).search
        assert all(matches(n) for n in ("a.txt", "b.md", "c.html", "d.htm"))
        assert not any(matches(n) for n in ("setup.py", "notes.rst", "data.json"))


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_pre_commit_fails_on_a_seed_and_passes_on_a_clean_article(hook_repo, tmp_path):
    seed = sorted(SEEDS.glob("00[1-4]_*.txt"))[0]
    head = subprocess.run([GIT, "rev-parse", "HEAD"], cwd=hook_repo, check=True, capture_output=True,
                          text=True).stdout.strip()
    # no hook id left out: both hooks run, the check and the fix
    config = yaml.safe_dump({"repos": [{"repo": str(hook_repo), "rev": head,
                                        "hooks": [{"id": "auditor"}, {"id": "auditor-fix"}]}]})
    dirty = desk(tmp_path / "dirty", seed.name, seed.read_text(encoding="utf-8"),
                 extra={"slip.txt": "The agency said the the launch was delayed.\n", ".pre-commit-config.yaml": config})
    clean = desk(tmp_path / "clean", "rates.txt", CLEAN, extra={".pre-commit-config.yaml": config})
    # one pre-commit home: the hook environment is built by the first run and used again by the second
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    out, codes = {}, {}
    for name, where in (("dirty", dirty), ("clean", clean)):
        run = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=where, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
        out[name], codes[name] = run.stdout.decode("utf-8", "replace"), run.returncode
    assert codes["dirty"] == 1, out["dirty"]
    assert "auditor (audit articles)" in out["dirty"] and "Failed" in out["dirty"]
    assert f"{seed.name}:" in out["dirty"] and "MTF001" in out["dirty"]
    # the fix hook repaired the slip it is allowed to repair, and left the seed's calques alone
    assert (dirty / "slip.txt").read_text(encoding="utf-8") == "The agency said the launch was delayed.\n"
    assert "files were modified by this hook" in out["dirty"]
    assert codes["clean"] == 0, out["clean"]
    assert out["clean"].count("Passed") == 2, out["clean"]
