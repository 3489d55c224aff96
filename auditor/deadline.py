"""A time limit on an audit, checked between checks: an audit past it stops with OutOfTime.

The limit belongs to the thread that set it (the language server's audit thread); the command
line and the worker processes of `serve` set none, so for them the checkpoints cost one lookup.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

_local = threading.local()


class OutOfTime(Exception):
    """An audit ran past the time limit its thread set."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the audits of this thread between two checks once `seconds` have passed (None: never)."""
    previous = getattr(_local, "deadline", None), getattr(_local, "seconds", None)
    _local.deadline = None if seconds is None else time.monotonic() + seconds
    _local.seconds = seconds
    try:
        yield
    finally:
        _local.deadline, _local.seconds = previous


def on_time() -> None:
    """Raise OutOfTime when this thread's time limit has passed."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise OutOfTime(f"the audit ran over {_local.seconds:g} s")
