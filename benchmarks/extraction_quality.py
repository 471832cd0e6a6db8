"""Extraction quality on the shared gold: the project's pipeline against plain spaCy NER.

Builds the texts of every gold file (the seeds, ``dev_articles/texts``) into one temporary
embedded store with the real pipeline (``actorgraph build``), reads the graph back and
scores it as ``actorgraph eval`` does: per gold file, and for ``dev_articles`` per half of
the split in ``benchmarks/eval_split.toml`` (rules are written from the development half
only; the held-out half is the estimate on unseen text). A baseline of plain spaCy NER (one
node per surface form, spaCy's labels mapped onto the schema) is scored on the same rows.

    python benchmarks/extraction_quality.py [--gold FILE ...] [--split FILE] [--details]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from pathlib import Path

import networkx as nx
import spacy

from actorgraph.graph.evaluate import (
    Gold,
    GoldError,
    combine,
    evaluate,
    format_report,
    format_table,
    gold_texts,
    load_gold,
    only_documents,
)
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL
from actorgraph.graph.extraction.resolution import entity_id
from actorgraph.loaders.document import Document
from actorgraph.loaders.registry import load_paths

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
DEFAULT_GOLDS = (EVAL / "dev_gold.json", EVAL / "dev_articles" / "gold.json")
DEFAULT_SPLIT = REPO / "benchmarks" / "eval_split.toml"
BASELINE_LABELS = {
    "PERSON": "Person",
    "GPE": "State",
    "ORG": "Organisation",
    "NORP": "Group",
    "LOC": "Region",
    "FAC": "Region",
    "LAW": "Bill",
    "EVENT": "Event",
}


def documents(paths: list[Path]) -> list[Document]:
    return [item for item in load_paths(paths) if isinstance(item, Document)]


def pipeline_graph(paths: list[Path], model: str) -> nx.MultiDiGraph:
    """The graph the real pipeline stores: built with the CLI, read back from the store."""
    import importlib.util

    if importlib.util.find_spec("actorgraph.graph.cli.build") is None:
        print("(no `actorgraph build` yet: building in memory)", file=sys.stderr)
        return in_memory_graph(paths, model)
    from actorgraph.graph.cli import main
    from actorgraph.graph.stores import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store_dir = str(Path(tmp) / "store")
        status = main(
            ["build", *map(str, paths), "--store", store_dir, "--model", model, "--quiet"]
        )
        if status != 0:
            raise SystemExit(f"actorgraph build failed with status {status}")
        store = open_store(store_dir, read_only=True)
        try:
            return store.read_graph()
        finally:
            store.close()


def in_memory_graph(paths: list[Path], model: str) -> nx.MultiDiGraph:
    """Extractor -> Resolver -> model, without a store (the same graph the store receives)."""
    from actorgraph.graph.extraction.mentions import Extractor
    from actorgraph.graph.model import build_graph

    return build_graph(Extractor(model).extract(documents(paths)))


def baseline_graph(docs: list[Document], model: str) -> nx.MultiDiGraph:
    """Plain spaCy NER: every (label, surface form) is its own node; no relations."""
    nlp = spacy.load(model)
    graph = nx.MultiDiGraph()
    for document, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        graph.add_node(document.id, label="Document", title=document.title, source=document.source)
        for ent in doc.ents:
            label = BASELINE_LABELS.get(ent.label_)
            if label is None:
                continue
            node = entity_id(label, ent.text) + f"#{ent.text}"
            if node not in graph:
                graph.add_node(node, label=label, name=ent.text, aliases=[ent.text], documents=[])
            if document.id not in graph.nodes[node]["documents"]:
                graph.nodes[node]["documents"].append(document.id)
            graph.add_edge(document.id, node, key="MENTIONS", type="MENTIONS")
    return graph


def scored_rows(path: Path, gold: Gold, halves: dict[str, list[str]]) -> list[tuple[str, Gold]]:
    """The gold file whole, or one row per half when the split names its documents."""
    ids = {d.id for d in gold.documents}
    parts = [(half, docs) for half, docs in halves.items() if ids & set(docs)]
    if not parts:
        return [(path.parent.name + "/" + path.name, gold)]
    return [(f"{path.parent.name} {half}", only_documents(gold, docs)) for half, docs in parts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", action="append", help="gold files (default: the shared two)")
    parser.add_argument("--split", default=str(DEFAULT_SPLIT), help="halves of the gold (TOML)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument(
        "--details",
        action="store_true",
        help="also print the full reports (never of the held-out half: its errors are not read)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip plain spaCy")
    args = parser.parse_args(argv)
    halves: dict[str, list[str]] = {}
    if args.split:
        halves = tomllib.loads(Path(args.split).read_text("utf-8"))["halves"]
    rows: list[tuple[str, Gold]] = []
    texts: list[Path] = []
    for name in args.gold or DEFAULT_GOLDS:
        path = Path(name)
        try:
            gold = load_gold(path)
        except GoldError as exc:
            print(exc, file=sys.stderr)
            return 2
        rows += scored_rows(path, gold, halves)
        texts += [t for t in gold_texts(path, gold) if t not in texts]
    graphs = {"actorgraph": pipeline_graph(texts, args.model)}
    if not args.no_baseline:
        graphs["plain spaCy"] = baseline_graph(documents(texts), args.model)
    for title, graph in graphs.items():
        reports = [(name, evaluate(graph, gold)) for name, gold in rows]
        print(f"== {title} ==")
        print(format_table([*reports, ("overall", combine(r for _, r in reports))]) + "\n")
        if args.details:
            for name, report in reports:
                if name.endswith(" held_out"):
                    continue
                print(f"-- {title}: {name} --\n{format_report(report)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
