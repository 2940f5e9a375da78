"""The new-audit wizard: organisation and grid, team, sites, channels and aid schemes, summary.

Each page checks its own input and says in French what to correct; on finish the audit
is created in one core call and opened.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from auditor_app.audit.calendar import ALSACE_MOSELLE_DEPARTMENTS
from auditor_app.audit.cells import expected_findings
from auditor_app.audit.model import AidScheme, Audit, Site, TeamMember, new_id
from auditor_app.referential.loader import (
    DEFAULT_REFERENTIAL_ID,
    ReferentialError,
    bundled_referentials,
    load_referential,
    version_key,
)
from auditor_app.referential.model import CHANNEL_LABELS, Channel, Level, Referential
from auditor_app.sites_import import (
    SITE_CHANNELS,
    SiteRow,
    import_sites,
    normalise_department,
    site_problems,
)
from auditor_app.store import audits as audit_store
from auditor_app.store.workspace import StoreError
from ui import dialogs
from ui.i18n import core, interface_locale, tr
from ui.session import Session
from ui.widgets.site_table import TOUCH_HEIGHT, Column, RecordTable, RecordTableModel
from ui.workers import Worker, run_job

W = TypeVar("W", bound=QWidget)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SCHEME_CHANNELS = (
    Channel.ONLINE_PROCEDURE,
    Channel.WEBSITE,
    Channel.EMAIL,
    Channel.MAIL,
    Channel.PHONE,
    Channel.COUNTER,
)
DATE_FORMAT = "dd/MM/yyyy"


class _Page(QWizardPage):
    """A wizard page with a place to say, in plain words, what must be corrected."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("À corriger"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(warning.pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.problems = QWidget()
        row = QHBoxLayout(self.problems)
        row.setContentsMargins(0, 4, 0, 0)
        row.addWidget(self.icon)
        row.addWidget(self.message, 1)
        self.problems.hide()
        self.body = QVBoxLayout(self)

    def finish_layout(self) -> None:
        self.body.addWidget(self.problems)

    def show_problems(self, problems: Sequence[str], focus: QWidget | None = None) -> bool:
        """Show the problems (if any); True when there is none, so the wizard may go on."""
        self.message.setText("\n".join(f"• {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        if problems and focus is not None:
            focus.setFocus()
        return not problems

    def wizard_(self) -> NewAuditWizard:
        wizard = self.wizard()
        assert isinstance(wizard, NewAuditWizard)
        return wizard


def _sized(widget: W) -> W:
    widget.setMinimumHeight(TOUCH_HEIGHT - 4)
    return widget


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AuditPage(_Page):
    """Who is audited, for whom, why, when, against which grid and level."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            self.tr("L'audit"),
            self.tr(
                "Organisation auditée, commanditaire, référence, dates et grille. "
                "Les champs marqués * sont obligatoires."
            ),
        )
        self.session = session
        self.bundled: dict[str, Referential] = {}
        self.grids_loaded = False
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(self.tr("ex. Région Grand Est"))
        self.client = QLineEdit()
        self.client.setPlaceholderText(
            self.tr("qui commande l'audit, si ce n'est pas l'organisation")
        )
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("ex. SPP-2026-014"))
        self.objectives = QPlainTextEdit()
        self.scope = QPlainTextEdit()
        for edit in (self.objectives, self.scope):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(TOUCH_HEIGHT * 2)
        self.start = self._date_edit(QDate.currentDate())
        self.end = self._date_edit(QDate.currentDate().addDays(14))
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        until = QLabel(self.tr("au"))
        dates.addWidget(until)
        dates.addWidget(self.end)
        dates.addStretch(1)
        self.level = QComboBox()
        for level, name in (
            (Level.BRONZE, self.tr("Bronze")),
            (Level.ARGENT, self.tr("Argent")),
            (Level.OR, self.tr("Or")),
        ):
            self.level.addItem(name, level)
        self.grid = QComboBox()
        self.grid_status = QLabel(self.tr("Lecture des grilles fournies avec l'application…"))
        self.grid_status.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget | QHBoxLayout]] = [
            (self.tr("&Organisation auditée *"), self.organisation),
            (self.tr("&Commanditaire"), self.client),
            (self.tr("&Référence de l'audit *"), self.reference),
            (self.tr("O&bjectifs"), self.objectives),
            (self.tr("&Périmètre"), self.scope),
            (self.tr("&Dates : du"), dates),
            (self.tr("&Niveau visé"), self.level),
            (self.tr("&Grille d'audit *"), self.grid),
        ]
        for text, field in rows:
            label = QLabel(text)
            target = self.start if isinstance(field, QHBoxLayout) else field
            label.setBuddy(target)
            target.setAccessibleName(text.replace("&", "").rstrip(" *:"))
            if isinstance(target, QLineEdit | QComboBox):
                _sized(target)
            form.addRow(label, field)
        self.end.setAccessibleName(self.tr("Date de fin"))
        self.start.setAccessibleName(self.tr("Date de début"))
        form.addRow("", self.grid_status)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.finish_layout()
        self._fill_grids()
        self._job: Worker = run_job(
            lambda progress, cancelled: [load_referential(p) for p in bundled_referentials()],
            self._on_bundled_loaded,
            self._on_bundled_failed,
        )

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        edit.setLocale(interface_locale())
        _sized(edit)
        return edit

    def _fill_grids(self) -> None:
        """Grids of the workspace, then bundled ones not in it yet; the newest default first."""
        current = self.grid.currentData()
        stored = audit_store.list_referentials(self.session.ws)
        choices = {g["key"]: (g["grid_id"], g["version"], g["title"], "") for g in stored}
        for key, ref in self.bundled.items():
            choices.setdefault(key, (ref.id, ref.version, ref.title, self.tr(" (fournie)")))
        self.grid.clear()
        for key, (_, version, title, note) in choices.items():
            self.grid.addItem(self.tr("{0} — version {1}{2}").format(title, version, note), key)
        default = max(
            choices.items(),
            key=lambda kv: (kv[1][0] == DEFAULT_REFERENTIAL_ID, version_key(kv[1][1])),
            default=None,
        )
        wanted = current or (default[0] if default else None)
        self.grid.setCurrentIndex(max(0, self.grid.findData(wanted)))

    @Slot(object)
    def _on_bundled_loaded(self, grids: list[Referential]) -> None:
        self.bundled = {ref.key: ref for ref in grids}
        self.grids_loaded = True
        self.grid_status.setText(
            self.tr(
                "Une grille « fournie » est copiée dans l'espace de travail à la création de "
                "l'audit ; l'audit la garde telle quelle, même si une nouvelle version paraît."
            )
        )
        self._fill_grids()

    @Slot(str)
    def _on_bundled_failed(self, message: str) -> None:
        self.grids_loaded = True
        self.grid_status.setText(
            self.tr("Les grilles fournies n'ont pas pu être lues : {0}").format(core(message))
        )

    def grid_to_add(self) -> Referential | None:
        """The chosen grid when it is bundled and not yet in the workspace."""
        key = self.grid.currentData()
        stored = {g["key"] for g in audit_store.list_referentials(self.session.ws)}
        return None if key in stored else self.bundled.get(key)

    def validatePage(self) -> bool:
        problems: list[str] = []
        focus: QWidget | None = None
        if not self.organisation.text().strip():
            problems.append(self.tr("Indiquez l'organisation auditée."))
            focus = self.organisation
        reference = self.reference.text().strip()
        if not reference:
            problems.append(self.tr("La référence de l'audit est obligatoire."))
            focus = focus or self.reference
        elif audit_store.reference_in_use(self.session.ws, reference):
            problems.append(
                self.tr(
                    "La référence « {0} » est déjà celle d'un autre audit de cet espace de "
                    "travail : choisissez-en une autre."
                ).format(reference)
            )
            focus = focus or self.reference
        if self.end.date() < self.start.date():
            problems.append(
                self.tr("La date de fin ({0}) précède la date de début ({1}).").format(
                    self.end.date().toString(DATE_FORMAT), self.start.date().toString(DATE_FORMAT)
                )
            )
            focus = focus or self.end
        if self.grid.currentData() is None:
            problems.append(self.tr("Choisissez la grille d'audit."))
            focus = focus or self.grid
        return self.show_problems(problems, focus)


class TeamPage(_Page):
    """The lead auditor and the auditors."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            self.tr("L'équipe d'audit"),
            self.tr(
                "Le responsable d'audit signe le rapport ; les auditeurs relèvent les constats "
                "sur le terrain."
            ),
        )
        self.lead_name = _sized(QLineEdit(session.ws.actor))
        self.lead_email = _sized(QLineEdit())
        self.lead_email.setPlaceholderText(self.tr("prenom.nom@organisme.fr"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (
            (self.tr("&Responsable d'audit *"), self.lead_name),
            (self.tr("&Courriel du responsable"), self.lead_email),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(" *"))
            form.addRow(label, field)
        self.auditors = RecordTableModel(
            [Column("name", self.tr("Nom")), Column("email", self.tr("Courriel"))],
            [],
            lambda: TeamMember("", "auditor"),
        )
        self.table = RecordTable(
            self.auditors,
            self.tr("Auditeurs"),
            self.tr("&Ajouter un auditeur"),
            self.tr("Re&tirer l'auditeur"),
            self.tr("Aucun autre auditeur : le responsable d'audit est seul pour l'instant."),
        )
        group = QGroupBox(self.tr("Auditeurs"))
        QVBoxLayout(group).addWidget(self.table)
        self.body.addLayout(form)
        self.body.addWidget(group, 1)
        self.finish_layout()

    def team(self) -> tuple[TeamMember, ...]:
        lead = TeamMember(self.lead_name.text().strip(), "lead", self.lead_email.text().strip())
        others = [m for m in self.auditors.records() if m.name or m.email]
        return (lead, *others)

    def validatePage(self) -> bool:
        self.table.commit_edits()
        problems: list[str] = []
        focus: QWidget | None = None
        if not self.lead_name.text().strip():
            problems.append(self.tr("Indiquez le nom du responsable d'audit."))
            focus = self.lead_name
        seen: set[str] = set()
        for n, member in enumerate(self.team()):
            who = member.name or self.tr("auditeur n° {0}").format(n)
            if member.role == "auditor" and not member.name:
                problems.append(self.tr("Le nom de l'auditeur n° {0} manque.").format(n))
            elif member.name.casefold() in seen:
                problems.append(self.tr("{0} figure deux fois dans l'équipe.").format(who))
            seen.add(member.name.casefold())
            if member.email and not EMAIL.match(member.email):
                problems.append(
                    self.tr("Le courriel « {0} » de {1} n'est pas une adresse valide.").format(
                        member.email, who
                    )
                )
        if problems and focus is None:
            focus = self.table.view
        return self.show_problems(problems, focus)


class SitesPage(_Page):
    """The sites in scope, typed or imported from a spreadsheet."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            self.tr("Les sites"),
            self.tr(
                "Les lieux d'accueil du public audités et leurs canaux. Saisissez-les, ou importez "
                "un fichier CSV ou Excel (colonnes Nom, Type, Département, Adresse, Canaux)."
            ),
        )
        self.session = session
        note = QLabel(
            self.tr(
                "Le département fixe le calendrier des jours ouvrés : en Moselle (57), dans le "
                "Bas-Rhin (67) et le Haut-Rhin (68), le calendrier d'Alsace-Moselle ajoute le "
                "Vendredi saint et le 26 décembre aux jours fériés."
            )
        )
        note.setWordWrap(True)
        self.sites = RecordTableModel(
            [
                Column("name", self.tr("Nom *")),
                Column(
                    "kind",
                    self.tr("Type"),
                    self.tr("siège, antenne, maison France services…"),
                    width=170,
                ),
                Column(
                    "department",
                    self.tr("Département"),
                    self.tr(
                        "Numéro du département : 57, 67 et 68 suivent le calendrier "
                        "d'Alsace-Moselle"
                    ),
                    self._describe_department,
                    width=170,
                ),
                Column("address", self.tr("Adresse")),
            ],
            SITE_CHANNELS,
            lambda: SiteRow("", channels=SITE_CHANNELS),
        )
        self.table = RecordTable(
            self.sites,
            self.tr("Sites de l'audit"),
            self.tr("&Ajouter un site"),
            self.tr("&Retirer le site"),
            self.tr("Aucun site pour l'instant : « Ajouter un site » ou « Importer un fichier… »."),
        )
        self.import_button = QPushButton(self.tr("&Importer un fichier…"))
        self.import_button.setAccessibleName(
            self.tr("Importer des sites d'un fichier CSV ou Excel")
        )
        self.import_button.clicked.connect(self._on_import_clicked)
        self.table.add_button_widget(self.import_button)
        self._job: Worker | None = None
        self.body.addWidget(note)
        self.body.addWidget(self.table, 1)
        self.finish_layout()

    def _describe_department(self, value: str) -> str:
        try:
            code = normalise_department(value)
        except ValueError:
            return self.tr("inconnu")
        return self.tr("Alsace-Moselle") if code in ALSACE_MOSELLE_DEPARTMENTS else ""

    @Slot()
    def _on_import_clicked(self) -> None:
        path = dialogs.open_file(
            self,
            self.tr("Importer des sites"),
            self.tr("Tableaux (*.csv *.xlsx);;Tous les fichiers (*)"),
        )
        if path is None:
            return
        self.import_button.setEnabled(False)
        self.import_button.setText(self.tr("Import en cours…"))
        self._job = run_job(
            lambda progress, cancelled: import_sites(path),
            self._on_import_finished,
            self._on_import_failed,
        )

    def _import_done(self) -> None:
        self.import_button.setEnabled(True)
        self.import_button.setText(self.tr("&Importer un fichier…"))
        self._job = None

    @Slot(object)
    def _on_import_finished(self, rows: list[SiteRow]) -> None:
        self._import_done()
        blank = [i for i, r in enumerate(self.sites.records()) if not (r.name or r.address)]
        self.sites.remove(blank)
        self.sites.add_records(rows)
        self.show_problems([])

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        self._import_done()
        # One problem a line, each translated on its own.
        text = "\n".join(core(line) for line in message.split("\n"))
        dialogs.error(self, self.tr("Import des sites impossible"), text)

    def site_rows(self) -> list[SiteRow]:
        return [replace(r, department=self._department(r.department)) for r in self.sites.records()]

    @staticmethod
    def _department(value: str) -> str:
        try:
            return normalise_department(value)
        except ValueError:
            return value

    def validatePage(self) -> bool:
        self.table.commit_edits()
        rows = self.site_rows()
        problems = [core(p) for p in site_problems(rows)]
        if not rows:
            problems = [self.tr("Ajoutez au moins un site.")]
        return self.show_problems(problems, self.table.view)


class ChannelsPage(_Page):
    """Organisation-level channels and the aid schemes in scope."""

    def __init__(self) -> None:
        super().__init__(
            self.tr("Canaux de l'organisation et dispositifs d'aide"),
            self.tr(
                "Ce qui relève de l'organisation entière, et non d'un site : son site internet, "
                "ses démarches en ligne, les dispositifs d'aide audités."
            ),
        )
        self.website = _sized(QCheckBox(core(CHANNEL_LABELS[Channel.WEBSITE])))
        self.website.setChecked(True)
        self.online = _sized(QCheckBox(self.tr("Démarches en ligne")))
        group = QGroupBox(self.tr("Canaux de l'organisation"))
        row = QHBoxLayout(group)
        row.addWidget(self.website)
        row.addWidget(self.online)
        row.addStretch(1)
        self.schemes = RecordTableModel(
            [Column("name", self.tr("Nom *")), Column("description", self.tr("Description"))],
            SCHEME_CHANNELS,
            lambda: AidScheme(
                new_id(), "", "", channels=(Channel.MAIL, Channel.EMAIL, Channel.ONLINE_PROCEDURE)
            ),
        )
        self.table = RecordTable(
            self.schemes,
            self.tr("Dispositifs d'aide"),
            self.tr("&Ajouter un dispositif"),
            self.tr("&Retirer le dispositif"),
            self.tr("Aucun dispositif d'aide dans le périmètre (cette partie est facultative)."),
        )
        schemes = QGroupBox(self.tr("Dispositifs d'aide dans le périmètre (facultatif)"))
        QVBoxLayout(schemes).addWidget(self.table)
        self.body.addWidget(group)
        self.body.addWidget(schemes, 1)
        self.finish_layout()

    def channels(self) -> tuple[Channel, ...]:
        boxes = ((self.website, Channel.WEBSITE), (self.online, Channel.ONLINE_PROCEDURE))
        return tuple(channel for box, channel in boxes if box.isChecked())

    def validatePage(self) -> bool:
        self.table.commit_edits()
        problems: list[str] = []
        seen: set[str] = set()
        for n, scheme in enumerate(self.schemes.records(), start=1):
            if not scheme.name:
                problems.append(self.tr("Le nom du dispositif n° {0} manque.").format(n))
            elif scheme.name.casefold() in seen:
                problems.append(
                    self.tr("Le dispositif « {0} » figure deux fois.").format(scheme.name)
                )
            seen.add(scheme.name.casefold())
        return self.show_problems(problems, self.table.view)


class SummaryPage(_Page):
    """Everything entered, to check before the audit is created."""

    def __init__(self) -> None:
        super().__init__(
            self.tr("Récapitulatif"),
            self.tr("Vérifiez avant de créer l'audit ; « Précédent » permet de corriger."),
        )
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Récapitulatif de l'audit"))
        self.body.addWidget(self.text, 1)
        self.finish_layout()

    def initializePage(self) -> None:
        self.text.setHtml(self.wizard_().summary_html())


class NewAuditWizard(QWizard):
    audit_created = Signal(str)  # the new audit's id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audit_id = new_id()
        self.setWindowTitle(self.tr("Nouvel audit"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< &Précédent")),
            (QWizard.WizardButton.NextButton, self.tr("&Suivant >")),
            (QWizard.WizardButton.FinishButton, self.tr("&Créer l'audit")),
            (QWizard.WizardButton.CancelButton, self.tr("Annuler")),
        ):
            self.setButtonText(button, text)
            self.button(button).setMinimumHeight(TOUCH_HEIGHT)
        self.audit_page = AuditPage(session)
        self.team_page = TeamPage(session)
        self.sites_page = SitesPage(session)
        self.channels_page = ChannelsPage()
        self.summary_page = SummaryPage()
        for page in (
            self.audit_page,
            self.team_page,
            self.sites_page,
            self.channels_page,
            self.summary_page,
        ):
            self.addPage(page)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1000, screen.width() - 40), min(660, screen.height() - 60))

    def draft(self) -> tuple[Audit, list[Site], list[AidScheme]]:
        """The audit as entered so far, as core records."""
        page = self.audit_page
        audit = Audit(
            id=self.audit_id,
            referential_key=str(page.grid.currentData() or ""),
            organisation=page.organisation.text().strip(),
            reference=page.reference.text().strip(),
            client=page.client.text().strip(),
            objectives=page.objectives.toPlainText().strip(),
            scope=page.scope.toPlainText().strip(),
            start_date=_day(page.start.date()),
            end_date=_day(page.end.date()),
            team=self.team_page.team(),
            target_level=Level(page.level.currentData()),
            channels=self.channels_page.channels(),
        )
        sites = [
            Site(new_id(), audit.id, r.name, r.kind, r.department, r.address, r.channels)
            for r in self.sites_page.site_rows()
        ]
        schemes = [replace(s, audit_id=audit.id) for s in self.channels_page.schemes.records()]
        return audit, sites, schemes

    def _referential(self, key: str) -> Referential | None:
        if key in self.audit_page.bundled:
            return self.audit_page.bundled[key]
        try:
            return audit_store.referential(self.session.ws, key)
        except (StoreError, ReferentialError):
            return None  # the summary then goes without the number of findings

    def summary_html(self) -> str:
        audit, sites, schemes = self.draft()
        ref = self._referential(audit.referential_key)
        e = html.escape
        alsace = sum(s.department in ALSACE_MOSELLE_DEPARTMENTS for s in sites)
        rows: list[tuple[str, str]] = [
            (self.tr("Organisation"), e(audit.organisation)),
            (self.tr("Commanditaire"), e(audit.client) or self.tr("—")),
            (self.tr("Référence"), e(audit.reference)),
            (
                self.tr("Dates"),
                self.tr("du {0} au {1}").format(
                    self.audit_page.start.date().toString(DATE_FORMAT),
                    self.audit_page.end.date().toString(DATE_FORMAT),
                ),
            ),
            (self.tr("Niveau visé"), e(self.audit_page.level.currentText())),
            (self.tr("Grille"), e(self.audit_page.grid.currentText())),
            (self.tr("Objectifs"), e(audit.objectives) or self.tr("—")),
            (self.tr("Périmètre"), e(audit.scope) or self.tr("—")),
            (
                self.tr("Équipe"),
                "<br>".join(
                    e(m.name)
                    + (self.tr(" (responsable)") if m.role == "lead" else "")
                    + (f" &lt;{e(m.email)}&gt;" if m.email else "")
                    for m in audit.team
                ),
            ),
            (
                self.tr("Sites ({0})").format(len(sites)),
                "<br>".join(
                    e(
                        tr("{0} : {1}").format(
                            s.name + (f" – {s.department}" if s.department else ""),
                            ", ".join(core(CHANNEL_LABELS[c]).lower() for c in s.channels),
                        )
                    )
                    for s in sites
                )
                + (
                    self.tr("<br><i>{0} site(s) au calendrier d'Alsace-Moselle</i>").format(alsace)
                    if alsace
                    else ""
                ),
            ),
            (
                self.tr("Canaux de l'organisation"),
                e(", ".join(core(CHANNEL_LABELS[c]) for c in audit.channels)) or self.tr("aucun"),
            ),
            (
                self.tr("Dispositifs d'aide ({0})").format(len(schemes)),
                "<br>".join(e(s.name) for s in schemes) or self.tr("aucun"),
            ),
        ]
        if ref is not None:
            cells = len(expected_findings(audit, sites, schemes, ref))
            rows.append((self.tr("À évaluer"), self.tr("{0} constats à établir").format(cells)))
        body = "".join(
            f"<tr><th align='left' valign='top'>{k}</th><td>{v}</td></tr>" for k, v in rows
        )
        return f"<table cellspacing='0' cellpadding='4'>{body}</table>"

    def accept(self) -> None:
        audit, sites, schemes = self.draft()
        grid = self.audit_page.grid_to_add()
        ws = self.session.ws

        def create() -> Audit:
            if grid is not None:
                audit_store.add_referential(ws, grid, origin="bundled")
            return audit_store.create_audit(ws, audit, sites, schemes)

        with dialogs.busy():
            created = self.session.call(create, self.tr("Création de l'audit impossible"))
        if created is None:
            return  # the message is shown; the wizard stays open with everything entered
        super().accept()
        self.audit_created.emit(created.id)
        self.session.open_audit(created.id)
