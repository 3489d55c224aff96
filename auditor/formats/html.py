"""One self-contained HTML page with every article highlighted (check --format html)."""
from __future__ import annotations

from ..model import Report
from ..reporting import combined_html


def render(report: Report, engine=None, **_options) -> str:
    return combined_html(report)
