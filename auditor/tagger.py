"""English tokens with Penn Treebank part-of-speech readings and lemmas, for grammar rules.

A token's readings come from a lexicon: closed-class words from ``data/en-closed-class.tsv``,
open-class words from lemminflect's lemma and inflection tables (a word is a VBZ when it is the
VBZ form of one of its verb lemmas), and shape for words neither knows (digits, capitals,
suffixes). A few contextual passes then drop readings the neighbours rule out ("the votes" is
no verb, "they votes" no noun). Every reading is kept where the context says nothing, so a rule
may ask whether a token *can* be a tag (``tag``) or *is* only that (``tag_only``).

Looking a word up costs a dictionary hit once it was seen (an LRU cache per lower-case word);
sentences are tokenized and tagged only when a grammar rule's anchor word occurs in them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from .memo import WORDS

_DATA = Path(__file__).resolve().parent / "data" / "en-closed-class.tsv"

# words, contractions split as the Penn Treebank does ("does" "n't", "it" "'s"), initialisms
# ("U.S."), numbers with separators, single punctuation marks
TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"
    r"|\w+(?=n['’]t\b)"
    r"|n['’]t\b"
    r"|['’](?:s|re|ve|ll|d|m)\b"
    r"|\d+(?:[.,:]\d+)*\w*(?:-\w+)*"
    r"|\w+(?:-\w+)*(?:['’](?!(?:s|re|ve|ll|d|m|t)\b)\w+(?:-\w+)*)*"
    r"|\S",
    re.IGNORECASE,
)

NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
VERB = frozenset({"VB", "VBP", "VBZ", "VBD", "VBN", "VBG"})
FINITE = frozenset({"VBP", "VBZ", "VBD", "MD"})
_DETERMINERS = frozenset({"DT", "PRP$", "POS", "PDT"})
_SUBJECT_PRONOUNS = frozenset("i you he she it we they".split())
_UPOS_TAGS = {"ADJ": ("JJ", "JJR", "JJS"), "ADV": ("RB", "RBR", "RBS"), "NOUN": ("NN", "NNS"),
              "VERB": ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG"), "PROPN": ("NNP", "NNPS")}


class Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int
    tags: frozenset      # every reading left after disambiguation
    lemmas: dict         # tag -> lemma


@lru_cache(maxsize=1)
def closed_class() -> dict[str, tuple[frozenset, dict]]:
    table: dict[str, tuple[frozenset, dict]] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        tags = frozenset(parts[1].split(","))
        lemma = parts[2] if len(parts) > 2 else parts[0]
        table[parts[0]] = (tags, {t: lemma for t in tags})
    return table


@lru_cache(maxsize=WORDS)
def lexical(lower: str) -> tuple[frozenset, dict]:
    """Readings of a lower-case word out of context: (tags, tag -> lemma)."""
    hit = closed_class().get(lower.replace("’", "'"))
    if hit:
        return hit
    if lower[:1].isdigit():
        if re.fullmatch(r"\d+(?:[.,:]\d+)*", lower):
            return frozenset({"CD"}), {"CD": lower}
        return frozenset({"JJ", "CD", "NN"}), {"JJ": lower, "CD": lower, "NN": lower}
    if not (lower.isalpha() or any(c.isalpha() for c in lower)):
        return frozenset({"PUNCT"}), {"PUNCT": lower}
    if _plain_lower(lower):   # a word of lemminflect's tables: its readings were worked out when they were cached
        tags = _open_class_table().get(lower)
        if tags is not None:
            return frozenset(tags), tags
    tags = _open_class(lower)
    return frozenset(tags), tags


def _open_class(lower: str) -> dict[str, str]:
    """Readings of an open-class word (tag -> lemma) from lemminflect's tables, or from its shape."""
    tags: dict[str, str] = {}
    for upos, lemmas in all_lemmas(lower).items():
        if upos not in _UPOS_TAGS and upos != "AUX":
            continue
        for lemma in lemmas:
            forms = all_inflections(lemma, upos="VERB" if upos == "AUX" else upos)
            found = [t for t, ws in forms.items() if lower in ws]
            if "VBD" in found and "VBN" not in forms:   # lemminflect leaves out a VBN equal to the VBD
                found.append("VBN")
            if "NN" in found and "NNS" in found:   # "agreement", "information": singular first
                found.remove("NNS")
            for t in found or _UPOS_TAGS.get(upos, ())[:1]:
                tags.setdefault(t, lemma)
    return tags or _shape(lower)


def _shape(lower: str) -> dict[str, str]:
    """Readings of a word no lexicon knows, from its suffix."""
    if lower.endswith("ly"):
        return {"RB": lower}
    if lower.endswith("ing"):
        return {"VBG": lower[:-3], "NN": lower}
    if lower.endswith("ed"):
        return {"VBD": lower[:-2], "VBN": lower[:-2], "JJ": lower}
    if lower.endswith("s") and not lower.endswith("ss"):
        return {"NNS": lower[:-1], "VBZ": lower[:-1]}
    return {"NN": lower, "JJ": lower}


# TOKEN as a separator: split() gives the gaps and the tokens in turn, and their lengths give every span
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})", TOKEN.flags)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of one sentence (``offset`` is added to every span), tagged and disambiguated."""
    parts = _TOKEN_SPLIT.split(text)   # gap, token, gap, ..., gap
    if len(parts) < 2:
        return []
    words = parts[1::2]
    bounds = list(accumulate(map(len, parts), initial=offset))   # token k spans bounds[2k+1]..bounds[2k+2]
    new = tuple.__new__   # Token(...) without the generated __new__'s extra call: a token a word
    tokens = [new(Token, (word, lower, start, end, *inner))
              for word, (lower, _initial, inner), start, end
              in zip(words, map(_readings, words), bounds[1::2], bounds[2::2])]
    lower, initial, _inner = _readings(words[0])
    tokens[0] = new(Token, (words[0], lower, bounds[1], bounds[2], *initial))
    return _disambiguate(tokens)


_NNP = frozenset({"NNP"})


def tag_words(spans: list[tuple[str, int, int]]) -> list[Token]:
    """Tag a sentence given as (word, start, end) triples."""
    tokens = []
    append = tokens.append
    new = tuple.__new__
    for i, (word, start, end) in enumerate(spans):
        lower, initial, inner = _readings(word)
        tags, lemmas = inner if i else initial
        append(new(Token, (word, lower, start, end, tags, lemmas)))
    return disambiguate(tokens)


@lru_cache(maxsize=WORDS)
def _readings(word: str) -> tuple[str, tuple[frozenset, dict], tuple[frozenset, dict]]:
    """A word's lower case and its readings (tags, tag -> lemma) at a sentence's start and inside it."""
    lower = word.lower()
    tags, lemmas = lexical(lower)
    if word[:1].isupper() and word != "I" and lower not in closed_class() and "CD" not in tags:
        # a capitalised word may be a name: inside a sentence always, at its start when
        # no lexicon knows it
        if not _is_known(lower):
            name = (_NNP, {"NNP": word})
            return lower, name, name
        return lower, (tags, lemmas), (tags | _NNP, {**lemmas, "NNP": word})
    return lower, (tags, lemmas), (tags, lemmas)


def _known() -> "set[str]":
    return _KNOWN


class _Known:
    """Lower-case words the lexicons know (closed class, lemminflect); membership is cached."""

    def __contains__(self, lower: str) -> bool:
        return _is_known(lower)


@lru_cache(maxsize=WORDS)
def _is_known(lower: str) -> bool:
    if lower in closed_class():
        return True
    return bool(all_lemmas(lower))


_KNOWN = _Known()


_AFTER_DETERMINER = _DETERMINERS | {"JJ", "PDT"}
_MD_TO = frozenset({"MD", "TO"})
_MD_TO_IN = frozenset({"MD", "TO", "IN"})
_NOT_AFTER_DETERMINER = VERB | {"MD", "IN", "RB"}
_NOT_AFTER_SUBJECT = NOUN | {"JJ"}
_RB = frozenset({"RB"})
_VB = frozenset({"VB"})


def disambiguate(tokens: list[Token]) -> list[Token]:
    """Drop readings the neighbours rule out; a token keeps at least one reading."""
    return _disambiguate(list(tokens))


def _disambiguate(out: list[Token]) -> list[Token]:
    """disambiguate() in place."""
    for i in range(1, len(out)):     # the first token has no neighbour before it
        tok = out[i]
        tags = tok.tags
        if len(tags) < 2:
            continue
        prev = out[i - 1]
        ptags = prev.tags
        if ptags <= _AFTER_DETERMINER and not ptags.isdisjoint(_DETERMINERS) and not tags.isdisjoint(NOUN):
            keep = tags - _NOT_AFTER_DETERMINER          # "the votes", "a lead", "his work"
        elif not ptags.isdisjoint(_MD_TO) and ptags <= _MD_TO_IN and "VB" in tags and prev.lower != "to":
            keep = _VB | (tags & _RB)                      # "will record"
        elif prev.lower in _SUBJECT_PRONOUNS and not tags.isdisjoint(FINITE):
            keep = tags - _NOT_AFTER_SUBJECT               # "they vote", "he leads"
        else:
            continue
        if keep and keep != tags:
            out[i] = tok._replace(tags=frozenset(keep))
    return out


def best_tag(tok: Token, prev: "Token | None" = None) -> str:
    """One tag for a token, for measuring the tagger against a treebank (rules read every reading)."""
    if prev is not None and tok.tags & {"VB", "VBP"} and prev.lower in ("to", "will", "would", "can", "could",
                                                                      "should", "must", "may", "might", "not", "n't"):
        return "VB"
    order = ("PUNCT", "CD", "DT", "PRP$", "PRP", "TO", "IN", "CC", "MD", "EX", "WDT", "WP", "WRB",
             "POS", "JJ", "NN", "NNS", "NNP", "VBZ", "VBD", "VBN", "VBG", "VB", "VBP", "JJR", "JJS",
             "RB", "RBR", "RBS", "RP", "PDT", "UH", "NNPS", "WP$")
    for t in order:
        if t in tok.tags:
            return t
    return next(iter(tok.tags))


def inflect(lemma: str, tag: str) -> str | None:
    """The form of a lemma for a Penn tag ("vote", "VBZ" -> "votes"), or None."""
    if tag == "VBP" and lemma == "be":
        return "are"
    forms = all_inflections(lemma).get(tag) if tag not in ("NNP", "NNPS") else None
    if not forms:   # lemminflect's alternative tags and its rules for words its tables lack
        from lemminflect import getInflection

        forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def adverb(adjective: str) -> str | None:
    """The -ly adverb of an adjective ("simple" -> "simply", "basic" -> "basically"), if the lexicon knows it."""
    low = adjective.lower()
    if low.endswith("le") and len(low) > 3:            # simple, inevitable, gentle
        stems = [low[:-1] + "y"]
    elif low.endswith("ic"):                           # basic -> basically (public -> publicly)
        stems = [low + "ally", low + "ly"]
    elif low.endswith("y") and not low.endswith("ey"):  # easy -> easily
        stems = [low[:-1] + "ily"]
    elif low.endswith("ll"):                           # full -> fully
        stems = [low + "y"]
    elif low.endswith("ue"):                           # true -> truly
        stems = [low[:-1] + "ly"]
    else:
        stems = [low + "ly"]
    for form in stems:
        if "RB" in lexical(form)[0] and _is_known(form):
            return adjective[:1] + form[1:] if adjective[:1].isupper() else form
    return None


# ---- lemminflect's lookup tables, memory-mapped ---------------------------------------------------
# lemminflect unpacks its two tables (and imports numpy for its rules) at first use, which costs more
# than a short article's whole check. Its answers for every lower-case word of the tables are kept in
# the user cache instead, and read from there; any other question goes to lemminflect itself.
_UPOS_OF = {"VERB": ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"), "AUX": ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"),
            "ADJ": ("JJ", "JJR", "JJS"), "ADV": ("RB", "RBR", "RBS"), "NOUN": ("NN", "NNS", "NNP", "NNPS")}


def _plain_lower(word: str) -> bool:
    """lemminflect reads such a word as it is, in lower case (its "caps style" changes nothing)."""
    return word == word.lower() and not word[:1].isupper() and not word.isupper()


def all_lemmas(lower: str) -> dict:
    """lemminflect's ``getAllLemmas(lower)``: {upos: (lemma, ...)}."""
    if not _plain_lower(lower):
        from lemminflect import getAllLemmas

        return getAllLemmas(lower)
    return _lemma_tables()[0].get(lower) or {}


def all_inflections(lemma: str, upos: str | None = None) -> dict:
    """lemminflect's ``getAllInflections(lemma, upos)``: {tag: (form, ...)}."""
    if not _plain_lower(lemma) or (upos is not None and upos not in _UPOS_OF):
        from lemminflect import getAllInflections

        return getAllInflections(lemma, upos=upos)
    forms = _lemma_tables()[1].get(lemma) or {}
    if upos is not None:
        wanted = _UPOS_OF[upos]
        forms = {t: f for t, f in forms.items() if t in wanted}
    return forms


@lru_cache(maxsize=1)
def _lemma_tables():
    from .mapped import Blobs, cached_folder, unmarshal
    from .usercache import cache_dir

    folder = cached_folder(cache_dir(), "lemminflect", _lemminflect_key(), _write_lemma_tables)
    return Blobs(folder, "lemmas", unmarshal), Blobs(folder, "inflections", unmarshal)


def _lemminflect_key() -> str:
    """What lemminflect's tables are built from (its version and data files), hashed."""
    import hashlib

    from .mapped import stamp

    return hashlib.sha1(repr(("lemminflect 1", stamp("lemminflect", "__init__.py", "resources/lemma_lu.csv.gz",
                                                         "resources/infl_lu.csv.gz", "resources/lemma_overrides.csv",
                                                         "resources/infl_overrides.csv"))).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _open_class_table():
    """Every plain lower-case word of lemminflect's lemma table and its _open_class() readings, mapped."""
    import hashlib

    from .mapped import Blobs, cached_folder, own_code, unmarshal
    from .usercache import cache_dir

    _lemma_tables()   # opened first: building this table reads them (and cached_folder does not nest)
    # named by the lemminflect tables it is derived from and by this module's code (_open_class's logic)
    key = hashlib.sha1(repr(("open class", _lemminflect_key(), own_code("tagger.py"))).encode()).hexdigest()[:16]
    folder = cached_folder(cache_dir(), "tagger-readings", key, _write_open_class_table)
    return Blobs(folder, "readings", unmarshal)


def _write_open_class_table(folder) -> None:
    import marshal

    from .mapped import write_blobs

    write_blobs(folder, "readings", ((w, _open_class(w)) for w in _lemma_tables()[0]), marshal.dumps)


def _write_lemma_tables(folder) -> None:
    import marshal

    from lemminflect import Inflections, Lemmatizer, getAllInflections, getAllLemmas

    from .mapped import write_blobs

    lem, infl = Lemmatizer(), Inflections()
    words = set(lem._getLemmaDict()) | set(lem._getOverridesDict())
    lemmas = set(infl._getInflDict()) | set(infl._getOverridesDict())
    write_blobs(folder, "lemmas", ((w, getAllLemmas(w)) for w in words if _plain_lower(w)), marshal.dumps)
    write_blobs(folder, "inflections", ((w, getAllInflections(w)) for w in lemmas if _plain_lower(w)),
                marshal.dumps)
