"""``actorgraph build`` at its edges: exit statuses, bad --store values, Ctrl-C."""

from __future__ import annotations

import os
import pty
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import spacy

from actorgraph.graph.cli import main
from actorgraph.graph.cli.build import NOTHING_READ
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL

README = Path(__file__).resolve().parents[3] / "README.md"
NAMES = ["Geoffrey Nice", "Benedict Rogers", "Nus Ghani", "Xi Jinping", "Min Aung Hlaing"]
PLACES = ["China", "Myanmar", "Xinjiang", "Hong Kong", "the United Kingdom", "Tibet"]


def cli(*args: str) -> list[str]:
    """The command line of ``actorgraph ARGS`` in a process of its own."""
    start = "import sys; from actorgraph.graph.cli import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", start, *args]


@pytest.mark.parametrize(
    "files",
    [
        {"empty.txt": b"", "image.png": b"\x89PNG\r\n\x1a\n\x00\x00"},  # every input skipped
        {},  # no input at all
    ],
)
def test_build_exits_with_its_own_status_when_nothing_could_be_read(tmp_path, capsys, files):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    status = main(["build", str(corpus), "--store", str(tmp_path / "store")])
    err = capsys.readouterr().err
    assert status == NOTHING_READ != 0
    assert f"nothing could be read and built from {corpus} ({len(files)} skipped)" in err


def test_build_help_and_readme_document_the_exit_statuses(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    assert f"{NOTHING_READ}    nothing could be read" in out and "130  interrupted" in out
    assert "--prune" in out
    readme = README.read_text("utf-8")
    assert f"exits {NOTHING_READ}" in readme and "--prune" in readme


@pytest.mark.parametrize(
    ("store", "message"),
    [
        ("", "--store is empty"),
        ("  ", "--store is empty"),
        ("{file}/sub", "{file}/sub: cannot create the store: Not a directory"),
        ("{file}", "{file}: not a store directory"),
    ],
)
def test_build_rejects_a_store_it_cannot_use_in_one_line(
    tmp_path, monkeypatch, capsys, store, message
):
    monkeypatch.chdir(tmp_path)  # so that a store meant as the default lands here, not in the repo
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The United States sanctioned Belarus.", "utf-8")
    file = tmp_path / "file"
    file.write_text("not a directory", "utf-8")
    status = main(["build", str(corpus), "--store", store.format(file=file)])
    err = capsys.readouterr().err
    assert status == 2
    (line,) = err.strip().splitlines()
    assert line.startswith(f"actorgraph build: error: {message.format(file=file)}")
    assert not (tmp_path / "actorgraph-data").exists()


def test_build_names_an_unwritable_parent_of_the_store(tmp_path) -> None:
    """Run as an unprivileged user when the tests run as root, who may write anywhere."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        root.chmod(0o755)
        (root / "a.txt").write_text("The United States sanctioned Belarus.", "utf-8")
        (root / "a.txt").chmod(0o644)
        parent = root / "locked"
        parent.mkdir(mode=0o555)
        parent.chmod(0o555)
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        if os.geteuid() == 0 and not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: every directory is writable")
        done = subprocess.run(
            [
                *(as_nobody if os.geteuid() == 0 else []),
                *cli("build", str(root / "a.txt"), "--store", str(parent / "store")),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "HOME": scratch},
            timeout=120,
        )
    assert done.returncode == 2
    expected = (
        f"actorgraph build: error: {parent / 'store'}: cannot create the store: Permission denied"
    )
    assert done.stderr.strip().splitlines() == [expected]


def generated_corpus(root: Path, documents: int) -> Path:
    rng = random.Random(5)
    root.mkdir()
    for number in range(documents):
        sentences = [
            f"{rng.choice(NAMES)} spoke about {rng.choice(PLACES)} with {rng.choice(NAMES)}."
            for _ in range(40)
        ]
        (root / f"{number:03d}.txt").write_text(
            f"Report {number}\n\n" + " ".join(sentences), "utf-8"
        )
    return root


def test_ctrl_c_in_a_two_worker_build_prints_one_line_and_exits_130(tmp_path) -> None:
    """Ctrl-C at a terminal signals the whole process group: the build and its workers."""
    if not spacy.util.is_package(DEFAULT_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_MODEL} is not installed")
    corpus = generated_corpus(tmp_path / "corpus", 150)
    controller, terminal = pty.openpty()  # stderr a terminal, so the progress line is drawn
    build = subprocess.Popen(
        cli(
            "build",
            str(corpus),
            "--store",
            str(tmp_path / "store"),
            "--workers",
            "2",
            "--batch-size",
            "2",
        ),
        stdout=subprocess.PIPE,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    seen = b""
    try:
        deadline = time.monotonic() + 300
        while b"docs/s" not in seen and time.monotonic() < deadline:
            if select.select([controller], [], [], 1)[0]:
                seen += os.read(controller, 4096)
        assert b"docs/s" in seen, "the progress line never appeared"
        os.killpg(build.pid, signal.SIGINT)
        status = build.wait(timeout=120)
        after = b""
        while select.select([controller], [], [], 1)[0]:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed with the last process holding it
                break
            if not chunk:
                break
            after += chunk
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
        os.close(controller)
    stderr = (seen + after).decode("utf-8", "replace")
    assert status == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    lines = [line for line in stderr.replace("\r", "\n").splitlines() if line.strip()]
    assert lines[-1] == "interrupted"
    assert all("docs/s" in line for line in lines[:-1])  # nothing but the progress line


def test_build_store_write_failure_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store that refuses the write (injected: the real store, its apply failing) gives
    one line naming the store, exit 2, no traceback."""
    from actorgraph.graph.stores.base import StoreError
    from actorgraph.graph.stores.ladybug import LadybugStore

    def refuse(self: LadybugStore, diff: object, **_: object) -> int:
        raise StoreError("bulk load failed: Copy exception: disk full")

    monkeypatch.setattr(LadybugStore, "apply", refuse)
    (tmp_path / "a.txt").write_text("A title\n\nChina sanctioned Benedict Rogers.\n", "utf-8")
    store = tmp_path / "store"
    status = main(["build", str(tmp_path / "a.txt"), "--store", str(store), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert err == [
        f"actorgraph build: error: {store}: the write failed: bulk load failed: "
        "Copy exception: disk full"
    ]


def test_build_skipped_names_are_terminal_safe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file name carrying terminal escapes or a bidi override is reported inert."""
    hostile = tmp_path / "evil\x1b[31m\u202ename.png"
    hostile.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    status = main(["build", str(tmp_path), "--store", str(tmp_path / "store"), "--quiet"])
    err = capsys.readouterr().err
    assert status == NOTHING_READ
    assert "\x1b" not in err and "\u202e" not in err
    assert "evil\\u001b[31m\\u202ename.png" in err
