"""Train the orthographic-plausibility model shipped as auditor/data/orthography.model."""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path


def lexicon(limit: int) -> list[str]:
    """Return the most frequent alphabetic English words of the wordfreq lexicon."""
    import wordfreq

    words = []
    for word in wordfreq.iter_wordlist("en", "large"):
        if word.isalpha() and word.isascii() and len(word) >= 2:
            words.append(word)
            if len(words) >= limit:
                break
    return words


def train(out: Path, limit: int = 120_000, vocab: int = 6000) -> Path:
    """Train a unigram sentencepiece model on lexicon types (one word a line, each once)."""
    import sentencepiece as spm

    words = lexicon(limit)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(words), model_writer=model, model_type="unigram",
        vocab_size=vocab, character_coverage=1.0, split_by_whitespace=True,
        add_dummy_prefix=True, bos_id=-1, eos_id=-1, pad_id=-1, unk_id=0,
        max_sentencepiece_length=8, minloglevel=2, num_threads=1,
    )
    out.write_bytes(model.getvalue())
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "auditor/data/orthography.model"))
    ap.add_argument("--words", type=int, default=120_000)
    ap.add_argument("--vocab", type=int, default=6000)
    args = ap.parse_args(argv)
    path = train(Path(args.out), args.words, args.vocab)
    print(f"{path}: {path.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
