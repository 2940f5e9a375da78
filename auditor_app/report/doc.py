"""The page frame of the report: header, footer « Page X / Y », bookmarks, attachment.

The total page count is a form XObject drawn on every page and defined once the last page
is known, so the document is laid out in a single pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFStream, PDFString, PDFZCompress
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from auditor_app.i18n import N_, Translator
from auditor_app.report.styles import (
    BOLD,
    FONT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    NAVY,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    SHADE,
    TEXT_WIDTH,
    Heading,
    plain,
)

TOTAL_FORM = "pagetotal"
ATTACHMENT_NAME = "audit.json"
CONFIDENTIAL = N_(
    "Document confidentiel : diffusion soumise à l'accord du client de l'audit (ISO 19011, 6.6)"
)
ATTACHMENT_DESCRIPTION = N_(
    "Données de l'audit (JSON) : constats, preuves, tests, enquêtes, signatures"
)


class ReportCanvas(Canvas):  # type: ignore[misc]
    """A canvas that knows its page count, dates the file from the data, carries the JSON."""

    def __init__(
        self, *args: Any, payload: bytes, as_of: datetime, t: Translator, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pages = 0
        self._payload = payload
        self._t = t
        # Invariant mode derives the file's /ID from fixed values; the data makes it unique.
        self._doc.updateSignature(hashlib.sha256(payload).hexdigest())
        stamp = as_of.strftime("D:%Y%m%d%H%M%S+00'00'")
        self.setDateFormatter(lambda *_: stamp)
        self.showOutline()

    def showPage(self) -> None:
        self.pages += 1
        super().showPage()

    def save(self) -> None:
        self.beginForm(TOTAL_FORM)
        self.setFont(FONT, 8)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.pages))
        self.endForm()
        attach(
            self,
            ATTACHMENT_NAME,
            self._payload,
            self._t(ATTACHMENT_DESCRIPTION),
        )
        super().save()


def attach(canv: Canvas, name: str, data: bytes, description: str) -> None:
    """Embed ``data`` as a file of the PDF (the EmbeddedFiles name tree of the catalogue)."""
    doc = canv._doc
    stream = PDFStream(
        PDFDictionary(
            {
                "Type": "/EmbeddedFile",
                "Subtype": "/application#2Fjson",
                "Params": PDFDictionary({"Size": len(data)}),
            }
        ),
        data,
        [PDFZCompress],
    )
    stream_ref = doc.Reference(stream)
    spec = PDFDictionary(
        {
            "Type": "/Filespec",
            "F": PDFString(name),
            "UF": PDFString(name),
            "EF": PDFDictionary({"F": stream_ref, "UF": stream_ref}),
            "Desc": PDFString(plain(description)),
            "AFRelationship": "/Data",
        }
    )
    spec_ref = doc.Reference(spec)
    names = PDFDictionary({"Names": PDFArray([PDFString(name), spec_ref])})
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": names})
    doc.Catalog.AF = PDFArray([spec_ref])


def _decorate(canv: Canvas, header: str, t: Translator, cover: bool) -> None:
    canv.saveState()
    if not cover:
        y = PAGE_HEIGHT - MARGIN_TOP + 0.9 * cm
        canv.setFont(BOLD, 8)
        canv.setFillColor(NAVY)
        canv.drawString(MARGIN_X, y, plain(header))
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, y - 4, PAGE_WIDTH - MARGIN_X, y - 4)
    y = MARGIN_BOTTOM - 1.0 * cm
    canv.setFont(FONT, 7)
    canv.setFillColor(MUTED)
    canv.drawString(MARGIN_X, y, plain(t(CONFIDENTIAL)))
    canv.setFont(FONT, 8)
    room = canv.stringWidth("999", FONT, 8)
    right = PAGE_WIDTH - MARGIN_X - room
    canv.drawRightString(right, y, t("Page {0} / ", canv.getPageNumber()))
    canv.translate(right, y)
    canv.doForm(TOTAL_FORM)
    canv.restoreState()


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    """A4 portrait; the cover has no header. Headings become bookmarks as they are placed.

    ``t`` gives the language of the page frame and the PDF's /Lang (``fr-FR``, ``en-GB``).
    """

    def __init__(
        self,
        target: Any,
        *,
        header: str,
        after_flowable: Callable[[], None],
        t: Translator,
        **info: Any,
    ) -> None:
        super().__init__(
            target,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            invariant=1,
            creator="auditor-app",
            lang=t.pdf_language,
            **info,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            TEXT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=lambda c, d: _decorate(c, header, t, True)),
                PageTemplate("body", [frame], onPage=lambda c, d: _decorate(c, header, t, False)),
            ]
        )
        self._after = after_flowable
        self._bookmarks = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading) and flowable.outline_level < 2:
            self._bookmarks += 1
            key = f"section-{self._bookmarks}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(
                flowable.outline_text,
                key,
                flowable.outline_level,
                closed=flowable.outline_level > 0,
            )
        self._after()


class SignatureBox(Flowable):  # type: ignore[misc]
    """An empty framed box for the visible electronic signature; remembers where it landed."""

    LABEL = N_("Signature électronique de l'auditeur")

    def __init__(self, width: float = 240, height: float = 70, label: str = LABEL) -> None:
        super().__init__()
        self.box_width, self.box_height, self.label = width, height, label
        self.page = -1
        self.rect = (0.0, 0.0, 0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.box_width, self.box_height + 14

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(BOLD, 8)
        canv.setFillColor(NAVY)
        canv.drawString(0, self.box_height + 4, plain(self.label))
        canv.setStrokeColor(NAVY)
        canv.setLineWidth(0.8)
        canv.setDash(3, 2)
        canv.rect(0, 0, self.box_width, self.box_height, stroke=1, fill=0)
        canv.setDash()
        x1, y1 = canv.absolutePosition(0, 0)
        x2, y2 = canv.absolutePosition(self.box_width, self.box_height)
        self.page = canv.getPageNumber() - 1
        self.rect = (round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2))


class Placeholder(Flowable):  # type: ignore[misc]
    """A shaded frame standing for a photo that cannot be shown, with the reason."""

    def __init__(self, width: float, height: float, lines: list[str]) -> None:
        super().__init__()
        self.width, self.height, self.lines = width, height, [plain(t) for t in lines]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setFillColor(SHADE)
        canv.setStrokeColor(RULE)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canv.setFillColor(MUTED)
        canv.setFont(FONT, 7.5)
        top = self.height / 2 + (len(self.lines) - 1) * 5
        for k, line in enumerate(self.lines):
            canv.drawCentredString(self.width / 2, top - k * 10, line)
