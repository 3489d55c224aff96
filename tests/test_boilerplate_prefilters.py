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
