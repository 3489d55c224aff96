"""Memory-mapped word tables: what is written is what is read, and lemminflect's answers are kept whole."""
import marshal
import random
import subprocess
import sys

import pytest

from auditor import mapped, tagger


def test_numbers_and_blobs_read_back_what_was_written(tmp_path):
    mapped.write_numbers(tmp_path, "z", {"the": 7.73, "zebra": 3.1, "": 0.5, "naïve": 2.0}.items(), "d")
    mapped.write_blobs(tmp_path, "s", {"he": "the\thave", "qx": "", "ü": "über"}.items())
    mapped.write_blobs(tmp_path, "m", {"run": {"VB": ("run",), "VBD": ("ran",)}}.items(), marshal.dumps)
    z = mapped.Numbers(tmp_path, "z")
    s = mapped.Blobs(tmp_path, "s")
    m = mapped.Blobs(tmp_path, "m", mapped.unmarshal)
    assert z["the"] == 7.73 and z.get("naïve") == 2.0 and z.get("") == 0.5 and z.get("thee", 0.0) == 0.0
    assert len(z) == 4 and "zebra" in z and "zebr" not in z
    assert dict(z.items()) == {"the": 7.73, "zebra": 3.1, "": 0.5, "naïve": 2.0}
    assert s["he"] == "the\thave" and s["qx"] == "" and s.get("ü") == "über" and s.get("h") is None
    with pytest.raises(KeyError):
        s["h"]
    assert m["run"] == {"VB": ("run",), "VBD": ("ran",)}


def test_a_cached_folder_is_built_once_and_replaces_other_versions(tmp_path):
    built = []

    def build(folder):
        built.append(folder)
        mapped.write_numbers(folder, "n", [("a", 1)], "q")

    old = tmp_path / "things-0ld"
    old.mkdir()
    (tmp_path / "things-older.marshal").write_bytes(b"x")
    first = mapped.cached_folder(tmp_path, "things", "k1", build)
    again = mapped.cached_folder(tmp_path, "things", "k1", build)
    assert first == again == tmp_path / "things-k1" and len(built) == 1
    assert mapped.Numbers(first, "n")["a"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["things-k1"]


def test_lemminflect_tables_answer_as_lemminflect_does():
    from lemminflect import getAllInflections, getAllLemmas, getInflection

    lemmas, inflections = tagger._lemma_tables()
    rng = random.Random(7)
    words = rng.sample(list(lemmas), 300) + ["votes", "ran", "zzqx", "Kyiv", "U.S.", "don't"]
    for w in words:
        assert tagger.all_lemmas(w) == getAllLemmas(w), w
    for lemma in rng.sample(list(inflections), 300) + ["be", "run", "Run", "zzqx"]:
        for upos in (None, "VERB", "AUX", "NOUN", "ADJ", "ADV", "PROPN"):
            assert tagger.all_inflections(lemma, upos) == getAllInflections(lemma, upos), (lemma, upos)
        for tag in ("VB", "VBZ", "VBD", "VBN", "VBG", "NNS", "JJR", "RBS", "NNP"):
            forms = getInflection(lemma, tag=tag)
            assert tagger.inflect(lemma, tag) == (forms[0] if forms else None) or (lemma, tag) == ("be", "VBP")


def test_a_kept_regex_program_matches_as_a_fresh_compile(tmp_path, monkeypatch):
    import regex

    from auditor import regexcache

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    regexcache._folder.cache_clear()
    try:
        text = "Zelensky met Zelenskyy; the CAFÉ’s owner — and 12.5 km² — «quoted» here.\nNext line"
        for pattern, flags in ((r"(?P<w>\p{Lu}\w+)(?=\s)", 0), (r"(?i)café’s|\bkm²", regex.M),
                               (r"^next", regex.I | regex.M), (r"(?r)\d+(?:\.\d+)?", 0)):
            fresh = regex.compile(pattern, flags, cache_pattern=False)
            first = regexcache.compile(pattern, flags)                  # compiles and keeps the program
            assert len(list(tmp_path.glob("regex-*/*.program"))) >= 1
            assert regexcache.compile(pattern, flags) is first          # once a process
            regexcache._COMPILED.clear()
            kept = regexcache.compile(pattern, flags)                   # handed to the engine directly
            for p in (first, kept):
                assert p.pattern == fresh.pattern and p.flags == fresh.flags and p.groupindex == fresh.groupindex
                assert [m.span() for m in p.finditer(text)] == [m.span() for m in fresh.finditer(text)]
        import hashlib

        name = hashlib.sha1(repr((r"(?P<w>\p{Lu}\w+)(?=\s)", 0)).encode()).hexdigest() + ".program"
        [kept_file] = tmp_path.glob(f"regex-*/{name}")
        kept_file.write_bytes(b"\x00damaged")
        regexcache._COMPILED.clear()
        assert regexcache.compile(r"(?P<w>\p{Lu}\w+)(?=\s)").search(text).group("w") == "Zelensky"
        assert regexcache.IGNORECASE == regex.IGNORECASE and regexcache.escape("a.b") == regex.escape("a.b")
    finally:
        regexcache._folder.cache_clear()
        regexcache._COMPILED.clear()


def test_literal_automata_are_kept_and_read_back(tmp_path, monkeypatch):
    from auditor.checks import literals

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    prefilters = [(False, ("according to", "alot")), (True, ("Kiev",)), (False, None), (False, ("alot",))]
    built = literals._build_automata(prefilters)
    first = literals._kept_automata(prefilters)              # built and written
    [kept_file] = tmp_path.glob("literals-*.pickle")
    kept = literals._kept_automata(prefilters)               # read back
    text = {False: "voters care alot, according to polls", True: "Kiev and Kyiv"}
    for automata in (first, kept):
        assert automata.keys() == built.keys()
        for case, automaton in automata.items():
            assert list(automaton.iter(text[case])) == list(built[case].iter(text[case]))
    kept_file.write_bytes(b"\x00damaged")
    assert list(literals._kept_automata(prefilters)[True].iter("Kiev")) == [(3, (1,))]


def test_a_copy_another_process_finished_first_is_kept(tmp_path):
    def build(folder):
        other = tmp_path / "things-k"           # finished meanwhile by another process, and in use there
        other.mkdir()
        mapped.write_numbers(other, "n", [("a", 2)], "q")
        (other / "done").write_text("")
        mapped.write_numbers(folder, "n", [("a", 1)], "q")

    got = mapped.cached_folder(tmp_path, "things", "k", build)
    assert mapped.Numbers(got, "n")["a"] == 2
    assert [p.name for p in tmp_path.iterdir()] == ["things-k"]


def test_processes_that_need_a_missing_folder_at_once_build_it_once(tmp_path):
    # each process logs its build, which lasts long enough for the other to ask meanwhile
    code = ("import sys, time; from pathlib import Path; from auditor import mapped\n"
            "def build(folder):\n"
            "    with open(sys.argv[1] + '/builds.log', 'a') as log: log.write('built\\n')\n"
            "    time.sleep(0.5); mapped.write_numbers(folder, 'n', [('a', 1)], 'q')\n"
            "print(mapped.cached_folder(Path(sys.argv[1]) / 'cache', 'things', 'k', build))\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    folders = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert folders == {str(tmp_path / "cache" / "things-k")}
    assert (tmp_path / "builds.log").read_text() == "built\n"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["things-k"]


def test_open_class_readings_are_read_from_their_table_as_worked_out(monkeypatch):
    lemmas, _inflections = tagger._lemma_tables()
    table = tagger._open_class_table()
    words = random.Random(11).sample(list(lemmas), 400) + ["votes", "ran", "leads", "agreement", "better"]
    for w in words:   # what was kept is what would be worked out now, readings in the same order
        assert list(table[w].items()) == list(tagger._open_class(w).items()), w
    expected = {w: tagger.lexical.__wrapped__(w) for w in words}

    def not_worked_out(lower):
        raise AssertionError(f"{lower}: a word of the table was worked out again")

    monkeypatch.setattr(tagger, "_open_class", not_worked_out)
    for w in words:   # a word of the table is one lookup
        tags, lemmas_of = tagger.lexical.__wrapped__(w)
        assert (tags, list(lemmas_of.items())) == (expected[w][0], list(expected[w][1].items())), w
    assert tagger.lexical.__wrapped__("votes")[1] == {"NNS": "vote", "VBZ": "vote"}
    with pytest.raises(AssertionError):   # a word no table holds is still worked out
        tagger.lexical.__wrapped__("zzqxing")


@pytest.mark.parametrize("table, name", [("tagger._open_class_table", "tagger-readings"),
                                         ("mt.admitted_words", "mt-admitted")])
def test_a_table_worked_out_by_auditors_code_is_named_by_that_code(monkeypatch, table, name):
    """Edit the logic a table is worked out by (a threshold in place) and a new table is built."""
    from auditor import mapped
    from auditor.pychecks import mt

    module, function = table.split(".")
    opener = getattr({"tagger": tagger, "mt": mt}[module], function)
    keys = []

    class Asked(Exception):
        pass

    real = mapped.cached_folder

    def asked(root, kind, key, write):
        if kind != name:   # a table this one is worked out from
            return real(root, kind, key, write)
        keys.append((kind, key))
        raise Asked

    monkeypatch.setattr(mapped, "cached_folder", asked)
    try:
        for code in ("one version of the code", "another"):
            monkeypatch.setattr(mapped, "own_code", lambda *files, code=code: code)
            opener.cache_clear()
            with pytest.raises(Asked):
                opener()
    finally:
        opener.cache_clear()
    assert [kind for kind, _ in keys] == [name, name] and keys[0][1] != keys[1][1]
