"""A tiny stand-in LanguageTool server on loopback that answers in LanguageTool's documented JSON."""
from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "French", "code": "fr", "longCode": "fr"},
    {"name": "German", "code": "de", "longCode": "de"},
]
# word -> (rule id, category id, issue type, replacements)
RULES = {
    r"\bteh\b": ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ["the", "tech"]),
    r"\bat the head of\b": ("HEAD_OF_CALQUE", "GRAMMAR", "grammar", ["leading"]),
    r" ,": ("COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY", "whitespace", [","]),
}


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def answer(text: str) -> dict:
    matches = []
    for pattern, (rule, cat, issue, repl) in RULES.items():
        for m in re.finditer(pattern, text):
            offset, length = utf16(text[:m.start()]), utf16(m.group())
            matches.append({
                "message": f"Possible problem: <suggestion>{repl[0]}</suggestion>", "shortMessage": "",
                "replacements": [{"value": r} for r in repl], "offset": offset, "length": length,
                "context": {"text": text[max(0, m.start() - 40):m.end() + 40], "offset": 0, "length": length},
                "sentence": text.strip(), "type": {"typeName": "Other"},
                "rule": {"id": rule, "description": rule.lower(), "issueType": issue,
                         "category": {"id": cat, "name": cat.title()}},
                "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
            })
    matches.sort(key=lambda m: m["offset"])
    return {"software": {"name": "LanguageTool", "version": "6.4", "buildDate": "", "apiVersion": 1,
                         "premium": False, "status": ""},
            "warnings": {"incompleteResults": False},
            "language": {"name": "English (US)", "code": "en-US",
                         "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.9}},
            "matches": matches}


class FakeLanguageTool:
    """Serve /v2/languages and /v2/check on 127.0.0.1; remember every check request's parameters."""

    def __init__(self):
        self.requests: list[dict[str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body, ctype="application/json"):
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if urlsplit(self.path).path == "/v2/languages":
                    self._send(200, json.dumps(LANGUAGES))
                else:
                    self._send(404, "Error: not found", "text/plain")

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
                params = dict(parse_qsl(body, keep_blank_values=True))
                outer.requests.append(params)
                if "FAIL" in params.get("text", ""):
                    self._send(500, "Error: Internal Error: simulated", "text/plain")
                else:
                    self._send(200, json.dumps(answer(params.get("text", ""))))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
