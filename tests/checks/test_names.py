"""Name drift clusters, the house list, case drift, and the corpus report."""
from __future__ import annotations

import pytest

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine
from auditor.packs import builtin_rules_dir
from auditor.pychecks.names import load_house, translit_key


@pytest.fixture(scope="module")
def engine():
    return Engine(Config(select=("NM002", "NM003")))


def audit(engine, *texts):
    return engine.audit([Document.from_text(t, path=f"a{i}.txt") for i, t in enumerate(texts)])


@pytest.mark.parametrize("a,b", [("Dmitri", "Dmitry"), ("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelensky"),
                                 ("Aleksei", "Alexei"), ("Sergey", "Sergei"), ("Oleksiy", "Oleksii")])
def test_transliteration_variants_share_a_key(a, b):
    assert translit_key(a) == translit_key(b)


def test_different_names_keep_their_keys():
    assert translit_key("Dmitriev") != translit_key("Dmitry")
    assert translit_key("Vladimir") != translit_key("Volodymyr")


def test_house_list_maps_names_only_to_their_own_transliterations():
    house = load_house(str(builtin_rules_dir() / "names" / "house-spellings.txt"))
    assert house.canonical("Kiev") == "Kyiv"
    assert house.canonical("Dmitri") == "Dmitry"
    assert house.canonical("Vladimir") is None


def test_majority_spelling_wins_and_every_cluster_is_reported(engine):
    report = audit(engine, "Alexandr Bortnikov spoke. Bortnikov said more.",
                   "FSB chief Alexandr Bortnikow was quoted.", "Alexandr Bortnikov declined to comment.")
    flagged = [(d.path, d.text[f.start:f.end], f.suggestions[0]) for d in report.documents for f in d.findings]
    assert flagged == [("a1.txt", "Bortnikow", "Bortnikov")]
    [cluster] = [c for c in report.corpus["names"] if c["entity"] == "Bortnikov"]
    assert cluster["variants"]["Bortnikow"] == {"a1.txt": 1}
    assert cluster["variants"]["Bortnikov"] == {"a0.txt": 2, "a2.txt": 1}


def test_house_list_overrides_the_majority(engine):
    report = audit(engine, "Officials in Kiev said Kiev was calm.", "Kiev and Kyiv both appear here.")
    flagged = {d.text[f.start:f.end] for d in report.documents for f in d.findings}
    assert flagged == {"Kiev"}
    assert all(f.suggestions[0] == "Kyiv" for d in report.documents for f in d.findings)


def test_case_drift_and_lower_cased_names(engine):
    report = audit(engine, "The CREW-11 crew reached the international space station on Friday.",
                   "NASA's Crew-11 mission docked with the International Space Station.",
                   "Crew-11 brings four people to the International Space Station.")
    got = [(d.text[f.start:f.end], f.suggestions[0]) for d in report.documents for f in d.findings]
    assert got == [("CREW-11", "Crew-11"), ("international space station", "International Space Station")]


def test_headlines_in_capitals_and_common_words_are_not_case_drift(engine):
    report = audit(engine, "RECENT NEWS\nSUPPORT US\nThe US said Crew-11 launched.",
                   "Support Us. Crew-11 launched, the US said.")
    assert [f for d in report.documents for f in d.findings] == []


def test_two_established_names_are_not_drift(engine):
    report = audit(engine, "Tony Blair spoke. Tony Blair left.", "Toni Morrison wrote it.",
                   "Tony Blair arrived.")
    assert [f for d in report.documents for f in d.findings] == []


def test_a_misspelt_name_is_flagged_once(engine):
    both = Engine(Config(select=("SP002", "NM002")))
    report = both.audit([Document.from_text(t, path=f"a{i}.txt") for i, t in enumerate(
        ["Hans Modrow spoke. Hans Modrow left.", "Hans Modro arrived in Berlin.", "Hans Modrow said so."])])
    flagged = [(d.path, d.text[f.start:f.end]) for d in report.documents for f in d.findings]
    assert flagged == [("a1.txt", "Modro")]


def test_similar_names_never_seen_together_are_not_drift(engine):
    report = audit(engine, "Naftali Bennett spoke. Naftali Bennett left.", "Naftali Bennett arrived.",
                   "Senator Michael Bennet voted.")
    assert [f for d in report.documents for f in d.findings] == []


def test_title_case_headlines_do_not_make_names(engine):
    report = audit(engine, "Russia And America Prepare For Talks On Space\nThe talks begin on Monday.",
                   "Russia And America Prepare For Talks On Space\nOfficials said more.",
                   "Officials in russia and america prepare for talks on space cooperation.")
    assert [f for d in report.documents for f in d.findings] == []


def test_mixed_variants_and_the_house_list_propose_the_same_spelling():
    engine = Engine(Config(select=("NM",)))
    text = ("Officials in Kiev said the strike hit Kiev overnight. The mayor of Kiev said power was back. "
            "Later, Kyiv confirmed the toll.")
    found = engine.audit([Document.from_text(text, path="a.txt")]).documents[0].findings
    assert [text[f.start:f.end] for f in found] == ["Kiev"] * 3
    assert {f.suggestions[0] for f in found} == {"Kyiv"}


def test_a_consistency_set_without_a_house_spelling_keeps_the_majority(tmp_path):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yml").write_text("prefix: HS\ndescription: d\nsources: [s]\nlicense: MIT\nlanguage: en\n")
    rule = (builtin_rules_dir() / "names" / "NM001-mixed-transliteration.yml").read_text()
    (pack / "HS001-mixed-transliteration.yml").write_text(
        rule.replace("code: NM001", "code: HS001").replace("prefer: first\n", ""))
    engine = Engine(Config(packs=(str(pack),), select=("HS",)))
    text = "Officials in Kiev said the strike hit Kiev overnight. Later, Kyiv confirmed the toll."
    (f,) = engine.audit([Document.from_text(text, path="a.txt")]).documents[0].findings
    assert text[f.start:f.end] == "Kyiv" and f.suggestions[0] == "Kiev"


# ---- one article, several spellings; known names; translated names --------------------------
from auditor.pychecks.names import near_known_name, round_trip, skeleton  # noqa: E402


def findings_of(codes, *texts):
    report = Engine(Config(select=codes)).audit(
        [Document.from_text(t, path=f"a{i}.txt") for i, t in enumerate(texts)])
    return [(d.path, f.rule, d.text[f.start:f.end], f.suggestions[0] if f.suggestions else None)
            for d in report.documents for f in d.findings]


def test_skeletons_fold_what_transliteration_varies():
    assert skeleton("Holoshekin") == skeleton("Gloshekin") == skeleton("Glochekin")
    assert skeleton("Osten") == skeleton("Austin") == skeleton("Ostyn")
    assert skeleton("Sholts") == skeleton("Scholz")
    assert skeleton("Justin") != skeleton("Austin")


def test_a_name_spelt_three_ways_in_one_article_is_flagged_where_it_is_the_minority():
    text = ("Biologist Semen Holoshekin spoke to the radio. Gloshekin said games help memory. "
            "Glochekin stressed that sleep matters. The tests, said Gloshekin, are cheap.")
    got = findings_of(("NM004",), text)
    assert [(t, s) for _p, _r, t, s in got] == [("Holoshekin", "Gloshekin"), ("Glochekin", "Gloshekin")]


def test_a_known_spelling_beats_an_unknown_majority():
    text = ("WHO chief Tedros Adhanom Ghebreyesus spoke. Gebreyesus said vaccines were hoarded. "
            "Gebreyesus urged rich countries to share.")
    got = findings_of(("NM004",), text)
    assert [(t, s) for _p, _r, t, s in got] == [("Gebreyesus", "Ghebreyesus")] * 2


@pytest.mark.parametrize("text", [
    "Foreign Minister Sergei Lavrov met the envoy Serhiy Kyslytsya in New York. Lavrov left early.",
    "Armenian lawmaker Ruben Rubinyan spoke. Rubinyan said the talks failed.",
    "Anna Ivanova and her husband Petr Ivanov ran the shop. Ivanova said sales fell.",
    "Svetlana Stalina, a teacher, spoke to Svetlana Petrova in Moscow.",
    "Officials in Paris met Perez and Pereira on Monday.",
])
def test_different_names_are_not_one_name_spelt_twice(text):
    assert findings_of(("NM004",), text) == []


def test_an_oblique_case_ending_beside_the_base_form_is_flagged():
    text = "Analyst Marat Abutalimov spoke. According to Abutalimovu, the risk is real. Abutalimov added more."
    assert [(t, s) for _p, _r, t, s in findings_of(("NM004",), text)] == [("Abutalimovu", "Abutalimov")]


@pytest.mark.parametrize("word,name", [("Habek", "habeck"), ("Gukstra", "hoekstra"), ("Kunsberg", "kuenssberg"),
                                       ("Suise", "suisse"), ("Sholts", "scholz"), ("Ostyn", "osteen")])
def test_a_cyrillic_round_trip_of_a_known_name_finds_the_name(word, name):
    assert round_trip(word) == round_trip(name)
    assert near_known_name(word)[0] == name


@pytest.mark.parametrize("word", ["Klymenko", "Grood", "Zubeen", "Yandhi"])
def test_romanisation_variants_and_other_names_are_not_round_trips(word):
    assert near_known_name(word) == ()


def test_slavic_names_are_not_taken_for_slips_of_western_ones():
    text = "Alesya Solovey and Radiy Khabirov met Natalia Silina in Ufa. Robert Habek visited Kyiv."
    assert [(t, s) for _p, _r, t, s in findings_of(("NM005",), text)] == [("Habek", "Habeck")]


def test_acronyms_newsrooms_case_either_way_are_flagged_only_when_one_article_mixes_them():
    across = findings_of(("NM003",), "COVID-19 cases rose. COVID-19 deaths fell.", "Covid-19 cases rose.",
                         "Covid-19 deaths fell in Covid-19 wards.")
    assert across == []
    within = findings_of(("NM003",), "COVID-19 cases rose. The COVID-19 wave peaked, and Covid-19 deaths fell.")
    assert [(t, s) for _p, _r, t, s in within] == [("Covid-19", "COVID-19")]


def test_the_house_list_leaves_spellings_english_news_disagrees_on():
    assert findings_of(("NM002",), "President Volodymyr Zelensky spoke. Zelensky left.") == []
    assert [t for _p, _r, t, _s in findings_of(("NM002",), "Drones hit Lvov and Kharkov.")] == ["Lvov", "Kharkov"]


def test_russian_forms_of_ukrainian_full_names():
    got = findings_of(("NM006",), "Ukrainian leader Vladimir Zelensky met Vladimir Putin's envoy.")
    assert [(t, s) for _p, _r, t, s in got] == [("Vladimir Zelensky", "Volodymyr Zelensky")]


def test_a_surname_translated_as_a_word_needs_the_surname_in_the_article():
    text = "Kremlin press secretary Dmitry Peskov spoke. Sand claims that Europe understood everything."
    assert [(t, s) for _p, _r, t, s in findings_of(("NM007",), text)] == [("Sand", "Peskov")]
    assert findings_of(("NM007",), "Sand claims that the dunes move every winter.") == []


@pytest.mark.parametrize("text,flagged", [
    ("The Pentagon's Defense Cooperation Agency (DSCA) approved it.", "Defense Cooperation Agency (DSCA)"),
    ("Contracts with AVAT [the African Vaccine Acquisition Fund] lag.", "AVAT [the African Vaccine Acquisition Fund]"),
    ("The Zaporizhzhia Nuclear Power Plant (ZNPP) lost power.", None),
    ("The U.S. Securities and Exchange Commission (SEC) fined the bank.", None),
    ("Troops patrol the Demilitarised Zone (DMZ).", None),
    ("Soldiers of the Armed Forces of Ukraine (ZSU) held the line.", None),
])
def test_an_acronym_must_spell_the_name_beside_it(text, flagged):
    got = [t for _p, _r, t, _s in findings_of(("NM009",), text)]
    assert got == ([flagged] if flagged else [])


def test_a_short_surname_drifts_when_the_same_first_name_stands_before_both():
    text = "In 2021, Jastin Kouli repaired a toilet in the church. Later Justin Cowley found cash in a wall."
    got = [(t, s) for _p, _r, t, s in findings_of(("NM004",), text)]
    assert ("Kouli", "Cowley") in got and ("Jastin", "Justin") in got
    assert findings_of(("NM004",), "Anna Kouli met Boris Cowley in Athens.") == []


def test_a_genitive_on_first_name_and_surname_is_flagged_but_a_feminine_surname_is_not():
    text = "According to director Zaura Abutalimova, the risk is real. Abutalimov added more."
    assert [(t, s) for _p, _r, t, s in findings_of(("NM004",), text)] == [("Abutalimova", "Abutalimov")]
    assert findings_of(("NM004",), "Director Anna Abutalimova spoke. Her husband Zaur Abutalimov added more.") == []
