"""Options shared by the commands that audit articles."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Iterable

from .. import config as config_mod
from ..config import FAIL_ON, Config
from ..errors import AuditorError


def _codes(value: str) -> list[str]:
    return [v for v in value.replace(",", " ").split() if v]


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """--select, --ignore, --extend-select, --extend-ignore, with ruff's meaning."""
    parser.add_argument("--select", type=_codes, metavar="CODES",
                        help="only rules whose code starts with one of these (comma-separated); replaces the "
                             "configuration's select and ignore")
    parser.add_argument("--ignore", type=_codes, metavar="CODES",
                        help="skip rules whose code starts with these; replaces the configuration's ignore")
    parser.add_argument("--extend-select", type=_codes, metavar="CODES",
                        help="also run these rules, on top of the selection")
    parser.add_argument("--extend-ignore", type=_codes, metavar="CODES",
                        help="also skip these rules, on top of the configuration's ignore")


def selection(base: Config, args: argparse.Namespace) -> Config:
    """The configuration with the command line's selection laid over it."""
    return base.selecting(args.select, args.ignore, args.extend_select, args.extend_ignore)


def add_audit_options(parser: argparse.ArgumentParser) -> None:
    """Options every auditing command takes."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="articles or folders (.txt, .md, .html); '-' reads standard input")
    add_selection_options(parser)
    parser.add_argument("--packs", action="append", metavar="DIR", help="an extra rule-pack folder (repeatable)")
    parser.add_argument("--config", metavar="FILE", help="read settings from this file")
    parser.add_argument("--no-config", action="store_true", help="ignore configuration files")
    parser.add_argument("--max-size", type=int, metavar="BYTES", help="largest article accepted")
    parser.add_argument("--languagetool", metavar="URL", help="also ask this LanguageTool server")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes for large corpora")
    parser.add_argument("--engine", choices=("local", "dask"), help="where to run the per-article checks")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (with --engine dask)")
    parser.add_argument("--scheduler-timeout", type=float, metavar="SECONDS",
                        help="give up reaching the Dask scheduler after this long (default 10)")
    parser.add_argument("--report-unused-suppressions", action="store_true", default=None,
                        help="report suppression comments that silence nothing")


def resolve_config(args: argparse.Namespace) -> Config:
    """Settings from the config file found upwards from the first path, then the command line."""
    if args.config:
        base = config_mod.load(args.config)
    elif args.no_config:
        base = Config()
    else:
        first = next((p for p in args.paths if p != "-"), os.getcwd())
        base = config_mod.discover(first if Path(first).exists() else os.getcwd())
    packs = tuple(base.packs) + tuple(str(Path(p).resolve()) for p in (args.packs or ()))
    fail_on = getattr(args, "fail_on", None)
    if fail_on is not None and fail_on not in FAIL_ON:
        raise AuditorError(f"--fail-on must be one of {', '.join(FAIL_ON)}")
    fail_confidence = getattr(args, "fail_confidence", None)
    if fail_confidence is not None and not 0 <= fail_confidence <= 1:
        raise AuditorError("--fail-confidence must be a number from 0 to 1")
    if args.jobs is not None and args.jobs < 1:
        raise AuditorError("--jobs must be at least 1")
    if args.max_size is not None and args.max_size < 1:
        raise AuditorError("--max-size must be at least 1")
    timeout = getattr(args, "scheduler_timeout", None)
    if timeout is not None and not 0 < timeout < float("inf"):
        raise AuditorError("--scheduler-timeout must be a positive number of seconds")
    return selection(base, args).merged(
        packs=packs, fail_on=fail_on, fail_confidence=fail_confidence, max_size=args.max_size,
        languagetool=args.languagetool,
        jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, scheduler_timeout=timeout,
        report_unused_suppressions=args.report_unused_suppressions,
    )


def write_output(text: str | Iterable[str], output: str | None) -> None:
    """Write text, or pieces of text in turn, to a file (atomically) or to standard output."""
    if not output or output == "-":
        if sys.stdout is None:
            raise AuditorError("standard output is closed: give --output FILE")
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(_printable(piece))
        sys.stdout.flush()
        return
    from ..fileio import atomic_write

    try:
        atomic_write(Path(output), map(_printable, [text] if isinstance(text, str) else text))
    except OSError as exc:
        raise AuditorError(f"{output}: cannot write: {exc.strerror}") from None


def _printable(piece: str) -> str:
    """Text as valid UTF-8: a file name's undecodable bytes (kept as surrogates) become U+FFFD."""
    try:
        piece.encode("utf-8")
        return piece
    except UnicodeEncodeError:
        return piece.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
