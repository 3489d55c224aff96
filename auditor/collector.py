"""Start-up without the cyclic garbage collector: what it builds lives to the end of the process.

Loading rules, their compiled checks and the modules they need makes tens of thousands of objects
that are never freed; each gathering of the collector in that time walks all of them and frees
nothing. ``hold`` pauses it; ``release`` moves what start-up built out of its sight (gc.freeze)
and resumes it, so later gatherings walk only what articles make.
"""
from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Pause the collector for a start-up, unless it is off already (then release leaves it off)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """End a start-up begun with hold: freeze what it built and let the collector run again.

    Only the process's first start-up is frozen: what later builds make (a server's engines, built
    again as settings change) is left to the collector, so that none of it outlives its use.
    """
    global _held
    if _held:
        _held = False
        if not gc.get_freeze_count():
            gc.freeze()
        gc.enable()
