"""Sign a report PDF (PAdES B-B, pyHanko) and verify a signed PDF offline.

pyHanko costs about half a second to import: it is imported inside the functions, never at
start-up. There is no network on site, so no timestamp authority: the level is PAdES B-B and the
signing time is the one the signer's computer claimed.

Verification judges a signature by pyHanko's ``intact``, the coverage of the whole file and
``bottom_line``, never by ``valid`` alone (after a flipped byte ``valid`` can stay true).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import secrets
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from auditor_app.i18n import N_, Translator
from auditor_app.identity.certificate import (
    Identity,
    IdentityError,
    check_can_sign,
    describe_os_error,
    identity_from_der,
    read_pkcs12,
)

if TYPE_CHECKING:
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
    from pyhanko.sign.validation.status import PdfSignatureStatus

Box = tuple[float, float, float, float]
Level = Literal["green", "orange", "red"]
T = TypeVar("T")

STAMP_TEXT = N_("Signé électroniquement par\n%(signer)s\nle %(ts)s\nEmpreinte : %(fingerprint)s")
"""Text of the visible signature. Only Latin-1 characters: the stamp uses a standard font."""
STAMP_TIME_FORMAT = N_("%d/%m/%Y à %H:%M:%S (%Z)")
REASON = N_("Rapport d'audit")
MIN_BOX_SIZE = (72.0, 28.0)
"""Smallest visible signature box accepted, in points (width, height)."""


class SigningError(Exception):
    """A user-facing failure while signing or reading a PDF (message in French)."""


@dataclass(frozen=True)
class SignatureInfo:
    """What ``sign_pdf`` did. ``visible``: a box was given (a signature field that was in the PDF
    already keeps its own place, and ``visible`` is then False even if the field has a box)."""

    path: Path
    field_name: str
    signer: Identity
    signed_at: datetime | None
    visible: bool
    page: int
    box: Box | None


@dataclass(frozen=True)
class Verification:
    """The verdict on a PDF: ``level`` is what the user sees (green, orange, red)."""

    path: Path
    signed: bool
    intact: bool
    trusted: bool
    level: Level
    summary: str
    signer_name: str = ""
    signer_fingerprint: str = ""
    signing_time: datetime | None = None
    signer: Identity | None = None
    field_name: str = ""
    signature_count: int = 0
    details: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.level == "green"


# --- signing --------------------------------------------------------------------------------


def sign_pdf(
    src: Path,
    dst: Path,
    p12: Path,
    passphrase: bytes,
    *,
    reason: str = REASON,
    location: str = "",
    page: int = -1,
    box: Box | None = None,
    field_name: str = "Signature_auditeur",
    lang: str = "fr",
) -> SignatureInfo:
    """Sign ``src`` into ``dst`` (PAdES B-B, SHA-256) with the identity in ``p12``.

    ``box`` is ``(x1, y1, x2, y2)`` in PDF points from the bottom-left corner of ``page``
    (0-based, negative from the end: -1 is the last page); with a box the signature is visible
    there, without one it is invisible, unless the PDF already has an empty signature field
    called ``field_name``, which is then used as it stands. ``dst`` is written under a temporary
    name and renamed: a full or unwritable destination leaves no half file (SigningError).
    ``dst`` may be ``src``. An expired or non-signing certificate raises IdentityError.
    ``lang`` is the language of the stamp and of the default ``reason`` (that of the report).
    """
    try:
        t = Translator(lang)
    except ValueError as exc:
        raise SigningError(str(exc)) from exc
    loaded = read_pkcs12(p12, passphrase)
    check_can_sign(loaded.certificate)
    if box is not None:
        box = _check_box(box)
    try:
        source = src.open("rb")
    except FileNotFoundError:
        raise SigningError(f"PDF à signer introuvable : « {src} »") from None
    except OSError as exc:
        raise SigningError(f"impossible de lire « {src} » : {describe_os_error(exc)}") from exc
    with source:
        return _sign_open_file(
            source,
            src,
            dst,
            loaded.data,
            passphrase,
            loaded.identity,
            reason=t(reason),
            location=location,
            page=page,
            box=box,
            field_name=field_name,
            t=t,
        )


def _sign_open_file(
    source: object,
    src: Path,
    dst: Path,
    p12_data: bytes,
    passphrase: bytes,
    ident: Identity,
    *,
    reason: str,
    location: str,
    page: int,
    box: Box | None,
    field_name: str,
    t: Translator,
) -> SignatureInfo:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    _quiet_pyhanko_logs()
    signer = signers.SimpleSigner.load_pkcs12_data(p12_data, (), passphrase=passphrase or None)
    try:
        writer = IncrementalPdfFileWriter(source, strict=False)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SigningError(f"« {src.name} » n'est pas un PDF lisible : {exc}") from exc
    if writer.security_handler is not None:
        raise SigningError(f"« {src.name} » est chiffré : impossible de le signer")
    n_pages = int(writer.root["/Pages"]["/Count"])
    page_index = page if page >= 0 else n_pages + page
    if not 0 <= page_index < n_pages:
        raise SigningError(f"page {page} inexistante : « {src.name} » compte {n_pages} page(s)")
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
        name=ident.name,
        signer_key_usage={"digital_signature"},
    )
    # pyHanko annotates the box as ints but writes floats (FloatObject) to the /Rect.
    field_box = cast("tuple[int, int, int, int] | None", box)
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page_index, box=field_box)
    style = TextStampStyle(
        stamp_text=t(STAMP_TEXT),
        timestamp_format=t(STAMP_TIME_FORMAT),
        text_box_style=TextBoxStyle(font_size=9),
        border_width=1,
        background=None,
    )
    pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec)
    text_params = {"fingerprint": ident.short_fingerprint, "signer": stamp_safe(ident.name)}

    def write(out: object) -> None:
        try:
            _run_sync(
                lambda: pdf_signer.sign_pdf(writer, appearance_text_params=text_params, output=out)
            )
        except OSError:
            raise
        except (PdfError, ValueError, KeyError, TypeError) as exc:
            if "filled already" in str(exc):
                raise SigningError(
                    f"« {src.name} » porte déjà une signature dans le champ « {field_name} » : "
                    "signez dans un autre champ"
                ) from exc
            raise SigningError(f"signature de « {src.name} » impossible : {exc}") from exc

    _write_atomically(dst, write)
    signed_at = _signing_time(dst, field_name)
    return SignatureInfo(
        path=dst,
        field_name=field_name,
        signer=ident,
        signed_at=signed_at,
        visible=box is not None,
        page=page_index,
        box=box,
    )


_TRANSLITERATIONS = {
    "Œ": "OE",
    "œ": "oe",
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "€": "EUR",
    "ı": "i",
    "Ŀ": "L",
    "ŀ": "l",
    "ẞ": "SS",
}


def stamp_safe(text: str) -> str:
    """``text`` reduced to what the stamp's standard font shows: ASCII and Latin-1 letters.

    pyHanko writes the stamp with a WinAnsi font; one character outside Latin-1 would turn the
    whole line into UTF-16 gibberish. Others lose their accent (Ł → L) or become « ? ».
    """
    out = []
    for char in text:
        code = ord(char)
        if char in _TRANSLITERATIONS:
            out.append(_TRANSLITERATIONS[char])
        elif 0x20 <= code < 0x7F or 0xA1 <= code <= 0xFF:
            out.append(char)
        elif char in "\u00a0\u202f\u2009\t":
            out.append(" ")
        elif char in "\u2018\u2019\u02bc":
            out.append("'")
        elif char in "\u2010\u2011\u2013\u2014":
            out.append("-")
        else:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
            out.append(base if base.isprintable() and base else "?")
    return "".join(out)


def _check_box(box: Box) -> Box:
    x1, y1, x2, y2 = (float(v) for v in box)
    x1, x2 = sorted((x1, x2))
    y1, y2 = sorted((y1, y2))
    if x2 - x1 < MIN_BOX_SIZE[0] or y2 - y1 < MIN_BOX_SIZE[1]:
        raise SigningError(
            f"cadre de signature trop petit ({x2 - x1:.0f} × {y2 - y1:.0f} points ; "
            f"au moins {MIN_BOX_SIZE[0]:.0f} × {MIN_BOX_SIZE[1]:.0f})"
        )
    return (x1, y1, x2, y2)


def _write_atomically(dst: Path, write: Callable[[object], None]) -> None:
    """Call ``write`` on a temporary file beside ``dst``, sync it, then rename it to ``dst``."""
    tmp: Path | None = None
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        # Not mkstemp: its file is private (0600); this one gets the usual rights (umask).
        name = dst.parent / f".{dst.name}.{secrets.token_hex(6)}.tmp"
        fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
        tmp = name
        with os.fdopen(fd, "w+b") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dst)
        tmp = None
    except OSError as exc:
        raise SigningError(
            f"impossible d'écrire « {dst} » : {describe_os_error(exc)} ; aucun fichier n'a été "
            "laissé"
        ) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _signing_time(path: Path, field_name: str) -> datetime | None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with path.open("rb") as handle:
        for sig in PdfFileReader(handle, strict=False).embedded_signatures:
            if sig.field_name == field_name:
                moment: datetime | None = sig.self_reported_timestamp
                return moment
    return None


# --- verification ---------------------------------------------------------------------------


def verify_pdf(path: Path, trust: Sequence[Path] = ()) -> Verification:
    """Check the signature of ``path`` offline against the certificates in ``trust``.

    ``trust`` holds PEM or DER certificates: a signer is trusted when its own certificate (a
    self-signed auditor identity) or a certificate of its issuing chain is among them.
    green: intact and trusted; orange: intact, signer not trusted; red: not signed, altered,
    unreadable. A missing file or an unreadable trust certificate raises SigningError.
    """
    anchors = load_trust_certificates(trust)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"fichier introuvable : « {path} »") from None
    except OSError as exc:
        raise SigningError(f"impossible de lire « {path} » : {describe_os_error(exc)}") from exc
    return _run_sync(lambda: _verify_bytes(path, data, anchors))


def load_trust_certificates(paths: Sequence[Path]) -> list[bytes]:
    """Read PEM (one or several certificates) or DER files; return the DER certificates."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    ders: list[bytes] = []
    for cert_path in paths:
        try:
            raw = cert_path.read_bytes()
        except OSError as exc:
            raise SigningError(
                f"certificat de confiance illisible « {cert_path} » : {describe_os_error(exc)}"
            ) from exc
        try:
            if b"-----BEGIN" in raw:
                certs = x509.load_pem_x509_certificates(raw)
            else:
                certs = [x509.load_der_x509_certificate(raw)]
        except ValueError:
            raise SigningError(
                f"« {cert_path.name} » n'est pas un certificat (PEM ou DER) : "
                "donnez le certificat exporté de l'auditeur (.pem)"
            ) from None
        ders.extend(c.public_bytes(Encoding.DER) for c in certs)
    return ders


def _verify_bytes(path: Path, data: bytes, anchors: list[bytes]) -> Verification:
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    _quiet_pyhanko_logs()
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # any parse failure of a tampered file is a red verdict
        return Verification(
            path=path,
            signed=False,
            intact=False,
            trusted=False,
            level="red",
            summary="Le fichier n'est pas un PDF lisible : il a été modifié ou endommagé",
            details=(_short(exc),),
        )
    if not signatures:
        return Verification(
            path=path,
            signed=False,
            intact=False,
            trusted=False,
            level="red",
            summary="Le document n'est pas signé",
        )
    last_index = len(signatures) - 1
    verdicts = [_verify_one(s, anchors, last=i == last_index) for i, s in enumerate(signatures)]
    # Show the worst signature; among equals, the latest.
    rank = {"red": 0, "orange": 1, "green": 2}
    shown = min(reversed(verdicts), key=lambda v: rank[v.level])
    return Verification(
        path=path,
        signed=True,
        intact=all(v.intact for v in verdicts),
        trusted=all(v.trusted for v in verdicts),
        level=shown.level,
        summary=shown.summary,
        signer_name=shown.signer_name,
        signer_fingerprint=shown.signer_fingerprint,
        signing_time=shown.signing_time,
        signer=shown.signer,
        field_name=shown.field_name,
        signature_count=len(signatures),
        details=shown.details,
    )


@dataclass(frozen=True)
class _OneVerdict:
    level: Level
    intact: bool
    trusted: bool
    summary: str
    signer_name: str = ""
    signer_fingerprint: str = ""
    signing_time: datetime | None = None
    signer: Identity | None = None
    field_name: str = ""
    details: tuple[str, ...] = ()


def _verify_one(sig: EmbeddedPdfSignature, anchors: list[bytes], *, last: bool) -> _OneVerdict:
    """Judge one signature. The last one must cover the whole file; an earlier one may be
    followed only by changes that pyHanko's difference analysis allows (other signatures)."""
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    field_name = str(sig.field_name or "")
    try:
        signer = identity_from_der(sig.signer_cert.dump())
    except Exception as exc:
        return _OneVerdict(
            "red",
            False,
            False,
            "Signature illisible : le document a été modifié ou endommagé",
            field_name=field_name,
            details=(_short(exc),),
        )
    roots = [c for der in anchors for c in load_certs_from_pemder_data(der)]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    usage = KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )
    who = f"{signer.name} (empreinte {signer.short_fingerprint})"
    try:
        status: PdfSignatureStatus = validate_pdf_signature(
            sig, signer_validation_context=context, key_usage_settings=usage
        )
    except Exception as exc:  # a mangled CMS blob or byte range: the file was altered
        return _OneVerdict(
            "red",
            False,
            False,
            f"Signature de {who} invalide : le document a été modifié ou endommagé",
            signer.name,
            signer.fingerprint,
            None,
            signer,
            field_name,
            (_short(exc),),
        )
    signing_time = status.signer_reported_dt or sig.self_reported_timestamp
    envelope = _envelope_problem(bytes(sig.pkcs7_content), sig.signed_data)
    if envelope is not None:
        return _OneVerdict(
            "red",
            False,
            False,
            f"Signature de {who} altérée : le bloc de signature a été modifié",
            signer.name,
            signer.fingerprint,
            signing_time,
            signer,
            field_name,
            (envelope,),
        )
    if last:
        covered = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    else:
        covered = bool(
            status.coverage is not None
            and status.coverage >= SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level is not None
            and status.modification_level <= ModificationLevel.FORM_FILLING
            and status.docmdp_ok
        )
    intact = bool(status.intact and status.valid and covered)
    trusted = bool(status.trusted)
    when = f" le {_french_time(signing_time)}" if signing_time else ""
    coverage = status.coverage.name if status.coverage is not None else "inconnue"
    details = (f"pyHanko : {status.summary()}", f"couverture : {coverage}")

    def verdict(level: Level, text: str, *, is_trusted: bool = trusted) -> _OneVerdict:
        return _OneVerdict(
            level,
            intact,
            is_trusted,
            text,
            signer.name,
            signer.fingerprint,
            signing_time,
            signer,
            field_name,
            details,
        )

    if not (status.intact and status.valid):
        return verdict(
            "red",
            f"Signature invalide : le document a été modifié après sa signature par {who}",
            is_trusted=False,
        )
    if not covered:
        return verdict(
            "red",
            f"Des modifications ont été ajoutées après la signature de {who} : "
            "ce n'est plus le document signé",
            is_trusted=False,
        )
    if trusted and status.bottom_line:
        return verdict(
            "green",
            f"Signature valide : document intact, signé par {who}{when} ; signataire de confiance",
        )
    if trusted:  # a trusted signer, but a rule of the document itself is not met
        return verdict(
            "red",
            f"Signature de {who} non conforme aux règles du document "
            "(champ de signature ou modifications autorisées)",
        )
    listed = signer.fingerprint in {identity_from_der(der).fingerprint for der in anchors}
    if listed:
        text = (
            f"Document intact, signé par {who}{when}, mais le certificat du signataire "
            f"est refusé : {_trust_problem(status, signer)}"
        )
    elif anchors:
        text = (
            f"Document intact, signé par {who}{when}, mais le signataire n'est pas parmi "
            "les certificats de confiance donnés"
        )
    else:
        text = (
            f"Document intact, signé par {who}{when} ; signataire non vérifié "
            "(aucun certificat de confiance donné)"
        )
    return verdict("orange", text)


_KNOWN_DIGESTS = frozenset(
    {"sha1", "sha224", "sha256", "sha384", "sha512", "sha512_224", "sha512_256",
     "sha3_224", "sha3_256", "sha3_384", "sha3_512", "shake128", "shake256"}
)  # fmt: skip


def _envelope_problem(contents: bytes, signed_data: Any) -> str | None:
    """What is wrong with the parts of the signature block that no signature covers, if any.

    The /Contents string holds the CMS structure then zero padding; being where the signature
    goes, it is outside the signed byte range. Its meaningful parts are protected by the CMS
    signature or the certificates' own, but not its envelope: lengths, versions, the list of
    digest algorithms, the padding. ISO 32000 requires the block to be DER, so check that it is
    strict DER followed by zeros, and that the envelope fields hold sensible values: then a byte
    flipped anywhere in the file turns the verdict red.
    """
    end = _der_end(contents, 0, len(contents), 0)
    if end is None:
        return "bloc de signature : encodage DER invalide"
    if any(contents[end:]):
        return "bloc de signature : octets non nuls après la structure CMS"
    try:
        if signed_data["version"].native not in {"v1", "v3", "v4", "v5"}:
            return "bloc de signature : version SignedData invalide"
        listed = []
        for algo in signed_data["digest_algorithms"]:
            listed.append(algo["algorithm"].native)
            if algo["parameters"].native is not None:
                return "bloc de signature : paramètres d'empreinte inattendus"
        if not set(listed) <= _KNOWN_DIGESTS:
            return "bloc de signature : algorithme d'empreinte inconnu"
        for info in signed_data["signer_infos"]:
            expected = "v3" if info["sid"].name == "subject_key_identifier" else "v1"
            if info["version"].native != expected:
                return "bloc de signature : version SignerInfo invalide"
            digest = info["digest_algorithm"]
            if digest["algorithm"].native not in listed or digest["parameters"].native is not None:
                return "bloc de signature : algorithme d'empreinte du signataire incohérent"
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        return f"bloc de signature illisible ({_short(exc)})"
    return None


def _der_end(data: bytes, pos: int, limit: int, depth: int) -> int | None:
    """End of the DER element at ``pos`` (children of constructed ones checked to fill it
    exactly, lengths definite and minimal), or None when it is not strict DER."""
    if pos + 2 > limit or depth > 64:
        return None
    tag = data[pos]
    if tag == 0:  # end-of-contents: BER only; in padding, zeros would read as such pairs
        return None
    pos += 1
    if tag & 0x1F == 0x1F:  # high tag number form
        while pos < limit and data[pos] & 0x80:
            pos += 1
        pos += 1
    if pos >= limit:
        return None
    first = data[pos]
    pos += 1
    if first < 0x80:
        length = first
    else:
        width = first & 0x7F
        if not 1 <= width <= 4 or pos + width > limit or data[pos] == 0:
            return None  # indefinite length (BER), or a length not in its shortest form
        length = int.from_bytes(data[pos : pos + width], "big")
        if length < 0x80:
            return None
        pos += width
    end = pos + length
    if end > limit:
        return None
    if tag & 0x20:  # constructed: the children must fill it exactly
        cursor = pos
        while cursor < end:
            child = _der_end(data, cursor, end, depth + 1)
            if child is None:
                return None
            cursor = child
    return end


def _trust_problem(status: PdfSignatureStatus, signer: Identity) -> str:
    from datetime import UTC

    now = datetime.now(UTC)
    if now > signer.not_after:
        return f"il a expiré le {signer.not_after:%d/%m/%Y}"
    if now < signer.not_before:
        return f"il n'est valable qu'à partir du {signer.not_before:%d/%m/%Y}"
    indic = status.trust_problem_indic
    if indic is None:
        return "usage de clé ou chaîne de certification non conforme"
    return f"chaîne de certification refusée ({indic.standard_name})"


def _quiet_pyhanko_logs() -> None:
    """pyHanko logs expected failures (an untrusted signer…) with tracebacks: without a logging
    set-up they would reach the terminal through logging's last-resort handler."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _french_time(moment: datetime) -> str:
    local = moment.astimezone()
    return local.strftime("%d/%m/%Y à %H:%M (%Z)")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


def _run_sync(work: Callable[[], T]) -> T:
    """Run ``work`` (which calls ``asyncio.run`` inside pyHanko) even under a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


__all__ = [
    "MIN_BOX_SIZE",
    "STAMP_TEXT",
    "Box",
    "IdentityError",
    "SignatureInfo",
    "SigningError",
    "Verification",
    "load_trust_certificates",
    "sign_pdf",
    "verify_pdf",
]
