"""The corpus step: what it knows of each article, and the protocol of a step that looks across articles.

A step is a map and a reduce. ``summary(doc)`` runs next to the per-article checks (in the process
that checked the article) and returns something small and picklable; the engine keeps it in the
article's ``Summary.parts`` under the step's rule code. ``reduce`` gets every article's part, the
``Summary`` of every article (path, prose, offsets) and the findings so far, never the Documents, and
yields (article index, Finding). The command line, worker processes, Dask, ``auditor serve`` and
the language server all go through ``Engine.summarise`` and ``Engine.reduce``.
"""
from __future__ import annotations

import pickle
from array import array
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Protocol, Sequence

if TYPE_CHECKING:
    from .documents import Document
    from .model import Finding


class CorpusContext:
    """What corpus checks share: every document's findings so far and the JSON corpus section.

    ``findings[i]`` is a list of article i's findings or a Packed list: read it by iterating over it.
    """

    def __init__(self, findings: list[list[Finding] | Packed], config: Any = None):
        self.findings = findings
        self.corpus: dict[str, Any] = {}
        self.config = config


class Packed:
    """An article's mapped findings as one pickled string, and the findings the corpus step adds to them.

    A corpus is held in the main process from its map to its finish: as bytes, an article's findings
    take a quarter of the memory of the Finding objects, which are rebuilt each time they are read.
    """

    __slots__ = ("data", "added")

    def __init__(self, findings: Iterable[Finding] = (), data: bytes | None = None):
        self.data = pickle.dumps(list(findings), pickle.HIGHEST_PROTOCOL) if data is None else data
        self.added: list[Finding] = []

    def __reduce__(self):
        return _packed, (self.data, self.added)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.unpacked())

    def unpacked(self) -> list[Finding]:
        """Return the findings, the mapped ones first, as new objects."""
        found = pickle.loads(self.data)
        found.extend(self.added)
        return found

    def append(self, finding: Finding) -> None:
        self.added.append(finding)


def _packed(data: bytes, added: list) -> Packed:
    packed = Packed(data=data)
    packed.added = added
    return packed


def unpacked(findings: Iterable[Finding]) -> list[Finding]:
    """Return an article's findings as a list, whether they are a list already or Packed."""
    return findings.unpacked() if isinstance(findings, Packed) else findings


class _Slots:
    """Pickled as the tuple of its slots' values: smaller than a dict of them, once per article."""

    __slots__ = ()

    def __getstate__(self):
        return tuple(getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state):
        for k, v in zip(self.__slots__, state):
            setattr(self, k, v)


class Offsets(_Slots):
    """A prose-to-source offset map kept as runs of consecutive offsets (a few per markup tag)."""

    __slots__ = ("prose_starts", "source_starts", "last_values", "prose_len", "text_len", "final")

    def __init__(self, prose_map: list[int], prose_len: int, text_len: int):
        ps, ss, last = array("q"), array("q"), array("q")
        prev = None
        for i, v in enumerate(prose_map):
            if prev is None or v != prev + 1:
                if prev is not None:
                    last.append(prev)
                ps.append(i)
                ss.append(v)
            prev = v
        if prev is not None:
            last.append(prev)
        self.prose_starts, self.source_starts, self.last_values = ps, ss, last
        self.prose_len, self.text_len = prose_len, text_len
        self.final = prose_map[-1] if prose_map else None

    def at(self, i: int) -> int:
        """Return the source offset of prose[i]."""
        r = bisect_right(self.prose_starts, i) - 1
        return self.source_starts[r] + i - self.prose_starts[r]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a prose span to source, as Document.to_source does."""
        if start >= self.prose_len:
            s = self.final if self.final is not None else self.text_len
            return s, s
        s = self.at(start)
        e = self.at(end - 1) + 1 if end > start else s
        return s, max(s, e)

    def to_prose(self, source_offset: int) -> int:
        """Map a source offset to the nearest prose offset at or after it, as Document.to_prose does."""
        r = bisect_left(self.last_values, source_offset)
        if r >= len(self.last_values):
            return self.prose_len
        return self.prose_starts[r] + max(0, source_offset - self.source_starts[r])


class Spots:
    """Words with counts or start offsets, packed into one string and two arrays (bytes, not objects, a mention).

    A corpus of ten thousand articles keeps one of these per article and check in the main process.
    """

    __slots__ = ("words", "counts", "starts")

    def __init__(self, words: dict[str, list[int]] | dict[str, int], offsets: bool = True):
        self.words = "\n".join(words)   # no word of a check's holds a line break
        if offsets:
            self.counts = array("l", map(len, words.values()))
            self.starts = array("l", [s for starts in words.values() for s in starts])
        else:
            self.counts = array("l", words.values())
            self.starts = array("l")

    def __getstate__(self):
        return self.words, self.counts, self.starts

    def __setstate__(self, state):
        self.words, self.counts, self.starts = state

    def __len__(self) -> int:
        return len(self.counts)

    def keys(self) -> list[str]:
        return self.words.split("\n") if self.counts else []

    def counted(self) -> Iterable[tuple[str, int]]:
        """Yield (word, count) in the order the words were first met."""
        return zip(self.keys(), self.counts)

    def items(self) -> Iterable[tuple[str, "array"]]:
        """Yield (word, its start offsets)."""
        pos = 0
        for word, count in zip(self.keys(), self.counts):
            yield word, self.starts[pos:pos + count]
            pos += count


class Summary(_Slots):
    """What the corpus step knows of one article: path, kind, prose, offsets and each step's part, by rule code.

    ``text`` (the source) is None while a summary travels, and so is ``prose`` for plain text
    (where it is the text): the main process holds the texts and fills them in before the reduce.
    """

    __slots__ = ("path", "kind", "text", "prose", "offsets", "language", "words", "parts")

    def __init__(self, path: str, kind: str, text: str | None, prose: str | None, offsets: Offsets | None,
                 language: str, words: int, parts: dict[str, Any]):
        self.path, self.kind, self.text, self.prose, self.offsets = path, kind, text, prose, offsets
        self.language, self.words, self.parts = language, words, parts

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return (start, end) if self.offsets is None else self.offsets.to_source(start, end)

    def to_prose(self, source_offset: int) -> int:
        return source_offset if self.offsets is None else self.offsets.to_prose(source_offset)


def summary_of(doc: Document, parts: dict[str, Any] | None = None, language: str = "", words: int = 0) -> Summary:
    """Return the Summary of a Document (its prose kept only when it differs from the text)."""
    offsets = None if doc.prose_map is None else Offsets(doc.prose_map, len(doc.prose), len(doc.text))
    return Summary(doc.path, doc.kind, doc.text, doc.prose, offsets, language, words, parts or {})


class CorpusStep(Protocol):
    """A check's step across articles, registered by its rule code (see PyCheck.summary and reduce)."""

    min_documents: int   # a corpus smaller than this gets nothing from reduce(): summary() is not made

    def summary(self, doc: Document) -> Any:
        """Return what the reduce needs of one article: small and picklable."""

    def reduce(self, parts: list[Any], docs: Sequence[Summary], ctx: CorpusContext) -> Iterable[tuple[int, Finding]]:
        """Yield (article index, Finding) from every article's part; parts[i] is summary(article i)."""
