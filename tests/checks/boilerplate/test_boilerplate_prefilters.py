"""The boilerplate pre-filters give the answers of the full patterns they stand in front of."""
from __future__ import annotations

import re as stdre
import sys
import unicodedata

import regex

from auditor.documents import Document
from auditor.pychecks import boilerplate as bp

CS = bp.default_cues()
# line -> (a menu line, a cookie or newsletter prompt, a site footer), as the full patterns behind the
# fast gates judge it: the gates must give the same answers
LINES = [
    ("Home | News | Politics | Sport", True, False, False), ("HOME  •  WORLD  •  BUSINESS", True, False, False),
    ("Skip to main content", True, False, False), ("Latest news", False, False, False),
    ("Log In / Sign Up", True, False, False), ("EN | RU | UA", True, False, False),
    ("Укр Рус Eng", True, False, False), ("English - Français - Deutsch", True, False, False),
    ("Home\u00a0News", False, False, False), ("Home, News", False, False, False), ("Home-News", False, False, False),
    (">Home", False, False, False), ("Home >> World >> Europe", False, False, False), ("SEARCH", False, False, False),
    ("The minister said on Monday that talks would resume.", False, False, False),
    ("In the news", False, False, False), ("News of the world", False, False, False),
    # letters that lower() and a case-blind match fold differently: Kelvin sign, long s, dotted I
    ("\u212aontakte | Home", False, False, False), ("Ho\u017fe | Home", False, False, False),
    ("Home | \u0130nfo", False, False, False),
    ("We use cookies to improve your visit.", False, True, False), ("We u\u017fe cookies", False, True, False),
    ("This website uses COOKIES", False, True, False), ("Cookie settings", False, True, False),
    ("Manage preferences", False, True, False), ("Sign up for our daily newsletter", False, True, False),
    ("Get the latest headlines delivered to your inbox", False, True, False),
    ("Enter your e-mail address", False, True, False), ("Newsletter sign-up", False, True, False),
    ("By continuing to browse you agree", False, True, False),
    ("© 2024 Example Media", False, False, True), ("(c) 2023 News Corp", False, False, True),
    ("Copyright © 2022 Daily", False, False, True), ("All rights reserved.", False, False, True),
    ("Example Ltd. ALL RIGHTS RESERVED", False, False, True),
    ("Privacy Policy | Terms of Use | Contact", False, False, True), ("rights reserved", False, False, False),
    ("a\u017fll rights reserved", False, False, False), ("Terms of service • Cookies", False, False, True),
    ("   ", False, False, False),
]


def test_menu_test_gives_the_item_search_answer():
    for line, menu, _prompt, _footer in LINES:
        assert bp._is_nav(line, CS) == menu, line


def test_prompt_words_gate_never_hides_a_prompt():
    for line, _menu, prompt, _footer in LINES:
        assert bool(CS.prompt.search(line)) == prompt, line
        assert bool(bp._may_prompt(line, line.lower().strip(), CS) and CS.prompt.search(line)) == prompt, line


def test_footer_start_and_rights_phrase_find_every_footer():
    for line, _menu, _prompt, footer in LINES:
        assert bool(CS.footer.match(line) or CS.rights.search(line)) == footer, line


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
        units, keys = bp._units(doc, CS)
        assert units
        for u, key in zip(units, keys):
            assert u.words == len(bp._WORD.findall(u.text)), u.text
            assert key == bp._norm(u.text), u.text


_TALKS = "The minister said on Monday that the talks with the unions would resume next week in Paris"
_PRICES = "Prices rose 5 percent in 2023 while wages rose only 3 percent in the same period, officials said"
# articles as (line, the earlier line it copies or None): one near copy is a scraping slip; a family of
# look-alike lines is the article's own pattern; lines whose figures differ are no copies
REPEAT_CASES = [
    [(_TALKS, None), (_TALKS.replace("Monday", "Sunday"), 0)],
    [(_TALKS, None), (_TALKS.replace("Monday", "Sunday"), 0),
     ("A different paragraph about the weather in the mountains today", None)],
    [("A different paragraph about the weather in the mountains today", None), (_TALKS, None),
     (_TALKS.replace("Monday", "Sunday"), 1)],
    [(_TALKS, None), (_TALKS.replace("Monday", "Sunday"), None), (_TALKS + " again", None),
     (_TALKS.replace("Paris", "Lyon"), None)],
    [(_PRICES, None), (_PRICES.replace("5", "6"), None), (_PRICES.replace("said", "say"), 0)],
    [(_TALKS.replace("Monday", "Sunday"), None), (_PRICES, None), ("Short line here", None), (_PRICES, 1),
     (_TALKS.replace("next", "the next"), 0)],
    # more than four look-alikes: the search keeps the best four, and none is a lone copy
    [(_TALKS, None)] + [(_TALKS.replace(a, b), None) for a, b in
                        [("Monday", "Sunday"), ("Paris", "Lyon"), ("talks", "talk"), ("week", "month"),
                         ("unions", "union"), ("next", "the next")]]
    + [(_PRICES, None), (_PRICES.replace("5", "6"), None), (_PRICES.replace("said", "say"), 7)],
]


def test_near_copies_are_the_ones_the_search_finds():
    for case in REPEAT_CASES:
        for lines in (case, [(text, None) for text, _ in reversed(case)]):
            doc = Document.from_text("\n\n".join(text for text, _ in lines))
            units, keys = bp._units(doc, CS)
            bp._repeats(units, keys)
            got = [u.repeat_of for u in units]
            if lines is case:
                assert got == [copy for _, copy in case], case
            else:   # read backwards, the same lines pair up, the later of each pair being the copy
                n = len(case)
                pairs = {frozenset((n - 1 - i, n - 1 - j)) for i, j in enumerate(got) if j is not None}
                assert pairs == {frozenset((i, j)) for i, (_, j) in enumerate(case) if j is not None}, case


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
        assert CS.ad.match(line) and len(bp._WORD.findall(line)) <= 8, line
    for line in ticks:
        low = line.lower()
        assert (CS.ticker_head.match(low) or CS.stamp.match(low)) and len(bp._WORD.findall(line)) <= 6, line
