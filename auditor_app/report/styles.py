"""Fonts, colours, paragraph and table styles of the report, and safe text.

The report uses the standard PDF fonts (Helvetica): nothing to embed, nothing to find on
the machine, and their WinAnsi encoding holds all of French (é, œ, ’, « », …, –).
Characters outside it (≤, →, emoji) are replaced by :func:`plain` before they reach a page.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, TableStyle

from auditor_app.audit.verdicts import Verdict
from auditor_app.i18n import Translator

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 2.0 * cm
MARGIN_TOP = 2.3 * cm
MARGIN_BOTTOM = 2.0 * cm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

FONT = "Helvetica"
BOLD = "Helvetica-Bold"
ITALIC = "Helvetica-Oblique"

INK = colors.HexColor("#1d2733")
NAVY = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#5b6673")
RULE = colors.HexColor("#c9d1da")
SHADE = colors.HexColor("#eef2f6")
HEAD_FILL = colors.HexColor("#2f4f77")
GOOD = colors.HexColor("#2e7d32")
BAD = colors.HexColor("#b3261e")

VERDICT_COLOURS: dict[Verdict, colors.Color] = {
    Verdict.CONFORME: colors.HexColor("#2e7d32"),
    Verdict.POINT_FORT: colors.HexColor("#1b5e20"),
    Verdict.PISTE_DE_PROGRES: colors.HexColor("#1565c0"),
    Verdict.POINT_SENSIBLE: colors.HexColor("#e07b00"),
    Verdict.NC_MINEURE: colors.HexColor("#c62828"),
    Verdict.NC_MAJEURE: colors.HexColor("#7f0000"),
    Verdict.NON_APPLICABLE: colors.HexColor("#757575"),
}

# Characters the standard fonts lack, and what a French reader expects instead.
_REPLACEMENTS = str.maketrans(
    {
        "≤": "<=",
        "≥": ">=",
        "→": "->",
        "←": "<-",
        "✓": "oui",
        "✗": "non",
        "\u202f": "\xa0",
        "\u2009": " ",
        "\u2011": "-",
        "\u2212": "-",
        "⁄": "/",
        "\u200b": "",
    }
)


# French typography: no line break before « : ; ? ! % » nor inside « guillemets ».
_NO_BREAK = re.compile(r" (?=[:;?!%»])|(?<=«) ")


def plain(text: object) -> str:
    """Text the standard fonts can show: known substitutes, then accents kept, rest dropped."""
    value = _NO_BREAK.sub("\xa0", str(text).translate(_REPLACEMENTS))
    try:
        value.encode("cp1252")
        return value
    except UnicodeEncodeError:
        pass
    out = []
    for char in value:
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFKD", char)
            out.append("".join(c for c in decomposed if c.isascii()) or "?")
    return "".join(out)


def esc(text: object) -> str:
    """Plain text made safe for a Paragraph (markup escaped, line breaks kept)."""
    return escape(plain(text)).replace("\n", "<br/>")


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {"fontName": FONT, "fontSize": 9.5, "leading": 12.5, "textColor": INK}
    base.update(kw)
    return ParagraphStyle(name, **base)


BODY = _style("body", spaceAfter=5)
BODY_TIGHT = _style("body-tight")
SMALL = _style("small", fontSize=8, leading=10, textColor=MUTED)
NOTE = _style("note", fontName=ITALIC, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=5)
CELL = _style("cell", fontSize=8, leading=10)
CELL_BOLD = _style("cell-bold", fontName=BOLD, fontSize=8, leading=10)
CELL_HEAD = _style("cell-head", fontName=BOLD, fontSize=8, leading=10, textColor=colors.white)
CELL_CENTRE = _style("cell-centre", fontSize=8, leading=10, alignment=TA_CENTER)
CAPTION = _style("caption", fontName=ITALIC, fontSize=7.5, leading=9, textColor=MUTED)
H1 = _style(
    "h1",
    fontName=BOLD,
    fontSize=16,
    leading=20,
    textColor=NAVY,
    spaceBefore=4,
    spaceAfter=10,
    keepWithNext=1,
)
H2 = _style(
    "h2",
    fontName=BOLD,
    fontSize=12,
    leading=15,
    textColor=NAVY,
    spaceBefore=10,
    spaceAfter=6,
    keepWithNext=1,
)
H3 = _style(
    "h3",
    fontName=BOLD,
    fontSize=10,
    leading=13,
    textColor=INK,
    spaceBefore=8,
    spaceAfter=3,
    keepWithNext=1,
)
COVER_TITLE = _style(
    "cover-title",
    fontName=BOLD,
    fontSize=24,
    leading=30,
    textColor=NAVY,
    alignment=TA_LEFT,
    spaceAfter=8,
)
COVER_SUB = _style("cover-sub", fontSize=13, leading=17, textColor=MUTED, spaceAfter=18)


class Heading(Paragraph):  # type: ignore[misc]
    """A section title that also becomes a PDF bookmark (see the document template)."""

    def __init__(self, text: str, level: int) -> None:
        super().__init__(esc(text), (H1, H2, H3)[level])
        self.outline_text = plain(text)
        self.outline_level = level


def para(text: object, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text (escaped)."""
    return Paragraph(esc(text), style)


def rich(markup: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of trusted markup whose variable parts went through :func:`esc`."""
    return Paragraph(markup, style)


def table_style(header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """The report's table look: a dark header row, thin rules, light zebra stripes."""
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL))
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, SHADE]))
    return TableStyle(commands)


def hex_colour(colour: colors.Color) -> str:
    """``#rrggbb`` for Paragraph markup."""
    return "#" + str(colour.hexval())[2:]


def verdict_tag(verdict: Verdict | None, t: Translator) -> str:
    """The verdict's label in its colour, as Paragraph markup."""
    if verdict is None:
        return f'<font color="{hex_colour(MUTED)}">{esc(t("Non renseigné"))}</font>'
    colour = hex_colour(VERDICT_COLOURS[verdict])
    return f'<font color="{colour}"><b>{esc(t(verdict.label))}</b></font>'


def yes_no(met: bool, t: Translator) -> str:
    colour = hex_colour(GOOD if met else BAD)
    return f'<font color="{colour}"><b>{esc(t("Oui") if met else t("Non"))}</b></font>'
