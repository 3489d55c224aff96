"""The main language of an article: a cheap English test first, langdetect when in doubt."""
from __future__ import annotations

import re
from functools import lru_cache

from .incremental import TextMemo

_EN_STOP = frozenset(
    "the of and to in a is that for on was with as by at it from his her their has have had be "
    "are were an this which said will not but or its after who been also".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def english_ratio(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(map(_EN_STOP.__contains__, words)) / len(words)


def _line_counts(line: str) -> tuple[int, int]:
    """A line's words and English stop words among them."""
    found = _WORD.findall(line)
    # each word lower-cased in one call (a line break bounds a word as the end of a string does)
    words = "\n".join(found).lower().split("\n") if found else []
    return len(words), sum(map(_EN_STOP.__contains__, words))


# each line's counts, by its text: an edited article's unchanged lines are not read again
_LINES = TextMemo(2_048)   # lines: an edited article of 2,000 words has about 200


def main_language(prose: str) -> str:
    """Return the ISO 639-1 code of the article's main language ('en' when unsure)."""
    words = stop = 0
    for line in prose[:20000].split("\n"):   # a word never runs over a line break
        counts = _LINES.take(line, _line_counts, line)
        words += counts[0]
        stop += counts[1]
    if not words or stop / words >= 0.12:   # english_ratio of the article's words
        return "en"
    return detected(prose)


def detected(prose: str) -> str:
    """Return langdetect's language of an article that is not plainly English ('en' when it cannot say)."""
    try:
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - a declared dependency
        return "en"
    detector = langdetect_detector()
    detector.append(prose[:5000])
    try:
        return detector.detect().split("-")[0]
    except LangDetectException:
        return "en"


def langdetect_detector():
    """A langdetect Detector as langdetect.detect() makes one (seed 0), over profiles read from the user cache.

    langdetect reads its 55 language profiles (JSON) into one table at its first detection, a
    third of a second; the table is kept memory-mapped instead, and a detection reads the n-grams
    it meets.
    """
    from langdetect.detector import Detector

    return Detector(_profiles())


class _Profiles:
    """What a langdetect Detector reads of its factory: n-gram -> probability by language, the languages, the seed."""

    seed = 0

    def __init__(self, folder):
        from .mapped import Blobs, unmarshal

        self.word_lang_prob_map = _NgramTable(Blobs(folder, "ngrams", unmarshal))
        self.langlist = (folder / "languages").read_text(encoding="utf-8").split()


class _NgramTable:
    """An n-gram's probabilities by language, read from the mapped table; each n-gram is decoded once."""

    def __init__(self, blobs):
        self.blobs = blobs
        self.read: dict = {}   # n-gram -> its probabilities, or None when no profile holds it

    def __contains__(self, ngram: str) -> bool:
        probs = self.read.get(ngram, self)
        if probs is self:
            probs = self.read[ngram] = self.blobs.get(ngram)
        return probs is not None

    def __getitem__(self, ngram: str) -> list:
        probs = self.read[ngram] if ngram in self else None
        if probs is None:
            raise KeyError(ngram)
        return probs


@lru_cache(maxsize=1)
def _profiles() -> _Profiles:
    import hashlib
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY

    from .mapped import cached_folder, stamp
    from .usercache import cache_dir

    files = sorted(os.listdir(PROFILES_DIRECTORY))
    key = hashlib.sha1(repr(("langdetect 1", stamp("langdetect", "detector_factory.py",
                                                   *(f"profiles/{f}" for f in files)))).encode()).hexdigest()[:16]
    return _Profiles(cached_folder(cache_dir(), "langdetect", key, _write_profiles))


def _write_profiles(folder) -> None:
    import marshal

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from .mapped import write_blobs

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    write_blobs(folder, "ngrams", factory.word_lang_prob_map.items(), marshal.dumps)
    (folder / "languages").write_text(" ".join(factory.langlist), encoding="utf-8")
