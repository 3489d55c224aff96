"""Errors that end in a one-line message and exit status 2, never a traceback."""


class AuditorError(Exception):
    """A usage or input problem the user can fix; its text is the whole message."""


class InputError(AuditorError):
    """A file that cannot be audited (missing, binary, not UTF-8, too large)."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


class RulePackError(AuditorError):
    """A rule pack that cannot be loaded (invalid YAML, schema violation, bad regex)."""


class ConfigError(AuditorError):
    """A configuration file that cannot be read."""
