"""The interface's languages: French, written in the code, and English, from a Qt catalogue.

Every visible string of ``ui/`` is French and goes through Qt's translation: ``self.tr()``
in a class (Qt looks it up under the class's name, then its base classes'), and this
module's ``tr()`` elsewhere (module functions, tables of labels marked with
``QT_TR_NOOP``, labels that come from the core). ``pyside6-lupdate`` files a bare
``tr("…")`` under the empty context, so ``tr()`` here looks it up there too.

The English catalogue is ``resources/translations/ui_en.ts``, kept up to date with::

    python3 -m ui.i18n update      # pyside6-lupdate over ui/ (then translate what is new)
    python3 -m ui.i18n check       # what is missing or unfinished, exit code 1 if anything
    python3 -m ui.i18n fill F.json # translations [{context, source, translation}] put in

The binary ``.qm`` is never committed: the bundle's build compiles it with ``lrelease``
(packaging/build.py), and a checkout compiles it on first use into the user's cache folder,
named after the digest of the ``.ts`` so an edited catalogue is compiled again (≈ 25 ms).

The language is the ``--lang`` option, else ``AUDITOR_APP_LANG``, else the setting
``interface/language`` (Fichier ▸ Langue), else French. Qt's own strings (buttons of message
boxes, context menus of text fields) follow: ``qtbase_fr`` in French, Qt's English otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TR_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication

from auditor_app.files import atomic_write
from auditor_app.resources import resources_dir

if TYPE_CHECKING:
    from auditor_app.i18n import Translator

LANGUAGES: dict[str, str] = {"fr": "Français", "en": "English"}  # each in its own words
# The languages named in a sentence of the interface (« en français », "in French").
LANGUAGE_NAMES: dict[str, str] = {"fr": QT_TR_NOOP("français"), "en": QT_TR_NOOP("anglais")}
REFERENCE = "fr"
SETTING = "interface/language"
ENV = "AUDITOR_APP_LANG"
LOCALES = {
    "fr": (QLocale.Language.French, QLocale.Country.France),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
_current = REFERENCE  # the language install() put in place
_installed: list[QTranslator] = []  # the translators it installed, for switch()


def tr(text: str) -> str:
    """``text`` in the interface's language (the empty context, where lupdate puts ``tr()``)."""
    return QCoreApplication.translate("", text)


def catalogue_source(lang: str) -> Path:
    return resources_dir() / "translations" / f"ui_{lang}.ts"


def saved_language() -> str:
    value = QSettings().value(SETTING, REFERENCE)
    return value if isinstance(value, str) and value in LANGUAGES else REFERENCE


def save_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"langue inconnue : {lang}")
    settings = QSettings()
    settings.setValue(SETTING, lang)
    settings.sync()


def chosen_language(option: str | None = None) -> str:
    """The language to start in: the command line's, the environment's, the saved one."""
    for value in (option, os.environ.get(ENV)):
        if value:
            lang = value.strip().lower()[:2]
            if lang in LANGUAGES:
                return lang
    return saved_language()


def _qt_tool(name: str) -> str:
    """Qt's ``lrelease`` or ``lupdate`` as shipped in the PySide6 wheel (the binary itself:
    the ``pyside6-*`` wrapper scripts cost ~0.3 s each), else on the PATH.

    Raises RuntimeError when it cannot be found."""
    import PySide6

    beside = Path(PySide6.__file__).resolve().parent / (
        f"{name}.exe" if sys.platform == "win32" else name
    )
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise RuntimeError(f"{name} introuvable (installé avec PySide6)")
    return found


def compile_catalogue(ts: Path, qm: Path) -> None:
    """``ts`` compiled to ``qm`` by Qt's lrelease, written under a temporary name then renamed.

    Raises RuntimeError (with lrelease's output) when lrelease is missing or fails.
    """
    tool = _qt_tool("lrelease")
    qm.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{qm.stem}-", suffix=".qm", dir=qm.parent)
    os.close(handle)
    try:
        done = subprocess.run(
            [tool, "-silent", str(ts), "-qm", temp], capture_output=True, text=True, timeout=60
        )
        if done.returncode != 0 or not Path(temp).stat().st_size:
            raise RuntimeError(f"lrelease a échoué sur {ts} : {done.stderr or done.stdout}")
        os.replace(temp, qm)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def compiled_catalogue(lang: str) -> Path | None:
    """The ``.qm`` of ``lang``: the bundle's, or one compiled from the ``.ts`` of a checkout."""
    ts = catalogue_source(lang)
    if getattr(sys, "frozen", False):
        qm = ts.with_suffix(".qm")
        return qm if qm.exists() else None
    if not ts.exists():
        return None
    import platformdirs

    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    cache = Path(platformdirs.user_cache_dir("auditor-app", appauthor=False)) / "translations"
    qm = cache / f"ui_{lang}-{digest}.qm"
    if not qm.exists():
        try:
            compile_catalogue(ts, qm)
        except (OSError, RuntimeError):
            qm = Path(tempfile.gettempdir()) / f"auditor-app-ui_{lang}-{digest}.qm"
            if not qm.exists():
                compile_catalogue(ts, qm)  # an unwritable cache: the temporary folder
        for old in cache.glob(f"ui_{lang}-*.qm"):
            if old != qm:
                old.unlink(missing_ok=True)
    return qm


def install(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Put ``lang`` in place: default locale, Qt's own strings, our catalogue.

    Returns the translators installed (to remove them, in tests). A catalogue that cannot be
    loaded leaves the interface in French and says so on stderr: the app still works.
    """
    global _current
    _current = lang if lang in LANGUAGES else REFERENCE
    language, country = LOCALES[_current]
    QLocale.setDefault(QLocale(language, country))
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang != "en" and qt.load(QLocale(), "qtbase", "_", folder):  # Qt's source is English
        app.installTranslator(qt)
        installed.append(qt)
    if lang != REFERENCE:
        installed += _install_catalogue(app, lang)
    _installed.extend(installed)
    if isinstance(app, QGuiApplication):
        # Qt appends it to window titles that do not end with it already: in their language.
        app.setApplicationDisplayName(tr("Audit Services Publics +"))
    return installed


def _install_catalogue(app: QCoreApplication, lang: str) -> list[QTranslator]:
    installed: list[QTranslator] = []
    try:
        qm = compiled_catalogue(lang)
    except (OSError, RuntimeError) as exc:
        qm = None
        print(f"auditor-app: interface catalogue '{lang}' unavailable: {exc}", file=sys.stderr)
    ours = QTranslator(app)
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        print(f"auditor-app: interface catalogue '{lang}' unavailable", file=sys.stderr)
    return installed


def switch(app: QCoreApplication | None, lang: str) -> None:
    """Leave the language in place for ``lang`` (widgets made afterwards speak it)."""
    if app is None:
        return
    uninstall(app, list(_installed))
    install(app, lang)


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    global _current
    for translator in translators:
        app.removeTranslator(translator)
        if translator in _installed:
            _installed.remove(translator)
    _current = REFERENCE
    QLocale.setDefault(QLocale(*LOCALES[REFERENCE]))
    if isinstance(app, QGuiApplication):
        app.setApplicationDisplayName(tr("Audit Services Publics +"))


# --- keeping the catalogue up to date (developers, tests) -------------------------------


def ui_sources() -> list[Path]:
    """The Python files whose strings make the catalogue: every module of ``ui/``."""
    base = Path(__file__).resolve().parent
    return sorted(p for p in base.rglob("*.py") if "__pycache__" not in p.parts)


def update_catalogue(ts: Path) -> str:
    """Merge the strings of ``ui/`` into ``ts`` (new ones unfinished, vanished ones dropped)."""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [_qt_tool("lupdate"), *(str(p.relative_to(root)) for p in ui_sources()),
         "-source-language", "fr_FR", "-target-language", "en_GB",
         "-no-obsolete", "-locations", "none", "-ts", str(ts)],
        capture_output=True, text=True, timeout=120, cwd=root,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stderr or done.stdout)
    return done.stdout


def catalogue_problems(ts: Path) -> list[str]:
    """What is wrong with ``ts`` against the code: each problem in one line, empty if none.

    Missing strings (in the code, not translated), strings no longer in the code,
    translations whose placeholders, tags or accelerator differ from the French.
    """
    import re
    import xml.etree.ElementTree as ET

    def messages(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
        found = {}
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                kind = translation.get("type", "") if translation is not None else "unfinished"
                text = (translation.text or "") if translation is not None else ""
                found[(name, message.findtext("source") or "")] = (text, kind)
        return found

    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / ts.name
        shutil.copyfile(ts, fresh)
        update_catalogue(fresh)
        now, before = messages(fresh), messages(ts)
    problems = []
    marks = re.compile(r"\{\d*\}|%\d|%n|<[^>]+>")
    for (context, source), (text, kind) in sorted(now.items()):
        where = f"[{context or '(tr)'}] {source!r}"
        if kind in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"non traduit : {where}")
        elif sorted(marks.findall(source)) != sorted(marks.findall(text)):
            problems.append(f"paramètres ou balises différents : {where} → {text!r}")
        elif source.replace("&&", "").count("&") != text.replace("&&", "").count("&"):
            problems.append(f"raccourci « & » différent : {where} → {text!r}")
    for context, source in sorted(set(before) - set(now)):
        problems.append(f"plus dans le code (lancer « python3 -m ui.i18n update ») : "
                        f"[{context or '(tr)'}] {source!r}")  # fmt: skip
    return problems


def fill_catalogue(ts: Path, entries: list[dict[str, str]]) -> int:
    """Put the translations of ``entries`` (``context``, ``source``, ``translation``) into
    ``ts``; an entry whose context is not found fills the same French in any context.
    Returns how many messages were filled. The file is rewritten through lupdate."""
    import xml.etree.ElementTree as ET

    exact = {(e["context"], e["source"]): e["translation"] for e in entries}
    loose = {e["source"]: e["translation"] for e in entries}
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            value = exact.get((name, source), loose.get(source))
            if translation is None or not value:
                continue
            if translation.text != value or translation.get("type"):
                translation.text = value
                translation.attrib.pop("type", None)
                filled += 1
    atomic_write(ts, ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True))
    update_catalogue(ts)  # back to lupdate's own layout
    return filled


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python3 -m ui.i18n", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("update", "check", "compile", "fill"))
    parser.add_argument("file", nargs="?", type=Path,
                        help="fill: JSON list of {context, source, translation}")  # fmt: skip
    parser.add_argument("--lang", default="en", choices=[k for k in LANGUAGES if k != REFERENCE])
    parser.add_argument("--out", type=Path, help="compile: the .qm to write")
    args = parser.parse_args(argv)
    ts = catalogue_source(args.lang)
    if args.command == "update":
        print(update_catalogue(ts).strip())
        return 0
    if args.command == "fill":
        if args.file is None:
            parser.error("fill needs the JSON file of translations")
        entries = json.loads(args.file.read_text(encoding="utf-8"))
        print(f"{fill_catalogue(ts, entries)} traduction(s) ajoutée(s) à {ts.name}")
        return 0
    if args.command == "compile":
        out = args.out or ts.with_suffix(".qm")
        compile_catalogue(ts, out)
        print(f"{out} ({out.stat().st_size} octets)")
        return 0
    problems = catalogue_problems(ts)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problème(s) dans {ts.name}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())


# --- texts written by the core -----------------------------------------------------------


def current_language() -> str:
    return _current


def core(text: str) -> str:
    """A French text of the core (a label, a sentence built from data) in the interface's
    language: the report's catalogue, then ``interface.<lang>.json``; unknown, as it is."""
    if _current == REFERENCE or not text:
        return text
    found = _core_translator(_current).find(text)
    return text if found is None else found


def number_text(value: float, decimals: int = 2) -> str:
    """``7,5`` in French, ``7.5`` in English (the core's rules: no useless zeros)."""
    return _core_translator(_current).number(value, decimals)


def percent_text(share: float, decimals: int = 1, signed: bool = False) -> str:
    """``75,6 %`` in French, ``75.6%`` in English."""
    return _core_translator(_current).percent(share, decimals, signed)


def size_text(size: int) -> str:
    """A file's size for a person: ``380 Ko``, ``12,4 Mo``, ``1,52 Go`` (KB, MB, GB)."""
    if size < 1024 * 1024:
        return tr("{0} Ko").format(number_text(max(size, 1) / 1024, 0))
    if size < 1024**3:
        return tr("{0} Mo").format(number_text(size / 1024**2, 1))
    return tr("{0} Go").format(number_text(size / 1024**3, 2))


def singular(count: float) -> bool:
    """Whether ``count`` takes the singular: below 2 in French (0 and 1), 1 alone in English."""
    return abs(count) < 2 if _current == REFERENCE else abs(count) == 1


def interface_locale() -> QLocale:
    """The locale of the interface's language (date pickers: month and day names)."""
    return QLocale(*LOCALES[_current])


@lru_cache(maxsize=4)
def _core_translator(lang: str) -> Translator:
    from auditor_app.i18n import Translator

    # One catalogue of both, so a sentence's parts are found in either.
    return Translator(lang, ("report", "interface"))
