"""The misspelling check reads an edited article's names and word counts line by line: what reading
the whole text gives, in the same order, and an edit reads its own line only."""
from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.incremental import editing
from auditor.pychecks import spelling
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402

LINES = sorted({line.strip() for seed in sorted((ROOT / "seeds").glob("*.txt"))
                for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()})
NAMES = ["Dmitri Peskov's aide", "Jean-Pierre Raffarin", "Zelenskyy’s office", "NASA and Nasa", "Ivanova Ivanova"]
ARTICLES = st.lists(st.tuples(st.sampled_from(LINES + NAMES + list(fuzz.PIECES)),
                              st.sampled_from(["\n", "\n\n", " ", "\r\n"])),
                    min_size=1, max_size=10).map(lambda parts: "".join(p + b for p, b in parts))


def read(text: str, edited: bool):
    token = editing.set(edited)
    try:
        spelling._names_counted.cache_clear()
        names = spelling._names_counted(text)
        count, distinct = spelling._distinct_words(text)
        return list(names.items()), count, set(distinct)
    finally:
        editing.reset(token)
        spelling._names_counted.cache_clear()


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=ARTICLES)
def test_reading_line_by_line_gives_what_reading_the_whole_text_gives(text):
    assert read(text, True) == read(text, False)


def test_an_edit_reads_its_own_line_again_and_no_other(monkeypatch):
    text = "\n".join(LINES[:40])
    read(text, True)
    seen = []
    made = spelling._line_words
    monkeypatch.setattr(spelling, "_line_words", lambda line: seen.append(line) or made(line))
    edited = text.replace(LINES[7], LINES[7] + " Then Dmitri Peskov spoke.", 1)
    assert read(edited, True) == read(edited, False)
    assert seen == [LINES[7] + " Then Dmitri Peskov spoke."]
