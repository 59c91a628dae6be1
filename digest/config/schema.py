"""Turns parsed TOML tables into typed frozen dataclasses, collecting every problem with its key path.

Each config dataclass declares its options as fields with a type, a default and a `doc` string in the
field metadata (an optional `check` there validates the value). `build()` walks the fields; it never
stops at the first problem, so the user sees every mistake of a file at once.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, Field, fields, is_dataclass
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")
Check = Callable[[Any], str | None]  # returns a problem, or None when the value is fine


def option(default: Any = MISSING, doc: str = "", check: Check | None = None) -> Any:
    """Declare a config option: its default, what it is for, and an optional extra check."""
    metadata = {"doc": doc, "check": check}
    if isinstance(default, (list, dict, tuple)) and default != ():
        value = default
        return dataclasses.field(default_factory=lambda: _copy(value), metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return tuple(value)
    return value


class Problems:
    """Collects problems, each prefixed with the file name and the key path."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.items: list[str] = []
        self.paths: list[str] = []
        self.read: list[str] = []

    def add(self, path: str, message: str) -> None:
        where = f"{self.filename}: {path}: " if path else f"{self.filename}: "
        self.items.append(where + message)
        self.paths.append(path)

    def under(self, prefix: str) -> bool:
        """Whether a key at or inside `prefix` had a problem when the values were read (checks
        that come after keep quiet there: they would only guess)."""
        return any(p == prefix or p.startswith((prefix + ".", prefix + "[")) for p in self.read)

    def close_reading(self) -> None:
        """Mark the end of reading values; `under()` looks at the problems found until now."""
        self.read = list(self.paths)


def build(cls: type[T], table: Any, path: str, problems: Problems, base_dir: Path) -> T:
    """Build `cls` from a TOML table, reporting problems under `path`.

    A wrong value is reported and replaced by its default, so that the checks which come after
    still see a whole config and every mistake of a file is reported in one go.
    """
    if not isinstance(table, dict):
        problems.add(path, f"expected a table, got {_type_name(table)}")
        table = {}
    hints = get_type_hints(cls)
    known = {f.name: f for f in fields(cls) if not f.metadata.get("internal")}  # type: ignore[arg-type]
    hints_for_unknown: dict[str, str] = getattr(cls, "UNKNOWN_KEY_HINTS", {})
    for key in table:
        if key in hints_for_unknown:
            problems.add(_join(path, key), f"unknown key: {hints_for_unknown[key]}")
        elif key not in known:
            problems.add(_join(path, key), "unknown key" + did_you_mean(key, known))
    values: dict[str, Any] = {}
    for name, spec in known.items():
        where = _join(path, name)
        value = _INVALID
        if name in table:
            value = convert(hints[name], table[name], where, problems, base_dir)
            if value is not _INVALID and not _passes_check(spec, value, where, problems):
                value = _INVALID
        elif spec.default is MISSING and spec.default_factory is MISSING:
            problems.add(where, "missing (required)")
        if value is _INVALID:
            value = _default(spec, hints[name], where, problems, base_dir)
        values[name] = value
    return cls(**values)


def _default(spec: Field[Any], hint: Any, path: str, problems: Problems, base_dir: Path) -> Any:
    """The default of an option, relative paths resolved; a stand-in for a missing required one."""
    if spec.default_factory is not MISSING:
        return spec.default_factory()
    if spec.default is MISSING:
        return "" if hint is str else None  # only reached after a problem was reported
    if isinstance(spec.default, Path):
        return (base_dir / spec.default).resolve()  # defaults are relative to the file too
    if is_dataclass(spec.default):
        return build(type(spec.default), {}, path, problems, base_dir)
    return spec.default


_INVALID = object()


def convert(hint: Any, value: Any, path: str, problems: Problems, base_dir: Path) -> Any:
    """Convert one TOML value to the annotated type, or report why it cannot be."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        return convert(options[0], value, path, problems, base_dir)
    if origin is typing.Literal:
        allowed = get_args(hint)
        if value in allowed:
            return value
        listed = ", ".join(repr(a) for a in allowed)
        problems.add(path, f"must be one of {listed}, got {value!r}" + did_you_mean(value, allowed))
        return _INVALID
    if origin is tuple:
        return _convert_list(get_args(hint)[0], value, path, problems, base_dir)
    if origin is dict:
        return _convert_dict(get_args(hint)[1], value, path, problems, base_dir)
    if is_dataclass(hint):
        if not isinstance(value, dict):
            problems.add(path, f"expected a table, got {_type_name(value)}")
            return _INVALID
        chooser = getattr(hint, "config_class_for", None)
        if chooser is not None:  # a table whose keys depend on one of its values (a source's type)
            hint, value = chooser(value, path, problems)
        return build(hint, value, path, problems, base_dir)  # type: ignore[arg-type]
    return _convert_scalar(hint, value, path, problems, base_dir)


def _convert_scalar(hint: Any, value: Any, path: str, problems: Problems, base_dir: Path) -> Any:
    if hint is Path:
        if isinstance(value, str) and value:
            return (base_dir / Path(value).expanduser()).resolve()
        problems.add(path, f"expected a path (a string), got {_type_name(value)}")
        return _INVALID
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is int and isinstance(value, bool):
        problems.add(path, f"expected an integer, got {_type_name(value)}")
        return _INVALID
    if isinstance(value, hint):
        return value
    problems.add(path, f"expected {_HINT_NAMES.get(hint, hint.__name__)}, got {_type_name(value)}")
    return _INVALID


def _convert_list(item_hint: Any, value: Any, path: str, problems: Problems, base_dir: Path) -> Any:
    if not isinstance(value, list):
        if item_hint is str and isinstance(value, str):
            return (value,)  # a single string where a list is expected is what the user meant
        problems.add(path, f"expected a list, got {_type_name(value)}")
        return _INVALID
    items = [convert(item_hint, v, f"{path}[{i}]", problems, base_dir) for i, v in enumerate(value)]
    return _INVALID if any(i is _INVALID for i in items) else tuple(items)


def _convert_dict(item_hint: Any, value: Any, path: str, problems: Problems, base_dir: Path) -> Any:
    if not isinstance(value, dict):
        problems.add(path, f"expected a table, got {_type_name(value)}")
        return _INVALID
    items = {k: convert(item_hint, v, _join(path, k), problems, base_dir) for k, v in value.items()}
    return _INVALID if any(i is _INVALID for i in items.values()) else items


def positive_check(value: float) -> str | None:
    return None if value > 0 else f"must be greater than 0, got {value}"


def http_url_check(value: str) -> str | None:
    if not re.match(r"https?://[^\s/]+", value):
        return f"must be an http(s) URL, got {value!r}"
    return None


def language_check(value: str) -> str | None:
    return None if value in ("de", "en") else f"must be 'de' or 'en', got {value!r}"


def did_you_mean(word: Any, candidates: Any) -> str:
    """ " (did you mean 'x'?)" for the closest candidate, else ""."""
    import difflib  # only for a misspelt key: not loaded by every config load

    close = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _passes_check(spec: Field[Any], value: Any, path: str, problems: Problems) -> bool:
    check: Check | None = spec.metadata.get("check")
    problem = check(value) if check and value is not None else None
    if problem:
        problems.add(path, problem)
    return problem is None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_HINT_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _type_name(value: Any) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "a list",
    }
    names[dict] = "a table"
    return names.get(type(value), type(value).__name__)


def describe(cls: type) -> list[tuple[str, str, str]]:
    """(key, default, doc) for each option of a config dataclass: the config reference in the README."""
    rows = []
    for spec in fields(cls):
        if spec.metadata.get("internal"):
            continue
        if spec.default is not MISSING:
            default = toml_value(spec.default)
        elif spec.default_factory is not MISSING:
            default = toml_value(spec.default_factory())
        else:
            default = "(required)"
        rows.append((spec.name, default, spec.metadata.get("doc", "")))
    return rows


def toml_value(value: Any) -> str:
    """A default as it would be written in config.toml ("–" for none, "(table)" for a table)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, Path)):
        return '"' + str(value) + '"'
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict) or is_dataclass(value):
        return "{}" if isinstance(value, dict) and not value else "(table)"
    return str(value)
