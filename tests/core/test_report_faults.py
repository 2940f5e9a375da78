"""Bad input and faults: corrupt or missing photos, unwritable folders, cancel, size budget."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor_app.demo_info import DEMO_AUDIT_ID
from auditor_app.report import build as build_module
from auditor_app.report.build import build_report
from auditor_app.report.errors import ReportCancelled, ReportError
from auditor_app.report.photos import cache_dir
from auditor_app.store import findings
from auditor_app.store.workspace import Workspace
from tests.core.test_report_support import Demo, make_demo, pdf_text

MB = 1024 * 1024


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    built = make_demo(tmp_path_factory.mktemp("faults"))
    yield built
    built.ws.close()


def _nc_photo(ws: Workspace) -> tuple[str, Path]:
    """The hash and file of a photo shown with a non-conformity."""
    row = ws.conn.execute(
        "SELECT e.blob_sha256 FROM evidence e JOIN findings f ON f.id = e.finding_id"
        " WHERE f.verdict = 'nc_mineure' AND e.kind = 'photo' ORDER BY e.id LIMIT 1"
    ).fetchone()
    return row[0], ws.blobs.path(row[0])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_corrupt_photo_becomes_a_placeholder_with_a_warning(demo: Demo, tmp_path: Path) -> None:
    sha, path = _nc_photo(demo.ws)
    original = path.read_bytes()
    shutil.rmtree(cache_dir(demo.ws.root), ignore_errors=True)  # decode it, not a cached copy
    path.write_bytes(b"\x00garbage" * (len(original) // 8) + b"\x00" * (len(original) % 8))
    try:
        result = build_report(demo.ws, DEMO_AUDIT_ID, tmp_path / "r.pdf")
    finally:
        path.write_bytes(original)
    assert result.path.exists() and result.pages > 20
    [warning] = result.warnings
    assert warning.startswith("Photo ") and "altéré" in warning and "cadre" in warning
    text = pdf_text(result.path)
    assert "illisible ou absente de l'espace de travail" in text
    assert f"SHA-256 {sha[:16]}" in text


def test_a_missing_photo_is_reported_even_when_its_copy_is_cached(
    demo: Demo, tmp_path: Path
) -> None:
    build_report(demo.ws, DEMO_AUDIT_ID, tmp_path / "warm.pdf")  # the cache holds the photo
    _, path = _nc_photo(demo.ws)
    saved = path.read_bytes()
    path.unlink()
    try:
        result = build_report(demo.ws, DEMO_AUDIT_ID, tmp_path / "r.pdf")
    finally:
        path.write_bytes(saved)
    assert any("introuvable" in w for w in result.warnings)


def test_an_unwritable_destination_fails_plainly_and_leaves_nothing(
    demo: Demo, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "fichier.txt"
    not_a_folder.write_text("x")
    with pytest.raises(ReportError, match="Impossible d'écrire le rapport"):
        build_report(demo.ws, DEMO_AUDIT_ID, not_a_folder / "rapport.pdf")
    with pytest.raises(ReportError, match="est un dossier"):
        build_report(demo.ws, DEMO_AUDIT_ID, tmp_path)
    assert _leftovers(tmp_path) == ["fichier.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(demo: Demo, tmp_path: Path) -> None:
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ReportError, match="accès refusé"):
            build_report(demo.ws, DEMO_AUDIT_ID, folder / "rapport.pdf")
    finally:
        folder.chmod(0o700)


def test_a_full_disk_at_the_last_step_leaves_no_half_file(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build_module.os, "replace", full)
    with pytest.raises(ReportError, match="disque plein"):
        build_report(demo.ws, DEMO_AUDIT_ID, tmp_path / "rapport.pdf")
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("stage", ["Réduction des photos", "Mise en page"])
def test_cancel_raises_and_leaves_nothing(demo: Demo, tmp_path: Path, stage: str) -> None:
    if stage == "Réduction des photos":
        shutil.rmtree(cache_dir(demo.ws.root), ignore_errors=True)
    seen: list[str] = []
    with pytest.raises(ReportCancelled):
        build_report(
            demo.ws,
            DEMO_AUDIT_ID,
            tmp_path / "rapport.pdf",
            progress=lambda done, total, label: seen.append(label),
            cancelled=lambda: stage in seen,
        )
    assert _leftovers(tmp_path) == []


def test_the_size_budget_is_kept_by_reducing_then_leaving_photos_out(
    demo: Demo, tmp_path: Path
) -> None:
    full = build_report(demo.ws, DEMO_AUDIT_ID, tmp_path / "full.pdf")
    assert full.warnings == []
    reduced = build_report(
        demo.ws, DEMO_AUDIT_ID, tmp_path / "reduced.pdf", annex_budget_mb=(full.size - 100_000) / MB
    )
    assert reduced.size <= full.size - 100_000
    tight = build_report(demo.ws, DEMO_AUDIT_ID, tmp_path / "tight.pdf", annex_budget_mb=0.22)
    assert tight.size <= 0.22 * MB
    assert any("non reproduite" in w and "0,22 Mo" in w for w in tight.warnings)
    assert "non reproduite : budget de taille du rapport" in pdf_text(tight.path)
    hopeless = build_report(demo.ws, DEMO_AUDIT_ID, tmp_path / "x.pdf", annex_budget_mb=0.01)
    assert any("au-delà du budget" in w for w in hopeless.warnings)


def test_without_the_annex_only_findings_photos_are_kept(demo: Demo, tmp_path: Path) -> None:
    result = build_report(demo.ws, DEMO_AUDIT_ID, tmp_path / "r.pdf", photo_annex=False)
    text = pdf_text(result.path)
    assert "Annexe A" not in text and "4. Constats" in text
    assert result.size < demo.result.size


def test_findings_keep_their_photos_in_the_workspace(demo: Demo) -> None:
    # Building reports never touches the originals.
    for row in demo.ws.conn.execute("SELECT DISTINCT blob_sha256 FROM evidence").fetchall():
        assert demo.ws.blobs.read(row[0])
    assert findings.findings(demo.ws, DEMO_AUDIT_ID)
