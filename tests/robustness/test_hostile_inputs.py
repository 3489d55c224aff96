"""Hostile articles of 100-200 KB: every check stays near-linear, so each audit ends in bounded time."""
from __future__ import annotations

import signal

import pytest

from auditor.api import engine_for
from auditor.documents import Document

LIMIT = 30  # CPU seconds per audit: a guard against quadratic blow-ups, not a benchmark
RTL = "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 "

# name: (text, the kinds it is read as); markup-shaped input is read as .txt too, where it stays text
CASES = {
    "curly-quote-run": ("“" * 100000 + "”" * 1000, "txt md"),
    "quote-pairs": ("“a ” " * 20000, "txt"),
    "straight-quotes": ('"a " ' * 20000, "txt"),
    "apostrophes": ("'" * 100000, "txt"),
    "dots": ("." * 200000, "txt md"),
    "spaces": ("a" + " " * 200000 + "b", "txt html"),
    "upper-case-run": ("ABC " * 25000, "txt"),
    "name-run": ("Roscosmos " * 10000, "txt"),
    "cyrillic-menu-words": ("Укр Рус " * 12500, "txt"),
    "tags-as-text": ("<p>" * 50000, "txt md html"),
    "nested-html": ("<div>" * 10000 + "x" + "</div>" * 10000, "txt html"),
    "stray-end-tags": ("<div>" * 10000 + "</p>" * 10000, "html"),
    "markdown-brackets": ("[a" * 50000, "md"),
    "unclosed-tags": ("<a " * 40000, "html"),
    "boilerplate-lines": ("Read also: x\n" * 8000, "txt"),
    "timestamps": ("12:15\n" * 17000, "txt"),
    "one-long-sentence": ("word " * 20000, "txt"),
    "hyphen-chain": ("-".join(["ab"] * 40000), "txt"),
    "rtl": (RTL * 12000, "txt"),
    "rtl-with-marks": (("Hello " + RTL + "\u200f") * 6000, "html"),
    "combining-marks": ("e\u0301" * 50000, "txt"),
    "zero-width-run": ("\u200b" * 100000, "txt"),
    "zero-width-words": ("word\u200b" * 20000, "txt"),
    "one-long-line": ("The minister said the plan, which was agreed on Monday, would go ahead, " * 1400, "txt"),
    "tiny-paragraphs": ("Hi.\n\n" * 20000, "txt"),
    "markdown-list": ("- item one\n" * 9000, "md"),
    "markdown-table": ("| a | b | c |\n|---|---|---|\n" + "| 1 | 2 | 3 |\n" * 7000, "md"),
    "nested-markdown-list": ("".join("  " * (i % 40) + "- x\n" for i in range(4500)), "md"),
    "brackets": ("(" * 100000, "txt"),
}
PARAMS = [pytest.param(name, kind) for name, (_, kinds) in CASES.items() for kind in kinds.split()]


class Slow(Exception):
    """Raised by the alarm when an audit runs past the limit."""


def _alarm(signum, frame):
    raise Slow("audit ran over its limit of CPU seconds")


def _bounded(call, limit=LIMIT):
    # the process's CPU time, not the clock's: what else the machine runs does not count
    old = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, limit)
    try:
        return call()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


@pytest.mark.parametrize("kind", ["md", "html"])
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_markup_is_read_in_bounded_time(name, kind):
    text = CASES[name][0]
    doc = _bounded(lambda: Document.from_text(text, kind=kind), 10)
    prose = _bounded(lambda: doc.prose, 10)
    assert len(prose) <= len(text)
    assert len(doc.prose_map) == len(prose)


@pytest.fixture(scope="module")
def engine():
    return engine_for()


@pytest.mark.parametrize("name, kind", PARAMS)
def test_hostile_article_is_audited_in_bounded_time(engine, name, kind):
    text = CASES[name][0]
    assert 90_000 <= len(text) <= 210_000
    doc = Document.from_text(text, path=f"{name}.{kind}", kind=kind)
    report = _bounded(lambda: engine.audit([doc]))
    (result,) = report.documents
    assert not report.errors and not report.warnings  # no built-in pattern ran out of time
    # findings stay in bounds: at most one per character, every span inside the text
    assert len(result.findings) <= len(text)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
