"""Furniture run into the prose: the same article on one line and with its paragraphs."""
from __future__ import annotations

import pytest

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine

HEADLINE = "Harbour cranes stand idle as dock strike spreads"
TAIL = " - DW - 03.04.2024"
P1 = ("Dock workers in three northern ports walked out on Wednesday, halting the loading of container ships, "
      "the union said. Managers called the strike unlawful.")
TEASER = "Read also: Why are freight rates rising again?"
P2 = ("The union wants a pay rise in line with inflation. According to the port authority, about forty ships "
      "were waiting offshore by the evening.")
TRAILING = "Rail freight operators brace for a busy spring"

ONE_LINE = " ".join([HEADLINE + TAIL, P1, TEASER, P2, TRAILING])
PARAGRAPHED = "\n\n".join([HEADLINE + TAIL, P1, TEASER, P2, TRAILING]) + "\n"


@pytest.fixture(scope="module")
def engine():
    return Engine(Config(select=["BP", "PU"]))


def _found(engine, text):
    doc = Document.from_text(text)
    return {(f.rule, text[f.start:f.end].strip()) for f in engine.check_document(doc)}


@pytest.mark.parametrize("text", [ONE_LINE, PARAGRAPHED], ids=["one-line", "paragraphed"])
def test_furniture_found_in_both_shapes(engine, text):
    found = _found(engine, text)
    texts = {t for _, t in found}
    assert TAIL.strip() in texts
    assert TEASER in texts
    assert TRAILING in texts
    # nothing of the prose is reported
    assert not any(P1[:40] in t or P2[:40] in t for t in texts)


def test_one_line_spans_hold_only_the_furniture(engine):
    doc = Document.from_text(ONE_LINE)
    by_rule = {f.rule: f for f in engine.check_document(doc)}
    assert ONE_LINE[by_rule["BP013"].start:by_rule["BP013"].end] == TAIL
    assert by_rule["BP013"].suggestions[0] == ""
    assert ONE_LINE[by_rule["BP014"].start:by_rule["BP014"].end] in (TEASER, TRAILING)


def test_deleting_the_findings_leaves_the_prose(engine):
    doc = Document.from_text(ONE_LINE)
    spans = sorted((f.start, f.end) for f in engine.check_document(doc) if f.rule.startswith("BP"))
    out, pos = [], 0
    for s, e in spans:
        out.append(ONE_LINE[pos:s])
        pos = e
    out.append(ONE_LINE[pos:])
    cleaned = " ".join("".join(out).split())
    assert cleaned == " ".join([HEADLINE, P1, P2])


def test_section_label_and_site_breadcrumb(engine):
    for head, tail in [("Chip makers report record orders", " - Hi-Tech"),
                       ("Regulator keeps rates on hold", ": World: Economy: INFOX.ru"),
                       ("Power restored across the region", " — RT in Russian")]:
        text = head + tail + " The announcement came on Friday after a week of talks, officials said."
        assert ("BP013", tail.strip()) in _found(engine, text)


def test_teaser_ends_before_the_next_sentence(engine):
    text = ("The committee met on Monday. See also: Old mills of the river valley return to life It is "
            "expected that the plan will be approved in May.")
    assert ("BP014", "See also: Old mills of the river valley return to life") in _found(engine, text)


def test_headline_restated_by_the_first_sentence_is_not_a_subtitle(engine):
    text = ("Boxer receives a prestigious award from the WBC The Ukrainian boxer received a prestigious award "
            "from the World Boxing Council on Friday, his promoter said.")
    assert not any(rule == "BP015" for rule, _ in _found(engine, text))


def test_plain_news_gets_no_runin_finding(engine):
    text = ("Parliament passes the budget\n\nDeputies approved the budget late on Friday. \"We have done our "
            "job,\" the speaker said. The opposition said it would appeal.\n")
    assert not {r for r, _ in _found(engine, text)} & {"BP013", "BP014", "BP015", "PU008", "PU009", "PU010"}


@pytest.mark.parametrize("sep", [" ", "\n\n"], ids=["one-line", "paragraphed"])
def test_straight_quotes_in_both_shapes(engine, sep):
    parts = ["The mayor spoke on Monday.",
             "\"We will rebuild every school,\" she said.",
             "- Nobody will be left behind, and the state will pay\", the mayor added.",
             "The retailer \"Fresco\" reopened its stores."]
    text = sep.join(parts) + "\n"
    found = _found(engine, text)
    assert ("PU010", "-") in found
    assert ("PU011", "\"Fresco\"") in found
    assert not any(rule == "PU008" for rule, _ in found)   # the dash takes the blame, not the closing mark


def test_quotation_over_lost_paragraph_breaks_is_not_unclosed(engine):
    text = ("The inspector said: \"This was a targeted attack. \"We are asking anyone who saw the car to "
            "come forward. \"Someone out there knows who did this,\" she added.")
    assert not any(rule.startswith("PU") for rule, _ in _found(engine, text))


def test_stray_and_nested_straight_quotes(engine):
    found = _found(engine, "The report was published on Monday. \"Can this \"return to normal\" last? "
                           "We doubt it\", the authors write. Sales rose by a tenth, the company said.\" It did "
                           "not give figures.")
    assert ("PU009", "\"return to normal\"") in found
    assert ("PU008", "\"") in found


def test_an_article_reads_the_built_in_cue_lists_without_looking_for_the_pack_again(monkeypatch):
    from auditor import packs
    from auditor.pychecks import runin
    from auditor.pychecks.runin_cues import _DEFAULTS, cues_for

    built_in = cues_for(None)
    assert built_in is cues_for(_DEFAULTS)

    def looked_for():
        raise AssertionError("the rules folder was looked for again")

    monkeypatch.setattr(packs, "builtin_rules_dir", looked_for)
    assert cues_for(None) is built_in
    found = runin.runins(Document.from_text(ONE_LINE))
    assert {r.kind for r in found} >= {"tail", "teaser"}
