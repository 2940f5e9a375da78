"""The synthesis: where the audit stands, what level it earns, and what still blocks signing.

Everything comes from one :class:`auditor_app.overview.AuditOverview`, computed when the
page is shown and again, debounced, when a finding or the audit's data change while it
is on screen (some tens of ms for a large audit: never on every keystroke).
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audit import scoring, surveys
from auditor_app.audit.readiness import Blocker, BlockerKind
from auditor_app.overview import BLOCKER_LABELS, STATUS_LABELS, AuditOverview, overview
from auditor_app.store.workspace import StoreError
from ui.i18n import core, percent_text
from ui.session import Session
from ui.widgets.matrix import (
    MatrixLegend,
    MatrixModel,
    ProgressDelegate,
    RotatedHeaderView,
    TallyTableModel,
)

REFRESH_DEBOUNCE_MS = 400
Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2


class BlockerListModel(QAbstractListModel):
    """The readiness check's blockers, one row each (message; kind and finding id as roles)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._blockers: list[Blocker] = []

    def set_blockers(self, blockers: list[Blocker]) -> None:
        self.beginResetModel()
        self._blockers = list(blockers)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._blockers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        blocker = self._blockers[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return core(blocker.message)
        if role == KIND_ROLE:
            return blocker.kind.value
        if role == FINDING_ROLE:
            return blocker.finding_id
        return None


def _table(model: TallyTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(30)
    view.setItemDelegateForColumn(2, ProgressDelegate(view))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(2, 160)
    return view


def _scrolling_label() -> tuple[QScrollArea, QLabel]:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setContentsMargins(8, 8, 8, 8)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(label)
    return area, label


class SynthesisPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.overview: AuditOverview | None = None

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.level = QLabel()
        self.level.setWordWrap(True)
        self.level.setAccessibleName(self.tr("Niveau proposé"))
        level_font = self.level.font()
        level_font.setBold(True)
        self.level.setFont(level_font)
        self.blockers_button = QPushButton()
        self.blockers_button.setAccessibleName(self.tr("Voir les points bloquants"))
        self.blockers_button.clicked.connect(self._on_blockers_button_clicked)

        self.engagement_model = TallyTableModel(self.tr("Engagement"), self)
        self.site_model = TallyTableModel(self.tr("Site"), self)
        self.matrix_model = MatrixModel(self)
        self.blocker_model = BlockerListModel(self)
        self.blocker_proxy = QSortFilterProxyModel(self)
        self.blocker_proxy.setSourceModel(self.blocker_model)
        self.blocker_proxy.setFilterRole(KIND_ROLE)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parties de la synthèse"))
        self.engagement_view = _table(self.engagement_model, self.tr("Résultats par engagement"))
        self.site_view = _table(self.site_model, self.tr("Résultats par site"))
        self.tabs.addTab(self.engagement_view, self.tr("Par engagement"))
        self.tabs.addTab(self.site_view, self.tr("Par site"))
        self.tabs.addTab(self._build_matrix_tab(), self.tr("Critères × sites"))
        level_area, self.level_details = _scrolling_label()
        self.level_details.setAccessibleName(self.tr("Règle du niveau proposé"))
        self.tabs.addTab(level_area, self.tr("Niveau proposé"))
        survey_area, self.survey_details = _scrolling_label()
        self.survey_details.setAccessibleName(self.tr("Indicateurs d'enquête"))
        self.tabs.addTab(survey_area, self.tr("Enquête usagers"))
        blockers_title = self.tr("Avant signature")
        self.blockers_tab = self.tabs.addTab(self._build_blockers_tab(), blockers_title)

        header = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.facts)
        text.addWidget(self.level)
        header.addLayout(text, 1)
        header.addWidget(self.blockers_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DEBOUNCE_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        session.finding_changed.connect(self._on_session_finding_changed)
        session.audit_data_changed.connect(self._on_session_audit_data_changed)
        session.audit_opened.connect(self._on_session_audit_opened)
        self._show_empty(self.tr("Ouvrez un audit pour voir sa synthèse."))

    def _build_matrix_tab(self) -> QWidget:
        self.matrix_view = QTableView()
        self.matrix_view.setHorizontalHeader(RotatedHeaderView(parent=self.matrix_view))
        self.matrix_view.setModel(self.matrix_model)
        self.matrix_view.setAccessibleName(self.tr("Matrice critères × sites"))
        self.matrix_view.setTabKeyNavigation(False)
        self.matrix_view.setWordWrap(False)
        self.matrix_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.matrix_view.verticalHeader().setDefaultSectionSize(26)
        self.matrix_view.selectionModel().currentChanged.connect(self._on_matrix_current_changed)
        self.matrix_details = QLabel(self.tr("Choisissez une case pour voir son détail."))
        self.matrix_details.setWordWrap(True)
        self.matrix_details.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(MatrixLegend())
        layout.addWidget(self.matrix_view, 1)
        layout.addWidget(self.matrix_details)
        return tab

    def _build_blockers_tab(self) -> QWidget:
        self.blocker_filter = QComboBox()
        self.blocker_filter.setAccessibleName(self.tr("Type de point bloquant à afficher"))
        self.blocker_filter.currentIndexChanged.connect(self._on_blocker_filter_changed)
        self.open_button = QPushButton(self.tr("&Ouvrir le constat"))
        self.open_button.setAccessibleName(self.tr("Ouvrir le constat dans le parcours"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.blocker_view = QListView()
        self.blocker_view.setModel(self.blocker_proxy)
        self.blocker_view.setAccessibleName(self.tr("Points qui bloquent la signature"))
        self.blocker_view.setWordWrap(True)
        self.blocker_view.setUniformItemSizes(False)
        self.blocker_view.setAlternatingRowColors(True)
        self.blocker_view.setSpacing(4)  # rows a finger can hit
        self.blocker_view.activated.connect(self._on_blocker_view_activated)
        self.blocker_view.selectionModel().currentChanged.connect(self._on_blocker_current_changed)
        self.blockers_empty = QLabel(self.tr("Rien ne bloque la signature du rapport."))
        self.blockers_empty.hide()
        hint = QLabel(
            self.tr("Entrée ou double-clic : ouvrir le constat dans le parcours pour le corriger.")
        )
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Afficher :")))
        top.addWidget(self.blocker_filter, 1)
        top.addWidget(self.open_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.blockers_empty)
        layout.addWidget(self.blocker_view, 1)
        return tab

    # -- refreshing ------------------------------------------------------------------------

    def activate(self) -> None:
        """Called when the page is shown: recompute the overview now."""
        self.refresh()

    def refresh(self) -> None:
        self._refresh_timer.stop()
        audit_id = self.session.audit_id
        if audit_id is None:
            self._show_empty(self.tr("Ouvrez un audit pour voir sa synthèse."))
            return
        try:
            # A read: no "saved" to announce, so not through session.call.
            result = overview(self.session.ws, audit_id)
        except (StoreError, ValueError) as exc:
            self._show_empty(self.tr("Synthèse impossible : {0}").format(core(str(exc))))
            return
        self.overview = result
        self._show_header(result)
        self._show_tables(result)
        self._show_level(result)
        self._show_surveys(result)
        self._show_blockers(result)

    def _show_empty(self, message: str) -> None:
        self.overview = None
        self.title.setText(self.tr("Synthèse"))
        self.facts.setText(message)
        self.level.clear()
        self.blockers_button.hide()
        self.tabs.setEnabled(False)

    def _show_header(self, ov: AuditOverview) -> None:
        audit, total = ov.audit, ov.total
        self.title.setText(self.tr("Synthèse — {0}").format(audit.reference))
        template = self.tr(
            "{0} · grille {1} · statut : {2} · {3} sites · {4} constats renseignés sur {5} "
            "({6}) · conformité {7} · {8} photos · {9} tests mystère"
        )
        values = (
            audit.organisation, ov.referential.key, core(STATUS_LABELS.get(audit.status, "")),
            len(ov.site_names), total.answered, total.expected, _share(total.progress),
            _share(total.conformity_rate), ov.photos, ov.mystery_tests,
        )  # fmt: skip
        self.facts.setText(template.format(*values))
        level = core(ov.proposal.summary)
        if audit.target_level is not None:
            target = core(scoring.LEVEL_LABELS[audit.target_level])
            level += " " + self.tr("Niveau visé : {0}.").format(target)
        self.level.setText(level)
        count = len(ov.blockers)
        if count > 1:
            text = self.tr("{0} points bloquent la signature").format(count)
        elif count == 1:
            text = self.tr("1 point bloque la signature")
        else:
            text = self.tr("Rien ne bloque la signature")
        self.blockers_button.setText(text)
        self.blockers_button.setVisible(True)
        self.tabs.setEnabled(True)
        self.tabs.setTabText(self.blockers_tab, self.tr("Avant signature ({0})").format(count))

    def _show_tables(self, ov: AuditOverview) -> None:
        ref = ov.referential
        titles = {str(e.number): f"{e.number}. {e.title}" for e in ref.engagements}
        self.engagement_model.set_rows(
            [(key, titles.get(key, key), t) for key, t in ov.by_engagement.items()]
        )
        places = [*ov.site_names.items(), ("", self.tr("Organisation et dispositifs d'aide"))]
        self.site_model.set_rows(
            [(sid, name, ov.by_site[sid]) for sid, name in places if sid in ov.by_site]
        )
        criteria = [(c.code, c.title) for e in ref.engagements for c in e.criteria]
        self.matrix_model.set_matrix(scoring.matrix(ov.findings, ref), criteria, places)
        widest = max(self.matrix_model.widest_text(), "88/88", key=len)
        width = self.fontMetrics().horizontalAdvance("".join("8" if c.isdigit() else c
                                                             for c in widest)) + 12  # fmt: skip
        self.matrix_view.horizontalHeader().setDefaultSectionSize(width)
        self.matrix_details.setText(self.tr("Choisissez une case pour voir son détail."))

    def _show_level(self, ov: AuditOverview) -> None:
        proposal = ov.proposal
        parts = [f"<h3>{escape(core(proposal.summary))}</h3>"]
        for assessment in proposal.levels:
            state = self.tr("atteint") if assessment.reached else self.tr("non atteint")
            parts.append(f"<h4>{escape(core(assessment.label))} — {escape(state)}</h4><ul>")
            for check in assessment.checks:
                mark = "✔" if check.met else "✘"
                verdict = self.tr("respectée") if check.met else self.tr("non respectée")
                line = self.tr("{0} <b>{1}</b> ({2}) : {3}").format(
                    mark, escape(core(check.description)), escape(verdict),
                    escape(core(check.detail)),
                )  # fmt: skip
                parts.append(f"<li>{line}</li>")
            parts.append("</ul>")
        origin = (
            self.tr("règle publiée")
            if proposal.rule_source == "published"
            else self.tr("règle par défaut de l'application, modifiable dans la grille")
        )
        rule = self.tr("Règle appliquée ({0}) :").format(origin)
        parts.append(f"<p><b>{escape(rule)}</b> {escape(proposal.rule_note or '–')}</p>")
        self.level_details.setText("".join(parts))

    def _show_surveys(self, ov: AuditOverview) -> None:
        if not ov.indicators:
            self.survey_details.setText(
                escape(self.tr("Aucune enquête usagers saisie : renseignez-la dans « Enquêtes »."))
            )
            return
        headings = [
            self.tr("Question"), self.tr("Part de satisfaits (IC 95 %)"),
            self.tr("Comparaison à la référence nationale"),
        ]  # fmt: skip
        rows = ["<tr>" + "".join(f"<th align='left'>{escape(h)}</th>" for h in headings) + "</tr>"]
        for indicator in ov.indicators:
            rows.append(
                f"<tr><td>{escape(indicator.question or core(indicator.label))}</td>"
                f"<td>{escape(core(surveys.format_indicator(indicator)))}</td>"
                f"<td>{escape(core(surveys.compare_to_reference(indicator)))}</td></tr>"
            )
        self.survey_details.setText(
            f"<table cellspacing='0' cellpadding='6'>{''.join(rows)}</table>"
        )

    def _show_blockers(self, ov: AuditOverview) -> None:
        # Problems to fix first; unanswered points are listed last, being the longest list.
        ordered = sorted(ov.blockers, key=lambda b: b.kind == BlockerKind.UNANSWERED)
        self.blocker_model.set_blockers(ordered)
        kept = self.blocker_filter.currentData() or ""
        counts: dict[str, int] = {}
        for blocker in ordered:
            counts[blocker.kind.value] = counts.get(blocker.kind.value, 0) + 1
        self.blocker_filter.blockSignals(True)
        self.blocker_filter.clear()
        self.blocker_filter.addItem(
            self.tr("Tous les points bloquants ({0})").format(len(ordered)), ""
        )
        for kind, n in counts.items():
            label = core(BLOCKER_LABELS.get(BlockerKind(kind), kind))
            self.blocker_filter.addItem(f"{label[:1].upper()}{label[1:]} ({n})", kind)
        self.blocker_filter.setCurrentIndex(max(self.blocker_filter.findData(kept), 0))
        self.blocker_filter.blockSignals(False)
        self._apply_blocker_filter()
        self.blockers_empty.setVisible(not ordered)
        self.blocker_view.setVisible(bool(ordered))

    def _apply_blocker_filter(self) -> None:
        kind = self.blocker_filter.currentData() or ""
        pattern = f"^{QRegularExpression.escape(kind)}$" if kind else ""
        self.blocker_proxy.setFilterRegularExpression(pattern)
        self.open_button.setEnabled(self.blocker_view.currentIndex().isValid())

    def _schedule_refresh(self) -> None:
        if self.isVisible():
            self._refresh_timer.start()  # restarts: one refresh after a burst of changes

    # -- handlers ----------------------------------------------------------------------------

    @Slot(str)
    def _on_session_finding_changed(self, fid: str) -> None:
        self._schedule_refresh()

    @Slot()
    def _on_session_audit_data_changed(self) -> None:
        self._schedule_refresh()

    @Slot(str)
    def _on_session_audit_opened(self, audit_id: str) -> None:
        self.overview = None
        self._schedule_refresh()

    @Slot()
    def _on_refresh_timer_timeout(self) -> None:
        self.refresh()

    @Slot()
    def _on_blockers_button_clicked(self) -> None:
        self.tabs.setCurrentIndex(self.blockers_tab)
        self.blocker_view.setFocus()

    @Slot(int)
    def _on_blocker_filter_changed(self, row: int) -> None:
        self._apply_blocker_filter()

    @Slot(QModelIndex, QModelIndex)
    def _on_blocker_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.open_button.setEnabled(current.isValid())

    @Slot(QModelIndex)
    def _on_blocker_view_activated(self, index: QModelIndex) -> None:
        fid = index.data(FINDING_ROLE)
        if fid:
            self.session.show_finding(fid)

    @Slot()
    def _on_open_button_clicked(self) -> None:
        self._on_blocker_view_activated(self.blocker_view.currentIndex())

    @Slot(QModelIndex, QModelIndex)
    def _on_matrix_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.matrix_details.setText(self.matrix_model.describe(current.row(), current.column()))


def _share(value: float | None) -> str:
    """A share as a percentage written the interface's way (« 75,6 % », « 75.6% »)."""
    return "–" if value is None else percent_text(value)
