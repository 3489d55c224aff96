"""The per-word memos are bounded: a corpus of ten thousand articles must not fill a worker with them."""
import functools
import importlib
import pkgutil

import auditor
from auditor.memo import WORDS


def _memos():
    for info in pkgutil.walk_packages(auditor.__path__, "auditor."):
        if info.name.endswith("__main__"):   # runs the command line
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:   # an optional extra that is not installed
            continue
        for name, value in vars(module).items():
            if isinstance(value, functools._lru_cache_wrapper) and value.__module__ == info.name:
                yield f"{info.name}.{name}", value.cache_info().maxsize


def test_every_bounded_memo_keeps_at_most_the_word_memo_size():
    memos = dict(_memos())
    assert "auditor.pychecks.spelling.zipf" in memos and "auditor.tagger.lexical" in memos
    over = {name: size for name, size in memos.items() if size is not None and size > WORDS}
    assert not over


def test_a_word_memo_lets_the_oldest_words_go():
    from auditor.pychecks.spelling import zipf

    zipf.cache_clear()
    words = [f"zq{i}x" for i in range(WORDS + 50)]
    values = [zipf(w) for w in words]
    assert zipf.cache_info().currsize == WORDS
    assert [zipf(w) for w in words[:50]] == values[:50]   # evicted words are worked out again, the same


def _text_memos():
    from auditor.incremental import TextMemo

    for info in pkgutil.walk_packages(auditor.__path__, "auditor."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue
        for name, value in vars(module).items():
            if isinstance(value, TextMemo):
                yield f"{info.name}.{name}", value


def test_memos_of_pieces_of_text_are_filled_by_edited_articles_only():
    """A batch of distinct articles holds none of them; the language server's audits fill them."""
    from auditor.config import Config
    from auditor.documents import Document
    from auditor.engine import Article, Engine
    from conftest import ROOT

    memos = dict(_text_memos())
    assert {"auditor.language._LINES", "auditor.pychecks.names._LINES", "auditor.pychecks.punctuation._SCANNED",
            "auditor.pychecks.runin._LINES", "auditor.pychecks.runin._PROMPTS"} <= set(memos)
    for memo in memos.values():
        memo.clear()
    text = "He said: “It is late.”\n\nDmitri Bakanov spoke in Moscow on Tuesday.\n" + \
        sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    engine = Engine(Config())
    batch = engine.audit([Document.from_text(text, path="a.txt")]).documents[0].findings
    assert {name for name, memo in memos.items() if memo} == set()
    from auditor.pychecks import names

    names._lines_of.cache_clear()   # the article's lines as the batch audit read them
    edited = engine.audit_articles([Article(Document.from_text(text, path="a.txt"))]).documents[0].findings
    assert {"auditor.language._LINES", "auditor.pychecks.names._LINES", "auditor.pychecks.punctuation._SCANNED",
            "auditor.pychecks.runin._LINES"} <= {name for name, memo in memos.items() if memo}
    assert [(f.start, f.end, f.rule) for f in edited] == [(f.start, f.end, f.rule) for f in batch]
