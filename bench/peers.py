"""Whole-process CPU of one `auditor check` over 400 news articles, beside codespell and proselint.

    python bench/peers.py                         # 400 articles, 5 rounds, medians
    python bench/peers.py --articles 400 --runs 7 --root ../other   # another checkout too

The articles are the English texts of the mt-news-dev pool (`../shared/eval/mt-news-dev.jsonl`):
each document's human reference and every system's output, taken round-robin over the documents
(reference first, then the systems in name order) until there are enough, one text file each, in
a temporary folder. Every round runs each command once, in turn (codespell, proselint, then each
auditor checkout: alternating, so a change of machine load touches them alike); CPU is user + sys
of the finished process (kernel accounting), medians over the rounds. auditor runs as a lint step
does: `auditor check --no-config --languagetool off -f json` on the folder, one process
(`--jobs 1`), its user caches filled by a warm-up run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import startup as startup_mod  # noqa: E402

ROOT = HERE.parent
POOL = next((d / "shared" / "eval" / "mt-news-dev.jsonl" for d in (ROOT.parent, ROOT.parent.parent)
             if (d / "shared" / "eval" / "mt-news-dev.jsonl").exists()),
            ROOT.parent / "shared" / "eval" / "mt-news-dev.jsonl")


def texts(pool: Path, count: int) -> list[str]:
    """The pool's references and outputs, round-robin over its documents, up to count texts."""
    with open(pool, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    queues = [[d["reference_text"]] + [mt["mt_text"] for _s, mt in sorted(d.get("mt", {}).items())]
              for d in docs]
    out: list[str] = []
    depth = 0
    while len(out) < count and any(depth < len(q) for q in queues):
        out += [q[depth] for q in queues if depth < len(q)]
        depth += 1
    return [t for t in out[:count] if t.strip()]


def write_corpus(folder: Path, pool: Path, count: int) -> tuple[int, int]:
    items = texts(pool, count)
    for i, text in enumerate(items):
        (folder / f"{i:04d}.txt").write_text(text.strip() + "\n", encoding="utf-8")
    return len(items), sum(len(t.split()) for t in items)


def commands(roots: list[Path], folder: Path) -> dict[str, tuple[list[str], dict, Path]]:
    bindir = Path(sys.executable).parent
    cmds = {}
    for name, argv in (("codespell", [str(bindir / "codespell"), str(folder)]),
                       ("proselint", [str(bindir / "proselint"), "check", str(folder)])):
        if Path(argv[0]).exists() or shutil.which(argv[0]):
            cmds[name] = (argv, dict(os.environ), ROOT)
    for root in roots:
        argv = [sys.executable, "-m", "auditor", "check", "--no-config", "--languagetool", "off", "--jobs", "1",
                "-f", "json", "-o", os.devnull, str(folder)]
        cmds[f"auditor {root}"] = (argv, startup_mod.env_for(root), root)
    return cmds


def run(cmd: tuple[list[str], dict, Path]) -> dict:
    """Run one command of the comparison (any exit status: the peers exit non-zero on a finding)."""
    argv, env, cwd = cmd
    return startup_mod.run_once(argv, env, cwd, ok=None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pool", type=Path, default=POOL, help="the mt-news-dev pool (JSON lines)")
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--runs", type=int, default=5, help="rounds (median)")
    ap.add_argument("--root", type=Path, action="append", default=[],
                    help="another auditor checkout to run beside this one (repeatable)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.pool.is_file():
        print(f"error: {args.pool}: no such file (give --pool)", file=sys.stderr)
        return 2
    roots = [ROOT] + [r.resolve() for r in args.root]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n, words = write_corpus(folder, args.pool, args.articles)
        cmds = commands(roots, folder)
        for name, cmd in cmds.items():   # warm-up: caches built, files in the page cache
            if name.startswith("auditor"):
                run(cmd)
        rows: dict[str, list[dict]] = {name: [] for name in cmds}
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                rows[name].append(run(cmd))
    res = {"articles": n, "words": words, "runs": args.runs, "load_1min": round(os.getloadavg()[0], 2),
           "results": {name: {"cpu": statistics.median(r["cpu"] for r in rs),
                              "wall": statistics.median(r["wall"] for r in rs),
                              "rss_mb": max(r["rss_mb"] for r in rs)} for name, rs in rows.items()}}
    base = res["results"].get("codespell", {}).get("cpu")
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    print(f"{n} articles ({words:,} words) of the mt-news-dev pool, one process each, medians of "
          f"{args.runs} alternating rounds (load {res['load_1min']}):\n")
    print("| command | CPU (user+sys) | x codespell | wall | peak RSS |\n|---|---|---|---|---|")
    for name, r in res["results"].items():
        times = f"{r['cpu'] / base:.1f}x" if base else "-"
        print(f"| {name} | {r['cpu']:.2f} s | {times} | {r['wall']:.2f} s | {r['rss_mb']:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
