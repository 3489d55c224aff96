"""Each check type reads its rules' options once, at load, into a typed dataclass; a bad value is one line and exit 2."""
from __future__ import annotations

import inspect
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from auditor.checks import check_types
from auditor.checks.base import NoOptions, read_options
from auditor.cli import main
from auditor.config import Config
from auditor.engine import Engine
from auditor.errors import RulePackError
from auditor.rule import Rule


@pytest.mark.parametrize("name", sorted(check_types()))
def test_every_check_type_declares_its_options_with_a_comment_a_field(name):
    options = check_types()[name].Options
    assert is_dataclass(options) and options is not NoOptions
    source = inspect.getsource(options)
    for f in fields(options):
        line = next(ln for ln in source.splitlines() if ln.strip().startswith(f"{f.name}:"))
        assert "#" in line, f"{name}: option {f.name} has no comment"


def test_the_engine_reads_every_rules_options_at_load():
    engine = Engine(Config(languagetool="off"))
    for check in engine.checks:
        assert set(check.options) == {r.code for r in check.rules}
        assert all(isinstance(o, check.Options) for o in check.options.values())
    by_code = {code: o for check in engine.checks for code, o in check.options.items()}
    assert by_code["BI007"].min_words == 6 and isinstance(by_code["BI004"].known_zipf, float)
    assert by_code["NM002"].check == "names:name-drift"


def _rule(spec: dict) -> Rule:
    return Rule(code="HS001", name="thing", type=spec["type"], category="style", severity="minor", message="m",
                description="d", source=["s"], pack="p", path=Path("p/HS001-thing.yml"), spec=spec)


def test_values_are_checked_against_the_option_types():
    options = check_types()["bilingual"].Options
    read = read_options(options, _rule({"type": "bilingual", "compare": "omitted", "options": {"known_zipf": 2}}))
    assert read.known_zipf == 2.0 and read.min_words == 6 and read.vocabulary == "vocabulary.json"
    with pytest.raises(RulePackError, match=r"HS001-thing.yml: min_words must be a whole number, not 'many'"):
        read_options(options, _rule({"type": "bilingual", "compare": "omitted", "options": {"min_words": "many"}}))
    with pytest.raises(RulePackError, match="known_zipf must be a number, not True"):
        read_options(options, _rule({"type": "bilingual", "compare": "omitted", "options": {"known_zipf": True}}))
    pattern = check_types()["pattern"].Options
    assert read_options(pattern, _rule({"type": "pattern", "pattern": "x", "suggest": "y"})).suggest == ("y",)
    with pytest.raises(RulePackError, match="a rule of type pattern needs 'pattern'"):
        read_options(pattern, _rule({"type": "pattern"}))


def _pack(tmp_path, rule: str) -> Path:
    """A pack of one rule, HS001, whose type, options and examples are the given YAML."""
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / "pack.yml").write_text("prefix: HS\ndescription: d\nsources: [s]\nlicense: MIT\n", encoding="utf-8")
    (pack / "HS001-thing.yml").write_text(
        "code: HS001\nname: thing\ncategory: style\nseverity: minor\nmessage: m\ndescription: d\nsource: s\n" + rule,
        encoding="utf-8")
    return pack


def _stops_with(tmp_path, capsys, pack: Path, said: str) -> None:
    """Checking an article with the pack exits 2 with one line on standard error that holds said."""
    article = tmp_path / "a.txt"
    article.write_text("The talks resumed on Monday.\n", encoding="utf-8")
    assert main(["check", str(article), "--packs", str(pack), "--select", "HS"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and said in err[0], err


def test_a_bad_option_in_a_pack_is_one_line_and_exit_2(tmp_path, capsys):
    pack = _pack(tmp_path, "type: bilingual\ncompare: omitted\noptions:\n  min_words: six\n"
                           "examples:\n  - bad: 'a [[b]]'\n    fix: c\n  - good: 'd'\n")
    _stops_with(tmp_path, capsys, pack, "HS001-thing.yml: min_words must be a whole number, not 'six'")


def _registered_with_options():
    from auditor import pychecks
    from auditor.pychecks import boilerplate, facts, formatting, mt, names, punctuation, runin, words  # noqa: F401

    return sorted((spec, cls) for spec, cls in pychecks._REGISTRY.items() if cls.Options is not None)


def test_registered_checks_declare_their_options_with_a_comment_a_field():
    found = _registered_with_options()
    assert {"boilerplate:blocks", "boilerplate:shared-chrome", "runin:furniture", "names:drift-in-article",
            "names:name-case", "mt:untranslated-fragment", "formatting:hard-wrap", "words:doubled-word",
            "punctuation:doubled-space", "facts:last-occurrence"} <= {spec for spec, _ in found}
    for spec, cls in found:
        assert is_dataclass(cls.Options) and cls.Options.__dataclass_params__.frozen, spec
        source = inspect.getsource(cls.Options)
        for f in fields(cls.Options):
            line = next(ln for ln in source.splitlines() if ln.strip().startswith(f"{f.name}:"))
            assert "#" in line, f"{spec}: option {f.name} has no comment"


def test_boilerplate_rules_get_their_options_typed_at_load():
    from auditor.pychecks.boilerplate import BlockOptions, cues_named
    from auditor.pychecks.runin_cues import RunInOptions

    engine = Engine(Config(select=("BP",), languagetool="off"))
    inst = {rule.code: i for check in engine.checks for rule, i in getattr(check, "instances", ())}
    assert inst["BP002"].options == BlockOptions(kinds=("ad",), cues=("cues-ad.txt",))
    assert inst["BP014"].options == RunInOptions(kinds=("teaser",))
    assert inst["BP012"].options.min_documents == 2
    # rules that name the pack's own files share one cue set, so one analysis of each article
    assert inst["BP002"].cues is inst["BP007"].cues is cues_named()


def _bp_pack(tmp_path, options: str) -> Path:
    return _pack(tmp_path, "type: python\ncheck: boilerplate:blocks\noptions:\n" + options +
                 "examples:\n  - bad: \"The talks resumed on Monday in Geneva.\\n[[Advertisement]]\"\n    fix: ''\n"
                 "  - good: 'd'\n")


@pytest.mark.parametrize("options,said", [
    ("  kinds: [menu]\n", "kinds: no kind 'menu' (the kinds are nav, ad,"),
    ("  kinds: ad\n  cues: {ad: cues-ad.txt}\n", "cues must be a string or a list of strings, not {'ad'"),
    ("  kinds: [ad]\n  cues: [cues-adverts.txt]\n", "cues: cues-adverts.txt names no cue family"),
    ("  kinds: [ad]\n  cue: [cues-ad.txt]\n", "boilerplate:blocks takes no option 'cue' (it takes cues, kinds)"),
    ("  kinds: [ad]\n  cues: [cues-ad.txt]\n", "cues-ad.txt: No such file or directory"),
])
def test_a_bad_registered_check_option_is_one_line_and_exit_2(tmp_path, capsys, options, said):
    _stops_with(tmp_path, capsys, _bp_pack(tmp_path, options), said)


def test_a_rule_can_name_a_cue_file_of_its_own(tmp_path):
    from auditor.api import audit_text

    pack = _bp_pack(tmp_path, "  kinds: [ad]\n  cues: [cues-ad.txt]\n")
    (pack / "cues-ad.txt").write_text("# ad labels of the desk's CMS\nanzeigenblock\tAnzeigenblock\n", encoding="utf-8")
    text = "The talks resumed on Monday in Geneva, the ministry said.\nAnzeigenblock\nAdvertisement\n" \
           "Both delegations will attend, officials said."
    report = audit_text(text, config=Config(packs=(str(pack),), select=("HS", "BP002"), languagetool="off"))
    assert sorted((f.rule, text[f.start:f.end]) for f in report.findings) == [("BP002", "Advertisement"),
                                                                             ("HS001", "Anzeigenblock")]


def test_a_check_that_takes_no_options_refuses_one(tmp_path, capsys):
    pack = _pack(tmp_path, "type: python\ncheck: punctuation:doubled-space\noptions:\n  width: 2\n"
                           "examples:\n  - bad: 'a[[  ]]b'\n    fix: ' '\n  - good: 'd'\n")
    _stops_with(tmp_path, capsys, pack, "punctuation:doubled-space takes no option 'width' (it takes none)")


def test_acronym_joiners_hold_the_word_on_not_yaml_true():
    # an unquoted 'on' in a YAML list is true, not the word: a list of words must quote it
    engine = Engine(Config(select=("NM009",), languagetool="off"))
    [(_rule, inst)] = [i for check in engine.checks for i in getattr(check, "instances", ())]
    assert "on" in inst.rule.spec["options"]["joiners"] and True not in inst.rule.spec["options"]["joiners"]
