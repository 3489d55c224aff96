"""Safe file writing: a temporary file beside the target, fsync, then an atomic rename."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable


def atomic_write(path: Path, text: str | Iterable[str], encoding: str = "utf-8", bom: bool = False) -> None:
    """Replace path's content so that a crash leaves either the old or the new file whole.

    text may be one string or pieces written in turn. The file's permission bits are kept; line
    endings are written exactly as given.
    """
    path = Path(path)
    mode = None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            if bom:
                handle.write(b"\xef\xbb\xbf")
            for piece in [text] if isinstance(text, str) else text:
                handle.write(piece.encode(encoding))
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise

