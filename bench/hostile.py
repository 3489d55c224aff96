"""Time the six hostile articles at full size: CPU seconds of one audit, best of three, after warm-up.

    taskset -c 0 python bench/hostile.py              # every article
    python bench/hostile.py name-variants             # one of them

The articles are those of tests/robustness/test_hostile_growth.py (which audits them at smaller sizes).
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "robustness"))

FULL = {"byline-regex-word": 12_500, "mojibake-one-line": 8_000, "one-name-repeated": 10_000,
        "name-variants": 20_000, "capitalised-words": 20_000, "latin-cyrillic-lookalikes": 10_000}


def main(argv: list[str]) -> int:
    import test_hostile_growth as hostile
    from auditor.api import engine_for
    from auditor.documents import Document

    engine = engine_for()
    engine.audit([Document.from_text("Warm up the lexicons. Ã©tÃ© Mr Smith.", path="warm.txt")])
    for name in argv or list(FULL):
        text = hostile.CASES[name][0](FULL[name])
        best, report = float("inf"), None
        for _ in range(3):
            doc = Document.from_text(text, path=f"{name}.txt")
            start = time.process_time()
            report = engine.audit([doc])
            best = min(best, time.process_time() - start)
        rules = Counter(f.rule for f in report.documents[0].findings)
        bounds = sum(f.data.get("reason") == "bound" for f in report.documents[0].findings)
        print(f"{name:26} {len(text.encode()) / 1000:5.0f} KB  {best:5.2f} s CPU  "
              f"{sum(rules.values())} findings ({bounds} bound)  {dict(rules.most_common(3))}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
