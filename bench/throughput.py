"""Per-article engine throughput, side by side: this checkout and others, runs interleaved, medians.

    python bench/throughput.py                              # this checkout, 5 rounds of 200 articles
    python bench/throughput.py --root ../other --rounds 7   # another checkout too, in alternating runs
    python bench/throughput.py --cold-words                 # every per-word cache emptied before each article

Each run is a fresh interpreter running bench/run.py's engine probe (the map step: findings and
summary, as `auditor check` does per article) over the first --size articles of the bench corpus
(bench/corpus.py, ~600 words each); CPU is the probe's own process time. The checkouts take turns,
run after run, so a change of load on a shared machine falls on both alike.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench_run  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, action="append", default=[],
                        help="another checkout of auditor to measure beside this one (repeatable)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where the corpus is kept (default bench/out)")
    parser.add_argument("--size", type=int, default=200, help="articles per run (default 200)")
    parser.add_argument("--words", type=int, default=600, help="words per article")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each checkout (default 5)")
    parser.add_argument("--cold-words", action="store_true",
                        help="empty every per-word cache before each article")
    args = parser.parse_args(argv)
    roots = [bench_run.ROOT] + [r.resolve() for r in args.root]
    folder = bench_run.corpora(args.out.resolve(), [args.size], args.words)[args.size]
    extra = ["cold-words"] if args.cold_words else []
    runs: dict[Path, list[dict]] = {r: [] for r in roots}
    for n in range(args.rounds):
        for root in roots:
            print(f"round {n + 1}/{args.rounds}: {root}", file=sys.stderr, flush=True)
            runs[root].append(bench_run.probe(root, bench_run.ENGINE_PROBE, str(folder), *extra))
    print(f"{args.size} articles of >= {args.words} words, {args.rounds} alternating runs each"
          f"{', per-word caches emptied before each article' if args.cold_words else ''}; medians\n")
    print("| checkout | map CPU per article | articles/s per core | map wall per article | findings |")
    print("|---|---|---|---|---|")
    for root in roots:
        rs = runs[root]
        cpu = statistics.median(1000 * r["map_cpu"] / r["docs"] for r in rs)
        wall = statistics.median(1000 * r["map_wall"] / r["docs"] for r in rs)
        print(f"| {root} ({bench_run.commit(root)}) | {cpu:.2f} ms (fastest {min(1000 * r['map_cpu'] / r['docs'] for r in rs):.2f}) "
              f"| {1000 / cpu:.0f} | {wall:.2f} ms | {rs[0]['findings']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
