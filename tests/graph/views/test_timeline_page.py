"""views.timeline: what has a year in date order; no year and undated apart, no year invented."""

from __future__ import annotations

import re

import pytest

from actorgraph.graph.views.timeline import read_date, timeline_page


@pytest.mark.parametrize(
    ("iso", "written", "key", "year_known"),
    [
        ("2021-02-01", "1 Feb", (2021, 2, 1), True),
        (None, "1989", (1989, 0, 0), True),
        (None, "7 Dec 2021", (2021, 12, 7), True),
        (None, "December 7, 2021", (2021, 12, 7), True),
        (None, "7 Jan", (0, 1, 7), False),
        (None, "29 Feb", (0, 2, 29), False),
        (None, "Sept. 4", None, None),
        (None, "", None, None),
        (None, "last spring", None, None),
    ],
)
def test_read_date(iso, written, key, year_known):
    when = read_date(iso, written)
    if key is None:
        assert when is None
    else:
        assert when is not None and (when.key, when.year_known) == (key, year_known)


def sections(page: str) -> dict[str, str]:
    parts = re.split(r"<h2>", page)[1:]
    return {re.sub(r"<.*", "", p, flags=re.DOTALL).strip(): p for p in parts}


def test_timeline_orders_dated_and_lists_no_year_and_undated_apart(sample_graph):
    graph = sample_graph.copy()
    graph.nodes["doc:00000000000000bb"]["date_iso"] = None  # "3 Mar", no year
    graph.nodes["Event:coup-in-myanmar"]["date"] = "2021"
    graph.add_node("Event:cop26", label="Event", name="COP26", date=None)
    page = timeline_page(graph, {}, {"doc:00000000000000aa": "doc-a.html"})
    found = sections(page)
    assert set(found) == {"In date order", "Date without a year", "Undated"}
    dated = found["In date order"]
    assert dated.index("Why the Uyghur Tribunal matters") > dated.index("coup in Myanmar")
    assert "2021-02-01" in dated and 'href="doc-a.html"' in dated
    no_year = found["Date without a year"]
    assert "Hong Kong and the Trade Bill" in no_year and "3 Mar, no year" in no_year
    assert "2021-03" not in page and "2000" not in page  # no year is made up
    assert "Trade Bill" not in dated
    assert "COP26" in found["Undated"] and "COP26" not in dated + no_year
    # a document lists the relations it states
    assert "Geoffrey Nice chairs Uyghur Tribunal" in re.sub(r"<[^>]+>", "", dated)


def test_timeline_escapes_document_text(hostile_graph):
    page = timeline_page(hostile_graph, {}, {})
    assert "<script>window" not in page and "<img" not in page
    assert "written “date &lt;img" in page  # an unreadable date is shown as written
