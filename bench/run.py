"""Benchmark auditor on a real-news corpus: throughput, jobs, cold start, memory, scaling, re-audit, peers.

    python bench/run.py                      # everything, prints a table, writes bench/out/results.json
    python bench/run.py --quick              # small sizes, a smoke run in a minute
    python bench/run.py --root ../other      # benchmark another checkout of auditor with this script

Wall-clock figures depend on what else the machine runs; CPU figures (user + sys of every process
involved, sampled) are steadier on a shared machine, so both are given. Medians throughout.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus as corpus_mod  # noqa: E402
import startup as startup_mod  # noqa: E402

ROOT = HERE.parent


# ---- running and measuring one command -------------------------------------------
def measure(cmd: list[str], cwd: Path, env: dict | None = None, poll: float = 0.05) -> dict:
    """Run a command; return wall seconds, CPU seconds and peak memory of its process tree."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    out_file, err_file = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # pipes would fill and block
    proc = psutil.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out_file, stderr=err_file)
    cpu: dict[int, float] = {}
    peak_tree = peak_pss = 0
    while proc.poll() is None:
        try:
            procs = [proc] + proc.children(recursive=True)
        except psutil.Error:
            procs = [proc]
        rss = pss = 0
        for p in procs:
            try:
                with p.oneshot():
                    info = p.memory_info()
                    rss += info.rss
                    pss += _pss(p, info.rss)
                    t = p.cpu_times()
                    cpu[p.pid] = t.user + t.system
            except psutil.Error:
                pass
        peak_tree = max(peak_tree, rss)
        peak_pss = max(peak_pss, pss)
        time.sleep(poll)
    proc.wait()
    wall = time.perf_counter() - began
    out_file.seek(0)
    err_file.seek(0)
    out, err = out_file.read(), err_file.read()
    out_file.close()
    err_file.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall": wall,
        # processes reaped by us are counted exactly; others (pool workers) as last sampled
        "cpu": max(waited, sum(cpu.values())),
        "peak_tree_mb": peak_tree / 2**20,
        # forked workers share their parent's pages: the sum of RSS counts those once per process,
        # the sum of PSS (proportional set size, Linux) counts each page once
        "peak_tree_pss_mb": peak_pss / 2**20,
        "rc": proc.returncode,
        "stdout": out.decode("utf-8", "replace"),
        "stderr": err.decode("utf-8", "replace"),
    }


def _pss(proc, rss: int) -> int:
    """Return a process's proportional set size, or its RSS where the system does not report PSS."""
    import psutil

    try:
        return getattr(proc.memory_full_info(), "pss", rss)
    except (psutil.Error, OSError):
        return rss


def auditor_cmd(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "auditor", *args]


def env_for(root: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def checked(result: dict, what: str) -> dict:
    if result["rc"] not in (0, 1):
        raise SystemExit(f"{what} failed (exit {result['rc']}):\n{result['stderr'][-2000:]}")
    return result


# ---- the in-process engine probes (run in a fresh interpreter) ----------------------------
ENGINE_PROBE = textwrap.dedent("""
    import json, resource, sys, time
    t0 = time.perf_counter(); c0 = time.process_time()
    from auditor.config import Config
    from auditor.engine import Engine, load_documents
    config = Config(languagetool="off")
    engine = Engine(config)
    start_wall, start_cpu = time.perf_counter() - t0, time.process_time() - c0
    docs, errors = load_documents([sys.argv[1]], config)
    for doc in docs[:3]:            # lazily loaded resources (lexicons...) are start-up, not per article
        engine.check_document(type(doc).from_text(doc.text, path=doc.path, kind=doc.kind))
    t1 = time.perf_counter(); c1 = time.process_time()
    # "cold-words": empty every per-word cache (an lru_cache bounded at 1,024 entries or more; the
    # smaller ones hold lexicons and per-article results) of auditor's modules before each article,
    # as if no word of one article recurred in another: the bench corpus reuses its source
    # paragraphs, so warm caches would flatter it
    caches = [f for name, mod in list(sys.modules.items()) if name.startswith("auditor.")
              for f in vars(mod).values() if callable(getattr(f, "cache_parameters", None))
              and (f.cache_parameters()["maxsize"] or 0) >= 1024] if sys.argv[2:] == ["cold-words"] else []
    per_doc, summaries = [], []
    for doc in docs:                 # as the command line's map does: findings, then the article's summary
        for f in caches:
            f.cache_clear()
        found, summary = engine.map_document(doc, len(docs))
        per_doc.append(found)
        summaries.append(summary)
        doc.release()
    t2 = time.perf_counter(); c2 = time.process_time()
    ctx = engine.check_corpus(docs, per_doc, summaries)    # the reduce, from the summaries
    t3 = time.perf_counter(); c3 = time.process_time()
    reports = [engine.finish(doc, found, s) for doc, found, s in zip(docs, per_doc, summaries)]
    t4 = time.perf_counter(); c4 = time.process_time()
    print(json.dumps(dict(
        docs=len(docs), findings=sum(len(r.findings) for r in reports), rules=len(engine.rules.rules),
        words=sum(r.words for r in reports),
        start_wall=start_wall, start_cpu=start_cpu,
        map_wall=t2 - t1, map_cpu=c2 - c1, corpus_wall=t3 - t2, corpus_cpu=c3 - c2,
        finish_wall=t4 - t3, finish_cpu=c4 - c3,
        word_caches_emptied=len(caches),
        maxrss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
""")

REAUDIT_PROBE = textwrap.dedent("""
    import json, statistics, sys, time
    from auditor.api import audit_text
    from auditor.config import Config
    config = Config(languagetool="off")
    text = open(sys.argv[1], encoding="utf-8").read()
    runs = int(sys.argv[2])
    audit_text(text, config=config)                    # warm: the editor's engine is already loaded
    times, cpus = [], []
    for i in range(runs):
        edited = text.replace(" the ", f" the{' ' * (1 + i % 2)}", 1) if i % 2 else text + " " * (i % 3)
        t = time.perf_counter(); c = time.process_time()
        report = audit_text(edited, config=config)
        times.append(time.perf_counter() - t); cpus.append(time.process_time() - c)
    print(json.dumps(dict(words=report.words, findings=len(report.findings),
                          median_ms=statistics.median(times) * 1000, median_cpu_ms=statistics.median(cpus) * 1000,
                          min_ms=min(times) * 1000)))
""")


def probe(root: Path, code: str, *args: str) -> dict:
    result = measure([sys.executable, "-c", code, *args], root, env_for(root))
    if result["rc"] != 0:
        raise SystemExit(f"probe failed:\n{result['stderr'][-2000:]}")
    data = json.loads(result["stdout"].strip().splitlines()[-1])
    data["peak_tree_mb"] = result["peak_tree_mb"]
    return data


# ---- corpora -----------------------------------------------------------------------------
def corpora(out: Path, sizes: list[int], words: int) -> dict[int, Path]:
    """Build the largest corpus once; smaller ones are its first N articles, hard-linked."""
    biggest = max(sizes)
    base = out / f"corpus-{biggest}"
    stamp = base / ".built"
    wanted = f"{biggest} {words} {corpus_mod.describe()}"
    if not stamp.is_file() or stamp.read_text() != wanted:
        corpus_mod.build(base, biggest, words)
        stamp.write_text(wanted)
    paths = {biggest: base}
    files = sorted(base.glob("*.txt"))
    for n in sizes:
        if n == biggest:
            continue
        folder = out / f"corpus-{n}"
        if not folder.is_dir() or len(list(folder.glob("*.txt"))) != n:
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.txt"):
                old.unlink()
            for f in files[:n]:
                os.link(f, folder / f.name)
        paths[n] = folder
    return paths


def long_article(out: Path, words: int = 2000) -> Path:
    """The editor case: one article of about 2,000 words (article 0 of a 2,000-word build)."""
    path = out / "long-article.txt"
    path.write_text(corpus_mod.article(0, corpus_mod.sources(), words), encoding="utf-8")
    return path


# ---- the benchmark -----------------------------------------------------------------------
def machine() -> dict:
    load = os.getloadavg()
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    return {"cpus": os.cpu_count(), "cpu": cpu, "load_1min": round(load[0], 2),
            "python": platform.python_version(), "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def commit(root: Path) -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run(args: argparse.Namespace) -> dict:
    root = args.root.resolve()
    env = env_for(root)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(args.sizes) | {args.cli_size, args.peer_size, args.big})
    paths = corpora(out, sizes, args.words)
    results: dict = {"machine": machine(), "commit": commit(root), "root": str(root),
                     "corpus": corpus_mod.describe(), "words_per_article": args.words}
    say = (lambda *a: print(*a, file=sys.stderr, flush=True))
    base = ["check", "--no-config", "--languagetool", "off", "-f", "json", "-o", os.devnull]

    say("cold start ...")
    one = sorted(paths[min(sizes)].glob("*.txt"))[0]
    pyonly = [measure([sys.executable, "-c", "pass"], root, env)["wall"] for _ in range(args.runs)]
    cold = [checked(measure(auditor_cmd(root, *base, str(one)), root, env), "cold start") for _ in range(args.runs)]
    results["cold_start"] = {"median_s": statistics.median(r["wall"] for r in cold),
                             "median_cpu_s": statistics.median(r["cpu"] for r in cold),
                             "python_alone_s": statistics.median(pyonly),
                             "peak_mb": max(r["peak_tree_mb"] for r in cold)}

    say("start-up and one 250-word article (kernel accounting, compiled bytecode) ...")
    short = out / "article-250.txt"
    short.write_text(corpus_mod.article(0, corpus_mod.sources(), 250), encoding="utf-8")
    results["startup"] = startup_mod.measure([root], short, args.runs)[str(root)]

    say("engine throughput as the corpus grows ...")
    results["engine"] = {}
    for n in args.sizes:
        say(f"  {n} articles")
        results["engine"][n] = probe(root, ENGINE_PROBE, str(paths[n]))

    cold_n = max([n for n in args.sizes if n <= 1000] or [min(args.sizes)])
    say(f"engine, {cold_n} articles, per-word caches emptied before each article ...")
    results["engine_cold_words"] = {cold_n: probe(root, ENGINE_PROBE, str(paths[cold_n]), "cold-words")}

    say("command line, one process and --jobs ...")
    results["cli"] = {}
    runs = [("--jobs 1", args.cli_size, []), (f"--jobs {args.jobs}", args.cli_size, ["--jobs", str(args.jobs)])]
    if args.big != args.cli_size:
        runs.append((f"--jobs {args.jobs}", args.big, ["--jobs", str(args.jobs)]))
    for label, size, extra in runs:
        say(f"  {label} ({size} articles)")
        r = checked(measure(auditor_cmd(root, *base, *extra, str(paths[size])), root, env), label)
        results["cli"][f"{label}, {size}"] = {"label": label, "articles": size, "wall": r["wall"], "cpu": r["cpu"],
                                              "peak_tree_mb": r["peak_tree_mb"],
                                              "peak_tree_pss_mb": r["peak_tree_pss_mb"]}
    if args.dask:
        say("  dask LocalCluster")
        label = f"--engine dask --jobs {args.jobs}"
        r = checked(measure(auditor_cmd(root, *base, "--engine", "dask", "--jobs", str(args.jobs),
                                        str(paths[args.cli_size])), root, env), label)
        results["cli"][label] = {"label": label, "articles": args.cli_size, "wall": r["wall"], "cpu": r["cpu"],
                                 "peak_tree_mb": r["peak_tree_mb"]}

    say("re-audit of a 2,000-word article ...")
    results["reaudit"] = probe(root, REAUDIT_PROBE, str(long_article(out)), str(args.reaudit_runs))

    say("codespell and proselint ...")
    peers = {}
    folder = paths[args.peer_size]
    bindir = Path(sys.executable).parent
    for name, cmd in (("codespell", [str(bindir / "codespell"), str(folder)]),
                      ("proselint", [str(bindir / "proselint"), "check", str(folder)]),
                      ("auditor", auditor_cmd(root, *base, str(folder)))):
        if not Path(cmd[0]).exists():
            say(f"  {name} is not installed; skipped")
            continue
        r = measure(cmd, root, env)
        peers[name] = {"articles": args.peer_size, "wall": r["wall"], "cpu": r["cpu"], "rc": r["rc"]}
    results["peers"] = peers
    results["machine"]["load_1min_end"] = round(os.getloadavg()[0], 2)
    return results


# ---- the table ---------------------------------------------------------------------------
def table(res: dict) -> str:
    m = res["machine"]
    rows = [f"auditor {res['commit']} - {m['date']} - {m['cpus']} CPUs ({m['cpu']}), load "
            f"{m['load_1min']} -> {m.get('load_1min_end', '?')}, Python {m['python']}",
            f"corpus: {res['corpus']}; articles of >= {res['words_per_article']} words", "",
            "| measure | wall | CPU | peak memory |", "|---|---|---|---|"]
    c = res["cold_start"]
    rows.append(f"| cold start, `auditor check` on one article (median) | {c['median_s']:.2f} s "
                f"(Python alone {c['python_alone_s']:.2f} s) | {c['median_cpu_s']:.2f} s | {c['peak_mb']:.0f} MB |")
    if "startup" in res:
        s = res["startup"]
        rows.append(f"| start-up and one 250-word article, `auditor check` (median; `bench/startup.py`) | "
                    f"{s['wall']:.2f} s | {s['cpu']:.2f} s | {s['rss_mb']:.0f} MB |")
    engines = [(n, e, "") for n, e in res["engine"].items()]
    engines += [(n, e, f", {e['word_caches_emptied']} per-word caches emptied before each article")
                for n, e in res.get("engine_cold_words", {}).items()]
    for n, e, how in engines:
        per = lambda k: 1000 * e[k] / max(1, e["docs"])
        rows.append(f"| engine, {n} articles{how}: map (findings and summary) / reduce / finish per article | "
                    f"{per('map_wall'):.1f} / {per('corpus_wall'):.1f} / {per('finish_wall'):.1f} ms | "
                    f"{per('map_cpu'):.1f} / {per('corpus_cpu'):.1f} / {per('finish_cpu'):.1f} ms "
                    f"= {e['docs'] / max(1e-9, e['map_cpu'] + e['corpus_cpu'] + e['finish_cpu']):.0f} articles/s per core"
                    f" | {e['maxrss_mb']:.0f} MB |")
    first = next(iter(res["engine"].values()), None)
    if first:
        rows.append(f"| engine start-up ({first['rules']} rules) | {first['start_wall']:.2f} s | {first['start_cpu']:.2f} s | |")
    for r in res["cli"].values():
        rows.append(f"| `auditor check {r['label']}`, {r['articles']} articles | {r['wall']:.1f} s = "
                    f"{r['articles'] / r['wall']:.0f} articles/s | {r['cpu']:.1f} s = "
                    f"{r['articles'] / max(1e-9, r['cpu']):.0f} articles/s per core | "
                    f"{r.get('peak_tree_pss_mb', r['peak_tree_mb']):.0f} MB (PSS; RSS sum {r['peak_tree_mb']:.0f} MB) |")
    ra = res["reaudit"]
    rows.append(f"| re-audit of one {ra['words']}-word article, warm engine (median) | {ra['median_ms']:.1f} ms | "
                f"{ra['median_cpu_ms']:.1f} ms | |")
    peers = res.get("peers", {})
    if "auditor" in peers:
        a = peers["auditor"]
        for name in ("codespell", "proselint"):
            if name in peers:
                p = peers[name]
                rows.append(f"| {name} on the same {p['articles']} articles | {p['wall']:.1f} s "
                            f"(auditor {a['wall']:.1f} s: {a['wall'] / p['wall']:.1f}x) | {p['cpu']:.1f} s "
                            f"(auditor {a['cpu']:.1f} s: {a['cpu'] / max(1e-9, p['cpu']):.1f}x) | |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the auditor checkout to benchmark")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="corpora and results (default bench/out)")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[100, 1000, 2000, 10000],
                        help="corpus sizes for the engine scaling runs")
    parser.add_argument("--cli-size", type=int, default=1000, help="articles for the command-line runs")
    parser.add_argument("--big", type=int, default=10000, help="articles for the large --jobs run")
    parser.add_argument("--peer-size", type=int, default=1000, help="articles for codespell/proselint")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="worker processes for --jobs runs")
    parser.add_argument("--runs", type=int, default=5, help="cold-start runs (median)")
    parser.add_argument("--reaudit-runs", type=int, default=30, help="re-audit runs (median)")
    parser.add_argument("--words", type=int, default=600, help="words per article")
    parser.add_argument("--dask", action="store_true", help="also time --engine dask on a LocalCluster")
    parser.add_argument("--quick", action="store_true", help="small sizes, where none are given: a smoke run")
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--quick" in argv:
        parser.set_defaults(sizes=[20, 60], cli_size=60, big=60, peer_size=20, runs=2, reaudit_runs=5)
    args = parser.parse_args(argv)
    res = run(args)
    (args.out / "results.json").write_text(json.dumps(res, indent=1, default=str))
    print(table(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
