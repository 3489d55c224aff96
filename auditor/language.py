"""The main language of an article: a cheap English test first, langdetect when in doubt."""
from __future__ import annotations

import re

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
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - a declared dependency
        return "en"
    DetectorFactory.seed = 0
    try:
        return detect(prose[:5000]).split("-")[0]
    except LangDetectException:
        return "en"
