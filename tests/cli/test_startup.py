"""Start-up loads what the first article needs, in forms that map rather than unpack."""
import json
import subprocess
import sys
import textwrap

import pytest

from auditor import cli
from auditor.usercache import cache_dir

ARTICLE = ("Kyiv, Ukraine — The city council voted on Tuesday to rebuild the bridge over the Dnipro river. "
           "Mayor Vitali Klitschko said the works would start in spring and cost about 12 million euros.\n\n"
           "Opposition members argued the plan was rushed. They said the council had not consulted residents.\n")

PROBE = textwrap.dedent("""
    import json, sys
    from auditor.cli import main
    code = main(["check", "--no-config", "--languagetool", "off", "-f", "json", "-o", sys.argv[2], sys.argv[1]])
    heavy = ("wordfreq", "lemminflect", "numpy", "langcodes", "ftfy", "yaml", "jsonschema", "tomllib", "enchant",
             "importlib.resources", "importlib.metadata")
    print(json.dumps({"code": code, "loaded": sorted(m for m in heavy if m in sys.modules)}))
""")


def test_one_article_loads_no_unpacked_lexicon(tmp_path):
    if cache_dir() is None:
        pytest.skip("no user cache: the tables are built, from wordfreq and lemminflect, at every start")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "report.json"
    for _ in range(2):   # the first run may build the user caches (with wordfreq); the second reads them
        run = subprocess.run([sys.executable, "-c", PROBE, str(article), str(out)], capture_output=True, text=True,
                             timeout=600)
        assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, 1)
    assert result["loaded"] == []
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["words"] > 40


def test_a_command_line_imports_only_the_command_it_runs():
    assert set(cli.build_parser("check")._subparsers._group_actions[0].choices) == {"check"}
    assert set(cli.build_parser()._subparsers._group_actions[0].choices) == set(cli.COMMANDS)
    assert set(cli.build_parser("chek")._subparsers._group_actions[0].choices) == set(cli.COMMANDS)


def test_an_engine_pauses_the_collector_while_it_loads_and_resumes_it(monkeypatch):
    import gc

    from auditor import collector
    from auditor.config import Config
    from auditor.engine import Engine

    calls = []
    monkeypatch.setattr(collector.gc, "freeze", lambda: calls.append(gc.isenabled()))
    monkeypatch.setattr(collector.gc, "get_freeze_count", lambda: len(calls))
    Engine(Config(languagetool="off", select=["SP001"]))
    assert calls == [False] and gc.isenabled()     # built with the collector paused, frozen, resumed
    Engine(Config(languagetool="off", select=["SP002"]))
    assert calls == [False] and gc.isenabled()     # a later build is not frozen
    gc.disable()
    try:
        Engine(Config(languagetool="off", select=["SP001"]))
        assert not gc.isenabled()                  # a caller's choice to turn it off stands
    finally:
        gc.enable()


def test_the_command_ends_at_once_with_its_output_flushed_and_its_status(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE + "The the council met.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "auditor", "check", "--no-config", "--languagetool", "off",
                          "--select", "SP001", "-f", "json", str(article)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 1, run.stderr
    assert [f["rule"] for f in json.loads(run.stdout)["documents"][0]["findings"]] == ["SP001"]
