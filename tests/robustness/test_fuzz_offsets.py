"""A small, fixed fuzz budget over every input kind: the checks of bench/fuzz.py hold in CI too.

No exception; every prose character comes from the source character its offset names (with CR, LF
and CRLF mixed); a fix edits only a finding's span; fixing the fixed text changes nothing.
"""
from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.api import engine_for
from auditor.documents import Document
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402

ENGINE = engine_for()
BUDGET = settings(max_examples=40, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ENDINGS = st.sampled_from(["\r", "\n", "\r\n"])
TEXTS = st.lists(st.one_of(st.sampled_from(fuzz.PIECES), ENDINGS, st.text(max_size=10)), max_size=40).map("".join)


@BUDGET
@pytest.mark.parametrize("kind", fuzz.KINDS)
@given(text=TEXTS)
def test_fuzzed_input_audits_maps_and_fixes_cleanly(kind, text):
    assert fuzz.check_one(ENGINE, text, kind) == []


@pytest.mark.parametrize("text", [
    "Intro\rHe said: yes.\nx < y and z\u200b here.\n",
    "A\r\rB &amp; c\r\n<p>x\u200b</p>\rend < here",
    "a <![ b\r<p>said said</p>",
])
@pytest.mark.parametrize("kind", fuzz.KINDS)
def test_bare_carriage_returns_keep_offsets(kind, text):
    assert fuzz.check_one(ENGINE, text, kind) == []
    doc = Document.from_text(text, kind=kind)
    report = ENGINE.audit([doc]).documents[0]
    for f in report.findings:
        if f.rule == "FM003":   # the zero-width space itself, wherever the line breaks were
            assert text[f.start:f.end] == "\u200b"


def test_the_fuzzer_sees_a_shifted_offset():
    doc = Document.from_text("Intro\rHe said: yes.", kind="html")
    doc.prose_map = [0, *doc.prose_map[:-1]]   # every character one place late
    assert fuzz.offset_problems(doc)
