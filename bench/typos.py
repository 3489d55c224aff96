"""Typo benchmark: detection recall, precision and suggestion accuracy of auditor, codespell and pyspellchecker.

usage: python bench/typos.py [DATA.jsonl] [--tools auditor,codespell,pyspellchecker] [--ablation]

--ablation also runs auditor without its sentencepiece spelling model, on the typo pairs and on a
names probe: the capitalised words the rule flags in real news (the MQM dev set's English targets and
the seed articles), where nearly every capitalised unknown word is a correctly spelt name.

Each pair's wrong sentence is checked alone, as plain text. A finding that overlaps an
edit of the pair detects it (true positive); any other finding is a false positive, except one whose
fix changes whitespace alone (a doubled space), which the pairs never record as an edit and so cannot
score either way. Recall counts detected edits over all edits
(and over the `nonword` and `realword` kinds); suggestion accuracy counts detected edits whose first
suggestion, applied, gives the right sentence's token.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = next((d / "shared" / "eval" / "typos-dev.jsonl" for d in (ROOT.parent, ROOT.parent.parent)
                if (d / "shared" / "eval" / "typos-dev.jsonl").exists()),
               ROOT.parent / "shared" / "eval" / "typos-dev.jsonl")


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ---- the tools, each mapping a sentence to [(start, end, first suggestion or None)] ----------
def auditor_tool(orthography: bool = True, codes=("SP", "GR", "PU")):
    from auditor.config import Config
    from auditor.documents import Document
    from auditor.engine import Engine
    from auditor.packs import RuleSet, load_rules

    rules = load_rules(select=codes)
    for rule in rules.rules:
        if rule.code == "SP002":
            rule.spec = dict(rule.spec, options=dict(rule.spec.get("options", {}), orthography=orthography))
    engine = Engine(Config(), RuleSet(packs=rules.packs, rules=rules.rules))

    def run(sentences: list[str]) -> list[list[tuple]]:
        out = []
        for s in sentences:
            report = engine.audit([Document.from_text(s)])
            out.append([(f.start, f.end, f.suggestions[0] if f.suggestions else None, f.rule)
                        for f in report.documents[0].findings])
        return out

    return run


def codespell_tool(sentences: list[str]) -> list[list[tuple]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sentences.txt"
        path.write_text("\n".join(s.replace("\n", " ") for s in sentences) + "\n", encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "codespell_lib", str(path)],
                              capture_output=True, text=True)
    out: list[list[tuple]] = [[] for _ in sentences]
    for line in proc.stdout.splitlines():
        m = re.match(r".*?:(\d+): (.+?) ==> (.+)$", line)
        if not m:
            continue
        i, word, fix = int(m.group(1)) - 1, m.group(2), m.group(3).split(",")[0].strip()
        taken = {f[0] for f in out[i]}
        for hit in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", sentences[i]):
            if hit.start() not in taken:
                out[i].append((hit.start(), hit.end(), fix))
                break
    return out


def pyspellchecker_tool(sentences: list[str]) -> list[list[tuple]]:
    from spellchecker import SpellChecker

    from auditor.pychecks.spelling import masked_spans

    spell = SpellChecker()
    out = []
    for s in sentences:
        masked = masked_spans(s)
        found = []
        for m in re.finditer(r"[A-Za-z]+(?:'[A-Za-z]+)*", s):
            if any(a <= m.start() < b for a, b in masked):
                continue
            w = m.group().lower()
            if w in spell.unknown([w]):
                fix = spell.correction(w)
                found.append((m.start(), m.end(), fix))
        out.append(found)
    return out


# ---- scoring ----------------------------------------------------------------------------
def overlaps(f0: int, f1: int, e0: int, e1: int) -> bool:
    if e0 == e1:
        return f0 <= e0 <= f1
    return f0 < e1 and e0 < f1


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def whitespace_only(text: str, start: int, end: int, fix: str | None, edits=()) -> bool:
    """Tell whether a finding's fix changes whitespace alone (the pairs record no such edit).

    A split or joined word ("every where" -> "everywhere") is recorded when its letters change
    across tokens: a finding on such an edit is scored.
    """
    if fix is None or re.sub(r"\s+", "", text[start:end]) != re.sub(r"\s+", "", fix):
        return False
    return not any(e["kind"] == "split_join" and overlaps(start, end, e["wrong_start"], e["wrong_end"])
                   for e in edits)


def score(rows: list[dict], results: list[list[tuple]]) -> dict:
    tp = fp = 0
    hit = Counter()
    total = Counter()
    good_fix = scored_fix = 0
    by_rule: dict = defaultdict(lambda: [0, 0])
    for row, found in zip(rows, results):
        wrong = row["wrong"]
        found = [f for f in found if not whitespace_only(wrong, f[0], f[1], f[2], row["edits"])]
        for f0, f1, *rest in found:
            rule = rest[1] if len(rest) > 1 else None
            if any(overlaps(f0, f1, e["wrong_start"], e["wrong_end"]) for e in row["edits"]):
                tp += 1
                by_rule[rule][0] += 1
            else:
                fp += 1
                by_rule[rule][1] += 1
        for e in row["edits"]:
            total["all"] += 1
            total[e["kind"]] += 1
            cands = [f for f in found if overlaps(f[0], f[1], e["wrong_start"], e["wrong_end"])]
            if not cands:
                continue
            hit["all"] += 1
            hit[e["kind"]] += 1
            scored_fix += 1
            want = norm(wrong[:e["wrong_start"]] + e["right"] + wrong[e["wrong_end"]:])
            if any(s is not None and norm(wrong[:a] + s + wrong[b:]) == want for a, b, s, *_ in cands):
                good_fix += 1
    return {
        "findings": tp + fp, "true": tp, "false": fp,
        "precision": tp / max(1, tp + fp),
        "recall": hit["all"] / max(1, total["all"]),
        "recall_nonword": hit["nonword"] / max(1, total["nonword"]),
        "recall_realword": hit["realword"] / max(1, total["realword"]),
        "suggestion_accuracy": good_fix / max(1, scored_fix),
        "detected": hit["all"], "edits": total["all"],
        "by_rule": {rule: {"true": t, "false": f} for rule, (t, f) in sorted(by_rule.items(), key=lambda kv: str(kv[0]))
                    if rule is not None},
        "by_kind": {kind: f"{hit[kind]}/{total[kind]}" for kind in sorted(total) if kind != "all"},
    }


def show_misses(rows: list[dict], results: list[list[tuple]], kinds: set[str] | None) -> None:
    """Print every edit no finding overlaps, grouped by kind, with the words around it."""
    missed: dict[str, list[str]] = {}
    for row, found in zip(rows, results):
        wrong = row["wrong"]
        found = [f for f in found if not whitespace_only(wrong, f[0], f[1], f[2], row["edits"])]
        for e in row["edits"]:
            if kinds is not None and e["kind"] not in kinds:
                continue
            if any(overlaps(f0, f1, e["wrong_start"], e["wrong_end"]) for f0, f1, *_ in found):
                continue
            a, b = e["wrong_start"], e["wrong_end"]
            context = f"{wrong[max(0, a - 40):a]}[[{wrong[a:b]}]]{wrong[b:b + 40]}".replace("\n", " ")
            missed.setdefault(e["kind"], []).append(f"  {row['id']}: {e['wrong']!r} -> {e['right']!r}  | {context}")
    for kind in sorted(missed, key=lambda k: -len(missed[k])):
        print(f"MISSED {kind}: {len(missed[kind])}")
        print("\n".join(missed[kind]))


def names_probe(orthography: bool) -> dict:
    """Run the misspelling rule over real news (MQM dev targets and the seeds); list capitalised flags."""
    run = auditor_tool(orthography, codes=("SP002",))
    texts, spans = [], []
    mqm = DEFAULT.parent / "mqm-zhen-dev.jsonl"
    if mqm.exists():
        for row in load(mqm):
            texts.append(row["target"])
            spans.append([(e["start"], e["end"]) for e in row["errors"] if e.get("start") is not None])
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
        spans.append(None)
    flagged = []
    for text, marked, found in zip(texts, spans, run(texts)):
        for a, b, sug, *_ in found:
            if text[a:a + 1].isupper():
                rated = marked is not None and any(x < b and a < y for x, y in marked)
                flagged.append((text[a:b], sug, rated))
    return {"capitalised_flags": len(flagged), "on_rated_errors": sum(f[2] for f in flagged),
            "words": sorted({f"{w}->{s}" for w, s, _ in flagged})}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--tools", default="auditor,codespell,pyspellchecker")
    ap.add_argument("--ablation", action="store_true", help="also run auditor without the spelling model")
    ap.add_argument("--show-fps", action="store_true", help="print auditor's false positives")
    ap.add_argument("--show-misses", nargs="?", const="all", metavar="KINDS",
                    help="print the edits auditor misses, grouped by kind (optionally only these kinds, "
                         "comma-separated, e.g. realword,function_word)")
    ap.add_argument("--codes", default="SP,GR,PU",
                    help="auditor's rules by code prefix, comma-separated (default SP,GR,PU: the spelling, grammar "
                         "and punctuation packs, whose mistakes the pairs fix; 'SP' for the spelling rules alone)")
    ap.add_argument("--by-rule", action="store_true",
                    help="also print auditor's true and false findings per rule and the edits found by kind")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows = load(Path(args.data))
    sentences = [r["wrong"] for r in rows]
    tools = {}
    for name in args.tools.split(","):
        if name == "auditor":
            tools["auditor"] = auditor_tool(True, codes=tuple(args.codes.split(",")))
            if args.ablation:
                tools["auditor (no spelling model)"] = auditor_tool(False, codes=tuple(args.codes.split(",")))
        elif name == "codespell":
            tools["codespell"] = codespell_tool
        elif name == "pyspellchecker":
            tools["pyspellchecker"] = pyspellchecker_tool
    table = {}
    for name, tool in tools.items():
        t0 = time.perf_counter()
        results = tool(sentences)
        table[name] = dict(score(rows, results), seconds=round(time.perf_counter() - t0, 1))
        if args.show_fps and name == "auditor":
            for row, found in zip(rows, results):
                for f0, f1, s, *_ in found:
                    if whitespace_only(row["wrong"], f0, f1, s, row["edits"]):
                        continue
                    if not any(overlaps(f0, f1, e["wrong_start"], e["wrong_end"]) for e in row["edits"]):
                        print(f"FP {row['wrong'][f0:f1]!r} -> {s!r}  | {row['wrong'][max(0, f0 - 40):f1 + 40]!r}")
        if args.show_misses and name == "auditor":
            show_misses(rows, results, None if args.show_misses == "all" else set(args.show_misses.split(",")))
    if args.ablation:
        for label, orth in (("with spelling model", True), ("without spelling model", False)):
            probe = names_probe(orth)
            table[f"names probe, {label}"] = probe
    if args.json:
        print(json.dumps(table, indent=2))
        return 0
    print(f"{len(rows)} pairs, {table[next(iter(table))]['edits']} edits")
    print(f"{'tool':30s} {'findings':>8s} {'prec':>6s} {'recall':>6s} {'nonword':>7s} {'realwd':>6s} {'sugg':>6s} {'secs':>6s}")
    for name, r in table.items():
        if "words" in r:
            print(f"{name}: {r['capitalised_flags']} capitalised words flagged in real news "
                  f"({r['on_rated_errors']} on an MQM-rated error): {', '.join(r['words'][:12])}")
            continue
        print(f"{name:30s} {r['findings']:8d} {r['precision']:6.3f} {r['recall']:6.3f} {r['recall_nonword']:7.3f} "
              f"{r['recall_realword']:6.3f} {r['suggestion_accuracy']:6.3f} {r['seconds']:6.1f}")
        if args.by_rule and r.get("by_rule"):
            print("  found by kind: " + ", ".join(f"{k} {v}" for k, v in r["by_kind"].items()))
            print("  true/false by rule: " + ", ".join(f"{k} {v['true']}/{v['false']}" for k, v in r["by_rule"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
