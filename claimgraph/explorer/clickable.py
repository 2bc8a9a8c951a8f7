"""A block of escaped HTML whose marked elements report a click back to Python.

The one custom component of the explorer: its script sets the HTML it is given and, when an
element with a ``data-pick`` attribute is clicked (or Enter is pressed on it), sends that value.
Callers build the HTML from escaped text only; the script never runs anything it is sent.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["show_clickable"]

_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".cg-root");
  if (!root) {
    root = document.createElement("div");
    root.className = "cg-root";
    parentElement.appendChild(root);
  }
  if (root.dataset.digest !== data.digest) {
    root.innerHTML = data.html;
    root.dataset.digest = data.digest;
  }
  const pick = (event) => {
    const target = event.target.closest("[data-pick]");
    if (!target || !root.contains(target)) return;
    event.preventDefault();
    event.stopPropagation();
    setTriggerValue("pick", target.dataset.pick);
  };
  root.onclick = pick;
  root.onkeydown = (event) => { if (event.key === "Enter" || event.key === " ") pick(event); };
}
"""


@st.cache_resource(show_spinner=False)
def _component(name: str, css: str):
    return st.components.v2.component(name, css=css, js=_JS, isolate_styles=True)


def show_clickable(markup: str, *, name: str, css: str, key: str) -> str | None:
    """Mount ``markup`` (escaped HTML); the ``data-pick`` value clicked in this run, if any."""
    import hashlib

    digest = hashlib.sha1(markup.encode("utf-8")).hexdigest()
    result = _component(f"claimgraph.{name}", css)(
        data={"html": markup, "digest": digest}, key=key, on_pick_change=lambda: None
    )
    value = getattr(result, "pick", None)
    return str(value) if value else None
