"""Settings from .auditor.toml, [tool.auditor] in pyproject.toml or [auditor] in setup.cfg."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Iterable

from .errors import ConfigError
from .model import SEVERITIES

FAIL_ON = (*SEVERITIES, "never")


@dataclass(frozen=True)
class Config:
    """Everything a run can be told; the command line overrides the file."""

    select: tuple[str, ...] = ()             # rule-code prefixes; empty: every rule that is on by default
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()      # prefixes added to select (or to the default rules)
    packs: tuple[str, ...] = ()               # extra rule-pack folders
    fail_on: str = "minor"
    fail_confidence: float = 0.9              # the gate counts findings of rules measured this precise
    max_size: int = 10 * 1024 * 1024          # bytes per article
    languagetool: str | None = None           # LanguageTool server URL
    report_unused_suppressions: bool = False
    unsafe_fixes: bool = False                # auditor fix and fixAll apply every first suggestion
    jobs: int = 1
    engine: str = "local"                     # local | dask
    scheduler: str | None = None              # dask scheduler address
    scheduler_timeout: float = 10.0           # seconds to reach the dask scheduler
    options: dict = field(default_factory=dict, hash=False, compare=False)  # per-check option overrides, by rule code
    origin: str | None = None                 # the file these settings came from
    file_codes: frozenset = field(default=frozenset(), hash=False, compare=False)  # prefixes the file gave

    def merged(self, **overrides: Any) -> "Config":
        """Return a copy with every override that is not None applied."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def selecting(self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                  extend_select: Iterable[str] | None = None,
                  extend_ignore: Iterable[str] | None = None) -> "Config":
        """Lay a selection over these settings, as ruff does (None or empty: not given).

        select replaces the selection and starts it afresh (the settings' ignore and extend-select go
        too); ignore replaces the ignore list; extend-select and extend-ignore add to them.
        """
        select, ignore = tuple(select or ()), tuple(ignore or ())
        sel, ign, ext = self.select, self.ignore, self.extend_select
        if select:
            sel, ign, ext = select, (), ()
        if ignore:
            ign = ignore
        return replace(self, select=sel, ignore=ign + tuple(extend_ignore or ()),
                       extend_select=ext + tuple(extend_select or ()))


_LISTS = {"select", "ignore", "extend_select", "extend_ignore", "packs"}


def _coerce(key: str, value: Any, origin: str) -> Any:
    names = {f.name: f for f in fields(Config)} | {"extend_ignore": None}
    name = key.replace("-", "_")
    if name not in names or name in ("origin", "file_codes"):
        raise ConfigError(f"{origin}: unknown setting {key!r}")
    if name in _LISTS:
        if isinstance(value, str):
            value = [v for v in value.replace(",", " ").split() if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{origin}: {key} must be a list of strings")
        if name == "packs":
            base = Path(origin).parent
            value = [str((base / v).resolve()) for v in value]
        return name, tuple(value)
    if name == "fail_on":
        if value not in FAIL_ON:
            raise ConfigError(f"{origin}: fail-on must be one of {', '.join(FAIL_ON)}")
        return name, value
    if name == "fail_confidence":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ConfigError(f"{origin}: fail-confidence must be a number from 0 to 1")
        return name, float(value)
    if name in ("max_size", "jobs"):
        try:
            if isinstance(value, bool):
                raise TypeError
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            raise ConfigError(f"{origin}: {key} must be a whole number") from None
        if number < 1:
            raise ConfigError(f"{origin}: {key} must be at least 1")
        return name, number
    if name in ("report_unused_suppressions", "unsafe_fixes"):
        if isinstance(value, str):
            value = value.strip().lower() in ("1", "true", "yes", "on")
        return name, bool(value)
    if name == "options":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise ConfigError(f"{origin}: options must be a table of tables, one per rule code")
        lt = value.get("LT") or value.get("languagetool") or {}
        if "timeout" in lt:
            _positive(lt["timeout"], f"{origin}: options.LT.timeout")
        return name, value
    if name == "scheduler_timeout":
        return name, _positive(value, f"{origin}: {key}")
    if name == "engine" and value not in ("local", "dask"):
        raise ConfigError(f"{origin}: engine must be local or dask")
    if not isinstance(value, str):
        raise ConfigError(f"{origin}: {key} must be a string")
    return name, value


def _positive(value: Any, what: str) -> float:
    """A positive, finite number of seconds, or a one-line ConfigError."""
    try:
        if isinstance(value, bool):
            raise TypeError
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{what} must be a number of seconds") from None
    if not 0 < number < float("inf"):
        raise ConfigError(f"{what} must be a positive number of seconds")
    return number


def _section(path: Path) -> dict | None:
    """Return the auditor settings a file holds, None when it holds none."""
    import configparser   # only where a configuration file is read
    import tomllib

    origin = str(path)
    try:
        if path.name == "setup.cfg":
            parser = configparser.ConfigParser(interpolation=None)
            parser.read_string(path.read_text(encoding="utf-8"), source=origin)
            return dict(parser["auditor"]) if parser.has_section("auditor") else None
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (configparser.Error, tomllib.TOMLDecodeError) as exc:
        message = str(exc).splitlines()[0]
        raise ConfigError(f"{origin}: malformed configuration: {message}") from None
    except RecursionError:
        raise ConfigError(f"{origin}: malformed configuration: nested too deeply") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{origin}: not UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{origin}: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("auditor") if isinstance(tool, dict) else None
    else:
        section = data.get("auditor", data)
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{origin}: the auditor section must be a table")
    return section


def load(path: str | Path) -> Config:
    """Read settings from one file."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    section = _section(path) or {}
    values = dict(_coerce(k, v, str(path)) for k, v in section.items())
    extend_ignore = values.pop("extend_ignore", ())
    values["ignore"] = values.get("ignore", ()) + extend_ignore
    codes = frozenset(values["ignore"] + values.get("select", ()) + values.get("extend_select", ()))
    return Config(**values, origin=str(path), file_codes=codes)


def discover(start: str | Path) -> Config:
    """Find the nearest configuration upwards from a path; defaults when there is none."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in (".auditor.toml", "pyproject.toml", "setup.cfg"):
            candidate = folder / name
            if candidate.is_file() and _section(candidate) is not None:
                return load(candidate)
    return Config()


ConfigLike = Config | str | os.PathLike | None


def as_config(config: ConfigLike) -> Config:
    """Accept a Config, the path of a settings file, or None for the defaults."""
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, (str, os.PathLike)):
        return load(config)
    raise TypeError(f"config must be a Config, a settings file path or None, not {type(config).__name__}")
