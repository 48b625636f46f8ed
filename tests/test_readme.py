"""The README's examples are real: every ``$ lineage ...`` line in a console block
is run on the bundled data and must print exactly what the README shows.

After a change to the data or the output, refresh the README with
``python tests/test_readme.py --update`` and review the diff.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llm_lineage.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
# A rendered diagram: <!-- lineage export mermaid ... -o - --> then a ```mermaid block.
DIAGRAM = re.compile(r"<!-- (lineage [^>]*?) -->\n```mermaid\n(.*?)```", re.S)


def examples(text: str) -> list[tuple[str, str]]:
    """(command line, expected output) for every ``$ lineage`` line."""
    found = []
    for block in BLOCK.findall(text):
        parts = re.split(r"^\$ ", block, flags=re.M)
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            if command.startswith("lineage "):
                found.append((command, output))
    return found


def run(command: str) -> str:
    """Run a README command on the bundled data, from the repository's root as a reader would."""
    env = {k: v for k, v in os.environ.items() if k != "LINEAGE_DATA"}
    with contextlib.chdir(README.parent):
        result = CliRunner().invoke(app, shlex.split(command)[1:], env=env)
    return result.stdout + result.stderr


@pytest.mark.parametrize(("command", "expected"), examples(README.read_text()) or [("", "")])
def test_readme_example(command, expected):
    assert command, "README has no console examples"
    assert run(command) == expected, f"README example is stale: {command}\n(python tests/test_readme.py --update)"


@pytest.mark.parametrize(("command", "expected"), DIAGRAM.findall(README.read_text()) or [("", "")])
def test_readme_diagram(command, expected):
    assert command, "README has no generated diagram (<!-- lineage export mermaid ... --> before a mermaid block)"
    assert run(command) == expected, f"README diagram is stale: {command}\n(python tests/test_readme.py --update)"


def test_the_module_map_names_every_module_and_nothing_else():
    """The README's Layout table lists the package's modules; it must match the files."""
    text = README.read_text()
    row = next(line for line in text.splitlines() if line.startswith("| `src/llm_lineage/` |"))
    named = set(re.findall(r"`([a-z_]+\.py)`", row)) | {f"exports/{m}" for m in re.findall(r"`exports/([a-z_]+\.py)`", row)}
    package = README.parent / "src" / "llm_lineage"
    files = {p.name for p in package.glob("*.py") if p.name != "__init__.py"}
    assert named >= files, f"modules missing from the README's map: {sorted(files - named)}"
    assert {n for n in named if "/" not in n} <= files, f"the README names modules that do not exist: {sorted(named - files)}"


def test_every_module_says_what_it_is_for():
    package = README.parent / "src" / "llm_lineage"
    for module in sorted(package.rglob("*.py")):
        first = module.read_text().lstrip().splitlines()[0]
        assert first.startswith('"""') and len(first) > 12, f"{module.name} has no one-line summary"


def update() -> None:
    text = README.read_text()
    text = DIAGRAM.sub(lambda m: f"<!-- {m.group(1)} -->\n```mermaid\n{run(m.group(1))}```", text)

    def fill(match: re.Match) -> str:
        block = match.group(1)
        parts = re.split(r"^\$ ", block, flags=re.M)
        out = parts[0]
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            out += f"$ {command}\n" + (run(command) if command.startswith("lineage ") else output)
        return f"```console\n{out}```"

    README.write_text(BLOCK.sub(fill, text))


if __name__ == "__main__" and "--update" in sys.argv:
    update()
