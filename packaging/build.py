"""Build the installable bundle of auditor-app: dist/auditor-app/ (PyInstaller, one folder).

    python3 -m pip install -e '.[bundle]'     # PyInstaller (this script installs nothing)
    python3 packaging/build.py                # icons, bundle, desktop files, size, smoke test

Runs on Linux, Windows and macOS alike, each building the bundle for its own platform
(PyInstaller does not cross-compile). Steps: render the icon from packaging/icons/*.svg to
PNG, ICO and ICNS (build/icons/); compile the interface's catalogues (resources/
translations/ui_*.ts → build/translations/*.qm, lrelease); run PyInstaller on
packaging/auditor-app.spec; on Linux put
the desktop entry, the AppStream file and the icons in dist/auditor-app/share/ and check
them; print the bundle's size and the build time; run packaging/smoke.py on the result.

Options: ``--clean`` empties PyInstaller's cache first; ``--no-smoke`` skips the smoke test;
``--full`` builds without the exclusions of bundle_files.py (to measure what they save).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
sys.path.insert(0, str(PACKAGING))

import bundle_files as bf  # noqa: E402
import smoke  # noqa: E402

ROOT = bf.ROOT
SPEC = PACKAGING / "auditor-app.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
ICONS_OUT = ROOT / "build" / "icons"
SVG = PACKAGING / "icons" / "auditor-app.svg"
LINUX = PACKAGING / "linux"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def say(message: str) -> None:
    print(f"build: {message}", flush=True)


def render_icons(out: Path = ICONS_OUT) -> dict[int, Path]:
    """The SVG icon as PNG at every size, and auditor-app.ico / auditor-app.icns.

    Qt's SVG renderer (QtSvg, in PySide6-Essentials) draws each size from the SVG, so small
    sizes stay sharp; Pillow writes the files, ICO and ICNS included (Pillow writes ICNS on
    every platform).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"build: cannot read the icon {SVG}")
    out.mkdir(parents=True, exist_ok=True)
    pngs: dict[int, Path] = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        raw = out / f"qt-{size}.png"
        if not image.save(str(raw)):
            raise SystemExit(f"build: cannot write {raw}")
        with Image.open(raw) as rendered:
            pngs[size] = out / f"auditor-app-{size}.png"
            rendered.convert("RGBA").save(pngs[size], optimize=True)
        raw.unlink()
    images = {size: Image.open(path) for size, path in pngs.items()}
    try:
        images[256].save(
            out / "auditor-app.ico",
            sizes=[(s, s) for s in ICO_SIZES],
            append_images=[images[s] for s in ICO_SIZES if s != 256],
        )
        images[1024].save(
            out / "auditor-app.icns", append_images=[images[s] for s in ICNS_SIZES[:-1]]
        )
    finally:
        for image in images.values():
            image.close()
    return pngs


def check_linux_files() -> None:
    """The desktop entry and the AppStream file: well-formed, naming each other and the
    program; then appstreamcli and desktop-file-validate where they are installed."""
    metainfo = LINUX / f"{bf.APP_ID}.metainfo.xml"
    desktop = LINUX / f"{bf.APP_ID}.desktop"
    root = ET.parse(metainfo).getroot()  # raises on malformed XML
    problems = []
    if root.findtext("id") != bf.APP_ID:
        problems.append(f"{metainfo.name}: <id> is not {bf.APP_ID}")
    if root.findtext("launchable") != desktop.name:
        problems.append(f"{metainfo.name}: <launchable> is not {desktop.name}")
    entry = dict(
        line.split("=", 1)
        for line in desktop.read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.startswith("#")
    )
    if entry.get("Exec", "").split()[:1] != [bf.APP_NAME] or entry.get("Icon") != bf.APP_ID:
        problems.append(f"{desktop.name}: Exec must run {bf.APP_NAME}, Icon must be {bf.APP_ID}")
    if problems:
        raise SystemExit("build: " + "\n".join(problems))
    for tool, options, file in (
        ("appstreamcli", ["validate", "--no-net"], metainfo),
        ("desktop-file-validate", [], desktop),
    ):
        path = shutil.which(tool)
        if path is None:
            say(f"{tool} not installed: {file.name} checked by this script only")
            continue
        result = subprocess.run([path, *options, str(file)], capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"build: {tool} refused it:\n{result.stdout}{result.stderr}")
        say(f"{tool}: ok")


def install_linux_files(bundle: Path, pngs: dict[int, Path]) -> None:
    """share/ beside the program, laid out like /usr/share, ready to copy to a prefix."""
    share = bundle / "share"
    if share.exists():
        shutil.rmtree(share)
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(LINUX / f"{bf.APP_ID}.desktop", share / "applications")
    shutil.copy2(LINUX / f"{bf.APP_ID}.metainfo.xml", share / "metainfo")
    for size in HICOLOR_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(pngs[size], folder / f"{bf.APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(SVG, scalable / f"{bf.APP_ID}.svg")


def compile_translations(out: Path = bf.COMPILED_TRANSLATIONS) -> list[Path]:
    """Each ``resources/translations/ui_<lang>.ts`` compiled to ``out/ui_<lang>.qm`` by Qt's
    lrelease (shipped with PySide6), as the app does for a checkout."""
    sys.path.insert(0, str(ROOT))
    from ui.i18n import compile_catalogue

    compiled = []
    for ts in sorted((ROOT / "resources" / "translations").glob("ui_*.ts")):
        qm = out / (ts.stem + ".qm")
        compile_catalogue(ts, qm)
        compiled.append(qm)
    return compiled


def run_pyinstaller(clean: bool, full: bool) -> float:
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]  # fmt: skip
    if clean:
        command.insert(3, "--clean")
    env = dict(os.environ)
    env.pop("AUDITOR_APP_BUNDLE_FULL", None)
    if full:
        env["AUDITOR_APP_BUNDLE_FULL"] = "1"
    say(" ".join(command))
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build: PyInstaller failed (exit {result.returncode})")
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-smoke", action="store_true", help="do not run the smoke test")
    parser.add_argument(
        "--full",
        action="store_true",
        help="no exclusions (to measure them); the size budget is not applied",
    )
    args = parser.parse_args(argv)  # fmt: skip

    if importlib.util.find_spec("PyInstaller") is None:
        say("PyInstaller is not installed: python3 -m pip install -e '.[bundle]'")
        return 2
    if sys.platform.startswith("linux") and shutil.which("objdump") is None:
        say("PyInstaller needs objdump on Linux: apt-get install binutils (Debian, Ubuntu)")
        return 2
    started = time.perf_counter()
    pngs = render_icons()
    say(f"icons: {ICONS_OUT.relative_to(ROOT)}/ (PNG {min(pngs)}–{max(pngs)} px, ICO, ICNS)")
    if sys.platform.startswith("linux"):
        check_linux_files()
    for qm in compile_translations():
        say(f"interface catalogue: {qm.relative_to(ROOT)} ({qm.stat().st_size // 1024} KiB)")
    elapsed = run_pyinstaller(args.clean, args.full)
    bundle = DIST / bf.APP_NAME
    if sys.platform.startswith("linux"):
        install_linux_files(bundle, pngs)
    size = smoke.bundle_size(bundle)
    du = smoke.disk_usage(bundle)
    say(f"PyInstaller: {elapsed:.0f} s; whole build: {time.perf_counter() - started:.0f} s")
    note = (f" (du {du})" if du else "") + (" without exclusions" if args.full else "")
    say(f"bundle: {bundle.relative_to(ROOT)}/ {size / 2**20:.0f} MiB{note}")
    if sys.platform == "darwin":
        say(f"macOS application: {(DIST / (bf.APP_NAME + '.app')).relative_to(ROOT)}")
    if args.no_smoke:
        return 0
    smoke_args = [str(bundle)] + (["--budget-mb", "0"] if args.full else [])
    return smoke.main(smoke_args)


if __name__ == "__main__":
    sys.exit(main())
