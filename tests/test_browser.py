"""The explorer page in real headless Chromium (Debian's package, driven by Playwright).

Each test opens the page as a reader would: on a laptop or a phone, in English
or Korean, with a mouse, a keyboard or a finger.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llm_lineage.explorer import write_page
from llm_lineage.graph import lineage_path, load_graph, subgraph
from llm_lineage.load import bundled_data_path
from llm_lineage.names import normalize

HOSTILE = Path(__file__).parent / "data" / "valid" / "hostile.json"


class Opened:
    """A page with everything it did recorded."""

    def __init__(self, browser, path: Path, *, width: int = 1366, height: int = 768, locale: str = "en-US",
                 touch: bool = False, fragment: str = ""):
        self.context = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                                           has_touch=touch, is_mobile=touch)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.goto(path.resolve().as_uri() + fragment)
        self.page.wait_for_function("window.network !== undefined && window.lineage !== undefined")
        self.page.wait_for_timeout(150)

    def eval(self, script: str):
        return self.page.evaluate(script)

    def point(self, model: str, scale: float = 1.2) -> tuple[float, float]:
        """Where a model is drawn, in page coordinates (after bringing it into view)."""
        self.eval(f"network.moveTo({{position: network.getPosition({json.dumps(model)}), scale: {scale}}})")
        self.page.wait_for_timeout(80)  # the node sizes follow the new scale on the next frame
        box = self.page.locator("#graph").bounding_box()
        pos = self.eval(f"network.canvasToDOM(network.getPosition({json.dumps(model)}))")
        return box["x"] + pos["x"], box["y"] + pos["y"]

    def click_model(self, model: str) -> None:
        x, y = self.point(model)
        self.page.mouse.click(x, y)

    def opacity(self, model: str) -> float:
        return self.eval(f"network.body.data.nodes.get({json.dumps(model)}).opacity")

    def selected(self) -> list[str]:
        return self.eval("network.getSelectedNodes()")

    def labels(self) -> list[dict]:
        self.eval("network.redraw()")
        return self.eval("window.lineageLabels")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "lineage.html"
    write_page(load_graph(bundled_data_path()), path)
    return path


@pytest.fixture()
def opened(browser, bundled_page):
    page = Opened(browser, bundled_page)
    yield page
    page.close()


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]:
                out.append((a["id"], b["id"]))
    return out


# Loading

def test_page_loads_offline_with_no_error(opened, bundled):
    assert opened.errors == []
    assert opened.failed == []
    assert [u for u in opened.requests if not u.startswith("file://")] == []
    assert opened.eval("network.body.data.nodes.length") == bundled.number_of_nodes()
    assert opened.eval("network.body.data.edges.length") == bundled.number_of_edges()
    assert opened.page.inner_text("#summary").startswith(f"{bundled.number_of_nodes()} models")
    assert bundled.graph["as_of"] in opened.page.inner_text("#summary")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_names_are_readable_at_first_sight(browser, bundled_page, width, height):
    page = Opened(browser, bundled_page, width=width, height=height)
    labels = page.labels()
    names = [b for b in labels if not str(b["id"]).startswith("family:")]
    assert len(names) >= 40, len(names)
    assert all(b["size"] >= 11 for b in labels)
    assert overlapping(labels) == []
    box = page.page.locator("#graph").bounding_box()
    assert all(0 <= b["x"] and b["x"] + b["w"] <= box["width"] and 0 <= b["y"] <= box["height"] for b in labels)
    shown = {b["id"] for b in names}
    assert {"bert", "gpt-3", "chatgpt", "llama", "transformer"} <= shown  # the lecture notes' models first
    assert any(str(b["id"]).startswith("family:") for b in labels)  # families are named on their rows
    page.close()


# Search

def test_one_enter_runs_one_search_and_zoom_and_pan_keep_working(opened):
    before = opened.eval("history.length")
    opened.page.fill("#search", "vicuna")
    opened.page.press("#search", "Enter")
    opened.page.wait_for_timeout(450)
    assert opened.selected() == ["vicuna"]
    assert opened.eval("history.length") == before + 1  # one search, one step in the history
    assert opened.page.inner_text("#panel-body h2") == "Vicuna"
    scale = opened.eval("network.getScale()")
    box = opened.page.locator("#graph").bounding_box()
    opened.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    opened.page.mouse.wheel(0, -400)
    opened.page.wait_for_timeout(300)
    assert opened.eval("network.getScale()") > scale * 1.05  # the wheel still zooms
    start = opened.eval("network.getViewPosition()")
    opened.page.mouse.move(box["x"] + 300, box["y"] + 300)
    opened.page.mouse.down()
    opened.page.mouse.move(box["x"] + 500, box["y"] + 380, steps=8)
    opened.page.mouse.up()
    opened.page.wait_for_timeout(200)
    assert opened.eval("network.getViewPosition()") != start  # and dragging still pans


def test_suggestions_list_every_partial_match_and_arrow_keys_choose(opened):
    opened.page.fill("#search", "Mistral")
    options = opened.page.locator("#suggestions li").all_inner_texts()
    assert len(options) >= 5 and any("Mistral 7B" in o for o in options)
    opened.page.press("#search", "ArrowDown")
    second = opened.page.locator("#suggestions li").nth(1).inner_text().split("\n")[0].split(" (")[0]
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#panel-body h2") == second
    opened.page.fill("#search", "clova")
    assert opened.page.locator("#suggestions li").count() >= 3
    opened.page.fill("#search", "no such model at all")
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#status") == "Nothing is called that."


@pytest.mark.parametrize(("typed", "model"), [("엑사원", "exaone"), ("하이퍼클로바X", "hyperclova-x"),
                                             ("LLaMA 1", "llama"), ("meta-llama/Llama-2-7b", "llama-2")])
def test_korean_names_aliases_and_hub_ids_find_models(opened, typed, model):
    opened.page.fill("#search", typed)
    opened.page.press("#search", "Enter")
    assert opened.selected() == [model]


def test_the_page_compares_names_as_the_command_does(opened, bundled):
    samples = ["LLaMA 2", "llama_2", "Llama.2", "ＬＬａＭＡ２", "GPT\u200b-4", "Mi:dm 2.0", "하이퍼클로바 X", "Straße",
               "ΣΊΣΥΦΟΣ", "A\u2010X\u00b7K1", "Tülu 3", "e\u0301"]
    samples += [label for n in list(bundled)[:200] for label in (bundled.nodes[n]["name"], *bundled.nodes[n]["aliases"])]
    page = opened.eval(f"{json.dumps(samples)}.map(s => window.lineage.normalize(s))")
    assert page == [normalize(s) for s in samples]


# Highlight and filters

def test_clicking_a_model_lights_its_lineage_and_fades_the_rest(opened):
    opened.click_model("vicuna")
    assert opened.selected() == ["vicuna"]
    assert opened.opacity("llama") == 1  # parent
    assert opened.opacity("gpt-1") == 1  # several steps up, through ChatGPT
    assert opened.opacity("llava") == 1  # descendant
    assert opened.opacity("bert") < 0.5 and opened.opacity("alpaca") < 0.5  # unrelated, and a sibling
    lit_edge = opened.eval("network.body.data.edges.get({filter: e => e.from === 'llama' && e.to === 'vicuna'})[0]")
    other = opened.eval("network.body.data.edges.get({filter: e => e.from === 'bert' && e.to === 'roberta'})[0]")
    assert lit_edge["color"]["opacity"] == 1 and lit_edge["color"]["color"] != "#000"  # relation colour, stronger
    assert other["color"]["opacity"] < 0.2
    labels = opened.labels()
    assert labels[0]["id"] == "vicuna"  # the lit family is named first
    links = opened.page.eval_on_selector_all("#panel-body ul.sources a", "as => as.map(a => a.href)")
    assert links and all(link.startswith("https://") for link in links)


def test_a_product_lights_only_the_models_of_its_time(opened):
    opened.click_model("vicuna")
    assert opened.opacity("gpt-4") == 1  # ChatGPT ran on GPT-4 from March 2023, before Vicuna
    assert opened.opacity("gpt-5") < 0.5  # and on GPT-5 only from 2025: not an ancestor of Vicuna


def test_highlight_follows_only_the_edges_shown(opened):
    opened.page.get_by_label("trained-on-outputs: trained on text generated by the parent").uncheck()
    opened.eval("window.lineage.select('vicuna')")
    assert opened.opacity("llama") == 1
    assert opened.opacity("chatgpt") < 0.5 and opened.opacity("gpt-1") < 0.5


def test_a_search_hit_hidden_by_a_filter_says_so_and_offers_to_show_it(opened):
    opened.page.get_by_label("OpenAI", exact=True).uncheck()
    opened.page.fill("#search", "GPT-3")
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#status").startswith("GPT-3 is hidden by the filters.")
    assert opened.selected() == []
    opened.page.get_by_role("button", name="Show it").click()
    assert opened.selected() == ["gpt-3"]
    assert opened.eval("network.body.data.nodes.get('gpt-3').hidden") is False


def test_a_reversed_year_range_is_refused_with_a_message(opened):
    opened.page.fill("#year-from", "2024")
    opened.page.dispatch_event("#year-from", "change")
    opened.page.fill("#year-to", "2020")
    opened.page.dispatch_event("#year-to", "change")
    assert "after the last" in opened.page.inner_text("#year-message")
    assert opened.eval("network.body.data.nodes.get('gpt-4o').hidden") is False  # 2024 still shown
    assert opened.eval("network.body.data.nodes.get('gpt-3').hidden") is True  # 2020: before the range


def test_filters_hide_models_and_reset(opened):
    opened.page.get_by_label("OpenAI", exact=True).uncheck()
    hidden = opened.eval("network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    assert "gpt-3" in hidden and "llama" not in hidden
    opened.page.click("#reset-filters")
    assert opened.eval("network.body.data.nodes.get({filter: n => n.hidden}).length") == 0


# Panel, keyboard, links

def test_following_a_panel_link_keeps_the_focus_in_the_panel(opened):
    opened.click_model("alpaca")
    opened.page.get_by_role("button", name="LLaMA", exact=True).first.click()
    assert opened.selected() == ["llama"]
    assert opened.eval("document.activeElement.tagName + ':' + document.activeElement.textContent") == "H2:LLaMA"
    opened.page.keyboard.press("Tab")
    assert opened.eval("document.getElementById('panel').contains(document.activeElement)")


def test_arrow_keys_move_to_parent_and_child_and_escape_resets(opened):
    opened.eval("window.lineage.select('gpt-2')")
    opened.page.locator("#graph canvas").focus() if opened.page.locator("#graph canvas").count() else None
    opened.eval("document.activeElement.blur()")
    opened.page.keyboard.press("ArrowLeft")
    assert opened.selected() == ["gpt-1"]
    opened.page.keyboard.press("ArrowRight")
    assert opened.selected() == ["gpt-2"]
    opened.page.keyboard.press("Escape")
    assert opened.selected() == [] and opened.opacity("bert") == 1


def test_the_address_reopens_a_selection_and_back_goes_back(browser, bundled_page):
    page = Opened(browser, bundled_page, fragment="#vicuna")
    assert page.selected() == ["vicuna"]
    page.eval("window.lineage.select('llama')")
    assert page.eval("location.hash") == "#llama"
    page.page.go_back()
    page.page.wait_for_timeout(200)
    assert page.selected() == ["vicuna"]
    page.page.go_forward()
    page.page.wait_for_timeout(200)
    assert page.selected() == ["llama"]
    page.close()


def test_a_path_lights_the_chain_as_the_command_prints_it(browser, bundled_page, bundled):
    page = Opened(browser, bundled_page, fragment="#path=gpt-1,chatgpt")
    assert page.eval("window.lineage.lit()").__len__() == len(lineage_path(bundled, "gpt-1", "chatgpt"))
    panel = page.page.inner_text("#panel-body")
    assert "ChatGPT is a product served on GPT-3.5" in panel and "GPT-2 succeeds GPT-1" in panel
    pairs = [("gpt-1", "chatgpt"), ("vicuna", "transformer"), ("bert", "distilbert"), ("alpaca", "vicuna"),
             ("llama", "code-llama"), ("gpt-5", "vicuna"), ("t5", "flan-t5")]
    for a, b in pairs:
        assert page.eval(f"window.lineage.path({json.dumps(a)}, {json.dumps(b)})") == lineage_path(bundled, a, b), (a, b)
    page.eval("window.lineage.select('alpaca')")
    page.page.get_by_role("button", name="Path to…").click()
    page.page.fill("#search", "GPT-1")
    page.page.press("#search", "Enter")
    assert page.eval("location.hash") == "#path=alpaca,gpt-1"
    assert "GPT-1" in page.page.inner_text("#panel-body h2")
    page.close()


# Table, concepts, languages

def test_the_table_lists_the_models_shown_sorts_and_selects(opened, bundled):
    opened.page.click("#table-toggle")
    assert opened.page.locator("#table-body tr").count() == bundled.number_of_nodes()
    opened.page.get_by_label("OpenAI", exact=True).uncheck()
    assert opened.page.locator("#table-body tr").count() < bundled.number_of_nodes()
    opened.page.locator("#table-head th").first.click()  # by name
    names = opened.page.locator("#table-body tr td:first-child").all_inner_texts()
    assert names == opened.eval(f"{json.dumps(names)}.slice().sort((a, b) => a.localeCompare(b))")
    assert names[0] != names[-1]
    opened.page.fill("#table-filter", "vicuna")
    rows = opened.page.locator("#table-body tr")
    assert all("vicuna" in r.lower() for r in rows.all_inner_texts())
    opened.page.get_by_role("cell", name="Vicuna", exact=True).first.click()
    assert opened.page.locator("#graph").is_visible()
    assert opened.selected() == ["vicuna"]


def test_concepts_are_found_and_light_their_models(opened):
    opened.page.fill("#search", "RLHF")
    opened.page.press("#search", "Enter")
    panel = opened.page.inner_text("#panel-body")
    assert "InstructGPT" in panel and "ChatGPT" in panel
    assert opened.opacity("instructgpt") == 1 and opened.opacity("bert") < 0.5
    opened.page.get_by_role("button", name="InstructGPT", exact=True).first.click()
    assert opened.selected() == ["instructgpt"]
    opened.page.select_option("#concept-filter", "dpo")
    assert opened.opacity("zephyr") == 1 and opened.opacity("gpt-2") < 0.5


def test_a_korean_browser_gets_the_korean_page_and_can_switch(browser, bundled_page):
    page = Opened(browser, bundled_page, locale="ko-KR")
    assert page.eval("document.documentElement.lang") == "ko"
    assert page.page.inner_text("h1") == "LLM 계보"
    assert "모델" in page.page.inner_text("#summary")
    page.eval("window.lineage.select('bert')")
    assert "마스크" in page.page.inner_text("#panel-body") or "양방향" in page.page.inner_text("#panel-body")
    assert page.page.get_by_label("successor: 같은 연구소의 새 세대, 처음부터 새로 학습").count() == 1
    page.page.click("#language")
    assert page.eval("document.documentElement.lang") == "en" and page.page.inner_text("h1") == "LLM lineage"
    assert page.eval("window.lineage.setLanguage('ko')") == "ko"
    page.close()


# Screens

def test_on_a_phone_a_model_found_by_search_lands_above_the_details_sheet(browser, bundled_page):
    """Enter in the search box opens the details sheet over the lower part of the screen: the model must be
    drawn, with its name, in the part still showing, and a pinch there zooms around it."""
    page = Opened(browser, bundled_page, width=390, height=844, touch=True)
    page.page.locator("#search").tap()
    page.page.fill("#search", "Vicuna")
    page.page.press("#search", "Enter")
    page.page.wait_for_timeout(600)
    assert page.selected() == ["vicuna"]
    graph = page.page.locator("#graph").bounding_box()
    sheet_top = page.page.locator("#panel").bounding_box()["y"]
    node = page.eval("network.canvasToDOM(network.getPosition('vicuna'))")
    y = graph["y"] + node["y"]
    assert graph["y"] < y < sheet_top - 10, (graph["y"], y, sheet_top)
    assert 0 < node["x"] < graph["width"]
    assert any(label["id"] == "vicuna" and graph["y"] + label["y"] + label["h"] < sheet_top for label in page.labels())
    page.close()


def test_a_phone_gets_the_whole_width_touch_and_sheets(browser, bundled_page):
    page = Opened(browser, bundled_page, width=390, height=844, touch=True)
    box = page.page.locator("#graph").bounding_box()
    assert box["width"] == 390 and box["height"] > 500
    assert page.labels()  # names drawn on a phone too
    x, y = page.point("bert", scale=3)
    page.page.touchscreen.tap(x, y)
    page.page.wait_for_timeout(200)
    assert page.selected() == ["bert"]
    panel = page.page.locator("#panel").bounding_box()
    assert panel["y"] < 844 and panel["width"] == 390  # the details sheet came up
    page.page.locator("#panel [data-close=panel]").click()
    page.page.wait_for_timeout(300)
    assert page.page.locator("#panel").bounding_box()["y"] >= 840  # and went down
    page.page.click("#legend-toggle")
    page.page.wait_for_timeout(300)
    assert page.page.locator("#controls").bounding_box()["y"] < 844
    scale = page.eval("network.getScale()")
    client = page.context.new_cdp_session(page.page)  # a pinch: two fingers moving apart
    cx, cy = 195, 400
    for spread in (20, 60, 100, 140):
        kind = "touchStart" if spread == 20 else "touchMove"
        client.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
            {"x": cx - spread, "y": cy, "id": 1}, {"x": cx + spread, "y": cy, "id": 2}]})
        page.page.wait_for_timeout(30)
    client.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.page.wait_for_timeout(200)
    assert page.eval("network.getScale()") > scale * 1.2
    page.close()


def test_a_tablet_draws_the_graph_wide(browser, bundled_page):
    page = Opened(browser, bundled_page, width=768, height=1024, touch=True)
    assert page.page.locator("#graph").bounding_box()["width"] >= 700
    assert len(page.labels()) >= 30
    page.close()


# Subset pages and hostile data

def test_a_subset_page_says_what_it_shows(browser, tmp_path, bundled):
    from typer.testing import CliRunner

    from llm_lineage.cli import app

    out = tmp_path / "vicuna.html"
    result = CliRunner().invoke(app, ["html", "--focus", "Vicuna", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = Opened(browser, out)
    part = subgraph(bundled, focus="vicuna")
    assert page.page.inner_text("#subset") == f"Vicuna's family: {len(part)} of {len(bundled)} models"
    page.eval("window.lineage.select('llama')")
    panel = page.page.inner_text("#panel-body")
    assert "not in this page" in panel  # LLaMA's children outside Vicuna's family are named, marked
    page.close()


def test_hostile_text_stays_text_and_hostile_ids_work(browser, tmp_path):
    path = tmp_path / "hostile.html"
    write_page(load_graph(HOSTILE), path)
    page = Opened(browser, path)
    for model in page.eval("network.body.data.nodes.getIds()"):  # hover and click every model
        x, y = page.point(model)
        page.page.mouse.move(x, y)
        page.page.wait_for_timeout(200)
        page.page.mouse.click(x, y)
        page.page.wait_for_timeout(50)
    assert page.dialogs == []
    assert page.errors == []
    assert page.eval("document.scripts.length") == 3  # the page's own: data, vis-network, explorer
    assert page.eval("document.querySelectorAll('img, iframe, [onerror], [onload]').length") == 0
    page.eval("window.lineage.select('child')")
    panel = page.page.inner_text("#panel-body")
    assert '<img src=x onerror="alert(2)">' in panel  # shown as text
    assert "<script>alert('name')</script>" in panel  # the parent's name, as text
    hrefs = page.page.eval_on_selector_all("#panel-body a", "as => as.map(a => a.href)")
    assert hrefs and all(h.startswith("https://example.org/") for h in hrefs)
    for hostile_id in ("constructor", "hasownproperty", "tostring", "valueof"):
        assert page.eval(f"window.lineage.select({json.dumps(hostile_id)})") is True
        assert page.selected() == [hostile_id]
    page.page.fill("#search", "constructor")
    page.page.press("#search", "Enter")
    assert page.errors == []
    page.close()
