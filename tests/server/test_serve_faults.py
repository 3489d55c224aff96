"""`auditor serve` under hostile requests: a check past its time stops and the others go on."""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from auditor.config import Config
from auditor.engine import Engine
from auditor.server import make_server

SLOW = "SLOWCHECK"


@pytest.fixture()
def server(monkeypatch):
    engine = Engine(Config(languagetool="off"))
    real = Engine.check_document

    def check_document(self, doc):   # a check that never ends on one word (inherited by workers)
        if SLOW in doc.prose:
            while True:
                time.sleep(0.05)
        return real(self, doc)

    monkeypatch.setattr(Engine, "check_document", check_document)
    srv = make_server(engine, "127.0.0.1", 0, max_seconds=2, workers=2)
    srv.service.warm_up()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", srv
    srv.shutdown()
    srv.server_close()
    srv.service.close()


def _post(url: str, params: dict, timeout: float = 60) -> tuple[int, str]:
    body = urllib.parse.urlencode(params).encode()
    try:
        with urllib.request.urlopen(url + "/v2/check", data=body, timeout=timeout) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_timed_out_checks_stop_and_the_next_requests_are_answered(server):
    url, srv = server
    with ThreadPoolExecutor(4) as pool:
        slow = list(pool.map(lambda _: _post(url, {"text": f"A {SLOW} here.", "language": "en-US"}), range(4)))
    assert all(status == 500 and "took longer than" in body for status, body in slow), slow
    start = time.monotonic()
    for _ in range(4):
        status, body = _post(url, {"text": "The minister said said it.", "language": "en-US"})
        assert status == 200, body
    assert time.monotonic() - start < 10


def test_deeply_nested_data_is_a_400(server):
    url, _ = server
    for data in ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "[" * 100_000 + "]" * 100_000):
        status, body = _post(url, {"data": data, "language": "en-US"})
        assert status == 400 and "nested too deeply" in body, (status, body[:200])
    status, body = _post(url, {"data": json.dumps({"text": "Fine text."}), "language": "en-US"})
    assert status == 200
