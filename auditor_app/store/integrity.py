"""Do the records still say what the journal says they were last set to?

The hash chain proves the journal was not altered; this check proves the data was not
altered behind the journal's back (a row edited directly in the database file). It
replays the journal, field by field, and compares with the current rows.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from auditor_app.store.journal import JournalEntry

# Tables whose every change goes through the journal, with the fields to compare.
TRACKED: dict[str, tuple[str, ...]] = {
    "findings": ("verdict", "measured_value", "note", "previous_verdict"),
    "evidence": ("finding_id", "blob_sha256", "caption"),
    "mystery_tests": ("kind", "site_id", "rings", "sent_on", "acknowledged_on", "replied_on"),
    "surveys": ("satisfied", "neutral", "dissatisfied"),
    "closing_responses": ("finding_id", "response", "comment"),
    "signatures": ("role", "signer_name", "strokes"),
    "audits": ("organisation", "reference", "status", "target_level"),
    "sites": ("name", "department", "channels"),
}
# A finding laid out with the audit starts empty; these are its values until journalled.
EMPTY_FINDING = {"verdict": None, "measured_value": None, "note": "", "previous_verdict": None}


@dataclass(frozen=True)
class Mismatch:
    table: str
    row_id: str
    field: str
    journal_value: Any
    current_value: Any

    def describe(self) -> str:
        return (
            f"{self.table} {self.row_id[:8]}… : « {self.field} » vaut {self.current_value!r} "
            f"dans la base mais {self.journal_value!r} d'après le journal"
        )


def _expected(conn: sqlite3.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    expected: dict[tuple[str, str], dict[str, Any]] = {}
    for payload, digest in conn.execute("SELECT payload, hash FROM journal ORDER BY seq"):
        entry = JournalEntry.parse(payload, digest)
        fields = TRACKED.get(entry.entity)
        if fields is None:
            continue
        key = (entry.entity, entry.entity_id)
        if entry.action == "delete":
            expected[key] = {"__deleted__": True}
            continue
        after = json.loads(entry.after) or {}
        state = expected.setdefault(key, {})
        state.pop("__deleted__", None)
        state.update({k: v for k, v in after.items() if k in fields})
    return expected


def same_value(journal_value: Any, current: Any) -> bool:
    """Equal, a whole number and a decimal of the same value being equal."""
    if isinstance(journal_value, int | float) and isinstance(current, int | float):
        return float(journal_value) == float(current)
    return bool(journal_value == current)


def check_records(conn: sqlite3.Connection, limit: int = 20) -> list[Mismatch]:
    """Up to ``limit`` fields whose current value differs from the journal's last one."""
    expected = _expected(conn)
    found: list[Mismatch] = []
    for table, fields in TRACKED.items():
        cursor = conn.execute(f"SELECT id, {', '.join(fields)} FROM {table}")
        for row in cursor:
            state = expected.get((table, row[0]))
            if state is None and table != "findings":
                found.append(Mismatch(table, row[0], "(ligne)", "absente", "présente"))
                continue
            if state is not None and state.get("__deleted__"):
                found.append(Mismatch(table, row[0], "(ligne)", "supprimée", "présente"))
                continue
            if table == "findings":
                state = {**EMPTY_FINDING, **(state or {})}
            assert state is not None
            for field, current in zip(fields, row[1:], strict=True):
                if field in state and not same_value(state[field], current):
                    found.append(Mismatch(table, row[0], field, state[field], current))
            if len(found) >= limit:
                return found
    return found
