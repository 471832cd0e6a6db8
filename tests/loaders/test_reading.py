"""Reading files as text and walking paths: every skipped thing is reported with its reason."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.loaders.document import LoadError
from actorgraph.loaders.reading import iter_files, read_text, walk


def reports(paths: list[Path]) -> dict[str, str]:
    """What ``walk`` skipped, by path, with its reason."""
    return {item.path: item.reason for item in walk(paths) if isinstance(item, LoadError)}


@pytest.mark.parametrize(
    "codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"], ids=str
)
def test_read_text_decodes_a_file_by_its_byte_order_mark(tmp_path: Path, codec: str) -> None:
    text = "Café in Ürümqi: the Uyghur Tribunal met.\r\nSecond line — 习近平."
    path = tmp_path / "marked.txt"
    path.write_bytes("\ufeff".encode(codec) + text.encode(codec))
    assert read_text(path) == text.replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t", "empty (whitespace only)"),
        ("\u00a0\u2003\n\u3000".encode(), "empty (whitespace only)"),
        (b"\xef\xbb\xbf   \n", "empty (whitespace only)"),
        ("\ufeff  \n".encode("utf-16"), "empty (whitespace only)"),
        (
            b"a" * 20_000 + b"\x00" + b"b" * 10,
            "binary file (contains NUL bytes, the first at offset 20000)",
        ),
        ("\ufeffabc\x00def".encode("utf-16-le"), "binary file (contains NUL characters in UTF-16)"),
        (b"\xff\xfe\x00\xd8", "not UTF-16 text"),  # a lone surrogate after the mark
        (b"caf\xe9 au lait", "not UTF-8 text (undecodable byte 0xe9 at offset 3)"),
    ],
    ids=[
        "empty",
        "ascii-whitespace",
        "unicode-whitespace",
        "bom-then-spaces",
        "utf16-spaces",
        "nul-past-the-old-sniff",
        "utf16-nul",
        "utf16-undecodable",
        "latin-1",
    ],
)
def test_read_text_refuses_with_the_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError) as caught:
        read_text(path)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)


def test_a_nul_byte_anywhere_is_binary_not_only_in_the_first_kilobytes(tmp_path: Path) -> None:
    path = tmp_path / "late.bin"
    path.write_bytes(b"plain words " * 1000 + b"\x00\x01\x02")
    assert path.stat().st_size > 8192  # what the old check looked at
    with pytest.raises(LoadError, match="binary file"):
        read_text(path)


def test_walk_follows_a_symlinked_directory_once(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text("far", "utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_text("a", "utf-8")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "second").symlink_to(outside, target_is_directory=True)
    found = [p.relative_to(root).as_posix() for p in iter_files([root])]
    assert found == ["a.txt", "linked/far.txt"]
    assert reports([root]) == {
        str(root / "second"): "a directory already walked (a link loop or a second way in)"
    }


def test_walk_reports_a_link_loop_and_ends(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text("x", "utf-8")
    (tmp_path / "d" / "up").symlink_to(tmp_path, target_is_directory=True)
    assert [p.name for p in iter_files([tmp_path])] == ["x.txt"]
    assert list(reports([tmp_path])) == [str(tmp_path / "d" / "up")]


def test_walk_reports_a_broken_link_with_its_target(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "ok.txt").write_text("ok", "utf-8")
    assert reports([tmp_path]) == {
        str(tmp_path / "dangling.txt"): (
            f"broken symbolic link (its target {str(tmp_path / 'gone.txt')!r} does not exist)"
        )
    }
    assert [p.name for p in iter_files([tmp_path])] == ["ok.txt"]


def test_walk_reports_a_named_pipe_instead_of_blocking_on_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    assert reports([tmp_path]) == {
        str(tmp_path / "pipe"): "not a regular file (a named pipe), skipped"
    }


def test_walk_yields_a_name_that_is_not_utf8_and_it_opens(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/bad\xffname.txt"
    with open(raw, "wb") as handle:
        handle.write(b"text")
    (path,) = iter_files([tmp_path])
    assert os.fsencode(path) == raw
    assert read_text(path) == "text"


def test_walk_keeps_the_name_order_and_skips_hidden_names(tmp_path: Path) -> None:
    for name in ("b/z.txt", "b/a.txt", "a-b.txt", "a/c.txt", ".git/x.txt", "b/.h.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a/c.txt", "a-b.txt", "b/a.txt", "b/z.txt"]
    assert found == sorted(found, key=lambda p: Path(p).parts)


WALK_SCRIPT = """
import json, sys
from actorgraph.loaders.document import LoadError
from actorgraph.loaders.reading import walk
items = list(walk(sys.argv[1:]))
print(json.dumps({
    "files": [str(i) for i in items if not isinstance(i, LoadError)],
    "reports": {i.path: i.reason for i in items if isinstance(i, LoadError)},
}))
"""


def without_read_override() -> list[str]:
    """A command prefix that runs without the power to read what permissions forbid (as
    root, dropping CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so they apply for real."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to apply")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_walk_reports_an_unreadable_directory_and_walks_the_rest(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text("s", "utf-8")
    (tmp_path / "open.txt").write_text("o", "utf-8")
    locked.chmod(0)
    try:
        done = subprocess.run(
            [*without_read_override(), sys.executable, "-c", WALK_SCRIPT, str(tmp_path)],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        locked.chmod(0o755)
    result = json.loads(done.stdout)
    assert result["files"] == [str(tmp_path / "open.txt")]
    assert result["reports"] == {str(locked): "directory cannot be read (Permission denied)"}
