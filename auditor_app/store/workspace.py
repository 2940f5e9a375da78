"""Opening a workspace: one SQLite file, its blob folder, one writer process at a time.

Every change goes through :meth:`Workspace.change`: one transaction that writes the
record and one journal entry (who, when, old value, new value). WAL mode with
``synchronous=FULL`` means a change is on disk when the call returns.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs
from filelock import FileLock, Timeout

from auditor_app.store import journal
from auditor_app.store.blobs import BlobStore
from auditor_app.store.schema import migrate

DB_NAME = "workspace.sqlite"
ENV_WORKSPACE = "AUDITOR_APP_WORKSPACE"
ENV_USER = "AUDITOR_APP_USER"

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    # Reads of a whole audit or journal go through memory-mapped pages and a 32 MB cache.
    "PRAGMA mmap_size=268435456",
    "PRAGMA cache_size=-32000",
)


class StoreError(RuntimeError):
    """A workspace problem the user can act on; the message is French and says what to do."""


class WorkspaceLockedError(StoreError):
    pass


class NotFoundError(StoreError):
    pass


def default_workspace_dir() -> Path:
    """``AUDITOR_APP_WORKSPACE`` if set, else the user's data folder."""
    override = os.environ.get(ENV_WORKSPACE)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("auditor-app", appauthor=False)) / "workspace"


def default_actor() -> str:
    name = os.environ.get(ENV_USER)
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "auditeur"


def _describe_owner(owner_file: Path) -> str:
    try:
        owner = json.loads(owner_file.read_text(encoding="utf-8"))
        since = datetime.fromisoformat(owner["since"]).strftime("%d/%m/%Y %H:%M")
        return f" (processus {owner['pid']} sur {owner['host']}, depuis le {since})"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _audit_of(table: str, row_id: str, row: Mapping[str, Any]) -> str:
    """The audit a record belongs to (an audit belongs to itself), for its journal entries."""
    return row_id if table == "audits" else str(row.get("audit_id") or "")


class Workspace:
    """An open workspace. Use as a context manager, or call :meth:`close`."""

    def __init__(self, root: Path, actor: str | None = None) -> None:
        self.root = root
        self.actor = actor or default_actor()
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Impossible de créer l'espace de travail {root} : {exc}") from exc
        self._lock = FileLock(str(root / ".lock"))
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise WorkspaceLockedError(
                f"L'espace de travail {root} est déjà ouvert par un autre programme"
                f"{_describe_owner(root / '.lock-owner')}. Fermez-le, puis réessayez."
            ) from None
        try:
            self._write_owner()
            # Autocommit mode: transactions are opened explicitly by transaction().
            self.conn = sqlite3.connect(
                str(root / DB_NAME), check_same_thread=True, isolation_level=None
            )
            for pragma in PRAGMAS:
                self.conn.execute(pragma)
            from auditor_app.store.backup import automatic_backup  # it imports this module

            automatic_backup(self.conn, root)  # daily, and before a pending migration
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            self._lock.release()
            raise StoreError(
                f"La base {root / DB_NAME} est illisible ({exc}). "
                "Restaurez la dernière sauvegarde (auditor-app backup check)."
            ) from exc
        except BaseException:
            self._lock.release()
            raise
        self.blobs = BlobStore(root, self._locate_packed)
        self._referentials: dict[str, Any] = {}
        self._savepoints = 0

    @classmethod
    def open(cls, root: Path | None = None, actor: str | None = None) -> Workspace:
        return cls(root or default_workspace_dir(), actor)

    def _write_owner(self) -> None:
        owner = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().isoformat(),
        }
        (self.root / ".lock-owner").write_text(json.dumps(owner), encoding="utf-8")

    def close(self) -> None:
        if getattr(self, "conn", None) is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
            (self.root / ".lock-owner").unlink(missing_ok=True)
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _locate_packed(self, name: str) -> tuple[Path, int, int, str] | None:
        """Where a photo kept inside an imported package lies (see package.merge)."""
        try:
            row = self.conn.execute(
                "SELECT pack, offset, size, sha256 FROM packed_blobs WHERE name = ?", (name,)
            ).fetchone()
        except sqlite3.OperationalError:  # a workspace from before packages
            return None
        if row is None:
            return None
        return self.root / row[0], row[1], row[2], row[3]

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work (nested calls are savepoints inside it).

        Disk-full and busy errors become plain French errors; either way nothing of the
        unit stays written.
        """
        try:
            with self._atomic():
                yield self.conn
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "full" in text:
                raise StoreError(
                    "Le disque est plein : la dernière modification n'a pas été enregistrée, "
                    "le reste est intact. Libérez de la place puis recommencez."
                ) from exc
            if "locked" in text or "busy" in text:
                raise StoreError(
                    "La base est occupée par un autre programme ; réessayez dans un instant."
                ) from exc
            raise

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        conn = self.conn
        if conn.in_transaction:
            self._savepoints += 1
            name = f"unit_{self._savepoints}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:  # an error may already have ended it
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def record_change(
        self,
        action: str,
        entity: str,
        entity_id: str,
        *,
        audit_id: str = "",
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        reason: str = "",
    ) -> str:
        """Journal one change; call inside :meth:`transaction`."""
        return journal.append(
            self.conn, actor=self.actor, action=action, entity=entity, entity_id=entity_id,
            audit_id=audit_id, before=before, after=after, reason=reason,
        )  # fmt: skip

    # -- generic record writes (each inside the caller's transaction) ----------------------

    def stamp(self) -> dict[str, Any]:
        return {"updated_at": journal.now_iso(), "updated_by": self.actor}

    def insert_row(self, table: str, row: Mapping[str, Any], *, audit_id: str) -> None:
        full = {**row, **self.stamp(), "rev": 1}
        columns = ", ".join(full)
        marks = ", ".join("?" for _ in full)
        self.conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(full.values()))
        self.record_change("create", table, str(row["id"]), audit_id=audit_id, after=dict(row))

    def get_row(self, table: str, row_id: str) -> dict[str, Any]:
        cursor = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        row = cursor.fetchone()
        if row is None:
            raise NotFoundError(f"Élément introuvable : {table} {row_id}")
        return dict(zip([c[0] for c in cursor.description], row, strict=True))

    def update_row(
        self, table: str, row_id: str, changes: Mapping[str, Any], *, reason: str = ""
    ) -> dict[str, Any]:
        """Apply the fields that really change; journal them old → new. Return the new row."""
        current = self.get_row(table, row_id)
        diff = {k: v for k, v in changes.items() if current.get(k) != v}
        if not diff:
            return current
        stamp = self.stamp()
        sets = ", ".join(f"{k} = ?" for k in (*diff, *stamp))
        self.conn.execute(
            f"UPDATE {table} SET {sets}, rev = rev + 1 WHERE id = ?",
            (*diff.values(), *stamp.values(), row_id),
        )
        self.record_change(
            "update", table, row_id, audit_id=_audit_of(table, row_id, current),
            before={k: current[k] for k in diff}, after=diff, reason=reason,
        )  # fmt: skip
        return {**current, **diff, **stamp, "rev": current["rev"] + 1}

    def delete_row(self, table: str, row_id: str, *, reason: str = "") -> None:
        current = self.get_row(table, row_id)
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self.record_change(
            "delete", table, row_id, audit_id=_audit_of(table, row_id, current),
            before=current, reason=reason,
        )  # fmt: skip

    # -- checks ------------------------------------------------------------------------

    def verify_journal(self) -> journal.ChainCheck:
        return journal.verify(self.conn)

    def integrity_ok(self) -> bool:
        return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")


class WorkspaceReader(Workspace):
    """A read-only view of an open workspace, for a worker thread (reports, exports).

    SQLite connections belong to the thread that opened them and the workspace lock is
    held by the app: a reader opens its own read-only connection, takes no lock, and
    refuses every write. Open it inside the worker; close it there.
    """

    def __init__(self, root: Path, actor: str = "") -> None:
        self.root = root
        self.actor = actor or default_actor()
        path = root / DB_NAME
        if not path.exists():
            raise StoreError(f"Espace de travail introuvable : {root}")
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        self.conn.execute("PRAGMA busy_timeout=5000")
        self.conn.execute("PRAGMA query_only=ON")
        self.blobs = BlobStore(root, self._locate_packed)
        self._referentials = {}
        self._savepoints = 0

    def close(self) -> None:
        if getattr(self, "conn", None) is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
