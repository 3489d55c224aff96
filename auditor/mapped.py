"""Read-only word tables kept as files in the user cache and memory-mapped, never unpacked.

A table is a marisa-trie of its keys (a key's id is its place) beside one column of values by id:
numbers in a machine array, or strings and small marshalled values in one blob with an offset array.
Opening one maps its files (microseconds, no memory until read); a lookup reads a few pages. The
tables are built once, from the packages they come from, into a folder named by everything they
are built from, and written whole into a temporary folder that is then renamed into place.
"""
from __future__ import annotations

import marshal
import mmap
import os
import shutil
import threading
from array import array
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

import marisa_trie


def _map(path: Path) -> memoryview:
    with path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            return memoryview(b"")
        return memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))


class _Keyed:
    """The keys of a table: its trie."""

    __slots__ = ("trie", "_id")

    def __contains__(self, key: str) -> bool:
        return key in self.trie

    def __len__(self) -> int:
        return len(self.trie)

    def __iter__(self) -> Iterator[str]:
        return iter(self.trie)


class Numbers(_Keyed):
    """A str -> number table (a trie and an array of one type code by key id)."""

    __slots__ = ("values",)

    def __init__(self, folder: Path, name: str):
        self.trie = marisa_trie.Trie()
        self.trie.mmap(str(folder / f"{name}.trie"))
        code = (folder / f"{name}.type").read_text().strip()
        self.values = _map(folder / f"{name}.values").cast(code)
        self._id = self.trie.get

    def get(self, key: str, default=None):
        i = self._id(key)
        return default if i is None else self.values[i]

    def __getitem__(self, key: str):
        i = self._id(key)
        if i is None:
            raise KeyError(key)
        return self.values[i]

    def items(self) -> Iterator[tuple[str, object]]:
        values = self.values
        return ((k, values[i]) for k, i in self.trie.iteritems())


class Blobs(_Keyed):
    """A str -> str (or marshalled value) table: a trie, byte offsets by key id and one blob."""

    __slots__ = ("offsets", "blob", "_decode")

    def __init__(self, folder: Path, name: str, decode: Callable[[bytes], object] | None = None):
        self.trie = marisa_trie.Trie()
        self.trie.mmap(str(folder / f"{name}.trie"))
        self.offsets = _map(folder / f"{name}.offsets").cast("Q")
        self.blob = _map(folder / f"{name}.blob")
        self._id = self.trie.get
        self._decode = decode or (lambda b: str(b, "utf-8"))

    def get(self, key: str, default=None):
        i = self._id(key)
        if i is None:
            return default
        return self._decode(self.blob[self.offsets[i]:self.offsets[i + 1]])

    def __getitem__(self, key: str):
        i = self._id(key)
        if i is None:
            raise KeyError(key)
        return self._decode(self.blob[self.offsets[i]:self.offsets[i + 1]])

    def items(self) -> Iterator[tuple[str, object]]:
        return ((k, self[k]) for k in self.trie)


def unmarshal(b) -> object:
    return marshal.loads(b)


def stamp(package: str, *files: str) -> tuple:
    """The sizes of a package's files (its module file when none is named), found without importing
    the package: a cache key that changes when the package is upgraded, and the same for two installs
    of one release (modification times are not: each install has its own)."""
    from importlib.util import find_spec

    spec = find_spec(package)
    origin = spec.origin if spec is not None and spec.origin else ""
    out = []
    for name in files or (os.path.basename(origin),):
        try:
            out.append((package, name, os.stat(os.path.join(os.path.dirname(origin), name)).st_size))
        except OSError:
            out.append((package, name, None))
    return tuple(out)


def own_code(*files: str) -> str:
    """A hash of the contents of auditor's own modules (paths below the package) that work a table out:
    a cache key that changes with their logic, a threshold edited in place included (sizes would not)."""
    import hashlib

    digest = hashlib.sha1()
    for name in files:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


# ---- writing ---------------------------------------------------------------------------------
def write_numbers(folder: Path, name: str, items: Iterable[tuple[str, float]], code: str) -> None:
    pairs = dict(items)
    trie = marisa_trie.Trie(pairs)
    values = array(code, bytes(array(code).itemsize * len(trie)))
    for key, i in trie.iteritems():
        values[i] = pairs[key]
    trie.save(str(folder / f"{name}.trie"))
    (folder / f"{name}.values").write_bytes(values.tobytes())
    (folder / f"{name}.type").write_text(code)


def write_blobs(folder: Path, name: str, items: Iterable[tuple[str, object]], encode=None) -> None:
    """Write a str -> value table; values are str (UTF-8) unless encode turns them into bytes."""
    pairs = dict(items)
    trie = marisa_trie.Trie(pairs)
    encode = encode or (lambda v: v.encode("utf-8"))
    keys = sorted(trie.iteritems(), key=lambda kv: kv[1])
    offsets = array("Q", [0])
    with (folder / f"{name}.blob").open("wb") as fh:
        at = 0
        for key, _i in keys:
            data = encode(pairs[key])
            fh.write(data)
            at += len(data)
            offsets.append(at)
    trie.save(str(folder / f"{name}.trie"))
    (folder / f"{name}.offsets").write_bytes(offsets.tobytes())


_BUILD_LOCK = threading.Lock()


def cached_folder(where: Path | None, stem: str, key: str, build: Callable[[Path], None]) -> Path:
    """Return the folder of tables ``stem-key`` in ``where``, building it first when it is missing.

    build(folder) writes the tables; the folder is complete once it has its name (a ``done`` file is
    written last, and a folder without it is rebuilt). Other versions of the stem are deleted.
    Without a cache folder (or a read-only one), the tables are built in a temporary folder that
    lives as long as the process. Processes that need the same missing tables at once build them
    once: the others wait for the first (a lock file beside the folder) and then read its copy.
    """
    with _BUILD_LOCK:
        if where is not None:
            final = where / f"{stem}-{key}"
            if (final / "done").is_file():
                return final
        with _process_lock(where, stem):
            return _build_folder(where, stem, key, build)


@contextmanager
def _process_lock(where: Path | None, stem: str) -> Iterator[None]:
    """Hold an exclusive lock on where/.stem.lock (nothing where locks cannot be taken)."""
    handle = None
    if where is not None:
        try:
            import fcntl

            where.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle = open(where / f".{stem}.lock", "a")
            fcntl.flock(handle, fcntl.LOCK_EX)
        except (ImportError, OSError):   # no fcntl (Windows), or a folder that cannot be written
            if handle is not None:
                handle.close()
                handle = None
    try:
        yield
    finally:
        if handle is not None:
            try:   # the folder is left as it was; a process that opened this file meanwhile finds the tables built
                os.unlink(handle.name)
            except OSError:
                pass
            handle.close()   # closing releases the lock


def _build_folder(where: Path | None, stem: str, key: str, build: Callable[[Path], None]) -> Path:
    import tempfile

    if where is not None:
        final = where / f"{stem}-{key}"
        if (final / "done").is_file():   # built by another process while this one waited
            return final
    tmp = None
    try:
        if where is None:
            raise OSError("no cache folder")
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = Path(tempfile.mkdtemp(prefix=f".{stem}-", dir=where))
    except OSError:
        import atexit

        folder = Path(tempfile.mkdtemp(prefix=f"auditor-{stem}-"))
        atexit.register(shutil.rmtree, folder, True)
        build(folder)
        (folder / "done").write_text("")
        return folder
    try:
        build(tmp)
        (tmp / "done").write_text("")
        if (final / "done").is_file():   # another process finished first: its copy is in use
            shutil.rmtree(tmp, ignore_errors=True)
            return final
        if final.exists():               # a half-written copy (a build cut off)
            shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not (final / "done").is_file():   # neither ours nor another process's copy
            raise
    import time

    try:   # another process may be pruning too: whatever it removed first is gone all the same
        for old in where.glob(f".{stem}-*"):   # builds cut off more than an hour ago
            if old != tmp and old.is_dir() and old.stat().st_mtime < time.time() - 3600:
                shutil.rmtree(old, ignore_errors=True)
        for old in where.glob(f"{stem}-*"):   # other versions, and the files of earlier releases
            if old.name != final.name:
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink(missing_ok=True)
    except OSError:
        pass
    return final
