"""Language-independent machine-translation checks: untranslated fragments and genitive chains."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from ..memo import WORDS
from ..vocabulary import pack_list
from . import NoCheckOptions, register

DATA = Path(__file__).resolve().parent.parent / "data" / "mt-foreign-words.json"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Possessive bodies that cannot hold another opener: linear on runs of unclosed marks.
QUOTED = re.compile(r"“[^“”\n]*+”|\"[^\"\n]*+\"|«[^«»\n]*+»|„[^„“”\n]*+[“”]|‘[^‘’\n]{3,}+’|\([^()\n]*+\)")
# lower-case words that sit inside names ("Banco de la Nación", "Ludwig van Beethoven")
PARTICLES = frozenset(pack_list("mt", "name-particles.txt"))
# foreign phrases that English has borrowed and uses as its own
LOANS = frozenset(pack_list("mt", "loanwords.txt"))
BREAKS = frozenset("[](){}\"“”«»„:;|•\n")
CODE_MARKS = frozenset("./_@`=#<>{}\\")
SCRIPTS = (("CYRILLIC", "Cyrillic"), ("GREEK", "Greek"), ("ARABIC", "Arabic"), ("HEBREW", "Hebrew"),
           ("CJK", "Chinese"), ("HIRAGANA", "Japanese"), ("KATAKANA", "Japanese"), ("HANGUL", "Korean"),
           ("DEVANAGARI", "Devanagari"), ("THAI", "Thai"), ("GEORGIAN", "Georgian"), ("ARMENIAN", "Armenian"),
           ("BENGALI", "Bengali"), ("TAMIL", "Tamil"))
LANGUAGE_NAMES = {
    "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "es": "Spanish", "fi": "Finnish",
    "fil": "Filipino", "fr": "French", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nb": "Norwegian", "nl": "Dutch",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "sh": "Serbo-Croatian", "sk": "Slovak",
    "sl": "Slovenian", "sv": "Swedish", "tr": "Turkish", "vi": "Vietnamese", "ru": "Russian",
    "uk": "Ukrainian", "bg": "Bulgarian", "mk": "Macedonian",
}


# ---- lexical resources, loaded once ---------------------------------------------------------
MAJOR = ("de", "es", "fr", "it", "nl", "pl", "pt", "ro", "sv", "tr")   # whole top lists shipped


@lru_cache(maxsize=1)
def word_lists() -> dict[str, dict[str, float]]:
    """Return {language: {word: zipf}} as shipped (see build_table)."""
    return json.loads(DATA.read_text(encoding="utf-8"))["languages"]


@lru_cache(maxsize=1)
def foreign_index():
    """Return {word: {language: zipf}} over every shipped list, memory-mapped from the user cache (built
    there from the lists the first time: reading them costs more than checking a short article)."""
    from ..mapped import Blobs, cached_folder, unmarshal
    from ..usercache import cache_dir

    return Blobs(cached_folder(cache_dir(), "mt-foreign", _foreign_key(), _write_foreign_index), "index", unmarshal)


def _foreign_key() -> str:
    """The shipped lists, hashed: the name of the index and of what is worked out from it."""
    import hashlib

    return hashlib.sha1(b"foreign index 1\0" + DATA.read_bytes()).hexdigest()[:16]


def _write_foreign_index(folder) -> None:
    import marshal

    from ..mapped import write_blobs

    index: dict[str, dict[str, float]] = {}
    for lang, words in word_lists().items():
        for word, z in words.items():
            index.setdefault(word, {})[lang] = z
    write_blobs(folder, "index", index.items(), marshal.dumps)


@lru_cache(maxsize=1)
def _listed_english():
    """Return wordfreq's English Zipf frequency of every listed word that zipf() cannot read off its table.

    Asked of wordfreq once, when the table is built, rather than in a run: its first answer costs a
    third of a second (it loads and compiles its tokenizer).
    """
    import hashlib

    from ..mapped import Numbers, cached_folder, stamp
    from ..usercache import cache_dir

    foreign_index()   # opened first: the table is worked out from it (cached_folder does not nest)
    wordfreq = stamp("wordfreq", "__init__.py", "data/large_en.msgpack.gz")
    key = hashlib.sha1(repr(("listed english 1", _foreign_key(), wordfreq)).encode()).hexdigest()[:16]
    return Numbers(cached_folder(cache_dir(), "mt-english", key, _write_listed_english), "english")


def _write_listed_english(folder) -> None:
    from ..mapped import write_numbers

    write_numbers(folder, "english", ((w, _wordfreq_zipf(w, "en")) for w in foreign_index() if not _PLAIN(w)), "d")


_PLAIN = re.compile(r"[a-z]+(?:'[a-z]+)*").fullmatch   # one wordfreq token, as it is


def zipf(word: str, lang: str = "en") -> float:
    """Return wordfreq's Zipf frequency of a word in a language (0 when unknown)."""
    if lang == "en":
        if _PLAIN(word):
            # wordfreq reads such a word as one token and rounds its frequency exactly as this table does
            return _english().get(word, 0.0)
        listed = _listed_english().get(word)
        if listed is not None:
            return listed
    return _wordfreq_zipf(word, lang)


@lru_cache(maxsize=1)
def _english() -> dict[str, float]:
    from .spelling import zipf_table

    return zipf_table()


@lru_cache(maxsize=WORDS)
def _wordfreq_zipf(word: str, lang: str) -> float:
    """Ask wordfreq itself (tokenised, any language)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def build_table(path: Path = DATA, top_major: int = 2500, top_minor: int = 600) -> None:
    """Rebuild the shipped lists from wordfreq.

    For the main source languages of news translation, the whole top list (so cognates such as
    French 'images' count as French too); for the others, only top words rare in English.
    """
    from wordfreq import available_languages, top_n_list

    latin = [lang for lang in sorted(available_languages("best")) if lang in LANGUAGE_NAMES
             and lang not in ("ru", "uk", "bg", "mk")]
    table = {}
    for lang in latin:
        words = {}
        for w in top_n_list(lang, top_major if lang in MAJOR else top_minor):
            if not WORD.fullmatch(w):
                continue
            zl = zipf(w, lang)
            if lang in MAJOR or (zl >= 3.8 and zl - zipf(w, "en") >= 1.5):
                words[w] = round(zl, 2)
        table[lang] = words
    doc = {"comment": f"wordfreq Zipf frequencies: top {top_major} words of {', '.join(MAJOR)}; "
                      f"for the other languages, top-{top_minor} words at least 1.5 more frequent "
                      "than in English. Rebuild with: python -m auditor.pychecks.mt", "languages": table}
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


# ---- untranslated fragments -------------------------------------------------------------------
def script_of(word: str) -> str | None:
    """Name the non-Latin script a word is written in, or None for Latin (and digits)."""
    for ch in word:
        if ch.isalpha() and ord(ch) > 0x24F:
            name = unicodedata.name(ch, "")
            for key, label in SCRIPTS:
                if key in name:
                    return label
            return "non-Latin"
    return None


def cyrillic_language(text: str) -> str:
    low = text.lower()
    if any(c in low for c in "іїєґ"):
        return "Ukrainian"
    if any(c in low for c in "ыэъё"):
        return "Russian"
    return "Russian or Ukrainian"


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


@lru_cache(maxsize=WORDS)
def _maybe_foreign(low: str) -> bool:
    """Tell whether a lower-cased word can count as foreign (see _Tok): some list has it much commoner."""
    langs = foreign_index().get(low)
    if not langs:
        return False
    en = zipf(low)
    return any(z >= 3.8 and z - en >= 1.5 for z in langs.values())


class _Tok:
    __slots__ = ("start", "end", "text", "low", "kind", "langs", "score")

    def __init__(self, m: re.Match, sentence_initial: bool, label: bool):
        self.start, self.end, self.text = m.start(), m.end(), m.group()
        self.low = self.text.lower().replace("’", "'")
        before, after = m.string[max(0, m.start() - 2):m.start()], m.string[m.end():m.end() + 2]
        glued = (len(before) == 2 and before[1] in CODE_MARKS and before[0].isalnum()) or \
            (len(after) == 2 and after[0] in CODE_MARKS and after[1].isalnum()) or after[:1] in "_@`="
        if glued or (not label and self.text.isupper()) or \
                any(c.isupper() for c in self.text[1:]) and not self.text.isupper():
            self.kind, self.score, self.langs = "other", 0.0, {}   # code, URLs, acronyms, camelCase
            return
        if len(self.low) == 1:
            self.kind, self.score, self.langs = "short", 0.0, {}    # 'a', 'y', 'à': too ambiguous alone
            return
        en = zipf(self.low)
        self.langs = {lang: z for lang, z in foreign_index().get(self.low, {}).items()
                      if z >= 3.8 and z - en >= 1.5}
        titled = self.text[:1].isupper() and not self.text.isupper()
        if titled and not sentence_initial and not label:
            self.kind, self.score = "name", 0.0           # a capitalised word inside a sentence
        elif self.langs and self.low in PARTICLES and not label:
            self.kind, self.score = "particle", 0.5
        elif self.langs:
            self.kind, self.score = ("foreign", 2.0) if en < 4.2 else ("ambiguous", 1.0)
        elif en < 2.5 and len(self.low) >= 3 and not self.text.isupper():
            self.kind, self.score = "unknown", 1.5
        elif en >= 5.0:
            self.kind, self.score = "english", -3.0
        elif en >= 3.0:
            cognate = any(z >= en - 0.3 for z in foreign_index().get(self.low, {}).values())
            self.kind, self.score = ("cognate", 0.0) if cognate else ("english", -1.5)
        else:
            self.kind, self.score = "other", 0.0


def _best_run(toks: list[_Tok]) -> tuple[int, int, float]:
    """Return the maximum-sum run of token scores as (first, last, score)."""
    best = (0, -1, 0.0)
    start, total = 0, 0.0
    for i, t in enumerate(toks):
        if total <= 0:
            start, total = i, 0.0
        total += t.score
        if total >= best[2] and total > 0:
            best = (start, i, total)
    return best


def _language_of(toks: list[_Tok]) -> tuple[str | None, float]:
    """Pick the language whose word list explains the run best; return it and its margin over English.

    Candidates are ranked on the shipped lists (a word missing from a list counts as rare there);
    only the best is verified against wordfreq's full list for that language.
    """
    words = [t.low for t in toks if t.kind != "name"]
    if not words:
        return None, 0.0
    lists = word_lists()
    english = sum(zipf(w) for w in words)
    candidates = {lang for t in toks for lang in t.langs}
    ranked = sorted(candidates, key=lambda lang: -sum(lists[lang].get(w, 3.0) for w in words))
    for lang in ranked[:1]:
        known = lists[lang]
        # the shipped list answers when it holds every word; otherwise ask wordfreq (loads the list)
        scores = [known[w] for w in words] if all(w in known for w in words) else [zipf(w, lang) for w in words]
        if min(scores) < 2.5:            # every word of the run must be a word of that language
            return None, 0.0
        return lang, sum(scores) - english
    return None, 0.0


def _joined(text: str, left: _Tok, right: _Tok) -> bool:
    """Tell whether two neighbouring words are joined by nothing but spaces, commas or hyphens."""
    return not any(c in BREAKS for c in text[left.end:right.start])


def _belongs(tok: _Tok, lang: str) -> bool:
    """Tell whether a neighbouring word is a common word of that language (shipped list only)."""
    if tok.kind in ("other", "name"):
        return False
    zl = word_lists()[lang].get(tok.low, 0.0)
    return zl >= 3.5 and zl >= zipf(tok.low) - 1.0


def _langdetect(text: str) -> str | None:
    try:
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    from ..language import langdetect_detector

    detector = langdetect_detector()   # as langdetect.detect_langs() makes one
    detector.append(text)
    try:
        top = detector.get_probabilities()[0]
    except LangDetectException:
        return None
    return top.lang.split("-")[0] if top.prob >= 0.7 else None


def _initial(text: str, matches: list[re.Match], i: int) -> bool:
    return i == 0 or text[matches[i - 1].end():matches[i].start()].strip()[-1:] in (".", "!", "?", ":", "•", "[", "|")


def _folded_words(text: str) -> list[str] | None:
    """Return the words of a text lower-cased with ’ as ', as _Tok.low has them, found at C speed.

    The words of the lower-cased text are the lower-cased words of the text unless it holds a
    capital dotted I or a capital sigma, whose lower case depends on more than the letter itself:
    then None, and the caller looks word by word.
    """
    if "İ" in text or "Σ" in text:
        return None
    return WORD.findall(text.lower().replace("’", "'"))


def _admitted(lows: list[str]) -> set[str]:
    """Return the words of two letters or more among lows that _maybe_foreign admits.

    Only words of the shipped lists can be admitted: the ones that are were worked out once (admitted_words).
    """
    return set(filter(_admits, set(lows)))


@lru_cache(maxsize=WORDS)
def _admits(low: str) -> bool:
    """Tell whether _admitted admits one word (a word of the shipped lists, two letters or more)."""
    return low in admitted_words()


def _admits_now(low: str) -> bool:
    """_admits worked out: a word of the shipped lists, two letters or more, that _maybe_foreign admits."""
    return low in foreign_index() and len(low) >= 2 and _maybe_foreign(low)


@lru_cache(maxsize=1)
def admitted_words():
    """The words _admits_now admits, as a memory-mapped trie kept in the user cache (one lookup a word)."""
    import hashlib

    import marisa_trie

    from ..mapped import cached_folder, own_code
    from ..usercache import cache_dir
    from .spelling import _lexicon_key

    _english(), _listed_english()   # opened first: working the words out reads them (cached_folder does not nest)
    # named by the lists and lexicon it is worked out from and by this module's code (_maybe_foreign's)
    key = hashlib.sha1(repr(("admitted", _foreign_key(), _lexicon_key(), own_code("pychecks/mt.py"))).encode()
                       ).hexdigest()[:16]
    folder = cached_folder(cache_dir(), "mt-admitted", key, _write_admitted_words)
    trie = marisa_trie.Trie()
    trie.mmap(str(folder / "words.trie"))
    return trie


def _write_admitted_words(folder) -> None:
    import marisa_trie

    marisa_trie.Trie(filter(_admits_now, foreign_index())).save(str(folder / "words.trie"))


def _foreign_runs(doc, sent_start: int, sent_end: int, guarded: list[tuple[int, int]],
                  options: "UntranslatedOptions"):
    text = doc.prose[sent_start:sent_end]
    lows = _folded_words(text)
    admitted = _admitted(lows) if lows is not None else set()
    if lows is not None and not admitted:
        return   # cheap exit: no word that _maybe_foreign admits
    matches = list(WORD.finditer(text))
    if len(matches) < 2:
        return
    if lows is not None and len(lows) == len(matches):
        maybe = [i for i, low in enumerate(lows) if low in admitted]
    else:
        maybe = [i for i, m in enumerate(matches) if _maybe_foreign(m.group().lower().replace("’", "'"))]
    caps = sum(1 for m in matches if m.group().isupper() and len(m.group()) > 1)
    built: dict[int, _Tok] = {}

    def tok(i: int) -> _Tok:
        if i not in built:
            m = matches[i]
            built[i] = _Tok(m, _initial(text, matches, i), caps >= 2 and m.group().isupper())
        return built[i]

    # cheap exits, looking only at the words _maybe_foreign admits (no other can be foreign):
    # a sentence with no word from the foreign table is English (or names); and a finding needs two
    # distinct foreign or ambiguous words, or one in an all-capitals label
    strong = [t for t in map(tok, maybe) if t.kind in ("foreign", "ambiguous", "particle")]
    if not strong:
        return
    function = [t for t in strong if t.kind != "particle"]
    if len({t.low for t in function}) < 2 and not any(t.text.isupper() for t in function):
        return
    toks = [tok(i) for i in range(len(matches))]
    min_score = options.min_score
    pending = [toks]
    while pending:
        part = pending.pop()
        first, last, score = _best_run(part)
        if last < first:
            continue
        pending += [part[:first], part[last + 1:]]
        run = part[first:last + 1]
        while run and run[-1].kind in ("name", "other", "particle", "short"):
            run.pop()
        while run and run[0].kind in ("name", "other", "short"):
            run.pop(0)
        label = all(t.text.isupper() for t in run)
        if label and all(len(t.low) <= 3 for t in run):
            continue   # a list of acronyms ('the EU, USA and UK'), not a label in another language
        while run and not label and run[-1].kind == "cognate":
            run.pop()
        while run and not label and run[0].kind == "cognate":
            run.pop(0)
        if len(run) < 2 or score < (1.0 if label else min_score):
            continue
        evidence = {t.low for t in run if t.kind in ("foreign", "ambiguous", "unknown")}
        function = {t.low for t in run if t.kind in ("foreign", "ambiguous")}
        if not (len(function) >= 2 and len(evidence) >= 2) and not (function and label):
            continue
        phrase = " ".join(t.low for t in run)
        if phrase in LOANS or _inside(guarded, sent_start + run[0].start, sent_start + run[-1].end):
            continue
        lang, margin = _language_of(run)
        if lang is None or margin < options.min_margin:
            continue
        # widen over neighbours that are words of that language at least as much as of English
        lo, hi = toks.index(run[0]), toks.index(run[-1])
        while lo > 0 and _belongs(toks[lo - 1], lang) and _joined(text, toks[lo - 1], toks[lo]):
            lo -= 1
        while hi + 1 < len(toks) and _belongs(toks[hi + 1], lang) and _joined(text, toks[hi], toks[hi + 1]):
            hi += 1
        start, end = sent_start + toks[lo].start, sent_start + toks[hi].end
        if len(run) >= 4:
            detected = _langdetect(doc.prose[start:end].lower())
            if detected in (None, "en"):
                continue
        yield start, end, LANGUAGE_NAMES.get(lang, lang)


@dataclass(frozen=True)
class UntranslatedOptions:
    """The options of a rule of check mt:untranslated-fragment."""

    min_score: float = 3.0     # how much better a run's words fit a foreign word list than English, at least
    min_margin: float = 2.0    # how far the likeliest language must lead the next one


@register("untranslated-fragment", scope="own-paragraph", options=UntranslatedOptions)
def untranslated_fragment(doc, rule, options: UntranslatedOptions):
    """Flag runs of another language: non-Latin script, or words a foreign word list explains better."""
    prose = doc.prose
    guarded = [m.span() for m in QUOTED.finditer(prose)]
    glosses = [g for g in guarded if prose[g[0]] == "("]
    for start, end, language in chain(_script_runs(prose, glosses), *(
            _foreign_runs(doc, sent.start, sent.end, guarded, options) for sent in doc.sentences)):
        yield rule.finding(start, end, prose[start:end], [""], values={"language": language},
                           data={"language": language})


_NON_LATIN = re.compile(r"[^\W\d_\x00-\u024f]").search   # letters (and a few numerals) past Latin
_NON_LATIN_ALL = re.compile(r"[^\W\d_\x00-\u024f]").finditer


def _script_runs(prose: str, glosses: list[tuple[int, int]]):
    """Yield (start, end, language) for runs of words in one non-Latin script on one line."""
    done = 0
    # a run ends at a line break: only lines holding a letter past Latin can hold one
    for hit in _NON_LATIN_ALL(prose):
        if hit.start() < done:
            continue
        line_start = prose.rfind("\n", 0, hit.start()) + 1
        done = prose.find("\n", hit.start())
        done = len(prose) if done < 0 else done
        yield from _line_script_runs(prose, line_start, done, glosses)


def _line_script_runs(prose: str, line_start: int, line_end: int, glosses: list[tuple[int, int]]):
    run: list[re.Match] = []
    for m in list(WORD.finditer(prose, line_start, line_end)) + [None]:
        # script_of finds nothing in a word without a letter past Latin: one regex call says so
        script = script_of(m.group()) if m and _NON_LATIN(m.group()) else None
        if script and run and script_of(run[-1].group()) == script:
            run.append(m)
            continue
        if run:
            start, end = run[0].start(), run[-1].end()
            label = script_of(run[0].group())
            if (end - start > 1 or len(run) > 1) and not _inside(glosses, start, end):
                yield start, end, cyrillic_language(prose[start:end]) if label == "Cyrillic" else label
        run = [m] if script else []


# ---- genitive chains --------------------------------------------------------------------------
# "the next withdrawal of the orbit of the international space station"
_FUNC = r"(?!(?:of|the|and|or|in|on|at|to|for|with|by|from|a|an|as|than)\b)"
_NP = rf"the (?:{_FUNC}[a-z][a-z-]* ){{0,3}}{_FUNC}[a-z][a-z-]+"
_NP_LAST = rf"the (?:{_FUNC}[A-Za-z][A-Za-z-]* ){{0,3}}{_FUNC}[A-Za-z][A-Za-z-]+"
CHAIN = re.compile(rf"\b(?P<np>{_NP})(?: of {_NP})+ of {_NP_LAST}\b")
NP_SPLIT = re.compile(r" of (?=the )")
# heads that make natural English chains ("the end of the first half of the season")
PARTITIVE = frozenset(pack_list("mt", "partitive-nouns.txt"))
VERBISH = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|said|says|that|which|who)\b")


def _head(np: str) -> str:
    return np.rsplit(" ", 1)[-1]


def _possessive(np: str) -> str:
    return np + ("'" if np.endswith("s") else "'s")


@register("genitive-chain", scope="own-paragraph", options=NoCheckOptions)
def genitive_chain(doc, rule, options):
    """Flag three or more noun phrases chained by 'of the', the French and Slavic genitive shape."""
    prose = doc.prose
    for m in CHAIN.finditer(prose):
        nps = NP_SPLIT.split(m.group())
        if len(nps) < 3 or any(VERBISH.search(np) for np in nps):
            continue
        heads = [_head(np) for np in nps]
        if any(h in PARTITIVE for h in heads[:-1]):
            continue
        # collapse the last link into a possessive: "the orbit of the station" -> "the station's orbit"
        inner = nps[-2][len("the "):]
        suggestion = " of ".join(nps[:-2] + [_possessive(nps[-1]) + " " + inner])
        yield rule.finding(m.start(), m.end(), m.group(), [suggestion], values={"links": str(len(nps) - 1)})


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    build_table()
    print(f"wrote {DATA}")
