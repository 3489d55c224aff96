"""regex patterns compiled once, and kept compiled in the user cache.

A module may import this one in place of the regex module (``from .. import regexcache as re``): its
``compile`` is the one below, and every other name is regex's.

The regex module compiles a pattern in Python (it parses, optimises and emits the program its C engine
runs), which costs milliseconds a pattern: more, for the hundred patterns a short article needs, than
checking the article. What the engine is given is plain data (the program as integers, the group names,
the required string), so it is kept, one small marshal file a pattern, in a folder named by the regex
release, and handed to the engine directly next time. Anything unexpected (another regex release, a
damaged file, a pattern with named lists or locale-dependent flags) falls back to regex.compile.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import threading
from functools import lru_cache
from pathlib import Path

import regex
import regex._main as _main

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _folder() -> Path | None:
    from .mapped import stamp
    from .usercache import cache_dir

    where = cache_dir()
    if where is None:
        return None
    engine = _main._regex
    key = hashlib.sha1(repr(("regex programs 2", regex.__version__, regex.DEFAULT_VERSION,
                             stamp("regex", "_main.py", "_regex_core.py", os.path.basename(engine.__file__)),
                             getattr(engine, "MAGIC", None))).encode("utf-8")).hexdigest()[:16]
    folder = where / f"regex-{key}"
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except FileExistsError:
            pass
        except OSError:   # a read-only home: compile as usual
            return None
        for old in where.glob("regex-*"):   # the programs of other regex releases
            if old != folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return folder


class _Capture:
    """Stands in for the C engine module while regex compiles a pattern, to keep what it is handed."""

    def __init__(self, engine):
        self.engine, self.args = engine, None

    def __getattr__(self, name):
        return getattr(self.engine, name)

    def compile(self, *args):
        self.args = args
        return self.engine.compile(*args)


def __getattr__(name: str):
    return getattr(regex, name)


_COMPILED: dict[tuple[str, int], "regex.Pattern"] = {}   # this process's: many rules share a pattern


def compile(pattern: str, flags: int = 0, **kwargs) -> "regex.Pattern":
    """regex.compile(pattern, flags), from the kept program where there is one."""
    if kwargs or not isinstance(pattern, str):
        return regex.compile(pattern, flags, **kwargs)
    key = (pattern, int(flags))
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _COMPILED[key] = _compile(pattern, flags)
    return compiled


def _compile(pattern: str, flags: int) -> "regex.Pattern":
    folder = _folder()
    if folder is None:
        return regex.compile(pattern, flags)
    name = hashlib.sha1(repr((pattern, flags)).encode("utf-8")).hexdigest() + ".program"
    path = os.path.join(folder, name)   # plain strings: a Path costs more than reading the file
    try:
        with open(path, "rb") as fh:
            args = marshal.loads(fh.read())
        if args[0] == pattern:
            return _main._regex.compile(*args)
    except Exception:   # not kept yet (or damaged): compile it and keep it
        pass
    compiled, args = _captured(pattern, flags)
    if args is not None and args[0] == pattern and args[1] & flags == flags and not args[5] \
            and not compiled.flags & regex.LOCALE:   # its own program, without named lists
        try:
            tmp = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"
            with open(tmp, "wb") as fh:
                fh.write(marshal.dumps(args))
            os.replace(tmp, path)
        except (OSError, ValueError):   # read-only, or not marshallable: compile again next time
            pass
    return compiled


def _captured(pattern: str, flags: int) -> tuple["regex.Pattern", tuple | None]:
    """regex.compile(pattern, flags), and what it handed the C engine (None if it handed nothing)."""
    with _LOCK:
        capture = _Capture(_main._regex)
        _main._regex = capture
        try:
            compiled = regex.compile(pattern, flags, cache_pattern=False)
        finally:
            _main._regex = capture.engine
    # the flags are enum members: kept as the integers they are
    args = capture.args and tuple(int(a) if isinstance(a, int) and type(a) is not int else a for a in capture.args)
    return compiled, args


def program(pattern: str, flags: int = 0) -> tuple | None:
    """What the C engine runs for a pattern: its flags, program, groups and required string, not its text.

    Two patterns with the same program match alike (how verbose-mode rules are shown to equal their
    spaces-removed form). None when regex handed the engine nothing this module can read.
    """
    _compiled, args = _captured(pattern, flags)
    if args is None or args[0] != pattern:
        return None
    return (args[1] & ~int(regex.VERBOSE),) + args[2:]
