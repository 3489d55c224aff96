"""The English tagger, the grammar check type, and the grammar pack on sentences no rule was written from."""
from __future__ import annotations

import textwrap
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import tagger
from auditor.checks.grammar import GrammarCheck, match_at
from auditor.documents import Document
from auditor.errors import RulePackError
from auditor.packs import Rule, load_rules


def tags(sentence: str) -> list[tuple[str, set]]:
    return [(t.text, set(t.tags)) for t in tagger.tokenize(sentence)]


def test_tokens_split_contractions_and_keep_numbers_whole():
    words = [t.text for t in tagger.tokenize("He doesn't know it's an 8-year-old's U.S. 1990s toy.")]
    assert words == ["He", "does", "n't", "know", "it", "'s", "an", "8-year-old", "'s", "U.S.", "1990s", "toy", "."]


def test_readings_come_from_lexicon_and_context():
    t = dict(tags("The votes voted and they vote while the lead leads."))
    assert t["votes"] == {"NNS"}                      # after a determiner: no verb reading
    assert t["voted"] >= {"VBD", "VBN"}               # lemminflect leaves out a VBN equal to the VBD
    assert t["vote"] <= {"VB", "VBP"}                 # after a subject pronoun: no noun reading
    assert t["leads"] == {"NNS", "VBZ"}               # nothing in the context decides
    lemmas = tagger.tokenize("children went")
    assert lemmas[0].lemmas["NNS"] == "child" and lemmas[1].lemmas["VBD"] == "go"


def test_capitalised_unknown_words_are_names():
    t = dict(tags("Leads here YouTube, writes Kotin."))
    assert t["YouTube"] == {"NNP"} and t["Kotin"] == {"NNP"}
    assert "VBZ" in t["Leads"]                        # a known word opening the sentence keeps its readings


def test_a_words_cached_readings_still_depend_on_its_place():
    # each word's readings are looked up once: at a sentence's start and inside one they still differ
    for _ in range(2):
        assert "NNP" not in dict(tags("Leads rose."))["Leads"]
        assert dict(tags("Prices, Leads rose."))["Leads"] >= {"NNP", "VBZ"}


def _rule(tmp_path, body: str) -> Rule:
    (tmp_path / "pack.yml").write_text("prefix: ZZ\ndescription: test\nsources: [x]\nlicense: Apache-2.0\n")
    (tmp_path / "ZZ001-test-rule.yml").write_text(textwrap.dedent(body))
    return load_rules([tmp_path], select=["ZZ"]).by_code("ZZ001")


RULE = """\
    code: ZZ001
    name: test-rule
    type: grammar
    category: grammar.agreement
    severity: minor
    message: "'{match}' -> '{suggestion}' ({0})"
    description: d
    source: s
    tokens:
      - word: [he, she]
      - tag_only: RB
        optional: true
      - lemma: [go, write]
        tag: VBD
    antipatterns:
      - [{word: [if]}, {word: [he, she]}]
    mark: [2, 2]
    suggest: "{2|VBZ}"
    examples:
      - bad: "She [[went]] home."
        fix: goes
      - good: "She goes home."
"""


def test_grammar_rule_matches_inflects_and_respects_antipatterns(tmp_path):
    check = GrammarCheck([_rule(tmp_path, RULE)])
    found = check.check(Document.from_text("She quickly wrote it. If he went, fine. He went home."))
    assert [(f.start, f.end, f.suggestions) for f in found] == [(12, 17, ("writes",)), (43, 47, ("goes",))]
    assert found[0].message == "'wrote' -> 'writes' (She)"


def test_bad_token_regex_is_a_one_line_error(tmp_path, cli):
    body = RULE.replace("tag: VBD", "tag: 'VB(D'")
    rule = _rule(tmp_path, body)
    with pytest.raises(RulePackError, match="ZZ001-test-rule.yml: bad regex in tokens token 2 tag"):
        GrammarCheck([rule])
    done = cli("rules", "test", tmp_path)
    assert done.code == 2 and "Traceback" not in done.err


def test_schema_rejects_unknown_token_keys(tmp_path):
    with pytest.raises(RulePackError, match="schema violation at tokens/0"):
        _rule(tmp_path, RULE.replace("- word: [he, she]", "- words: [he, she]"))


WORDS = ["the", "a", "dogs", "dog", "barks", "bark", "of", "war", "is", "are", "he", "she", "went", "quickly",
         "since", "then", "continues", "to", "took", "an", "1998", "such", "diet", ",", "."]


@lru_cache(maxsize=1)
def _built_in_grammar() -> GrammarCheck:
    """The check of every built-in grammar rule, built once for all the examples."""
    return GrammarCheck([r for r in load_rules().rules if r.type == "grammar"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_anchor_prefilter_never_misses_a_match(words):
    """Trying a rule only from its anchor's offsets finds what trying every start finds."""
    check = _built_in_grammar()
    text = " ".join(words)
    got = {(f.rule, f.start, f.end) for f in check.check(Document.from_text(text))}
    brute = set()
    tokens = tagger.tokenize(text)
    for g in check.compiled:
        for f in g.findings(Document.from_text(text), tokens, range(len(tokens))):
            brute.add((f.rule, f.start, f.end))
    assert got == brute


# Sentences written for this test, none of them a rule example: each must be flagged at the span given,
# and the corrected sentence must not be.
UNSEEN = [
    ("The committee met on [[an]] 1987 treaty anniversary.", "The committee met on a 1987 treaty anniversary."),
    ("Analysts [[recommend to sell]] the shares.", "Analysts recommend selling the shares."),
    ("[[Such decision]] needs a vote.", "Such a decision needs a vote."),
    ("Since then, the plant [[operates]] at half capacity.", "Since then, the plant has operated at half capacity."),
    ("The ministers of the region [[has]] met twice.", "The ministers of the region have met twice."),
    ("She does not [[knows]] the answer.", "She does not know the answer."),
    ("The council [[wants that we]] leave.", "The council wants us to leave."),
    ("[[In]] the morning of 3 March the troops crossed.", "On the morning of 3 March the troops crossed."),
    ("These two [[was]] arrested.", "These two were arrested."),
    ("Prices will [[rises]] again next year.", "Prices will rise again next year."),
    ("Lawmakers [[should to]] vote on Friday.", "Lawmakers should vote on Friday."),
    ("It was [[one of the worst storm]] on record.", "It was one of the worst storms on record."),
    ("It praised the local officials who [[has]] helped.", "It praised the local officials who have helped."),
    ("He backed a plan that [[require]] new checks.", "He backed a plan that requires new checks."),
    ("The deal lets the company [[keeps]] its licence.", "The deal lets the company keep its licence."),
    ("The bridge needs [[to repaired]] soon.", "The bridge needs to be repaired soon."),
    ("The talks [[could successful]] if both sides agree.", "The talks could be successful if both sides agree."),
    ("The state will [[gradual]] reduce the tax.", "The state will gradually reduce the tax."),
    ("Prices [[have being]] rising for months.", "Prices have been rising for months."),
    ("Exports fell after [[impose]] the sanctions.", "Exports fell after imposing the sanctions."),
    ("She writes the reports and [[approve]] each request.", "She writes the reports and approves each request."),
    ("The minister gave [[several reason]] for the delay.", "The minister gave several reasons for the delay."),
    ("Did the ministry [[approved]] the plan?", "Did the ministry approve the plan?"),
]


def test_adverb_of_adjective_follows_spelling_rules_and_the_lexicon():
    assert [tagger.adverb(w) for w in ("simple", "basic", "easy", "full", "true", "explicit", "Gradual")] == [
        "simply", "basically", "easily", "fully", "truly", "explicitly", "Gradually"]
    assert tagger.adverb("green") is None              # no such adverb in the lexicon


@pytest.mark.parametrize("bad,good", UNSEEN)
def test_grammar_pack_on_unseen_sentences(bad, good):
    from auditor.testing import split_marker

    rules = [r for r in load_rules().rules if r.type == "grammar"]
    check = GrammarCheck(rules)
    text, start, end = split_marker(bad)
    spans = [(f.start, f.end) for f in check.check(Document.from_text(text))]
    assert (start, end) in spans
    assert check.check(Document.from_text(good)) == []


def test_fixed_patterns_match_like_backtracking_ones(tmp_path):
    rule = _rule(tmp_path, RULE)
    g = GrammarCheck([rule]).compiled[0]
    tokens = tagger.tokenize("He went home and she rapidly wrote.")
    assert match_at(g.tests, tokens, 0) == [0, -1, 1]
    assert match_at(g.tests, tokens, 4) == [4, 5, 6]
    assert match_at(g.tests, tokens, 1) is None


def test_a_token_test_judges_each_text_and_reading_once_unless_it_reads_lemmas():
    from auditor.checks.grammar import TokenTest

    rule = load_rules(select=["GR"]).rules[0]
    calls = []

    class Counting:
        def fullmatch(self, text):
            calls.append(text)
            return text.endswith("s")

    test = TokenTest(rule, {"regex": "x", "not": {"tag": "NNP"}}, "t")
    test.regex = Counting()
    tokens = tagger.tokenize("The votes and the votes, Votes.")
    verdicts = [test(tok) for tok in tokens]
    assert verdicts == [False, True, False, False, True, False, False, False]   # "Votes" may be a name
    assert sorted(calls) == sorted({tok.text for tok in tokens})   # "votes" twice with one reading: judged once
    # a token's lemmas are not part of what is remembered: a test reading them judges every token
    by_lemma = TokenTest(rule, {"lemma": "vote", "tag": "NNS"}, "t")
    vote = tokens[1]
    assert by_lemma(vote) and not by_lemma(vote._replace(lemmas={"NNS": "veto"}))


def test_the_one_token_tests_opening_a_backtracking_rule_are_tried_in_a_loop():
    compiled = {g.rule.code: g for g in _built_in_grammar().compiled}
    # GR072: two one-token tests, then 'and' up to seven tokens on
    assert compiled["GR072"].tests.prefix == 2 and not compiled["GR072"].tests.fixed


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["and", "walks", "create", "the", "he", "helps"]), min_size=1, max_size=14))
def test_a_rule_matches_alike_with_and_without_its_opening_loop(words):
    tokens = tagger.tokenize(" ".join(words))
    for g in _built_in_grammar().compiled:
        for seq in [g.tests, *g.antipatterns]:
            if seq.fixed:
                continue
            looped = [match_at(seq, tokens, s) for s in range(len(tokens) + 1)]
            searched = _NoPrefix(seq)   # its opening tests go through the backtracking search too
            assert looped == [match_at(searched, tokens, s) for s in range(len(tokens) + 1)], g.rule.code


class _NoPrefix(list):
    prefix = 0
    fixed = False
