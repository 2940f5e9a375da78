"""What a package's rows mean: every value the app will rely on, checked before import.

The shapes of :mod:`auditor_app.package.format` say that a verdict is a short text; here we
check that it is a verdict. A package signed by a team member is trusted to come from them,
not to be free of mistakes (a later version, a hand-made file, a bug): a verdict the app does
not know, a checkpoint absent from the audit's grid or a photo that is not one would be
merged and then break every screen and the report. So every enumerated value, every
reference between rows, every number, date and JSON field is checked here, with the table,
the entry and the field named, and the package is refused before anything is written.

Three more rules, about who may say what:

- a field auditor's package carries no review decision: only the lead's review package does
  (a decision in a field package would be a decision the lead never took);
- every blob is used (by a piece of evidence or a drawn signature) and is what its row says:
  an image's header must read as that image, at its stated size;
- the journal explains the data: each value of a finding (verdict, measure, note) and of a
  mystery test must have been set by an entry of the package's journal. A journal rewritten
  to tell another story than the rows is refused. (The entries are not signed one by one, so
  a history that is merely invented and consistent cannot be told from a true one: the
  package's signature names who sent it.)
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, BinaryIO

from auditor_app.audit.model import AUDIT_STATUSES
from auditor_app.audit.verdicts import Verdict
from auditor_app.package import format as fmt
from auditor_app.referential.model import Channel, Level, Referential
from auditor_app.store.closing import RESPONSES
from auditor_app.store.findings import REVIEW_DECISIONS
from auditor_app.store.integrity import EMPTY_FINDING, TRACKED, same_value
from auditor_app.store.journal import SEP
from auditor_app.store.observations import MYSTERY_KINDS, POPULATIONS, SIGNATURE_ROLES

VERDICTS = frozenset(v.value for v in Verdict)
CHANNELS = frozenset(c.value for c in Channel)
LEVELS = frozenset(level.value for level in Level)
EVIDENCE_KINDS = frozenset(("photo", "document"))
# Header bytes read to check an image blob: most photos tell their size in the first 64 KB;
# a JPEG with several metadata segments (at most 64 KB each) is read again further.
_HEADER_BYTES = (64 * 1024, 1024 * 1024)
# Fields whose every value must have been set by an entry of the package's journal: those
# the workspace's own integrity check follows, for findings and mystery tests.
EXPLAINED: dict[str, tuple[str, ...]] = {t: TRACKED[t] for t in ("findings", "mystery_tests")}

ReadBytes = Callable[[str, int], bytes]  # (entry name, at most n bytes) → its first bytes


class ValueProblem(Exception):
    """One value that does not hold; the message names the table, the entry and the field."""


def _where(table: str, index: int, field: str) -> str:
    return f"{fmt.TABLES} : {table}.{index}.{field}"


def _unknown(table: str, index: int, field: str, value: object) -> ValueProblem:
    return ValueProblem(f"{_where(table, index, field)} : valeur inconnue « {value} »")


def _one_of(rows: list[dict[str, Any]], table: str, field: str, allowed: Iterable[str],
            *, empty: bool = False) -> None:  # fmt: skip
    allowed = frozenset(allowed)
    for index, row in enumerate(rows):
        value = row[field]
        if (value is None or value == "") and empty:
            continue
        if value not in allowed:
            raise _unknown(table, index, field, value)


def _refers(rows: list[dict[str, Any]], table: str, field: str, known: set[str],
            *, empty: bool = False) -> None:  # fmt: skip
    for index, row in enumerate(rows):
        value = row[field]
        if value == "" and empty:
            continue
        if value not in known:
            raise ValueProblem(
                f"{_where(table, index, field)} : renvoie à « {value} », absent du paquet"
            )


def _numbers(rows: list[dict[str, Any]], table: str, fields: Iterable[str]) -> None:
    for index, row in enumerate(rows):
        for field in fields:
            value = row[field]
            if value is None:
                continue
            if isinstance(value, bool) or not math.isfinite(value) or value < 0:
                raise ValueProblem(f"{_where(table, index, field)} : nombre invalide ({value})")


def _dates(rows: list[dict[str, Any]], table: str, fields: Iterable[str], *,
           moment: bool = False) -> None:  # fmt: skip
    parse = datetime.fromisoformat if moment else date.fromisoformat
    for index, row in enumerate(rows):
        for field in fields:
            value = row[field]
            if not value:
                continue
            try:
                parse(value)
            except ValueError:
                raise ValueProblem(
                    f"{_where(table, index, field)} : date illisible « {value} »"
                ) from None


def _json(table: str, index: int, field: str, text: str, kind: type) -> Any:
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, kind):
        raise ValueProblem(f"{_where(table, index, field)} : contenu JSON invalide")
    return value


def _channel_lists(rows: list[dict[str, Any]], table: str) -> None:
    for index, row in enumerate(rows):
        for channel in _json(table, index, "channels", row["channels"], list):
            if channel not in CHANNELS:
                raise _unknown(table, index, "channels", channel)


def check_rows(
    tables: dict[str, list[dict[str, Any]]], referential: Referential, kind: str
) -> None:
    """Raise :class:`ValueProblem` on the first value of the package the app cannot use."""
    get = tables.get
    audit = get("audits", [{}])[0]
    _one_of([audit], "audits", "status", AUDIT_STATUSES)
    _one_of([audit], "audits", "target_level", LEVELS, empty=True)
    _dates([audit], "audits", ("start_date", "end_date"))
    _channel_lists([audit], "audits")
    members = _json("audits", 0, "team", audit["team"], list)
    if not all(isinstance(m, dict) and isinstance(m.get("name"), str) for m in members):
        raise ValueProblem(f"{_where('audits', 0, 'team')} : équipe mal formée")
    sites, schemes = get("sites", []), get("aid_schemes", [])
    _channel_lists(sites, "sites")
    _channel_lists(schemes, "aid_schemes")
    site_ids = {row["id"] for row in sites}
    scheme_ids = {row["id"] for row in schemes}
    codes = {checkpoint.code for _, _, checkpoint in referential.checkpoints()}
    key = referential.key

    findings = get("findings", [])
    for index, row in enumerate(findings):
        if row["checkpoint_code"] not in codes:
            raise ValueProblem(
                f"{_where('findings', index, 'checkpoint_code')} : le point de contrôle "
                f"« {row['checkpoint_code']} » n'est pas dans la grille {key}"
            )
    _one_of(findings, "findings", "verdict", VERDICTS, empty=True)
    _one_of(findings, "findings", "previous_verdict", VERDICTS, empty=True)
    _one_of(findings, "findings", "channel", CHANNELS, empty=True)
    _refers(findings, "findings", "site_id", site_ids, empty=True)
    _refers(findings, "findings", "aid_scheme_id", scheme_ids, empty=True)
    _numbers(findings, "findings", ("measured_value",))
    finding_ids = {row["id"] for row in findings}

    blob_ids = {row["sha256"] for row in get("blobs", [])}
    evidence = get("evidence", [])
    _refers(evidence, "evidence", "finding_id", finding_ids)
    _refers(evidence, "evidence", "blob_sha256", blob_ids)
    _one_of(evidence, "evidence", "kind", EVIDENCE_KINDS)

    tests = get("mystery_tests", [])
    _one_of(tests, "mystery_tests", "kind", MYSTERY_KINDS)
    _one_of(tests, "mystery_tests", "channel", CHANNELS, empty=True)
    _refers(tests, "mystery_tests", "site_id", site_ids, empty=True)
    _refers(tests, "mystery_tests", "checkpoint_code", codes, empty=True)
    _numbers(tests, "mystery_tests", ("rings", "wait_seconds"))
    _dates(tests, "mystery_tests", ("sent_on", "acknowledged_on", "replied_on"))
    _dates(tests, "mystery_tests", ("performed_at",), moment=True)
    for index, row in enumerate(tests):
        _json("mystery_tests", index, "extra", row["extra"] or "{}", dict)

    surveys = get("surveys", [])
    _one_of(surveys, "surveys", "population", POPULATIONS)
    _refers(surveys, "surveys", "site_id", site_ids, empty=True)
    _numbers(surveys, "surveys", ("satisfied", "neutral", "dissatisfied"))

    signatures = get("signatures", [])
    _one_of(signatures, "signatures", "role", SIGNATURE_ROLES)
    _refers(signatures, "signatures", "site_id", site_ids, empty=True)
    _refers(signatures, "signatures", "png_sha256", blob_ids, empty=True)
    for index, row in enumerate(signatures):
        _json("signatures", index, "strokes", row["strokes"], list)

    responses = get("closing_responses", [])
    _one_of(responses, "closing_responses", "response", RESPONSES)
    _refers(responses, "closing_responses", "finding_id", finding_ids)
    _refers(responses, "closing_responses", "site_id", site_ids, empty=True)

    reviews = get("reviews", [])
    if reviews and kind != "review":
        raise ValueProblem(
            f"{fmt.TABLES} : reviews.0 : un paquet d'auditeur ne porte pas de décision de "
            "revue (seul le paquet de revue du responsable en porte)"
        )
    _one_of(reviews, "reviews", "decision", REVIEW_DECISIONS)
    _one_of(reviews, "reviews", "new_verdict", VERDICTS, empty=True)
    _refers(reviews, "reviews", "finding_id", finding_ids)

    _check_conflicts(tables)

    media = {row["sha256"]: row["media_type"] for row in get("blobs", [])}
    for index, row in enumerate(evidence):
        if row["kind"] == "photo" and not media.get(row["blob_sha256"], "").startswith("image/"):
            raise ValueProblem(
                f"{_where('evidence', index, 'kind')} : photo dont le fichier n'est pas une image"
            )
    for index, row in enumerate(signatures):
        if row["png_sha256"] and media.get(row["png_sha256"]) != "image/png":
            raise ValueProblem(
                f"{_where('signatures', index, 'png_sha256')} : le fichier n'est pas une image PNG"
            )
    used = {row["blob_sha256"] for row in evidence} | {
        row["png_sha256"] for row in signatures if row["png_sha256"]
    }
    for index, row in enumerate(get("blobs", [])):
        if row["sha256"] not in used:
            raise ValueProblem(
                f"{fmt.TABLES} : blobs.{index} : fichier {row['sha256'][:12]}… joint à aucune "
                "preuve ni signature"
            )


def _check_conflicts(tables: dict[str, list[dict[str, Any]]]) -> None:
    """An open conflict carried for the lead names a row of the package; its two versions
    are fields of that table, with values the app can show and settle."""
    for index, row in enumerate(tables.get("conflicts", [])):
        entity = row["entity"]
        if (
            entity not in fmt.TABLE_COLUMNS
            or entity in fmt.NOT_MERGED
            or entity in ("referentials", "blobs")
        ):
            raise _unknown("conflicts", index, "entity", entity)
        ids = {r[fmt.key_column(entity)] for r in tables.get(entity, [])}
        _refers([row], "conflicts", "entity_id", ids)
        for side in ("kept", "other"):
            version = _json("conflicts", index, side, row[side], dict)
            unknown = sorted(set(version) - set(fmt.TABLE_COLUMNS[entity]))
            if unknown:
                raise _unknown("conflicts", index, side, unknown[0])
            for field in ("verdict", "previous_verdict", "new_verdict"):
                value = version.get(field)
                if value is not None and value not in VERDICTS:
                    raise _unknown("conflicts", index, f"{side}.{field}", value)


def check_images(blobs: list[dict[str, Any]], read: ReadBytes) -> None:
    """Each blob said to be an image reads as that image (header only), at its stated size."""
    from auditor_app.store.blobs import MAX_IMAGE_PIXELS

    for index, row in enumerate(blobs):
        media_type = row["media_type"]
        if not media_type.startswith("image/"):
            continue
        name = f"blobs/{row['sha256']}"
        problem = ""
        header = _image_header(name, read)
        if header is None:
            problem = "ce n'est pas une image lisible"
        else:
            found, size = header
            if found != media_type:
                problem = f"image {found or 'inconnue'} annoncée comme {media_type}"
            elif size[0] * size[1] > MAX_IMAGE_PIXELS:
                problem = f"image trop grande ({size[0]}×{size[1]} pixels)"
            elif (row["width"], row["height"]) not in ((None, None), size):
                problem = f"{size[0]}×{size[1]} pixels, et non {row['width']}×{row['height']}"
        if problem:
            raise ValueProblem(f"{name} (blobs.{index}) : {problem}")


def _image_header(name: str, read: ReadBytes) -> tuple[str, tuple[int, int]] | None:
    """(media type, size) read from the start of an image entry, or None if it is none."""
    from PIL import Image, UnidentifiedImageError

    for limit in _HEADER_BYTES:
        try:
            with Image.open(io.BytesIO(read(name, limit))) as image:
                return Image.MIME.get(image.format or "", ""), image.size
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            continue
    return None


def check_thumbnails(names: Iterable[str], read: ReadBytes) -> None:
    for name in names:
        header = _image_header(name, read)
        if header is None or header[0] != "image/jpeg":
            raise ValueProblem(f"{name} : vignette qui n'est pas une image JPEG lisible")


def check_explained(tables: dict[str, list[dict[str, Any]]], payloads: Iterable[str]) -> None:
    """Every tracked value of a finding or a mystery test was set by an entry of the journal.

    Values set in other workspaces arrive with their own entries, so the order of entries
    across laptops (whose clocks differ) does not matter here: a value must have been set
    by some entry about the row, not necessarily by the last one.
    """
    seen: dict[tuple[str, str], dict[str, list[Any]]] = {}
    for payload in payloads:
        parts = payload.split(SEP)
        entity, entity_id, after = parts[5], parts[6], parts[9]
        fields = EXPLAINED.get(entity)
        if fields is None or not after or after == "null":
            continue
        try:
            values = json.loads(after)
        except json.JSONDecodeError:
            continue
        if not isinstance(values, dict):
            continue
        state = seen.setdefault((entity, entity_id), {})
        for field in fields:
            if field in values:
                state.setdefault(field, []).append(values[field])
    # A conflict carried for the lead holds two versions of a record: each value of a
    # finding's version was set by an entry of the journal too.
    for index, conflict in enumerate(tables.get("conflicts", [])):
        if conflict["entity"] != "findings":
            continue
        state = seen.get(("findings", conflict["entity_id"]), {})
        for side in ("kept", "other"):
            version = json.loads(conflict[side])
            for field in EXPLAINED["findings"]:
                value = version.get(field, EMPTY_FINDING[field])
                if not _explained(state, field, value, empty=EMPTY_FINDING[field]):
                    raise ValueProblem(
                        f"{_where('conflicts', index, side)} : « {field} » n'a été fixé par "
                        "aucune entrée du journal du paquet"
                    )
    for table, fields in EXPLAINED.items():
        for index, row in enumerate(tables.get(table, [])):
            state = seen.get((table, row["id"]), {})
            for field in fields:
                value = row[field]
                # A finding is laid out empty with its audit; a test is created with values.
                empty = EMPTY_FINDING[field] if table == "findings" else _NOTHING
                if table == "mystery_tests" and state == {}:
                    raise ValueProblem(
                        f"{_where(table, index, 'id')} : aucune entrée du journal du paquet "
                        "ne le crée"
                    )
                if not _explained(state, field, value, empty=empty):
                    raise ValueProblem(
                        f"{_where(table, index, field)} : la valeur du paquet n'a été fixée "
                        "par aucune entrée de son journal (journal réécrit ?)"
                    )


_NOTHING = object()  # no value is explained without an entry


def _explained(state: dict[str, list[Any]], field: str, value: Any, *, empty: Any) -> bool:
    """Whether ``value`` is the field's empty start or was set by one of the entries."""
    return same_value(value, empty) or any(same_value(value, v) for v in state.get(field, []))


def blob_reader(handle: BinaryIO, stored: dict[str, tuple[int, int]]) -> ReadBytes:
    """Read the first bytes of a stored entry of the package open as ``handle``."""

    def read(name: str, limit: int) -> bytes:
        offset, size = stored[name]
        handle.seek(offset)
        return handle.read(min(size, limit))

    return read
