"""The audit report on the demo audit: content, structure, embedded data, same bytes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from auditor_app.demo_info import DEMO_AUDIT_ID
from auditor_app.report.build import build_report, read_embedded_data
from auditor_app.report.data import collect, to_document
from auditor_app.report.errors import ReportError
from auditor_app.store import audits, findings
from tests.core.test_report_support import DISPUTE, Demo, make_demo, page_text, pdf_text

SECTIONS = [
    "1. Objet, périmètre et méthode de l'audit",
    "1.7 Échantillonnage",
    "1.8 Parties du périmètre non couvertes",
    "2. Résultats et conclusions",
    "2.2 Proposition de niveau",
    "2.3 Degré de satisfaction des critères",
    "3. Indicateurs",
    "3.3 Tests mystères",
    "4. Constats",
    "4.1 Points forts",
    "4.2 Pistes de progrès",
    "4.3 Points sensibles",
    "4.4 Non-conformités mineures",
    "4.5 Non-conformités majeures",
    "5. Détail par site",
    "6. Réunions de clôture",
    "6.2 Avis divergents non résolus",
    "7. Signatures",
    "Annexe A – Photos",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    built = make_demo(tmp_path_factory.mktemp("report"))
    yield built
    built.ws.close()


def test_text_holds_sections_engagements_findings_and_sites(demo: Demo) -> None:
    text = demo.text
    for title in SECTIONS:
        assert title in text, title
    ref = audits.referential(demo.ws, audits.get_audit(demo.ws, DEMO_AUDIT_ID).referential_key)
    for engagement in ref.engagements:
        assert " ".join(engagement.title.split()) in text, engagement.number
    assert "Intitulé de l'engagement 8 non confirmé" in text
    assert "Pas de marquage au sol : les échanges au guichet s'entendent dans la file." in text
    for site in audits.sites(demo.ws, DEMO_AUDIT_ID):
        assert site.name in text
    assert "DEMO-VDR-2026" in text and "Niveau visé Argent" in text


def test_french_punctuation_survives(demo: Demo) -> None:
    # Helvetica's WinAnsi encoding covers œ, ’ and « » : they must come back as written.
    assert DISPUTE in demo.text
    assert "Label « Services Publics + »" in demo.text
    assert "droit à l’erreur" in demo.text


def test_every_page_has_its_number_out_of_the_total(demo: Demo) -> None:
    pages = demo.result.pages
    assert pages == len(PdfReader(str(demo.result.path)).pages) > 20
    assert f"Page 1 / {pages}" in page_text(demo.result.path, 1)
    assert f"Page {pages} / {pages}" in page_text(demo.result.path, pages)
    assert "Rapport d'audit Services Publics + – DEMO-VDR-2026" in page_text(demo.result.path, 2)


def test_bookmarks_follow_the_sections(demo: Demo) -> None:
    reader = PdfReader(str(demo.result.path))
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[:3] == [
        "1. Objet, périmètre et méthode de l'audit",
        "2. Résultats et conclusions",
        "3. Indicateurs",
    ]
    assert top[-2:] == ["7. Signatures", "Annexe A – Photos"]
    sites = reader.outline[top.index("5. Détail par site") * 2 + 1]
    assert any(demo.site_name in item.title for item in sites)
    # A bookmark leads to the page where its section starts.
    signatures = reader.outline[top.index("7. Signatures") * 2]
    assert "7. Signatures" in page_text(
        demo.result.path, reader.get_destination_page_number(signatures) + 1
    )


def test_metadata_and_creation_date_come_from_the_data(demo: Demo) -> None:
    meta = PdfReader(str(demo.result.path)).metadata
    assert meta is not None, "the report has no document information"
    assert meta.title == "Rapport d'audit Services Publics + – DEMO-VDR-2026"
    assert meta.author == "Claire Martin"
    assert "Région Val-de-Rhin" in (meta.subject or "")
    as_of = collect(demo.ws, DEMO_AUDIT_ID).as_of
    assert meta["/CreationDate"] == as_of.strftime("D:%Y%m%d%H%M%S+00'00'")


def test_embedded_json_round_trips(demo: Demo) -> None:
    data = read_embedded_data(demo.result.path)
    expected = json.loads(json.dumps(to_document(collect(demo.ws, DEMO_AUDIT_ID)), default=str))
    assert data == expected
    assert data["audit"]["reference"] == "DEMO-VDR-2026"
    assert len(data["findings"]) == len(findings.findings(demo.ws, DEMO_AUDIT_ID))
    stored = {row[0] for row in demo.ws.conn.execute("SELECT blob_sha256 FROM evidence")}
    embedded = {e["sha256"] for f in data["findings"] for e in f["evidence"]}
    assert embedded == stored
    assert data["journal"]["head"] == demo.ws.verify_journal().head
    assert [r["comment"] for r in data["closing_responses"] if r["response"] == "disputed"] == [
        DISPUTE
    ]


def test_a_pdf_without_audit_data_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(72, 720, "Pas un rapport")
    canvas.save()
    with pytest.raises(ReportError, match="ne contient pas les données"):
        read_embedded_data(plain)


def test_same_data_gives_the_same_bytes(demo: Demo) -> None:
    again = build_report(demo.ws, DEMO_AUDIT_ID, demo.root / "again.pdf")
    assert again.path.read_bytes() == demo.result.path.read_bytes()
    assert again.signature_box == demo.result.signature_box


def test_signatures_page_has_the_drawn_signatures_and_an_empty_box(demo: Demo) -> None:
    result = demo.result
    x1, y1, x2, y2 = result.signature_box
    assert 0 <= result.signature_page < result.pages
    assert (round(x2 - x1), round(y2 - y1)) == (240, 70)
    assert 0 < x1 < x2 < 595.3 and 0 < y1 < y2 < 841.9
    text = page_text(result.path, result.signature_page + 1)
    assert "Signature électronique de l'auditeur" in text
    signatures = pdf_text_between(demo.text, "7. Signatures", "Annexe A")
    assert "Mme Roux" in signatures and "Représentant de l'audité" in signatures
    assert "Signé le" in signatures
    page = PdfReader(str(result.path)).pages[result.signature_page]
    images = page["/Resources"]["/XObject"]
    assert len(images) >= 2  # the two drawn signatures


def pdf_text_between(text: str, start: str, end: str) -> str:
    return text[text.rindex(start) : text.rindex(end)]


def test_closing_meeting_gives_acknowledgement_and_diverging_opinion(demo: Demo) -> None:
    section = pdf_text_between(demo.text, "6. Réunions de clôture", "7. Signatures")
    assert demo.site_name in section and "Mme Roux" in section
    assert section.index(DISPUTE) > section.index("6.2 Avis divergents non résolus")


def test_indicators_show_interval_and_national_reference(demo: Demo) -> None:
    section = pdf_text_between(demo.text, "3. Indicateurs", "4. Constats")
    assert "84,0 %" in section and "[80,1 % ; 87,2 %]" in section
    assert "Au-dessus de la référence nationale (69 %)" in section
    assert "Baromètre des services publics 2025" in section
    assert re.search(r"Appels : 13 ; un agent a répondu à \d+", section)
    assert "jours ouvrés" in section


def test_level_proposal_states_its_rule(demo: Demo) -> None:
    section = pdf_text_between(demo.text, "2.2 Proposition de niveau", "3. Indicateurs")
    assert "Niveau proposé : Bronze" in section
    assert "Bronze : atteint" in section and "Argent : non atteint" in section
    assert "Au plus 5 non-conformités mineures" in section


def test_rendered_pages_are_images(demo: Demo, tmp_path: Path) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm absent")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "30",
            "-png",
            "-f",
            "1",
            "-l",
            "3",
            str(demo.result.path),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    assert len(list(tmp_path.glob("p-*.png"))) == 3


def test_a_report_limited_to_one_site(demo: Demo, tmp_path: Path) -> None:
    result = build_report(
        demo.ws, DEMO_AUDIT_ID, tmp_path / "metz.pdf", sites=[demo.site_name], photo_annex=False
    )
    text = pdf_text(result.path)
    assert "1 site(s) retenu(s) sur 21" in text
    assert "Annexe A – Photos" not in text
    assert "Maison de la Région – Colmar" not in text
    assert read_embedded_data(result.path)["site_selection"] == [demo.site_id]
    with pytest.raises(ReportError, match="Site"):
        build_report(demo.ws, DEMO_AUDIT_ID, tmp_path / "x.pdf", sites=["Atlantis"])
    assert not (tmp_path / "x.pdf").exists()


def test_progress_goes_forward_to_the_end(demo: Demo, tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    build_report(
        demo.ws,
        DEMO_AUDIT_ID,
        tmp_path / "r.pdf",
        progress=lambda done, total, label: calls.append((done, total, label)),
    )
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert all(done <= total for done, total, _ in calls)
    assert {"Réduction des photos", "Mise en page"} <= {label for *_, label in calls}
