"""What goes into the PyInstaller bundle, and what is left out.

Shared by ``auditor-app.spec`` (the build) and ``tests/e2e/test_packaging.py`` (fast static
checks without PyInstaller). Plain Python: no PyInstaller import here.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_NAME = "auditor-app"
APP_ID = "fr.auditorapp.AuditorApp"  # reverse-DNS id of the desktop entry and AppStream file
DISPLAY_NAME = "Audit Services Publics +"

# Modules imported by name at run time (importlib), which PyInstaller cannot see: the GUI
# (`ui.app`, its pages), the commands registered by name (`auditor_app.backup_cli`), the
# core modules the GUI loads once its window is up. The spec adds every submodule of these
# packages, so a page or a command added later is bundled too.
OWN_PACKAGES = ("auditor_app", "ui")
BY_NAME = ("ui.app", "auditor_app.backup_cli")  # checked to be among the collected modules

# `holidays` imports its countries lazily, by name; we only ask for France (subdivisions,
# overseas departments and Alsace-Moselle are in that one module), with French names.
EXTRA_HIDDEN_IMPORTS = ("holidays.countries.france",)
HOLIDAYS_LOCALES = ("fr",)

# Python packages never needed by the frozen program (tests, tools, other GUI toolkits).
# Python packages never needed by the frozen program: test and developer tools, other GUI
# toolkits, and optional imports of our dependencies that pull in whole stacks (pydantic →
# rich → IPython → pytest, tkinter, numpy; openpyxl → numpy when present).
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data",
    "ensurepip", "venv", "test", "setuptools", "pkg_resources", "distutils", "_distutils_hack",
    "pip", "PyInstaller", "pytest", "_pytest", "pytestqt", "hypothesis", "wsgidav", "cheroot",
    "mypy", "mypyc", "ruff", "importlinter", "grimp", "rich", "pygments", "IPython", "jedi",
    "parso", "stack_data", "executing", "prompt_toolkit", "trio", "numpy", "matplotlib",
    "jinja2", "PIL.ImageTk", "PIL._imagingtk", "PyQt5", "PyQt6", "PySide2",
)  # fmt: skip

# Qt bindings we do not use (the app uses QtCore, QtGui and QtWidgets only).
EXCLUDED_QT_MODULES = tuple(
    f"PySide6.{name}"
    for name in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
        "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner",
        "QtGraphs", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia",
        "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtOpenGL",
        "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQml",
        "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets", "QtRemoteObjects",
        "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql",
        "QtStateMachine", "QtSvg", "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools",
        "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
        "QtWebSockets", "QtWebView", "QtXml",
    )
)  # fmt: skip

# Qt plugins (paths under the plugins folder) that this app never loads. Kept: the
# platforms xcb, wayland (its client plugins), offscreen, minimal, windows, cocoa; the
# raster image formats for photos (jpeg, gif, tiff, webp, ico…); input methods; the
# desktop portal theme (native file dialogs through xdg-desktop-portal) and styles.
EXCLUDED_QT_PLUGINS = (
    "platforms/*eglfs*",  # embedded boards without a window system
    "platforms/*linuxfb*",
    "platforms/*vnc*",
    "platforms/*vkkhrdisplay*",
    "platforms/*minimalegl*",
    "egldeviceintegrations/*",
    "generic/*",  # evdev and TUIO touch input for eglfs (TUIO pulls QtNetwork)
    "iconengines/*svg*",  # QtSvg: no SVG icon in the app
    "imageformats/*svg*",
    "imageformats/*pdf*",  # QtPdf
    "networkinformation/*",  # QtNetwork
    "tls/*",
    "platforminputcontexts/*virtualkeyboard*",  # QtQuick
    "platformthemes/*gtk3*",  # would bundle GTK 3 (20 MB) against the system's own themes
    "printsupport/*",  # QtPrintSupport: PDFs are made by reportlab
    "sqldrivers/*",  # QtSql: the workspace uses Python's sqlite3
    "qmltooling/*",
    "qmllint/*",
    "designer/*",
    "vectorimageformats/*",  # Lottie (QtQuick)
    "wayland-graphics-integration-server/*",  # for Wayland compositors, not clients
    "wayland-shell-integration/*wl-shell*",  # wl_shell: obsolete, xdg-shell replaced it
    "multimedia/*",
    "position/*",
    "sensors/*",
    "webview/*",
    "sceneparsers/*",
    "renderers/*",
    "geometryloaders/*",
    "texttospeech/*",
    "canbus/*",
)

# Qt's own translations: only French for qtbase (the app loads `qtbase` in French;
# English is Qt's source language and needs no file).
KEPT_QT_TRANSLATIONS = ("qtbase_fr.qm",)

# Qt shared libraries needed only by the plugins and modules excluded above. The spec
# checks that no binary left in the bundle depends on one of them. (QtSvg stays: GNOME's
# Wayland window decorations, the adwaita plugin, draw with it.)
EXCLUDED_QT_LIBS = (
    "Qt6Quick*", "Qt6Qml*", "Qt6Labs*", "Qt6Network*", "Qt6Pdf*", "Qt6SvgWidgets*",
    "Qt6VirtualKeyboard*", "Qt6EglFSDeviceIntegration*", "Qt6EglFsKmsSupport*",
    "Qt6WaylandCompositor*", "Qt6WaylandEglCompositor*", "Qt6WlShellIntegration*",
    "Qt6Lottie*", "Qt6PrintSupport*", "Qt6Sql*", "Qt6Designer*", "Qt6Help*", "Qt6Test*",
    "Qt6UiTools*", "Qt6Concurrent*", "Qt6Multimedia*", "Qt6ShaderTools*", "Qt6Xml*",
    "Qt6Positioning*", "Qt6WebEngine*", "Qt6WebChannel*", "Qt6WebSockets*",
)  # fmt: skip


def resource_files(root: Path = ROOT) -> list[Path]:
    """Every file under ``resources/`` (grids, icons, fonts, translations, demo data)."""
    base = root / "resources"
    return sorted(
        path
        for path in base.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") or part == "__pycache__" for part in path.parts)
    )


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(source, folder in the bundle)`` for each resource file, as the spec's datas.

    ``auditor_app.resources`` finds them under ``sys._MEIPASS / "resources"`` when frozen.
    """
    return [
        (str(path), str(path.parent.relative_to(root)).replace("\\", "/"))
        for path in resource_files(root)
    ]


# The interface's catalogues compiled by build.py (lrelease: .ts → .qm); never committed.
COMPILED_TRANSLATIONS = ROOT / "build" / "translations"


def translation_datas(folder: Path = COMPILED_TRANSLATIONS) -> list[tuple[str, str]]:
    """The compiled ``ui_<lang>.qm``, one per ``resources/translations/ui_<lang>.ts``, put
    beside their sources in the bundle (``ui.i18n`` loads them from there when frozen).

    Raises FileNotFoundError naming what is missing: build.py compiles them first."""
    sources = sorted((ROOT / "resources" / "translations").glob("ui_*.ts"))
    compiled = [folder / (ts.stem + ".qm") for ts in sources]
    missing = [qm.name for qm in compiled if not qm.exists()]
    if missing:
        raise FileNotFoundError(f"compiled catalogues missing from {folder}: {missing}")
    return [(str(qm), "resources/translations") for qm in compiled]


def holidays_datas() -> list[tuple[str, str]]:
    """The French names of the French public holidays (gettext catalogues of `holidays`)."""
    import holidays

    base = Path(holidays.__file__).parent
    datas = []
    for locale in HOLIDAYS_LOCALES:
        for mo in sorted((base / "locale" / locale / "LC_MESSAGES").glob("FR.mo")):
            datas.append((str(mo), f"holidays/locale/{locale}/LC_MESSAGES"))
    return datas


def _qt_part(dest: str) -> tuple[str, str] | None:
    """``("plugins" | "translations" | "lib", rest)`` for a file of PySide6's Qt tree."""
    path = PurePosixPath(dest.replace("\\", "/"))
    parts = path.parts
    for kind in ("plugins", "translations"):
        if kind in parts:
            index = parts.index(kind)
            if "PySide6" in parts[:index]:
                return kind, "/".join(parts[index + 1 :])
    if "PySide6" in parts:
        return "lib", path.name
    return None


def qt_lib_name(file_name: str) -> str:
    """``libQt6Quick.so.6`` / ``Qt6Quick.dll`` / ``QtQuick`` (framework) → ``Qt6Quick``."""
    name = re.sub(r"^lib", "", file_name)
    name = re.sub(r"(\.so(\.\d+)*|\.dll|\.dylib)$", "", name)
    if name.startswith("Qt") and not name.startswith("Qt6"):
        name = "Qt6" + name[2:]  # macOS frameworks: QtQuick.framework/…/QtQuick
    return name


def excluded_from_bundle(dest: str) -> str | None:
    """Why the file at ``dest`` (its path in the bundle) is left out, or None to keep it."""
    qt = _qt_part(dest)
    if qt is None:
        return None
    kind, rest = qt
    if kind == "plugins":
        for pattern in EXCLUDED_QT_PLUGINS:
            if fnmatch.fnmatch(rest, pattern):
                return f"Qt plugin {pattern}"
        return None
    if kind == "translations":
        return None if rest in KEPT_QT_TRANSLATIONS else "Qt translation"
    path = PurePosixPath(dest.replace("\\", "/"))
    frameworks = [part for part in path.parts if part.endswith(".framework")]  # macOS
    name = qt_lib_name(frameworks[0].removesuffix(".framework") if frameworks else path.name)
    for pattern in EXCLUDED_QT_LIBS:
        if fnmatch.fnmatch(name, pattern):
            return f"Qt library {pattern}"
    return None


TocEntry = tuple[str, str, str]  # PyInstaller's (path in the bundle, source, type code)


def _base(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name.lower()


def prune(
    binaries: Iterable[TocEntry],
    datas: Iterable[TocEntry],
    imports_of: Callable[[str], Iterable[str]],
) -> tuple[list[TocEntry], list[TocEntry], dict[str, int]]:
    """The binaries and data files to bundle, and how many were left out for each reason.

    Leaves out what ``excluded_from_bundle`` names, then every library that only those
    needed (the Qt GTK theme's GTK stack…), never one that a kept binary still needs, and
    the symbolic links to what was left out. ``imports_of(source)`` gives the file names of
    the libraries a binary loads. Raises ``SystemExit`` if a kept binary needs a library
    that was explicitly left out.
    """
    binaries, datas = list(binaries), list(datas)
    files = [e for e in binaries if e[2] != "SYMLINK"]
    by_name: dict[str, str] = {}
    for dest, _src, _kind in files:
        by_name.setdefault(_base(dest), dest)
    needs: dict[str, set[str]] = {
        dest: {by_name[n.lower()] for n in imports_of(src) if n.lower() in by_name} - {dest}
        for dest, src, _kind in files
    }

    def closure(start: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(start)
        while todo:
            dest = todo.pop()
            if dest not in seen:
                seen.add(dest)
                todo.extend(needs.get(dest, ()))
        return seen

    reasons: dict[str, str] = {}
    for dest, _src, _kind in files:
        reason = excluded_from_bundle(dest)
        if reason is not None:
            reasons[dest] = reason
    dead = closure(reasons)
    alive = closure(dest for dest, _src, _kind in files if dest not in dead)
    broken = sorted(
        f"{dest} needs {need}" for dest in alive for need in needs[dest] if need in reasons
    )
    if broken:
        raise SystemExit("left out but needed:\n  " + "\n  ".join(broken))
    removed = {dest: reasons.get(dest, "needed only by what was left out") for dest in dead - alive}

    def keep(entries: list[TocEntry]) -> list[TocEntry]:
        kept = []
        for dest, src, kind in entries:
            # A symbolic link (libQt6Core.so.6 → PySide6/Qt/lib/…) goes with its target.
            target = src.replace("\\", "/") if kind == "SYMLINK" else dest
            reason = removed.get(target) or excluded_from_bundle(target)
            reason = reason or removed.get(dest) or excluded_from_bundle(dest)
            if reason is None:
                kept.append((dest, src, kind))
            else:
                removed[dest] = reason
        return kept

    kept_binaries, kept_datas = keep(binaries), keep(datas)
    counts: dict[str, int] = {}
    for reason in removed.values():
        counts[reason] = counts.get(reason, 0) + 1
    return kept_binaries, kept_datas, counts
