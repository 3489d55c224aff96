"""Scraped page furniture: menus, ads, appeals, link lists, captions, bylines, tags and repeats."""
from __future__ import annotations

import os
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import re as stdre
import unicodedata
from bisect import bisect_left

from .. import regexcache as re   # regex, its compiled programs kept in the user cache

from ..errors import RulePackError
from ..incremental import editing
from ..vocabulary import alternation, expand, read_list, words
from . import PyCheck, register

# ---- cue families, in the languages scraped news pages come in -------------------------------
# Each family is a list file of the boilerplate pack, named by its file: cues-*.txt files hold regex
# alternatives, one a line with an example the rule reports because of it; the other files hold words
# or alternatives the analysis weighs. A BP rule names the files of its families in its options
# (`cues:`), read beside the rule; a family no rule names is read from the pack. Here is only how a
# line must hold them.
_BULLET = r"^[\s•·\-–—*►▶>»|■□▪●○◦]*"
_QUOTES = stdre.compile("[\"“”«»„]")
_CRUMB_CHARS = stdre.compile("[›>»→≫/]")
_DATEISH = stdre.compile(r"\d[./:h]\d|\d{4}|\d \w")
_CRUMB_SEP = stdre.compile(r"\s+[›>»→≫]\s+|\s+/\s+")
# A dateline: labels, dates and times in the page languages and nothing else (a place name at most).
_DATE_WORDS = alternation("months-fr", "months-de", "months-es", "month-abbreviations-es", "months-ru", "months-uk",
                          "months", "month-abbreviations") + r"\.?"
DATE_PIECE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}(?:er|st|nd|rd|th)?\.?\s+"
                        + _DATE_WORDS + r"(?:\s+\d{4})?|" + _DATE_WORDS + r"\s+\d{1,2}(?:,?\s+\d{4})?|"
                        r"\b\d{1,2}[:.h]\d{2}\b(?:\s?[ap]\.?m\.?)?", re.IGNORECASE)
_NAV_SEPARATORS = " \t|•·/-–—>»"   # all a menu line may hold besides its items
_NAV_PIECES = stdre.compile("[^" + stdre.escape(_NAV_SEPARATORS) + "]+")
STAMP_LEAD = re.compile(r"^\d{1,2}:\d{2}\s+\S")
_WEEKDAY = alternation("weekdays", "weekday-abbreviations")
_MONTH = alternation("months", "month-abbreviations") + r"\.?"
_DATE = (r"(?:" + _WEEKDAY + r",?\s*)?(?:\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"|" + _MONTH +
         r"\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}")
# a name piece that ends where the next capital starts (a date may be fused to the name): one way to cut
# a run of letters into pieces, so matching stays linear in the line
_PIECE = r"\p{Lu}(?:[\p{Ll}'’.-]+|\p{Lu}+\b)"
_LONGEST_BYLINE = 400   # characters: sixteen words of names and a date fit well within it
GLUED_TAGS = re.compile(r"^(?:\p{Lu}\p{Ll}{2,}|\p{Lu}{2,4})(?:\p{Lu}\p{Ll}{2,}|\p{Lu}{2,4}){1,5}$")
# a wrapped sentence breaks after these, a headline does not end on them (English and the page languages)
_FUNCTION_END = frozenset(words("function-words") + words("function-words-fr") + words("function-words-de")
                          + words("function-words-es") + words("function-words-ru") + words("function-words-uk"))
_SENTENCE = re.compile(r"[.!?…][\"”’)\]]*$")
_CLOSERS = "\"”’)]"
_PROSE_BREAK = re.compile(r"[a-z][.!?][\"”’)]*\s+[\"“‘(]?[A-Z]")
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def _joined(entries) -> str:
    """Join regex alternatives in file order (a tab ends a cue: its example follows)."""
    return "|".join(expand(e.split("\t", 1)[0]) for e in entries)


def _escaped(entries) -> str:
    """Join literal words in file order, escaped."""
    return "|".join(re.escape(e) for e in entries)


class Cues:
    """The compiled cue families of the boilerplate analysis: one list file each, named by its file's stem."""

    def __init__(self, files: dict[str, str]):
        pack = pack_dir()

        def read(family: str) -> tuple[str, ...]:
            return read_list(files.get(family) or pack / f"{family}.txt")

        def alt(family: str) -> str:
            return _joined(read(family))

        self.key = tuple(sorted(files.items()))   # the files that differ from the pack's
        i = re.IGNORECASE
        self.related = re.compile(_BULLET + r"(?:" + alt("cues-related") + r")\b\s*(?:[:|\-–—»>]|$)", i)
        self.ad = re.compile(r"^[\s\-–—*|]*(?:" + alt("cues-ad") + r")\s*[:.]?\s*$", i)
        self.appeal_start = re.compile(_BULLET + r"(?:" + alt("cues-appeal") + r")", i)
        self.appeal_words = re.compile(r"\b(?:" + alt("cues-appeal-words") + r")\b", i)
        self.widget = re.compile(r"^[\s•·|*-]*(?:" + alt("cues-dismiss") + "|" + alt("cues-widget") + r")\s*[.!:]?\s*$", i)
        self.dismiss = re.compile(r"^[\s•·|*-]*(?:" + alt("cues-dismiss") + r")\s*[.!]?\s*$", i)
        self.prompt = re.compile(r"(?:^|\b)(?:" + alt("cues-prompt") + r")", i)
        # Page controls and prompts in the page languages, each a whole short line (see _classify for the gates).
        self.control = re.compile(r"^[\s•·|*>-]*(?:" + alt("cues-control") + r")\s*[.!:]?\s*$", i)
        self.paywall = re.compile(r"(?:^|\b)(?:" + alt("cues-paywall") + r")", i)
        # every paywall phrase holds one of these (lower case; the line's lower() is searched for them first)
        self.paywall_words = stdre.compile("|".join(map(stdre.escape, read("prefilter-paywall"))))
        # every prompt phrase holds one of these words; the lower-cased line is searched for them first
        self.prompt_words = read("prefilter-prompt")
        self.breadcrumb_home = re.compile(r"^(?:(?:" + alt("cues-crumb-lead") + r")\s*)?(?:" + alt("cues-crumb-home")
                                          + r")\s*[›>»/→|≫]", i)
        self.bio_head = re.compile(r"^(?:" + alt("cues-bio-head") + r")\s*:?\s*$", i)
        self.bio = re.compile(r"^(?:\p{Lu}[\p{L}'’.-]+ ){1,3}(?:is|was) (?:a|an|the) [\w ,'’-]{0,60}?(?:"
                              + "|".join(read("bio-roles")) + r")\b")
        # wire credits ('Reporting by ...', '... contributed to this report') belong to the copy and stay
        self.trust_line = re.compile(r"^(?:" + alt("cues-standards") + r")", i)
        self.photo_tail = re.compile(r"(?i:" + alt("cues-photo-label") + r")(?i:s?(?: credit)?)\s*:\s*"
                                     r"(?:[\p{L} .'’-]{1,50}/\s*[\p{L} .'’-]{1,50}|(?:" + alt("cues-photo-agencies")
                                     + r"))\s*[.*]?\s*$")
        self.date_label = re.compile(r"\b(?:" + alt("cues-date-labels") + r")\b", i)
        self.date_filler = re.compile(r"\b(?:" + alt("dateline-fillers") + r")\b|[\W\d_]+", i)
        self.bare_byline = re.compile(r"^(?:" + alt("cues-byline-bare") + r")\s+\p{Lu}[\p{L}'’.-]+"
                                      r"(?:\s+(?:\p{Lu}[\p{L}'’.-]+|" + _escaped(read("byline-joiners")) + r")){1,4}"
                                      r"(?:,\s*[\p{L} ]{2,40})?$")
        items = sorted(read("nav-items"), key=len, reverse=True)
        self.nav = re.compile(r"(?:^|(?<=[\s|•·/]))(?:" + "|".join(re.escape(w) for w in items if w) +
                              r")(?=$|[\s|•·/])", i)
        self.nav_words = frozenset(word for item in items for word in item.split())
        # the footer is a line start or one literal phrase: two patterns, so the phrase is found by a fast scan
        self.footer = re.compile(r"^\s*(?:" + alt("cues-copyright") + r")|^\s*(?:" + alt("cues-legal")
                                 + r")(?:\s*[|•·]\s*[\w ]+){1,6}$", i)
        self.rights = re.compile(r"\b(?:" + alt("cues-rights") + r")\b", i)
        self.ticker_head = re.compile(r"^(?:" + alt("cues-ticker") + r")$", i)
        self.stamp = re.compile(r"^(?:\d{1,2}[:.h]\d{2}(?:\s?[ap]\.?m\.?)?|" + alt("cues-stamp") + r")$", i)
        agency = r"(?:" + alt("cues-credit-agencies") + r")"
        self.caption = re.compile(r"^(?:" + alt("cues-caption") + r")", i)
        self.credit_tail = re.compile(r"[\[(][^\[\]()]{0,80}(?:/|\bvia\b|\bby\b|\bcourtesy\b)\s*[^\[\]()]*" + agency
                                      + r"[^\[\]()]{0,40}[\])]\s*$|[\[(](?:photo|image)[^\[\]()]{0,80}[\])]\s*$", i)
        self.credit_only = re.compile(r"^\(?(?:[\w .'’-]{0,40}/)?" + agency + r"(?:/[\w .'’-]{0,40})*"
                                      r"(?: via " + agency + r")?\)?$")
        time = r"\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?(?:" + _escaped(read("time-zones")) + r"))?"
        names = r"(?:" + _PIECE + r"|,|\s|" + alt("byline-staff") + r")+"
        when = r"(?:" + _DATE + r")(?:,?\s*(?:at\s*)?" + time + r")?|" + time
        self.byline = re.compile(
            # a byline carries template residue: a separator bar, or the publication date fused to it
            r"^(?i:" + alt("cues-byline-signed") + r")\s+" + names + r"\s*(?:[|•·]\s*(?:" + when + r")?|[,–—-]?\s*(?:"
            + when + r"))\s*[|]?\s*$"
            r"|^(?:" + _PIECE + r"\s?){1,6},?\s*(?:" + _WEEKDAY + r",?\s*)(?:" + _DATE + r")(?:,?\s*" + time + r")?$"
            r"|^(?:(?i:" + alt("cues-published") + r")\s*:?\s*)?(?:" + _DATE + r")"
            r"(?:,?\s*(?:at\s*)?" + time + r")?$")
        self.tags = re.compile(r"^(?:" + alt("cues-tags") + r")\s*:", i)
        self.credits = re.compile(r"^(?:" + alt("credit-lines") + r")\b", i)
        self.head_prefix = re.compile(r"^(?i:" + alt("headline-prefixes") + r")(?=\p{Lu})")
        self.you = re.compile(r"\b(?:" + _escaped(read("appeal-address")) + r")\b", i)
        hints = {}
        for entry in read("page-hints"):
            kind, sep, tokens = entry.partition("=")
            if not sep:
                raise RulePackError(f"{files.get('page-hints') or pack / 'page-hints.txt'}: expected 'kind=alternatives', got {entry!r}")
            hints[kind.strip()] = tokens.strip()
        self.hint_kinds = [(kind, re.compile(r"^(?:" + tokens + r")$")) for kind, tokens in hints.items()]

    @staticmethod
    @lru_cache(maxsize=None)
    def load(key: tuple[tuple[str, str], ...]) -> "Cues":
        return Cues(dict(key))


@lru_cache(maxsize=None)
def pack_dir() -> Path:
    from ..packs import builtin_rules_dir

    return Path(os.path.abspath(builtin_rules_dir() / "boilerplate"))


def cues_named(names: tuple[str, ...] = (), base: Path | None = None) -> Cues:
    """Return the cue families of the list files a rule names (read beside it), the pack's for the rest."""
    pack = pack_dir()
    folder = Path(os.path.abspath(base)) if base else pack
    files = {}
    if folder != pack:   # the pack's own rules name the pack's own files
        files = {Path(name).stem: str(folder / name) for name in names}
    return Cues.load(tuple(sorted(files.items())))


@lru_cache(maxsize=None)
def default_cues() -> Cues:
    return cues_named()

# kinds -> what the finding says the block is
KIND_LABEL = {
    "nav": "navigation menu or language switcher", "ad": "advertisement label",
    "appeal": "donation or subscription appeal", "related": "related-article links",
    "ticker": "recent-news ticker", "caption": "photo caption or credit",
    "byline": "byline or dateline", "tags": "tag list", "prompt": "cookie or newsletter prompt",
    "widget": "share, comment or feedback widget", "repeat": "repeated paragraph or headline",
}
LIST_KINDS = {"related", "ticker"}
SECTION_LABEL = "a section label above the headline"
CHROME_KINDS = {"nav", "ad", "related", "ticker", "tags", "widget", "prompt", "appeal"}


@dataclass(eq=False)
class Unit:
    """One line (plain text) or block (HTML) of prose, with its features."""

    start: int
    end: int
    text: str
    kind: str | None = None
    why: str = ""
    words: int = 0
    prose: bool = False
    headline: bool = False
    link_density: float = 0.0
    hints: str = ""
    in_main: bool | None = None
    repeat_of: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Block:
    """A run of units that one finding covers."""

    kind: str
    start: int
    end: int
    units: list[Unit]

    def reason(self) -> str:
        whys = [u.why for u in self.units if u.why]
        return whys[0] if whys else ""


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _analysis(doc, cs: Cues | None = None) -> tuple[list[Unit], list[Block]]:
    cs = cs or default_cues()
    done = _CACHE.get(doc)
    if done is None:
        done = _CACHE[doc] = {}
    found = done.get(cs.key)
    if found is None:
        found = done[cs.key] = _analyse(doc, cs)
    return found


def blocks_of(doc, cs: Cues | None = None) -> list[Block]:
    """Return the boilerplate blocks of a document (computed once per cue set, shared by the BP rules)."""
    return _analysis(doc, cs)[1]


# ---- units and their features ------------------------------------------------------------------
def _units(doc, cs: Cues) -> tuple[list[Unit], list[str]]:
    """Return the non-blank lines as units, and each one's normalised text (see _norm)."""
    prose = doc.prose
    units = []
    keys = []
    # the document's tokens are this module's words wherever both kinds of \w agree
    tokens = doc.tokens if same_word_chars(prose) else None
    starts = tokens.starts if tokens is not None else None
    k = 0
    seen = _LINES if editing.get() else {}   # lines are remembered for an edited article only
    for ln in doc.lines:
        body = prose[ln.start:ln.end]
        known = seen.get((cs, body, tokens is None))
        if known is not None:   # a line seen before (a line's tokens are those of its text alone)
            lead, trail, words, is_prose, headline, key = known
            u = Unit(ln.start + lead, ln.end - trail, body[lead:len(body) - trail], words=words)
            u.prose, u.headline = is_prose, headline
            units.append(u)
            keys.append(key)
            continue
        if not body.strip():
            continue
        lead = len(body) - len(body.lstrip())
        trail = len(body) - len(body.rstrip())
        start, end = ln.start + lead, ln.end - trail
        text = prose[start:end]
        if tokens is not None:
            i = bisect_left(starts, start, k)
            k = bisect_left(starts, end, i)
            found = tokens.texts[i:k]
        else:
            found = _WORD.findall(text)
        words = len(found)
        u = Unit(start, end, text, words=words)
        u.prose = _is_prose(text, words)
        u.headline = _is_headline(text, found, cs)
        units.append(u)
        # _norm(text) from the words already found; lower() depends on context only for a final sigma
        keys.append(" ".join(found).lower() if "Σ" not in text else _norm(text))
        if len(seen) >= _CLASSIFIED_MAX:
            seen.clear()
        seen[(cs, body, tokens is None)] = (lead, trail, words, u.prose, u.headline, keys[-1])
    return units, keys


# Where stdlib re's \w (isalnum or "_", used for Document.tokens) and the regex module's \w
# (Alphabetic, marks, Nd, Pc, joiners) agree: both hold letters and decimal digits, neither holds these.
_SAME_WORD_CATEGORIES = frozenset("Lu Ll Lt Lm Lo Nd Zs Zl Zp Pd Ps Pe Pi Pf Po Sm Sc Sk Cc".split())


def same_word_chars(text: str) -> bool:
    """Tell whether both word-character definitions agree on every character of text."""
    if text.isascii():
        return True
    return all(unicodedata.category(c) in _SAME_WORD_CATEGORIES for c in set(text) if not c.isascii())


def _ends_sentence(text: str) -> bool:
    """Tell what _SENTENCE.search tells: a full stop, question or exclamation mark, or ellipsis, then closers."""
    if text.endswith("\n"):   # $ may match before a final line break: leave that to the pattern
        return _SENTENCE.search(text) is not None
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _is_prose(text: str, words: int) -> bool:
    if words >= 6 and _ends_sentence(text) and text.rstrip()[-1:] != "?" and text[:1].isupper():
        return True
    return words >= 8 and len(_PROSE_BREAK.findall(text)) >= 1


def _is_headline(text: str, found: list[str], cs: Cues) -> bool:
    """Tell whether a line reads like a linked headline: capitalised, 4-30 words, no full stop."""
    if not 4 <= len(found) <= 30:
        return False
    t = cs.head_prefix.sub("", text)
    if not t[:1] or not (t[0].isupper() or t[0].isdigit() or t[0] in "\"“‘'"):
        return False
    if t.rstrip()[-1:] in ".,;:" or _ends_sentence(t) and t.rstrip()[-1:] not in "?!\"”":
        return False
    if cs.credits.match(t):
        return False
    # dropping a lead-in from the first of four or more words leaves the last word as it was
    return found[-1].lower() not in _FUNCTION_END


def _classify(u: Unit, position: int, count: int, cs: Cues) -> None:
    """Give a unit its kind from cue phrases and its own shape (context comes later)."""
    t = u.text
    low = t.lower().strip()
    if u.words <= 40 and cs.related.match(t):
        rest = cs.related.sub("", t, count=1).strip()
        if (rest or u.words <= 4) and not _teaser_runs_on(t):
            u.kind, u.why = "related", "a 'read also' link"
            return
    if u.words <= 8 and cs.ad.match(t):   # an ad label is a whole line of six words at most
        u.kind, u.why = "ad", "an ad label"
        return
    if cs.widget.match(t):
        u.kind, u.why = "widget", "page widget text"
        return
    if u.words <= 60 and _may_prompt(t, low, cs) and cs.prompt.search(t) and not _mixed_with_prose(t, cs):
        u.kind, u.why = "prompt", "a cookie or newsletter prompt"
        return
    if u.words <= 25 and (cs.footer.match(t) or cs.rights.search(t)):
        u.kind, u.why = "nav", "the site footer"
        return
    if u.words <= 6 and _is_nav(t, cs):
        u.kind, u.why = "nav", "menu items"
        return
    if cs.appeal_start.match(t) and (u.words <= 12 or _appeal_score(t, cs) >= 3):
        u.kind, u.why = "appeal", "a donation or subscription appeal"
        u.extra["start"] = True
        return
    if u.words <= 6 and (cs.ticker_head.match(low) or cs.stamp.match(low)):   # whole lines of four words at most
        # a live blog stamps its entries too: a stamp counts only inside a list of headlines
        u.kind, u.why = "ticker", "a news-ticker heading or timestamp"
        u.extra["tentative"] = True
        return
    if not u.prose and u.words <= 30 and STAMP_LEAD.match(t):
        u.kind, u.why = "ticker", "a timestamped headline"
        u.extra["tentative"] = True
        return
    if _is_nav(t, cs):
        u.kind, u.why = "nav", "menu items"
        return
    if cs.caption.match(t) or (u.words <= 80 and cs.credit_tail.search(t)) or cs.credit_only.match(t.strip()):
        u.kind, u.why = "caption", "a photo caption or credit"
        return
    if u.words <= 16 and len(t) <= _LONGEST_BYLINE and cs.byline.match(t.strip()):
        u.kind, u.why = "byline", "a byline or dateline"
        return
    if cs.tags.match(t):
        u.kind, u.why = "tags", "a tag list"
        return
    _classify_more(u, t, low, position, count, cs)


def line_kind(text: str, cs: Cues | None = None) -> str | None:
    """Return the kind a line's cue phrases and shape give it on its own, before its neighbours are weighed."""
    cs = cs or default_cues()
    found = _WORD.findall(text)
    u = Unit(0, len(text), text, words=len(found))
    u.prose, u.headline = _is_prose(text, len(found)), _is_headline(text, found, cs)
    _classify(u, 0, 1, cs)
    return u.kind


def _mixed_with_prose(text: str, cs: Cues) -> bool:
    """Tell whether a prompt shares its line with sentences of the article: the run-in check takes it then."""
    from .runin_cues import sentence_spans

    pieces = [text[s:e] for s, e in sentence_spans(text)]
    return len(pieces) > 1 and any(len(p.split()) >= 4 and not _is_prompt(p, cs) for p in pieces)


def _is_prompt(text: str, cs: Cues | None = None) -> bool:
    cs = cs or default_cues()
    low = text.lower()
    return bool(_may_prompt(text, low, cs) and cs.prompt.search(text)
                or cs.paywall_words.search(low) and cs.paywall.search(text))


def _teaser_runs_on(text: str) -> bool:
    """Tell whether a 'Read also' teaser runs on into a sentence: the run-in check reports just the teaser."""
    from .runin_cues import runs_on

    return runs_on(text)


def _classify_more(u: Unit, t: str, low: str, position: int, count: int, cs: Cues) -> None:
    """Give a unit its kind from the wider cue families: controls, paywalls, crumbs, datelines, credits."""
    first = t[:1]
    if first.islower() or u.words > 45:
        return   # a wrapped line of running text
    if u.words <= 14 and _CRUMB_CHARS.search(t) and _breadcrumb(t, cs):   # » separates crumbs and quotes
        u.kind, u.why = "nav", "a breadcrumb trail"
    elif _QUOTES.search(t):
        return   # a quotation
    elif u.words <= 14 and cs.control.match(t):
        u.kind, u.why = "widget", "page widget text"
    elif u.words <= 40 and cs.paywall_words.search(low) and cs.paywall.search(t):
        u.kind, u.why = "prompt", "a paywall, newsletter or consent prompt"
    elif u.words <= 20 and not u.prose and _DATEISH.search(t) and _dated(t, cs):
        u.kind, u.why = "byline", "a publication date line"
    elif u.words <= 12 and cs.trust_line.match(t):
        u.kind, u.why = "nav", "the site's standards link"
    elif u.words <= 6 and cs.bio_head.match(t):
        u.kind, u.why = "byline", "an author bio"
        u.extra["bio"] = True
    elif u.words <= 45 and position >= count - 3 and cs.bio.match(t):
        u.kind, u.why = "byline", "an author bio"
    elif u.words <= 50 and cs.photo_tail.search(t):
        u.kind, u.why = "caption", "a photo caption or credit"
    elif u.words <= 9 and cs.bare_byline.match(t):
        u.kind, u.why = "byline", "a byline"
        u.extra["tentative_byline"] = True


def _breadcrumb(text: str, cs: Cues) -> bool:
    """Tell whether a line is a breadcrumb trail: Home > Section > Subsection."""
    if cs.breadcrumb_home.match(text):
        return True
    parts = _CRUMB_SEP.split(text.strip())
    if len(parts) < 3 or "/" in text and not any(c in text for c in "›>»→≫"):
        return False
    return all(0 < len(p.split()) <= 3 and p[:1].isupper() and not p.rstrip()[-1:] in ".!?" for p in parts)


def _dated(text: str, cs: Cues) -> bool:
    """Tell whether a line holds only a date label, dates and times, and a place name at most."""
    dates = DATE_PIECE.findall(text)
    if not dates:
        return False
    label = cs.date_label.search(text) is not None
    rest = cs.date_filler.sub(" ", cs.date_label.sub(" ", DATE_PIECE.sub(" ", text))).split()
    if label:
        return len(rest) <= 2
    return len(dates) >= 2 and len(rest) <= 2 and all(w[:1].isupper() for w in rest)


# Every prompt phrase holds one of its prefilter words; the lower-cased line is searched for them first.
# Lower-casing agrees with the pattern's case-blind match except for the few letters below.
_FOLDS_TO_ASCII = stdre.compile("[\u212a\u017f\u0130\u0131]")   # Kelvin sign, long s, dotted and dotless i


def _may_prompt(text: str, low: str, cs: Cues) -> bool:
    return any(w in low for w in cs.prompt_words) or _FOLDS_TO_ASCII.search(text) is not None


def _is_nav(text: str, cs: Cues) -> bool:
    # A menu line is nothing but items and separators, so one ASCII word that is no item's word
    # rules it out before the (slow, case-blind) item search. Other scripts go to the search.
    for m in _NAV_PIECES.finditer(text):
        piece = m.group()
        if piece.isascii() and piece.lower() not in cs.nav_words:
            return False
    hits = cs.nav.findall(text)
    if not hits:
        return False
    rest = cs.nav.sub("", text)
    if rest.strip(" \t|•·/-–—>»"):
        return False
    return len(hits) >= 2 or (hits and len(hits[0].split()) >= 2 and hits[0].lower() not in ("latest news",))


def _appeal_score(text: str, cs: Cues) -> int:
    return len(cs.appeal_words.findall(text))


# ---- the analysis -----------------------------------------------------------------------------
# A line's unit features (_units), by its text: an edited article's unchanged lines are not read again.
_LINES: dict[tuple, tuple] = {}


# What _classify gave a line, by what it reads of the unit: its text, words, whether it reads as
# prose, whether it is among the last three units (cs.bio) and the cue set. An edited article is
# analysed again and again; its unchanged lines are not classified again. Cleared when full.
_CLASSIFIED: dict[tuple, tuple[str | None, str, dict]] = {}
_CLASSIFIED_MAX = 4_096   # lines: an edited article of 2,000 words has about 150


def _classify_known(u: Unit, position: int, count: int, cs: Cues) -> None:
    """_classify, remembered for lines seen before (a unit with extras of its own is classified afresh)."""
    if u.extra or not editing.get():
        _classify(u, position, count, cs)
        return
    key = (cs, u.text, u.words, u.prose, position >= count - 3)
    known = _CLASSIFIED.get(key)
    if known is None:
        _classify(u, position, count, cs)
        if len(_CLASSIFIED) >= _CLASSIFIED_MAX:
            _CLASSIFIED.clear()
        _CLASSIFIED[key] = (u.kind, u.why, dict(u.extra))
    else:
        u.kind, u.why = known[0], known[1]
        if known[2]:
            u.extra.update(known[2])


def _analyse(doc, cs: Cues) -> tuple[list[Unit], list[Block]]:
    units, keys = _units(doc, cs)
    if not units:
        return [], []
    _html_features(doc, units)
    n = len(units)
    for i, u in enumerate(units):
        _classify_known(u, i, n, cs)
    _repeats(units, keys, doc.path)
    prose_idx = [i for i, u in enumerate(units) if u.prose and u.kind is None]
    first = prose_idx[0] if prose_idx else n
    last = prose_idx[-1] if prose_idx else -1
    _extend_appeals(units, cs)
    _confirm_bylines(units, first)
    _link_lists(units, first, last)
    for u in units:
        if u.extra.pop("tentative", False):
            u.kind, u.why = None, ""
    _weak_units(units, first, last, cs)
    return units, _group(units)


def _confirm_bylines(units: list[Unit], first: int) -> None:
    """Keep a bare 'By Name' line beside a date line only (alone it is a printed byline); grow a bio over its text."""
    for i, u in enumerate(units):
        if u.extra.pop("bio", False) and i + 1 < len(units) and units[i + 1].kind is None \
                and units[i + 1].words <= 60:
            units[i + 1].kind, units[i + 1].why = "byline", "an author bio"
        if not u.extra.pop("tentative_byline", False):
            continue
        beside = any(0 <= j < len(units) and units[j].kind == "byline" and j != i for j in (i - 1, i + 1))
        if not beside:
            u.kind, u.why = None, ""


def _html_features(doc, units: list[Unit]) -> None:
    """Add link density, structural hints and trafilatura's verdict to HTML units."""
    if doc.kind != "html":
        return
    from .. import markup

    markup.annotate_units(doc, units)


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _repeats(units: list[Unit], keys: list[str], path: str | None = None) -> None:
    """Mark later copies of a paragraph or headline, exact or nearly so (keys: each unit's _norm)."""
    seen: dict[str, int] = {}
    for i, (u, key) in enumerate(zip(units, keys)):
        if u.words < 5:
            continue
        if key in seen:
            _mark_repeat(u, seen[key])
            continue
        seen[key] = i
    from rapidfuzz import fuzz, process

    long = [i for i, u in enumerate(units) if u.repeat_of is None and u.words >= 8]
    if len(long) < 2:
        return
    choices = [keys[i] for i in long]
    digits = [_digits(c) for c in choices]
    similar = _similar(choices, path)
    for a, i in enumerate(long):
        if units[i].repeat_of is not None:
            continue
        row = similar[a]
        if len(row) > 4:   # the search keeps only the best four: ask it which, as it always did
            row = [b for _c, _s, b in process.extract(keys[i], choices, scorer=fuzz.ratio, score_cutoff=90, limit=4)]
        near = [long[b] for b in row if b != a and digits[b] == digits[a]]
        # one copy is a scraping slip; a family of look-alike lines is the article's own pattern
        if len(near) == 1 and near[0] < i:
            _mark_repeat(units[i], near[0])


# The similar pairs among the long lines of the articles last analysed, by path: an edited article
# scores only the pairs its edited lines are in. The pairs' scores do not depend on the article.
_SIMILAR: dict[str, dict[str, set[str]]] = {}


def _similar(choices: list[str], path: str | None = None) -> list[list[int]]:
    """For each line, itself and the lines whose fuzz.ratio with it reaches 90."""
    from rapidfuzz import fuzz

    # Every pair scored once (the ratio is symmetric); a pair whose lengths differ by more than a
    # tenth of their sum cannot reach 90, since the distance is at least that difference.
    def alike(a: str, b: str) -> bool:
        return abs(len(a) - len(b)) * 10 <= len(a) + len(b) and bool(fuzz.ratio(a, b, score_cutoff=90))

    present = set(choices)
    if len(present) != len(choices):   # the same line twice: by place, not by text
        similar: list[list[int]] = [[a] for a in range(len(choices))]   # a line always matches itself
        for a in range(len(choices)):
            for b in range(a + 1, len(choices)):
                if alike(choices[a], choices[b]):
                    similar[a].append(b)
                    similar[b].append(a)
        return similar
    known = _SIMILAR.get(path, {}) if path is not None else {}
    pairs = {c: known[c] & present if c in known else set() for c in choices}
    new = [c for c in choices if c not in known]
    old = [c for c in choices if c in known]
    for a, x in enumerate(new):   # each pair with a new line once: with the old lines, then the later new ones
        for y in old + new[a + 1:]:
            if alike(x, y):
                pairs[x].add(y)
                pairs[y].add(x)
    if path is not None:
        if len(_SIMILAR) >= 8 and path not in _SIMILAR:
            _SIMILAR.pop(next(iter(_SIMILAR)))
        _SIMILAR[path] = pairs
    at = {c: a for a, c in enumerate(choices)}
    return [[a] + sorted(at[y] for y in pairs[x]) for a, x in enumerate(choices)]


def _digits(key: str) -> list[str]:
    return sorted(_DIGITS.findall(key))


def _mark_repeat(u: Unit, j: int) -> None:
    u.repeat_of = j
    if u.kind not in CHROME_KINDS:
        u.kind, u.why = "repeat", "a copy of an earlier paragraph"


def _extend_appeals(units: list[Unit], cs: Cues) -> None:
    """Grow an appeal from its opening line over the paragraphs that keep addressing the reader."""
    i = 0
    while i < len(units):
        u = units[i]
        if u.kind != "appeal" or not u.extra.get("start"):
            i += 1
            continue
        j = i + 1
        while j < len(units):
            v = units[j]
            if v.kind == "appeal" or (v.kind == "widget" and cs.dismiss.match(v.text)):
                v.kind = "appeal"
                j += 1
                continue
            if v.kind is None and _appeal_like(v, cs):
                v.kind, v.why = "appeal", "a donation or subscription appeal"
                j += 1
                continue
            break
        i = j


def _appeal_like(u: Unit, cs: Cues) -> bool:
    words = max(1, u.words)
    score = _appeal_score(u.text, cs)
    you = len(cs.you.findall(u.text))
    return you >= 1 and (score >= 3 or score / words >= 0.12 or u.words <= 4)


def _link_lists(units: list[Unit], first: int, last: int) -> None:
    """Find runs of linked headlines (related lists, tickers) outside the article body."""
    n = len(units)
    i = 0
    while i < n:
        if not _list_item(units[i]):
            i += 1
            continue
        j = i
        while j < n and (_list_item(units[j]) or _label(units[j])):
            j += 1
        run = units[i:j]
        heads = sum(1 for u in run if u.kind in (None, "repeat") and u.headline)
        cued = sum(1 for u in run if u.kind in LIST_KINDS)
        linked = sum(1 for u in run if u.link_density >= 0.5)
        judged = [u.in_main for u in run if u.in_main is not None]
        off_main = bool(judged) and not any(judged)      # trafilatura kept none of it
        strong = cued or linked >= 2 or off_main
        # after the body, a list that follows other furniture or runs long is the site's
        after = i > last and (heads >= 5 or (i and units[i - 1].kind in CHROME_KINDS
                                             and not units[i - 1].extra.get("tentative")))
        # above the body a title, a deck and a subhead look like a list: ask for links or cues there
        if heads + cued >= 3 and (strong or after) or (heads >= 2 and (linked >= 2 or cued)):
            stamps = sum(1 for u in run if u.kind == "ticker")
            current = "related"
            for u in run:
                if u.kind == "ticker" and stamps >= 2:
                    current = "ticker"
                u.extra.pop("tentative", None)
                if u.kind in (None, "nav", "repeat"):
                    u.kind = current
                    u.why = "a list of linked headlines"
        i = max(j, i + 1)


def _list_item(u: Unit) -> bool:
    return (u.kind in (None, "repeat") and u.headline and not u.prose) or u.kind in LIST_KINDS


def _label(u: Unit) -> bool:
    """Tell whether a unit is a short section label that can sit inside a link list."""
    return (u.kind in (None, "nav") and 1 <= u.words <= 3 and not _ends_sentence(u.text)
            and u.text[:1].isupper())


def _weak_units(units: list[Unit], first: int, last: int, cs: Cues) -> None:
    """Label short units that are furniture only beside other furniture or outside the body."""
    n = len(units)
    for i, u in enumerate(units):
        if u.kind is not None:
            continue
        prev = units[i - 1].kind if i else None
        nxt = units[i + 1].kind if i + 1 < n else None
        beside = prev in CHROME_KINDS or nxt in CHROME_KINDS
        outside = i < first or i > last
        hinted = _hint_kind(u, cs) if u.hints and u.in_main is not True else None
        if hinted and (not u.prose or hinted == "caption"):
            u.kind, u.why = hinted, "page structure outside the article text"
        elif u.words <= 4 and _other_script(u.text) and (beside or outside) and n > 2:
            u.kind, u.why = "nav", "a menu entry in another script"
        elif GLUED_TAGS.match(u.text.strip()) and (beside or i > last):
            u.kind, u.why = "tags", "tags glued together"
        elif u.link_density >= 0.8 and u.words <= 8 and outside and u.in_main is not True:
            u.kind, u.why = "nav", "a link outside the article"
        elif i == 0 and n > 2 and u.words <= 2 and not _ends_sentence(u.text) and units[1].headline \
                and not units[1].prose and u.text[:1].isupper() and first > 1:
            u.kind, u.why = "nav", SECTION_LABEL
        elif _label(u) and beside and (outside or u.in_main is False) and not _is_heading_of_next(units, i):
            u.kind, u.why = (prev if prev in CHROME_KINDS else nxt), "a label among page furniture"


_PAGE_PARTS = {"footer", "aside"}   # a header element often holds the headline, deck and byline


def _hint_kind(u: Unit, cs: Cues) -> str | None:
    """Read the page structure around an HTML unit: the nearest telling class, id or tag wins.

    A bare footer or aside element counts only when trafilatura left the unit out of the article
    too; header elements are not read at all, since sites put the headline, deck and byline there.
    """
    tokens = u.hints.split()
    if not tokens or tokens[-1] in ("h1", "title"):
        return None
    in_article = False
    found = None
    for tok in tokens:
        if tok in ("article", "main"):
            in_article = True
        if tok in _PAGE_PARTS and not in_article:
            if u.in_main is False:
                found = "nav" if tok != "aside" else "related"
            continue
        for kind, pattern in cs.hint_kinds:
            if pattern.match(tok):
                found = kind
                break
    return found


def _other_script(text: str) -> bool:
    """Tell whether a short unit is written wholly outside the Latin script (a menu in another language)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any("LATIN" in _char_name(c) for c in letters)


def _char_name(c: str) -> str:
    return unicodedata.name(c, "")


def _is_heading_of_next(units: list[Unit], i: int) -> bool:
    return i + 1 < len(units) and units[i + 1].prose and units[i + 1].kind is None


def _group(units: list[Unit]) -> list[Block]:
    blocks: list[Block] = []
    for i, u in enumerate(units):
        if u.kind is None:
            continue
        if blocks and i and blocks[-1].units[-1] is units[i - 1] and _same_block(blocks[-1].kind, u.kind):
            b = blocks[-1]
            b.units.append(u)
            b.end = u.end
            continue
        blocks.append(Block(u.kind, u.start, u.end, [u]))
    return blocks


def _same_block(a: str, b: str) -> bool:
    return a == b


def _dominant(units: list[Unit]) -> str:
    counts: dict[str, int] = {}
    for u in units:
        counts[u.kind] = counts.get(u.kind, 0) + 1
    return max(counts, key=lambda k: (counts[k], k == "related"))


# ---- the registered checks --------------------------------------------------------------------
@dataclass(frozen=True)
class BlockOptions:
    """The options of a rule of check boilerplate:blocks."""

    kinds: tuple[str, ...] = ()      # the kinds of block the rule reports (keys of KIND_LABEL)
    cues: tuple[str, ...] = ()       # the list files of the rule's cue families, read beside the rule

    def __post_init__(self):
        for kind in self.kinds:
            if kind not in KIND_LABEL:
                raise ValueError(f"kinds: no kind {kind!r} (the kinds are {', '.join(KIND_LABEL)})")
        for name in self.cues:
            if "/" in name or not (pack_dir() / name).is_file():
                raise ValueError(f"cues: {name} names no cue family (a family is a list file of the boilerplate "
                                 f"pack, given by its name)")


@register("blocks")
class BoilerplateBlocks(PyCheck):
    """Report each boilerplate block of the kinds a rule names, with deletion as the fix."""

    Options = BlockOptions

    def __init__(self, rule, options: BlockOptions):
        super().__init__(rule, options)
        self.kinds = frozenset(options.kinds)
        self.cues = cues_named(options.cues, rule.path.parent)   # read once, at load: a missing file stops here

    def check(self, doc):
        kinds = self.kinds
        for b in blocks_of(doc, self.cues):
            if b.kind not in kinds:
                continue
            lines = len(b.units)
            what = KIND_LABEL[b.kind]
            size = f" ({lines} lines)" if lines > 1 else ""
            why = b.reason()
            if b.kind == "repeat" and b.units[0].repeat_of is not None:
                orig = _analysis(doc, self.cues)[0][b.units[0].repeat_of]
                why = f"line {doc.line_col(doc.to_source(orig.start, orig.end)[0])[0]}"
            label = all(u.why == SECTION_LABEL for u in b.units)   # a kicker costs less than a menu
            yield self.rule.finding(b.start, b.end, doc.prose[b.start:b.end], [_deletion(doc, b.start, b.end)],
                                    values={"what": what, "size": size, "why": why},
                                    severity="minor" if label else None,
                                    data={"kind": b.kind, "lines": lines})


def _deletion(doc, start: int, end: int) -> str:
    """Return what deletes a block: nothing, or in HTML the tags that keep the page well formed."""
    if doc.kind != "html":
        return ""
    from ..markup import markup_left_after_deleting

    s, e = doc.to_source(start, end)
    return markup_left_after_deleting(doc.text[s:e])


ALSO_IN_LISTED = 10   # other articles named in a shared-template finding; all are counted


@dataclass(frozen=True)
class SharedChromeOptions:
    """The options of a rule of check boilerplate:shared-chrome."""

    min_documents: int = 2    # articles a line must recur in, word for word, to be the site's template


@register("shared-chrome")
class SharedChrome(PyCheck):
    """Report lines that recur, word for word, in several articles of the corpus: the site's template."""

    Options = SharedChromeOptions
    min_documents = 2   # the reduce compares articles

    def summary(self, doc) -> "_Lines":
        """Return the article's candidate template lines: place, hashed words, prose and quote flags, span."""
        lines = _Lines()
        for j, u in enumerate(_analysis(doc)[0]):
            key = _norm(u.text) if u.kind is None and u.words >= 2 else ""
            if key:
                lines.add(j, _hashed(key), u.prose, any(q in u.text for q in "\"“”«»"), u.start, u.end)
        return lines

    def reduce(self, parts, docs, ctx):
        min_docs = self.options.min_documents
        # the articles of each line found in two or more: most lines are an article's own, and a set
        # an article for each of those would grow the main process by kilobytes an article
        from collections import Counter

        found: Counter = Counter()
        for lines in parts:
            found.update(set(lines.keys))
        least = min(2, min_docs)
        recurring = {k for k, n in found.items() if n >= least}
        del found
        where: dict[int, set[int]] = {}
        for i, lines in enumerate(parts):
            for k in recurring.intersection(lines.keys):
                where.setdefault(k, set()).add(i)
        shared = {k: v for k, v in where.items() if len(v) >= min_docs}
        del where
        if not shared:
            return
        # a republished article shares most of its sentences: that is a duplicate, not a template
        # (of an article's prose lines, only those another article has are kept; sizes counts them all)
        prose_keys, sizes = [], []
        for lines in parts:
            prose = {k for k, flag in zip(lines.keys, lines.flags) if flag & 1}
            sizes.append(len(prose))
            prose_keys.append(prose & recurring)
        del recurring
        template = _template_pairs(parts, shared, prose_keys, sizes)
        report = ctx.corpus.setdefault("boilerplate", {}).setdefault("shared_lines", [])
        for i, lines in enumerate(parts):
            mates = template.get(i)
            if not mates:
                continue
            marked = []
            for j, k, flag, start, end in zip(lines.places, lines.keys, lines.flags, lines.starts, lines.ends):
                others = shared.get(k, set()) & mates
                if others and not flag:   # neither prose nor quoted
                    marked.append((j, (start, end), others))
            doc = docs[i]
            for run in _runs(marked):
                first, last = run[0][1][0], run[-1][1][1]
                others = sorted(set().union(*(o for _, _, o in run)))
                text = doc.prose[first:last]
                # a site template recurs in every article: name a few, count the rest, or the
                # report would grow with the square of the corpus
                where = {"also_in": [docs[o].path for o in others[:ALSO_IN_LISTED]], "also_in_count": len(others)}
                report.append({"document": doc.path, "text": text[:200], **where})
                size = f" ({len(run)} lines)" if len(run) > 1 else ""
                yield i, self.rule.finding(first, last, text, [_deletion(doc, first, last)],
                                           values={"n": str(len(others)), "size": size}, data=where)


def _template_pairs(parts, shared: dict[int, set[int]], prose_keys: list[set[int]],
                    sizes: list[int]) -> dict[int, set[int]]:
    """Pair the articles that share two or more non-prose lines and not most of their prose.

    prose_keys[a]: article a's prose lines that other articles have too; sizes[a]: its prose lines.

    Lines shared by the articles a site publishes make the pairs quadratic in their number: they
    are counted one article at a time, with Counter.update over sorted lists (in C), and never
    kept all at once.
    """
    from bisect import bisect_right
    from collections import Counter

    members = {k: sorted(v) for k, v in shared.items()}
    in_prose: dict[int, list[int]] = {}
    for i, keys in enumerate(prose_keys):
        for k in keys:
            in_prose.setdefault(k, []).append(i)   # in article order: sorted
    in_prose = {k: v for k, v in in_prose.items() if len(v) > 1}
    template: dict[int, set[int]] = {}
    for a, lines in enumerate(parts):
        later: Counter = Counter()   # b > a -> lines a shares with b that are not prose in a
        for k in set(lines.keys):
            if k in members and k not in prose_keys[a]:
                ds = members[k]
                later.update(ds[bisect_right(ds, a):])
        if not later:
            continue
        same: Counter = Counter()    # b > a -> prose lines a and b share
        for k in prose_keys[a]:
            ds = in_prose.get(k)
            if ds:
                same.update(ds[bisect_right(ds, a):])
        own = sizes[a]
        mates = [b for b, count in later.items()
                 if count >= 2 and same.get(b, 0) <= 0.5 * (min(own, sizes[b]) or 1)]
        if mates:
            template.setdefault(a, set()).update(mates)
            for b in mates:
                template.setdefault(b, set()).add(a)
    return template


class _Lines:
    """An article's candidate template lines in flat arrays (a few bytes a line, cheap to send)."""

    __slots__ = ("places", "keys", "flags", "starts", "ends")

    def __init__(self):
        from array import array

        self.places, self.keys, self.starts, self.ends = array("l"), array("q"), array("l"), array("l")
        self.flags = bytearray()   # 1: a prose line, 2: holds a quotation mark

    def add(self, place: int, key: int, prose: bool, quoted: bool, start: int, end: int) -> None:
        self.places.append(place)
        self.keys.append(key)
        self.flags.append((1 if prose else 0) | (2 if quoted else 0))
        self.starts.append(start)
        self.ends.append(end)

    def __getstate__(self):
        return self.places, self.keys, self.flags, self.starts, self.ends

    def __setstate__(self, state):
        self.places, self.keys, self.flags, self.starts, self.ends = state


def _hashed(key: str) -> int:
    """Return a 64-bit digest of a line's words, the same in every process (unlike hash())."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def _runs(marked):
    """Group (index, unit, others) triples whose indexes follow each other."""
    run: list = []
    for item in marked:
        if run and item[0] != run[-1][0] + 1:
            yield run
            run = []
        run.append(item)
    if run:
        yield run
