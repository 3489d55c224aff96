"""The untranslated-fragment shortcuts agree with the word-by-word reading they stand in for."""
from __future__ import annotations

from auditor.pychecks import mt
from conftest import SEEDS

TEXTS = [
    "The minister said the talks would resume, d’après le porte-parole du gouvernement.",
    "Er sagte: „Das ist nicht gut für die Wirtschaft“, and left the room.",
    "ΟΔΟΣ.Α and ΑΣ.Β in İstanbul, Zürich’s café and naïve coöperation",
    "Київ і Москва — «Слава Україні» said the crowd.\nAnother line with Москва only.",
    "Ⓐ circled, x² squared, ½ cup, snake_case and ‘quoted words here’ in the EU era.",
]


def _texts():
    return TEXTS + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]


def test_words_of_the_folded_text_are_the_folded_words():
    for text in _texts():
        folded = mt._folded_words(text)
        want = [m.group().lower().replace("’", "'") for m in mt.WORD.finditer(text)]
        if "İ" in text or "Σ" in text:
            assert folded is None
        else:
            assert folded == want, text[:60]


def test_admitted_words_are_the_ones_maybe_foreign_admits():
    words = list(mt.foreign_index())[::7] + ["government", "the", "eu", "met", "de", "a", "zzz"]
    admitted = mt._admitted(words)
    for w in words:
        assert (w in admitted) == (len(w) >= 2 and mt._maybe_foreign(w)), w


def test_a_word_is_admitted_by_one_lookup_in_the_kept_words(monkeypatch):
    words = list(mt.foreign_index())[::5] + ["government", "the", "eu", "met", "de", "a", "zzz", "serviço"]
    want = {w: len(w) >= 2 and mt._maybe_foreign(w) for w in words}
    assert sum(want.values()) > len(words) // 2 and not all(want.values())

    def worked_out(low):
        raise AssertionError(f"{low}: worked out again")

    monkeypatch.setattr(mt, "_maybe_foreign", worked_out)
    mt._admits.cache_clear()
    assert {w: mt._admits(w) for w in words} == want


def _old_script_runs(prose, glosses):
    run = []
    for m in list(mt.WORD.finditer(prose)) + [None]:
        script = mt.script_of(m.group()) if m else None
        if script and run and mt.script_of(run[-1].group()) == script and "\n" not in prose[run[-1].end():m.start()]:
            run.append(m)
            continue
        if run:
            start, end = run[0].start(), run[-1].end()
            label = mt.script_of(run[0].group())
            if (end - start > 1 or len(run) > 1) and not mt._inside(glosses, start, end):
                yield start, end, mt.cyrillic_language(prose[start:end]) if label == "Cyrillic" else label
        run = [m] if script else []


def test_script_runs_read_only_lines_with_other_scripts_and_find_the_same_runs():
    texts = _texts() + ["Укр Рус " * 50, "a\nб\nв г\n\nΑθήνα Москва 東京 東京\r\nend", "Ⅻ Ⅻ ⅻ", "x\u0301 ї"]
    for text in texts:
        assert list(mt._script_runs(text, [])) == list(_old_script_runs(text, [])), text[:60]


def test_listed_words_english_frequency_is_wordfreqs_without_asking_it(monkeypatch):
    from wordfreq import zipf_frequency

    listed = [w for w in mt.foreign_index() if not mt._PLAIN(w)]
    assert {"serviço", "según", "secrétaire"} <= set(listed)
    want = {w: zipf_frequency(w, "en") for w in listed[::7] + ["serviço", "según", "secrétaire"]}
    admits = {w: mt._maybe_foreign.__wrapped__(w) for w in ("serviço", "según", "secrétaire")}

    def asked(word, lang):
        raise AssertionError(f"wordfreq was asked about {word!r} ({lang})")

    monkeypatch.setattr(mt, "_wordfreq_zipf", asked)
    for w, z in want.items():   # a listed word that is not one plain token: read off the cached table
        assert mt.zipf(w) == z, w
    assert {w: mt._maybe_foreign.__wrapped__(w) for w in admits} == admits   # as the check reads them
