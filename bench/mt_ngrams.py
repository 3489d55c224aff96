"""Mine word n-grams that machine translation produces and human translators do not.

usage: python bench/mt_ngrams.py [DATA.jsonl] [--n 4] [--min-outputs 4] [--min-docs 2] [--max-refs 0]
                                 [--clean DIR] [--top 200] [--no-filters]

For every n-gram of 1 to N words (lower case, within a sentence): in how many system outputs it
occurs, in how many references, in how many source documents' outputs, and which systems write it.
Candidates are n-grams that several outputs of several documents hold and the references (almost)
never do. Two filters drop what is plain English: n-grams that English-original news
(clean-news-dev) uses, and single words that wordfreq rates common (Zipf >= 3). What is left is a
list to read: a pattern becomes a rule only when the language, not one document, explains it.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = next((d / "shared" / "eval" for d in (ROOT.parent, ROOT.parent.parent) if (d / "shared" / "eval").is_dir()),
            ROOT.parent / "shared" / "eval")
WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*")
SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")
STOP = frozenset("a an the of to in on at by for with from and or but as is are was were be been it its this that "
                 "he she they we i you his her their our which who what not no s".split())


@dataclass
class Counts:
    outputs: Counter = field(default_factory=Counter)       # outputs holding the n-gram
    references: Counter = field(default_factory=Counter)    # references holding it
    documents: Counter = field(default_factory=Counter)     # source documents with an output holding it
    systems: dict = field(default_factory=lambda: defaultdict(set))
    n_outputs: int = 0
    n_references: int = 0


def ngrams(text: str, n_max: int) -> set[tuple[str, ...]]:
    """The distinct n-grams (1..n_max words, lower case) of a text, not crossing sentence ends."""
    out = set()
    for sentence in SENTENCE.split(text.lower()):
        words = WORD.findall(sentence)
        for n in range(1, n_max + 1):
            out.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    return out


def count(docs: list[dict], n_max: int = 4) -> Counts:
    c = Counts()
    for d in docs:
        c.references.update(ngrams(d["reference_text"], n_max))
        c.n_references += 1
        in_doc: set = set()
        for system, mt in d.get("mt", {}).items():
            grams = ngrams(mt["mt_text"], n_max)
            c.outputs.update(grams)
            c.n_outputs += 1
            in_doc |= grams
            for g in grams:
                c.systems[g].add(system)
        c.documents.update(in_doc)
    return c


def clean_ngrams(folder: Path, n_max: int) -> set:
    """Every n-gram of English-original news in a folder of .txt articles."""
    grams: set = set()
    for p in sorted(folder.glob("**/*.txt")):
        grams |= ngrams(p.read_text(encoding="utf-8"), n_max)
    return grams


def wordfreq_common(threshold: float = 3.0):
    """A predicate: a single word that wordfreq rates at least `threshold` on the Zipf scale."""
    from wordfreq import zipf_frequency

    return lambda g: len(g) == 1 and zipf_frequency(g[0], "en") >= threshold


def candidates(c: Counts, min_outputs: int = 4, min_docs: int = 1, max_refs: int = 0, clean=frozenset(),
               common=lambda g: False) -> list[dict]:
    rows = []
    for g, n in c.outputs.items():
        if n < min_outputs or c.references[g] > max_refs or c.documents[g] < min_docs:
            continue
        if all(w in STOP for w in g) or g in clean or common(g):
            continue
        rows.append({"ngram": g, "outputs": n, "references": c.references[g], "documents": c.documents[g],
                     "systems": len(c.systems[g])})
    # a shorter n-gram with the same counts as a longer one holding it says nothing more
    keep = {r["ngram"]: r for r in rows}
    for g, r in sorted(keep.items(), key=lambda kv: -len(kv[0])):
        for sub in (g[1:], g[:-1]):
            s = keep.get(sub)
            if s is not None and (s["outputs"], s["documents"]) == (r["outputs"], r["documents"]):
                keep.pop(sub)
    rows = list(keep.values())
    rows.sort(key=lambda r: (-r["documents"], -r["outputs"], r["ngram"]))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=EVAL / "mt-news-dev.jsonl")
    ap.add_argument("--n", type=int, default=4)
    ap.add_argument("--min-outputs", type=int, default=4)
    ap.add_argument("--min-docs", type=int, default=2)
    ap.add_argument("--max-refs", type=int, default=0)
    ap.add_argument("--clean", type=Path, default=EVAL / "clean-news-dev")
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--no-filters", action="store_true", help="keep what clean news and wordfreq call English")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"mt_ngrams: no such file: {args.data}", file=sys.stderr)
        return 2
    with open(args.data, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    c = count(docs, args.n)
    clean, common = frozenset(), (lambda g: False)
    if not args.no_filters:
        clean = clean_ngrams(args.clean, args.n) if args.clean.is_dir() else frozenset()
        common = wordfreq_common()
    rows = candidates(c, args.min_outputs, args.min_docs if len(docs) > 1 else 1, args.max_refs, clean, common)
    print(f"{c.n_outputs} outputs, {c.n_references} references; {len(rows)} candidates")
    print("| n-gram | outputs | references | documents | systems |")
    print("|---|---:|---:|---:|---:|")
    for r in rows[:args.top]:
        print(f"| {' '.join(r['ngram'])} | {r['outputs']} | {r['references']} | {r['documents']} | {r['systems']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
