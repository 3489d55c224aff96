"""The auditor command line: check, rules, and the commands that plug in beside them."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__, collector
from .errors import AuditorError

INTERNAL_ERROR = 3   # an unexpected failure inside auditor (0 clean, 1 findings, 2 usage or input error)

# One module per command in auditor.commands, each with register(subparsers).
COMMANDS = ("check", "report", "fix", "rules", "lsp", "serve")


class _Parser(argparse.ArgumentParser):
    """argparse's parser, except that help or version text that cannot be written is an error.

    argparse drops an OSError from writing ``--help`` or ``--version`` and exits 0; a full disk or a
    closed standard output must end in one line and exit status 2, as for any other output.
    """

    def _print_message(self, message, file=None):
        if message and file is sys.stdout and file is not None:
            file.write(message)
            file.flush()
        else:
            super()._print_message(message, file)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of one (``only``): a command's module is imported only to run it."""
    parser = _Parser(
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
    # no garbage collection while the command's modules load and `check` builds its engine
    # (auditor/collector.py): the engine resumes it once built, every other command at once
    collector.hold()
    try:
        return _main(argv, words)
    finally:
        collector.release()


def _main(argv: list[str] | None, words: list[str]) -> int:
    parser = build_parser(words[0] if words else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors already
        return int(exc.code or 0)
    except BrokenPipeError:    # help or version text into a reader that went away
        _drop_stdout()
        return 1
    except (OSError, ValueError) as exc:   # help or version text onto a full disk or a closed stream
        _drop_stdout()
        print(f"auditor: error: cannot write: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 2
    if args.command != "check":
        collector.release()
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


def run() -> None:
    """The console command: main(), then an end that leaves freeing its memory to the operating system.

    Freeing the loaded rules object by object costs a short run a tenth of its time. Where only this
    thread runs, the exit handlers run and the standard streams are flushed, then the process ends at
    once; otherwise (a server's threads) the interpreter ends as usual.
    """
    status = main()
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(status)
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):   # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(status)


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


if __name__ == "__main__":  # pragma: no cover
    run()
