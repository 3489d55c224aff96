"""Load test for auditor serve: N concurrent /v2/check requests over the seeds; prints the median latency."""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_server() -> tuple[subprocess.Popen, str]:
    """Start auditor serve on a free loopback port; return the process and its base URL."""
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--port", "0", "--no-config",
                             "--languagetool", "off"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    if "serving" not in line:
        proc.kill()
        raise SystemExit(f"auditor serve did not start: {line.strip()}")
    return proc, line.split(" at ", 1)[1].split("/v2/")[0]


def check(url: str, text: str) -> tuple[int, float, int]:
    """POST one check; return (status, seconds, number of matches)."""
    parts = urllib.parse.urlsplit(url)
    body = urllib.parse.urlencode({"text": text, "language": "en-US"}).encode("utf-8")
    began = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("POST", "/v2/check", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        res = conn.getresponse()
        data = res.read()
        status = res.status
    finally:
        conn.close()
    elapsed = time.perf_counter() - began
    matches = len(json.loads(data)["matches"]) if status == 200 else -1
    return status, elapsed, matches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an auditor serve already running (default: start one)")
    parser.add_argument("--requests", type=int, default=50, help="requests, all sent at once (default 50)")
    parser.add_argument("--seeds", default=str(ROOT / "seeds"), help="folder of articles to send")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.seeds).glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt articles in {args.seeds}")
    proc, url = (None, args.url) if args.url else start_server()
    try:
        expected = [check(url, t)[2] for t in texts]          # one sequential pass: the reference answers
        batch = [texts[i % len(texts)] for i in range(args.requests)]
        gate = threading.Barrier(len(batch))

        def one(i: int):
            gate.wait(timeout=60)
            return i, check(url, batch[i])

        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(batch)) as pool:
            results = list(pool.map(one, range(len(batch))))
        wall = time.perf_counter() - began
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)
    errors = [(i, s) for i, (s, _, _) in results if s != 200]
    wrong = [i for i, (s, _, n) in results if s == 200 and n != expected[i % len(texts)]]
    latencies = sorted(t for _, (_, t, _) in results)
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
    print(f"{len(results)} concurrent requests over {len(texts)} seeds: {len(errors)} errors, "
          f"{len(wrong)} answers differing from the sequential ones")
    print(f"latency median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms; wall {wall:.2f} s")
    return 1 if errors or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
