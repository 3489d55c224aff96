"""Recall and precision of the Russian and Ukrainian MT packs on text their examples do not hold."""
from __future__ import annotations

import pytest

from auditor.config import Config
from auditor.documents import Document, read_document
from auditor.engine import Engine
from auditor.packs import load_rules
from auditor.testing import split_marker

from conftest import SEEDS, unmark


# Paragraphs in the style of machine-translated Russian and Ukrainian news copy. Every span an
# editor would change is marked, whether or not a rule covers it.
FROM_RUSSIAN = [
    "MOSCOW, March 14. [[The head of the Russian Foreign Ministry]] Sergei Lavrov met his Turkish "
    "counterpart [[in the framework of]] the diplomatic forum in Antalya. [[In the course of]] the talks, "
    "the ministers discussed the situation [[on the territory of]] Syria. [[The Russian side]] proposed to "
    "resume consultations [[in the nearest future]]. The Foreign Ministry [[informed]] that the next round "
    "could take place in Istanbul. [[It is planned]] that the delegations will meet in the [[first decade]] "
    "of April, [[writes Kommersant]].",

    "[[According to preliminary data]], the fire broke out in a warehouse [[on the territory of]] an "
    "industrial zone in Podolsk. Rescuers of [[the Ministry of Emergency Situations]] arrived at [[the "
    "place of the incident]] within ten minutes, and by morning the fire was [[liquidated]]. Three "
    "[[citizens]] were injured; two of them [[received injuries]] and were taken to hospital. [[A criminal "
    "case was initiated]] [[under the article on]] negligence.",

    "Inflation in Russia slowed to [[7,6]]% in June, [[reports TASS]], citing Rosstat. [[At the given "
    "moment]], the regulator does not plan to cut the key rate. The government intends to [[realize]] the "
    "national projects despite the [[market conjuncture]]; [[a complex of]] measures to support exporters "
    "will cost 120 [[bln]] rubles, and pensioners will receive [[10 thousand]] rubles each from "
    "[[01.09.2025]].",

    "[[The Ministry of Defence of the Russian Federation]] said air defences destroyed 30 drones over the "
    "Belgorod region. Units of the Sever group repelled four attacks [[by the VSU]] near Volchansk. The "
    "soldier, who returned from the [[special military operation]], told the newspaper that [[peaceful "
    "residents]] had been evacuated. [[On the eve]], [[Press Secretary of the President of Russia]] Dmitry "
    "Peskov said the Kremlin was ready for talks [[in his turn]]. [[It became known]] that the talks would "
    "be held [[with the participation of]] American mediators.",
]

FROM_UKRAINIAN = [
    "[[For the past day]], 148 combat clashes took place at the front. [[The enemy]] launched three missile "
    "strikes and 71 air strikes, dropping 110 [[KABs]]. The most intense fighting continues [[in the "
    "Pokrovsk direction]], where [[the Defence Forces of Ukraine]] stopped 52 attacks. Air defence shot "
    "down 40 [[attack drones of the Shahed type]]. [[Rashists]] also [[carried out shelling of]] Nikopol, "
    "destroying two units of [[military technique]] of a local farm.",

    "In Kharkiv, [[arrivals were recorded]] in the Kyivskyi district. A missile hit an [[industrial "
    "enterprise]] and damaged [[energy objects]]; about 12,000 [[consumers]] were left without power. "
    "Debris fell on [[the private sector]], and two [[peaceful residents]] were wounded. The [[air alarm]] "
    "lasted three hours. The mayor said the [[polyclinic]] in the district would reopen on Monday.",

    "[[The Verkhovna Rada of Ukraine]] adopted the bill [[№ ]]12089 as a whole. [[People's deputy]] "
    "Yaroslav Zhelezniak said it was backed by the Servant of the People [[fraction]]. [[The Cabinet of "
    "Ministers of Ukraine]] allocated UAH [[1,5]] [[bln]] for the repair of schools, and each family will "
    "receive UAH 6 [[thsd]]. [[Eurointegration]] remains the government's priority. [[Let us remind that]] "
    "the law takes effect on [[29.07.2025]], [[Ukrainian Truth]] reported.",

    "[[The President of Ukraine ]]Volodymyr Zelensky signed [[the Decree of the President of Ukraine]] on "
    "sanctions against [[the aggressor country]]. The document was published on the website of "
    "[[«Ukrzaliznytsia»]], whose tickets for the train to Zaporizhzhia were sold out. The village of "
    "[[Їжаківка]] in [[Poltavs'ka]] [[Oblast']] was left without gas after the strike on a gas "
    "[[object]].",
]

# A second set written after the packs were built and not tuned against: its recall is the
# honest estimate of generalisation.
HELD_OUT = [
    "ST. PETERSBURG, June 5. [[The President of the Russian Federation ]]Vladimir Putin held a meeting with "
    "the governors of several regions. [[The head of state]] noted that the situation with the harvest "
    "remains difficult. According to him, the government has already allocated 5 billion rubles [[for these "
    "purposes]].",
    "In the Kursk region, a drone attacked a car with civilians. Two people died, [[the governor]] Alexander "
    "Khinshtein reported [[in his Telegram channel]]. [[Also,]] in the village of Tetkino a power line was "
    "damaged and residents were left without electricity.",
    "The Bank of Russia kept the key rate [[at the level of]] 21% per annum. [[As noted in the press release "
    "of the regulator]], inflationary pressure remains high. The next meeting on the key rate is scheduled "
    "for 25 July.",
    "Earlier, [[the Investigative Committee of the Russian Federation]] opened a criminal case [[on the fact "
    "of]] the death of a serviceman. The investigation established that the young man was beaten by his "
    "colleagues.",
    "On the night of 12 June, the Russian [[occupiers]] attacked Odesa with attack drones. A fire broke out "
    "in a high-rise building and two people were injured, the head of the Odesa [[OVA]] Oleh Kiper said. "
    "Air defences destroyed 18 of 20 drones.",
    "The National Bank of Ukraine set the official exchange rate at [[41,52]] UAH per dollar. Last week the "
    "hryvnia strengthened by [[0,3]]%. International reserves as of 1 June amounted to [[44,5]] billion "
    "dollars.",
    "The Verkhovna Rada supported the bill on the reform of the Bureau of Economic Security. [['For' voted]] "
    "287 [[people's deputies]]. [[The Head of the Committee on Finance]] Danylo Hetmantsev said the second "
    "reading was expected in the coming weeks.",
    "In Zaporizhzhia oblast, [[the enemy]] struck the infrastructure of Orikhiv 14 times [[over the day]]. "
    "[[Damaged private houses and cars.]] There are no casualties. [[Recall that]] on Monday a 60-year-old "
    "man was killed in the shelling of Kherson.",
]

# A third set, written after the rules prompted by HELD_OUT were added, and not tuned against.
HELD_OUT_2 = [
    "[[The Meshchansky Court of Moscow]] sentenced the former deputy [[head of the Ministry of Defense]] "
    "Timur Ivanov to 13 years [[in a strict regime colony]]. The court found him guilty of embezzlement "
    "[[in especially large size]]. The defence intends to appeal, the lawyer told RIA Novosti.",
    "Sberbank's net profit under IFRS for the first half of the year increased by [[2,7]]% and amounted to "
    "[[807,8]] [[bln]] rubles, [[the bank's press service reports]]. [[The head of Sberbank]] German Gref "
    "said the bank plans to pay dividends [[in the amount of]] 50% of net profit.",
    "As a result of a massive attack [[of the enemy]] on the night of 7 October, [[objects of energy "
    "infrastructure]] in the Chernihiv region were damaged. Partial [[de-energization]] of [[consumers]] "
    "[[is observed]]. Currently, [[specialists]] of Chernihivoblenergo are working on [[eliminating the "
    "consequences]].",
    "Zelensky [[held a telephone conversation]] with [[the Prime Minister of Great Britain]] Keir Starmer. "
    "[[The parties]] discussed strengthening Ukraine's air defence and further steps [[in the framework "
    "of]] the coalition of the willing. \"I thanked Keir for the unwavering support,\" [[the head of "
    "state]] wrote [[in social networks]].",
    "In Dagestan, more than 500 [[residential houses]] were flooded. A [[regime of emergency situation]] "
    "has been introduced in the republic. According to [[the Ministry of Emergency Situations]], [[1,2]] "
    "thousand people were evacuated.",
    "In Lviv, a monument to the Heroes of the Heavenly Hundred was unveiled. The ceremony was attended by "
    "[[the city mayor]] Andrii Sadovyi, [[representatives of the public]] and relatives of the dead.",
]

# A fourth set, written once the packs were final and never tuned against.
HELD_OUT_3 = [
    "Roscosmos plans to launch the first module of the Russian Orbital Station in 2027, [[the head of the "
    "state corporation]] Dmitry Bakanov told journalists. According to him, work on the project is going "
    "[[according to the schedule]]. Financing of the project [[in the amount of]] 609 billion rubles [[is "
    "provided]] until 2032.",
    "On the night of 3 August, the Russians attacked Ukraine with 45 [[strike UAVs of the Shahed type]] and "
    "[[simulator drones]]. [[The Air Force reports]] that 32 enemy drones were [[shot down and suppressed]]. "
    "[[Hits of attack UAVs were recorded]] in six locations.",
    "The State Duma adopted in the third reading the law on [[the increase of the fines]] for violating "
    "migration rules. [[The corresponding]] bill was submitted by a group of deputies headed by [[the "
    "chairman of the State Duma]] Vyacheslav Volodin. The law will [[enter into force from]] 1 January 2026.",
    "In January-June 2025, Ukraine exported agricultural products worth [[11,3]] billion dollars, 4% less "
    "than in [[the same period of last year]]. [[The main share of export falls on]] corn and sunflower oil, "
    "[[the Ministry of Agrarian Policy informs]].",
    "In Yakutia, [[a passenger aircraft An-24]] [[of the airline Angara]] made a rough landing. There were "
    "46 people on board; [[there are no victims]]. The prosecutor's office [[has organised a check]] [[on "
    "the fact of]] the incident.",
    "In Kyiv, metro stations were used as shelters during the [[air alarm]]. According to [[the KMVA]], more "
    "than [[20 thousand]] people spent the night underground. The city authorities urged residents not to "
    "ignore the [[signals of the air alarm]].",
]

# Native English news copy using the same words in their English senses: nothing may be flagged.
NATIVE = [
    "Two men were arrested in connection with the murder, police said on the eve of the trial. Russian "
    "forces carried out strikes on the port overnight, and shells landed on the Russian side of the "
    "border. The company was liquidated after investors realized the plan would fail.",
    "The party spends a fraction of its budget on advertising. Kyiv said the actual number of casualties "
    "was higher. From Moscow's perspective, the talks were a failure. At the moment, there is no threat to "
    "the plant, and the nearest hospital is 40 km away.",
    "Putin launched what he called a special military operation in February 2022. The head of state, King "
    "Charles, signed the proclamation. The Verkhovna Rada voted 260-5 to extend martial law, and Ukraine's "
    "armed forces said they had repelled 52 attacks on the Pokrovsk front.",
    "The fund lost a fraction of its value, and its energy holdings were sold. The ruble weakened to 95 per "
    "dollar; the hryvnia held steady at 41.5. The summit was held on 24 February 2022 in Brussels, where "
    "leaders agreed a package of sanctions worth 3.5 billion euros.",
    "He sat at the head of the table. The team lifted the trophy in front of 40,000 fans. Growth in the "
    "private sector slowed. She said the event would go ahead as planned, and the fire alarm went off twice.",
    "Ukraine's Air Force said it shot down 40 of 45 drones overnight, and Russia's Defence Ministry said its "
    "forces had captured a village. Kremlin spokesman Dmitry Peskov told reporters the talks were on hold. "
    "The Verkhovna Rada, Ukraine's parliament, approved the bill, President Volodymyr Zelenskiy said in his "
    "nightly video address.",
    "The company realized a profit of $2 billion in the course of the year. According to preliminary data "
    "from Eurostat, inflation eased. The deal is worth 3.5 billion hryvnias ($85 million), and Moscow's "
    "Meshchansky District Court sentenced him to nine years.",
    "The so-called coalition of the willing met in Paris. Russian forces carried out 74 strikes, Shahed-type "
    "drones hit an energy facility, and Russian troops are advancing in the direction of Pokrovsk. Ukraine's "
    "General Staff said 150 clashes took place over the past day.",
    "The fire was extinguished by morning. Officials said the circumstances were being investigated. Earlier, "
    "the governor said five people were injured; there were no casualties among children. Russian President "
    "Vladimir Putin and U.S. President Donald Trump spoke by phone on Tuesday.",
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Config(), load_rules(select=["MTR", "MTU"]))


def _score(engine: Engine, paragraphs: list[str]) -> tuple[int, int, int, int, list[str]]:
    found = total = hits = findings = 0
    misses = []
    for para in paragraphs:
        text, spans = unmark(para)
        report = engine.audit([Document.from_text(text)]).documents[0]
        mt = [f for f in report.findings if f.category.startswith("mt")]
        findings += len(mt)
        hits += sum(1 for f in mt if any(f.start < e and s < f.end for s, e in spans))
        for s, e in spans:
            total += 1
            if any(f.start < e and s < f.end for f in mt):
                found += 1
            else:
                misses.append(text[s:e])
    return found, total, hits, findings, misses


@pytest.mark.parametrize("name,paragraphs,floor", [("ru", FROM_RUSSIAN, 0.85), ("uk", FROM_UKRAINIAN, 0.85),
                                                   ("held-out", HELD_OUT, 0.3), ("held-out-2", HELD_OUT_2, 0.2),
                                                   ("held-out-3", HELD_OUT_3, 0.2)])
def test_recall_and_precision_on_unseen_paragraphs(engine, name, paragraphs, floor):
    found, total, hits, findings, misses = _score(engine, paragraphs)
    print(f"\n{name}: recall {found}/{total} = {found / total:.0%}; precision {hits}/{findings}; missed {misses}")
    assert findings == hits, "a finding fell outside every marked span"
    assert found / total >= floor


def test_native_copy_gets_no_finding(engine):
    for para in NATIVE:
        report = engine.audit([Document.from_text(para)]).documents[0]
        assert [para[f.start:f.end] for f in report.findings] == []


def test_no_finding_on_the_seeds(engine):
    docs = [read_document(p) for p in sorted(SEEDS.glob("*.txt"))]
    assert docs
    report = engine.audit(docs)
    assert {d.path: [f.rule for f in d.findings] for d in report.documents} == {d.path: [] for d in docs}


def test_language_menu_line_is_left_to_boilerplate(engine):
    text = "All Sections\nУкр Рус Eng Support Us\nУкр Рус Eng\nSupport Us\n\nKyiv said on Tuesday it would hold talks."
    assert engine.audit([Document.from_text(text)]).documents[0].findings == []


def test_cyrillic_word_gets_a_transliteration(engine):
    text = "The company Укрзалізниця said trains to Київ and Газпром would run as planned, the minister said."
    report = engine.audit([Document.from_text(text)]).documents[0]
    got = {text[f.start:f.end]: (f.rule, f.suggestions[0]) for f in report.findings}
    assert got == {"Укрзалізниця": ("MTU024", "Ukrzaliznytsia"), "Київ": ("MTU024", "Kyiv"),
                   "Газпром": ("MTR062", "Gazprom")}


def test_source_language_of_translated_copy(engine):
    ru = unmark(" ".join(FROM_RUSSIAN))[0]
    uk = unmark(" ".join(FROM_UKRAINIAN))[0]
    report = engine.audit([Document.from_text(ru), Document.from_text(uk)])
    assert [d.source_language for d in report.documents] == ["ru", "uk"]


def test_russian_and_ukrainian_rules_do_not_flag_one_span_twice(engine):
    rules = [r for r in engine.rules.rules if r.code.startswith(("MTR", "MTU"))]
    texts = [unmark(p)[0] for p in FROM_RUSSIAN + FROM_UKRAINIAN + HELD_OUT + HELD_OUT_2 + HELD_OUT_3]
    texts += [split_marker(ex["bad"])[0] for r in rules for ex in r.examples if "bad" in ex]
    texts += ["The head of the Ministry of Defence of the Russian Federation spoke.",
              "Press Secretary of the President of Russia Dmitry Peskov said.",
              "Deputies of the Verkhovna Rada of Ukraine voted.",
              "Saboteurs tried to liquidate the consequences of the strike, soldiers said."]
    clashes = []
    for text in texts:
        found = engine.audit([Document.from_text(text)]).documents[0].findings
        clashes += [(a.rule, b.rule, text[a.start:a.end]) for a in found for b in found
                    if a.rule < b.rule and a.start < b.end and b.start < a.end]
    assert clashes == []
