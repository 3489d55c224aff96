"""Worker processes and Dask give exactly the report a local run gives."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import SEEDS, write_backtracking_pack


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Forty articles: the seeds, several times over, under different names."""
    root = tmp_path_factory.mktemp("corpus")
    for i in range(8):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, root / f"{i:02d}_{seed.name}")
    return root


def _strip(report: dict) -> dict:
    return {"documents": report["documents"], "corpus": report["corpus"]}


def test_jobs_give_identical_results(cli, corpus):
    local = cli("check", corpus, "-f", "json")
    parallel = cli("check", corpus, "-f", "json", "--jobs", "2")
    assert local.code == parallel.code == 1, parallel.err
    assert len(local.json()["documents"]) == 40
    assert _strip(parallel.json()) == _strip(local.json())


def test_dask_local_cluster_gives_identical_results(cli, corpus):
    local = cli("check", corpus, "-f", "json")
    dask = cli("check", corpus, "-f", "json", "--engine", "dask", "--jobs", "2")
    assert dask.code == 1, dask.err
    assert _strip(dask.json()) == _strip(local.json())


def test_quiet_when_not_on_a_terminal(cli, corpus):
    res = cli("check", corpus, "--jobs", "2")
    assert res.err == ""


def test_worker_warnings_reach_the_report(cli, tmp_path):
    """A rule skipped in a worker process for running over its time limit is still reported."""
    pack = write_backtracking_pack(tmp_path)
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(20):
        (corpus / f"{i:02d}.txt").write_text("The minister said the talks went well.\n")
    (corpus / "slow.txt").write_text("x" * 5000 + "\n")
    for extra in ([], ["--jobs", "2"], ["--engine", "dask", "--jobs", "2"]):
        res = cli("check", corpus, "--packs", pack, "--select", "HS", "-f", "json", *extra)
        assert res.code == 0, (extra, res.err)
        warnings = res.json()["warnings"]
        assert len(warnings) == 1 and "HS001" in warnings[0] and "slow.txt" in warnings[0], (extra, warnings)
