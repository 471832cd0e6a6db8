"""Extraction quality on the shared gold: the project's pipeline against plain spaCy NER.

Builds the seeds into a temporary embedded store with the real pipeline (``actorgraph
build``), reads the graph back, scores it against the gold file as ``actorgraph eval``
does, and scores a baseline of plain spaCy NER (one node per surface form, spaCy's
labels mapped onto the schema) on the same documents. Prints both side by side.

    python benchmarks/extraction_quality.py [--gold ../shared/eval/dev_gold.json] [--details]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import networkx as nx
import spacy

from actorgraph.graph.evaluate import Report, evaluate, format_report, load_gold
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL
from actorgraph.graph.extraction.resolution import entity_id
from actorgraph.loaders.document import Document
from actorgraph.loaders.registry import load_paths

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "dev_gold.json"
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


def documents(seeds: Path) -> list[Document]:
    return [item for item in load_paths([seeds]) if isinstance(item, Document)]


def pipeline_graph(seeds: Path, model: str) -> nx.MultiDiGraph:
    """The graph the real pipeline stores: built with the CLI, read back from the store."""
    import importlib.util

    if importlib.util.find_spec("actorgraph.graph.cli.build") is None:
        print("(no `actorgraph build` yet: building in memory)", file=sys.stderr)
        return in_memory_graph(seeds, model)
    from actorgraph.graph.cli import main
    from actorgraph.graph.stores import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store_dir = str(Path(tmp) / "store")
        status = main(["build", str(seeds), "--store", store_dir, "--model", model])
        if status != 0:
            raise SystemExit(f"actorgraph build failed with status {status}")
        store = open_store(store_dir, read_only=True)
        try:
            return store.read_graph()
        finally:
            store.close()


def in_memory_graph(seeds: Path, model: str) -> nx.MultiDiGraph:
    """Extractor -> Resolver -> model, without a store (the same graph the store receives)."""
    from actorgraph.graph.extraction.mentions import Extractor
    from actorgraph.graph.model import build_graph

    return build_graph(Extractor(model).extract(documents(seeds)))


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


def side_by_side(ours: Report, base: Report) -> str:
    rows = [
        ("entity nodes in scope", ours.nodes, base.nodes),
        ("untyped precision", ours.untyped.precision, base.untyped.precision),
        ("untyped recall", ours.untyped.recall, base.untyped.recall),
        ("untyped F1", ours.untyped.f1, base.untyped.f1),
        ("typed precision", ours.typed.precision, base.typed.precision),
        ("typed recall", ours.typed.recall, base.typed.recall),
        ("typed F1", ours.typed.f1, base.typed.f1),
        ("alias-merge rate", ours.alias_merge_rate, base.alias_merge_rate),
        ("over-merged nodes", len(ours.over_merged), len(base.over_merged)),
        ("relation recall", ours.relation_recall, base.relation_recall),
    ]
    lines = [f"{'':24} {'actorgraph':>11} {'plain spaCy':>12}"]
    for name, a, b in rows:
        fa = f"{a:.3f}" if isinstance(a, float) else str(a)
        fb = f"{b:.3f}" if isinstance(b, float) else str(b)
        lines.append(f"{name:24} {fa:>11} {fb:>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default=str(DEFAULT_GOLD))
    parser.add_argument("--seeds", default=str(REPO / "seeds"))
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--details", action="store_true", help="also print the full report")
    args = parser.parse_args(argv)
    gold_path = Path(args.gold)
    if not gold_path.exists():
        print(f"gold file not found: {gold_path}", file=sys.stderr)
        return 2
    gold = load_gold(gold_path)
    seeds = Path(args.seeds)
    ours = evaluate(pipeline_graph(seeds, args.model), gold)
    base = evaluate(baseline_graph(documents(seeds), args.model), gold)
    print(f"gold: {gold_path}\n")
    print(side_by_side(ours, base))
    if args.details:
        print("\n== actorgraph ==\n" + format_report(ours))
        print("\n== plain spaCy ==\n" + format_report(base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
