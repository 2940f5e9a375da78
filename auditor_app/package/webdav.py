"""Send audit packages to a WebDAV folder and fetch them back, resuming after a cut.

Field auditors send their ``*.spaudit`` package (a zip of up to ~1.5 GB) from wherever they
are online, often on a weak connection; the lead auditor downloads packages from the same
folder. Both directions must survive a cut connection without starting over, and the lead
must never download half a package as if it were complete.

Upload: parts, then a small index published last
-------------------------------------------------
Plain WebDAV can neither append to a file nor concatenate files on the server (Nextcloud's
chunking API does, but it is not WebDAV), and a plain PUT that is cut leaves half a file under
its final name on most servers. Re-sending the whole file at the end to assemble it would
double the traffic and would not itself be resumable. So the package is stored on the server
as parts and the RECEIVER concatenates them:

1. The local file is hashed first (SHA-256 of the whole file and of each part). The upload id
   is ``<first 24 hex digits of the SHA-256>-<part size>``: the same file sent again finds the
   same parts; another file (a new export under the same name) gets other parts, so a version
   already published stays intact until the new one replaces it.
2. The parts go to ``.<name>.parts/<upload id>/000000``, ``000001``, … (folders made with
   MKCOL), each a PUT of ``chunk_size`` bytes (8 MiB by default) streamed from disk. Before
   sending, a PROPFIND of that folder lists the parts already there: a part with the right
   size arrived whole and is skipped; a missing or short part (cut in the middle) is sent
   again. The names never end in ``.part``: Nextcloud ignores such files.
3. Once every part is on the server (checked again by PROPFIND), the index
   ``<name>.index.json`` (size, SHA-256, part size, upload id, each part's size and SHA-256)
   is PUT under a hidden temporary name and MOVEd, with ``Overwrite: T``, onto its final name.
   The index appears at once and complete, after all the parts: a package is listed only
   when it can be downloaded whole. Nothing is ever written under ``<name>`` itself.
4. Then older upload ids of the same name and a plain ``<name>`` file (older versions) are
   deleted, as a best effort.

Download
--------
``list_packages`` shows plain ``*.spaudit`` files (sent by any tool, such as the Nextcloud
client) and published indexes, under the package's name; if both exist for a name, the more
recently modified one wins (the later publication). ``download`` fetches either form into
``<dest>.part``, noting what it fetches (ETag and size of a plain file; SHA-256 and upload id of
a chunked one) in ``<dest>.part.json``. A later call resumes with an HTTP ``Range`` request
from the size of ``<dest>.part``, unless the package changed on the server since: then it
starts over (``If-Range`` also guards a plain file that changes between the listing and the
request). The finished file is checked (size; SHA-256 for the chunked form; a plain package's
own manifest is checked at import), synced and renamed into place.

Progress, cancelling and errors
-------------------------------
``progress(done_bytes, total_bytes, label)`` is called as data moves, at most about once per
MiB; ``cancelled()`` is polled between blocks and, when it returns true, the transfer stops
with :class:`TransferCancelled`, keeping what arrived for a later call. Every failure is a
:class:`WebDavError` whose message, in French, says what happened and what to do; when the
transfer can continue from where it stopped, ``resumable`` is true and the message says so.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Final, Literal, Self
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import requests
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from auditor_app import __version__
from auditor_app.files import atomic_write

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "CancelCheck",
    "ProgressCallback",
    "RemoteFile",
    "TransferCancelled",
    "WebDavConfig",
    "WebDavError",
    "download",
    "list_packages",
    "upload",
]

_log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
"""``progress(done_bytes, total_bytes, label)``; ``label`` is a French text for the user."""
CancelCheck = Callable[[], bool]
"""``cancelled() -> bool``, polled between blocks; true stops the transfer."""

PACKAGE_SUFFIX: Final = ".spaudit"
INDEX_SUFFIX: Final = ".index.json"
DEFAULT_CHUNK_SIZE: Final = 8 * 1024 * 1024
MIN_CHUNK_SIZE: Final = 64 * 1024
_BLOCK: Final = 1024 * 1024  # read block for local files
# A cut loses the block being received: keep it small.
_GET_BLOCK: Final = 64 * 1024
_REPORT_EVERY: Final = 1024 * 1024  # progress is reported at most about once per MiB
_MAX_INDEX_BYTES: Final = 16 * 1024 * 1024
_INDEX_FORMAT: Final = "auditor-app/chunked-package"

_PROPFIND_BODY: Final = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:"><d:prop>'
    b"<d:resourcetype/><d:getcontentlength/><d:getlastmodified/><d:getetag/>"
    b"</d:prop></d:propfind>"
)
# Characters left as they are when an address typed by the user is normalised: RFC 3986
# sub-delimiters and "%" (an address copied from Nextcloud is already encoded).
_URL_PATH_SAFE: Final = "/%:@!$&'()*+,;=-._~"


# --- public types ------------------------------------------------------------------------------


class WebDavError(Exception):
    """A transfer failed; the message (French) says what happened and what to do.

    ``resumable`` is true when calling the same function again continues where it stopped.
    """

    def __init__(self, message: str, *, resumable: bool = False, status: int | None = None):
        super().__init__(message)
        self.resumable = resumable
        self.status = status


class TransferCancelled(Exception):
    """The user cancelled; what arrived is kept and a later call resumes from there."""

    def __init__(
        self,
        message: str = "Transfert annulé. Ce qui est déjà arrivé est conservé : "
        "relancez-le pour reprendre là où il s'est arrêté.",
    ) -> None:
        super().__init__(message)


class WebDavConfig(BaseModel):
    """Where packages are exchanged: a WebDAV folder and the account to reach it.

    For Nextcloud the folder's address is
    ``https://SERVEUR/remote.php/dav/files/UTILISATEUR/Dossier/``. An empty ``username``
    means no authentication.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str
    username: str = ""
    password: SecretStr = SecretStr("")
    timeout: float = Field(default=30.0, gt=0, le=600)

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        text = value.strip()
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https"):
            raise ValueError("l'adresse du dossier WebDAV doit commencer par https:// (ou http://)")
        if not parts.hostname:
            raise ValueError("l'adresse du dossier WebDAV ne contient pas de nom de serveur")
        if parts.username is not None or parts.password is not None:
            raise ValueError(
                "l'adresse du dossier WebDAV ne doit pas contenir l'identifiant ni le mot de "
                "passe : saisissez-les dans leurs propres champs"
            )
        if parts.query or parts.fragment:
            raise ValueError(
                "l'adresse du dossier WebDAV ne doit contenir ni « ? » ni « # » "
                "(pour Nextcloud : https://SERVEUR/remote.php/dav/files/UTILISATEUR/Dossier/)"
            )
        path = quote(parts.path or "/", safe=_URL_PATH_SAFE)
        if not path.endswith("/"):
            path += "/"
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))

    @field_validator("timeout")
    @classmethod
    def _check_timeout(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("le délai d'attente doit être un nombre de secondes")
        return value


@dataclass(frozen=True)
class RemoteFile:
    """A package on the server. ``chunked``: stored as parts and an index by :func:`upload`."""

    name: str
    size: int
    modified: datetime | None
    etag: str | None
    chunked: bool = False


# --- public functions --------------------------------------------------------------------------


def list_packages(config: WebDavConfig) -> list[RemoteFile]:
    """The packages in the folder (plain ``*.spaudit`` and published chunked ones), by name."""
    with _Session(config) as dav:
        entries = dav.propfind(config.base_url, depth=1, not_found=dav.folder_missing())
        plain: dict[str, _Entry] = {}
        indexes: dict[str, _Entry] = {}
        for entry in entries:
            if entry.is_collection or entry.name.startswith("."):
                continue
            lowered = entry.name.lower()
            if lowered.endswith(PACKAGE_SUFFIX + INDEX_SUFFIX):
                indexes[entry.name[: -len(INDEX_SUFFIX)]] = entry
            elif lowered.endswith(PACKAGE_SUFFIX) and entry.size is not None:
                plain[entry.name] = entry
        found: list[RemoteFile] = []
        for name in sorted(plain.keys() | indexes.keys()):
            source = _pick(dav, name, plain.get(name), indexes.get(name), strict=False)
            if source is not None:
                found.append(source.remote)
        return found


def upload(
    config: WebDavConfig,
    local_path: Path | str,
    *,
    remote_name: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> RemoteFile:
    """Send a package to the folder in parts, skipping the parts already there; then publish it.

    Calling it again after a cut or a cancel sends only what is missing. The package is listed
    on the server only once complete (see the module's documentation). ``progress`` is called
    first while the file is read and hashed (label « Préparation de … »), then as the parts
    go (« Envoi de … »). Returns the published package.
    """
    source = Path(local_path)
    name = remote_name if remote_name is not None else source.name
    _check_package_name(name)
    if chunk_size < MIN_CHUNK_SIZE:
        raise ValueError(f"chunk_size must be at least {MIN_CHUNK_SIZE} bytes")
    check = _CancelPoll(cancelled)
    with _Session(config) as dav:
        # The folder first: a wrong address or password shows before a long read of the file.
        entries = dav.propfind(config.base_url, depth=1, not_found=dav.folder_missing())
        digest, part_hashes, size = _hash_parts(source, chunk_size, progress, check, name)
        upload_id = f"{digest[:24]}-{chunk_size}"
        layout = _layout(size, chunk_size)
        dav.started = True  # from here on, whatever arrives is kept for a later call
        _send_parts(dav, source, name, upload_id, layout, part_hashes, progress, check)
        description = _Index(
            format=_INDEX_FORMAT,
            version=1,
            name=name,
            size=size,
            sha256=digest,
            chunk_size=chunk_size,
            upload_id=upload_id,
            parts=[
                _IndexPart(size=n, sha256=h) for (_, n), h in zip(layout, part_hashes, strict=True)
            ],
        )
        # Published last, in one step: a hidden temporary name, then MOVE onto the final one.
        temporary = dav.url(f".{name}{INDEX_SUFFIX}.{upload_id}.tmp")
        final = dav.url(name + INDEX_SUFFIX)
        dav.put_bytes(temporary, description.model_dump_json(indent=1).encode("utf-8"))
        dav.move(temporary, final)
        _remove_older_versions(dav, name, upload_id, entries)
        published = dav.propfind(final, depth=0, not_found=_vanished(name))
        stamp = published[0] if published else None
        return RemoteFile(
            name=name,
            size=size,
            modified=stamp.modified if stamp else None,
            etag=stamp.etag if stamp else None,
            chunked=True,
        )


def download(
    config: WebDavConfig,
    remote_name: str,
    dest_path: Path | str,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> Path:
    """Fetch a package (plain or chunked) to ``dest_path``, resuming an earlier partial download.

    What arrives is written to ``dest_path + ".part"``; the finished, checked file is synced
    and renamed to ``dest_path``, which is returned. ``progress`` is called as data arrives
    (label « Téléchargement de … ») and, for a chunked package, while the whole file's SHA-256
    is checked (« Vérification de … »).
    """
    _check_package_name(remote_name)
    dest = Path(dest_path)
    partial = dest.with_name(dest.name + ".part")
    notes = dest.with_name(dest.name + ".part.json")
    check = _CancelPoll(cancelled)
    with _Session(config) as dav:
        entries = dav.propfind(config.base_url, depth=1, not_found=dav.folder_missing())
        by_name = {e.name: e for e in entries if not e.is_collection}
        source = _pick(
            dav,
            remote_name,
            by_name.get(remote_name),
            by_name.get(remote_name + INDEX_SUFFIX),
            strict=True,
        )
        if source is None:
            raise WebDavError(
                f"Le paquet « {remote_name} » n'est pas (ou plus) dans le dossier du serveur "
                f"{dav.host}. Actualisez la liste des paquets.",
                status=404,
            )
        dav.started = True
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(partial, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise _local_write_error(dest, exc) from exc
        with os.fdopen(fd, "r+b") as handle:
            try:
                offset = _resume_offset(handle, notes, source.identity)
                total = _fetch(dav, source, handle, offset, notes, progress, check)
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                _sync_quietly(handle)
                raise _local_write_error(dest, exc) from exc
            except BaseException:
                _sync_quietly(handle)  # keep what arrived for the next call
                raise
            try:
                _verify(handle, source, total, progress, check, remote_name)
            except WebDavError:
                handle.close()
                partial.unlink(missing_ok=True)
                notes.unlink(missing_ok=True)
                raise
    os.replace(partial, dest)
    notes.unlink(missing_ok=True)
    return dest


# --- upload internals --------------------------------------------------------------------------


def _check_package_name(name: str) -> None:
    if (
        not name.lower().endswith(PACKAGE_SUFFIX)
        or len(name) <= len(PACKAGE_SUFFIX)
        or name.startswith(".")
        or any(c in name for c in "/\\")
        or any(ord(c) < 32 for c in name)
    ):
        raise ValueError(
            f"« {name} » n'est pas un nom de paquet d'audit : il doit se terminer par "
            f"{PACKAGE_SUFFIX} et ne contenir ni « / » ni « \\ »"
        )


def _parts_folder(name: str) -> str:
    return f".{name}.parts"


def _part_name(index: int) -> str:
    return f"{index:06d}"


def _layout(size: int, chunk_size: int) -> list[tuple[int, int]]:
    """(offset, length) of each part of a file of ``size`` bytes."""
    return [(start, min(chunk_size, size - start)) for start in range(0, size, chunk_size)]


def _hash_parts(
    path: Path,
    chunk_size: int,
    progress: ProgressCallback | None,
    check: _CancelPoll,
    name: str,
) -> tuple[str, list[str], int]:
    """SHA-256 of the whole file and of each part, and the file's size."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            meter = _Meter(progress, size, f"Préparation de {name}")
            whole = hashlib.sha256()
            parts: list[str] = []
            for _, length in _layout(size, chunk_size):
                part = hashlib.sha256()
                left = length
                while left:
                    check()
                    block = handle.read(min(_BLOCK, left))
                    if not block:
                        raise WebDavError(
                            f"Le fichier « {path} » a été raccourci pendant sa lecture. "
                            "Exportez à nouveau le paquet, puis relancez l'envoi."
                        )
                    part.update(block)
                    whole.update(block)
                    left -= len(block)
                    meter.advance(len(block))
                parts.append(part.hexdigest())
            meter.report(force=True)
            return whole.hexdigest(), parts, size
    except OSError as exc:
        raise WebDavError(
            f"Lecture impossible du fichier « {path} » : {exc.strerror or exc}. "
            "Vérifiez qu'il existe et qu'il est lisible."
        ) from exc


class _PartReader:
    """A PUT body: ``length`` bytes of ``handle`` from ``offset``, read block by block.

    Polls ``cancelled`` and reports progress at each block; hashes what it sends.
    """

    def __init__(
        self, handle: IO[bytes], offset: int, length: int, meter: _Meter, check: _CancelPoll
    ) -> None:
        handle.seek(offset)
        self._handle = handle
        self._length = length
        self._left = length
        self._meter = meter
        self._check = check
        self.sent = 0
        self.hasher = hashlib.sha256()

    def __len__(self) -> int:  # lets requests send a Content-Length (Nextcloud wants one)
        return self._length

    def __iter__(self) -> Iterator[bytes]:
        while block := self.read(_BLOCK):
            yield block

    def read(self, size: int = -1) -> bytes:
        self._check()
        wanted = self._left if size < 0 else min(size, self._left)
        if wanted <= 0:
            return b""
        block = self._handle.read(wanted)
        self._left -= len(block)
        self.sent += len(block)
        self.hasher.update(block)
        self._meter.advance(len(block))
        return block


def _put_part(
    dav: _Session,
    url: str,
    handle: IO[bytes],
    offset: int,
    length: int,
    expected_hash: str,
    meter: _Meter,
    check: _CancelPoll,
    name: str,
) -> None:
    body = _PartReader(handle, offset, length, meter, check)
    before = meter.done
    try:
        dav.request("PUT", url, data=body, expect=(200, 201, 204))
    except BaseException:
        meter.done = before  # a part that did not arrive whole counts for nothing
        raise
    if body.sent != length or body.hasher.hexdigest() != expected_hash:
        dav.delete(url)
        raise WebDavError(
            f"Le fichier « {name} » a changé pendant l'envoi. Attendez la fin de l'export "
            "du paquet, puis relancez l'envoi."
        )
    meter.report()


def _send_parts(
    dav: _Session,
    source: Path,
    name: str,
    upload_id: str,
    layout: list[tuple[int, int]],
    part_hashes: list[str],
    progress: ProgressCallback | None,
    check: _CancelPoll,
) -> None:
    """PUT every part not already on the server whole, then check that they all are."""
    parts_dir = _parts_folder(name)
    dav.mkcol(dav.url(parts_dir, collection=True))
    folder = dav.url(parts_dir, upload_id, collection=True)
    dav.mkcol(folder)
    present = dav.file_sizes(folder)
    missing = [i for i, (_, n) in enumerate(layout) if present.get(_part_name(i)) != n]
    meter = _Meter(progress, sum(n for _, n in layout), f"Envoi de {name}")
    meter.advance(meter.total - sum(layout[i][1] for i in missing))
    meter.report(force=True)
    try:
        with source.open("rb") as handle:
            for index in missing:
                check()
                offset, length = layout[index]
                url = dav.url(parts_dir, upload_id, _part_name(index))
                _put_part(dav, url, handle, offset, length, part_hashes[index], meter, check, name)
    except OSError as exc:
        raise WebDavError(
            f"Lecture impossible du fichier « {source} » : {exc.strerror or exc}. Vérifiez "
            "qu'il est toujours là, puis relancez l'envoi : il reprendra là où il s'est arrêté.",
            resumable=True,
        ) from exc
    arrived = dav.file_sizes(folder)
    if any(arrived.get(_part_name(i)) != n for i, (_, n) in enumerate(layout)):
        raise WebDavError(
            f"Le serveur {dav.host} n'a pas gardé toutes les parties de « {name} ». Relancez "
            "l'envoi : seules les parties manquantes seront renvoyées.",
            resumable=True,
        )
    meter.report(force=True)


def _remove_older_versions(
    dav: _Session, name: str, upload_id: str, entries: Sequence[_Entry]
) -> None:
    """Best effort: other uploads of ``name`` and a plain ``name`` file are older versions."""
    try:
        parts_url = dav.url(_parts_folder(name), collection=True)
        for entry in dav.propfind(parts_url, depth=1, not_found=dav.folder_missing()):
            if entry.is_collection and entry.name != upload_id:
                dav.delete(dav.url(_parts_folder(name), entry.name, collection=True))
        if any(e.name == name and not e.is_collection for e in entries):
            dav.delete(dav.url(name))
    except WebDavError as exc:
        _log.warning("Could not remove older versions of %s: %s", name, exc)


# --- download internals ------------------------------------------------------------------------


class _IndexPart(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    size: int = Field(gt=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class _Index(BaseModel):
    """The published description of a chunked package (``<name>.index.json``)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    format: Literal["auditor-app/chunked-package"]
    version: Literal[1]
    name: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    chunk_size: int = Field(ge=MIN_CHUNK_SIZE)
    upload_id: str = Field(pattern=r"^[0-9a-f]{24}-[0-9]+$")
    parts: list[_IndexPart]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        expected = [n for _, n in _layout(self.size, self.chunk_size)]
        if [p.size for p in self.parts] != expected:
            raise ValueError("part sizes do not add up to the package size")
        if not self.upload_id.endswith(f"-{self.chunk_size}"):
            raise ValueError("upload id does not match the part size")
        return self


@dataclass(frozen=True)
class _Source:
    """What ``download`` fetches: a plain file or the parts listed by an index."""

    remote: RemoteFile
    index: _Index | None

    @property
    def identity(self) -> dict[str, object]:
        if self.index is not None:
            return {"kind": "chunked", "sha256": self.index.sha256, "id": self.index.upload_id}
        modified = self.remote.modified.isoformat() if self.remote.modified else None
        return {
            "kind": "plain",
            "size": self.remote.size,
            "etag": self.remote.etag,
            "modified": modified,
        }


def _pick(
    dav: _Session,
    name: str,
    plain: _Entry | None,
    index_entry: _Entry | None,
    *,
    strict: bool,
) -> _Source | None:
    """The package under ``name``: the later of a plain file and a published index."""
    chunked: _Source | None = None
    if index_entry is not None:
        index = _read_index(dav, index_entry, name, strict=strict)
        if index is not None:
            chunked = _Source(
                RemoteFile(name, index.size, index_entry.modified, index_entry.etag, True), index
            )
    flat: _Source | None = None
    if plain is not None and plain.size is not None:
        flat = _Source(RemoteFile(name, plain.size, plain.modified, plain.etag, False), None)
    if chunked is None or flat is None:
        return chunked or flat
    oldest = datetime.min.replace(tzinfo=UTC)
    if (flat.remote.modified or oldest) > (chunked.remote.modified or oldest):
        return flat
    return chunked


def _read_index(dav: _Session, entry: _Entry, name: str, *, strict: bool) -> _Index | None:
    url = dav.url(entry.name)
    try:
        response = dav.request("GET", url, expect=(200,), not_found=_vanished(name), stream=True)
    except WebDavError as exc:
        if strict or exc.status != 404:
            raise
        return None  # replaced or removed since the listing
    with response:
        data = bytearray()
        for block in dav.body(response):
            data += block
            if len(data) > _MAX_INDEX_BYTES:
                break
    try:
        index = _Index.model_validate_json(bytes(data))
        if index.name != name:
            raise ValueError("index names another package")
    except ValueError as exc:
        if strict:
            raise WebDavError(
                f"L'index du paquet « {name} » sur le serveur est illisible ou incomplet. "
                "Demandez à l'auditeur de renvoyer le paquet."
            ) from exc
        _log.warning("Skipping unreadable package index %s: %s", entry.name, exc)
        return None
    return index


def _resume_offset(handle: IO[bytes], notes: Path, identity: dict[str, object]) -> int:
    """Bytes of ``handle`` (the ``.part`` file) that belong to the same package; else 0."""
    try:
        earlier = json.loads(notes.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        earlier = None
    size = os.fstat(handle.fileno()).st_size
    if earlier == identity and size > 0:
        return size
    handle.truncate(0)
    atomic_write(notes, json.dumps(identity).encode("utf-8"))
    return 0


def _fetch(
    dav: _Session,
    source: _Source,
    handle: IO[bytes],
    offset: int,
    notes: Path,
    progress: ProgressCallback | None,
    check: _CancelPoll,
) -> int:
    """Write the rest of the package into ``handle`` from ``offset``; the package's size."""
    name = source.remote.name
    label = f"Téléchargement de {name}"
    if source.index is None:
        return _fetch_plain(dav, source, handle, offset, notes, progress, check, label)
    index = source.index
    meter = _Meter(progress, index.size, label)
    if offset > index.size:
        handle.truncate(0)
        offset = 0
    meter.advance(offset)
    meter.report(force=True)
    for number, (start, length) in enumerate(_layout(index.size, index.chunk_size)):
        end = start + length
        if end <= offset:
            continue
        skip = offset - start if offset > start else 0
        url = dav.url(_parts_folder(name), index.upload_id, _part_name(number))
        headers = {"Range": f"bytes={skip}-"} if skip else {}
        check()
        response = dav.request(
            "GET", url, expect=(200, 206), not_found=_vanished(name), headers=headers, stream=True
        )
        with response:
            if skip and response.status_code != 206:
                meter.done -= skip  # the server ignored the range: take the whole part again
                skip = 0
            elif skip:
                _check_content_range(response, skip, length, dav, name)
            handle.seek(start + skip)
            handle.truncate()
            _stream_into(dav, response, handle, length - skip, meter, check, name)
        offset = end
    meter.report(force=True)
    return index.size


def _fetch_plain(
    dav: _Session,
    source: _Source,
    handle: IO[bytes],
    offset: int,
    notes: Path,
    progress: ProgressCallback | None,
    check: _CancelPoll,
    label: str,
) -> int:
    remote = source.remote
    total = remote.size
    if offset > total:
        handle.truncate(0)
        offset = 0
    meter = _Meter(progress, total, label)
    meter.advance(offset)
    meter.report(force=True)
    if offset == total and total > 0:
        return total
    headers: dict[str, str] = {}
    if offset:
        headers["Range"] = f"bytes={offset}-"
        if remote.etag and not remote.etag.startswith("W/"):
            headers["If-Range"] = remote.etag
    check()
    response = dav.request(
        "GET",
        dav.url(remote.name),
        expect=(200, 206),
        not_found=_vanished(remote.name),
        headers=headers,
        stream=True,
    )
    with response:
        if response.status_code == 206:
            _check_content_range(response, offset, total, dav, remote.name)
        else:
            # Whole file: the server ignored the range, or the file changed (If-Range).
            length = response.headers.get("Content-Length")
            if length is not None and length.isdigit():
                total = int(length)
            if offset:
                identity = dict(source.identity, size=total, etag=response.headers.get("ETag"))
                atomic_write(notes, json.dumps(identity).encode("utf-8"))
            offset = 0
            meter = _Meter(progress, total, label)
        handle.seek(offset)
        handle.truncate()
        _stream_into(dav, response, handle, total - offset, meter, check, remote.name)
    meter.report(force=True)
    return total


def _check_content_range(
    response: requests.Response, start: int, total: int, dav: _Session, name: str
) -> None:
    expected = f"bytes {start}-{total - 1}/{total}"
    if response.headers.get("Content-Range", "").strip() != expected:
        raise WebDavError(
            f"Le serveur {dav.host} a renvoyé une autre portion de « {name} » que celle "
            "demandée. Relancez le téléchargement.",
            resumable=True,
        )


def _stream_into(
    dav: _Session,
    response: requests.Response,
    handle: IO[bytes],
    length: int,
    meter: _Meter,
    check: _CancelPoll,
    name: str,
) -> None:
    received = 0
    for block in dav.body(response):
        check()
        if received + len(block) > length:
            raise WebDavError(
                f"Le serveur {dav.host} envoie plus de données que la taille annoncée de "
                f"« {name} ». Relancez le téléchargement.",
                resumable=True,
            )
        handle.write(block)
        received += len(block)
        meter.advance(len(block))
    if received != length:
        raise dav.cut_error()


def _verify(
    handle: IO[bytes],
    source: _Source,
    total: int,
    progress: ProgressCallback | None,
    check: _CancelPoll,
    name: str,
) -> None:
    size = os.fstat(handle.fileno()).st_size
    if size != total:
        raise WebDavError(
            f"Le paquet « {name} » téléchargé n'a pas la taille attendue ({size} octets au "
            f"lieu de {total}). Relancez le téléchargement."
        )
    if source.index is None:
        return  # a plain package is checked at import against its own signed manifest
    meter = _Meter(progress, total, f"Vérification de {name}")
    digest = hashlib.sha256()
    handle.seek(0)
    while block := handle.read(_BLOCK):
        check()
        digest.update(block)
        meter.advance(len(block))
    meter.report(force=True)
    if digest.hexdigest() != source.index.sha256:
        raise WebDavError(
            f"Le paquet « {name} » téléchargé ne correspond pas à celui qui a été publié "
            "(empreinte différente). Relancez le téléchargement ; si l'erreur revient, demandez "
            "à l'auditeur de renvoyer le paquet."
        )


def _sync_quietly(handle: IO[bytes]) -> None:
    try:
        handle.flush()
        os.fsync(handle.fileno())
    except OSError:
        pass  # already failing: the original error is the one to report


def _vanished(name: str) -> str:
    return (
        f"Le paquet « {name} » a été retiré ou remplacé sur le serveur pendant le transfert. "
        "Actualisez la liste des paquets, puis relancez le téléchargement."
    )


def _local_write_error(dest: Path, exc: OSError) -> WebDavError:
    return WebDavError(
        f"Écriture impossible dans « {dest.parent} » : {exc.strerror or exc}. Libérez de la "
        "place ou choisissez un autre dossier, puis relancez : le téléchargement reprendra là "
        "où il s'est arrêté.",
        resumable=True,
    )


# --- progress and cancelling -------------------------------------------------------------------


class _CancelPoll:
    def __init__(self, cancelled: CancelCheck | None) -> None:
        self._cancelled = cancelled

    def __call__(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise TransferCancelled


class _Meter:
    """Counts bytes and calls ``progress`` at most about once per ``_REPORT_EVERY`` bytes."""

    def __init__(self, progress: ProgressCallback | None, total: int, label: str) -> None:
        self._progress = progress
        self.total = total
        self.label = label
        self.done = 0
        self._reported = -_REPORT_EVERY

    def advance(self, count: int) -> None:
        self.done += count
        if self.done - self._reported >= _REPORT_EVERY:
            self.report(force=True)

    def report(self, *, force: bool = False) -> None:
        if self._progress is not None and (force or self.done != self._reported):
            self._reported = self.done
            self._progress(self.done, self.total, self.label)


# --- HTTP and WebDAV ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One resource of a PROPFIND answer."""

    name: str
    is_collection: bool
    size: int | None
    modified: datetime | None
    etag: str | None


def _parse_multistatus(body: bytes, request_url: str, *, skip_self: bool) -> list[_Entry]:
    """The resources of a PROPFIND answer (with ``skip_self``, not the one at ``request_url``).

    Copes with the usual variations (Nextcloud, Apache, nginx, WsgiDAV): any namespace
    prefix, ``href`` as an absolute path or a full URL and percent-encoded, a ``propstat``
    per status (the ``404`` one is ignored). Raises ``ValueError`` if it is not a multistatus.
    """
    # ElementTree expands no external entity, and the bundled expat (>= 2.4.1) refuses
    # entity-expansion bombs.
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ValueError(f"not XML: {exc}") from exc
    if root.tag != "{DAV:}multistatus":
        raise ValueError(f"not a DAV multistatus but {root.tag}")
    own = unquote(urlsplit(request_url).path).rstrip("/")
    entries: list[_Entry] = []
    for response in root.iter("{DAV:}response"):
        href = (response.findtext("{DAV:}href") or "").strip()
        path = unquote(urlsplit(href).path).rstrip("/")
        if skip_self and path == own:
            continue
        props: dict[str, ET.Element] = {}
        for propstat in response.iter("{DAV:}propstat"):
            status = (propstat.findtext("{DAV:}status") or "HTTP/1.1 200 OK").split()
            if len(status) > 1 and status[1] != "200":
                continue
            prop = propstat.find("{DAV:}prop")
            if prop is not None:
                for element in prop:
                    props[element.tag] = element
        kind = props.get("{DAV:}resourcetype")
        is_collection = kind is not None and kind.find("{DAV:}collection") is not None
        entries.append(
            _Entry(
                name=path.rsplit("/", 1)[-1],
                is_collection=is_collection,
                size=_int_or_none(props.get("{DAV:}getcontentlength")),
                modified=_date_or_none(props.get("{DAV:}getlastmodified")),
                etag=(_text(props.get("{DAV:}getetag")) or None),
            )
        )
    return entries


def _text(element: ET.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _int_or_none(element: ET.Element | None) -> int | None:
    text = _text(element)
    return int(text) if text.isdigit() else None


def _date_or_none(element: ET.Element | None) -> datetime | None:
    text = _text(element)
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class _Session:
    """One call's HTTP session, mapping every failure to a French :class:`WebDavError`."""

    def __init__(self, config: WebDavConfig) -> None:
        self.config = config
        self.host = urlsplit(config.base_url).hostname or config.base_url
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"auditor-app/{__version__}"
        if config.username:
            self.session.auth = (config.username, config.password.get_secret_value())
        # Once a transfer has begun, a network failure is a cut that a later call resumes.
        self.started = False

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.session.close()

    def url(self, *segments: str, collection: bool = False) -> str:
        path = "/".join(quote(s, safe="") for s in segments)
        return self.config.base_url + path + ("/" if collection and path else "")

    def folder_missing(self) -> str:
        return (
            f"Dossier introuvable sur le serveur : {self.config.base_url}. Vérifiez l'adresse "
            "du dossier (ou créez-le sur le serveur), puis réessayez."
        )

    def request(
        self,
        method: str,
        url: str,
        *,
        expect: Sequence[int],
        not_found: str | None = None,
        **kwargs: object,
    ) -> requests.Response:
        try:
            response = self.session.request(
                method,
                url,
                timeout=self.config.timeout,
                allow_redirects=method in ("GET", "PROPFIND"),
                **kwargs,  # type: ignore[arg-type]
            )
        except requests.RequestException as exc:
            raise self._network_error(exc) from exc
        if response.status_code in expect:
            return response
        response.close()
        raise self._status_error(response.status_code, method, not_found)

    def body(self, response: requests.Response) -> Iterator[bytes]:
        """The body of a streamed response, block by block; a cut raises a WebDavError."""
        try:
            yield from response.iter_content(_GET_BLOCK)
        except requests.RequestException as exc:
            raise self._network_error(exc) from exc

    def propfind(self, url: str, *, depth: int, not_found: str) -> list[_Entry]:
        response = self.request(
            "PROPFIND",
            url,
            expect=(207,),
            not_found=not_found,
            data=_PROPFIND_BODY,
            headers={"Depth": str(depth), "Content-Type": "application/xml; charset=utf-8"},
        )
        try:
            return _parse_multistatus(response.content, response.url or url, skip_self=depth > 0)
        except ValueError as exc:
            raise WebDavError(
                f"L'adresse {self.config.base_url} ne désigne pas un dossier WebDAV (réponse "
                "illisible). Pour Nextcloud, l'adresse est de la forme "
                "https://SERVEUR/remote.php/dav/files/UTILISATEUR/Dossier/."
            ) from exc

    def file_sizes(self, folder_url: str) -> dict[str, int | None]:
        entries = self.propfind(folder_url, depth=1, not_found=self.folder_missing())
        return {e.name: e.size for e in entries if not e.is_collection}

    def mkcol(self, url: str) -> None:
        # 405: it exists already (the usual case when resuming).
        self.request("MKCOL", url, expect=(200, 201, 405), not_found=self.folder_missing()).close()

    def put_bytes(self, url: str, data: bytes) -> None:
        self.request("PUT", url, expect=(200, 201, 204), data=data).close()

    def move(self, source: str, destination: str) -> None:
        self.request(
            "MOVE",
            source,
            expect=(201, 204),
            headers={"Destination": destination, "Overwrite": "T"},
        ).close()

    def delete(self, url: str) -> None:
        self.request("DELETE", url, expect=(200, 204, 404)).close()

    def cut_error(self) -> WebDavError:
        return WebDavError(
            f"La connexion avec le serveur {self.host} a été coupée pendant le transfert. "
            "Ce qui est déjà arrivé est conservé : relancez le transfert pour reprendre là où "
            "il s'est arrêté.",
            resumable=True,
        )

    def _network_error(self, exc: requests.RequestException) -> WebDavError:
        host = self.host
        if isinstance(exc, requests.exceptions.SSLError):
            return WebDavError(
                f"Connexion sécurisée (TLS) impossible avec le serveur {host} : son certificat "
                "n'est pas reconnu, a expiré ou ne correspond pas à son nom. Vérifiez l'adresse "
                "et la date de l'ordinateur ; sinon, prévenez l'administrateur du serveur.",
                resumable=self.started,
            )
        if isinstance(exc, requests.exceptions.ConnectTimeout | requests.exceptions.ReadTimeout):
            seconds = f"{self.config.timeout:g}"
            resume = (
                " Ce qui est déjà arrivé est conservé : relancez le transfert pour reprendre là "
                "où il s'est arrêté."
                if self.started
                else " Vérifiez la connexion, puis réessayez."
            )
            return WebDavError(
                f"Le serveur {host} ne répond pas (rien reçu en {seconds} s).{resume}",
                resumable=self.started,
            )
        if self.started and isinstance(
            exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError
        ):
            return self.cut_error()
        if isinstance(exc, requests.ConnectionError):
            return WebDavError(
                f"Serveur {host} injoignable. Vérifiez la connexion à Internet et l'adresse du "
                "serveur, puis réessayez."
            )
        return WebDavError(
            f"Échange impossible avec le serveur {host} ({exc.__class__.__name__}). Réessayez.",
            resumable=self.started,
        )

    def _status_error(self, status: int, method: str, not_found: str | None) -> WebDavError:
        host = self.host
        resumable = self.started
        again = " Le transfert reprendra là où il s'est arrêté." if resumable else ""
        if status == 401:
            message = (
                f"Identifiants refusés par le serveur {host} : vérifiez le nom d'utilisateur et "
                "le mot de passe (avec Nextcloud, un mot de passe d'application si la double "
                "authentification est activée)."
            )
            resumable = False
        elif status == 403:
            message = (
                f"Le serveur {host} refuse l'accès à ce dossier pour ce compte. Demandez à "
                "l'administrateur le droit de lire et d'écrire dans le dossier."
            )
            resumable = False
        elif status in (404, 409, 410):
            message = not_found or self.folder_missing()
        elif status == 413:
            message = (
                f"Le serveur {host} refuse des envois de cette taille. Demandez à "
                "l'administrateur d'augmenter la limite, puis relancez." + again
            )
        elif status == 423:
            message = (
                f"Le fichier est verrouillé sur le serveur {host} par un autre programme. "
                "Réessayez dans quelques minutes." + again
            )
        elif status == 507:
            message = (
                f"Le serveur {host} est plein (espace de stockage insuffisant). Libérez de la "
                "place dans le dossier ou demandez plus d'espace à l'administrateur, puis "
                "relancez." + again
            )
        elif status >= 500:
            message = (
                f"Le serveur {host} a rencontré une erreur (code {status}). Réessayez dans "
                "quelques minutes ; si cela persiste, prévenez l'administrateur du serveur." + again
            )
        else:
            message = (
                f"Réponse inattendue du serveur {host} (code {status} à la requête {method}). "
                "Vérifiez l'adresse du dossier WebDAV, puis réessayez."
            )
        return WebDavError(message, resumable=resumable, status=status)
