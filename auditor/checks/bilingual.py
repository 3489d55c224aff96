"""Compare a translation with its source, sentence by sentence: numbers, dates, names, quotes, links, omissions.

A rule of type ``bilingual`` names what it compares (``compare:``); it finds nothing in an article
given without a source. Findings name the source words they rest on in ``data["source"]``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Iterator

from .. import bilingual
from ..documents import Document
from ..errors import RulePackError
from ..model import Finding
from ..rule import Rule
from .base import CheckType

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[ \u00a0\u202f,.]\d+)*(?![\w])|(?<![\w.,])\d+(?=[a-zA-Z%])")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ROMAN = re.compile(r"\b([IVXLC]{1,6})\s*(?:-?[а-яі]+\s+)?(\w+)")
_QUOTES = re.compile(r"[«„“\"][^«»„“”\"]{3,}?[»“”\"]")
_LINK = re.compile(r"https?://\S+[\w/]|www\.\S+[\w/]|(?<![\w@])@\w{2,}|(?<![\w#&])#[^\W\d]\w+")
_CYRILLIC_WORD = re.compile(r"[А-ЯЁІЇЄҐа-яёіїєґ'’]+")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (rapidfuzz's, imported once an article has a source to compare)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: float
    kind: str          # percent | money | count | year | plain
    decimals: int      # digits after the decimal mark as written
    text: str


_IN_TABLE = {"table": "options"}


@dataclass(frozen=True)
class BilingualOptions:
    """The options of a rule of type bilingual; all but compare sit in its `options:` table."""

    compare: str                       # what is compared with the source: a name in COMPARES
    vocabulary: str = field(default="vocabulary.json", metadata=_IN_TABLE)   # JSON beside the rule: romanisations, month names
    known_zipf: float = field(default=1.0, metadata=_IN_TABLE)   # names: a word this frequent (Zipf) or more is no name
    min_words: int = field(default=6, metadata=_IN_TABLE)        # omitted: a shorter source sentence may go untranslated


def _load_vocabulary(rule: Rule, options: BilingualOptions) -> dict:
    path = Path(rule.path).parent / options.vocabulary
    try:
        return _read_json(str(path))
    except (OSError, ValueError) as exc:
        raise RulePackError(f"{rule.path}: cannot read vocabulary {path.name}: {exc}") from None


@lru_cache(maxsize=8)
def _read_json(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _parse(raw: str, language: str) -> list[tuple[int, int, float, int]]:
    """Split a run of digits and separators into numbers: (start, end, value, decimals) relative to raw.

    English groups thousands with commas; Russian and Ukrainian with spaces and write decimals with a comma.
    """
    thousands = "," if language == "en" else " \u00a0\u202f"
    decimal = "." if language == "en" else ","
    parts = re.split(r"([ \u00a0\u202f,.])", raw)
    out: list[tuple[int, int, float, int]] = []
    pos = 0
    cur_start, digits, dec, decimals = 0, parts[0], "", 0
    pos = len(parts[0])
    k = 1
    while k < len(parts):
        sep, group = parts[k], parts[k + 1]
        if sep in thousands and len(group) == 3 and not dec:
            digits += group
        elif (sep == decimal or (sep == "." and language != "en" and len(group) != 3)
              or (sep == "," and language == "en" and len(group) < 3 and k + 2 >= len(parts))) and not dec:
            dec = group   # in English copy "31,8" is a decimal comma left by translation: read as 31.8
        elif sep == " \u00a0"[0] and language == "en" and len(group) == 3 and not dec:
            digits += group   # a space between thousands, as some English copy writes
        else:
            out.append((cur_start, pos, float(digits + ("." + dec if dec else "")), len(dec)))
            cur_start, digits, dec = pos + 1, group, ""
        pos += len(sep) + len(group)
        k += 2
    out.append((cur_start, pos, float(digits + ("." + dec if dec else "")), len(dec)))
    return out


def _words(vocab: dict, key: str, language: str):
    """A vocabulary's words for a language; Russian and Ukrainian share theirs (short texts are hard to tell apart)."""
    table = vocab[key]
    langs = ("ru", "uk") if language in ("ru", "uk") else (language,)
    if isinstance(table.get(langs[0], {}), dict):
        return {k: v for lang in langs for k, v in table.get(lang, {}).items()}
    return [w for lang in langs for w in table.get(lang, [])]


def numbers(text: str, language: str, vocab: dict) -> list[Number]:
    """Numbers written in digits, with the multiplier word after them applied and their kind."""
    mult = _words(vocab, "multipliers", language)
    percent = [p.lower() for p in _words(vocab, "percent", language)] or ["%"]
    currency = [c.lower() for c in _words(vocab, "currency", language)]
    found = []
    for m in _NUMBER.finditer(text):
        for s, e, value, decimals in _parse(m.group(), language):
            start, end = m.start() + s, m.start() + e
            after = text[end:end + 30].lower()
            before = text[max(0, start - 12):start].lower()
            word = re.match(r"\s*[-\u00a0]?\s*([^\W\d_]+)\.?", after)
            kind = "plain"
            if word and word.group(1) in mult:
                value *= mult[word.group(1)]
                kind = "count"
                after = after[word.end():]
            stripped = after.lstrip()
            if any(stripped.startswith(p) for p in percent):
                kind = "percent"
            elif any(stripped.startswith(c) for c in currency) or before.rstrip()[-1:] in ("$", "€", "£", "₴", "₽"):
                kind = "money"
            elif kind == "plain" and decimals == 0 and 1800 <= value <= 2100 and e - s == 4:
                kind = "year"
            found.append(Number(start, end, value, kind, decimals, text[start:end]))
    return found


def _same(a: float, b: float, decimals: int) -> bool:
    """Equal, or b rounded to the precision a is written with (3.51 given as 3.5)."""
    if abs(a - b) < 1e-9 * max(1.0, abs(a)):
        return True
    return decimals > 0 and abs(round(b, decimals) - a) < 1e-9 * max(1.0, abs(a))


class Pair:
    """An article, its source, their alignment, and the numbers, dates and names of both (built once)."""

    def __init__(self, doc: Document, source: bilingual.Source, vocab: dict):
        self.doc, self.source, self.vocab = doc, source, vocab
        self.lang = source.language
        self.align = bilingual.alignment(source, doc.prose)

    @cached_property
    def src_numbers(self) -> list[Number]:
        found = numbers(self.source.text, self.lang, self.vocab)
        words = _words(self.vocab, "century_words", self.lang)
        for m in _ROMAN.finditer(self.source.text):   # XVII в. / XX століття: centuries in Roman numerals
            if m.group(2).lower().rstrip(".") in words:
                value = _roman(m.group(1))
                if value:
                    found.append(Number(m.start(1), m.end(1), value, "plain", 0, m.group(1)))
        return found

    @cached_property
    def mismatches(self) -> list[tuple[Number, Number, float]]:
        return mismatched_numbers(self)

    @cached_property
    def tgt_numbers(self) -> list[Number]:
        return numbers(self.doc.prose, "en", self.vocab)

    @cached_property
    def tgt_values(self) -> list[float]:
        """Every value the target states: digits, ordinals and spelled-out numbers."""
        words = self.vocab["number_words"]["en"]
        values = [n.value for n in self.tgt_numbers]
        values += [words[w.lower()] for w in _WORD.findall(self.doc.prose) if w.lower() in words]
        mult = self.vocab["multipliers"]["en"]
        # "two million", "a thousand": spelled-out numbers with a multiplier
        for m in re.finditer(r"\b(\w+)[\s-]+(thousand|million|billion|trillion)\b", self.doc.prose, re.I):
            base = words.get(m.group(1).lower())
            if base:
                values.append(base * mult[m.group(2).lower()])
        return values

    @cached_property
    def src_values(self) -> list[float]:
        words = _words(self.vocab, "number_words", self.lang)
        values = [n.value for n in self.src_numbers]
        values += [words[w.lower()] for w in _WORD.findall(self.source.text) if w.lower() in words]
        return values

    def src_dates(self) -> list[tuple[int, int, int, int]]:
        """(start, end, day, month) of the source's dates such as '12 февраля'."""
        months = _words(self.vocab, "months", self.lang)
        out = []
        for m in re.finditer(r"(?<!\d)(\d{1,2})\s+([^\W\d_]+)", self.source.text):
            month = months.get(m.group(2).lower())
            if month and 1 <= int(m.group(1)) <= 31:
                out.append((m.start(), m.end(), int(m.group(1)), month))
        return out

    @cached_property
    def tgt_dates(self) -> set[tuple[int, int]]:
        months = self.vocab["months"]["en"]
        prose = self.doc.prose
        dates = set()
        for m in re.finditer(r"\b([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", prose):
            if m.group(1).lower() in months:
                dates.add((int(m.group(2)), months[m.group(1).lower()]))
        for m in re.finditer(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)", prose):
            if m.group(2).lower() in months:
                dates.add((int(m.group(1)), months[m.group(2).lower()]))
        return dates

    def bead_of_source(self, offset: int) -> int:
        spans = self.align.src_spans
        for i, s in enumerate(spans):
            if s.start <= offset < s.end:
                return self.align.src_bead[i]
        return 0

    def bead_of_target(self, offset: int) -> int:
        for j, s in enumerate(self.align.tgt_spans):
            if s.start <= offset < s.end:
                return self.align.tgt_bead[j]
        return 0

    def window_text(self, bead: int, side: str, reach: int = 1) -> tuple[int, int]:
        """The span of a bead and its neighbours on one side."""
        if side == "source":
            idx, spans = self.align.source_window(bead, reach), self.align.src_spans
        else:
            idx, spans = self.align.target_window(bead, reach), self.align.tgt_spans
        if not idx:
            return 0, 0
        return spans[min(idx)].start, spans[max(idx)].end

    def target_sentence(self, bead: int) -> tuple[int, int] | None:
        for reach in (0, 1):
            idx = self.align.target_window(bead, reach)
            if idx:
                spans = self.align.tgt_spans
                k = min(idx, key=lambda j: abs(self.align.tgt_bead[j] - bead))
                return spans[k].start, spans[k].end
        return None


def _roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = values[a]
        total += -v if b in values and values[b] > v else v
    return total if 0 < total < 40 else 0


def _src(pair: Pair, start: int, end: int) -> dict:
    return {"source": {"start": start, "end": end, "text": pair.source.text[start:end],
                       "language": pair.lang}}


def _format_like(target_text: str, value: float, decimals: int) -> str:
    """Write a number as the target wrote its own: thousands commas, decimals."""
    text = f"{value:,.{decimals}f}" if "," in target_text or value >= 10000 else f"{value:.{decimals}f}"
    return text


# ---- the comparisons ------------------------------------------------------------
def numbers_differ(pair: Pair, rule: Rule, options: BilingualOptions) -> Iterator[Finding]:
    """A number in the translation that the source does not state; the source's own number is proposed."""
    for n, best, scale in pair.mismatches:
        suggestion = _format_like(n.text, best.value / scale, best.decimals)
        yield rule.finding(n.start, n.end, n.text, [suggestion],
                           values={"source": best.text}, data=_src(pair, best.start, best.end))


def mismatched_numbers(pair: Pair) -> list[tuple[Number, Number, float]]:
    """(target number, the source number it stands for, the target's multiplier) where the two differ."""
    src_values = pair.src_values
    converted = set(pair.vocab["converted_units"]["en"])
    used = set()
    out = []
    for n in pair.tgt_numbers:
        scale = _scale_after(pair, n)
        value = n.value
        # spelled-out in the source, or a part of a range or date the source writes otherwise
        if value < 1 or (n.decimals == 0 and value <= 31 and n.kind == "plain"):
            continue
        if pair.doc.prose[n.end:n.end + 1] == ":" or pair.doc.prose[n.start - 1:n.start] == ":":
            continue   # a time of day (3:45), which the source may write 3.45
        word = re.match(r"\s*[-\u00a0]?\s*°?([^\W\d_]+)", pair.doc.prose[n.end:n.end + 20])
        if word and word.group(1).lower() in converted:
            continue   # a conversion for English readers ("13.8 metres (45 feet)")
        bead = pair.bead_of_target(n.start)
        lo, hi = pair.window_text(bead, "source")
        here = [s for s in pair.src_numbers if lo <= s.start < hi]
        if any(_same(value, s.value, n.decimals) for s in here):
            continue
        kinds = {n.kind, "plain", "count"} if n.kind in ("plain", "count") else {n.kind}
        tlo, thi = pair.window_text(bead, "target")
        stated = [t.value for t in pair.tgt_numbers if tlo <= t.start < thi]
        # numbers of its kind the source gives here and the translation does not
        candidates = [s for s in here if s.kind in kinds and id(s) not in used
                      and not any(_same(t, s.value, 0) for t in stated)]
        if not candidates:
            continue   # the source gives it elsewhere, or nothing of its kind is here (the alignment may be off)
        best = min(candidates, key=lambda s: _distance(_digits(s.value / scale), _digits(value / scale)))
        used.add(id(best))
        out.append((n, best, scale))
    return out


def _scale_after(pair: Pair, n: Number) -> float:
    """The multiplier a target number carries ('40 thousand' is 40 × 1,000)."""
    word = re.match(r"\s*[-\u00a0]?\s*([^\W\d_]+)", pair.doc.prose[n.end:n.end + 20])
    mult = pair.vocab["multipliers"]["en"]
    return mult.get(word.group(1).lower(), 1.0) if word else 1.0


def _digits(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".").replace(".", "")


def numbers_dropped(pair: Pair, rule: Rule, options: BilingualOptions) -> Iterator[Finding]:
    """An amount or percentage of the source that the translation does not state anywhere."""
    tgt_values = pair.tgt_values
    differ = {id(best) for _, best, _ in pair.mismatches}   # shown where the translation gives another number
    for s in pair.src_numbers:
        if s.kind not in ("percent", "money", "count") or id(s) in differ:
            continue
        if any(_same(v, s.value, 0) or _same(s.value, v, s.decimals) for v in tgt_values):
            continue
        if any(abs(n.value * _scale_after(pair, n) - s.value) < 1e-6 * s.value for n in pair.tgt_numbers):
            continue
        where = pair.target_sentence(pair.bead_of_source(s.start))
        if where is None:
            continue
        start, end = _trim(pair.doc.prose, *where)
        yield rule.finding(start, end, pair.doc.prose[start:end], values={"source": s.text},
                           data=_src(pair, s.start, s.end))


def dates_dropped(pair: Pair, rule: Rule, options: BilingualOptions) -> Iterator[Finding]:
    """A date of the source missing from the translation; a weekday or 'yesterday' in its place is shown."""
    days = pair.vocab["day_words"]["en"]
    names = {k: m.capitalize() for m, k in pair.vocab["months"]["en"].items() if len(m) > 3}
    for start, end, day, month in pair.src_dates():
        if (day, month) in pair.tgt_dates:
            continue
        bead = pair.bead_of_source(start)
        where = pair.target_sentence(bead)
        if where is None:
            continue
        lo, hi = where
        sentence = pair.doc.prose[lo:hi]
        m = re.search(r"\b(?:on\s+)?(%s)\b" % "|".join(days), sentence, re.I)
        date = f"{names[month]} {day}"
        if m:
            on = "on " if m.group(0).lower().startswith("on ") else ""
            repl = f"{on}{date}" if m.group(1).lower() not in ("yesterday", "today", "tomorrow") else f"on {date}"
            yield rule.finding(lo + m.start(), lo + m.end(), m.group(0), [repl],
                               values={"source": pair.source.text[start:end], "date": date},
                               data=_src(pair, start, end))
        else:
            s, e = _trim(pair.doc.prose, lo, hi)
            yield rule.finding(s, e, pair.doc.prose[s:e], values={"source": pair.source.text[start:end], "date": date},
                               data=_src(pair, start, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?"):
        end -= 1
    return start, end


def names(pair: Pair, rule: Rule, options: BilingualOptions) -> Iterator[Finding]:
    """A name spelt near to, but not as, the source's name under any standard romanisation."""
    from ..pychecks.spelling import zipf_frequency   # wordfreq's, from the shared mapped table

    table = tuple(sorted(pair.vocab.get("ukrainian_romanisation", {}).items()))
    src_text, prose = pair.source.text, pair.doc.prose
    known = options.known_zipf
    src_names: dict[int, list[tuple[int, int, str, tuple[str, ...]]]] = {}
    for k, span in enumerate(pair.align.src_spans):
        words = []
        for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)?", src_text[span.start:span.end]):
            w = m.group()
            if not w[0].isupper() or len(w) < 4:
                continue
            if _CYRILLIC_WORD.fullmatch(w):
                forms = bilingual.romanisations(w, pair.lang, table)
            elif w.isascii():
                forms = (w,)
            else:
                continue
            words.append((span.start + m.start(), span.start + m.end(), w, forms))
        src_names[pair.align.src_bead[k]] = src_names.get(pair.align.src_bead[k], []) + words
    all_skeletons = {bilingual.skeleton(f) for ws in src_names.values() for _, _, w, forms in ws
                     if not w.isascii() for f in forms}
    all_latin = {w.lower() for ws in src_names.values() for _, _, w, _ in ws if w.isascii()}
    for j, span in enumerate(pair.align.tgt_spans):
        bead = pair.align.tgt_bead[j]
        nearby = [w for b in range(bead - 1, bead + 2) for w in src_names.get(b, [])]
        if not nearby:
            continue
        first = True
        for m in re.finditer(r"[A-Za-z]+", prose[span.start:span.end]):
            t = m.group()
            at_start, first = first, False
            if not t[0].isupper() or len(t) < 4 or t.isupper() or at_start:
                continue
            sk = bilingual.skeleton(t)
            if sk in all_skeletons or t.lower() in all_latin or zipf_frequency(t.lower()) >= known:
                continue
            best = None
            for s0, s1, w, forms in nearby:
                latin = w.isascii()
                for f in forms:
                    fk = f.lower() if latin else bilingual.skeleton(f)
                    tk = t.lower() if latin else sk
                    stem = _stem(fk, latin)
                    # the name with an English or a case ending, or a fleeting vowel (Череповец, в Череповце)
                    if (tk.startswith(stem) and len(tk) - len(stem) <= 3) or _fleeting(tk) == _stem(fk, latin) \
                            or _fleeting(tk) == stem:
                        best = None
                        break   # the same name
                    d = _distance(_stem(tk, latin), stem)
                    limit = 1
                    if 0 < d <= limit and (best is None or d < best[0]):
                        spelled = w if latin else _best_form(forms)
                        best = (d, s0, s1, spelled)
                else:
                    continue
                break
            if best is None:
                continue
            _, s0, s1, spelled = best
            start = span.start + m.start()
            yield rule.finding(start, start + len(t), t, [spelled], values={"source": src_text[s0:s1]},
                               data=_src(pair, s0, s1))


def _fleeting(key: str) -> str:
    """Drop the vowel Slavic nouns lose before their last consonants when an ending is added."""
    return re.sub(r"[eo](?=[^aeiou]{1,2}$)", "", key)


def _stem(key: str, latin: bool) -> str:
    if latin:
        return key
    return re.sub(r"(?:ogo|ego|omu|emu|oi|ei|om|em|im|ym|ikh|ih|ami|ah|ia|iu|a|u|e|i|o)$", "", key) or key


def _best_form(forms: tuple[str, ...]) -> str:
    """The first plain-Latin form: the system English news prefers comes first."""
    return next((f for f in forms if f.isascii()), forms[0])


def quotes_dropped(pair: Pair, rule: Rule, options: BilingualOptions) -> Iterator[Finding]:
    """Words the source quotes that the translation gives without quotation marks."""
    for k, span in enumerate(pair.align.src_spans):
        text = pair.source.text[span.start:span.end]
        # a quotation, not a name in quotation marks («Прогресс МС-22», «Голос Америки»): three words or
        # more, two of them in lower case
        quoted = [q for q in _QUOTES.finditer(text) if len(q.group().split()) >= 3
                  and sum(w[:1].islower() for w in q.group().strip("«»„“”\"").split()) >= 2]
        if not quoted:
            continue
        bead = pair.align.src_bead[k]
        lo, hi = pair.window_text(bead, "target", reach=0)
        if hi <= lo or re.search(r"[\"“”«»„']", pair.doc.prose[lo:hi]):
            continue
        start, end = _trim(pair.doc.prose, lo, hi)
        q = quoted[0]
        yield rule.finding(start, end, pair.doc.prose[start:end], values={"source": q.group()},
                           data=_src(pair, span.start + q.start(), span.start + q.end()))


def links_changed(pair: Pair, rule: Rule, options: BilingualOptions) -> Iterator[Finding]:
    """A URL, handle or hashtag of the source that the translation changed or dropped."""
    prose = pair.doc.prose
    targets = {m.group().rstrip(".,") for m in _LINK.finditer(prose)}
    for m in _LINK.finditer(pair.source.text):
        link = m.group().rstrip(".,")
        if link in targets or link.startswith("#") and not link[1:].isascii():
            continue
        close = [t for t in targets if _distance(t.lower(), link.lower()) <= max(2, len(link) // 5)]
        bead = pair.bead_of_source(m.start())
        if close:
            t = close[0]
            at = prose.find(t)
            yield rule.finding(at, at + len(t), t, [link], values={"source": link}, data=_src(pair, m.start(), m.end()))
        else:
            where = pair.target_sentence(bead)
            if where:
                s, e = _trim(prose, *where)
                yield rule.finding(s, e, prose[s:e], values={"source": link}, data=_src(pair, m.start(), m.end()))


def omitted(pair: Pair, rule: Rule, options: BilingualOptions) -> Iterator[Finding]:
    """A source sentence with no translation (an empty or a missing segment)."""
    min_words = options.min_words
    tgt_spans = pair.align.tgt_spans
    for k, bead in enumerate(pair.align.beads):
        if bead.target or not bead.source:
            continue
        words = sum(len(pair.source.text[pair.align.src_spans[i].start:pair.align.src_spans[i].end].split())
                    for i in bead.source)
        if words < min_words:
            continue
        before = [j for b in pair.align.beads[:k] for j in b.target]
        at = tgt_spans[before[-1]].end if before else 0
        s0, s1 = pair.align.src_spans[bead.source[0]].start, pair.align.src_spans[bead.source[-1]].end
        yield rule.finding(at, at, "", values={"source": pair.source.text[s0:s1]}, data=_src(pair, s0, s1))


def untranslated(pair: Pair, rule: Rule, options: BilingualOptions) -> Iterator[Finding]:
    """A target sentence that repeats its source sentence word for word (a segment left untranslated)."""
    prose = pair.doc.prose
    for bead in pair.align.beads:
        if len(bead.source) != 1 or len(bead.target) != 1:
            continue
        s = pair.align.src_spans[bead.source[0]]
        t = pair.align.tgt_spans[bead.target[0]]
        src, tgt = pair.source.text[s.start:s.end].strip(), prose[t.start:t.end].strip()
        if len(src.split()) >= 3 and src == tgt:
            yield rule.finding(t.start, t.end, tgt, values={"source": src}, data=_src(pair, s.start, s.end))


COMPARES: dict[str, Callable[[Pair, Rule, BilingualOptions], Iterator[Finding]]] = {
    "numbers-differ": numbers_differ, "numbers-dropped": numbers_dropped, "dates-dropped": dates_dropped,
    "names": names, "quotes-dropped": quotes_dropped, "links-changed": links_changed,
    "omitted": omitted, "untranslated": untranslated,
}


class BilingualCheck(CheckType):
    """The bilingual rules, run on articles that come with their source."""

    Options = BilingualOptions

    def __init__(self, rules: list[Rule]):
        super().__init__(rules)
        self.vocab = {}
        for rule in rules:
            opts: BilingualOptions = self.options[rule.code]
            if opts.compare not in COMPARES:
                raise RulePackError(f"{rule.path}: unknown compare {opts.compare!r}")
            self.vocab[rule.code] = _load_vocabulary(rule, opts)

    def check(self, doc: Document) -> list[Finding]:
        source = doc.meta.get("source")
        if source is None:
            return []
        found: list[Finding] = []
        pairs: dict[int, Pair] = {}
        for rule in self.rules:
            vocab = self.vocab[rule.code]
            pair = pairs.get(id(vocab))
            if pair is None:
                pair = pairs[id(vocab)] = Pair(doc, source, vocab)
            opts = self.options[rule.code]
            found.extend(COMPARES[opts.compare](pair, rule, opts))
        return found
