"""A progress line for long builds: documents, documents per second, ETA by bytes."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Redraws one line on a terminal at most every ``interval`` seconds; silent otherwise.

    The ETA is by bytes, not documents: input size is known before parsing starts,
    the number of documents in a collection file is not.
    """

    def __init__(self, stream: TextIO | None = None, *, interval: float = 0.5):
        self.stream = stream or sys.stderr
        self.interval = interval
        self.enabled = self.stream.isatty()
        self.total = 0
        self.done = 0
        self.documents = 0
        self._started = self._drawn = 0.0

    def start(self, total_bytes: int) -> None:
        self.total = max(total_bytes, 1)
        self._started = time.perf_counter()

    def advance(self, nbytes: int) -> None:
        self.documents += 1
        self.done += nbytes
        now = time.perf_counter()
        if self.enabled and now - self._drawn >= self.interval:
            self._drawn = now
            self.stream.write("\r" + self.line(now - self._started))
            self.stream.flush()

    def line(self, elapsed: float) -> str:
        fraction = min(self.done / self.total, 1.0)
        rate = self.documents / elapsed if elapsed > 0 else 0.0
        eta = elapsed * (1 - fraction) / fraction if fraction > 0 else 0.0
        bar = "#" * int(fraction * 30)
        return (
            f"[{bar:<30}] {fraction:4.0%} {self.documents} docs "
            f"{rate:6.1f} docs/s ETA {_clock(eta)}"
        )

    def finish(self) -> None:
        if self.enabled and self.documents:
            elapsed = time.perf_counter() - self._started
            self.stream.write("\r" + self.line(elapsed) + "\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes}:{secs:02d}"
