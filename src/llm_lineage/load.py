"""Loading a dataset: find the file, read it, validate it, and keep the result in the cache.

:func:`load_catalog` reads a file strictly (:mod:`.jsonfile`), validates every
entry against the schema (:mod:`.entries`), checks the rules across entries
(:mod:`.rules`) and resolves inherited facts (:mod:`.inherit`). Every problem
in the file is reported at once, each naming the file, the entry and the field
(:mod:`.messages`). A file validated before is read from the cache of
validated datasets (:mod:`.cache`).
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cache
from .entries import validate_entries
from .errors import DataFileError, DatasetError
from .inherit import concept_records, resolve_records
from .jsonfile import marks, parse_json, read_bytes
from .messages import describe, describe_location, suggest
from .output import protect
from .rules import Part, check

__all__ = ["Catalog", "load_catalog", "load_compact", "check_file", "validate_data", "locate", "bundled_data_path",
           "default_data_path", "display_path", "gc_paused", "read_bytes", "parse_json", "DATA_ENV",
           "TOP_FIELDS"]

DATA_ENV = "LINEAGE_DATA"
TOP_FIELDS = ["$schema", "version", "as_of", "extends", "models", "concepts"]
_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_data_path() -> Path:
    """The dataset shipped with the package.

    A wheel carries it inside the package; an editable install or a source
    checkout finds ``data/models.json`` at the top of the repository.
    """
    inside = _PACKAGE_DIR / "data" / "models.json"
    if inside.is_file():
        return inside
    return _PACKAGE_DIR.parent.parent / "data" / "models.json"


def default_data_path() -> Path:
    """``$LINEAGE_DATA`` when set, else the bundled dataset."""
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else bundled_data_path()


def display_path(path: Path) -> str:
    """A path as a person would write it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small objects.

    Without this, the collector scans the growing heap again and again: loading
    100,000 entries took 2.7 times as long. On the way out the objects are
    frozen (``gc.freeze``), or the first collection afterwards would walk all
    of them at once. Frozen objects are still freed when nothing refers to
    them; nothing built here forms reference cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class Catalog:
    """A validated dataset (with the files it extends).

    ``models`` holds one plain record per entry, in file order (extended files
    first), with every value resolved: inherited objectives and architectures
    filled in, sizes as ints, ``year`` added, ``derived_from`` and
    ``concepts`` as lists of dicts. ``concepts`` holds the concept records.
    """

    path: str
    version: str | None
    models: list[dict[str, Any]]
    concepts: list[dict[str, Any]] = field(default_factory=list)
    as_of: str | None = None
    files: list[str] = field(default_factory=list)



def _top_level_problems(value: Any, shown: str) -> list[str]:
    problems = []
    for key in value:
        if key not in TOP_FIELDS:
            problems.append(f"{shown}: {key}: unknown top-level field" + suggest(key, TOP_FIELDS))
    for key in ("$schema", "version", "extends", "as_of"):
        if key in value and not isinstance(value[key], str | None):
            problems.append(f"{shown}: {key}: must be a string")
    if isinstance(value.get("version"), str) or isinstance(value.get("as_of"), str):
        from pydantic import ValidationError

        from .schema import Dataset, adapter

        try:
            adapter(Dataset).validate_python({"models": [], **{k: value[k] for k in ("version", "as_of")
                                                              if isinstance(value.get(k), str)}})
        except ValidationError as exc:
            problems.extend(f"{shown}: {error['loc'][0]}: {describe(error, tuple(error['loc']))}"
                            for error in exc.errors())
    for key in ("concepts",):
        if key in value and not isinstance(value[key], list):
            problems.append(f"{shown}: {key}: must be a list of concepts")
    return problems


def _part(value: Any, shown: str, marked: bool, problems: list[str]) -> Part:
    """Validate one file's own content (its entries one by one) and return it as a :class:`Part`."""
    if marked:
        for where, problem in marks(value, ""):
            problems.append(f"{shown}: " + describe_location(value, where) + f": {problem}")
    if not isinstance(value, dict):
        kind = type(value).__name__ if not isinstance(value, list) else "a list"
        raise DatasetError(
            shown,
            [f"{shown}: the top level must be an object {{\"models\": [...]}}, not {kind}"] + problems,
        )
    problems.extend(_top_level_problems(value, shown))
    if "models" not in value:
        raise DatasetError(shown, problems + [f"{shown}: models: required field is missing (a list of models)"])
    raw_models = value["models"]
    if not isinstance(raw_models, list):
        raise DatasetError(shown, problems + [f"{shown}: models: must be a list of models"])
    raw_concepts = value.get("concepts") if isinstance(value.get("concepts"), list) else []
    models = validate_entries(raw_models, shown, problems)
    concepts = validate_entries(raw_concepts, shown, problems, "concepts")
    as_of = value.get("as_of") if isinstance(value.get("as_of"), str) else None
    return Part(shown, raw_models, models, raw_concepts, concepts, as_of)


def _catalog(parts: list[Part], shown: str, version: str | None, problems: list[str]) -> Catalog:
    problems.extend(check(parts))
    if problems:
        raise DatasetError(shown, problems)
    models = [e for part in parts for e in part.models if e is not None]
    concepts = [c for part in parts for c in part.concepts if c is not None]
    as_of = next((p.as_of for p in reversed(parts) if p.as_of), None)
    files = [p.shown for p in parts]
    for part in parts:  # the raw JSON and the entries are not needed any more: let a million of them go
        part.raw_models, part.raw_concepts, part.models, part.concepts = [], [], [], []
    records = resolve_records(models)
    del models
    return Catalog(path=shown, version=version, models=records, concepts=concept_records(concepts),
                   as_of=as_of, files=files)


def validate_data(value: Any, shown: str, marked: bool = True, *, base: Path | None = None) -> Catalog:
    """Validate an already parsed dataset; raises :class:`DatasetError` listing every problem.

    A dataset that ``extends`` another reads it first: ``"bundled"``, or a path
    relative to ``base`` (the folder of the file, default the current folder).
    """
    problems: list[str] = []
    top = _part(value, shown, marked, problems)
    chain = _extended(value, shown, base or Path.cwd(), seen=[])
    parts = [_part(v, s, m, problems) for s, v, m, _, _ in chain] + [top]
    version = value.get("version") if isinstance(value.get("version"), str) else None
    return _catalog(parts, shown, version, problems)


def _extended(value: Any, shown: str, base: Path, seen: list[Path]) -> list[tuple[str, Any, bool, Path, bytes]]:
    """The files ``value`` extends, the most basic first: (shown, value, marked, path, bytes) each."""
    target = value.get("extends") if isinstance(value, dict) else None
    if not isinstance(target, str):
        return []
    if target == "bundled":
        path = bundled_data_path()
        label = display_path(path)
    else:
        path = base / target
        label = display_path(path)
    resolved = path.resolve()
    if resolved in seen:
        chain = " -> ".join(display_path(p) for p in [*seen, resolved])
        raise DatasetError(shown, [f"{shown}: extends: {target!r} leads back to itself: {chain}"])
    try:
        data = read_bytes(path, label)
    except DataFileError as exc:
        raise DataFileError(f"{shown}: extends: {exc}") from None
    inner, marked = parse_json(data, label)
    return _extended(inner, label, path.parent, [*seen, resolved]) + [(label, inner, marked, path, data)]


def locate(path: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The dataset file to read and how to name it in messages."""
    if path is None and not os.environ.get(DATA_ENV):
        file = bundled_data_path()
        return file, display_path(file)
    file = Path(path) if path is not None else default_data_path()
    return file, str(file)  # as the user wrote it


def _validate_file(file: Path, shown: str, data: bytes) -> tuple[Catalog, list[tuple[Path, bytes]]]:
    """Validate a dataset's bytes and the files it extends; raises :class:`DatasetError` with every problem."""
    protect(file)
    value, marked = parse_json(data, shown)
    problems: list[str] = []
    top = _part(value, shown, marked, problems)
    chain = _extended(value, shown, file.parent, seen=[file.resolve()])
    for _, _, _, base_path, _ in chain:
        protect(base_path)
    parts = [_part(v, s, m, problems) for s, v, m, _, _ in chain] + [top]
    version = value.get("version") if isinstance(value.get("version"), str) else None
    depends = [(p, d) for _, _, _, p, d in chain]
    del value, chain, top
    return _catalog(parts, shown, version, problems), depends


def _cached(file: Path, data: bytes) -> dict[str, Any] | None:
    hit = cache.load(data, file)
    if hit is not None:
        protect(file)
        for base_path, _ in hit.get("depends", []):
            protect(Path(base_path))
    return hit


def load_compact(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> tuple[str, dict[str, Any]]:
    """The validated dataset in the cache's compact form, and the name of its file.

    From the cache when this content was validated before; otherwise the file
    is validated (raising :class:`DatasetError` with every problem) and cached.
    """
    file, shown = locate(path)
    data = read_bytes(file, shown)
    with gc_paused():
        if use_cache and (hit := _cached(file, data)) is not None:
            return shown, hit
        catalog, depends = _validate_file(file, shown, data)
        packed = cache.compact(catalog.version, catalog.models, as_of=catalog.as_of, concepts=catalog.concepts,
                               files=catalog.files)
        del catalog
    if use_cache:
        cache.store(data, file, packed, depends=depends)
    return shown, packed


def check_file(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """What ``lineage validate`` reports of a valid dataset: its name, files and counts.

    Raises :class:`DatasetError` with every problem. A file already in the
    cache is not validated again; a check writes nothing to the cache (a
    check in CI has no later query to speed up).
    """
    file, shown = locate(path)
    data = read_bytes(file, shown)
    with gc_paused():
        hit = _cached(file, data)
        if hit is not None:
            return {"path": shown, "models": len(hit["ids"]), "derivations": len(hit["edges"]),
                    "concepts": len(hit.get("concepts", [])), "files": hit.get("files", [shown])}
        catalog, _ = _validate_file(file, shown, data)
        return {"path": shown, "models": len(catalog.models),
                "derivations": sum(len(r["derived_from"]) for r in catalog.models),
                "concepts": len(catalog.concepts), "files": catalog.files}


def load_catalog(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Catalog:
    """Read and validate a dataset file (default: ``$LINEAGE_DATA`` or the bundled one).

    A file validated before, with the same content, is read from the cache
    (see :mod:`llm_lineage.cache`) instead of being validated again.

    Every problem in the file is reported at once, in one :class:`DatasetError`.
    """
    if not use_cache:
        file, shown = locate(path)
        data = read_bytes(file, shown)
        protect(file)
        with gc_paused():
            value, marked = parse_json(data, shown)
            return validate_data(value, shown, marked, base=file.parent)
    shown, packed = load_compact(path)
    with gc_paused():
        return Catalog(path=shown, version=packed["version"], models=cache.records(packed),
                       concepts=packed.get("concepts", []), as_of=packed.get("as_of"),
                       files=packed.get("files", [shown]))
