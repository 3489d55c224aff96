"""Where auditor keeps what it builds once and reads at every start: validated packs, mapped tables, compiled programs."""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """Return the user cache folder ($AUDITOR_CACHE_DIR, "off" for none)."""
    setting = os.environ.get("AUDITOR_CACHE_DIR")
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "no") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "auditor"
