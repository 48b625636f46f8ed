"""lineage import-hf: Hugging Face Hub records become a dataset that extends the curated one.

The fixtures in tests/data/hub/ are written by hand in the format of the Hub's
model API (``/api/models?full=true``): ``id`` (``modelId`` in older answers),
``author``, ``createdAt``, ``tags`` with ``base_model:<relation>:<repo>``, and
``cardData.base_model`` as a string or a list. models.jsonl adds every kind of
record that cannot be imported.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llm_lineage.cli import app
from llm_lineage.graph import ancestors, load_graph
from llm_lineage.names import resolve

HUB = Path(__file__).parent / "data" / "hub"
runner = CliRunner()


def imported(tmp_path, source: str = "models.jsonl", *extra: str):
    out = tmp_path / "mine.json"
    result = runner.invoke(app, ["import-hf", str(HUB / source), "-o", str(out), *extra])
    return result, out


def test_each_relation_maps_to_ours_and_bases_resolve_to_curated_models(tmp_path):
    result, out = imported(tmp_path)
    assert result.exit_code == 0, result.output
    G = load_graph(out)
    chat = resolve(G, "students/llama2-7b-korean-chat")
    assert G.edges["llama-2", chat]["relation"] == "fine-tuned"
    assert G.edges["mistral-7b", resolve(G, "lab/mistral-7b-lora-ko")]["relation"] == "adapter"
    assert G.edges[chat, resolve(G, "quant/llama2-7b-korean-chat-GGUF")]["relation"] == "quantized"
    merge = resolve(G, "merger/korean-qwen-llama-merge")
    assert {(p, G.edges[p, merge]["relation"]) for p in G.pred[merge]} == {(chat, "merged"), ("qwen2.5", "merged")}
    assert G.edges["llama-3.1", resolve(G, "plain/card-says-base")]["relation"] == "fine-tuned"  # card, no tag
    assert G.edges["llama-3.1", resolve(G, "plain/card-lists-bases")]["relation"] == "fine-tuned"
    assert resolve(G, "old/api-modelId-field")


def test_an_imported_fine_tune_reaches_the_curated_graph(tmp_path):
    _, out = imported(tmp_path)
    G = load_graph(out)
    found = {h.id for h in ancestors(G, resolve(G, "quant/llama2-7b-korean-chat-GGUF"))}
    assert {"llama-2", "llama", "transformer"} <= found
    model = G.nodes[resolve(G, "students/llama2-7b-korean-chat")]
    assert (model["released"], model["organization"], model["parameters"]) == ("2023-09-01", ["students"],
                                                                               [6738415616])
    assert model["sources"] == ["https://huggingface.co/students/llama2-7b-korean-chat"]
    assert model["objective"] == "LM"  # inherited from Llama 2 through the fine-tuning
    assert json.loads(out.read_text())["extends"] == "bundled"


def test_a_model_already_curated_is_not_imported_twice(tmp_path):
    result, out = imported(tmp_path)
    assert "1 already curated" in result.stdout
    assert "meta-llama/Llama-2-7b" not in [m["name"] for m in json.loads(out.read_text())["models"]]


EXPECTED = {
    "line 5": "invalid JSON",
    "line 6": "a record must be a JSON object",
    "line 7": "no model id",
    "line 8 (nodate/model)": "no creation date",
    "line 9 (self/loop)": "it names itself as its base",
    "line 14 (cycle/a)": "its bases form a cycle: cycle/a -> cycle/b -> cycle/a",
    "line 15 (cycle/b)": "its bases form a cycle",
    "line 16 (orphan/model)": "its base someone/not-on-this-list is neither curated nor among the records",
    "line 17 (orphan/child)": "its base orphan/model is left out",
    "line 18 (students/llama2-7b-korean-chat)": "the same model as line 1",
    "line 19 (early/bird)": "it was created (2023-07-01) before its base Llama 2 was released (2023-07-18)",
}


def test_every_bad_record_is_reported_with_its_line_and_left_out(tmp_path):
    result, out = imported(tmp_path)
    lines = result.stderr.splitlines()
    assert len(lines) == len(EXPECTED)
    for (where, reason), line in zip(EXPECTED.items(), lines):
        assert line.startswith(f"{HUB / 'models.jsonl'}: {where}: {reason}"), line
    names = {m["name"] for m in json.loads(out.read_text())["models"]}
    assert not names & {"self/loop", "cycle/a", "cycle/b", "orphan/model", "orphan/child", "early/bird"}
    assert "7 models imported" in result.stdout and "11 left out" in result.stdout


def test_strict_stops_and_writes_nothing(tmp_path):
    out = tmp_path / "mine.json"
    out.write_text("the previous import")
    result = runner.invoke(app, ["import-hf", str(HUB / "models.jsonl"), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {HUB / 'models.jsonl'}: 11 problems")
    assert out.read_text() == "the previous import"
    assert list(tmp_path.iterdir()) == [out]


def test_a_json_array_of_records_works_the_same(tmp_path):
    result, out = imported(tmp_path, "models.json", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and "7 models imported" in result.stdout
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0


def test_an_import_extends_the_dataset_it_was_resolved_against(tmp_path):
    data = tmp_path / "data" / "models.json"
    data.parent.mkdir()
    shutil.copy(Path(__file__).parents[1] / "data" / "models.json", data)
    out = tmp_path / "imports" / "mine.json"
    result = runner.invoke(app, ["import-hf", str(HUB / "models.json"), "-o", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["extends"] == "../data/models.json"
    assert runner.invoke(app, ["ancestors", "lab/mistral-7b-lora-ko", "--data", str(out)]).exit_code == 0


@pytest.mark.parametrize("content", [b"", b"[1, 2", b"\xff\xfe", b"{\"not\": \"a list\"}"])
def test_an_unreadable_file_is_one_clear_error(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    out = tmp_path / "mine.json"
    result = runner.invoke(app, ["import-hf", str(bad), "-o", str(out), "--strict"])
    assert result.exit_code == 1 and result.stderr.startswith("Error: ") and "Traceback" not in result.output
    assert not out.exists()
