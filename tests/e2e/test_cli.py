"""The command line, run as a user would: in a subprocess, reading stdout, stderr, exit code."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor_app.cli", *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("demo")
    result = run("--workspace", str(ws), "demo")
    assert result.returncode == 0, result.stderr
    assert "Démonstration prête" in result.stdout
    return ws


def test_demo_summary_tells_where_the_audit_stands(demo_ws: Path) -> None:
    result = run("--workspace", str(demo_ws), "audits", "show", "DEMO-VDR-2026")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Sites : 21" in out
    assert "Dans le respect mutuel" in out  # engagement 1's published title
    assert "84,0 %" in out  # the user survey's global satisfaction
    assert "Avant signature" in out


def test_demo_is_the_same_every_time(demo_ws: Path, tmp_path: Path) -> None:
    other = tmp_path / "again"
    assert run("--workspace", str(other), "demo").returncode == 0
    a = run("--workspace", str(demo_ws), "findings", "export", "DEMO-VDR-2026",
            "--out", str(tmp_path / "a.csv"))  # fmt: skip
    b = run("--workspace", str(other), "findings", "export", "DEMO-VDR-2026",
            "--out", str(tmp_path / "b.csv"))  # fmt: skip
    assert a.returncode == b.returncode == 0

    def strip_times(path: Path) -> list[list[str]]:
        # The demo's findings are stamped with the time they were built: two builds a minute
        # apart differ only there, so the « Modifié le » column is left out, found by its name.
        with path.open(encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle, delimiter=";"))
        when = rows[0].index("Modifié le")
        return [row[:when] + row[when + 1 :] for row in rows]

    assert strip_times(tmp_path / "a.csv") == strip_times(tmp_path / "b.csv")


def test_building_the_demo_twice_keeps_one_audit(demo_ws: Path) -> None:
    assert run("--workspace", str(demo_ws), "demo").returncode == 0
    listing = run("--workspace", str(demo_ws), "audits", "list")
    assert listing.returncode == 0
    assert listing.stdout.count("DEMO-VDR-2026") == 1


def test_findings_export_xlsx(demo_ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "constats.xlsx"
    result = run("--workspace", str(demo_ws), "findings", "export", "DEMO-VDR-2026",
                 "--format", "xlsx", "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Audit", "Site", "Dispositif"]
    verdicts = {row[8] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Conforme" in verdicts and "Non-conformité mineure" in verdicts
    assert header[15:] == ["Réponse du site", "Commentaire du site", "Revue",
                           "Commentaire de revue"]  # fmt: skip
    count = int(result.stdout.split()[0])
    assert sheet.max_row == count + 1


def test_journal_verify_ok_then_detects_tampering(demo_ws: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    copy = tmp_path / "copy"
    shutil.copytree(demo_ws, copy)
    ok = run("--workspace", str(copy), "journal", "verify")
    assert ok.returncode == 0 and "Journal intègre" in ok.stdout
    conn = sqlite3.connect(copy / "workspace.sqlite")
    conn.execute("DROP TRIGGER journal_no_update")
    conn.execute("UPDATE journal SET payload = payload || x'20' WHERE seq = 42")
    conn.commit()
    conn.close()
    bad = run("--workspace", str(copy), "journal", "verify")
    assert bad.returncode == 1
    assert "entrée n° 42" in bad.stdout


def test_referential_round_trip_through_xlsx(tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    out = tmp_path / "grille.xlsx"
    exported = run("--workspace", ws, "referential", "export-xlsx", "sp-plus", str(out))
    assert exported.returncode == 0, exported.stderr
    valid = run("referential", "validate", str(out))
    assert valid.returncode == 0 and "grille valide" in valid.stdout
    imported = run("--workspace", ws, "referential", "import-xlsx", str(out))
    assert imported.returncode == 0, imported.stderr
    listing = run("--workspace", ws, "referential", "list")
    assert "sp-plus@2023.1" in listing.stdout


def test_invalid_grid_exit_1_with_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    source = (ROOT / "resources/referentials/sp-plus-2023.yaml").read_text(encoding="utf-8")
    broken = source.replace("channels: [counter, phone, email]", "channels: [counter, fax]", 1)
    assert broken != source
    bad.write_text(broken, encoding="utf-8")
    result = run("referential", "validate", str(bad))
    assert result.returncode == 1
    assert "bad.yaml" in result.stderr and "fax" in result.stderr
    assert "engagements[0].criteria[0].checkpoints[0].channels[1]" in result.stderr


def test_misuse_exit_2_in_one_line(tmp_path: Path) -> None:
    result = run("--workspace", str(tmp_path / "ws"), "audits", "show", "nope")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "aucun audit" in result.stderr
    assert run("audits").returncode == 2  # argparse: missing action
    missing = run("referential", "validate", str(tmp_path / "absent.yaml"))
    assert missing.returncode == 1 and "absent.yaml" in missing.stderr


def test_locked_workspace_exit_2(tmp_path: Path) -> None:
    from auditor_app.store.workspace import Workspace

    with Workspace(tmp_path / "ws", actor="autre"):
        result = run("--workspace", str(tmp_path / "ws"), "audits", "list")
    assert result.returncode == 2
    assert "déjà ouvert par un autre programme" in result.stderr


def test_workspace_from_environment(tmp_path: Path) -> None:
    ws = tmp_path / "from-env"
    result = run("audits", "list", env={"AUDITOR_APP_WORKSPACE": str(ws)})
    assert result.returncode == 0 and str(ws) in result.stdout
    assert (ws / "workspace.sqlite").exists()


def test_every_command_is_documented_in_the_readme() -> None:
    from auditor_app.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands: list[str] = []
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for name, sub in action.choices.items():
            nested = [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]
            if nested:
                commands += [f"{name} {child}" for child in nested[0].choices]
            else:
                commands.append(name)
    assert commands
    for command in commands:
        assert f"auditor-app {command}" in readme or f"`{command}" in readme, command


def test_journal_verify_finds_a_row_edited_behind_its_back(demo_ws: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    copy = tmp_path / "copy"
    shutil.copytree(demo_ws, copy)
    ok = run("--workspace", str(copy), "journal", "verify")
    assert ok.returncode == 0 and "concordent avec le journal" in ok.stdout
    conn = sqlite3.connect(copy / "workspace.sqlite")
    conn.execute(
        "UPDATE findings SET verdict = 'conforme' WHERE verdict = 'nc_mineure'"
    )  # a quiet « fix » of every minor non-conformity
    conn.commit()
    conn.close()
    bad = run("--workspace", str(copy), "journal", "verify")
    assert bad.returncode == 1
    assert "hors du journal" in bad.stderr and "verdict" in bad.stderr


def test_report_build_signed_then_verified(demo_ws: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass"
    secret.write_text("phrase de passe\n", encoding="utf-8")
    p12, pem, pdf = tmp_path / "claire.p12", tmp_path / "claire.pem", tmp_path / "rapport.pdf"
    created = run("identity", "create", "--name", "Claire Martin", "--email", "c@certif.fr",
                  "--out", str(p12), "--passphrase-file", str(secret), "--cert-out", str(pem))
    assert created.returncode == 0, created.stderr
    built = run("--workspace", str(demo_ws), "report", "build", "DEMO-VDR-2026", "--out",
                str(pdf), "--sign", str(p12), "--passphrase-file", str(secret))  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "signé par Claire Martin" in built.stdout
    assert not list(tmp_path.glob(".*unsigned*"))  # the unsigned draft is gone
    trusted = run("report", "verify", str(pdf), "--trust", str(pem))
    assert trusted.returncode == 0 and trusted.stdout.startswith("VALIDE")
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "modifie.pdf"
    tampered.write_bytes(bytes(data))
    bad = run("report", "verify", str(tampered), "--trust", str(pem))
    assert bad.returncode == 1 and bad.stdout.startswith("INVALIDE")
