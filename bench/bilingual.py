"""Bilingual checks on real translations: findings on professional references and on machine outputs.

usage: python bench/bilingual.py [MT_NEWS.jsonl] [--show N]

Every document of the set is audited three ways against its source, with the bilingual rules alone
(--select BI): its human reference, and each system's output. Printed: findings per 1,000 words on
the references and per system, the ratio of the weakest systems' rate to the references', and the
sentence alignment's accuracy against the set's own segment pairs (the segments joined as one text,
split and aligned again: a gold pair counts as found when both its sentences fall in one bead).
"""
from __future__ import annotations

import argparse
import ast
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "eval" / "mt-news-dev.jsonl"


def segments(value) -> list[str]:
    return value if isinstance(value, list) else ast.literal_eval(value)


def audit(folder: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "auditor", "check", str(folder), "--select", "BI",
                          "--format", "json", "--no-config"], capture_output=True, text=True)
    return json.loads(out.stdout)


def rates(docs: list[dict], show: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for k, d in enumerate(docs):
            texts = {"reference": d["reference_text"], **{s: o["mt_text"] for s, o in d["mt"].items()}}
            for system, text in texts.items():
                folder = root / system.replace("/", "_")
                folder.mkdir(exist_ok=True)
                (folder / f"{k:03d}.txt").write_text(text, encoding="utf-8")
                (folder / f"{k:03d}.source.txt").write_text(d["source_text"], encoding="utf-8")
        table = []
        examples = collections.defaultdict(list)
        for folder in sorted(root.iterdir()):
            report = audit(folder)
            words = sum(doc["words"] for doc in report["documents"])
            found = [(doc, f) for doc in report["documents"] for f in doc["findings"]]
            by_rule = collections.Counter(f["rule"] for _, f in found)
            table.append((folder.name, 1000 * len(found) / max(1, words), len(found), words, by_rule))
            for doc, f in found:
                text = Path(doc["path"]).read_text(encoding="utf-8")
                examples[folder.name].append(f"{f['rule']} {text[f['start']:f['end']][:70]!r} "
                                             f"<- {f['data']['source']['text'][:40]!r} {f['suggestions'][:1]}")
    ref = next(t for t in table if t[0] == "reference")
    systems = sorted((t for t in table if t[0] != "reference"), key=lambda t: -t[1])
    print(f"{'text':16s} {'per 1,000 words':>15s} {'findings':>9s} {'words':>7s}  by rule")
    for name, rate, n, words, by_rule in [ref] + systems:
        print(f"{name:16s} {rate:15.2f} {n:9d} {words:7d}  {dict(by_rule.most_common())}")
    weakest = systems[:3]
    mean_weak = sum(t[1] for t in weakest) / len(weakest)
    print(f"weakest three systems {mean_weak:.2f} per 1,000 words = {mean_weak / max(ref[1], 1e-9):.1f}x the references' {ref[1]:.2f}")
    for name in ["reference"] + [t[0] for t in weakest]:
        for line in examples[name][:show]:
            print(f"  {name}: {line}")


def alignment_accuracy(docs: list[dict]) -> None:
    from auditor import bilingual

    found = total = 0
    for d in docs:
        src, ref = segments(d["source_segments"]), segments(d["reference_segments"])
        if len(src) != len(ref):
            continue
        src_text, tgt_text = " ".join(src), " ".join(ref)
        src_cuts, tgt_cuts = _cuts(src), _cuts(ref)
        a = bilingual.alignment(bilingual.Source(src_text, "ru"), tgt_text)
        for s_start, t_start in zip(src_cuts, tgt_cuts):
            i = next(k for k, s in enumerate(a.src_spans) if s.end > s_start)
            j = next(k for k, t in enumerate(a.tgt_spans) if t.end > t_start)
            total += 1
            found += a.src_bead[i] == a.tgt_bead[j]
    print(f"alignment: {found}/{total} gold segment pairs fall in one bead ({found / max(1, total):.3f})")


def _cuts(parts: list[str]) -> list[int]:
    cuts, pos = [], 0
    for p in parts:
        cuts.append(pos)
        pos += len(p) + 1
    return cuts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", type=int, default=8, help="findings to print for the references and weakest systems")
    args = ap.parse_args()
    docs = [json.loads(line) for line in open(args.data, encoding="utf-8") if line.strip()]
    copied = [d for d in docs if d["reference_text"].strip() == d["source_text"].strip()]
    docs = [d for d in docs if d not in copied]
    print(f"{len(docs)} documents ({len(copied)} left out: their reference is the source itself)")
    alignment_accuracy(docs)
    rates(docs, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
