"""Corpus-check scaling: time per article of the corpus pass over 100 and 2,000 articles.

usage: python bench/scaling.py [--sizes 100,2000] [--select SP002,NM002,NM003,CF001]

The synthetic corpus mixes copies of the seed articles, with their names altered per copy so that
each copy forms a story of its own, and English articles assembled from the MQM dev set. Per-document
checks and the articles' summaries run first (not timed), as the command line's map makes them; the
corpus pass (Engine.check_corpus, from the summaries) is timed, wall and CPU.
"""
from __future__ import annotations

import argparse
import json
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,2000")
    ap.add_argument("--select", default="SP002,NM002,NM003,CF001")
    args = ap.parse_args(argv)
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
