"""The append-only, hash-chained journal of every change.

Each entry's hash covers its own fields and the previous entry's hash, so an edited,
removed or reordered entry breaks the chain from that point on. The head hash goes into
signed packages, which also makes a truncated tail detectable.

An entry is stored as the exact bytes that were hashed (``payload``: its fields joined by
the unit separator 0x1F, which JSON always escapes), so verifying reads two columns and
hashes; reading an entry parses the payload, never a copy that could disagree with it.
"""

from __future__ import annotations

import binascii
import hashlib
import json
import re
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
SEP = "\x1f"

# Order of the hashed fields in a payload; changing it breaks every existing chain.
HASHED_FIELDS = (
    "seq", "id", "at", "actor", "action", "entity", "entity_id", "audit_id",
    "before", "after", "reason", "prev_hash",
)  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x1f]")


def now_iso() -> str:
    """UTC time with microseconds, sortable as text."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def canonical(value: Mapping[str, Any] | None) -> str:
    """JSON that is the same for the same data, whatever the key order."""
    if value is None:
        return "null"
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _plain(text: str) -> str:
    # Free text fields must not contain the separator; JSON fields escape it already.
    return _CONTROL.sub(" ", text)


@dataclass(frozen=True)
class JournalEntry:
    seq: int
    id: str
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str
    audit_id: str
    before: str
    after: str
    reason: str
    prev_hash: str
    hash: str

    @classmethod
    def parse(cls, payload: bytes, digest: str) -> JournalEntry:
        fields = payload.decode("utf-8").split(SEP)
        if len(fields) != len(HASHED_FIELDS):
            raise ValueError("entrée de journal mal formée")
        f = fields
        return cls(
            int(f[0]), f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], digest
        )

    def before_value(self) -> Any:
        return json.loads(self.before)

    def after_value(self) -> Any:
        return json.loads(self.after)


def append(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    audit_id: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
    at: str | None = None,
) -> str:
    """Append one entry inside the caller's transaction; return its hash."""
    seq, prev_hash = head(conn)
    seq += 1
    fields = (
        str(seq), str(uuid.uuid4()), at or now_iso(), _plain(actor), _plain(action),
        _plain(entity), _plain(entity_id), _plain(audit_id), canonical(before),
        canonical(after), _plain(reason), prev_hash,
    )  # fmt: skip
    payload = SEP.join(fields).encode("utf-8")
    digest = hashlib.sha256(payload).hexdigest()
    conn.execute(
        "INSERT INTO journal (seq, entity, entity_id, audit_id, payload, hash)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (seq, fields[5], fields[6], fields[7], payload, digest),
    )
    return digest


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int
    head: str
    first_bad_seq: int | None = None
    problem: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"Journal intègre : {self.entries} entrées, tête {self.head[:16]}…"
        return f"Journal altéré à l'entrée n° {self.first_bad_seq} : {self.problem}"


def _problem(seq: int, expected_seq: int, payload: object, prev: str) -> str:
    if seq != expected_seq:
        return "entrée " + ("supprimée" if seq > expected_seq else "dupliquée ou déplacée")
    if not isinstance(payload, bytes):
        return "contenu remplacé"
    if not payload.startswith(f"{seq}{SEP}".encode()):
        return "numéro d'ordre modifié"
    if payload[-64:].decode("ascii", "replace") != prev:
        return "lien vers l'entrée précédente rompu"
    return "contenu différent de son empreinte"


def verify(conn: sqlite3.Connection, progress: Callable[[int], None] | None = None) -> ChainCheck:
    """Walk the whole journal in order and name the first entry that does not hold.

    Each row is read as one blob, payload then stored hash: the payload ends with the
    previous entry's hash (the link) and must hash to the stored one. Only when a row
    fails is it read again in detail, to say what is wrong.
    """
    cursor = conn.execute("SELECT CAST(payload || hash AS BLOB) FROM journal ORDER BY seq")
    link, count = GENESIS.encode(), 0
    sha256, hexlify = hashlib.sha256, binascii.hexlify
    while batch := cursor.fetchmany(5000):
        for (row,) in batch:
            stored = row[-64:]
            if row[-128:-64] != link or hexlify(sha256(row[:-64]).digest()) != stored:
                return _diagnose(conn, count, link.decode())
            link = stored
            count += 1
        if progress:
            progress(count)
    top = conn.execute("SELECT coalesce(max(seq), 0) FROM journal").fetchone()[0]
    if top != count:  # entries intact but numbered with a gap: renumbered rows
        return _diagnose(conn, _first_gap(conn), link.decode())
    return ChainCheck(True, count, link.decode())


def _first_gap(conn: sqlite3.Connection) -> int:
    for index, (seq,) in enumerate(conn.execute("SELECT seq FROM journal ORDER BY seq")):
        if seq != index + 1:
            return index
    return 0


def _diagnose(conn: sqlite3.Connection, index: int, prev: str) -> ChainCheck:
    """Say what is wrong with the ``index``-th entry (0-based, in seq order)."""
    seq, payload, _ = conn.execute(
        "SELECT seq, payload, hash FROM journal ORDER BY seq LIMIT 1 OFFSET ?", (index,)
    ).fetchone()
    expected = index + 1
    problem = _problem(seq, expected, payload, prev)
    return ChainCheck(False, index, prev, min(seq, expected), problem)


def entries(
    conn: sqlite3.Connection, entity: str | None = None, entity_id: str | None = None
) -> list[JournalEntry]:
    """The history of one record (or of everything), oldest first."""
    sql = "SELECT payload, hash FROM journal"
    params: tuple[str, ...] = ()
    if entity is not None and entity_id is not None:
        sql += " WHERE entity = ? AND entity_id = ?"
        params = (entity, entity_id)
    rows = conn.execute(sql + " ORDER BY seq", params).fetchall()
    return [JournalEntry.parse(payload, digest) for payload, digest in rows]


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)
