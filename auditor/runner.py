"""Run an audit of paths with a configuration: locally now, in worker processes or on Dask later."""
from __future__ import annotations

from .api import engine_for
from .config import Config
from .engine import Engine, load_documents
from .model import Report


def audit(paths, config: Config) -> tuple[Report, Engine]:
    """Read and audit the paths as one corpus; return the report and the engine used."""
    engine = engine_for(config)
    docs, errors = load_documents(paths, config)
    return engine.audit(docs, errors), engine
