"""Rolling backups of the workspace database, its health check, and restoring a backup.

A backup is a copy of ``workspace.sqlite`` made with SQLite's online backup API
(:meth:`sqlite3.Connection.backup`), so it is consistent even while the app is writing and
includes what is still in the write-ahead log. Backups are taken:

- every day, the first time the workspace is opened that day (``daily``);
- before the schema is migrated, when an existing database has a migration pending
  (``migration``; the migration is refused if this backup cannot be made);
- on demand: :func:`backup_now` with the open workspace (a package import calls it before
  merging, reason ``import``), or :func:`create_backup` / ``auditor-app backup create``;
- before a restore, of the database about to be replaced (``before-restore``).

They live in ``<workspace>/backups/`` as ``workspace-YYYYMMDD-HHMMSS-<reason>.sqlite``
(local time; a second backup within the same second takes the next free second, so names
are unique and sort in the order taken). Each is written under a temporary name, checked
with ``PRAGMA integrity_check`` on the copy, synced, then renamed: a copy that fails its
check never counts as a backup (save the copy of a damaged database kept before a restore:
listed as bad, never offered). Only the :data:`DEFAULT_KEEP` newest are kept, whatever
their reason, and never at the cost of the newest good one.

Only the database is copied. Photos and documents (the blob folder) are content-addressed
and never modified, so a backup of the database is a complete backup **as long as blobs
are never deleted**: a restored database only refers to blobs that are still there. Anything
that one day deletes blobs must keep those the backups still refer to; the same holds for any
other file a record points to (such as imported package files that photos are read from).

A backup is *good* when its copy passes both ``PRAGMA integrity_check`` and the journal's
hash-chain verification (:func:`auditor_app.store.journal.verify`).
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Collection, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from auditor_app.store import journal, schema
from auditor_app.store.workspace import (
    DB_NAME,
    NotFoundError,
    StoreError,
    WorkspaceLockedError,
    _describe_owner,
)

if TYPE_CHECKING:
    from auditor_app.store.workspace import Workspace

BACKUP_DIR = "backups"
DEFAULT_KEEP = 10
LATEST = "latest"

DAILY, MIGRATION, MANUAL, IMPORT, BEFORE_RESTORE = (
    "daily", "migration", "manual", "import", "before-restore",
)  # fmt: skip
REASON_LABELS = {
    DAILY: "quotidienne",
    MIGRATION: "avant mise à jour",
    MANUAL: "à la demande",
    IMPORT: "avant import",
    BEFORE_RESTORE: "avant restauration",
}

_NAME = re.compile(r"^workspace-(\d{8}-\d{6})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sqlite$")
_STAMP = "%Y%m%d-%H%M%S"
# Files that may sit beside a database file and belong to it.
_SIDECARS = ("-wal", "-shm", "-journal")

# The time backups are named after (local time); tests pass ``now`` instead.
clock: Callable[[], datetime] = datetime.now

_log = logging.getLogger(__name__)


class BackupError(StoreError):
    """A backup could not be made or used; the message is French and says what to do."""


class BackupCheckError(BackupError):
    """A copy failed its check (damaged database or altered journal)."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as its name describes it (nothing opened)."""

    path: Path
    taken_at: datetime
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    def describe(self) -> str:
        """``NAME (14/03/2026 09:15:02, quotidienne)``"""
        return f"{self.name} ({self.taken_at:%d/%m/%Y %H:%M:%S}, {self.reason_label})"


@dataclass(frozen=True)
class BackupCheck:
    """A backup file opened and checked."""

    backup: BackupInfo
    problem: str  # French, "" when the copy is good
    entries: int | None  # journal entries, None when unreadable

    @property
    def good(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class Health:
    """The state of a workspace's database, and the backup to fall back on."""

    ok: bool
    problem: str  # French, "" when ok
    exists: bool  # False: no database yet (a new workspace) or it has disappeared
    entries: int | None  # journal entries when the journal could be read
    last_good: BackupInfo | None

    def describe(self) -> list[str]:
        lines: list[str] = []
        if not self.exists:
            lines.append("Aucune base de données dans l'espace de travail.")
        elif self.ok:
            lines.append("Base de données intègre.")
            lines.append(f"Journal intègre : {self.entries} entrées.")
        else:
            lines.append(f"PROBLÈME : {self.problem}")
        if self.last_good is not None:
            lines.append(f"Dernière sauvegarde saine : {self.last_good.describe()}")
        else:
            lines.append("Aucune sauvegarde saine.")
        return lines


@dataclass(frozen=True)
class Restored:
    """What :func:`restore` did."""

    restored: BackupInfo
    kept: BackupInfo | None  # the replaced database, kept as a before-restore backup
    kept_problem: str  # "" when that copy is good (a damaged database gives a bad copy)
    health: Health  # the workspace once restored


# -- listing and checking ---------------------------------------------------------------


def backups_dir(root: Path) -> Path:
    return root / BACKUP_DIR


def list_backups(root: Path) -> list[BackupInfo]:
    """The workspace's backups, newest first, from their names alone (nothing is opened)."""
    found: list[BackupInfo] = []
    try:
        entries = list(os.scandir(backups_dir(root)))
    except FileNotFoundError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or not entry.is_file():
            continue
        try:
            taken_at = datetime.strptime(match.group(1), _STAMP)
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(Path(entry.path), taken_at, match.group(2), size))
    found.sort(key=lambda b: (b.taken_at, b.name), reverse=True)
    return found


def check_backup(backup: BackupInfo) -> BackupCheck:
    """Open a backup read-only: integrity check, then the journal's hash chain."""
    try:
        with closing(_open_read_only(backup.path)) as conn:
            problem, entries = _check_database(conn)
    except sqlite3.Error as exc:
        problem, entries = f"base de données illisible ({exc})", None
    return BackupCheck(backup, problem, entries)


def inspect_backups(root: Path) -> list[BackupCheck]:
    """Every backup, newest first, each opened and checked."""
    return [check_backup(b) for b in list_backups(root)]


def last_good_backup(root: Path) -> BackupInfo | None:
    """The newest backup whose copy passes both checks.

    Copies kept before a restore come last: they hold the state a restore replaced, and
    restoring « the latest » twice must not swap back and forth. Name one to go back to it.
    """
    backups = list_backups(root)
    ordered = [b for b in backups if b.reason != BEFORE_RESTORE]
    ordered += [b for b in backups if b.reason == BEFORE_RESTORE]
    return next((b for b in ordered if check_backup(b).good), None)


def check_health(root: Path) -> Health:
    """Open the workspace's database read-only (no lock: the app may hold it) and check it.

    Runs ``PRAGMA integrity_check`` and the journal's hash-chain verification; returns ok or
    the problem in French, with the last good backup (:func:`last_good_backup`).
    """
    db = root / DB_NAME
    if not db.exists():
        return Health(True, "", False, None, last_good_backup(root))
    try:
        with closing(_open_read_only(db)) as conn:
            conn.execute("PRAGMA busy_timeout=5000")
            problem, entries = _check_database(conn)
    except sqlite3.Error as exc:
        problem, entries = f"base de données illisible ({exc})", None
    if problem:
        problem = f"{problem[0].upper()}{problem[1:]}."
    return Health(not problem, problem, True, entries, last_good_backup(root))


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise sqlite3.OperationalError(f"fichier absent : {path}")
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def _integrity_problem(conn: sqlite3.Connection) -> str:
    """What ``PRAGMA integrity_check`` finds wrong (French); empty when it says ok."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return f"base de données illisible ({exc})"
    if rows == [("ok",)]:
        return ""
    detail = str(rows[0][0]) if rows else "aucune réponse"
    more = f" et {len(rows) - 1} autre(s) erreur(s)" if len(rows) > 1 else ""
    return f"base de données endommagée (PRAGMA integrity_check : {detail}{more})"


def _check_database(conn: sqlite3.Connection) -> tuple[str, int | None]:
    """(problem, journal entries): the integrity check, then the journal chain."""
    problem = _integrity_problem(conn)
    if problem:
        return problem, None
    try:
        chain = journal.verify(conn)
        entries = int(conn.execute("SELECT count(*) FROM journal").fetchone()[0])
    except sqlite3.Error as exc:
        return f"journal illisible ({exc})", None
    if not chain.ok:
        return f"journal altéré à l'entrée n° {chain.first_bad_seq} : {chain.problem}", entries
    return "", entries


# -- taking backups ---------------------------------------------------------------------


def automatic_backup(
    conn: sqlite3.Connection, root: Path, *, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> BackupInfo | None:
    """Called by :class:`Workspace` when it opens, before migrating: the backup due, if any.

    A new, empty database gets none. One with a migration pending gets a ``migration``
    backup (an error here stops the opening: no migration without a backup). Otherwise a
    ``daily`` one is taken when the newest backup is from an earlier day; if that fails, the
    workspace still opens (the failure is logged, and :func:`check_health` shows the age of
    the last good backup).
    """
    done = set(schema.applied(conn))
    if not done:
        return None
    moment = _local(now or clock())
    if any(name not in done for name, _ in schema.STEPS):
        try:
            return _take(conn, root, MIGRATION, moment, keep)
        except BackupError as exc:
            raise type(exc)(f"Mise à jour de la base refusée : {exc}") from exc
    backups = list_backups(root)
    if backups and backups[0].taken_at.date() >= moment.date():
        return None
    try:
        return _take(conn, root, DAILY, moment, keep)
    except (BackupError, OSError, sqlite3.Error) as exc:
        _log.warning("sauvegarde quotidienne impossible : %s", exc)
        return None


def backup_now(
    ws: Workspace, reason: str = MANUAL, *, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> BackupInfo:
    """Back up the open workspace through its own connection (it holds the lock).

    For a package import, call ``backup_now(ws, "import")`` before merging. Raises
    :class:`BackupCheckError` if the copy fails its integrity check, :class:`BackupError`
    if it cannot be written. Not inside a transaction: the copy would miss or include
    half a unit of work.
    """
    if ws.conn.in_transaction:
        raise BackupError("Sauvegarde impossible pendant une modification en cours.")
    return _take(ws.conn, ws.root, _clean_reason(reason), _local(now or clock()), keep)


def create_backup(
    root: Path, reason: str = MANUAL, *, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> BackupInfo:
    """Back up a workspace that is not open: takes its lock (refused while the app has it)."""
    db = root / DB_NAME
    if not db.is_file():
        raise NotFoundError(f"Espace de travail introuvable : {root}")
    with _exclusive(root):
        try:
            with closing(sqlite3.connect(str(db), isolation_level=None)) as conn:
                conn.execute("PRAGMA busy_timeout=5000")
                return _take(conn, root, _clean_reason(reason), _local(now or clock()), keep)
        except sqlite3.Error as exc:
            raise BackupError(f"Sauvegarde impossible : base illisible ({exc}).") from exc


def rotate(
    root: Path, keep: int = DEFAULT_KEEP, *, protect: Collection[Path] = (),
    known_good: Collection[Path] = (),
) -> list[BackupInfo]:  # fmt: skip
    """Delete all but the ``keep`` newest backups; return those deleted.

    The newest good backup is never deleted, even when ``keep`` newer ones are all bad;
    neither is any path in ``protect``. ``known_good`` names copies just checked (spares
    opening them). Call while holding the workspace (its lock or an open
    :class:`Workspace`): it also removes temporary files left by an interrupted backup.
    """
    if keep < 1:
        raise ValueError("keep must be at least 1")
    folder = backups_dir(root)
    for stale in folder.glob(".workspace-*.tmp*"):
        with suppress(OSError):
            stale.unlink(missing_ok=True)
    backups = list_backups(root)
    if len(backups) <= keep:
        return []
    spared = {b.path for b in backups[:keep]} | set(protect)
    good = set(known_good)
    newest_good = next((b for b in backups if b.path in good or check_backup(b).good), None)
    if newest_good is not None:
        spared.add(newest_good.path)
    deleted: list[BackupInfo] = []
    for backup in backups[keep:]:
        if backup.path in spared:
            continue
        try:
            for path in (backup.path, *_sidecars(backup.path)):
                path.unlink(missing_ok=True)
        except OSError as exc:  # in use (Windows): it goes next time
            _log.warning("sauvegarde %s non supprimée : %s", backup.name, exc)
            continue
        deleted.append(backup)
    return deleted


def _take(
    conn: sqlite3.Connection, root: Path, reason: str, moment: datetime, keep: int
) -> BackupInfo:
    backup, _ = _write(conn, root, reason, moment, require_ok=True)
    rotate(root, keep, known_good=[backup.path])
    return backup


def _write(
    conn: sqlite3.Connection, root: Path, reason: str, moment: datetime, *, require_ok: bool
) -> tuple[BackupInfo, str]:
    """Copy ``conn``'s database into a new backup file: temporary name, check, sync, rename.

    Returns the backup and the copy's integrity problem ("" when intact); with
    ``require_ok`` a copy that fails is deleted and :class:`BackupCheckError` raised.
    """
    folder = backups_dir(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        taken_at = _free_stamp(root, moment)
        final = folder / f"workspace-{taken_at:{_STAMP}}-{reason}.sqlite"
        tmp = folder / f".{final.name}.{uuid.uuid4().hex}.tmp"
        try:
            with closing(sqlite3.connect(str(tmp), isolation_level=None)) as copy:
                conn.backup(copy)
                # A copy is one self-contained file: rollback journal, not WAL.
                copy.execute("PRAGMA journal_mode=DELETE")
                problem = _integrity_problem(copy)
            if problem and require_ok:
                raise BackupCheckError(
                    f"sauvegarde écartée : {problem} dans la copie. La base de l'espace "
                    "de travail est sans doute endommagée : vérifiez-la "
                    "(auditor-app backup check)."
                )
            _fsync(tmp)
            os.replace(tmp, final)
            _fsync_dir(folder)
        except BaseException:
            for path in (tmp, *_sidecars(tmp)):
                path.unlink(missing_ok=True)
            raise
        return BackupInfo(final, taken_at, reason, final.stat().st_size), problem
    except BackupError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(_write_failure(folder, exc)) from exc


def _write_failure(folder: Path, exc: BaseException) -> str:
    if "full" in str(exc).lower() or getattr(exc, "errno", None) == 28:
        return f"sauvegarde impossible : le disque est plein ({folder}). Libérez de la place."
    return f"sauvegarde impossible dans {folder} : {exc}"


def _free_stamp(root: Path, moment: datetime) -> datetime:
    taken = {b.taken_at for b in list_backups(root)}
    stamp = moment.replace(microsecond=0)
    while stamp in taken:
        stamp += timedelta(seconds=1)
    return stamp


def _clean_reason(reason: str) -> str:
    """A reason fit for a file name: lower-case ASCII letters, digits and hyphens."""
    ascii_only = unicodedata.normalize("NFKD", reason).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    return cleaned or MANUAL


def _local(moment: datetime) -> datetime:
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


# -- restoring --------------------------------------------------------------------------


def find_backup(root: Path, name: str) -> BackupInfo:
    """A backup by file name (with or without ``.sqlite``, or a path to it), or ``latest``:
    the newest good one (:func:`last_good_backup`)."""
    if name == LATEST:
        if not list_backups(root):
            raise NotFoundError(f"Aucune sauvegarde dans {backups_dir(root)}.")
        latest = last_good_backup(root)
        if latest is None:
            raise BackupCheckError(
                "Aucune sauvegarde saine : toutes sont endommagées ou ont un journal altéré."
            )
        return latest
    wanted = Path(name).name
    for backup in list_backups(root):
        if wanted in (backup.name, backup.path.stem):
            return backup
    raise NotFoundError(f"Sauvegarde « {name} » introuvable (voyez « auditor-app backup list »).")


def restore(
    root: Path, name: str, *, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> Restored:
    """Put a backup back in place of the workspace's database.

    Refused while the workspace is open (its lock: :class:`WorkspaceLockedError`). The
    backup is first copied through the backup API to a temporary file beside the database
    and checked (integrity and journal: :class:`BackupCheckError` and nothing changed if
    either fails). The current database is then kept as a ``before-restore`` backup (even
    damaged: it is the only copy of what it holds), its ``-wal``/``-shm`` files are removed
    (their content is in that copy), and the checked file is renamed over
    ``workspace.sqlite``. The result carries the health of the restored workspace.
    """
    db = root / DB_NAME
    moment = _local(now or clock())
    with _exclusive(root):
        for stale in root.glob(f".{DB_NAME}.restore-*.tmp*"):  # an interrupted restore's
            stale.unlink(missing_ok=True)
        chosen = find_backup(root, name)
        tmp = root / f".{DB_NAME}.restore-{uuid.uuid4().hex}.tmp"
        try:
            _prepare(chosen, tmp)
            kept, kept_problem = _keep_current(root, moment) if db.exists() else (None, "")
            _drop_wal(db)
            _fsync(tmp)
            os.replace(tmp, db)
            _fsync_dir(root)
        except OSError as exc:
            raise BackupError(
                f"Restauration impossible : {exc}. Fermez les programmes qui utilisent "
                "l'espace de travail, puis réessayez."
            ) from exc
        finally:
            for path in (tmp, *_sidecars(tmp)):
                path.unlink(missing_ok=True)
        spare = [chosen.path] + ([kept.path] if kept is not None else [])
        rotate(root, keep, protect=spare)
        health = check_health(root)
    return Restored(chosen, kept, kept_problem, health)


def _prepare(chosen: BackupInfo, tmp: Path) -> None:
    """Copy the backup to ``tmp`` through the backup API; check the copy."""
    try:
        with (
            closing(_open_read_only(chosen.path)) as source,
            closing(sqlite3.connect(str(tmp), isolation_level=None)) as copy,
        ):
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            problem, _ = _check_database(copy)
    except sqlite3.Error as exc:
        problem = f"base de données illisible ({exc})"
    if problem:
        raise BackupCheckError(
            f"La sauvegarde {chosen.name} n'est pas utilisable ({problem}) ; rien n'a été "
            "modifié. Choisissez-en une autre (auditor-app backup list)."
        )


def _keep_current(root: Path, moment: datetime) -> tuple[BackupInfo, str]:
    """Keep the database about to be replaced, with what its write-ahead log holds."""
    db = root / DB_NAME
    try:
        with closing(sqlite3.connect(str(db), isolation_level=None)) as conn:
            return _write(conn, root, BEFORE_RESTORE, moment, require_ok=False)
    except BackupError as exc:
        if not isinstance(exc.__cause__, sqlite3.Error):
            raise
    except sqlite3.Error:
        pass
    # Unreadable even for the backup API: keep its bytes (and its log's) as they are.
    return _raw_copy(root, moment), "base de données illisible, copiée telle quelle"


def _raw_copy(root: Path, moment: datetime) -> BackupInfo:
    db = root / DB_NAME
    folder = backups_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    taken_at = _free_stamp(root, moment)
    final = folder / f"workspace-{taken_at:{_STAMP}}-{BEFORE_RESTORE}.sqlite"
    for source, target in ((Path(f"{db}-wal"), Path(f"{final}-wal")), (db, final)):
        if not source.exists():
            continue
        tmp = folder / f".{target.name}.{uuid.uuid4().hex}.tmp"
        try:
            tmp.write_bytes(source.read_bytes())
            _fsync(tmp)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    _fsync_dir(folder)
    return BackupInfo(final, taken_at, BEFORE_RESTORE, final.stat().st_size)


def _drop_wal(db: Path) -> None:
    """Fold the write-ahead log into the old database, then remove what is left of it.

    Called once the old database is safe in a backup and with the lock held: a log left
    beside the restored file would be replayed onto it.
    """
    wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
    if not (wal.exists() or shm.exists()):
        return
    if db.exists():
        try:
            with closing(sqlite3.connect(str(db), isolation_level=None)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # a damaged database: its log is in the before-restore copy
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)


# -- files and the lock -----------------------------------------------------------------


@contextmanager
def _exclusive(root: Path) -> Iterator[None]:
    """Hold the workspace's lock, as :class:`Workspace` does, or raise its French error."""
    if not root.is_dir():
        raise NotFoundError(f"Espace de travail introuvable : {root}")
    lock = FileLock(str(root / ".lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise WorkspaceLockedError(
            f"L'espace de travail {root} est déjà ouvert par un autre programme"
            f"{_describe_owner(root / '.lock-owner')}. Fermez-le, puis réessayez."
        ) from None
    owner = root / ".lock-owner"
    try:
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "since": datetime.now().isoformat()}  # fmt: skip
        owner.write_text(json.dumps(info), encoding="utf-8")
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in _SIDECARS]


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder, and needs no call."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
