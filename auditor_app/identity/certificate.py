"""Create, load, check and import an auditor identity (PKCS#12: private key + X.509 certificate).

``cryptography`` costs a tenth of a second or more to import: it is imported inside the
functions, so that the dataclass and the error can be imported at start-up for free.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from auditor_app.files import atomic_write

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

IDENTITIES_DIR = "identities"
"""Name of the workspace folder that holds the imported PKCS#12 files."""

KeyType = Literal["ec", "rsa"]

# RFC 9336 "id-kp-documentSigning"; cryptography has no constant for it.
_DOCUMENT_SIGNING_OID = "1.3.6.1.5.5.7.3.36"
# PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo (pkcs7-data) ... }
_PKCS7_DATA_OID_DER = bytes.fromhex("06092a864886f70d010701")
# Tolerance for the clock of the machine that made the certificate.
_CLOCK_SKEW = timedelta(minutes=5)


class IdentityError(Exception):
    """A user-facing problem with an identity file or certificate (message in French)."""


@dataclass(frozen=True)
class Identity:
    """What a user needs to know about an identity, without its private key."""

    name: str
    email: str
    organisation: str
    fingerprint: str
    """SHA-256 of the DER certificate, as colon-separated upper-case hex pairs."""
    not_before: datetime
    not_after: datetime
    certificate_pem: str
    path: Path | None = None
    issuer: str = ""
    self_signed: bool = True

    @property
    def short_fingerprint(self) -> str:
        """The first 8 bytes of the fingerprint: enough to recognise it when read aloud."""
        return self.fingerprint[:23]

    def describe(self) -> list[str]:
        """Lines for a terminal or a dialog, in French."""
        lines = [
            f"Nom : {self.name}",
            f"Courriel : {self.email or '—'}",
            f"Organisme : {self.organisation or '—'}",
            f"Empreinte SHA-256 : {self.fingerprint}",
            f"Valable du {_date(self.not_before)} au {_date(self.not_after)}",
            "Émetteur : "
            + ("lui-même (certificat auto-signé)" if self.self_signed else self.issuer),
        ]
        return lines


def format_fingerprint(der: bytes) -> str:
    """SHA-256 of ``der`` as ``AB:CD:…`` (32 pairs)."""
    return ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


def identities_dir(workspace_root: Path) -> Path:
    """The folder of a workspace where imported identities are kept."""
    return workspace_root / IDENTITIES_DIR


# --- creation -------------------------------------------------------------------------------


def create_identity(
    name: str,
    email: str,
    organisation: str,
    out: Path,
    passphrase: bytes,
    days: int = 3 * 365,
    *,
    overwrite: bool = False,
    key_type: KeyType = "ec",
) -> Identity:
    """Make a key and a self-signed signing certificate; save them as PKCS#12 in ``out``.

    The file is written atomically and protected by ``passphrase``; an existing file is
    refused unless ``overwrite``. ``key_type`` is ``"ec"`` (P-256, fast) or ``"rsa"`` (3072).
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

    name, email, organisation = name.strip(), email.strip(), organisation.strip()
    if not name:
        raise IdentityError("le nom de l'auditeur est obligatoire")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise IdentityError(f"adresse électronique invalide : « {email} »")
    if email and not email.isascii():
        # Certificates carry e-mail addresses in ASCII only (RFC 5280).
        raise IdentityError(
            f"adresse électronique « {email} » : les accents n'y sont pas acceptés "
            "(écrivez-la sans accent, comme dans votre messagerie)"
        )
    if not passphrase:
        raise IdentityError("la phrase de passe ne peut pas être vide")
    if days < 1:
        raise IdentityError("la durée de validité doit être d'au moins un jour")
    if out.exists() and not overwrite:
        raise IdentityError(f"« {out} » existe déjà : choisissez un autre nom de fichier")

    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    if key_type == "ec":
        key = ec.generate_private_key(ec.SECP256R1())
    elif key_type == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    else:
        raise IdentityError(f"type de clé inconnu : {key_type}")

    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    subject = x509.Name(attributes)
    now = datetime.now(UTC).replace(microsecond=0)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1)
        .not_valid_before(now - _CLOCK_SKEW)
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.EMAIL_PROTECTION, ObjectIdentifier(_DOCUMENT_SIGNING_OID)]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    cert = builder.sign(key, hashes.SHA256())
    data = pkcs12.serialize_key_and_certificates(
        name=name.encode("utf-8"),
        key=key,
        cert=cert,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase),
    )
    try:
        _write_private(out, data)
    except OSError as exc:
        raise IdentityError(f"impossible d'écrire « {out} » : {describe_os_error(exc)}") from exc
    return _identity_from_cert(cert, path=out)


# --- loading and checking -------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedPkcs12:
    """A decrypted PKCS#12: for the signing code, which hands ``data`` to pyHanko."""

    identity: Identity
    data: bytes
    key: PrivateKeyTypes
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]


def load_identity(p12: Path, passphrase: bytes) -> Identity:
    """Open a PKCS#12 file and describe its certificate (wrong passphrase: IdentityError)."""
    return read_pkcs12(p12, passphrase).identity


def read_pkcs12(p12: Path, passphrase: bytes) -> LoadedPkcs12:
    """Decrypt ``p12`` and check that it holds a usable key and the matching certificate."""
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, pkcs12

    label = p12.name
    try:
        data = p12.read_bytes()
    except FileNotFoundError:
        raise IdentityError(f"fichier d'identité introuvable : « {p12} »") from None
    except IsADirectoryError:
        raise IdentityError(f"« {p12} » est un dossier, pas un fichier PKCS#12") from None
    except OSError as exc:
        raise IdentityError(f"impossible de lire « {p12} » : {describe_os_error(exc)}") from exc
    if not _looks_like_pkcs12(data):
        if b"-----BEGIN" in data[:200]:
            raise IdentityError(
                f"« {label} » est un fichier PEM, pas un fichier PKCS#12 (.p12 ou .pfx) "
                "contenant la clé privée"
            )
        raise IdentityError(f"« {label} » n'est pas un fichier PKCS#12 (.p12 ou .pfx)")
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase or None)
    except ValueError:
        if not passphrase:
            raise IdentityError(f"« {label} » est protégé : phrase de passe requise") from None
        raise IdentityError(f"phrase de passe incorrecte pour « {label} »") from None
    except Exception as exc:  # an unsupported algorithm inside the file
        raise IdentityError(f"« {label} » est illisible : {exc}") from exc
    if key is None:
        raise IdentityError(f"« {label} » ne contient pas de clé privée")
    if cert is None:
        raise IdentityError(f"« {label} » ne contient pas de certificat")
    if not isinstance(
        key,
        rsa.RSAPrivateKey
        | ec.EllipticCurvePrivateKey
        | ed25519.Ed25519PrivateKey
        | ed448.Ed448PrivateKey,
    ):
        raise IdentityError(f"« {label} » contient un type de clé non pris en charge")
    spki = PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(Encoding.DER, spki) != cert.public_key().public_bytes(
        Encoding.DER, spki
    ):
        raise IdentityError(f"la clé privée de « {label} » ne correspond pas à son certificat")
    return LoadedPkcs12(
        identity=_identity_from_cert(cert, path=p12),
        data=data,
        key=key,
        certificate=cert,
        chain=tuple(extra),
    )


def check_can_sign(cert: x509.Certificate | Identity, at: datetime | None = None) -> None:
    """Raise IdentityError (in French) when ``cert`` cannot sign at ``at`` (default: now).

    Refused: a certificate expired or not yet valid, one without a KeyUsage extension or
    whose KeyUsage lacks ``digitalSignature``, one that is a certification authority.
    """
    from cryptography import x509

    if isinstance(cert, Identity):
        cert = x509.load_pem_x509_certificate(cert.certificate_pem.encode("ascii"))
    moment = at or datetime.now(UTC)
    who = _common_name(cert) or "ce certificat"
    if moment > cert.not_valid_after_utc:
        raise IdentityError(
            f"le certificat de « {who} » a expiré le {_date(cert.not_valid_after_utc)} : "
            "il ne peut plus signer (demandez-en un nouveau ou créez une nouvelle identité)"
        )
    if moment < cert.not_valid_before_utc:
        raise IdentityError(
            f"le certificat de « {who} » n'est valable qu'à partir du "
            f"{_date(cert.not_valid_before_utc)} : vérifiez l'horloge de cet ordinateur"
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        raise IdentityError(
            f"le certificat de « {who} » ne déclare pas d'usage de clé : il ne peut pas "
            "servir à signer des documents"
        ) from None
    if not usage.digital_signature:
        raise IdentityError(
            f"le certificat de « {who} » ne permet pas la signature numérique "
            "(usage de clé « digitalSignature » absent) : demandez un certificat de signature"
        )
    try:
        basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return
    if basic.ca:
        raise IdentityError(
            f"« {who} » est un certificat d'autorité de certification, pas un certificat "
            "de personne : il ne doit pas signer de rapport"
        )


# --- import and export ----------------------------------------------------------------------


def import_identity(p12: Path, passphrase: bytes, dest_dir: Path) -> Identity:
    """Check a PKCS#12 (for instance issued by a certification body) and copy it to ``dest_dir``.

    The copy is named after the holder and the fingerprint, so importing the same file twice
    keeps one copy. The file is copied byte for byte: it stays protected by its passphrase.
    """
    loaded = read_pkcs12(p12, passphrase)
    check_can_sign(loaded.certificate)
    ident = loaded.identity
    stem = _safe_stem(ident.name) or "identite"
    dest = dest_dir / f"{stem}-{ident.fingerprint.replace(':', '')[:16].lower()}.p12"
    try:
        if not (dest.is_file() and dest.read_bytes() == loaded.data):
            _write_private(dest, loaded.data)
    except OSError as exc:
        raise IdentityError(f"impossible d'écrire « {dest} » : {describe_os_error(exc)}") from exc
    return _replace_path(ident, dest)


def export_certificate_pem(identity: Identity, out: Path) -> Path:
    """Write the certificate alone (public, no key) for the lead's trusted team certificates."""
    try:
        atomic_write(out, identity.certificate_pem.encode("ascii"))
        out.chmod(0o644)
    except OSError as exc:
        raise IdentityError(f"impossible d'écrire « {out} » : {describe_os_error(exc)}") from exc
    return out


# --- helpers --------------------------------------------------------------------------------


def identity_from_der(der: bytes) -> Identity:
    """Describe a DER certificate (for instance the signer's, read from a signed PDF)."""
    from cryptography import x509

    return _identity_from_cert(x509.load_der_x509_certificate(der))


def _identity_from_cert(cert: x509.Certificate, path: Path | None = None) -> Identity:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509.oid import NameOID

    email = _attribute(cert.subject, NameOID.EMAIL_ADDRESS)
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        emails = san.get_values_for_type(x509.RFC822Name)
        email = emails[0] if emails else email
    except x509.ExtensionNotFound:
        pass
    der = cert.public_bytes(Encoding.DER)
    return Identity(
        name=_common_name(cert),
        email=email,
        organisation=_attribute(cert.subject, NameOID.ORGANIZATION_NAME),
        fingerprint=format_fingerprint(der),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        certificate_pem=cert.public_bytes(Encoding.PEM).decode("ascii"),
        path=path,
        issuer=_attribute(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
        self_signed=cert.issuer == cert.subject,
    )


def _write_private(path: Path, data: bytes) -> None:
    """Like ``atomic_write``, but the file stays readable by its owner only (0600), from its
    creation on: it holds a private key, even if encrypted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _replace_path(ident: Identity, path: Path) -> Identity:
    from dataclasses import replace

    return replace(ident, path=path)


def _common_name(cert: x509.Certificate) -> str:
    from cryptography.x509.oid import NameOID

    return _attribute(cert.subject, NameOID.COMMON_NAME)


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return ""
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def _looks_like_pkcs12(data: bytes) -> bool:
    return len(data) > 32 and data[0] == 0x30 and _PKCS7_DATA_OID_DER in data[:40]


def _safe_stem(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:40]


def _date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%d/%m/%Y")


def describe_os_error(exc: OSError) -> str:
    """A short French reason for a failed read or write."""
    import errno

    reasons = {
        errno.ENOSPC: "disque plein",
        errno.EDQUOT: "quota disque dépassé",
        errno.EACCES: "permission refusée",
        errno.EPERM: "opération non permise",
        errno.EROFS: "support en lecture seule",
        errno.ENOENT: "dossier ou fichier introuvable",
        errno.ENOTDIR: "le chemin ne mène pas à un dossier",
        errno.EISDIR: "c'est un dossier",
        errno.EIO: "erreur d'entrée-sortie",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
