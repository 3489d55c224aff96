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
