"""Phrase rules whose entries nest report the longest match only."""
from __future__ import annotations

from pathlib import Path

from auditor.checks.phrase import PhraseCheck
from auditor.documents import Document
from auditor.packs import Rule


def _rule(code: str, phrases: list) -> Rule:
    spec = {"phrases": phrases}
    return Rule(code=code, name=code.lower(), type="phrase", category="mt.calque", severity="minor",
                message="{match}", description="d", source=["s"], pack="p", path=Path(f"{code}.yml"), spec=spec)


def _spans(check: PhraseCheck, text: str) -> list[tuple[str, str]]:
    doc = Document.from_text(text)
    return sorted((f.rule, text[f.start:f.end]) for f in check.check(doc))


def test_nested_entries_of_one_rule_give_the_longest_match():
    check = PhraseCheck([_rule("TST001", ["forces of order", "the forces of order", "the ensemble of",
                                          "the ensemble of the"])])
    assert _spans(check, "The ensemble of the unions met the forces of order.") == [
        ("TST001", "The ensemble of the"), ("TST001", "the forces of order")]


def test_separate_and_overlapping_matches_are_all_kept():
    check = PhraseCheck([_rule("TST001", ["forces of order"]), _rule("TST002", ["the forces"])])
    assert _spans(check, "the forces of order and forces of order") == [
        ("TST001", "forces of order"), ("TST001", "forces of order"), ("TST002", "the forces")]
