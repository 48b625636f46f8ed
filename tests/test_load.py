"""Whole files: the gallery of valid and invalid datasets, and the rules across entries.

Each ``tests/data/invalid/NAME.json`` comes with ``NAME.expected``: every line
of it must appear in the error message. Adding a case is adding two files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llm_lineage.errors import DataFileError, DatasetError, LineageError
from llm_lineage.load import load_catalog

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.json"))
VALID = sorted((DATA / "valid").glob("*.json"))


def expected_fragments(case: Path) -> list[str]:
    return [line for line in case.with_suffix(".expected").read_text().splitlines() if line]


@pytest.mark.parametrize("case", INVALID, ids=[c.stem for c in INVALID])
def test_invalid_file_is_refused_with_its_message(case):
    with pytest.raises(LineageError) as info:
        load_catalog(case)
    message = str(info.value)
    assert str(case.name) in message  # the file is named
    for fragment in expected_fragments(case):
        assert fragment in message


def test_every_invalid_case_states_its_message():
    assert INVALID, "the gallery is empty"
    for case in INVALID:
        assert expected_fragments(case), f"{case.name} has no .expected file"


@pytest.mark.parametrize("case", VALID, ids=[c.stem for c in VALID])
def test_valid_file_loads(case):
    assert load_catalog(case).models


def test_every_problem_is_reported_at_once(tmp_path):
    doc = json.loads((DATA / "valid" / "small.json").read_text())
    doc["models"][0]["released"] = "2019-02-30"
    doc["models"][3]["relation"] = "x"
    doc["models"][4]["derived_from"][0]["model"] = "bta"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(DatasetError) as info:
        load_catalog(path)
    problems = info.value.problems
    assert len(problems) == 3
    assert all(p.startswith(f"{path}: entry '") for p in problems)
    assert any("'bta' (did you mean 'beta'?)" in p for p in problems)


def test_a_byte_order_mark_is_accepted():
    assert [m["id"] for m in load_catalog(DATA / "valid" / "bom.json").models] == ["solo"]


def test_objective_and_architecture_are_inherited_through_several_steps(small_path):
    records = {m["id"]: m for m in load_catalog(small_path).models}
    # gamma is fine-tuned from beta, delta an adapter on gamma: both inherit beta's values
    assert records["delta"]["objective"] == "LM"
    assert records["delta"]["architecture"] == "decoder-only"
    # epsilon has a weight parent (beta) and a data parent (delta): it inherits from beta
    assert records["epsilon"]["objective"] == "LM"


def test_records_carry_the_year(small_path):
    records = {m["id"]: m for m in load_catalog(small_path).models}
    assert records["gamma"]["year"] == 2021
    assert records["alpha"]["year"] == 2019


def test_file_system_faults_are_data_file_errors(tmp_path):
    with pytest.raises(DataFileError, match="no such file"):
        load_catalog(tmp_path / "missing.json")
    with pytest.raises(DataFileError, match="is a folder"):
        load_catalog(tmp_path)


def test_the_environment_variable_chooses_the_default_file(monkeypatch, small_path):
    monkeypatch.setenv("LINEAGE_DATA", str(small_path))
    assert {m["id"] for m in load_catalog().models} >= {"alpha", "omega"}


