"""The name checks read an article line by line, each line's reading kept by its text: the same findings
and summaries as reading the whole text, and an edit reads its own line only."""
from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine
from auditor.incremental import TextMemo
from auditor.pychecks import names
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402

ENGINE = Engine(Config(select=("NM",)))
LINES = sorted({line.strip() for seed in sorted((ROOT / "seeds").glob("*.txt"))
                for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()})
# spellings of one name, case drift, a Slavic case ending, a capitals line, title-case runs, initials
NAMES = ["Dmitri Peskov said.", "Dmitry Peskov", "Mr. Zelenskyy met Zelensky", "CREW-11 and Crew-11",
         "SPEAKER NOTES", "International Space Station", "the international space station",
         "Lyndon B. Johnson", "Abutalimovu", "Abutalimov spoke.", "\u201cKovalenko\u201d said", "Ivanova",
         "Sergei Sergeyev spoke", "Sergeyev", "Sergeev said", "Zaura Abutalimova"]
BREAKS = ["\n", "\n\n", " ", "\r\n", "  \n"]
ARTICLES = st.lists(st.tuples(st.sampled_from(LINES + NAMES + list(fuzz.PIECES)), st.sampled_from(BREAKS)),
                    min_size=1, max_size=8).map(lambda parts: "".join(p + b for p, b in parts))


def findings(doc: Document):
    found = ENGINE.check_document(doc)
    return sorted((f.start, f.end, f.rule, f.message, f.suggestions, repr(sorted(f.data.items()))) for f in found)


def readings(text: str):
    doc = Document.from_text(text)
    summaries = [(code, step.summary(doc)) for code, step in ENGINE.corpus_steps.items()]
    summaries = [(code, dict(spots.items()), set(more.split("\n"))) for code, (spots, more) in summaries]
    return names.name_tokens_of(doc.prose), findings(doc), summaries


def whole(text: str):
    """What the checks find reading the whole text at once (as past the bound)."""
    lines_of = names._lines_of
    names._lines_of = lambda prose: None
    try:
        names._bounded_name_tokens.cache_clear()
        return readings(text)
    finally:
        names._lines_of = lines_of
        names._bounded_name_tokens.cache_clear()


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=ARTICLES)
def test_reading_line_by_line_finds_what_reading_the_whole_text_finds(text):
    assert readings(text) == whole(text)


def test_an_edit_reads_its_own_line_again_and_no_other(monkeypatch, as_edited):
    made = []

    class Line(names._Line):
        def __init__(self, line):
            made.append(line)
            super().__init__(line)

    monkeypatch.setattr(names, "_LINES", TextMemo(2_048))
    monkeypatch.setattr(names, "_Line", Line)
    text = "\n".join(LINES[:40]) + "\n"
    findings(Document.from_text(text))
    assert sorted(made) == sorted(set(LINES[:40]) | {""})
    made.clear()
    edited = text.replace(LINES[7], LINES[7] + " Dmitri Peskov said so.", 1)
    assert findings(Document.from_text(edited)) == whole(edited)[1]
    assert made == [LINES[7] + " Dmitri Peskov said so."]


EDITS = st.lists(st.tuples(st.floats(0, 1), st.sampled_from([" really", " Dmitry", " Sergeev", "\n", " said.", "x"])),
                 min_size=1, max_size=4)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=ARTICLES, edits=EDITS)
def test_decisions_kept_from_the_last_version_flag_what_deciding_afresh_flags(text, edits):
    findings(Document.from_text(text))
    for at, insert in edits:
        i = int(at * len(text))
        text = text[:i] + insert + text[i:]
        kept = findings(Document.from_text(text))
        names._DECIDED.clear()
        assert kept == findings(Document.from_text(text))


def test_words_typed_between_the_names_reuse_the_last_decisions(monkeypatch):
    decided = []
    decide = names._drift_decisions
    monkeypatch.setattr(names, "_drift_decisions", lambda *a: decided.append(a[2]) or decide(*a))
    text = ("Biologist Semen Holoshekin spoke to the radio.\n\nGloshekin said games help memory, he spoke.\n\n"
            "Glochekin stressed that sleep matters. The tests, said Gloshekin, are cheap.\n")
    first = findings(Document.from_text(text))
    assert [f[2] for f in first].count("NM004") >= 1 and len(decided) == 1
    edited = text.replace("spoke.", "spoke at length.")
    again = findings(Document.from_text(edited))
    assert len(decided) == 1   # nothing decided again
    assert [f for f in again if f[2] == "NM004"] == [
        (s + 10 * (s > edited.index("at length")), e + 10 * (e > edited.index("at length")), *rest)
        for s, e, *rest in first if rest[0] == "NM004"]
    findings(Document.from_text(edited.replace("said Gloshekin", "said Glochekin")))
    assert len(decided) == 2   # a name changed: decided afresh


CORPUS_EDITS = st.lists(st.tuples(st.integers(0, 2), st.floats(0, 1), st.sampled_from(NAMES + [" really", "\n"])),
                        min_size=1, max_size=4)


NM002 = Engine(Config(select=("NM002",)))
FRESH = Engine(Config(select=("NM002",)))


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.lists(st.sampled_from(NAMES[:4] + ["Sergeyev said.", "Sergeev said.", "It rained."]),
                              min_size=1, max_size=6).map(" ".join), min_size=3, max_size=3), edits=CORPUS_EDITS)
def test_name_drift_decisions_kept_for_a_small_corpus_find_what_a_fresh_reduce_finds(texts, edits):
    from auditor.engine import Article

    articles = [Article(Document.from_text(t, path=f"a{i}.txt")) for i, t in enumerate(texts)]
    NM002.audit_articles(articles)
    for which, at, insert in edits:
        text = articles[which].doc.text
        i = int(at * len(text))
        articles[which] = articles[which].edited(Document.from_text(text[:i] + insert + text[i:], path=f"a{which}.txt"))
        got = NM002.audit_articles(articles)
        for step in FRESH.corpus_steps.values():
            step.__dict__.pop("_decided", None)   # decided afresh
        want = FRESH.audit([Document.from_text(a.doc.text, path=a.doc.path) for a in articles])
        assert [[(f.start, f.end, f.message, f.suggestions, f.data) for f in d.findings] for d in got.documents] == \
            [[(f.start, f.end, f.message, f.suggestions, f.data) for f in d.findings] for d in want.documents]
        assert got.corpus == want.corpus


def test_the_name_drift_reduce_decides_again_only_when_the_names_change(monkeypatch):
    from auditor.engine import Article
    from auditor.pychecks.names import NameDrift

    decided = []
    decide = NameDrift._decide
    monkeypatch.setattr(NameDrift, "_decide", lambda self, parts, docs: decided.append(1) or decide(self, parts, docs))
    engine = Engine(Config(select=("NM002",)))
    texts = ["Dmitry Peskov said so. Peskov left.\n", "Dmitri Peskov spoke. Dmitry Peskov spoke again.\n"]
    articles = [Article(Document.from_text(t, path=f"a{i}.txt")) for i, t in enumerate(texts)]
    first = engine.audit_articles(articles)
    assert any(f.rule == "NM002" for d in first.documents for f in d.findings) and len(decided) == 1
    articles[1] = articles[1].edited(Document.from_text("and so " + texts[1], path="a1.txt"))
    moved = engine.audit_articles(articles)
    assert len(decided) == 1
    assert [(f.start - 7, f.message) for f in moved.documents[1].findings] == \
        [(f.start, f.message) for f in first.documents[1].findings]
    articles[1] = articles[1].edited(Document.from_text("Dmitri Peskov. " + texts[1], path="a1.txt"))
    engine.audit_articles(articles)
    assert len(decided) == 2
