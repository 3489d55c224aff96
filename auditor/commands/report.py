"""auditor report: write an HTML and a Markdown report per article and an index over the corpus."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import AuditorError
from . import add_audit_options, resolve_config


def register(sub) -> None:
    p = sub.add_parser(
        "report", help="write HTML and Markdown reports per article and an index",
        description="Audit the articles together and write, into DIR, NAME.html and NAME.md for each "
                    "article, index.html and index.md over all of them, and scores.svg. The files are "
                    "self-contained and deterministic: the same input gives the same bytes.",
    )
    add_audit_options(p)
    p.add_argument("--output", "-o", metavar="DIR", required=True, help="folder to write the reports into")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..reporting import write_reports
    from ..runner import audit

    config = resolve_config(args)
    report, _engine = audit(args.paths, config)
    for error in report.errors:
        print(f"auditor: error: {error}", file=sys.stderr)
    if not report.documents:
        return 2
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise AuditorError(f"{args.output}: not a folder")
    try:
        files = write_reports(report, out)
    except OSError as exc:
        raise AuditorError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    print(f"auditor: wrote {len(files)} files to {args.output} "
          f"({len(report.documents)} articles; open {out / 'index.html'})", file=sys.stderr)
    return 2 if report.errors else 0
