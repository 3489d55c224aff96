"""auditor check: audit articles and print findings; the exit status says whether to publish."""
from __future__ import annotations

import sys

from ..formats import FORMATS, render_chunks
from ..model import SEVERITY_RANK
from . import add_audit_options, resolve_config, write_output


EXIT_STATUS = """\
exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or input error (a file that cannot be read, bad settings, a rule pack that cannot be loaded)
  3  internal error in auditor (one line on standard error; please report it)
"""


def register(sub) -> None:
    import argparse

    p = sub.add_parser("check", help="audit articles and print the findings",
                       description="Audit articles and print the findings.", epilog=EXIT_STATUS,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_audit_options(p)
    p.add_argument("--format", "-f", choices=FORMATS, default="text", help="output format (default text)")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of standard output")
    p.add_argument("--fail-on", metavar="SEVERITY",
                   help="exit 1 when a finding is at least this severe: minor, major, critical, never")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.set_defaults(func=run)


def exit_status(report, fail_on: str) -> int:
    """2 for input errors, 1 for findings at or above fail_on, else 0."""
    if report.errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    worst = report.worst()
    failing = any(d.failing for d in report.documents)
    return 1 if (worst and SEVERITY_RANK[worst] >= threshold) or failing else 0


def run(args) -> int:
    from ..runner import audit

    config = resolve_config(args)
    report, engine = audit(args.paths, config)
    report.warnings = list(engine.warnings)
    for error in report.errors:
        print(f"auditor: error: {error}", file=sys.stderr)
    for warning in report.warnings:
        print(f"auditor: warning: {warning}", file=sys.stderr)
    colour = args.color == "always" or (args.color == "auto" and not args.output
                                               and sys.stdout is not None and sys.stdout.isatty())
    write_output(render_chunks(args.format, report, engine, colour=colour), args.output)
    return exit_status(report, config.fail_on)
