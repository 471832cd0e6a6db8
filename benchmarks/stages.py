"""What each stage after the parse costs per document, against the parse itself.

Issue 16 asks what the extraction stages cost; ``bench.py`` gives their sum only (build
against raw ``nlp.pipe``). This parses the seed articles (repeated) once with the
pipeline the build loads, then runs ``extraction_of``, the resolver and the graph builder
over the parses with every stage function they call timed. Stages are found from the code
(the module-level functions ``extraction_of`` and ``document_mentions`` call), so a new
stage is timed without editing this script. CPU time of this process (``process_time``)
is used, not wall time: other processes' load moves it less. It asserts nothing.

Usage: ``python benchmarks/stages.py [--copies 10]`` (the 11 seed articles x copies).
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def called_functions(function: types.FunctionType) -> set[str]:
    """Names of the module-level functions ``function`` calls, comprehensions included."""
    names: set[str] = set()
    codes = [function.__code__]
    while codes:
        code = codes.pop()
        names.update(code.co_names)
        codes.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    module = vars(sys.modules[function.__module__])
    return {n for n in names if callable(module.get(n)) and not isinstance(module[n], type)}


@contextmanager
def timed_stages(
    module: types.ModuleType, names: set[str], totals: defaultdict[str, float]
) -> Iterator[None]:
    """Replace ``module``'s functions ``names`` by timing wrappers, for the block only."""
    originals = {name: getattr(module, name) for name in names}

    def timer(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        lazy = inspect.isgeneratorfunction(function)  # its work is done when iterated

        def run(*args: Any, **kwargs: Any) -> Any:
            clock = time.process_time()
            try:
                result = function(*args, **kwargs)
                return iter(list(result)) if lazy else result
            finally:
                totals[name] += time.process_time() - clock

        return run

    for name, function in originals.items():
        setattr(module, name, timer(name, function))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(module, name, function)


def measure(copies: int, model: str) -> tuple[int, int, dict[str, float]]:
    """Documents, tokens and CPU seconds per stage."""
    from actorgraph.graph.extraction import mentions
    from actorgraph.graph.extraction.lexicon import load_lexicon
    from actorgraph.graph.model import GraphBuilder
    from actorgraph.loaders.registry import load_paths

    seeds = [d for d in load_paths([SEEDS]) if not isinstance(d, Exception)]
    documents = [d for _ in range(copies) for d in seeds]
    nlp, lexicon = mentions.load_pipeline(model), load_lexicon()
    list(nlp.pipe([d.text for d in seeds[:2]]))  # warm the pipeline's first call
    totals: defaultdict[str, float] = defaultdict(float)
    clock = time.process_time()
    docs = list(nlp.pipe([d.text for d in documents], batch_size=64))
    totals["parse (nlp.pipe)"] = time.process_time() - clock

    stages = called_functions(mentions.extraction_of) | called_functions(mentions.document_mentions)
    stages -= {"document_mentions", "load_lexicon"}  # the composite and a cached load
    with timed_stages(mentions, stages, totals):
        clock = time.process_time()
        extractions = [
            mentions.extraction_of(d, doc, lexicon) for d, doc in zip(documents, docs, strict=True)
        ]
        totals["extraction, total"] = time.process_time() - clock
    # every copy a distinct document, as in the build (the seeds' ids are their texts')
    builder = GraphBuilder()
    resolve = builder.resolver.resolve

    def timed_resolve(extraction: Any) -> Any:
        clock = time.process_time()
        try:
            return resolve(extraction)
        finally:
            totals["resolution (Resolver.resolve)"] += time.process_time() - clock

    builder.resolver.resolve = timed_resolve
    copies_of = [
        replace(e, document=replace(e.document, id=f"{e.document.id}-{n}", key=f"copy {n}"))
        for n, e in enumerate(extractions)
    ]
    clock = time.process_time()
    for extraction in copies_of:
        builder.add(extraction)
    totals["graph (GraphBuilder.add), resolution in it"] = time.process_time() - clock
    clock = time.process_time()
    builder.finish()
    totals["corpus-wide (GraphBuilder.finish)"] = time.process_time() - clock
    return len(documents), sum(len(doc) for doc in docs), dict(totals)


def render(documents: int, tokens: int, totals: dict[str, float]) -> list[str]:
    parse = totals["parse (nlp.pipe)"]
    per = 1000 / documents
    lines = [
        f"{documents} documents, {tokens:,} tokens; CPU ms per document, share of the parse",
        f"  {'parse (nlp.pipe)':<44} {parse * per:8.2f}  100.0%",
    ]
    for name in OUTER[1:]:
        lines.append(f"  {name:<44} {totals[name] * per:8.2f}  {totals[name] / parse:6.1%}")
        if name == OUTER[1]:  # its stages, the costliest first
            stages = sorted((k for k in totals if k not in OUTER), key=lambda k: -totals[k])
            for stage in stages:
                share = totals[stage] / parse
                lines.append(f"    {stage:<42} {totals[stage] * per:8.2f}  {share:6.1%}")
    after = sum(totals[k] for k in OUTER[1:]) - totals[OUTER[2]]  # resolution is in the add
    lines.append(
        f"  {'after the parse, all':<44} {after * per:8.2f}  {after / parse:6.1%}"
        f"  (build/raw at best {parse / (parse + after):.2f}, before loading and the write)"
    )
    return lines


OUTER = [
    "parse (nlp.pipe)",
    "extraction, total",
    "resolution (Resolver.resolve)",
    "graph (GraphBuilder.add), resolution in it",
    "corpus-wide (GraphBuilder.finish)",
]


def main(argv: list[str] | None = None) -> None:
    from actorgraph.graph.extraction.mentions import DEFAULT_MODEL

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="times each seed article is read")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    documents, tokens, totals = measure(args.copies, args.model)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"model {args.model}, load average {load}")
    print("\n".join(render(documents, tokens, totals)))


if __name__ == "__main__":
    main()
