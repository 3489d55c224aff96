"""The main-language test counts an article's words line by line, each line's counts kept by its text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import language
from auditor.incremental import TextMemo
from conftest import SEEDS

LINES = sorted({line for seed in sorted(SEEDS.glob("*.txt")) for line in seed.read_text(encoding="utf-8").splitlines()})
OTHER = ["Der Minister sagte, dass die Verhandlungen fortgesetzt werden.", "Le ministre a déclaré que la paix",
         "ΟΔΟΣ ΣΟΦΙΑΣ σοφίας", "İstanbul’da toplantı", "2024 — 3,5 %", ""]


def main_language_of_whole_text(prose: str) -> str:
    """main_language as one reading of the whole text."""
    found = language._WORD.findall(prose[:20000])
    words = "\n".join(found).lower().split("\n") if found else []
    return "en" if not words or language.english_ratio(words) >= 0.12 else language.detected(prose)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(LINES + OTHER), max_size=60), st.sampled_from(["\n", "\r\n", " "]))
def test_line_by_line_counts_decide_as_the_whole_text_does(lines, sep):
    prose = sep.join(lines)
    assert language.main_language(prose) == main_language_of_whole_text(prose)


def test_an_edit_counts_its_own_line_again_and_no_other(monkeypatch, as_edited):
    counted = []
    count = language._line_counts
    monkeypatch.setattr(language, "_line_counts", lambda line: counted.append(line) or count(line))
    monkeypatch.setattr(language, "_LINES", TextMemo(2_048))
    text = "\n".join(OTHER[:2] * 3 + LINES[:20])
    assert language.main_language(text) == language.main_language(text)
    assert len(counted) == len(set(text.split("\n")))
    counted.clear()
    language.main_language(text.replace(OTHER[0], OTHER[0] + " Und dann.", 1))
    assert counted == [OTHER[0] + " Und dann."]


def test_detection_reads_the_cached_profiles_and_answers_as_langdetect(monkeypatch):
    from langdetect import DetectorFactory, detect, detect_langs
    from langdetect import detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    from auditor.pychecks import mt

    texts = OTHER + [seed.read_text(encoding="utf-8") for seed in sorted(SEEDS.glob("*.txt"))[:12]]
    DetectorFactory.seed = 0
    want = {}
    for text in texts:
        try:
            top = detect_langs(text.lower())[0]
            want[text] = (detect(text[:5000]).split("-")[0], top.lang.split("-")[0] if top.prob >= 0.7 else None)
        except LangDetectException:
            want[text] = ("en", None)

    def loaded(*args):
        raise AssertionError("langdetect read its JSON profiles")

    monkeypatch.setattr(detector_factory, "_factory", None)
    monkeypatch.setattr(detector_factory.DetectorFactory, "load_profile", loaded)
    assert {t: (language.detected(t), mt._langdetect(t.lower())) for t in texts} == want
    assert {v[0] for v in want.values()} >= {"de", "fr", "en"}
