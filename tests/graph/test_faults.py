"""Fault points: a process asked to die at the n-th hit of a point dies there, and only there."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.graph.faults import FAULT_ENV, TRACE_ENV, Fault, parse_faults

# Hits point "p" five times, printing the count before each, and "done" at the end.
CHILD = """
from actorgraph.graph.faults import point
try:
    for i in range(5):
        print(i, flush=True)
        point("p")
        point("other:name")
    print("done", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def run_child(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD],
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as at a terminal
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("spec", "printed", "status"),
    [
        ("", ["0", "1", "2", "3", "4", "done"], 0),
        ("p:1", ["0"], -signal.SIGKILL),
        ("p:3", ["0", "1", "2"], -signal.SIGKILL),
        ("p:3:kill", ["0", "1", "2"], -signal.SIGKILL),
        ("other:name:2", ["0", "1"], -signal.SIGKILL),
        ("p:9", ["0", "1", "2", "3", "4", "done"], 0),  # never reached
        ("q:1,p:2", ["0", "1"], -signal.SIGKILL),
        ("p:2:int", ["0", "1", "interrupted"], 0),  # a real SIGINT: KeyboardInterrupt
    ],
)
def test_point_fires_at_the_nth_hit(spec: str, printed: list[str], status: int) -> None:
    result = run_child({FAULT_ENV: spec} if spec else {})
    assert result.stdout.split() == printed, result.stderr
    assert result.returncode == status


def test_point_traces_every_hit_in_order(tmp_path: Path) -> None:
    trace = tmp_path / "trace"
    result = run_child({TRACE_ENV: str(trace), FAULT_ENV: "other:name:3"})
    assert result.returncode == -signal.SIGKILL
    lines = [line.split("\t") for line in trace.read_text().splitlines()]
    assert [name for name, _ in lines] == ["p", "other:name"] * 3
    times = [float(t) for _, t in lines]
    assert times == sorted(times)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:1", [Fault("a", 1)]),
        ("ladybug.commit:before:2", [Fault("ladybug.commit:before", 2)]),
        ("ladybug.copy:Person:3:int", [Fault("ladybug.copy:Person", 3, "int")]),
        (" a:1 , b:2:kill,", [Fault("a", 1), Fault("b", 2)]),
    ],
)
def test_parse_faults_reads_count_and_action_from_the_right(
    text: str, expected: list[Fault]
) -> None:
    assert list(parse_faults(text).values()) == expected


@pytest.mark.parametrize("text", ["a", "a:0", "a:x", ":1", "a:1:explode", "a:-1"])
def test_parse_faults_refuses_what_it_cannot_honour(text: str) -> None:
    with pytest.raises(ValueError, match=FAULT_ENV):
        parse_faults(text)


@pytest.mark.parametrize("fault", [Fault("a:b", 2), Fault("a", 1, "int")])
def test_fault_prints_as_it_is_written(fault: Fault) -> None:
    assert parse_faults(str(fault)) == {fault.name: fault}
