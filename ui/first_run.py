"""The first run: who the auditor is, where the workspace lives, the signing identity, and
what to open first.

Shown once, when the app starts with no workspace given and has never been set up. What it
asks is kept in QSettings (the name recorded in the journal, the workspace folder, the
identity file), so the journal never says « root » and the report dialog knows the identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ui import dialogs, i18n
from ui.i18n import core

DONE_KEY = "first_run/done"
NAME_KEY = "user/name"
EMAIL_KEY = "user/email"
ORGANISATION_KEY = "user/organisation"
WORKSPACE_KEY = "workspace/path"
IDENTITY_KEY = "identity/path"
# The wizard's result when the language was changed on its first page: shown again in it.
NEW_LANGUAGE = 2


def needed() -> bool:
    return not QSettings().value(DONE_KEY, False, type=bool)


def saved_actor() -> str | None:
    name = QSettings().value(NAME_KEY, "", type=str)
    return name or None


def saved_workspace() -> Path | None:
    path = QSettings().value(WORKSPACE_KEY, "", type=str)
    return Path(path) if path else None


@dataclass(frozen=True)
class FirstRunResult:
    workspace: Path
    name: str
    then: str  # "demo", "new" or "start"


class _Problem(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet("color: palette(highlight); font-weight: bold")
        self.setAccessibleName(self.tr("Problème à corriger"))


class WhoPage(QWizardPage):
    language_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Bienvenue"))
        self.setSubTitle(self.tr(
            "Votre nom accompagne chaque constat et chaque modification du journal : "
            "indiquez-le comme il doit figurer dans les rapports."
        ))  # fmt: skip
        form = QFormLayout(self)
        # First, in both languages: a reader of either finds it before anything else.
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(i18n.LANGUAGES).index(i18n.current_language()))
        self.language.setAccessibleName(self.tr("Langue de l'interface – Language"))
        self.language.activated.connect(self._on_language_activated)
        form.addRow(self.tr("&Langue – Language :"), self.language)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Prénom et nom"))
        self.email = QLineEdit()
        self.email.setAccessibleName(self.tr("Adresse électronique"))
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName(self.tr("Organisme certificateur"))
        self.problem = _Problem()
        form.addRow(self.tr("Prénom et &nom :"), self.name)
        form.addRow(self.tr("&Courriel :"), self.email)
        form.addRow(self.tr("&Organisme :"), self.organisation)
        form.addRow(self.problem)
        self.registerField("name*", self.name)

    @Slot(int)
    def _on_language_activated(self, index: int) -> None:
        lang = str(self.language.itemData(index))
        if lang != i18n.current_language():
            self.language_chosen.emit(lang)

    def validatePage(self) -> bool:
        if len(self.name.text().split()) < 2:
            self.problem.setText(self.tr("Indiquez votre prénom et votre nom."))
            return False
        email = self.email.text().strip()
        if email and ("@" not in email or not email.isascii()):
            self.problem.setText(self.tr(
                "Adresse électronique invalide (sans accent, comme dans votre messagerie)."
            ))  # fmt: skip
            return False
        self.problem.clear()
        return True


class WorkspacePage(QWizardPage):
    def __init__(self, default: Path) -> None:
        super().__init__()
        self.setTitle(self.tr("Espace de travail"))
        self.setSubTitle(self.tr(
            "Vos audits, photos et sauvegardes y sont enregistrés. Gardez-le sur le disque de "
            "l'ordinateur (pas dans un dossier synchronisé) : il est enregistré à chaque saisie."
        ))  # fmt: skip
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(str(default))
        self.path.setAccessibleName(self.tr("Dossier de l'espace de travail"))
        browse = QPushButton(self.tr("&Choisir…"))
        browse.setAccessibleName(self.tr("Choisir le dossier de l'espace de travail"))
        browse.clicked.connect(self._on_browse_clicked)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.problem = _Problem()
        layout.addWidget(self.problem)
        layout.addStretch(1)

    @Slot()
    def _on_browse_clicked(self) -> None:
        chosen = dialogs.choose_directory(self, self.tr("Dossier de l'espace de travail"))
        if chosen is not None:
            self.path.setText(str(chosen))

    def workspace(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def validatePage(self) -> bool:
        folder = self.workspace()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / ".write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            self.problem.setText(self.tr("Impossible d'écrire dans {0} : {1}").format(
                folder, exc.strerror or exc))  # fmt: skip
            return False
        self.problem.clear()
        return True


class IdentityPage(QWizardPage):
    """Create a key and certificate, import a PKCS#12 from the certification body, or later."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Identité de signature"))
        self.setSubTitle(self.tr(
            "Elle signe vos rapports et vos paquets d'audit. La phrase de passe la protège : "
            "elle vous sera demandée à chaque signature et ne peut pas être récupérée."
        ))  # fmt: skip
        layout = QVBoxLayout(self)
        self.create = QRadioButton(self.tr("C&réer une identité (clé et certificat)"))
        self.import_ = QRadioButton(self.tr("&Importer un fichier .p12 fourni par l'organisme"))
        self.later = QRadioButton(self.tr("Plus &tard"))
        self.create.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.create, self.import_, self.later):
            group.addButton(button)
            layout.addWidget(button)
        form = QFormLayout()
        self.file = QLineEdit()
        self.file.setAccessibleName(self.tr("Fichier .p12 à importer"))
        browse = QPushButton(self.tr("Parcourir…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)  # aligned with the passphrase fields below
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.file_row = QWidget()
        self.file_row.setLayout(row)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Phrase de passe"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Phrase de passe, encore"))
        form.addRow(self.tr("Fichier :"), self.file_row)
        form.addRow(self.tr("&Phrase de passe :"), self.passphrase)
        form.addRow(self.tr("Encore une &fois :"), self.confirm)
        layout.addLayout(form)
        self.problem = _Problem()
        self.done = QLabel()
        self.done.setWordWrap(True)
        layout.addWidget(self.problem)
        layout.addWidget(self.done)
        layout.addStretch(1)
        for button in (self.create, self.import_, self.later):
            button.toggled.connect(self._update)
        self._update()
        self.identity_path: Path | None = None

    @Slot()
    def _update(self) -> None:
        self.file_row.setEnabled(self.import_.isChecked())
        self.passphrase.setEnabled(not self.later.isChecked())
        self.confirm.setEnabled(self.create.isChecked())

    @Slot()
    def _on_browse_clicked(self) -> None:
        chosen = dialogs.open_file(self, self.tr("Identité à importer"),
                                   self.tr("Identités PKCS#12 (*.p12 *.pfx)"))  # fmt: skip
        if chosen is not None:
            self.file.setText(str(chosen))
            self.import_.setChecked(True)

    def validatePage(self) -> bool:
        from auditor_app.identity.certificate import (
            IdentityError,
            create_identity,
            identities_dir,
            import_identity,
        )

        if self.later.isChecked():
            return True
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        secret = self.passphrase.text().encode("utf-8")
        folder = identities_dir(wizard.workspace_page.workspace())
        try:
            if self.create.isChecked():
                if len(self.passphrase.text()) < 8:
                    raise IdentityError(
                        self.tr("choisissez une phrase de passe d'au moins 8 caractères")
                    )
                if self.passphrase.text() != self.confirm.text():
                    raise IdentityError(self.tr("les deux phrases de passe diffèrent"))
                who = wizard.who_page
                name = who.name.text().strip()
                stem = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
                target = folder / ((stem or self.tr("identite")) + ".p12")
                folder.mkdir(parents=True, exist_ok=True)
                ident = create_identity(name, who.email.text().strip(),
                                        who.organisation.text().strip(), target, secret,
                                        overwrite=False)  # fmt: skip
            else:
                ident = import_identity(Path(self.file.text().strip()), secret, folder)
        except IdentityError as exc:
            self.problem.setText(self.tr("Identité : {0}").format(core(str(exc))))
            return False
        self.identity_path = ident.path
        self.problem.clear()
        self.done.setText(self.tr("Identité prête. Empreinte : {0}").format(ident.fingerprint))
        return True


class StartChoicePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Pour commencer"))
        layout = QVBoxLayout(self)
        self.demo = QRadioButton(self.tr("Découvrir l'application sur l'audit de &démonstration"))
        self.new = QRadioButton(self.tr("Créer un &nouvel audit"))
        self.start = QRadioButton(self.tr("Aller à la liste des &audits"))
        self.demo.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.demo, self.new, self.start):
            group.addButton(button)
            layout.addWidget(button)
        hint = QLabel(self.tr(
            "L'aide (F1) présente les raccourcis clavier ; vos réglages restent modifiables."
        ))  # fmt: skip
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)

    def choice(self) -> str:
        if self.demo.isChecked():
            return "demo"
        return "new" if self.new.isChecked() else "start"


class FirstRunWizard(QWizard):
    def __init__(self, default_workspace: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Premier lancement — Audit Services Publics +"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(640, 460)
        self.who_page = WhoPage()
        self.workspace_page = WorkspacePage(default_workspace)
        self.identity_page = IdentityPage()
        self.start_page = StartChoicePage()
        for page in (self.who_page, self.workspace_page, self.identity_page, self.start_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Commencer"))
        self.chosen_language = i18n.current_language()
        self.who_page.language_chosen.connect(self._on_language_chosen)

    @Slot(str)
    def _on_language_chosen(self, lang: str) -> None:
        self.chosen_language = lang
        # QDialog's done(), not QWizard's: the wizard's would first validate the page (a
        # name not typed yet) and stay open, in the old language.
        QDialog.done(self, NEW_LANGUAGE)  # run_first_run shows it again in that language

    def typed(self) -> tuple[str, str, str]:
        page = self.who_page
        return page.name.text(), page.email.text(), page.organisation.text()

    def retype(self, typed: tuple[str, str, str]) -> None:
        page = self.who_page
        for field, text in zip((page.name, page.email, page.organisation), typed, strict=True):
            field.setText(text)

    def result_value(self) -> FirstRunResult:
        return FirstRunResult(self.workspace_page.workspace(), self.who_page.name.text().strip(),
                              self.start_page.choice())  # fmt: skip

    def save(self) -> None:
        settings = QSettings()
        settings.setValue(NAME_KEY, self.who_page.name.text().strip())
        settings.setValue(EMAIL_KEY, self.who_page.email.text().strip())
        settings.setValue(ORGANISATION_KEY, self.who_page.organisation.text().strip())
        settings.setValue(WORKSPACE_KEY, str(self.workspace_page.workspace()))
        if self.identity_page.identity_path is not None:
            settings.setValue(IDENTITY_KEY, str(self.identity_page.identity_path))
        settings.setValue(DONE_KEY, True)
        settings.sync()


def run_first_run(default_workspace: Path) -> FirstRunResult | None:
    """Show the wizard (modal); save and return what was chosen, or None if cancelled."""
    wizard = FirstRunWizard(default_workspace)
    while (code := wizard.exec()) == NEW_LANGUAGE:
        # Another language: saved, put in place, and the wizard again with what was typed.
        i18n.save_language(wizard.chosen_language)
        i18n.switch(QApplication.instance(), wizard.chosen_language)
        typed = wizard.typed()
        wizard = FirstRunWizard(default_workspace)
        wizard.retype(typed)
    if code != QWizard.DialogCode.Accepted:
        return None
    wizard.save()
    return wizard.result_value()
