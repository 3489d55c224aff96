"""Read articles from disk or stdin and give checks their prose, segmented once."""
from __future__ import annotations

import errno
import os
import re
import stat
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from . import segment
from .errors import InputError, shown

if TYPE_CHECKING:
    from .bilingual import Source

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx"}
BILINGUAL = ("xliff", "tmx")   # files that hold the source and its translation, segment by segment
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_LINE_END = re.compile(r"\r\n?|\n")
_FOLD = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u00a0": " ", "’": "'", "‘": "'",
                       "“": '"', "”": '"', "\u2011": "-"})
_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())


def _fold(text: str) -> str:
    """text.translate(_FOLD): one replace a character folded (each in C), not a table look-up a character."""
    for a, b in _FOLD_PAIRS:   # no replacement is another's key: the order does not matter
        if a in text:
            text = text.replace(a, b)
    return text


@dataclass(eq=False)
class Document:
    """One article: its decoded source text and the prose that checks read.

    ``prose`` is the text with markup removed; ``prose_map[i]`` is the source offset of
    ``prose[i]`` (None for plain text, where prose is the source itself).
    """

    path: str
    text: str
    kind: str = "txt"
    prose: str = ""
    prose_map: list[int] | None = None
    meta: dict = field(default_factory=dict)   # extras from the reader (HTML blocks, title...)

    def __post_init__(self) -> None:
        if self.prose_map is None and not self.prose:
            self.prose = self.text

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", kind: str = "txt", source=None) -> "Document":
        """Build a document from decoded text, extracting prose from Markdown, HTML or a bilingual file.

        ``source`` is the article's original (a bilingual.Source), for the checks that compare the two.
        """
        if kind == "txt":
            doc = cls(path=path, text=text, kind=kind, prose=text)
        elif kind in BILINGUAL:
            from .bilingual import read_bilingual

            prose, prose_map, source = read_bilingual(text, kind, path)
            doc = cls(path=path, text=text, kind=kind, prose=prose, prose_map=prose_map)
        else:
            from . import markup

            prose, prose_map, meta = markup.extract(text, kind)
            doc = cls(path=path, text=text, kind=kind, prose=prose, prose_map=prose_map, meta=meta)
        if source is not None:
            doc.meta["source"] = source
        return doc

    # ---- offsets -------------------------------------------------------------
    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a prose span to the source span it came from."""
        if self.prose_map is None:
            return start, end
        m = self.prose_map
        if start >= len(self.prose):
            s = m[-1] if m else len(self.text)
            return s, s
        s = m[start]
        e = m[end - 1] + 1 if end > start else s
        return s, max(s, e)

    def to_prose(self, source_offset: int) -> int:
        """Map a source offset to the nearest prose offset at or after it."""
        if self.prose_map is None:
            return source_offset
        from bisect import bisect_left

        return bisect_left(self.prose_map, source_offset, 0, len(self.prose))

    @cached_property
    def line_starts(self) -> list[int]:
        """Source offsets where each line starts (CRLF, CR and LF all end a line)."""
        return [0, *(m.end() for m in _LINE_END.finditer(self.text))]

    def line_col(self, offset: int) -> tuple[int, int]:
        return segment.line_col(self.line_starts, offset)

    # ---- segmentation, computed once and shared ------------------------------
    @cached_property
    def lines(self) -> list[segment.Span]:
        return segment.lines(self.prose)

    @cached_property
    def paragraphs(self) -> list[segment.Span]:
        return segment.paragraphs(self.prose, self.lines)

    @cached_property
    def sentences(self) -> list[segment.Span]:
        return segment.sentences(self.prose, self.paragraphs)

    @cached_property
    def tokens(self) -> segment.Tokens:
        return segment.tokens(self.prose)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Lower-cased word tokens, for cheap rule triggers."""
        return self.vocabulary_of(self.tokens.texts)

    @property
    def article(self) -> "Document":
        """The whole article: the document itself, unless it is a paragraph window of one (auditor/incremental.py)."""
        return self.__dict__.get("article", self)

    @cached_property
    def words(self) -> int:
        """Tokens holding a letter (counted without building the token list when it is not there)."""
        tokens = self.__dict__.get("tokens")
        return self.count_words(tokens.texts if tokens is not None else segment.TOKEN_RE.findall(self.prose))

    @staticmethod
    def vocabulary_of(texts: list[str]) -> frozenset[str]:
        """The lower-cased distinct token texts (’ read as ')."""
        unique = set(texts)
        # one lower() over the joined words: the same as word by word, without a call per word (a token
        # holds no line break, which bounds a final sigma as the end of a string does)
        return frozenset("\n".join(unique).lower().replace("’", "'").split("\n")) if unique else frozenset()

    @staticmethod
    def count_words(texts: list[str]) -> int:
        """How many of the token texts hold a letter."""
        return sum(1 for w in texts if w.isalpha() or any(c.isalpha() for c in w))

    def release(self) -> None:
        """Drop the token list, vocabulary and folded text, the bulk of a checked article's memory.

        They are rebuilt if asked for again; the corpus step and the report do not need them.
        """
        for name in _RELEASED:
            self.__dict__.pop(name, None)

    @cached_property
    def folded(self) -> str:
        """Prose lower-cased with quotes and white space folded, same length as prose."""
        lowered = self.prose.lower()
        if len(lowered) != len(self.prose):  # rare letters whose lower case is longer
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.prose)
        return _fold(lowered)

    @cached_property
    def plain(self) -> str:
        """Prose with quotes and white space folded but case kept, same length as prose."""
        return _fold(self.prose)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> segment.Span:
        """Return the sentence holding a prose offset (or an empty span there)."""
        i = bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset <= self.sentences[i].end:
            return self.sentences[i]
        return segment.Span(offset, offset)


_RELEASED = ("tokens", "vocabulary", "folded")


# ---- reading ----------------------------------------------------------------
def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (an optional BOM is dropped); refuse binary data and bad bytes."""
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(path, "binary file (contains NUL bytes), not an article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(path, f"invalid UTF-8 (byte 0x{data[exc.start]:02x})", line) from None


def kind_of(path: str, default: str = "txt") -> str:
    return SUFFIXES.get(Path(path).suffix.lower(), default)


def read_document(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
                  kind: str | None = None) -> Document:
    """Read one file into a Document, raising InputError with a one-line reason.

    Only regular files are read (a pipe or device could block or never end), and never more than
    max_bytes + 1 bytes of them, whatever size the file claims.
    """
    name = str(path)
    try:
        if name == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            name = "<stdin>"
        else:
            st = os.stat(path)
            if stat.S_ISDIR(st.st_mode):
                raise InputError(name, "is a folder")
            if not stat.S_ISREG(st.st_mode):
                raise InputError(name, f"not a regular file ({_file_type(st.st_mode)}): not read")
            if st.st_size > max_bytes:
                raise InputError(name, f"file is {st.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit (--max-size)")
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):   # swapped since the stat
                    raise InputError(name, "not a regular file: not read")
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file or folder") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder") from None
    except OSError as exc:
        raise InputError(name, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise InputError(name, f"input is over the {max_bytes / 1e6:.1f} MB limit (--max-size)")
    text = decode(data, name)
    try:
        return Document.from_text(text, path=name, kind=kind or kind_of(name))
    except RecursionError:
        raise InputError(name, "markup nested too deeply to read") from None


def read_source(path: str | Path, max_bytes: int, language: str | None = None) -> Source:
    """Read a source article (plain UTF-8 text) and tell its language."""
    from .bilingual import Source, detect_language, language_code

    if not Path(path).is_file():
        raise InputError(str(path), "source file not found")
    text = read_document(path, max_bytes, kind="txt").text
    lang = detect_language(text, language_code(language, "--source-language"))
    if lang == "und":
        raise InputError(str(path), "cannot tell the source's language; give it with --source-language")
    return Source(text=text, language=lang, path=str(path))


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


def expand_paths(paths: Iterable[str], problems: list[str] | None = None) -> Iterator[str]:
    """Yield article files: files as given, folders searched recursively, '-' for stdin.

    A missing path or a folder holding no articles raises InputError. In a folder, what cannot be
    read (a pipe or device, a subfolder without permission, a dangling or looping symbolic link) is
    skipped with a one-line reason added to problems.
    """
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            found, skipped = _walk(raw)
            if problems is not None:
                problems.extend(skipped)
            if not found and not skipped:
                raise InputError(raw, "folder holds no articles (.txt, .md, .html, .xlf, .tmx)")
            yield from found
        elif p.exists():
            yield raw
        elif p.is_symlink():
            raise InputError(raw, _broken_link(raw))
        else:
            raise InputError(raw, "no such file or folder")


def _broken_link(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop, skipped"
    return f"dangling symbolic link (to {shown(os.readlink(path))}), skipped"


def _walk(root: str) -> tuple[list[str], list[str]]:
    """The article files under a folder (sorted), and a line for each entry that had to be skipped."""
    found: list[str] = []
    skipped: list[str] = []

    def unreadable(exc: OSError) -> None:
        skipped.append(str(InputError(exc.filename or root, f"cannot list folder ({_os_reason(exc)}), skipped")))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for entry in [*files, *(d for d in dirs if os.path.islink(os.path.join(folder, d)))]:
            if entry.startswith("."):
                continue
            full = os.path.join(folder, entry)
            # NAME.source.txt is NAME.txt's original, read with it, not an article of its own
            article = Path(entry).suffix.lower() in SUFFIXES and not Path(entry).stem.endswith(".source")
            try:
                mode = os.stat(full).st_mode
            except OSError:
                if os.path.islink(full):
                    skipped.append(str(InputError(full, _broken_link(full))))
                elif article:
                    skipped.append(str(InputError(full, "cannot be read, skipped")))
                continue
            if not article or stat.S_ISDIR(mode):
                continue
            if stat.S_ISREG(mode):
                found.append(full)
            else:
                skipped.append(str(InputError(full, f"not a regular file ({_file_type(mode)}), skipped")))
    return sorted(found), sorted(skipped)
