"""Each rule's precision as measured on real data (bench/confidence.py writes the table auditor ships)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

MIN_FINDINGS = 10   # fewer measured findings than this: no confidence (see blocks())
GATE_CONFIDENCE = 0.9


@lru_cache(maxsize=None)
def table() -> dict[str, dict]:
    """Return rule code -> {"precision", "findings", "true", "sources"} from auditor/data/confidence.json."""
    try:
        data = json.loads((Path(__file__).resolve().parent / "data" / "confidence.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):   # not shipped or damaged: no rule has a measured confidence
        return {}
    rules = data.get("rules", {}) if isinstance(data, dict) else {}
    return {code: row for code, row in rules.items() if isinstance(row, dict)}


def measured(code: str) -> float | None:
    """Return a rule's measured precision, or None when it was measured on too few findings."""
    row = table().get(code)
    if not row or row.get("findings", 0) < MIN_FINDINGS or row.get("precision") is None:
        return None
    return float(row["precision"])


def describe(code: str) -> str:
    """Say in a few words how sure a rule is: its precision, and on how many findings."""
    row = table().get(code)
    if not row or not row.get("findings"):
        return "never fired on the dev data"
    text = f"precision {row['precision']:.2f} on {row['findings']} findings"
    if row["findings"] >= MIN_FINDINGS:
        return text
    return text + (" (too few for a confidence; no false one, so it can fail the gate)"
                   if row.get("true", 0) >= row["findings"] else " (too few for a confidence; a false one, so it never fails the gate unless critical)")


def blocks(finding, threshold_rank: int, min_confidence: float = GATE_CONFIDENCE) -> bool:
    """Tell whether a finding fails the gate.

    A critical finding always does. Below the threshold severity none does. At or above it: a finding
    with a confidence (measured on enough findings, or stated by its rule) blocks when that confidence is
    at least min_confidence; one without (its rule fired fewer than MIN_FINDINGS times on the dev data)
    blocks unless a false finding of its rule was measured. min_confidence 0 counts every finding.
    """
    from .model import SEVERITY_RANK

    if finding.severity == "critical":
        return True
    if SEVERITY_RANK[finding.severity] < threshold_rank:
        return False
    if min_confidence <= 0:
        return True
    if finding.confidence is not None:
        return finding.confidence >= min_confidence
    row = table().get(finding.rule)
    return not row or row.get("true", 0) >= row.get("findings", 0)
