"""One entry at a time: sizes, dates, URLs, enumerations."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from llm_lineage.schema import ModelEntry, adapter, inherits, parse_size
from llm_lineage.units import format_size, format_sizes

def validate(raw: dict) -> dict:
    """One entry through the schema, as the loader validates it."""
    return adapter(ModelEntry).validate_python(raw)


ENTRY = {
    "id": "x", "name": "X", "organization": ["Lab"], "released": "2023-02-24",
    "parameters": ["7B"], "objective": "LM", "architecture": "decoder-only",
    "open_weights": True, "description": "A model.", "sources": ["https://example.org/x"],
}


@pytest.mark.parametrize(
    ("written", "count"),
    [("7B", 7_000_000_000), ("1.5B", 1_500_000_000), ("110M", 110_000_000), ("1542M", 1_542_000_000),
     ("6.7b", 6_700_000_000), ("1.2T", 1_200_000_000_000), ("350K", 350_000), (" 13 B ", 13_000_000_000),
     (125_000_000, 125_000_000), ("65000000", 65_000_000)],
)
def test_sizes_are_read_as_exact_integers(written, count):
    assert parse_size(written) == count


@pytest.mark.parametrize("written", ["7X", "", "B", "-7B", "0", 0, -5, "1.5", "7,000M", True, 1.5e9, None])
def test_bad_sizes_are_refused(written):
    with pytest.raises(ValueError):
        parse_size(written)


def test_sizes_come_back_sorted():
    entry = validate({**ENTRY, "parameters": ["70B", "7B", "13B"]})
    assert entry["parameters"] == [7_000_000_000, 13_000_000_000, 70_000_000_000]


def test_a_size_listed_twice_is_refused():
    with pytest.raises(ValidationError, match="listed twice"):
        validate({**ENTRY, "parameters": ["7B", "7000M"]})


def test_sizes_are_written_the_way_people_say_them():
    assert format_sizes([7_000_000_000, 13_000_000_000, 70_000_000_000]) == "7B, 13B, 70B"
    assert format_size(1_542_000_000) == "1.54B"
    assert format_size(117_000_000) == "117M"
    assert format_sizes(None) == "undisclosed"


@pytest.mark.parametrize("date", ["2023", "2023-02", "2023-02-28", "2024-02-29"])
def test_dates_at_three_precisions(date):
    assert validate({**ENTRY, "released": date})["released"] == date


@pytest.mark.parametrize("date", ["2023-02-29", "2023-13", "23-02-01", "2023/02/01", "2023-2-1", "1066"])
def test_impossible_or_malformed_dates(date):
    with pytest.raises(ValidationError):
        validate({**ENTRY, "released": date})


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "https://", "example.org", "https://a b.org"])
def test_only_http_urls_are_sources(url):
    with pytest.raises(ValidationError):
        validate({**ENTRY, "sources": [url]})


def test_omitted_objective_is_told_apart_from_null():
    omitted = validate({k: v for k, v in ENTRY.items() if k != "objective"})
    undisclosed = validate({**ENTRY, "objective": None})
    assert inherits(omitted, "objective") and not inherits(undisclosed, "objective")


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError, match="extra"):
        validate({**ENTRY, "homepage": "https://example.org"})
