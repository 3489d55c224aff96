"""Hunspell's verdicts on the words a dictionary can make, kept memory-mapped in the user cache.

Loading the en_US and en_GB Hunspell dictionaries (through Enchant) parses about two megabytes of
word and affix lists at every start. The spelling checks only ask whether a word is accepted, so
the answers are kept instead, built once from the installed dictionaries:

- every word form a dictionary can make (each stem with each of its affixes, as the affix file's
  rules and conditions allow), lower-cased: a word whose lower-case form is not among them is one
  Hunspell rejects, in lower case or with a capital first letter;
- for each of those forms, Hunspell's own verdict on it in lower case and with a capital first letter.

A word in any other case ("McDonald", "NATO's"), or with a letter no dictionary word holds, is
handed to Hunspell as before. When the tables are built, Hunspell is asked about every word of the
spelling lexicon (wordfreq's English list, lower case and capitalised) that the forms leave out; if it
accepts any, the forms are wrong for this dictionary and the tables are not used (Hunspell answers
everything). The folder is named by the dictionary files and word lists Enchant may read, so
installing or editing one rebuilds it.
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

TABLE_VERSION = "hunspell verdicts 2"
LOWER, CAPITAL = 1, 2   # the bits of a form's verdict: accepted in lower case, with a capital first letter


def search_dirs() -> list[Path]:
    """The folders where Enchant's Hunspell provider and its personal word lists look, in its order."""
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    conf = [Path(os.environ["ENCHANT_CONFIG_DIR"])] if os.environ.get("ENCHANT_CONFIG_DIR") else []
    conf += [home / "enchant", Path("/usr/share/enchant-2"), Path("/usr/share/enchant"),
             Path("/usr/local/share/enchant-2"), Path("/etc/enchant")]
    dirs = conf + [d / "hunspell" for d in conf]
    dirs += [Path("/usr/share/hunspell"), Path("/usr/local/share/hunspell"), Path("/usr/share/myspell"),
             Path("/usr/share/myspell/dicts")]
    for data in (os.environ.get("XDG_DATA_DIRS") or "").split(os.pathsep):
        if data:
            dirs += [Path(data) / "hunspell", Path(data) / "myspell"]
    from importlib.util import find_spec

    spec = find_spec("enchant")   # wheels for Windows and macOS carry their own Enchant and dictionaries
    if spec is not None and spec.origin:
        data = Path(spec.origin).parent / "data"
        if data.is_dir():
            dirs += sorted({p.parent for p in data.glob("**/hunspell/*.dic")})
    seen, out = set(), []
    for d in dirs:
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out


def dictionary_files(tags: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(path, size, mtime) of every file of those languages (and Enchant's settings) Enchant may read."""
    out = []
    for d in search_dirs():
        try:
            names = sorted(os.listdir(d))
        except OSError:
            continue
        for name in names:
            if name.startswith(tags) or name == "enchant.ordering":
                try:
                    st = os.stat(d / name)
                except OSError:
                    continue
                out.append((str(d / name), st.st_size, st.st_mtime_ns))
    return out


def _flag_rules(aff: Path) -> dict[str, tuple[str, bool, list]]:
    """The affix rules of an .aff file by flag: (PFX or SFX, cross product, [(strip, add, condition)])."""
    rules: dict[str, tuple[str, bool, list]] = {}
    with open(aff, encoding="utf-8-sig", errors="replace") as f:
        for line in f:
            p = line.split()
            if len(p) < 4 or p[0] not in ("PFX", "SFX"):
                continue
            kind, flag = p[0], p[1]
            if flag not in rules and p[2] in ("Y", "N") and len(p) == 4:
                rules[flag] = (kind, p[2] == "Y", [])
            elif flag in rules and len(p) >= 5:
                strip = "" if p[2] == "0" else p[2]
                add = "" if p[3] == "0" else p[3].split("/")[0]
                cond = p[4]
                try:
                    rx = None if cond == "." else re.compile(cond + "$" if kind == "SFX" else cond)
                except re.error:
                    rx = None   # a condition not read: the rule applies everywhere (more forms, never fewer)
                rules[flag][2].append((strip, add, rx))
    return rules


def _fits(rx, stem: str, start: bool) -> bool:
    # Hunspell compares a condition with the stem as written; lower case too, for an all-capitals word
    if rx is None:
        return True
    test = rx.match if start else rx.search
    return bool(test(stem) or test(stem.lower()))


def word_forms(dic: Path, aff: Path) -> set[str]:
    """Every form (lower-cased) a Hunspell dictionary makes of its stems with their affixes."""
    rules = _flag_rules(aff)
    out: set[str] = set()
    with open(dic, encoding="utf-8-sig", errors="replace") as f:
        next(f, None)   # the word count
        for line in f:
            entry = line.split(None, 1)[0] if line.strip() else ""
            if not entry:
                continue
            stem, _, flags = entry.partition("/")
            out.add(stem.lower())
            suffixed, crossed = [], []   # crossed: the forms of suffixes that take a prefix too
            for flag in flags:
                rule = rules.get(flag)
                if rule is not None and rule[0] == "SFX":
                    made = [stem[:len(stem) - len(strip)] + add for strip, add, rx in rule[2]
                            if stem.endswith(strip) and _fits(rx, stem, False)]
                    suffixed += made
                    if rule[1]:
                        crossed += made
            out.update(s.lower() for s in suffixed)
            for flag in flags:
                rule = rules.get(flag)
                if rule is not None and rule[0] == "PFX":
                    for base in [stem] + (crossed if rule[1] else []):
                        out.update((add + base[len(strip):]).lower() for strip, add, rx in rule[2]
                                   if base.startswith(strip) and (_fits(rx, base, True) or _fits(rx, stem, True)))
    return out


def capital(word: str) -> str:
    return word[:1].upper() + word[1:]


class Verdicts:
    """Hunspell's answers for the words its dictionaries can make (see the module's text)."""

    def __init__(self, folder: Path):
        from .mapped import Numbers

        self.tags = tuple(t for t in (folder / "tags").read_text().split() if t)
        self.usable = (folder / "usable").read_text().strip() == "yes"
        self.alphabet = frozenset((folder / "alphabet").read_text(encoding="utf-8")) if self.usable else frozenset()
        self.forms = Numbers(folder, "forms") if self.usable else None

    def get(self, word: str) -> bool | None:
        """Hunspell's verdict on a word (’ already read as '), or None where the tables cannot tell."""
        if self.forms is None or not self.alphabet.issuperset(word):
            return None
        low = word.lower()
        if word == low:
            bit = LOWER
        elif word == capital(low):
            bit = CAPITAL
        else:
            return None
        return bool(self.forms.get(low, 0) & bit)


def build(folder: Path, load, tags: tuple[str, ...], sample) -> None:
    """Write the tables of the dictionaries load() returns (Enchant dictionaries), checked on the sample's words."""
    from .mapped import write_numbers

    dicts = load()
    found = []
    for d in dicts:
        found.append(getattr(d, "tag", ""))
    (folder / "tags").write_text(" ".join(found))
    forms: set[str] = set()
    usable = bool(dicts)
    files = dictionary_files(tags)
    for tag in found:
        pairs = [(Path(p), Path(p).with_suffix(".aff")) for p, _s, _m in files
                 if Path(p).name == f"{tag}.dic" and Path(p).with_suffix(".aff").is_file()]
        if not pairs:
            usable = False
        for dic, aff in pairs:
            forms |= word_forms(dic, aff)
        for p, _s, _m in files:   # the personal word list: words accepted as written
            if Path(p).name == f"{tag}.dic" and not Path(p).with_suffix(".aff").is_file():
                forms |= {w.strip().lower() for w in Path(p).read_text(encoding="utf-8", errors="replace").split("\n")
                          if w.strip()}

    def accepted(word: str) -> bool:
        return any(d.check(word) for d in dicts)

    # Hunspell accepts a capitalised word whose lower-case form it accepts, unless an affix file
    # keeps a word's case (KEEPCASE and its kin) or a word list excludes a word: then both are asked
    plain = not any(Path(p).suffix == ".exc" for p, _s, _m in files) and not any(
        line.split()[:1] in (["KEEPCASE"], ["FORCEUCASE"], ["CHECKSHARPS"], ["WARN"])
        for p, _s, _m in files if p.endswith(".aff")
        for line in Path(p).read_text(encoding="utf-8", errors="replace").splitlines())
    verdicts = {}
    if usable:
        for form in forms:
            low = accepted(form)
            cap = (low and plain) or accepted(capital(form))
            verdicts[form] = (LOWER if low else 0) | (CAPITAL if cap else 0)
        # the letters (and the apostrophe) of the forms, in both cases; digits, hyphens and dots are
        # Hunspell's to read (numbers are compounds, "well-known" is split, "etc." an abbreviation)
        alphabet = {c for form in verdicts for c in form if c.isalpha() or c == "'"}
        alphabet |= {u for c in alphabet if len(u := c.upper()) == 1 and u.lower() == c}
        for word in sample:   # every word left out must be one Hunspell rejects
            word = word.replace("’", "'")
            if word and word not in verdicts and alphabet.issuperset(word) and \
                    ((not plain and accepted(word)) or accepted(capital(word))):
                usable = False
                break
    if usable:
        (folder / "alphabet").write_text("".join(sorted(alphabet)), encoding="utf-8")
        write_numbers(folder, "forms", verdicts.items(), "B")
    (folder / "usable").write_text("yes" if usable else "no")


@lru_cache(maxsize=None)
def verdicts(tags: tuple[str, ...], load, sample) -> Verdicts | None:
    """The kept verdicts of the installed dictionaries for tags, or None without a user cache folder."""
    from .mapped import cached_folder, stamp
    from .usercache import cache_dir

    where = cache_dir()
    if where is None:   # built at every start, they would cost more than the dictionaries
        return None
    key = hashlib.sha1(repr((TABLE_VERSION, tags, stamp("enchant"), dictionary_files(tags),
                             os.environ.get("PYENCHANT_LIBRARY_PATH"))).encode("utf-8")).hexdigest()[:16]
    words = sample()   # opened here: the sample's own table may need building, which takes the build lock
    try:
        return Verdicts(cached_folder(where, "hunspell", key, lambda folder: build(folder, load, tags, words)))
    except OSError:
        return None
