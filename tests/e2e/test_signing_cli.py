"""``identity …`` and ``report verify`` run as a user would: subprocess, output, exit code."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor_app.report.signing import sign_pdf
from auditor_app.signing_cli import register
from tests.core.test_identity import PASS, make_p12
from tests.core.test_signing import BOX, flip, make_pdf

ROOT = Path(__file__).resolve().parents[2]
FINGERPRINT = re.compile(r"Empreinte SHA-256 : ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor_app.signing_cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        input=stdin,
        env={**os.environ},
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("auditor-app : erreur : ")
    return lines[0]


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An auditor identity made through the command, its certificate and a signed report."""
    d = tmp_path_factory.mktemp("team")
    (d / "pass").write_bytes(PASS + b"\n")
    created = run(
        "identity",
        "create",
        "--name",
        "Claire Martin",
        "--email",
        "c@example.fr",
        "--organisation",
        "Qualicert",
        "--out",
        str(d / "claire.p12"),
        "--passphrase-file",
        str(d / "pass"),
        "--cert-out",
        str(d / "claire.pem"),
    )
    assert created.returncode == 0, created.stderr
    found = FINGERPRINT.search(created.stdout)
    assert found is not None, created.stdout
    (d / "fingerprint").write_text(found.group(1))
    sign_pdf(make_pdf(d / "rapport.pdf"), d / "signed.pdf", d / "claire.p12", PASS, box=BOX)
    return d


def test_create_prints_the_fingerprint_that_show_finds_again(team: Path) -> None:
    shown = run(
        "identity", "show", str(team / "claire.p12"), "--passphrase-file", str(team / "pass")
    )
    assert shown.returncode == 0, shown.stderr
    assert f"Empreinte SHA-256 : {(team / 'fingerprint').read_text()}" in shown.stdout
    assert "Nom : Claire Martin" in shown.stdout and "Peut signer : oui" in shown.stdout
    assert (team / "claire.pem").read_text().startswith("-----BEGIN CERTIFICATE-----")


def test_create_refuses_to_overwrite(team: Path) -> None:
    before = (team / "claire.p12").read_bytes()
    again = run(
        "identity",
        "create",
        "--name",
        "X",
        "--email",
        "x@example.fr",
        "--out",
        str(team / "claire.p12"),
        "--passphrase-file",
        str(team / "pass"),
    )
    assert again.returncode == 2
    assert "existe déjà" in one_error_line(again)
    assert (team / "claire.p12").read_bytes() == before


def test_wrong_or_missing_passphrase(team: Path, tmp_path: Path) -> None:
    (tmp_path / "wrong").write_text("pas la bonne\n")
    wrong = run(
        "identity", "show", str(team / "claire.p12"), "--passphrase-file", str(tmp_path / "wrong")
    )
    assert wrong.returncode == 2 and wrong.stdout == ""
    assert "phrase de passe incorrecte" in one_error_line(wrong)
    # Not a terminal and no file: say what to do instead of waiting for a prompt.
    missing = run("identity", "show", str(team / "claire.p12"), stdin="")
    assert missing.returncode == 2
    assert "--passphrase-file" in one_error_line(missing)
    from_stdin = run(
        "identity",
        "show",
        str(team / "claire.p12"),
        "--passphrase-file",
        "-",
        stdin=PASS.decode() + "\n",
    )
    assert from_stdin.returncode == 0, from_stdin.stderr


def test_show_says_an_expired_identity_cannot_sign(tmp_path: Path) -> None:
    past = datetime.now(UTC) - timedelta(days=2)
    p12 = make_p12(
        tmp_path / "old.p12", "Ancien", not_before=past - timedelta(days=90), not_after=past
    )
    (tmp_path / "pass").write_bytes(PASS)
    shown = run("identity", "show", str(p12), "--passphrase-file", str(tmp_path / "pass"))
    assert shown.returncode == 1
    assert "Ne peut pas signer" in shown.stdout and "expiré" in shown.stdout


def test_export_cert_and_import(team: Path, tmp_path: Path) -> None:
    exported = run(
        "identity",
        "export-cert",
        str(team / "claire.p12"),
        "--out",
        str(tmp_path / "c.pem"),
        "--passphrase-file",
        str(team / "pass"),
    )
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "c.pem").read_bytes() == (team / "claire.pem").read_bytes()
    ws = tmp_path / "ws"
    imported = run(
        "--workspace",
        str(ws),
        "identity",
        "import",
        str(team / "claire.p12"),
        "--passphrase-file",
        str(team / "pass"),
    )
    assert imported.returncode == 0, imported.stderr
    copies = list((ws / "identities").iterdir())
    assert len(copies) == 1 and copies[0].read_bytes() == (team / "claire.p12").read_bytes()


def test_verify_green_orange_red_and_misuse(team: Path, tmp_path: Path) -> None:
    signed = str(team / "signed.pdf")
    trust = ("--trust", str(team / "claire.pem"))

    green = run("report", "verify", signed, *trust)
    assert green.returncode == 0, green.stderr
    assert green.stdout.startswith("VALIDE – Signature valide") and green.stderr == ""
    assert len(green.stdout.strip().splitlines()) == 1

    orange = run("report", "verify", signed)
    assert orange.returncode == 1
    assert orange.stdout.startswith("À VÉRIFIER – ") and orange.stderr == ""

    position = (team / "signed.pdf").read_bytes().index(b"Services Publics")
    tampered = flip(team / "signed.pdf", tmp_path / "tampered.pdf", position)
    red = run("report", "verify", str(tampered), *trust)
    assert red.returncode == 1
    assert red.stdout.startswith("INVALIDE – ") and "modifié" in red.stdout

    unsigned = run("report", "verify", str(team / "rapport.pdf"), *trust)
    assert unsigned.returncode == 1 and "n'est pas signé" in unsigned.stdout

    missing = run("report", "verify", str(tmp_path / "absent.pdf"))
    assert missing.returncode == 2 and "introuvable" in one_error_line(missing)
    bad_trust = run("report", "verify", signed, "--trust", str(team / "pass"))
    assert bad_trust.returncode == 2 and "n'est pas un certificat" in one_error_line(bad_trust)
    no_file = run("report", "verify")
    assert no_file.returncode == 2

    details = run("report", "verify", signed, *trust, "--details")
    assert details.returncode == 0 and (team / "fingerprint").read_text() in details.stdout


def test_register_adds_report_build_and_verify() -> None:
    parser = argparse.ArgumentParser(prog="auditor-app")
    sub = parser.add_subparsers()
    register(sub)
    args = parser.parse_args(["report", "build", "A-1", "--out", "r.pdf", "--sign", "c.p12"])
    assert (args.audit, args.out, args.sign, args.no_annex) == ("A-1", "r.pdf", "c.p12", False)
    assert parser.parse_args(["report", "verify", "y.pdf", "--trust", "a.pem"]).trust == ["a.pem"]
    assert parser.parse_args(["identity", "show", "z.p12"]).file == "z.p12"
