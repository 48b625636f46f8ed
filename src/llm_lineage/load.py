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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cache
from .entries import validate_entries
from .errors import DatasetError
from .inherit import resolve_records
from .jsonfile import marks, parse_json, read_bytes
from .messages import describe_location, suggest
from .rules import check_entries

__all__ = ["Catalog", "load_catalog", "load_compact", "validate_data", "locate", "bundled_data_path",
           "default_data_path", "display_path", "gc_paused", "read_bytes", "parse_json", "DATA_ENV",
           "TOP_FIELDS"]

DATA_ENV = "LINEAGE_DATA"
TOP_FIELDS = ["$schema", "version", "models"]
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
    """A validated dataset.

    ``models`` holds one plain record per entry, in file order, with every
    value resolved: inherited objectives and architectures filled in, sizes as
    ints, ``year`` added, ``derived_from`` as a list of dicts.
    """

    path: str
    version: str | None
    models: list[dict[str, Any]]



def validate_data(value: Any, shown: str, marked: bool = True) -> Catalog:
    """Validate an already parsed dataset; raises :class:`DatasetError` listing every problem."""
    problems: list[str] = []
    if marked:
        for where, problem in marks(value, ""):
            problems.append(f"{shown}: " + describe_location(value, where) + f": {problem}")

    if not isinstance(value, dict):
        kind = type(value).__name__ if not isinstance(value, list) else "a list"
        raise DatasetError(
            shown,
            [f"{shown}: the top level must be an object {{\"models\": [...]}}, not {kind}"] + problems,
        )
    for key in value:
        if key not in TOP_FIELDS:
            problems.append(f"{shown}: {key}: unknown top-level field" + suggest(key, TOP_FIELDS))
    for key in ("$schema", "version"):
        if key in value and not isinstance(value[key], str | None):
            problems.append(f"{shown}: {key}: must be a string")
    if "models" not in value:
        raise DatasetError(shown, problems + [f"{shown}: models: required field is missing (a list of models)"])
    raw_models = value["models"]
    if not isinstance(raw_models, list):
        raise DatasetError(shown, problems + [f"{shown}: models: must be a list of models"])

    entries = validate_entries(raw_models, shown, problems)
    problems.extend(check_entries(entries, raw_models, shown))
    if problems:
        raise DatasetError(shown, problems)
    valid = [e for e in entries if e is not None]
    version = value.get("version")
    return Catalog(path=shown, version=version, models=resolve_records(valid))


def locate(path: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The dataset file to read and how to name it in messages."""
    if path is None and not os.environ.get(DATA_ENV):
        file = bundled_data_path()
        return file, display_path(file)
    file = Path(path) if path is not None else default_data_path()
    return file, str(file)  # as the user wrote it


def load_compact(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> tuple[str, dict[str, Any]]:
    """The validated dataset in the cache's compact form, and the name of its file.

    From the cache when this content was validated before; otherwise the file
    is validated (raising :class:`DatasetError` with every problem) and cached.
    """
    file, shown = locate(path)
    data = read_bytes(file, shown)
    with gc_paused():
        if use_cache:
            hit = cache.load(data, file)
            if hit is not None:
                return shown, hit
        value, marked = parse_json(data, shown)
        catalog = validate_data(value, shown, marked)
        packed = cache.compact(catalog.version, catalog.models)
    if use_cache:
        cache.store(data, file, packed)
    return shown, packed


def load_catalog(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Catalog:
    """Read and validate a dataset file (default: ``$LINEAGE_DATA`` or the bundled one).

    A file validated before, with the same content, is read from the cache
    (see :mod:`llm_lineage.cache`) instead of being validated again.

    Every problem in the file is reported at once, in one :class:`DatasetError`.
    """
    if not use_cache:
        file, shown = locate(path)
        data = read_bytes(file, shown)
        with gc_paused():
            value, marked = parse_json(data, shown)
            return validate_data(value, shown, marked)
    shown, packed = load_compact(path)
    with gc_paused():
        return Catalog(path=shown, version=packed["version"], models=cache.records(packed))
