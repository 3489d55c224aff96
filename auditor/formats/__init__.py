"""Output formats: one module per format, each with render(report, engine) -> str."""
from __future__ import annotations

import importlib

FORMATS = ("text", "json", "markdown", "html", "sarif", "github")


def render(name: str, report, engine, **options) -> str:
    """Render a report in a named format."""
    module = importlib.import_module(f"{__name__}.{'json_' if name == 'json' else name}")
    return module.render(report, engine, **options)


def available() -> list[str]:
    """Return the formats whose module is present."""
    found = []
    for name in FORMATS:
        try:
            importlib.import_module(f"{__name__}.{'json_' if name == 'json' else name}")
        except ModuleNotFoundError:
            continue
        found.append(name)
    return found
