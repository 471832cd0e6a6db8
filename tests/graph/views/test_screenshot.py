"""The demo's screenshot: Chromium writes a PNG of a view."""

from __future__ import annotations

import pytest

from actorgraph.graph.views.render import render_view
from actorgraph.graph.views.screenshot import ScreenshotError, find_browser, screenshot

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_screenshot_writes_a_png_of_the_page(sample_graph, tmp_path):
    if find_browser() is None:
        pytest.skip("no Chromium installed (apt-get install chromium)")
    page = render_view(sample_graph, tmp_path / "graph.html")
    png = screenshot(page, tmp_path / "shots" / "graph.png", width=800, height=600)
    data = png.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (800, 600)


def test_screenshot_of_a_missing_page_fails_clearly(tmp_path):
    with pytest.raises(ScreenshotError, match="not a file"):
        screenshot(tmp_path / "absent.html", tmp_path / "x.png", browser="/bin/true")


def test_screenshot_reports_a_browser_that_writes_nothing(sample_graph, tmp_path):
    page = render_view(sample_graph, tmp_path / "graph.html")
    with pytest.raises(ScreenshotError, match="wrote no screenshot"):
        screenshot(page, tmp_path / "x.png", browser="/bin/true")
