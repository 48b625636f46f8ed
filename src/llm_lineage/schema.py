"""The format of a dataset file, as pydantic models: models, concepts and the file around them.

Each field carries a description: they become the JSON Schema published in
``graph/models.schema.json`` that editors use to check ``data/models.json``.
Rules that involve several entries (unique names, parents that exist, no
cycles) live in :mod:`llm_lineage.rules`.

Text follows one character policy, written once here as patterns that pydantic
and the JSON Schema both apply: no control characters but tab and newline in
free text, none at all in one-line fields, and never the characters that XML
cannot hold, that break lines in JavaScript (U+2028, U+2029), that reorder text
(bidirectional overrides and isolates) or that hide inside a name (zero-width
and other format characters). Dates and sizes are written with ASCII digits.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal, NotRequired

from typing_extensions import TypedDict

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .vocabulary import (
    ARCHITECTURE_MEANING,
    CONCEPT_KIND_MEANING,
    CONCEPT_LINK_MEANING,
    CONCEPT_RELATION_MEANING,
    OBJECTIVE_MEANING,
    RELATION_MEANING,
    Architecture,
    ConceptKind,
    ConceptRelation,
    Objective,
    Relation,
    choices,
)
from .vocabulary import ConceptLink as LinkRelation

__all__ = ["ModelEntry", "Derivation", "ConceptLink", "ConceptEntry", "ConceptDerivation", "Dataset",
           "parse_size", "dataset_json_schema", "adapter", "inherits", "fields_of", "MAX_SIZE", "LINE_FORBIDDEN",
           "TEXT_FORBIDDEN"]

# Characters no text may hold: C0 controls but tab and newline, DEL, C1 controls (NEL among
# them), the line and paragraph separators, bidirectional embeddings, overrides and isolates,
# the byte-order mark, and U+FFFE/U+FFFF, which XML cannot hold.
TEXT_FORBIDDEN = r"\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF"
# One-line fields also refuse tabs, newlines and the format characters that can hide in a name.
LINE_FORBIDDEN = (TEXT_FORBIDDEN + r"\u0009\u000A\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2"
                  r"\u180E\u200B-\u200F\u2060-\u2064\u206A-\u206F\uFFF9-\uFFFB")

ID_PATTERN = r"^[a-z0-9][a-z0-9.+-]*$"
URL_PATTERN = rf"^[hH][tT][tT][pP][sS]?://[^\s/?#{LINE_FORBIDDEN}]+([/?#][^\s{LINE_FORBIDDEN}]*)?$"
LINE_PATTERN = rf"^[^{LINE_FORBIDDEN}]*[^\s{LINE_FORBIDDEN}][^{LINE_FORBIDDEN}]*$"
TEXT_PATTERN = rf"^[^{TEXT_FORBIDDEN}]*[^\s{TEXT_FORBIDDEN}][^{TEXT_FORBIDDEN}]*$"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
SIZE_STRING_PATTERN = r"^ *[0-9]+(\.[0-9]+)? *[KkMmBbTt]? *$"
HUB_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$"

#: No released model has more parameters than this (a thousand trillion): a larger number is a typo.
MAX_SIZE = 10**15

_SIZE_RE = re.compile(r"^ *([0-9]+(?:\.[0-9]+)?) *([KkMmBbTt]?) *$")
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
        match = _SIZE_RE.match(value) if len(value) <= 40 else None
        if not match:
            raise PydanticCustomError(
                "size_format",
                "{value} is not a size: write a whole number or a string like '7B', '1.5B' or '110M'",
                {"value": repr(value[:40])},
            )
        exact = Decimal(match.group(1)) * _UNITS[match.group(2).lower()]
        if exact != exact.to_integral_value():
            raise PydanticCustomError(
                "size_fraction", "{value} is not a whole number of parameters", {"value": repr(value)}
            )
        number = int(exact)
    if number <= 0:
        raise PydanticCustomError(
            "size_positive", "a size must be positive, not {value}", {"value": repr(value)}
        )
    if number > MAX_SIZE:
        raise PydanticCustomError(
            "size_large", "{value} is too large for a parameter count (at most 10^15)",
            {"value": repr(value) if len(repr(value)) < 30 else f"a {len(str(number))}-digit number"},
        )
    return number


def _check_sizes(sizes: list[int] | None) -> list[int] | None:
    if sizes is None:
        return None
    if len(set(sizes)) != len(sizes):
        raise PydanticCustomError("size_repeated", "a size is listed twice", {})
    return sorted(sizes)


def _check_active(active: dict[int, int] | None) -> dict[int, int] | None:
    if active is None:
        return None
    for total, used in active.items():
        if used >= total:
            raise PydanticCustomError(
                "active_size", "the active size {used} must be smaller than the total {total}",
                {"used": used, "total": total},
            )
    return dict(sorted(active.items()))


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


def _no_hidden_characters(value: str) -> str:
    """One-line fields: no format character at all (the pattern covers the usual ones)."""
    if not value.isascii() and any(unicodedata.category(c) in ("Cf", "Cs") for c in value):
        raise PydanticCustomError(
            "hidden_character",
            "must not contain invisible (format) characters or lone surrogates ({value})",
            {"value": ", ".join(f"U+{ord(c):04X}" for c in value if unicodedata.category(c) in ("Cf", "Cs"))},
        )
    return value


def _no_separator(value: str) -> str:
    """List items: the flat exports join a list with "; ", so an item may not contain it."""
    if "; " in value:
        raise PydanticCustomError("separator", "must not contain '; ' (it separates the items of a list)", {})
    return value


ModelId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=LINE_PATTERN),
                 AfterValidator(_no_hidden_characters)]
Item = Annotated[Line, AfterValidator(_no_separator)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=TEXT_PATTERN)]
Description = Annotated[str, StringConstraints(min_length=1, max_length=1000, pattern=TEXT_PATTERN)]
Url = Annotated[str, StringConstraints(max_length=2000, pattern=URL_PATTERN)]
Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(_check_date)]
HubId = Annotated[str, StringConstraints(pattern=HUB_PATTERN)]
Size = Annotated[
    int,
    BeforeValidator(parse_size),
    WithJsonSchema({"anyOf": [{"type": "integer", "exclusiveMinimum": 0, "maximum": MAX_SIZE},
                              {"type": "string", "pattern": SIZE_STRING_PATTERN}]}),
]
ActiveSizes = Annotated[
    dict[Size, Size],
    AfterValidator(_check_active),
    WithJsonSchema({"type": "object", "minProperties": 1,
                    "propertyNames": {"pattern": SIZE_STRING_PATTERN},
                    "additionalProperties": {"anyOf": [
                        {"type": "integer", "exclusiveMinimum": 0, "maximum": MAX_SIZE},
                        {"type": "string", "pattern": SIZE_STRING_PATTERN}]}}),
]


def _described(kind: Any, description: str, **constraints: Any) -> Any:
    """``kind`` with a description for the JSON Schema (and constraints such as ``min_length``)."""
    return Annotated[kind, Field(description=description, **constraints)]


# The vocabularies as the literal strings the data holds (validated fast, stored as plain str).
ObjectiveValue = Literal[tuple(o.value for o in Objective)]  # type: ignore[valid-type]
ArchitectureValue = Literal[tuple(a.value for a in Architecture)]  # type: ignore[valid-type]
RelationValue = Literal[tuple(r.value for r in Relation)]  # type: ignore[valid-type]
KindValue = Literal[tuple(k.value for k in ConceptKind)]  # type: ignore[valid-type]
LinkValue = Literal[tuple(k.value for k in LinkRelation)]  # type: ignore[valid-type]
ConceptRelationValue = Literal[tuple(k.value for k in ConceptRelation)]  # type: ignore[valid-type]

# Entries are TypedDicts: validated in pydantic's core straight into plain dicts, with no object per entry,
# which keeps a million-model dataset quick to load. A field left out is a key left out.


class Derivation(TypedDict):
    """One direct parent of a model, and how the model derives from it."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    model: _described(ModelId, "The parent's id.")
    relation: _described(RelationValue, "How the child derives from this parent: " + choices(RELATION_MEANING))
    note: NotRequired[_described(Text | None, "What the relation alone does not say: steps taken, doubts, disputes.")]
    source: _described(Url, "An http(s) URL that supports this derivation.")
    since: NotRequired[_described(
        Date | None, "Only on `product` edges: the date the product began to be served on this model "
                     "(YYYY, YYYY-MM or YYYY-MM-DD). Without it, the product's own release date.")]


class ConceptLink(TypedDict):
    """A link from a model to an idea it introduced, uses, is trained on or is evaluated on."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    concept: _described(ModelId, "The concept's id.")
    relation: _described(LinkValue, "How the model relates to it: " + choices(CONCEPT_LINK_MEANING))
    source: _described(Url, "An http(s) URL that states the link: the model's paper or card, usually.")
    note: NotRequired[_described(Text | None, "What the link alone does not say.")]


class ModelEntry(TypedDict):
    """One language model: one release (a generation, with its sizes)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    id: _described(ModelId, "Stable identifier, a lowercase slug: gpt-3, llama-2, flan-t5.")
    name: _described(Line, "Display name: GPT-3.")
    aliases: NotRequired[_described(
        list[Item], "Other names people use (other spellings, the long name, Hangul names). Unique across the dataset.")]
    family: NotRequired[_described(
        Line | None, "The named line of models it belongs to, spelled the same in every member: GPT, Llama, EXAONE.")]
    organization: _described(list[Item], "Who released it, as the authors credit it, primary first.", min_length=1)
    released: _described(Date, "First public release (arXiv v1 or official announcement, whichever came first): "
                               "YYYY, YYYY-MM or YYYY-MM-DD.")
    parameters: _described(
        Annotated[list[Size], AfterValidator(_check_sizes), Field(min_length=1)] | None,
        "Every released size, as integers or strings like '7B', '1.5B', '110M'; null when the authors never "
        "disclosed it. Mixture-of-experts: total parameters.")
    active_parameters: NotRequired[_described(
        ActiveSizes | None, "Mixture-of-experts only: for a total size of `parameters`, the parameters active per "
                            'token, as the lab states them: {"235B": "22B"}.')]
    objective: NotRequired[_described(
        ObjectiveValue | None,
        "Pre-training objective of the weights. Omit it when the model starts from one parent's weights "
        "(fine-tuned, preference-tuned, adapter, continued-pretraining, quantized) or is a product: it is "
        "inherited. null only when the lab never said. " + choices(OBJECTIVE_MEANING))]
    architecture: NotRequired[_described(
        ArchitectureValue | None,
        "Omitted and inherited like the objective; null when undisclosed. " + choices(ARCHITECTURE_MEANING))]
    open_weights: _described(StrictBool, "Whether the public can download the weights.")
    huggingface: NotRequired[_described(
        list[HubId], "Official Hugging Face Hub repositories of the weights (owner/name), published by the "
                     "releasing organization. Unique across the dataset; a query may name a model by one.")]
    description: _described(Description, "One or two plain sentences.")
    description_ko: NotRequired[_described(Description | None, "The description in Korean.")]
    sources: _described(list[Url], "The paper, model card or official announcement.", min_length=1)
    derived_from: NotRequired[_described(list[Derivation], "Direct parents, each with the relation and a source.")]
    concepts: NotRequired[_described(
        list[ConceptLink], "Ideas the model introduced, uses, is trained on or evaluated on.")]
    note: NotRequired[_described(Text | None, "Disputed or surprising facts about the model, and why.")]


class ConceptDerivation(TypedDict):
    """An earlier idea a concept derives from."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    concept: _described(ModelId, "The earlier concept's id.")
    relation: _described(ConceptRelationValue, "How: " + choices(CONCEPT_RELATION_MEANING))
    source: _described(Url, "An http(s) URL that supports it.")
    note: NotRequired[_described(Text | None, "What the relation alone does not say.")]


class ConceptEntry(TypedDict):
    """An idea the models are built with: an objective, a technique, a benchmark, a data set..."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    id: _described(ModelId, "Stable identifier, a lowercase slug: rlhf, lora, mmlu.")
    name: _described(Line, "Display name: RLHF.")
    aliases: NotRequired[_described(list[Item], "Other names, in English and Korean.")]
    kind: _described(KindValue, "What sort of idea it is: " + choices(CONCEPT_KIND_MEANING))
    introduced: _described(Date, "When the paper or release that introduced it appeared.")
    organization: _described(list[Item], "Who introduced it, primary first.", min_length=1)
    description: _described(Description, "One or two plain sentences.")
    description_ko: NotRequired[_described(Description | None, "The description in Korean.")]
    sources: _described(list[Url], "The paper or page that introduced it.", min_length=1)
    derived_from: NotRequired[_described(
        list[ConceptDerivation], "Earlier ideas it builds on, is part of or is an instance of.")]
    note: NotRequired[_described(Text | None, "Disputed or surprising facts about the idea.")]


Dataset = TypedDict("Dataset", {
    "$schema": NotRequired[_described(str | None, "Path of this schema.")],
    "version": NotRequired[_described(Line | None, "Version of the dataset, e.g. 2026.12.01.")],
    "as_of": NotRequired[_described(
        Date | None, "The date up to which releases were surveyed: no model is released after it.")],
    "extends": NotRequired[_described(
        Line | None, '"bundled" (the dataset shipped with llm-lineage) or the path of another dataset file, '
                     "relative to this one: this file adds its models and concepts to that one's.")],
    "models": _described(list[ModelEntry], "Every model, in any order."),
    "concepts": NotRequired[_described(list[ConceptEntry], "Every concept, in any order.")],
})
Dataset.__doc__ = "A dataset file: models, concepts, and what it extends."
Dataset.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]


def inherits(entry: dict[str, Any], field: str) -> bool:
    """Whether a validated entry leaves ``objective`` or ``architecture`` out, to inherit it."""
    return field not in entry


def fields_of(kind: Any) -> list[str]:
    """The field names of an entry type, for suggestions."""
    return list(kind.__annotations__)


@functools.cache
def adapter(kind: Any) -> Any:
    """The pydantic validator of one kind of object (``ModelEntry``, ``list[ModelEntry]``, ``Dataset``...)."""
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def dataset_json_schema() -> dict[str, Any]:
    """The JSON Schema of a dataset file, published as ``graph/models.schema.json``."""
    schema = adapter(Dataset).json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "llm-lineage dataset",
        "description": (
            "A curated, cited list of language models, how they derive from one another, and the ideas "
            "they are built with. Rules across entries (unique ids and names, existing parents and "
            "concepts, no cycles, no child older than its parent) are checked by `lineage validate`."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }
