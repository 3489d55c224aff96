"""Time the grammar check on real articles, in CPU time per 600 words (one core).

    python bench/grammar_speed.py DIR [DIR...]      # e.g. the clean-news and mt-docs dev sets

Each article is read as a fresh Document whose sentences and vocabulary (shared by every check)
are split before the clock starts, and checked by every rule of type grammar, after a first pass that warms the word caches; the median and the
90th percentile of milliseconds per 600 words are printed, with the share of sentences tagged.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from auditor import tagger
from auditor.checks.grammar import GrammarCheck
from auditor.documents import Document
from auditor.packs import load_rules


def main(dirs: list[str]) -> None:
    rules = [r for r in load_rules().rules if r.type == "grammar"]
    check = GrammarCheck(rules)
    texts = [p.read_text(encoding="utf-8") for d in dirs for p in sorted(Path(d).rglob("*.txt"))]
    for text in texts:  # warm the lexicon caches, as a long-running editor or server has them
        check.check(Document.from_text(text))
    per600, tagged, total, spent, all_words = [], 0, 0, 0.0, 0
    calls = {"n": 0}
    original = tagger.tokenize

    def counting(text, offset=0):
        calls["n"] += 1
        return original(text, offset)

    import auditor.checks.grammar as grammar_module
    grammar_module.tagger.tokenize = counting
    try:
        for text in texts:
            doc = Document.from_text(text)
            words = doc.words
            sentences = len(doc.sentences)
            doc.vocabulary  # segmentation is shared by every check and done once per article
            start = time.process_time()
            check.check(doc)
            elapsed = time.process_time() - start
            if words:
                per600.append(elapsed * 1000 * 600 / words)
                spent += elapsed
                all_words += words
            total += sentences
    finally:
        grammar_module.tagger.tokenize = original
    tagged = calls["n"]
    per600.sort()
    print(f"{len(rules)} grammar rules, {len(texts)} articles")
    print(f"ms per 600 words: median {statistics.median(per600):.2f}, "
          f"p90 {per600[int(0.9 * (len(per600) - 1))]:.2f}, max {per600[-1]:.2f}")
    print(f"all articles together: {spent * 1000 * 600 / all_words:.2f} ms of CPU per 600 words")
    print(f"sentences tagged: {tagged} of {total} ({tagged / max(total, 1):.0%})")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python bench/grammar_speed.py DIR [DIR...]")
    main(sys.argv[1:])
