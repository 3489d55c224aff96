"""Mine word n-grams that machine translation produces and professional translators do not.

The pool (``mt-news-dev.jsonl``) holds news documents with their source, one human reference and the
outputs of many MT systems. For every n-gram of 1-4 words this counts the system outputs that contain
it and the references that contain it, and keeps those that many outputs, over several documents,
use while references almost never do. Normal English is dropped by a second count over
English-original news (``clean-news-dev``) and, for single words, by wordfreq's frequency.

What comes out is a list of candidates to read, not rules: a candidate becomes a rule only when it is
a known calque or false friend of the source language (see the rule's ``source:``) and its guarded
form stays quiet on the references and on the clean news.

    python bench/mine_mt_ngrams.py [--pool FILE] [--clean DIR] [--lang ru] [--top 150]
    python bench/mine_mt_ngrams.py --probe regexes.txt    # outputs/documents/references/clean hits
    python bench/mine_mt_ngrams.py --rates MTR            # a pack's findings on references vs outputs

Columns: outputs containing the n-gram, documents in which some output has it, references holding it,
clean-news articles holding it, the share of the documents' outputs (12 a document) with it, the
n-gram, and one example output context.
"""
from __future__ import annotations

import argparse
import collections
import json
import re

import regex
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
STOP = frozenset("""the a an of to in on and or for with at by from as is are was were be been that this
    it its he she they his her their which who whom not but has have had will would""".split())


def ngrams(text: str, n_max: int = 4) -> set[str]:
    """Every n-gram of 1..n_max lower-cased tokens, not crossing sentence punctuation."""
    grams: set[str] = set()
    for chunk in re.split(r"[.!?;:()\"“”«»]+", text):
        toks = [t.lower().replace("’", "'") for t in TOKEN.findall(chunk)]
        for n in range(1, n_max + 1):
            for i in range(len(toks) - n + 1):
                gram = toks[i:i + n]
                if all(w in STOP for w in gram):
                    continue
                grams.add(" ".join(gram))
    return grams


def context(text: str, gram: str, width: int = 60) -> str:
    m = re.search(r"(?<![A-Za-z])" + r"\W+".join(map(re.escape, gram.split())) + r"(?![A-Za-z])", text, re.I)
    if not m:
        return ""
    return text[max(0, m.start() - width):m.end() + width].replace("\n", " ")


def mine(pool: Path, clean: Path, lang: str, top: int, min_docs: int, min_outputs: int,
         systems: set[str] | None = None) -> list[tuple]:
    docs = [json.loads(line) for line in pool.open(encoding="utf-8")]
    docs = [d for d in docs if d["lang_pair"].startswith(lang + "-")]
    out_count: collections.Counter = collections.Counter()     # outputs holding the n-gram
    doc_count: collections.Counter = collections.Counter()     # documents where an output has it
    ref_count: collections.Counter = collections.Counter()     # references holding it
    example: dict[str, str] = {}
    outputs = 0
    for d in docs:
        ref = ngrams(d["reference_text"])
        ref_count.update(ref)
        seen: set[str] = set()
        for system, out in d["mt"].items():
            if systems and system not in systems:
                continue
            grams = ngrams(out["mt_text"])
            outputs += 1
            out_count.update(grams)
            for g in grams - ref:
                if g not in example:
                    example[g] = f"[{system}] " + context(out["mt_text"], g)
            seen |= grams
        doc_count.update(seen - ref)
    clean_count: collections.Counter = collections.Counter()
    for path in sorted(clean.glob("*.txt")):
        clean_count.update(ngrams(path.read_text(encoding="utf-8")))
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is an auditor dependency
        def zipf_frequency(word, lang):
            return 0.0
    per_doc = outputs / max(1, len(docs))
    rows = []
    for g, n_out in out_count.items():
        if n_out < min_outputs or doc_count[g] < min_docs or ref_count[g] > 0 or clean_count[g] > 1:
            continue
        words = g.split()
        if all(w in STOP for w in words) or all(w.isdigit() for w in words):
            continue
        if len(words) == 1 and zipf_frequency(g, "en") > 4.0:
            continue
        share = n_out / (doc_count[g] * per_doc)
        rows.append((n_out, doc_count[g], ref_count[g], clean_count[g], round(share, 2), g, example.get(g, "")))
    # prefer n-grams used by many outputs across many documents; drop n-grams inside a longer kept one
    rows.sort(key=lambda r: (-r[1], -r[0], -len(r[5].split())))
    kept: list[tuple] = []
    for r in rows:
        if any(r[5] in k[5] and r[0] <= k[0] + 1 and r[5] != k[5] for k in kept):
            continue
        kept.append(r)
        if len(kept) >= top:
            break
    return kept


def probe(pool: Path, clean: Path, lang: str, patterns: list[str]) -> list[tuple]:
    """For each regex: outputs, documents and references it matches in, and clean articles it matches in."""
    docs = [json.loads(line) for line in pool.open(encoding="utf-8")]
    docs = [d for d in docs if d["lang_pair"].startswith(lang + "-")]
    cleans = [p.read_text(encoding="utf-8") for p in sorted(clean.glob("*.txt"))]
    rows = []
    for pat in patterns:
        rx = regex.compile(pat)
        outs = sum(1 for d in docs for o in d["mt"].values() if rx.search(o["mt_text"]))
        in_docs = sum(1 for d in docs if any(rx.search(o["mt_text"]) for o in d["mt"].values()))
        refs = sum(1 for d in docs if rx.search(d["reference_text"]))
        cl = sum(1 for t in cleans if rx.search(t))
        hit = next((m for d in docs for o in d["mt"].values() for m in [rx.search(o["mt_text"])] if m), None)
        ex = hit.string[max(0, hit.start() - 50):hit.end() + 30] if hit else ""
        rows.append((outs, in_docs, refs, cl, pat, ex))
    return rows


def rates(pool: Path, lang: str, select: str, auditor: str) -> dict[str, dict[str, int]]:
    """Audit every reference and every output of the pool; findings per rule on each side.

    References are professional translations: a rule's findings there are false alarms, and a rule
    that fires on references about as often as on outputs does not tell MT from translation.
    """
    import subprocess
    import tempfile

    docs = [json.loads(line) for line in pool.open(encoding="utf-8")]
    docs = [d for d in docs if d["lang_pair"].startswith(lang + "-")]
    result: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for side in ("references", "outputs"):
            folder = Path(tmp) / side
            folder.mkdir()
            words = 0
            for i, d in enumerate(docs):
                texts = [("ref", d["reference_text"])] if side == "references" else \
                    [(s, o["mt_text"]) for s, o in d["mt"].items()]
                for system, text in texts:
                    (folder / f"{i:03d}-{system}.txt").write_text(text + "\n", encoding="utf-8")
                    words += len(text.split())
            # each file alone: a corpus of 12 outputs of one article would set off the cross-article checks
            proc = subprocess.run([auditor, "check", str(folder), "--format", "json", "--select", select,
                                   "--fail-on", "never"], capture_output=True, text=True)
            report = json.loads(proc.stdout)
            per_rule: collections.Counter = collections.Counter()
            examples: dict[str, str] = {}
            for doc in report["documents"]:
                for f in doc["findings"]:
                    per_rule[f["rule"]] += 1
                    examples.setdefault(f["rule"], f["text"])
            result[side] = {"words": words, "files": len(list(folder.iterdir())), "rules": per_rule,
                            "examples": examples}
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pool", type=Path, default=EVAL / "mt-news-dev.jsonl")
    ap.add_argument("--clean", type=Path, default=EVAL / "clean-news-dev")
    ap.add_argument("--lang", default="ru")
    ap.add_argument("--top", type=int, default=150)
    ap.add_argument("--min-docs", type=int, default=2)
    ap.add_argument("--min-outputs", type=int, default=4)
    ap.add_argument("--systems", help="comma-separated systems to mine (default: all)")
    ap.add_argument("--probe", type=Path, help="a file of regexes, one a line: count where each matches")
    ap.add_argument("--rates", metavar="PREFIX", help="audit references and outputs with the rules of PREFIX "
                    "(e.g. MTR) and print findings per 1,000 words on each side, by rule")
    ap.add_argument("--auditor", default=str(Path(sys.executable).with_name("auditor")))
    args = ap.parse_args(argv)
    if args.rates:
        res = rates(args.pool, args.lang, args.rates, args.auditor)
        ref, out = res["references"], res["outputs"]
        per_k = lambda side, n: 1000 * n / max(1, side["words"])  # noqa: E731
        print(f"references: {ref['files']} files, {ref['words']} words, {sum(ref['rules'].values())} findings, "
              f"{per_k(ref, sum(ref['rules'].values())):.2f} per 1,000 words")
        print(f"outputs:    {out['files']} files, {out['words']} words, {sum(out['rules'].values())} findings, "
              f"{per_k(out, sum(out['rules'].values())):.2f} per 1,000 words")
        print("rule\trefs\touts\trefs/1k\touts/1k\texample")
        for rule in sorted(set(ref["rules"]) | set(out["rules"]), key=lambda r: -out["rules"][r] - ref["rules"][r]):
            print(f"{rule}\t{ref['rules'][rule]}\t{out['rules'][rule]}\t{per_k(ref, ref['rules'][rule]):.2f}\t"
                  f"{per_k(out, out['rules'][rule]):.2f}\t{out['examples'].get(rule) or ref['examples'].get(rule)}")
        return 0
    if args.probe:
        pats = [ln.strip() for ln in args.probe.read_text(encoding="utf-8").splitlines() if ln.strip()]
        print("outputs\tdocs\trefs\tclean\tregex\texample")
        for row in probe(args.pool, args.clean, args.lang, pats):
            print("\t".join(map(str, row)))
        return 0
    systems = set(args.systems.split(",")) if args.systems else None
    for row in mine(args.pool, args.clean, args.lang, args.top, args.min_docs, args.min_outputs, systems):
        print("\t".join(map(str, row)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
