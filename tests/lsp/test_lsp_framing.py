"""The language server finds the next message again after one with a wrong Content-Length."""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time

from conftest import ROOT


def _frame(message: dict, wrong_by: int = 0) -> bytes:
    body = json.dumps(message).encode()
    return f"Content-Length: {len(body) + wrong_by}\r\n\r\n".encode() + body


def _answer(proc, want_id: int, seconds: float = 60) -> dict | None:
    """Read messages until the response with want_id comes, or the time runs out."""
    buf = b""
    deadline = time.monotonic() + seconds
    fd = proc.stdout.fileno()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            buf += chunk
        while b"\r\n\r\n" in buf:
            head, rest = buf.split(b"\r\n\r\n", 1)
            length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
            if len(rest) < length:
                break
            message, buf = json.loads(rest[:length]), rest[length:]
            if message.get("id") == want_id:
                return message
    return None


def test_a_wrong_content_length_is_survived():
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "lsp"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": None, "rootUri": None, "capabilities": {}}}
        proc.stdin.write(_frame(init))
        proc.stdin.flush()
        assert _answer(proc, 1) is not None
        proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        # too long by 20 bytes: it swallows the start of the next message
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "auditor/none", "params": {}}, wrong_by=20))
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 3, "method": "auditor/none", "params": {}}))
        # too short by 5 bytes: its tail comes before the next header
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 4, "method": "auditor/none", "params": {}}, wrong_by=-5))
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 5, "method": "auditor/none", "params": {}}))
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 6, "method": "auditor/none", "params": {}}))
        proc.stdin.flush()
        assert _answer(proc, 6, 60) is not None   # the server answers again
    finally:
        proc.kill()
        proc.wait()


def test_a_huge_content_length_stops_the_server_with_a_message():
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "lsp"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(b"Content-Length: 99999999999\r\n\r\n{}", timeout=120)
    assert proc.returncode == 2 and b"limit" in err and b"Traceback" not in err, err


def test_edits_leave_no_handler_state_behind():
    import asyncio

    from auditor.lsp.server import build_server

    class Sink:
        def write(self, data):
            pass

        def close(self):
            pass

    server = build_server()
    server.protocol.set_writer(Sink())

    def send(message):
        server.protocol.handle_message(json.loads(json.dumps(message), object_hook=server.protocol.structure_message))

    async def edit():
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        uri = "file:///tmp/auditor-memory.txt"
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": "The minister said it.\n"}}})
        for i in range(500):
            send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": i + 2},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                              "end": {"line": 0, "character": 0}}, "text": "x"}]}})
            if i % 50 == 0:
                await asyncio.sleep(0)
        await asyncio.sleep(0.5)
        return len(server.protocol._request_futures)

    assert asyncio.run(edit()) < 20   # one entry per edit before: the table grew without end
