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

from actorgraph.graph.views.payload import node_evidence
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

    def __init__(self, driver, path: Path, anchor: str = "") -> None:
        self.driver = driver
        self.url = path.resolve().as_uri()
        driver.get_log("browser")  # drop what earlier pages logged
        driver.get_log("performance")
        driver.get(self.url + anchor)
        # a view is ready once laid out; the site's plain pages once loaded
        WebDriverWait(driver, WAIT).until(
            lambda d: d.execute_script(
                "return document.readyState === 'complete' && ("
                "!document.getElementById('actorgraph-data') ||"
                " !!(window.actorgraph && window.actorgraph.ready))"
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
        self.click_at(self.point(node))

    def click_at(self, offset: tuple[int, int]) -> None:
        canvas = self.driver.find_element(By.CSS_SELECTOR, "#graph canvas")
        ActionChains(self.driver).move_to_element_with_offset(canvas, *offset).click().perform()

    def edge_point(self, kind: str) -> tuple[int, int]:
        """Offset from the canvas centre of a point on the drawn link of ``kind`` that no
        node covers and that is nearer to this link than to any other."""
        return tuple(
            self.js(
                """
                const net = window.actorgraphNetwork, data = window.actorgraph.edges;
                const id = data.getIds().find(e => data.get(e).kind === arguments[0]);
                const c = document.querySelector('#graph canvas');
                for (const share of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
                    const p = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(share));
                    if (net.getNodeAt(p) === undefined && net.getEdgeAt(p) === id) {
                        return [Math.round(p.x - c.clientWidth / 2),
                                Math.round(p.y - c.clientHeight / 2)];
                    }
                }
                throw new Error('no free point on ' + arguments[0]);
                """,
                kind,
            )
        )

    def drawn_edge_kinds(self) -> set[str]:
        return set(
            self.js(
                "const d = window.actorgraph.edges;"
                "return Object.keys(window.actorgraphNetwork.body.edges)"
                ".filter(id => d.get(id)).map(id => d.get(id).kind)"
                ".filter((k, i, a) => a.indexOf(k) === i)"
            )
        )

    def choose_kind(self, kind: str) -> None:
        self.driver.find_element(
            By.CSS_SELECTOR, f'input[name="link-kind"][value="{kind}"]'
        ).click()

    def text(self, element_id: str) -> str:
        return self.driver.find_element(By.ID, element_id).text


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


def test_site_pages_load_nothing_and_ego_view_selects_its_actor(
    driver, sample_graph, sample_texts, tmp_path
):
    write_site(sample_graph, tmp_path, texts=sample_texts.__getitem__)
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


# ---- link kinds, counts, fit ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "kinds", "entities"),
    [
        ("stated", {"CHAIRS", "PERSECUTED", "CO_FOUNDED"}, 6),
        ("co", {"CO_MENTIONED"}, 11),  # all but Lonely Figure, who has no link
    ],
)
def test_link_kind_filter_updates_drawing_counts_and_fit(
    driver, sample_graph, tmp_path, kind, kinds, entities
):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    links = sum(1 for *_, k in sample_graph.edges(keys=True) if k not in ("MENTIONS", "WROTE"))
    total = entity_count(sample_graph)
    assert (
        page.text("shown") == f"Showing {total} of {total} entities and {links} of {links} links."
    )
    page.choose_kind(kind)
    WebDriverWait(driver, WAIT).until(lambda d: page.drawn_edge_kinds() == kinds)
    drawn = len(page.drawn_nodes())
    assert drawn == entities
    shown = sum(1 for *_, k in sample_graph.edges(keys=True) if k in kinds)
    assert (
        page.text("shown") == f"Showing {drawn} of {total} entities and {shown} of {links} links."
    )
    people = page.js("return document.querySelector('[data-count=\"Person\"]').textContent")
    total = sum(1 for _, a in sample_graph.nodes(data=True) if a["label"] == "Person")
    visible = len([n for n in page.drawn_nodes() if n.startswith("Person:")])
    assert people == (str(total) if visible == total else f"{visible} of {total}")
    # re-fitted: every drawn node lies inside the canvas
    WebDriverWait(driver, WAIT).until(
        lambda d: page.js(
            """
            const net = window.actorgraphNetwork, c = document.querySelector('#graph canvas');
            return Object.values(net.getPositions()).every(p => {
                const q = net.canvasToDOM(p);
                return q.x >= 0 && q.y >= 0 && q.x <= c.clientWidth && q.y <= c.clientHeight; });
            """
        )
    )
    assert_clean(page)


def test_click_picks_the_link_under_the_pointer_in_plain_words(driver, sample_graph, tmp_path):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    # the stated relation is drawn curved beside the co-mention of the same pair
    page.click_at(page.edge_point("CHAIRS"))
    WebDriverWait(driver, WAIT).until(lambda d: "chairs" in page.text("details"))
    details = page.text("details")
    assert "Geoffrey Nice chairs Uyghur Tribunal" in details
    assert "Stated as: … chair …" in details
    for word in ("CHAIRS", "CO_MENTIONED", "svo:", "Found by"):
        assert word not in details
    page.click_at(page.edge_point("PERSECUTED"))
    WebDriverWait(driver, WAIT).until(lambda d: "persecuted" in page.text("details"))
    assert "stated as not so" in page.text("details")


def test_tooltip_is_short_and_details_are_full(driver, sample_graph, tmp_path):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"))
    tooltip = page.hover("State:china")
    sentences = page.js("return document.querySelectorAll('div.vis-tooltip .sentence').length")
    assert sentences == 2 and "more: click to read" in tooltip
    width = page.js("return document.querySelector('div.vis-tooltip').offsetWidth")
    assert width <= 320
    page.click("State:china")
    WebDriverWait(driver, WAIT).until(lambda d: page.selected() == ["State:china"])
    evidence = len(node_evidence(sample_graph, "State:china"))
    assert evidence > 2
    assert page.js("return document.querySelectorAll('#details .sentence').length") == evidence


def test_whole_graph_opens_on_the_entity_in_its_address(driver, sample_graph, tmp_path):
    page = Opened(driver, render_view(sample_graph, tmp_path / "graph.html"), "#Bill%3Atrade-bill")
    WebDriverWait(driver, WAIT).until(lambda d: page.selected() == ["Bill:trade-bill"])
    assert "Trade Bill" in page.text("details")


def test_labels_only_where_they_fit(driver, big_graph, tmp_path):
    page = Opened(driver, render_view(big_graph(400, 1600), tmp_path / "graph.html"))
    first = page.js("return window.actorgraph.labelsShown")
    assert 0 < first < len(page.drawn_nodes())
    page.js(
        "const net = window.actorgraphNetwork;"
        "net.moveTo({scale: net.getScale() * 4}); net.emit('zoom', {});"
    )
    WebDriverWait(driver, WAIT).until(
        lambda d: page.js("return window.actorgraph.labelsShown") != first
    )
    assert assert_clean(page) is None


def test_neighbourhood_subject_stands_out(driver, big_graph, tmp_path):
    graph = big_graph(200, 800)
    page = Opened(driver, render_view(graph, tmp_path / "ego.html", focus="Person:entity-40"))
    options = page.js(
        "const b = window.actorgraphNetwork.body.nodes;"
        "return Object.keys(b).map(id => [id, b[id].options.borderWidth, b[id].options.size])"
    )
    subject = next(o for o in options if o[0] == "Person:entity-40")
    assert subject[1] == 5 and all(o[1] < 5 for o in options if o[0] != subject[0])
    assert subject[2] == max(o[2] for o in options)


# ---- the site: evidence to its article, index search, plain pages ----------------------------


def test_evidence_opens_its_article_at_the_sentence(driver, sample_graph, sample_texts, tmp_path):
    write_site(sample_graph, tmp_path, texts=sample_texts.__getitem__, top=2, per_type=1)
    page = Opened(driver, tmp_path / "graph.html")
    page.click("Person:geoffrey-nice")
    WebDriverWait(driver, WAIT).until(lambda d: page.selected() == ["Person:geoffrey-nice"])
    link = driver.find_element(By.CSS_SELECTOR, "#details a.page-link[href*='#s']")
    href = link.get_attribute("href")
    link.click()
    WebDriverWait(driver, WAIT).until(lambda d: d.current_url == href)
    anchor = href.split("#", 1)[1]
    target = driver.find_element(By.ID, anchor)
    assert "Geoffrey Nice" in target.text
    inside = page.js(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight",
        target,
    )
    assert inside and page.js("return document.querySelector(':target').id") == anchor
    entity = target.find_element(By.CSS_SELECTOR, "a.m")
    assert entity.get_attribute("href").endswith(".html") or "graph.html#" in entity.get_attribute(
        "href"
    )


def test_index_search_filters_and_opens_the_match(driver, sample_graph, tmp_path):
    write_site(sample_graph, tmp_path, top=2, per_type=1)
    index = Opened(driver, tmp_path / "index.html")
    assert_clean(index)
    box = driver.find_element(By.ID, "find")
    box.send_keys("sir geoffrey")
    shown = [
        e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-find]") if e.is_displayed()
    ]
    assert len(shown) == 1 and shown[0].startswith("Geoffrey Nice")
    assert "1 match" in index.text("find-status")
    box.clear()
    box.send_keys("trade bill")
    titles = [
        e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-find]") if e.is_displayed()
    ]
    assert any(t.startswith("Hong Kong and the Trade Bill") for t in titles)  # a document
    box.clear()
    box.send_keys("China", Keys.ENTER)
    WebDriverWait(driver, WAIT).until(lambda d: d.current_url.endswith("/china.html"))


def test_site_plain_pages_load_nothing_and_run_nothing(
    driver, hostile_graph, hostile_texts, tmp_path
):
    write_site(hostile_graph, tmp_path, texts=hostile_texts.__getitem__)
    for path in sorted(tmp_path.glob("*.html")):
        if path.name in ("graph.html",) or not (
            path.name.startswith("doc-") or path.name in ("index.html", "timeline.html")
        ):
            continue
        page = Opened(driver, path)
        assert_clean(page)
        assert page.js("return typeof window.__pwned") == "undefined"
        assert page.js("return document.querySelectorAll('img, iframe, object, embed').length") == 0
