"""Build a deterministic benchmark corpus of ~600-word news articles from real news text.

Sources, in this order:
  * the articles in seeds/ (English news, native and machine-translated), split at blank lines
    or line ends into paragraphs;
  * mqm-zhen-dev.jsonl from the evaluation data (English machine translations of Chinese news,
    WMT23): the segments of one document and one system, in doc_seg_id order, form one article,
    one segment a paragraph.
typos-dev.jsonl is left out on purpose: it is technical documentation, not news.

Article i starts at a source article chosen by a generator seeded with i and takes its
paragraphs in order, then continues with the next source article, until it holds at least
--words words. The same arguments always give byte-identical files. The MQM text belongs to
its publishers: keep the generated folder out of version control (bench/.gitignore does).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the shared evaluation data sits beside the checkout (or beside the folder of checkouts)
EVAL_DIR = Path(os.environ.get("AUDITOR_EVAL_DIR") or next(
    (d for d in (ROOT.parent / "shared" / "eval", ROOT.parent.parent / "shared" / "eval") if d.is_dir()),
    ROOT.parent / "shared" / "eval"))
MQM = "mqm-zhen-dev.jsonl"


def _words(text: str) -> int:
    return len(text.split())


def seed_articles(seeds: Path = ROOT / "seeds") -> list[tuple[str, list[str]]]:
    """Return (name, paragraphs) for every seed article."""
    out = []
    for path in sorted(seeds.glob("*.txt")):
        paras = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out.append((f"seeds/{path.name}", paras))
    return out


def mqm_articles(path: Path) -> list[tuple[str, list[str]]]:
    """Return (doc/system, segments in doc_seg_id order) for every MQM document and system."""
    groups: dict[tuple[str, str], list[tuple[int, str]]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            groups.setdefault((row["doc"], row["system"]), []).append((int(row["doc_seg_id"]), row["target"].strip()))
    return [(f"{MQM}:{doc}/{system}", [t for _, t in sorted(segs) if t])
            for (doc, system), segs in sorted(groups.items())]


def sources(eval_dir: Path = EVAL_DIR) -> list[tuple[str, list[str]]]:
    """Every source article, seeds first; the MQM file is optional."""
    found = seed_articles()
    mqm = eval_dir / MQM
    if mqm.is_file():
        found += mqm_articles(mqm)
    return found


def article(index: int, pool: list[tuple[str, list[str]]], words: int) -> str:
    """Build article number index: whole source paragraphs, in order, until it has enough words."""
    rng = random.Random(index)
    at = rng.randrange(len(pool))
    paras: list[str] = []
    count = 0
    while count < words:
        _name, body = pool[at % len(pool)]
        for para in body:
            paras.append(para)
            count += _words(para)
            if count >= words:
                break
        at += 1 + rng.randrange(3)
    return "\n\n".join(paras) + "\n"


def build(out: Path, count: int, words: int = 600, eval_dir: Path = EVAL_DIR) -> Path:
    """Write count articles of about `words` words into out (emptied first); return out."""
    pool = sources(eval_dir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for i in range(count):
        (out / f"{i:05d}.txt").write_text(article(i, pool, words), encoding="utf-8")
    return out


def describe(eval_dir: Path = EVAL_DIR) -> str:
    """One line saying what the corpus is built from."""
    pool = sources(eval_dir)
    seeds = sum(1 for name, _ in pool if name.startswith("seeds/"))
    mqm = len(pool) - seeds
    total = sum(_words(p) for _, body in pool for p in body)
    return (f"{seeds} seed articles + {mqm} MQM zh-en articles (15 docs x 3 MT systems) "
            f"= {len(pool)} source articles, {total:,} words")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (emptied first)")
    parser.add_argument("--count", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--words", type=int, default=600, help="words per article, at least (default 600)")
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="folder holding mqm-zhen-dev.jsonl")
    args = parser.parse_args(argv)
    build(args.out, args.count, args.words, args.eval_dir)
    print(f"{args.count} articles of >= {args.words} words in {args.out} from {describe(args.eval_dir)}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
