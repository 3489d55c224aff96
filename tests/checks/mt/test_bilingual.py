"""Bilingual checks: an article audited against its source, from a pair of files or an XLIFF or TMX file."""
from __future__ import annotations

import json

import pytest

from auditor import bilingual
from auditor.config import Config
from auditor.documents import Document, read_document
from auditor.engine import Engine
from auditor.packs import load_rules

SOURCE = ("Явка была низкой: на участки пришли около 55% избирателей. "
          "Результаты 2,99% бюллетеней были аннулированы. "
          "Эпидемиолог Валерий Крючков заявил, что новый вариант распространяется быстро.")
TARGET = ("Turnout was low: about 5 per cent of voters came to the polls. "
          "Results of 2.99% of the ballots were annulled. "
          "Epidemiologist Valery Krychkov said the new variant spreads fast.")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Config(select=("BI",)), load_rules(select=("BI",)))


def _audit(engine: Engine, target: str, source: str) -> list:
    doc = Document.from_text(target, path="a.txt", source=bilingual.Source(source, bilingual.detect_language(source)))
    return engine.audit([doc]).documents[0].findings


def test_numbers_and_names_against_the_source(engine):
    found = {(f.rule, TARGET[f.start:f.end], f.suggestions[0] if f.suggestions else None) for f in _audit(engine, TARGET, SOURCE)}
    assert ("BI001", "5", "55") in found
    assert ("BI004", "Krychkov", "Kryuchkov") in found
    assert not any(text == "2.99" for _, text, _ in found)


def test_finding_names_the_source_words_it_rests_on(engine):
    f = next(f for f in _audit(engine, TARGET, SOURCE) if f.rule == "BI001")
    src = f.data["source"]
    assert SOURCE[src["start"]:src["end"]] == src["text"] == "55"
    assert src["language"] == "ru"


def test_no_source_no_bilingual_findings(engine):
    assert engine.audit([Document.from_text(TARGET, path="a.txt")]).documents[0].findings == []


def test_faithful_translation_is_quiet(engine):
    good = ("Turnout was low: about 55 per cent of voters came to the polls. "
            "Results of 2.99% of the ballots were annulled. "
            "Epidemiologist Valery Kryuchkov said the new variant spreads fast.")
    assert _audit(engine, good, SOURCE) == []


def test_language_detection():
    assert bilingual.detect_language("Міністерство оборони України повідомило про це в четвер.") == "uk"
    assert bilingual.detect_language("Министерство обороны сообщило об этом в четверг, объявил штаб.") == "ru"
    assert bilingual.detect_language("x", given="uk-UA") == "uk"


def test_alignment_leaves_an_omitted_sentence_alone():
    src = ("Шторм обрушился на побережье в понедельник. По данным спасателей, без света остались более двух "
           "тысяч домов в трёх районах области. Школы будут закрыты до пятницы.")
    tgt = "The storm hit the coast on Monday. Schools will stay closed until Friday."
    a = bilingual.alignment(bilingual.Source(src, "ru"), tgt)
    assert [(b.source, b.target) for b in a.beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_cli_source_option_json_carries_source(cli, tmp_path):
    (tmp_path / "a.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "orig.txt").write_text(SOURCE, encoding="utf-8")
    r = cli("check", tmp_path / "a.txt", "--source", tmp_path / "orig.txt", "--select", "BI", "--format", "json", "--no-config")
    assert r.code == 1, r.err
    findings = r.json()["documents"][0]["findings"]
    f = next(f for f in findings if f["rule"] == "BI001")
    assert f["data"]["source"]["text"] == "55" and f["suggestions"] == ["55"]


def test_folder_convention_pairs_and_skips_sources(cli, tmp_path):
    (tmp_path / "a.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "a.source.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("A plain English article with no source at all.", encoding="utf-8")
    r = cli("check", tmp_path, "--select", "BI", "--format", "json", "--no-config")
    docs = {d["path"].rsplit("/", 1)[-1]: d for d in r.json()["documents"]}
    assert sorted(docs) == ["a.txt", "b.txt"]
    assert {f["rule"] for f in docs["a.txt"]["findings"]} >= {"BI001", "BI004"}
    assert docs["b.txt"]["findings"] == []


def test_html_report_shows_the_source_beside_the_finding(cli, tmp_path):
    (tmp_path / "a.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "a.source.txt").write_text(SOURCE, encoding="utf-8")
    r = cli("check", tmp_path / "a.txt", "--select", "BI", "--format", "html", "--no-config")
    assert '<q lang="ru">55</q>' in r.out


@pytest.mark.parametrize("problem,args,expected", [
    ("two articles", ["b.txt", "--source", "orig.txt"], "--source goes with one article"),
    ("missing source", ["--source", "nope.txt"], "source file not found"),
    ("unknown language", ["--source", "orig.txt", "--source-language", "not a code!"], "unknown language"),
])
def test_bad_source_input_is_one_line_exit_2(cli, tmp_path, problem, args, expected):
    (tmp_path / "a.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TARGET, encoding="utf-8")
    (tmp_path / "orig.txt").write_text(SOURCE, encoding="utf-8")
    r = cli("check", "a.txt", *args, "--no-config", cwd=tmp_path)
    assert r.code == 2, (problem, r.out, r.err)
    assert expected in r.err and len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err


# ---- XLIFF and TMX, written by translate-toolkit -----------------------------------------
def _xliff(units: list[tuple[str, str]]) -> bytes:
    from translate.storage import xliff

    store = xliff.xlifffile(sourcelanguage="ru", targetlanguage="en")
    for src, tgt in units:
        unit = store.addsourceunit(src)
        unit.target = tgt
    return bytes(store)


def _tmx(units: list[tuple[str, str]]) -> bytes:
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="ru", targetlanguage="en")
    for src, tgt in units:
        store.addtranslation(src, "ru", tgt, "en")
    return bytes(store)


UNITS = [("Явка составила около 55% & выше.", "Turnout was about 5 per cent & more."),
         ("Он сказал, что это было очень важное решение для страны.", "He said it was the the right decision for the country.")]


@pytest.mark.parametrize("suffix,write", [(".xlf", _xliff), (".tmx", _tmx)])
def test_bilingual_file_offsets_point_into_the_file(tmp_path, engine, suffix, write):
    path = tmp_path / f"a{suffix}"
    path.write_bytes(write(UNITS))
    doc = read_document(path)
    assert doc.meta["source"].language == "ru"
    assert "Turnout was about 5 per cent & more." in doc.prose
    f = next(f for f in engine.audit([doc]).documents[0].findings if f.rule == "BI001")
    assert doc.text[f.start:f.end] == "5" and f.suggestions[0] == "55"


@pytest.mark.parametrize("suffix,write,reader", [(".xlf", _xliff, "xliff.xlifffile"), (".tmx", _tmx, "tmx.tmxfile")])
def test_fix_round_trip_keeps_a_valid_file(cli, tmp_path, suffix, write, reader):
    import importlib

    path = tmp_path / f"a{suffix}"
    path.write_bytes(write(UNITS))
    r = cli("fix", path, "--no-config", cwd=tmp_path)
    assert r.code in (0, 1), r.err
    module, cls = reader.split(".")
    store = getattr(importlib.import_module(f"translate.storage.{module}"), cls).parsestring(path.read_bytes())
    targets = [str(u.target) for u in store.units if str(u.source)]
    sources = [str(u.source) for u in store.units if str(u.source)]
    assert sources == [s for s, _ in UNITS]              # the source is never touched
    assert targets[0] == "Turnout was about 5 per cent & more."   # escaped text survives
    assert targets[1] == "He said it was the right decision for the country."


def test_xliff2_is_read(tmp_path, engine):
    from translate.storage import xliff2

    store = xliff2.Xliff2File(sourcelanguage="ru", targetlanguage="en") if hasattr(xliff2, "Xliff2File") else None
    if store is None:
        pytest.skip("translate-toolkit has no XLIFF 2.0 writer")
    unit = store.addsourceunit(UNITS[0][0])
    unit.target = UNITS[0][1]
    path = tmp_path / "a.xlf"
    path.write_bytes(bytes(store))
    doc = read_document(path)
    f = next(f for f in engine.audit([doc]).documents[0].findings if f.rule == "BI001")
    assert doc.text[f.start:f.end] == "5"


@pytest.mark.parametrize("name,content,expected", [
    ("bad.xlf", "<xliff version='1.2'><file><body><trans-unit id='1'><source>a</source>", "not a well-formed XLIFF file"),
    ("bad.tmx", '<tmx version="1.4"><header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>а</seg></tuv></tu></body></tmx>',
     "no target-language segment"),
    ("lang.xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zz zz" '
     'target-language="en" original="x" datatype="plaintext"><body><trans-unit id="1"><source>а</source>'
     '<target>a</target></trans-unit></body></file></xliff>', "unknown language"),
])
def test_bad_bilingual_files_are_one_line_exit_2(cli, tmp_path, name, content, expected):
    (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "good.txt").write_text("A good article.", encoding="utf-8")
    r = cli("check", name, "good.txt", "--no-config", "--format", "json", cwd=tmp_path)
    assert r.code == 2, r.err
    assert expected in r.err and "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert [d["path"] for d in json.loads(r.out)["documents"]] == ["good.txt"]   # the other files are still audited


def test_api_audit_text_with_source():
    from auditor.api import audit_text

    from auditor.config import Config

    report = audit_text(TARGET, source=SOURCE, config=Config(select=("BI",)))
    assert {(f.rule, TARGET[f.start:f.end]) for f in report.findings} >= {("BI001", "5"), ("BI004", "Krychkov")}
