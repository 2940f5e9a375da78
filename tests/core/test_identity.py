"""Auditor identities: create, load, check, import and export (PKCS#12 and X.509)."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from auditor_app.identity import (
    Identity,
    IdentityError,
    check_can_sign,
    create_identity,
    export_certificate_pem,
    identities_dir,
    import_identity,
    load_identity,
)

ROOT = Path(__file__).resolve().parents[2]
PASS = b"correct horse battery staple"


# --- helpers shared with test_signing and the e2e tests ---------------------------------------


def _key_usage(**on: bool) -> x509.KeyUsage:
    names = (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    )
    return x509.KeyUsage(**{n: on.get(n, False) for n in names})


def make_certificate(
    name: str,
    *,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    key_usage: x509.KeyUsage | None = None,
    ca: bool = False,
    issuer: tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None = None,
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A certificate the way a certification body might issue it (or get it wrong)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Certificateur SA"),
        ]
    )
    issuer_name, signing_key = (issuer[0].subject, issuer[1]) if issuer else (subject, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if key_usage is not None:
        builder = builder.add_extension(key_usage, critical=True)
    return builder.sign(signing_key, hashes.SHA256()), key


def make_p12(
    path: Path,
    name: str = "Paul Certifié",
    passphrase: bytes = PASS,
    *,
    chain: tuple[x509.Certificate, ...] = (),
    **cert_options: object,
) -> Path:
    """Write a PKCS#12 holding a certificate made by ``make_certificate(**cert_options)``."""
    cert_options.setdefault(
        "key_usage", _key_usage(digital_signature=True, content_commitment=True)
    )
    cert, key = make_certificate(name, **cert_options)  # type: ignore[arg-type]
    data = pkcs12.serialize_key_and_certificates(
        name.encode(),
        key,
        cert,
        list(chain) or None,
        serialization.BestAvailableEncryption(passphrase),
    )
    path.write_bytes(data)
    return path


@pytest.fixture
def claire(tmp_path: Path) -> Identity:
    return create_identity(
        "Claire Martin", "claire.martin@example.fr", "Qualicert", tmp_path / "claire.p12", PASS
    )


# --- creation ---------------------------------------------------------------------------------


def test_created_identity_loads_back_with_the_same_fingerprint(
    claire: Identity, tmp_path: Path
) -> None:
    p12 = tmp_path / "claire.p12"
    loaded = load_identity(p12, PASS)
    assert loaded == claire
    assert loaded.fingerprint == load_identity(p12, PASS).fingerprint
    assert (loaded.name, loaded.email, loaded.organisation) == (
        "Claire Martin",
        "claire.martin@example.fr",
        "Qualicert",
    )
    assert loaded.path == p12
    assert loaded.self_signed
    cert = x509.load_pem_x509_certificate(loaded.certificate_pem.encode())
    der = cert.public_bytes(serialization.Encoding.DER)
    assert loaded.fingerprint == ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", loaded.fingerprint)
    assert loaded.short_fingerprint == loaded.fingerprint[:23]
    assert any(loaded.fingerprint in line for line in loaded.describe())


def test_created_certificate_is_a_signing_certificate(claire: Identity) -> None:
    cert = x509.load_pem_x509_certificate(claire.certificate_pem.encode())
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Claire Martin"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Qualicert"
    assert cert.subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)[0].value == (
        "claire.martin@example.fr"
    )
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    basic = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and not basic.value.ca
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert "1.3.6.1.5.5.7.3.36" in {oid.dotted_string for oid in eku}  # documentSigning
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.RFC822Name) == ["claire.martin@example.fr"]
    assert isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
    lifetime = claire.not_after - claire.not_before
    assert timedelta(days=3 * 365) <= lifetime <= timedelta(days=3 * 365, hours=1)
    check_can_sign(claire)  # no exception


def test_rsa_identity_and_custom_lifetime(tmp_path: Path) -> None:
    ident = create_identity(
        "Rémi Durand", "", "", tmp_path / "r.p12", PASS, days=30, key_type="rsa"
    )
    cert = x509.load_pem_x509_certificate(ident.certificate_pem.encode())
    public = cert.public_key()
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size == 3072
    assert ident.email == "" and ident.organisation == ""
    assert (ident.not_after - ident.not_before).days == 30


def test_identity_file_is_private_and_written_whole(claire: Identity, tmp_path: Path) -> None:
    p12 = tmp_path / "claire.p12"
    assert p12.stat().st_mode & 0o077 == 0  # the key is for its owner only
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claire.p12"]  # no temporary left
    # Protected: no readable key without the passphrase.
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(p12.read_bytes(), None)


def test_an_existing_file_is_not_overwritten_unless_asked(claire: Identity, tmp_path: Path) -> None:
    p12 = tmp_path / "claire.p12"
    before = p12.read_bytes()
    with pytest.raises(IdentityError, match="existe déjà"):
        create_identity("Autre", "autre@example.fr", "", p12, PASS)
    assert p12.read_bytes() == before
    again = create_identity("Autre", "autre@example.fr", "", p12, PASS, overwrite=True)
    assert again.fingerprint != claire.fingerprint
    assert load_identity(p12, PASS).name == "Autre"


@pytest.mark.parametrize(
    ("name", "email", "passphrase", "message"),
    [
        ("", "a@example.fr", PASS, "nom"),
        ("A", "pas-une-adresse", PASS, "adresse électronique invalide"),
        ("Léa", "léa@example.fr", PASS, "sans accent"),
        ("A", "a@example.fr", b"", "phrase de passe"),
    ],
)
def test_bad_creation_input_is_refused(
    tmp_path: Path, name: str, email: str, passphrase: bytes, message: str
) -> None:
    with pytest.raises(IdentityError, match=message):
        create_identity(name, email, "", tmp_path / "x.p12", passphrase)
    assert not (tmp_path / "x.p12").exists()


# --- loading ----------------------------------------------------------------------------------


def test_wrong_passphrase_says_so_in_french(claire: Identity, tmp_path: Path) -> None:
    with pytest.raises(IdentityError, match=r"phrase de passe incorrecte pour « claire\.p12 »"):
        load_identity(tmp_path / "claire.p12", b"wrong")
    with pytest.raises(IdentityError, match="phrase de passe requise"):
        load_identity(tmp_path / "claire.p12", b"")


def test_files_that_are_not_pkcs12_are_named_as_such(claire: Identity, tmp_path: Path) -> None:
    pem = export_certificate_pem(claire, tmp_path / "claire.pem")
    with pytest.raises(IdentityError, match="fichier PEM, pas un fichier PKCS#12"):
        load_identity(pem, PASS)
    junk = tmp_path / "notes.p12"
    junk.write_bytes(b"%PDF-1.4 not a key at all" * 10)
    with pytest.raises(IdentityError, match="n'est pas un fichier PKCS#12"):
        load_identity(junk, PASS)
    empty = tmp_path / "empty.p12"
    empty.write_bytes(b"")
    with pytest.raises(IdentityError, match="n'est pas un fichier PKCS#12"):
        load_identity(empty, PASS)
    with pytest.raises(IdentityError, match="introuvable"):
        load_identity(tmp_path / "absent.p12", PASS)
    with pytest.raises(IdentityError, match="dossier"):
        load_identity(tmp_path, PASS)


def test_a_pkcs12_with_a_key_but_no_own_certificate_is_refused(tmp_path: Path) -> None:
    # A key and only someone else's certificate (as a chain certificate): nothing to sign with.
    cert, _ = make_certificate("Mélange")
    other_key = ec.generate_private_key(ec.SECP256R1())
    data = pkcs12.serialize_key_and_certificates(
        b"x", other_key, None, [cert], serialization.BestAvailableEncryption(PASS)
    )
    (tmp_path / "mix.p12").write_bytes(data)
    with pytest.raises(IdentityError, match="ne contient pas de certificat"):
        load_identity(tmp_path / "mix.p12", PASS)


def test_a_pkcs12_without_key_is_refused(tmp_path: Path) -> None:
    cert, _ = make_certificate("Sans Clé")
    data = pkcs12.serialize_key_and_certificates(
        b"x", None, None, [cert], serialization.BestAvailableEncryption(PASS)
    )
    (tmp_path / "nokey.p12").write_bytes(data)
    with pytest.raises(IdentityError, match="ne contient pas de clé privée"):
        load_identity(tmp_path / "nokey.p12", PASS)


# --- checks before signing --------------------------------------------------------------------


def test_expired_certificate_cannot_sign(tmp_path: Path) -> None:
    past = datetime.now(UTC) - timedelta(days=10)
    p12 = make_p12(
        tmp_path / "old.p12",
        "Ancien Auditeur",
        not_before=past - timedelta(days=400),
        not_after=past,
    )
    ident = load_identity(p12, PASS)  # still readable, to show what it is
    with pytest.raises(IdentityError, match=f"a expiré le {past:%d/%m/%Y}"):
        check_can_sign(ident)
    with pytest.raises(IdentityError, match="expiré"):
        import_identity(p12, PASS, tmp_path / "ws" / "identities")
    assert not (tmp_path / "ws").exists()


def test_not_yet_valid_certificate_cannot_sign(tmp_path: Path) -> None:
    future = datetime.now(UTC) + timedelta(days=30)
    p12 = make_p12(
        tmp_path / "future.p12", not_before=future, not_after=future + timedelta(days=365)
    )
    with pytest.raises(IdentityError, match="n'est valable qu'à partir du"):
        check_can_sign(load_identity(p12, PASS))


def test_certificate_without_digital_signature_usage_cannot_sign(tmp_path: Path) -> None:
    p12 = make_p12(
        tmp_path / "tls.p12",
        "Chiffrement Seul",
        key_usage=_key_usage(key_encipherment=True, key_agreement=True),
    )
    with pytest.raises(IdentityError, match="ne permet pas la signature numérique"):
        check_can_sign(load_identity(p12, PASS))
    with pytest.raises(IdentityError, match="digitalSignature"):
        import_identity(p12, PASS, tmp_path / "identities")


def test_certificate_without_key_usage_or_of_an_authority_cannot_sign(tmp_path: Path) -> None:
    bare = make_p12(tmp_path / "bare.p12", key_usage=None)
    with pytest.raises(IdentityError, match="ne déclare pas d'usage de clé"):
        check_can_sign(load_identity(bare, PASS))
    ca = make_p12(
        tmp_path / "ca.p12",
        ca=True,
        key_usage=_key_usage(digital_signature=True, key_cert_sign=True),
    )
    with pytest.raises(IdentityError, match="autorité de certification"):
        check_can_sign(load_identity(ca, PASS))


# --- import and export ------------------------------------------------------------------------


def test_import_copies_a_checked_pkcs12_into_the_workspace(tmp_path: Path) -> None:
    root_cert, root_key = make_certificate(
        "AC Certificateur", ca=True, key_usage=_key_usage(key_cert_sign=True, crl_sign=True)
    )
    p12 = make_p12(
        tmp_path / "issued.pfx", "Élodie Été", issuer=(root_cert, root_key), chain=(root_cert,)
    )
    dest = identities_dir(tmp_path / "ws")
    ident = import_identity(p12, PASS, dest)
    assert ident.path is not None and ident.path.parent == dest
    assert ident.path.name.startswith("elodie-ete-") and ident.path.suffix == ".p12"
    assert ident.path.read_bytes() == p12.read_bytes()  # still protected by its passphrase
    assert ident.path.stat().st_mode & 0o077 == 0
    assert not ident.self_signed and ident.issuer == "AC Certificateur"
    assert load_identity(ident.path, PASS).fingerprint == ident.fingerprint
    again = import_identity(p12, PASS, dest)
    assert again.path == ident.path
    assert len(list(dest.iterdir())) == 1
    with pytest.raises(IdentityError, match="phrase de passe incorrecte"):
        import_identity(p12, b"nope", dest)


def test_exported_certificate_holds_no_key(claire: Identity, tmp_path: Path) -> None:
    pem = export_certificate_pem(claire, tmp_path / "out" / "claire.pem")
    text = pem.read_text()
    assert text.startswith("-----BEGIN CERTIFICATE-----") and "PRIVATE" not in text
    cert = x509.load_pem_x509_certificate(pem.read_bytes())
    assert cert.public_bytes(serialization.Encoding.PEM).decode() == claire.certificate_pem
    assert pem.stat().st_mode & 0o777 == 0o644


def test_importing_identity_and_signing_modules_is_cheap() -> None:
    code = (
        "import sys\n"
        "import auditor_app.identity, auditor_app.report.signing, auditor_app.signing_cli\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'cryptography', 'pyhanko', 'pyhanko_certvalidator', 'asn1crypto'})\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
