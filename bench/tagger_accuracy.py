"""Measure the grammar tagger against a Universal Dependencies treebank (CoNLL-U, Penn XPOS tags).

    python bench/tagger_accuracy.py en_ewt-ud-test.conllu

Prints the share of tokens whose single best tag equals the treebank's XPOS tag, the share whose
readings include it (what a rule's `tag` test relies on), the mean number of readings, and the
cost of tagging per 1,000 tokens. The treebank is test data only; nothing is trained on it.
"""
from __future__ import annotations

import sys
import time
from collections import Counter

from auditor import tagger

# treebank tags folded onto the tagger's tag set
FOLD = {"NNPS": "NNP", "HYPH": "PUNCT", ",": "PUNCT", ".": "PUNCT", ":": "PUNCT", "``": "PUNCT",
        "''": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "NFP": "PUNCT", "$": "PUNCT", "#": "PUNCT",
        "SYM": "PUNCT", "AFX": "JJ", "ADD": "NN", "GW": "NN", "XX": "NN", "FW": "NN", "LS": "CD"}


def sentences(path: str):
    words: list[tuple[str, str]] = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if words:
                yield words
            words = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append((cols[1], cols[4]))
    if words:
        yield words


def main(path: str) -> None:
    sents = list(sentences(path))
    right = covered = total = readings = 0
    confusion: Counter = Counter()
    start = time.perf_counter()
    tagged = [tagger.tag_words([(w, 0, 0) for w, _ in s]) for s in sents]
    elapsed = time.perf_counter() - start
    for sent, toks in zip(sents, tagged):
        for i, ((word, gold), tok) in enumerate(zip(sent, toks)):
            gold = FOLD.get(gold, gold)
            tags = {FOLD.get(t, t) for t in tok.tags}
            best = tagger.best_tag(tok, toks[i - 1] if i else None)
            best = FOLD.get(best, best)
            total += 1
            readings += len(tok.tags)
            right += best == gold
            covered += gold in tags
            if best != gold:
                confusion[(gold, best)] += 1
    tagger.lexical.cache_clear()
    cold = time.perf_counter()
    for s in sents:
        tagger.tag_words([(w, 0, 0) for w, _ in s])
    cold = time.perf_counter() - cold
    warm = time.perf_counter()
    for s in sents:
        tagger.tag_words([(w, 0, 0) for w, _ in s])
    warm = time.perf_counter() - warm
    print(f"{len(sents)} sentences, {total} tokens")
    print(f"best tag = treebank tag   {right / total:.3f}")
    print(f"treebank tag among readings {covered / total:.3f}")
    print(f"readings per token          {readings / total:.2f}")
    per = 1000 * 1000 / total
    print(f"tagging cost per 1,000 tokens: {elapsed * per:.1f} ms on the first pass (loading lemminflect's tables), "
          f"{cold * per:.1f} ms with an empty word cache, {warm * per:.1f} ms with every word cached")
    print("most frequent confusions (gold, best):", confusion.most_common(12))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/tagger_accuracy.py TREEBANK.conllu")
    main(sys.argv[1])
