"""Fast static checks of the installable bundle's recipe (packaging/), without PyInstaller.

The real build and the smoke test of the frozen program are `python3 packaging/build.py`
(CI runs it); these catch, in a second, what would only show there: a resource file the
bundle would miss, a module imported by name outside what the spec collects, a Qt module
the app starts using while the spec leaves it out, a malformed desktop or AppStream file.
"""

from __future__ import annotations

import ast
import configparser
import functools
import importlib.util
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SOURCES = sorted([*ROOT.glob("auditor_app/**/*.py"), *ROOT.glob("ui/**/*.py")])


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bf = _load("bundle_files")


@functools.cache
def _trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in SOURCES]


def test_every_resource_file_is_bundled_where_the_frozen_program_looks() -> None:
    datas = bf.resource_datas()
    files = [p for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert files and len(datas) == len(files)
    for source, folder in datas:
        relative = Path(source).relative_to(ROOT)
        # auditor_app.resources: sys._MEIPASS / "resources" / … when frozen
        assert Path(folder) / Path(source).name == relative
    assert any(p.endswith("sp-plus-2023.yaml") for p, _ in datas)


def test_the_compiled_catalogues_go_beside_their_sources(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"ui_en\.qm"):
        bf.translation_datas(tmp_path)  # not compiled: the build stops, naming it
    from ui.i18n import compile_catalogue

    ts = ROOT / "resources" / "translations" / "ui_en.ts"
    compile_catalogue(ts, tmp_path / "ui_en.qm")
    (source, folder), = bf.translation_datas(tmp_path)
    assert Path(source).name == "ui_en.qm" and Path(source).stat().st_size > 10_000
    assert folder == "resources/translations"  # where ui.i18n looks when frozen


def test_the_frozen_program_finds_its_resources_under_meipass(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from auditor_app import resources

    monkeypatch.delenv("AUDITOR_APP_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.referentials_dir() == tmp_path / "resources" / "referentials"


def test_modules_imported_by_name_are_ours_or_hidden_imports() -> None:
    allowed = (*bf.OWN_PACKAGES, *bf.EXTRA_HIDDEN_IMPORTS)
    module_name = re.compile(r"^(ui|auditor_app)(\.\w+)+$")
    for path, tree in _trees():
        for node in ast.walk(tree):
            is_import_module = isinstance(node, ast.Call) and (
                getattr(node.func, "attr", None) == "import_module"
                or getattr(node.func, "id", None) == "import_module"
            )
            if is_import_module and isinstance(node.args[0], ast.Constant):
                name = node.args[0].value
                assert name.split(".")[0] in allowed or name in allowed, (
                    f"{path}: import_module({name!r}): add it to EXTRA_HIDDEN_IMPORTS "
                    "in packaging/bundle_files.py"
                )
            # Names kept in tables (ui.main_window.PAGES, ui.app.CORE_MODULES…) must be
            # real modules, which the spec's collect_submodules then bundles.
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and module_name.match(node.value)
            ):
                parts = node.value.split(".")
                as_file = ROOT.joinpath(*parts).with_suffix(".py")
                as_package = ROOT.joinpath(*parts, "__init__.py")
                assert as_file.is_file() or as_package.is_file(), f"{path}: {node.value}"
    for name in bf.BY_NAME:
        assert ROOT.joinpath(*name.split(".")).with_suffix(".py").is_file(), name


def _imported_modules() -> set[tuple[str, str]]:
    found = set()
    for path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {(alias.name, str(path)) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add((node.module, str(path)))
                found |= {(f"{node.module}.{a.name}", str(path)) for a in node.names}
    return found


def test_the_app_imports_no_module_the_bundle_leaves_out() -> None:
    excluded = set(bf.EXCLUDED_MODULES) | set(bf.EXCLUDED_QT_MODULES)
    for module, path in _imported_modules():
        hits = [m for m in excluded if module == m or module.startswith(m + ".")]
        assert not hits, (
            f"{path} imports {module}, which packaging/bundle_files.py leaves out of the "
            "bundle: remove it from the exclusions (and its Qt plugins/libraries)"
        )


def test_french_holiday_names_and_the_france_module_are_bundled() -> None:
    assert importlib.util.find_spec("holidays.countries.france") is not None
    datas = bf.holidays_datas()
    assert [folder for _src, folder in datas] == ["holidays/locale/fr/LC_MESSAGES"]
    assert all(Path(src).is_file() for src, _folder in datas)


@pytest.mark.parametrize(
    ("dest", "left_out"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", False),
        ("PySide6/Qt/plugins/wayland-decoration-client/libadwaita.so", False),
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", False),
        ("PySide6/Qt/lib/libQt6Svg.so.6", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtdeclarative_fr.qm", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", True),
        ("PySide6/Qt6Network.dll", True),
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", True),
        ("libgtk-3.so.0", False),  # not Qt's: left out only if nothing kept needs it
        ("resources/referentials/sp-plus-2023.yaml", False),
    ],
)
def test_what_the_bundle_leaves_out(dest: str, left_out: bool) -> None:
    assert (bf.excluded_from_bundle(dest) is not None) is left_out


def test_pruning_drops_what_only_left_out_plugins_needed() -> None:
    qt = "PySide6/Qt"
    binaries = [
        (f"{qt}/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        (f"{qt}/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        (f"{qt}/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
        ("libQt6Network.so.6", f"{qt}/lib/libQt6Network.so.6", "SYMLINK"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libglib-2.0.so.0", "/usr/lib/libglib-2.0.so.0", "BINARY"),
        (f"{qt}/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
    ]
    imports = {
        "/src/libqgtk3.so": ["libgtk-3.so.0", "libQt6Core.so.6"],
        "/usr/lib/libgtk-3.so.0": ["libglib-2.0.so.0"],
        "/src/libqxcb.so": ["libglib-2.0.so.0", "libQt6Core.so.6"],
    }
    datas = [("libQt6Network.so.6", f"{qt}/lib/libQt6Network.so.6", "SYMLINK")]
    kept, kept_datas, counts = bf.prune(binaries, datas, lambda src: imports.get(src, []))
    assert [d for d, _s, _k in kept] == [
        f"{qt}/plugins/platforms/libqxcb.so",
        "libglib-2.0.so.0",  # the GTK stack needed it, but so does the kept xcb plugin
        f"{qt}/lib/libQt6Core.so.6",
    ]
    assert kept_datas == []
    assert counts["needed only by what was left out"] == 1  # libgtk-3

    imports["/src/libqxcb.so"].append("libQt6Network.so.6")
    with pytest.raises(SystemExit, match=r"libqxcb\.so needs PySide6/Qt/lib/libQt6Network"):
        bf.prune(binaries, datas, lambda src: imports.get(src, []))


def test_the_desktop_entry_and_the_appstream_file_agree() -> None:
    desktop_path = PACKAGING / "linux" / f"{bf.APP_ID}.desktop"
    metainfo_path = PACKAGING / "linux" / f"{bf.APP_ID}.metainfo.xml"
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]  # keep the keys' case
    desktop.read(desktop_path, encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Exec"].split()[0] == bf.APP_NAME
    assert entry["Icon"] == bf.APP_ID and entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == bf.APP_NAME  # Qt's WM_CLASS: the executable's name
    root = ET.parse(metainfo_path).getroot()  # raises on malformed XML
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == bf.APP_ID
    assert root.findtext("launchable") == desktop_path.name
    assert root.findtext("provides/binary") == bf.APP_NAME
    assert root.findtext("name") == entry["Name"] == bf.DISPLAY_NAME
    release = root.find("releases/release")
    assert release is not None and release.get("version") == _project()["version"]


def test_the_icon_is_a_square_svg() -> None:
    root = ET.parse(PACKAGING / "icons" / "auditor-app.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256"


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project: dict[str, object] = tomllib.load(handle)["project"]
    return project


def test_pyinstaller_is_the_bundle_extra_and_the_spec_uses_this_recipe() -> None:
    extras = _project()["optional-dependencies"]
    assert isinstance(extras, dict)
    assert any(req.lower().startswith("pyinstaller>=") for req in extras["bundle"])
    spec = (PACKAGING / "auditor-app.spec").read_text(encoding="utf-8")
    assert "import bundle_files as bf" in spec and "launcher.py" in spec
    ast.parse(spec)  # a spec is Python
    launcher = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    assert "from auditor_app.cli import main" in launcher


def test_the_smoke_test_fails_on_the_fatal_markers(tmp_path: Path) -> None:
    smoke = _load("smoke")
    for marker in (
        "ModuleNotFoundError",
        "No module named",
        "Traceback",
        "Could not load the Qt platform plugin",
        "This application failed to start",
    ):
        assert marker in smoke.FATAL_MARKERS  # fmt: skip
    names = [step.name for step in smoke.steps(tmp_path)]
    assert names[0] == "version" and names[-1].startswith("desktop app")
    assert {"report verify", "package verify"} <= set(names)
