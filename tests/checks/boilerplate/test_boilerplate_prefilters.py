"""The boilerplate pre-filters give the answers of the full patterns they stand in front of."""
from __future__ import annotations

import re as stdre
import sys
import unicodedata

import regex

from auditor.documents import Document
from auditor.pychecks import boilerplate as bp

LINES = [
    "Home | News | Politics | Sport", "HOME  •  WORLD  •  BUSINESS", "Skip to main content",
    "Latest news", "Log In / Sign Up", "EN | RU | UA", "Укр Рус Eng", "English - Français - Deutsch",
    "Home\u00a0News", "Home, News", "Home-News", ">Home", "Home >> World >> Europe", "SEARCH",
    "The minister said on Monday that talks would resume.", "In the news", "News of the world",
    "\u212aontakte | Home", "Ho\u017fe | Home", "Home | \u0130nfo", "We use cookies to improve your visit.",
    "We u\u017fe cookies", "This website uses COOKIES", "Cookie settings", "Manage preferences",
    "Sign up for our daily newsletter", "Get the latest headlines delivered to your inbox",
    "Enter your e-mail address", "Newsletter sign-up", "By continuing to browse you agree",
    "© 2024 Example Media", "(c) 2023 News Corp", "Copyright © 2022 Daily", "All rights reserved.",
    "Example Ltd. ALL RIGHTS RESERVED", "Privacy Policy | Terms of Use | Contact", "rights reserved",
    "a\u017fll rights reserved", "Terms of service • Cookies", "   ",
]


def _old_is_nav(text: str) -> bool:
    hits = bp.NAV.findall(text)
    if not hits:
        return False
    if bp.NAV.sub("", text).strip(" \t|•·/-–—>»"):
        return False
    return len(hits) >= 2 or (hits and len(hits[0].split()) >= 2 and hits[0].lower() not in ("latest news",))


OLD_FOOTER = regex.compile(bp.FOOTER.pattern + r"|\ball rights reserved\b", regex.IGNORECASE)


def test_menu_test_agrees_with_the_item_search():
    for line in LINES:
        assert bp._is_nav(line) == _old_is_nav(line), line


def test_prompt_words_gate_never_hides_a_prompt():
    for line in LINES:
        assert bool(bp._may_prompt(line, line.lower().strip()) and bp.PROMPT.search(line)) \
            == bool(bp.PROMPT.search(line)), line


def test_footer_split_matches_the_combined_pattern():
    for line in LINES:
        assert bool(bp.FOOTER.match(line) or bp.RIGHTS.search(line)) == bool(OLD_FOOTER.search(line)), line


def test_both_word_definitions_agree_on_the_categories_said_to_be_safe():
    ours, theirs = regex.compile(r"\w"), stdre.compile(r"\w")
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if unicodedata.category(c) in bp._SAME_WORD_CATEGORIES:
            assert (ours.match(c) is None) == (theirs.match(c) is None), hex(cp)


def test_units_count_words_as_the_regex_does_whatever_the_script():
    texts = [
        "Plain ASCII line with five words\nAnother line here.",
        "Cafe\u0301 society’s “new” leaders met on Monday in Zürich.\n\nΟΔΟΣ.Α and ΑΣ.Β here",
        "Emoji 👨\u200d👩\u200d👧 family and x\u00b2 squared, ½ cup\n  indented line  \n",
        "Ⓐ circled and snake\u203fcase joined\nКиїв — столиця України.",
    ]
    for text in texts:
        doc = Document.from_text(text)
        units, keys = bp._units(doc)
        assert units
        for u, key in zip(units, keys):
            assert u.words == len(bp._WORD.findall(u.text)), u.text
            assert key == bp._norm(u.text), u.text


def _old_repeats(units, keys):
    from rapidfuzz import fuzz, process

    seen = {}
    for i, (u, key) in enumerate(zip(units, keys)):
        if u.words < 5:
            continue
        if key in seen:
            bp._mark_repeat(u, seen[key])
            continue
        seen[key] = i
    long = [i for i, u in enumerate(units) if u.repeat_of is None and u.words >= 8]
    if len(long) < 2:
        return
    choices = [keys[i] for i in long]
    digits = [bp._digits(c) for c in choices]
    for a, i in enumerate(long):
        if units[i].repeat_of is not None:
            continue
        hits = process.extract(keys[i], choices, scorer=fuzz.ratio, score_cutoff=90, limit=4)
        near = [long[b] for _c, _s, b in hits if b != a and digits[b] == digits[a]]
        if len(near) == 1 and near[0] < i:
            bp._mark_repeat(units[i], near[0])


def test_near_copies_are_the_ones_the_search_found():
    base = "The minister said on Monday that the talks with the unions would resume next week in Paris"
    lines = [base, base.replace("Monday", "Sunday"), "A different paragraph about the weather in the mountains today",
             base + " again", base.replace("Paris", "Lyon"), base.replace("talks", "talk"), base.replace("week", "month"),
             base.replace("unions", "union"), "Short line here", base.replace("next", "the next"),
             "Prices rose 5 percent in 2023 while wages rose only 3 percent in the same period, officials said",
             "Prices rose 6 percent in 2023 while wages rose only 3 percent in the same period, officials said",
             "Prices rose 5 percent in 2023 while wages rose only 3 percent in the same period, officials say"]
    for count in range(2, len(lines) + 1):
        text = "\n\n".join(lines[:count])
        for reorder in (text, "\n\n".join(reversed(lines[:count]))):
            doc = Document.from_text(reorder)
            new_units, keys = bp._units(doc)
            old_units, _ = bp._units(doc)
            bp._repeats(new_units, keys)
            _old_repeats(old_units, keys)
            assert [(u.repeat_of, u.kind) for u in new_units] == [(u.repeat_of, u.kind) for u in old_units]


def test_sentence_end_test_agrees_with_the_pattern():
    for text in ["Done.", "Done.”", "Done.\")]", "Done?’", "Done…", "Done", "", ".", "”", "Done.\n", "a.\n\n",
                 "Done!)x", "Wait —", "etc.]]", "Q?\"", "(See above.)"]:
        assert bp._ends_sentence(text) == (bp._SENTENCE.search(text) is not None), text


def test_whole_line_labels_are_short_enough_for_their_word_bounds():
    ads = ["Story continues below this advertisement", "Scroll down to continue with content", "— ADVERTISEMENT",
           "Публікація на правах реклами", "Continue reading the main story", "Sponsored links:"]
    ticks = ["à la une", "Latest updates", "dernières nouvelles", "12:30 p.m.", "12h30 pm", "5 minutes ago",
             "последние новости", "yesterday"]
    for line in ads:
        assert bp.AD.match(line) and len(bp._WORD.findall(line)) <= 8, line
    for line in ticks:
        low = line.lower()
        assert (bp.TICKER_HEAD.match(low) or bp.STAMP.match(low)) and len(bp._WORD.findall(line)) <= 6, line
