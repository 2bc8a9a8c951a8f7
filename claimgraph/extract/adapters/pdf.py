"""PDF documents: metadata and text with pypdf."""

from __future__ import annotations

import io
import logging
import re

from claimgraph.extract.adapters.base import Extracted
from claimgraph.extract.dates import to_iso
from claimgraph.extract.people import split_people, tidy_people
from claimgraph.model import SourceMetadata

NAME = "pdf"
MAX_PAGES = 60
logging.getLogger("pypdf").setLevel(logging.ERROR)


def is_pdf(content_type: str, body: bytes) -> bool:
    """True when a response is a PDF, by media type or by its magic bytes."""
    return content_type == "application/pdf" or body[:5] == b"%PDF-"


def _pdf_date(value: str | None) -> str | None:
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", value or "")
    if not match:
        return to_iso(value)
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    return to_iso(f"{year}-{month}-{day}")


def parse_pdf(body: bytes) -> Extracted | None:
    """Title, authors, dates and text of a PDF, or None if it cannot be read."""
    from pypdf import PdfReader  # loads only when a PDF turns up

    try:
        reader = PdfReader(io.BytesIO(body))
        info = reader.metadata or {}
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
    except Exception:  # noqa: BLE001 - broken PDFs fail in many ways
        return None
    text = "\n".join(p.strip() for p in pages if p.strip())
    title = (info.get("/Title") or "").strip() or None
    if not title and text:
        title = text.strip().split("\n", 1)[0][:200]
    meta = SourceMetadata(
        title=title, authors=tidy_people(split_people(str(info.get("/Author") or ""))),
        published=_pdf_date(info.get("/CreationDate")),
        modified=_pdf_date(info.get("/ModDate")), type="DigitalDocument",
    )
    return Extracted(meta, text)
