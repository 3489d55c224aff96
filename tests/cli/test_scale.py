"""Worker processes and Dask give exactly the report a local run gives."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import SEEDS, run_cli, write_backtracking_pack


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


@pytest.fixture(scope="module")
def local(corpus):
    """The report of one run without worker processes."""
    res = run_cli("check", corpus, "-f", "json")
    assert res.code == 1, res.err
    assert len(res.json()["documents"]) == 40
    return _strip(res.json())


# Worker processes are forked from the auditor process: each run below has a process of its own.
def test_jobs_give_identical_results(cli_process, corpus, local):
    parallel = cli_process("check", corpus, "-f", "json", "--jobs", "2")
    assert parallel.code == 1, parallel.err
    assert _strip(parallel.json()) == local


def test_dask_local_cluster_gives_identical_results(cli_process, corpus, local):
    dask = cli_process("check", corpus, "-f", "json", "--engine", "dask", "--jobs", "2")
    assert dask.code == 1, dask.err
    assert _strip(dask.json()) == local


def test_quiet_when_not_on_a_terminal(cli_process, corpus):
    res = cli_process("check", corpus, "--jobs", "2")
    assert res.err == ""


def test_worker_warnings_reach_the_report(cli, cli_process, tmp_path):
    """A rule skipped in a worker process for running over its time limit is still reported."""
    pack = write_backtracking_pack(tmp_path)
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(20):
        (corpus / f"{i:02d}.txt").write_text("The minister said the talks went well.\n")
    (corpus / "slow.txt").write_text("x" * 5000 + "\n")
    for extra in ([], ["--jobs", "2"], ["--engine", "dask", "--jobs", "2"]):
        res = (cli_process if extra else cli)("check", corpus, "--packs", pack, "--select", "HS", "-f", "json", *extra)
        assert res.code == 0, (extra, res.err)
        warnings = res.json()["warnings"]
        assert len(warnings) == 1 and "HS001" in warnings[0] and "slow.txt" in warnings[0], (extra, warnings)
