"""Hunspell's verdicts kept in the user cache answer as Hunspell does, and stand aside where they cannot."""
from __future__ import annotations

import random

import pytest

from auditor import hunspell
from auditor.pychecks import spelling

AFF = """SET UTF-8
PFX U Y 1
PFX U 0 un .
SFX S Y 3
SFX S y ies [^aeiou]y
SFX S 0 s [aeiou]y
SFX S 0 s [^y]
SFX D N 1
SFX D 0 ed [^e]
"""
DIC = """4
play/SUD
city/S
walk/D
Paris
"""


def test_word_forms_follow_the_affix_rules_and_their_conditions(tmp_path):
    (tmp_path / "xx_XX.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "xx_XX.dic").write_text(DIC, encoding="utf-8")
    forms = hunspell.word_forms(tmp_path / "xx_XX.dic", tmp_path / "xx_XX.aff")
    assert forms == {"play", "plays", "played", "unplay", "unplays", "city", "cities", "walk", "walked",
                     "paris"}   # not "unplayed" (D takes no prefix) nor "citys" (S's condition forbids it)


class _Toy:
    """A dictionary that accepts a fixed set of words as written (Enchant's Dict.check)."""

    def __init__(self, tag, words):
        self.tag, self.words = tag, set(words)

    def check(self, word):
        return word in self.words


def _toy(tmp_path, monkeypatch, accepted):
    (tmp_path / "xx_XX.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "xx_XX.dic").write_text(DIC, encoding="utf-8")
    monkeypatch.setenv("ENCHANT_CONFIG_DIR", str(tmp_path))
    folder = tmp_path / "table"
    folder.mkdir()
    hunspell.build(folder, lambda: (_Toy("xx_XX", accepted),), ("xx_XX",), iter(["cats", "pact", "plays"]))
    return hunspell.Verdicts(folder)


def test_the_tables_answer_as_the_dictionary_for_lower_case_and_capitalised_words(tmp_path, monkeypatch):
    kept = _toy(tmp_path, monkeypatch, {"play", "Play", "plays", "Plays", "cities", "Cities", "Paris"})
    assert kept.usable and kept.tags == ("xx_XX",)
    assert [kept.get(w) for w in ("play", "Play", "plays", "cities", "Paris", "paris", "walked")] == \
        [True, True, True, True, True, False, False]
    assert kept.get("Tulip") is False and kept.get("tulip") is False   # no stem makes it
    assert kept.get("Zanzibar") is None   # a letter no word of the dictionary holds
    assert kept.get("PLAYS") is None and kept.get("McPlay") is None      # other cases: the dictionary's to say
    assert kept.get("play2") is None and kept.get("un-play") is None     # digits and hyphens likewise


def test_a_word_the_forms_leave_out_but_the_dictionary_accepts_turns_the_tables_off(tmp_path, monkeypatch):
    kept = _toy(tmp_path, monkeypatch, {"play", "Pact"})   # "Pact": a word of no .dic the tables read
    assert not kept.usable
    assert kept.get("play") is None and kept.get("tulip") is None


@pytest.fixture(scope="module")
def installed():
    kept = spelling._verdicts()
    if kept is None or not kept.usable or not spelling._hunspell():
        pytest.skip("no user cache or no Hunspell dictionary installed")
    return kept, spelling._hunspell()


def test_the_kept_verdicts_match_hunspell_on_lexicon_words_and_their_slips(installed):
    kept, dicts = installed
    rng = random.Random(3)
    trie = spelling.zipf_table().trie
    sample = [w for w in map(trie.restore_key, rng.sample(range(len(trie)), 1800)) if w.isalpha()]
    slips = [w[:i] + w[i + 1:] + (w[i] if rng.random() < 0.5 else "") for w in sample[:700]
             for i in [rng.randrange(len(w))]]
    answered = 0
    for w in sample + slips + ["Huangyan", "o'clock", "don't", "'tis", "colour", "Colour", "gonna"]:
        for form in {w, w.lower(), w[:1].upper() + w[1:]} - {""}:
            verdict = kept.get(form)
            if verdict is not None:
                answered += 1
                assert verdict == any(d.check(form) for d in dicts), form
    assert answered > 3000


def test_a_capitalised_unknown_name_is_answered_without_loading_hunspell(installed):
    kept, _dicts = installed
    assert kept.get("Huangyan") is False and kept.get("Colour") is True
    assert kept.get("McDonald") is None
