"""The drawn graph of a page as a pyvis ``Network``: node and link styles, and the physics.

``network(data)`` turns a payload (``views.payload``) into a ``pyvis.network.Network``:
each node in its type's colour and shape, sized by its measure; each link styled by kind
(co-mention dashed, typed relation solid with an arrow) and wider with more sentences;
and vis options tuned so the layout settles within a few seconds (the page then stops
the physics). The payload's own fields ride along on every node and link, for the page's
tooltips, search and filters; vis ignores what it does not know.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyvis.network import Network

FALLBACK_STYLE = {"colour": "#8c959f", "shape": "dot"}
FONT_FACE = "system-ui, DejaVu Sans, sans-serif"
NODE_FONT = {"color": "#1f2328", "strokeWidth": 3, "strokeColor": "#ffffff"}
NODE_SIZE = {"min": 8, "max": 50}
LABEL_SIZE = {"min": 10, "max": 24, "threshold": 8}  # px; smaller labels are not drawn
EDGE_WIDTH = (1.0, 8.0)  # one sentence is a hairline; the widest link is 8 px
EDGE_LABELS_UP_TO = 150  # nodes; above this, relation names along links only clutter
STATED = {"color": "#4a4a4a", "highlight": "#111111", "hover": "#111111", "opacity": 0.85}
CO_MENTION = {"color": "#8c959f", "highlight": "#333333", "hover": "#333333", "opacity": 0.55}
CO_MENTION_DASHES = [6, 5]
MENTIONS_DASHES = [2, 5]
ARROW = {"to": {"enabled": True, "scaleFactor": 0.6}}
# the subject of a neighbourhood page: a thick dark ring and a halo, whatever its size
SUBJECT = {
    "borderWidth": 5,
    "shadow": {"enabled": True, "color": "rgba(0,0,0,0.45)", "size": 16, "x": 0, "y": 0},
}
NO_ARROW = {"to": {"enabled": False}}


def network(data: dict[str, Any]) -> Network:
    """A pyvis Network holding the payload's nodes and links, styled, with its vis options."""
    from pyvis.network import Network  # imports IPython: only when a page is drawn

    meta = data["meta"]
    # directed: pyvis would merge a co-mention and a typed relation between the same pair
    net = Network(directed=True, heading=str(meta["title"]), height="100%", width="100%")
    styles = {t["label"]: t for t in data["types"]}
    for node in data["nodes"]:
        style = styles.get(node["type"], FALLBACK_STYLE)
        fields = {k: v for k, v in node.items() if k not in ("id", "label")}
        net.add_node(
            node["id"],
            label=node["label"],
            shape=style["shape"],
            color=node_colour(style["colour"]),
            font=dict(NODE_FONT),
            **(SUBJECT if node.get("subject") else {}),
            **fields,
        )
    labelled = len(data["nodes"]) <= EDGE_LABELS_UP_TO
    for edge in data["edges"]:
        fields = {k: v for k, v in edge.items() if k not in ("from", "to")}
        net.add_edge(
            edge["from"],
            edge["to"],
            **edge_style(edge, meta["maxWeight"], labelled),
            **fields,
        )
    # a dict, as set_options would make, without its stripping of every space (font names)
    net.options = vis_options(len(data["nodes"]), len(data["edges"]))
    return net


def node_colour(colour: str) -> dict[str, Any]:
    """Fill in the type's colour, a darker border, and a dark border when picked."""
    picked = {"background": colour, "border": "#111111"}
    return {"background": colour, "border": darker(colour), "highlight": picked, "hover": picked}


def darker(colour: str) -> str:
    """The colour at 70 % brightness; a grey for anything not #rrggbb."""
    match = re.fullmatch(r"#([0-9a-fA-F]{6})", colour)
    if not match:
        return "#555555"
    channels = (round(int(match.group(1)[i : i + 2], 16) * 0.7) for i in (0, 2, 4))
    return "#" + "".join(f"{c:02x}" for c in channels)


def edge_style(edge: dict[str, Any], max_weight: int, labelled: bool) -> dict[str, Any]:
    """How a link looks: its kind sets line and arrow, its weight the width."""
    kind = edge["kind"]
    if edge.get("typed"):
        style: dict[str, Any] = {
            "color": dict(STATED),
            "dashes": False,
            "arrows": ARROW,
            # curved, so it does not hide under the co-mention of the same pair
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.18},
        }
        if labelled:
            style["label"] = edge["phrase"]
    elif kind == "WROTE":
        style = {"color": dict(STATED), "dashes": False, "arrows": ARROW}
    else:
        dashes = MENTIONS_DASHES if kind == "MENTIONS" else CO_MENTION_DASHES
        style = {"color": dict(CO_MENTION), "dashes": dashes, "arrows": NO_ARROW}
    style["width"] = edge_width(int(edge.get("weight") or 1), max_weight)
    return style


def edge_width(weight: int, max_weight: int) -> float:
    """Width grows with log(weight), so a few strong links do not turn into bars."""
    low, high = EDGE_WIDTH
    if weight <= 1:
        return low
    share = min(1.0, math.log(weight) / math.log(max(max_weight, 10)))
    return round(low + share * (high - low), 2)


def stabilization_iterations(nodes: int, edges: int) -> int:
    """Fewer physics steps on bigger graphs, so the layout settles within a few seconds."""
    work = nodes + edges / 4
    if work <= 150:
        return 300
    return max(60, min(300, int(45000 / work)))


def spacing(nodes: int) -> int:
    """Spring length: roomier for small views, tighter for big ones so labels stay legible."""
    return max(70, min(150, round(1100 / math.sqrt(max(nodes, 1)))))


def vis_options(nodes: int, edges: int) -> dict[str, Any]:
    """vis-network options: sizes, fonts, interaction, and physics that settle fast."""
    spring = spacing(nodes)
    return {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "scaling": {
                **NODE_SIZE,
                "label": {
                    "enabled": True,
                    "min": LABEL_SIZE["min"],
                    "max": LABEL_SIZE["max"],
                    "maxVisible": LABEL_SIZE["max"],
                    "drawThreshold": LABEL_SIZE["threshold"],
                },
            },
            "font": {"face": FONT_FACE},
        },
        "edges": {
            "smooth": False,
            "font": {
                "size": 10,
                "color": "#57606a",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
            "selectionWidth": 1.5,
            "hoverWidth": 0.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 180,
            "hideEdgesOnDrag": edges > 1500,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": round(-0.7 * spring, 2),
                "centralGravity": 0.025,
                "springLength": spring,
                "springConstant": 0.06,
                "damping": 0.6,
                "avoidOverlap": 0.8,
            },
            "maxVelocity": 40,
            "minVelocity": 1,
            "timestep": 0.4,
            # the page turns physics off once these steps are done: the layout then stays put
            "stabilization": {
                "enabled": True,
                "iterations": stabilization_iterations(nodes, edges),
                "updateInterval": 20,
                "fit": True,
            },
        },
    }
