"""Fuzzing the readers and the engine: random bytes and hostile Unicode never crash them."""
from __future__ import annotations

import json
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.api import engine_for
from auditor.documents import Document, decode
from auditor.errors import InputError
from conftest import write_backtracking_pack

ENGINE = engine_for()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces real damaged copy is made of: RTL text, zero-width and control characters, combining
# marks, NUL, every line ending, markup, quotes and words the rules look for.
PIECES = st.sampled_from([
    "at the head of", "that is to say", "Roscosmos", "Dmitry", "“", "”", "«", "»", " :", ",,",
    "\u200b", "\u200f", "\u202e", "\ufeff", "\x00", "\x07", "e\u0301", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "\r\n", "\r", "\n", "\n\n", "<p>", "</p>", "<script>", "&amp;", "&#x1F600;", "<!-- auditor-disable -->",
    "`code`", "[link](http://x)", "# ", "* ", "😀", "Advertisement:", "Read also:", " ", "the the",
])
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join),
)


def _check_bounds(text: str, kind: str) -> None:
    doc = Document.from_text(text, kind=kind)
    report = ENGINE.audit([doc]).documents[0]
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text), (f, len(text))
        line, col = report.line_col(f.start)
        assert line >= 1 and col >= 1
    assert 0 <= report.score <= 100


@FUZZ
@given(st.binary(max_size=600))
def test_decode_random_bytes_is_text_or_a_clear_error(data):
    try:
        text = decode(data, "fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt") and "\n" not in str(exc)
    else:
        assert isinstance(text, str)


@FUZZ
@pytest.mark.parametrize("kind", ["txt", "md", "html"])
@given(text=TEXTS)
def test_engine_survives_hostile_text(kind, text):
    _check_bounds(text, kind)


def test_huge_line_and_mixed_line_endings():
    text = ("word at the head of it " * 4000) + "\r\nnext\rline\n" + ("x" * 200000)
    _check_bounds(text, "txt")


def test_catastrophic_user_regex_is_bounded(cli, tmp_path):
    pack = write_backtracking_pack(tmp_path)
    art = tmp_path / "a.txt"
    art.write_text("x" * 5000 + "\n")
    other = tmp_path / "b.txt"
    other.write_text("xxy\n")
    res = cli("check", art, other, "--packs", pack, "--select", "HS", "--format", "json")
    assert res.code == 1  # the run completes; b.txt's finding decides the exit status
    assert "Traceback" not in res.err
    lines = [line for line in res.err.splitlines() if "HS001" in line]
    assert len(lines) == 1 and "HS001-backtracking.yml" in lines[0] and str(art) in lines[0]
    assert str(other) not in res.err
    report = json.loads(res.out)
    assert report["errors"] == [] and len(report["warnings"]) == 1
    found = {d["path"]: [f["rule"] for f in d["findings"]] for d in report["documents"]}
    assert found[str(art)] == [] and found[str(other)] == ["HS001"]
