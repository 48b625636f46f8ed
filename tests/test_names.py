"""Name resolution: ids, names and aliases, written loosely."""

from __future__ import annotations

import pytest

from llm_lineage.errors import UnknownModelError
from llm_lineage.names import normalize, resolve


@pytest.mark.parametrize("written", ["gamma", "Gamma-2", "gamma 2", "GAMMA2", "Gamma II", "gamma.ii"])
def test_ids_names_and_aliases_resolve_loosely(small, written):
    assert resolve(small, written) == "gamma"


def test_the_bundled_names_people_type(bundled):
    assert resolve(bundled, "Vicuna") == "vicuna"
    assert resolve(bundled, "gpt3") == "gpt-3"
    assert resolve(bundled, "GPT 3.5") == "gpt-3.5"
    assert resolve(bundled, "Llama 1") == "llama"


def test_unknown_name_suggests_the_closest(small):
    with pytest.raises(UnknownModelError) as info:
        resolve(small, "Gamm")
    assert "Gamma-2" in info.value.suggestions
    assert "did you mean 'Gamma-2'" in str(info.value)


def test_unknown_name_without_anything_close(small):
    with pytest.raises(UnknownModelError) as info:
        resolve(small, "zzzzzzzz")
    assert info.value.suggestions == []
    assert str(info.value) == "unknown model 'zzzzzzzz'"


def test_normalize_ignores_case_spaces_dots_and_hyphens():
    assert normalize("Llama-3.1 8B") == normalize("llama 3 1 8b") == "llama318b"


@pytest.mark.parametrize("written", ["llama_2", "LLAMA__2", "llama 2", "llama-2", "Llama.2"])
def test_underscores_spaces_dots_and_hyphens_are_ignored(written):
    from llm_lineage.names import normalize

    assert normalize(written) == normalize("Llama 2") == "llama2"
