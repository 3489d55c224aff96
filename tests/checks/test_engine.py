"""Engine behaviour shared by every pack: cross-rule merging of duplicate findings."""
from __future__ import annotations

from auditor.engine import merge_duplicates
from auditor.model import Finding


def _f(rule, start, end, category="mt.calque", severity="minor", suggestions=("x",)):
    return Finding(rule=rule, name=rule.lower(), category=category, severity=severity,
                   start=start, end=end, message="m", suggestions=suggestions)


def test_same_span_and_family_keeps_the_most_severe_and_names_the_others():
    kept = merge_duplicates([_f("MTF010", 0, 5), _f("MT001", 0, 5, severity="major", suggestions=())])
    assert [f.rule for f in kept] == ["MT001"]
    assert kept[0].data["also"] == ["MTF010"]


def test_suggestion_breaks_a_severity_tie():
    kept = merge_duplicates([_f("AA001", 0, 5, suggestions=()), _f("ZZ001", 0, 5)])
    assert [f.rule for f in kept] == ["ZZ001"]


def test_different_family_or_span_are_both_kept():
    kept = merge_duplicates([_f("MT001", 0, 5), _f("BP001", 0, 5, category="boilerplate", suggestions=("",)), _f("MT002", 0, 6)])
    assert sorted(f.rule for f in kept) == ["BP001", "MT001", "MT002"]


def test_same_span_and_same_fix_across_families_are_merged():
    kept = merge_duplicates([_f("MTF116", 3, 9), _f("GR003", 3, 9, category="grammar.preposition")])
    assert [f.rule for f in kept] == ["GR003"] and kept[0].data["also"] == ["MTF116"]
    apart = merge_duplicates([_f("MTF116", 3, 9), _f("GR003", 3, 9, category="grammar", suggestions=("y",))])
    assert len(apart) == 2


def test_a_scraped_blocks_own_date_is_not_reported_but_the_block_is():
    from auditor.config import Config
    from auditor.documents import Document
    from auditor.engine import Engine

    engine = Engine(Config(select=("BP013", "MTR038")))
    tail = "Kyiv reopens its schools after the winter break - DW - 12.02.2023 Schools in Kyiv reopened on Monday."
    found = {(f.rule, tail[f.start:f.end].strip()) for f in engine.audit([Document.from_text(tail)]).documents[0].findings}
    assert any(rule == "BP013" and "12.02.2023" in text for rule, text in found)
    assert not any(rule == "MTR038" for rule, _ in found)
    prose = "Schools in Kyiv reopened on 12.02.2023 after the winter break, the city said."
    found = [f.rule for f in engine.audit([Document.from_text(prose)]).documents[0].findings]
    assert found == ["MTR038"]
