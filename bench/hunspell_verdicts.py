"""Do the kept Hunspell verdicts (auditor/hunspell.py) answer as Hunspell does? And how often is Hunspell needed?

    python bench/hunspell_verdicts.py                 # the words of ../shared/eval and the lexicon, with typos
    python bench/hunspell_verdicts.py --edits 2 --seed 7

The sample: every word of the eval sets' texts (as written, lower case, capitalised, all capitals),
every word of the spelling lexicon (wordfreq's English list) in the same forms, and for each lexicon
word `--edits` random one-letter slips (a letter dropped, doubled, replaced or swapped with the
next), capitalised half of the time. Each is put to the kept verdicts and to Hunspell (through
Enchant); a word the tables answer differently is a mismatch (there must be none). Then each
article of clean-news-dev is checked as `auditor check` does, and the articles whose spelling check
still loads Hunspell (a word the tables leave to it) are counted.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = next((d / "shared" / "eval" for d in (ROOT.parent, ROOT.parent.parent) if (d / "shared" / "eval").is_dir()),
            ROOT.parent / "shared" / "eval")


def eval_words(folder: Path) -> set[str]:
    import regex

    word = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
    texts = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".txt", ".md") and path.is_file():
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts += [v for v in _strings(json.loads(line))]
    return {w for t in texts for w in word.findall(t)}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def slips(word: str, rng: random.Random, n: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz'"
    out = []
    for _ in range(n):
        i = rng.randrange(len(word))
        kind = rng.randrange(4)
        if kind == 0 and len(word) > 1:
            w = word[:i] + word[i + 1:]
        elif kind == 1:
            w = word[:i] + word[i] + word[i:]
        elif kind == 2:
            w = word[:i] + rng.choice(letters) + word[i + 1:]
        else:
            w = word[:i] + word[i + 1:i + 2] + word[i] + word[i + 2:]
        out.append(w[:1].upper() + w[1:] if rng.random() < 0.5 else w)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--edits", type=int, default=1, help="random slips per lexicon word")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    from auditor.pychecks import spelling

    kept = spelling._verdicts()
    if kept is None or not kept.usable:
        print("error: no kept verdicts (no user cache folder, or the tables did not fit this dictionary)",
              file=sys.stderr)
        return 2
    dicts = spelling._hunspell()
    rng = random.Random(args.seed)
    base = eval_words(args.eval) if args.eval.is_dir() else set()
    lexicon = list(spelling.zipf_table())
    sample: set[str] = set()
    for w in list(base) + lexicon:
        sample.update((w, w.lower(), w[:1].upper() + w[1:].lower(), w.upper()))
    for w in lexicon:
        if w.isalpha():
            sample.update(slips(w, rng, args.edits))
    sample.discard("")
    began = time.process_time()
    answered = mismatched = 0
    wrong = []
    for w in sorted(sample):
        w = w.replace("’", "'")
        verdict = kept.get(w)
        if verdict is None:
            continue
        answered += 1
        if verdict != any(d.check(w) for d in dicts):
            mismatched += 1
            wrong.append(w)
    print(f"{len(sample):,} words ({len(base):,} from {args.eval}, {len(lexicon):,} lexicon words in four "
          f"cases, {args.edits} slip(s) each): the tables answer {answered:,} ({answered / len(sample):.1%}), "
          f"mismatches {mismatched}{' ' + repr(wrong[:20]) if wrong else ''} ({time.process_time() - began:.0f} s)")
    clean = args.eval / "clean-news-dev"
    if clean.is_dir():
        from auditor.config import Config
        from auditor.engine import Engine, load_documents

        asked: list[str] = []
        original = spelling.in_dictionary

        def spy(word):
            asked.append(word)
            return original(word)

        spelling.in_dictionary = spy
        engine = Engine(Config(languagetool="off"))
        files = sorted(p for p in clean.iterdir() if p.is_file())
        need = 0
        for path in files:
            asked.clear()
            docs, _ = load_documents([str(path)], engine.config)
            for doc in docs:
                engine.check_document(doc)
            if any(w and kept.get(w.replace("’", "'")) is None for w in asked):
                need += 1
        spelling.in_dictionary = original
        print(f"clean-news-dev: {need} of {len(files)} articles ask Hunspell a word the tables leave to it")
    return 1 if mismatched else 0


if __name__ == "__main__":
    sys.exit(main())
