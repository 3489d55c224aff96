"""Shared vocabularies (month and weekday names, function words, ...): word lists read from rules/vocabulary.

A vocabulary is a text file `rules/vocabulary/<name>.txt`: one entry a line, '#' starts a comment, and a
line `{other}` includes the vocabulary `other`. Python reads one with words(name) or alternation(name);
a rule's regex names one as `{name}` and gets it written out when its pack loads (expand). The same
reader serves a pack's own lists (read_list), where `{name}` includes a shared vocabulary too.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .errors import RulePackError

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9-]*)\}")


def vocabulary_dir() -> Path:
    """Return the folder of the shared vocabularies (source checkout or wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules" / "vocabulary", here.parent / "rules" / "vocabulary"):
        if candidate.is_dir():
            return candidate
    raise RulePackError("auditor's shared vocabularies are missing; reinstall auditor")


@lru_cache(maxsize=None)
def names() -> frozenset[str]:
    """Return the names of the shared vocabularies."""
    return frozenset(p.stem for p in vocabulary_dir().glob("*.txt"))


@lru_cache(maxsize=None)
def read_list(path: str | Path) -> tuple[str, ...]:
    """Read a word or cue list: one entry a line, in file order, shared vocabularies `{name}` included."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulePackError(f"{path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise RulePackError(f"{path}: not UTF-8") from None
    out: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        include = _PLACEHOLDER.fullmatch(entry)
        if include:
            if include.group(1) not in names():
                raise RulePackError(f"{path}:{number}: unknown vocabulary {entry}")
            out.extend(words(include.group(1)))
        else:
            out.append(entry)
    return tuple(dict.fromkeys(out))


def words(name: str) -> tuple[str, ...]:
    """Return the entries of a shared vocabulary, in file order."""
    if name not in names():
        raise RulePackError(f"unknown vocabulary {{{name}}} (none in {vocabulary_dir()})")
    return read_list(vocabulary_dir() / f"{name}.txt")


def alternation(*entries_or_names: str | tuple[str, ...], escape: bool = True) -> str:
    """Return a regex group matching any entry of the named vocabularies (or given tuples), longest first.

    Longest first, so that an entry that begins another ("Sep", "Sept") never cuts the longer one short.
    """
    entries: list[str] = []
    for item in entries_or_names:
        entries.extend(words(item) if isinstance(item, str) else item)
    unique = sorted(dict.fromkeys(entries), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(e) if escape else e for e in unique) + ")"


def expand(pattern: str) -> str:
    """Write out every `{name}` of a shared vocabulary in a regex; other braces stay as they are."""
    if "{" not in pattern:
        return pattern
    return _PLACEHOLDER.sub(lambda m: alternation(m.group(1)) if m.group(1) in names() else m.group(0), pattern)


def files() -> list[Path]:
    """Return the vocabulary files (a pack cache depends on them)."""
    return sorted(vocabulary_dir().glob("*.txt"))


def pack_list(pack: str, name: str) -> tuple[str, ...]:
    """Return the entries of a list file of a built-in pack (rules/<pack>/<name>)."""
    return read_list(vocabulary_dir().parent / pack / name)


def cues(pack: str, name: str) -> str:
    """Return a cue file's regex alternatives joined in file order; a tab ends a cue (its example follows)."""
    return "|".join(expand(entry.split("\t", 1)[0]) for entry in pack_list(pack, name))


_REGEX_KEYS = frozenset({"pattern", "unless", "context", "regex"})


def expand_spec(spec):
    """Return a rule's data with the shared vocabularies its regexes name written out (examples untouched)."""
    if isinstance(spec, dict):
        return {k: (expand(v) if k in _REGEX_KEYS and isinstance(v, str)
                    else v if k == "examples" else expand_spec(v)) for k, v in spec.items()}
    if isinstance(spec, list):
        return [expand_spec(v) for v in spec]
    return spec


def pack_map(pack: str, name: str) -> dict[str, str]:
    """Return a map file of a built-in pack: 'key=value' a line (LanguageTool's replace.txt form)."""
    out = {}
    for entry in pack_list(pack, name):
        key, sep, value = entry.partition("=")
        if not sep:
            raise RulePackError(f"{vocabulary_dir().parent / pack / name}: expected 'key=value', got {entry!r}")
        out[key.strip()] = value.strip()
    return out
