"""Comparing the dataset with a table in Epoch AI's format (tests/data/epoch_sample.csv)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from llm_lineage.cli import app
from llm_lineage.crosscheck import compare as crosscheck, match_name, read_epoch

SAMPLE = Path(__file__).parent / "data" / "epoch_sample.csv"


def by_field(found):
    return {(d.id, d.field): d for d in found}


def test_rows_match_models_through_sizes_and_variants(small):
    _, matched = crosscheck(small, read_epoch(SAMPLE))
    assert matched == {
        "alpha": ["Alpha-1.5B"], "beta": ["Beta 13B (chat)"], "gamma": ["Gamma-2 XL"],
        "delta": ["Delta"], "epsilon": ["Epsilon Pro"], "omega": ["Omega-large"],
    }  # "Omegaverse" is another model, not a variant of Omega


def test_each_kind_of_disagreement(small):
    found = by_field(crosscheck(small, read_epoch(SAMPLE))[0])
    # beta: 2020-05-01 against 2020-09-15, more than a month apart
    assert (found["beta", "released"].ours, found["beta", "released"].theirs) == ("2020-05-01", "2020-09-15")
    # gamma: 1B against 20B
    assert (found["gamma", "parameters"].ours, found["gamma", "parameters"].theirs) == ("1B", "20B")
    # delta: no organization in common; Epoch's base Omega is not an ancestor
    assert found["delta", "organization"].theirs == "Unrelated Corp"
    assert found["delta", "base_model"].ours == "Omega is not an ancestor"
    # epsilon: Epoch names a base model we do not have at all
    assert found["epsilon", "base_model"].ours == "not in the dataset"


def test_agreements_are_not_reported(small):
    found = by_field(crosscheck(small, read_epoch(SAMPLE))[0])
    assert ("alpha", "released") not in found  # 2019-03 contains 2019-03-20
    assert ("alpha", "parameters") not in found  # 1.5B both
    assert ("beta", "base_model") not in found  # Alpha is Beta's parent
    assert ("gamma", "base_model") not in found
    assert ("gamma", "organization") not in found  # Lab A in common
    assert ("omega", "parameters") not in found
    assert ("delta", "parameters") not in found  # Epoch gives no size


def test_a_note_that_mentions_epoch_explains(small, tmp_path):
    doc = json.loads((Path(__file__).parent / "data" / "valid" / "small.json").read_text())
    for entry in doc["models"]:
        if entry["id"] == "gamma":
            entry["note"] = "Epoch AI counts the 20B research model, never released."
    data = tmp_path / "noted.json"
    data.write_text(json.dumps(doc))
    runner = CliRunner()
    result = runner.invoke(app, ["crosscheck", "--epoch", str(SAMPLE), "--data", str(data), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    explained = {(d["id"], d["field"]): d["explained"] for d in report["disagreements"]}
    assert explained[("gamma", "parameters")] is True
    assert explained[("beta", "released")] is False
    text = runner.invoke(app, ["crosscheck", "--epoch", str(SAMPLE), "--data", str(data), "--unexplained"]).stdout
    assert text.startswith("6 models matched in Epoch's table; 6 disagreements, 5 not explained by a note")
    assert "Gamma-2" not in text


def test_match_name_needs_the_rest_to_be_a_variant():
    index = {"llama2": "llama-2", "claude3": "claude-3", "xlmr": "xlm-r"}
    assert match_name("Claude 3 Opus", index) == "claude-3"
    assert match_name("XLMR-XXL", index) == "xlm-r"
    assert match_name("Llama 2-70B-Chat", index) == "llama-2"
    assert match_name("Llama Guard", index) is None


def test_a_file_that_is_not_an_epoch_table(tmp_path):
    bad = tmp_path / "other.csv"
    bad.write_text("name,date\nx,2020\n")
    result = CliRunner().invoke(app, ["crosscheck", "--epoch", str(bad), "--data", str(Path(__file__).parent / "data" / "valid" / "small.json")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: not an Epoch AI table: missing column(s) 'Model'")


def test_short_rows_and_non_finite_sizes_are_read_without_a_crash(tmp_path, bundled):
    table = tmp_path / "odd.csv"
    table.write_text("Model,Organization,Publication date,Parameters,Base model\n"
                     "GPT-3,OpenAI\n"  # shorter than the header
                     "BERT,Google,2018-10-11,inf,\n"
                     "LLaMA,Meta AI,2023-02-24,nan,\n")
    rows = read_epoch(table)
    assert rows[0]["Publication date"] == "" and rows[0]["Parameters"] == ""
    found, matched = crosscheck(bundled, rows)
    assert {"gpt-3", "bert", "llama"} <= set(matched)
    assert not [d for d in found if d.field == "parameters"]  # inf is no size, neither agreeing nor not
