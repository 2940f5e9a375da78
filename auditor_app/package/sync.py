"""Sending packages when back online, and the lead's inbox.

The normal setup uses the sync engine the firm already has: the field auditor's *outbox*
and the lead's *inbox* are folders kept in sync by a network share, Nextcloud or OneDrive.
"Submit" writes the audit's signed package into the outbox under a name that says what it
is; the lead's app lists the inbox with each package's verification state and imports the
ones the lead picks. Optionally, packages go straight to a WebDAV folder (webdav.py).

The settings live in the workspace folder (``sync.json``), written atomically.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from auditor_app.files import atomic_write
from auditor_app.package import format as fmt
from auditor_app.package.reader import PackageCancelled, PackageError, read_package
from auditor_app.store.workspace import StoreError, Workspace

SETTINGS_FILE = "sync.json"
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class SyncSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outbox: str = ""
    inbox: str = ""
    webdav_url: str = ""
    webdav_user: str = ""


def load_settings(root: Path) -> SyncSettings:
    path = root / SETTINGS_FILE
    if not path.exists():
        return SyncSettings()
    try:
        return SyncSettings.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        raise StoreError(
            f"Réglages d'envoi illisibles ({path}) : {exc}. Réglez-les de nouveau."
        ) from exc


def save_settings(root: Path, settings: SyncSettings) -> None:
    for label, folder in (
        ("boîte d'envoi", settings.outbox),
        ("boîte de réception", settings.inbox),
    ):
        if folder and not Path(folder).expanduser().is_dir():
            raise StoreError(f"Dossier de {label} introuvable : {folder}")
    atomic_write(root / SETTINGS_FILE, settings.model_dump_json(indent=2).encode("utf-8"))


def package_name(reference: str, actor: str, at: datetime | None = None) -> str:
    """``<audit reference>-<auditor>-<date-time>.spaudit``, safe on every file system."""
    moment = (at or datetime.now()).strftime("%Y%m%d-%H%M%S")

    def safe(text: str) -> str:
        import unicodedata

        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")[:40] or "x"

    return f"{safe(reference)}-{safe(actor)}-{moment}{fmt.SUFFIX}"


def submit(
    ws: Workspace,
    audit_id: str,
    identity: object,
    outbox: Path,
    *,
    kind: str = "field",
    report: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Write the audit's signed package into ``outbox``; return its path."""
    from auditor_app.package.writer import export_package
    from auditor_app.store.audits import get_audit

    if not outbox.is_dir():
        raise StoreError(
            f"Boîte d'envoi introuvable : {outbox}. Choisissez un dossier existant "
            "(celui que votre outil de synchronisation partage avec le responsable)."
        )
    audit = get_audit(ws, audit_id)
    out = outbox / package_name(audit.reference, ws.actor)
    export_package(ws, audit_id, out, identity, kind=kind, report=report,  # type: ignore[arg-type]
                   progress=progress, cancelled=cancelled)  # fmt: skip
    return out


@dataclass(frozen=True)
class InboxItem:
    path: Path
    size: int
    state: str  # "trusted", "unknown" (signer not in the team), "invalid", "imported"
    reason: str
    signer: str
    fingerprint: str
    audit_reference: str
    kind: str
    created_at: str

    @property
    def importable(self) -> bool:
        return self.state in ("trusted", "unknown")


def _looks_complete(path: Path) -> bool:
    # Sync engines write under temporary names (.~, ~$, .part, .tmp) until a file is whole.
    name = path.name
    return not (name.startswith((".", "~")) or name.endswith((".part", ".tmp")))


def scan_inbox(
    ws: Workspace,
    folder: Path,
    *,
    cache: dict[tuple[str, int, int], InboxItem] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[InboxItem]:
    """Every package in ``folder`` with its verification state, newest first.

    A package is verified completely (signature, hashes, shapes) without being imported.
    ``cache`` (kept by the caller between scans) skips files seen before, unchanged.
    """
    if not folder.is_dir():
        raise StoreError(f"Boîte de réception introuvable : {folder}")
    from auditor_app.package.merge import trusted_fingerprints

    trusted = trusted_fingerprints(ws)
    imported = {row[0] for row in ws.conn.execute("SELECT manifest_sha256 FROM package_imports")}
    files = sorted((p for p in folder.glob(f"*{fmt.SUFFIX}") if p.is_file() and _looks_complete(p)),
                   key=lambda p: p.stat().st_mtime, reverse=True)  # fmt: skip
    items = []
    for index, path in enumerate(files):
        if cancelled is not None and cancelled():
            raise PackageCancelled("Lecture de la boîte de réception annulée.")
        if progress is not None:
            progress(index, len(files), path.name)
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if cache is not None and key in cache and cache[key].state != "imported":
            item = cache[key]
        else:
            item = _inspect(ws, path, stat.st_size, trusted, imported)
            if cache is not None:
                cache[key] = item
        items.append(item)
    if progress is not None:
        progress(len(files), len(files), "")
    return items


def _inspect(
    ws: Workspace, path: Path, size: int, trusted: list[str], imported: set[str]
) -> InboxItem:
    from auditor_app.package.merge import check_compatible

    try:
        package = read_package(path, trusted)
        if package.manifest_sha256 not in imported:
            check_compatible(ws.conn, package)
    except PackageError as exc:
        return InboxItem(path, size, "invalid", str(exc).removeprefix(f"{path.name} : "),
                         "", "", "", "", "")  # fmt: skip
    m, signer = package.manifest, package.signer
    if package.manifest_sha256 in imported:
        state, reason = "imported", "déjà importé"
    elif package.trusted:
        state, reason = "trusted", "intègre, signé par un membre de l'équipe"
    else:
        state, reason = (
            "unknown",
            "intègre, mais signataire hors de l'équipe : vérifiez l'empreinte",
        )
    return InboxItem(path, size, state, reason, signer.name, signer.fingerprint,
                     m.audit_reference, m.kind, m.created_at)  # fmt: skip
