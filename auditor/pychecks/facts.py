"""Cross-article facts: group the articles on one story and flag the one whose dates disagree."""
from __future__ import annotations

import math
import re
import string
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import PurePath

from ..vocabulary import pack_list, pack_map, words
from . import NoCheckOptions, PyCheck, register
from .names import STOP, name_tokens, name_tokens_of, translit_key
from .spelling import zipf

class _Later:
    """A pattern compiled on first use: the corpus step's, which an article checked alone never runs."""

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._args)
        self.match, self.search, self.finditer = compiled.match, compiled.search, compiled.finditer
        return getattr(compiled, name)


NUMBERS = list(words("number-words"))   # zero to twenty: a word's place is its value
WORD_NUMBER = {w: i for i, w in enumerate(NUMBERS)}
MONTHS = "|".join(words("months"))
_N = r"(?P<n>\d{1,2}|" + "|".join(NUMBERS[1:]) + r")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "first in-person meeting ... in eight years" / "for the first time in seven years"
DURATION = _Later(rf"\bfirst\b(?P<what>[^.!?\n]{{0,90}}?)\b(?P<span>(?P<prep>in|for) {_N} years)\b", re.I)
# "first official visit ... since 2018"
SINCE = _Later(rf"\bfirst\b(?P<what>[^.!?\n]{{0,110}}?)\bsince (?:(?:{MONTHS}) )?{_YEAR}\b", re.I)
# "the last meeting ... took place in October 2018" / "The last time ... conferred ... was in 2018"
LAST = _Later(rf"\blast (?P<what>[^.!?\n]{{0,110}}?)\b(?:took place|was held|happened|occurred|was|came)"
                  rf"(?: [a-z]+)? in (?:(?:{MONTHS}) )?(?:\d{{1,2}},? )?{_YEAR}\b", re.I)
EVENTS = pack_map("facts", "events.txt")   # word -> the kind of event it names
DAY_MONTH = _Later(rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{MONTHS})|(?P<m2>{MONTHS}) (?P<d2>\d{{1,2}}))\b(?!,? \d{{4}})")
WEEKDAY = _Later(r"\b(" + "|".join(words("weekdays")) + r")\b")
WEEKDAY_NUMBER = {d.lower(): i for i, d in enumerate(words("weekdays"))}
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS.split("|"), 1)}
FULL_DATE = _Later(rf"\b(?:\d{{1,2}} (?:{MONTHS})|(?:{MONTHS}) \d{{1,2}},?) (?P<year>(?:19|20)\d\d)\b")


@dataclass
class Claim:
    doc: int
    kind: str          # duration | since | last
    event: str
    year: int          # the year of the last occurrence the claim implies
    start: int
    end: int
    text: str
    n: int | None = None
    prep: str = ""
    digits: bool = False


def event_of(text: str) -> str | None:
    """Return the class of event a claim is about ('meeting' for talks, visits, meetings)."""
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in EVENTS:
            return EVENTS[word]
    return None


def publication_year(prose: str) -> tuple[int | None, str]:
    """Return the year an article was written and the dates it is read from.

    A full date ('29 July 2025') gives it at once (the latest one counts). Otherwise a date and a
    weekday in the opening paragraph ('July 29 (Reuters) - ... reported on Tuesday') give the
    first year, no earlier than any year the article mentions, on which that date fell on that day.
    """
    best, quote = None, ""
    for m in FULL_DATE.finditer(prose):
        year = int(m.group("year"))
        if best is None or year > best:
            best, quote = year, m.group()
    if best is not None:
        return best, quote
    head = prose[:prose.find("\n\n") if 0 < prose.find("\n\n") < 600 else 600]
    date, day = DAY_MONTH.search(head), WEEKDAY.search(head)
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", prose)]
    if not (date and day and years):
        return None, ""
    month = MONTH_NUMBER[(date.group("m1") or date.group("m2")).lower()]
    number = int(date.group("d1") or date.group("d2"))
    weekday = WEEKDAY_NUMBER[day.group(1).lower()]
    import datetime

    for year in range(max(years), max(years) + 8):
        try:
            if datetime.date(year, month, number).weekday() == weekday:
                return year, f"{date.group()} and {day.group(1)}"
        except ValueError:
            return None, ""
    return None, ""


def claims_of(doc_index: int, prose: str, pub: int | None) -> list[Claim]:
    """Extract 'first ... in N years', 'first ... since YEAR' and 'last ... in YEAR' claims."""
    found = []
    # each pattern needs its word; an ASCII text without it is skipped (case folding beyond ASCII is the regex's)
    low = prose.lower() if prose.isascii() else None
    has_first, has_last = low is None or "first" in low, low is None or "last" in low
    for m in (DURATION.finditer(prose) if has_first else ()):
        event = event_of(m.group("what"))
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else WORD_NUMBER[raw]
        if event and n > 0:
            found.append(Claim(doc_index, "duration", event, (pub - n) if pub else 0, m.start("span"), m.end("span"),
                               m.group("span"), n, m.group("prep"), raw.isdigit()))
    for m in (SINCE.finditer(prose) if has_first else ()):
        event = event_of(m.group("what"))
        if event:
            found.append(Claim(doc_index, "since", event, int(m.group("year")), m.start("year"), m.end("year"),
                               m.group("year")))
    for m in (LAST.finditer(prose) if has_last else ()):
        event = event_of(m.group("what"))
        if event:
            found.append(Claim(doc_index, "last", event, int(m.group("year")), m.start("year"), m.end("year"),
                               m.group("year")))
    return found


_EDGE_BEFORE = _Later(r"[\w’'-]")
_EDGE_AFTER = _Later(r"[\w’'.-]")


def entities(doc) -> Counter:
    """Count the names an article's running text mentions (not its link lists), folded for transliteration."""
    counts: Counter = Counter()
    prose = doc.prose
    toks = name_tokens_of(prose)   # the whole text's, shared with the name checks
    starts = [t[0] for t in toks]
    for para in doc.paragraphs:
        chunk = prose[para.start:para.end]
        if len(chunk.split()) < 12:
            continue   # headlines, tickers, tag lists
        if (para.start and _EDGE_BEFORE.match(prose, para.start - 1)) or _EDGE_AFTER.match(prose, para.end):
            found = [t[2] for t in name_tokens(chunk)]   # a name may run across the edge: read the chunk alone
        else:
            found = [t[2] for t in toks[bisect_left(starts, para.start):bisect_left(starts, para.end)]]
        for text in found:
            if len(text) < 3 or text.lower() in STOP:
                continue
            if text.isupper():
                counts[text.lower()] += 1
            elif zipf(text.lower()) < 4.5:
                counts[translit_key(text)] += 1
    return counts


def stories(ents: list[Counter], salient: int = 10) -> list[list[int]]:
    """Group articles that share two of their most salient names (linear in the corpus size)."""
    n = len(ents)
    df: Counter = Counter()
    for c in ents:
        df.update(c.keys())
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    postings: dict[tuple[str, str], int] = {}
    for i, c in enumerate(ents):
        # in a small corpus every shared name is a story name; in a large one, rarity counts too
        ranked = sorted(c, key=lambda k: (-c[k] * (math.log(1 + n / df[k]) if n >= 20 else 1), k))[:salient]
        for pair in combinations(sorted(ranked), 2):
            if pair in postings:
                a, b = find(i), find(postings[pair])
                if a != b:
                    parent[a] = b
            else:
                postings[pair] = i
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return [g for g in groups.values() if len(g) > 1]


ROLES = "|".join(pack_list("facts", "roles.txt"))
_PERSON = r"(?P<name>[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
# "acting NASA Administrator Sean Duffy", "Roscosmos chief Dmitry Bakanov", "cosmonaut Oleg Platonov"
TITLE_BEFORE = _Later(rf"(?P<title>(?:(?:acting|interim|former|then|deputy|senior|U\.S\.|[A-Z][A-Za-z]+)\s+){{0,3}}"
                          rf"(?i:{ROLES}))\s+{_PERSON}\b")
# "Dmitry Bakanov, head of Russia's Roscosmos space agency," / "Sean Duffy, the acting administrator of NASA"
TITLE_AFTER = _Later(rf"{_PERSON}, (?P<title>(?:the )?(?:acting |interim |former |deputy )?(?:{ROLES})\b[^,.;:]{{0,60}})")


# every TITLE_BEFORE match holds a role followed by a capital; what comes before the role (up to
# three title words) holds only letters, dots and spaces
_ROLE_CUE = _Later(rf"(?i:{ROLES})\s+[A-Z]")
_ROLE_AHEAD = _Later(rf"(?=(?i:{ROLES})\s+[A-Z])")
_TITLE_CHARS = frozenset(string.ascii_letters + ".")


_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")   # İ ı ſ K: the only others (?i) matches to a-z


def _role_cues(prose: str) -> list[int]:
    """Return every offset where a role followed by a capital starts."""
    low = prose.lower()
    if len(low) != len(prose) or (not prose.isascii() and not _FOLDS_TO_ASCII.isdisjoint(prose)):
        return [m.start() for m in _ROLE_AHEAD.finditer(prose)]   # offsets or case folds differ: the regex's way
    found = set()
    for role in ROLES.split("|"):   # a few str.find calls instead of a case-blind search at every offset
        i = low.find(role)
        while i >= 0:
            found.add(i)
            i = low.find(role, i + 1)
    return [r for r in sorted(found) if _ROLE_CUE.match(prose, r)]


def _titles_before(prose: str):
    """Yield TITLE_BEFORE.finditer(prose), trying the pattern only in the few words before each role.

    The next match at or after pos starts no earlier than the run of letters, dots and spaces
    leading to the first role at or after pos, and no later than that role unless it is part of
    no match; so anchored attempts over that run find the same leftmost match as a full search.
    """
    pos = 0
    for role in _role_cues(prose):
        if role < pos:
            continue
        start = role
        while start > pos and (prose[start - 1] in _TITLE_CHARS or prose[start - 1].isspace()):
            start -= 1
        for s in range(start, role + 1):
            m = TITLE_BEFORE.match(prose, s)
            if m:
                yield m
                pos = m.end()
                break
        else:
            pos = role + 1


def titles_of(prose: str) -> dict[str, list[str]]:
    """Return the titles an article gives each person ('Sean Duffy' -> ['acting NASA Administrator'])."""
    found: dict[str, list[str]] = defaultdict(list)
    for matches in (_titles_before(prose), TITLE_AFTER.finditer(prose)):
        for m in matches:
            title = " ".join(m.group("title").split())
            if title.split()[0] in ("The", "the"):
                title = title.split(" ", 1)[1]
            if title not in found[m.group("name")]:
                found[m.group("name")].append(title)
    return dict(found)


@register("last-occurrence")
class LastOccurrence(PyCheck):
    """Compare when the articles on one story say something last happened; flag the odd one out."""

    Options = NoCheckOptions

    min_documents = 2   # the reduce compares articles

    def summary(self, doc):
        """Return the article's names, publication year, claims (years of durations left to the reduce) and titles."""
        plain = doc.plain
        return entities(doc), publication_year(plain), claims_of(0, plain, None), titles_of(plain)

    def reduce(self, parts, docs, ctx):
        if len(docs) < 2:
            return
        names = [PurePath(d.path).name for d in docs]
        ents = [p[0] for p in parts]
        pubs = [p[1] for p in parts]
        report = []
        for group in stories(ents):
            known = Counter(pubs[i][0] for i in group if pubs[i][0])
            story_year = known.most_common(1)[0][0] if known else None
            year_note = {}
            claims: list[Claim] = []
            for i in group:
                pub, quote = pubs[i]
                if pub:
                    how = "the date" if pubs[i][1][-4:].isdigit() else "the date and weekday"
                    year_note[i] = f"publication year {pub}, from {how} '{quote}' in the article"
                elif story_year:
                    pub = story_year
                    donors = [names[j] for j in group if pubs[j][0] == story_year]
                    year_note[i] = (f"publication year {pub} is not stated; derived from the dates in "
                                    f"{', '.join(donors[:3])} on the same story")
                claims.extend(c for c in _dated(parts[i][2], i, pub) if c.year)
            story = {"articles": [docs[i].path for i in group],
                     "entities": _top_entities(ents, group), "claims": [],
                     "titles": _titles_of_group(docs, [p[3] for p in parts], group), "disagreements": []}
            for event in sorted({c.event for c in claims}):
                of_event = [c for c in claims if c.event == event]
                votes: dict[int, Counter] = defaultdict(Counter)
                for c in of_event:
                    votes[c.doc][c.year] += 1
                tally = Counter(v.most_common(1)[0][0] for v in votes.values())
                story["claims"].extend({"article": docs[c.doc].path, "event": event, "kind": c.kind,
                                        "text": c.text, "year": c.year} for c in of_event)
                if not tally:
                    continue
                consensus, support = tally.most_common(1)[0]
                if support < 2 or support * 2 <= len(votes):
                    continue
                for c in of_event:
                    if c.year == consensus:
                        continue
                    backers = sorted({names[d] for d, v in votes.items() if d != c.doc and consensus in v})
                    if len(backers) < 2:
                        continue
                    finding = self._finding(docs[c.doc], c, consensus, backers, year_note.get(c.doc, ""))
                    if finding:
                        story["disagreements"].append({"article": docs[c.doc].path, "text": c.text,
                                                       "event": event, "claimed_year": c.year,
                                                       "consensus_year": consensus, "others": backers,
                                                       "suggestion": finding.suggestions[0]})
                        yield c.doc, finding
            report.append(story)
        ctx.corpus.setdefault("facts", []).extend(report)

    def _finding(self, doc, c: Claim, consensus: int, backers: list[str], note: str):
        others = ", ".join(backers[:4]) + (f" and {len(backers) - 4} more" if len(backers) > 4 else "")
        if c.kind == "duration":
            years = c.year + c.n - consensus
            if years <= 0:
                return None
            number = str(years) if c.digits or years >= len(NUMBERS) else NUMBERS[years]
            fix = f"{c.prep} {number} years"
            because = f"{number} years"
        else:
            fix = str(consensus)
            because = f"not {c.year}"
        message = (f"'{c.text}' disagrees with the other articles on this story: they date the last "
                   f"{c.event} to {consensus} ({others}): {because}.")
        return self.rule.finding(c.start, c.end, c.text, [fix], message=message,
                                 data={"event": c.event, "claimed_year": c.year, "consensus_year": consensus,
                                       "others": backers, "year_basis": note})


def _dated(raw: list[Claim], doc_index: int, pub: int | None) -> list[Claim]:
    """Give claims extracted without a publication year their article and the year they imply."""
    return [replace(c, doc=doc_index, year=(pub - c.n) if pub else 0) if c.kind == "duration"
            else replace(c, doc=doc_index) for c in raw]


def _titles_of_group(docs, titles: list[dict[str, list[str]]], group: list[int]) -> dict[str, dict[str, list[str]]]:
    """Collect the titles each person is given, per article, for people named in two or more."""
    people: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for i in group:
        for person, given in titles[i].items():
            people[person][docs[i].path] = given
    return {p: t for p, t in sorted(people.items()) if len(t) >= 2}


def _top_entities(ents: list[Counter], group: list[int], k: int = 6) -> list[str]:
    total: Counter = Counter()
    for i in group:
        total.update(ents[i])
    return [e for e, _ in total.most_common(k)]


# ---- anachronisms ------------------------------------------------------------------------
# Calendar years each U.S. administration held office (inauguration on 20 January).
ADMINISTRATIONS = {
    "Carter": [(1977, 1981)], "Reagan": [(1981, 1989)], "Bush": [(1989, 1993), (2001, 2009)],
    "Clinton": [(1993, 2001)], "Obama": [(2009, 2017)], "Trump": [(2017, 2021), (2025, 2029)],
    "Biden": [(2021, 2025)],
}
SETTING = re.compile(rf"(?:^|(?<=[.!?]\s))In (?:(?:early|late|mid-)\s?)?(?:(?:{MONTHS}) )?{_YEAR},?\s+"
                     rf"(?:the )?(?P<who>{'|'.join(ADMINISTRATIONS)}) administration\b", re.M)


def in_office(year: int) -> list[str]:
    """Return the presidents in office for most of a calendar year."""
    return [name for name, terms in ADMINISTRATIONS.items() if any(a <= year < b for a, b in terms)]


@register("administration-year", options=NoCheckOptions)
def administration_year(doc, rule, options):
    """Flag 'In 2018, the Biden administration ...' where that president was not in office that year."""
    for m in SETTING.finditer(doc.plain):
        year, who = int(m.group("year")), m.group("who")
        if year > max(b for terms in ADMINISTRATIONS.values() for _, b in terms):
            continue
        if any(a <= year <= b for a, b in ADMINISTRATIONS[who]):
            continue   # in office for all or part of that year
        right = in_office(year)
        if len(right) != 1:
            continue
        start = m.start("who")
        yield rule.finding(start, m.end(), doc.prose[start:m.end()], [f"{right[0]} administration"],
                           values={"year": str(year), "who": who, "right": right[0]},
                           data={"year": year, "in_office": right[0]})
