"""Reading and validating a dataset file.

:func:`load_catalog` reads a file, parses it strictly (duplicate keys, ``NaN``
and ``Infinity`` are errors), validates every entry with the pydantic schema,
then checks the rules that involve several entries. Every problem in the file
is reported at once, each naming the file, the entry and the field.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import gc
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .errors import DataFileError, DatasetError
from .names import normalize
from .vocabulary import WEIGHT_RELATIONS

if TYPE_CHECKING:
    from .schema import ModelEntry

DATA_ENV = "LINEAGE_DATA"
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


# --------------------------------------------------------------------------
# Reading and strict JSON


class _Marked(dict):
    """A JSON object that repeated a key; the repeats are kept for the report."""

    duplicates: list[str]


class _NonFinite:
    """Stands for NaN, Infinity or a number too large for a float."""

    def __init__(self, text: str):
        self.text = text


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


def _line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(newline, 0, offset) + 1
    start = data.rfind(newline, 0, offset) + 1
    return line, offset - start + 1


def parse_json(data: bytes, shown: str) -> tuple[Any, bool]:
    """Parse strictly. Returns the value and whether anything was marked.

    A UTF-8 byte-order mark is accepted and skipped, as RFC 8259 allows parsers to.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
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

    def constant(name: str) -> _NonFinite:
        nonlocal marked
        marked = True
        return _NonFinite(name)

    def number(literal: str) -> Any:
        value = float(literal)
        if value in (float("inf"), float("-inf")):
            return constant(literal)
        return value

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{shown}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise DataFileError(f"{shown}: invalid JSON: nested too deeply") from None
    return value, marked


def _marks(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Yield (path, problem) for every repeated key and non-finite number below ``value``."""
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, _NonFinite):
            yield where, f"{item.text} is not allowed: JSON numbers must be finite"
        elif isinstance(item, dict):
            if isinstance(item, _Marked):
                for key in dict.fromkeys(item.duplicates):
                    yield where, f"key {key!r} appears more than once in one object"
            stack.extend((f"{where}.{k}" if where else k, v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(item))))


# --------------------------------------------------------------------------
# Messages


_TOP_FIELDS = ["$schema", "version", "models"]


@functools.cache
def _fields() -> tuple[list[str], list[str]]:
    """Field names of an entry and of a derivation, for suggestions."""
    from .schema import Derivation, ModelEntry

    return list(ModelEntry.model_fields), list(Derivation.model_fields)


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _entry_label(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return f"entry {raw['id']!r}"
    return f"models[{index}]"


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: dict[str, Any], loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        entry_fields, derivation_fields = _fields()
        fields = derivation_fields if "derived_from" in loc[:-1] else entry_fields
        return "unknown field" + _suggest(name, fields)
    if kind == "missing":
        return "required field is missing"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        field = str(loc[-1]) if loc else "value"
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
        hint = _suggest(value, choices) if isinstance(value, str) else ""
        return f"unknown {field} {_short(value)}{hint}; expected one of {expected}"
    if kind == "string_pattern_mismatch":
        field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
        if field in ("id", "model"):
            return f"{_short(value)} is not an id: use lowercase letters, digits, '.', '+' and '-'"
        if field == "released":
            return f"{_short(value)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        if field in ("sources", "source"):
            return f"{_short(value)} is not an http(s) URL"
        if isinstance(value, str) and not value.strip():
            return "must not be blank"
        if field in ("description", "note"):
            return "must not contain control characters (tabs and line breaks are fine)"
        return "must be one line without control characters"
    if kind == "too_short":
        n = error.get("ctx", {}).get("min_length", 1)
        return f"must have at least {n} item" + ("" if n == 1 else "s")
    if kind in ("string_too_long", "too_long"):
        return error["msg"].replace("String should", "must").replace("List should", "must")
    if kind in ("string_type", "bool_type", "list_type", "int_type", "model_type", "dict_type"):
        return error["msg"].replace("Input should be", "must be") + f", not {_short(value)}"
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message.replace("Input should", "must").replace("String should", "must").replace(
        "List should", "must"
    )


# --------------------------------------------------------------------------
# Validation


@functools.cache
def _entries_adapter():
    from pydantic import TypeAdapter

    from .schema import ModelEntry

    return TypeAdapter(list[ModelEntry])


def _validate_entries(raw_models: list[Any], shown: str, problems: list[str]) -> list[ModelEntry | None]:
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
            label = _entry_label(raw, index)
            for error in exc.errors():
                loc = tuple(error["loc"])
                field = _dotted(loc)
                where = f"{shown}: {label}" + (f", {field}" if field else "")
                problems.append(f"{where}: {_message(error, loc)}")
            out.append(None)
    return out


def _date_key(released: str) -> tuple[int, ...]:
    return tuple(int(p) for p in released.split("-"))


def _before(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether date ``a`` is strictly earlier than ``b``, compared at the coarser precision."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _find_cycles(parents: dict[str, list[str]]) -> list[list[str]]:
    """Cycles among ``parents`` (child -> parent ids), each listed once, at most ten."""
    children: dict[str, list[str]] = {n: [] for n in parents}
    indegree = {n: 0 for n in parents}
    for child, ps in parents.items():
        for p in ps:
            children[p].append(child)
            indegree[child] += 1
    queue = [n for n, d in indegree.items() if d == 0]
    while queue:
        node = queue.pop()
        for child in children[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                queue.append(child)
    stuck = {n for n, d in indegree.items() if d > 0}
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(stuck):
        if start in done or len(cycles) >= 10:
            continue
        # Walk parent links inside the stuck set until a node repeats.
        order: dict[str, int] = {}
        node = start
        while node not in order and node not in done:
            order[node] = len(order)
            node = min(p for p in parents[node] if p in stuck)
        walk = list(order)
        done.update(walk)
        if node in order:
            cycle = walk[order[node]:]
            first = cycle.index(min(cycle))
            cycles.append(cycle[first:] + cycle[:first])
    return cycles


def check_entries(entries: list[ModelEntry | None], raw_models: list[Any], shown: str) -> list[str]:
    """The rules that involve several entries. Returns the problems found."""
    problems: list[str] = []
    valid = [e for e in entries if e is not None]

    # Ids: unique. Entries that failed validation still count as known ids so
    # that one broken entry does not make all its children "unknown".
    positions: dict[str, list[int]] = {}
    for index, raw in enumerate(raw_models):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            positions.setdefault(raw["id"], []).append(index)
    for mid, where in positions.items():
        if len(where) > 1:
            places = ", ".join(f"models[{i}]" for i in where)
            problems.append(f"{shown}: entry {mid!r}, id: duplicate id, used by {places}")
    known = set(positions)

    # Names and aliases: unique across entries, compared loosely.
    owner: dict[str, tuple[str, str]] = {}
    for e in valid:
        labels = [("id", e.id), ("name", e.name)] + [(f"aliases[{i}]", a) for i, a in enumerate(e.aliases)]
        mine: set[str] = set()
        for field, label in labels:
            key = normalize(label)
            if key in mine:  # an alias that spells the entry's own name differently
                continue
            mine.add(key)
            other = owner.get(key)
            if other is not None and other[0] != e.id:
                problems.append(
                    f"{shown}: entry {e.id!r}, {field}: {label!r} is already used by entry "
                    f"{other[0]!r} ({other[1]})"
                )
            else:
                owner[key] = (e.id, field if field != "id" else "its id")

    by_id = {e.id: e for e in valid}
    id_list = sorted(known)
    dates = {e.id: _date_key(e.released) for e in valid}

    parents: dict[str, list[str]] = {e.id: [] for e in valid}
    for e in valid:
        seen: set[str] = set()
        for i, d in enumerate(e.derived_from):
            where = f"{shown}: entry {e.id!r}, derived_from[{i}].model"
            if d.model == e.id:
                problems.append(f"{where}: a model cannot derive from itself")
                continue
            if d.model in seen:
                problems.append(f"{where}: parent {d.model!r} is listed more than once")
                continue
            seen.add(d.model)
            if d.model not in known:
                close = difflib.get_close_matches(d.model, id_list, n=1, cutoff=0.6)
                if not close and normalize(d.model) in owner:
                    close = [owner[normalize(d.model)][0]]
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(f"{where}: unknown model {d.model!r}{hint}")
                continue
            parent = by_id.get(d.model)
            if parent is None:
                continue
            parents[e.id].append(d.model)
            if _before(dates[e.id], dates[parent.id]):
                problems.append(
                    f"{shown}: entry {e.id!r}, released: {e.released} is before the release of its "
                    f"parent {parent.id!r} ({parent.released})"
                )

        weight_parents = [d for d in e.derived_from if d.relation in WEIGHT_RELATIONS]
        for field, omitted in (("objective", e.inherits_objective), ("architecture", e.inherits_architecture)):
            if omitted and len(weight_parents) != 1:
                reason = "it has no such parent" if not weight_parents else "it has several"
                problems.append(
                    f"{shown}: entry {e.id!r}, {field}: missing; it may be omitted only when the model "
                    f"inherits weights from exactly one parent (fine-tuned, preference-tuned, adapter or "
                    f"continued-pretraining), and {reason}; write it, or null if undisclosed"
                )

    # Entries that failed validation: still report parents that do not exist.
    for index, (entry, raw) in enumerate(zip(entries, raw_models)):
        if entry is not None or not isinstance(raw, dict) or not isinstance(raw.get("derived_from"), list):
            continue
        for i, d in enumerate(raw["derived_from"]):
            model = d.get("model") if isinstance(d, dict) else None
            if isinstance(model, str) and model not in known:
                close = difflib.get_close_matches(model, id_list, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(
                    f"{shown}: {_entry_label(raw, index)}, derived_from[{i}].model: unknown model {model!r}{hint}"
                )

    for cycle in _find_cycles(parents):
        # parents point child -> parent; show the chain in derivation order
        chain = [cycle[0], *reversed(cycle[1:])]
        chain.append(chain[0])
        problems.append(
            f"{shown}: entry {cycle[0]!r}, derived_from: cycle of derivations: " + " -> ".join(chain)
        )
    return problems


def _resolve(entries: list[ModelEntry]) -> list[dict[str, Any]]:
    """Plain records with inherited objective and architecture filled in."""
    by_id = {e.id: e for e in entries}
    resolved: dict[str, tuple[str | None, str | None]] = {}
    for entry in entries:
        # Follow the chain of weight parents up to an entry that states the value.
        chain = []
        node: ModelEntry | None = entry
        while node is not None and node.id not in resolved:
            chain.append(node)
            if not (node.inherits_objective or node.inherits_architecture):
                break
            weight = [d for d in node.derived_from if d.relation in WEIGHT_RELATIONS]
            node = by_id.get(weight[0].model) if len(weight) == 1 else None
        for item in reversed(chain):
            weight = [d for d in item.derived_from if d.relation in WEIGHT_RELATIONS]
            up = resolved.get(weight[0].model, (None, None)) if len(weight) == 1 else (None, None)
            objective = up[0] if item.inherits_objective else (item.objective and str(item.objective))
            architecture = up[1] if item.inherits_architecture else (
                item.architecture and str(item.architecture)
            )
            resolved[item.id] = (objective, architecture)

    records = []
    for e in entries:
        objective, architecture = resolved[e.id]
        records.append({
            "id": e.id, "name": e.name, "aliases": list(e.aliases), "organization": list(e.organization),
            "released": e.released, "parameters": list(e.parameters) if e.parameters is not None else None,
            "objective": objective, "architecture": architecture, "open_weights": e.open_weights,
            "description": e.description, "sources": list(e.sources), "note": e.note,
            "year": int(e.released[:4]),
            "derived_from": [
                {"model": d.model, "relation": str(d.relation), "note": d.note, "source": d.source}
                for d in e.derived_from
            ],
        })
    return records


def validate_data(value: Any, shown: str, marked: bool = True) -> Catalog:
    """Validate an already parsed dataset; raises :class:`DatasetError` listing every problem."""
    problems: list[str] = []
    if marked:
        for where, problem in _marks(value, ""):
            problems.append(f"{shown}: " + _describe_location(value, where) + f": {problem}")

    if not isinstance(value, dict):
        kind = type(value).__name__ if not isinstance(value, list) else "a list"
        raise DatasetError(
            shown,
            [f"{shown}: the top level must be an object {{\"models\": [...]}}, not {kind}"] + problems,
        )
    for key in value:
        if key not in _TOP_FIELDS:
            problems.append(f"{shown}: {key}: unknown top-level field" + _suggest(key, _TOP_FIELDS))
    for key in ("$schema", "version"):
        if key in value and not isinstance(value[key], str | None):
            problems.append(f"{shown}: {key}: must be a string")
    if "models" not in value:
        raise DatasetError(shown, problems + [f"{shown}: models: required field is missing (a list of models)"])
    raw_models = value["models"]
    if not isinstance(raw_models, list):
        raise DatasetError(shown, problems + [f"{shown}: models: must be a list of models"])

    entries = _validate_entries(raw_models, shown, problems)
    problems.extend(check_entries(entries, raw_models, shown))
    if problems:
        raise DatasetError(shown, problems)
    valid = [e for e in entries if e is not None]
    version = value.get("version")
    return Catalog(path=shown, version=version, models=_resolve(valid))


def _describe_location(value: Any, where: str) -> str:
    """Turn ``models[3].derived_from[0]`` into ``entry 'x', derived_from[0]``."""
    if where.startswith("models["):
        index_text, _, rest = where[len("models["):].partition("]")
        rest = rest.lstrip(".")
        try:
            raw = value["models"][int(index_text)]
        except (KeyError, IndexError, TypeError, ValueError):
            raw = None
        return _entry_label(raw, int(index_text)) + (f", {rest}" if rest else "")
    return where or "top level"


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

    >>> catalog = load_catalog()
    >>> any(m["id"] == "bert" for m in catalog.models)
    True
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
