"""auditor fix: apply the suggestions that rules mark as safe, in place or as a diff."""
from __future__ import annotations

import difflib
import sys
from collections import Counter
from pathlib import Path

from . import add_audit_options, resolve_config

EPILOG = """\
Only findings whose fix is marked safe are applied (with --unsafe-fixes, every finding with a
suggestion), each with its first suggestion; two edits never overlap. After applying, the articles
are audited again and fixed again until nothing is left to fix, so a second run changes nothing.
In HTML only edits on plain prose (no tags or entities inside the span) are applied. Files are
written atomically and keep their permissions, owner, byte-order mark and line endings; a symbolic
link is written through and hard links are kept. A file that changed on disk while it was being
fixed is left alone. '-' reads standard input and writes the fixed text to standard output.

exit status:
  0  nothing to fix
  1  fixes were applied (or, with --diff, would be applied)
  2  usage or input error, or a file that could not be written (the others are still fixed)
  3  internal error in auditor
"""


def register(sub) -> None:
    import argparse

    p = sub.add_parser("fix", help="apply the fixes that rules mark as safe",
                       description="Apply the safe fixes of the findings in articles.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_audit_options(p)
    p.add_argument("--diff", action="store_true", help="print a unified diff and write nothing")
    p.add_argument("--unsafe-fixes", action=argparse.BooleanOptionalAction, default=None,
                   help="also apply the fixes that are not marked safe (each finding's first suggestion); "
                        "the configuration's unsafe-fixes setting is the default")
    p.set_defaults(func=run)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, with git-style a/ b/ names."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(a, b, fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}"):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)


def run(args) -> int:
    from ..engine import load_documents
    from ..errors import shown
    from ..fileio import clean_stale
    from ..fixes import MAX_ROUNDS, fix_documents
    from ..engine import engine_for

    config = resolve_config(args)
    engine = engine_for(config)
    docs, errors = load_documents(args.paths, config)
    for error in errors:
        print(f"auditor: error: {error}", file=sys.stderr)
    for doc in docs:
        if doc.path != "<stdin>":
            clean_stale(doc.path)
    unsafe = config.unsafe_fixes if args.unsafe_fixes is None else args.unsafe_fixes
    results = fix_documents(engine, docs, safe_only=not unsafe)
    fixed = 0
    failed = bool(errors)
    for doc, result in zip(docs, results):
        if not result.changed:
            continue
        counts = Counter(e.rule for e in result.edits)
        summary = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in sorted(counts.items()))
        if args.diff:
            sys.stdout.write(unified_diff(doc.path, result.original, result.text))
        elif doc.path == "<stdin>":
            sys.stdout.write(result.text)
        else:
            problem = _write_back(doc, result.text)
            if problem:
                print(f"auditor: error: {shown(doc.path)}: {problem}", file=sys.stderr)
                failed = True
                continue
        fixed += 1
        verb = "would fix" if args.diff else "fixed"
        print(f"{shown(doc.path)}: {verb} {len(result.edits)} ({summary})", file=sys.stderr)
        if not result.settled:
            print(f"{shown(doc.path)}: warning: fixes still change the text after {MAX_ROUNDS} rounds",
                  file=sys.stderr)
    for doc, result in zip(docs, results):
        if doc.path == "<stdin>" and not result.changed and not args.diff:
            sys.stdout.write(result.text)
    sys.stdout.flush()
    if failed:
        return 2
    return 1 if fixed else 0


def _write_back(doc, text: str) -> str | None:
    """Write a fixed article over its file; return why it was not written, or None."""
    from ..documents import decode
    from ..errors import InputError
    from ..fileio import atomic_write

    try:
        with open(doc.path, "rb") as handle:
            now = handle.read()
    except OSError as exc:
        return f"cannot read it again: {exc.strerror or exc}"
    try:
        unchanged = decode(now, doc.path) == doc.text
    except InputError:
        unchanged = False
    if not unchanged:
        return "changed on disk while it was being fixed: not written (run fix again)"
    try:
        atomic_write(Path(doc.path), text, bom=now.startswith(b"\xef\xbb\xbf"))
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}"
    return None
