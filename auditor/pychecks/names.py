"""Name drift across an article and a corpus: transliteration variants, case drift, house spellings."""
from __future__ import annotations

import re
import string
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path
from typing import Iterator

from ..incremental import TextMemo
from ..memo import WORDS
from ..vocabulary import pack_list
from . import PyCheck, Spots, register
from .spelling import MAX_NAME_FORMS, zipf

_NAME = re.compile(r"(?<![\w-])[A-Z][\w’'-]*[\w]|(?<![\w-])[A-Z](?=\.)")
_SPACE = re.compile(r"[ \u00a0]")
STOP = frozenset(pack_list("names", "stopwords.txt"))


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


def house_of(rule, options: "DriftOptions") -> House:
    name = options.house
    return load_house(str(rule.path.parent / name)) if name else House()


# ---- mentions --------------------------------------------------------------------------
@dataclass
class Mention:
    doc: int
    start: int
    end: int
    form: str


@lru_cache(maxsize=WORDS)
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


def name_tokens_of(prose: str) -> list[tuple[int, int, str]]:
    """Return name_tokens(prose) as a list, computed once a text for the checks that share it.

    Only the first MAX_NAME_FORMS distinct spellings are kept (with every later use of them), so that
    the checks comparing names stay bounded on an article of endless made-up names.
    """
    return _bounded_name_tokens(prose)[0]


def names_past_bound(prose: str) -> dict[str, int]:
    """The capitalised words name_tokens_of left out, with where each first stands."""
    return _bounded_name_tokens(prose)[1] if _lines_of(prose) is None else {}


@lru_cache(maxsize=8)   # the name checks of one article share them (never mutated)
def _bounded_name_tokens(prose: str) -> tuple[list[tuple[int, int, str]], dict[str, int]]:
    lines = _lines_of(prose)
    if lines is not None:   # within the bound: every token, read line by line
        return [(pos + s, pos + e, text) for pos, _line, facts in lines for s, e, text in facts.toks], {}
    kept: list[tuple[int, int, str]] = []
    forms: set[str] = set()
    past: dict[str, int] = {}
    for tok in name_tokens(prose):
        if tok[2] not in forms:
            if len(forms) >= MAX_NAME_FORMS:
                past.setdefault(tok[2], tok[0])
                continue
            forms.add(tok[2])
        kept.append(tok)
    return kept, past


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


# ---- what each line holds, kept by its text ----------------------------------------------
# The name checks read a capitalised word with its neighbours on its own line only (a line break
# parts two names; a line's case and its sentences' openings are read inside it), so what a line
# yields them depends on the line's text alone: an edited article's unchanged lines are not read again.
class _Line:
    """A line's name tokens, in the line's offsets, and what each name check gathered from them."""

    __slots__ = ("toks", "forms", "read")

    def __init__(self, line: str):
        self.toks = list(name_tokens(line))
        self.forms = {t[2] for t in self.toks}
        self.read: dict[tuple, object] = {}   # (reader, its settings) -> what it read in the line


_LINES = TextMemo(2_048)   # lines (an edited article of 2,000 words has about 200), a few kilobytes each


@lru_cache(maxsize=8)   # the name checks of one article share them
def _lines_of(prose: str) -> list[tuple[int, str, _Line]] | None:
    """Return each line of prose (start, text, facts); None past MAX_NAME_FORMS distinct capitalised words.

    Past the bound the checks read the whole text as name_tokens_of bounds it.
    """
    out, forms, pos = [], set(), 0
    for line in prose.split("\n"):
        facts = _LINES.take(line, _Line, line)
        if facts.forms:
            forms |= facts.forms
            out.append((pos, line, facts))
        pos += len(line) + 1
    return out if len(forms) <= MAX_NAME_FORMS else None


def _by_line(prose: str, read, *settings) -> list[tuple[int, object]] | None:
    """[(line start, read(line, its name tokens, *settings))] for the lines holding a name, each kept
    by the line's text; None past the bound (read the whole text then)."""
    lines = _lines_of(prose)
    if lines is None:
        return None
    key = (read, *settings)
    out = []
    for pos, line, facts in lines:
        got = facts.read.get(key)
        if got is None:
            got = facts.read[key] = read(line, facts.toks, *settings)
        out.append((pos, got))
    return out


def _gathered(prose: str, read) -> tuple[dict[str, list[int]], list]:
    """read(text, its name tokens) -> (form -> start offsets, further items), for a whole article.

    Within the bound it is put together from the lines', the forms in the order they first stand,
    the further items in the order they come.
    """
    lines = _by_line(prose, read)
    if lines is None:
        spots, more = read(prose, name_tokens_of(prose))
        return spots, list(more)
    spots: dict[str, list[int]] = {}
    more: list = []
    for pos, got in lines:
        add = pos.__add__
        for text, starts in got[0].items():
            have = spots.get(text)
            if have is None:
                spots[text] = list(map(add, starts))
            else:
                have.extend(map(add, starts))
        more.extend(got[1])
    return spots, more


# ---- name drift ------------------------------------------------------------------------
@dataclass(frozen=True)
class DriftOptions:
    """The options of a rule of check names:name-drift."""

    house: str | None = None      # the house spellings, 'variant = preferred' a line, in a file beside the rule


DECIDED_MAX_ARTICLES = 64   # corpora whose NM002 decisions are kept for the next audit


@register("name-drift")
class NameDrift(PyCheck):
    """Cluster spellings of one name across the corpus and flag each minority spelling."""

    Options = DriftOptions

    @cached_property
    def house(self) -> House:
        """The rule's house spellings (read once a rule)."""
        return house_of(self.rule, self.options)

    def summary(self, doc):
        """Return the article's name forms (form -> start offsets) and the pairs of names side by side."""
        forms, pairs = _gathered(doc.prose, _forms_and_pairs)
        return Spots(forms), "\n".join(dict.fromkeys(pairs))

    def reduce(self, parts, docs, ctx):
        # what the reduce decides depends on each article's forms, their counts and the pairs beside them,
        # and on the paths, not on where the forms stand: an edit that keeps them reuses the last decisions
        # (kept for a small corpus only: an editor's folder, not an archive, whose parts it would hold)
        key = (tuple((forms.words, forms.counts.tobytes(), pairs) for forms, pairs in parts),
               tuple(d.path for d in docs)) if len(parts) <= DECIDED_MAX_ARTICLES else None
        held = self.__dict__.get("_decided")
        if key is None or held is None or held[0] != key:
            held = (key, *self._decide(parts, docs))
            if key is not None:
                self.__dict__["_decided"] = held
        _key, report, decided = held
        ctx.corpus.setdefault("names", []).extend(
            {**r, "variants": {form: dict(paths) for form, paths in r["variants"].items()}} for r in report)
        if not decided:
            return
        taken = _taken(ctx, docs)
        for i, (doc_forms, _pairs) in enumerate(parts):
            hits = sorted((s, form) for form, starts in doc_forms.items() if form in decided for s in starts)
            for start, form in hits:
                if (i, start) in taken:
                    continue
                flag, choice, why, total, msg = decided[form]
                if not flag:
                    continue
                yield i, self.rule.finding(start, start + len(form), form, [choice], message=msg,
                                           data={"canonical": choice, "canonical_by": why,
                                                 "cluster_mentions": total})

    def _decide(self, parts, docs) -> tuple[list[dict], dict[str, tuple]]:
        """The corpus report's entries, sorted, and for each form spelt other than its cluster's choice:
        (whether it is flagged, the choice, why, the cluster's mentions, the message)."""
        house = self.house
        forms: dict[str, Counter] = defaultdict(Counter)      # key -> form counts
        pairs: dict[tuple, set] = defaultdict(set)           # (neighbour key, side) -> keys
        key_of: dict[str, str] = {}
        for doc_forms, doc_pairs in parts:
            for text, count in doc_forms.counted():
                key = key_of.get(text)
                if key is None:
                    key = key_of[text] = translit_key(house.canonical(text) or text)
                forms[key][text] += count
            for pair in doc_pairs.split("\n") if doc_pairs else ():
                text, nxt = pair.split("\t")
                key, next_key = key_of[text], translit_key(nxt)
                pairs[(next_key, "before")].add(key)
                pairs[(key, "after")].add(next_key)
        merged = _merge_near(forms, pairs)
        del pairs
        clusters: dict[str, Counter] = defaultdict(Counter)
        members: dict[str, list[str]] = defaultdict(list)    # root -> its keys, in the order of forms
        for key, counts in forms.items():
            root = merged.get(key, key)
            members[root].append(key)
            if root not in clusters:   # a cluster of one key is that key's counts (never changed)
                clusters[root] = counts
            else:
                if len(members[root]) == 2:
                    clusters[root] = Counter(clusters[root])
                clusters[root].update(counts)
        # which articles use each form, and the names beside it: read again for the reported forms only
        wanted = {form for root, counts in clusters.items()
                  if len(counts) >= 2 or any(house.canonical(f) for f in counts) for form in counts}
        seen, beside = _where_and_beside(parts, wanted, key_of)
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
            for key in members[root]:
                for form in forms[key]:
                    variants[form] = seen.by_path(form, docs)
            report.append({"entity": choice, "canonical_by": why, "variants": variants})
        decided = {}
        for form, (choice, why) in canonical.items():
            if choice == form:
                continue
            flag = not (why == "majority" and min(zipf(form.lower()), zipf(choice.lower())) >= 3.2) and not (
                # two established names (Tony/Toni, Philips/Phillips), or two never in one article nor beside
                # the same name (Bennet/Bennett): maybe two people
                why == "majority" and not (seen.articles(form) & seen.articles(choice) or beside[form] & beside[choice]))
            total = sum(clusters[merged.get(translit_key(choice), translit_key(choice))].values())
            msg = (f"'{form}' is the house list's variant of '{choice}'." if why == "house list" else
                   f"'{form}' drifts from '{choice}', the spelling the articles use most.")
            decided[form] = (flag, choice, why, total, msg)
        return sorted(report, key=lambda r: r["entity"]), decided


def _forms_and_pairs(prose: str, toks) -> tuple[dict[str, list[int]], dict[str, None]]:
    """NameDrift's reading of a text: its name forms (form -> start offsets) and the pairs of names side by side."""
    forms: dict[str, list[int]] = {}
    pairs: dict[str, None] = {}
    for k, (s, e, text) in enumerate(toks):
        if len(text) < 4 or not text.isalpha() or text.isupper():
            continue
        forms.setdefault(text, []).append(s)
        # neighbours in a full name ("Dmitri Bakanov"), for near-spelling merges
        if k + 1 < len(toks) and _SPACE.fullmatch(prose[e:toks[k + 1][0]] or "x"):
            nxt = toks[k + 1][2]
            if nxt.isalpha() and len(nxt) >= 4:
                pairs[f"{text}\t{nxt}"] = None
    return forms, pairs


def _where_and_beside(parts, wanted: set[str], key_of: dict[str, str]) -> tuple["_Where", dict[str, set[tuple]]]:
    """Which articles use each wanted form and how often, and the name keys beside it."""
    seen = _Where()                                          # form -> articles and counts
    beside: dict[str, set[tuple]] = defaultdict(set)         # form -> neighbouring name keys
    for i, (doc_forms, doc_pairs) in enumerate(parts):
        for text, count in doc_forms.counted():
            if text in wanted:
                seen.add(text, i, count)
        for pair in doc_pairs.split("\n") if doc_pairs else ():
            text, nxt = pair.split("\t")
            if text in wanted:
                beside[text].add(("before", translit_key(nxt)))
            if nxt in wanted:
                beside[nxt].add(("after", key_of[text]))
    return seen, beside


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
    forms_of: dict[str, list[str]] = {}   # a key's forms in lower case, for the keys compared

    def lowered(k):
        found = forms_of.get(k)
        if found is None:
            c = forms.get(k)
            found = forms_of[k] = [f.lower() for f in c] if c else [k]
        return found

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
                    if max(map(zipf, lowered(a))) >= 2.5 and max(map(zipf, lowered(b))) >= 2.5:
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
@dataclass(frozen=True)
class NameCaseOptions:
    """The options of a rule of check names:name-case."""

    min_count: int = 2             # uses the majority form (and a shared phrase) needs to set the case
    styles: str | None = None      # acronyms spoken as words, set either way (Nato, NATO), in a file beside the rule


@register("name-case")
class NameCase(PyCheck):
    """Flag proper names whose capitalisation drifts: CREW-11 against Crew-11, lower-case names."""

    Options = NameCaseOptions

    def summary(self, doc):
        """Return the article's capitalised forms (form -> start offsets) and its runs of capitalised words."""
        spots, phrases = _gathered(doc.prose, _case_spots)
        return Spots(spots), "\n".join(set(phrases))

    def reduce(self, parts, docs, ctx):
        min_count = self.options.min_count
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
        styles = _styles(str(self.rule.path.parent / self.options.styles)) if self.options.styles \
            else frozenset()
        for low, counts in forms.items():
            if len(counts) < 2:
                continue
            shapes = {_shape(f) for f in counts}
            if "upper" not in shapes or len(shapes) < 2:
                continue
            if re.split(r"[^a-z]", low, maxsplit=1)[0] in styles:
                continue   # Covid and COVID: newsrooms differ; one article mixing them is left to _mixed_style
            ranked = counts.most_common()
            if ranked[0][1] <= ranked[1][1] or ranked[0][1] < min_count:
                continue
            fixes.update({f: ranked[0][0] for f in counts if f != ranked[0][0]})
            report.append({"entity": ranked[0][0], "canonical_by": "majority", "variants": {f: where.by_path(f, docs) for f in counts}})
        for i, (spots, _phrases) in enumerate(parts):
            fixes_here = _mixed_style(spots, styles)
            for s, text in sorted((s, text) for text, starts in spots.items() if text in fixes_here for s in starts):
                yield i, self.rule.finding(s, s + len(text), text, [fixes_here[text]],
                                           message=f"'{text}' is set in a different case from "
                                                   f"'{fixes_here[text]}', the form this article uses most.",
                                           data={"canonical": fixes_here[text]})
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


def _case_spots(prose: str, toks) -> tuple[dict[str, list[int]], list[str]]:
    """NameCase's reading of a text: its capitalised forms (form -> start offsets) and runs of capitalised words."""
    spots: dict[str, list[int]] = {}
    for s, _e, text in toks:
        if len(text) < 3 or not any(c.isalpha() for c in text) or _caps_line(prose, s):
            continue
        if zipf(text.lower()) >= 4.5 and not any(c.isdigit() for c in text):
            continue   # Us/US, It/IT: a capitalised common word, not a name
        spots.setdefault(text, []).append(s)
    return spots, list(_title_sequences(prose, toks))


_LETTERS = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=None)
def _styles(path: str) -> frozenset[str]:
    """Read the acronyms newsrooms write either in capitals or with an initial capital (one a line)."""
    return frozenset(w.split("#", 1)[0].strip().lower() for w in Path(path).read_text(encoding="utf-8").splitlines()
                     if w.split("#", 1)[0].strip())


def _mixed_style(spots, styles: frozenset[str]) -> dict[str, str]:
    """Return fixes for one article's minority casing of an acronym it also writes the other way."""
    if not styles:
        return {}
    by_low: dict[str, Counter] = defaultdict(Counter)
    for text, count in spots.counted():
        low = text.lower()
        if re.split(r"[^a-z]", low, maxsplit=1)[0] in styles:
            by_low[low][text] += count
    fixes = {}
    for counts in by_low.values():
        ranked = counts.most_common()
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1] and len({_shape(f) for f in counts}) > 1:
            fixes.update({f: ranked[0][0] for f, _n in ranked[1:]})
    return fixes


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


# ---- one name spelt several ways in one article ----------------------------------------
_SKELETON_STEPS = tuple((re.compile(a), b) for a, b in (
    (r"[’']s$", ""),
    (r"(?:shch|sch|tsch|tch|sh|ch|zh|dzh|ž|š|č)", "X"),   # hushing sounds: MT swaps ш, ч, щ, ж freely
    (r"kh", "H"),                                         # х (kept apart from г)
    (r"ph", "f"),
    (r"ck", "k"),
    (r"c(?=[eiy])", "s"),
    (r"[cq]", "k"),
    (r"x", "ks"),
    (r"(?:ts|tz|dz|z)", "s"),                             # ц and з: Scholz, Sholts
    (r"w(?![aeiouy])", ""),                               # Cowley, Kouli: the w of 'ow' is a vowel
    (r"w", "v"),
    (r"h", "g"),                                          # Ukrainian h for Russian g (Hryhorenko, Grigorenko)
    (r"H", "h"),
))


@lru_cache(maxsize=WORDS)
def skeleton(word: str) -> str:
    """Return the consonants a name keeps through transliteration and MT ('Holoshekin' and 'Gloshekin': glXkn).

    Vowels go (a leading vowel is kept as 'a': Osten, Austin and Ostyn are all 'astn'), hushing
    sounds, c/k, z/s/ts, h/g and w/v are folded, and doubled letters are single.
    """
    w = word.lower()
    for pattern, repl in _SKELETON_STEPS:
        w = pattern.sub(repl, w)
    head = "a" if w[:1] in "aeiou" else w[:1] if w[:1] == "y" else ""
    body = re.sub(r"[aeiouy]", "", w)
    return head + re.sub(r"(.)\1+", r"\1", body)


def _sentence_initial(prose: str, start: int) -> bool:
    return _opens_sentence(prose, start) or start == 0


def _case_forms(path: str) -> dict[str, tuple[str, ...]]:
    """Read the endings list: 'kind: ending ending' lines (oblique, feminine, name), longest ending first."""
    kinds: dict[str, list[str]] = defaultdict(list)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        kind, _, endings = line.partition(":")
        kinds[kind.strip()].extend(e.strip() for e in endings.split())
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in kinds.items()}


_load_case_forms = lru_cache(maxsize=None)(_case_forms)


@dataclass(frozen=True)
class DriftInArticleOptions:
    """The options of a rule of check names:drift-in-article."""

    endings: str | None = None     # the case endings of the page languages, in a file beside the rule
    max_known_zipf: float = 1.0    # a form the lexicon knows better than this is a word, not a name's variant
    min_length: int = 4            # letters a name must have to be compared
    min_similarity: float = 0.6    # how alike (Indel, 0-1) two spellings must be to be one name
    max_variants: int = 10         # more spellings than this in one cluster are a family of names, not one


def _drift_facts(prose: str, toks, min_len: int):
    """drift_in_article's reading of a text: each name form's uses and spots, and the names beside it."""
    counts: Counter = Counter()
    spots: dict[str, list[int]] = defaultdict(list)
    mid: set[str] = set()                                 # forms seen inside a sentence (names, not capitalised words)
    before: dict[str, set[str]] = defaultdict(set)        # form -> skeletons of the name right after it
    after: dict[str, set[str]] = defaultdict(set)         # form -> skeletons of the name right before it
    adjacent: set[tuple[str, str]] = set()                # (form, the capitalised word right after it)
    first_names: dict[str, set[str]] = defaultdict(set)    # form -> the capitalised words right before it
    for k, (s, e, text) in enumerate(toks):
        if len(text) < min_len or not text.isalpha() or text.isupper() or not text[1:].islower() \
                or _caps_line(prose, s):
            continue
        counts[text] += 1
        spots[text].append(s)
        if not _sentence_initial(prose, s):
            mid.add(text)
        if k + 1 < len(toks) and _SPACE.fullmatch(prose[e:toks[k + 1][0]] or "x") and toks[k + 1][2][:1].isupper():
            before[text].add(skeleton(toks[k + 1][2]))
            adjacent.add((text, toks[k + 1][2]))
        if k and _SPACE.fullmatch(prose[toks[k - 1][1]:s] or "x") and toks[k - 1][2][:1].isupper() \
                and toks[k - 1][2].lower() not in STOP:
            after[text].add(skeleton(toks[k - 1][2]))
            first_names[text].add(toks[k - 1][2])
    return counts, spots, mid, before, after, adjacent, first_names


def _drift_line(line: str, toks, min_len: int):
    """_drift_facts of a line, and what of them does not depend on where the line stands (hashable)."""
    facts = _drift_facts(line, toks, min_len)
    counts, spots, mid, before, after, adjacent, first_names = facts
    if not counts:
        return facts, None
    return facts, (tuple(counts.items()), tuple((f, tuple(v)) for f, v in spots.items()), frozenset(mid),
                   *(frozenset((f, frozenset(v)) for f, v in d.items()) for d in (before, after, first_names)),
                   frozenset(adjacent))


def _article_drift_facts(prose: str, min_len: int, lines=None):
    """_drift_facts of a whole article, put together from its lines' (lines: _by_line's of _drift_line) within the bound."""
    if lines is None:
        return _drift_facts(prose, name_tokens_of(prose), min_len)
    counts: Counter = Counter()
    spots: dict[str, list[int]] = defaultdict(list)
    mid: set[str] = set()
    before: dict[str, set[str]] = defaultdict(set)
    after: dict[str, set[str]] = defaultdict(set)
    adjacent: set[tuple[str, str]] = set()
    first_names: dict[str, set[str]] = defaultdict(set)
    for pos, (got, _sig) in lines:
        if not got[0]:
            continue
        counts.update(got[0])
        add = pos.__add__
        for text, starts in got[1].items():
            spots[text].extend(map(add, starts))
        mid |= got[2]
        for mine, theirs in ((before, got[3]), (after, got[4]), (first_names, got[6])):
            for text, names in theirs.items():
                mine[text] |= names
        adjacent |= got[5]
    return counts, spots, mid, before, after, adjacent, first_names


@register("drift-in-article", options=DriftInArticleOptions)
def drift_in_article(doc, rule, options: DriftInArticleOptions):
    """Flag a name spelt two or more ways in one article: transliteration drift and Slavic case endings.

    Capitalised words are grouped by their transliteration skeleton (one edit apart); a group is
    one name when at least one spelling is unknown to the lexicon (no English word is), the
    spellings are close as strings, and they do not stand before or after different names (two
    people: Sergei Lavrov, Serhiy Kyslytsya). A surname with an oblique case ending (Abutalimovu,
    Abutalimovym) beside its base form is one name in two cases.
    """
    prose = doc.prose
    past = names_past_bound(prose)
    if past:
        word, start = min(past.items(), key=lambda item: item[1])
        yield rule.finding(start, start + len(word), word, (), severity="minor",
                           message=f"Names are compared for the first {MAX_NAME_FORMS:,} distinct capitalised "
                                   f"words of an article; {len(past):,} more, from '{word}' on, are not.",
                           data={"reason": "bound", "compared": MAX_NAME_FORMS, "not_compared": len(past)})
    min_len = options.min_length
    lines = _by_line(prose, _drift_line, min_len)
    # what the names decide depends on the lines' facts, not on where the lines stand: an edit that
    # leaves every line's names as they were (words typed between them) reuses the last decisions
    key = None if lines is None else tuple(sig for _pos, (_got, sig) in lines if sig is not None)
    held = _DECIDED.get(id(rule))
    if key is not None and held is not None and held[0] is rule and held[1] == (options, key):
        spots: dict[str, list[int]] = defaultdict(list)
        wanted = held[3]
        for pos, (got, _sig) in lines:
            for text in wanted.intersection(got[1]):
                spots[text].extend(map(pos.__add__, got[1][text]))
        decided = held[2]
    else:
        facts = _article_drift_facts(prose, min_len, lines)
        spots = facts[1]
        decided = list(_drift_decisions(rule, options, *facts))
        if key is not None:
            if len(_DECIDED) >= 64:
                _DECIDED.clear()
            _DECIDED[id(rule)] = (rule, (options, key), decided, {form for form, *_rest in decided})
    for form, fixes, message, data in decided:
        for s in spots[form]:
            yield rule.finding(s, s + len(form), form, list(fixes), message=message,
                               data={k: dict(v) if isinstance(v, dict) else v for k, v in data.items()})


# The last decisions of drift-in-article, by rule: (rule, (options, the lines' facts), decisions, their forms)
_DECIDED: dict[int, tuple] = {}


def _drift_decisions(rule, options: DriftInArticleOptions, counts, spots, mid, before, after, adjacent, first_names):
    """What drift-in-article flags, in order: (form, fixes, message, data) for each form flagged at all its spots."""
    from rapidfuzz.distance import OSA, Indel, Levenshtein

    max_known = options.max_known_zipf
    endings = _load_case_forms(str(rule.path.parent / options.endings)) if options.endings else {}
    oblique, feminine = endings.get("oblique", ()), endings.get("feminine", ())
    forms = [f for f in counts if f in mid or before[f] or zipf(f.lower()) < 3.0]
    if len(forms) < 2:
        return
    z = {f: zipf(f.lower()) for f in forms}
    # block by skeleton deletes: spellings one skeleton edit apart share a key
    keys: dict[str, list[str]] = defaultdict(list)
    for f in forms:
        sk = skeleton(f)
        if len(sk) < 3:   # too short to block alone: only beside the same first name (Jastin Kouli, Justin Cowley)
            for first in after[f]:
                keys[f"{sk}\t{first}"].append(f)
            continue
        for key in {sk} | {sk[:i] + sk[i + 1:] for i in range(len(sk))}:
            keys[key].append(f)
    parent = {f: f for f in forms}

    def find(f):
        while parent[f] != f:
            parent[f] = parent[parent[f]]
            f = parent[f]
        return f

    checked = set()
    for group in keys.values():
        if len(group) > 4 * options.max_variants:
            continue   # a key that many spellings share blocks nothing: leave it (and stay linear)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if (a, b) in checked or a.lower() == b.lower():
                    continue
                checked.add((a, b))
                if find(a) == find(b):
                    continue   # one name already: the tests below could only join them again
                if min(z[a], z[b]) >= max_known:
                    continue   # two words the lexicon knows: two names (Paris, Perez), not one spelt twice
                sa, sb = skeleton(a), skeleton(b)
                if sa[0] != sb[0]:
                    continue   # names keep their first sound (Osten/Austin, not Osten/Houston)
                if sa == sb:
                    if abs(len(a) - len(b)) > 2:
                        continue   # Ruben and Rubinyan, Serpukhov and Serpukhovichi: a name and its derivative
                elif Levenshtein.distance(sa, sb) > (0 if min(len(sa), len(sb)) < 4 else 1) or \
                        OSA.distance(a.lower(), b.lower()) > (1 if min(len(a), len(b)) < 6 else 2):
                    continue   # Stalina and Svetlana: a consonant and a vowel apart are two names
                if (a, b) in adjacent or (b, a) in adjacent:
                    continue   # first name and surname of one person
                if Indel.normalized_similarity(a.lower(), b.lower()) < options.min_similarity \
                        and not (sa == sb and after[a] & after[b]):
                    continue   # unlike as strings, unless the same first name stands before both
                if (before[a] and before[b] and before[a].isdisjoint(before[b])) or \
                        (after[a] and after[b] and after[a].isdisjoint(after[b])):
                    continue   # beside different names: two people who share a first name or a surname
                if _inflected(a, b, feminine) or _inflected(b, a, feminine):
                    continue   # Ivanov and Ivanova: two people, or the feminine surname
                parent[find(b)] = find(a)
    # oblique case endings on a surname the article also uses in its base form
    lowered = {f.lower(): f for f in forms}
    case_of: dict[str, str] = {}
    genitive = endings.get("genitive", ())
    for f in forms:
        low = f.lower()
        if not low.endswith(oblique) and not low.endswith(genitive):
            continue   # most names: no ending to weigh (one test of every ending, in C)
        for ending in oblique:
            if low.endswith(ending) and len(low) - len(ending) >= 4:
                base = lowered.get(low[: -len(ending)]) or lowered.get(low[: -len(ending)] + "a")
                if base and z[f] < max_known and base != f:
                    case_of[f] = base
                    break
        for ending in genitive:
            # 'Zaura Abutalimova' for Заура Абуталимова: the first name in the same case proves it a man's
            base = lowered.get(low[: -len(ending)]) if low.endswith(ending) else None
            firsts = first_names[f]
            if base and z[f] < max_known and firsts and all(
                    p.lower().endswith(ending) and zipf(p.lower()) == 0 and zipf(p.lower()[: -len(ending)]) > 0
                    for p in firsts):
                case_of[f] = base
                break
    clusters: dict[str, list[str]] = defaultdict(list)
    for f in forms:
        clusters[find(f)].append(f)
    max_variants = options.max_variants
    for members in clusters.values():
        # more spellings than transliteration drift ever gives one name: a family of names, not one
        if len(members) < 2 or len(members) > max_variants:
            continue
        # a spelling the lexicon knows beats unknown ones (Ghebreyesus, Gebreyesus twice), then the majority
        rank = {f: (z[f] < max_known, -counts[f]) for f in members}
        ranked = sorted(members, key=lambda f: (rank[f], -z[f], spots[f][0]))
        top = ranked[0]
        tie = rank[ranked[1]] == rank[top]
        for form in members:
            if form == top and not tie:
                continue
            others = tuple(f for f in ranked if f != form)
            yield (form, others, f"'{form}' is spelt {_ways(len(members))} in this article "
                                 f"({', '.join(ranked)}); keep one spelling.",
                   {"variants": {f: counts[f] for f in ranked}})
    for form, base in case_of.items():
        if find(form) != form or len(clusters.get(form, ())) > 1:
            continue
        yield (form, (base,), f"'{form}' keeps a Slavic case ending; the article writes the name '{base}'.",
               {"base": base})


def _ways(n: int) -> str:
    return {2: "two ways", 3: "three ways"}.get(n, f"{n} ways")


def _inflected(a: str, b: str, endings: tuple[str, ...]) -> bool:
    """Tell whether a is b with a feminine or adjectival ending (Ivanova of Ivanov, Kovalska of Kovalskyi)."""
    la, lb = a.lower(), b.lower()
    return any(la.endswith(e) and (lb.startswith(la[: -len(e)]) and len(lb) - len(la[: -len(e)]) <= 3
                                   or skeleton(la[: -len(e)]) == skeleton(lb))
               for e in endings)


# ---- a near miss of a well-known name --------------------------------------------------
_TRANSLIT_FOLD = tuple((re.compile(a), b) for a, b in (
    (r"['’]", ""), (r"kh", "h"), (r"h", "g"), (r"[yj]", "i"), (r"ks", "x"), (r"ie|ye", "e"),
    (r"i([aeou])", r"\1"), (r"ii+", "i"), (r"w", "v"), (r"ph", "f"), (r"tz", "ts"),
))


@lru_cache(maxsize=WORDS)
def translit_fold(word: str) -> str:
    """Fold what the romanisation systems of Russian and Ukrainian spell differently (Klymenko/Klimenko,
    Hryhorenko/Grigorenko, Iurii/Yuriy): such pairs are variants, not misspellings."""
    w = word.lower()
    for pattern, repl in _TRANSLIT_FOLD:
        w = pattern.sub(repl, w)
    return w


# What a name loses on its way through Cyrillic and back: doubled letters, silent h, ck, ue/oe,
# German sch and z, English ee and ou (Скотт, Хабек, Кюнсберг, Гукстра, Шольц, Остин, Трауба)
_ROUND_TRIP = re.compile(r"tsch|sch|sh|ch|zh|ck|ph|th|gh|kh|dh|ue|oe|ee|ou|w|c|q|x|tz|z|h|y")
_ROUND_TRIP_MAP = {"tsch": "ch", "sch": "sh", "sh": "sh", "ch": "ch", "zh": "zh", "ck": "k", "ph": "f", "th": "t",
                   "gh": "g", "kh": "h", "dh": "d", "ue": "u", "oe": "u", "ee": "i", "ou": "u", "w": "v", "q": "k", "x": "ks",
                   "tz": "ts", "z": "ts", "h": "g", "y": "i"}
_DOUBLED = re.compile(r"(.)\1+")


def round_trip(word: str) -> str:
    """Return the key a Latin name keeps through Cyrillic and back ('Hoekstra' and 'Gukstra': gukstra)."""
    w = word.lower()
    w = _ROUND_TRIP.sub(lambda m: _ROUND_TRIP_MAP.get(m.group()) or
                        ("s" if w[m.end():m.end() + 1] in ("e", "i", "y") else "k"), w)
    return _DOUBLED.sub(r"\1", w)


@lru_cache(maxsize=4)
def _round_trips(low: float, min_length: int):
    """Index the lexicon's words (Zipf low and up) by their round-trip key (words joined by tabs).

    Built in about a second and kept, memory-mapped, in the user cache folder beside the spelling lexicon.
    """
    import hashlib

    from ..mapped import Blobs, cached_folder, write_blobs
    from ..usercache import cache_dir
    from .spelling import _lexicon_key

    key = hashlib.sha1(repr(("round trips 2", _lexicon_key(), low, min_length, _ROUND_TRIP.pattern,
                             sorted(_ROUND_TRIP_MAP.items()))).encode("utf-8")).hexdigest()[:16]

    def build(folder):
        import math

        import wordfreq

        index: dict[str, list[str]] = defaultdict(list)
        for word, f in wordfreq.get_frequency_dict("en", "large").items():   # commonest first, as listed
            z = round(math.log10(f) + 9, 2)                                     # as zipf_table() has it
            if z >= low and len(word) >= min_length and word.isalpha() and word.isascii():
                index[round_trip(word)].append(word)
        write_blobs(folder, "round-trips", ((k, "\t".join(v)) for k, v in index.items()))
        for old in folder.parent.glob("names-round-trips-*.marshal"):   # the form earlier releases kept
            old.unlink(missing_ok=True)

    return Blobs(cached_folder(cache_dir(), f"names-round-trips-{low}-{min_length}", key, build), "round-trips")


# The letters a trip through Cyrillic may put in a name's place (Остин as Ostyn, Шольц as Sholts, Гукстра
# as Gukstra): any other letter the word has and the name lacks makes them two names (Grood, Grodd)
_STAND_INS = frozenset("yikgvstfu")


@lru_cache(maxsize=WORDS)
def near_known_name(word: str, low: float = 1.0, high: float = 3.5, min_length: int = 5) -> tuple[str, ...]:
    """Return the well-known names (lexicon words of Zipf low..high) that an unknown word is a round trip of.

    The word and the name must come out the same after what a trip through Cyrillic loses (doubled
    letters, h, ck, ue, sch, z); spellings another romanisation of Russian or Ukrainian gives
    (Klymenko for Klimenko) and feminine or derived forms (Kiseleva, Spivakov) do not count.
    """
    w = word.lower()
    fold = translit_fold(w)
    same = _round_trips(low, min_length).get(round_trip(w))
    found = [c for c in (same.split("\t") if same else ())
             if c != w and zipf(c) < high and translit_fold(c) != fold and not c.startswith(w) and not w.startswith(c)
             and len(w) <= len(c) and set((Counter(w) - Counter(c)).keys()) <= _STAND_INS]
    return tuple(sorted(found, key=lambda c: -zipf(c)))


_SAME_SOUND = ({"h", "g"}, {"w", "v"})   # Hoekstra as Gukstra (Ukrainian г), Wopke as Vopke


@dataclass(frozen=True)
class NearKnownOptions:
    """The options of a rule of check names:near-known-name."""

    min_zipf: float = 1.0          # how common (Zipf) a known name must be, at least, to be the one meant
    max_zipf: float = 3.5          # and at most: commoner words are words, not names
    min_length: int = 5            # letters a capitalised word must have to be compared
    endings: str | None = None     # the case endings of the page languages, in a file beside the rule


@register("near-known-name", options=NearKnownOptions)
def near_known_name_check(doc, rule, options: NearKnownOptions):
    """Flag a capitalised word the lexicon does not know that is one slip from a name it knows well."""
    prose = doc.prose
    low, high = options.min_zipf, options.max_zipf
    min_length = options.min_length
    slavic = _load_case_forms(str(rule.path.parent / options.endings)).get("name", ()) if options.endings \
        else ()
    lines = _by_line(prose, _near_known_in, low, high, min_length, slavic)
    if lines is None:
        lines = [(0, _near_known_in(prose, name_tokens_of(prose), low, high, min_length, slavic))]
    for pos, hits in lines:
        for s, e, text, near in hits:
            fixes = [n[:1].upper() + n[1:] for n in near[:3]]
            yield rule.finding(pos + s, pos + e, text, fixes, data={"known_zipf": zipf(near[0])})


@lru_cache(maxsize=WORDS)
def _near_known_of(text: str, low: float, high: float, min_length: int, slavic: tuple[str, ...]) -> tuple[str, ...]:
    """The well-known names a capitalised word the lexicon does not know is one slip from (none for a known word)."""
    low_text = text.lower()
    return () if zipf(low_text) > 0 or low_text.endswith(slavic) else \
        tuple(n for n in near_known_name(text, low, high, min_length)
              if n[0] == low_text[0] or {n[0], low_text[0]} in _SAME_SOUND)


def _near_known_in(prose: str, toks, low: float, high: float, min_length: int,
                   slavic: tuple[str, ...]) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """The capitalised words of a text one slip from a well-known name: (start, end, word, the names)."""
    hits = []
    for s, e, text in toks:
        if len(text) < min_length or not text.isalpha() or not text.isascii() or not text[1:].islower() \
                or _caps_line(prose, s):
            continue
        near = _near_known_of(text, low, high, min_length, slavic)
        if near:
            hits.append((s, e, text, near))
    return hits


# ---- a surname translated as a word ------------------------------------------------------
@lru_cache(maxsize=None)
def _surname_words(path: str) -> dict[str, tuple[str, ...]]:
    """Read 'Surname = word | word' lines: English word -> the surnames it translates."""
    words: dict[str, list[str]] = defaultdict(list)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            surname, _, glosses = line.partition("=")
            for w in glosses.split("|"):
                if w.strip():
                    words[w.strip()].append(surname.strip())
    return {w: tuple(v) for w, v in words.items()}


@dataclass(frozen=True)
class SurnameWordOptions:
    """The options of a rule of check names:surname-as-word."""

    words: str                      # 'word = Surname, ...' a line: surnames that translate as words, in a file
    verbs: tuple[str, ...] = ()     # verbs after which the word is a person who acts ('Kovalenko said')
    titles: tuple[str, ...] = ()    # titles before which the word is a person's name ('Minister Kovalenko')


@register("surname-as-word", options=SurnameWordOptions)
def surname_as_word(doc, rule, options: SurnameWordOptions):
    """Flag a common noun in a name slot where the article names a person whose surname it translates."""
    words = _surname_words(str(rule.path.parent / options.words))
    prose = doc.prose
    lines = _lines_of(prose)
    present = set().union(*(facts.forms for _pos, _line, facts in lines)) if lines is not None else \
        {t[2] for t in name_tokens_of(prose)}
    wanted = {w: [s for s in surnames if s in present] for w, surnames in words.items() if w in present}
    wanted = {w: s for w, s in wanted.items() if s}
    if not wanted:
        return
    toks = name_tokens_of(prose)
    verbs = frozenset(options.verbs)
    titles = frozenset(options.titles)
    for k, (s, e, text) in enumerate(toks):
        if text not in wanted:
            continue
        nxt = re.match(r"\s+([a-z]+)", prose[e:e + 30])
        prev = re.search(r"([A-Za-z]+)\s+$", prose[max(0, s - 30):s])
        if k + 1 < len(toks) and _SPACE.fullmatch(prose[e:toks[k + 1][0]] or "x"):
            continue   # part of a longer name (Sand Hill, Wolf Blitzer)
        base = max(0, s - 30)
        if prev and prev.group(1)[:1].isupper() and prev.group(1).lower() not in STOP | titles \
                and not _opens_sentence(prose, base + prev.start(1)):
            continue   # after a capitalised word: a name of its own (Michael Wolf)
        slot = (nxt and nxt.group(1) in verbs) or (prev and prev.group(1).lower() in titles)
        if slot:
            surname = wanted[text][0]
            yield rule.finding(s, e, text, [surname], data={"surname": surname})


# ---- a name and its acronym that disagree ------------------------------------------------
_ACRONYM_AFTER = re.compile(r"\((?P<acr>[A-Z][A-Za-z]{1,9})\)")
_ACRONYM_BEFORE = re.compile(r"\b(?P<acr>[A-Z]{3,10})\s*[\[(](?:the\s+)?(?P<exp>[A-Z][^\])\n]{3,120})[\])]")
_RUN_WORD = re.compile(r"([A-Za-z][\w’'.-]*)\s*$")


def _initials(words: list[str], joiners: frozenset[str], prefixes: tuple[str, ...] = ()) -> set[str]:
    """Return the initials a run of words may be abbreviated to: hyphenated parts counted or not, and a
    prefixed word by its prefix and its stem or by its initial alone (Demilitarised Zone: DZ or DMZ)."""
    out = {""}
    for w in words:
        if w.lower() in joiners or not w[:1].isupper():
            continue
        parts = [p for p in w.split("-") if p]
        options = {w[0].upper(), "".join(p[0].upper() for p in parts if p[:1].isupper()) or w[0].upper()}
        low = w.lower()
        options |= {(w[0] + low[len(p)]).upper() for p in prefixes if low.startswith(p) and len(low) > len(p) + 3
                    and low[len(p)].isalpha()}
        out = {o + opt for o in out for opt in options}
    return out


@dataclass(frozen=True)
class AcronymOptions:
    """The options of a rule of check names:acronym-mismatch."""

    max_words: int = 8               # words a name before its acronym may have
    joiners: tuple[str, ...] = ()    # lower-case words an acronym skips ('of', 'and', 'for')
    prefixes: tuple[str, ...] = ()   # prefixes whose stem gives the acronym a letter too ('Counterterrorism': CT)


@register("acronym-mismatch", options=AcronymOptions)
def acronym_mismatch(doc, rule, options: AcronymOptions):
    """Flag a name whose acronym, given beside it, does not spell its initials ('Defense Cooperation Agency (DSCA)')."""
    from rapidfuzz.distance import Levenshtein

    prose = doc.prose
    joiners = frozenset(options.joiners)
    prefixes = tuple(options.prefixes)
    max_words = options.max_words
    for m in _ACRONYM_AFTER.finditer(prose):
        acr = m.group("acr")
        letters = "".join(c for c in acr if c.isupper())
        if len(letters) < 3 or sum(c.isupper() for c in acr) < len(acr) - 1:
            continue
        # the run of capitalised words (and joiners) right before the bracket, nearest first
        words: list[tuple[int, str]] = []
        end = m.start()
        while len(words) < max_words:
            w = _RUN_WORD.search(prose, max(0, end - 40), end)
            if not w or (not w.group(1)[:1].isupper() and w.group(1).lower() not in joiners):
                break
            words.insert(0, (w.start(1), re.sub(r"['’]s$", "", w.group(1))))
            end = w.start(1)
        while words and (words[0][1].lower() in joiners or not words[0][1][:1].isupper()):
            words.pop(0)
        if len(words) < 2:
            continue
        best = None
        for k in range(len(words) - 1):   # any tail of the run may be the name ('the Pentagon's Defense ... Agency')
            if words[k][1].lower() in joiners or not words[k][1][:1].isupper():
                continue
            tail = [w for _s, w in words[k:]]
            inits = _initials(tail, joiners, prefixes)
            if letters in inits:
                best = None
                break
            plain = _initials(tail, joiners)
            for ini in sorted(inits, key=lambda i: (i not in plain, i)):   # plain initials first
                d = Levenshtein.distance(ini, letters)
                if ini[:1] == letters[:1] and len(ini) >= 2 and (best is None or d < best[0]):
                    best = (d, k, ini)
        if best and best[0] == 1:
            _d, k, ini = best
            start = words[k][0]
            name = prose[start:m.start()].rstrip()
            yield rule.finding(start, m.end(), prose[start:m.end()], [f"{name} ({ini})"],
                               values={"name": name, "acronym": acr, "initials": ini})
    for m in _ACRONYM_BEFORE.finditer(prose):
        acr, exp = m.group("acr"), m.group("exp")
        words = exp.split()
        if len(words) < 2 or len(words) > max_words or not all(w[:1].isupper() or w.lower() in joiners for w in words):
            continue
        inits = _initials(words, joiners, prefixes)
        if acr in inits:
            continue
        plain = _initials(words, joiners)
        near = sorted((Levenshtein.distance(i, acr), i not in plain, i) for i in inits if i[:1] == acr[:1])
        if near and near[0][0] == 1:
            ini = near[0][2]
            text = prose[m.start():m.end()]
            yield rule.finding(m.start(), m.end(), text, [ini + text[len(acr):]],
                               values={"name": exp, "acronym": acr, "initials": ini})
