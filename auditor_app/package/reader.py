"""Reading a package without trusting it: every check before anything is used.

:func:`read_package` opens the zip, checks the entry names, sizes and compression ratios,
the signature of the manifest, the signer's certificate, the hash and size of every file,
the format version and the shape of the JSON. It either returns a :class:`CheckedPackage`
or raises :class:`PackageError` naming the file, the entry and the problem.

Photos, thumbnails and the report are stored in the zip without compression: they are
hashed straight from the file (one read, no copy), and the result says where each one's
bytes lie, so that an import can keep the package itself as the store of its photos.
"""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from pydantic import BaseModel, TypeAdapter, ValidationError

from auditor_app.package import format as fmt
from auditor_app.store.journal import HASHED_FIELDS, SEP

if TYPE_CHECKING:
    from cryptography import x509

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
_BLOCK = 1024 * 1024
Trust = Literal["trusted", "unknown", "invalid"]


class PackageError(Exception):
    """A package that must not be imported; the message is French and names the problem."""


class PackageCancelled(Exception):
    pass


class UntrustedSignerError(PackageError):
    """Valid package, but signed by someone outside the team: the lead must confirm."""

    def __init__(self, message: str, package: CheckedPackage) -> None:
        super().__init__(message)
        self.package = package


@dataclass(frozen=True)
class Signer:
    name: str
    email: str
    organisation: str
    fingerprint: str
    pem: str
    not_after: datetime


@dataclass
class CheckedPackage:
    """A package whose every byte was checked; ``stored`` locates its photos in the file."""

    path: Path
    manifest: fmt.Manifest
    manifest_sha256: str
    signer: Signer
    trusted: bool
    tables: dict[str, list[dict[str, Any]]]
    journal: list[fmt.JournalLine]
    stored: dict[str, tuple[int, int]] = field(default_factory=dict)  # name → (offset, size)
    report_entry: str = ""


def _fail(path: Path, message: str) -> PackageError:
    return PackageError(f"{path.name} : {message}")


def _check_names(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > fmt.MAX_ENTRIES:
        raise _fail(path, f"trop d'entrées ({len(infos)}, {fmt.MAX_ENTRIES} au plus)")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
            raise _fail(path, f"entrée « {name} » : chemin absolu refusé")
        if ".." in parts or "" in parts or "." in parts:
            raise _fail(path, f"entrée « {name} » : chemin qui sort du paquet refusé")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise _fail(path, f"entrée « {name} » : lien symbolique refusé")
        if info.is_dir():
            raise _fail(path, f"entrée « {name} » : dossier inattendu")
        if name in seen:
            raise _fail(path, f"entrée « {name} » en double")
        seen.add(name)
        if info.flag_bits & 0x1:
            raise _fail(path, f"entrée « {name} » : chiffrée, illisible")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _fail(path, f"entrée « {name} » : méthode de compression non prise en charge")
        if info.compress_type == zipfile.ZIP_DEFLATED and info.file_size > max(
            64 * 1024, info.compress_size * fmt.MAX_RATIO
        ):
            raise _fail(
                path,
                f"entrée « {name} » : taux de compression anormal ({info.compress_size} octets "
                f"qui deviendraient {info.file_size}) — bombe de décompression refusée",
            )
        if info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size:
            raise _fail(path, f"entrée « {name} » : taille annoncée incohérente")
        limit = _limit(name)
        if info.file_size > limit:
            raise _fail(
                path,
                f"entrée « {name} » trop volumineuse ({info.file_size} octets, {limit} au plus)",
            )
        total += info.file_size
    if total > fmt.MAX_TOTAL_BYTES:
        raise _fail(path, f"contenu total trop volumineux ({total} octets)")


def _limit(name: str) -> int:
    from auditor_app.store.blobs import MAX_FILE_BYTES

    if name == fmt.MANIFEST:
        return fmt.MAX_MANIFEST_BYTES
    if name == fmt.SIGNATURE:
        return fmt.MAX_SIGNATURE_BYTES
    if name == fmt.SIGNER:
        return fmt.MAX_CERTIFICATE_BYTES
    if name in (fmt.TABLES, fmt.JOURNAL):
        return fmt.MAX_DATA_BYTES
    if fmt.BLOB_NAME.match(name) or fmt.THUMB_NAME.match(name):
        return MAX_FILE_BYTES
    if fmt.REPORT_NAME.match(name):
        return fmt.MAX_REPORT_BYTES
    return 0  # an unknown entry: refused below with its name


def _read_small(zf: zipfile.ZipFile, path: Path, name: str) -> bytes:
    """An entry read whole, never past the size its header declares (checked against the
    limits already): a header that lies cannot make it inflate more in memory."""
    try:
        declared = zf.getinfo(name).file_size
        with zf.open(name) as handle:
            data = handle.read(min(declared, _limit(name)) + 1)
        if len(data) > declared:
            raise _fail(path, f"entrée « {name} » : taille annoncée incohérente")
        return data
    except KeyError:
        raise _fail(path, f"entrée « {name} » absente") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _fail(path, f"entrée « {name} » illisible ({exc})") from exc


def _certificate(path: Path, pem: bytes) -> tuple[x509.Certificate, Signer]:
    from cryptography import x509

    from auditor_app.identity.certificate import format_fingerprint, identity_from_der

    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError as exc:
        raise _fail(path, f"certificat du signataire illisible ({exc})") from exc
    from cryptography.hazmat.primitives.serialization import Encoding

    der = cert.public_bytes(Encoding.DER)
    ident = identity_from_der(der)
    signer = Signer(
        ident.name, ident.email, ident.organisation, format_fingerprint(der),
        cert.public_bytes(Encoding.PEM).decode("ascii"), ident.not_after,
    )  # fmt: skip
    return cert, signer


def verify_signature(cert: x509.Certificate, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

    key = cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
            key.verify(signature, data)
        else:
            return False
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _manifest(path: Path, raw: bytes) -> fmt.Manifest:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path, f"{fmt.MANIFEST} n'est pas du JSON valide ({exc})") from exc
    if not isinstance(data, dict):
        raise _fail(path, f"{fmt.MANIFEST} : un objet JSON est attendu")
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool):
        if version > fmt.FORMAT_VERSION:
            raise _fail(
                path,
                f"format de paquet version {version}, plus récent que celui que cette version "
                f"du logiciel sait lire ({fmt.FORMAT_VERSION}) : mettez le logiciel à jour",
            )
        if version < 1:
            raise _fail(path, f"version de format invalide : {version}")
    try:
        return fmt.Manifest.model_validate(data)
    except ValidationError as exc:
        raise _fail(path, f"{fmt.MANIFEST} : {describe_validation(exc)}") from exc


_UNION_BRANCHES = frozenset({"str", "int", "float", "bool", "none", "constrained-str"})


def describe_validation(exc: ValidationError, prefix: str = "") -> str:
    """The first problem of a pydantic error, in French, with its place."""
    first = exc.errors()[0]
    head = prefix.split(".") if prefix else []
    # pydantic names the branch of a union it tried last (``measured_value.float``): not
    # a place in the file.
    loc = [p for p in first["loc"] if p not in _UNION_BRANCHES]
    where = ".".join(str(p) for p in (*head, *loc))
    kind = first["type"]
    messages = {
        "missing": "champ manquant",
        "extra_forbidden": "champ inattendu",
        "string_too_long": "texte trop long",
        "string_too_short": "texte vide",
        "string_pattern_mismatch": "valeur mal formée",
        "literal_error": "valeur non reconnue",
        "string_type": "texte attendu",
        "int_type": "nombre entier attendu",
        "float_type": "nombre attendu",
        "bool_type": "vrai ou faux attendu",
        "dict_type": "objet JSON attendu",
        "list_type": "liste attendue",
        "too_long": "trop d'éléments",
        "greater_than_equal": "valeur trop petite",
        "model_type": "objet JSON attendu",
    }
    what = messages.get(kind, "valeur invalide")
    return f"{where} : {what}" if where else what


_TABLES_ADAPTER: TypeAdapter[dict[str, list[dict[str, Any]]]] = TypeAdapter(
    dict[str, list[dict[str, Any]]]
)


def _tables(path: Path, raw: bytes) -> dict[str, list[dict[str, Any]]]:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path, f"{fmt.TABLES} n'est pas du JSON valide ({exc})") from exc
    if (
        not isinstance(data, dict)
        or set(data) != {"tables"}
        or not isinstance(data["tables"], dict)
    ):
        raise _fail(path, f'{fmt.TABLES} : un objet {{"tables": {{…}}}} est attendu')
    tables = data["tables"]
    unknown = sorted(set(tables) - set(fmt.TABLE_COLUMNS))
    if unknown:
        raise _fail(path, f"{fmt.TABLES} : table inconnue « {unknown[0]} »")
    checked: dict[str, list[dict[str, Any]]] = {}
    for table, rows in tables.items():
        if not isinstance(rows, list):
            raise _fail(path, f"{fmt.TABLES} : « {table} » doit être une liste")
        model: type[BaseModel] = fmt.ROW_MODELS[table]
        adapter: TypeAdapter[list[BaseModel]] = TypeAdapter(list[model])  # type: ignore[valid-type]
        try:
            adapter.validate_python(rows)
        except ValidationError as exc:
            raise _fail(path, f"{fmt.TABLES} : {describe_validation(exc, table)}") from exc
        checked[table] = rows
    return checked


def _journal(path: Path, raw: bytes, kind: str) -> list[fmt.JournalLine]:
    lines: list[fmt.JournalLine] = []
    for number, text in enumerate(raw.split(b"\n"), start=1):
        if not text.strip():
            continue
        try:
            line = fmt.JournalLine.model_validate_json(text)
        except ValidationError as exc:
            raise _fail(path, f"{fmt.JOURNAL} ligne {number} : {describe_validation(exc)}") from exc
        payload = line.payload.encode("utf-8")
        if hashlib.sha256(payload).hexdigest() != line.hash:
            raise _fail(path, f"{fmt.JOURNAL} ligne {number} : contenu différent de son empreinte")
        fields = line.payload.split(SEP)
        if len(fields) != len(HASHED_FIELDS):
            raise _fail(path, f"{fmt.JOURNAL} ligne {number} : entrée de journal mal formée")
        if fields[5] == "reviews" and kind != "review":
            raise _fail(
                path,
                f"{fmt.JOURNAL} ligne {number} : un paquet d'auditeur ne porte pas de décision "
                "de revue (seul le paquet de revue du responsable en porte)",
            )
        lines.append(line)
    return lines


def _data_offset(handle: BinaryIO, path: Path, info: zipfile.ZipInfo) -> int:
    """Where a stored entry's bytes start: after its local header (read, not trusted)."""
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise _fail(path, f"entrée « {info.filename} » : en-tête local illisible (zip endommagé)")
    name_len, extra_len = (int(n) for n in struct.unpack("<HH", header[26:30]))
    name = handle.read(name_len)
    if name.decode("utf-8" if info.flag_bits & 0x800 else "cp437") != info.filename:
        raise _fail(path, f"entrée « {info.filename} » : nom différent dans l'en-tête local")
    return int(info.header_offset) + 30 + name_len + extra_len


def _hash_stored(
    handle: BinaryIO,
    path: Path,
    entry: fmt.FileEntry,
    info: zipfile.ZipInfo,
    advance: Callable[[int], None],
) -> tuple[int, int]:
    """Hash one stored entry straight from the file; return where its bytes lie."""
    if info.compress_type != zipfile.ZIP_STORED:
        raise _fail(path, f"entrée « {entry.name} » : doit être stockée sans compression")
    if info.file_size != entry.size:
        raise _fail(
            path, f"entrée « {entry.name} » : {info.file_size} octets au lieu de {entry.size}"
        )
    offset = _data_offset(handle, path, info)
    handle.seek(offset)
    digest = hashlib.sha256()
    left = entry.size
    try:
        while left:
            block = handle.read(min(_BLOCK, left))
            if not block:
                raise _fail(path, f"entrée « {entry.name} » tronquée (envoi incomplet ?)")
            digest.update(block)
            left -= len(block)
            advance(len(block))
    except OSError as exc:
        raise _fail(path, f"entrée « {entry.name} » illisible ({exc})") from exc
    if digest.hexdigest() != entry.sha256:
        raise _fail(path, f"entrée « {entry.name} » : empreinte SHA-256 différente du manifeste")
    if entry.name.startswith("blobs/") and entry.name[6:] != entry.sha256:
        raise _fail(path, f"entrée « {entry.name} » : son nom n'est pas son empreinte")
    return offset, entry.size


def read_package(
    path: Path,
    trusted: Iterable[str] = (),
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CheckedPackage:
    """Check everything in ``path``, reading each byte once.

    ``trusted`` are the SHA-256 fingerprints (``AB:CD:…``) of the team's certificates: the
    result says whether the signer is one of them (an unknown signer is not an error here).
    """
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise PackageError(f"Paquet introuvable : {path}") from None
    except IsADirectoryError:
        raise PackageError(f"{path} est un dossier, pas un paquet") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _fail(
            path, "fichier illisible : zip tronqué ou endommagé (envoi incomplet ?)"
        ) from exc
    with zf:
        infos = zf.infolist()
        _check_names(path, infos)
        names = {info.filename for info in infos}
        for name in fmt.ENVELOPE:
            if name not in names:
                raise _fail(path, f"entrée « {name} » absente : ce n'est pas un paquet d'audit")
        raw_manifest = _read_small(zf, path, fmt.MANIFEST)
        signature = _read_small(zf, path, fmt.SIGNATURE)
        cert, signer = _certificate(path, _read_small(zf, path, fmt.SIGNER))
        if not verify_signature(cert, signature, raw_manifest):
            raise _fail(
                path,
                "la signature du manifeste ne correspond pas : paquet modifié après sa "
                "signature, ou signé par une autre clé que celle de son certificat",
            )
        manifest = _manifest(path, raw_manifest)
        if manifest.exporter.fingerprint != signer.fingerprint:
            raise _fail(path, "le manifeste annonce un autre signataire que le certificat joint")
        _check_signer_dates(path, cert, manifest.created_at)
        listed = {entry.name: entry for entry in manifest.files}
        if len(listed) != len(manifest.files):
            raise _fail(path, f"{fmt.MANIFEST} : un fichier y figure deux fois")
        extra = names - set(listed) - set(fmt.ENVELOPE)
        if extra:
            raise _fail(path, f"entrée « {sorted(extra)[0]} » absente du manifeste")
        missing = set(listed) - names
        if missing:
            raise _fail(path, f"entrée « {sorted(missing)[0]} » annoncée mais absente")
        for name in listed:
            if _limit(name) == 0:
                raise _fail(path, f"entrée « {name} » : nom inattendu dans un paquet d'audit")
        for name in (fmt.TABLES, fmt.JOURNAL):
            if name not in listed:
                raise _fail(path, f"entrée « {name} » absente")

        total = sum(entry.size for entry in manifest.files)
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            if cancelled is not None and cancelled():
                raise PackageCancelled("Vérification du paquet annulée.")
            if progress is not None:
                progress(done, total, "Vérification des fichiers")

        data: dict[str, bytes] = {}
        stored: dict[str, tuple[int, int]] = {}
        by_name = {info.filename: info for info in infos}
        with path.open("rb") as handle:
            for entry in manifest.files:
                if entry.name not in (fmt.TABLES, fmt.JOURNAL):
                    info = by_name[entry.name]
                    stored[entry.name] = _hash_stored(handle, path, entry, info, advance)
                    continue
                raw = _read_small(zf, path, entry.name)
                if len(raw) != entry.size or hashlib.sha256(raw).hexdigest() != entry.sha256:
                    raise _fail(
                        path, f"entrée « {entry.name} » : empreinte différente du manifeste"
                    )
                data[entry.name] = raw
                advance(len(raw))
    tables = _tables(path, data[fmt.TABLES])
    _check_consistency(path, manifest, tables, listed)
    journal = _journal(path, data[fmt.JOURNAL], manifest.kind)
    _check_values(path, manifest, tables, journal, stored)
    fingerprint = signer.fingerprint
    report = next((name for name in listed if name.startswith("report/")), "")
    return CheckedPackage(
        path, manifest, hashlib.sha256(raw_manifest).hexdigest(), signer,
        fingerprint in set(trusted), tables, journal, stored, report,
    )  # fmt: skip


def _check_values(
    path: Path,
    manifest: fmt.Manifest,
    tables: dict[str, list[dict[str, Any]]],
    journal: list[fmt.JournalLine],
    stored: dict[str, tuple[int, int]],
) -> None:
    """What the rows mean (see :mod:`auditor_app.package.values`)."""
    from auditor_app.package import values
    from auditor_app.referential.loader import ReferentialError, referential_from_json

    try:
        referential = referential_from_json(tables["referentials"][0]["content"])
    except ReferentialError as exc:
        raise _fail(path, f"{fmt.TABLES} : grille illisible ({exc})") from exc
    try:
        values.check_rows(tables, referential, manifest.kind)
        values.check_explained(tables, (line.payload for line in journal))
        with path.open("rb") as handle:  # one opening for every image header
            read = values.blob_reader(handle, stored)
            values.check_images(tables.get("blobs", []), read)
            values.check_thumbnails(sorted(n for n in stored if n.startswith("thumbs/")), read)
    except OSError as exc:
        raise _fail(path, f"fichier illisible ({exc.strerror or exc})") from exc
    except values.ValueProblem as exc:
        raise _fail(path, str(exc)) from exc


def _check_signer_dates(path: Path, cert: x509.Certificate, created_at: str) -> None:
    from auditor_app.identity.certificate import IdentityError, check_can_sign

    try:
        moment = datetime.fromisoformat(created_at)
    except ValueError:
        raise _fail(path, f"date du paquet illisible : « {created_at} »") from None
    try:
        check_can_sign(cert, at=moment)
    except IdentityError as exc:
        raise _fail(path, f"certificat du signataire inutilisable : {exc}") from exc


def _check_consistency(
    path: Path,
    manifest: fmt.Manifest,
    tables: dict[str, list[dict[str, Any]]],
    listed: dict[str, fmt.FileEntry],
) -> None:
    audits = tables.get("audits", [])
    if len(audits) != 1 or audits[0]["id"] != manifest.audit_id:
        raise _fail(path, f"{fmt.TABLES} : le paquet doit contenir l'audit {manifest.audit_id}")
    if audits[0]["referential_key"] != manifest.referential_key:
        raise _fail(path, f"{fmt.TABLES} : la grille de l'audit diffère de celle du manifeste")
    refs = tables.get("referentials", [])
    if len(refs) != 1 or refs[0]["key"] != manifest.referential_key:
        raise _fail(path, f"{fmt.TABLES} : la grille {manifest.referential_key} est absente")
    content = refs[0]["content"].encode("utf-8")
    if hashlib.sha256(content).hexdigest() != manifest.referential_sha256 or (
        refs[0]["sha256"] != manifest.referential_sha256
    ):
        raise _fail(path, f"{fmt.TABLES} : la grille ne correspond pas à son empreinte")
    for table, rows in tables.items():
        if table in ("referentials", "blobs"):
            continue
        for index, row in enumerate(rows):
            owner = row["id"] if table == "audits" else row.get("audit_id")
            if owner != manifest.audit_id:
                raise _fail(
                    path, f"{fmt.TABLES} : {table}.{index} appartient à un autre audit ({owner})"
                )
    described = {f"blobs/{row['sha256']}" for row in tables.get("blobs", [])}
    for index, row in enumerate(tables.get("blobs", [])):
        if f"blobs/{row['sha256']}" not in listed:
            raise _fail(
                path, f"{fmt.TABLES} : blobs.{index} : fichier {row['sha256'][:12]}… absent"
            )
    for name in sorted(listed):
        if name.startswith("blobs/") and name not in described:
            raise _fail(path, f"entrée « {name} » : fichier que ne décrit aucune ligne de blobs")
        if name.startswith("thumbs/") and f"blobs/{name[7:-4]}" not in described:
            raise _fail(path, f"entrée « {name} » : vignette d'un fichier absent du paquet")
