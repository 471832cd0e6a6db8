"""The views as a person sees them: headless Chromium opens the pages from file://.

Each page must draw its graph, log no error, fetch nothing but itself, let a reader find
and highlight an entity, and run no script that came from a document.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from view_graphs import HOSTILE

from actorgraph.graph.views.render import render_view
from actorgraph.graph.views.site import write_site

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1400,900",
)
WAIT = 60  # seconds a page may take to settle on a loaded machine (a bound, not a measure)


@pytest.fixture(scope="module")
def driver() -> Iterator:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip(
            "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
        )
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="actorgraph-test-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.get("about:blank")
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Opened:
    """A page opened in the browser, with what it logged and requested while loading."""

    def __init__(self, driver, path: Path) -> None:
        self.driver = driver
        self.url = path.resolve().as_uri()
        driver.get_log("browser")  # drop what earlier pages logged
        driver.get_log("performance")
        driver.get(self.url)
        if path.name != "index.html":
            WebDriverWait(driver, WAIT).until(
                lambda d: d.execute_script(
                    "return !!(window.actorgraph && window.actorgraph.ready)"
                )
            )
        self.console = driver.get_log("browser")
        sent = [
            message["params"]
            for entry in driver.get_log("performance")
            if (message := json.loads(entry["message"])["message"])["method"]
            == "Network.requestWillBeSent"
        ]
        # what this page asked for, and anything at all that went to a network
        self.requests = [
            params["request"]["url"]
            for params in sent
            if params.get("documentURL") == self.url
            or not params["request"]["url"].startswith(("chrome:", "data:", "file:", "about:"))
        ]

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def drawn_nodes(self) -> set[str]:
        return set(self.js("return Object.keys(window.actorgraphNetwork.getPositions())"))

    def selected(self) -> list[str]:
        return self.js("return window.actorgraphNetwork.getSelectedNodes()")

    def search(self, text: str) -> None:
        box = self.driver.find_element(By.ID, "search-input")
        box.clear()
        box.send_keys(text, Keys.ENTER)

    def point(self, node: str) -> tuple[int, int]:
        """Offset of ``node`` from the centre of the canvas, for ActionChains."""
        return tuple(
            self.js(
                """
                const net = window.actorgraphNetwork, id = arguments[0];
                const p = net.canvasToDOM(net.getPositions([id])[id]);
                const c = document.querySelector('#graph canvas');
                return [Math.round(p.x - c.clientWidth / 2), Math.round(p.y - c.clientHeight / 2)];
                """,
                node,
            )
        )

    def hover(self, node: str) -> str:
        """Move the mouse onto ``node``; returns the tooltip's text once it shows."""
        canvas = self.driver.find_element(By.CSS_SELECTOR, "#graph canvas")
        ActionChains(self.driver).move_to_element_with_offset(canvas, *self.point(node)).perform()
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.execute_script(
                "const t = document.querySelector('div.vis-tooltip');"
                "return !!t && t.style.visibility === 'visible'"
            )
        )
        return self.js("return document.querySelector('div.vis-tooltip').textContent")

    def click(self, node: str) -> None:
        canvas = self.driver.find_element(By.CSS_SELECTOR, "#graph canvas")
        chain = ActionChains(self.driver).move_to_element_with_offset(canvas, *self.point(node))
        chain.click().perform()


def entity_count(graph: nx.MultiDiGraph) -> int:
    return sum(1 for _, a in graph.nodes(data=True) if a["label"] != "Document")


def assert_clean(page: Opened) -> None:
    severe = [e["message"] for e in page.console if e["level"] == "SEVERE"]
    assert severe == []
    assert page.requests == [page.url]


def test_whole_graph_draws_offline_without_errors(driver, sample_graph, tmp_path):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    assert len(page.drawn_nodes()) == entity_count(sample_graph)
    assert_clean(page)
    assert page.js("return window.actorgraphNetwork.physics.options.enabled") is False
    legend = page.js("return document.getElementById('legend').textContent")
    assert "Person" in legend and "Tribunal" in legend


def test_capped_graph_draws_its_cap_and_says_so(driver, big_graph, tmp_path):
    graph = big_graph(700, 2600)
    page = Opened(driver, render_view(graph, tmp_path / "graph.html", max_nodes=500))
    assert len(page.drawn_nodes()) == 500
    assert_clean(page)
    notice = page.driver.find_element(By.ID, "notice")
    assert notice.is_displayed() and "200 are left out" in notice.text


def test_site_pages_load_nothing_and_ego_view_selects_its_actor(driver, sample_graph, tmp_path):
    write_site(sample_graph, tmp_path)
    index = Opened(driver, tmp_path / "index.html")
    assert_clean(index)
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a")]
    assert (tmp_path / "graph.html").as_uri() in links
    ego = Opened(driver, tmp_path / "geoffrey-nice.html")
    assert_clean(ego)
    assert ego.selected() == ["Person:geoffrey-nice"]
    assert ego.drawn_nodes() == {
        "Person:geoffrey-nice",
        "Tribunal:uyghur-tribunal",
        "Tribunal:china-tribunal",
    }


def test_links_are_drawn_by_kind_and_nodes_by_measure(driver, sample_graph, tmp_path):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    drawn = page.js(
        """
        const body = window.actorgraphNetwork.body, data = window.actorgraph.edges;
        return Object.values(body.edges).map(e => [
            data.get(e.id).kind, !!e.options.dashes, e.options.arrows.to.enabled, e.options.width]);
        """
    )
    kinds = {kind for kind, *_ in drawn}
    assert kinds == {"CO_MENTIONED", "CHAIRS", "PERSECUTED", "CO_FOUNDED"}
    for kind, dashed, arrow, _ in drawn:
        typed = kind != "CO_MENTIONED"
        assert (dashed, arrow) == (not typed, typed), kind
    widths = {w for kind, *_, w in drawn if kind == "CO_MENTIONED"}
    assert len(widths) == 2  # weight 1 and weight 2 differ
    size = "return window.actorgraphNetwork.body.nodes[arguments[0]].options.size"
    assert page.js(size, "State:china") > page.js(size, "Person:lonely-figure")


def test_tooltip_shows_type_aliases_mentions_and_dated_evidence(driver, sample_graph, tmp_path):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    tooltip = page.hover("Person:geoffrey-nice")
    for text in (
        "Geoffrey Nice",
        "Person",
        "1 mention in 1 document",
        "Sir Geoffrey Nice QC",
        "Sir Geoffrey Nice QC chairs the Uyghur Tribunal.",
        "Why the Uyghur Tribunal matters, 2021-02-01",
    ):
        assert text in tooltip
    assert_clean(page)


@pytest.mark.parametrize(
    ("query", "node"),
    [
        ("Sir Geoffrey Nice QC", "Person:geoffrey-nice"),
        ("prc", "State:china"),
        ("uyghur trib", "Tribunal:uyghur-tribunal"),
    ],
)
def test_search_focuses_an_entity_by_name_or_alias(driver, sample_graph, tmp_path, query, node):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    page.search(query)
    WebDriverWait(driver, WAIT).until(lambda d: page.selected() == [node])
    name = sample_graph.nodes[node]["name"]
    assert page.js("return document.querySelector('#details .card-title').textContent") == name


def test_search_for_nothing_says_so(driver, sample_graph, tmp_path):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    page.search("Atlantis")
    status = driver.find_element(By.ID, "search-status").text
    assert "Atlantis" in status and page.selected() == []


def test_click_highlights_the_neighbourhood(driver, sample_graph, tmp_path):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    page.click("Person:geoffrey-nice")
    WebDriverWait(driver, WAIT).until(lambda d: page.selected() == ["Person:geoffrey-nice"])
    colour = "return window.actorgraph.nodes.get(arguments[0]).color.background"
    assert page.js(colour, "Tribunal:uyghur-tribunal") == "#b07aa1"  # a neighbour keeps its colour
    assert page.js(colour, "Bill:trade-bill") == "#eceef0"  # the rest fades


def test_type_and_weight_filters_hide_entities(driver, sample_graph, tmp_path):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    driver.find_element(By.CSS_SELECTOR, 'input[data-type="Person"]').click()
    people = {n for n, a in sample_graph.nodes(data=True) if a["label"] == "Person"}
    WebDriverWait(driver, WAIT).until(lambda d: not (page.drawn_nodes() & people))
    assert len(page.drawn_nodes()) == entity_count(sample_graph) - len(people)
    page.js(
        "const s = document.getElementById('min-weight'); s.value = '2';"
        "s.dispatchEvent(new Event('input'));"
    )
    assert page.drawn_nodes() == {"Region:xinjiang", "State:china"}


def test_hostile_document_runs_nothing_and_shows_as_text(driver, hostile_graph, tmp_path):
    path = render_view(hostile_graph, tmp_path / "hostile.html", include_documents=True)
    page = Opened(driver, path)
    assert_clean(page)
    pwned = "return typeof window.__pwned"
    assert page.js(pwned) == "undefined"

    tooltip = page.hover("Person:mallory")
    assert f"Mallory {HOSTILE[0]}" in tooltip and HOSTILE[1] in tooltip
    assert page.js(pwned) == "undefined"
    tooltip = page.hover("doc:0000000000000bad")
    assert HOSTILE[2] in tooltip

    page.click("Organisation:evil")
    WebDriverWait(driver, WAIT).until(lambda d: page.selected() == ["Organisation:evil"])
    details = driver.find_element(By.ID, "details").text
    assert HOSTILE[1] in details and f"note {HOSTILE[0]}" in details
    page.search("javascript:window.__pwned=1")
    WebDriverWait(driver, WAIT).until(lambda d: page.selected() == ["Person:mallory"])

    assert page.js(pwned) == "undefined"
    assert page.js("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.js("return document.scripts.length") == 3  # data block, vis-network, view
    hrefs = page.js("return [...document.querySelectorAll('[href]')].map(e => e.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []


@pytest.mark.parametrize(
    ("options", "count"),
    [({"focus": "Lonely Figure"}, 1), ({"labels": ["Event"], "min_weight": 2}, 0)],
)
def test_tiny_and_empty_views_settle_cleanly(driver, sample_graph, tmp_path, options, count):
    page = Opened(driver, render_view(sample_graph, tmp_path / "v.html", **options))
    assert len(page.drawn_nodes()) == count
    assert_clean(page)
