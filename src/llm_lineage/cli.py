"""The ``lineage`` command.

Each command parses its options, makes one library call and prints the result,
as text by default or as one JSON document with ``--json``. A
:class:`~llm_lineage.errors.LineageError` becomes ``Error: ...`` on stderr and
exit code 1; usage errors exit with 2. Library modules are imported inside the
commands so that ``lineage --help`` starts fast.
"""

from __future__ import annotations

import datetime as _dt
import errno
import json
import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from .errors import LineageError
from .exports import FORMATS
from .vocabulary import Architecture, Objective, Relation

__all__ = ["app", "main"]

ExportFormat = StrEnum("ExportFormat", {name: name for name in FORMATS})


def _is_output_error(exc: OSError) -> bool:
    """Whether writing to standard output failed (files we write raise our own OutputError)."""
    return exc.errno in (errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EDQUOT, errno.EFBIG)


class _Group(TyperGroup):
    """Turns the project's errors into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except LineageError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:  # e.g. `lineage list | head`
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
            raise typer.Exit(0) from None
        except OSError as exc:
            if exc.errno is None or not _is_output_error(exc):
                raise
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
            typer.echo(f"Error: cannot write the output ({exc.strerror or exc})", err=True)
            raise typer.Exit(1) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they are defined, not alphabetical


app = typer.Typer(
    cls=_Group,
    help="Explore how language models descend from one another.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Data = Annotated[
    Optional[Path],
    typer.Option(
        "--data",
        envvar="LINEAGE_DATA",
        metavar="PATH",
        show_default=False,
        help="Dataset file to read. [default: $LINEAGE_DATA, else the bundled data/models.json]",
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print one JSON document instead of text.")]
Name = Annotated[str, typer.Argument(metavar="NAME", help="A model's id, name or alias (any case; spaces, dots, hyphens ignored).")]
Depth = Annotated[
    Optional[int], typer.Option("--depth", min=1, metavar="N", help="Go at most N derivation steps.")
]
Relations = Annotated[
    Optional[list[Relation]],
    typer.Option("--relation", "-r", metavar="RELATION", help="Follow only this kind of derivation (repeatable)."),
]
Orgs = Annotated[
    Optional[list[str]],
    typer.Option("--org", metavar="ORG", help="Keep models whose organization contains this text, any case (repeatable)."),
]
ObjectiveOpt = Annotated[Optional[Objective], typer.Option("--objective", help="Keep models with this pre-training objective.")]
ArchitectureOpt = Annotated[Optional[Architecture], typer.Option("--architecture", help="Keep models with this architecture.")]
OpenWeights = Annotated[
    Optional[bool],
    typer.Option("--open-weights/--closed-weights", help="Keep only models whose weights are (or are not) downloadable.", show_default=False),
]
Families = Annotated[
    Optional[list[str]],
    typer.Option("--family", metavar="FAMILY", help="Keep the models of this family, or of a model's family (repeatable)."),
]
Uses = Annotated[
    Optional[list[str]],
    typer.Option("--uses", metavar="CONCEPT", help="Keep models linked to this concept: introduced, uses, trained or evaluated on it (repeatable)."),
]
Focus = Annotated[Optional[list[str]], typer.Option("--focus", metavar="NAME", help="Keep only this model, its ancestors and its descendants (repeatable).")]
FocusDepth = Annotated[Optional[int], typer.Option("--depth", min=1, metavar="N", help="With --focus: at most N steps each way.")]
FocusUp = Annotated[bool, typer.Option("--up", help="With --focus: keep ancestors only.")]


def _when(value: str | None) -> str | None:
    """A --since/--until bound: a year, a month or a day, as the dataset writes dates."""
    if value is None:
        return None
    text = value.strip()
    parts = text.split("-")
    try:
        if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text):
            raise ValueError
        _dt.date(*[int(p) for p in parts], *[1] * (3 - len(parts)))
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a year or a date (2023, 2023-05 or 2023-05-10)") from None
    return text


Since = Annotated[Optional[str], typer.Option("--since", metavar="DATE", callback=_when,
                                              help="Keep models released in or after DATE: a year (2023), a month (2023-05) or a day.")]
Until = Annotated[Optional[str], typer.Option("--until", metavar="DATE", callback=_when,
                                              help="Keep models released in or before DATE: a year (2023), a month (2023-05) or a day.")]


def _graph(data: Path | None) -> Any:
    """The dataset as a light graph: every command reads it without importing networkx."""
    from .graph import load_light_graph

    return load_light_graph(data)


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _print(found: Any, as_json: bool, as_text: Any) -> None:
    """Print one record: its ``json()`` with ``--json``, else its text."""
    if as_json:
        _print_json(found.json() if hasattr(found, "json") else found)
    else:
        typer.echo(as_text(found))


@app.command()
def show(name: Annotated[str, typer.Argument(metavar="NAME", help="A model's id, name, alias or Hugging Face id; also a concept or a family.")],
         data: Data = None, as_json: Json = False) -> None:
    """Show one model: its facts, sources, parents, derived models and concepts (or a concept, or a family)."""
    from . import text
    from .concepts import describe_concept
    from .families import describe_family
    from .graph import describe
    from .names import name_index, resolve

    G = _graph(data)
    found = name_index(G).find(name) if name not in G else None
    if found is not None and found.kind == "concept":
        _print(describe_concept(G, found.id), as_json, text.concept)
    elif found is not None and found.kind == "family":
        _print(describe_family(G, found.id), as_json, text.family)
    else:
        _print(describe(G, resolve(G, name)), as_json, text.show)


@app.command()
def family(name: Annotated[str, typer.Argument(metavar="NAME", help="A family (GPT, Llama, EXAONE...) or one of its models.")],
           data: Data = None, as_json: Json = False) -> None:
    """List a family's models in release order, with how each derives from earlier ones."""
    from . import text
    from .families import describe_family, resolve_family

    G = _graph(data)
    _print(describe_family(G, resolve_family(G, name)), as_json, text.family)


@app.command()
def concept(name: Annotated[str, typer.Argument(metavar="NAME", help="A concept's id, name or alias: RLHF, LoRA, MMLU, 지식 증류.")],
            data: Data = None, as_json: Json = False) -> None:
    """Show an idea (technique, objective, benchmark, data set...): where it came from and the models that use it."""
    from . import text
    from .concepts import describe_concept, resolve_concept

    G = _graph(data)
    _print(describe_concept(G, resolve_concept(G, name)), as_json, text.concept)


def _walk_command(name: str, data: Path | None, depth: int | None,
                  relation: list[Relation] | None, as_json: bool, up: bool) -> None:
    from . import graph, records, text
    from .names import resolve

    G = _graph(data)
    model = resolve(G, name)
    query = graph.ancestors if up else graph.descendants
    hits = query(G, model, depth=depth, relations=set(relation) if relation else None)
    _print(records.relatives(G, model, hits, up=up), as_json, text.relatives)


@app.command()
def ancestors(name: Name, depth: Depth = None, relation: Relations = None,
              data: Data = None, as_json: Json = False) -> None:
    """List the models NAME derives from, nearest first."""
    _walk_command(name, data, depth, relation, as_json, up=True)


@app.command()
def descendants(name: Name, depth: Depth = None, relation: Relations = None,
                data: Data = None, as_json: Json = False) -> None:
    """List the models derived from NAME, nearest first."""
    _walk_command(name, data, depth, relation, as_json, up=False)


@app.command()
def path(
    source: Annotated[str, typer.Argument(metavar="FROM", help="One model.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Another model.")],
    data: Data = None,
    as_json: Json = False,
) -> None:
    """Show the chain of derivations between two models, oldest first."""
    from . import graph, records, text
    from .names import resolve

    G = _graph(data)
    a, b = resolve(G, source), resolve(G, target)
    chain = graph.lineage_path(G, a, b)
    shared = [] if chain else graph.common_ancestors(G, a, b)
    _print(records.lineage_path(G, a, b, chain, shared), as_json, text.path)


@app.command()
def common(
    first: Annotated[str, typer.Argument(metavar="A", help="One model.")],
    second: Annotated[str, typer.Argument(metavar="B", help="Another model.")],
    data: Data = None,
    as_json: Json = False,
) -> None:
    """Show the nearest common ancestors of two models."""
    from . import graph, records, text
    from .names import resolve

    G = _graph(data)
    a, b = resolve(G, first), resolve(G, second)
    _print(records.common(G, a, b, graph.common_ancestors(G, a, b)), as_json, text.common)


@app.command()
def tree(
    name: Name,
    depth: Depth = None,
    up: Annotated[bool, typer.Option("--up", help="Show ancestors instead of descendants.")] = False,
    data: Data = None,
    as_json: Json = False,
) -> None:
    """Show the descendants of NAME (or with --up its ancestors) as an indented tree."""
    from . import graph, records, text
    from .names import resolve

    G = _graph(data)
    rows = graph.tree(G, resolve(G, name), depth=depth, up=up)
    _print(records.tree(G, rows, up=up), as_json, text.tree)


@app.command("list")
def list_models(
    org: Orgs = None,
    since: Since = None,
    until: Until = None,
    objective: ObjectiveOpt = None,
    architecture: ArchitectureOpt = None,
    open_weights: OpenWeights = None,
    family: Families = None,
    uses: Uses = None,
    data: Data = None,
    as_json: Json = False,
) -> None:
    """List models, sorted by release date, optionally filtered."""
    from . import text
    from .graph import entry, select

    G = _graph(data)
    ids = select(G, **_filters(G, org=org, since=since, until=until, objective=objective, architecture=architecture,
                               open_weights=open_weights, family=family, uses=uses))
    _print([entry(G, i) for i in ids], as_json, text.models_table)


@app.command()
def search(
    words: Annotated[str, typer.Argument(metavar="TEXT", help="Words to look for.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many matches.")] = 10,
    data: Data = None,
    as_json: Json = False,
) -> None:
    """Find models, concepts and families by name, alias, organization or description, best match first."""
    from . import records, text
    from .search import search as find

    G = _graph(data)
    found = records.found(G, find(G, words, limit=limit))
    if as_json:
        _print_json([f.json() for f in found])
    else:
        typer.echo(text.search_results(found, words))


@app.command()
def stats(data: Data = None, as_json: Json = False) -> None:
    """Count models by year, organization, family, objective and architecture; derivations; concepts by kind."""
    from . import graph, text

    _print(graph.stats(_graph(data)), as_json, text.stats)


@app.command()
def validate(
    file: Annotated[Optional[Path], typer.Argument(metavar="[PATH]", help="Dataset file to check. [default: as --data]", show_default=False)] = None,
    data: Data = None,
    as_json: Json = False,
) -> None:
    """Check a dataset file and report every problem in it at once."""
    from .load import check_file

    found = check_file(file or data)
    if as_json:
        _print_json({"path": found["path"], "valid": True, "models": found["models"],
                     "derivations": found["derivations"], "concepts": found["concepts"], "files": found["files"]})
    else:
        extra = f", {found['concepts']} concepts" if found["concepts"] else ""
        typer.echo(f"{found['path']}: valid, {found['models']} models, {found['derivations']} derivations{extra}")


@app.command()
def crosscheck(
    epoch: Annotated[Path, typer.Option("--epoch", metavar="PATH", help="A CSV file in Epoch AI's 'Notable AI Models' format.")],
    unexplained: Annotated[bool, typer.Option("--unexplained", help="Show only disagreements that no note explains.")] = False,
    data: Data = None,
    as_json: Json = False,
) -> None:
    """Compare the dataset with Epoch AI's table: dates, sizes, organizations, base models."""
    from . import text
    from .crosscheck import as_records, compare, read_epoch

    G = _graph(data)
    found, matched = compare(G, read_epoch(epoch))
    if as_json:
        shown = [d for d in found if not d.explained] if unexplained else found
        _print_json({"matched": matched, "disagreements": as_records(shown)})
    else:
        typer.echo(text.crosscheck(found, len(matched), unexplained_only=unexplained))


def _filters(G: Any, **filters: Any) -> dict[str, Any]:
    """The list filters as the library takes them: families and concepts resolved from their names."""
    from .concepts import resolve_concept
    from .families import resolve_family

    low, high = filters.get("since"), filters.get("until")
    if low is not None and high is not None and low[: len(high)] > high[: len(low)]:
        raise typer.BadParameter(f"--since {filters['since']} is after --until {filters['until']}", param_hint="--since")
    out = {k: (str(v) if isinstance(v, StrEnum) else v) for k, v in filters.items()}
    if out.get("family"):
        out["family"] = [resolve_family(G, f) for f in out["family"]]
    if out.get("uses"):
        out["uses"] = [resolve_concept(G, c) for c in out["uses"]]
    return out


def _selection(data: Path | None, focus: list[str] | None, depth: int | None, up: bool,
               **filters: Any) -> Any:
    """The graph narrowed by --focus/--depth/--up and the list filters."""
    from .graph import subgraph
    from .names import resolve

    if (depth is not None or up) and not focus:
        raise typer.BadParameter("--depth and --up go with --focus", param_hint="--focus")
    G = _graph(data)
    focused = [resolve(G, name) for name in focus] if focus else None
    return subgraph(G, focus=focused, depth=depth, up=up, **_filters(G, **filters))


def _selection_words(G: Any, focus: list[str] | None, up: bool, **filters: Any) -> dict[str, str] | None:
    """What a page of part of the dataset shows, in words, for its header; None for the whole dataset."""
    from .explorer import subset_words
    from .names import resolve

    focused = [G.nodes[resolve(G, name)]["name"] for name in focus] if focus else []
    given = {k: (str(v) if isinstance(v, StrEnum) else v) for k, v in filters.items() if v not in (None, [], False)}
    if filters.get("open_weights") is False:
        given["open_weights"] = False
    return subset_words(focused, up, given) if focused or given else None


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Argument(metavar="FORMAT", help="graphml, json (networkx node-link), csv, mermaid, dot or gexf.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="PATH", help="File to write (csv: a folder), or - for standard output. [default: output/lineage.FORMAT]", show_default=False)] = None,
    focus: Focus = None,
    depth: FocusDepth = None,
    up: FocusUp = False,
    org: Orgs = None,
    since: Since = None,
    until: Until = None,
    objective: ObjectiveOpt = None,
    architecture: ArchitectureOpt = None,
    open_weights: OpenWeights = None,
    family: Families = None,
    uses: Uses = None,
    concepts: Annotated[bool, typer.Option("--concepts/--no-concepts", help="Include the concepts the models link to, as nodes and edges. [default: --concepts]", show_default=False)] = True,
    data: Data = None,
) -> None:
    """Export the graph, or part of it, for Gephi, Cytoscape, igraph, spreadsheets or Markdown."""
    from . import exports
    from .output import DEFAULT_DIR

    H = _selection(data, focus, depth, up, org=org, since=since, until=until, objective=objective,
                   architecture=architecture, open_weights=open_weights, family=family, uses=uses)
    if not concepts:
        H = H.subgraph(list(H))  # a graph of its own, whose concepts can be left out
        H.graph["concepts"] = {}
    name = str(fmt)
    if out is not None and str(out) == "-":
        if name == "csv":
            raise typer.BadParameter("csv writes two files; give a folder", param_hint="--out")
        sys.stdout.buffer.write(exports.render_bytes(H, name))
        sys.stdout.buffer.flush()
        return
    for written in exports.write(H, name, out or exports.default_path(name, DEFAULT_DIR)):
        typer.echo(str(written))


@app.command()
def html(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="PATH", help="File to write.")] = Path("output/lineage.html"),
    focus: Focus = None,
    depth: FocusDepth = None,
    up: FocusUp = False,
    org: Orgs = None,
    since: Since = None,
    until: Until = None,
    objective: ObjectiveOpt = None,
    architecture: ArchitectureOpt = None,
    open_weights: OpenWeights = None,
    family: Families = None,
    uses: Uses = None,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the default browser.")] = False,
    data: Data = None,
) -> None:
    """Write the interactive explorer: one HTML file that works offline in any browser."""
    from .explorer import write_page

    filters = dict(org=org, since=since, until=until, objective=objective, architecture=architecture,
                   open_weights=open_weights, family=family, uses=uses)
    H = _selection(data, focus, depth, up, **filters)
    G = _graph(data)
    written = write_page(H, out, G, subset=_selection_words(G, focus, up, **filters))
    typer.echo(str(written))
    if open_page:
        import webbrowser

        webbrowser.open(written.resolve().as_uri())


@app.command("import-hf")
def import_hf(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Hub model records: a JSON array or JSON Lines, as the Hub's model API returns them.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="PATH", help="Dataset file to write.")],
    strict: Annotated[bool, typer.Option("--strict", help="Stop, writing nothing, if any record cannot be imported.")] = False,
    data: Data = None,
) -> None:
    """Import Hugging Face Hub records as a dataset that extends the curated one."""
    import os

    from .errors import DatasetError
    from .hub import import_records, read_records
    from .load import DATA_ENV
    from .output import write_all

    G = _graph(data)
    base = data or (Path(os.environ[DATA_ENV]) if os.environ.get(DATA_ENV) else None)
    extends = "bundled" if base is None else os.path.relpath(base.resolve(), out.resolve().parent)
    records, problems = read_records(file)
    result = import_records(records, G, extends=extends, problems=problems)
    if strict and result.problems:
        raise DatasetError(str(file), [f"{file}: {p}" for p in result.problems])

    def pieces():
        head = {k: v for k, v in result.document.items() if k != "models"}
        yield (json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "models": [').encode("utf-8")
        for i, entry in enumerate(result.document["models"]):
            yield (("\n    " if i == 0 else ",\n    ") + json.dumps(entry, ensure_ascii=False)).encode("utf-8")
        yield b"\n  ]\n}\n"

    write_all({out: pieces()})
    imported = len(result.document["models"])
    typer.echo(f"{out}: {imported} models imported ({result.curated_bases} links to curated models), "
               f"{result.skipped} already curated, {len(result.problems)} left out")
    for problem in result.problems:
        typer.echo(f"{file}: {problem}", err=True)


@app.command()
def publish(
    folder: Annotated[Optional[Path], typer.Option("--dir", metavar="PATH", help="Folder to write. [default: graph/ of the repository, run from its root]", show_default=False)] = None,
    data: Data = None,
) -> None:
    """Regenerate the published graph: lineage.graphml, lineage.json and models.schema.json."""
    from . import exports
    from .errors import OutputError

    if folder is None:
        folder = Path("graph")
        if not folder.is_dir():
            raise OutputError("graph: no such folder here; `lineage publish` rewrites the repository's graph/ "
                              "folder: run it from the repository's root, or name a folder with --dir")

    for written in exports.publish(_graph(data), folder):
        typer.echo(str(written))


def main() -> None:
    """Entry point of the ``lineage`` console script (see :mod:`llm_lineage.__main__`)."""
    from .__main__ import main as run

    run()
