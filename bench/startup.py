"""Start-up: CPU time and peak memory of `auditor check` on one 250-word article, side by side.

    python bench/startup.py                           # this checkout, 7 runs, medians
    python bench/startup.py --root ../other --runs 9  # another checkout too, runs interleaved
    python bench/startup.py --phases                  # where this checkout's start-up goes

Each run is a fresh interpreter (`python -m auditor check --no-config --languagetool off -f json`)
on the same article (article 0 of bench/corpus.py, built to 250 words). CPU time (user + sys) and
peak resident memory come from the kernel's accounting of the finished process (wait4), so they do
not depend on sampling; wall time depends on what else the machine runs. One warm-up run per
checkout first fills the user caches (pack cache, lexicons) and writes the modules' bytecode, as an
installed auditor has them from its second use on.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus as corpus_mod  # noqa: E402

ROOT = HERE.parent


def run_once(cmd: list[str], env: dict, cwd: Path, ok: tuple[int, ...] | None = (0, 1)) -> dict:
    """Run a command to its end; return its wall time, CPU time and peak RSS (kernel accounting).

    ok: the exit statuses that are no failure (None: any; codespell exits 65 on a misspelling).
    """
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read() if proc.stderr else b""
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - began
    if ok is not None and proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {proc.returncode}):\n{err.decode()[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def env_for(root: Path) -> dict:
    env = dict(os.environ)
    # an installed auditor starts from compiled bytecode (pip compiles it); measure that, not a
    # recompilation of every module at every start where the environment forbids writing it
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # each checkout its own user cache, so that two versions never read or prune each other's files
    base = Path(env.get("AUDITOR_CACHE_DIR") or Path(tempfile.gettempdir()) / "auditor-bench-cache")
    env["AUDITOR_CACHE_DIR"] = str(base / f"bench-{hashlib.sha1(str(root).encode()).hexdigest()[:12]}")
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def check_cmd(article: Path) -> list[str]:
    return [sys.executable, "-m", "auditor", "check", "--no-config", "--languagetool", "off",
            "-f", "json", "-o", os.devnull, str(article)]


PHASES = textwrap.dedent("""
    import json, resource, sys, time
    c0 = time.process_time()
    from auditor.config import Config
    from auditor.engine import Engine, load_documents
    c1 = time.process_time()
    config = Config(languagetool="off")
    engine = Engine(config)
    c2 = time.process_time()
    docs, _ = load_documents([sys.argv[1]], config)
    found = engine.check_document(docs[0])
    c3 = time.process_time()
    print(json.dumps(dict(imports=c1 - c0, engine=c2 - c1, first_article=c3 - c2, findings=len(found),
                          rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
""")


def phases(root: Path, article: Path, runs: int) -> dict:
    """Median CPU of the three phases of a start-up, measured inside the process."""
    env = env_for(root)
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PHASES, str(article)], cwd=root, env=env,
                             capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in rows) for k in rows[0]}


def measure(roots: list[Path], article: Path, runs: int) -> dict:
    """Interleave the checkouts run by run, so a change of machine load touches them alike."""
    results: dict[str, list[dict]] = {str(r): [] for r in roots}
    python_alone = []
    for root in roots:          # warm-up: user caches filled, files in the page cache
        run_once(check_cmd(article), env_for(root), root)
    for _ in range(runs):
        python_alone.append(run_once([sys.executable, "-c", "pass"], env_for(ROOT), ROOT))
        for root in roots:
            results[str(root)].append(run_once(check_cmd(article), env_for(root), root))
    summary = {}
    for root, rows in results.items():
        summary[root] = {k: statistics.median(r[k] for r in rows) for k in ("wall", "cpu")}
        summary[root]["rss_mb"] = max(r["rss_mb"] for r in rows)
        summary[root]["cpu_min"] = min(r["cpu"] for r in rows)
    summary["python alone"] = {k: statistics.median(r[k] for r in python_alone) for k in ("wall", "cpu", "rss_mb")}
    summary["python alone"]["cpu_min"] = min(r["cpu"] for r in python_alone)
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, action="append", default=[],
                    help="another auditor checkout to measure beside this one (repeatable)")
    ap.add_argument("--runs", type=int, default=7, help="runs per checkout (median)")
    ap.add_argument("--words", type=int, default=250, help="words in the article")
    ap.add_argument("--phases", action="store_true", help="also split this checkout's start-up into phases")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)
    roots = [ROOT] + [r.resolve() for r in args.root]
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.txt"
        text = corpus_mod.article(0, corpus_mod.sources(), args.words)
        article.write_text(text, encoding="utf-8")
        res = {"words": len(text.split()), "runs": args.runs, "load_1min": round(os.getloadavg()[0], 2),
               "results": measure(roots, article, args.runs)}
        if args.phases:
            res["phases"] = phases(ROOT, article, args.runs)
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    print(f"`auditor check` on one {res['words']}-word article, medians of {args.runs} runs "
          f"(load {res['load_1min']}):\n")
    print("| checkout | CPU (user+sys) | fastest CPU | wall | peak RSS |\n|---|---|---|---|---|")
    for name, r in res["results"].items():
        print(f"| {name} | {r['cpu']:.3f} s | {r['cpu_min']:.3f} s | {r['wall']:.2f} s | {r['rss_mb']:.0f} MB |")
    if "phases" in res:
        p = res["phases"]
        print(f"\nphases (CPU, in process): imports {p['imports']:.3f} s, engine {p['engine']:.3f} s, "
              f"first article {p['first_article']:.3f} s ({p['findings']:.0f} findings), peak {p['rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
