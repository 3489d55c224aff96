"""LanguageTool as an optional backend: its matches become findings, merged with auditor's own."""
from __future__ import annotations

import os
import re
import shutil
import sys
import threading
from bisect import bisect_left, bisect_right
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from . import __version__, fingerprint
from .documents import Document
from .model import Finding

PREFIX = "LT:"
OFF = ("off", "none", "no", "false", "0")
LOCAL = "local"
DEFAULT_LANGUAGE = "en-US"
DEFAULT_TIMEOUT = 30.0
MAX_SUGGESTIONS = 5
_TAG = re.compile(r"</?suggestion>")


# ---- units: LanguageTool counts UTF-16 code units (Java chars), auditor counts code points ----
class Utf16:
    """Convert offsets between code points and UTF-16 code units of one text."""

    def __init__(self, text: str):
        wide = [i for i, c in enumerate(text) if ord(c) > 0xFFFF] if not text.isascii() else []
        self.wide = wide                                       # code-point offsets of non-BMP characters
        self.ends = [w + k + 2 for k, w in enumerate(wide)]    # UTF-16 offset just past each of them

    def to_utf16(self, cp: int) -> int:
        """Return the UTF-16 offset of a code-point offset."""
        return cp + bisect_left(self.wide, cp)

    def to_cp(self, unit: int) -> int:
        """Return the code-point offset of a UTF-16 offset (inside a surrogate pair: just after it)."""
        return unit - bisect_right(self.ends, unit)


def utf16_len(text: str) -> int:
    """Return the length of a text in UTF-16 code units."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


# ---- mapping LanguageTool's matches onto auditor's categories --------------------------
def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def category_of(issue_type: str | None, category_id: str | None) -> str:
    """Return auditor's category for a LanguageTool issue type and category id."""
    issue = (issue_type or "").lower()
    cat = (category_id or "").upper()
    if cat == "FALSE_FRIENDS":
        return "mt.false-friend"
    if issue == "misspelling" or cat == "TYPOS":
        family = "spelling"
    elif cat in ("PUNCTUATION", "TYPOGRAPHY") or issue in ("typographical", "whitespace"):
        family = "punctuation"
    else:
        family = "grammar"
    sub = _slug(cat)
    return f"{family}.{sub}" if sub and sub != family else family


def to_finding(match: dict[str, Any], units: Utf16) -> Finding:
    """Turn one match of LanguageTool's /v2/check answer into a finding (offsets in code points)."""
    rule = match.get("rule") or {}
    category = rule.get("category") or {}
    rule_id = str(rule.get("id") or "UNKNOWN")
    offset, length = int(match["offset"]), int(match["length"])
    start, end = units.to_cp(offset), units.to_cp(offset + length)
    suggestions = tuple(str(r.get("value", "")) for r in (match.get("replacements") or [])[:MAX_SUGGESTIONS]
                        if isinstance(r, dict))
    message = _TAG.sub('"', str(match.get("message") or rule.get("description") or rule_id))
    reference = {"rule": rule_id, "issueType": rule.get("issueType"), "category": category.get("id")}
    if rule.get("subId"):
        reference["subId"] = rule["subId"]
    if rule.get("description"):
        reference["description"] = rule["description"]
    urls = [u.get("value") for u in rule.get("urls") or [] if isinstance(u, dict) and u.get("value")]
    if urls:
        reference["url"] = urls[0]
    return Finding(
        rule=PREFIX + rule_id, name=_slug(rule_id), category=category_of(rule.get("issueType"), category.get("id")),
        severity="minor", start=start, end=max(start, end), message=message, suggestions=suggestions,
        data={"languagetool": reference},
    )


def findings_from(answer: dict[str, Any], text: str) -> list[Finding]:
    """Turn a whole /v2/check answer for a text into findings in code points of that text."""
    units = Utf16(text)
    return [to_finding(m, units) for m in answer.get("matches") or [] if isinstance(m, dict)]


# ---- merging ---------------------------------------------------------------------------
def _overlap(a: Finding, b: Finding) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def duplicates(own: Finding, theirs: Finding) -> bool:
    """Whether a LanguageTool finding repeats one of auditor's: overlapping, same family or same fix."""
    if not _overlap(own, theirs):
        return False
    return own.family == theirs.family or bool(set(own.suggestions) & set(theirs.suggestions))


def merge(own: list[Finding], theirs: Iterable[Finding]) -> list[Finding]:
    """Add LanguageTool's findings to auditor's; where they duplicate, auditor's wins and keeps a reference."""
    merged = list(own)
    extra: list[Finding] = []
    for t in theirs:
        hits = [i for i, f in enumerate(own) if duplicates(f, t)]
        # the reference goes to the closest duplicates: the same span, else the same family
        for closer in (lambda f: (f.start, f.end, f.family) == (t.start, t.end, t.family),
                       lambda f: (f.start, f.end) == (t.start, t.end), lambda f: f.family == t.family):
            if any(closer(own[i]) for i in hits):
                hits = [i for i in hits if closer(own[i])]
                break
        for i in hits:
            f = merged[i]
            refs = list(f.data.get("languagetool", []))
            refs.append({"rule": t.rule, "message": t.message, "suggestions": list(t.suggestions)})
            merged[i] = replace(f, data={**f.data, "languagetool": refs})
        if not hits:
            extra.append(t)
    return merged + extra


# ---- finding a server ------------------------------------------------------------------
def local_install():
    """Return language-tool-python's newest local LanguageTool install, or None (never downloads)."""
    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    if not folder.is_dir() or not any(folder.glob("LanguageTool-*")) or not shutil.which("java"):
        return None
    try:
        from language_tool_python.download_lt import LocalLanguageTool
    except ImportError:  # pragma: no cover - older language-tool-python
        return None
    return LocalLanguageTool.get_latest_installed_version()


class Unavailable(Exception):
    """LanguageTool cannot be used for this run; the text is the one-line reason."""

    def __init__(self, reason: str, hint: bool = False):
        super().__init__(reason)
        self.hint = hint        # only a hint (nothing was configured): said on terminals only


class Backend:
    """A LanguageTool server asked once per article; says in one line when it cannot be used."""

    def __init__(self, setting: str | None = None, options: dict | None = None, stream=None):
        options = options or {}
        self.setting = setting                      # a URL, "local", or None (look for a local install)
        self.language = str(options.get("language", DEFAULT_LANGUAGE))
        self.timeout = float(options.get("timeout", DEFAULT_TIMEOUT))
        disabled = options.get("disabled-rules", options.get("disabledRules", ()))
        self.disabled = [disabled] if isinstance(disabled, str) else list(disabled)
        self.stream = stream
        self.url: str | None = None
        self.languages: set[str] = set()
        self._tool = None
        self._state = "new"                         # new | ready | off
        self._said = False
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:
        """Pickle for worker processes: settings travel, the connection and lock are made anew."""
        state = {k: v for k, v in self.__dict__.items() if k not in ("_tool", "_lock", "stream")}
        state["_state"] = "off" if self._state == "off" else "new"
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _tool=None, _lock=threading.Lock(), stream=None)

    @classmethod
    def from_config(cls, config) -> "Backend | None":
        """Return the backend a configuration asks for; None when it says languagetool = "off"."""
        setting = (config.languagetool or "").strip() or None
        if setting and setting.lower() in OFF:
            return None
        options = config.options.get("LT") or config.options.get("languagetool") or {}
        return cls(setting, options if isinstance(options, dict) else {})

    # ---- status ----------------------------------------------------------------------
    def say(self, text: str) -> None:
        """Print one line on stderr, once per run."""
        if self._said:
            return
        self._said = True
        print(f"auditor: {text}", file=self.stream or sys.stderr, flush=True)

    def ready(self) -> bool:
        """Connect on first use; False (after saying why, once) when LanguageTool cannot be used."""
        if self._state == "new":
            with self._lock:
                if self._state == "new":
                    try:
                        self._connect()
                        self._state = "ready"
                    except Unavailable as exc:
                        self._state = "off"
                        stream = self.stream or sys.stderr
                        if not exc.hint or (hasattr(stream, "isatty") and stream.isatty()):
                            self.say(f"{exc}; auditor carries on with its own checks")
        return self._state == "ready"

    def _connect(self) -> None:
        if self.setting is None or self.setting.lower() == LOCAL:
            install = local_install()
            if install is None:
                if self.setting is None:
                    raise Unavailable('LanguageTool not configured (--languagetool URL, or languagetool = "URL" '
                                      'in the configuration; "off" silences this)', hint=True)
                raise Unavailable("LanguageTool not found: no local install in language-tool-python's folder "
                                  "(LTP_PATH) or no Java")
            where = f"local LanguageTool {install.version_name} ({install.get_directory_path()})"
            kwargs: dict[str, Any] = {"language_tool_download_version": install.version_name}
        else:
            where = f"LanguageTool at {self.setting}"
            kwargs = {"remote_server": self.setting}
        try:
            import language_tool_python as ltp
        except ImportError:  # pragma: no cover - a declared dependency
            raise Unavailable("LanguageTool not used: language-tool-python is not installed") from None

        class Tool(ltp.LanguageTool):
            _TIMEOUT = self.timeout

        try:
            tool = Tool(self.language, **kwargs)
        except Exception as exc:  # connection refused, timeout, bad answer, Java failing to start
            failed = "could not be started" if "remote_server" not in kwargs else "not reachable"
            raise Unavailable(f"{where} {failed} ({_reason(exc)})") from None
        self._tool = tool
        self.url = getattr(tool, "url", None) or tool._url
        tag = tool.language
        self.language = str(tag)
        self.languages = set(getattr(tag, "languages", ()) or ())

    # ---- asking ------------------------------------------------------------------------
    def mother_tongue(self, code: str | None) -> str | None:
        """Return the server's code for a source language, or None when it does not know it."""
        if not code:
            return None
        wanted = code.lower().replace("_", "-")
        known = {lang.lower(): lang for lang in self.languages if lang}
        if wanted in known:
            return known[wanted]
        return next((known[k] for k in sorted(known) if k.split("-")[0] == wanted), None)

    def check(self, text: str, mother_tongue: str | None = None) -> dict[str, Any]:
        """POST a text to /v2/check and return LanguageTool's JSON answer."""
        import requests

        params = {"language": self.language, "text": text}
        mt = self.mother_tongue(mother_tongue)
        if mt:
            params["motherTongue"] = mt
        if self.disabled:
            params["disabledRules"] = ",".join(self.disabled)
        response = requests.post(self.url + "check", data=params, timeout=self.timeout,
                                 headers={"User-Agent": f"auditor/{__version__}"})
        if response.status_code != 200:
            raise ValueError(f"HTTP {response.status_code}: {response.text.strip()[:160]}")
        return response.json()

    def findings(self, doc: Document, mother_tongue: str | None = None) -> list[Finding]:
        """LanguageTool's findings on a document's prose, in source offsets; [] when it cannot be asked."""
        if not doc.prose.strip() or not self.ready():
            return []
        import requests

        try:
            answer = self.check(doc.prose, mother_tongue)
        except requests.ConnectionError as exc:
            self._state = "off"
            self.say(f"LanguageTool at {self.url} stopped answering ({_reason(exc)}); "
                     "auditor carries on with its own checks")
            return []
        except (requests.RequestException, ValueError) as exc:
            self.say(f"LanguageTool at {self.url} could not check {doc.path} ({exc}); "
                     "auditor carries on with its own checks")
            return []
        found = findings_from(answer, doc.prose)
        if doc.prose_map is None:
            return found
        return [f.moved(*doc.to_source(f.start, f.end)) for f in found]

    def answers(self, select=(), ignore=(), extend=()) -> bool:
        """Whether merge() may ask LanguageTool anything: its rules selected and a server that answers."""
        return _wanted(select, ignore, extend) and self.ready()

    def merge(self, doc: Document, findings: list[Finding], rules, select=(), ignore=(),
              extend=()) -> list[Finding]:
        """Ask LanguageTool about a document (motherTongue from auditor's fingerprint) and merge."""
        from .packs import selected

        if not doc.prose.strip() or not self.answers(select, ignore, extend):
            return findings   # (the fingerprint is read only for a LanguageTool that answers)
        source, _ = fingerprint.source_language(findings, doc.words, rules)
        theirs = [f for f in self.findings(doc, source) if selected(f.rule, select, ignore, extend=extend)]
        return merge(findings, theirs) if theirs else findings

    def close(self) -> None:
        if self._tool is not None:
            self._tool.close()


def _reason(exc: BaseException) -> str:
    """Return the gist of a connection failure for a one-line message."""
    text = " ".join(str(e) for e in (exc, exc.__cause__, exc.__context__) if e is not None)
    errno = re.search(r"\[Errno -?\d+\] ([^'\")(]+)", text)
    if errno:
        return errno.group(1).strip().lower()
    if "timed out" in text.lower() or "timeout" in text.lower():
        return "timed out"
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return first[:120]


def _wanted(select: Iterable[str], ignore: Iterable[str], extend: Iterable[str] = ()) -> bool:
    """Whether select/ignore/extend-select leave any LanguageTool rule in."""
    select, ignore, extend = list(select), list(ignore), list(extend)
    if any(PREFIX.startswith(p) for p in ignore) and not any(p.startswith(PREFIX) for p in select + extend):
        return False
    return not select or any(p.startswith(PREFIX) or PREFIX.startswith(p) for p in select + extend)
