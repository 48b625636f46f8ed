"""The explorer page in real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llm_lineage.explorer import write_page
from llm_lineage.graph import load_graph
from llm_lineage.load import bundled_data_path

HOSTILE = Path(__file__).parent / "data" / "valid" / "hostile.json"


class Opened:
    """A page with everything it did recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
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
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.network !== undefined && window.lineage !== undefined")

    def eval(self, script: str):
        return self.page.evaluate(script)

    def point(self, model: str) -> tuple[float, float]:
        """Where a model is drawn, in page coordinates (after bringing it into view)."""
        self.eval(f"network.focus({json.dumps(model)}, {{scale: 1.2}})")
        box = self.page.locator("#graph").bounding_box()
        pos = self.eval(f"network.canvasToDOM(network.getPosition({json.dumps(model)}))")
        return box["x"] + pos["x"], box["y"] + pos["y"]

    def click_model(self, model: str) -> None:
        x, y = self.point(model)
        self.page.mouse.click(x, y)

    def opacity(self, model: str) -> float:
        return self.eval(f"network.body.data.nodes.get({json.dumps(model)}).opacity")


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "lineage.html"
    write_page(load_graph(bundled_data_path()), path)
    return path


@pytest.fixture()
def opened(browser, bundled_page):
    page = Opened(browser, bundled_page)
    yield page
    page.page.close()


def test_page_loads_offline_with_no_error(opened, bundled):
    assert opened.errors == []
    assert opened.failed == []
    assert [u for u in opened.requests if not u.startswith("file://")] == []
    assert opened.eval("network.body.data.nodes.length") == bundled.number_of_nodes()
    assert opened.eval("Object.keys(network.body.nodes).length") == bundled.number_of_nodes()
    assert opened.eval("network.body.data.edges.length") == bundled.number_of_edges()
    assert opened.page.inner_text("#summary").startswith(f"{bundled.number_of_nodes()} models")


def test_search_selects_the_model(opened):
    opened.page.fill("#search", "vicuna")
    opened.page.press("#search", "Enter")
    assert opened.eval("network.getSelectedNodes()") == ["vicuna"]
    assert opened.page.inner_text("#panel-body h2") == "Vicuna"


def test_search_by_alias_and_unknown_name(opened):
    opened.page.fill("#search", "LLaMA 1")
    opened.page.press("#search", "Enter")
    assert opened.eval("network.getSelectedNodes()") == ["llama"]
    opened.page.fill("#search", "no such model")
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#search-status") == "No model called that."


def test_clicking_a_model_highlights_its_whole_lineage(opened):
    opened.click_model("vicuna")
    assert opened.eval("network.getSelectedNodes()") == ["vicuna"]
    assert opened.opacity("llama") == 1  # parent
    assert opened.opacity("gpt-1") == 1  # ancestor several steps up, through ChatGPT
    assert opened.opacity("llava") == 1  # descendant
    assert opened.opacity("bert") < 0.5  # unrelated: dimmed
    assert opened.opacity("alpaca") < 0.5  # a sibling is neither ancestor nor descendant
    panel = opened.page.inner_text("#panel-body")
    assert "LLaMA" in panel and "fine-tuned" in panel
    links = opened.page.eval_on_selector_all("#panel-body ul.sources a", "as => as.map(a => a.href)")
    assert "https://lmsys.org/blog/2023-03-30-vicuna/" in links


def test_parents_in_the_panel_are_clickable(opened):
    opened.click_model("alpaca")
    opened.page.get_by_role("button", name="LLaMA", exact=True).first.click()
    assert opened.eval("network.getSelectedNodes()") == ["llama"]
    assert opened.page.inner_text("#panel-body h2") == "LLaMA"


def test_clicking_the_background_resets(opened):
    opened.click_model("vicuna")
    box = opened.page.locator("#graph").bounding_box()
    opened.eval("network.moveTo({position: {x: -100000, y: -100000}})")  # nothing is drawn there
    opened.page.mouse.click(box["x"] + 20, box["y"] + box["height"] - 20)
    assert opened.eval("network.getSelectedNodes()") == []
    assert opened.opacity("bert") == 1
    assert opened.page.locator("#panel-body").is_hidden()


def test_filters_hide_models(opened):
    opened.page.get_by_label("OpenAI", exact=True).uncheck()
    hidden = opened.eval("network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    assert "gpt-3" in hidden and "llama" not in hidden
    opened.page.fill("#year-to", "2019")
    opened.page.dispatch_event("#year-to", "change")
    assert opened.eval("network.body.data.nodes.get('llama').hidden") is True
    opened.page.click("#reset-filters")
    assert opened.eval("network.body.data.nodes.get({filter: n => n.hidden}).length") == 0


def test_hostile_text_stays_text(browser, tmp_path):
    path = tmp_path / "hostile.html"
    write_page(load_graph(HOSTILE), path)
    page = Opened(browser, path)
    for model in page.eval("network.body.data.nodes.getIds()"):  # hover and click every model
        x, y = page.point(model)
        page.page.mouse.move(x, y)
        page.page.wait_for_timeout(300)
        page.page.mouse.click(x, y)
        page.page.wait_for_timeout(50)
    assert page.dialogs == []
    assert page.errors == []
    assert page.eval("document.scripts.length") == 3  # the page's own: data, vis-network, explorer
    assert page.eval("document.querySelectorAll('img, iframe, [onerror], [onload]').length") == 0
    page.click_model("child")
    panel = page.page.inner_text("#panel-body")
    assert '<img src=x onerror="alert(2)">' in panel  # shown as text
    assert "<script>alert('name')</script>" in panel  # the parent's name, as text
    hrefs = page.page.eval_on_selector_all("#panel-body a", "as => as.map(a => a.href)")
    assert hrefs and all(h.startswith("https://example.org/") for h in hrefs)
    assert 'onerror="alert(2)"' in page.eval("network.body.data.nodes.get('child').title.textContent")
    page.page.close()
