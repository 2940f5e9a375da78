"""The workspace schema, as versioned sqlite-utils migrations applied at open.

A migration is never edited once released: a change of schema is a new migration.
Every record has a UUID ``id``, ``updated_at``, ``updated_by`` and ``rev``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "auditor_app"
# (name, function) in order. sqlite-utils applies them; it is imported only when one is
# pending, which keeps it (and what it imports) off the app's start-up path.
STEPS: list[tuple[str, Callable[[Database], None]]] = []


def _step(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
        STEPS.append((name, fn))
        return fn

    return register


_RECORD = "updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, rev INTEGER NOT NULL DEFAULT 1"

_V1 = [
    """CREATE TABLE referentials (
        key TEXT PRIMARY KEY,
        grid_id TEXT NOT NULL,
        version TEXT NOT NULL,
        title TEXT NOT NULL,
        content TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE audits (
        id TEXT PRIMARY KEY,
        referential_key TEXT NOT NULL REFERENCES referentials(key),
        organisation TEXT NOT NULL,
        reference TEXT NOT NULL,
        client TEXT NOT NULL DEFAULT '',
        objectives TEXT NOT NULL DEFAULT '',
        scope TEXT NOT NULL DEFAULT '',
        start_date TEXT,
        end_date TEXT,
        team TEXT NOT NULL DEFAULT '[]',
        target_level TEXT,
        status TEXT NOT NULL DEFAULT 'draft',
        channels TEXT NOT NULL DEFAULT '[]',
        cloned_from TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        {_RECORD}
    )""",
    f"""CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        audit_id TEXT NOT NULL REFERENCES audits(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        channels TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0,
        {_RECORD}
    )""",
    f"""CREATE TABLE aid_schemes (
        id TEXT PRIMARY KEY,
        audit_id TEXT NOT NULL REFERENCES audits(id),
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        channels TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0,
        {_RECORD}
    )""",
    f"""CREATE TABLE findings (
        id TEXT PRIMARY KEY,
        audit_id TEXT NOT NULL REFERENCES audits(id),
        checkpoint_code TEXT NOT NULL,
        site_id TEXT NOT NULL DEFAULT '',
        aid_scheme_id TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT '',
        verdict TEXT,
        measured_value REAL,
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        previous_verdict TEXT,
        {_RECORD},
        UNIQUE (audit_id, checkpoint_code, site_id, aid_scheme_id, channel)
    )""",
    "CREATE INDEX findings_by_site ON findings(audit_id, site_id)",
    """CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        orientation INTEGER,
        taken_at TEXT,
        created_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE evidence (
        id TEXT PRIMARY KEY,
        finding_id TEXT NOT NULL REFERENCES findings(id),
        audit_id TEXT NOT NULL REFERENCES audits(id),
        blob_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        kind TEXT NOT NULL,
        filename TEXT NOT NULL,
        caption TEXT NOT NULL DEFAULT '',
        taken_at TEXT,
        position INTEGER NOT NULL DEFAULT 0,
        {_RECORD}
    )""",
    "CREATE INDEX evidence_by_finding ON evidence(finding_id)",
    f"""CREATE TABLE mystery_tests (
        id TEXT PRIMARY KEY,
        audit_id TEXT NOT NULL REFERENCES audits(id),
        kind TEXT NOT NULL,
        site_id TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT '',
        checkpoint_code TEXT NOT NULL DEFAULT '',
        performed_at TEXT NOT NULL DEFAULT '',
        rings INTEGER,
        wait_seconds REAL,
        reached_agent INTEGER,
        agent_identified INTEGER,
        answer_correct INTEGER,
        sent_on TEXT,
        acknowledged_on TEXT,
        replied_on TEXT,
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        extra TEXT NOT NULL DEFAULT '{{}}',
        {_RECORD}
    )""",
    f"""CREATE TABLE surveys (
        id TEXT PRIMARY KEY,
        audit_id TEXT NOT NULL REFERENCES audits(id),
        population TEXT NOT NULL,
        question TEXT NOT NULL,
        site_id TEXT NOT NULL DEFAULT '',
        satisfied INTEGER NOT NULL,
        neutral INTEGER NOT NULL,
        dissatisfied INTEGER NOT NULL,
        {_RECORD},
        UNIQUE (audit_id, population, question, site_id)
    )""",
    f"""CREATE TABLE signatures (
        id TEXT PRIMARY KEY,
        audit_id TEXT NOT NULL REFERENCES audits(id),
        site_id TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        strokes TEXT NOT NULL,
        png_sha256 TEXT NOT NULL DEFAULT '',
        signed_at TEXT NOT NULL,
        {_RECORD}
    )""",
    f"""CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        finding_id TEXT NOT NULL REFERENCES findings(id),
        audit_id TEXT NOT NULL REFERENCES audits(id),
        reviewer TEXT NOT NULL,
        decision TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        new_verdict TEXT,
        {_RECORD}
    )""",
    # The hashed bytes are stored as they were hashed (``payload``); entity, entity_id and
    # audit_id are copies kept only to find a record's history quickly.
    """CREATE TABLE journal (
        seq INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        audit_id TEXT NOT NULL DEFAULT '',
        payload BLOB NOT NULL,
        hash TEXT NOT NULL
    )""",
    "CREATE INDEX journal_by_entity ON journal(entity, entity_id)",
    # The journal is append-only: the database itself refuses edits and deletions.
    """CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
       BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END""",
    """CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
       BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END""",
]


@_step("0001_initial")
def _initial(db: Database) -> None:
    for statement in _V1:
        db.execute(statement)


@_step("0002_closing_meeting")
def _closing_meeting(db: Database) -> None:
    # The site representative's answer to each finding shown at the closing meeting;
    # a dispute is kept as a diverging opinion for the report (ISO 19011 6.5.1 j).
    db.execute(f"""CREATE TABLE closing_responses (
        id TEXT PRIMARY KEY,
        audit_id TEXT NOT NULL REFERENCES audits(id),
        finding_id TEXT NOT NULL UNIQUE REFERENCES findings(id),
        site_id TEXT NOT NULL DEFAULT '',
        response TEXT NOT NULL CHECK (response IN ('accepted', 'disputed')),
        comment TEXT NOT NULL DEFAULT '',
        representative TEXT NOT NULL DEFAULT '',
        {_RECORD}
    )""")


@_step("0003_packages")
def _packages(db: Database) -> None:
    # Packages exchanged between field auditors and the lead (auditor_app/package/).
    # The team's trusted certificates: a package signed by anyone else is not imported
    # without the lead's explicit confirmation.
    db.execute(f"""CREATE TABLE team_certificates (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        pem TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        {_RECORD}
    )""")
    # Journal entries made in other workspaces and received in packages: each is
    # verified against its hash on import and kept as it was made, for the history of a
    # record and to know which changes this workspace has already seen.
    db.execute("""CREATE TABLE imported_journal (
        entry_id TEXT PRIMARY KEY,
        origin TEXT NOT NULL,
        package_id TEXT NOT NULL,
        audit_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        payload BLOB NOT NULL,
        hash TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX imported_journal_by_entity ON imported_journal(entity, entity_id)")
    db.execute("CREATE INDEX imported_journal_by_audit ON imported_journal(audit_id)")
    db.execute(f"""CREATE TABLE package_imports (
        id TEXT PRIMARY KEY,
        manifest_sha256 TEXT NOT NULL UNIQUE,
        audit_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        file_name TEXT NOT NULL DEFAULT '',
        added INTEGER NOT NULL DEFAULT 0,
        changed INTEGER NOT NULL DEFAULT 0,
        conflicts INTEGER NOT NULL DEFAULT 0,
        report_sha256 TEXT NOT NULL DEFAULT '',
        {_RECORD}
    )""")
    # The same record changed in two workspaces: the later change is kept, the other
    # waits here (and in the journal) for the lead to settle.
    db.execute(f"""CREATE TABLE conflicts (
        id TEXT PRIMARY KEY,
        audit_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        kept TEXT NOT NULL,
        other TEXT NOT NULL,
        kept_by TEXT NOT NULL DEFAULT '',
        other_by TEXT NOT NULL DEFAULT '',
        package_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        resolution TEXT NOT NULL DEFAULT '',
        {_RECORD}
    )""")
    db.execute("CREATE INDEX conflicts_by_audit ON conflicts(audit_id, status)")
    # An imported package is kept whole in packs/ (hard-linked when possible): its photos
    # stay inside it, stored uncompressed, and are copied out the first time they are used.
    db.execute("""CREATE TABLE packed_blobs (
        name TEXT PRIMARY KEY,
        pack TEXT NOT NULL,
        offset INTEGER NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL
    )""")


@_step("0004_conflict_times")
def _conflict_times(db: Database) -> None:
    # When each version of a conflict was made (its own updated_at), beside when the
    # conflict was found (the row's updated_at): the lead compares the two changes.
    db.execute("ALTER TABLE conflicts ADD COLUMN kept_at TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE conflicts ADD COLUMN other_at TEXT NOT NULL DEFAULT ''")


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this database has, read without sqlite-utils."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,),
    )
    return [row[0] for row in rows]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations through sqlite-utils; return the names applied."""
    done = set(applied(conn))
    pending = [name for name, _ in STEPS if name not in done]
    if not pending:
        return []
    from sqlite_utils import Database, Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in STEPS:
        migrations(name=name)(fn)
    migrations.apply(Database(conn, execute_plugins=False))
    return pending


SCHEMA_VERSION = STEPS[-1][0]
