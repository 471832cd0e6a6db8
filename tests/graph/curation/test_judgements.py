"""curation.toml: read, written back unchanged, and refused when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.graph.curation.judgements import (
    Curation,
    CurationError,
    Judgement,
    describe,
    dump,
    load,
    parse,
    renumber,
    save,
)

WHEN = "2026-12-01T10:00:00+00:00"


def test_judgements_round_trip_in_order(tmp_path: Path) -> None:
    path = tmp_path / "curation.toml"
    judgements = [
        Judgement("merge", ("Marks", "Spencer"), WHEN, "Marks and Spencer", "Organisation"),
        Judgement("separate", ("Nice", 'Geoffrey "QC" Nice'), WHEN, note="two people\nreally"),
        Judgement("reject", ("Nus Ghani", "Wealden"), WHEN, type="MEMBER_OF"),
        Judgement("drop", ("Mulan",), WHEN),
    ]
    save(Curation(path, judgements))
    assert load(path).judgements == judgements
    assert path.read_text("utf-8") == dump(load(path))  # stable: rewriting changes nothing


def test_missing_file_holds_no_judgements(tmp_path: Path) -> None:
    assert load(tmp_path / "absent.toml").judgements == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('kind = "fuse"\nnames = ["A", "B"]', "judgement #1: unknown kind 'fuse'"),
        ('kind = "type"\nnames = ["A"]\ntype = "Planet"', "judgement #1: unknown label 'Planet'"),
        ('kind = "reject"\nnames = ["A", "B"]\ntype = "LOVES"', "unknown relation type 'LOVES'"),
        ('kind = "merge"\nnames = ["A"]', "judgement #1: merge needs 2 non-empty names"),
        ('kind = "drop"\nnames = [""]', "drop needs 1 non-empty names"),
    ],
)
def test_bad_entry_names_file_and_entry(entry: str, message: str) -> None:
    with pytest.raises(CurationError, match=r"^x\.toml: ") as error:
        parse(Path("x.toml"), f"[[judgement]]\n{entry}\n")
    assert message in str(error.value)


def test_merge_and_separate_of_one_pair_contradict() -> None:
    text = (
        '[[judgement]]\nkind = "merge"\nnames = ["Lords", "House of Lords"]\n'
        '[[judgement]]\nkind = "drop"\nnames = ["Mulan"]\n'
        '[[judgement]]\nkind = "separate"\nnames = ["house of lords", "LORDS"]\n'
    )
    with pytest.raises(CurationError) as error:
        parse(Path("c.toml"), text)
    assert "judgement #1 (merge Lords / House of Lords)" in str(error.value)
    assert "judgement #3 (separate house of lords / LORDS)" in str(error.value)


def test_invalid_toml_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "curation.toml"
    path.write_text("[[judgement]\n", "utf-8")
    with pytest.raises(CurationError, match=r"curation\.toml: not valid TOML"):
        load(path)


@pytest.mark.parametrize(
    ("judgement", "entry", "described"),
    [
        (
            Judgement("merge", ("Lords", "House of Lords"), WHEN),
            "merge #3: Lords, House of Lords",
            "merged by the analyst: Lords, House of Lords",
        ),
        (
            Judgement("merge", ("Marks", "Spencer"), WHEN, "Marks and Spencer", "Organisation"),
            "merge #3: Marks, Spencer as Organisation named Marks and Spencer",
            "merged by the analyst: Marks, Spencer as Organisation named Marks and Spencer",
        ),
        (
            Judgement("type", ("Wealden",), WHEN, type="Region"),
            "type #3: Wealden as Region",
            "typed by the analyst: Wealden as Region",
        ),
    ],
)
def test_entry_names_the_judgement_and_describe_says_it_in_words(
    judgement: Judgement, entry: str, described: str
) -> None:
    assert judgement.entry(3) == entry
    assert describe(entry) == described


@pytest.mark.parametrize(
    ("entry", "removed", "after"),
    [
        ("merge #3: Lords, House of Lords", 2, "merge #2: Lords, House of Lords"),
        ("merge #3: Lords, House of Lords", 3, "merge #3: Lords, House of Lords"),
        ("type #12: A #4: B as Region", 1, "type #11: A #4: B as Region"),
        ("not an entry", 1, "not an entry"),
    ],
)
def test_renumber_moves_later_entries_up_after_an_undo(
    entry: str, removed: int, after: str
) -> None:
    assert renumber(entry, removed) == after
