"""What the server keeps between edits: settings, engines, and the parsed articles of each folder."""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from .. import config as config_mod
from ..config import Config
from ..deadline import time_limit
from ..documents import SUFFIXES, Document, kind_of, read_document
from ..engine import Article, Engine
from ..errors import AuditorError, InputError
from ..incremental import ParagraphMemo
from ..model import DocumentReport

log = logging.getLogger(__name__)

LANGUAGE_KINDS = {"plaintext": "txt", "text": "txt", "markdown": "md", "html": "html"}
MAX_CORPUS_FILES = 2000        # articles read from one workspace folder at most
LISTING_TTL = 5.0              # seconds before a folder is listed again
SKIP_DIRS = {"node_modules", "__pycache__", "site-packages", "venv"}
CONFIG_NAMES = {".auditor.toml", "pyproject.toml", "setup.cfg"}


def _codes(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return tuple(str(v) for v in value if str(v).strip())


@dataclass(frozen=True)
class Settings:
    """Editor settings: the `auditor` section of initializationOptions or workspace configuration."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    unsafe_fixes: bool | None = None  # source.fixAll applies every fix (None: the settings file decides)
    packs: tuple[str, ...] = ()
    config: str | None = None      # a settings file to use instead of discovering one
    debounce: float = 0.05         # seconds to wait after a keystroke before auditing
    timeout: float = 30.0          # seconds an audit may take before it is stopped (as `serve --timeout`)

    @classmethod
    def parse(cls, raw: Any, base: "Settings | None" = None) -> "Settings":
        """Read settings given as {"auditor": {...}} or as the bare section; unknown keys are ignored."""
        base = base or cls()
        if not isinstance(raw, dict):
            return base
        section = raw.get("auditor", raw)
        if not isinstance(section, dict):
            return base
        values: dict[str, Any] = {}
        for key in ("select", "ignore", "packs"):
            if key in section:
                values[key] = _codes(section[key]) if key != "packs" else tuple(
                    str(p) for p in (section[key] or ()) if str(p).strip())
        for key, names in (("extend_select", ("extendSelect", "extend-select", "extend_select")),
                           ("extend_ignore", ("extendIgnore", "extend-ignore", "extend_ignore"))):
            for name in names:
                if name in section:
                    values[key] = _codes(section[name])
        for name in ("unsafeFixes", "unsafe-fixes", "unsafe_fixes"):
            if name in section:
                values["unsafe_fixes"] = None if section[name] is None else bool(section[name])
        if "config" in section or "configFile" in section:
            values["config"] = section.get("config", section.get("configFile")) or None
        if "debounce" in section:
            try:
                values["debounce"] = max(0.0, float(section["debounce"]) / 1000.0)
            except (TypeError, ValueError):
                log.warning("auditor.debounce must be a number of milliseconds")
        if "timeout" in section:
            try:
                timeout = float(section["timeout"])
                if not 0 < timeout < float("inf"):
                    raise ValueError
                values["timeout"] = timeout
            except (TypeError, ValueError):
                log.warning("auditor.timeout must be a positive number of seconds")
        return replace(base, **values)


@dataclass
class OpenDocument:
    """A snapshot of an editor buffer."""

    uri: str
    path: str              # file-system path, or the URI for unsaved buffers
    version: int | None
    text: str
    kind: str


def kind_for(path: str, language_id: str | None) -> str | None:
    """Return txt, md or html for a buffer auditor reads, None for any other."""
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return kind_of(path)
    if not suffix and language_id in LANGUAGE_KINDS:
        return LANGUAGE_KINDS[language_id]
    return None


@dataclass
class _Listing:
    at: float
    files: list[str]


@dataclass
class _Cached:
    stamp: Any
    article: Article   # the parsed article and what the engine keeps of it


class State:
    """Settings, engines by configuration, and parsed articles with their per-article findings."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.folders: list[str] = []
        self._configs: dict[str, Config] = {}
        self._engines: dict[tuple, Engine] = {}
        self._listings: dict[str, _Listing] = {}
        self._disk: dict[str, _Cached] = {}
        self._open: dict[str, _Cached] = {}

    # ---- settings -----------------------------------------------------------
    def configure(self, raw: Any) -> None:
        self.settings = Settings.parse(raw, self.settings)
        self.forget_configs()

    def forget_configs(self) -> None:
        self._configs.clear()
        self._engines.clear()

    def root_of(self, path: str) -> str | None:
        """Return the workspace folder holding a path (the innermost one), None outside them all."""
        best = None
        for folder in self.folders:
            try:
                Path(path).resolve().relative_to(Path(folder).resolve())
            except ValueError:
                continue
            if best is None or len(folder) > len(best):
                best = folder
        return best

    def config_for(self, path: str) -> Config:
        """Return the project's settings for a file with the editor's settings laid over them."""
        start = path if os.path.isabs(path) else (self.folders[0] if self.folders else os.getcwd())
        folder = str(Path(start).parent if not Path(start).is_dir() else Path(start))
        if folder in self._configs:
            return self._configs[folder]
        s = self.settings
        base = config_mod.load(s.config) if s.config else config_mod.discover(folder)
        root = Path(self.root_of(folder) or folder)
        packs = tuple(base.packs) + tuple(str((root / p).resolve()) for p in s.packs)
        config = base.selecting(s.select, s.ignore, s.extend_select, s.extend_ignore).merged(
            packs=packs, jobs=1, engine="local", unsafe_fixes=s.unsafe_fixes)
        self._configs[folder] = config
        return config

    def engine_for(self, config: Config) -> Engine:
        key = (config, json.dumps(config.options, sort_keys=True, default=str))
        engine = self._engines.get(key)
        if engine is None:
            engine = self._engines[key] = Engine(config)
        return engine

    # ---- articles ---------------------------------------------------------
    def listing(self, root: str, refresh: bool = False) -> list[str]:
        """Return the articles under a folder (hidden and tool folders skipped), listed at most every few seconds."""
        cached = self._listings.get(root)
        if cached and not refresh and time.monotonic() - cached.at < LISTING_TTL:
            return cached.files
        files: list[str] = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
            for name in sorted(filenames):
                if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                    files.append(str(Path(dirpath) / name))
            if len(files) >= MAX_CORPUS_FILES:
                log.warning("%s: more than %d articles; cross-article checks use the first ones", root,
                            MAX_CORPUS_FILES)
                files = files[:MAX_CORPUS_FILES]
                break
        self._listings[root] = _Listing(time.monotonic(), files)
        return files

    def forget_listings(self) -> None:
        self._listings.clear()

    def _disk_doc(self, path: str, max_size: int) -> _Cached | None:
        try:
            st = os.stat(path)
        except OSError:
            self._disk.pop(path, None)
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        cached = self._disk.get(path)
        if cached is None or cached.stamp != stamp:
            try:
                cached = _Cached(stamp, Article(read_document(path, max_size)))
            except InputError:
                self._disk.pop(path, None)
                return None
            self._disk[path] = cached
        return cached

    def _open_doc(self, od: OpenDocument) -> _Cached:
        stamp = (od.version, len(od.text), hash(od.text))
        cached = self._open.get(od.uri)
        if cached is None or cached.stamp != stamp:
            doc = Document.from_text(od.text, path=od.path, kind=od.kind)
            # the last version's paragraph findings are reused where its paragraphs are unchanged
            article = cached.article.edited(doc) if cached is not None else Article(doc, ParagraphMemo())
            cached = _Cached(stamp, article)
            self._open[od.uri] = cached
        return cached

    def close(self, uri: str) -> None:
        self._open.pop(uri, None)

    # ---- auditing ---------------------------------------------------------
    def audit(self, target: OpenDocument, others: Iterable[OpenDocument] = ()) -> list[tuple[OpenDocument, DocumentReport]]:
        """Audit an open article with the other articles of its folder as the corpus.

        Returns a report for the target and, when cross-article checks ran, for every other open
        article of that folder sharing its settings (their findings may have changed too). An audit
        that runs over the `timeout` setting stops between two checks with OutOfTime.
        """
        config = self.config_for(target.path)
        if len(target.text) > config.max_size:
            raise AuditorError(f"{target.path}: over the {config.max_size / 1e6:.1f} MB limit (max-size); not audited")
        engine = self.engine_for(config)   # loading rules is not the article's time
        with time_limit(self.settings.timeout):
            return self._audit(target, others, config, engine)

    def _audit(self, target: OpenDocument, others: Iterable[OpenDocument], config: Config,
               engine: Engine) -> list[tuple[OpenDocument, DocumentReport]]:
        cached = self._open_doc(target)
        if not engine.has_corpus_steps:
            return [(target, engine.audit_articles([cached.article]).documents[0])]
        root = self.root_of(target.path) if os.path.isabs(target.path) else None
        group = [target] + [o for o in others if o.uri != target.uri
                            and (self.root_of(o.path) if os.path.isabs(o.path) else None) == root
                            and self.config_for(o.path) == config]
        entries: list[tuple[OpenDocument | None, _Cached]] = [(o, self._open_doc(o)) for o in group]
        if root is not None:
            open_paths = {os.path.realpath(o.path) for o in group}
            for path in self.listing(root):
                if os.path.realpath(path) in open_paths:
                    continue
                disk = self._disk_doc(path, config.max_size)
                if disk is not None:
                    entries.append((None, disk))
        shown = [i for i, (o, _c) in enumerate(entries) if o is not None]
        report = engine.audit_articles([c.article for _o, c in entries], report=shown)
        return [(entries[i][0], r) for i, r in zip(shown, report.documents)]


def is_config_file(path: str) -> bool:
    return Path(path).name in CONFIG_NAMES

