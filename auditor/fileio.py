"""Safe file writing: a temporary file beside the target, fsync, then an atomic rename.

The file written is the one a symbolic link points to; a file with hard links is rewritten in
place so every link keeps the new text; the owner, group and permission bits are kept. Temporary
files left by a killed run are removed the next time the file is written or fixed.
"""
from __future__ import annotations

import glob
import os
import stat
import time
from pathlib import Path
from typing import Iterable

STALE_SECONDS = 600   # a temporary file of a dead run, or one this old, is left over


def _encoded(text: str | Iterable[str], encoding: str, bom: bool) -> Iterable[bytes]:
    if bom:
        yield b"\xef\xbb\xbf"
    for piece in [text] if isinstance(text, str) else text:
        yield piece.encode(encoding)


def atomic_write(path: Path, text: str | Iterable[str], encoding: str = "utf-8", bom: bool = False) -> None:
    """Replace path's content so that a crash leaves either the old or the new file whole.

    text may be one string or pieces written in turn. Line endings are written exactly as given.
    A device or pipe (not a regular file) is written to directly.
    """
    path = Path(os.path.realpath(path))   # through symbolic links, to the file they name
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        with open(path, "wb") as handle:
            for chunk in _encoded(text, encoding, bom):
                handle.write(chunk)
        return
    if st is not None and st.st_nlink > 1:
        _write_in_place(path, _encoded(text, encoding, bom))
        return
    clean_stale(path)
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile   # only where a file is replaced (not for a device such as /dev/null)

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in _encoded(text, encoding, bom):
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if st is not None and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except PermissionError:   # only the owner's group may be ours to give
                try:
                    os.chown(tmp, -1, st.st_gid)
                except PermissionError:
                    pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _write_in_place(path: Path, chunks: Iterable[bytes]) -> None:
    """Rewrite a hard-linked file through its own inode, so every name of it sees the new text."""
    data = b"".join(chunks)
    with open(path, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(path: str | Path) -> list[str]:
    """Remove the temporary files a killed write of path left beside it; return their names."""
    path = Path(path)
    removed = []
    now = time.time()
    for tmp in glob.glob(os.path.join(glob.escape(str(path.parent)), glob.escape(f".{path.name}.") + "*.tmp")):
        middle = os.path.basename(tmp)[len(path.name) + 2:-4]
        pid = middle.split(".", 1)[0]
        try:
            st = os.lstat(tmp)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        dead = pid.isdigit() and "." in middle and not _alive(int(pid))
        if dead or now - st.st_mtime > STALE_SECONDS:
            try:
                os.unlink(tmp)
                removed.append(tmp)
            except OSError:
                pass
    return removed
