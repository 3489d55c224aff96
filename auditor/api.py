"""The Python API: audit text or files from a CMS, a notebook or a pipeline."""
from __future__ import annotations

from typing import Iterable

from .config import Config
from .documents import Document
from .engine import Engine, load_documents
from .model import DocumentReport, Report

_ENGINES: dict[Config, Engine] = {}


def engine_for(config: Config | None = None) -> Engine:
    """Return a cached engine for a configuration (rule loading is the costly part)."""
    config = config or Config()
    key = config if not config.options else None
    if key is not None and key in _ENGINES:
        return _ENGINES[key]
    engine = Engine(config)
    if key is not None:
        _ENGINES[key] = engine
    return engine


def audit_text(text: str, *, path: str | None = None, kind: str | None = None,
               config: Config | None = None) -> DocumentReport:
    """Audit one article given as text; kind is txt, md or html (from path's suffix by default)."""
    from .documents import kind_of

    name = path or "<text>"
    doc = Document.from_text(text, path=name, kind=kind or kind_of(name))
    return engine_for(config).audit([doc]).documents[0]


def audit_paths(paths: Iterable[str], *, config: Config | None = None) -> Report:
    """Audit files and folders together as one corpus; unreadable files land in report.errors."""
    config = config or Config()
    docs, errors = load_documents(paths, config)
    return engine_for(config).audit(docs, errors)
