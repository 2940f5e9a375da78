"""The report in English: a complete catalogue, the same placeholders, an English PDF.

How the catalogue test finds the report's texts (``scan_report_sources``): every module of
``auditor_app/report`` is read with ``ast``.

- A **key** is the first argument of a call to ``t(…)``, ``<anything>.t(…)`` or ``N_(…)``: a
  string literal (implicitly concatenated literals are one literal). An f-string there is an
  error: the key must be the same whatever the data; values go in ``{0}``, ``{1}``…
- A **visible literal** is any other string literal, or literal part of an f-string, that
  reads as words: two words (a letter, a space, a letter), a French accented letter, or a
  capitalised word (``Site``, ``Photo``). Identifiers, style names and codes (``body``,
  ``LEFT``, ``JPEG``, ``ISO 19011``, ``SHA-256``) are not.
- A visible literal must be a key, unless it is never shown in the PDF: a docstring, inside a
  ``raise``, an argument of a call in ``NOT_SHOWN_CALLS`` (errors, warnings and progress for
  the French interface, verification verdicts), a dictionary key or subscript (codes), or
  inside a function or assignment listed in ``NOT_SHOWN`` with its reason.

Known limit: a single lowercase word without accent (``aucun``) does not read as words to
the scan; such words go through ``t`` all the same, and the English report is searched for
the French ones we use (``FRENCH_OF_OURS``).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from auditor_app import closing_meeting as meeting
from auditor_app.audit import scoring, surveys
from auditor_app.audit.model import Finding
from auditor_app.audit.scoring import LEVEL_LABELS
from auditor_app.audit.verdicts import VERDICT_LABELS, Verdict
from auditor_app.demo import build_demo
from auditor_app.demo_info import DEMO_AUDIT_ID
from auditor_app.i18n import LANGUAGES, Translator, load_catalogue
from auditor_app.overview import STATUS_LABELS
from auditor_app.referential.model import CHANNEL_LABELS, UNIT_LABELS, Level, LevelRequirement
from auditor_app.report.build import build_report
from auditor_app.report.errors import ReportError
from auditor_app.store import audits, closing
from auditor_app.store.workspace import Workspace
from tests.core.test_report_support import DISPUTE, STROKES, pdf_text, signature_png

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "auditor_app" / "report"
TRANSLATORS = {"t", "N_"}
NOT_SHOWN_CALLS = {
    # errors, for the French interface
    "ReportError", "ReportCancelled", "SigningError", "ValueError", "TranslationError",
    # build warnings and progress labels, shown by the French interface, not in the PDF
    "append",  # only ``….warnings.append``: see _sink
    "report",
    # code: SQL, typing
    "execute", "cast",
}  # fmt: skip
NOT_SHOWN = {
    ("build.py", "_ERRNO_TEXT"): "reasons of a write error (ReportError)",
    ("build.py", "_error"): "the ReportError of a write error",
    ("build.py", "_open_temp"): "the ReportError of a bad destination",
    ("build.py", "_photo_warnings"): "warnings for the French interface",
    ("build.py", "build_report"): "its warnings and progress for the French interface",
    ("photos.py", "_original_problem"): "problem of an original: a build warning",
    ("styles.py", "FONT"): "a font name",
    ("styles.py", "BOLD"): "a font name",
    ("styles.py", "ITALIC"): "a font name",
    ("signing.py", "_TRANSLITERATIONS"): "characters, not words",
    ("signing.py", "verify_pdf"): "verification verdicts, for report verify and its dialog",
    ("signing.py", "_verify_bytes"): "verification verdicts",
    ("signing.py", "_verify_one"): "verification verdicts",
    ("signing.py", "_envelope_problem"): "verification details",
    ("signing.py", "_trust_problem"): "verification details",
    ("signing.py", "_french_time"): "verification details",
    ("signing.py", "_signing_time"): "reads a signature",
    ("signing.py", "load_trust_certificates"): "its SigningError",
    ("signing.py", "_write_atomically"): "its SigningError",
}
# French of our own headings and labels that must not be left in the English report (the
# grid's texts and the auditors' notes, quoted as they are, must not contain them either).
FRENCH_OF_OURS = [
    "Objet, périmètre et méthode",
    "Résultats et conclusions",
    "Résultats par engagement",
    "Proposition de niveau",
    "Degré de satisfaction",
    "Indicateurs",
    "Enquête auprès des",
    "Tests mystères",
    "4. Constats",
    "Points forts (",
    "Non-conformités mineures",
    "Détail par site",
    "Constats à retenir",
    "Réunions de clôture",
    "Avis divergents",
    "Signatures manuscrites",
    "Signature électronique",
    "Niveau proposé",
    "Niveau visé",
    "non renseigné",
    "Réponse du site",
    "Constat :",
    "Journal des tests",
    "Document confidentiel",
    "Rapport d'audit",
    "Ensemble du site",
    "Taux de conformité",
    "Aucune non-conformité",
    ": atteint",
    ": non atteint",
    "Remplie",
    "Oui",
    "Non év.",
    "délai de réponse",
    "j. ouvrés",
    "sonnerie(s)",
    "Signé le",
    "Prise le",
    "Appels :",
    "Satisfaits",
    "référence nationale",
    "Au-dessus",
    "En dessous",
    "Pas d'écart",
]
ENGLISH_HEADINGS = [
    "1. Purpose, scope and method of the audit",
    "1.8 Parts of the scope not covered",
    "2. Results and conclusions",
    "2.1 Results by engagement",
    "2.2 Level proposal",
    "3. Indicators",
    "3.3 Mystery tests",
    "4. Findings",
    "4.1 Strengths",
    "4.5 Major nonconformities",
    "5. Details by site",
    "6. Closing meetings",
    "6.2 Unresolved diverging opinions",
    "7. Signatures",
    "Handwritten signatures (closing meetings)",
    "Electronic signature",
]
_PLACEHOLDERS = re.compile(r"\{\d*\}|%\(\w+\)s|%[a-zA-Z]")
_WORDS = re.compile(r"[A-Za-z]\s+[A-Za-z]|[À-ÿŒœ]|\b[A-Z][a-zà-ÿ]")
_MARKUP = re.compile(r"<[a-z/][^<>]*>?")


def reads_as_words(text: str) -> bool:
    """Whether a literal is text for a reader rather than code (see the module docstring)."""
    if text.startswith("/") or ("_" in text and not re.search(r"\s", text)):
        return False  # a PDF name (/Filespec), an identifier (Signature_auditeur)
    return bool(_WORDS.search(_MARKUP.sub("", text)))


# --- the scan -----------------------------------------------------------------------------


def _called(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _sink(node: ast.Call) -> bool:
    name = _called(node)
    if name == "append":  # warnings for the interface: ``warnings.append``, ``ctx.warnings…``
        target = node.func.value if isinstance(node.func, ast.Attribute) else None
        return isinstance(target, ast.Name | ast.Attribute) and (
            getattr(target, "id", "") == "warnings" or getattr(target, "attr", "") == "warnings"
        )
    return name in NOT_SHOWN_CALLS


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        # a string statement after an assignment documents it (attribute docstrings)
        if hasattr(node, "body") and isinstance(node.body, list):
            for stmt in node.body:
                if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                    found.add(id(stmt.value))
    return found


@dataclass
class _Scan:
    keys: set[str]
    loose: list[tuple[str, str]]  # (file:line, text) visible but not translated
    bad: list[tuple[str, str]]  # (file:line, why) a translator called with an f-string


def _visit(node: ast.AST, name: str, scan: _Scan, hidden: bool, docs: set[int]) -> None:
    where = f"{name}:{getattr(node, 'lineno', 0)}"
    if isinstance(node, ast.Raise):
        hidden = True
    if isinstance(node, ast.FunctionDef | ast.ClassDef) and (name, node.name) in NOT_SHOWN:
        hidden = True
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if "__all__" in names or any((name, n) in NOT_SHOWN for n in names):
            hidden = True
    if isinstance(node, ast.Compare):
        hidden = True  # values compared with: codes
    if isinstance(node, ast.Call):
        if _called(node) in TRANSLATORS and node.args:
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                scan.keys.add(key.value)
                for rest in [*node.args[1:], *node.keywords]:
                    _visit(rest, name, scan, hidden, docs)
                return
            if isinstance(key, ast.JoinedStr):
                scan.bad.append((where, "f-string passed to a translator"))
        if _sink(node):
            hidden = True
    if isinstance(node, ast.Dict):
        for value in node.values:
            _visit(value, name, scan, hidden, docs)
        return
    if isinstance(node, ast.Subscript):
        _visit(node.value, name, scan, hidden, docs)
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if not hidden and id(node) not in docs and reads_as_words(node.value):
            scan.loose.append((where, node.value))
        return
    for child in ast.iter_child_nodes(node):
        _visit(child, name, scan, hidden, docs)


def scan_report_sources() -> tuple[set[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Keys given to the translator, visible literals not given to it, misuses."""
    scan = _Scan(set(), [], [])
    for path in sorted(REPORT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        _visit(tree, path.name, scan, False, _docstrings(tree))
    return scan.keys, scan.loose, scan.bad


def core_labels() -> set[str]:
    """Labels of the core that the report shows, translated where they are shown."""
    return {
        *VERDICT_LABELS.values(),
        *CHANNEL_LABELS.values(),
        *UNIT_LABELS.values(),
        *LEVEL_LABELS.values(),
        *STATUS_LABELS.values(),
    }


def test_every_visible_text_of_the_report_code_is_in_the_english_catalogue() -> None:
    keys, loose, bad = scan_report_sources()
    assert not bad, bad
    assert not loose, "visible text not given to t(…) or N_(…):\n" + "\n".join(
        f"  {where}: {text!r}" for where, text in loose
    )
    assert len(keys) > 150  # the scan does see the report's texts
    messages = load_catalogue("en").messages
    missing = sorted(k for k in keys | core_labels() if k not in messages)
    assert not missing, "missing from resources/translations/report.en.json:\n" + "\n".join(
        f"  {k!r}" for k in missing
    )


def test_the_catalogue_has_no_stale_message() -> None:
    keys, _, _ = scan_report_sources()
    stale = sorted(set(load_catalogue("en").messages) - keys - core_labels())
    assert not stale, stale


def test_every_translation_keeps_the_placeholders_of_its_french() -> None:
    catalogue = load_catalogue("en")
    for section in (catalogue.messages, catalogue.patterns):
        for french, english in section.items():
            assert sorted(_PLACEHOLDERS.findall(french)) == sorted(
                _PLACEHOLDERS.findall(english)
            ), (french, english)
            assert english.strip() and english.count("<b>") == french.count("<b>"), french


def test_french_is_the_reference_and_needs_no_catalogue() -> None:
    t = Translator()
    assert t.lang == "fr" and t.pdf_language == "fr-FR" and set(LANGUAGES) == {"fr", "en"}
    for key in load_catalogue("en").messages:
        assert t(key) == key
    assert t("{0} site(s), dont {1} visité(s)", 3, 2) == "3 site(s), dont 2 visité(s)"
    assert (t.number(7.5), t.percent(0.756)) == ("7,5", "75,6 %")
    en = Translator("en")
    assert en("{0} site(s), dont {1} visité(s)", 3, 2) == "3 site(s), 2 of them visited"
    assert (en.number(7.5), en.percent(0.756), en.percent(0.03, 0, signed=True)) == (
        "7.5",
        "75.6%",
        "+3%",
    )
    with pytest.raises(ValueError, match="Langue du rapport inconnue"):
        Translator("de")


# --- sentences the core writes in French --------------------------------------------------


def _finding(n: int, verdict: Verdict | None, code: str) -> Finding:
    return Finding(id=f"f{n}", audit_id="a", checkpoint_code=code, site_id="s", verdict=verdict)


def _level_rule_sentences() -> set[str]:
    """Every description and detail that the level rule writes, over varied cases."""
    from auditor_app.referential.loader import load_bundled

    ref = load_bundled("sp-plus")
    codes = [cp.code for e in ref.engagements for c in e.criteria for cp in c.checkpoints]
    cases = [
        [],
        [_finding(0, Verdict.CONFORME, codes[0])],
        [_finding(0, Verdict.NC_MINEURE, codes[0]), _finding(1, Verdict.NC_MAJEURE, codes[1])],
        [_finding(i, Verdict.NC_MAJEURE, codes[i]) for i in range(12)],
        [_finding(i, v, codes[i]) for i, v in enumerate([*Verdict, None] * 3)],
    ]
    rules = [
        ref.level_rule,
        ref.level_rule.model_copy(
            update={
                "requirements": (
                    LevelRequirement(
                        level=Level.ARGENT,
                        min_conformity_rate=0.5,
                        max_nc_majeure=2,
                        max_nc_mineure=1,
                        min_user_satisfaction=0.6,
                    ),
                    LevelRequirement(
                        level=Level.OR,
                        min_conformity_rate=0.5,
                        max_nc_majeure=1,
                        max_nc_mineure=0,
                        mandatory_checkpoints_met=False,
                    ),
                )
            }
        ),
    ]
    texts = set()
    for rule in rules:
        grid = ref.model_copy(update={"level_rule": rule})
        for findings in cases:
            for share in (None, 0.5, 0.9):
                proposal = scoring.propose_level(grid, findings, share)
                for item in proposal.levels:
                    texts |= {text for c in item.checks for text in (c.description, c.detail)}
    return texts


def _reference_sentences() -> set[str]:
    texts = set()
    for kind in ("share", "net"):
        for low, high in ((0.7, 0.8), (0.5, 0.6), (0.6, 0.75)):
            indicator = surveys.Indicator(
                value=(low + high) / 2, low=low, high=high, n=100, reference=0.69, label="x",
                kind=kind,
            )  # fmt: skip
            texts.add(surveys.compare_to_reference(indicator).split(" : ")[0])
    return texts


def test_sentences_of_the_level_rule_and_the_references_translate_whole() -> None:
    t = Translator("en")
    texts = _level_rule_sentences() | _reference_sentences()
    assert len(texts) > 20
    for text in sorted(texts):
        english = t.sentence(text, strict=True)
        assert not re.search(r"[àâçéèêîôûœ]|constat|niveau|aucun| sur ", english), (text, english)
    assert (
        t.sentence("Taux de conformité d'au moins 80 % (points de niveaux bronze et argent)")
        == "Conformity rate of at least 80% (bronze and silver level checkpoints)"
    )
    assert (
        t.sentence("81,3 % : 13 constats sans non-conformité sur 16 évalués (N/A exclus)")
        == "81.3%: 13 findings without nonconformity out of 16 assessed (N/A excluded)"
    )
    assert t.sentence("2 constatées (A.1, B.2)") == "2 found (A.1, B.2)"
    assert t.sentence("phrase inconnue") == "phrase inconnue"  # left in French, never lost


# --- the English report ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo audit with one closing meeting (a dispute, two signatures); closed again."""
    root = tmp_path_factory.mktemp("report-lang") / "ws"
    with Workspace(root, actor="Claire Martin") as ws:
        build_demo(ws)
        site = audits.sites(ws, DEMO_AUDIT_ID)[1]
        items = meeting.closing_items(ws, DEMO_AUDIT_ID, site.id)
        closing.set_response(ws, items[0].finding.id, "accepted", representative="Mme Roux")
        closing.set_response(
            ws, items[1].finding.id, "disputed", DISPUTE, representative="Mme Roux"
        )
        meeting.sign(
            ws, DEMO_AUDIT_ID, site.id,
            [
                meeting.Signer("representative", "Mme Roux", STROKES, signature_png(0)),
                meeting.Signer("auditor", "Claire Martin", STROKES, signature_png(12)),
            ],
        )  # fmt: skip
    yield root


@pytest.fixture(scope="module")
def english(demo_ws: Path) -> Path:
    out = demo_ws.parent / "report-en.pdf"
    with Workspace(demo_ws) as ws:
        build_report(ws, DEMO_AUDIT_ID, out, photo_annex=False, lang="en")
    return out


def test_the_english_report_has_english_headings_and_none_of_our_french(english: Path) -> None:
    text = pdf_text(english)
    for heading in ENGLISH_HEADINGS:
        assert heading in text, heading
    for french in FRENCH_OF_OURS:
        assert french not in text, french
    assert "Checkpoint texts are quoted from the French reference grid" in text
    assert "“Services Publics +” label" in text
    assert "Target level Silver Proposed level Bronze" in text
    assert re.search(r"from \d{1,2} [A-Z][a-z]+ 2026 to \d{1,2} [A-Z][a-z]+ 2026", text)
    assert re.search(r"\d+\.\d% of assessed findings are without nonconformity", text)
    assert DISPUTE in text  # what the site said stays as it was said
    assert "Page 2 / " in text


def test_the_english_report_has_english_metadata_and_bookmarks(english: Path) -> None:
    reader = PdfReader(str(english))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Services Publics + audit report – DEMO-VDR-2026"
    assert (meta.subject or "").startswith("Audit of Région Val-de-Rhin (")
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[:3] == [
        "1. Purpose, scope and method of the audit",
        "2. Results and conclusions",
        "3. Indicators",
    ]
    assert top[-1] == "7. Signatures"  # no annex asked


def test_the_french_report_stays_the_default(demo_ws: Path, english: Path) -> None:
    out = demo_ws.parent
    with Workspace(demo_ws) as ws:
        default = build_report(ws, DEMO_AUDIT_ID, out / "default.pdf", photo_annex=False)
        french = build_report(ws, DEMO_AUDIT_ID, out / "fr.pdf", photo_annex=False, lang="fr")
        with pytest.raises(ReportError, match="Langue du rapport inconnue"):
            build_report(ws, DEMO_AUDIT_ID, out / "de.pdf", lang="de")
    assert default.path.read_bytes() == french.path.read_bytes()
    assert PdfReader(str(default.path)).trailer["/Root"]["/Lang"] == "fr-FR"
    text = pdf_text(default.path)
    assert "2.1 Résultats par engagement" in text and "Results by engagement" not in text
    assert "Checkpoint texts" not in text
    assert default.signature_box == french.signature_box
    assert not (out / "de.pdf").exists()


def test_the_command_builds_the_english_report(demo_ws: Path) -> None:
    out = demo_ws.parent / "cli-en.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "auditor_app.signing_cli", "--workspace", str(demo_ws),
         "report", "build", "DEMO-VDR-2026", "--out", str(out), "--no-annex",
         "--site", "Antenne régionale de Metz", "--lang", "en"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env={**os.environ},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert PdfReader(str(out)).trailer["/Root"]["/Lang"] == "en-GB"
    text = pdf_text(out)
    assert "1 site(s) selected out of 21" in text and "2.1 Results by engagement" in text
    refused = subprocess.run(
        [sys.executable, "-m", "auditor_app.signing_cli", "--workspace", str(demo_ws),
         "report", "build", "DEMO-VDR-2026", "--out", str(out), "--lang", "de"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env={**os.environ},
    )  # fmt: skip
    assert refused.returncode == 2 and "--lang" in refused.stderr


def test_the_signature_stamp_speaks_the_language_of_the_report(tmp_path: Path) -> None:
    from auditor_app.identity import create_identity
    from auditor_app.report.signing import sign_pdf
    from tests.core.test_signing import BOX, _signature_widgets, make_pdf

    create_identity(
        "Claire Martin", "c@example.fr", "Qualicert", tmp_path / "c.p12", b"phrase 2026"
    )
    info = sign_pdf(
        make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", tmp_path / "c.p12", b"phrase 2026",
        box=BOX, lang="en",
    )  # fmt: skip
    (widget,) = _signature_widgets(info.path, -1)
    appearance = widget["/AP"]["/N"].get_object()
    raw = appearance.get_data() + b"".join(
        x.get_object().get_data()
        for x in appearance.get("/Resources", {}).get("/XObject", {}).values()
    )
    texts = re.sub(rb"\\(\d{3})", lambda m: bytes([int(m.group(1), 8)]), raw)  # \072 is « : »
    assert b"(Signed electronically by) Tj" in texts and b"(Fingerprint: " in texts
    assert re.search(rb"\(on \d\d/\d\d/\d{4} at \d\d:\d\d:\d\d \(", texts), texts
    assert b"lectroniquement" not in texts
    assert widget["/V"]["/Reason"] == "Audit report"
