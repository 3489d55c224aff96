"""auditor check: audit articles and print findings; the exit status says whether to publish."""
from __future__ import annotations

import sys

from ..formats import FORMATS, render_chunks
from ..confidence import GATE_CONFIDENCE, blocks
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
    p.add_argument("--fail-confidence", type=float, metavar="P",
                   help="count only findings of rules measured at this precision or better, and critical ones "
                        "(default 0.9; 0 counts every finding)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--source", metavar="FILE",
                   help="the original the article translates (one article); else NAME.source.txt beside NAME.txt")
    p.add_argument("--source-language", metavar="LANG",
                   help="the source's language (ISO 639-1), when it should not be detected")
    p.set_defaults(func=run)


def exit_status(report, fail_on: str, fail_confidence: float = GATE_CONFIDENCE) -> int:
    """2 for input errors; 1 for a critical finding, or one at or above fail_on from a rule measured at
    fail_confidence precision or better; else 0."""
    if report.errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    # one pass: a corpus's article reports may be finished each time they are read (FinishedOnRead)
    return 1 if any(d.failing or any(blocks(f, threshold, fail_confidence) for f in d.findings)
                    for d in report.documents) else 0


def run(args) -> int:
    from ..runner import audit

    config = resolve_config(args)
    # the report is read in turn (written, then its exit status): each article is finished as it is read
    report, engine = audit(args.paths, config, args.source, args.source_language, on_read=True)
    report.warnings = list(engine.warnings)
    for error in report.errors:
        print(f"auditor: error: {error}", file=sys.stderr)
    for warning in report.warnings:
        print(f"auditor: warning: {warning}", file=sys.stderr)
    colour = args.color == "always" or (args.color == "auto" and not args.output
                                               and sys.stdout is not None and sys.stdout.isatty())
    write_output(render_chunks(args.format, report, engine, colour=colour), args.output)
    return exit_status(report, config.fail_on, config.fail_confidence)
