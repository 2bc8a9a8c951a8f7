"""An interactive network drawn as SVG: pan, zoom, click a node to focus, full labels on hover.

Everything is drawn here (a layered layout: claims, then endnotes, then works) and served with
the page, so it works offline; every label is escaped and nodes are named by index, never by
the text they show.
"""

from __future__ import annotations

import hashlib
import html
from collections import defaultdict

import streamlit as st

from claimgraph.explorer.network import COLUMNS, Edge, Node
from claimgraph.explorer.text import short

__all__ = ["layout", "network_svg", "show_network"]

_WIDTH = {"claim": 380, "endnote": 320, "work": 320}
_GAP, _ROW, _BOX, _CHARS = 160, 36, 26, {"claim": 52, "endnote": 44, "work": 44}

_CSS = """
.cg-net { position: relative; border: 1px solid #ccc; border-radius: 6px; background: #fff; }
.cg-net svg { width: 100%; height: 640px; cursor: grab; display: block; touch-action: none; }
.cg-net svg.cg-panning { cursor: grabbing; }
.cg-net .cg-node { cursor: pointer; }
.cg-net .cg-node text { font: 12px sans-serif; fill: #212121; pointer-events: none; }
.cg-net .cg-dim { opacity: 0.12; }
.cg-net .cg-focus rect { stroke-width: 3px; }
.cg-net .cg-tools { position: absolute; top: 6px; right: 6px; display: flex; gap: 4px; }
.cg-net .cg-tools button { font: 14px sans-serif; min-width: 2rem; cursor: pointer; }
.cg-net .cg-hint { position: absolute; left: 8px; bottom: 6px; font: 12px sans-serif; color: #666; }
"""

_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let root = parentElement.querySelector(".cg-net");
  if (!root) {
    root = document.createElement("div");
    root.className = "cg-net";
    parentElement.appendChild(root);
  }
  if (root.dataset.digest === data.digest) return;
  root.dataset.digest = data.digest;
  root.innerHTML = data.html;
  const svg = root.querySelector("svg");
  const view = svg.querySelector(".cg-view");
  const full = data.bounds;
  let box = full.slice();
  const apply = () => svg.setAttribute("viewBox", box.join(" "));
  const point = (event) => {
    const r = svg.getBoundingClientRect();
    return [box[0] + (event.clientX - r.left) / r.width * box[2],
            box[1] + (event.clientY - r.top) / r.height * box[3]];
  };
  const zoom = (factor, at) => {
    const [x, y] = at || [box[0] + box[2] / 2, box[1] + box[3] / 2];
    box = [x - (x - box[0]) * factor, y - (y - box[1]) * factor, box[2] * factor, box[3] * factor];
    apply();
  };
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, point(e));
  }, { passive: false });
  let drag = null, moved = false;
  svg.addEventListener("pointerdown", (e) => {
    drag = [e.clientX, e.clientY, box[0], box[1]];
    moved = false;
    svg.classList.add("cg-panning");
  });
  window.addEventListener("pointerup", () => { drag = null; svg.classList.remove("cg-panning"); });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    const dx = (e.clientX - drag[0]) / r.width * box[2], dy = (e.clientY - drag[1]) / r.height * box[3];
    if (Math.abs(e.clientX - drag[0]) + Math.abs(e.clientY - drag[1]) > 3) moved = true;
    box[0] = drag[2] - dx; box[1] = drag[3] - dy; apply();
  });
  const clear = () => view.querySelectorAll(".cg-dim, .cg-focus")
    .forEach((el) => el.classList.remove("cg-dim", "cg-focus"));
  const focus = (node) => {
    clear();
    const id = node.dataset.n;
    const near = new Set([id]);
    view.querySelectorAll(".cg-edge").forEach((edge) => {
      if (edge.dataset.a === id || edge.dataset.b === id) {
        near.add(edge.dataset.a);
        near.add(edge.dataset.b);
      } else edge.classList.add("cg-dim");
    });
    view.querySelectorAll(".cg-node").forEach((other) => {
      if (!near.has(other.dataset.n)) other.classList.add("cg-dim");
    });
    node.classList.add("cg-focus");
  };
  svg.addEventListener("click", (e) => {
    if (moved) return;
    const node = e.target.closest(".cg-node");
    if (node) focus(node); else clear();
  });
  root.querySelector("[data-zoom='in']").onclick = () => zoom(1 / 1.3);
  root.querySelector("[data-zoom='out']").onclick = () => zoom(1.3);
  root.querySelector("[data-zoom='fit']").onclick = () => { box = full.slice(); apply(); clear(); };
  apply();
}
"""


def _x(kind: str, kinds: list[str]) -> int:
    x = 0
    for other in kinds:
        if other == kind:
            return x
        x += _WIDTH[other] + _GAP
    return x


def layout(nodes: list[Node], edges: list[Edge]) -> dict[str, tuple[int, int]]:
    """Node id → (x, y): one column per kind; each column ordered by its neighbours' mean row."""
    kinds = [k for k in COLUMNS if any(n.kind == k for n in nodes)]
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    rows: dict[str, float] = {}
    columns: dict[str, list[Node]] = {k: [n for n in nodes if n.kind == k] for k in kinds}
    for kind in kinds:
        column = columns[kind]
        if kind != kinds[0]:

            def centre(node: Node, column: list[Node] = column) -> float:
                known = [rows[m] for m in neighbours[node.id] if m in rows]
                return sum(known) / len(known) if known else float(len(column))

            column = sorted(column, key=centre)
        for index, node in enumerate(column):
            rows[node.id] = index
        columns[kind] = column
    tallest = max((len(c) for c in columns.values()), default=1)
    places = {}
    for kind, column in columns.items():
        offset = (tallest - len(column)) * _ROW / 2
        for index, node in enumerate(column):
            places[node.id] = (_x(kind, kinds), int(offset + index * _ROW))
    return places


def _edge_path(a: tuple[int, int], wa: int, b: tuple[int, int], wb: int) -> str:
    ya, yb = a[1] + _BOX / 2, b[1] + _BOX / 2
    if a[0] <= b[0]:
        xa, xb = a[0] + wa, b[0]
    else:
        xa, xb = a[0], b[0] + wb
    mid = (xa + xb) / 2
    return f"M{xa},{ya} C{mid},{ya} {mid},{yb} {xb},{yb}"


def network_svg(nodes: list[Node], edges: list[Edge]) -> tuple[str, list[int]]:
    """The network as escaped SVG markup (with zoom buttons) and its bounds ``[x, y, w, h]``."""
    places = layout(nodes, edges)
    index = {n.id: i for i, n in enumerate(nodes)}
    width = {n.id: _WIDTH[n.kind] for n in nodes}
    parts = []
    for edge in edges:
        if edge.source not in places or edge.target not in places:
            continue
        path = _edge_path(places[edge.source], width[edge.source], places[edge.target], width[edge.target])
        dash = ' stroke-dasharray="6 4"' if edge.dashed else ""
        parts.append(
            f'<path class="cg-edge" data-a="{index[edge.source]}" data-b="{index[edge.target]}" d="{path}" '
            f'fill="none" stroke="{edge.colour}" stroke-width="1.6"{dash}>'
            f"<title>{html.escape(edge.label)}</title></path>"
        )
    for node in nodes:
        x, y = places[node.id]
        parts.append(
            f'<g class="cg-node" data-n="{index[node.id]}" transform="translate({x},{y})">'
            f"<title>{html.escape(node.full)}</title>"
            f'<rect width="{_WIDTH[node.kind]}" height="{_BOX}" rx="6" fill="{node.fill}" '
            f'stroke="{node.stroke}" stroke-width="1.5"></rect>'
            f'<text x="8" y="{_BOX / 2 + 4}">{html.escape(short(node.label, _CHARS[node.kind]))}</text></g>'
        )
    right = max((x + width[i] for i, (x, _y) in places.items()), default=400)
    bottom = max((y + _BOX for _x0, y in places.values()), default=200)
    bounds = [-20, -20, right + 40, max(bottom + 40, 200)]
    tools = (
        '<div class="cg-tools"><button data-zoom="in" title="Zoom in">+</button>'
        '<button data-zoom="out" title="Zoom out">−</button>'
        '<button data-zoom="fit" title="Fit the whole graph">fit</button></div>'
        '<div class="cg-hint">Scroll to zoom, drag to pan, click a node to focus; '
        "hover for the full text.</div>"
    )
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" role="img"><g class="cg-view">{"".join(parts)}</g></svg>'
    return svg + tools, bounds


@st.cache_resource(show_spinner=False)
def _component():
    return st.components.v2.component("claimgraph.network", css=_CSS, js=_JS, isolate_styles=True)


def show_network(nodes: list[Node], edges: list[Edge], key: str) -> None:
    """Mount the interactive network."""
    markup, bounds = network_svg(nodes, edges)
    digest = hashlib.sha1((markup + repr(bounds)).encode("utf-8")).hexdigest()
    _component()(data={"html": markup, "digest": digest, "bounds": bounds}, key=key)
