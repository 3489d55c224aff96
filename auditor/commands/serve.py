"""auditor serve: answer LanguageTool's HTTP API (/v2/check, /v2/languages) with auditor's findings."""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from .. import config as config_mod
from ..config import Config
from ..errors import AuditorError
from . import add_selection_options, selection


def register(sub) -> None:
    p = sub.add_parser("serve", help="run a LanguageTool-compatible HTTP server (/v2/check) for editors and add-ons")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8010, help="port to listen on (default 8010; 0 picks a free one)")
    add_selection_options(p)
    p.add_argument("--packs", action="append", metavar="DIR", help="an extra rule-pack folder (repeatable)")
    p.add_argument("--config", metavar="FILE", help="read settings from this file")
    p.add_argument("--no-config", action="store_true", help="ignore configuration files")
    p.add_argument("--languagetool", metavar="URL", help="also ask this LanguageTool server ('off' never asks one)")
    p.add_argument("--max-text-length", type=int, default=200_000, metavar="CHARS",
                   help="longest text accepted per check (413 beyond; default 200000)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="longest time one check may take (default 30)")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="checks run at once (default 2)")
    p.add_argument("--allow-origin", nargs="?", const="*", metavar="ORIGIN",
                   help="send Access-Control-Allow-Origin (default none; '*' when given without a value)")
    p.add_argument("--verbose", "-v", action="store_true", help="log every request on stderr")
    p.set_defaults(func=run)


def _config(args) -> Config:
    if args.config:
        base = config_mod.load(args.config)
    elif args.no_config:
        base = Config()
    else:
        base = config_mod.discover(os.getcwd())
    packs = tuple(base.packs) + tuple(str(Path(p).resolve()) for p in (args.packs or ()))
    return selection(base, args).merged(
        packs=packs, languagetool=args.languagetool,
    )


def run(args) -> int:
    from ..engine import Engine
    from ..server import make_server

    if not 0 <= args.port <= 65535:
        raise AuditorError("--port must be between 0 and 65535")
    if args.max_text_length < 1 or args.timeout <= 0 or args.workers < 1:
        raise AuditorError("--max-text-length, --timeout and --workers must be positive")
    engine = Engine(_config(args))
    try:
        server = make_server(engine, args.host, args.port, max_text_length=args.max_text_length,
                             max_seconds=args.timeout, workers=args.workers,
                             allow_origin=args.allow_origin, verbose=args.verbose)
    except OSError as exc:
        raise AuditorError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    server.service.warm_up()
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in str(host) else host
    print(f"auditor: serving LanguageTool's API at http://{shown}:{port}/v2/ (Ctrl-C stops)",
          file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, _stop)   # stop cleanly, so a local LanguageTool started for us stops too
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.service.close()
        if engine.languagetool is not None:
            engine.languagetool.close()
    return 0


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt
