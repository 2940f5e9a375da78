"""Smoke test of the frozen program (dist/auditor-app/), offscreen, in a throw-away workspace.

    python3 packaging/smoke.py [BUNDLE_DIR] [--budget-mb N]

Runs the bundled executable as a user would, with nothing from the source tree: the
version; the demo audit (the bundled grid must be found); a signing identity, a signed
report verified against its certificate; a signed package verified the same way; the
findings as a spreadsheet; the journal check; then the desktop app on the demo, which quits
once the audit is shown (``AUDITOR_APP_EXIT_AFTER_START``). A step fails on a non-zero exit,
a missing expected answer, or a fatal marker in its output (a missing module, a Qt plugin
that cannot load, a traceback). Last, the bundle's size must stay within the budget.
Standard library only, so it runs on a machine with only Python.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "dist" / "auditor-app"
AUDIT = "DEMO-VDR-2026"
# The largest bundle accepted, MiB. Measured on Linux x86-64 (Debian 12, Python 3.11,
# PySide6-Essentials 6.11, PyInstaller 6.22): 170 MiB; 211 MiB without stripping the
# binaries, 341 MiB with none of the exclusions of bundle_files.py. The budget leaves ~18 %
# for the ordinary growth of the dependencies and fails when a whole stack slips in (GTK
# 20 MiB, numpy 40 MiB, QtQuick/QML 60 MiB…). Windows and macOS are not measured yet: their
# figures are guesses to be set from a first build there (macOS wheels hold two
# architectures, so about twice Qt's size).
BUDGETS_MIB = {"linux": 200, "win32": 200, "darwin": 400}
BUDGET_MIB = BUDGETS_MIB.get(sys.platform, 200)
FATAL_MARKERS = (
    "ModuleNotFoundError",
    "No module named",
    "Could not load the Qt platform plugin",
    "This application failed to start",
    "Traceback",
    "interface catalogue",  # ui.i18n: the English .qm not found or not loadable
)
PASSPHRASE = "fumée blanche sur le guichet 2026"


class SmokeFailure(Exception):
    pass


def bundle_size(folder: Path) -> int:
    """Bytes of the files in ``folder`` (symbolic links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def disk_usage(folder: Path) -> str:
    """What ``du -sh`` says, where there is a ``du``."""
    du = shutil.which("du")
    if du is None:
        return ""
    result = subprocess.run([du, "-sh", str(folder)], capture_output=True, text=True)
    return result.stdout.split("\t")[0].strip() if result.returncode == 0 else ""


def executable(bundle: Path) -> Path:
    return bundle / ("auditor-app.exe" if sys.platform == "win32" else "auditor-app")


def clean_environment(home: Path) -> dict[str, str]:
    """The environment of a user's session, without anything pointing at the source tree,
    with the per-user folders in ``home`` so nothing of the real user's is read or written."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AUDITOR_APP_", "PYTHON", "QT_", "PYINSTALLER_"))
        and key not in {"VIRTUAL_ENV", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"}
    }
    for name in ("config", "data", "cache", "state"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        AUDITOR_APP_USER="smoke",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    if sys.platform == "win32":
        env.update(USERPROFILE=str(home), APPDATA=str(home / "config"))
        env.update(LOCALAPPDATA=str(home / "data"))
    return env


@dataclass
class Step:
    name: str
    args: Sequence[str]
    check: Callable[[subprocess.CompletedProcess[str]], str | None] = lambda _r: None
    env: dict[str, str] | None = None
    timeout: float = 300


def expect_output(pattern: str) -> Callable[[subprocess.CompletedProcess[str]], str | None]:
    """A check that standard output has a line matching ``pattern`` (a regex)."""

    def check(result: subprocess.CompletedProcess[str]) -> str | None:
        if re.search(pattern, result.stdout, re.MULTILINE):
            return None
        return f"expected a line matching {pattern!r} in the output"

    return check


def run_step(exe: Path, step: Step, cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [str(exe), *step.args],
            cwd=cwd,
            env={**env, **(step.env or {})},
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=step.timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"{step.name}: no answer after {step.timeout:.0f} s") from exc
    elapsed = time.perf_counter() - started
    output = result.stdout + result.stderr
    problems = [f"fatal marker {marker!r}" for marker in FATAL_MARKERS if marker in output]
    if result.returncode != 0:
        problems.append(f"exit code {result.returncode}")
    checked = step.check(result) if not problems else None
    if checked:
        problems.append(checked)
    if problems:
        raise SmokeFailure(
            f"{step.name}: {'; '.join(problems)}\n$ auditor-app {' '.join(step.args)}\n"
            f"--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"
        )
    return elapsed


def project_version() -> str | None:
    pyproject = ROOT / "pyproject.toml"
    if not pyproject.is_file():
        return None
    with pyproject.open("rb") as handle:
        version: str = tomllib.load(handle)["project"]["version"]
    return version


def steps(work: Path) -> list[Step]:
    ws, p12, cert = work / "workspace", work / "id.p12", work / "cert.pem"
    secret, report, package = work / "passphrase.txt", work / "r.pdf", work / "p.spaudit"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    version = project_version()
    version_pattern = re.escape(version) if version else r"\S+"
    wsa = ("--workspace", str(ws))
    return [
        Step("version", ["--version"],
             expect_output(rf"^auditor-app {version_pattern}$")),
        Step("demo audit (bundled grid found)", [*wsa, "demo"],
             expect_output(r"^Démonstration prête dans ")),
        Step("bundled grids", [*wsa, "referential", "list"], expect_output(r"sp-plus")),
        Step("audit summary", [*wsa, "audits", "show", AUDIT],
             expect_output(r"Sites : 21")),
        Step("signing identity", [*wsa, "identity", "create", "--name", "Claire Fumée",
                                  "--email", "claire@example.org", "--organisation", "Smoke",
                                  "--out", str(p12), "--passphrase-file", str(secret),
                                  "--cert-out", str(cert)]),
        Step("signed report", [*wsa, "report", "build", AUDIT, "--out", str(report),
                               "--sign", str(p12), "--passphrase-file", str(secret),
                               "--no-annex"]),
        Step("report verify", [*wsa, "report", "verify", str(report), "--trust", str(cert)],
             expect_output(r"^VALIDE\b")),
        Step("signed package", [*wsa, "package", "export", AUDIT, "--out", str(package),
                                "--identity", str(p12), "--passphrase-file", str(secret)]),
        Step("package verify", [*wsa, "package", "verify", str(package), "--trust", str(cert)],
             expect_output(r"^VALIDE\b")),
        Step("findings as a spreadsheet", [*wsa, "findings", "export", AUDIT, "--format",
                                           "xlsx", "--out", str(work / "constats.xlsx")]),
        Step("journal verify", [*wsa, "journal", "verify"]),
        Step("desktop app on the demo, offscreen", [*wsa, "--demo"],
             env={"AUDITOR_APP_EXIT_AFTER_START": "1"}, timeout=180),
        Step("desktop app in English", [*wsa, "--demo", "--lang", "en"],
             env={"AUDITOR_APP_EXIT_AFTER_START": "1"}, timeout=180),
    ]  # fmt: skip


def check_bundle_files(bundle: Path) -> None:
    """Files the program looks for at run time, not through an import."""
    wanted = {
        "the bundled grid": "resources/referentials/sp-plus-2023.yaml",
        "Qt's French strings": "qtbase_fr.qm",
        "the English interface": "resources/translations/ui_en.qm",
        "French names of the holidays": "holidays/locale/fr/LC_MESSAGES/FR.mo",
    }
    files = [p.as_posix() for p in bundle.rglob("*")]
    for what, tail in wanted.items():
        if not any(name.endswith("/" + tail) for name in files):
            raise SmokeFailure(f"{what} missing from the bundle (…/{tail})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "bundle",
        nargs="?",
        type=Path,
        default=DEFAULT_BUNDLE,
        help=f"the onedir bundle ({DEFAULT_BUNDLE.relative_to(ROOT)})",
    )
    parser.add_argument(
        "--budget-mb",
        type=float,
        default=BUDGET_MIB,
        help=f"largest bundle accepted, MiB ({BUDGET_MIB}); 0: no limit",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace")
    args = parser.parse_args(argv)  # fmt: skip

    bundle: Path = args.bundle.resolve()
    exe = executable(bundle)
    if not exe.is_file():
        print(f"smoke: no executable at {exe}: build it first (python3 packaging/build.py)")
        return 2
    work = Path(tempfile.mkdtemp(prefix="auditor-app-smoke-"))
    env = clean_environment(work / "home")
    print(f"smoke: {exe} in {work} (QT_QPA_PLATFORM=offscreen)")
    try:
        check_bundle_files(bundle)
        all_steps = steps(work)
        for step in all_steps:
            elapsed = run_step(exe, step, work, env)
            print(f"  ok  {step.name} ({elapsed:.1f} s)", flush=True)
        size = bundle_size(bundle)
        du = disk_usage(bundle)
        mib = size / 2**20
        print(f"smoke: bundle {mib:.0f} MiB ({size:,} bytes{', du ' + du if du else ''}),"
              f" budget {args.budget_mb:g} MiB")  # fmt: skip
        if args.budget_mb and mib > args.budget_mb:
            raise SmokeFailure(
                f"the bundle ({mib:.0f} MiB) is over its budget ({args.budget_mb:g} MiB): "
                "see what packaging/bundle_files.py leaves out"
            )
    except SmokeFailure as failure:
        print(f"smoke: FAILED: {failure}")
        print(f"smoke: workspace kept in {work}")
        return 1
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(f"smoke: all {len(all_steps)} steps of the frozen program passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
