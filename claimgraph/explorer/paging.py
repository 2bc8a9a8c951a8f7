"""Paging long lists and tables so large articles stay responsive."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import streamlit as st

T = TypeVar("T")

__all__ = ["paginate", "PAGE_SIZE"]

PAGE_SIZE = 50


def paginate(items: Sequence[T], key: str, page_size: int = PAGE_SIZE) -> Sequence[T]:
    """The slice of ``items`` on the page the user picked (a page picker shows when needed)."""
    total = len(items)
    if total <= page_size:
        return items
    pages = (total + page_size - 1) // page_size
    page = st.columns([1, 4])[0].number_input(
        f"Page (of {pages})", min_value=1, max_value=pages, value=1, step=1, key=f"{key}-page"
    )
    start = (int(page) - 1) * page_size
    end = min(start + page_size, total)
    st.caption(f"Showing {start + 1}–{end} of {total}")
    return items[start:end]
