"""Machine against human translation: MT-family findings per 1,000 words on references and system outputs.

usage: python bench/mt_vs_ht.py [DATA.jsonl] [--top N] [--rules] [--exclude CODES] [--json OUT.json]

DATA.jsonl holds documents with a human `reference_text` and `mt: {system: {mt_text}}` (the
mt-news-dev set by default). Every reference and every system output is audited as an article, the
references of one source language as one corpus and each system's outputs as another, with the MT
packs only. The table gives findings of the `mt` family per 1,000 words on the references and on the
outputs, overall, per source language and per system, and per rule, with the rules that fire most on
the references first: a rule that fires on a professional translation as often as on machine output
does not tell the two apart. A rule can still be right on a reference (a translator may keep a calque),
so the per-rule table is a list to read, not a verdict; --exclude (comma-separated rule codes) adds a
line with the rates and ratio without such rules.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = next((d / "shared" / "eval" / "mt-news-dev.jsonl" for d in (ROOT.parent, ROOT.parent.parent)
                if (d / "shared" / "eval" / "mt-news-dev.jsonl").exists()),
               ROOT.parent / "shared" / "eval" / "mt-news-dev.jsonl")
REFERENCE = "reference"


@dataclass(frozen=True)
class Text:
    """One article to audit: a reference or one system's output of a source document."""
    doc: str
    language: str     # source language
    system: str       # REFERENCE for the human translation
    text: str


@dataclass
class Tally:
    """Words and MT findings (per rule) of a group of texts."""
    words: int = 0
    texts: int = 0
    findings: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.findings.values())

    def rate(self, rule: str | None = None) -> float:
        """Findings per 1,000 words, of one rule or of all."""
        n = self.total if rule is None else self.findings[rule]
        return 1000.0 * n / self.words if self.words else 0.0


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def latin_share(text: str) -> float:
    """The share of Latin letters among the letters of a text."""
    letters = [c for c in text if c.isalpha()]
    return sum("a" <= c.lower() <= "z" for c in letters) / len(letters) if letters else 0.0


def texts(docs: list[dict]) -> list[Text]:
    """The reference and every system output of each document.

    A document whose reference is not in English (mostly non-Latin letters: a test set may ship a
    source copied in place of its translation) is left out whole, outputs too.
    """
    out = []
    for d in docs:
        if latin_share(d["reference_text"]) < 0.5:
            continue
        lang = d.get("lang_pair", "xx-en").split("-")[0]
        doc = d.get("id") or d.get("doc_id")
        out.append(Text(doc, lang, REFERENCE, d["reference_text"]))
        for system, mt in sorted(d.get("mt", {}).items()):
            out.append(Text(doc, lang, system, mt["mt_text"]))
    return out


def tally(rows: list[tuple[Text, int, list[str]]]) -> dict[tuple[str, str], Tally]:
    """Group audited texts: rows are (text, its words, the rule of each MT finding in it).

    Keys: ("all", "reference"|"output"), ("lang:ru", "reference"|"output"), ("system", NAME) for each
    system and for the references.
    """
    groups: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for t, words, rules in rows:
        side = "reference" if t.system == REFERENCE else "output"
        for key in (("all", side), (f"lang:{t.language}", side), ("system", t.system)):
            g = groups[key]
            g.words += words
            g.texts += 1
            g.findings.update(rules)
    return dict(groups)


def ratio(out: Tally, ref: Tally) -> float:
    """How many times the outputs' rate the references' is (inf when references have none)."""
    if not ref.rate():
        return float("inf") if out.rate() else 0.0
    return out.rate() / ref.rate()


def rule_rows(groups: dict[tuple[str, str], Tally]) -> list[dict]:
    """Per rule: findings and rate on references and outputs, most frequent on references first."""
    ref, out = groups.get(("all", "reference"), Tally()), groups.get(("all", "output"), Tally())
    rows = []
    for rule in set(ref.findings) | set(out.findings):
        rows.append({"rule": rule, "ref": ref.findings[rule], "ref_rate": ref.rate(rule),
                     "out": out.findings[rule], "out_rate": out.rate(rule),
                     "ratio": out.rate(rule) / ref.rate(rule) if ref.findings[rule] else float("inf")})
    rows.sort(key=lambda r: (-r["ref_rate"], -r["out_rate"], r["rule"]))
    return rows


def audit(items: list[Text], select=("MT",)) -> list[tuple[Text, int, list[str]]]:
    """Audit the texts, one corpus per (system, source language); return (text, words, MT rules)."""
    from auditor.config import Config
    from auditor.documents import Document
    from auditor.engine import Engine

    engine = Engine(Config(select=tuple(select), languagetool="off"))
    by_corpus: dict[tuple[str, str], list[Text]] = defaultdict(list)
    for t in items:
        by_corpus[(t.system, t.language)].append(t)
    rows = []
    for (system, lang), group in sorted(by_corpus.items()):
        docs = [Document.from_text(t.text, path=f"{system}/{lang}/{i:03d}.txt") for i, t in enumerate(group)]
        report = engine.audit(docs)
        for t, doc in zip(group, report.documents):
            rules = [f.rule for f in doc.findings if f.category.split(".", 1)[0] == "mt"]
            rows.append((t, doc.words, rules))
    return rows


def without(groups: dict[tuple[str, str], Tally], rules: set[str]) -> dict[tuple[str, str], Tally]:
    """The same groups with the findings of some rules left out (words unchanged)."""
    return {k: Tally(g.words, g.texts, Counter({r: n for r, n in g.findings.items() if r not in rules}))
            for k, g in groups.items()}


def table(groups: dict[tuple[str, str], Tally], top: int = 15, all_rules: bool = False) -> str:
    lines = ["| group | texts | words | MT findings | per 1,000 words |", "|---|---:|---:|---:|---:|"]
    for key in sorted(groups, key=lambda k: (k[0] != "all", k[0] == "system", k)):
        g = groups[key]
        lines.append(f"| {key[0]} {key[1]} | {g.texts} | {g.words} | {g.total} | {g.rate():.2f} |")
    lines.append("")
    ref, out = groups.get(("all", "reference"), Tally()), groups.get(("all", "output"), Tally())
    lines.append(f"outputs / references: {out.rate():.2f} / {ref.rate():.2f} per 1,000 words = {ratio(out, ref):.2f}x")
    for key in sorted(k for k in groups if k[0].startswith("lang:") and k[1] == "reference"):
        o = groups.get((key[0], "output"), Tally())
        lines.append(f"  {key[0][5:]}: {o.rate():.2f} / {groups[key].rate():.2f} = {ratio(o, groups[key]):.2f}x")
    rows = rule_rows(groups)
    shown = rows if all_rules else rows[:top]
    lines += ["", "| rule | refs | refs /1k | outputs | outputs /1k | ratio |", "|---|---:|---:|---:|---:|---:|"]
    for r in shown:
        lines.append(f"| {r['rule']} | {r['ref']} | {r['ref_rate']:.3f} | {r['out']} | {r['out_rate']:.3f} | "
                     f"{r['ratio']:.1f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--top", type=int, default=15, help="rules shown, by rate on the references")
    ap.add_argument("--rules", action="store_true", help="show every rule that fired")
    ap.add_argument("--exclude", default="", help="rule codes to leave out of a second ratio line")
    ap.add_argument("--json", type=Path, help="also write the per-text rows and rule table as JSON")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"mt_vs_ht: no such file: {args.data}", file=sys.stderr)
        return 2
    docs = load(args.data)
    items = texts(docs)
    kept = len({t.doc for t in items})
    if kept < len(docs):
        print(f"left out {len(docs) - kept} of {len(docs)} documents whose reference is not in English\n")
    rows = audit(items)
    groups = tally(rows)
    print(table(groups, args.top, args.rules))
    excluded = {c.strip() for c in args.exclude.split(",") if c.strip()}
    if excluded:
        g = without(groups, excluded)
        ref, out = g.get(("all", "reference"), Tally()), g.get(("all", "output"), Tally())
        print(f"\nwithout {', '.join(sorted(excluded))}: {out.rate():.2f} / {ref.rate():.2f} per 1,000 words = "
              f"{ratio(out, ref):.2f}x")
    if args.json:
        args.json.write_text(json.dumps({
            "texts": [{"doc": t.doc, "language": t.language, "system": t.system, "words": w, "rules": r}
                      for t, w, r in rows],
            "rules": rule_rows(groups)}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
