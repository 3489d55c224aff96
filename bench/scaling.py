"""Corpus-check scaling: time per article of the corpus pass over 100 and 2,000 articles.

usage: python bench/scaling.py [--sizes 100,2000] [--select SP002,NM002,NM003,CF001]
       python bench/scaling.py --cli [--sizes 1000,3000,10000] [--jobs 2]

The synthetic corpus mixes copies of the seed articles, with their names altered per copy so that
each copy forms a story of its own, and English articles assembled from the MQM dev set. Per-document
checks and the articles' summaries run first (not timed), as the command line's map makes them; the
corpus pass (Engine.check_corpus, from the summaries) is timed, wall and CPU.

With --cli the articles are written to files (bench/out/scaling-N) and the whole command line runs
on them, every rule selected: ``auditor check --jobs J -f json`` in a fresh interpreter, with the
wall, CPU (every process) and peak memory (PSS summed over the parent and its workers) of the
run, and the CPU of each phase: reading, map (workers included), corpus reduce, finish, writing.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = next((d / "shared" for d in (ROOT.parent, ROOT.parent.parent) if (d / "shared" / "eval").is_dir()),
              ROOT.parent / "shared")


def _suffix(k: int) -> str:
    letters = "bdgklmnprstvz"
    out = ""
    k += 1
    while k:
        k, r = divmod(k, len(letters))
        out += letters[r] + "a"
    return out


def synthetic(n: int, seed: int = 7) -> list[str]:
    """Build n article texts: renamed copies of the seeds and MQM dev documents."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    mqm: dict[tuple, list] = defaultdict(list)
    path = SHARED / "eval" / "mqm-zhen-dev.jsonl"
    if path.exists():
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            mqm[(row["doc"], row["system"])].append((row["doc_seg_id"], row["target"]))
    mqm_docs = ["\n\n".join(t for _, t in sorted(segs)) for segs in mqm.values()]
    rng = random.Random(seed)
    out: list[str] = []
    k = 0
    while len(out) < n:
        suffix = _suffix(k)
        # rename every capitalised name-like word so each copy of the seeds is its own story
        rename = lambda m: m.group() + suffix if len(m.group()) > 4 else m.group()  # noqa: E731
        for text in seeds:
            out.append(re.sub(r"\b[A-Z][a-z]{3,}\b", rename, text))
        if mqm_docs:
            out.append(rng.choice(mqm_docs))
        k += 1
    return out[:n]


def measure(n: int, select: list[str]) -> dict:
    from auditor.config import Config
    from auditor.documents import Document
    from auditor.engine import Engine

    engine = Engine(Config(select=tuple(select)))
    docs = [Document.from_text(t, path=f"synthetic/{i:05d}.txt") for i, t in enumerate(synthetic(n))]
    per_doc, summaries = engine.map_documents(docs)   # findings and summaries, as the command line's map
    t0, c0 = time.perf_counter(), time.process_time()
    engine.check_corpus(docs, per_doc, summaries)
    corpus, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"articles": n, "corpus_seconds": round(corpus, 3), "ms_per_article": round(1000 * corpus / n, 3),
            "cpu_ms_per_article": round(1000 * cpu / n, 3), "findings": sum(len(f) for f in per_doc)}


# the command line, its phases timed: run in a fresh interpreter by cli_run()
PHASE_PROBE = r"""
import json, resource, sys, time
from auditor import runner
from auditor.cli import main
from auditor.engine import Engine
from auditor.formats import json_

def cpu(children=True):
    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN) if children else None
    return s.ru_utime + s.ru_stime + ((c.ru_utime + c.ru_stime) if c else 0.0)

phases = {}
def timed(name, fn):
    def wrapper(*a, **k):
        t, c = time.perf_counter(), cpu()
        try:
            return fn(*a, **k)
        finally:
            w, p = phases.get(name, (0.0, 0.0))
            phases[name] = (w + time.perf_counter() - t, p + cpu() - c)
    return wrapper

def timed_iter(name, fn):
    def wrapper(*a, **k):
        it = fn(*a, **k)
        while True:
            t, c = time.perf_counter(), cpu()
            try:
                item = next(it)
            except StopIteration:
                item = None
            w, p = phases.get(name, (0.0, 0.0))
            phases[name] = (w + time.perf_counter() - t, p + cpu() - c)
            if item is None:
                return
            yield item
    return wrapper

runner.load_documents = timed("read", runner.load_documents)
for name in ("_map_processes", "_map_dask"):
    setattr(runner, name, timed("map", getattr(runner, name)))
Engine.map_documents = timed("map", Engine.map_documents)
Engine.check_corpus = timed("reduce", Engine.check_corpus)
Engine.finish = timed("finish", Engine.finish)
json_.chunks = timed_iter("write", json_.chunks)
t0, c0 = time.perf_counter(), cpu()
rc = main(sys.argv[1:])
phases["total"] = (time.perf_counter() - t0, cpu() - c0)
print(json.dumps({"rc": rc, "phases": phases,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def corpus_folder(n: int, out: Path) -> Path:
    """Write n synthetic articles (distinct names per copy) to out/scaling-n, once."""
    folder = out / f"scaling-{n}"
    stamp = folder / ".built"
    if not stamp.is_file() or stamp.read_text() != str(n):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.txt"):
            old.unlink()
        for i, text in enumerate(synthetic(n)):
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        stamp.write_text(str(n))
    return folder


def cli_run(n: int, jobs: int, out: Path, report: Path | None = None) -> dict:
    """Run the whole command line on n articles; return wall, CPU, peak PSS and the phases' CPU."""
    sys.path.insert(0, str(ROOT / "bench"))
    from run import env_for, measure

    folder = corpus_folder(n, out)
    target = str(report) if report else os.devnull
    cmd = [sys.executable, "-c", PHASE_PROBE, "check", "--no-config", "--languagetool", "off", "-f", "json",
           "-o", target, "--jobs", str(jobs), str(folder)]
    r = measure(cmd, ROOT, env_for(ROOT))
    if r["rc"] not in (0, 1):
        raise SystemExit(f"auditor check failed (exit {r['rc']}):\n{r['stderr'][-2000:]}")
    probe = json.loads(r["stdout"].strip().splitlines()[-1])
    return {"articles": n, "jobs": jobs, "wall": r["wall"], "cpu": r["cpu"], "peak_pss_mb": r["peak_tree_pss_mb"],
            "peak_rss_sum_mb": r["peak_tree_mb"], "parent_maxrss_mb": probe["maxrss_mb"], "phases": probe["phases"]}


def cli_main(args) -> int:
    out = Path(args.out)
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        r = cli_run(n, args.jobs, out, Path(args.report) if args.report else None)
        rows.append(r)
        ph = r["phases"]
        per = "  ".join(f"{k} {1000 * ph[k][1] / n:.2f}" for k in ("read", "map", "reduce", "finish", "write")
                        if k in ph)
        print(f"{n:6d} articles --jobs {r['jobs']}: wall {r['wall']:6.1f} s  CPU {r['cpu']:6.1f} s "
              f"({1000 * r['cpu'] / n:.2f} ms/article)  peak PSS {r['peak_pss_mb']:.0f} MB "
              f"(parent max RSS {r['parent_maxrss_mb']:.0f} MB)\n        CPU ms/article by phase: {per}", flush=True)
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        ratio = (b["cpu"] / b["articles"]) / (a["cpu"] / a["articles"])
        red = (b["phases"]["reduce"][1] / b["articles"]) / max(1e-9, a["phases"]["reduce"][1] / a["articles"])
        print(f"CPU per article {b['articles']} vs {a['articles']}: {ratio:.2f}x (corpus reduce {red:.2f}x)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,2000")
    ap.add_argument("--select", default="SP002,NM002,NM003,CF001")
    ap.add_argument("--cli", action="store_true", help="run the whole command line on article files, every rule")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for --cli (default 2)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out"), help="where --cli writes its corpora")
    ap.add_argument("--report", help="with --cli: keep the JSON report here (for comparing findings)")
    ap.add_argument("--json", help="with --cli: write the figures here")
    args = ap.parse_args(argv)
    if args.cli:
        return cli_main(args)
    select = args.select.split(",")
    measure(10, select)   # load lexicons and models before timing
    rows = [measure(int(n), select) for n in args.sizes.split(",")]
    for r in rows:
        print(f"{r['articles']:6d} articles  corpus pass {r['corpus_seconds']:8.3f} s  "
              f"{r['ms_per_article']:7.3f} ms/article ({r['cpu_ms_per_article']:.3f} ms CPU)  findings {r['findings']}")
    if len(rows) > 1:
        ratio = rows[-1]["ms_per_article"] / max(1e-9, rows[0]["ms_per_article"])
        cpu = rows[-1]["cpu_ms_per_article"] / max(1e-9, rows[0]["cpu_ms_per_article"])
        print(f"per-article cost ratio {rows[-1]['articles']} vs {rows[0]['articles']}: {ratio:.2f}x ({cpu:.2f}x CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
