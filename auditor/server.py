"""A LanguageTool-compatible HTTP server: /v2/check and /v2/languages answered by auditor's checks."""
from __future__ import annotations

import json
import multiprocessing
import queue
import socket
import sys
import threading
from bisect import bisect_left, bisect_right
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CheckTimeout
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import __version__
from .documents import Document
from .engine import Engine
from .language import main_language
from .languagetool import Utf16, utf16_len
from .model import Finding

API_DOC = "https://languagetool.org/http-api/"
CONTEXT_SIZE = 40                 # characters each side, as LanguageTool's context
MAX_TEXT_LENGTH = 200_000         # characters of plain text per check
MAX_CHECK_SECONDS = 30.0
MAX_QUEUE = 64                    # checks waiting or running before 503
MAX_FIELDS = 200

# (name, code, longCode): the languages auditor checks, listed by /v2/languages
ENGLISH = (
    ("English", "en", "en"), ("English (Australian)", "en", "en-AU"), ("English (Canadian)", "en", "en-CA"),
    ("English (GB)", "en", "en-GB"), ("English (New Zealand)", "en", "en-NZ"),
    ("English (South African)", "en", "en-ZA"), ("English (US)", "en", "en-US"),
)
# LanguageTool's other languages: accepted as language (nothing to report) and motherTongue
OTHER = (
    ("Arabic", "ar", "ar"), ("Asturian", "ast", "ast-ES"), ("Belarusian", "be", "be-BY"),
    ("Breton", "br", "br-FR"), ("Catalan", "ca", "ca-ES"), ("Catalan (Valencian)", "ca", "ca-ES-valencia"),
    ("Catalan (Balearic)", "ca", "ca-ES-balear"), ("Chinese", "zh", "zh-CN"), ("Crimean Tatar", "crh", "crh-UA"),
    ("Danish", "da", "da-DK"), ("Dutch", "nl", "nl"), ("Dutch (Belgium)", "nl", "nl-BE"), ("Esperanto", "eo", "eo"),
    ("French", "fr", "fr"), ("French (Belgium)", "fr", "fr-BE"), ("French (Canada)", "fr", "fr-CA"),
    ("French (Switzerland)", "fr", "fr-CH"), ("Galician", "gl", "gl-ES"), ("German", "de", "de"),
    ("German (Austria)", "de", "de-AT"), ("German (Germany)", "de", "de-DE"), ("German (Swiss)", "de", "de-CH"),
    ("Simple German", "de-DE-x-simple-language", "de-DE-x-simple-language"), ("Greek", "el", "el-GR"),
    ("Irish", "ga", "ga-IE"), ("Italian", "it", "it"), ("Japanese", "ja", "ja-JP"), ("Khmer", "km", "km-KH"),
    ("Persian", "fa", "fa"), ("Polish", "pl", "pl-PL"), ("Portuguese", "pt", "pt"),
    ("Portuguese (Angola preAO)", "pt", "pt-AO"), ("Portuguese (Brazil)", "pt", "pt-BR"),
    ("Portuguese (Moçambique preAO)", "pt", "pt-MZ"), ("Portuguese (Portugal)", "pt", "pt-PT"),
    ("Romanian", "ro", "ro-RO"), ("Russian", "ru", "ru-RU"), ("Slovak", "sk", "sk-SK"), ("Slovenian", "sl", "sl-SI"),
    ("Spanish", "es", "es"), ("Spanish (voseo)", "es", "es-AR"), ("Swedish", "sv", "sv"), ("Tagalog", "tl", "tl-PH"),
    ("Tamil", "ta", "ta-IN"), ("Ukrainian", "uk", "uk-UA"),
)
_BY_CODE: dict[str, tuple[str, str, str]] = {}
for _entry in ENGLISH + OTHER:
    _BY_CODE.setdefault(_entry[2].lower(), _entry)
    _BY_CODE.setdefault(_entry[1].lower(), _entry)

# auditor family -> (LanguageTool issue type, category id, category name)
FAMILIES = {
    "mt": ("mistranslation", "MACHINE_TRANSLATION", "Translation artifacts"),
    "spelling": ("misspelling", "TYPOS", "Possible Typo"),
    "names": ("inconsistent-entities", "NAMES", "Names"),
    "grammar": ("grammar", "GRAMMAR", "Grammar"),
    "punctuation": ("typographical", "PUNCTUATION", "Punctuation"),
    "formatting": ("formatting", "TYPOGRAPHY", "Typography"),
    "style": ("style", "STYLE", "Style"),
    "boilerplate": ("non-conformance", "BOILERPLATE", "Boilerplate"),
    "consistency": ("inconsistency", "CONSISTENCY", "Consistency"),
}
# sub-category (the part after the family) -> a more precise ITS 2.0 issue type
SUBS = {
    "untranslated": "untranslated", "false-friend": "mistranslation", "terminology": "terminology",
    "repeated": "duplication", "repetition": "duplication", "duplicate": "duplication", "doubled": "duplication",
    "whitespace": "whitespace", "spacing": "whitespace", "mojibake": "characters", "encoding": "characters",
    "characters": "characters", "markup": "markup", "typography": "typographical", "numbers": "numbers",
    "register": "register", "omission": "omission", "addition": "addition", "length": "length",
}


class ApiError(Exception):
    """An answer other than 200: its status and LanguageTool-style message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def issue_type(category: str) -> str:
    """Map an auditor category onto LanguageTool's (ITS 2.0) issue types."""
    family, _, sub = category.partition(".")
    first = sub.split(".")[0]
    if first in SUBS and not (first == "doubled" and family == "punctuation"):
        return SUBS[first]
    return FAMILIES.get(family, ("other",))[0]


def rule_category(f: Finding) -> dict[str, str]:
    """The LanguageTool category block of a finding."""
    ref = f.data.get("languagetool")
    if isinstance(ref, dict) and ref.get("category"):
        return {"id": str(ref["category"]), "name": str(ref["category"]).replace("_", " ").title()}
    _, cid, name = FAMILIES.get(f.family, ("other", f.family.upper(), f.family.title()))
    return {"id": cid, "name": name}


# ---- annotated text ------------------------------------------------------------------
@dataclass
class Checked:
    """The text a client sent: the original (with markup) and the plain text auditor reads."""

    original: str
    plain: str
    segments: list[tuple[int, int, int, int, bool]] | None = None   # plain start/end, original start/end, is text

    def __post_init__(self) -> None:
        spans = [s for s in self.segments or () if s[1] > s[0]]
        self._spans = spans
        self._starts = [s[0] for s in spans]
        self._ends = [s[1] for s in spans]

    def to_original(self, pos: int, is_end: bool = False) -> int:
        """Map a plain-text offset to the original text (markup read as interpretAs maps to its edges)."""
        if self.segments is None:
            return pos
        if not self._spans:
            return len(self.original)
        if is_end:
            i = min(bisect_left(self._ends, pos), len(self._spans) - 1)
        else:
            i = max(bisect_right(self._starts, pos) - 1, 0)
        p0, p1, o0, o1, is_text = self._spans[i]
        if is_text:
            return o0 + min(max(pos - p0, 0), o1 - o0)
        return o1 if is_end else o0


def annotated(data: str) -> Checked:
    """Read the 'data' parameter: {"text": ...} or {"annotation": [{"text"}, {"markup", "interpretAs"}]}."""
    try:
        value = json.loads(data)
    except ValueError:
        raise ApiError(400, "Could not parse JSON from 'data' parameter") from None
    except RecursionError:
        raise ApiError(400, "Could not parse JSON from 'data' parameter: nested too deeply") from None
    if not isinstance(value, dict):
        raise ApiError(400, "'data' key in JSON requires 'text' or 'annotation' key")
    if "text" in value and "annotation" in value:
        raise ApiError(400, "'data' key in JSON requires either 'text' or 'annotation' key, not both")
    if "text" in value:
        text = _string(value["text"])
        return Checked(text, text)
    items = value.get("annotation")
    if not isinstance(items, list):
        raise ApiError(400, "'data' key in JSON requires 'text' or 'annotation' key")
    original: list[str] = []
    plain: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    o = p = 0
    for node in items:
        if not isinstance(node, dict):
            raise ApiError(400, f"Only 'text' and 'markup' are supported in 'annotation' list: {json.dumps(node)}")
        if "text" in node and "markup" in node:
            raise ApiError(400, "Only either 'text' or 'markup' are supported in an object in 'annotation' list, "
                                f"not both: {json.dumps(node)}")
        if "text" in node and "interpretAs" in node:
            raise ApiError(400, f"'text' cannot be used with 'interpretAs' (only 'markup' can): {json.dumps(node)}")
        if "text" in node:
            piece = _string(node["text"])
            shown, is_text = piece, True
        elif "markup" in node:
            piece = _string(node["markup"])
            shown, is_text = _string(node.get("interpretAs", "")), False
        else:
            raise ApiError(400, f"Only 'text' and 'markup' are supported in 'annotation' list: {json.dumps(node)}")
        segments.append((p, p + len(shown), o, o + len(piece), is_text))
        original.append(piece)
        plain.append(shown)
        o += len(piece)
        p += len(shown)
    return Checked("".join(original), "".join(plain), segments)


def _string(value) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value) if isinstance(value, (dict, list)) else str(value)


def _codes(params: dict[str, str], name: str) -> set[str]:
    return {c.strip() for c in params.get(name, "").split(",") if c.strip()}


def language_entry(code: str) -> tuple[str, str, str]:
    """Return (name, code, longCode) for a language parameter, or raise 400 as LanguageTool does."""
    entry = _BY_CODE.get(code.strip().lower().replace("_", "-"))
    if entry is None:
        known = ", ".join(sorted({e[2] for e in ENGLISH + OTHER}))
        raise ApiError(400, f"'{code}' is not a language code known to LanguageTool. "
                            f"Supported language codes are: {known}.")
    return entry


# ---- the service -----------------------------------------------------------------------
class CheckService:
    """Answers LanguageTool API requests with one Engine shared by every request."""

    def __init__(self, engine: Engine, max_text_length: int = MAX_TEXT_LENGTH,
                 max_seconds: float = MAX_CHECK_SECONDS, workers: int = 2, max_queue: int = MAX_QUEUE):
        self.engine = engine
        self.max_text_length = max_text_length
        self.max_seconds = max_seconds
        self.max_queue = max_queue
        self.pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="auditor-check")
        self.worker_count = max(1, workers)
        self._workers: queue.Queue | None = None   # worker processes (or None: a place to start one)
        self.pending = 0
        self._lock = threading.Lock()
        self._full: Engine | None = None
        self._own: Engine | None = None
        self._descriptions: dict[str, str] = {}
        self.base_codes = {r.code for r in engine.rules.rules}
        self.off_codes: set[str] = set()       # default-off rules, known once the full engine is built
        for rule in engine.rules.rules:
            self._describe(rule)

    def _describe(self, rule) -> None:
        text = " ".join(str(rule.spec.get("description") or rule.spec.get("message") or rule.name).split())
        first = text.split(". ")[0].rstrip(".")
        self._descriptions[rule.code] = first if len(first) <= 120 else first[:117] + "..."

    def warm_up(self) -> None:
        """Run every check once so lazily loaded resources are in place before requests share them."""
        self.engine.audit([Document.from_text("The minister said on Monday that the talks would resume.")])

    def full_engine(self) -> Engine:
        """An engine with default-off rules too, for requests whose enabledRules name one."""
        with self._lock:
            if self._full is None:
                full = Engine(self.engine.config.merged(select=("",), languagetool="off"))
                full.languagetool = self.engine.languagetool
                for rule in full.rules.rules:
                    self._describe(rule)
                self.off_codes = {r.code for r in full.rules.rules} - self.base_codes
                self._full = full
            return self._full

    def languages(self) -> list[dict[str, str]]:
        """Every language /v2/check accepts: English, which it checks, then the others, accepted as the
        text's language (nothing to report) and as motherTongue (the source languages of the MT packs)."""
        return [{"name": n, "code": c, "longCode": lc} for n, c, lc in ENGLISH + OTHER]

    def software(self) -> dict:
        return {"name": "auditor", "version": __version__, "buildDate": "", "apiVersion": 1,
                "premium": False, "status": ""}

    # ---- /v2/check --------------------------------------------------------------------
    def own_engine(self) -> Engine:
        """The engine without its LanguageTool backend, for requests from another auditor (no loops)."""
        with self._lock:
            if self._own is None:
                own = Engine(self.engine.config.merged(languagetool="off"), rules=self.engine.rules)
                self._own = own
            return self._own

    def check(self, params: dict[str, str], from_auditor: bool = False) -> dict:
        """Answer one /v2/check request (raises ApiError for LanguageTool's error statuses)."""
        if "text" in params and "data" in params:
            raise ApiError(400, "Set only 'text' or 'data' parameter, not both")
        if "text" in params:
            checked = Checked(params["text"], params["text"])
        elif "data" in params:
            checked = annotated(params["data"])
        else:
            raise ApiError(400, "Missing 'text' or 'data' parameter")
        for old, new in (("enabled", "enabledRules"), ("disabled", "disabledRules")):
            if old in params:
                raise ApiError(400, f"You specified '{old}' but the parameter is now called '{new}' in v2 of the API")
        lang = params.get("language", "").strip()
        if not lang:
            raise ApiError(400, "Missing 'language' parameter, e.g. 'language=en-US' for American English "
                                "or 'language=fr' for French")
        if len(checked.plain) > self.max_text_length:
            raise ApiError(413, f"Your text exceeds the limit of {self.max_text_length} characters "
                                f"(it's {len(checked.plain)} characters). Please submit a shorter text.")
        auto = lang.lower() == "auto"
        variants = [v.strip() for v in params.get("preferredVariants", "").split(",") if v.strip()]
        if variants and not auto:
            raise ApiError(400, "You specified 'preferredVariants' but you didn't specify 'language=auto'")
        for v in variants:
            if "-" not in v:
                raise ApiError(400, f"Invalid format for 'preferredVariants', expected a dash as in 'en-GB': '{v}'")
            language_entry(v)
        if params.get("motherTongue"):
            language_entry(params["motherTongue"])
        enabled, disabled = _codes(params, "enabledRules"), _codes(params, "disabledRules")
        enabled_cats, disabled_cats = _codes(params, "enabledCategories"), _codes(params, "disabledCategories")
        only = params.get("enabledOnly", "").lower() in ("true", "yes")
        if only and (disabled or disabled_cats):
            raise ApiError(400, "You cannot specify disabled rules or categories using enabledOnly=true")
        if only and not (enabled or enabled_cats):
            raise ApiError(400, "You must specify enabled rules or categories when using enabledOnly=true")

        detected_code = main_language(checked.plain)
        detected = _BY_CODE.get(detected_code) or (detected_code, detected_code, detected_code)
        if detected[1] == "en":
            detected = _BY_CODE["en-us"]
        if auto:
            given = detected
            if given[1] == "en":
                given = next((language_entry(v) for v in variants if v.lower().startswith("en-")), given)
        else:
            given = language_entry(lang)
        findings: list[Finding] = []
        doc = Document.from_text(checked.plain, path="<request>")
        if given[1] == "en" and checked.plain.strip():
            engine = self.engine
            if enabled - self.base_codes:
                engine = self.full_engine()
            elif from_auditor and engine.languagetool is not None:
                engine = self.own_engine()
            findings = self._run(engine, doc)
        findings = [f for f in findings if self._wanted(f, enabled, disabled, enabled_cats, disabled_cats, only)]
        return {
            "software": self.software(),
            "warnings": {"incompleteResults": False},
            "language": {
                "name": given[0], "code": given[2],
                "detectedLanguage": {"name": detected[0], "code": detected[2], "confidence": 0.9,
                                     "source": "auditor"},
            },
            "matches": self.matches(checked, doc, findings),
            "sentenceRanges": self.sentence_ranges(checked, doc),
        }

    def _run(self, engine: Engine, doc: Document) -> list[Finding]:
        with self._lock:
            if self.pending >= self.max_queue:
                raise ApiError(503, "There are currently too many parallel requests. Please try again later.")
            self.pending += 1
        try:
            if _FORK:
                return self._run_in_worker(engine, doc)
            future = self.pool.submit(lambda: engine.audit([doc]).documents[0].findings)
            try:
                return future.result(timeout=self.max_seconds)
            except CheckTimeout:
                future.cancel()
                raise self._too_slow() from None
        finally:
            with self._lock:
                self.pending -= 1

    def _too_slow(self) -> "ApiError":
        return ApiError(500, f"Checking took longer than {self.max_seconds:g} seconds, which is this "
                             "server's limit. Please make sure you have selected the proper language or "
                             "consider submitting a shorter text.")

    # ---- worker processes: a check past its time is stopped, not left running -------------
    def _engine_named(self, name: str) -> Engine:
        return self.full_engine() if name == "full" else self.own_engine() if name == "own" else self.engine

    def _run_in_worker(self, engine: Engine, doc: Document) -> list[Finding]:
        """Audit in a worker process; one that runs past max_seconds is killed and replaced."""
        name = "full" if engine is self._full else "own" if engine is self._own else "base"
        worker = self._take_worker()
        try:
            worker.conn.send((name, doc.text, doc.path, doc.kind))
            if not worker.conn.poll(self.max_seconds):
                worker.kill()
                worker = None
                raise self._too_slow()
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                worker.kill()
                worker = None
            raise ApiError(500, "Internal Error: the check stopped unexpectedly") from None
        finally:
            self._give_back(worker)
        if status != "ok":
            raise RuntimeError(value)
        return value

    def _take_worker(self) -> "_Worker":
        with self._lock:
            if self._workers is None:
                self._workers = queue.Queue()
                for _ in range(self.worker_count):
                    self._workers.put(None)   # a place: its process is started when first needed
        worker = self._workers.get()
        return worker if worker is not None and worker.alive() else _Worker(self)

    def _give_back(self, worker: "_Worker | None") -> None:
        self._workers.put(worker)

    def _wanted(self, f: Finding, enabled, disabled, enabled_cats, disabled_cats, only) -> bool:
        cat = rule_category(f)["id"]
        if f.rule in disabled or cat in disabled_cats:
            return False
        if only:
            return f.rule in enabled or cat in enabled_cats
        return f.rule not in self.off_codes or f.rule in enabled

    def matches(self, checked: Checked, doc: Document, findings: list[Finding]) -> list[dict]:
        """LanguageTool's match objects for findings, offsets in UTF-16 units of the original text."""
        original = checked.original
        units = Utf16(original)
        out = []
        for f in findings:
            start = checked.to_original(f.start)
            end = checked.to_original(f.end, is_end=True) if f.end > f.start else start
            end = max(start, end)
            offset = units.to_utf16(start)
            length = units.to_utf16(end) - offset
            lo, hi = max(0, start - CONTEXT_SIZE), min(len(original), end + CONTEXT_SIZE)
            before = ("..." if lo > 0 else "") + original[lo:start]
            context = before + original[start:hi] + ("..." if hi < len(original) else "")
            sentence = doc.sentence_at(f.start)
            ref = f.data.get("languagetool")
            ref = ref if isinstance(ref, dict) else {}
            family_issue = ref.get("issueType") or issue_type(f.category)
            out.append({
                "message": f.message,
                "shortMessage": FAMILIES.get(f.family, ("", "", ""))[2] if not ref else "",
                "replacements": [{"value": s} for s in f.suggestions],
                "offset": offset,
                "length": length,
                "context": {"text": _flat(context), "offset": utf16_len(before), "length": length},
                "sentence": doc.prose[sentence.start:sentence.end].strip(),
                "type": {"typeName": "UnknownWord" if family_issue == "misspelling" else "Other"},
                "rule": {
                    "id": ref.get("rule") or f.rule,
                    "description": ref.get("description") or self._descriptions.get(f.rule, f.name),
                    "issueType": family_issue,
                    "category": rule_category(f),
                },
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            })
        return out

    def sentence_ranges(self, checked: Checked, doc: Document) -> list[list[int]]:
        units = Utf16(checked.original)
        return [[units.to_utf16(checked.to_original(s.start)), units.to_utf16(checked.to_original(s.end, True))]
                for s in doc.sentences]

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        if self._workers is not None:
            while not self._workers.empty():
                worker = self._workers.get_nowait()
                if worker is not None:
                    worker.kill()


_FORK = "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux")


class _Worker:
    """A process forked from the server, sharing its loaded engines, that audits one text at a time."""

    def __init__(self, service: CheckService):
        here, there = multiprocessing.Pipe()
        self.proc = multiprocessing.get_context("fork").Process(target=_work, args=(service, there), daemon=True)
        self.proc.start()
        there.close()
        self.conn = here

    def alive(self) -> bool:
        return self.proc.is_alive()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def _work(service: CheckService, conn) -> None:
    """A worker's loop: (engine name, text, path, kind) in, ("ok", findings) or ("error", reason) out."""
    service._lock = threading.Lock()   # another thread may have held it when this process was forked
    while True:
        try:
            name, text, path, kind = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            doc = Document.from_text(text, path=path, kind=kind)
            conn.send(("ok", service._engine_named(name).audit([doc]).documents[0].findings))
        except Exception as exc:  # noqa: BLE001 - answered as the server's internal error
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _flat(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


# ---- HTTP ------------------------------------------------------------------------------
class Handler(BaseHTTPRequestHandler):
    """One HTTP request: LanguageTool's URLs, form or query parameters, JSON or plain-text errors."""

    protocol_version = "HTTP/1.1"
    server_version = f"auditor/{__version__}"
    timeout = 30                    # seconds a client may take between bytes of its request
    server: "Server"

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", self.headers.get("Access-Control-Request-Headers", "*"))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args) -> None:
        if self.server.verbose:
            sys.stderr.write("auditor serve: %s - %s\n" % (self.address_string(), format % args))

    def _cors(self) -> None:
        if self.server.allow_origin:
            self.send_header("Access-Control-Allow-Origin", self.server.allow_origin)

    def _send(self, status: int, body: str, content_type: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self._cors()
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _params(self, query: str) -> dict[str, str]:
        params = dict(parse_qsl(query, keep_blank_values=True, max_num_fields=MAX_FIELDS))
        if self.command != "POST":
            return params
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise ApiError(411, "A Content-Length header is required")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            raise ApiError(400, "Invalid Content-Length header") from None
        if length > self.server.max_bytes:
            self.close_connection = True
            raise ApiError(413, f"Your request is {length} bytes, over this server's limit of "
                                f"{self.server.max_bytes} bytes. Please submit a shorter text.")
        body = self.rfile.read(length) if length > 0 else b""
        if len(body) < length:
            self.close_connection = True
            raise ApiError(400, "The request body is shorter than its Content-Length")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, "The request body is not UTF-8") from None
        params.update(parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict"))
        return params

    def _handle(self) -> None:
        service = self.server.service
        url = urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        try:
            try:
                params = self._params(url.query)
            except (ValueError, UnicodeDecodeError) as exc:
                if isinstance(exc, ApiError):
                    raise
                raise ApiError(400, f"Malformed parameters: {exc}") from None
            if path == "/v2/check":
                chained = self.headers.get("User-Agent", "").startswith("auditor/")
                self._send(200, json.dumps(service.check(params, chained), ensure_ascii=False), "application/json")
            elif path == "/v2/languages":
                self._send(200, json.dumps(service.languages()), "application/json")
            elif path == "/v2/healthcheck":
                self._send(200, "OK", "text/plain")
            elif path == "/v2/info":
                self._send(200, json.dumps({"software": service.software()}), "application/json")
            elif path == "/v2/maxtextlength":
                self._send(200, str(service.max_text_length), "text/plain")
            elif path.startswith("/v2/"):
                raise ApiError(404, f"Unsupported action: '{path[4:]}'. Please see {API_DOC}")
            elif path == "/favicon.ico":
                raise ApiError(404, "Not found")
            elif path == "/":
                raise ApiError(400, f"Missing arguments for LanguageTool API. Please see {API_DOC}")
            else:
                raise ApiError(400, "This is the LanguageTool API. You have not specified any parameters. "
                                    f"Please see {API_DOC}")
        except ApiError as exc:
            self._send(exc.status, f"Error: {exc}", "text/plain")
        except RecursionError:
            self._send(400, "Error: the request is nested too deeply to read", "text/plain")
        except Exception as exc:  # an answer, never a dropped connection
            sys.stderr.write(f"auditor serve: internal error on {path}: {type(exc).__name__}: {exc}\n")
            self._send(500, f"Error: Internal Error: {type(exc).__name__}", "text/plain")


class Server(ThreadingHTTPServer):
    """A threading HTTP server sharing one CheckService."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], service: CheckService, *, allow_origin: str | None = None,
                 max_bytes: int | None = None, verbose: bool = False):
        self.service = service
        self.allow_origin = allow_origin
        # a form-encoded character takes at most 12 bytes (%XX for 4 UTF-8 bytes); room for other fields
        self.max_bytes = max_bytes or service.max_text_length * 12 + 65536
        self.verbose = verbose
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)


def make_server(engine: Engine, host: str = "127.0.0.1", port: int = 8010, **options) -> Server:
    """Build (not start) a server answering LanguageTool's API with an engine."""
    server_opts = {k: options.pop(k) for k in ("allow_origin", "max_bytes", "verbose") if k in options}
    service = CheckService(engine, **options)
    return Server((host, port), service, **server_opts)
