"""Reading back the audit data a report carries (the ``audit.json`` file inside the PDF)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor_app.report.doc import ATTACHMENT_NAME
from auditor_app.report.errors import ReportError


def read_embedded_data(pdf_path: Path) -> dict[str, Any]:
    """The audit's data embedded in a report, as built by ``build_report`` (signed or not)."""
    from pypdf import PdfReader  # only needed here; pyHanko-free, and not at start-up
    from pypdf.errors import PdfReadError

    try:
        files = PdfReader(str(pdf_path)).attachments
        content = files.get(ATTACHMENT_NAME)
    except (OSError, PdfReadError) as exc:
        raise ReportError(f"{pdf_path} : PDF illisible ({exc}).") from exc
    if not content:
        raise ReportError(
            f"{pdf_path} : ce PDF ne contient pas les données d'un audit ({ATTACHMENT_NAME})."
        )
    try:
        value = json.loads(content[0].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReportError(f"{pdf_path} : données de l'audit illisibles ({exc}).") from exc
    if not isinstance(value, dict):
        raise ReportError(f"{pdf_path} : données de l'audit illisibles.")
    return value
