"""The lineage command, as a user runs it: output, JSON shapes, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llm_lineage.cli import app

runner = CliRunner()
DATA = Path(__file__).parent / "data"
SMALL = str(DATA / "valid" / "small.json")
COMMANDS = ["show", "ancestors", "descendants", "path", "common", "tree", "list", "search", "stats", "validate",
            "crosscheck"]


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env=env)


def run_json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# Every command, on the small dataset.

def test_show(small_path):
    result = run("show", "Gamma II", "--data", SMALL)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Gamma-2 (gamma)\n")
    assert "objective:    LM" in result.stdout  # inherited from beta
    assert "parameters:   1B" in result.stdout
    assert "Beta (fine-tuned)\n    SFT on demonstrations.\n    source: https://example.org/gamma" in result.stdout
    assert "Delta (adapter)" in result.stdout and "Zeta (merged)" in result.stdout


def test_show_json_resolves_inherited_values():
    record = run_json("show", "delta", "--data", SMALL)
    assert record["objective"] == "LM" and record["architecture"] == "decoder-only"
    assert record["year"] == 2021
    assert record["parents"] == [{"id": "gamma", "name": "Gamma-2", "released": "2021", "relation": "adapter",
                                  "since": None, "note": None, "source": "https://example.org/delta"}]
    assert record["children"] == [{"id": "epsilon", "name": "Epsilon", "relation": "trained-on-outputs"}]
    assert record["parameters"] is None


def test_ancestors_text_is_a_table_nearest_first():
    result = run("ancestors", "zeta", "--data", SMALL)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Ancestors of Zeta: 5"
    assert lines[2].split()[:3] == ["steps", "model", "released"]
    assert [line.split()[1] for line in lines[3:]] == ["Gamma-2", "Epsilon", "Beta", "Delta", "Alpha"]


def test_ancestors_json_shape():
    hits = run_json("ancestors", "zeta", "--data", SMALL)
    assert [h["id"] for h in hits] == ["gamma", "epsilon", "beta", "delta", "alpha"]
    for key in ("id", "name", "year", "organization", "distance", "relation", "via"):
        assert key in hits[0]
    assert hits[-1] | {} == {"id": "alpha", "name": "Alpha", "year": 2019, "released": "2019-03",
                             "organization": ["Lab A"], "distance": 3, "via": "beta", "relation": "successor"}


def test_descendants_with_depth_and_relation():
    assert [h["id"] for h in run_json("descendants", "alpha", "--depth", "1", "--data", SMALL)] == ["beta"]
    hits = run_json("descendants", "beta", "-r", "fine-tuned", "--data", SMALL)
    assert [h["id"] for h in hits] == ["gamma", "epsilon"]


def test_no_relatives_is_said_plainly():
    result = run("descendants", "omega", "--data", SMALL)
    assert result.exit_code == 0 and result.stdout == "Omega has no descendants in the dataset.\n"


def test_path_prints_the_chain_and_each_step():
    result = run("path", "alpha", "delta", "--data", SMALL)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Alpha -> Beta -> Gamma-2 -> Delta",
        "  Beta succeeds Alpha",
        "  Gamma-2 is fine-tuned from Beta",
        "  Delta adds adapters to Gamma-2",
    ]
    assert run_json("path", "delta", "alpha", "--data", SMALL) == [
        {"id": "alpha", "name": "Alpha", "relation": None}, {"id": "beta", "name": "Beta", "relation": "successor"},
        {"id": "gamma", "name": "Gamma-2", "relation": "fine-tuned"},
        {"id": "delta", "name": "Delta", "relation": "adapter"}]


def test_path_without_chain_names_the_common_ancestors(tmp_path):
    doc = json.loads(Path(SMALL).read_text())
    doc["models"].append({**doc["models"][2], "id": "theta", "name": "Theta", "aliases": [],
                          "released": "2021-02"})
    data = tmp_path / "siblings.json"
    data.write_text(json.dumps(doc))
    result = run("path", "theta", "epsilon", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Neither of Theta and Epsilon derives from the other.\nNearest common ancestors: Beta\n"
    assert run_json("path", "theta", "epsilon", "--data", str(data)) == []


def test_common():
    found = run_json("common", "gamma", "zeta", "--data", SMALL)
    assert [(c["id"], c["distance_a"], c["distance_b"]) for c in found] == [("gamma", 0, 1)]
    result = run("common", "omega", "alpha", "--data", SMALL)
    assert result.stdout == "Omega and Alpha have no common ancestor in the dataset.\n"


def test_tree_is_indented_and_marks_repeats():
    result = run("tree", "gamma", "--data", SMALL)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Gamma-2 (2021)\n"
        "  Delta (2021-06-15) [adapter]\n"
        "    Epsilon (2022-01-10) [trained-on-outputs]\n"
        "      Zeta (2023-02-01) [merged]\n"
        "  Zeta (2023-02-01) [merged] (shown above)\n"
    )
    rows = run_json("tree", "gamma", "--up", "--data", SMALL)
    assert [(r["depth"], r["id"], r["relation"]) for r in rows] == [(0, "gamma", None), (1, "beta", "fine-tuned"), (2, "alpha", "successor")]


def test_list_filters_and_sorts_by_date():
    result = run("list", "--org", "LAB B", "--data", SMALL)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["released", "model", "organization", "parameters", "objective", "open"]
    assert [line.split()[1] for line in lines[1:3]] == ["Delta", "Zeta"]
    assert lines[-1] == "2 models"
    entries = run_json("list", "--since", "2021", "--closed-weights", "--data", SMALL)
    assert [e["id"] for e in entries] == ["epsilon"]
    assert entries[0]["objective"] == "LM" and entries[0]["derived_from"][1]["relation"] == "trained-on-outputs"
    assert [e["id"] for e in run_json("list", "--objective", "MLM", "--data", SMALL)] == ["omega"]
    assert run("list", "--until", "1999", "--data", SMALL).stdout == "No model matches these filters.\n"


def test_since_and_until_take_months_and_days():
    """Delta came out on 2021-06-15, Gamma in 2021 (day unknown: it counts as the start of the year)."""
    ids = lambda *args: [e["id"] for e in run_json("list", *args, "--data", SMALL)]  # noqa: E731
    assert "delta" in ids("--since", "2021-06") and "gamma" not in ids("--since", "2021-06")
    assert "delta" not in ids("--since", "2021-06-16") and "delta" in ids("--until", "2021-06-15")
    assert "gamma" in ids("--until", "2021-03") and "delta" not in ids("--until", "2021-03")
    assert ids("--since", "2021-06", "--until", "2021") == ["delta"]
    for bad in ("2021-13", "2021-02-30", "21", "June"):
        result = run("list", "--since", bad, "--data", SMALL)
        assert result.exit_code == 2 and "not a year or a date" in result.output, bad
    assert run("list", "--since", "2022", "--until", "2021-06", "--data", SMALL).exit_code == 2


def test_search():
    found = run_json("search", "epsilom", "--data", SMALL)
    assert found[0]["id"] == "epsilon"
    assert set(found[0]) == {"kind", "id", "name", "released", "score", "matched"}
    result = run("search", "Other Institute", "--data", SMALL)
    assert result.stdout.splitlines()[1].split()[:3] == ["Omega", "model", "omega"]


def test_stats():
    counts = run_json("stats", "--data", SMALL)
    assert counts["models"] == 7 and counts["by_relation"]["fine-tuned"] == 2
    text = run("stats", "--data", SMALL).stdout
    assert text.startswith("7 models, 7 derivations, 6 with open weights; 0 concepts, 0 links from models to concepts\n")
    assert "By year\n  2019     1  #\n  2020     2  ##\n" in text


def test_validate_summary():
    result = run("validate", SMALL)
    assert result.exit_code == 0
    assert result.stdout == f"{SMALL}: valid, 7 models, 7 derivations\n"
    assert run_json("validate", "--data", SMALL)["valid"] is True


def test_the_environment_variable_points_at_another_file():
    result = run("show", "omega", env={"LINEAGE_DATA": SMALL})
    assert result.exit_code == 0 and "Omega (omega)" in result.stdout


# Errors: exit 1 and one clear message; usage errors exit 2.

def test_unknown_name_exits_1_with_a_suggestion():
    result = run("ancestors", "Zetta", "--data", SMALL)
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown model 'Zetta' (did you mean 'Zeta'?)\n"
    assert result.stdout == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_a_broken_file(command):
    broken = str(DATA / "invalid" / "dangling_parent.json")
    args = {"show": ["show", "llama"], "ancestors": ["ancestors", "llama"], "descendants": ["descendants", "llama"],
            "path": ["path", "llama", "vicuna"], "common": ["common", "llama", "vicuna"], "tree": ["tree", "llama"],
            "search": ["search", "llama"],
            "crosscheck": ["crosscheck", "--epoch", str(DATA / "epoch_sample.csv")]}.get(command, [command])
    result = run(*args, "--data", broken)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {broken}: entry 'vicuna', derived_from[0].model: unknown model 'lama'")
    assert "Traceback" not in result.output


def test_a_missing_file_is_exit_1_not_a_usage_error(tmp_path):
    result = run("list", "--data", str(tmp_path / "nope.json"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.json'}: no such file\n"


def test_usage_errors_exit_2():
    assert run("ancestors").exit_code == 2
    assert run("ancestors", "alpha", "--depth", "0", "--data", SMALL).exit_code == 2
    assert run("ancestors", "alpha", "--relation", "cousin", "--data", SMALL).exit_code == 2
    assert run("frobnicate").exit_code == 2


def all_commands() -> list[str]:
    """Every command the app defines, read from the app itself (a new command is covered at once)."""
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_every_command_has_help_text():
    commands = all_commands()
    assert set(COMMANDS) | {"export", "html", "publish"} <= set(commands)
    top = run("--help").stdout
    for command in commands:
        result = run(command, "--help")
        assert result.exit_code == 0
        assert len(result.stdout.strip().splitlines()) > 3, command
        assert command in top, f"{command} is not listed by lineage --help"


# The installed command.

def test_installed_entry_point_answers_the_core_questions():
    lineage = shutil.which("lineage")
    assert lineage, "the lineage command is not installed (pip install -e .)"
    env = {k: v for k, v in os.environ.items() if k != "LINEAGE_DATA"}
    out = subprocess.run([lineage, "ancestors", "Vicuna"], capture_output=True, text=True, env=env, check=True).stdout
    assert "LLaMA" in out
    out = subprocess.run([lineage, "descendants", "BERT", "--json"], capture_output=True, text=True, env=env, check=True).stdout
    assert {"roberta", "albert", "electra", "distilbert"} <= {h["id"] for h in json.loads(out)}
    out = subprocess.run([lineage, "path", "GPT-1", "ChatGPT"], capture_output=True, text=True, env=env, check=True).stdout
    assert out.splitlines()[0].startswith("GPT-1 -> GPT-2 -> GPT-3 -> ") and out.splitlines()[0].endswith(" -> ChatGPT")
    bad = subprocess.run([lineage, "ancestors", "Vicunaa"], capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert bad.stderr == "Error: unknown model 'Vicunaa' (did you mean 'Vicuna'?)\n"


def test_python_dash_m_runs_the_same_command():
    result = subprocess.run([sys.executable, "-m", "llm_lineage", "validate", SMALL],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "valid, 7 models" in result.stdout


def test_help_does_not_import_the_heavy_libraries():
    code = ("import sys; from llm_lineage.cli import app\n"
            "try:\n    app(['--help'], prog_name='lineage')\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('networkx', 'pydantic', 'pyvis') if m in sys.modules]\n"
            "print(','.join(heavy), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "", f"--help imported {result.stderr.strip()}"
