"""Importing a checked package: merge its rows into the workspace in one transaction.

Rule per row (a row is one record: a finding, a site, a mystery test …):

- absent here: added;
- same content here: nothing to do;
- otherwise the *changes* decide, not the clocks. Every change carries the id of its journal
  entry, and a package carries the ids of every change it knows for each row. If the
  package knows every change made here, the row here is older: it is replaced. If this
  workspace knows every change of the package, the package is older: nothing happens.
  Otherwise the row was changed on both sides: the later change is kept and the other is
  recorded as a conflict for the lead (and in the journal).

Nothing is ever deleted by an import, and importing the same package twice changes nothing
(its changes are known after the first time).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import sys
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor_app.package import format as fmt
from auditor_app.package.reader import (
    CheckedPackage,
    PackageError,
    UntrustedSignerError,
    read_package,
)
from auditor_app.package.writer import MERGE_ACTIONS
from auditor_app.store import journal
from auditor_app.store.closing import signed_at
from auditor_app.store.journal import SEP
from auditor_app.store.workspace import StoreError, Workspace

if TYPE_CHECKING:
    from auditor_app.identity.certificate import LoadedPkcs12

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
Key = tuple[str, str]  # (table, row id)


@dataclass
class ImportResult:
    package_id: str
    audit_id: str
    audit_reference: str
    signer: str
    already_imported: bool = False
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    conflicts: int = 0
    kept_here: int = 0
    by_table: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def describe(self) -> str:
        if self.already_imported:
            return f"Paquet déjà importé ({self.audit_reference}, de {self.signer}) : rien à faire."
        parts = [
            f"{self.added} ajout(s)", f"{self.changed} mise(s) à jour",
            f"{self.conflicts} conflit(s) à arbitrer",
        ]  # fmt: skip
        head = f"Paquet signé par {self.signer} importé dans {self.audit_reference} : "
        return head + ", ".join(parts)


def trusted_fingerprints(ws: Workspace) -> list[str]:
    return [row[0] for row in ws.conn.execute("SELECT id FROM team_certificates")]


def _entry_fields(payload: bytes | str) -> list[str]:
    text = payload.decode("utf-8") if isinstance(payload, bytes) else payload
    return text.split(SEP)


def _known_changes(ws: Workspace, audit_id: str) -> tuple[dict[Key, set[str]], set[str]]:
    """Per row, the ids of the changes this workspace has (made here or received)."""
    known: dict[Key, set[str]] = defaultdict(set)
    all_ids: set[str] = set()
    rows = ws.conn.execute(
        "SELECT payload FROM journal WHERE audit_id = ?"
        " UNION ALL SELECT payload FROM imported_journal WHERE audit_id = ?",
        (audit_id, audit_id),
    )
    for (payload,) in rows:
        f = _entry_fields(bytes(payload))
        all_ids.add(f[1])
        if f[4] not in MERGE_ACTIONS:
            known[(f[5], f[6])].add(f[1])
    return known, all_ids


def _incoming_changes(lines: Iterable[fmt.JournalLine]) -> dict[Key, set[str]]:
    changes: dict[Key, set[str]] = defaultdict(set)
    for line in lines:
        f = _entry_fields(line.payload)
        if f[4] not in MERGE_ACTIONS:
            changes[(f[5], f[6])].add(f[1])
    return changes


def _content(table: str, row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in fmt.STAMP_COLUMNS}


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.keys() != b.keys():
        return False
    for key, value in a.items():
        other = b[key]
        if isinstance(value, int | float) and isinstance(other, int | float):
            if float(value) != float(other):
                return False
        elif value != other:
            return False
    return True


class _Merger:
    def __init__(self, ws: Workspace, package: CheckedPackage) -> None:
        self.ws = ws
        self.package = package
        self.manifest = package.manifest
        self.audit_id = package.manifest.audit_id
        self.result = ImportResult(
            package.manifest.package_id, self.audit_id, package.manifest.audit_reference,
            package.signer.name,
        )  # fmt: skip
        self.known, self.known_ids = _known_changes(ws, self.audit_id)
        self.incoming = _incoming_changes(package.journal)

    def row(self, table: str, key: str, value: str) -> dict[str, Any] | None:
        cursor = self.ws.conn.execute(f"SELECT * FROM {table} WHERE {key} = ?", (value,))
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([c[0] for c in cursor.description], found, strict=True))

    def local_twin(self, table: str, row: dict[str, Any]) -> dict[str, Any] | None:
        """The row here for the same thing (same id, or same natural key under another id)."""
        key = fmt.key_column(table)
        same = self.row(table, key, row[key])
        if same is not None or table not in fmt.NATURAL_KEYS:
            return same
        columns = fmt.NATURAL_KEYS[table]
        where = " AND ".join(f"{c} = ?" for c in columns)
        cursor = self.ws.conn.execute(
            f"SELECT * FROM {table} WHERE {where}", tuple(row[c] for c in columns)
        )
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([c[0] for c in cursor.description], found, strict=True))

    def merge_table(self, table: str, rows: list[dict[str, Any]]) -> None:
        key = fmt.key_column(table)
        for incoming in rows:
            incoming = {k: incoming[k] for k in fmt.TABLE_COLUMNS[table]}
            local = self.local_twin(table, incoming)
            if local is None:
                self.insert(table, incoming)
                continue
            local_known = {k: local[k] for k in incoming}
            if _same(_content(table, local_known), _content(table, incoming)):
                self.result.unchanged += 1
                continue
            if table in ("referentials", "blobs"):
                self.result.unchanged += 1  # immutable by content: nothing to merge
                continue
            here = self.known.get((table, local[key]), set()) | self.known.get(
                (table, incoming[key]), set()
            )
            there = self.incoming.get((table, incoming[key]), set())
            if here <= there:
                why = self.protected(table, local, incoming)
                if why:
                    self.record_conflict(table, local[key], local, incoming,
                                         reason=f"{why} : version reçue mise en attente")
                else:
                    self.replace(table, local, incoming)
            elif there <= here:
                self.result.kept_here += 1
            else:
                self.conflict(table, local, incoming)

    def protected(self, table: str, local: dict[str, Any], incoming: dict[str, Any]) -> str:
        """Why a field package may not replace this row here ("" when it may).

        What the site's representative signed at the closing meeting, and a verdict the lead
        set by reclassifying, are not changed by a field auditor's package (one who had not
        yet received them): the version received waits as a conflict for the lead.
        """
        if self.manifest.kind != "field" or table not in ("findings", "closing_responses"):
            return ""
        site = str(local.get("site_id") or "")
        if site and signed_at(self.ws, self.audit_id, site):
            return "réunion de clôture du site signée"
        if table == "findings" and incoming.get("verdict") != local.get("verdict") and (
            self.ws.conn.execute(
                "SELECT 1 FROM reviews WHERE finding_id = ? AND decision = 'reclassify'"
                " AND new_verdict = ? ORDER BY updated_at DESC LIMIT 1",
                (local["id"], local.get("verdict")),
            ).fetchone()
        ):
            return "verdict reclassé par le responsable"
        return ""

    def insert(self, table: str, row: dict[str, Any]) -> None:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.ws.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values())
        )
        self.result.added += 1
        self.result.by_table[table] += 1
        if table in ("blobs", "referentials"):
            return
        self.journal("import", table, row[fmt.key_column(table)], after=_content(table, row))

    def replace(self, table: str, local: dict[str, Any], incoming: dict[str, Any]) -> None:
        key = fmt.key_column(table)
        local_id = local[key]
        values = {k: v for k, v in incoming.items() if k != key}
        values["rev"] = max(int(local.get("rev") or 0) + 1, int(incoming.get("rev") or 0))
        sets = ", ".join(f"{k} = ?" for k in values)
        self.ws.conn.execute(
            f"UPDATE {table} SET {sets} WHERE {key} = ?", (*values.values(), local_id)
        )
        before = {
            k: local[k] for k in values if k not in fmt.STAMP_COLUMNS and local[k] != values[k]
        }
        after = {k: values[k] for k in before}
        self.result.changed += 1
        self.result.by_table[table] += 1
        self.journal("import", table, local_id, before=before, after=after)

    def conflict(self, table: str, local: dict[str, Any], incoming: dict[str, Any]) -> None:
        key = fmt.key_column(table)
        later_incoming = (incoming.get("updated_at") or "", incoming.get("updated_by") or "") > (
            local.get("updated_at") or "",
            local.get("updated_by") or "",
        )
        if later_incoming and not self.protected(table, local, incoming):
            kept, other = incoming, local
            self.replace(table, local, incoming)
        else:
            kept, other = local, incoming
        self.record_conflict(
            table, local[key], kept, other,
            reason=f"modifié des deux côtés ; gardé : la modification la plus récente "
            f"({kept.get('updated_by')}, {_minute(kept.get('updated_at'))})",
        )  # fmt: skip

    def record_conflict(
        self,
        table: str,
        row_id: str,
        kept: dict[str, Any],
        other: dict[str, Any],
        *,
        reason: str,
        other_by: str | None = None,
        other_at: str | None = None,
    ) -> None:
        """A conflict for the lead: ``kept`` is in the row, ``other`` waits (and is journalled).

        A version already waiting (or already settled) for this record is not asked again.
        """
        waiting = journal.canonical(_content(table, other))
        if self.ws.conn.execute(
            "SELECT 1 FROM conflicts WHERE entity = ? AND entity_id = ? AND other = ?",
            (table, row_id, waiting),
        ).fetchone():
            return
        self.result.conflicts += 1
        stamp = self.ws.stamp()
        self.ws.conn.execute(
            "INSERT INTO conflicts (id, audit_id, entity, entity_id, kept, other, kept_by,"
            " other_by, kept_at, other_at, package_id, updated_at, updated_by, rev)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
            (
                str(uuid.uuid4()), self.audit_id, table, row_id,
                journal.canonical(_content(table, kept)), journal.canonical(_content(table, other)),
                str(kept.get("updated_by") or ""),
                other_by if other_by is not None else str(other.get("updated_by") or ""),
                str(kept.get("updated_at") or ""),
                other_at if other_at is not None else str(other.get("updated_at") or ""),
                self.manifest.package_id, stamp["updated_at"], stamp["updated_by"],
            ),
        )  # fmt: skip
        # The version not kept stays in the journal (as "before": it is not the row's value).
        self.journal("conflict", table, row_id, before=_content(table, other), reason=reason)

    def carry_conflicts(self, carried: list[dict[str, Any]]) -> None:
        """The exporter's open conflicts: each version that differs from the row here waits
        for the lead, unless a conflict here already holds it (found by this merge or an
        earlier one)."""
        for conflict in carried:
            table, row_id = conflict["entity"], conflict["entity_id"]
            if table not in fmt.TABLE_COLUMNS or table in fmt.NOT_MERGED:
                continue
            here = self.row(table, fmt.key_column(table), row_id)
            if here is None:
                continue
            current = journal.canonical(_content(table, here))
            known = {
                version
                for pair in self.ws.conn.execute(
                    "SELECT kept, other FROM conflicts WHERE entity = ? AND entity_id = ?",
                    (table, row_id),
                )
                for version in pair
            }
            for side in ("kept", "other"):
                version = conflict[side]
                if version == current or version in known:
                    continue
                known.add(version)
                other = json.loads(version)
                self.record_conflict(
                    table, row_id, here, other, other_by=conflict[f"{side}_by"],
                    other_at=conflict[f"{side}_at"],
                    reason=f"conflit laissé ouvert chez {self.package.signer.name}",
                )  # fmt: skip

    def journal(
        self,
        action: str,
        table: str,
        row_id: str,
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        reason: str = "",
    ) -> None:
        origin = f"paquet {self.manifest.package_id[:8]} de {self.package.signer.name}"
        self.ws.record_change(
            action, table, row_id, audit_id=self.audit_id, before=before, after=after,
            reason=reason or origin,
        )  # fmt: skip

    def keep_journal(self) -> None:
        """Store the package's journal entries this workspace does not have yet."""
        rows = []
        for line in self.package.journal:
            f = _entry_fields(line.payload)
            if f[1] in self.known_ids:
                continue
            self.known_ids.add(f[1])
            rows.append((f[1], line.origin, self.manifest.package_id, f[7] or self.audit_id,
                         f[5], f[6], line.payload.encode("utf-8"), line.hash))  # fmt: skip
        self.ws.conn.executemany(
            "INSERT OR IGNORE INTO imported_journal (entry_id, origin, package_id, audit_id,"
            " entity, entity_id, payload, hash) VALUES (?,?,?,?,?,?,?,?)",
            rows,
        )


def check_compatible(conn: sqlite3.Connection, package: CheckedPackage) -> None:
    """Refuse a package whose audit or grid cannot live with what this workspace has.

    ``conn`` may be read-only: ``package verify`` and the inbox say it before any import.
    """
    m = package.manifest
    ref = conn.execute("SELECT sha256 FROM referentials WHERE key = ?", (m.referential_key,))
    found = ref.fetchone()
    if found is not None and found[0] != m.referential_sha256:
        raise PackageError(
            f"{package.path.name} : la grille {m.referential_key} du paquet diffère de celle de "
            "même nom dans cet espace de travail (autre version de la grille) : import refusé."
        )
    audit = conn.execute(
        "SELECT referential_key FROM audits WHERE id = ?", (m.audit_id,)
    ).fetchone()
    if audit is not None and audit[0] != m.referential_key:
        raise PackageError(
            f"{package.path.name} : l'audit {m.audit_reference} utilise ici la grille {audit[0]}, "
            f"le paquet la grille {m.referential_key} (autre version) : import refusé."
        )
    done = conn.execute(
        "SELECT signer_name, file_name FROM package_imports WHERE id = ? AND manifest_sha256 != ?",
        (m.package_id, package.manifest_sha256),
    ).fetchone()
    if done is not None:
        raise PackageError(
            f"{package.path.name} : un autre paquet portant le même identifiant "
            f"({m.package_id[:8]}…) a déjà été importé ({done[1]}, de {done[0]}) : paquet refusé."
        )
    if m.kind == "review":
        _check_review_signer(conn, package, audit_here=audit is not None)
    if audit is None:
        clash = conn.execute(
            "SELECT id FROM audits WHERE reference = ? AND id != ?", (m.audit_reference, m.audit_id)
        ).fetchone()
        if clash is not None:
            raise PackageError(
                f"{package.path.name} : un autre audit porte déjà la référence "
                f"« {m.audit_reference} » dans cet espace de travail : import refusé."
            )


def _check_review_signer(conn: sqlite3.Connection, package: CheckedPackage, *,
                         audit_here: bool) -> None:  # fmt: skip
    """A review package carries the lead's decisions: it must come from the audit's lead.

    The lead is whoever signed the first review package of the audit received here (the
    one that brought the audit); in the workspace where the audit was created, the lead is
    this workspace's own signer. Anyone can tick « review » when exporting: this is what
    keeps a field auditor from sending decisions in the lead's name.
    """
    m, signer = package.manifest, package.signer
    leads = [row[0] for row in conn.execute(
        "SELECT signer_fingerprint FROM package_imports WHERE audit_id = ? AND kind = 'review'"
        " ORDER BY rowid LIMIT 1", (m.audit_id,),
    )]  # fmt: skip
    if not leads and not audit_here:
        return  # the package that brings the audit: its signer is the lead from now on
    if not leads:
        leads = [row[0] for row in conn.execute(
            "SELECT id FROM team_certificates WHERE source = ?", (OWN_SIGNER,)
        )]  # fmt: skip
    if signer.fingerprint not in leads:
        raise PackageError(
            f"{package.path.name} : paquet de revue signé par {signer.name}, qui n'est pas le "
            f"responsable de l'audit {m.audit_reference} : seules ses décisions sont importées."
        )


PACKS = "packs"


def _keep_pack(ws: Workspace, package: CheckedPackage) -> Path | None:
    """Keep the package in the workspace, where its photos stay; None if it holds none.

    The file in the inbox belongs to the sync engine or to the user, so the kept one must not
    change with it, and keeping it must cost next to nothing (a package is up to ~1.5 GB):

    1. a clone (``FICLONE``: btrfs, XFS): an independent copy sharing the blocks, instant;
    2. else a hard link, made read-only: a sync engine replaces a file by renaming a new one
       over it (the kept link is untouched); ``cp`` or a file manager refuses to overwrite a
       read-only file in place;
    3. else (another disk) a copy, synced.

    Whatever happens to it later, a photo's bytes are checked against its SHA-256 each time
    they are taken out of the pack: an altered pack is refused, never shown. A file left by
    an earlier attempt or by a restored backup (no import of this package is recorded: the
    caller checked) is replaced.
    """
    if not package.stored:
        return None
    folder = ws.root / PACKS
    folder.mkdir(exist_ok=True)
    target = folder / f"{package.manifest.package_id}{fmt.SUFFIX}"
    tmp = folder / f".{target.name}.tmp"
    tmp.unlink(missing_ok=True)
    try:
        if not _clone(package.path, tmp):
            try:
                os.link(package.path, tmp)
                mode = tmp.stat().st_mode
                os.chmod(tmp, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
            except OSError:
                _copy(package.path, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PackageError(
            f"Impossible de copier le paquet dans l'espace de travail : {exc.strerror or exc}"
            " (disque plein ?). Rien n'a changé."
        ) from exc
    _sync_dir(folder)
    return target


_FICLONE = 0x40049409  # linux/fs.h: _IOW(0x94, 9, int)


def _clone(src: Path, dst: Path) -> bool:
    """Clone ``src`` to ``dst`` (shared blocks, copy on write); False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import fcntl

    with src.open("rb") as source, dst.open("wb") as target:
        try:
            fcntl.ioctl(target.fileno(), _FICLONE, source.fileno())
        except OSError:
            cloned = False
        else:
            os.fsync(target.fileno())
            cloned = True
    if not cloned:
        dst.unlink(missing_ok=True)
    return cloned


def _copy(src: Path, dst: Path) -> None:
    with src.open("rb") as source, dst.open("wb") as target:
        shutil.copyfileobj(source, target, 1024 * 1024)
        target.flush()
        os.fsync(target.fileno())


def _sync_dir(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def import_package(
    ws: Workspace,
    path: Path,
    *,
    accept_unknown_signer: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    before_merge: Callable[[], object] | None = None,
) -> ImportResult:
    """Verify ``path`` entirely, then merge it in one transaction; change nothing on failure.

    An unknown signer raises :class:`UntrustedSignerError` unless ``accept_unknown_signer``
    (the lead's explicit confirmation, recorded in the journal; the certificate joins the
    team). Once everything is verified the workspace is backed up (``before_merge``, when
    given, runs instead).
    """
    package = read_package(path, trusted_fingerprints(ws), progress=progress, cancelled=cancelled)
    return merge_checked(ws, package, accept_unknown_signer=accept_unknown_signer,
                         progress=progress, before_merge=before_merge)  # fmt: skip


def merge_checked(
    ws: Workspace,
    package: CheckedPackage,
    *,
    accept_unknown_signer: bool = False,
    progress: Progress | None = None,
    before_merge: Callable[[], object] | None = None,
) -> ImportResult:
    """The second half of :func:`import_package`, for a package already read and checked
    (the app verifies in a worker thread, then merges on the workspace's own thread)."""
    path = package.path
    try:
        manifest = package.manifest
        done = ws.conn.execute(
            "SELECT manifest_sha256, signer_name, file_name FROM package_imports"
            " WHERE manifest_sha256 = ? OR id = ?",
            (package.manifest_sha256, manifest.package_id),
        ).fetchone()
        if done is not None and done[0] == package.manifest_sha256:
            return ImportResult(manifest.package_id, manifest.audit_id, manifest.audit_reference,
                                package.signer.name, already_imported=True)  # fmt: skip
        package.trusted = package.signer.fingerprint in set(trusted_fingerprints(ws))
        if not package.trusted and not accept_unknown_signer:
            signer = package.signer
            raise UntrustedSignerError(
                f"{path.name} : signé par {signer.name} <{signer.email}>, qui n'est pas dans "
                f"l'équipe de cet espace (empreinte {signer.fingerprint[:23]}…). Vérifiez "
                "l'empreinte avec l'auditeur, puis confirmez l'import.",
                package,
            )
        check_compatible(ws.conn, package)
        if before_merge is not None:
            before_merge()
        else:  # the workspace as it was, in case the lead regrets this import
            from auditor_app.store.backup import IMPORT, backup_now

            backup_now(ws, IMPORT)
        if progress is not None:
            progress(0, 1, "Fusion dans l'espace de travail")
        pack = _keep_pack(ws, package)
        try:
            return _merge(ws, package, path, pack)
        except BaseException:
            if pack is not None:
                pack.unlink(missing_ok=True)
            raise
    except sqlite3.IntegrityError as exc:
        raise PackageError(
            f"{path.name} : données incohérentes avec cet espace de travail ({exc}) : "
            "import refusé, rien n'a changé."
        ) from exc


def _merge(ws: Workspace, package: CheckedPackage, path: Path, pack: Path | None) -> ImportResult:
    merger = _Merger(ws, package)
    manifest = package.manifest
    report_sha = ""
    with ws.transaction():
        if not package.trusted:
            add_certificate(ws, package.signer.pem,
                            source=f"confirmé à l'import du paquet {manifest.package_id}",
                            action="trust")  # fmt: skip
        for table in fmt.TABLE_COLUMNS:
            if table not in fmt.NOT_MERGED:
                merger.merge_table(table, package.tables.get(table, []))
        merger.carry_conflicts(package.tables.get("conflicts", []))
        merger.keep_journal()
        if pack is not None:
            _record_pack(ws, package, pack)
        if package.report_entry:
            report_sha = _keep_report(ws, package)
        result = merger.result
        stamp = ws.stamp()
        ws.conn.execute(
            "INSERT INTO package_imports (id, manifest_sha256, audit_id, kind, signer_fingerprint,"
            " signer_name, created_at, file_name, added, changed, conflicts, report_sha256,"
            " updated_at, updated_by, rev) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
            (manifest.package_id, package.manifest_sha256, manifest.audit_id, manifest.kind,
             package.signer.fingerprint, package.signer.name, manifest.created_at, path.name,
             result.added, result.changed, result.conflicts, report_sha,
             stamp["updated_at"], stamp["updated_by"]),
        )  # fmt: skip
        ws.record_change(
            "package", "package_imports", manifest.package_id, audit_id=manifest.audit_id,
            after={"file": path.name, "signer": package.signer.name,
                   "fingerprint": package.signer.fingerprint, "added": result.added,
                   "changed": result.changed, "conflicts": result.conflicts},
        )  # fmt: skip
    return result


def _record_pack(ws: Workspace, package: CheckedPackage, pack: Path) -> None:
    """Say where each photo, thumbnail and report of the package lies in the kept copy."""
    relative = str(pack.relative_to(ws.root))
    hashes = {entry.name: entry.sha256 for entry in package.manifest.files}
    ws.conn.executemany(
        "INSERT OR IGNORE INTO packed_blobs (name, pack, offset, size, sha256) VALUES (?,?,?,?,?)",
        [(name, relative, offset, size, hashes[name])
         for name, (offset, size) in package.stored.items()],
    )  # fmt: skip


def _keep_report(ws: Workspace, package: CheckedPackage) -> str:
    """The signed report travels as a blob: record it (its bytes stay in the pack)."""
    entry = next(e for e in package.manifest.files if e.name == package.report_entry)
    ws.conn.execute(
        "INSERT OR IGNORE INTO packed_blobs (name, pack, offset, size, sha256)"
        " SELECT ?, pack, offset, size, sha256 FROM packed_blobs WHERE name = ?",
        (f"blobs/{entry.sha256}", entry.name),
    )
    ws.conn.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?,?,?,?)",
        (entry.sha256, entry.size, "application/pdf", ws.stamp()["updated_at"]),
    )
    return entry.sha256


# -- the team's certificates -----------------------------------------------------------------


def add_certificate(
    ws: Workspace, pem: str | bytes, *, source: str = "", action: str = "create"
) -> str:
    """Trust a team member's certificate; return its fingerprint (adding twice is harmless)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from auditor_app.identity.certificate import format_fingerprint, identity_from_der

    data = pem.encode("ascii") if isinstance(pem, str) else pem
    try:
        cert = x509.load_pem_x509_certificate(data)
    except ValueError as exc:
        raise StoreError(f"Certificat illisible (PEM attendu) : {exc}") from exc
    der = cert.public_bytes(Encoding.DER)
    fingerprint = format_fingerprint(der)
    if ws.conn.execute("SELECT 1 FROM team_certificates WHERE id = ?", (fingerprint,)).fetchone():
        return fingerprint
    ident = identity_from_der(der)
    row = {
        "id": fingerprint, "name": ident.name, "email": ident.email,
        "organisation": ident.organisation, "pem": cert.public_bytes(Encoding.PEM).decode(),
        "source": source,
    }  # fmt: skip
    with ws.transaction():
        full = {**row, **ws.stamp(), "rev": 1}
        ws.conn.execute(
            f"INSERT INTO team_certificates ({', '.join(full)}) VALUES"
            f" ({', '.join('?' * len(full))})",
            tuple(full.values()),
        )
        ws.record_change(action, "team_certificates", fingerprint,
                         after={k: v for k, v in row.items() if k != "pem"},
                         reason=source)  # fmt: skip
    return fingerprint


OWN_SIGNER = "signataire des paquets de cet espace de travail"


def trust_own_signer(ws: Workspace, loaded: LoadedPkcs12) -> str:
    """The identity that signed a package here is one of the team's (its packages verify)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    pem = loaded.certificate.public_bytes(Encoding.PEM)
    return add_certificate(ws, pem, source=OWN_SIGNER, action="trust")


def remove_certificate(ws: Workspace, fingerprint: str) -> None:
    rows = ws.conn.execute(
        "SELECT id FROM team_certificates WHERE id = ? OR replace(id, ':', '') LIKE ?",
        (fingerprint, fingerprint.replace(":", "").upper() + "%"),
    ).fetchall()
    if len(rows) != 1:
        raise StoreError(
            f"« {fingerprint} » : "
            + ("aucun certificat" if not rows else "plusieurs certificats")
            + " de l'équipe ne correspond(ent)."
        )
    with ws.transaction():
        ws.delete_row("team_certificates", rows[0][0], reason="retiré de l'équipe")


def team(ws: Workspace) -> list[dict[str, Any]]:
    cursor = ws.conn.execute(
        "SELECT id, name, email, organisation, source, updated_at FROM team_certificates"
        " ORDER BY name"
    )
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def package_imports(ws: Workspace, audit_id: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM package_imports"
    params: tuple[str, ...] = ()
    if audit_id is not None:
        sql += " WHERE audit_id = ?"
        params = (audit_id,)
    cursor = ws.conn.execute(sql + " ORDER BY updated_at", params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def decode(value: str) -> Any:
    return json.loads(value)


def _minute(stamp: object) -> str:
    """``2026-11-28T09:15:34.048781+00:00`` → ``2026-11-28 09:15 UTC`` (for a journal reason)."""
    text = str(stamp or "")
    return f"{text[:10]} {text[11:16]} UTC" if len(text) >= 16 and text[10] == "T" else text
