"""auditor lsp: the language server that editors start to show findings as writers type."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("lsp", help="run the language server (LSP over standard input and output)")
    p.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")
    p.add_argument("--log-file", metavar="FILE", help="write the server's log here instead of standard error")
    p.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="warning")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..lsp.server import serve

    serve(log_file=args.log_file, level=args.log_level)
    return 0
