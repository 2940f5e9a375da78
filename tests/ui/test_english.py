"""The English interface: complete, loaded, and nothing left in French.

Three nets, each catching what the others cannot:
- the catalogue against the code (``python3 -m ui.i18n check``): a string of ``ui/`` that
  lupdate finds and that has no English, a translation that lost a placeholder;
- the code against the rules: lupdate files ``self.tr`` under the class and a bare ``tr``
  under the empty context, so a dynamic ``self.tr(LABELS[k])`` or a private wrapper with
  its own context is never found at run time; an f-string in ``tr()`` never either;
- the running app in English: every page and the main dialogs built on the demo audit, every
  text a user can see or hear (labels, buttons, menus, tooltips, accessible names, headers
  and cells of the tables) compared with every French text of the catalogues: none may be
  left as it was.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from ui import i18n
from ui.main_window import PAGES, MainWindow

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ui_en.ts"
TRANSLATIONS = ROOT / "resources" / "translations"


def test_the_catalogue_has_every_string_of_the_interface_translated() -> None:
    problems = i18n.catalogue_problems(TS)
    assert not problems, "\n".join(problems[:40]) + "\n→ python3 -m ui.i18n update, translate"


def test_the_check_finds_an_untranslated_string(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    broken = tmp_path / "ui_en.ts"
    tree = ET.parse(TS)
    message = next(tree.getroot().iter("message"))
    source = message.findtext("source")
    translation = message.find("translation")
    assert translation is not None
    translation.text = ""
    translation.set("type", "unfinished")
    tree.write(broken, encoding="utf-8", xml_declaration=True)
    assert any(repr(source) in p for p in i18n.catalogue_problems(broken))


def _calls(tree: ast.AST) -> Iterator[tuple[ast.Call, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                yield node, func.id
            elif isinstance(func, ast.Attribute):
                yield node, ast.unparse(func)


def test_every_translated_text_can_be_found_by_lupdate_and_at_run_time() -> None:
    wrong = []
    for path in i18n.ui_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name in ("tr", "_tr") and (
                path.name != "i18n.py"
            ):
                wrong.append(f"{where}:{node.lineno}: own tr() wrapper; use ui.i18n.tr")
        for call, name in _calls(tree):
            args = call.args
            if name == "self.tr" and args and not isinstance(args[0], ast.Constant):
                wrong.append(f"{where}:{call.lineno}: self.tr(non-literal); use tr() or core()")
            if name in ("tr", "self.tr") and args and isinstance(args[0], ast.JoinedStr):
                wrong.append(f"{where}:{call.lineno}: f-string in tr(); use .format()")
            if name.endswith("translate") and len(args) >= 2 and isinstance(args[1], ast.JoinedStr):
                wrong.append(f"{where}:{call.lineno}: f-string in translate()")
    assert not wrong, "\n".join(wrong)


# --- the running app ----------------------------------------------------------------------


def _french_texts() -> tuple[set[str], list[re.Pattern[str]]]:
    """Every French text of the catalogues that English writes otherwise: whole texts, and
    templates with placeholders as patterns."""
    import xml.etree.ElementTree as ET

    pairs: list[tuple[str, str]] = []
    for message in ET.parse(TS).getroot().iter("message"):
        pairs.append((message.findtext("source") or "", message.findtext("translation") or ""))
    for name in ("report.en.json", "interface.en.json"):
        data = json.loads((TRANSLATIONS / name).read_text(encoding="utf-8"))
        pairs += list(data.get("messages", {}).items()) + list(data.get("patterns", {}).items())
    whole: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    placeholder = re.compile(r"\{\d*\}|%\d|%n")
    for french, english in pairs:
        french, english = french.replace("&", "").strip(), english.replace("&", "").strip()
        if french == english or len(re.sub(r"\W", "", placeholder.sub("", french))) < 3:
            continue  # the same in both languages, or nothing but numbers and signs
        if placeholder.search(french):
            parts = placeholder.split(french)
            if sum(len(p.strip(" :;,.()%")) for p in parts) < 6:
                continue  # « {0} : {1} », « ({0}) »: only punctuation of its own
            patterns.append(re.compile(".+?".join(re.escape(p) for p in parts), re.DOTALL))
        else:
            whole.add(french)
    return whole, patterns


FRENCH_WHOLE, FRENCH_PATTERNS = _french_texts()
SEPARATORS = re.compile(r"\n| : |: | — | – |, | \(|\)|  +|\t")


def french_left(text: str) -> str | None:
    """The French catalogue text ``text`` still is (or one of its parts is), else None."""
    text = text.replace("&", "").strip()
    if not text:
        return None
    for part in [text, *SEPARATORS.split(text)]:
        part = part.strip(" .…:;")
        if part in FRENCH_WHOLE:
            return part
    for pattern in FRENCH_PATTERNS:
        if pattern.fullmatch(text):
            return pattern.pattern
    return None


def _columns(model: Any, parent: QModelIndex) -> int:
    # A list model's columnCount() is private in PySide6: it has one column.
    return 1 if isinstance(model, QAbstractListModel) else int(model.columnCount(parent))


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = _columns(model, QModelIndex()) if orientation == Qt.Orientation.Horizontal else 0
        for section in range(count):
            for role in roles:
                yield str(model.headerData(section, orientation, role) or "")

    def walk(parent: QModelIndex, depth: int) -> Iterator[str]:
        for row in range(min(model.rowCount(parent), 40)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield value
            if depth < 2:
                yield from walk(model.index(row, 0, parent), depth + 1)

    yield from walk(QModelIndex(), 0)


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """``(where, text)`` for every text of ``root`` a user sees or a screen reader says."""
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        if widget.objectName().startswith("qt_"):
            continue
        for attribute in ("toolTip", "accessibleName", "accessibleDescription", "statusTip"):
            yield f"{kind}.{attribute}", getattr(widget, attribute)()
        if widget.isWindow():
            yield f"{kind}.windowTitle", widget.windowTitle()
        if isinstance(widget, QLabel | QAbstractButton):
            yield f"{kind}.text", widget.text()
        if isinstance(widget, QGroupBox):
            yield f"{kind}.title", widget.title()
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            yield f"{kind}.placeholder", widget.placeholderText()
        if isinstance(widget, QTextEdit) and widget.isReadOnly():
            yield f"{kind}.text", widget.toPlainText()
        if isinstance(widget, QAbstractSpinBox):
            yield f"{kind}.special", widget.specialValueText()
            for getter in ("suffix", "prefix"):
                if hasattr(widget, getter):
                    yield f"{kind}.{getter}", getattr(widget, getter)()
        if isinstance(widget, QComboBox):
            for k in range(widget.count()):
                yield f"{kind}.item", widget.itemText(k)
        if isinstance(widget, QTabWidget):
            for k in range(widget.count()):
                yield f"{kind}.tab", widget.tabText(k)
        if isinstance(widget, QAbstractItemView):
            for text in _model_texts(widget):
                yield f"{kind}.model", text
    for action in root.findChildren(QAction):
        yield "QAction.text", action.text()
        yield "QAction.toolTip", action.toolTip()


def french_in(root: QWidget, data: frozenset[str] = frozenset()) -> list[str]:
    """French left in ``root``; ``data`` are texts the auditors wrote (notes), left as typed."""
    found = []
    for where, text in visible_texts(root):
        french = french_left(text) if text and text not in data else None
        if french:
            found.append(f"{where}: {text!r} (catalogue: {french!r})")
    return sorted(set(found))


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    installed = i18n.install(qapp, "en")
    yield
    i18n.uninstall(qapp, installed)


@pytest.fixture
def window(qtbot: Any, english: None, session: Any) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def test_the_english_catalogue_is_loaded(english: None) -> None:
    assert i18n.current_language() == "en"
    assert i18n.tr("Valider") == "OK"
    assert QApplication.translate("MainWindow", "&Fichier") == "&File"
    assert i18n.core("Non-conformité mineure") == "Minor nonconformity"


@pytest.mark.parametrize("row", range(len(PAGES)))
def test_no_page_shows_french_in_english(window: MainWindow, session: Any, row: int) -> None:
    from auditor_app.store.findings import findings

    # The demo's notes are data, in French as their auditors typed them (some quote the
    # explanation of a measured verdict); the grid's texts are not in the catalogues.
    notes = frozenset(f.note for f in findings(session.ws, session.audit_id) if f.note)
    window.go_to(row)
    assert french_in(window, notes) == []


def test_the_menus_are_in_english(window: MainWindow) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[:2] == ["&File", "&Edit"]
    assert french_in(window.menuBar()) == []


def test_the_check_sees_french_left_in_a_widget(qtbot: Any, english: None) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel(i18n.tr("Valider"), root)  # translated: fine
    QLabel("Non-conformité mineure", root)  # a core label shown raw
    QLabel("Verdict : Conforme", root)  # composed with a raw label
    assert label.text() == "OK"
    assert len(french_in(root)) == 2


def test_the_language_is_chosen_from_option_environment_then_setting(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert i18n.chosen_language() == "fr"  # French, the reference, by default
    i18n.save_language("en")
    assert i18n.chosen_language() == "en"
    monkeypatch.setenv(i18n.ENV, "fr_FR.UTF-8")
    assert i18n.chosen_language() == "fr"
    assert i18n.chosen_language("en") == "en"
    with pytest.raises(ValueError):
        i18n.save_language("de")


def test_an_edited_catalogue_is_compiled_again(tmp_path: Path, monkeypatch: Any) -> None:
    ts = tmp_path / "ui_en.ts"
    ts.write_bytes(TS.read_bytes())
    monkeypatch.setattr(i18n, "catalogue_source", lambda lang: ts)
    first = i18n.compiled_catalogue("en")
    assert first is not None and first.stat().st_size > 10_000
    assert i18n.compiled_catalogue("en") == first  # compiled once, then reused
    ts.write_text(TS.read_text(encoding="utf-8").replace(">OK<", ">Okay<", 1), "utf-8")
    second = i18n.compiled_catalogue("en")
    assert second is not None and second != first and not first.exists()


def test_choosing_english_in_the_menu_saves_it_and_offers_a_restart(
    qtbot: Any, session: Any, dialogs: Any
) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    dialogs.confirm_answer = False
    window.language_actions["en"].trigger()
    assert i18n.saved_language() == "en"
    assert dialogs.shown and dialogs.shown[-1][0] == "confirm"
    assert "anglais" in dialogs.shown[-1][2]  # « L'interface sera en anglais… »
    assert not window.restart_requested
    dialogs.confirm_answer = True
    window.show()
    window.language_actions["en"].trigger()
    assert window.restart_requested and not window.isVisible()
    window.language_actions["fr"].trigger()  # back to the language shown: no question
    assert i18n.saved_language() == "fr"


def test_the_first_run_wizard_changes_language_keeping_what_was_typed(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ui import first_run

    seen: list[tuple[str, str]] = []

    def exec_(wizard: first_run.FirstRunWizard) -> int:
        seen.append((wizard.windowTitle(), wizard.who_page.name.text()))
        if len(seen) == 1:  # a newcomer types a first name only, then picks English
            wizard.who_page.name.setText("Claire")
            wizard.who_page.language.setCurrentIndex(1)
            wizard.who_page.language.activated.emit(1)
            return wizard.result()
        return 0  # then closes the wizard

    monkeypatch.setattr(first_run.FirstRunWizard, "exec", exec_)
    try:
        assert first_run.run_first_run(tmp_path / "ws") is None
        assert i18n.saved_language() == "en" and i18n.current_language() == "en"
    finally:
        i18n.uninstall(qapp, list(i18n._installed))
    (french, _), (english, name) = seen
    assert french.startswith("Premier lancement") and english.startswith("First")
    assert name == "Claire"  # kept, though the page would not validate yet


def _dialogs(session: Any, window: MainWindow, tmp_path: Path) -> Iterator[QWidget]:
    from ui.first_run import FirstRunWizard
    from ui.help import AboutDialog, ShortcutsDialog
    from ui.package_dialogs import (
        ImportPackageDialog,
        SendPackageDialog,
        SyncSettingsDialog,
        TeamDialog,
    )
    from ui.pages.new_audit import NewAuditWizard
    from ui.report_dialogs import ExportReportDialog, VerifyPdfDialog

    yield ShortcutsDialog(window)
    yield AboutDialog(None, session.ws.root)
    yield ExportReportDialog(session)
    yield VerifyPdfDialog()
    yield SendPackageDialog(session)
    yield ImportPackageDialog(session)
    yield SyncSettingsDialog(session)
    yield TeamDialog(session)
    wizard = NewAuditWizard(session)
    for _ in range(len(wizard.pageIds()) - 1):
        yield wizard
        wizard.next()
    yield wizard
    first = FirstRunWizard(tmp_path / "ws")
    for _ in range(len(first.pageIds())):
        first.who_page.name.setText("Claire Martin")
        yield first
        first.next()


def test_no_dialog_shows_french_in_english(
    qtbot: Any, window: MainWindow, session: Any, tmp_path: Path
) -> None:
    seen = 0
    for dialog in _dialogs(session, window, tmp_path):
        qtbot.addWidget(dialog)
        dialog.show()
        assert french_in(dialog) == [], type(dialog).__name__
        seen += 1
    assert seen >= 12
