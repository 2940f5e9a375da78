"""``backup list|create|restore|check`` run as a user would: subprocess, output, exit code."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CREATED = re.compile(r"Sauvegarde créée et vérifiée : (workspace-\d{8}-\d{6}-manual\.sqlite)")


def run(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor_app.cli", "--workspace", str(ws), "backup", *args],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env={**os.environ},
    )  # fmt: skip


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("auditor-app : erreur : ")
    return lines[0]


def create(ws: Path) -> str:
    result = run(ws, "create")
    assert result.returncode == 0, result.stderr
    found = CREATED.search(result.stdout)
    assert found is not None, result.stdout
    return found.group(1)


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("demo") / "ws"
    built = subprocess.run(
        [sys.executable, "-m", "auditor_app.cli", "--workspace", str(ws), "demo"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env={**os.environ},
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    return ws


@pytest.fixture
def ws(demo_ws: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ws"
    shutil.copytree(demo_ws, copy)
    return copy


def test_create_list_and_check_a_healthy_workspace(ws: Path) -> None:
    empty = run(ws, "list")
    assert empty.returncode == 0 and empty.stdout.startswith("Aucune sauvegarde")
    name = create(ws)
    listing = run(ws, "list")
    assert listing.returncode == 0, listing.stderr
    row = next(line for line in listing.stdout.splitlines() if name in line)
    assert "à la demande" in row and re.search(r"\d+ entrées", row) and row.endswith("ok")
    check = run(ws, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Base de données intègre." in check.stdout
    assert f"Dernière sauvegarde saine : {name}" in check.stdout


def test_check_finds_a_damaged_workspace_and_restore_latest_repairs_it(ws: Path) -> None:
    name = create(ws)
    damage(ws / "workspace.sqlite")
    check = run(ws, "check")
    assert check.returncode == 1
    assert check.stdout.startswith("PROBLÈME : Base de données")
    assert f"auditor-app backup restore {name}" in check.stdout
    restored = run(ws, "restore", "latest")
    assert restored.returncode == 0, restored.stderr
    assert f"Sauvegarde restaurée : {name}" in restored.stdout
    assert re.search(r"Base remplacée gardée : workspace-\S+-before-restore\.sqlite – copie "
                     r"altérée", restored.stdout)  # fmt: skip
    assert run(ws, "check").returncode == 0
    listing = run(ws, "list").stdout
    kept = next(line for line in listing.splitlines() if "before-restore" in line)
    assert "avant restauration" in kept and "ALTÉRÉE" in kept


def test_check_finds_a_tampered_journal(ws: Path) -> None:
    conn = sqlite3.connect(ws / "workspace.sqlite")
    conn.execute("DROP TRIGGER journal_no_update")
    conn.execute("UPDATE journal SET payload = payload || x'20' WHERE seq = 42")
    conn.commit()
    conn.close()
    check = run(ws, "check")
    assert check.returncode == 1
    assert "Journal altéré à l'entrée n° 42" in check.stdout
    assert "Aucune sauvegarde saine." in check.stdout


def test_a_damaged_backup_is_listed_bad_and_not_restored(ws: Path) -> None:
    name = create(ws)
    damage(ws / "backups" / name)
    listing = run(ws, "list")
    row = next(line for line in listing.stdout.splitlines() if name in line)
    assert "ALTÉRÉE : base de données" in row
    before = (ws / "workspace.sqlite").read_bytes()
    refused = run(ws, "restore", name)
    assert refused.returncode == 1
    assert "n'est pas utilisable" in one_error_line(refused)
    assert (ws / "workspace.sqlite").read_bytes() == before
    latest = run(ws, "restore", "latest")
    assert latest.returncode == 1 and "Aucune sauvegarde saine" in one_error_line(latest)


def test_restore_misuse_exit_2(ws: Path, tmp_path: Path) -> None:
    unknown = run(ws, "restore", "workspace-19990101-000000-manual.sqlite")
    assert unknown.returncode == 2 and "introuvable" in one_error_line(unknown)
    nothing = run(ws, "restore", "latest")
    assert nothing.returncode == 2 and "Aucune sauvegarde" in one_error_line(nothing)
    missing = run(tmp_path / "absent", "check")
    assert missing.returncode == 2 and "introuvable" in one_error_line(missing)
    assert run(ws, "restore").returncode == 2  # argparse: the name is required


def test_restore_refuses_while_the_workspace_is_open(ws: Path) -> None:
    from auditor_app.store.workspace import Workspace

    create(ws)
    with Workspace(ws, actor="autre"):
        refused = run(ws, "restore", "latest")
        check = run(ws, "check")  # reads only: works while the app has it open
        created = run(ws, "create")
    assert refused.returncode == 2
    assert "déjà ouvert par un autre programme" in one_error_line(refused)
    assert check.returncode == 0, check.stdout
    assert created.returncode == 2 and "déjà ouvert" in created.stderr
