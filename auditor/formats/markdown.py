"""A Markdown report for pull-request comments and wikis (check --format markdown)."""
from __future__ import annotations

from ..model import Report
from ..reporting import combined_markdown


def render(report: Report, engine=None, **_options) -> str:
    return combined_markdown(report)
