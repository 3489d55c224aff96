"""Name drift across an article and a corpus: transliteration variants, case drift, house spellings."""
from __future__ import annotations

import re
import string
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Iterator

from . import PyCheck, Spots, register
from .spelling import zipf

_NAME = re.compile(r"(?<![\w-])[A-Z][\w’'-]*[\w]|(?<![\w-])[A-Z](?=\.)")
_SPACE = re.compile(r"[ \u00a0]")
STOP = frozenset("""a an the and or but of in on at to for by with from as is was this that these those it
its he she they we you i his her their our my your if when while after before since during than
then there here what which who whom whose where why how not no all any some each every""".split())


# ---- house spellings -------------------------------------------------------------------
@dataclass
class House:
    """Preferred spellings that override a corpus majority: variant form -> preferred form."""

    preferred: dict[str, str] = field(default_factory=dict)

    def canonical(self, form: str) -> str | None:
        return self.preferred.get(form)

    def prefers(self, form: str) -> bool:
        return form in self.preferred.values()


@lru_cache(maxsize=None)
def load_house(path: str) -> House:
    """Read 'Preferred = variant | variant' lines (# comments) into a House list."""
    house = House()
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        preferred, sep, variants = line.partition("=")
        if not sep:
            from ..errors import RulePackError

            raise RulePackError(f"{path}:{number}: expected 'Preferred = variant | variant'")
        preferred = preferred.strip()
        for v in (v.strip() for v in variants.split("|")):
            if not v:
                continue
            house.preferred[v] = preferred
            a, b = v.split(), preferred.split()
            if len(a) == len(b) > 1:   # 'Dmitry Peskov = Dmitri Peskov' also maps Dmitri -> Dmitry
                house.preferred.update({x: y for x, y in zip(a, b) if x != y and translit_key(x) == translit_key(y)})
    return house


def house_of(rule, options: dict) -> House:
    name = options.get("house")
    return load_house(str(rule.path.parent / name)) if name else House()


# ---- mentions --------------------------------------------------------------------------
@dataclass
class Mention:
    doc: int
    start: int
    end: int
    form: str


@lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """Fold the spellings that transliteration varies (Dmitri/Dmitry, Zelenskyy/Zelensky, ks/x)."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s$", "", w)
    w = w.replace("ks", "x")
    w = re.sub(r"^ye", "e", w)
    w = re.sub(r"([a-z])\1", r"\1", w)                 # Odessa/Odesa, Zelenskyy
    w = re.sub(r"(?:iy|yi|ij|y|i)$", "i", w)            # Dmitriy/Dmitry/Dmitri
    w = re.sub(r"(?:yev|jev)$", "iev", w)               # Prokofyev/Prokofiev
    w = re.sub(r"(?:ya)$", "ia", w)
    return w


def name_tokens(prose: str) -> Iterator[tuple[int, int, str]]:
    """Yield capitalised words (names, titles, ALL-CAPS names) with their spans."""
    for m in _NAME.finditer(prose):
        text = m.group()
        if text.endswith(("'s", "’s")):
            yield m.start(), m.end() - 2, text[:-2]
        else:
            yield m.start(), m.end(), text


@lru_cache(maxsize=8)   # the name checks of one article share them (never mutated)
def name_tokens_of(prose: str) -> list[tuple[int, int, str]]:
    """Return name_tokens(prose) as a list, computed once a text for the checks that share it."""
    return list(name_tokens(prose))


_ASCII_UPPER = str.maketrans("", "", string.ascii_uppercase)
_ASCII_LOWER = str.maketrans("", "", string.ascii_lowercase)


@lru_cache(maxsize=8)
def _caps_spans(prose: str) -> list[tuple[int, int]]:
    """Return the spans of the lines set in capitals (headings, tickers), computed once a text."""
    spans, pos = [], 0
    for line in prose.split("\n"):
        if line.isascii():   # letters counted by deleting them in C, not one Python call a character
            upper = len(line) - len(line.translate(_ASCII_UPPER))
            lower = len(line) - len(line.translate(_ASCII_LOWER)) if upper else 0
        else:
            upper = sum(map(str.isupper, line))
            lower = sum(map(str.islower, line))
        if upper and upper / (upper + lower) > 0.6:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _caps_line(prose: str, start: int) -> bool:
    """Tell whether the line around an offset is set in capitals (a heading or a ticker)."""
    spans = _caps_spans(prose)
    if not spans:
        return False
    i = bisect_right(spans, (start, len(prose) + 1)) - 1
    return i >= 0 and spans[i][0] <= start <= spans[i][1]


def _title_line(prose: str, start: int) -> bool:
    """Tell whether the line around an offset is a headline in title case ('Russia And NASA Prepare For Talks')."""
    a = prose.rfind("\n", 0, start) + 1
    b = prose.find("\n", start)
    line = prose[a:b if b >= 0 else len(prose)].strip()
    if not line or line[-1] in ".!?\"”’)":
        return False   # a sentence, however many names it holds
    words = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) >= 4]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.9 * len(words)


def _opens_sentence(prose: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and prose[i] in " \t\"'“‘(":
        i -= 1
    if i >= 0 and prose[i] == "." and re.search(r"(?:^|\W)(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col)$", prose[max(0, i - 4):i]):
        return False   # an initial or a title: 'Lyndon B. Johnson', 'Mr. Bakanov'
    return i < 0 or prose[i] in ".!?\n•:"


# ---- name drift ------------------------------------------------------------------------
@register("name-drift")
class NameDrift(PyCheck):
    """Cluster spellings of one name across the corpus and flag each minority spelling."""

    def summary(self, doc):
        """Return the article's name forms (form -> start offsets) and the pairs of names side by side."""
        prose = doc.prose
        toks = name_tokens_of(prose)
        forms: dict[str, list[int]] = {}
        pairs: dict[tuple[str, str], None] = {}
        for k, (s, e, text) in enumerate(toks):
            if len(text) < 4 or not text.isalpha() or text.isupper():
                continue
            forms.setdefault(text, []).append(s)
            # neighbours in a full name ("Dmitri Bakanov"), for near-spelling merges
            if k + 1 < len(toks) and _SPACE.fullmatch(prose[e:toks[k + 1][0]] or "x"):
                nxt = toks[k + 1][2]
                if nxt.isalpha() and len(nxt) >= 4:
                    pairs[f"{text}\t{nxt}"] = None
        return Spots(forms), "\n".join(pairs)

    def reduce(self, parts, docs, ctx):
        house = house_of(self.rule, self.options)
        forms: dict[str, Counter] = defaultdict(Counter)      # key -> form counts
        seen = _Where()                                          # form -> articles and counts
        beside: dict[str, set[tuple]] = defaultdict(set)         # form -> neighbouring name keys
        pairs: dict[tuple, set] = defaultdict(set)           # (neighbour key, side) -> keys
        key_of: dict[str, str] = {}
        for i, (doc_forms, doc_pairs) in enumerate(parts):
            for text, count in doc_forms.counted():
                key = key_of.get(text)
                if key is None:
                    key = key_of[text] = translit_key(house.canonical(text) or text)
                forms[key][text] += count
                seen.add(text, i, count)
            for pair in doc_pairs.split("\n") if doc_pairs else ():
                text, nxt = pair.split("\t")
                key, next_key = key_of[text], translit_key(nxt)
                pairs[(next_key, "before")].add(key)
                pairs[(key, "after")].add(next_key)
                beside[text].add(("before", next_key))
                beside[nxt].add(("after", key))
        merged = _merge_near(forms, pairs)
        clusters: dict[str, Counter] = defaultdict(Counter)
        for key, counts in forms.items():
            clusters[merged.get(key, key)].update(counts)
        canonical: dict[str, tuple[str, str]] = {}
        report = []
        for root, counts in clusters.items():
            if len(counts) < 2 and not any(house.canonical(f) for f in counts):
                continue
            choice, why = _choose(counts, house)
            if not choice:
                continue
            for form in counts:
                canonical[form] = (choice, why)
            variants = {}
            for key, fc in forms.items():
                if merged.get(key, key) == root:
                    for form in fc:
                        variants[form] = seen.by_path(form, docs)
            report.append({"entity": choice, "canonical_by": why, "variants": variants})
        ctx.corpus.setdefault("names", []).extend(sorted(report, key=lambda r: r["entity"]))
        flagged = {form for form, (choice, _why) in canonical.items() if choice != form}
        if not flagged:
            return
        taken = _taken(ctx, docs)
        for i, (doc_forms, _pairs) in enumerate(parts):
            hits = sorted((s, form) for form, starts in doc_forms.items() if form in flagged for s in starts)
            for start, form in hits:
                if (i, start) in taken:
                    continue
                choice, why = canonical[form]
                if why == "majority" and min(zipf(form.lower()), zipf(choice.lower())) >= 3.2:
                    continue   # two established names (Tony/Toni, Philips/Phillips), maybe two people
                if why == "majority" and not (seen.articles(form) & seen.articles(choice)
                                              or beside[form] & beside[choice]):
                    continue   # never in one article nor beside the same name: maybe two people (Bennet/Bennett)
                total = sum(clusters[merged.get(translit_key(choice), translit_key(choice))].values())
                msg = (f"'{form}' is the house list's variant of '{choice}'." if why == "house list" else
                       f"'{form}' drifts from '{choice}', the spelling the articles use most.")
                yield i, self.rule.finding(start, start + len(form), form, [choice], message=msg,
                                           data={"canonical": choice, "canonical_by": why,
                                                 "cluster_mentions": total})


class _Where:
    """Which articles use each form and how often, in two flat arrays a form (not a dict an article)."""

    def __init__(self):
        self.docs: dict[str, array] = {}
        self.counts: dict[str, array] = {}

    def add(self, form: str, doc: int, count: int) -> None:
        found = self.docs.get(form)
        if found is None:
            self.docs[form], self.counts[form] = array("l", [doc]), array("l", [count])
        else:
            found.append(doc)
            self.counts[form].append(count)

    def articles(self, form: str) -> set[int]:
        return set(self.docs.get(form, ()))

    def by_path(self, form: str, docs) -> dict[str, int]:
        """Return {path: mentions} of a form, in corpus order."""
        out: dict[str, int] = {}
        for i, count in zip(self.docs[form], self.counts[form]):
            path = docs[i].path
            out[path] = out.get(path, 0) + count
        return out


def _merge_near(forms: dict[str, Counter], pairs: dict[tuple, set]) -> dict[str, str]:
    """Join keys one or two edits apart that stand beside the same name ('Prokoftev'/'Prokofyev')."""
    from rapidfuzz.distance import Levenshtein

    parent: dict[str, str] = {}
    forms_of = {k: [f.lower() for f in c] or [k] for k, c in forms.items()}

    def find(k):
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for keys in pairs.values():
        if len(keys) < 2 or len(keys) > 50:
            continue
        ordered = sorted(keys)
        for a_i, a in enumerate(ordered):
            for b in ordered[a_i + 1:]:
                if min(len(a), len(b)) < 5 or a[0] != b[0]:
                    continue
                limit = 1 if min(len(a), len(b)) < 8 else 2
                if Levenshtein.distance(a, b, score_cutoff=limit) <= limit:
                    if max(map(zipf, forms_of[a])) >= 2.5 and max(map(zipf, forms_of[b])) >= 2.5:
                        continue   # two real words (German/Germany), not one name spelt twice
                    parent[find(b)] = find(a)
    return {k: find(k) for k in parent} | {k: find(k) for k in forms if find(k) != k}


def _choose(counts: Counter, house: House) -> tuple[str | None, str]:
    for form in counts:
        if house.prefers(form):
            return form, "house list"
        if house.canonical(form):
            return house.canonical(form), "house list"
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None, ""   # a tie: no majority to follow
    return ranked[0][0], "majority"


def _taken(ctx, docs) -> set[tuple[int, int]]:
    """Spans other name and spelling rules already flagged, kept from being flagged twice."""
    taken = set()
    for i, found in enumerate(ctx.findings):
        for f in found:
            if f.category.startswith(("names", "spelling")):
                taken.add((i, docs[i].to_prose(f.start)))
    return taken


# ---- case drift ------------------------------------------------------------------------
@register("name-case")
class NameCase(PyCheck):
    """Flag proper names whose capitalisation drifts: CREW-11 against Crew-11, lower-case names."""

    def summary(self, doc):
        """Return the article's capitalised forms (form -> start offsets) and its runs of capitalised words."""
        prose = doc.prose
        toks = name_tokens_of(prose)
        spots: dict[str, list[int]] = {}
        for s, _e, text in toks:
            if len(text) < 3 or not any(c.isalpha() for c in text) or _caps_line(prose, s):
                continue
            if zipf(text.lower()) >= 4.5 and not any(c.isdigit() for c in text):
                continue   # Us/US, It/IT: a capitalised common word, not a name
            spots.setdefault(text, []).append(s)
        return Spots(spots), "\n".join(set(_title_sequences(prose, toks)))

    def reduce(self, parts, docs, ctx):
        min_count = self.options.get("min_count", 2)
        forms: dict[str, Counter] = defaultdict(Counter)
        where = _Where()
        phrases: Counter = Counter()
        for i, (spots, doc_phrases) in enumerate(parts):
            for text, count in spots.counted():
                low = text.lower()
                forms[low][text] += count
                where.add(text, i, count)
            for phrase in doc_phrases.split("\n") if doc_phrases else ():
                phrases[phrase] += 1   # counted once an article: names the articles share
        report = []
        fixes: dict[str, str] = {}
        for low, counts in forms.items():
            if len(counts) < 2:
                continue
            shapes = {_shape(f) for f in counts}
            if "upper" not in shapes or len(shapes) < 2:
                continue
            ranked = counts.most_common()
            if ranked[0][1] <= ranked[1][1] or ranked[0][1] < min_count:
                continue
            fixes.update({f: ranked[0][0] for f in counts if f != ranked[0][0]})
            report.append({"entity": ranked[0][0], "canonical_by": "majority", "variants": {f: where.by_path(f, docs) for f in counts}})
        if fixes:
            for i, (spots, _phrases) in enumerate(parts):
                for s, text in sorted((s, text) for text, starts in spots.items() if text in fixes for s in starts):
                    yield i, self.rule.finding(s, s + len(text), text, [fixes[text]],
                                               message=f"'{text}' is set in a different case from '{fixes[text]}', "
                                                       "the form the articles use most.",
                                               data={"canonical": fixes[text]})
        known = {p: n for p, n in phrases.items() if n >= min_count}
        plan = _lowercase_plan(known)
        lowered = [list(_lowercased_by(doc.prose, plan)) for doc in docs]
        in_lower = Counter(proper for hits in lowered for proper in {h[2] for h in hits})
        for i, doc in enumerate(docs):
            for s, e, proper in lowered[i]:
                if in_lower[proper] >= known.get(proper, known.get("\x00" + proper, 0)):
                    continue   # many articles write it in lower case: a description, not a name
                yield i, self.rule.finding(s, e, doc.prose[s:e], [proper],
                                           message=f"'{doc.prose[s:e]}' is the proper name '{proper}' in lower "
                                                   "case; the articles capitalise it.",
                                           data={"canonical": proper, "mentions": known.get(proper, known.get("\x00" + proper))})
                report.append({"entity": proper, "canonical_by": "majority",
                               "variants": {doc.prose[s:e]: {doc.path: 1}}})
        ctx.corpus.setdefault("names", []).extend(report)


_LETTERS = re.compile(r"[A-Za-z]+")


def _shape(form: str) -> str:
    letters = [c for c in form if c.isalpha()]
    if all(c.isupper() for c in letters):
        return "upper"
    return "title" if letters[0].isupper() else "lower"


_LONGEST_NAME = 8   # capitalised words ('United Nations High Commissioner for Refugees' has five)


def _title_sequences(prose: str, toks) -> Iterator[str]:
    """Yield runs of two or more capitalised words ('International Space Station')."""
    run: list[tuple[int, int, str]] = []
    for tok in list(toks) + [(len(prose) + 5, 0, "")]:
        if run and tok[2] and _SPACE.fullmatch(prose[run[-1][1]:tok[0]] or "x") and tok[2].istitle() \
                and tok[2].isalpha():
            run.append(tok)
            continue
        first = next((k for k, t in enumerate(run) if t[2].lower() not in STOP), len(run))
        run = run[first:]
        # a run longer than any name is a list or a heading, not a name (and its tails would be quadratic)
        if 2 <= len(run) <= _LONGEST_NAME and not _caps_line(prose, run[0][0]) and not _title_line(prose, run[0][0]):
            yield " ".join(t[2] for t in run)
            # the tail of a longer name ('Johnson Space Center' -> 'Space Center')
            for j in range(1, len(run) - 1):
                if len(run) - j >= 2:
                    yield "\x00" + " ".join(t[2] for t in run[j:])
        run = [tok] if tok[2] and tok[2].istitle() and tok[2].isalpha() else []


def _lowercase_plan(known: dict[str, int]) -> dict[str, list[tuple[str, str, bool, list[str]]]]:
    """Index the known names _lowercased looks for by their first word (lower case)."""
    whole = {p.lower(): p for p in known if not p.startswith("\x00") and len(p.split()) >= 3}
    tails = {p[1:].lower(): p[1:] for p in known if p.startswith("\x00")}
    firsts = defaultdict(list)
    for low, proper in list(whole.items()) + [(k, v) for k, v in tails.items() if k not in whole]:
        words = low.split()
        firsts[words[0]].append((low, proper, low in whole, words))
    return firsts


def _lowercased(prose: str, known: dict[str, int]) -> Iterator[tuple[int, int, str]]:
    """Find known capitalised names written in lower case.

    A whole name of three or more words counts anywhere ('international space station'); the
    tail of a longer name counts right after a capitalised word ('Johnson space center').
    """
    return _lowercased_by(prose, _lowercase_plan(known))


def _lowercased_by(prose: str, firsts) -> Iterator[tuple[int, int, str]]:
    """_lowercased with the known names already indexed by _lowercase_plan."""
    if not firsts:
        return
    # the words alone first (no offsets): most articles write no known name in lower case
    toks = _LETTERS.findall(prose)
    if firsts.keys().isdisjoint(toks):
        return
    hits = []
    for k, w in enumerate(toks):
        if w in firsts:   # the keys are lower case: so is w
            entries = [e for e in firsts[w] if toks[k:k + len(e[3])] == e[3]]
            if entries:
                hits.append((k, entries))
    if not hits:
        return
    # offsets of the few words around the hits only, skipping the others' matches in C
    need = sorted({j for k, entries in hits for j in range(max(k - 1, 0), k + max(len(e[3]) for e in entries))})
    words: dict[int, tuple[int, int, str]] = {}
    found, at = _LETTERS.finditer(prose), 0
    for j in need:
        m = next(islice(found, j - at, None))
        at = j + 1
        words[j] = (m.start(), m.end(), m.group())
    for k, entries in hits:
        s = words[k][0]
        for _low, proper, is_whole, names in entries:
            seq = [words[j] for j in range(k, k + len(names))]
            if not all(_SPACE.fullmatch(prose[a[1]:b[0]] or "x") for a, b in zip(seq, seq[1:])):
                continue
            if not is_whole:
                prev = words[k - 1] if k else None
                if not prev or not prev[2][:1].isupper() or prev[2].lower() in STOP \
                        or not _SPACE.fullmatch(prose[prev[1]:s] or "x") or _opens_sentence(prose, prev[0]) \
                        and zipf(prev[2].lower()) >= 4.0:
                    continue
            yield s, seq[-1][1], proper
            break
