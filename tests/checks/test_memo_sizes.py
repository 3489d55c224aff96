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
