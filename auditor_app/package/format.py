"""What a ``.spaudit`` package holds, and the shapes its JSON must have.

A package is a zip file::

    manifest.json        format version, audit, exporter, journal head, every file below
                         with its size and SHA-256
    manifest.sig         detached signature of manifest.json's exact bytes (signer's key)
    signer.pem           the signer's X.509 certificate
    data/tables.json     the audit's rows, table by table
    data/journal.jsonl   the journal entries about the audit: the exporter's own and those
                         it received from others (each line: origin, payload, hash)
    blobs/<sha256>       photos and documents, stored (a JPEG does not compress further)
    thumbs/<sha256>.jpg  their thumbnails, so the receiver has nothing to recompute
    report/<name>.pdf    the signed report, when there is one

Every shape is a pydantic model that forbids unknown fields and bounds every string, so a
package made by hand or by a later version is refused with the field and entry named.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

FORMAT = "spaudit"
FORMAT_VERSION = 1
SUFFIX = ".spaudit"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SIGNER = "signer.pem"
TABLES = "data/tables.json"
JOURNAL = "data/journal.jsonl"
ENVELOPE = (MANIFEST, SIGNATURE, SIGNER)

# Limits that keep a hostile package from filling the disk or the memory.
MAX_ENTRIES = 200_000
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_SIGNATURE_BYTES = 16 * 1024
MAX_CERTIFICATE_BYTES = 64 * 1024
MAX_DATA_BYTES = 512 * 1024 * 1024  # tables.json, journal.jsonl
MAX_REPORT_BYTES = 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024 * 1024
MAX_RATIO = 200  # inflated size / compressed size; JSON of an audit is about 10 to 1

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
BLOB_NAME = re.compile(r"^blobs/[0-9a-f]{64}$")
THUMB_NAME = re.compile(r"^thumbs/[0-9a-f]{64}\.jpg$")
REPORT_NAME = re.compile(r"^report/[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.pdf$")

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Short = Annotated[str, StringConstraints(max_length=200)]
Name = Annotated[str, StringConstraints(max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class FileEntry(_Strict):
    name: Name
    size: int = Field(ge=0)
    sha256: Sha256


class Exporter(_Strict):
    name: Short
    email: Short
    fingerprint: Short
    actor: Short


class JournalHead(_Strict):
    seq: int = Field(ge=0)
    hash: Sha256
    entries: int = Field(ge=0)


class Manifest(_Strict):
    format: Literal["spaudit"]
    format_version: int
    package_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f-]{36}$")]
    kind: Literal["field", "review"]
    created_at: Short
    app_version: Short
    audit_id: Short
    audit_reference: Short
    referential_key: Short
    referential_sha256: Sha256
    exporter: Exporter
    journal: JournalHead
    counts: dict[Short, int]
    files: list[FileEntry] = Field(max_length=MAX_ENTRIES)


class JournalLine(_Strict):
    origin: Short
    payload: Annotated[str, StringConstraints(max_length=4 * 1024 * 1024)]
    hash: Sha256


# -- the audit's rows ----------------------------------------------------------------------

_ID = Annotated[str, StringConstraints(min_length=1, max_length=100)]
_TEXT = Annotated[str, StringConstraints(max_length=2_000)]
_LONG = Annotated[str, StringConstraints(max_length=100_000)]  # notes, comments
_HUGE = Annotated[str, StringConstraints(max_length=8 * 1024 * 1024)]  # a grid, strokes
_KINDS: dict[str, Any] = {
    "id": _ID,
    "text": _TEXT,
    "long": _LONG,
    "huge": _HUGE,
    "int": int,
    "real": float | int,
    "text?": _TEXT | None,
    "int?": int | None,
    "real?": float | int | None,
}
_STAMPS = {"updated_at": "text", "updated_by": "text", "rev": "int"}

# Table → column → kind. The order of the tables is the order of insertion on import
# (each row's references are inserted before it).
TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "referentials": {
        "key": "id", "grid_id": "text", "version": "text", "title": "text", "content": "huge",
        "sha256": "text", "origin": "text", "imported_at": "text",
    },
    "audits": {
        "id": "id", "referential_key": "text", "organisation": "text", "reference": "text",
        "client": "text", "objectives": "long", "scope": "long", "start_date": "text?",
        "end_date": "text?", "team": "long", "target_level": "text?", "status": "text",
        "channels": "text", "cloned_from": "text", "created_at": "text", **_STAMPS,
    },
    "sites": {
        "id": "id", "audit_id": "id", "name": "text", "kind": "text", "department": "text",
        "address": "text", "channels": "text", "position": "int", **_STAMPS,
    },
    "aid_schemes": {
        "id": "id", "audit_id": "id", "name": "text", "description": "long",
        "channels": "text", "position": "int", **_STAMPS,
    },
    "findings": {
        "id": "id", "audit_id": "id", "checkpoint_code": "text", "site_id": "text",
        "aid_scheme_id": "text", "channel": "text", "verdict": "text?",
        "measured_value": "real?", "note": "long", "author": "text",
        "previous_verdict": "text?", **_STAMPS,
    },
    "blobs": {
        "sha256": "id", "size": "int", "media_type": "text", "width": "int?", "height": "int?",
        "orientation": "int?", "taken_at": "text?", "created_at": "text",
    },
    "evidence": {
        "id": "id", "finding_id": "id", "audit_id": "id", "blob_sha256": "id", "kind": "text",
        "filename": "text", "caption": "long", "taken_at": "text?", "position": "int",
        **_STAMPS,
    },
    "mystery_tests": {
        "id": "id", "audit_id": "id", "kind": "text", "site_id": "text", "channel": "text",
        "checkpoint_code": "text", "performed_at": "text", "rings": "int?",
        "wait_seconds": "real?", "reached_agent": "int?", "agent_identified": "int?",
        "answer_correct": "int?", "sent_on": "text?", "acknowledged_on": "text?",
        "replied_on": "text?", "note": "long", "author": "text", "extra": "long", **_STAMPS,
    },
    "surveys": {
        "id": "id", "audit_id": "id", "population": "text", "question": "text",
        "site_id": "text", "satisfied": "int", "neutral": "int", "dissatisfied": "int",
        **_STAMPS,
    },
    "signatures": {
        "id": "id", "audit_id": "id", "site_id": "text", "role": "text", "signer_name": "text",
        "strokes": "huge", "png_sha256": "text", "signed_at": "text", **_STAMPS,
    },
    "closing_responses": {
        "id": "id", "audit_id": "id", "finding_id": "id", "site_id": "text",
        "response": "text", "comment": "long", "representative": "text", **_STAMPS,
    },
    "reviews": {
        "id": "id", "finding_id": "id", "audit_id": "id", "reviewer": "text",
        "decision": "text", "comment": "long", "new_verdict": "text?", **_STAMPS,
    },
    # The exporter's conflicts not settled yet (field packages): the lead must see them.
    # Not merged as rows: each becomes a conflict of the receiver's own, if it still is one.
    "conflicts": {
        "id": "id", "audit_id": "id", "entity": "text", "entity_id": "id", "kept": "huge",
        "other": "huge", "kept_by": "text", "other_by": "text", "kept_at": "text",
        "other_at": "text",
    },
}  # fmt: skip

# The column that identifies a row, and (for rows made independently in two workspaces
# for the same thing) the columns that identify the thing itself.
KEY_COLUMN = {"referentials": "key", "blobs": "sha256"}
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "surveys": ("audit_id", "population", "question", "site_id"),
    "closing_responses": ("finding_id",),
    "findings": ("audit_id", "checkpoint_code", "site_id", "aid_scheme_id", "channel"),
}
# Tables of the package that are not rows to merge.
NOT_MERGED = frozenset({"conflicts"})
# Columns that describe a change rather than the record: equal rows may differ there.
STAMP_COLUMNS = frozenset(_STAMPS)


def key_column(table: str) -> str:
    return KEY_COLUMN.get(table, "id")


def _row_model(table: str, columns: dict[str, str]) -> type[BaseModel]:
    fields: dict[str, Any] = {name: (_KINDS[kind], ...) for name, kind in columns.items()}
    return create_model(
        f"{table}_row", __config__=ConfigDict(extra="forbid", strict=True), **fields
    )


ROW_MODELS: dict[str, type[BaseModel]] = {t: _row_model(t, c) for t, c in TABLE_COLUMNS.items()}
