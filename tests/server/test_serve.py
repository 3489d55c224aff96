"""auditor serve speaks LanguageTool's HTTP API: real clients, UTF-16 offsets, LanguageTool's error codes."""
from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT, SEEDS

CALQUE = "The minister arrived at the head of a delegation, that is to say a group of officials."


def _start(*extra: str):
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "serve", "--port", "0", "--no-config", "--languagetool", "off", *extra],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    line = ""
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if "serving" in line or not line:
            break
    if "serving" not in line:
        proc.kill()
        pytest.fail(f"auditor serve did not start: {line!r}")
    url = line.split(" at ", 1)[1].split("/v2/")[0]
    return proc, url


def _stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    proc.stderr.close()


@pytest.fixture(scope="module")
def server():
    proc, url = _start("--max-text-length", "20000")
    yield url
    _stop(proc)


def _post(url: str, path: str, params: dict | None = None, body: bytes | None = None,
          headers: dict | None = None) -> tuple[int, str, str]:
    parsed = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    data = body if body is not None else urllib.parse.urlencode(params or {}).encode("utf-8")
    conn.request("POST", path, body=data,
                 headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
    res = conn.getresponse()
    out = res.status, res.getheader("Content-Type", ""), res.read().decode("utf-8")
    conn.close()
    return out


def _get(url: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url + path, timeout=30) as res:
            return res.status, res.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


# ---- a real client: language-tool-python --------------------------------------------------
def test_language_tool_python_gets_auditors_findings_for_the_seeds(server, cli):
    import language_tool_python

    # the server audits each text on its own, so the command line audits each seed on its own too
    docs = [cli("check", seed, "--format", "json", "--no-config", "--languagetool", "off").json()["documents"][0]
            for seed in sorted(SEEDS.glob("*.txt"))]
    assert any(doc["findings"] for doc in docs)
    tool = language_tool_python.LanguageTool("en-US", remote_server=server)
    try:
        for doc in docs:
            matches = tool.check((SEEDS / doc["path"].split("/")[-1]).read_text(encoding="utf-8"))
            got = [(m.rule_id, m.offset, m.error_length, m.replacements) for m in matches]
            want = [(f["rule"], f["start"], f["end"] - f["start"], f["suggestions"]) for f in doc["findings"]]
            assert got == want, doc["path"]
    finally:
        tool.close()


def test_language_tool_python_starts_for_a_source_language(server):
    import language_tool_python

    tool = language_tool_python.LanguageTool("de-DE", remote_server=server)
    try:
        assert tool.check("Der Minister kam am Montag an.") == []
    finally:
        tool.close()


def test_language_tool_python_offsets_survive_emoji(server):
    import language_tool_python

    text = "😀🎉 " + CALQUE + " 𝄞 Then the minister spoke, that is to say briefly."
    tool = language_tool_python.LanguageTool("en-GB", remote_server=server)
    try:
        matches = tool.check(text)
    finally:
        tool.close()
    spans = [(m.rule_id, text[m.offset:m.offset + m.error_length]) for m in matches]
    assert spans == [("MTF001", "at the head of"), ("MTF002", "that is to say"), ("MTF002", "that is to say")]
    assert matches[0].replacements[0] == "leading"


@pytest.mark.parametrize("category, issue", [
    ("mt.calque", "mistranslation"), ("mt.untranslated", "untranslated"), ("spelling.typo", "misspelling"),
    ("spelling.doubled", "duplication"), ("punctuation.doubled", "typographical"), ("grammar", "grammar"),
    ("names.variant", "inconsistent-entities"), ("formatting.mojibake", "characters"), ("style.honorific", "style"),
    ("boilerplate.navigation", "non-conformance"), ("boilerplate.repeated", "duplication"),
    ("consistency.numbers", "numbers"), ("consistency.facts", "inconsistency"),
])
def test_categories_map_onto_languagetool_issue_types(category, issue):
    from auditor.server import issue_type

    assert issue_type(category) == issue


# ---- the wire format, read with a plain HTTP client -----------------------------------------
def test_check_answer_in_utf16_units_with_context_and_rule(server):
    text = "😀 " + CALQUE
    status, ctype, body = _post(server, "/v2/check", {"text": text, "language": "en-US"})
    assert status == 200 and ctype.startswith("application/json")
    answer = json.loads(body)
    assert answer["language"]["code"] == "en-US" and "software" in answer
    match = answer["matches"][0]
    units = text.encode("utf-16-le")
    assert units[2 * match["offset"]:2 * (match["offset"] + match["length"])].decode("utf-16-le") == "at the head of"
    assert match["offset"] == text.index("at the head of") + 1
    assert match["rule"]["id"] == "MTF001" and match["rule"]["issueType"] == "mistranslation"
    assert match["rule"]["category"]["id"] and match["rule"]["description"]
    assert match["replacements"][0] == {"value": "leading"}
    ctx = match["context"]
    ctx_units = ctx["text"].encode("utf-16-le")
    assert ctx_units[2 * ctx["offset"]:2 * (ctx["offset"] + ctx["length"])].decode("utf-16-le") == "at the head of"
    assert match["sentence"].startswith("😀 The minister")


def test_annotated_text_offsets_point_into_the_markup(server):
    data = {"annotation": [
        {"markup": "<p>"}, {"text": "😀 The minister arrived "}, {"markup": "<b>", "interpretAs": ""},
        {"text": "at the head of"}, {"markup": "</b>"}, {"text": " a delegation."}, {"markup": "</p>", "interpretAs": "\n\n"},
    ]}
    original = "".join(n.get("text", n.get("markup", "")) for n in data["annotation"])
    status, _, body = _post(server, "/v2/check", {"data": json.dumps(data), "language": "en-US"})
    assert status == 200, body
    match = json.loads(body)["matches"][0]
    units = original.encode("utf-16-le")
    assert units[2 * match["offset"]:2 * (match["offset"] + match["length"])].decode("utf-16-le") == "at the head of"


def test_get_rule_selection_and_other_languages(server):
    query = urllib.parse.urlencode({"text": CALQUE, "language": "en-US", "disabledRules": "MTF001"})
    status, body = _get(server, "/v2/check?" + query)
    assert status == 200 and [m["rule"]["id"] for m in json.loads(body)["matches"]] == ["MTF002"]
    status, _, body = _post(server, "/v2/check", {"text": CALQUE, "language": "en-US",
                                                 "enabledRules": "MTF001", "enabledOnly": "true"})
    assert [m["rule"]["id"] for m in json.loads(body)["matches"]] == ["MTF001"]
    status, _, body = _post(server, "/v2/check", {"text": CALQUE, "language": "auto"})
    assert status == 200 and json.loads(body)["language"]["code"].startswith("en")
    assert len(json.loads(body)["matches"]) == 2
    status, _, body = _post(server, "/v2/check", {"text": "Der Minister kam an.", "language": "de-DE"})
    assert status == 200 and json.loads(body)["matches"] == []


def test_languages_and_healthcheck(server):
    from auditor.packs import load_rules

    status, body = _get(server, "/v2/languages")
    listed = json.loads(body)
    codes = {entry["longCode"] for entry in listed}
    assert status == 200 and {"en-US", "en-GB"} <= codes
    # every source language the packs know is listed (a motherTongue a client may pick) ...
    sources = {lang for r in load_rules(select=("",)).rules for lang in r.spec.get("languages", ())}
    assert sources and sources <= {entry["code"] for entry in listed}
    # ... and whatever is listed is accepted by /v2/check
    for code in sorted(codes):
        status, _, _ = _post(server, "/v2/check", {"text": "Hello.", "language": code, "motherTongue": code})
        assert status == 200, code
    assert _get(server, "/v2/healthcheck") == (200, "OK")


@pytest.mark.parametrize("params, status", [
    ({"language": "en-US"}, 400),                                               # no text
    ({"text": "Hello."}, 400),                                                  # no language
    ({"text": "Hello.", "language": "xx-YY"}, 400),                             # unknown language
    ({"text": "Hello.", "data": "{}", "language": "en-US"}, 400),               # both
    ({"data": "{not json", "language": "en-US"}, 400),                          # bad JSON
    ({"data": json.dumps({"annotation": [{"text": "a", "markup": "b"}]}), "language": "en-US"}, 400),
    ({"text": "Hello.", "language": "en-US", "enabledOnly": "true"}, 400),      # enabledOnly, nothing enabled
    ({"text": "Hello.", "language": "en-US", "motherTongue": "klingon"}, 400),
    ({"text": "Hello.", "language": "en-US", "preferredVariants": "en-GB"}, 400),
    ({"text": "x" * 20001, "language": "en-US"}, 413),                          # over --max-text-length
])
def test_error_codes(server, params, status):
    got, ctype, body = _post(server, "/v2/check", params)
    assert got == status, body
    assert ctype.startswith("text/plain") and body.startswith("Error: ")


def test_paths_and_body_limits(server):
    assert _get(server, "/v2/nonsense")[0] == 404
    assert _get(server, "/")[0] == 400
    status, _, body = _post(server, "/v2/check", body=b"text=" + b"a" * 10, headers={"Content-Length": "999999999"})
    assert status == 413, body
    status, _, _ = _post(server, "/v2/check", body=b"text=%FF%FE&language=en-US")
    assert status == 400


def test_a_slow_check_answers_500_as_languagetool_does():
    proc, url = _start("--timeout", "0.0001")
    try:
        status, _, body = _post(url, "/v2/check", {"text": (CALQUE + "\n\n") * 400, "language": "en-US"})
    finally:
        _stop(proc)
    assert status == 500 and "took longer than" in body


def test_auditor_as_the_backend_of_auditor_merges_every_match(server, cli):
    own = cli("check", SEEDS, "--format", "json", "--no-config", "--languagetool", "off").json()
    res = cli("check", SEEDS, "--format", "json", "--no-config", "--languagetool", server)
    assert res.err == ""
    chained = res.json()
    for mine, theirs in zip(own["documents"], chained["documents"]):
        assert [f["rule"] for f in theirs["findings"]] == [f["rule"] for f in mine["findings"]]
        # the server audits one article at a time: what it finds is what a one-article audit finds
        alone = cli("check", mine["path"], "--format", "json", "--no-config", "--languagetool", "off").json()
        single = {(f["rule"], f["start"], f["end"]) for f in alone["documents"][0]["findings"]}
        for f in theirs["findings"]:
            refs = [r["rule"] for r in f.get("data", {}).get("languagetool", [])]
            if (f["rule"], f["start"], f["end"]) in single:
                assert refs == ["LT:" + f["rule"]], f
            else:  # found only across articles
                assert refs == [], f


def test_fifty_concurrent_requests_for_the_seeds(server):
    from concurrent.futures import ThreadPoolExecutor

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    reference = [json.loads(_post(server, "/v2/check", {"text": t, "language": "en-US"})[2])["matches"]
                 for t in texts]
    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(lambda i: _post(server, "/v2/check", {"text": texts[i % 5], "language": "en-US"}),
                                range(50)))
    assert [a[0] for a in answers] == [200] * 50
    assert all(json.loads(a[2])["matches"] == reference[i % 5] for i, a in enumerate(answers))


def test_serve_refuses_a_busy_port(cli, server):
    port = urllib.parse.urlsplit(server).port
    res = cli("serve", "--port", port, "--no-config", "--languagetool", "off")
    assert res.code == 2 and "cannot listen" in res.err and "Traceback" not in res.err
