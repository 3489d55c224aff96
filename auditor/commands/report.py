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
    p.add_argument("--clean", action="store_true",
                   help="also delete report files an earlier run left in DIR for articles no longer given "
                        "(only files auditor wrote, recognised by their mark)")
    p.set_defaults(func=run)


def _inputs(paths: list[str], out: Path) -> list[str]:
    """Expand folders, leaving out earlier reports written inside them."""
    from ..documents import expand_paths
    from ..errors import InputError

    target = out.resolve()
    found: list[str] = []
    for raw in paths:
        try:
            files = list(expand_paths([raw]))
        except InputError:
            found.append(raw)  # reported as an input error by the audit
            continue
        if Path(raw).is_dir():
            files = [f for f in files if not Path(f).resolve().is_relative_to(target)]
            if not files:
                raise AuditorError(f"{raw}: folder holds no articles besides earlier reports")
        found.extend(files)
    return found


def _clean(out: Path, keep: list[Path]) -> None:
    """Delete files in out that an earlier run wrote (they carry auditor's mark) and this run did not."""
    from ..reporting import MARK

    kept = {p.name for p in keep}
    for path in out.iterdir():
        if not path.is_file() or path.suffix not in (".html", ".md", ".svg") or path.name in kept:
            continue
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(400)
        if MARK in head:
            path.unlink()


def run(args) -> int:
    from ..reporting import write_reports
    from ..runner import audit

    config = resolve_config(args)
    out = Path(args.output)
    report, _engine = audit(_inputs(args.paths, out), config)
    for error in report.errors:
        print(f"auditor: error: {error}", file=sys.stderr)
    if not report.documents:
        return 2
    if out.exists() and not out.is_dir():
        raise AuditorError(f"{args.output}: not a folder")
    try:
        files = write_reports(report, out)
        if args.clean:
            _clean(out, files)
    except OSError as exc:
        raise AuditorError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    n = len(report.documents)
    print(f"auditor: wrote {len(files)} files to {args.output} "
          f"({n} article{'s' if n != 1 else ''}; open {out / 'index.html'})", file=sys.stderr)
    return 2 if report.errors else 0
