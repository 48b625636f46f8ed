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
    positions = compute(bundled).positions
    assert set(positions) == set(bundled)
    x = {n: p[0] for n, p in positions.items()}
    assert x["transformer"] < x["bert"] < x["gpt-2"] < x["gpt-3"] < x["chatgpt"] < x["llama"]
    assert positions["gpt-1"][1] == positions["gpt-2"][1] == positions["gpt-3"][1]
    # no two labels drawn on top of each other
    rows: dict[float, list[float]] = {}
    for n, (px, py) in positions.items():
        rows.setdefault(py, []).append(px)
    assert all(len(xs) == len(set(xs)) for xs in rows.values())


def test_nodes_show_size_objective_and_undisclosed_sizes(bundled):
    nodes = {n["id"]: n for n in page_data(bundled)["nodes"]}
    assert nodes["gpt-3"]["size"] > nodes["gpt-2"]["size"] > nodes["gpt-1"]["size"]
    assert nodes["gpt-4"]["shapeProperties"]["borderDashes"]  # size never disclosed: dashed, hollow
    assert nodes["gpt-4"]["color"]["background"] == "#ffffff"
    assert (nodes["bert"]["shape"], nodes["gpt-2"]["shape"], nodes["t5"]["shape"], nodes["electra"]["shape"]) == (
        "square", "dot", "diamond", "triangle")


def test_legend_names_every_relation_and_the_largest_organizations(bundled):
    legend = page_data(bundled)["legend"]
    from llm_lineage.vocabulary import Relation

    assert [r[0] for r in legend["relations"]] == [str(r) for r in Relation]  # every relation, in vocabulary order
    groups = [g for g, _ in legend["organizations"]]
    assert groups[:2] == ["Google", "OpenAI"] and groups[-1] == "Other organizations"


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
