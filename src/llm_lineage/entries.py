"""Validating each entry of a dataset against the schema, collecting every problem.

Entries are validated all at once through a pydantic ``TypeAdapter`` (fast when
the file is valid); when that fails, each entry is validated on its own so that
every problem of every entry is reported, worded by :mod:`llm_lineage.messages`.
"""

from __future__ import annotations

import functools
from typing import Any

from .messages import describe, dotted, entry_label

__all__ = ["validate_entries"]


@functools.cache
def _entry_class(collection: str) -> Any:
    from . import schema

    return schema.ModelEntry if collection == "models" else schema.ConceptEntry


def _adapter(collection: str, many: bool = True) -> Any:
    from .schema import adapter

    kind = _entry_class(collection)
    return adapter(list[kind] if many else kind)


def validate_entries(raw: list[Any], shown: str, problems: list[str], collection: str = "models") -> list[Any]:
    """Validate every entry of ``raw`` (the file's ``models`` or ``concepts``); invalid ones come back as ``None``."""
    from pydantic import ValidationError

    try:
        return list(_adapter(collection).validate_python(raw))
    except ValidationError:
        pass
    one = _adapter(collection, many=False)
    out: list[Any] = []
    for index, item in enumerate(raw):
        try:
            out.append(one.validate_python(item))
        except ValidationError as exc:
            label = entry_label(item, index, collection)
            for error in exc.errors():
                loc = tuple(error["loc"])
                if _is_refused(error.get("input")):
                    continue  # a number JSON may not hold: reported with its position already
                field = dotted(loc)
                where = f"{shown}: {label}" + (f", {field}" if field else "")
                problems.append(f"{where}: {describe(error, loc, collection)}")
            out.append(None)
    return out


def _is_refused(value: Any) -> bool:
    from .jsonfile import is_refused

    return is_refused(value)
