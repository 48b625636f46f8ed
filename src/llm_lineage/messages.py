"""How problems are worded: pydantic's errors turned into one line each, naming the entry and field.

A message reads ``FILE: entry 'vicuna', derived_from[0].model: unknown model 'lama'
(did you mean 'llama'?)``: the file, the entry (by id, or by position when it
has none), the dotted field path, and what is wrong in plain words.
"""

from __future__ import annotations

import difflib
import functools
from typing import Any

__all__ = ["suggest", "entry_label", "dotted", "short", "describe", "describe_location"]

#: The top-level lists of a dataset file, and how one of their entries is named.
COLLECTIONS = {"models": "entry", "concepts": "concept"}


@functools.cache
def _fields() -> dict[str, list[str]]:
    """Field names of every kind of object in a dataset file, for suggestions."""
    from . import schema

    kinds = {"model": "ModelEntry", "derivation": "Derivation", "link": "ConceptLink",
             "concept": "ConceptEntry", "concept_derivation": "ConceptDerivation"}
    return {kind: schema.fields_of(getattr(schema, name)) for kind, name in kinds.items()}


def suggest(word: str, choices: list[str]) -> str:
    """`` (did you mean 'x'?)`` when one of ``choices`` is close to ``word``, else ``""``."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def entry_label(raw: Any, index: int, collection: str = "models") -> str:
    """``entry 'vicuna'`` (or ``concept 'lora'``), or ``models[3]`` when the entry has no usable id."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return f"{COLLECTIONS.get(collection, 'entry')} {raw['id']!r}"
    return f"{collection}[{index}]"


def dotted(loc: tuple[Any, ...]) -> str:
    """``('derived_from', 0, 'model')`` -> ``derived_from[0].model``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def short(value: Any) -> str:
    """``repr`` cut to 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _object_kind(loc: tuple[Any, ...], collection: str) -> str:
    inner = [part for part in loc[:-1] if isinstance(part, str)]
    if collection == "concepts":
        return "concept_derivation" if "derived_from" in inner else "concept"
    if "derived_from" in inner:
        return "derivation"
    if "concepts" in inner:
        return "link"
    return "model"


def describe(error: dict[str, Any], loc: tuple[Any, ...], collection: str = "models") -> str:
    """The plain-words message of one pydantic error at ``loc`` inside an entry."""
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        return "unknown field" + suggest(name, _fields()[_object_kind(loc, collection)])
    if kind == "missing":
        return "required field is missing"
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        field = str(loc[-1]) if loc and isinstance(loc[-1], str) else "value"
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
        hint = suggest(value, choices) if isinstance(value, str) else ""
        return f"unknown {field} {short(value)}{hint}; expected one of {expected}"
    if kind == "string_pattern_mismatch":
        field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
        if field in ("id", "model", "concept"):
            return f"{short(value)} is not an id: use lowercase letters, digits, '.', '+' and '-'"
        if field in ("released", "since", "introduced", "as_of"):
            return f"{short(value)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        if field in ("sources", "source"):
            return f"{short(value)} is not an http(s) URL"
        if field == "huggingface":
            return f"{short(value)} is not a Hugging Face repository id: write owner/name"
        if isinstance(value, str) and not value.strip():
            return "must not be blank"
        if field in ("description", "description_ko", "note"):
            return "must not contain control characters (tabs and line breaks are fine)"
        return "must be one line without control characters"
    if kind == "too_short":
        n = error.get("ctx", {}).get("min_length", 1)
        return f"must have at least {n} item" + ("" if n == 1 else "s")
    if kind in ("string_too_long", "too_long"):
        return error["msg"].replace("String should", "must").replace("List should", "must")
    if kind in ("string_type", "bool_type", "list_type", "int_type", "model_type", "dict_type"):
        return error["msg"].replace("Input should be", "must be") + f", not {short(value)}"
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message.replace("Input should", "must").replace("String should", "must").replace(
        "List should", "must"
    )


def describe_location(value: Any, where: str) -> str:
    """Turn ``models[3].derived_from[0]`` into ``entry 'x', derived_from[0]``."""
    for collection in COLLECTIONS:
        if where.startswith(f"{collection}["):
            index_text, _, rest = where[len(collection) + 1:].partition("]")
            rest = rest.lstrip(".")
            try:
                raw = value[collection][int(index_text)]
            except (KeyError, IndexError, TypeError, ValueError):
                raw = None
            return entry_label(raw, int(index_text), collection) + (f", {rest}" if rest else "")
    return where or "top level"
