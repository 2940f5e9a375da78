"""PAdES signature of a report PDF and its offline verification (green, orange, red)."""

from __future__ import annotations

import asyncio
import errno
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from auditor_app.identity import Identity, IdentityError, create_identity, export_certificate_pem
from auditor_app.report.signing import SigningError, sign_pdf, stamp_safe, verify_pdf
from tests.core.test_identity import PASS, _key_usage, make_certificate, make_p12

BOX = (300.0, 80.0, 540.0, 160.0)
BODY_TEXT = "Rapport d'audit Services Publics +"


def make_pdf(path: Path, pages: int = 2) -> Path:
    """A small report: uncompressed, so that the page text can be found in the bytes."""
    c = canvas.Canvas(str(path), pageCompression=0, invariant=1)
    for number in range(1, pages + 1):
        c.drawString(72, 760, f"{BODY_TEXT} – page {number} / {pages}")
        if number == pages:
            c.drawString(72, 180, "Signatures")
            c.rect(BOX[0], BOX[1], BOX[2] - BOX[0], BOX[3] - BOX[1])
        c.showPage()
    c.save()
    return path


def flip(src: Path, dst: Path, position: int) -> Path:
    data = bytearray(src.read_bytes())
    data[position] ^= 0x01
    dst.write_bytes(bytes(data))
    return dst


def byte_range(pdf: Path) -> tuple[int, int, int, int]:
    found = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf.read_bytes())
    assert found is not None, "no /ByteRange: the PDF is not signed"
    a, b, c, d = (int(x) for x in found.groups())
    return a, b, c, d


@pytest.fixture
def claire(tmp_path: Path) -> Identity:
    ident = create_identity(
        "Claire Martin", "claire.martin@example.fr", "Qualicert", tmp_path / "claire.p12", PASS
    )
    export_certificate_pem(ident, tmp_path / "claire.pem")
    return ident


@pytest.fixture
def signed(tmp_path: Path, claire: Identity) -> Path:
    src = make_pdf(tmp_path / "rapport.pdf")
    sign_pdf(
        src, tmp_path / "signed.pdf", tmp_path / "claire.p12", PASS, box=BOX, location="Valence"
    )
    return tmp_path / "signed.pdf"


# --- the three colours ------------------------------------------------------------------------


def test_signed_report_is_green_with_the_exported_certificate(
    tmp_path: Path, claire: Identity
) -> None:
    src = make_pdf(tmp_path / "rapport.pdf")
    before = datetime.now(UTC).replace(microsecond=0)
    info = sign_pdf(src, tmp_path / "signed.pdf", tmp_path / "claire.p12", PASS, box=BOX)
    assert info.path == tmp_path / "signed.pdf" and info.visible and info.page == 1
    assert info.signer.fingerprint == claire.fingerprint
    assert info.signed_at is not None and before <= info.signed_at <= datetime.now(UTC)
    assert src.read_bytes().startswith(b"%PDF")  # the source is left as it was

    result = verify_pdf(info.path, [tmp_path / "claire.pem"])
    assert (result.level, result.signed, result.intact, result.trusted) == (
        "green",
        True,
        True,
        True,
    )
    assert result.ok
    assert result.signer_name == "Claire Martin"
    assert result.signer_fingerprint == claire.fingerprint
    assert result.signing_time == info.signed_at
    assert result.signature_count == 1 and result.field_name == "Signature_auditeur"
    assert result.summary.startswith("Signature valide")
    assert "Claire Martin" in result.summary and claire.short_fingerprint in result.summary


def test_without_trust_the_signature_is_orange(signed: Path, tmp_path: Path) -> None:
    result = verify_pdf(signed)
    assert (result.level, result.signed, result.intact, result.trusted) == (
        "orange",
        True,
        True,
        False,
    )
    assert "aucun certificat de confiance" in result.summary
    stranger = create_identity("Inconnu", "x@example.fr", "", tmp_path / "x.p12", PASS)
    other = verify_pdf(signed, [export_certificate_pem(stranger, tmp_path / "x.pem")])
    assert other.level == "orange"
    assert "n'est pas parmi les certificats de confiance" in other.summary


def test_a_flipped_byte_in_the_middle_of_the_file_is_red(signed: Path, tmp_path: Path) -> None:
    size = signed.stat().st_size
    result = verify_pdf(flip(signed, tmp_path / "t.pdf", size // 2), [tmp_path / "claire.pem"])
    assert result.level == "red" and not result.intact and not result.trusted


def test_a_flipped_byte_in_the_signed_page_content_is_red(signed: Path, tmp_path: Path) -> None:
    position = signed.read_bytes().index(b"Services Publics")
    a, b, _, _ = byte_range(signed)
    assert a <= position < a + b  # inside the signed range
    result = verify_pdf(flip(signed, tmp_path / "t.pdf", position), [tmp_path / "claire.pem"])
    assert result.level == "red" and result.signed and not result.intact
    assert "modifié après sa signature" in result.summary
    assert result.signer_name == "Claire Martin"


def test_a_flipped_byte_anywhere_in_the_file_is_never_accepted(
    signed: Path, tmp_path: Path
) -> None:
    a, b, c, d = byte_range(signed)
    size = signed.stat().st_size
    assert (a, c + d) == (0, size)  # the signature covers the whole file
    # Both signed ranges, the signature block and its zero padding, edges included.
    positions = {0, b - 1, b, b + 1, c - 2, c - 1, c, size - 1}
    positions |= set(range(0, size, max(1, size // 80)))
    levels = {}
    for position in sorted(positions):
        result = verify_pdf(flip(signed, tmp_path / "t.pdf", position), [tmp_path / "claire.pem"])
        levels[position] = result.level
    assert {p: lv for p, lv in levels.items() if lv != "red"} == {}


@pytest.mark.parametrize(
    "where",
    ["outer length", "digest algorithm list", "signer info version", "zero padding"],
)
def test_a_flipped_byte_in_the_unsigned_signature_envelope_is_red(
    signed: Path, tmp_path: Path, where: str
) -> None:
    # /Contents is outside the signed range by design; its envelope is checked separately.
    from asn1crypto import cms  # type: ignore[import-untyped]

    data = signed.read_bytes()
    _, b, c, _ = byte_range(signed)
    start = b + 1  # after « < »: two hex digits per byte of the CMS structure
    raw = bytes.fromhex(data[start : c - 1].decode())
    signed_data = cms.ContentInfo.load(raw.rstrip(b"\0"))["content"]
    digests_at = raw.index(signed_data["digest_algorithms"].dump())
    info_at = raw.index(signed_data["signer_infos"][0].dump())
    positions = {
        # 30 82 LL LL: ±16 on the outer length, which could reach into the zero padding
        "outer length": start + 2 * 3,
        # last digit of the first digest algorithm's OID (SET, SEQUENCE headers then 06 09 + 9
        # bytes): sha256 becomes an unknown algorithm
        "digest algorithm list": start + 2 * (digests_at + 2 + 2 + 2 + 8) + 1,
        # the version INTEGER after the SignerInfo SEQUENCE header (30 82 xx xx, then 02 01 vv)
        "signer info version": start + 2 * (info_at + 4 + 2) + 1,
        "zero padding": c - 3,
    }
    result = verify_pdf(
        flip(signed, tmp_path / "t.pdf", positions[where]), [tmp_path / "claire.pem"]
    )
    assert result.level == "red", (where, result.summary)
    assert not result.intact


def test_a_change_appended_after_signing_is_red(signed: Path, tmp_path: Path) -> None:
    from pyhanko.pdf_utils.generic import NameObject, TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with signed.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        info = writer.root  # change the catalogue: a legitimate-looking incremental update
        info[NameObject("/Lang")] = TextStringObject("en")
        writer.update_root()  # type: ignore[no-untyped-call]
        out = tmp_path / "appended.pdf"
        with out.open("wb") as target:
            writer.write(target)  # type: ignore[no-untyped-call]
    result = verify_pdf(out, [tmp_path / "claire.pem"])
    assert result.level == "red" and not result.intact
    assert "ajoutées après la signature" in result.summary


def test_unsigned_or_unreadable_files_are_red(tmp_path: Path) -> None:
    plain = verify_pdf(make_pdf(tmp_path / "plain.pdf"))
    assert (plain.level, plain.signed) == ("red", False)
    assert plain.summary == "Le document n'est pas signé"
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is no pdf")
    assert verify_pdf(junk).level == "red"
    assert "pas un PDF lisible" in verify_pdf(junk).summary


def test_verify_misuse_raises(signed: Path, tmp_path: Path) -> None:
    with pytest.raises(SigningError, match="introuvable"):
        verify_pdf(tmp_path / "absent.pdf")
    not_a_cert = tmp_path / "notes.pem"
    not_a_cert.write_text("bonjour")
    with pytest.raises(SigningError, match="n'est pas un certificat"):
        verify_pdf(signed, [not_a_cert])
    with pytest.raises(SigningError, match="certificat de confiance illisible"):
        verify_pdf(signed, [tmp_path / "absent.pem"])


def test_trust_by_issuer_and_der_certificates(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    ca_cert, ca_key = make_certificate(
        "AC Certificateur", ca=True, key_usage=_key_usage(key_cert_sign=True, crl_sign=True)
    )
    p12 = make_p12(
        tmp_path / "issued.p12", "Élodie Été", issuer=(ca_cert, ca_key), chain=(ca_cert,)
    )
    out = sign_pdf(make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", p12, PASS).path
    (tmp_path / "ca.der").write_bytes(ca_cert.public_bytes(Encoding.DER))
    result = verify_pdf(out, [tmp_path / "ca.der"])
    assert result.level == "green", result.summary
    assert result.signer_name == "Élodie Été"
    assert verify_pdf(out).level == "orange"


def test_two_signatures_auditor_then_lead(signed: Path, tmp_path: Path) -> None:
    lead = create_identity("Bruno Lefèvre", "b@example.fr", "", tmp_path / "lead.p12", PASS)
    export_certificate_pem(lead, tmp_path / "lead.pem")
    both = sign_pdf(
        signed,
        tmp_path / "both.pdf",
        tmp_path / "lead.p12",
        PASS,
        field_name="Signature_responsable",
        box=(60, 80, 290, 160),
    )
    result = verify_pdf(both.path, [tmp_path / "claire.pem", tmp_path / "lead.pem"])
    assert (result.level, result.signature_count) == ("green", 2)
    only_lead = verify_pdf(both.path, [tmp_path / "lead.pem"])
    assert only_lead.level == "orange" and only_lead.signer_name == "Claire Martin"


# --- refusals and faults ----------------------------------------------------------------------


def test_expired_certificate_is_refused_for_signing(tmp_path: Path) -> None:
    past = datetime.now(UTC) - timedelta(days=1)
    p12 = make_p12(tmp_path / "old.p12", not_before=past - timedelta(days=365), not_after=past)
    with pytest.raises(IdentityError, match="a expiré"):
        sign_pdf(make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", p12, PASS)
    assert not (tmp_path / "s.pdf").exists()


def test_non_signing_certificate_is_refused_for_signing(tmp_path: Path) -> None:
    p12 = make_p12(tmp_path / "enc.p12", key_usage=_key_usage(key_encipherment=True))
    with pytest.raises(IdentityError, match="ne permet pas la signature numérique"):
        sign_pdf(make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", p12, PASS)
    assert not (tmp_path / "s.pdf").exists()


def test_wrong_passphrase_is_refused_for_signing(tmp_path: Path, claire: Identity) -> None:
    with pytest.raises(IdentityError, match="phrase de passe incorrecte"):
        sign_pdf(make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", tmp_path / "claire.p12", b"faux")
    assert not (tmp_path / "s.pdf").exists()


def test_unwritable_destination_leaves_no_file(tmp_path: Path, claire: Identity) -> None:
    src = make_pdf(tmp_path / "r.pdf")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(SigningError, match="impossible d'écrire"):
        sign_pdf(src, blocker / "s.pdf", tmp_path / "claire.p12", PASS)
    assert blocker.read_text() == "a file where a folder should be"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_destination_leaves_no_file(tmp_path: Path, claire: Identity) -> None:
    src = make_pdf(tmp_path / "r.pdf")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(SigningError, match="permission refusée"):
            sign_pdf(src, locked / "s.pdf", tmp_path / "claire.p12", PASS)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_full_disk_leaves_no_half_file_and_keeps_the_previous_one(
    tmp_path: Path, claire: Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = make_pdf(tmp_path / "r.pdf")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    previous = out_dir / "s.pdf"
    previous.write_bytes(b"previous version")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SigningError, match="disque plein"):
        sign_pdf(src, previous, tmp_path / "claire.p12", PASS, box=BOX)
    assert previous.read_bytes() == b"previous version"
    assert [p.name for p in out_dir.iterdir()] == ["s.pdf"]  # no temporary file left


def test_bad_source_page_or_box_is_refused(tmp_path: Path, claire: Identity) -> None:
    p12 = tmp_path / "claire.p12"
    src = make_pdf(tmp_path / "r.pdf", pages=2)
    with pytest.raises(SigningError, match="page 5 inexistante"):
        sign_pdf(src, tmp_path / "s.pdf", p12, PASS, page=5, box=BOX)
    with pytest.raises(SigningError, match="trop petit"):
        sign_pdf(src, tmp_path / "s.pdf", p12, PASS, box=(10, 10, 20, 20))
    with pytest.raises(SigningError, match="introuvable"):
        sign_pdf(tmp_path / "absent.pdf", tmp_path / "s.pdf", p12, PASS)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"no pdf here")
    with pytest.raises(SigningError, match="pas un PDF lisible"):
        sign_pdf(junk, tmp_path / "s.pdf", p12, PASS)
    assert not (tmp_path / "s.pdf").exists()


def test_signed_report_gets_the_usual_file_rights(tmp_path: Path, claire: Identity) -> None:
    old = os.umask(0o022)
    try:
        out = sign_pdf(
            make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", tmp_path / "claire.p12", PASS
        ).path
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644  # a report is meant to be shared
    assert (tmp_path / "claire.p12").stat().st_mode & 0o777 == 0o600  # a key is not


def test_a_field_already_signed_is_not_signed_again(signed: Path, tmp_path: Path) -> None:
    with pytest.raises(SigningError, match="porte déjà une signature dans le champ"):
        sign_pdf(signed, tmp_path / "again.pdf", tmp_path / "claire.p12", PASS)
    assert not (tmp_path / "again.pdf").exists()


def test_signing_in_place(tmp_path: Path, claire: Identity) -> None:
    src = make_pdf(tmp_path / "r.pdf")
    sign_pdf(src, src, tmp_path / "claire.p12", PASS)
    assert verify_pdf(src, [tmp_path / "claire.pem"]).level == "green"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claire.p12", "claire.pem", "r.pdf"]


# --- appearance -------------------------------------------------------------------------------


def _signature_widgets(pdf: Path, page: int) -> list[Any]:
    """The signature widgets of a page (pypdf objects, loosely typed)."""
    annots: Any = PdfReader(pdf).pages[page].get("/Annots") or []
    widgets = [a.get_object() for a in annots]
    return [
        w for w in widgets if w.get("/FT") == "/Sig" or w.get("/Parent", {}).get("/FT") == "/Sig"
    ]


def test_visible_signature_has_an_appearance_in_the_box(signed: Path) -> None:
    widgets = _signature_widgets(signed, -1)
    assert len(widgets) == 1
    widget = widgets[0]
    assert widget["/T"] == "Signature_auditeur"
    assert [round(float(v)) for v in widget["/Rect"]] == [round(v) for v in BOX]
    appearance = widget["/AP"]["/N"].get_object()
    stream = appearance.get_data()
    assert len(stream) > 50
    # The stamp text, through the form XObject's nested content.
    texts = stream + b"".join(
        x.get_object().get_data()
        for x in appearance.get("/Resources", {}).get("/XObject", {}).values()
    )
    assert b"Claire Martin" in texts
    assert rb"(Sign\351 \351lectroniquement par) Tj" in texts  # WinAnsi « é » = \351
    assert _signature_widgets(signed, 0) == []


def test_invisible_signature_without_a_box(tmp_path: Path, claire: Identity) -> None:
    info = sign_pdf(make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", tmp_path / "claire.p12", PASS)
    assert not info.visible and info.box is None
    widgets = _signature_widgets(info.path, -1)
    assert len(widgets) == 1
    assert [float(v) for v in widgets[0]["/Rect"]] == [0, 0, 0, 0]


def test_an_empty_signature_field_already_in_the_pdf_is_used(
    tmp_path: Path, claire: Identity
) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    src = make_pdf(tmp_path / "r.pdf")
    with src.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        spec = fields.SigFieldSpec("Signature_auditeur", on_page=1, box=(100, 100, 300, 160))
        fields.append_signature_field(writer, spec)
        with (tmp_path / "with-field.pdf").open("wb") as out:
            writer.write(out)  # type: ignore[no-untyped-call]
    info = sign_pdf(tmp_path / "with-field.pdf", tmp_path / "s.pdf", tmp_path / "claire.p12", PASS)
    widgets = _signature_widgets(info.path, 1)
    assert len(widgets) == 1
    assert [round(float(v)) for v in widgets[0]["/Rect"]] == [100, 100, 300, 160]
    assert b"Claire Martin" in widgets[0]["/AP"]["/N"].get_object().get_data() or any(
        b"Claire Martin" in x.get_object().get_data()
        for x in widgets[0]["/AP"]["/N"].get_object()["/Resources"]["/XObject"].values()
    )
    assert verify_pdf(info.path, [tmp_path / "claire.pem"]).level == "green"


def test_stamp_text_keeps_to_what_the_standard_font_shows() -> None:
    assert stamp_safe("Élodie Ñúñez") == "Élodie Ñúñez"
    assert stamp_safe("Łukasz Żółć") == "Lukasz Zólc"
    assert stamp_safe("Cœur d’Or\u202f€") == "Coeur d'Or EUR"
    assert stamp_safe("王") == "?"


def test_signer_outside_latin1_still_signs_and_verifies(tmp_path: Path) -> None:
    ident = create_identity("Łukasz Żółć", "l@example.pl", "", tmp_path / "l.p12", PASS)
    export_certificate_pem(ident, tmp_path / "l.pem")
    out = sign_pdf(
        make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", tmp_path / "l.p12", PASS, box=BOX
    ).path
    result = verify_pdf(out, [tmp_path / "l.pem"])
    assert result.level == "green" and result.signer_name == "Łukasz Żółć"


# --- interoperability and context -------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_poppler_pdfsig_accepts_the_signature(signed: Path, tmp_path: Path) -> None:
    result = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Signature_auditeur" in out and "Claire Martin" in out
    assert "Signature Validation: Signature is Valid." in out
    assert "ETSI.CAdES.detached" in out  # PAdES
    assert "Total document signed" in out
    tampered = flip(signed, tmp_path / "t.pdf", signed.read_bytes().index(b"Services Publics"))
    bad = subprocess.run(["pdfsig", str(tampered)], capture_output=True, text=True, timeout=60)
    assert "Signature is Valid" not in bad.stdout


def test_rsa_identity_signs_too(tmp_path: Path) -> None:
    ident = create_identity(
        "Rémi Durand", "r@example.fr", "", tmp_path / "r.p12", PASS, key_type="rsa"
    )
    out = sign_pdf(
        make_pdf(tmp_path / "d.pdf"), tmp_path / "s.pdf", tmp_path / "r.p12", PASS, box=BOX
    ).path
    pem = export_certificate_pem(ident, tmp_path / "r.pem")
    assert verify_pdf(out, [pem]).level == "green"
    if shutil.which("pdfsig"):
        check = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, timeout=60)
        assert "Signature is Valid" in check.stdout


def test_sign_and_verify_work_inside_a_running_event_loop(tmp_path: Path, claire: Identity) -> None:
    async def inside() -> str:
        info = sign_pdf(
            make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", tmp_path / "claire.p12", PASS
        )
        return verify_pdf(info.path, [tmp_path / "claire.pem"]).level

    assert asyncio.run(inside()) == "green"


def test_verification_prints_nothing_to_the_terminal(
    signed: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    verify_pdf(signed)  # untrusted: pyHanko logs a traceback unless it is silenced
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""
