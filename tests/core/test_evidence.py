"""Photos and documents: checked, stored once by hash, EXIF read, thumbnails made."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from auditor_app.store import findings
from auditor_app.store.blobs import EvidenceError
from auditor_app.store.workspace import Workspace
from tests.core.images import jpeg_with_exif, png_claiming_size, truncated_jpeg
from tests.core.test_store import journal_count, make_audit


def state(ws: Workspace) -> tuple[int, int, int]:
    evidence = ws.conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
    blobs = ws.conn.execute("SELECT count(*) FROM blobs").fetchone()[0]
    return evidence, blobs, journal_count(ws)


def test_photo_is_stored_once_with_exif_and_thumbnail(workspace: Workspace, tmp_path: Path) -> None:
    audit = make_audit(workspace)
    first, second = findings.findings(workspace, audit.id)[:2]
    photo = tmp_path / "hall.jpg"
    photo.write_bytes(jpeg_with_exif(size=(400, 300), orientation=6))
    a = findings.add_evidence(workspace, first.id, photo, caption="Hall d'accueil")
    b = findings.add_evidence(workspace, second.id, photo, caption="Même photo")
    assert a.blob.sha256 == b.blob.sha256
    assert a.kind == "photo" and a.blob.orientation == 6
    assert a.taken_at == "2026-11-17T10:42:05"
    assert (a.blob.width, a.blob.height) == (400, 300)
    stored = list((workspace.root / "blobs").rglob("*"))
    assert len([p for p in stored if p.is_file()]) == 1
    assert workspace.blobs.read(a.blob.sha256) == photo.read_bytes()
    with Image.open(workspace.blobs.thumbnail_path(a.blob.sha256)) as thumb:
        # orientation 6 means rotated 90°: the thumbnail is upright, so portrait
        assert thumb.size[0] < thumb.size[1] and max(thumb.size) <= 320
    listed = findings.evidence_for(workspace, first.id)
    assert [e.caption for e in listed] == ["Hall d'accueil"]
    assert findings.get_finding(workspace, first.id).evidence_count == 1


def test_document_is_kept_as_is(workspace: Workspace, tmp_path: Path) -> None:
    audit = make_audit(workspace)
    fid = findings.findings(workspace, audit.id)[0].id
    doc = tmp_path / "charte.pdf"
    doc.write_bytes(b"%PDF-1.4\n% charte de la laicite\n")
    ev = findings.add_evidence(workspace, fid, doc)
    assert ev.kind == "document" and ev.blob.media_type == "application/pdf"
    assert not workspace.blobs.thumbnail_path(ev.blob.sha256).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cassee.jpg", truncated_jpeg(), "illisible ou endommagée"),
        ("bombe.png", png_claiming_size(30_000, 30_000), "trop grande"),
        ("vide.jpg", b"", "vide"),
        ("pas-une-image.png", b"hello, not a png at all", "illisible ou endommagée"),
    ],
)
def test_bad_files_are_refused_and_nothing_changes(
    workspace: Workspace, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    audit = make_audit(workspace)
    fid = findings.findings(workspace, audit.id)[0].id
    before = state(workspace)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(EvidenceError, match=message) as caught:
        findings.add_evidence(workspace, fid, path)
    assert name in str(caught.value)
    assert state(workspace) == before
    assert not (workspace.root / "blobs").exists()


def test_missing_file_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    audit = make_audit(workspace)
    fid = findings.findings(workspace, audit.id)[0].id
    with pytest.raises(EvidenceError, match="introuvable"):
        findings.add_evidence(workspace, fid, tmp_path / "absent.jpg")


def test_tampered_blob_is_detected(workspace: Workspace, tmp_path: Path) -> None:
    audit = make_audit(workspace)
    fid = findings.findings(workspace, audit.id)[0].id
    photo = tmp_path / "p.jpg"
    photo.write_bytes(jpeg_with_exif())
    ev = findings.add_evidence(workspace, fid, photo)
    path = workspace.blobs.path(ev.blob.sha256)
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(EvidenceError, match="altéré"):
        workspace.blobs.read(ev.blob.sha256)
