"""The spelling checks' shortcuts give what the slow paths they replace gave."""
from __future__ import annotations

from collections import Counter

from auditor.pychecks import spelling
from conftest import SEEDS, copy_tables, unmark

# each masked span marked ⟦...⟧: code, links, addresses, markup and identifiers, never news words
MASKED = [
    "⟦a_b_c⟧ ⟦x__y⟧ _z ⟦a_⟧ ⟦__⟧ ⟦foo()⟧ ⟦bar.baz/qux⟧ ⟦a.b⟧. ⟦x@y.z.w⟧ ⟦a.b@c.d⟧ ⟦user.name+tag@mail.co.uk⟧ "
    "⟦http://x.y⟧ ⟦www.a.b⟧",
    "⟦$HOME⟧ ⟦:smile:⟧ ⟦{x}⟧ ⟦<b>⟧ ⟦`c`⟧ ⟦``d``⟧ ⟦[l](u)⟧ ⟦U.S⟧. ⟦3.5⟧ ⟦a\\b⟧ ⟦c/d/e⟧ ⟦f.g.h⟧. ⟦snake_case_name⟧ "
    "⟦__init__⟧ ⟦x_1⟧",
    "Plain news copy: the minister said on Monday that talks would resume (in Geneva).",
    "Écrit à ⟦Kyiv_2024⟧ — ⟦naïve_café⟧() ⟦über.straße/weg⟧",
    "See ⟦https://example.org/a?b=c⟧ and ⟦www.example.com/x⟧ or mail ⟦press@example.co.uk⟧ today.",
    "⟦``a `b` c``⟧ and ⟦`d`⟧ ⟦[link text](https://x.y/z)⟧ {⟦{tpl}⟧} ⟦<a href=\"x\">⟧ ⟦:flag-ua:⟧",
]


def test_mask_gives_the_marked_spans():
    for case in MASKED:
        text, spans = unmark(case, "⟦", "⟧")
        spelling.masked_spans.cache_clear()
        assert spelling.masked_spans(text) == spans, case[:60]


def test_mask_on_long_runs_of_what_its_parts_open_with():
    text = "_" * 50 + "a " + "a" * 50 + "( " + "x." * 100 + " ab@ @cd a@b a@b. [x]( ]("
    spelling.masked_spans.cache_clear()
    assert spelling.masked_spans(text) == [(0, 51), (104, 303)]   # the underscores and the x.x.x... run


def test_name_scan_finds_what_the_delete_index_finds():
    counts = Counter({"Zelensky": 5, "Zelenskyy": 3, "Zelenskiy": 2, "Kyiv": 9, "Kiev": 2, "Artemchuk": 4,
                      "Artemchuck": 1, "Tusk": 1, "Brussels": 7, "Brussel": 1, "Blinken": 3})
    for word in ["Zelenskyi", "Zelensky", "Artemchk", "Brussells", "Blinkne", "Kyev", "Nobody"]:
        scan = spelling.NameIndex(counts).near(word)
        index = spelling.NameIndex(counts)
        index.deletes   # build the index: near() then uses it
        assert sorted(scan) == sorted(index.near(word)), word


def test_a_name_index_with_a_minimum_count_finds_only_names_used_that_often():
    counts = Counter({"Zelensky": 5, "Zelenskyy": 1, "Zelenskiy": 2, "Brussels": 7, "Brussel": 1})
    for build in (False, True):   # the scan and the delete index agree
        index = spelling.NameIndex(counts, min_count=2)
        if build:
            index.deletes
        assert index.near("Zelenskyi") == [("Zelensky", 5), ("Zelenskiy", 2)]
        assert index.near("Brussell") == [("Brussels", 7)]   # 'Brussel', used once, is not proposed
        assert index.near("Zelenskyy") == [("Zelensky", 5), ("Zelenskiy", 2)]


def test_the_delete_index_orders_tied_names_as_the_scan_does():
    # forty pairs of names used as often, one edit from a word: the suggestion must not hang on the hash seed
    counts = Counter({f"Radvil{a}{b}shki": 2 for a in "aeiou" for b in "klmnprst"})
    counts.update({f"Radvil{a}{b}shk": 2 for a in "aeiou" for b in "klmnprst"})
    for word in (f"Radvil{a}{b}shka" for a in "aeiou" for b in "klmnprst"):
        scan = spelling.NameIndex(counts).near(word)
        index = spelling.NameIndex(counts)
        index.deletes
        assert len(scan) == 2 and index.near(word) == scan, word


def test_delete_keys_that_share_a_hash_offer_no_name_the_scan_would_not(monkeypatch):
    counts = Counter({"Zelensky": 5, "Zelenskyy": 3, "Artemchuk": 4, "Brussels": 7, "Blinken": 3, "Kyivan": 2})
    monkeypatch.setattr(spelling._HashedDeletes, "MASK", 1)   # every key shares one of two hashes
    for word in ["Zelenskyi", "Artemchk", "Brussells", "Blinkne", "Nobody"]:
        index = spelling.NameIndex(counts)
        assert index.deletes.get(word.lower()) is not None   # the shared hash offers names...
        assert index.near(word) == spelling.NameIndex(counts).near(word), word   # ...that the distance rules out


def test_cached_candidates_are_not_shared_lists():
    first = spelling.candidates("recieve", 2)
    first.clear()
    assert spelling.candidates("recieve", 2)


def test_capitalised_names_counts_parts_and_drops_possessives():
    text = "Kyiv’s mayor met Vitali Klitschko in Kyiv. NATO and Russia-Ukraine talks; Klitschko's aide."
    assert spelling.capitalised_names(text) == Counter(
        {"Kyiv": 2, "Vitali": 1, "Klitschko": 2, "Russia": 1, "Ukraine": 1})


def test_writing_a_lexicon_prunes_the_other_versions(tmp_path, monkeypatch, lexicon_tables):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(spelling, "_write_lexicon", copy_tables(lexicon_tables))
    stale = [tmp_path / "spelling-0123456789abcdef.marshal", tmp_path / "spelling-fedcba9876543210"]
    stale[0].write_bytes(b"old build")
    stale[1].mkdir()
    (stale[1] / "done").write_bytes(b"")
    other = tmp_path / "pack-0123456789abcdef.pickle"
    other.write_bytes(b"a pack cache")
    spelling._lexicon.cache_clear()
    try:
        assert spelling._lexicon()[0]["government"] > 4          # builds and writes the current version
        current = tmp_path / f"spelling-{spelling._lexicon_key()}"
        assert (current / "done").exists() and not any(p.exists() for p in stale) and other.exists()
        stale[0].write_bytes(b"old build")
        spelling._lexicon.cache_clear()
        spelling._lexicon()                                        # read back: nothing is written or pruned
        assert stale[0].exists() and (current / "done").exists()
    finally:
        spelling._lexicon.cache_clear()


def test_short_unknown_name_inside_a_sentence_needs_no_lookup(monkeypatch):
    speller = spelling.Speller({})
    assert speller.judge("Zhoux", initial=False, names=None) is None

    def refuse(*_args):
        raise AssertionError("looked up")

    monkeypatch.setattr(spelling, "candidates", refuse)
    assert speller.judge("Zhoux", initial=False, names=None) is None


def test_capitalised_names_keep_the_token_by_token_counts_and_order():
    def one_by_one(prose):
        counts = Counter()
        for m in spelling._WORD.finditer(prose):
            w = m.group()
            if w[:1].isupper() and not w.isupper():
                for part in w.split("-"):
                    if part[:1].isupper():
                        counts[spelling._bare(part)] += 1
        return counts

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    texts.append("Ukraine-Russia talks; Russia's envoy met Ukraine’s. Russia-Ukraine, NATO-Russia and Kyiv-based")
    for text in texts:
        want = one_by_one(text)
        got = spelling.capitalised_names(text)
        assert list(got.items()) == list(want.items())


def test_the_delete_index_finds_by_bucket_what_a_full_pass_finds():
    """A corpus's index holds millions of delete keys: a look-up reads the bucket of its hash alone."""
    letters = "bdgklmnprstvz"
    names = [f"Kor{a}{b}{c}ovich" for a in letters for b in letters for c in letters]   # 2,197 names
    index = spelling.NameIndex(Counter({n: 3 for n in names}), min_count=2).deletes
    assert len(index.starts) > 1000   # buckets, not one run of entries
    bits, mask = index.BITS, index.MASK
    by_hash: dict[int, list[str]] = {}
    for e in index.entries:
        by_hash.setdefault(e >> bits, []).append(index.names[e & ((1 << bits) - 1)])
    for word in ("korbdgovich", "korbdovich", "korzzzovich", "korbdgovic", "nobody", "kortvlovich"):
        keys = spelling._deletes(word)
        expected = sorted(n for k in keys for n in by_hash.get(hash(k) & mask, ()))
        assert sorted(index.having(keys)) == expected and expected or word == "nobody", word
