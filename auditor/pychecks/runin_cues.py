"""The run-in cue lists and the reading of one line that the boilerplate and run-in checks share.

The cue lists (sites, section labels, teaser cues, sentence openers, caption cues, wire agencies,
prompts) are data files of the boilerplate pack, one entry a line; a rule may name others through
its options. Here they are compiled, and a line is cut into sentences and read for a teaser that
runs on into one.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from .. import regexcache as re   # regex, its compiled programs kept in the user cache

from ..vocabulary import alternation, pack_list, read_list


@dataclass(frozen=True)
class RunInOptions:
    """The options of a rule of check runin:furniture: the kinds it reports and its cue lists."""

    kinds: tuple[str, ...] = ()                        # the kinds reported: tail, teaser, subtitle, caption, prompt
    sites: str = "runin-sites.txt"                     # site names a page title carries after the headline
    sections: str = "runin-sections.txt"               # section labels a page title carries
    cues: str = "runin-related-cues.txt"               # 'Read also'-style cues that open a teaser
    starts: str = "runin-sentence-starts.txt"          # capitalised words that open the next sentence
    captions: str = "runin-caption-cues.txt"           # labels that open a caption run into the text
    agencies: str = "runin-credit-agencies.txt"        # wire agencies of a 'REUTERS/Name' photo credit
    prompts: str = "runin-prompt-cues.txt"             # phrases of page prompts inside a line of prose

    def __post_init__(self):
        for kind in self.kinds:
            if kind not in KINDS:
                raise ValueError(f"kinds: no kind {kind!r} (the kinds are {', '.join(KINDS)})")


KINDS = ("tail", "teaser", "subtitle", "caption", "prompt")
_LISTS = tuple(f.name for f in fields(RunInOptions) if f.name != "kinds")   # the options that name list files
_DEFAULTS = RunInOptions()
_FUNCTION = frozenset(pack_list("boilerplate", "runin-function-words.txt"))
# lower-case particles a photographer's name may hold ('REUTERS/Piroschka van de Wouw')
_PARTICLES = pack_list("boilerplate", "runin-name-particles.txt")
# dates and times a title template prints: 12.02.2023, 2023-02-12, February 11, 2023, 2:10 P.M.
_MONTHS = alternation("months", "month-abbreviations") + r"\.?"
_NUM_DATE = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}"
_WORD_DATE = (r"(?:\d{1,2}\s+" + _MONTHS + r"|" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?")
_TIME = r"\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?"
_DATE = r"(?:" + _NUM_DATE + r"|" + _WORD_DATE + r")(?:,?\s+" + _TIME + r")?"
_SENT_END = re.compile(r"(?<![\s.][\p{Lu}])[.!?…][\"”’»)\]]*(?=\s|$)")
_TOKEN = re.compile(r"\S+")
_CLOCK = re.compile(r"\d[:.]\d\d")   # an event's time ('Beginning at 6:30 P.M.') ends a notice, not a teaser
_PAREN_DATE = re.compile(r"\s*\(\s*(?:" + _DATE + r"|\d{4})\s*\)")


@lru_cache(maxsize=1)   # asked at every article: finding the folder costs a resolve() and a stat
def _pack_dir() -> Path:
    from ..packs import builtin_rules_dir

    return builtin_rules_dir() / "boilerplate"


_entries = read_list


def _alternation(entries) -> str:
    return "|".join(re.escape(e) for e in sorted(entries, key=len, reverse=True))


@dataclass(frozen=True, eq=False)   # one object a set of lists (load is cached): hashed by identity
class Cues:
    """The compiled cue lists of the run-in checks."""

    tail: "re.Pattern"
    cue: "re.Pattern"
    starts: frozenset
    caption: "re.Pattern"
    credit: "re.Pattern"
    prompts: tuple

    @staticmethod
    @lru_cache(maxsize=None)
    def load(sites: str, sections: str, cues: str, starts: str, captions: str, agencies: str,
             prompts: str) -> "Cues":
        site = _alternation(_entries(sites))
        section = _alternation(_entries(sections))
        # A generic site: one to three capitalised words (DW, Ukrinform, Sport Express) before a date.
        generic = r"\p{Lu}[\p{L}.\-]*(?:\s\p{Lu}[\p{L}.\-]*){0,2}"
        dash = r"[ \t]{1,4}[-–—|][ \t]{1,4}"
        colon = r":[ \t]{1,4}"
        tail = re.compile(
            # ' - DW - 12.02.2023', ' | News | Izvestia', ' - RIA Novosti, 12.02.2023'
            r"(?:" + dash + r"(?:(?:(?:" + section + r")" + dash + r"){0,2}(?:" + site + r")"
            r"(?:(?:" + dash + r"|,[ \t])(?:" + _DATE + r"))?"
            r"|" + generic + dash + r"(?:" + _NUM_DATE + r")(?:,?\s+" + _TIME + r")?"
            r"|(?:" + section + r"))"
            # a breadcrumb after a colon must end on the site's name: ': World: Politics: INFOX.ru'
            r"|" + colon + r"(?:(?:" + section + r")" + colon + r"){0,3}(?:" + site + r")"
            # a timestamp after a colon needs its time: ': February 11, 2023, 2:10 P.M.'
            r"|" + colon + r"(?:" + _NUM_DATE + r"|" + _WORD_DATE + r"),?\s+" + _TIME + r")"
            r"(?=[ \t]{1,4}[\p{Lu}\d\"“«]|[ \t]*$)")
        # the cue in any case; what follows it opens with a capital, a digit or a quotation mark
        cue = re.compile(r"(?:^|(?<=[.!?…\"”»)][ \t]{1,4}))(?i:" + _alternation(_entries(cues)) + r")"
                         r"(?:[ \t]*[:–—]|[ \t]{1,4}-)[ \t]*(?=[\p{Lu}\d\"“«])")
        labels = _entries(captions)
        by = [e for e in labels if e.endswith((" by", " of"))]
        colon = [e for e in labels if e not in by]
        caption = re.compile(r"(?:^|(?<=[.!?…\"”)][ \t]{1,4}))(?:(?i:" + _alternation(colon) + r")[ \t]*:[ \t]*"
                             r"|(?i:" + _alternation(by) + r")[ \t]{1,4})(?=[\p{Lu}\d\"“«])")
        # a wire credit closing a caption: '... September 27, 2019. REUTERS/Piroschka van de Wouw'
        credit = re.compile(r"(?<=[.!?][ \t]{1,4})(?:" + _alternation(_entries(agencies)) + r")[ \t]?/[ \t]?(?=\p{Lu})")
        return Cues(tail, cue, frozenset(_entries(starts)), caption, credit,
                    tuple(e.lower() for e in _entries(prompts)))


def cues_for(options: RunInOptions | None, base: Path | None = None) -> Cues:
    """Return the cue lists an options set names, beside base (the pack's own lists by default)."""
    if options is None and base is None:
        return _default_cues()
    options = options or _DEFAULTS
    base = base or _pack_dir()
    paths = [str(base / getattr(options, k)) for k in _LISTS]
    return Cues.load(*paths)


@lru_cache(maxsize=1)   # the built-in lists, asked for at every article
def _default_cues() -> Cues:
    return cues_for(_DEFAULTS)


def _teaser_end(line: str, pos: int, cues: Cues, most: int = 30) -> int | None:
    """Return where a teaser headline that starts at pos ends: before the sentence that follows it."""
    toks = list(_TOKEN.finditer(line, pos, min(len(line), pos + 2000)))   # a headline is far shorter
    words = []
    for k, t in enumerate(toks):
        w = t.group()
        bare = w.strip("\"“”«»'‘’()[],;:")
        if k >= 2 and bare in cues.starts and w[:1].isupper() and not toks[k - 1].group().endswith(":") \
                and toks[k - 1].group().strip("\"”»").lower() not in _FUNCTION:
            # in a Title Case headline a capitalised 'In' or 'After' belongs to it: ask for lower case next
            titled = sum(1 for x in words if x[:1].isupper()) >= 0.6 * max(1, len(words)) and len(words) >= 3
            nxt = toks[k + 1].group() if k + 1 < len(toks) else ""
            if not titled or nxt[:1].islower():
                return toks[k - 1].end()
        words.append(bare)
        if w.rstrip("\"”’»)").endswith(("?", "!")) or (w.endswith(".") and len(bare) > 2 and k >= 2):
            end = t.end()
            d = _PAREN_DATE.match(line, end)
            return d.end() if d else end
        if k >= most:
            return None
    return toks[-1].end() if len(toks) >= 2 else None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of the sentences of a line, cut after each sentence-final stop."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def runs_on(line: str, cues: Cues | None = None) -> bool:
    """Tell whether a line that opens with a teaser cue goes on with a sentence after the teaser."""
    cues = cues or cues_for(None)
    m = cues.cue.match(line)
    if not m:
        return False
    stop = _teaser_end(line, m.end(), cues)
    if stop is None:
        return False
    rest = line[stop:].split()
    return len(rest) >= 4 and _SENT_END.search(line, stop) is not None
