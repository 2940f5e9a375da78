"""Exporting an audit as a signed ``.spaudit`` package.

The zip is streamed to a temporary file beside the destination (photos are copied block by
block, never held whole in memory), flushed to disk and renamed: a cancelled or failed
export leaves no file, and an existing package of the same name is replaced only whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor_app import __version__
from auditor_app.package import format as fmt
from auditor_app.package.reader import PackageCancelled, PackageError
from auditor_app.store import journal
from auditor_app.store.workspace import Workspace

if TYPE_CHECKING:
    from auditor_app.identity.certificate import LoadedPkcs12

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
_BLOCK = 1024 * 1024
# Journal actions that copy other workspaces' changes: they are not sent on (the changes
# themselves travel with their own ids), so a round trip does not look like a new change.
MERGE_ACTIONS = frozenset({"import", "conflict", "layout", "trust", "package"})


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_id: str
    files: int
    size: int
    counts: dict[str, int]


def _rows(ws: Workspace, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    cursor = ws.conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def audit_tables(ws: Workspace, audit_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of one audit, table by table, in the package's order."""
    tables: dict[str, list[dict[str, Any]]] = {}
    audit = _rows(ws, "SELECT * FROM audits WHERE id = ?", (audit_id,))
    if not audit:
        raise PackageError(f"Audit introuvable : {audit_id}")
    tables["referentials"] = _rows(
        ws, "SELECT * FROM referentials WHERE key = ?", (audit[0]["referential_key"],)
    )
    tables["audits"] = audit
    for table in fmt.TABLE_COLUMNS:
        if table in ("referentials", "audits", "blobs"):
            continue
        only_open = " AND status = 'open'" if table == "conflicts" else ""
        tables[table] = _rows(
            ws, f"SELECT * FROM {table} WHERE audit_id = ?{only_open} ORDER BY rowid", (audit_id,)
        )
    tables["blobs"] = _rows(
        ws,
        "SELECT * FROM blobs WHERE sha256 IN (SELECT blob_sha256 FROM evidence WHERE audit_id = ?"
        " UNION SELECT png_sha256 FROM signatures WHERE audit_id = ?) ORDER BY sha256",
        (audit_id, audit_id),
    )
    # Keep the order of insertion: referenced rows first.
    return {t: [_only_known(t, r) for r in tables[t]] for t in fmt.TABLE_COLUMNS if t in tables}


def _only_known(table: str, row: dict[str, Any]) -> dict[str, Any]:
    # Columns a later migration adds are not part of format 1.
    return {k: row[k] for k in fmt.TABLE_COLUMNS[table]}


def journal_lines(ws: Workspace, audit_id: str, origin: str) -> list[dict[str, str]]:
    """The audit's journal entries: this workspace's own, then those it received."""
    lines: list[dict[str, str]] = []
    own = ws.conn.execute(
        "SELECT payload, hash FROM journal WHERE audit_id = ? ORDER BY seq", (audit_id,)
    )
    for payload, digest in own:
        entry = journal.JournalEntry.parse(payload, digest)
        if entry.action not in MERGE_ACTIONS:
            lines.append({"origin": origin, "payload": payload.decode("utf-8"), "hash": digest})
    received = ws.conn.execute(
        "SELECT origin, payload, hash FROM imported_journal WHERE audit_id = ? ORDER BY rowid",
        (audit_id,),
    )
    for source, payload, digest in received:
        lines.append({"origin": source, "payload": bytes(payload).decode("utf-8"), "hash": digest})
    return lines


def sign_bytes(loaded: LoadedPkcs12, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

    key = loaded.key
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hashes.SHA256()))
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    if isinstance(key, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey):
        return key.sign(data)
    raise PackageError("Type de clé non pris en charge pour signer un paquet.")


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def export_package(
    ws: Workspace,
    audit_id: str,
    out: Path,
    identity: LoadedPkcs12,
    *,
    kind: str = "field",
    report: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """Write the signed package of one audit to ``out`` (created whole, or not at all)."""
    from auditor_app.identity.certificate import IdentityError, check_can_sign

    try:
        check_can_sign(identity.certificate)
    except IdentityError as exc:
        raise PackageError(f"Impossible de signer le paquet : {exc}") from exc
    ident = identity.identity
    tables = audit_tables(ws, audit_id)
    audit = tables["audits"][0]
    ref = tables["referentials"][0]
    head_seq, head_hash = journal.head(ws.conn)
    lines = journal_lines(ws, audit_id, ident.fingerprint)
    if kind != "review":  # the lead's decisions travel only in the lead's review package
        tables.pop("reviews", None)
    else:  # the lead settles conflicts; a review package does not hand them to the team
        tables.pop("conflicts", None)
        lines = [line for line in lines if line["payload"].split(journal.SEP)[5] != "reviews"]
    tables_raw = _json_bytes({"tables": tables})
    journal_raw = b"".join(_json_bytes(line) + b"\n" for line in lines)

    entries: list[tuple[str, Path | bytes, int, str]] = [
        (fmt.TABLES, tables_raw, len(tables_raw), hashlib.sha256(tables_raw).hexdigest()),
        (fmt.JOURNAL, journal_raw, len(journal_raw), hashlib.sha256(journal_raw).hexdigest()),
    ]
    for blob in tables["blobs"]:
        sha = blob["sha256"]
        source = ws.blobs.path(sha)
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise PackageError(
                f"Photo ou document {sha[:12]}… absent de l'espace de travail ({exc.strerror}) : "
                "le paquet ne peut pas être complet."
            ) from exc
        # Content-addressed: the name is the hash; the receiver checks it again.
        entries.append((f"blobs/{sha}", source, size, sha))
        thumb = ws.blobs.thumbnail_path(sha)
        if thumb.exists():
            data = thumb.read_bytes()
            entries.append((f"thumbs/{sha}.jpg", data, len(data), hashlib.sha256(data).hexdigest()))
    if report is not None:
        entries.append(_report_entry(report))

    manifest = fmt.Manifest(
        format="spaudit", format_version=fmt.FORMAT_VERSION, package_id=str(uuid.uuid4()),
        kind=kind,  # type: ignore[arg-type]
        created_at=journal.now_iso(), app_version=__version__, audit_id=audit_id,
        audit_reference=audit["reference"], referential_key=ref["key"],
        referential_sha256=ref["sha256"],
        exporter=fmt.Exporter(name=ident.name, email=ident.email,
                              fingerprint=ident.fingerprint, actor=ws.actor),
        journal=fmt.JournalHead(seq=head_seq, hash=head_hash, entries=len(lines)),
        counts={t: len(rows) for t, rows in tables.items()},
        files=[fmt.FileEntry(name=n, size=s, sha256=h) for n, _, s, h in entries],
    )  # fmt: skip
    manifest_raw = manifest.model_dump_json(indent=1).encode("utf-8")
    signature = sign_bytes(identity, manifest_raw)
    from cryptography.hazmat.primitives.serialization import Encoding

    signer_pem = identity.certificate.public_bytes(Encoding.PEM)
    total = sum(size for _, _, size, _ in entries)
    _write_zip(out, manifest_raw, signature, signer_pem, entries, total, progress, cancelled)
    return ExportResult(out, manifest.package_id, len(entries) + 3, out.stat().st_size,
                        manifest.counts)  # fmt: skip


def _report_entry(report: Path) -> tuple[str, Path, int, str]:
    import re

    try:
        size = report.stat().st_size
        digest = hashlib.sha256()
        with report.open("rb") as handle:
            while block := handle.read(_BLOCK):
                digest.update(block)
    except OSError as exc:
        raise PackageError(f"Rapport illisible : {report} ({exc.strerror})") from exc
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", report.stem).strip("-._")[:100] or "rapport"
    return (f"report/{stem}.pdf", report, size, digest.hexdigest())


def _write_zip(
    out: Path,
    manifest: bytes,
    signature: bytes,
    signer_pem: bytes,
    entries: list[tuple[str, Path | bytes, int, str]],
    total: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    tmp = Path(tmp_name)
    done = 0
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
            for name, data in ((fmt.MANIFEST, manifest), (fmt.SIGNATURE, signature),
                               (fmt.SIGNER, signer_pem)):  # fmt: skip
                zf.writestr(_info(name, zipfile.ZIP_DEFLATED), data)
            for name, source, size, _ in entries:
                if cancelled is not None and cancelled():
                    raise PackageCancelled("Export du paquet annulé.")
                if isinstance(source, bytes):
                    method = (
                        zipfile.ZIP_DEFLATED if name.startswith("data/") else zipfile.ZIP_STORED
                    )
                    zf.writestr(_info(name, method), source)
                    done += size
                else:
                    info = _info(name, zipfile.ZIP_STORED)
                    info.file_size = size
                    with (
                        source.open("rb") as src,
                        zf.open(info, "w", force_zip64=size > 2**31) as dst,
                    ):
                        while block := src.read(_BLOCK):
                            dst.write(block)
                            done += len(block)
                            if cancelled is not None and cancelled():
                                raise PackageCancelled("Export du paquet annulé.")
                            if progress is not None:
                                progress(done, total, "Écriture du paquet")
                if progress is not None:
                    progress(done, total, "Écriture du paquet")
            raw.flush()
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp made it private; a package is shared
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == 28:
            raise PackageError(
                f"Disque plein : le paquet {out.name} n'a pas été écrit. Libérez de la place."
            ) from exc
        raise PackageError(f"Impossible d'écrire {out} : {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    from auditor_app.files import _UMASK

    return _UMASK


def _info(name: str, method: int) -> zipfile.ZipInfo:
    # A fixed date: the same content gives the same entries (only manifest and signature vary).
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = method
    info.external_attr = 0o644 << 16
    return info
