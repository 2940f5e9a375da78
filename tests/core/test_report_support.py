"""Support for the report tests (no tests here): the demo audit with a closing meeting,
and helpers that read text back from a PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from auditor_app import closing_meeting as meeting
from auditor_app.demo import build_demo
from auditor_app.demo_info import DEMO_AUDIT_ID
from auditor_app.report.build import ReportResult, build_report
from auditor_app.store import audits, closing
from auditor_app.store.workspace import Workspace

STROKES: list[list[tuple[float, float]]] = [
    [(10.0, 40.0), (60.0, 10.0), (110.0, 45.0)],
    [(20.0, 50.0), (150.0, 30.0)],
]
DISPUTE = "Le cœur du problème : l’affiche « horaires » était posée la veille."


def signature_png(seed: int) -> bytes:
    """A drawn signature as the pad saves it: dark strokes on a transparent background."""
    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for stroke in STROKES:
        draw.line([(x * 1.8 + seed, y * 1.6) for x, y in stroke], fill=(20, 30, 90, 255), width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@dataclass
class Demo:
    ws: Workspace
    root: Path
    result: ReportResult
    text: str
    site_id: str
    site_name: str
    disputed_id: str


def pdf_text(path: Path) -> str:
    """The PDF's text on one line, spaces normalised (pdftotext when there, else pypdf)."""
    if shutil.which("pdftotext"):
        raw = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    else:
        from pypdf import PdfReader

        raw = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(raw.replace("\xa0", " ").split())


def page_text(path: Path, page: int) -> str:
    """The text of one page (1-based)."""
    from pypdf import PdfReader

    return " ".join(
        PdfReader(str(path)).pages[page - 1].extract_text().replace("\xa0", " ").split()
    )


def make_demo(root: Path) -> Demo:
    ws = Workspace(root / "ws", actor="Claire Martin")
    build_demo(ws)
    site = audits.sites(ws, DEMO_AUDIT_ID)[1]  # Antenne régionale de Metz, visited
    items = meeting.closing_items(ws, DEMO_AUDIT_ID, site.id)
    closing.set_response(ws, items[0].finding.id, "accepted", representative="Mme Roux")
    closing.set_response(ws, items[1].finding.id, "disputed", DISPUTE, representative="Mme Roux")
    meeting.sign(
        ws,
        DEMO_AUDIT_ID,
        site.id,
        [
            meeting.Signer("representative", "Mme Roux", STROKES, signature_png(0)),
            meeting.Signer("auditor", "Claire Martin", STROKES, signature_png(12)),
        ],
    )
    out = root / "out" / "rapport.pdf"
    result = build_report(ws, DEMO_AUDIT_ID, out)
    return Demo(ws, root, result, pdf_text(out), site.id, site.name, items[1].finding.id)
