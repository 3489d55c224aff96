"""Hyphens in compound modifiers: after -ly adverbs, in open compound adjectives, in Latin phrases."""
from __future__ import annotations

import pytest

import auditor
from auditor.config import Config


def findings(text, *codes):
    return [(f.rule, text[f.start:f.end], f.suggestions[0]) for f in
            auditor.audit_text(text, config=Config(select=codes)).findings]


@pytest.mark.parametrize("text,hit,fix", [
    ("It is the most widely-used tool.", "widely-used", "widely used"),
    ("Police said heavily-armed men fled.", "heavily-armed", "heavily armed"),
    ("The newly-elected mayor spoke.", "newly-elected", "newly elected"),
])
def test_hyphen_after_an_adverb_in_ly_is_flagged(text, hit, fix):
    assert findings(text, "PU064") == [("PU064", hit, fix)]


def test_adjectives_in_ly_keep_their_hyphen():
    # the tagger's lexicon reads these as adjectives or nouns, not only as adverbs
    text = "A friendly-fire incident hit an early-stage firm, a family-run hotel and a daily-use item."
    assert findings(text, "PU064") == []


def test_open_compound_adjective_needs_a_noun_after_it():
    assert findings("Ministers agreed a long term plan.", "PU062") == [("PU062", "long term", "long-term")]
    assert findings("In the long term, prices will rise.", "PU062") == []
    assert findings("The deal came at the last minute.", "PU062") == []
