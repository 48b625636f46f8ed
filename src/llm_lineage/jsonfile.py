"""Reading input files and parsing JSON strictly, with line and column for every syntax error.

Strict means: UTF-8 only (a byte-order mark is accepted, as RFC 8259 allows);
duplicate keys in one object, ``NaN``, ``Infinity``, numbers too large for a
float and integers too long to be a model size are kept as *marks* and reported
by :func:`marks`, so that one file's every problem can be listed at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import DataFileError

__all__ = ["read_bytes", "parse_json", "marks", "line_col", "MAX_INT_DIGITS"]

#: Integers longer than this are refused (no model has 10^30 parameters, and
#: Python refuses to read integers over 4,300 digits at all).
MAX_INT_DIGITS = 30


class _Marked(dict):
    """A JSON object that repeated a key; the repeats are kept for the report."""

    duplicates: list[str]


class _Refused:
    """Stands for a number that JSON data may not hold: NaN, Infinity, too large, too long."""

    def __init__(self, text: str, why: str):
        self.text = text
        self.why = why


def read_bytes(path: Path, shown: str, what: str = "a dataset file") -> bytes:
    """The bytes of an input file, or a :class:`DataFileError` that says why not."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise DataFileError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise DataFileError(f"{shown}: is a folder, not {what}") from None
    except PermissionError:
        raise DataFileError(f"{shown}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise DataFileError(f"{shown}: cannot be read ({exc.strerror or exc})") from None


def line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(newline, 0, offset) + 1
    start = data.rfind(newline, 0, offset) + 1
    return line, offset - start + 1


def parse_json(data: bytes, shown: str) -> tuple[Any, bool]:
    """Parse strictly. Returns the value and whether anything was marked (see :func:`marks`)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = line_col(data, exc.start)
        raise DataFileError(
            f"{shown}: line {line}, column {col}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8"
        ) from None
    if not text.strip():
        raise DataFileError(f"{shown}: the file is empty; a dataset is {{\"models\": [...]}}")

    marked = False

    def pairs(items: list[tuple[str, Any]]) -> dict:
        nonlocal marked
        obj = dict(items)
        if len(obj) != len(items):
            marked = True
            seen: set[str] = set()
            out = _Marked(obj)
            out.duplicates = [k for k, _ in items if k in seen or seen.add(k)]
            return out
        return obj

    def refuse(text: str, why: str) -> _Refused:
        nonlocal marked
        marked = True
        return _Refused(text, why)

    def constant(name: str) -> _Refused:
        return refuse(name, "is not allowed: JSON numbers must be finite")

    def number(literal: str) -> Any:
        value = float(literal)
        if value in (float("inf"), float("-inf")):
            return refuse(literal, "is not allowed: JSON numbers must be finite")
        return value

    def integer(literal: str) -> Any:
        if len(literal.lstrip("-")) > MAX_INT_DIGITS:
            shown_literal = literal if len(literal) <= 20 else f"{literal[:8]}...({len(literal)} digits)"
            return refuse(shown_literal, f"is too large: integers may have at most {MAX_INT_DIGITS} digits")
        return int(literal)

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number,
                           parse_int=integer)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{shown}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise DataFileError(f"{shown}: invalid JSON: nested too deeply") from None
    return value, marked


def marks(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield ``(path, problem)`` for every repeated key and refused number below ``value``."""
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, _Refused):
            yield where, f"{item.text} {item.why}"
        elif isinstance(item, dict):
            if isinstance(item, _Marked):
                for key in dict.fromkeys(item.duplicates):
                    yield where, f"key {key!r} appears more than once in one object"
            stack.extend((f"{where}.{k}" if where else k, v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(item))))


def is_refused(value: Any) -> bool:
    """Whether a parsed value stands for a refused number (validation skips it: it is reported already)."""
    return isinstance(value, _Refused)
