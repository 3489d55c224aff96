"""Measure every rule's precision on the real dev data and write the table auditor ships.

usage: python bench/confidence.py [--eval DIR] [--out auditor/data/confidence.json] [--dry-run]

Sources (all under ../shared/eval unless --eval says otherwise):
  seeds          the seed articles against seeds-gold.jsonl (a finding is true when it overlaps a gold
                 item of a family the item accepts, as score.py counts)
  mt-docs-dev    the articles against their gold.jsonl, the same way
  clean-news-dev English-original news: every finding is false unless it is in the reviewed list
                 bench/clean-news-reviewed.json (real slips found there by hand)
  typos-dev      each wrong sentence alone: true when the finding overlaps one of the pair's edits (a
                 finding whose fix changes whitespace alone is not scored: the pairs record none)
  lt-examples    LanguageTool's example sentences as one corpus folder: true when a finding on an
                 incorrect example overlaps its marked error; any other finding is false

A rule's precision is its true findings over all its findings; the table keeps the count and the
split by source. Rules with fewer than auditor.confidence.MIN_FINDINGS findings get no confidence
(the default gate then counts them only when critical).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = next((d / "shared" / "eval" for d in (ROOT.parent, ROOT.parent.parent)
             if (d / "shared" / "eval").is_dir()), ROOT.parent / "shared" / "eval")


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    if a0 == a1:
        return b0 <= a0 <= b1
    return a0 < b1 and b0 < a1


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _audit(paths: list[Path]):
    import auditor

    return auditor.audit_paths([str(p) for p in paths])


def gold_source(docs: Path, gold: Path):
    """Yield (rule, true) for every finding on a folder scored against a gold list."""
    items = defaultdict(list)
    for item in _jsonl(gold):
        items[Path(item["doc"]).name].append(item)
    for doc in _audit([docs]).documents:
        mine = items.get(Path(doc.path).name, [])
        for f in doc.findings:
            yield f.rule, any(_overlaps(f.start, f.end, g["start"], g["end"]) and f.family in g["accept"]
                              for g in mine)


def clean_source(docs: Path, reviewed: Path):
    real = {(r["doc"], r["rule"], r["text"]) for r in json.loads(reviewed.read_text(encoding="utf-8"))}
    for doc in _audit([docs]).documents:
        for f in doc.findings:
            yield f.rule, (Path(doc.path).name, f.rule, doc.text[f.start:f.end]) in real


def typos_source(path: Path):
    from auditor.config import Config
    from auditor.documents import Document
    from auditor.engine import Engine
    from auditor.packs import load_rules
    from bench.typos import overlaps, whitespace_only

    engine = Engine(Config(), load_rules())
    for row in _jsonl(path):
        report = engine.audit([Document.from_text(row["wrong"])])
        for f in report.documents[0].findings:
            if whitespace_only(row["wrong"], f.start, f.end, f.suggestions[0] if f.suggestions else None):
                continue   # the pairs record no whitespace edit: such a finding cannot be scored
            # as bench/typos.py scores: an insertion (an empty edit) is found by a finding that touches its point
            yield f.rule, any(overlaps(f.start, f.end, e["wrong_start"], e["wrong_end"]) for e in row["edits"])


def lt_source(path: Path):
    rows = [r for r in _jsonl(path) if r["kind"] in ("correct", "incorrect") and not r.get("off")]
    with tempfile.TemporaryDirectory() as tmp:
        for i, r in enumerate(rows):
            (Path(tmp) / f"{i:05d}.txt").write_text(r["text"] + "\n", encoding="utf-8")
        report = _audit([Path(tmp)])
    for doc in report.documents:
        r = rows[int(Path(doc.path).stem)]
        for f in doc.findings:
            s, t = r.get("mstart"), r.get("mend")
            yield f.rule, (r["kind"] == "incorrect" and s is not None and f.start < max(t, s + 1) and f.end > s)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--out", type=Path, default=ROOT / "auditor" / "data" / "confidence.json")
    ap.add_argument("--dry-run", action="store_true", help="print the table, write nothing")
    args = ap.parse_args(argv)
    from auditor.confidence import MIN_FINDINGS

    e = args.eval
    sources = {
        "seeds": lambda: gold_source(ROOT / "seeds", e / "seeds-gold.jsonl"),
        "mt-docs-dev": lambda: gold_source(e / "mt-docs-dev" / "articles", e / "mt-docs-dev" / "gold.jsonl"),
        "clean-news-dev": lambda: clean_source(e / "clean-news-dev", ROOT / "bench" / "clean-news-reviewed.json"),
        "typos-dev": lambda: typos_source(e / "typos-dev.jsonl"),
        "lt-examples-dev": lambda: lt_source(e / "lt-examples-dev.jsonl"),
    }
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for name, run in sources.items():
        began = time.perf_counter()
        n = 0
        for rule, true in run():
            cell = counts[rule][name]
            cell[0] += bool(true)
            cell[1] += 1
            n += 1
        print(f"{name}: {n} findings in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    rules = {}
    for code in sorted(counts):
        true = sum(c[0] for c in counts[code].values())
        total = sum(c[1] for c in counts[code].values())
        rules[code] = {"precision": round(true / total, 3), "findings": total, "true": true,
                       "sources": {s: {"true": c[0], "findings": c[1]} for s, c in sorted(counts[code].items())}}
    table = {"about": "each rule's precision measured by bench/confidence.py on the dev sets: "
                      + ", ".join(sources), "min_findings": MIN_FINDINGS, "rules": rules}
    print(f"{'rule':8s} {'prec':>6s} {'found':>6s}  sources")
    for code, row in rules.items():
        where = ", ".join(f"{s} {c['true']}/{c['findings']}" for s, c in row["sources"].items())
        print(f"{code:8s} {row['precision']:6.3f} {row['findings']:6d}  {where}")
    if not args.dry_run:
        args.out.write_text(json.dumps(table, indent=1, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
