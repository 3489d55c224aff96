"""A rule as data: its fields, its message and fix templates, and the finding it makes.

A leaf of the package: it knows nothing of packs on disk, check types or the engine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .model import Finding

_TEMPLATE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)((?:\|[A-Za-z0-9_-]+)*)\}")


class NoSuggestion(Exception):
    """A template asked a map for a value it does not hold: the rule does not apply."""


def match_case(matched: str, replacement: str) -> str:
    """Give a replacement the capitalisation of the text it replaces."""
    if not replacement or not matched:
        return replacement
    if matched.isalpha() and len(matched) <= 6 and sum(c.isupper() for c in matched) >= 2:
        return replacement  # an abbreviation ("FRG", "MChS", "BADs") written out: its case is not the text's
    if matched.isupper() and len(matched) > 1 and any(c.isalpha() for c in matched):
        return replacement if any(c.isupper() for c in replacement[1:]) else replacement.upper()
    if matched[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    if matched[0].islower() and replacement[0].isupper() and replacement[:2] not in ("I ",) \
            and not (len(replacement) > 1 and replacement[1].isupper()):
        # "the boss of" -> "The head of" would wrongly capitalise mid-sentence
        first_word = replacement.split(" ", 1)[0]
        if first_word.lower() in _LOWERABLE:
            return replacement[0].lower() + replacement[1:]
    return replacement


_LOWERABLE = frozenset("the a an this that these those its their his her our".split())


@dataclass(eq=False)
class Rule:
    """One rule of a pack, as loaded and validated from its YAML file."""

    code: str
    name: str
    type: str
    category: str
    severity: str
    message: str
    description: str
    source: list[str]
    pack: str
    path: Path
    spec: dict[str, Any] = field(repr=False)
    fix_safe: bool = False
    confidence: float | None = None
    languages: tuple[str, ...] = ()
    default: bool = True
    # set when a pack is cached: {"valid": its regexes compile, "literals": a pattern's prefilter}
    derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict:
        # the file's path as text: a Path costs more to unpickle (from a pack's cache) than the rest of
        # the rule; it is made again on first use
        state = dict(self.__dict__)
        if "path" in state:
            state["_path_text"] = str(state.pop("path"))
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str):
        if name == "path" and "_path_text" in self.__dict__:
            path = self.__dict__["path"] = Path(self.__dict__["_path_text"])
            return path
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def family(self) -> str:
        return self.category.split(".", 1)[0]

    @property
    def examples(self) -> list[dict]:
        return self.spec.get("examples", [])

    def render(self, template: str, values: dict[str, str]) -> str:
        """Fill {name} and {name|filter|...} from values; filters are maps or case changes."""
        maps = self.spec.get("maps", {})

        def sub(m: re.Match) -> str:
            value = values.get(m.group(1))
            if value is None:
                return m.group(0) if m.group(1) not in values else ""
            for flt in filter(None, m.group(2).split("|")):
                if flt == "lower":
                    value = value.lower()
                elif flt == "upper":
                    value = value.upper()
                elif flt == "title":
                    value = value.title()
                elif flt == "cap":
                    value = value[:1].upper() + value[1:]
                elif flt == "squash":
                    value = " ".join(value.split())
                elif flt in maps:
                    table = maps[flt]
                    key = " ".join(value.split())
                    hit = table.get(key, table.get(key.lower()))
                    if hit is None:
                        hit = next((v for k, v in table.items() if k.lower() == key.lower()), None)
                    if hit is None:
                        raise NoSuggestion(flt)
                    value = hit
                else:
                    raise NoSuggestion(flt)
            return value

        return _TEMPLATE.sub(sub, template)

    def finding(self, start: int, end: int, matched: str, suggestions: Iterable[str] = (),
                values: dict[str, str] | None = None, message: str | None = None,
                severity: str | None = None, confidence: float | None = None,
                data: dict | None = None) -> Finding:
        """Build a finding of this rule at a prose span."""
        suggestions = tuple(dict.fromkeys(suggestions))
        values = {"match": matched, "suggestion": suggestions[0] if suggestions else "", **(values or {})}
        try:
            text = self.render(message or self.message, values)
        except NoSuggestion:
            text = message or self.message
        return Finding(
            rule=self.code, name=self.name, category=self.category,
            severity=severity or self.severity, start=start, end=end, message=text,
            suggestions=suggestions, confidence=self.confidence if confidence is None else confidence,
            fix_safe=self.fix_safe, data=data or {},
        )
