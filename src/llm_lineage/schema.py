"""The format of one dataset entry, as pydantic models.

Each field carries a description: they become the JSON Schema published in
``graph/models.schema.json`` that editors use to check ``data/models.json``.
Rules that involve several entries (unique names, parents that exist, no
cycles) live in :mod:`llm_lineage.load`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .vocabulary import Architecture, Objective, Relation

ID_PATTERN = r"^[a-z0-9][a-z0-9.+-]*$"
URL_PATTERN = r"^[hH][tT][tT][pP][sS]?://[^\s/?#\x00-\x1f\x7f]+([/?#][^\s\x00-\x1f\x7f]*)?$"
LINE_PATTERN = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"
# Free text: any characters but control ones other than tab and newlines, and not blank.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SIZE_STRING_PATTERN = r"^\s*\d+(\.\d+)?\s*[KkMmBbTt]?\s*$"

_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KkMmBbTt]?)\s*$")
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}


@functools.lru_cache(maxsize=4096)
def _size_of(value: int | str) -> int:
    return _parse_size(value)


def parse_size(value: Any) -> int:
    """Turn a parameter count written as an int or as ``"7B"`` into an int.

    >>> parse_size("1.5B"), parse_size("110M"), parse_size(7_000_000_000)
    (1500000000, 110000000, 7000000000)
    """
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return _size_of(value)
    return _parse_size(value)


def _parse_size(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise PydanticCustomError(
            "size_type",
            "a size must be a whole number or a string like '7B', '1.5B' or '110M', not {value}",
            {"value": repr(value)},
        )
    if isinstance(value, int):
        number = value
    else:
        match = _SIZE_RE.match(value)
        if not match:
            raise PydanticCustomError(
                "size_format",
                "{value} is not a size: write a whole number or a string like '7B', '1.5B' or '110M'",
                {"value": repr(value)},
            )
        try:
            exact = Decimal(match.group(1)) * _UNITS[match.group(2).lower()]
        except InvalidOperation:  # pragma: no cover - the regex admits only decimals
            raise PydanticCustomError("size_format", "{value} is not a size", {"value": repr(value)})
        if exact != exact.to_integral_value():
            raise PydanticCustomError(
                "size_fraction", "{value} is not a whole number of parameters", {"value": repr(value)}
            )
        number = int(exact)
    if number <= 0:
        raise PydanticCustomError(
            "size_positive", "a size must be positive, not {value}", {"value": repr(value)}
        )
    return number


def _check_sizes(sizes: list[int] | None) -> list[int] | None:
    if sizes is None:
        return None
    if len(set(sizes)) != len(sizes):
        raise PydanticCustomError("size_repeated", "a size is listed twice", {})
    return sorted(sizes)


@functools.lru_cache(maxsize=8192)
def _check_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    try:
        _dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "date_impossible", "{value} is not a real date", {"value": repr(value)}
        ) from None
    if year < 1950 or _dt.date(year, month, day) > _dt.date.today() + _dt.timedelta(days=366):
        raise PydanticCustomError(
            "date_range", "{value} is outside the plausible range of release dates", {"value": repr(value)}
        )
    return value


ModelId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=LINE_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=TEXT_PATTERN)]
Url = Annotated[str, StringConstraints(max_length=2000, pattern=URL_PATTERN)]
ReleaseDate = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(_check_date)]
Size = Annotated[
    int,
    BeforeValidator(parse_size),
    WithJsonSchema({"anyOf": [{"type": "integer", "exclusiveMinimum": 0},
                              {"type": "string", "pattern": SIZE_STRING_PATTERN}]}),
]


class Derivation(BaseModel):
    """One direct parent of a model, and how the model derives from it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: ModelId = Field(description="The parent's id.")
    relation: Relation = Field(
        description=(
            "How the child derives from this parent: successor (new generation, trained anew), "
            "architecture (same recipe, from scratch), continued-pretraining, fine-tuned, "
            "preference-tuned (RLHF, DPO), adapter (LoRA), distilled, merged, "
            "trained-on-outputs (data generated by the parent), product (served on the parent)."
        )
    )
    note: Text | None = Field(
        default=None,
        description="What the relation alone does not say: steps taken, doubts, disputes.",
    )
    source: Url = Field(description="An http(s) URL that supports this derivation.")


class ModelEntry(BaseModel):
    """One language model."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: ModelId = Field(description="Stable identifier, a lowercase slug: gpt-3, llama-2, flan-t5.")
    name: Line = Field(description="Display name: GPT-3.")
    aliases: list[Line] = Field(
        default_factory=list,
        description="Other names people use: GPT-3.5-turbo, LLaMA 1. Unique across the dataset.",
    )
    organization: list[Line] = Field(
        min_length=1, description="Who released it, as the authors credit it, primary first."
    )
    released: ReleaseDate = Field(
        description=(
            "First public release (arXiv v1 or official announcement, whichever came first): "
            "YYYY, YYYY-MM or YYYY-MM-DD."
        )
    )
    parameters: Annotated[list[Size], AfterValidator(_check_sizes)] | None = Field(
        min_length=1,
        description=(
            "Every released size, as integers or strings like '7B', '1.5B', '110M'; "
            "null when the authors never disclosed it. Mixture-of-experts: total parameters."
        ),
    )
    objective: Objective | None = Field(
        default=None,
        description=(
            "Pre-training objective of the weights: MLM, LM, text-to-text or RTD. Omit it when the "
            "model inherits weights from one parent (fine-tuned, preference-tuned, adapter, "
            "continued-pretraining); null when undisclosed."
        ),
    )
    architecture: Architecture | None = Field(
        default=None,
        description=(
            "encoder-only, decoder-only or encoder-decoder. Omit it when inherited like the "
            "objective; null when undisclosed or not a Transformer."
        ),
    )
    open_weights: StrictBool = Field(description="Whether the public can download the weights.")
    description: Annotated[str, StringConstraints(min_length=1, max_length=1000, pattern=TEXT_PATTERN)] = Field(
        description="One or two plain sentences."
    )
    sources: list[Url] = Field(
        min_length=1, description="The paper, model card or official announcement."
    )
    derived_from: list[Derivation] = Field(
        default_factory=list, description="Direct parents, each with the relation and a source."
    )
    note: Text | None = Field(
        default=None, description="Disputed or surprising facts about the entry, and why."
    )

    @property
    def inherits_objective(self) -> bool:
        return "objective" not in self.model_fields_set

    @property
    def inherits_architecture(self) -> bool:
        return "architecture" not in self.model_fields_set


class Dataset(BaseModel):
    """A dataset file: the list of models and where its schema lives."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str | None = Field(default=None, alias="$schema", description="Path of this schema.")
    version: str | None = Field(default=None, description="Version of the dataset, e.g. 2026.11.21.")
    models: list[ModelEntry] = Field(description="Every model, in any order.")


def dataset_json_schema() -> dict[str, Any]:
    """The JSON Schema of a dataset file, published as ``graph/models.schema.json``."""
    schema = Dataset.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "llm-lineage dataset",
        "description": (
            "A curated, cited list of language models and how they derive from one another. "
            "Rules across entries (unique names, existing parents, no cycles, no child older "
            "than its parent) are checked by `lineage validate`."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }
