"""Fault injection: named points in the write path where the crash harness stops a process.

``point(name)`` does nothing unless the environment asks for a fault there, so the
points stay in production code at the cost of one dictionary look-up. The harness
(benchmarks/crash_harness.py) sets, in the child it runs:

- ``ACTORGRAPH_FAULT="name:n[:action][,...]"``: the n-th hit of point ``name`` in this
  process kills it with SIGKILL (action ``kill``, the default: nothing runs after it,
  as on a power cut), or sends it SIGINT (action ``int``: Ctrl-C, so the interrupt is
  handled the way a user's is). Names may contain ``:`` (``ladybug.commit:before``);
  the count and action are read from the right.
- ``ACTORGRAPH_FAULT_TRACE=<file>``: every hit appends ``name<TAB>monotonic seconds``,
  so the harness learns which points a clean run passes, how often and when (timed
  kills land between them, inside native code no point can reach).

A full disk is not simulated here: the harness lowers RLIMIT_FSIZE in the child, and
the writes themselves fail with EFBIG.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from dataclasses import dataclass

FAULT_ENV = "ACTORGRAPH_FAULT"
TRACE_ENV = "ACTORGRAPH_FAULT_TRACE"
ACTIONS = {"kill": signal.SIGKILL, "int": signal.SIGINT}


@dataclass(frozen=True, slots=True)
class Fault:
    name: str
    hit: int  # 1-based: the hit of the point that fires
    action: str = "kill"

    def __str__(self) -> str:
        return f"{self.name}:{self.hit}" + ("" if self.action == "kill" else f":{self.action}")


def parse_faults(text: str) -> dict[str, Fault]:
    """``name:n[:action]`` items, comma-separated, by point name; a bad item is an error
    (a harness that asks for a fault it does not get would report a false success)."""
    faults: dict[str, Fault] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        head, _, last = item.rpartition(":")
        action = "kill"
        if last in ACTIONS:
            action = last
            head, _, last = head.rpartition(":")
        if not head or not last.isdigit() or int(last) < 1:
            raise ValueError(
                f"{FAULT_ENV}: {item!r} is not name:n or name:n:action "
                f"(n from 1, action one of {', '.join(ACTIONS)})"
            )
        faults[head] = Fault(head, int(last), action)
    return faults


_parsed: tuple[str, str, dict[str, Fault]] | None = None  # (fault env, trace env, faults)
_hits: Counter[str] = Counter()


def point(name: str) -> None:
    """A place where a process may be stopped; free unless the environment asks."""
    global _parsed
    spec, trace = os.environ.get(FAULT_ENV, ""), os.environ.get(TRACE_ENV, "")
    if not spec and not trace:
        return
    if _parsed is None or _parsed[:2] != (spec, trace):  # parsed once per setting
        _parsed = (spec, trace, parse_faults(spec))
        _hits.clear()
    _hits[name] += 1
    if trace:
        with open(trace, "a", encoding="utf-8") as out:
            out.write(f"{name}\t{time.monotonic():.6f}\n")
    fault = _parsed[2].get(name)
    if fault is not None and _hits[name] == fault.hit:
        os.kill(os.getpid(), ACTIONS[fault.action])
