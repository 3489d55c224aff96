"""The corpus step as map and reduce: summaries survive pickling, and the steps give the golden corpus report."""
from __future__ import annotations

import json
import os
import pickle

import pytest

from auditor import api
from auditor.config import Config
from auditor.corpus import summary_of
from auditor.documents import Document
from auditor.engine import Engine, load_documents

from conftest import ROOT

CORPUS = [str(ROOT / "seeds"), str(ROOT / "tests" / "fixtures")]
CORPUS_RULES = {"NM002", "NM003", "CF001", "BP012", "SP002"}
# the corpus steps' findings and the corpus section on CORPUS; rewrite it, after checking why it
# changed, with AUDITOR_WRITE_GOLDEN=1 python -m pytest tests/test_corpus_reduce.py
GOLDEN = ROOT / "tests" / "data" / "corpus-golden.json"


def _docs(config: Config) -> list[Document]:
    docs, errors = load_documents(CORPUS, config)
    assert docs and not errors
    return docs


def _view(report, steps) -> dict:
    """What the corpus steps decided, in the golden file's form (paths under the checkout as ROOT/...)."""
    return {"steps": sorted(steps), "corpus": json.loads(json.dumps(report.corpus).replace(str(ROOT), "ROOT")),
            "documents": {os.path.relpath(d.path, ROOT): [[f.rule, f.start, f.end, list(f.suggestions), f.message]
                                                          for f in d.findings if f.rule in steps]
                          for d in report.documents}}


@pytest.fixture(scope="module")
def config() -> Config:
    return Config(languagetool="off")


@pytest.fixture(scope="module")
def engine(config) -> Engine:
    return Engine(config)


@pytest.fixture(scope="module")
def golden(engine, config) -> dict:
    if os.environ.get("AUDITOR_WRITE_GOLDEN"):
        view = _view(engine.audit(_docs(config)), engine.corpus_steps)
        GOLDEN.write_text(json.dumps(view, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_corpus_checks_under_test_find_something(golden):
    assert CORPUS_RULES <= {f[0] for found in golden["documents"].values() for f in found}
    assert {"names", "facts", "boilerplate"} <= set(golden["corpus"])


def test_the_corpus_steps_give_the_golden_report(engine, config, golden):
    assert set(engine.corpus_steps) == set(golden["steps"])
    assert engine.has_corpus_steps
    assert _view(engine.audit(_docs(config)), engine.corpus_steps) == golden


def test_summaries_survive_pickling(engine, config, golden):
    docs = _docs(config)
    per_doc, summaries = engine.map_documents(docs)
    assert all(set(s.parts) == set(engine.corpus_steps) for s in summaries)   # each step's part, by rule code
    sent = pickle.loads(pickle.dumps(summaries))
    assert all(s.text is None for s in sent)   # the main process holds the texts
    fresh = [Document(path=d.path, text=d.text, kind=d.kind) for d in docs]   # as the main process holds them
    assert _view(engine.reduce(fresh, per_doc, summaries=sent), engine.corpus_steps) == golden


def test_reduce_reports_only_the_articles_asked_for(engine, config):
    docs = _docs(config)
    per_doc, summaries = engine.map_documents(docs)
    whole = engine.reduce(docs, [list(f) for f in per_doc], summaries=summaries)
    some = engine.reduce(docs, [list(f) for f in per_doc], summaries=summaries, report=[3, 0])
    assert [d.path for d in some.documents] == [docs[3].path, docs[0].path]
    assert some.documents[1].findings == whole.documents[0].findings and some.corpus == whole.corpus


def test_a_releasing_reduce_reports_the_same_and_lets_go_of_what_it_used(engine, config):
    docs = _docs(config)
    per_doc, summaries = engine.map_documents(docs)
    kept = engine.reduce(docs, [list(f) for f in per_doc], summaries=pickle.loads(pickle.dumps(summaries)))
    given, sent = [list(f) for f in per_doc], pickle.loads(pickle.dumps(summaries))
    held = list(sent)
    released = engine.reduce(docs, given, summaries=sent, release=True)
    assert [d.findings for d in released.documents] == [d.findings for d in kept.documents]
    assert released.corpus == kept.corpus and any(d.findings for d in kept.documents)
    assert given == [None] * len(docs) and sent == [None] * len(docs)
    assert all(not s.parts for s in held)   # each step's parts dropped once the step had run


def test_workers_send_packed_findings_that_reduce_to_the_golden_report(engine, config, golden):
    """Worker processes send each article's findings as one pickled string; the main process keeps them so."""
    from auditor import runner
    from auditor.corpus import Packed

    docs = _docs(config)
    batch = [(d.path, d.text, d.kind, d.meta.get("source")) for d in docs]
    packed, summaries, _warnings = pickle.loads(pickle.dumps(runner.check_batch(config, batch, len(docs))))
    assert all(type(p) is Packed and type(p.data) is bytes for p in packed)
    mapped, _ = engine.map_documents(_docs(config))
    assert [list(p) for p in packed] == mapped   # read as often as wanted, the same findings each time
    given = list(packed)
    ctx = engine.check_corpus(docs, given, pickle.loads(pickle.dumps(summaries)))
    assert all(type(p) is Packed for p in given)   # the corpus step's findings are added, nothing unpacked
    assert any(p.added for p in given) and all(list(p)[len(m):] == p.added for p, m in zip(given, mapped))
    again = pickle.loads(pickle.dumps(given))
    assert [list(p) for p in again] == [list(p) for p in given]
    fresh = [Document(path=d.path, text=d.text, kind=d.kind) for d in docs]
    assert _view(engine.reduce(fresh, list(packed), summaries=summaries, release=True), engine.corpus_steps) == golden
    assert ctx.corpus


def test_summary_offsets_map_as_the_document_does():
    html = ('<html><body><h1>Talks &amp; more</h1><p>Dmitry <b>Bakanov</b> met Sean Duffy.</p>'
            '<ul><li>Read also</li></ul><p>Caf&eacute; &lt;x&gt;</p></body></html>')
    md = "# Head\n\nSome *emphasis* and a [link](http://example.com) here.\n\n- item one\n- item two\n"
    for text, kind in ((html, "html"), (md, "md"), ("plain text\nhere", "txt")):
        doc = Document.from_text(text, path="x." + kind, kind=kind)
        summary = summary_of(doc)
        n = len(doc.prose)
        for start in range(n + 2):
            for end in {min(start, n), min(start + 1, n), min(start + 3, n)}:
                assert summary.to_source(start, end) == doc.to_source(start, end)
        for offset in range(len(text) + 2):
            assert summary.to_prose(offset) == doc.to_prose(offset)
        assert pickle.loads(pickle.dumps(summary)).to_prose(len(text) // 2) == doc.to_prose(len(text) // 2)


def test_the_language_server_summarises_only_the_edited_article(tmp_path, monkeypatch):
    from auditor.lsp.state import OpenDocument, State

    folder = tmp_path / "desk"
    folder.mkdir()
    for name in ("b", "c"):
        (folder / f"{name}.txt").write_text("Roscosmos chief Dmitry Bakanov met NASA officials in Houston.\n",
                                            encoding="utf-8")
    path = str(folder / "a.txt")

    def state():
        s = State()
        s.folders = [str(folder)]
        s.configure({"auditor": {"select": ["NM"]}})
        return s

    def buffer(version, text):
        return OpenDocument(uri=f"file://{path}", path=path, version=version, text=text, kind="txt")

    made = []
    real = Engine.summarise
    monkeypatch.setattr(Engine, "summarise", lambda self, doc, *a: made.append(doc.path) or real(self, doc, *a))
    editor = state()
    first = editor.audit(buffer(1, "Roscosmos chief Dmitri Bakanov spoke on Tuesday.\n"))[0][1]
    assert [(f.rule, f.suggestions) for f in first.findings] == [("NM002", ("Dmitry",))]
    assert sorted(made) == sorted([path, str(folder / "b.txt"), str(folder / "c.txt")])
    made.clear()
    edited = buffer(2, "Roscosmos chief Dmitri Bakanov spoke on Wednesday.\n")
    second = editor.audit(edited)[0][1]
    assert made == [path]                       # the folder's other articles kept their summaries
    assert second.findings == state().audit(edited)[0][1].findings


def test_a_lone_article_in_the_editor_skips_the_summaries_that_compare_articles(tmp_path, monkeypatch):
    from auditor.lsp.state import OpenDocument, State
    from auditor.pychecks.boilerplate import SharedChrome

    path = str(tmp_path / "a.txt")
    text = "Roscosmos chief Dmitry Bakanov spoke on Tuesday. He spoke the the same day.\n"
    editor = State()
    editor.folders = [str(tmp_path)]
    alone = editor.audit(OpenDocument(uri=f"file://{path}", path=path, version=1, text=text, kind="txt"))[0][1]
    assert [f.rule for f in alone.findings] == ["SP001"]
    assert alone.findings == api.audit_text(text, path=path).findings

    def compare(self, doc):
        raise AssertionError("a lone article has nothing to compare with")

    monkeypatch.setattr(SharedChrome, "summary", compare)
    again = editor.audit(OpenDocument(uri=f"file://{path}", path=path, version=2, text=text + "\n", kind="txt"))
    assert again[0][1].findings == alone.findings


def test_name_drift_reduce_holds_little_for_names_used_once():
    """Ten thousand articles bring tens of thousands of names met once; the name-drift reduce reads
    them again for the clusters it reports instead of keeping where each one was used."""
    import tracemalloc

    from auditor.corpus import CorpusContext, Spots, Summary

    engine = Engine(Config(select=["NM002"], languagetool="off"))
    step = engine.corpus_steps["NM002"]
    letters = "bcdfghklmnprstvz"

    def name(k: int) -> str:
        out = ""
        while True:
            k, r = divmod(k, len(letters))
            out += letters[r] + "a"
            if not k:
                return "Zor" + out

    parts, docs = [], []
    for i in range(400):
        forms = {name(i * 10 + j): [j * 20] for j in range(10)}
        pairs = "\n".join(f"{a}\t{b}" for a, b in zip(list(forms), list(forms)[1:]))
        parts.append((Spots(forms), pairs))
        docs.append(Summary(f"a{i}.txt", "txt", "", "", None, "en", 200, {}))
    ctx = CorpusContext([[] for _ in docs])
    list(step.reduce(parts, docs, ctx))   # the memos it reads are filled before measuring
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        found = list(step.reduce(parts, docs, CorpusContext([[] for _ in docs])))
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert not found
    assert peak / 4000 < 1200, peak   # bytes a name at the reduce's peak


def test_shared_chrome_reduce_holds_little_for_lines_of_one_article():
    """Most of an article's lines are its own: the shared-chrome reduce keeps where a line is used only
    for the lines two or more articles have, and still finds the template they share."""
    import tracemalloc

    from auditor.corpus import CorpusContext, Summary
    from auditor.pychecks.boilerplate import _Lines

    engine = Engine(Config(select=["BP012"], languagetool="off"))
    step = engine.corpus_steps["BP012"]
    parts, docs = [], []
    for i in range(400):
        lines = _Lines()
        for j in range(40):   # the article's own lines, prose and not
            lines.add(j, (i << 8) + j + 1, j % 2 == 0, False, j * 100, j * 100 + 80)
        for j, key in enumerate((-1, -2) if i in (7, 300) else (), 40):   # a template two articles share
            lines.add(j, key, False, False, j * 100, j * 100 + 20)
        parts.append(lines)
        docs.append(Summary(f"a{i}.txt", "txt", "", "x" * 4300, None, "en", 200, {}))
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        ctx = CorpusContext([[] for _ in docs])
        reduce = step.reduce(parts, docs, ctx)
        first = next(reduce)   # the articles paired by their template: the reduce's bookkeeping is all made
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert first[0] == 7 and first[1].rule == "BP012" and first[1].data["also_in"] == ["a300.txt"]
    assert peak / (400 * 40) < 200, peak   # bytes an article's own line at the reduce's peak


def test_a_forked_worker_leaves_the_inherited_articles_as_they_were(engine, config):
    """A worker keeps the articles it inherits for its whole life: what the checks derive from one
    (segments, caches keyed by the article) goes with the batch instead of piling up."""
    from auditor import runner

    docs = _docs(config)
    before = [dict(d.__dict__) for d in docs]
    runner._FORKED.update(engine=engine, docs=docs)
    try:
        packed, summaries, _warnings = runner._check_range(0, len(docs))
    finally:
        runner._FORKED.clear()
    assert [d.__dict__ for d in docs] == before
    mapped, _ = engine.map_documents(_docs(config))
    assert [list(p) for p in packed] == mapped and len(summaries) == len(docs)


def test_a_report_finished_on_read_keeps_no_article_report(config):
    """The command line writes a corpus's report an article at a time: each is finished as it is read."""
    from auditor import runner

    kept, _ = runner.audit(CORPUS, config)
    read, _ = runner.audit(CORPUS, config, on_read=True)
    assert len(read.documents) == len(kept.documents) and read.corpus == kept.corpus
    assert list(read.documents) == kept.documents and read.documents[-2:] == kept.documents[-2:]
    assert read.documents[0] == read.documents[0] and read.documents[0] is not read.documents[0]
    assert read.worst() == kept.worst() and any(d.findings for d in read.documents)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html", "sarif", "github"])
def test_the_command_line_finishes_each_article_report_once_to_write_it_and_once_for_its_status(
        monkeypatch, capsys, tmp_path, fmt):
    """Finished on read, an article's report is rebuilt each time a writer or the exit status reads it."""
    from auditor import cli
    from auditor.engine import Engine

    calls: list[str] = []
    finish = Engine.finish

    def counted(self, doc, *args, **kwargs):
        calls.append(doc.path)
        return finish(self, doc, *args, **kwargs)

    monkeypatch.setattr(Engine, "finish", counted)
    for name in ("a", "b", "c"):   # clean articles: the exit status reads every report to the end
        (tmp_path / f"{name}.txt").write_text("The minister arrived in Paris on Monday for talks.\n")
    assert cli.main(["check", str(tmp_path), "--no-config", "--format", fmt]) == 0
    capsys.readouterr()
    assert calls and max(calls.count(path) for path in calls) <= 2, sorted(calls)


def test_without_a_languagetool_that_answers_the_report_is_finished_on_read(monkeypatch):
    """LanguageTool not configured and not installed (the default): nothing is asked, nothing is kept."""
    from auditor import languagetool, runner
    from auditor.engine import FinishedOnRead

    monkeypatch.setattr(languagetool, "local_install", lambda: None)
    config = Config()
    report, engine = runner.audit(CORPUS, config, on_read=True)
    assert engine.languagetool is not None and not engine.languagetool.answers()
    assert isinstance(report.documents, FinishedOnRead)
    kept, _ = runner.audit(CORPUS, config)
    assert list(report.documents) == kept.documents
