"""Errors that end in a one-line message and exit status 2, never a traceback."""

_CONTROL = {c: f"\\x{c:02x}" for c in range(32)} | {0x7f: "\\x7f", ord("\n"): "\\n", ord("\r"): "\\r",
                                                    ord("\t"): "\\t"}


def shown(path: str) -> str:
    """A file name fit for one line of UTF-8: control characters escaped, undecodable bytes as U+FFFD."""
    text = str(path).translate(_CONTROL)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text


class AuditorError(Exception):
    """A usage or input problem the user can fix; its text is the whole message."""


class InputError(AuditorError):
    """A file that cannot be audited (missing, binary, not UTF-8, too large)."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{shown(path)}:{line}" if line else shown(path)
        super().__init__(f"{where}: {reason}")


class RulePackError(AuditorError):
    """A rule pack that cannot be loaded (invalid YAML, schema violation, bad regex)."""


class ConfigError(AuditorError):
    """A configuration file that cannot be read."""
