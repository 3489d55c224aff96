"""The auditor command line: check, rules, and the commands that plug in beside them."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__
from .errors import AuditorError

INTERNAL_ERROR = 3   # an unexpected failure inside auditor (0 clean, 1 findings, 2 usage or input error)

# One module per command in auditor.commands, each with register(subparsers).
COMMANDS = ("check", "report", "fix", "rules", "lsp", "serve")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of one (``only``): a command's module is imported only to run it."""
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="Audit news articles for translation artifacts and quality problems.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in ((only,) if only in COMMANDS else COMMANDS):
        try:
            module = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name == f"{__package__}.commands.{name}":
                continue
            raise
        module.register(sub)
    return parser




def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(words[0] if words else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors already
        return int(exc.code or 0)
    try:
        return int(args.func(args) or 0)
    except AuditorError as exc:
        print(f"auditor: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return 1
    except OSError as exc:   # standard output or a report file that cannot be written (a full disk)
        _drop_stdout()
        print(f"auditor: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print("auditor: error: input nested too deeply to read", file=sys.stderr)
        return 2
    except Exception as exc:   # a defect: one line, and an exit status that is not "findings"
        reason = " ".join(str(exc).split())[:300]
        print(f"auditor: internal error: {type(exc).__name__}: {reason} (exit status {INTERNAL_ERROR})",
              file=sys.stderr)
        return INTERNAL_ERROR


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
