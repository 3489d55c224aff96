"""Load rule packs (folders of YAML rules), validate them, and hold the rule registry."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import vocabulary
from .errors import ConfigError, RulePackError
from .rule import NoSuggestion, Rule, match_case  # noqa: F401 - the rule's own module, named here too
from .usercache import cache_dir


def builtin_rules_dir() -> Path:
    """Return the folder of the packs shipped with auditor (source checkout or wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if (candidate / "schema.json").is_file():
            return candidate
    raise RulePackError("auditor's own rule packs are missing; reinstall auditor")


@lru_cache(maxsize=None)
def _validator(name: str):
    import jsonschema

    schema = json.loads((builtin_rules_dir() / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@dataclass
class Pack:
    """A folder of rules sharing a code prefix."""

    name: str
    path: Path
    prefix: str
    description: str
    sources: list[str]
    license: str
    language: str | None = None
    default: bool = True
    rules: list[Rule] = field(default_factory=list)


# Bounds on what a pack may hold, so a hostile or broken pack ends in one line, not in a hang: the
# built-in packs stay far below each (their largest file is about 10 KB, their longest list 66 phrases).
MAX_FILE_BYTES = 2_000_000        # one rule, pack or list file
MAX_NODES = 200_000               # values in one YAML file, counting each alias use in full
MAX_PHRASES = 20_000              # phrases of one rule, its lists included


def _read_bounded(path: Path) -> str:
    """A pack file's text, refused past MAX_FILE_BYTES (read no further than that)."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise RulePackError(f"{path}: file is over the {MAX_FILE_BYTES // 1_000_000} MB limit for a rule-pack file")
    return data.decode("utf-8")


def _count_nodes(data: Any, path: Path) -> None:
    """Refuse YAML that holds more than MAX_NODES values once its aliases are expanded."""
    stack, seen = [data], 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise RulePackError(f"{path}: more than {MAX_NODES:,} values once its aliases are expanded "
                                "(an alias bomb?): not loaded")
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _load_yaml(path: Path) -> Any:
    import yaml  # only when a pack is not in the cache

    # libyaml's C loader is several times faster than the pure-Python one
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(_read_bounded(path), Loader=loader)
        _count_nodes(data, path)
        return data
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RulePackError(f"{where}: invalid YAML: {problem}") from None
    except UnicodeDecodeError:
        raise RulePackError(f"{path}: not UTF-8") from None
    except RecursionError:
        raise RulePackError(f"{path}: invalid YAML: nested too deeply") from None
    except OSError as exc:
        raise RulePackError(f"{path}: {exc.strerror}") from None


def _schema_error(path: Path, data: Any, schema: str) -> None:
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.path) or "top level"
        message = err.message if len(err.message) < 160 else err.message[:157] + "..."
        raise RulePackError(f"{path}: schema violation at {where}: {message}")


def _fingerprint(folder: Path) -> tuple:
    """Name, size and modification time of every file a pack's loading depends on."""
    from . import __version__

    # the schemas validate it; this module and model.py define what is pickled; the checks'
    # modules (a pattern's literals and reach), the regex module and the text the literals are looked
    # for in (documents.py) decide what Rule.derived holds
    here = os.path.dirname(__file__)
    rules = str(builtin_rules_dir())
    names = [os.path.join(rules, "schema.json"), os.path.join(rules, "pack.schema.json"), __file__,
             *(os.path.join(here, name) for name in ("rule.py", "model.py", os.path.join("checks", "base.py"),
                                                     os.path.join("checks", "literals.py"),
                                                     os.path.join("checks", "reach.py"), "documents.py",
                                                     "vocabulary.py")),
             *map(str, vocabulary.files())]
    # every file of the pack, found with plain strings: pathlib's walk cost more than the pack's cache saves
    for top, _dirs, files in os.walk(folder, followlinks=True):
        names += [os.path.join(top, name) for name in files]
    stats = []
    for name in sorted(names):
        try:
            st = os.stat(name)
        except FileNotFoundError:   # a dangling link: not a file the pack reads
            continue
        if stat.S_ISREG(st.st_mode):
            stats.append((name, st.st_size, st.st_mtime_ns))
    import regex

    return (__version__, str(folder), str(folder.resolve()), tuple(stats), regex.__version__)


def load_pack(folder: Path) -> Pack:
    """Load one pack folder, from the cache when no file of it has changed since it was validated."""
    folder = Path(folder)
    where = cache_dir()
    if where is None:
        return _load_pack(folder)
    try:
        key = _fingerprint(folder)
    except OSError:
        return _load_pack(folder)
    entry = where / f"pack-{hashlib.sha1(key[2].encode('utf-8')).hexdigest()[:16]}.pickle"
    try:
        with entry.open("rb") as fh:
            cached_key, pack = pickle.load(fh)
        if cached_key == key:
            return pack
    except Exception:  # missing, unreadable, or written by another version: load afresh
        pass
    pack = _load_pack(folder)
    from .checks.base import derive

    for rule in pack.rules:  # cached runs compile a rule's regexes only when an article needs them
        rule.derived = derive(rule)
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = entry.with_name(f"{entry.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump((key, pack), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:  # a read-only home: no cache, no harm
        pass
    return pack


def _load_pack(folder: Path) -> Pack:
    """Load and validate one pack folder."""
    folder = Path(folder)
    meta_path = folder / "pack.yml"
    if not meta_path.is_file():
        raise RulePackError(f"{folder}: not a rule pack (no pack.yml)")
    meta = _load_yaml(meta_path)
    _schema_error(meta_path, meta, "pack.schema.json")
    pack = Pack(name=folder.name, path=folder, prefix=meta["prefix"], description=meta["description"],
                sources=meta["sources"], license=meta["license"], language=meta.get("language"),
                default=meta.get("default", True))
    for path in sorted(folder.glob("*.yml")):
        if path.name == "pack.yml":
            continue
        spec = _load_yaml(path)
        if isinstance(spec, dict) and isinstance(spec.get("phrases"), list) and len(spec["phrases"]) > MAX_PHRASES:
            raise RulePackError(f"{path}: {len(spec['phrases']):,} phrases, over the limit of {MAX_PHRASES:,} a rule")
        _schema_error(path, spec, "schema.json")
        if not spec["code"].startswith(pack.prefix):
            raise RulePackError(f"{path}: code {spec['code']} does not start with the pack prefix {pack.prefix}")
        if path.stem != f"{spec['code']}-{spec['name']}":
            raise RulePackError(f"{path}: file name must be {spec['code']}-{spec['name']}.yml")
        if spec["type"] == "phrase" and spec.get("lists"):
            spec = dict(spec, phrases=list(spec.get("phrases", [])) + _read_lists(path, spec["lists"]))
            if len(spec["phrases"]) > MAX_PHRASES:
                raise RulePackError(f"{path}: {len(spec['phrases']):,} phrases with its lists, over the limit of "
                                    f"{MAX_PHRASES:,} a rule")
        spec = vocabulary.expand_spec(spec)
        source = spec["source"]
        pack.rules.append(Rule(
            code=spec["code"], name=spec["name"], type=spec["type"], category=spec["category"],
            severity=spec["severity"], message=spec["message"], description=spec["description"],
            source=[source] if isinstance(source, str) else list(source), pack=pack.name, path=path,
            spec=spec, fix_safe=spec.get("fix_safe") is True, confidence=spec.get("confidence"),
            languages=tuple(spec.get("languages", [pack.language] if pack.language else [])),
            default=pack.default,
        ))
    return pack


def _read_lists(rule_path: Path, names: list[str]) -> list[dict]:
    """Read LanguageTool-style list files: 'phrase=replacement|replacement<TAB>message'."""
    entries = []
    for name in names:
        path = rule_path.parent / name
        try:
            lines = _read_bounded(path).splitlines()
        except OSError as exc:
            raise RulePackError(f"{rule_path}: list {name}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise RulePackError(f"{rule_path}: list {name}: not UTF-8") from None
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            body, _, message = line.partition("\t")
            phrase, sep, replacement = body.partition("=")
            if not sep or not phrase.strip():
                raise RulePackError(f"{path}:{number}: expected 'phrase=replacement'")
            entry = {"match": phrase.strip(), "suggest": [r.strip() for r in replacement.split("|")]}
            if message.strip():
                entry["message"] = message.strip()
            entries.append(entry)
    return entries


def discover(dirs: Iterable[Path]) -> list[Path]:
    """Return pack folders: each dir is a pack itself or a folder of packs."""
    found = []
    for d in dirs:
        d = Path(d)
        if not d.is_dir():
            raise RulePackError(f"{d}: rule pack folder not found")
        if (d / "pack.yml").is_file():
            found.append(d)
        else:
            subs = sorted(p for p in d.iterdir() if (p / "pack.yml").is_file())
            if not subs:
                raise RulePackError(f"{d}: holds no rule pack (no pack.yml)")
            found.extend(subs)
    return found


def selected(code: str, select: Iterable[str], ignore: Iterable[str], default: bool = True,
             aliases: Iterable[str] = (), extend: Iterable[str] = ()) -> bool:
    """Apply select/ignore by code prefix: the longest matching prefix decides.

    extend (extend-select) adds rules to the selection, or to the default rules when select is empty.
    """
    names = (code, *aliases)
    sel = max((len(p) for p in (*select, *extend) for n in names if n.startswith(p)), default=-1)
    ign = max((len(p) for p in ignore for n in names if n.startswith(p)), default=-1)
    if sel < 0 and ign < 0:
        return default and not list(select)
    return sel > ign


@dataclass
class RuleSet:
    """Every loaded rule, and the ones selected for this run."""

    packs: list[Pack]
    rules: list[Rule]

    def by_code(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code), None)


def unknown_prefixes(prefixes: Iterable[str], packs: list[Pack]) -> list[str]:
    """The prefixes that start no rule code (nor alias, nor LanguageTool's LT: codes)."""
    names = {n for p in packs for r in p.rules for n in (r.code, *r.spec.get("aliases", ()))}
    names.add("LT:")
    return [p for p in dict.fromkeys(prefixes)
            if not (p.startswith("LT:") or any(n.startswith(p) for n in names))]


def load_rules(extra_dirs: Iterable[Path] = (), select: Iterable[str] = (), ignore: Iterable[str] = (),
               builtin: bool = True, extend: Iterable[str] = (), origin: str | None = None,
               file_codes: Iterable[str] = ()) -> RuleSet:
    """Load the built-in packs and any extra ones, then keep the selected rules.

    A select, ignore or extend prefix that starts no rule code is an error (a typo must not pass as
    "nothing found"); origin names the settings file for the prefixes it gave (file_codes).
    """
    dirs = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    packs = [load_pack(p) for p in discover(dirs)]
    seen: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.code in seen:
                raise RulePackError(f"{rule.path}: code {rule.code} is already used by {seen[rule.code].path}")
            seen[rule.code] = rule
    from .confidence import measured

    for pack in packs:   # each rule's precision measured on real data, unless its file states one
        for rule in pack.rules:
            if rule.spec.get("confidence") is None:
                rule.confidence = measured(rule.code)
    select, ignore, extend = list(select), list(ignore), list(extend)
    for key, prefixes in (("select", select), ("ignore", ignore), ("extend-select", extend)):
        bad = unknown_prefixes(prefixes, packs)
        if bad:
            where = f" ({origin})" if origin and bad[0] in set(file_codes) else ""
            raise ConfigError(f"unknown rule code or prefix {bad[0]!r} in {key}{where}")
    rules = [r for p in packs for r in p.rules
             if selected(r.code, select, ignore, r.default, r.spec.get("aliases", ()), extend)]
    return RuleSet(packs=packs, rules=rules)
