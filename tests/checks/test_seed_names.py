"""The seed articles: spelling, name and fact findings land on the known problems and nowhere else."""
from __future__ import annotations

from pathlib import Path

from auditor.config import Config
from auditor.documents import read_document
from auditor.engine import Engine

from conftest import SEEDS


def test_seed_spelling_names_and_facts():
    engine = Engine(Config(select=("SP", "NM", "CF")))
    report = engine.audit([read_document(p) for p in sorted(SEEDS.glob("*.txt"))])
    got = sorted((Path(d.path).name[:3], d.text[f.start:f.end], f.suggestions[0] if f.suggestions else None)
                 for d in report.documents for f in d.findings)
    assert got == sorted([
        ("001", "Dmitri", "Dmitry"), ("001", "Dmitri", "Dmitry"), ("001", "Dmitri", "Dmitry"),
        ("001", "Riscosmos", "Roscosmos"), ("001", "Jonhnson", "Johnson"), ("001", "space center", "Space Center"),
        ("001", "CREW-11", "Crew-11"), ("001", "international space station", "International Space Station"),
        ("001", "in eight years", "in seven years"), ("003", "leaser", "leased"),
        ("004", "ArtemchukTuesday", "Artemchuk, Tuesday"), ("004", "RussiaUSA", "Russia USA"),
        ("002", "Biden administration", "Trump administration"),
    ])
