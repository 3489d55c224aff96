"""The closed set of check types. Each turns rules of its type into findings on prose.

A check type is one module of this package with a CheckType subclass (see base.py), named in
check_types() below; docs/check-types.md shows how one is added.
"""
from __future__ import annotations

from .base import (GUARD_WINDOW, REGEX_TIMEOUT, CheckType, Guards, LazyRegex, compile_regex,  # noqa: F401
                   derive, rule_regex, rule_regexes, suggestions_of, triggered)


def check_types() -> dict[str, type[CheckType]]:
    from .bilingual import BilingualCheck
    from .consistency import ConsistencyCheck
    from .grammar import GrammarCheck
    from .pattern import PatternCheck
    from .phrase import PhraseCheck
    from .python import PythonChecks

    return {"phrase": PhraseCheck, "pattern": PatternCheck,
            "consistency": ConsistencyCheck, "python": PythonChecks,
            "bilingual": BilingualCheck, "grammar": GrammarCheck}
