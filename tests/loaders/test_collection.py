"""The article-collection loader on the seed file and on small crafted collections."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.loaders.collection import CollectionLoader, split_authors
from actorgraph.loaders.document import LoadError

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
COLLECTION = next(SEEDS.glob("000_*.txt"))


@pytest.fixture(scope="module")
def articles():
    text = COLLECTION.read_text("utf-8")
    loader = CollectionLoader()
    assert loader.detect(COLLECTION, text)
    return list(loader.load(COLLECTION, text))


def test_seed_collection_splits_into_its_ten_articles(articles):
    assert len(articles) == 10
    assert len({a.id for a in articles}) == 10
    assert len({a.key for a in articles}) == 10


@pytest.mark.parametrize(
    ("index", "authors", "title_start", "date"),
    [
        (0, ("Benedict Rogers",), "We must not forget the people of Myanmar", "1 Feb"),
        (4, ("Philip Mitchell", "Chris Goddard"), "2020 was a reality check on China", "15 Feb"),
        (5, ("Malcolm Rifkind",), "We need a global response to Beijing", "13 Jan"),
        (8, ("Nus Ghani",), "The Government must act to ban British companies", "18 Nov"),
        (9, ("Jason Reed",), "History will judge us", "23 Aug"),
    ],
)
def test_articles_have_their_authors_titles_and_dates(articles, index, authors, title_start, date):
    article = articles[index]
    assert article.authors == authors
    assert article.title.startswith(title_start)
    assert article.date == date
    assert article.date_iso is None  # no year in the source: none is invented


def test_bio_is_its_own_field_and_opens_the_text(articles):
    article = articles[0]
    assert article.bio is not None
    assert article.bio.startswith("Benedict Rogers is co-founder")
    assert article.text.startswith(article.bio)
    assert article.title not in article.text.split("\n", 1)[0]


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("Ann Smith and Bo Jones", ("Ann Smith", "Bo Jones")),
        ("Ann Smith, Bo Jones and Cy Young", ("Ann Smith", "Bo Jones", "Cy Young")),
        ("Ann Smith, Bo Jones, and Cy Young", ("Ann Smith", "Bo Jones", "Cy Young")),
        ("Ann Smith", ("Ann Smith",)),
    ],
)
def test_authors_split_on_and_and_commas(field, names):
    assert split_authors(field) == names


def test_a_body_line_with_a_colon_does_not_start_an_article(tmp_path):
    text = (
        "Ann Smith: A first article\n3 Mar 2021\n\nAnn Smith is a writer.\n\n"
        "The goal should be two-fold: first this, then that.\n"
        "Bo Jones: A second article\n4 Mar\n\nBo Jones is a reporter.\n\nBody two.\n"
    )
    path = tmp_path / "c.txt"
    docs = list(CollectionLoader().load(path, text))
    assert [d.authors for d in docs] == [("Ann Smith",), ("Bo Jones",)]
    assert "two-fold" in docs[0].text
    assert docs[0].date_iso == "2021-03-03"
    assert docs[1].date_iso is None


def test_a_changed_article_keeps_its_key_and_changes_its_id(tmp_path):
    base = "Ann Smith: Title\n3 Mar\n\nAnn Smith is a writer.\n\nBody {}.\n"
    path = tmp_path / "c.txt"
    (first,) = CollectionLoader().load(path, base.format("one"))
    (second,) = CollectionLoader().load(path, base.format("two"))
    assert first.key == second.key
    assert first.id != second.id


NAMES = "ABCDEFGHIJK"


@pytest.mark.parametrize("empty", [0, 2, 10])
def test_an_article_with_no_body_is_reported_and_the_rest_load(tmp_path, empty):
    articles = [
        f"Writer {NAMES[n]}: Title {n}\n{n + 1} Mar\n\nWriter {NAMES[n]} writes.\n\nBody {n}.\n"
        for n in range(11)
    ]
    articles[empty] = f"Writer {NAMES[empty]}: Title {empty}\n{empty + 1} Mar\n\n"
    path = tmp_path / "c.txt"
    items = list(CollectionLoader().load(path, "".join(articles)))
    errors = [i for i in items if isinstance(i, LoadError)]
    assert [str(e) for e in errors] == [
        f"{path}: article {empty + 1} ('Title {empty}') has no text"
    ]
    titles = [i.title for i in items if not isinstance(i, LoadError)]
    assert titles == [f"Title {n}" for n in range(11) if n != empty]


@pytest.mark.parametrize(
    ("date_line", "iso"),
    [("7 December 2021", "2021-12-07"), ("December 7, 2021", "2021-12-07"), ("Jan 16th", None)],
)
def test_a_date_line_in_any_common_form_opens_an_article(tmp_path, date_line, iso):
    text = f"Ann Smith: A title\n{date_line}\n\nAnn Smith is a writer.\n\nBody.\n"
    loader = CollectionLoader()
    assert loader.detect(tmp_path / "c.txt", text)
    (doc,) = loader.load(tmp_path / "c.txt", text)
    assert (doc.date, doc.date_iso) == (date_line, iso)
