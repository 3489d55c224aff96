"""Fuzz every input kind: no exception, every finding on the text it names, fixes that settle.

    python bench/fuzz.py                     # 100,000 inputs over txt, md and html
    python bench/fuzz.py -n 3000 --seed 7    # a shorter run
    python bench/fuzz.py --seed 24 --start 14187 -n 14187   # replay one input of a run
    python bench/fuzz.py --out bench/out/fuzz.json

Inputs are made of the pieces damaged copy is made of (every line ending, markup, entities, a bare
'<', invisible and right-to-left characters, mojibake, words the rules look for) mixed with random
text. For each input and kind it checks:

- the audit and the fix raise nothing;
- every prose character comes from the source character its offset names (or from the entity or
  line break there), so a finding's span in the source is the text the check read;
- every finding lies inside the text, and an edit of `fix` replaces only a finding's span (or the like
  places it names, or, deleting whole lines, their line breaks too);
- fixing the fixed text again changes nothing (fixes are idempotent).

It prints one line per problem (with the input, as JSON) and a summary; exit status 1 when any.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from html.entities import html5
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("txt", "md", "html")
PIECES = [
    "at the head of", "that is to say", "Roscosmos", "Dmitry", "Dmitri", "NASA", "Nasa", "He said: yes.",
    "“", "”", "«", "»", " :", ",,", "  ", "\t", " .", "the the", "said said", "x < y", "a > b", "<", ">",
    "\u200b", "\u200f", "\u202e", "\ufeff", "\u00ad", "\x07", "e\u0301", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "\r\n", "\r", "\n", "\n\n", "\r\r", "<p>", "</p>", "<br>", "<div>", "<script>x</script>", "<!-- c -->",
    "<![ b", "<![CDATA[x]]>", "<!x>", "&amp;", "&nbsp;", "&#x1F600;", "&#8217;", "&bogus;", "&", "<a href='x'>",
    "</a>", "<!-- auditor-disable -->", "`code`", "[link](http://x)", "# ", "* ", "- ", "> ", "**b**", "_i_",
    "😀", "Advertisement:", "Read also:", "By Ab", "Ab", "Ã©tÃ©", "câ€™est", "Ð¿Ñ€Ð¸", "раrа", "Kyiv", "Kiev",
    "...", "--", "—", "teh", "recieve", "Mr. Smith", "U.S.", "1,000", "12:15", "Tuesday, 29 July 2025",
]
LETTERS = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:!?'\"-\n\r\t<>&#;éüßЖжі中😀\u200b\u00a0"


def random_text(rnd: random.Random, max_pieces: int = 40) -> str:
    """One fuzz input: pieces of damaged copy and random characters, with mixed line endings."""
    out = []
    for _ in range(rnd.randint(0, max_pieces)):
        roll = rnd.random()
        if roll < 0.6:
            out.append(rnd.choice(PIECES))
        elif roll < 0.9:
            out.append("".join(rnd.choice(LETTERS) for _ in range(rnd.randint(1, 12))))
        else:
            out.append(chr(rnd.randint(1, 0x2FFF)))
    return "".join(out)


_ENTITY_CHARS = set("".join(html5.values()))


def offset_problems(doc) -> list[str]:
    """Where a prose character does not come from the source character its offset names."""
    if doc.prose_map is None:
        return []
    text, prose, m = doc.text, doc.prose, doc.prose_map
    problems = []
    if len(m) != len(prose):
        return [f"prose_map has {len(m)} offsets for {len(prose)} characters"]
    for i, (c, at) in enumerate(zip(prose, m)):
        if not 0 <= at < len(text) or (i and at < m[i - 1]):
            problems.append(f"prose[{i}] maps to {at}, out of order or out of the text")
            break
        src = text[at]
        if c == src or c.isspace() or src.isspace() or src == "&":
            continue
        if c in "\"'" and src in "\"'“”‘’":
            continue
        problems.append(f"prose[{i}]={c!r} maps to source[{at}]={src!r}")
        break
    return problems


def check_one(engine, text: str, kind: str) -> list[str]:
    """The problems one input shows in one kind (empty when it passes)."""
    from auditor.documents import Document
    from auditor.fixes import document_edits, fix_documents

    try:
        doc = Document.from_text(text, path=f"fuzz.{kind}", kind=kind)
        problems = offset_problems(doc)
        report = engine.audit([doc]).documents[0]
        for f in report.findings:
            if not 0 <= f.start <= f.end <= len(text):
                problems.append(f"{f.rule} at {f.start}-{f.end} outside the text ({len(text)})")
        # a finding's span, and the like places it fixes with it (every wrapped break of a run)
        spans = [(f.start, f.end) for f in report.findings]
        spans += [(a, b) for f in report.findings for a, b, _ in f.data.get("also_edits", ())]
        edits = document_edits(doc, report.findings)
        for e in edits:
            inside = any(s <= e.start and e.end <= t for s, t in spans)
            # a deletion of whole lines takes their line breaks with it, and nothing else
            lines = not e.replacement and any(s == e.start and t <= e.end and not text[t:e.end].strip("\r\n")
                                              for s, t in spans)
            if not (inside or lines):
                problems.append(f"fix edit {e.start}-{e.end} ({e.rule}) is no finding's span")
        if not edits:
            return problems
        (settled,) = fix_documents(engine, [Document.from_text(text, path=f"fuzz.{kind}", kind=kind)])
        if settled.settled:
            # fix run again on its own output: no change and no edit (not even two that cancel out)
            (again,) = fix_documents(engine, [Document.from_text(settled.text, path=f"fuzz.{kind}", kind=kind)])
            if again.changed or again.edits:
                problems.append(f"fixing the fixed text changes it again ({[e.rule for e in again.edits]})")
    except Exception:  # noqa: BLE001 - the fuzzer reports every exception
        problems = ["exception: " + traceback.format_exc().strip().splitlines()[-1]]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=100_000, help="inputs to try (each in every kind)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="write the summary here as JSON")
    parser.add_argument("--every", type=int, default=5000, help="print progress every this many inputs")
    parser.add_argument("--start", type=int, default=1,
                        help="check from this input on (the ones before are drawn, not checked): replays a run's tail")
    args = parser.parse_args(argv)

    from auditor.api import engine_for

    engine = engine_for()
    rnd = random.Random(args.seed)
    counts = {"inputs": 0, "exceptions": 0, "wrong_offsets": 0, "non_idempotent_fixes": 0, "other": 0}
    start = time.monotonic()
    for n in range(1, args.n + 1):
        text = random_text(rnd)
        if n < args.start:
            continue
        for kind in KINDS:
            for problem in check_one(engine, text, kind):
                key = ("exceptions" if problem.startswith("exception")
                       else "non_idempotent_fixes" if "fixed text" in problem
                       else "wrong_offsets" if "map" in problem or "outside" in problem or "span" in problem
                       else "other")
                counts[key] += 1
                print(json.dumps({"kind": kind, "problem": problem, "text": text}, ensure_ascii=False), flush=True)
        counts["inputs"] += 1
        if n % args.every == 0:
            print(f"# {n} inputs, {time.monotonic() - start:.0f}s, {counts}", file=sys.stderr, flush=True)
    counts["seconds"] = round(time.monotonic() - start, 1)
    counts["kinds"] = list(KINDS)
    print(json.dumps(counts), file=sys.stderr)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(counts, indent=2) + "\n")
    failures = counts["exceptions"] + counts["wrong_offsets"] + counts["non_idempotent_fixes"] + counts["other"]
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
