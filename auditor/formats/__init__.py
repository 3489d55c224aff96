"""Output formats: one module per format, each with render(report, engine) -> str."""
from __future__ import annotations

import importlib

FORMATS = ("text", "json", "markdown", "html", "sarif", "github")


def render(name: str, report, engine, **options) -> str:
    """Render a report in a named format."""
    module = importlib.import_module(f"{__name__}.{'json_' if name == 'json' else name}")
    return module.render(report, engine, **options)


def render_chunks(name: str, report, engine, **options):
    """Render a report in a named format as pieces of text, for formats that can stream (JSON)."""
    module = importlib.import_module(f"{__name__}.{'json_' if name == 'json' else name}")
    if hasattr(module, "chunks"):
        return module.chunks(report, engine, **options)
    return iter([module.render(report, engine, **options)])


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
