"""Validating each entry of a dataset against the schema, collecting every problem.

Entries are validated all at once through a pydantic ``TypeAdapter`` (fast when
the file is valid); when that fails, each entry is validated on its own so that
every problem of every entry is reported, worded by :mod:`llm_lineage.messages`.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from .messages import describe, dotted, entry_label

if TYPE_CHECKING:
    from .schema import ModelEntry

__all__ = ["validate_entries"]


@functools.cache
def _entries_adapter():
    from pydantic import TypeAdapter

    from .schema import ModelEntry

    return TypeAdapter(list[ModelEntry])


def validate_entries(raw_models: list[Any], shown: str, problems: list[str]) -> list[ModelEntry | None]:
    """Validate every entry; entries with problems come back as ``None``."""
    from pydantic import ValidationError

    from .schema import ModelEntry

    try:
        return list(_entries_adapter().validate_python(raw_models))
    except ValidationError:
        pass
    out: list[ModelEntry | None] = []
    for index, raw in enumerate(raw_models):
        try:
            out.append(ModelEntry.model_validate(raw))
        except ValidationError as exc:
            label = entry_label(raw, index)
            for error in exc.errors():
                loc = tuple(error["loc"])
                field = dotted(loc)
                where = f"{shown}: {label}" + (f", {field}" if field else "")
                problems.append(f"{where}: {describe(error, loc)}")
            out.append(None)
    return out
