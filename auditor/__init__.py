"""auditor: audits news articles for translation artifacts and quality problems."""
from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing itself is not imported: `import auditor` must stay cheap

__version__ = "0.1.0"

# The public API, imported on first use so that `import auditor` stays cheap.
_EXPORTS = {
    "audit_text": "api", "audit_paths": "api", "apply_fixes": "api", "engine_for": "api",
    "FixResult": "api", "Config": "config", "Finding": "model", "DocumentReport": "model",
    "Report": "model", "Edit": "fixes", "AuditorError": "errors",
}
__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # pragma: no cover
    from .api import FixResult, apply_fixes, audit_paths, audit_text, engine_for
    from .config import Config
    from .errors import AuditorError
    from .fixes import Edit
    from .model import DocumentReport, Finding, Report


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'auditor' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
