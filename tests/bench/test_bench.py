"""The benchmark scripts run: a deterministic corpus and a quick run printing its table (no timings asserted)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402


def test_corpus_is_deterministic_and_long_enough(tmp_path):
    first = corpus.build(tmp_path / "a", 12, words=600)
    second = corpus.build(tmp_path / "b", 12, words=600)
    names = sorted(p.name for p in first.glob("*.txt"))
    assert len(names) == 12
    for name in names:
        text = (first / name).read_text(encoding="utf-8")
        assert text == (second / name).read_text(encoding="utf-8")
        assert len(text.split()) >= 600
    # article i does not depend on how many are built
    assert (corpus.build(tmp_path / "c", 3) / names[2]).read_bytes() == (first / names[2]).read_bytes()


def test_corpus_uses_the_seeds_and_the_mqm_news_when_present():
    pool = corpus.sources()
    assert sum(name.startswith("seeds/") for name, _ in pool) == len(list((ROOT / "seeds").glob("*.txt")))
    if (corpus.EVAL_DIR / corpus.MQM).is_file():
        assert any(name.startswith(corpus.MQM) for name, _ in pool)
        assert "MQM" in corpus.describe()


def test_quick_benchmark_prints_its_table(tmp_path, monkeypatch):
    # every step of the quick run, on the fewest articles and runs that still give each row of the table
    import startup

    from auditor.usercache import cache_dir

    cache, link = cache_dir(), None
    if cache is not None:
        # start-up is measured with a cache folder of each checkout's own (bench/startup.py); this
        # checkout's is the suite's, whose tables are built: building them all again proves nothing here
        monkeypatch.setenv("AUDITOR_CACHE_DIR", str(cache))
        cache.mkdir(parents=True, exist_ok=True)
        own = Path(startup.env_for(ROOT)["AUDITOR_CACHE_DIR"])
        if not own.exists() and not own.is_symlink():
            own.symlink_to(".", target_is_directory=True)
            link = own
    out = tmp_path / "out"
    try:
        res = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out),
                              "--sizes", "4,8", "--cli-size", "8", "--big", "8", "--peer-size", "4", "--runs", "1",
                              "--reaudit-runs", "2"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    finally:
        if link is not None:
            link.unlink()
    assert res.returncode == 0, res.stderr[-2000:]
    for row in ("cold start", "engine, 4 articles", "per-word caches emptied", "--jobs 1", "re-audit", "| measure |"):
        assert row in res.stdout
    results = json.loads((out / "results.json").read_text())
    assert results["engine"]["8"]["docs"] == 8 and results["cli"]["--jobs 1, 8"]["articles"] == 8
    assert results["reaudit"]["words"] > 1500
    (cold,) = results["engine_cold_words"].values()
    assert cold["word_caches_emptied"] > 0 and cold["findings"] == results["engine"][str(cold["docs"])]["findings"]
    assert results["cli"]


def test_the_peer_corpus_takes_references_and_outputs_round_robin(tmp_path):
    import peers

    pool = tmp_path / "pool.jsonl"
    docs = [{"reference_text": "Ref one.", "mt": {"b": {"mt_text": "B one."}, "a": {"mt_text": "A one."}}},
            {"reference_text": "Ref two.", "mt": {"a": {"mt_text": "A two."}}}]
    pool.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    assert peers.texts(pool, 4) == ["Ref one.", "Ref two.", "A one.", "A two."]
    assert peers.texts(pool, 99) == ["Ref one.", "Ref two.", "A one.", "A two.", "B one."]
    assert peers.write_corpus(tmp_path, pool, 3) == (3, 6)
    assert (tmp_path / "0001.txt").read_text(encoding="utf-8") == "Ref two.\n"
    assert peers.main(["--pool", str(tmp_path / "missing.jsonl")]) == 2


def test_hostile_bench_times_an_article_at_full_size():
    # the script reads its articles from the robustness tests: it must still find them
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "hostile.py"), "byline-regex-word"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    line = run.stdout.strip()
    assert line.startswith("byline-regex-word") and " KB " in line and " s CPU " in line
