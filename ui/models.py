"""Item models of the walk-through: thin adapters over the core's findings.

The tree (site → channel → engagement) and the checkpoint list hold only core objects
and counts; no widget is made per checkpoint, so a 5,000-finding audit stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QT_TR_NOOP,
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from auditor_app.audit.model import AidScheme, Finding, Site
from auditor_app.audit.verdicts import VERDICT_LABELS, Verdict
from auditor_app.referential.model import CHANNEL_LABELS, UNIT_LABELS, Channel, Referential
from ui.i18n import core, number_text, tr

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

# Short labels, French; shown through ``tr(SHORT_LABELS[v])`` (the empty context).
SHORT_LABELS = {
    Verdict.CONFORME: QT_TR_NOOP("Conforme"), Verdict.POINT_FORT: QT_TR_NOOP("Point fort"),
    Verdict.PISTE_DE_PROGRES: QT_TR_NOOP("Piste de progrès"),
    Verdict.POINT_SENSIBLE: QT_TR_NOOP("Point sensible"),
    Verdict.NC_MINEURE: QT_TR_NOOP("NC mineure"), Verdict.NC_MAJEURE: QT_TR_NOOP("NC majeure"),
    Verdict.NON_APPLICABLE: QT_TR_NOOP("N/A"),
}  # fmt: skip

SHORT_CHANNELS = {
    "counter": QT_TR_NOOP("Accueil"), "phone": QT_TR_NOOP("Téléphone"),
    "mail": QT_TR_NOOP("Courrier"), "email": QT_TR_NOOP("Courriel"),
    "website": QT_TR_NOOP("Site web"), "online_procedure": QT_TR_NOOP("En ligne"),
}  # fmt: skip

# Result colours, chosen to read on light and dark backgrounds alike.
STATE_COLOURS = {
    "nc": QColor(214, 39, 40),
    "sensible": QColor(230, 140, 20),
    "done": QColor(44, 160, 44),
    "partial": QColor(120, 144, 200),
    "empty": QColor(150, 150, 150),
}


# The same results as TEXT: darker on a light background, lighter on a dark one, so that a
# verdict written in its colour keeps a contrast of at least 4.5:1 (WCAG AA).
_TEXT_ON_LIGHT = {"nc": "#b71c1c", "sensible": "#8a4500", "done": "#1b5e20",
                  "partial": "#283593", "empty": "#424242"}  # fmt: skip
_TEXT_ON_DARK = {"nc": "#ff8a80", "sensible": "#ffcc80", "done": "#a5d6a7",
                 "partial": "#c5cae9", "empty": "#e0e0e0"}  # fmt: skip


def state_text_colour(state: str, background: QColor | None = None) -> QColor:
    """The colour to write a result in, readable on ``background`` (default: the palette's
    base, where table cells are drawn)."""
    if background is None:
        from PySide6.QtGui import QGuiApplication, QPalette

        background = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    table = _TEXT_ON_DARK if background.lightness() < 128 else _TEXT_ON_LIGHT
    return QColor(table[state])


def state_of(findings: Sequence[Finding]) -> str:
    """The colour key of a group: any NC, any point sensible, all answered, some, none."""
    verdicts = [f.verdict for f in findings]
    if any(v is not None and v.is_nonconformity for v in verdicts):
        return "nc"
    if Verdict.POINT_SENSIBLE in verdicts:
        return "sensible"
    answered = sum(v is not None for v in verdicts)
    if answered == len(verdicts):
        return "done"
    return "partial" if answered else "empty"


_ICONS: dict[str, QIcon] = {}


# Device-pixel ratios a screen may have (100 % to 300 % scaling): each state's square is
# drawn for each, so Qt never blows a small bitmap up. (Not a Python QIconEngine: Qt clones
# an icon's engine when it copies the icon, and a clone made in Python is freed under it.)
ICON_SIZE = 12
ICON_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


def _swatch(colour: QColor, scale: float) -> QPixmap:
    """The state's colour as a square with a darker edge, drawn as vectors at ``scale``."""
    side = round(ICON_SIZE * scale)
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = max(1.0, side / 12)
    painter.setPen(QPen(colour.darker(140), pen))
    painter.setBrush(colour)
    inner = QRectF(pen / 2, pen / 2, side - pen, side - pen)
    painter.drawRoundedRect(inner, side / 8, side / 8)
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def state_icon(state: str) -> QIcon:
    icon = _ICONS.get(state)
    if icon is None:
        icon = QIcon()
        for scale in ICON_SCALES:
            icon.addPixmap(_swatch(QColor(STATE_COLOURS[state]), scale))
        _ICONS[state] = icon
    return icon


@dataclass
class Node:
    """A branch of the walk-through: which findings it groups, and its place in the tree."""

    label: str
    key: tuple[str, str, str, str]  # (site_id or "org"/"aid:<id>", channel, engagement, "")
    parent: Node | None = None
    children: list[Node] | None = None
    finding_ids: list[str] | None = None
    answered: int = 0
    total: int = 0
    state: str = "empty"

    def row(self) -> int:
        siblings = self.parent.children if self.parent and self.parent.children else []
        return siblings.index(self)


class WalkTreeModel(QAbstractItemModel):
    """Site → channel → engagement, each with answered/expected counts and a state colour."""

    def __init__(self) -> None:
        super().__init__()
        self._root = Node(tr("Audit"), ("", "", "", ""), children=[])
        self._findings: dict[str, Finding] = {}

    def load(
        self,
        findings: Sequence[Finding],
        sites: Sequence[Site],
        schemes: Sequence[AidScheme],
        ref: Referential,
    ) -> None:
        self.beginResetModel()
        self._findings = {f.id: f for f in findings}
        titles = {e.number: e.title for e in ref.engagements}
        engagement_of = {c.code: e.number for e, _, c in ref.checkpoints()}
        groups: dict[tuple[str, str, int], list[str]] = {}
        for f in findings:
            place = f.site_id or (f"aid:{f.aid_scheme_id}" if f.aid_scheme_id else "org")
            number = engagement_of.get(f.checkpoint_code, 0)
            groups.setdefault((place, f.channel, number), []).append(f.id)
        places = [(s.id, s.name) for s in sites] + [("org", tr("Organisation"))]
        places += [(f"aid:{s.id}", tr("Dispositif : {0}").format(s.name)) for s in schemes]
        root = Node(tr("Audit"), ("", "", "", ""), children=[])
        for place, name in places:
            place_node = Node(name, (place, "", "", ""), root, children=[])
            channels = sorted(
                {c for (p, c, _) in groups if p == place},
                key=lambda c: list(Channel).index(Channel(c)) if c else -1,
            )
            for channel in channels:
                label = core(CHANNEL_LABELS[Channel(channel)]) if channel else tr("Tous canaux")
                channel_node = Node(label, (place, channel, "", ""), place_node, children=[])
                for number in sorted(n for (p, c, n) in groups if p == place and c == channel):
                    ids = groups[place, channel, number]
                    title = f"{number}. {titles.get(number, '?')}"
                    channel_node.children.append(  # type: ignore[union-attr]
                        Node(
                            title, (place, channel, str(number), ""), channel_node, finding_ids=ids
                        )
                    )
                place_node.children.append(channel_node)  # type: ignore[union-attr]
            if place_node.children:
                root.children.append(place_node)  # type: ignore[union-attr]
        self._root = root
        self._recount(root)
        self.endResetModel()

    def _leaf_ids(self, node: Node) -> list[str]:
        if node.finding_ids is not None:
            return node.finding_ids
        return [fid for child in node.children or [] for fid in self._leaf_ids(child)]

    def _recount(self, node: Node) -> None:
        for child in node.children or []:
            self._recount(child)
        items = [self._findings[fid] for fid in self._leaf_ids(node)]
        node.total = len(items)
        node.answered = sum(f.verdict is not None for f in items)
        node.state = state_of(items)

    def update_finding(self, finding: Finding) -> None:
        """Refresh counts and colours along the branches that hold this finding."""
        if finding.id not in self._findings:
            return
        self._findings[finding.id] = finding
        self._recount(self._root)
        self._emit_all_changed(_ROOT)

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, 0, parent))
            for row in range(rows):
                self._emit_all_changed(self.index(row, 0, parent))

    def node(self, index: Index) -> Node:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[no-any-return]

    def finding_ids(self, index: Index) -> list[str]:
        return self._leaf_ids(self.node(index))

    def index_of_finding(self, fid: str) -> QModelIndex:
        """The leaf (engagement) index holding a finding."""

        def search(parent: QModelIndex) -> QModelIndex:
            for row in range(self.rowCount(parent)):
                child = self.index(row, 0, parent)
                node = self.node(child)
                if node.finding_ids is not None and fid in node.finding_ids:
                    return child
                found = search(child)
                if found.isValid():
                    return found
            return QModelIndex()

        return search(QModelIndex())

    # -- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        children = self.node(parent).children or []
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children or [])

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.label}  ({node.answered}/{node.total})"
        if role == Qt.ItemDataRole.DecorationRole:
            return state_icon(node.state)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return tr("{0} : {1} points renseignés sur {2}").format(
                node.label, node.answered, node.total
            )
        return None


class HeaderedTableModel(QAbstractTableModel):
    """A flat table whose column titles are ``self._headers`` (set by the subclass)."""

    _headers: list[str]

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None


class FindingListModel(QAbstractTableModel):
    """The checkpoints of the current branch: code, requirement, verdict, value, evidence."""

    COLUMNS = ("code", "channel", "text", "verdict", "value", "evidence")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Finding] = []
        self._row_of: dict[str, int] = {}
        self._texts: dict[str, Any] = {}

    def load(self, findings: Sequence[Finding], ref: Referential) -> None:
        self.beginResetModel()
        self._rows = list(findings)
        self._row_of = {f.id: i for i, f in enumerate(self._rows)}
        self._texts = {c.code: c for _, _, c in ref.checkpoints()}
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._rows[row]

    def row_of(self, fid: str) -> int:
        return self._row_of.get(fid, -1)

    def findings(self) -> list[Finding]:
        return list(self._rows)

    def update_finding(self, finding: Finding) -> None:
        row = self._row_of.get(finding.id)
        if row is None:
            return
        self._rows[row] = finding
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def set_evidence_count(self, fid: str, count: int) -> None:
        row = self._row_of.get(fid)
        if row is not None:
            self.update_finding(replace(self._rows[row], evidence_count=count))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = (
            tr("Point"), tr("Canal"), tr("Exigence"), tr("Verdict"), tr("Valeur"), tr("Preuves")
        )  # fmt: skip
        return labels[section] if 0 <= section < len(labels) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        finding = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        checkpoint = self._texts.get(finding.checkpoint_code)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(finding, column, checkpoint)
        if role == Qt.ItemDataRole.ToolTipRole and column == "text" and checkpoint is not None:
            return checkpoint.text
        if role == Qt.ItemDataRole.ToolTipRole and column == "verdict" and finding.verdict:
            return core(VERDICT_LABELS[finding.verdict])
        if role == Qt.ItemDataRole.ForegroundRole and column == "verdict" and finding.verdict:
            return QBrush(state_text_colour(_verdict_state(finding.verdict)))
        if role == Qt.ItemDataRole.DecorationRole and column == "code":
            return state_icon(state_of([finding]))
        return None

    def _display(self, finding: Finding, column: str, checkpoint: Any) -> Any:
        if column == "code":
            return finding.checkpoint_code
        if column == "channel":
            return tr(SHORT_CHANNELS[finding.channel]) if finding.channel else ""
        if column == "text":
            return checkpoint.text if checkpoint is not None else tr("(point absent de la grille)")
        if column == "verdict":
            return tr(SHORT_LABELS[finding.verdict]) if finding.verdict else tr("à renseigner")
        if column == "value":
            if finding.measured_value is None or checkpoint is None or checkpoint.measure is None:
                return ""
            value = number_text(finding.measured_value)
            return f"{value} {core(UNIT_LABELS[checkpoint.measure.unit])}"
        return str(finding.evidence_count) if finding.evidence_count else ""


def _verdict_state(verdict: Verdict) -> str:
    if verdict.is_nonconformity:
        return "nc"
    if verdict is Verdict.POINT_SENSIBLE:
        return "sensible"
    return "done"
