"""Misspellings ranked symspell-style by frequency and by the names an article and its corpus use."""
from __future__ import annotations

import hashlib
import math
import re
import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate, islice
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from ..incremental import TextMemo, editing
from ..memo import WORDS
from ..vocabulary import pack_list, words
from . import WHOLE, PyCheck, register

SUGGEST_MIN_ZIPF = 2.3          # words rarer than this are never proposed as corrections
WEEKDAYS = frozenset(w.lower() for w in words("weekdays"))
MONTHS = frozenset(w.lower() for w in words("months"))
# Spans a spelling checker must not read: code, links, addresses, file paths, markup roles.
# Each alternative with the text it cannot match without (None: always tried). A text's pattern keeps
# only the alternatives whose text it holds: one that can match nowhere never changes the result.
# Word runs are possessive where giving back a character can never lead to a match.
_MASK_PARTS = (
    ("`", r"``.+?``|`[^`\n]+`"),
    ("://", r"https?://\S+"),
    ("www.", r"www\.\S+"),
    ("@", r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"),
    ("](", r"\[[^\[\]\n]*+\]\([^()\n]*+\)"),
    (":", r":[\w:-]+:"),
    ("{", r"\{[^{}\n]*+\}"),
    ("<", r"<[^<>\n]++>"),
    (None, r"\b\w++(?:[./\\]\w++)+\b"),
    ("$", r"\$\S+"),
    ("_", r"\b\w[^\W_]*+_\w*+"),        # a word run with an underscore after its first character
    ("()", r"\b\w++\(\)"),
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_WORD_SPLIT = re.compile(r"([^\W\d_]++(?:['’-][^\W\d_]++)*+)")   # _WORD as a group; giving back never helps
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "'s", "’s")


# ---- shared lexicons, loaded once per process --------------------------------------------
class _JoinedDeletes:
    """SymSpell's delete index with each entry's words stored as one tab-joined string (fast to load).

    It wraps the loaded dict rather than copying it (half a million entries); lookup() asks only
    ``in``, ``[]`` and ``len``.
    """

    __slots__ = ("joined",)

    def __init__(self, joined: dict[str, str]):
        self.joined = joined

    def __contains__(self, key: str) -> bool:
        return key in self.joined

    def __getitem__(self, key: str) -> list[str]:
        return self.joined[key].split("\t")

    def __len__(self) -> int:
        return len(self.joined)


def _lexicon_key() -> str:
    """Name the cached lexicon by everything it is built from (the installed files, not their metadata:
    reading that costs a scan of every installed distribution)."""
    import sys

    from ..mapped import stamp

    parts = ("lexicon 3", stamp("wordfreq", "__init__.py", "data/large_en.msgpack.gz"),
             stamp("symspellpy", "symspellpy.py", "frequency_bigramdictionary_en_243_342.txt"),
             stamp("marisa_trie"), SUGGEST_MIN_ZIPF,
             sys.version_info[:2], sys.byteorder)
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:16]


def _build_lexicon() -> tuple:
    """Build the Zipf table, the SymSpell index (edit distance 2) of the words common enough to suggest,
    the bigram counts and wordfreq's frequencies."""
    import wordfreq
    from symspellpy import SymSpell

    freqs = wordfreq.get_frequency_dict("en", "large")
    table = {w: round(math.log10(f) + 9, 2) for w, f in freqs.items()}
    index = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    for word, z in table.items():
        if z >= SUGGEST_MIN_ZIPF and word.isalpha():
            index.create_dictionary_entry(word, int(10 ** z))
    deletes = {k: "\t".join(v) for k, v in index._deletes.items()}
    return table, deletes, dict(index._words), index._max_length, _read_bigrams(), dict(freqs)


def _write_lexicon(folder) -> None:
    from ..mapped import write_blobs, write_numbers

    table, deletes, words, max_length, bigram_counts, freqs = _build_lexicon()
    write_numbers(folder, "zipf", table.items(), "d")
    write_numbers(folder, "frequency", freqs.items(), "d")
    write_blobs(folder, "deletes", deletes.items())
    write_numbers(folder, "counts", words.items(), "q")
    write_numbers(folder, "bigrams", ((f"{a}\t{b}", n) for (a, b), n in bigram_counts.items()), "q")
    (folder / "max-length").write_text(str(max_length))


class _Bigrams:
    """Bigram counts by (word, word), read from a mapped table."""

    __slots__ = ("counts",)

    def __init__(self, counts):
        self.counts = counts

    def get(self, pair: tuple[str, str], default=None):
        return self.counts.get(f"{pair[0]}\t{pair[1]}", default)

    def __getitem__(self, pair: tuple[str, str]) -> int:
        return self.counts[f"{pair[0]}\t{pair[1]}"]

    def __contains__(self, pair: tuple[str, str]) -> bool:
        return f"{pair[0]}\t{pair[1]}" in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    def items(self):
        return ((tuple(k.split("\t")), n) for k, n in self.counts.items())


@lru_cache(maxsize=None)
def _lexicon() -> tuple:
    """Return the lexicon (Zipf table, SymSpell deletes, SymSpell counts, longest word, bigram counts,
    frequencies), memory-mapped from the user cache folder, built there on first use."""
    from ..mapped import Blobs, Numbers, cached_folder
    from ..usercache import cache_dir

    folder = cached_folder(cache_dir(), "spelling", _lexicon_key(), _write_lexicon)
    return (Numbers(folder, "zipf"), Blobs(folder, "deletes"), Numbers(folder, "counts"),
            int((folder / "max-length").read_text()), _Bigrams(Numbers(folder, "bigrams")),
            Numbers(folder, "frequency"))


def zipf_table() -> dict[str, float]:
    """Return every word of wordfreq's large English list with its Zipf frequency."""
    return _lexicon()[0]


@lru_cache(maxsize=WORDS)   # the name, fact and spelling checks ask for the same words in turn
def zipf(word: str) -> float:
    """Return a lower-case word's Zipf frequency (0 when unknown)."""
    return _lexicon()[0].get(word.replace("’", "'"), 0.0)


@lru_cache(maxsize=WORDS)   # every article asks for its words: most were asked for before
def _listed_zipf(lower: str) -> float:
    """A lower-case word's Zipf frequency as the table lists it (no quote folded; 0 when unlisted)."""
    return _lexicon()[0].get(lower, 0.0)


_PLAIN = re.compile(r"[a-z]+(?:'[a-z]+)*").fullmatch   # one wordfreq token, as it is
_TOKEN = re.compile(r"'*([a-z]+(?:'[a-z]+)*)'*").fullmatch   # one token; wordfreq drops outer apostrophes


def word_frequency(word: str, minimum: float = 0.0) -> float:
    """Return wordfreq's ``word_frequency(word, "en", minimum=minimum)``, read from the mapped table (as
    wordfreq computes and rounds it) where the word is one plain token (wordfreq reads ’ as '); wordfreq
    itself answers the rest."""
    m = _TOKEN(word.replace("’", "'"))
    if not m:
        if word and all(unicodedata.category(c)[0] == "P" for c in word):
            return minimum   # punctuation alone makes no wordfreq token (a grammar rule's anchor ",")
        from wordfreq import word_frequency as wf

        return wf(word, "en", minimum=minimum)
    f = _lexicon()[5].get(m.group(1))
    unrounded = minimum if f is None else max(1.0 / (1.0 / f), minimum)
    if unrounded == 0.0:
        return 0.0
    return round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)


def zipf_frequency(word: str) -> float:
    """Return wordfreq's ``zipf_frequency(word, "en")``, computed as wordfreq does (see word_frequency)."""
    return round(math.log(word_frequency(word, 1e-9), 10) + 9, 2)


@lru_cache(maxsize=None)
def symspell():
    """Return a SymSpell index (edit distance 2) over the alphabetic words common enough to suggest."""
    from symspellpy import SymSpell

    _, deletes, words, max_length, _, _ = _lexicon()
    index = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    index._deletes, index._words, index._max_length = _JoinedDeletes(deletes), words, max_length
    return index


def bigrams() -> dict[tuple[str, str], int]:
    """Return symspellpy's shipped English bigram counts."""
    return _lexicon()[4]


def _read_bigrams() -> dict[tuple[str, str], int]:
    """Read symspellpy's shipped English bigram counts."""
    counts: dict[tuple[str, str], int] = {}
    words: dict[str, str] = {}   # one string per word, shared by its pairs (stored once when cached)
    from importlib import resources

    path = resources.files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt"
    with path.open(encoding="utf-8") as f:
        for line in f:
            a, b, n = line.split()
            counts[(words.setdefault(a, a), words.setdefault(b, b))] = int(n)
    return counts


@lru_cache(maxsize=None)
def orthography():
    """Return the sentencepiece unigram model of English spelling shipped in auditor/data."""
    import sentencepiece as spm

    path = Path(__file__).resolve().parent.parent / "data" / "orthography.model"
    return spm.SentencePieceProcessor(model_file=str(path))


@lru_cache(maxsize=WORDS)
def plausibility(word: str) -> float:
    """Return the per-character log-likelihood of a word under the spelling model (higher is likelier)."""
    sp = orthography()
    ids = sp.encode(word.lower())
    return sum(sp.get_score(i) for i in ids) / max(1, len(word))


# ---- a maintained dictionary and the misspellings people make ---------------------------------
DICTIONARY_TAGS = ("en_US", "en_GB")
_DICT_LOCK = threading.Lock()


@lru_cache(maxsize=None)
def _hunspell() -> tuple:
    """Return Hunspell's en_US and en_GB dictionaries through Enchant, or () where none is installed."""
    try:
        import enchant
    except (ImportError, OSError):   # pyenchant missing, or libenchant not installed
        return ()
    found = []
    for tag in DICTIONARY_TAGS:
        try:
            found.append(enchant.Dict(tag))
        except Exception:   # DictNotFoundError: that language's dictionary is not installed
            continue
    return tuple(found)


def _verdicts():
    """Hunspell's verdicts kept in the user cache (auditor/hunspell.py), or None without a cache folder."""
    from ..hunspell import verdicts

    return verdicts(DICTIONARY_TAGS, _hunspell, _lexicon_words)


def _lexicon_words():
    """The words of the spelling lexicon: where the kept verdicts are checked against Hunspell's."""
    return iter(zipf_table())


def has_dictionary() -> bool:
    """Tell whether a Hunspell dictionary is installed (without one, spelling falls back on frequencies)."""
    kept = _verdicts()
    return bool(kept.tags) if kept is not None else bool(_hunspell())


@lru_cache(maxsize=WORDS)   # an Enchant lookup is about 10 microseconds: once per distinct word
def in_dictionary(word: str) -> bool:
    """Tell whether en_US or en_GB Hunspell accepts a word as written (False without a dictionary).

    The kept verdicts answer for the words the dictionaries can make, in lower case or capitalised,
    and for the words they cannot; Hunspell itself is loaded for the others ("McDonald", "NATO's").
    """
    if not word:
        return False
    word = word.replace("’", "'")
    kept = _verdicts()
    if kept is not None:
        if not kept.tags:
            return False
        verdict = kept.get(word)
        if verdict is not None:
            return verdict
    dicts = _hunspell()
    if not dicts:
        return False
    with _DICT_LOCK:   # Enchant's handles are not documented as thread-safe
        return any(d.check(word) for d in dicts)


# codespell's lists read: the common misspellings, and the rare words that are usually a slip for a
# commoner one ("implementor"); a listed word that Hunspell accepts is never flagged (common_fix)
CODESPELL_LISTS = ("dictionary.txt", "dictionary_rare.txt")


@lru_cache(maxsize=None)
def common_misspellings():
    """Return codespell's lists of common misspellings (misspelling -> its fixes), read from the installed package.

    The files are read from the installed package, never copied; what they say is kept, memory-mapped,
    in the user cache folder (a table of some 40,000 words would otherwise be parsed at every start).
    """
    import hashlib

    from ..mapped import Blobs, cached_folder, stamp
    from ..usercache import cache_dir

    files = stamp("codespell_lib", *("data/" + name for name in CODESPELL_LISTS))
    if files[0][2] is None:   # codespell missing
        return {}
    key = hashlib.sha1(repr(("codespell 2", files)).encode("utf-8")).hexdigest()[:16]
    folder = cached_folder(cache_dir(), "codespell", key, _write_common_misspellings)
    return Blobs(folder, "misspellings", lambda b: tuple(str(b, "utf-8").split("\t")) if b else ())


def _write_common_misspellings(folder) -> None:
    from importlib import resources

    from ..mapped import write_blobs

    table: dict[str, tuple[str, ...]] = {}
    for name in CODESPELL_LISTS:
        try:
            text = (resources.files("codespell_lib") / "data" / name).read_text(encoding="utf-8")
        except (ImportError, ModuleNotFoundError, OSError):
            continue
        for line in text.splitlines():
            wrong, sep, fixes = line.partition("->")
            if not sep or not wrong.isalpha() or wrong != wrong.lower() or wrong in table:
                continue
            table[wrong] = tuple(f.strip() for f in fixes.split(",") if f.strip())
    write_blobs(folder, "misspellings", ((k, "\t".join(v)) for k, v in table.items()))


def common_fix(word: str) -> tuple[str, ...] | None:
    """Return codespell's fixes for a common misspelling, or None (also for what Hunspell accepts as a word:
    a list made for source code calls 'despatch' or 'wether' typos, a news desk does not)."""
    fixes = common_misspellings().get(word.lower())
    if fixes is None or in_dictionary(word) or in_dictionary(word.lower()):
        return None
    return fixes


# ---- candidates ------------------------------------------------------------------------
def damerau(a: str, b: str, limit: int | None = None) -> int:
    """Return the optimal-string-alignment distance of two words (limit + 1 when over a given limit)."""
    return (_osa_distance or _load_osa())(a, b, score_cutoff=limit)


_osa_distance = None   # rapidfuzz's, imported on first use (not by every call: the corpus step makes millions)


def _load_osa():
    global _osa_distance
    from rapidfuzz.distance import OSA

    _osa_distance = OSA.distance
    return _osa_distance


def candidates(word: str, max_distance: int = 2) -> list[tuple[str, int, float]]:
    """Return (word, distance, zipf) corrections of a lower-case word, nearest and commonest first."""
    return list(_candidates(word, max_distance))


@lru_cache(maxsize=WORDS)   # a SymSpell lookup costs about a third of a millisecond: once per word
def _candidates(word: str, max_distance: int) -> tuple[tuple[str, int, float], ...]:
    from symspellpy import Verbosity

    found = symspell().lookup(word, Verbosity.ALL, max_edit_distance=max_distance,
                              transfer_casing=False, ignore_token=None)
    out = [(s.term, s.distance, zipf(s.term)) for s in found if s.term != word]
    out.sort(key=lambda c: (c[1], -c[2]))
    return tuple(out)


def is_variant(word: str, cand: str) -> bool:
    """Tell whether two words are inflections or regional spellings of one another."""
    for a, b in ((word, cand), (cand, word)):
        for suf in _INFLECTIONS:
            if a == b + suf or (b.endswith("e") and a == b[:-1] + suf):
                return True
    pairs = (("ise", "ize"), ("isa", "iza"), ("our", "or"), ("yse", "yze"), ("tre", "ter"), ("ll", "l"),
             ("ogue", "og"), ("ence", "ense"))
    for x, y in pairs:
        if word.replace(x, y) == cand.replace(x, y):
            return True
    return False


PREFIXES = pack_list("spelling", "prefixes.txt")
SUFFIXES = pack_list("spelling", "suffixes.txt")


@lru_cache(maxsize=WORDS)
def morphological(word: str) -> bool:
    """Tell whether a word is a known prefix or word plus a common word, or a word plus a suffix."""
    for i in range(2, len(word) - 2):
        head, tail = word[:i], word[i:]
        if len(tail) >= 4 and zipf(tail) >= 3.0 and (head in PREFIXES or (len(head) >= 3 and zipf(head) >= 3.5)):
            return True
        if tail in SUFFIXES and len(head) >= 4 and zipf(head) >= 3.5:
            return True
    return False


def case_like(original: str, word: str) -> str:
    """Give a lower-case correction the case pattern of the word it replaces."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


MAX_NAME_FORMS = 2000   # distinct capitalised words the name checks (and this one's name index) weigh in one article


class NameIndex:
    """Capitalised words of a text or corpus, searchable within edit distance 1 by deletes."""

    SCAN_MAX = 400   # up to this many names, a scan by length is cheaper than building the index

    def __init__(self, counts: Counter, min_count: int = 0):
        self.counts = counts
        # names counted fewer times are never returned (a corpus wants only the names used often)
        self.indexed = [n for n, c in counts.items() if len(n) >= 5 and c >= min_count]
        self._deletes: dict[str, str | tuple[str, ...]] | None = None
        self._order: dict[str, int] = {}   # name -> its place in counts: ties come out in that order
        self._scan: tuple[list[str], list[str]] | None = None

    @property
    def deletes(self) -> "_HashedDeletes":
        """The names (of five letters or more) by their delete-one keys, built on first use."""
        if self._deletes is None:
            self._order = {name: i for i, name in enumerate(self.indexed)}
            self._deletes = _HashedDeletes(self.indexed)
        return self._deletes

    def near(self, word: str) -> list[tuple[str, int]]:
        """Return known names within edit distance 1 of a word, commonest first."""
        low = word.lower()
        if self._deletes is None and len(self.indexed) <= self.SCAN_MAX:
            # the names the index would give (five letters or more), one edit away: one scan in C
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            if self._scan is None:
                names = self.indexed
                self._scan = (names, [n.lower() for n in names])
            names, lowered = self._scan
            found = process.extract(low, lowered, scorer=OSA.distance, score_cutoff=1, limit=None)
            out = [(names[i], self.counts[names[i]]) for i in sorted(i for _n, _d, i in found) if lowered[i] != low]
            return sorted(out, key=lambda x: -x[1])
        else:
            found = set(self.deletes.having(_deletes(low)))
            hits = sorted(found, key=self._order.__getitem__)   # as the scan gives them, whatever the hash seed
        counts = self.counts
        out = [(n, counts[n]) for n in hits if (nl := n.lower()) != low and damerau(nl, low, 1) <= 1]
        return sorted(out, key=lambda x: -x[1])


def _deletes(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


class _HashedDeletes:
    """Names by the hashes of their delete-one keys: one sorted array of 64-bit entries, the key's hash
    above the name's number. A corpus has a million keys: as strings in a dict they take ten times the
    memory. Keys that share a hash only offer a name more, which near() rules out by its distance."""

    BITS = 24                          # the name's number: up to 16 million names
    MASK = (1 << (63 - BITS)) - 1      # the hash bits kept above it

    def __init__(self, names: list[str]):
        if len(names) >= 1 << self.BITS:
            raise ValueError(f"too many names to index: {len(names)}")
        bits, mask = self.BITS, self.MASK
        entries = [((hash(key) & mask) << bits) | j for j, name in enumerate(names) for key in _deletes(name.lower())]
        entries.sort()
        # where the entries of each bucket of hashes (their top bits, about two entries a bucket) start:
        # a look-up reads its bucket's few entries instead of bisecting millions of them
        top = max(1, (len(entries) // 2).bit_length())
        self.shift = 63 - bits - top
        self.starts = array("l", [bisect_left(entries, b << (self.shift + bits)) for b in range((1 << top) + 1)])
        self.entries = array("q", entries)
        self.names = names

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str) -> tuple[str, ...] | None:
        """The names one of whose delete-one keys has this key's hash, or None."""
        return tuple(self.having((key,))) or None

    def having(self, keys) -> list[str]:
        """The names one of whose delete-one keys has the hash of one of these keys (a name once a key)."""
        entries, starts, names, shift, mask, bits = self.entries, self.starts, self.names, self.shift, self.MASK, self.BITS
        number = (1 << bits) - 1
        found = []
        for key in keys:
            h = hash(key) & mask
            b = h >> shift
            for i in range(starts[b], starts[b + 1]):
                e = entries[i]
                if e >> bits == h:
                    found.append(names[e & number])
        return found


CONTRACTIONS = pack_list("spelling", "contractions.txt")


def contraction_fix(word: str) -> str | None:
    """Return the contraction a garbled one ("doen't", "would't") stands for, or None."""
    low = word.lower().replace("’", "'")
    if low in CONTRACTIONS or zipf(low) >= 2.7 or not re.fullmatch(r"[a-z]+'[a-z]+", low):
        return None
    best = min(CONTRACTIONS, key=lambda c: (damerau(c, low), len(c) < len(low), -zipf(c)))  # omissions first
    if damerau(best, low) > (1 if len(low) < 6 else 2) or best.split("'")[1] != low.split("'")[1] and \
            damerau(best, low) > 1:
        return None
    fixed = case_like(word, best)
    return fixed.replace("'", "’") if "’" in word else fixed


_LINK_TARGET = r"\]\([^()\n]*+\)"   # a Markdown link's target alone: its label read as prose


@lru_cache(maxsize=None)
def _mask_for(present: tuple[bool, ...], labels: bool = True) -> re.Pattern:
    parts = [part if labels or need != "](" else _LINK_TARGET
             for (need, part), keep in zip(_MASK_PARTS, present) if keep]
    return re.compile("|".join(parts))


@lru_cache(maxsize=8)  # the article's checks ask in turn
def masked_spans(text: str, labels: bool = True) -> list[tuple[int, int]]:
    """Return spans of code, links, paths and identifiers that spelling checks skip.

    labels=False reads a Markdown link's label as prose: a one-word label is often a name or an
    identifier ("[Vite](...)"), which only a check that knows its misspellings should read.
    """
    pattern = _mask_for(tuple(need is None or need in text for need, _part in _MASK_PARTS), labels)
    return [m.span() for m in pattern.finditer(text)]


def _in(spans: list[tuple[int, int]], start: int) -> bool:
    """Tell whether an offset falls in one of the sorted, disjoint spans."""
    i = bisect_right(spans, (start, math.inf)) - 1
    return i >= 0 and start < spans[i][1]


def _bare(part: str) -> str:
    """Drop a possessive 's from a word (hyphen-split parts hold no line breaks)."""
    return part[:-2] if part.endswith(("'s", "’s")) else part


def capitalised_names(prose: str) -> Counter:
    """Count the capitalised words of a text."""
    return _count_names(_WORD.findall(prose))


@lru_cache(maxsize=4)   # the check and the corpus summary of one article both read them (never mutated)
def _names_counted(prose: str) -> Counter:
    """capitalised_names(prose), from the text's _WORD tokens at hand; an edited article's line by line."""
    if not editing.get():
        return _count_names(_word_spans(prose)[1])
    counts: Counter = Counter()
    for line in prose.split("\n"):   # a _WORD token holds no line break
        counts.update(_LINE_WORDS.take(line, _line_words, line)[0])   # keys in order of first use, as above
    return counts


class _LineWords(NamedTuple):
    """What the spelling check reads of one line's _WORD tokens."""

    names: Counter     # _count_names of them
    count: int         # how many
    distinct: frozenset


def _line_words(line: str) -> _LineWords:
    texts = _word_spans(line)[1]
    return _LineWords(_count_names(texts), len(texts), frozenset(texts))


_LINE_WORDS = TextMemo(2_048)   # lines (an edited article of 2,000 words has about 200)


def _distinct_words(prose: str) -> tuple[int, set[str] | frozenset[str]]:
    """How many _WORD tokens a text holds, and the distinct ones (an edited article's read line by line)."""
    if not editing.get():
        texts = _word_spans(prose)[1]
        return len(texts), set(texts)
    lines = [_LINE_WORDS.take(line, _line_words, line) for line in prose.split("\n")]
    return sum(ln.count for ln in lines), frozenset().union(*(ln.distinct for ln in lines))


def _count_names(words: list[str]) -> Counter:
    """Count the capitalised words of a list of _WORD tokens."""
    counts: Counter = Counter()
    # each distinct word once, in order of first use: the names come out in the same order
    for w, n in Counter(words).items():
        if w[:1].isupper() and not w.isupper():
            if "-" in w:
                for part in w.split("-"):
                    if part[:1].isupper():
                        counts[_bare(part)] += n
            else:
                counts[_bare(w) if "s" in w[-1:] else w] += n
    return counts


# ---- the decision ----------------------------------------------------------------------
class Speller:
    """Decide whether a word is misspelt and rank its corrections."""

    def __init__(self, options: dict):
        self.rare = options.get("rare_zipf", 2.7)
        self.margin = options.get("rare_margin", 1.8)
        self.typo_gap = options.get("typo_gap", 0.45)
        self.use_orthography = options.get("orthography", True)
        self.min_length = options.get("min_length", 4)
        self.name_min = options.get("name_min_count", 2)
        self.allowed = {w.lower() for w in options.get("allowed", ())}
        self.use_dictionary = options.get("dictionary", True)
        self.name_repeat = options.get("name_repeat", 2)
        self.run_gap = options.get("name_run_gap", 1.0)
        self.max_judged = options.get("max_judged", 2000)

    def judge(self, word: str, initial: bool, names: NameIndex | None, prev: str = "", nxt: str = "",
              compound_head: bool = False, name_run: bool = False) -> tuple[list[str], dict] | None:
        """Return (corrections, evidence) for a misspelt word, or None.

        name_run: the word stands beside another capitalised word ("Reinder Rustema"), as names do.
        """
        low = word.lower()
        if len(word) < self.min_length or low in self.allowed or (word.isupper() and len(word) > 1):
            return None
        z = zipf(low)
        cap = word[:1].isupper()
        if cap and names is not None and z == 0:
            found = self.near_name(word, names)
            if found:
                return found
        if self.use_dictionary and has_dictionary():
            if (in_dictionary(word) or (cap and in_dictionary(low))) and not (compound_head and z < self.rare) \
                    and not (z == 0 and not cap and self.affixed_slip(low)):
                return None   # a word of en_US or en_GB Hunspell ("Russia-leaser" still reads as "leased")
            if common_fix(word) is not None:
                return None   # the common-misspelling rule's
            if cap and names is not None and names.counts.get(word, 0) >= self.name_repeat:
                return None   # a capitalised word the article repeats is its name for something
            if compound_head and z == 0 and low == word:
                return None   # "Byeong-seug": the lower-case part of a name
        if z >= self.rare or (z > 0 and cap and not initial):
            return None   # common enough, or a rare but attested name
        if cap and not initial and len(low) < 6:
            return None   # what the name test below decides for any candidates: spare the lookup
        cands = candidates(low, 2 if len(low) >= 7 else 1)
        if morphological(low) and not any(d == 1 and cz >= 3.5 and c[0] == low[0] for c, d, cz in cands):
            return None   # prefix + word or word + word, with no common word one slip away: a coinage
        if z > 0:
            cands = [c for c in cands if c[1] == 1 and not is_variant(low, c[0])]
        if not cands:
            return None
        cands = self._rank(cands, low, prev, nxt, compound_head)
        best, dist, bz = cands[0]
        gap = plausibility(low) - plausibility(best) if self.use_orthography else None
        evidence = {"zipf": z, "candidate_zipf": bz, "distance": dist}
        if gap is not None:
            evidence["plausibility_gap"] = round(gap, 2)
        if cap and name_run and gap is not None and gap > -self.run_gap:
            return None   # a first or last name beside another ("Jeane Freeman"), not far less plausible
        if z > 0:  # a rare word: only when a much commoner near neighbour exists
            if bz < z + self.margin or best[0] != low[0]:
                return None   # typists rarely miss a word's first letter; rare words differ there
            if len(best) == len(low) and best[:-1] == low[:-1] and not (compound_head and best.endswith("ed")):
                return None   # only the last letter differs (dict/diet, specifier/specified): a word of its own
        elif cap and not (initial and bz >= 3.5):
            # an unknown capitalised word is a name unless it reads as a typo of a common word
            if dist > 1 or bz < 3.5 or len(low) < 6 or best[0] != low[0]:
                return None   # typists rarely miss a name's first letter ("Yandhi" is no "Gandhi")
            if gap is not None and gap > -(self.run_gap if name_run else self.typo_gap):
                return None
        elif dist > 1 and gap is not None and gap > 0:
            return None
        sugs = [case_like(word, c[0]) for c in cands[:3]]
        return sugs, evidence

    @staticmethod
    def affixed_slip(low: str) -> bool:
        """Tell whether a word Hunspell builds from an affix and a stem, unseen on the web, is one letter off a
        common word of its length ("recommanded": re + commanded, for "recommended")."""
        return morphological(low) and any(d == 1 and cz >= 4.5 and len(c) == len(low) and c[0] == low[0]
                                          for c, d, cz in candidates(low, 1))

    def near_name(self, word: str, names: NameIndex) -> tuple[list[str], dict] | None:
        """Return the name one edit away that the article or corpus uses much more, if any."""
        if len(word) < self.min_length or zipf(word.lower()) > 0:
            return None
        near = [(n, c) for n, c in names.near(word) if c >= self.name_min and names.counts.get(word, 0) * 2 <= c]
        if not near:
            return None
        return [near[0][0]], {"reason": "near a name used elsewhere", "name_count": near[0][1]}

    def _rank(self, cands, word: str, prev: str, nxt: str, compound_head: bool):
        """Order corrections by distance, then by frequency and bigram support in context."""
        table = bigrams()

        def score(c):
            term, dist, z = c
            support = table.get((prev, term), 0) + table.get((term, nxt), 0)
            bonus = 0.3 * math.log10(support) if support else 0.0
            if term[-2:] == word[-2:] and term[:1] == word[:1]:
                bonus += 1.0   # typos keep a word's first letter and its ending
            if sorted(term) == sorted(word):
                bonus += 0.5   # a transposition
            if compound_head and term.endswith("ed"):
                bonus += 3.0  # "Russia-leased": a name-headed compound takes a participle
            return (dist, -(z + bonus))

        return sorted(cands, key=score)


class _Probe(NameIndex):
    """A name index that finds every word a near name: scan() through it yields each word the corpus step judges."""

    def __init__(self):
        super().__init__(Counter())

    def near(self, word: str) -> list[tuple[str, int]]:
        return [(word, 1 << 62)]


MAX_TOKEN = 45  # longer "words" are not words (hashes, runs of letters): never spell-checked


def sentence_starts(doc) -> set[int]:
    return {s.start for s in doc.sentences}


@register("misspelling")
class Misspelling(PyCheck):
    """Flag misspelt words, proposing corrections from the lexicon and from names in the article."""

    # A word's verdict reads its paragraph (its neighbours, where its sentence starts) and, of the
    # whole article, the names it uses (context) and whether it has more unfamiliar words than are judged.
    scope = "paragraph"

    def __init__(self, rule, options):
        super().__init__(rule, options)
        self.speller = Speller(options)
        self._index: tuple[tuple, NameIndex] | None = None   # the last article's names and their index

    def context(self, doc):
        names = self._names(doc.article)
        prose = doc.article.prose
        count, distinct = _distinct_words(prose)
        # the words scan() may judge are parts of the words it keeps: as many as their parts at most
        if count > self.speller.max_judged and \
                sum(t.count("-") + 1 for t in distinct) > self.speller.max_judged:
            distinct, zs = _distinct_zipfs(prose)
            rare = self.speller.rare
            if sum(t.count("-") + 1 for t, z in zip(distinct, zs) if z < rare or "-" in t or "'" in t or "’" in t) \
                    > self.speller.max_judged:
                return WHOLE   # it may stop at the bound, which its paragraphs alone would not reach
        return tuple(names.items())

    def _names(self, article) -> Counter:
        names = _names_counted(article.prose)
        if len(names) > MAX_NAME_FORMS:   # the first ones, as the name checks take them
            names = Counter(dict(islice(names.items(), MAX_NAME_FORMS)))
        return names

    def check(self, doc):
        words = _word_spans(doc.prose)
        names = self._names(doc.article)
        key = tuple(names.items())
        index = self._index   # (read once: a server's threads may check other articles meanwhile)
        if index is None or index[0] != key:   # the windows of one article share an index
            index = self._index = (key, NameIndex(names))
        yield from self.scan(doc, index[1], words=words)

    min_documents = 2   # the reduce compares articles

    def summary(self, doc):
        """Return the article's capitalised-word counts and the unknown names the corpus re-check judges."""
        from . import Spots

        candidates: dict[str, list[int]] = {}
        for f in self.scan(doc, _Probe(), names_only=True):
            candidates.setdefault(doc.prose[f.start:f.end], []).append(f.start)
        return Spots(_names_counted(doc.prose), offsets=False), Spots(candidates)

    def reduce(self, parts, docs, ctx) -> Iterator[tuple[int, object]]:
        if len(docs) < 2:
            return
        counts: Counter = Counter()
        for names, _candidates in parts:
            counts.update(dict(names.counted()))
        index = NameIndex(counts, min_count=self.speller.name_min)
        # spellings the name-drift pass already flags (it runs first and reports its clusters)
        drift = {form for c in ctx.corpus.get("names", ()) for form in c.get("variants", {})
                 if form != c.get("entity")}
        verdicts: dict[str, tuple | None] = {}   # a word's verdict, judged once for the corpus
        for i, (_names, candidates) in enumerate(parts):
            seen = {(f.start, f.end) for f in ctx.findings[i] if f.rule == self.rule.code}
            for start, word in sorted((s, w) for w, starts in candidates.items() for s in starts):
                if word in verdicts:
                    verdict = verdicts[word]
                else:
                    verdict = verdicts[word] = self.speller.near_name(word, index)
                if verdict is None:
                    continue
                end = start + len(word)
                if docs[i].to_source(start, end) not in seen and word not in drift:
                    sugs, evidence = verdict
                    yield i, self.rule.finding(start, end, word, sugs, values={"word": word}, data=dict(evidence))

    def scan(self, doc, names: NameIndex, names_only: bool = False, words: tuple | None = None):
        """Yield the findings of a document; words: the starts and texts of its _WORD tokens, if at hand."""
        prose = doc.prose
        masked = masked_spans(prose)
        starts = sentence_starts(doc)
        offsets, texts = words if words is not None else _word_spans(prose)
        # Judge each distinct word once for the skip below: most are common, and that ends them
        rare = self.speller.rare
        distinct, zs = _distinct_zipfs(prose) if words is None or words is _word_spans(prose) else \
            _zipfs_of(texts)
        # a plain word (no hyphen or apostrophe) is skipped at once where the checks below would skip it
        if names_only:
            keep = {t for t, z in zip(distinct, zs)
                    if (t[:1].isupper() and z <= 0) or "-" in t or "'" in t or "’" in t}
        else:
            keep = {t for t, z in zip(distinct, zs) if z < rare or "-" in t or "'" in t or "’" in t}
        judged: set[str] = set()   # distinct words judged: bounded, so that no article holds the check
        unjudged: dict[str, int] = {}   # the words past the bound, and where each first stands
        limit = self.speller.max_judged
        for k in [k for k, token in enumerate(texts) if token in keep]:
            token = texts[k]
            begin = offsets[k]
            if len(token) > MAX_TOKEN or (masked and _in(masked, begin)):
                continue
            end = begin + len(token)
            if end < len(prose) and (prose[end].isdigit() or prose[end] in "_@/\\") or \
                    (begin and prose[begin - 1] in "_@/\\#$") or _truncated(prose, begin, end):
                continue
            offset = begin
            parts = token.split("-")
            for j, part in enumerate(parts):
                start = offset
                offset += len(part) + 1
                word = _bare(part)
                if ("'" in word or "’" in word) and not names_only:
                    fix = contraction_fix(word)
                    if fix:
                        yield self.rule.finding(start, start + len(word), word, [fix], values={"word": word},
                                                data={"reason": "contraction"})
                    continue
                if not word.isalpha() or (not names_only and not word.isascii() and not in_dictionary(word)):
                    continue   # a word with letters English does not use (Démographie) is foreign, not misspelt
                if start >= 3 and _LANGUAGE_PREFIX.match(prose, start - 3, start):
                    continue   # "lt:Angolos": an interlanguage link, the word in another language
                if word[1:] != word[1:].lower() and not word.isupper():
                    continue  # camelCase: an identifier or a glued pair, not a typo
                if names_only:
                    if not word[:1].isupper() or zipf(word.lower()) > 0:
                        continue  # the corpus pass only looks for unknown names near known ones
                elif zipf(word.lower()) >= rare:
                    continue  # a common word: judge() would pass it whatever its context
                initial = start in starts or _line_start(prose, start)
                prev = texts[k - 1].lower() if k and j == 0 else (parts[j - 1].lower() if j else "")
                nxt = parts[j + 1].lower() if j + 1 < len(parts) else (
                    texts[k + 1].lower() if k + 1 < len(texts) else "")
                head = j > 0 and parts[0][:1].isupper() and j == len(parts) - 1
                run = word[:1].isupper() and len(parts) == 1 and (
                    (not initial and k and _name_like(texts[k - 1]))
                    or (k + 1 < len(texts) and _name_like(texts[k + 1]) and prose[end:offsets[k + 1]] == " "))
                if names_only:
                    verdict = self.speller.near_name(word, names)
                elif word not in judged and len(judged) >= limit:
                    unjudged.setdefault(word, start)
                    continue
                else:
                    judged.add(word)
                    verdict = self.speller.judge(word, initial, names, prev, nxt, head, bool(run))
                if verdict is None:
                    continue
                sugs, evidence = verdict
                yield self.rule.finding(start, start + len(word), word, sugs,
                                        values={"word": word}, data=evidence)
        if unjudged:
            yield self.bound_finding(unjudged, limit)

    def bound_finding(self, unjudged: dict[str, int], limit: int):
        """The one finding that says the check stopped judging new words, at the first word left."""
        word, start = min(unjudged.items(), key=lambda item: item[1])
        note = (f"Spelling is checked for the first {limit:,} distinct unfamiliar words of an article; "
                f"{len(unjudged):,} more, from '{word}' on, are not judged.")
        return self.rule.finding(start, start + len(word), word, (), values={"word": word}, message=note,
                                 severity="minor", data={"reason": "bound", "judged": limit,
                                                         "not_judged": len(unjudged)})


@lru_cache(maxsize=4)   # the check and the corpus summary of one article both read them (never mutated)
def _distinct_zipfs(prose: str) -> tuple[list[str], list[float]]:
    """The distinct _WORD tokens of a text and the Zipf frequency of each, lower-cased."""
    return _zipfs_of(_word_spans(prose)[1])


def _zipfs_of(texts: list[str]) -> tuple[list[str], list[float]]:
    distinct = list(set(texts))
    # each word lower-cased in one call (a word holds no line break, which bounds a final sigma as
    # the end of a string does); zipf() would also fold ’, which a plain word does not hold
    zs = list(map(_listed_zipf, "\n".join(distinct).lower().split("\n"))) if distinct else []
    return distinct, zs


@lru_cache(maxsize=4)   # the check and the corpus summary of one article both read them (never mutated)
def _word_spans(prose: str) -> tuple[list[int], list[str]]:
    """Return the starts and texts of a text's _WORD tokens (one split, offsets summed in C)."""
    parts = _WORD_SPLIT.split(prose)   # gap, word, gap, ..., gap
    ends = list(accumulate(map(len, parts)))
    return ends[0:-1:2], parts[1::2]


TITLES = frozenset(pack_list("spelling", "titles.txt"))


def _name_like(token: str) -> bool:
    """Tell whether a token reads as part of a name: capitalised, and no common word ("Chancellor" is a title)."""
    return token[:1].isupper() and zipf(token.lower()) < 4.0


def _truncated(prose: str, begin: int, end: int) -> bool:
    """Tell whether a word is cut short by an ellipsis ("adop...", "...ons"): a quoted fragment, not a typo."""
    return prose.startswith(("...", "…"), end) or prose.endswith(("...", "…"), 0, begin)


def _line_start(prose: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and prose[i] in " \t\"'“‘([•*-–—":
        i -= 1
    if i >= 0 and prose[i] == "." and i < start - 1:
        before = _WORD_BEFORE.search(prose, max(0, i - 8), i)
        if before and (len(before.group()) == 1 and before.group().isupper() or before.group().lower() in TITLES):
            return False   # "Dr. Santoch Rai", "Lyndon B. Johnson": a title or an initial, not a sentence end
    return i < 0 or prose[i] in "\n\r.!?:"


_LANGUAGE_PREFIX = re.compile(r"[a-z]{2}:")
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])[^\W\d_]+$")


# ---- glued words -----------------------------------------------------------------------
_GLUE = re.compile(r"(?<![\w-])([A-Z][a-z]{2,}|[a-z]{3,})([A-Z][a-z]+|[A-Z]{2,})(?![\w-])")


def split_glued(token: str, doc_vocabulary: Iterable[str] = ()) -> tuple[str, str] | None:
    """Split a word glued to the next by scraping ('ArtemchukTuesday'), or return None."""
    m = _GLUE.fullmatch(token)
    if not m:
        return None
    left, right = m.group(1), m.group(2)
    if zipf(token.lower()) > 0:
        return None
    if right.lower() in WEEKDAYS or right.lower() in MONTHS:
        return left, right
    vocab = set(doc_vocabulary)
    if left[:1].isupper() and zipf(left.lower()) >= 3.5 and len(left) >= 4:
        if right.isupper() and 2 <= len(right) <= 4:
            return left, right   # "RussiaUSA": a name glued to an abbreviation
        if left.lower() in vocab and right.lower() in vocab and zipf(right.lower()) >= 3.5:
            return left, right   # both halves stand alone elsewhere in the article
    return None


# a pair is split where both halves stand in the article: its vocabulary is what it reads of the article
@register("glued-words", scope="paragraph", context=lambda doc: doc.vocabulary)
def glued_words(doc, rule, options):
    """Flag two words run together by scraping, where a dictionary and the article split them."""
    prose = doc.prose
    vocab = doc.vocabulary
    toks = doc.tokens
    glued = {}
    for text in set(toks.texts):   # each distinct word once
        # a glued pair holds a capital after its first letter: most words are out at the first test
        if not text[1:].islower() and len(text) <= MAX_TOKEN and "-" not in text and text.isalpha():
            pair = split_glued(text, vocab)
            low = text.lower()
            if pair and not any(len(w) > len(low) and w.startswith(low) for w in vocab):
                # ("CoinMarket Cap" beside "CoinMarketCap": a brand's own spelling)
                glued[text] = pair
    if not glued:
        return
    masked = masked_spans(prose)
    for tok in [toks[k] for k, text in enumerate(toks.texts) if text in glued]:
        if masked and _in(masked, tok.start):
            continue
        left, right = glued[tok.text]
        rest = prose[tok.end:tok.end + 4]
        sugs = [f"{left} {right}"]
        if right.lower() in WEEKDAYS and re.match(r",\s*\d", rest):
            sugs.insert(0, f"{left}, {right}")   # a byline glued to its dateline
        yield rule.finding(tok.start, tok.end, tok.text, sugs, values={"left": left, "right": right})


# ---- a word in the wrong case -------------------------------------------------------------
_CASE_WORD = re.compile(r"(?<![\w/.@#:=_$<&-])[A-Za-z][a-z]*[A-Z]*[a-z]*(?![\w/@_=(<>-])(?!\.\w)")


@lru_cache(maxsize=WORDS)   # Hunspell's suggestions take milliseconds: once per distinct word
def dictionary_case(word: str) -> str | None:
    """Return the case the dictionary writes a word in, where it accepts that case and not this one."""
    if not has_dictionary() or in_dictionary(word) or common_fix(word) is not None:
        return None   # ("commerical" is a misspelling, whatever case Hunspell lets it take)
    low = word.lower()
    if word[1:2].isupper() and word[2:].islower():
        # "YOu": the shift key held a letter too long (Hunspell reads any word in all capitals)
        return word.capitalize() if in_dictionary(word.capitalize()) else None
    if in_dictionary(low):
        return None
    if word.islower() and in_dictionary(word.capitalize()):
        return word.capitalize()
    if not in_dictionary(word.upper()):
        return None   # Hunspell takes any word it knows in capitals: no case of this one is a word
    dicts = _hunspell()   # loaded only here: the kept verdicts answered everything above
    with _DICT_LOCK:
        suggested = [sug for d in dicts for sug in d.suggest(word)[:6]]
    for sug in suggested:
        if sug.lower() == low and sug != word and sug != word.capitalize() and in_dictionary(sug):
            return sug   # ASCII, JavaScript, iPhone
    return None


@register("dictionary-case", scope="paragraph")
def dictionary_case_check(doc, rule, options):
    """Flag a word the dictionary knows only in another case: a proper noun or brand in lower case, a slip of the shift key."""
    prose = doc.prose
    min_length = options.get("min_length", 3)
    skip = MONTHS | WEEKDAYS
    found: dict[str, str] = {}   # each distinct word judged once; only the few with a fix are walked to
    for word in set(_CASE_WORD.findall(prose)):
        if len(word) < min_length or word.lower() in skip:
            continue
        lower = word.islower()
        if not lower and not (word[1:2].isupper() and word[2:].islower()):
            continue   # all capitals or capitals within (an acronym, a brand's own spelling), or a
            # capitalised word, which is a name as written ("Dwi", not DWI; "Github", as the writer has it)
        if word[1:2].isupper() and (len(word) < 3 or word[2:] == "s"):
            continue   # "IDs", "TVs": a plural acronym
        if zipf(word.lower()) > 0:
            fix = dictionary_case(word)
            if fix is not None and lower and fix[1:].islower() and \
                    (len(word) < 4 or zipf(word) >= options.get("max_zipf", 5.0)):
                fix = None   # "des", "que", "von": a short word of another language or a name's particle
            if fix is not None:
                found[word] = fix
    if not found:
        return
    masked = None
    for m in _CASE_WORD.finditer(prose):
        word = m.group()
        fix = found.get(word)
        if fix is None or (word.islower() and fix[1:].islower() and prose[m.end():m.end() + 2][1:].isupper()):
            continue   # ("de Gaulle", "della Rovere": a particle of the name that follows)
        if masked is None:
            masked = masked_spans(prose)
        if masked and _in(masked, m.start()):
            continue
        yield rule.finding(m.start(), m.end(), word, [fix])


# ---- real-word errors --------------------------------------------------------------------
@lru_cache(maxsize=None)
def confusion_sets(path: str) -> dict[str, frozenset[str]]:
    """Read 'word word ...' lines of easily confused real words into word -> its look-alikes."""
    sets: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            for w in words:
                sets.setdefault(w, set()).update(x for x in words if x != w)
    return {w: frozenset(v) for w, v in sets.items()}


@lru_cache(maxsize=None)
def _folded_words(path: str) -> bool:
    """Tell whether every word of a confusion list reads the same lower-cased with quotes folded."""
    return all(w == w.lower().replace("’", "'") for w in confusion_sets(path))


@register("confused-word", scope="own-paragraph")
def confused_word(doc, rule, options):
    """Flag a real word whose look-alike is far better attested beside both of its neighbours."""
    path = str(rule.path.parent / options.get("list", "confusables.txt"))
    sets = confusion_sets(path)
    toks = doc.tokens
    # a lower-case word of the list, as a token, is in the article's vocabulary: look only for those
    present = sets.keys() & doc.vocabulary if _folded_words(path) else sets.keys()
    if not present:
        return
    table = bigrams()
    ratio = options.get("ratio", 1000)
    floor = 1_000_000   # the smallest counts the bigram list keeps are in the millions
    prose = doc.prose
    last = len(toks) - 1
    for k in [k for k, text in enumerate(toks.texts) if text in present and 0 < k < last]:
        prev, tok, nxt = toks[k - 1], toks[k], toks[k + 1]
        word = tok.text
        if word not in sets or prose[prev.end:tok.start] != " " or prose[tok.end:nxt.start] != " ":
            continue
        p, n = prev.text.lower(), nxt.text.lower()
        own = (table.get((p, word), 0) + floor) * (table.get((word, n), 0) + floor)
        best = max(sets[word], key=lambda c: table.get((p, c), 0) * table.get((c, n), 0))
        left, right = table.get((p, best), 0), table.get((best, n), 0)
        if left and right and left * right >= ratio * own:
            yield rule.finding(tok.start, tok.end, word, [best], values={"word": word},
                               data={"bigrams": {f"{p} {best}": left, f"{best} {n}": right}})


# ---- the misspellings people make ----------------------------------------------------------
def _hyphen_parts(token: str) -> list[tuple[int, str]]:
    """Return the offset in the token and the text of each hyphen-separated part of a word."""
    out, at = [], 0
    for part in token.split("-"):
        out.append((at, part))
        at += len(part) + 1
    return out


@lru_cache(maxsize=WORDS)
def _holds_common_misspelling(token: str, min_length: int) -> bool:
    """Tell whether a part of a (hyphenated) word, min_length letters or more, is in codespell's list."""
    table = common_misspellings()
    return any(len(p) >= min_length and _bare(p).lower() in table for p in token.split("-"))


@register("common-misspelling", scope="own-paragraph")
def common_misspelling(doc, rule, options):
    """Flag codespell's common misspellings ('seperate', 'recieve') even where the web uses them often."""
    from dataclasses import replace

    table = common_misspellings()
    if not table:
        return
    prose = doc.prose
    offsets, texts = _word_spans(prose)
    min_length = options.get("min_length", 3)
    # a hyphenated word is read part by part ("semi-indepedent", "GIL-eanbled")
    hits = {t for t in set(texts) if _holds_common_misspelling(t, min_length)}
    if not hits:
        return
    masked = masked_spans(prose, labels=False)
    starts = sentence_starts(doc)
    for k, begin, word in [(k, offsets[k] + at, _bare(part)) for k, t in enumerate(texts) if t in hits
                           for at, part in _hyphen_parts(t)]:
        end = begin + len(word)
        if len(word) < (min_length if "-" not in texts[k] else max(4, min_length)) or word.lower() not in table:
            continue   # a short piece of a compound is a prefix ("mis-configured"), not a slip
        if (masked and _in(masked, begin)) or (begin and (prose[begin - 1].isdigit() or prose[begin - 1] in "_@/\\#$")) \
                or (end < len(prose) and (prose[end].isdigit() or prose[end] in "_@/\\")) or _truncated(prose, begin, end):
            continue
        if word.isupper() and len(word) > 1:
            continue   # an abbreviation
        if word[:1].isupper() and not (begin in starts or _line_start(prose, begin)) and \
                (zipf(word.lower()) > 0 or len(word) < 6):
            continue   # a capitalised word inside a sentence is a name ("Rady") unless the web never writes it
        fixes = common_fix(word)
        if not fixes:
            continue
        sugs = [case_like(word, f) for f in fixes]
        found = rule.finding(begin, end, word, sugs, values={"word": word},
                             data={"reason": "common misspelling", "fixes": len(fixes)})
        yield found if len(fixes) == 1 or not found.fix_safe else replace(found, fix_safe=False)
