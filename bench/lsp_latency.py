"""Measure how soon `auditor lsp` publishes diagnostics after an edit to a 2,000-word article.

Run from the repository root:  python bench/lsp_latency.py [--changes 40] [--words 2000]
    python bench/lsp_latency.py --root ../other --rounds 3   # another checkout too, sessions interleaved

A real LSP client (pygls's) starts the server over stdio, opens the article, then sends one
incremental edit at a time and waits for the diagnostics of that document version. The time
from sending didChange to receiving publishDiagnostics includes the server's debounce.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import env_for  # noqa: E402 - each checkout its own code and user cache
EDITS = [" really", " indeed", " also", " then"]


def article(words: int) -> str:
    """Build an article of about `words` words from the seed paragraphs, repeated as needed."""
    paragraphs = [p.strip() for seed in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out, count, i = [], 0, 0
    while count < words:
        para = paragraphs[i % len(paragraphs)]
        out.append(para)
        count += len(para.split())
        i += 1
    return "\n\n".join(out) + "\n"


async def run(changes: int, words: int, debounce: int | None, seed: int, root: Path = ROOT) -> dict:
    text = article(words)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "story.txt"
        path.write_text(text, encoding="utf-8")
        uri = from_fs_path(str(path))
        seen: dict[int, tuple[float, int]] = {}
        arrived = asyncio.Event()
        client = BaseLanguageClient("auditor-bench", "1")

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            if params.uri == uri and params.version is not None:
                seen[params.version] = (time.perf_counter(), len(params.diagnostics))
                arrived.set()

        async def wait_for(version: int, timeout: float = 60.0) -> tuple[float, int]:
            deadline = time.perf_counter() + timeout
            while version not in seen:
                arrived.clear()
                await asyncio.wait_for(arrived.wait(), max(0.0, deadline - time.perf_counter()))
            return seen[version]

        await client.start_io(sys.executable, "-m", "auditor", "lsp", cwd=str(root), env=env_for(root))
        options = {"auditor": {"debounce": debounce}} if debounce is not None else None
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=from_fs_path(folder),
            workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(folder), name="bench")],
            initialization_options=options))
        client.initialized(types.InitializedParams())
        started = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="plaintext", version=1, text=text)))
        first, count = await wait_for(1, timeout=600.0)   # a first start may build the user caches
        lines = text.split("\n")
        latencies = []
        server = psutil.Process(client._server.pid)   # the server's CPU time: steadier than wall on a busy machine
        cpu_before = sum(server.cpu_times()[:2])
        for version in range(2, changes + 2):
            line = rng.choice([i for i, l in enumerate(lines) if l])
            col = len(lines[line])
            edit = rng.choice(EDITS)
            lines[line] += edit
            at = types.Position(line=line, character=col)
            sent = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(
                    range=types.Range(start=at, end=at), text=edit)]))
            got, _ = await wait_for(version)
            latencies.append((got - sent) * 1000)
        cpu_ms = (sum(server.cpu_times()[:2]) - cpu_before) * 1000 / max(1, changes)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    return {"words": len(text.split()), "findings": count, "open_ms": (first - started) * 1000,
            "latencies": latencies, "server_cpu_ms": cpu_ms}


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40, help="edits to time (default 40)")
    parser.add_argument("--words", type=int, default=2000, help="article length in words (default 2000)")
    parser.add_argument("--debounce", type=int, help="server debounce in ms (default: the server's own)")
    parser.add_argument("--seed", type=int, default=7, help="random seed for where edits go")
    parser.add_argument("--root", type=Path, action="append", default=[],
                        help="another checkout to measure too (repeatable); sessions alternate")
    parser.add_argument("--rounds", type=int, default=1, help="sessions per checkout (default 1)")
    args = parser.parse_args()
    roots = [ROOT] + [r.resolve() for r in args.root]
    results: dict[Path, list[dict]] = {r: [] for r in roots}
    for n in range(args.rounds):
        for root in roots:
            if len(roots) > 1:
                print(f"round {n + 1}/{args.rounds}: {root}", file=sys.stderr, flush=True)
            results[root].append(asyncio.run(run(args.changes, args.words, args.debounce, args.seed, root)))
    for root in roots:
        rs = results[root]
        lat = sorted(x for r in rs for x in r["latencies"])
        cpu = statistics.median(r["server_cpu_ms"] for r in rs)
        if len(roots) > 1:
            print(f"{root}:")
        print(f"article: {rs[0]['words']} words, {rs[0]['findings']} findings; "
              f"first diagnostics after open: {statistics.median(r['open_ms'] for r in rs):.0f} ms")
        print(f"change -> publishDiagnostics over {len(lat)} edits: median {statistics.median(lat):.1f} ms, "
              f"p90 {p90(lat):.1f} ms, min {lat[0]:.1f} ms, max {lat[-1]:.1f} ms; "
              f"server CPU {cpu:.1f} ms an edit")
        print("target: median at most 20 ms -", "met" if statistics.median(lat) <= 20 else "NOT met")


if __name__ == "__main__":
    main()
