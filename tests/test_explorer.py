"""The explorer page as a file: self-contained, escaped, deterministic; and its layout."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from llm_lineage.cli import app
from llm_lineage.explorer import page_data, render_page
from llm_lineage.graph import build_graph, load_graph
from llm_lineage.layout import compute
from llm_lineage.load import bundled_data_path, validate_data

HOSTILE = Path(__file__).parent / "data" / "valid" / "hostile.json"
SMALL = Path(__file__).parent / "data" / "valid" / "small.json"
runner = CliRunner()


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_the_page_references_nothing_outside_itself(bundled):
    tags = parse(render_page(bundled))
    assert [(t, a) for t, a in tags if "src" in a or ("href" in a and t != "a")] == []
    assert [t for t, _ in tags].count("script") == 3 and [t for t, _ in tags].count("link") == 0


def test_dataset_text_never_reaches_the_markup_raw(bundled):
    html = render_page(load_graph(HOSTILE))
    assert "<script>alert" not in html
    assert "<img src=x" not in html and "onerror=" not in html.split('id="lineage-data"')[0]
    assert html.count("</script>") == 3
    data = re.search(r'<script type="application/json" id="lineage-data">(.*?)</script>', html, re.S).group(1)
    models = json.loads(data)["models"]
    assert models["base"]["name"] == "<script>alert('name')</script>"  # intact once parsed


def test_the_same_data_in_any_order_gives_the_same_page():
    doc = json.loads(bundled_data_path().read_text())
    first = render_page(build_graph(validate_data(doc, "a.json")))
    random.Random(3).shuffle(doc["models"])
    assert render_page(build_graph(validate_data(doc, "b.json"))) == first


def test_layout_follows_time_and_keeps_successor_chains_on_one_row(bundled):
    drawn = compute(bundled)
    positions = drawn.positions
    assert set(positions) == set(bundled)
    x = {n: p[0] for n, p in positions.items()}
    assert x["transformer"] < x["bert"] < x["gpt-2"] < x["gpt-3"] < x["chatgpt"] < x["llama"]
    assert positions["gpt-1"][1] == positions["gpt-2"][1] == positions["gpt-3"][1]
    # every family has a labelled band of rows, and its models are inside it
    bands = {b.name: b for b in drawn.bands if b.name}
    for n in bundled:
        family = bundled.nodes[n].get("family")
        if family:
            band = bands[family]
            assert band.first_row <= positions[n][1] < band.first_row + band.rows, n
    # no two labels drawn on top of each other
    rows: dict[float, list[float]] = {}
    for n, (px, py) in positions.items():
        rows.setdefault(py, []).append(px)
    assert all(len(xs) == len(set(xs)) for xs in rows.values())


def test_models_show_size_objective_and_undisclosed_sizes(bundled):
    models = page_data(bundled)["models"]
    assert models["gpt-3"]["size"] > models["gpt-2"]["size"] > models["gpt-1"]["size"]
    assert models["gpt-4"]["disclosed"] is False and models["gpt-3"]["disclosed"] is True  # drawn hollow, dashed
    assert (models["bert"]["shape"], models["gpt-2"]["shape"], models["t5"]["shape"], models["electra"]["shape"]) == (
        "square", "dot", "diamond", "triangle")


def test_the_legend_names_every_relation_and_objective_in_both_languages(bundled):
    legend = page_data(bundled)["legend"]
    from llm_lineage.vocabulary import Objective, Relation

    assert [r[0] for r in legend["relations"]] == [str(r) for r in Relation]
    assert [s[0] for s in legend["shapes"]] == [str(o) for o in Objective]
    for _, _, meaning in legend["shapes"]:
        assert meaning["en"] and re.search("[\uac00-\ud7a3]", meaning["ko"])
    for relation in legend["relations"]:
        assert relation[4]["en"] and re.search("[\uac00-\ud7a3]", relation[4]["ko"])  # meaning
        assert "{child}" in relation[5]["ko"] and "{parent}" in relation[5]["ko"]  # phrase


def test_lecture_note_models_are_the_most_important(bundled):
    models = page_data(bundled)["models"]
    ranked = sorted(models, key=lambda n: -models[n]["importance"])
    assert {"bert", "gpt-3", "chatgpt", "llama", "vicuna", "transformer"} <= set(ranked[:40])


def test_organization_colours_stay_apart_for_colour_blind_readers():
    from colour import contrast, de2000, hexrgb, lab, simulate

    from llm_lineage.explorer import ORG_COLOURS, OTHER_COLOUR

    colours = [*ORG_COLOURS.values(), OTHER_COLOUR]
    for kind in ("normal", "protan", "deutan", "tritan"):
        seen = [lab(simulate(hexrgb(c), kind)) for c in colours]
        for i in range(len(colours)):
            for j in range(i + 1, len(colours)):
                assert de2000(seen[i], seen[j]) >= 10, (kind, colours[i], colours[j])
    for c in colours:  # graphics need 3:1 against the white background (WCAG 2.1, 1.4.11)
        assert contrast(hexrgb(c), [255, 255, 255]) >= 3, c


def test_an_organization_has_the_same_colour_in_every_page(bundled):
    from llm_lineage.graph import subgraph

    whole = dict(page_data(bundled)["legend"]["organizations"])
    part = dict(page_data(subgraph(bundled, focus="vicuna"), bundled)["legend"]["organizations"])
    assert whole == part and whole["OpenAI"] == part["OpenAI"]
    models = page_data(subgraph(bundled, focus="vicuna"), bundled)["models"]
    assert models["chatgpt"]["group"] == "OpenAI" and models["llama"]["group"] == "Meta"


def test_a_subset_page_gives_whole_dataset_counts_and_marks_what_it_leaves_out(bundled):
    from llm_lineage.graph import ancestors, descendants, subgraph

    part = subgraph(bundled, focus="roberta", depth=1)
    roberta = page_data(part, bundled, subset={"en": "RoBERTa's family", "ko": "RoBERTa의 계보"})["models"]["roberta"]
    assert roberta["descendants"] == len(descendants(bundled, "roberta")) > 1
    assert roberta["ancestors"] == len(ancestors(bundled, "roberta"))
    assert {c["id"] for c in roberta["children"]} == set(bundled.succ["roberta"])
    assert any(not c["shown"] for c in roberta["children"]) or all(c["id"] in part for c in roberta["children"])


def test_html_command_writes_one_file_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["html", "--data", str(SMALL)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "output/lineage.html\n"
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["output", "output/lineage.html"]


def test_html_focus_and_filters(tmp_path):
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["html", "-o", str(out), "--focus", "delta", "--depth", "1", "--data", str(SMALL)])
    assert result.exit_code == 0, result.output
    data = re.search(r'id="lineage-data">(.*?)</script>', out.read_text(), re.S).group(1)
    assert sorted(json.loads(data)["models"]) == ["delta", "epsilon", "gamma"]
    runner.invoke(app, ["html", "-o", str(out), "--since", "2022", "--data", str(SMALL)])
    data = re.search(r'id="lineage-data">(.*?)</script>', out.read_text(), re.S).group(1)
    assert sorted(json.loads(data)["models"]) == ["epsilon", "zeta"]


def test_html_on_bad_data_keeps_the_old_page(tmp_path):
    out = tmp_path / "lineage.html"
    out.write_text("old page")
    bad = Path(__file__).parent / "data" / "invalid" / "self_loop.json"
    result = runner.invoke(app, ["html", "-o", str(out), "--data", str(bad)])
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert out.read_text() == "old page"


def test_the_page_and_the_cli_list_relatives_in_the_same_order(tmp_path):
    """Two children released the same day: `lineage show` and the page's panel agree."""
    from typer.testing import CliRunner

    from llm_lineage.cli import app

    doc = json.loads((Path(__file__).parent / "data" / "valid" / "small.json").read_text())
    twin = {**doc["models"][2], "id": "aaa-twin", "name": "Zed Twin", "aliases": [], "released": "2021"}
    other = {**doc["models"][2], "id": "zzz-twin", "name": "Ada Twin", "aliases": [], "released": "2021"}
    doc["models"] += [twin, other]
    path = tmp_path / "twins.json"
    path.write_text(json.dumps(doc))
    shown = json.loads(CliRunner().invoke(app, ["show", "beta", "--json", "--data", str(path)]).stdout)
    cli_order = [c["id"] for c in shown["children"]]
    page = page_data(build_graph(validate_data(doc, "twins.json")))
    assert [c["id"] for c in page["models"]["beta"]["children"]] == cli_order
    assert cli_order.index("zzz-twin") < cli_order.index("aaa-twin")  # by name (Ada, Zed), not by id
