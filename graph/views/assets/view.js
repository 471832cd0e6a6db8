/* actorgraph view: draws the graph held in the page's JSON data block with vis-network.
 *
 * The block holds what pyvis built (graph.views.network): nodes and links already styled
 * (colour, shape, size, dashes, arrows, width) with the payload's fields alongside, and
 * the vis options. This script adds what JSON cannot carry (tooltips as DOM elements,
 * a drawing function for boxed shapes), the search, filters (type, link kind, weight)
 * and highlight, labels only where they fit, and stops the physics once the layout has
 * settled.
 *
 * Safety: every string that comes from a document (names, aliases, sentences, titles)
 * reaches the page through textContent or as a vis label drawn on a canvas; nothing is
 * ever assigned to innerHTML. The only link targets are page names the site wrote
 * (checked against PAGE below), never a string from a document. Tooltips are DOM
 * elements built here, because vis-network renders a string title as markup.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("actorgraph-data").textContent);
  var meta = data.meta;
  var docs = data.docs;
  var options = data.options;
  var GLYPHS = { dot: 1, diamond: 1, triangle: 1, square: 1, star: 1, hexagon: 1, box: 1,
    triangleDown: 1, ellipse: 1 };  // drawn by view.css (.glyph.shape-NAME), not by a font
  var INSIDE_LABEL = { box: true, ellipse: true, circle: true, database: true, text: true };
  var FADED_NODE = { background: "#eceef0", border: "#d5d9dd" };
  var FADED_EDGE = "rgba(200,200,200,0.25)";
  var HIDDEN_FONT = { color: "rgba(0,0,0,0)", strokeWidth: 0, strokeColor: "rgba(0,0,0,0)" };
  var PAGE = /^[a-z0-9-]+\.html$/;        // the names graph.views.site gives its pages
  var ANCHOR = /^s[0-9]+-[0-9]+$/;          // a sentence on a document page
  var TOOLTIP_SENTENCES = 2;
  var TOOLTIP_ALIASES = 4;
  var STRUCTURAL = { MENTIONS: true, WROTE: true };

  var styles = {};
  data.types.forEach(function (t) { styles[t.label] = t; });
  var fallbackStyle = { label: "?", colour: "#8c959f", shape: "dot" };
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  // ---- small DOM helpers: text only ------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function styleOf(type) { return styles[type] || fallbackStyle; }
  function glyph(type) {
    var s = styleOf(type);
    var g = el("span", "glyph shape-" + (GLYPHS[s.shape] ? s.shape : "dot"));
    g.style.backgroundColor = s.colour;
    g.setAttribute("aria-hidden", "true");
    return g;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function docLine(id) {
    var d = docs[id];
    if (!d) return id;
    var parts = [d.title || id];
    if (d.date) parts.push(d.date);
    return parts.join(", ");
  }
  function pageLink(page, anchor, text) {
    if (!page || !PAGE.test(page)) return null;
    var a = el("a", "page-link", text);
    a.href = page + (anchor && ANCHOR.test(anchor) ? "#" + anchor : "");
    return a;
  }

  // ---- cards: tooltip (short) and details panel (full) ---------------------------------
  function evidenceList(items, full) {
    var list = el("ol", "evidence");
    items.slice(0, full ? items.length : TOOLTIP_SENTENCES).forEach(function (item) {
      var li = el("li");
      li.appendChild(el("span", "sentence", "\u201C" + item.text + "\u201D"));
      var source = el("span", "source", "\u2014 " + docLine(item.doc) + " ");
      var link = full && pageLink(docs[item.doc] && docs[item.doc].page, item.anchor, "read in the article");
      if (link) source.appendChild(link);
      li.appendChild(source);
      list.appendChild(li);
    });
    if (!full && items.length > TOOLTIP_SENTENCES) {
      list.appendChild(el("li", "more", "+" + (items.length - TOOLTIP_SENTENCES) + " more: click to read"));
    }
    return list;
  }
  function row(key, value) {
    var p = el("div", "card-row");
    p.appendChild(el("span", "key", key + ": "));
    p.appendChild(document.createTextNode(value));
    return p;
  }
  function nodeCard(n, full) {
    var card = el("div", "card");
    card.appendChild(el("div", "card-title", n.name));
    var type = el("div", "card-type");
    type.appendChild(glyph(n.type));
    var facts = [n.type];
    if (n.type !== "Document") {
      facts.push(plural(n.mentions || 0, "mention") + " in " + plural(n.documents || 0, "document"));
    }
    type.appendChild(document.createTextNode(" " + facts.join(" \u00B7 ")));
    card.appendChild(type);
    if (n.aliases && n.aliases.length) {
      var limit = full ? 40 : TOOLTIP_ALIASES;
      var shown = n.aliases.slice(0, limit).join("; ");
      if (n.aliases.length > limit) shown += " (+" + (n.aliases.length - limit) + " more)";
      card.appendChild(row("Also written", shown));
    }
    if (n.authors && n.authors.length) card.appendChild(row("Authors", n.authors.join(", ")));
    if (n.date) card.appendChild(row("Date", n.date));
    if (n.note) card.appendChild(el("div", "card-note", n.note));
    if (n.evidence && n.evidence.length) {
      card.appendChild(evidenceList(n.evidence, full));
    } else if (n.docs && n.docs.length) {
      card.appendChild(row("Named in", n.docs.map(docLine).join("; ")));
    }
    var own = full && n.id !== meta.focus && pageLink(n.page, null, "Open the page of " + n.name);
    if (own) card.appendChild(own);
    return card;
  }
  function nameOf(id) { return byId[id] ? byId[id].name : id; }
  function edgeName(e) {
    return nameOf(e.from) + " " + (e.phrase || e.kind) + " " + nameOf(e.to);
  }
  function edgeCard(e, full) {
    var card = el("div", "card");
    card.appendChild(el("div", "card-title", edgeName(e)));
    var facts = [];
    if (e.typed) facts.push("a relation stated by the text");
    if (e.weight) facts.push(e.typed ? plural(e.weight, "sentence") : "in " + plural(e.weight, "sentence"));
    if (e.count) facts.push(plural(e.count, "mention"));
    card.appendChild(el("div", "card-type", facts.join(" \u00B7 ")));
    if (e.stated && e.stated.length) card.appendChild(row("Stated as", e.stated.join("; ")));
    (e.curated || []).forEach(function (c) { card.appendChild(el("div", "card-note", c)); });
    if (e.evidence && e.evidence.length) card.appendChild(evidenceList(e.evidence, full));
    return card;
  }

  // ---- vis items --------------------------------------------------------------------
  var labelScaling = options.nodes.scaling.label;
  var LABEL = { min: labelScaling.min, max: labelScaling.max, threshold: labelScaling.drawThreshold };
  var values = data.nodes.map(function (n) { return n.value || 0; });
  var valueMin = Math.min.apply(null, values.concat([0]));
  var valueMax = Math.max.apply(null, values.concat([0]));
  function labelSize(value) {
    if (valueMax === valueMin) return (LABEL.min + LABEL.max) / 2;
    return LABEL.min + ((value - valueMin) / (valueMax - valueMin)) * (LABEL.max - LABEL.min);
  }
  function labelledShape(kind) {
    return function (r) {
      var ctx = r.ctx, style = r.style, size = style.size || 10;
      var w = size * 2.4, h = size * 1.3;
      return {
        drawNode: function () {
          ctx.beginPath();
          if (kind === "ellipse" || kind === "circle") {
            ctx.ellipse(r.x, r.y, w / 2, h / 2, 0, 0, 2 * Math.PI);
          } else {
            ctx.rect(r.x - w / 2, r.y - h / 2, w, h);
          }
          ctx.fillStyle = style.color;
          ctx.fill();
          ctx.lineWidth = style.borderWidth;
          ctx.strokeStyle = style.borderColor;
          ctx.stroke();
        },
        drawExternalLabel: function () {
          var scale = network.getScale();
          var node = nodes.get(r.id);
          var fontSize = labelSize(node ? node.value || 0 : 0);
          if (fontSize * scale < LABEL.threshold - 1 || !r.label) return;
          if (labelHidden[r.id] && !alwaysLabelled(r.id)) return;
          fontSize = Math.min(fontSize, LABEL.max / scale);
          ctx.font = fontSize + "px system-ui, DejaVu Sans, sans-serif";
          ctx.textAlign = "center";
          ctx.textBaseline = "top";
          ctx.lineWidth = 3;
          ctx.strokeStyle = "#ffffff";
          ctx.strokeText(r.label, r.x, r.y + h / 2 + 3);
          ctx.fillStyle = node && node.font && node.font.color ? node.font.color : "#1f2328";
          ctx.fillText(r.label, r.x, r.y + h / 2 + 3);
        },
        nodeDimensions: { width: w, height: h }
      };
    };
  }
  // pyvis styled every node and link; keep those styles to restore after a highlight
  function nodeColour(id) { return byId[id].color; }
  var labelHidden = {};  // labels that would overlap a stronger one at this zoom
  var selectedId = null;
  function alwaysLabelled(id) { return id === meta.focus || id === selectedId; }
  function nodeFont(id) {
    return labelHidden[id] && !alwaysLabelled(id) ? HIDDEN_FONT : byId[id].font;
  }
  function edgeColour(id) { return edgeById[id].color; }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = Object.assign({}, n, { title: nodeCard(n, false) });
    if (INSIDE_LABEL[n.shape]) {
      // vis sizes these shapes by their label, not by value, and draws an empty bar
      // once the label is too small to show: draw them ourselves, sized like the rest
      item.shape = "custom";
      item.ctxRenderer = labelledShape(n.shape);
    }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({}, e, { weight: e.weight || 1, title: edgeCard(e, false) });
  }));

  // ---- filters: types, link kind and minimum weight ------------------------------------
  var enabled = {};
  data.types.forEach(function (t) { enabled[t.label] = true; });
  var minWeight = meta.minWeight || 1;  // a page written with --min-weight starts there
  var linkKind = "all";  // "all", "stated" (typed relations) or "co" (co-mentions)
  function kindPasses(e) {
    if (STRUCTURAL[e.kind] || linkKind === "all") return true;
    return linkKind === "stated" ? e.typed : !e.typed;
  }
  function edgePasses(e) {
    var a = nodes.get(e.from), b = nodes.get(e.to);
    if (!a || !b || enabled[a.type] === false || enabled[b.type] === false) return false;
    return STRUCTURAL[e.kind] || (e.weight >= minWeight && kindPasses(e));
  }
  var linked = {};
  function recomputeLinked() {
    linked = {};
    edges.forEach(function (e) {
      if (!STRUCTURAL[e.kind] && edgePasses(e)) {
        linked[e.from] = true;
        linked[e.to] = true;
      }
    });
  }
  function narrowed() { return minWeight > (meta.minWeight || 1) || linkKind !== "all"; }
  function nodePasses(n) {
    if (enabled[n.type] === false) return false;
    return !narrowed() || linked[n.id] === true || n.id === meta.focus || n.type === "Document";
  }
  var nodeView = new vis.DataView(nodes, { filter: nodePasses });
  var edgeView = new vis.DataView(edges, { filter: edgePasses });
  var refit = false;
  var baseLabel = { min: LABEL.min, max: LABEL.max };
  var READABLE = 9.5;  // px on screen: the smallest label worth drawing
  function fitLabels() {
    // label sizes follow the zoom the view was fitted at, so that at first sight (and
    // after a filter re-fits) every label could be read; cullLabels then keeps those
    // that do not overlap a stronger one
    var min = Math.max(baseLabel.min, Math.ceil(READABLE / network.getScale()));
    var max = Math.max(baseLabel.max, min + 8);
    if (min === LABEL.min && max === LABEL.max) return;
    LABEL.min = min;
    LABEL.max = max;
    network.setOptions({ nodes: { scaling: { label: { min: min, max: max } } } });
  }
  function refreshFilters(fit) {
    recomputeLinked();
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
    if (fit !== false && api.ready && nodeView.length) {
      refit = true;
      network.fit({ animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    }
  }

  // ---- the network ----------------------------------------------------------------
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.actorgraphNetwork = network;
  var api = { network: network, nodes: nodes, edges: edges, ready: false };
  window.actorgraph = api;

  var statusBox = document.getElementById("status");
  var settled = false;
  function settle() {
    if (settled) return;
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    fitLabels();
    statusBox.hidden = true;
    api.ready = true;
    cullLabels();
    document.body.setAttribute("data-ready", "true");
    var wanted = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : "";
    if (wanted && byId[wanted]) {
      focusNode(wanted);
    } else if (meta.focus && byId[meta.focus]) {
      network.selectNodes([meta.focus]);
      showNode(meta.focus);
    }
  }
  // ---- labels only where they fit: stronger nodes first, none over another ---------------
  function cullLabels() {
    if (!api.ready) return;
    var scale = network.getScale();
    var ids = nodeView.getIds().sort(function (a, b) {
      return (byId[b].value || 0) - (byId[a].value || 0);
    });
    var positions = network.getPositions(ids);
    var boxes = [];
    var changed = [];
    ids.forEach(function (id) {
      var n = byId[id], drawn = network.body.nodes[id];
      var size = labelSize(n.value || 0) * scale;
      var fits = false;
      if (size >= LABEL.threshold && drawn) {
        var centre = network.canvasToDOM(positions[id]);
        var radius = (drawn.options.size || 10) * scale;
        var width = String(n.label || "").length * size * 0.58 + 6;  // a little room around
        var box = { x1: centre.x - width / 2, x2: centre.x + width / 2,
          y1: centre.y + radius, y2: centre.y + radius + size * 1.4 };
        fits = alwaysLabelled(id) || !boxes.some(function (o) {
          return box.x1 < o.x2 && o.x1 < box.x2 && box.y1 < o.y2 && o.y1 < box.y2;
        });
        if (fits) boxes.push(box);
      }
      if (!!labelHidden[id] === fits) {
        labelHidden[id] = !fits;
        if (highlighted === null || id === highlighted) changed.push({ id: id, font: nodeFont(id) });
      }
    });
    if (changed.length) nodes.update(changed);
    api.labelsShown = ids.filter(function (id) { return !labelHidden[id]; }).length;
  }
  var cullTimer = null;
  function cullSoon() {
    window.clearTimeout(cullTimer);
    cullTimer = window.setTimeout(cullLabels, 120);
  }
  network.on("zoom", cullSoon);
  network.on("dragEnd", cullSoon);
  network.on("animationFinished", function () {
    if (refit) { refit = false; fitLabels(); cullLabels(); }
  });

  network.on("stabilizationProgress", function (p) {
    statusBox.textContent = "Laying out the graph\u2026 " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settle);
  if (data.nodes.length === 0) {
    statusBox.textContent = "Nothing to draw: no entity matches this view.";
    settled = true;
    api.ready = true;
    document.body.setAttribute("data-ready", "true");
  } else {
    window.setTimeout(settle, 20000); // physics stops even if stabilization never reports
  }

  // ---- neighbourhood highlight -------------------------------------------------------
  var highlighted = null;
  function highlight(id) {
    highlighted = id;
    selectedId = id;
    var near = {};
    near[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { near[n] = true; });
    nodes.update(nodes.get().map(function (n) {
      if (near[n.id]) return { id: n.id, color: nodeColour(n.id), font: nodeFont(n.id) };
      return { id: n.id, color: FADED_NODE, font: { color: "rgba(0,0,0,0.12)", strokeWidth: 0 } };
    }));
    edges.update(edges.get().map(function (e) {
      var mine = e.from === id || e.to === id;
      return { id: e.id, color: mine ? edgeColour(e.id) : { color: FADED_EDGE, opacity: 1 } };
    }));
  }
  function clearHighlight() {
    selectedId = null;
    if (highlighted === null) return;
    highlighted = null;
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, color: nodeColour(n.id), font: nodeFont(n.id) };
    }));
    edges.update(edges.get().map(function (e) { return { id: e.id, color: edgeColour(e.id) }; }));
  }

  // ---- details panel -------------------------------------------------------------------
  var details = document.getElementById("details");
  function resetDetails(children) {
    while (details.firstChild) details.removeChild(details.firstChild);
    details.appendChild(el("h2", null, "Details"));
    children.forEach(function (c) { details.appendChild(c); });
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    var parts = [nodeCard(n, true)];
    var links = network.getConnectedEdges(id).map(function (eid) { return edgeById[eid]; })
      .filter(Boolean)
      .sort(function (a, b) { return (b.weight || 0) - (a.weight || 0); });
    if (links.length) {
      parts.push(el("h2", null, "Linked to (" + links.length + ")"));
      var list = el("ul", "neighbours");
      links.slice(0, 60).forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = el("li");
        li.appendChild(glyph(byId[other] ? byId[other].type : "?"));
        var button = el("button", null, byId[other] ? byId[other].name : other);
        button.type = "button";
        button.addEventListener("click", function () { focusNode(other); });
        li.appendChild(button);
        var kind = (e.typed ? (e.from === id ? e.phrase : "\u2190 " + e.phrase) : "named together")
          + (e.weight ? " \u00D7" + e.weight : "");
        li.appendChild(el("span", "kind", " " + kind));
        list.appendChild(li);
      });
      parts.push(list);
    }
    resetDetails(parts);
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (e) resetDetails([edgeCard(e, true)]);
  }

  network.on("click", function (params) {
    // the link nearest the pointer, not the first of those vis found around it
    var edge = params.nodes.length ? undefined : network.getEdgeAt(params.pointer.DOM);
    if (params.nodes.length) {
      highlight(params.nodes[0]);
      showNode(params.nodes[0]);
    } else if (edge !== undefined) {
      clearHighlight();
      network.selectEdges([edge]);
      showEdge(edge);
    } else {
      clearHighlight();
    }
  });

  // ---- search ----------------------------------------------------------------------------
  function fold(s) { return String(s).toLowerCase().replace(/\s+/g, " ").trim(); }
  var names = [];
  data.nodes.forEach(function (n) {
    names.push({ key: fold(n.name), id: n.id, exact: 0 });
    (n.aliases || []).forEach(function (a) { names.push({ key: fold(a), id: n.id, exact: 1 }); });
  });
  function strength(id) { return byId[id] ? byId[id].value || 0 : 0; }
  function best(matches) {
    matches.sort(function (a, b) { return a.exact - b.exact || strength(b.id) - strength(a.id); });
    return matches.length ? matches[0].id : null;
  }
  function findNode(query) {
    var q = fold(query);
    if (!q) return null;
    if (byId[query]) return query;
    return best(names.filter(function (x) { return x.key === q; }))
      || best(names.filter(function (x) { return x.key.indexOf(q) === 0; }))
      || best(names.filter(function (x) { return x.key.indexOf(q) >= 0; }));
  }
  function focusNode(id) {
    var n = nodes.get(id);
    if (!n) return false;
    if (enabled[n.type] === false) {
      enabled[n.type] = true;
      var box = document.querySelector('input[data-type="' + n.type.replace(/[^A-Za-z]/g, "") + '"]');
      if (box) box.checked = true;
    }
    if (!nodePasses(n)) {
      setMinWeight(meta.minWeight || 1);
      setLinkKind("all");
    }
    refreshFilters(false);
    network.selectNodes([id]);
    highlight(id);
    showNode(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
    return true;
  }
  api.find = findNode;
  api.focus = focusNode;
  var status = document.getElementById("search-status");
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("search-input").value;
    var id = findNode(query);
    status.textContent = id ? "" : "No entity matches \u201C" + query + "\u201D";
    if (id) focusNode(id);
  });
  var datalist = document.getElementById("search-names");
  var seen = {};
  data.nodes.slice().sort(function (a, b) { return (b.value || 0) - (a.value || 0); })
    .forEach(function (n) {
      [n.name].concat(n.aliases || []).forEach(function (s) {
        if (seen[s]) return;
        seen[s] = true;
        var option = el("option");
        option.value = s;
        datalist.appendChild(option);
      });
    });

  // ---- legend, weight filter, header -----------------------------------------------------
  var legend = document.getElementById("legend");
  data.types.forEach(function (t) {
    var li = el("li");
    var label = el("label");
    label.title = t.description || "";
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.label.replace(/[^A-Za-z]/g, ""));
    box.addEventListener("change", function () {
      enabled[t.label] = box.checked;
      refreshFilters();
    });
    label.appendChild(box);
    label.appendChild(glyph(t.label));
    label.appendChild(el("span", null, t.label));
    var count = el("span", "count", t.count);
    count.setAttribute("data-count", t.label.replace(/[^A-Za-z]/g, ""));
    label.appendChild(count);
    li.appendChild(label);
    legend.appendChild(li);
  });
  var linkLegend = document.getElementById("link-legend");
  [["line dashed", "named together in a sentence"], ["line", "relation stated by the text \u2192"]]
    .concat(meta.documents ? [["line dotted", "document mentions"]] : [])
    .forEach(function (pair) {
      var li = el("li");
      li.appendChild(el("span", pair[0]));
      li.appendChild(el("span", null, pair[1]));
      linkLegend.appendChild(li);
    });
  document.getElementById("size-legend").textContent =
    "Size: " + meta.sizeLabel + ". Width: number of sentences.";

  var slider = document.getElementById("min-weight");
  var sliderValue = document.getElementById("min-weight-value");
  slider.max = String(Math.max(meta.maxWeight, 1));
  slider.min = String(meta.minWeight || 1);
  setMinWeight(minWeight);
  if (meta.maxWeight <= minWeight) document.getElementById("weight-filter").hidden = true;
  function setMinWeight(w) {
    minWeight = w;
    slider.value = String(w);
    sliderValue.textContent = String(w);
  }
  slider.addEventListener("input", function () {
    setMinWeight(parseInt(slider.value, 10) || 1);
    refreshFilters();
  });

  var kindInputs = document.querySelectorAll('input[name="link-kind"]');
  function setLinkKind(kind) {
    linkKind = kind;
    kindInputs.forEach(function (input) { input.checked = input.value === kind; });
  }
  var kindTotals = { all: 0, stated: 0, co: 0 };
  data.edges.forEach(function (e) {
    if (STRUCTURAL[e.kind]) return;
    kindTotals.all += 1;
    kindTotals[e.typed ? "stated" : "co"] += 1;
  });
  kindInputs.forEach(function (input) {
    var total = document.querySelector('[data-kind-count="' + input.value + '"]');
    if (total) total.textContent = String(kindTotals[input.value] || 0);
    input.addEventListener("change", function () {
      if (!input.checked) return;
      setLinkKind(input.value);
      refreshFilters();
    });
  });
  if (!kindTotals.stated || !kindTotals.co) document.getElementById("kind-filter").hidden = true;

  // ---- "showing N of M" and the legend's counts follow the filters -----------------------
  var shownLine = document.getElementById("shown");
  var entityTotal = data.nodes.filter(function (n) { return n.type !== "Document"; }).length;
  function updateCounts() {
    var perType = {};
    var entities = 0;
    nodeView.forEach(function (n) {
      perType[n.type] = (perType[n.type] || 0) + 1;
      if (n.type !== "Document") entities += 1;
    });
    var links = 0;
    edgeView.forEach(function (e) { if (!STRUCTURAL[e.kind]) links += 1; });
    data.types.forEach(function (t) {
      var cell = document.querySelector('[data-count="' + t.label.replace(/[^A-Za-z]/g, "") + '"]');
      if (cell) cell.textContent = perType[t.label] === t.count ? String(t.count)
        : (perType[t.label] || 0) + " of " + t.count;
    });
    shownLine.textContent = "Showing " + entities + " of " + entityTotal
      + (entityTotal === 1 ? " entity" : " entities") + " and " + links + " of "
      + plural(kindTotals.all, "link") + ".";
    api.shown = { entities: entities, links: links };
  }

  document.getElementById("subtitle").textContent = meta.subtitle;
  document.getElementById("site-nav").hidden = !meta.site;
  if (meta.caption) {
    var caption = document.getElementById("caption");
    caption.textContent = meta.caption;
    caption.hidden = false;
  }
  if (meta.notice) {
    var notice = document.getElementById("notice");
    notice.textContent = meta.notice;
    notice.hidden = false;
  }
  recomputeLinked();
  updateCounts();
})();
