"""Measure how soon `auditor lsp` publishes diagnostics after an edit to a 2,000-word article.

Run from the repository root:  python bench/lsp_latency.py [--changes 40] [--words 2000]

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


async def run(changes: int, words: int, debounce: int | None, seed: int) -> dict:
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

        await client.start_io(sys.executable, "-m", "auditor", "lsp")
        options = {"auditor": {"debounce": debounce}} if debounce is not None else None
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=from_fs_path(folder),
            workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(folder), name="bench")],
            initialization_options=options))
        client.initialized(types.InitializedParams())
        started = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="plaintext", version=1, text=text)))
        first, count = await wait_for(1)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40, help="edits to time (default 40)")
    parser.add_argument("--words", type=int, default=2000, help="article length in words (default 2000)")
    parser.add_argument("--debounce", type=int, help="server debounce in ms (default: the server's own)")
    parser.add_argument("--seed", type=int, default=7, help="random seed for where edits go")
    args = parser.parse_args()
    result = asyncio.run(run(args.changes, args.words, args.debounce, args.seed))
    lat = sorted(result["latencies"])
    p90 = lat[min(len(lat) - 1, int(round(0.9 * (len(lat) - 1))))]
    print(f"article: {result['words']} words, {result['findings']} findings; "
          f"first diagnostics after open: {result['open_ms']:.0f} ms")
    print(f"change -> publishDiagnostics over {len(lat)} edits: median {statistics.median(lat):.1f} ms, "
          f"p90 {p90:.1f} ms, min {lat[0]:.1f} ms, max {lat[-1]:.1f} ms; "
          f"server CPU {result['server_cpu_ms']:.1f} ms an edit")
    print("target: median at most 20 ms -", "met" if statistics.median(lat) <= 20 else "NOT met")


if __name__ == "__main__":
    main()
