"""The survey chart: one horizontal bar per question, its 95 % interval, the reference.

Drawn with reportlab.graphics shapes (vector, a few kilobytes), in the report's colours.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit

from auditor_app.audit.surveys import Indicator
from auditor_app.i18n import Translator
from auditor_app.report.styles import BAD, BOLD, FONT, INK, MUTED, NAVY, RULE, SHADE, plain

LABEL_WIDTH = 200.0
VALUE_WIDTH = 46.0
ROW = 27.0
BAR = 11.0
AXIS = 22.0  # room under the rows for the scale
LEGEND = 16.0
LABEL_SIZE = 7.5


def _x(value: float, x0: float, x1: float) -> float:
    return x0 + max(0.0, min(1.0, value)) * (x1 - x0)


def _row(
    d: Drawing, item: Indicator, label: str, y: float, x0: float, x1: float, t: Translator
) -> None:
    """One question: its label (two lines at most), track, bar, interval and reference."""
    lines = simpleSplit(plain(label), FONT, LABEL_SIZE, LABEL_WIDTH - 8)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: max(1, len(lines[1]) - 2)] + "…"]
    top = y + ROW / 2 + (len(lines) - 1) * (LABEL_SIZE + 1) / 2 - LABEL_SIZE / 3
    for k, line in enumerate(lines):
        d.add(
            String(
                0,
                top - k * (LABEL_SIZE + 1),
                line,
                fontName=FONT,
                fontSize=LABEL_SIZE,
                fillColor=INK,
            )
        )
    mid = y + ROW / 2
    d.add(Rect(x0, mid - BAR / 2, x1 - x0, BAR, fillColor=SHADE, strokeColor=None))
    if item.value is None or item.low is None or item.high is None:
        d.add(
            String(
                x0 + 4, mid - 3, t("aucune réponse"), fontName=FONT, fontSize=7,
                fillColor=MUTED,
            )
        )  # fmt: skip
    else:
        d.add(
            Rect(
                x0,
                mid - BAR / 2,
                _x(item.value, x0, x1) - x0,
                BAR,
                fillColor=NAVY,
                strokeColor=None,
            )
        )
        low, high = _x(item.low, x0, x1), _x(item.high, x0, x1)
        for shape in (
            Line(low, mid, high, mid),
            Line(low, mid - 4, low, mid + 4),
            Line(high, mid - 4, high, mid + 4),
        ):
            shape.strokeColor, shape.strokeWidth = INK, 1.1
            d.add(shape)
        d.add(
            String(
                x1 + 6,
                mid - 3,
                plain(t.percent(item.value)),
                fontName=BOLD,
                fontSize=8,
                fillColor=INK,
            )
        )
    if item.reference is not None:
        rx = _x(item.reference, x0, x1)
        mark = Line(rx, mid - BAR / 2 - 4, rx, mid + BAR / 2 + 4)
        mark.strokeColor, mark.strokeWidth, mark.strokeDashArray = BAD, 1.6, [3, 2]
        d.add(mark)


def survey_chart(
    indicators: Sequence[Indicator], labels: Sequence[str], width: float, t: Translator
) -> Drawing:
    """Bars of the share of satisfied respondents, with error bars and the reference."""
    x0, x1 = LABEL_WIDTH, width - VALUE_WIDTH
    height = AXIS + LEGEND + ROW * len(indicators)
    d = Drawing(width, height)
    base = AXIS + LEGEND
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = _x(tick, x0, x1)
        grid = Line(x, base - 3, x, height)
        grid.strokeColor, grid.strokeWidth = RULE, 0.5
        d.add(grid)
        d.add(
            String(
                x,
                base - 12,
                plain(t.percent(tick, decimals=0)),
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    for k, (item, label) in enumerate(zip(indicators, labels, strict=True)):
        _row(d, item, label, height - ROW * (k + 1), x0, x1, t)
    _legend(d, x0, any(i.reference is not None for i in indicators), t)
    return d


def _legend(d: Drawing, x0: float, with_reference: bool, t: Translator) -> None:
    y = 4.0
    d.add(Rect(x0, y, 14, 7, fillColor=NAVY, strokeColor=None))
    d.add(
        String(
            x0 + 18, y + 1, t("part de satisfaits"), fontName=FONT, fontSize=7,
            fillColor=MUTED,
        )
    )  # fmt: skip
    whisker = Line(x0 + 100, y + 3.5, x0 + 116, y + 3.5)
    whisker.strokeColor = INK
    d.add(whisker)
    d.add(
        String(
            x0 + 120,
            y + 1,
            t("intervalle de confiance à 95 %"),
            fontName=FONT,
            fontSize=7,
            fillColor=MUTED,
        )
    )
    if with_reference:
        mark = Line(x0 + 240, y - 1, x0 + 240, y + 9)
        mark.strokeColor, mark.strokeWidth, mark.strokeDashArray = BAD, 1.6, [3, 2]
        d.add(mark)
        d.add(
            String(
                x0 + 245, y + 1, t("référence nationale"), fontName=FONT, fontSize=7,
                fillColor=MUTED,
            )
        )  # fmt: skip
    d.add(Line(0, 0, 0, 0, strokeColor=colors.white))  # keeps the bounds at the origin
