"""Stories, comparable claims and the disagreeing article."""
from __future__ import annotations

from collections import Counter

import pytest

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine
from auditor.pychecks.facts import claims_of, publication_year, stories

STORY = [
    "Tuesday, 29 July 2025. Roscosmos head Dmitry Bakanov and NASA's Sean Duffy prepare for their first "
    "in-person meeting since 2018, Roscosmos and NASA said in Houston on the same day.",
    "Roscosmos chief Bakanov will meet Duffy at NASA in Houston this week. The last meeting between the "
    "heads of Roscosmos and NASA took place in October 2018, according to Russian media.",
    "Bakanov of Roscosmos meets NASA's Duffy in Houston, the first official visit by a head of Roscosmos "
    "since 2018, the agencies said on Tuesday in a joint statement.",
    "Roscosmos chief Bakanov arrived in Houston to meet NASA's Duffy, the first meeting between the heads "
    "of Roscosmos and NASA in eight years, according to the agency's own statement.",
]


def test_publication_year_comes_from_a_full_date():
    assert publication_year("Tuesday, 29 July 2025, 11:13") == (2025, "29 July 2025")
    assert publication_year("On July 31, 2024 the crew flew.")[0] == 2024
    assert publication_year("It happened in October 2018.") == (None, "")


def test_claims_give_the_year_of_the_last_occurrence():
    [c] = claims_of(0, "This is the first meeting between the two in eight years.", 2025)
    assert (c.kind, c.event, c.year, c.text) == ("duration", "meeting", 2017, "in eight years")
    [c] = claims_of(0, "The last time their chiefs conferred in person was in October 2018.", None)
    assert (c.kind, c.event, c.year) == ("last", "meeting", 2018)
    assert claims_of(0, "The first goal came in the 80th minute.", 2025) == []


def test_stories_group_articles_sharing_names():
    ents = [Counter(a=3, b=2, c=1), Counter(a=2, b=2), Counter(x=3, y=3), Counter(y=2, x=1, z=1)]
    assert sorted(map(sorted, stories(ents))) == [[0, 1], [2, 3]]


@pytest.fixture(scope="module")
def engine():
    return Engine(Config(select=("CF001",)))


def test_disagreeing_article_is_flagged_citing_the_others(engine):
    report = engine.audit([Document.from_text(t, path=f"s{i}.txt") for i, t in enumerate(STORY)])
    flagged = [(d.path, f) for d in report.documents for f in d.findings]
    assert len(flagged) == 1
    path, f = flagged[0]
    assert path == "s3.txt" and f.suggestions[0] == "in seven years" and f.severity == "critical"
    assert f.data["others"] == ["s0.txt", "s1.txt", "s2.txt"]
    assert "derived from the dates in s0.txt" in f.data["year_basis"]
    [story] = report.corpus["facts"]
    assert story["disagreements"][0]["consensus_year"] == 2018


def test_unrelated_articles_are_not_compared(engine):
    other = ("Arsenal and Chelsea played their first final in eight years at Wembley, Arsenal manager "
             "Mikel Arteta said after the match in London.")
    docs = [Document.from_text(t, path=f"s{i}.txt") for i, t in enumerate(STORY[:3] + [other])]
    report = engine.audit(docs)
    assert [f for d in report.documents for f in d.findings] == []


def test_administration_out_of_office_in_the_year_set_is_flagged():
    from auditor.pychecks.facts import in_office

    assert in_office(2018) == ["Trump"] and in_office(2010) == ["Obama"]
    engine = Engine(Config(select=("CF002",)))
    text = ("In 2018, the Biden administration lifted a ban. In 2017, the Obama administration left office. "
            "The Biden administration reversed a rule adopted in 2018.")
    [doc] = engine.audit([Document.from_text(text)]).documents
    assert [(doc.text[f.start:f.end], f.suggestions[0]) for f in doc.findings] == [
        ("Biden administration", "Trump administration")]


def test_publication_year_from_a_dateline_and_its_weekday():
    assert publication_year("July 29 (Reuters) - The agencies met, TASS reported on Tuesday. "
                            "Relations have soured since 2022.") == (2025, "July 29 and Tuesday")
    assert publication_year("March 3 (AP) - The council met on Friday, its first session since 2019.")[0] == 2023
    assert publication_year("July 29 (Reuters) - The agencies met on Tuesday.") == (None, "")  # no year at all


def test_titles_people_are_given():
    from auditor.pychecks.facts import titles_of

    got = titles_of("Roscosmos chief Dmitry Bakanov met acting NASA Administrator Sean Duffy. "
                    "Kirill Dmitriev, head of the Russian Direct Investment Fund, spoke.")
    assert got == {"Dmitry Bakanov": ["Roscosmos chief"], "Sean Duffy": ["acting NASA Administrator"],
                   "Kirill Dmitriev": ["head of the Russian Direct Investment Fund"]}
