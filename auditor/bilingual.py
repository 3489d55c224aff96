"""A translation's source: reading it, telling its language, and aligning its sentences with the target's."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import segment
from .errors import InputError

SOURCE_SUFFIX = ".source"          # NAME.source.txt beside NAME.txt is NAME's source
_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэъёЫЭЪЁ")


@dataclass
class Source:
    """The original of a translated article.

    ``pairs`` are the segment pairs a bilingual file gives: (source span, target prose span); without
    them the sentences are aligned by length and shared anchors (numbers, names in Latin script).
    """

    text: str
    language: str
    path: str | None = None
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] | None = None


def detect_language(text: str, given: str | None = None) -> str:
    """Return the ISO 639-1 code of a source text: Cyrillic letters decide Russian and Ukrainian."""
    if given:
        return given.split("-")[0].lower()
    letters = [c for c in text[:20000] if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if letters and cyrillic / len(letters) > 0.3:
        uk = sum(1 for c in letters if c in _UK_LETTERS)
        ru = sum(1 for c in letters if c in _RU_LETTERS)
        if uk != ru:
            return "uk" if uk > ru else "ru"
    try:
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0
        return detect(text[:5000])
    except (ImportError, LangDetectException):
        return "und"


def source_beside(path: str) -> str | None:
    """Return NAME.source.EXT beside NAME.EXT when it exists (the folder convention)."""
    p = Path(path)
    candidate = p.with_name(p.stem + SOURCE_SUFFIX + p.suffix)
    return str(candidate) if candidate.is_file() else None


def is_source_file(path: str) -> bool:
    return Path(path).stem.endswith(SOURCE_SUFFIX)


# ---- sentences and alignment --------------------------------------------------
def sentences(text: str) -> list[segment.Span]:
    """Sentence spans of a text, by the same splitter the checks use."""
    return [s for s in segment.sentences(text, segment.paragraphs(text, segment.lines(text)))
            if text[s.start:s.end].strip()]


_ANCHOR = re.compile(r"\d+|[A-Za-z][A-Za-z0-9]{2,}")
# moves of the alignment: (source sentences, target sentences) and their prior cost (-log probability)
_MOVES = {(1, 1): 0.0, (1, 0): 4.5, (0, 1): 4.5, (2, 1): 2.3, (1, 2): 2.3, (2, 2): 4.6}
_VARIANCE = 6.8   # Gale and Church (1993): variance of target length per source character
_PRIOR_RATIO = 1.04


@dataclass
class Bead:
    """Aligned sentences: indexes into the source's and the target's sentence lists."""

    source: tuple[int, ...]
    target: tuple[int, ...]


def _anchors(text: str, latin_source: bool) -> set[str]:
    return {a.lower() for a in _ANCHOR.findall(text) if latin_source or a[0].isdigit() or a.isascii()}


def align(src: str, src_spans: list[segment.Span], tgt: str, tgt_spans: list[segment.Span]) -> list[Bead]:
    """Align sentences by length (Gale and Church 1993), helped by shared numbers and Latin-script words."""
    n, m = len(src_spans), len(tgt_spans)
    if not n or not m:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    ls = [s.end - s.start for s in src_spans]
    lt = [t.end - t.start for t in tgt_spans]
    # English runs about 4% longer than Russian or Ukrainian in characters (the references of WMT's news
    # test sets); an article's own ratio counts as much, within bounds, as omissions skew it
    ratio = (_PRIOR_RATIO + min(1.4, max(0.7, sum(lt) / max(1, sum(ls))))) / 2
    sa = [_anchors(src[s.start:s.end], True) for s in src_spans]
    ta = [_anchors(tgt[t.start:t.end], True) for t in tgt_spans]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            base = cost[i][j]
            if base == inf:
                continue
            for (di, dj), prior in _MOVES.items():
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                c = base + prior + _length_cost(sum(ls[i:a]), sum(lt[j:b]), ratio)
                if di and dj:
                    shared = set().union(*sa[i:a]) & set().union(*ta[j:b])
                    c -= min(3.0, 1.0 * len(shared))
                if c < cost[a][b]:
                    cost[a][b], back[a][b] = c, (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]  # type: ignore[misc]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _length_cost(len_src: int, len_tgt: int, ratio: float) -> float:
    if len_src == 0 or len_tgt == 0:
        return 0.0
    mean = (len_src + len_tgt / ratio) / 2
    delta = abs(len_tgt - len_src * ratio) / math.sqrt(mean * _VARIANCE)
    # -log of the two-tailed probability of so large a difference (Gale and Church 1993)
    return -math.log(max(1e-12, math.erfc(delta / math.sqrt(2))))


@dataclass
class Alignment:
    """A source and a target split into sentences, and which sentences translate which."""

    src_spans: list[segment.Span]
    tgt_spans: list[segment.Span]
    beads: list[Bead]
    tgt_bead: list[int] = field(default_factory=list)   # bead index of each target sentence
    src_bead: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tgt_bead = [0] * len(self.tgt_spans)
        self.src_bead = [0] * len(self.src_spans)
        for k, bead in enumerate(self.beads):
            for j in bead.target:
                self.tgt_bead[j] = k
            for i in bead.source:
                self.src_bead[i] = k

    def source_window(self, bead: int, reach: int = 1) -> list[int]:
        """Source sentences of a bead and of its neighbours (alignment is not always exact)."""
        lo, hi = max(0, bead - reach), min(len(self.beads), bead + reach + 1)
        return [i for b in self.beads[lo:hi] for i in b.source]

    def target_window(self, bead: int, reach: int = 1) -> list[int]:
        lo, hi = max(0, bead - reach), min(len(self.beads), bead + reach + 1)
        return [j for b in self.beads[lo:hi] for j in b.target]


def alignment(source: Source, prose: str) -> Alignment:
    """Align a source with a target's prose: the file's own segments where it has them."""
    if source.pairs:
        src_spans = [segment.Span(*s) for s, _ in source.pairs]
        tgt_spans = [segment.Span(*t) for _, t in source.pairs]
        beads = [Bead((k,), (k,)) for k in range(len(source.pairs))]
        return Alignment(src_spans, tgt_spans, beads)
    src_spans, tgt_spans = sentences(source.text), sentences(prose)
    return Alignment(src_spans, tgt_spans, align(source.text, src_spans, prose, tgt_spans))


# ---- transliteration ----------------------------------------------------------
_IULIIA_SCHEMES = ("WIKIPEDIA", "BGN_PCGN", "ICAO_DOC_9303", "YANDEX_MAPS", "MOSMETRO", "TELEGRAM")


@lru_cache(maxsize=4096)
def romanisations(word: str, language: str, ukrainian_table: tuple[tuple[str, str], ...] = ()) -> tuple[str, ...]:
    """Latin spellings of a Cyrillic word under the standard systems, the one English news prefers first.

    Russian: the Wikipedia system (BGN/PCGN without diacritics), then BGN/PCGN, ICAO and others;
    Ukrainian: the national system of 2010, then the Russian systems on the nearest Russian letters.
    """
    import iuliia

    forms: list[str] = []
    text = word
    if language == "uk" and ukrainian_table:
        forms.append(_apply_table(word, dict(ukrainian_table)))
        # the Russian systems know no і, ї, є, ґ: give them their nearest Russian letters
        text = word.translate(str.maketrans({"і": "и", "І": "И", "ї": "йи", "Ї": "Йи", "є": "е",
                                             "Є": "Е", "ґ": "г", "Ґ": "Г", "и": "ы", "И": "Ы"}))
    for name in _IULIIA_SCHEMES:
        forms.append(getattr(iuliia, name).translate(text))
    return tuple(dict.fromkeys(f.replace("’", "").replace("'", "") for f in forms))


def _apply_table(word: str, table: dict[str, str]) -> str:
    out = []
    for k, ch in enumerate(word):
        low = ch.lower()
        initial = k == 0 or not word[k - 1].isalpha()
        latin = table.get(low + "^", table.get(low, ch)) if initial else table.get(low, ch)
        out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


_SKELETON = [(re.compile(p), r) for p, r in (
    (r"ck", "k"), (r"x", "ks"), (r"kh", "h"), (r"sch", "sh"), (r"shch", "sh"), (r"zh", "j"),
    (r"[jy]", "i"), (r"ie$|ii$|iy$|yi$|ei$", "i"), (r"w", "v"), (r"ph", "f"), (r"tz", "ts"),
    (r"(.)\1", r"\1"),
)]


def skeleton(word: str) -> str:
    """A spelling key that the usual romanisations of one name share (Zelensky, Zelenskiy, Zelenskyi)."""
    s = word.lower().replace("’", "").replace("'", "").replace("-", "")
    for pattern, repl in _SKELETON:
        s = pattern.sub(repl, s)
    return s


# ---- bilingual files (XLIFF 1.2 and 2.0, TMX) ------------------------------------------
_LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def language_code(value: str | None, where: str) -> str | None:
    """Check a language code (ISO 639 with an optional region) and return its language part."""
    if value is None or value == "":
        return None
    if not _LANGUAGE_CODE.match(value):
        raise InputError(where, f"unknown language {value!r} (expected a code such as 'ru' or 'uk-UA')")
    return value.replace("_", "-").split("-")[0].lower()


def read_bilingual(text: str, kind: str, path: str) -> tuple[str, list[int], Source]:
    """Return (target prose, prose-to-file offsets, source) of an XLIFF or TMX file.

    translate-toolkit parses the file (its sources, languages and units); the targets are read from
    the file itself so that every prose character keeps its offset, as in HTML.
    """
    try:
        from translate.storage import tmx, xliff, xliff2
    except ImportError:
        raise InputError(path, "reading XLIFF and TMX needs translate-toolkit: pip install 'auditor[bilingual]'") from None
    from lxml import etree

    data = text.encode("utf-8")
    try:
        if kind == "tmx":
            store = tmx.tmxfile.parsestring(data)
        elif b"urn:oasis:names:tc:xliff:document:2" in data[:2000]:
            store = xliff2.Xliff2File.parsestring(data) if hasattr(xliff2, "Xliff2File") else xliff2.xliff2file.parsestring(data)
        else:
            store = xliff.xlifffile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError, AttributeError, TypeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(path, f"not a well-formed {kind.upper()} file: {first}") from None
    units = [u for u in store.units if not getattr(u, "isheader", lambda: False)()]
    src_lang = language_code(getattr(store, "sourcelanguage", None) or _attr(text, "srclang|source-language|srcLang"), path)
    raw_targets = list(_raw_targets(text, kind, path, src_lang))
    if len(raw_targets) != len(units):
        raise InputError(path, f"{len(units)} segments but {len(raw_targets)} translations: the file's segments do not pair up")
    prose_parts: list[str] = []
    offsets: list[int] = []
    src_parts: list[str] = []
    pairs = []
    src_pos = 0
    for unit, (start, end) in zip(units, raw_targets):
        if prose_parts:
            offsets.extend([start] * 2)
            prose_parts.append("\n\n")
            src_parts.append("\n\n")
            src_pos += 2
        t0 = sum(map(len, prose_parts))
        piece, piece_map = _decode_span(text, start, end)
        prose_parts.append(piece)
        offsets.extend(piece_map)
        source = str(unit.source or "")
        src_parts.append(source)
        pairs.append(((src_pos, src_pos + len(source)), (t0, t0 + len(piece))))
        src_pos += len(source)
    src_text = "".join(src_parts)
    return "".join(prose_parts), offsets, Source(src_text, src_lang or detect_language(src_text), path, pairs)


def _attr(text: str, names: str) -> str | None:
    m = re.search(r"\b(?:%s)=\"([^\"]*)\"" % names, text[:4000])
    return m.group(1) if m else None


def _raw_targets(text: str, kind: str, path: str, src_lang: str | None):
    """Yield the (start, end) of each segment's translation in the file, in document order."""
    if kind == "tmx":
        for tu in re.finditer(r"<tu\b.*?</tu>", text, re.S):
            target = None
            for tuv in re.finditer(r"<tuv\b([^>]*)>.*?<seg>(.*?)</seg>", tu.group(), re.S):
                lang = re.search(r"lang=\"([^\"]*)\"", tuv.group(1))
                if lang and language_code(lang.group(1), path) != src_lang:
                    target = (tu.start() + tuv.start(2), tu.start() + tuv.end(2))
            if target is None:
                raise InputError(path, "a translation unit has no target-language segment")
            yield target
        return
    unit_re = r"<(?:trans-unit|unit)\b.*?</(?:trans-unit|unit)>"
    for unit in re.finditer(unit_re, text, re.S):
        m = re.search(r"<target\b[^>]*?(?:/>|>(.*?)</target>)", unit.group(), re.S)
        if m is None or m.group(1) is None:
            at = unit.end()
            yield at, at
        else:
            yield unit.start() + m.start(1), unit.start() + m.end(1)


def _decode_span(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """The text of a span of XML with tags dropped and entities decoded, and each character's offset."""
    import html

    out: list[str] = []
    where: list[int] = []
    pos = start
    while pos < end:
        if text[pos] == "<":
            m = _TAG.match(text, pos, end)
            if m:
                pos = m.end()
                continue
        if text[pos] == "&":
            m = _ENTITY.match(text, pos, end)
            if m:
                char = html.unescape(m.group())
                out.append(char)
                where.extend([pos] * len(char))
                pos = m.end()
                continue
        out.append(text[pos])
        where.append(pos)
        pos += 1
    return "".join(out), where
