"""Query results as text: an aligned table for the terminal, CSV or JSON for tools.

Text from documents reaches the terminal here, so table cells show control characters
and bidirectional overrides escaped (``\u202e``), never raw: a sentence cannot move the
cursor, recolour the screen or reverse what follows it. CSV and JSON keep every value
as stored; CSV quotes any field holding a line break, so each row reads back whole.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from actorgraph.graph.stores.base import QueryResult

FORMATS = ("table", "csv", "json")
DEFAULT_WIDTH = 80
LIST_SEPARATOR = "; "
# C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every character that could act on a terminal shown as ``\\uXXXX``."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def plain(value: Any) -> Any:
    """A result value as JSON-ready Python: store nodes as their properties, Decimals as numbers."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping) or hasattr(value, "items"):
        items = {str(k): v for k, v in value.items()}
        if "_nodes" in items:  # a path from LadybugDB
            return [plain(node) for node in items["_nodes"]]
        out = {k: plain(v) for k, v in items.items() if not k.startswith("_")}
        if "_label" in items and "label" not in out:
            out["label"] = items["_label"]
        return out
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    if hasattr(value, "nodes"):  # a path from the Neo4j driver
        return [plain(node) for node in value.nodes]
    return str(value)


def cell(value: Any, *, table: bool) -> str:
    """One value as text: lists joined, nodes by name, floats short in tables."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4g}" if table else repr(value)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or value.get("id") or value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(v, table=table) for v in value)
    return str(value)


def format_result(result: QueryResult, fmt: str, *, max_width: int = DEFAULT_WIDTH) -> str:
    if fmt == "json":
        records = [
            {c: plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows
        ]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        # "\r\n" ends a row, so a field holding "\r" or "\n" is quoted (with "\n" alone,
        # the csv module leaves a lone "\r" unquoted and the file no longer reads back).
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.columns)
        writer.writerows([cell(v, table=False) for v in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "table":
        return format_table(result, max_width=max_width)
    raise ValueError(f"unknown format {fmt!r}")


def format_table(result: QueryResult, *, max_width: int = DEFAULT_WIDTH) -> str:
    """Columns aligned by the widest cell; numbers right-aligned; one line per row."""
    rows = [[_fit(cell(v, table=True), max_width) for v in row] for row in result.rows]
    columns = [terminal_safe(name) for name in result.columns]
    numeric = [
        bool(result.rows)
        and all(isinstance(plain(row[i]), (int, float)) or row[i] is None for row in result.rows)
        for i in range(len(result.columns))
    ]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(columns)]

    def line(values: list[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in rows)
    count = len(rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"


def _fit(text: str, max_width: int) -> str:
    text = terminal_safe(" ".join(text.split()))  # sentences hold newlines, runs of spaces
    if max_width and len(text) > max_width:
        return text[: max_width - 1] + "…"
    return text


__all__ = ["DEFAULT_WIDTH", "FORMATS", "cell", "format_result", "plain", "terminal_safe"]
