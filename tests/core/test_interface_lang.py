"""The interface in English: every French message of the core has its English.

The interface shows texts written by the core (errors, problems, labels, progress) through
``ui.i18n.core(text)``: ``Translator(lang, "report").find(text)``, then
``Translator(lang, "interface").find(text)`` (``resources/translations/interface.en.json``).
``core()`` below does the same without Qt.

How the scan finds the core's texts (``scan_core``): every module of ``auditor_app`` but the
command line (``cli.py``, ``*_cli.py``, which stays French) is read with ``ast``.

- A **text** is a string literal or an f-string, or a ``+`` of them (a conditional
  ``a if c else b`` of them gives both). Its **template** has ``{0}``, ``{1}``… where the
  f-string has its expressions, in order: ``f"Paquet illisible : {path} ({exc})"`` →
  ``Paquet illisible : {0} ({1})``.
- It is **French** when it reads as words: two words (a letter, a space or an apostrophe, a
  letter), a French accented letter or « », a capitalised word, or a French « : ».
  Docstrings, SQL, regular expressions and the arguments of ``execute`` and logging calls
  are not.
- Every French template must be a key of ``interface.en.json`` or ``report.en.json``: a
  ``message`` when it has no placeholder, a ``pattern`` otherwise (the report's ``messages``
  with placeholders are for ``t("…{0}…", value)`` in ``auditor_app/report``: ``find()``
  does not format them). What the core writes from it must translate with it, not with a
  shorter template or the report's (``test_each_catalogued_template_translates_as_written``).
  The exceptions are listed here with their reason:

  - ``NOT_SHOWN_MODULES``, ``NOT_SHOWN`` (a function, a class or a module-level assignment:
    texts never shown by the interface — terminal output, data written in the workspace,
    words read in a file); a ``raise`` is never exempted this way;
  - ``NOT_SHOWN_TEXTS``: English programming errors, HTTP headers, PyYAML's own messages;
  - ``COMPOSED``: a piece of a sentence built in several steps, or a template whose
    placeholders touch (``{0}{1}``); the catalogue has the whole sentences instead, and the
    examples given there are translated whole.

How the catalogue is written, given how ``find()`` works (each ``{n}`` part is translated in
turn when it is a known text): a sentence made of a place and a problem (« fichier : … »,
``grille.yaml: chemin: …``) is matched by ``{0}: {1}``-like patterns, so a placeholder at
the start or the end of a French pattern stays there in English; and a value typed by the
user must not be taken for a known text, so the grid's field names (« titre ») are never
messages on their own: each sentence they go in is in the catalogue whole.

Known limits: a text with no sign of French (``f"{sheet} ligne 1, colonne {letter}"``) is not
seen by the scan, the end-to-end tests at the bottom go through such sentences; and a grid's
measure label ending with a number and a unit (« Décroché avant 5 sonneries ») has its unit
translated inside an error message, as the interface needs ``{0} sonneries`` for the values it
shows.
"""

from __future__ import annotations

import ast
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from auditor_app.i18n import Translator

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "auditor_app"
TRANSLATIONS = ROOT / "resources" / "translations"

_WORDS = re.compile(
    r"[^\W\d_][ '’][^\W\d_]"  # two words
    r"|[À-ÖØ-öø-ÿŒœ«»]"  # an accented letter, French quotes
    r"|\b[A-Z][a-zà-ÿ]+\b"  # a capitalised word
    r"|[^\W\d_] :|\s:\s[^\W\d_]"  # a French colon
)
_SQL = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|BEGIN|RELEASE|ROLLBACK|WHERE|"
                  r"AND|ORDER|UNION)\b")  # fmt: skip
_REGEX = re.compile(r"^\^|\[\^|\\d|\(\?|\]\+")
_LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}
_PLACEHOLDER = re.compile(r"\{(\d+)\}")

NOT_SHOWN_MODULES = {
    "demo.py": "the demo audit's content: French, like what auditors type",
    "store/schema.py": "SQL",
}
NOT_SHOWN = {
    ("audit/mystery.py", "applied_note"): "written into the finding's note (the auditor's text)",
    ("audit/surveys.py", "GLOBAL_SATISFACTION_QUESTION"): "a survey question: audit data",
    ("audit/surveys.py", "_GLOBAL_KEYS"): "words recognised in a question",
    ("demo_info.py", "DEMO_LEAD"): "a person's name (demo data)",
    ("export.py", "HEADERS"): "the columns of the exported file",
    ("export.py", "RESPONSE_LABELS"): "values of the exported file",
    ("export.py", "finding_rows"): "values of the exported file",
    ("export.py", "export_findings"): "the exported file's sheet name",
    ("i18n.py", "LANGUAGES"): "each language's name in its own language",
    ("identity/certificate.py", "Identity.describe"): "terminal output (signing_cli.py)",
    ("overview.py", "format_overview"): "terminal output (cli.py)",
    ("overview.py", "audits_table"): "terminal output (cli.py)",
    ("package/merge.py", "_Merger.conflict"): "a journal reason, stored in the workspace",
    ("package/merge.py", "_merge"): "a certificate's source, stored in the workspace",
    ("package/merge.py", "remove_certificate"): "a journal reason, stored in the workspace",
    ("referential/loader.py", "_Noun.the"): "letters, not words",
    ("referential/loader.py", "_NOUNS"): "fields' names: the catalogue has each whole sentence",
    ("referential/loader.py", "_noun_at"): "fields' names: the catalogue has each whole sentence",
    ("referential/xlsx.py", "GRID_SHEET"): "the workbook's own sheet names and headers",
    ("referential/xlsx.py", "META_SHEET"): "the workbook's own sheet names and headers",
    ("referential/xlsx.py", "LEVELS_SHEET"): "the workbook's own sheet names and headers",
    ("referential/xlsx.py", "GRID_COLUMNS"): "the workbook's own sheet names and headers",
    ("referential/xlsx.py", "LEVEL_COLUMNS"): "the workbook's own sheet names and headers",
    ("referential/xlsx.py", "META_COLUMNS"): "the workbook's own sheet names and headers",
    ("referential/xlsx.py", "META_ROWS"): "the workbook's own sheet names and headers",
    ("report/doc.py", "attach"): "PDF dictionary keys",
    ("report/signing.py", "_TRANSLITERATIONS"): "characters, not words",
    ("report/signing.py", "_french_time"): "a strftime format (the verdict patterns hold it)",
    ("report/styles.py", "FONT"): "a font name",
    ("report/styles.py", "BOLD"): "a font name",
    ("report/styles.py", "ITALIC"): "a font name",
    ("report/styles.py", "verdict_tag"): "PDF markup around a translated label",
    ("report/styles.py", "yes_no"): "PDF markup around a translated label",
    ("review.py", "resolve_conflict"): "a conflict's resolution, stored in the workspace",
    ("sites_import.py", "_HEADERS"): "words recognised in a file's header",
    ("sites_import.py", "_CHANNEL_WORDS"): "words recognised in a file",
    ("store/audits.py", "_carry_observations"): "a journal reason, stored in the workspace",
    ("store/backup.py", "Health.describe"): "terminal output (backup_cli.py)",
    ("store/findings.py", "add_review"): "a journal reason, stored in the workspace",
    ("store/integrity.py", "Mismatch.describe"): "terminal output (cli.py)",
    ("store/integrity.py", "check_records"): "terminal output (cli.py)",
    ("store/journal.py", "ChainCheck.describe"): "terminal output (cli.py)",
}  # fmt: skip
NOT_SHOWN_TEXTS = {
    # programming errors, in English
    "no pattern of {0} matches: {1}", "chunk_size must be at least {0} bytes",
    "part sizes do not add up to the package size", "upload id does not match the part size",
    "index names another package", "not XML: {0}", "not a DAV multistatus but {0}",
    "keep must be at least 1", "filled already",
    # HTTP headers, PDF names, type annotations
    "Range", "If-Range", "Content-Length", "Content-Range", "User-Agent", "Depth",
    "Content-Type", "Destination", "Overwrite", "/Pages", "/Count",
    "tuple[Path, int, int, str] | None", "tuple[int, int, int, int] | None",
    # PyYAML's messages, recognised to be replaced by French ones
    "mapping values are not allowed here", "found character '\\t' that cannot start any token",
    "could not find expected ':'", "found undefined alias",
}  # fmt: skip

# Pieces of sentences and templates with touching placeholders: the catalogue has the whole
# sentences; each example (French as the core writes it, English) is checked whole.
COMPOSED: dict[str, list[tuple[str, str]]] = {
    "{0} pour un seuil de {1} {2} : {3}": [  # measures.propose_verdict
        ("7 sonneries pour un seuil de 5 au plus : seuil dépassé",
         "7 rings for a threshold of at most 5: threshold exceeded"),
        ("1 jour ouvré pour un seuil de 85 % au moins : seuil non atteint",
         "1 working day for a threshold of at least 85%: threshold not reached"),
    ],
    "{0} constatée{1} ({2})": [  # scoring._count_check
        ("2 constatées (A1, A2)", "2 found (A1, A2)"),
    ],
    "évalué": [("12 : 1 constat sans non-conformité sur 1 évalué (N/A exclus)",
                "12: 1 finding without nonconformity out of 1 assessed (N/A excluded)")],
    "évalués": [("75,0 % : 3 constats sans non-conformité sur 4 évalués (N/A exclus)",
                 "75.0%: 3 findings without nonconformity out of 4 assessed (N/A excluded)")],
    "non-conformité majeure": [("Au plus 1 non-conformité majeure (points de niveau bronze)",
                                "At most 1 major nonconformity (bronze level checkpoints)")],
    "non-conformités majeures": [("Au plus 2 non-conformités majeures (points de niveau bronze)",
                                  "At most 2 major nonconformities (bronze level checkpoints)")],
    "non-conformité mineure": [("Au plus 1 non-conformité mineure (points de niveau bronze)",
                                "At most 1 minor nonconformity (bronze level checkpoints)")],
    "non-conformités mineures": [
        ("Au plus 5 non-conformités mineures (points de niveaux bronze et argent)",
         "At most 5 minor nonconformities (bronze and silver level checkpoints)")],
    "Paquet signé par {0} importé dans {1} : ": [  # merge.ImportResult.describe
        ("Paquet signé par Anne Martin importé dans AUD-1 : 3 ajout(s), 1 mise(s) à jour, "
         "0 conflit(s) à arbitrer",
         "Package signed by Anne Martin imported into AUD-1: 3 addition(s), 1 update(s), "
         "0 conflict(s) to resolve"),
    ],
    "Part d'{0} satisfaits": [("Part d'agents satisfaits", "Share of satisfied staff")],
    "Taux net de satisfaction des {0}": [
        ("Taux net de satisfaction des usagers", "Net satisfaction rate among users")],
    # referential/loader.py: the field is named by a noun, agreed; each sentence is whole
    "{0} : un code parmi {1} attendu, reçu {2}": [
        ("niveau : un code parmi bronze, argent, or attendu, reçu une liste",
         "level: one of the codes bronze, argent, or expected, got a list")],
    "{0} {1} « {2} » (attendus : {3})": [
        ("méthode inconnue « visite » (attendus : observation, interview)",
         "unknown method “visite” (expected: observation, interview)"),
    ],
    "{0} pour {1}, reçu {2}{3}": [
        ("texte attendu pour le titre, reçu 12 (mettez la valeur entre guillemets)",
         "text expected for the title, got 12 (put the value in quotes)"),
        ("nombre entier attendu pour l’identifiant, reçu « x »",
         "whole number expected for the identifier, got “x”"),
    ],
    "{0} {1} : au moins {2} {3}": [
        ("aucun critère : au moins un attendu", "no criterion: at least one expected"),
        ("aucune méthode : au moins une attendue", "no method: at least one expected"),
    ],
    "{0} {1} {2} : lettres sans accent, chiffres, « . », « _ » et « - » seulement, sans espace": [
        ("code invalide « A 1 » : lettres sans accent, chiffres, « . », « _ » et « - » "
         "seulement, sans espace",
         "invalid code “A 1”: unaccented letters, digits, “.”, “_” and “-” only, no spaces"),
    ],
    "champ inconnu « {0} »{1}": [  # the unknown key stays as typed, even a field's French name
        ("champ inconnu « titre » (champs possibles : id, version, title)",
         "unknown field “titre” (possible fields: id, version, title)"),
    ],
    "{0} ligne {1}, colonne « {2} »": [  # xlsx._where: the sheets keep their names
        ("Grille ligne 4, colonne « Code »", "Grille row 4, column “Code”"),
        ("Niveaux ligne 2, colonne « NC majeures max »",
         "Niveaux row 2, column “NC majeures max”"),
    ],
    "{0}, clé « {1} »": [("Référentiel, clé « Titre »", "Référentiel, key “Titre”")],
    "{0} en double « {1} » (déjà utilisé à {2})": [
        ("code de critère en double « C1 » (déjà utilisé à engagements[0].criteria[0])",
         "duplicate criterion code “C1” (already used at engagements[0].criteria[0])"),
        ("code en double « C1.1 » (déjà utilisé à Grille ligne 3)",
         "duplicate code “C1.1” (already used at Grille row 3)"),
    ],
    "colonne inconnue « {0} »{1}": [  # xlsx._unknown_column
        ("colonne inconnue « Codes » (voulez-vous dire « Code » ?)",
         "unknown column “Codes” (did you mean “Code”?)"),
    ],
    "base de données endommagée (PRAGMA integrity_check : {0}{1})": [  # backup
        ("base de données endommagée (PRAGMA integrity_check : aucune réponse)",
         "damaged database (PRAGMA integrity_check: no answer)"),
        ("Base de données endommagée (PRAGMA integrity_check : page 3 et 2 autre(s) "
         "erreur(s)).",
         "Damaged database (PRAGMA integrity_check: page 3 and 2 other error(s))."),
    ],
    "L'espace de travail {0} est déjà ouvert par un autre programme{1}. Fermez-le, puis "
    "réessayez.": [
        ("L'espace de travail /ws est déjà ouvert par un autre programme. Fermez-le, puis "
         "réessayez.",
         "The workspace /ws is already open in another program. Close it, then try again."),
        ("L'espace de travail /ws est déjà ouvert par un autre programme (processus 12 sur pc, "
         "depuis le 03/05/2026 14:05). Fermez-le, puis réessayez.",
         "The workspace /ws is already open in another program (process 12 on pc, since "
         "03/05/2026 14:05). Close it, then try again."),
    ],
    "Impossible {0} {1} : {2}. Choisissez un autre dossier ou libérez de la place, puis "
    "recommencez.": [  # report.build._error
        ("Impossible d'écrire le rapport dans /x : disque plein. Choisissez un autre dossier ou "
         "libérez de la place, puis recommencez.",
         "Cannot write the report in /x: disk full. Choose another folder or free some space, "
         "then do it again."),
    ],
    "d'écrire le rapport dans": [],  # the {0} above
    "d'écrire le rapport": [
        ("Impossible d'écrire le rapport /x/r.pdf : accès refusé. Choisissez un autre dossier ou "
         "libérez de la place, puis recommencez.",
         "Cannot write the report /x/r.pdf: access denied. Choose another folder or free some "
         "space, then do it again."),
    ],
    "Signature valide : document intact, signé par {0}{1} ; signataire de confiance": [
        ("Signature valide : document intact, signé par Anne (empreinte AB:CD) le 03/05/2026 à "
         "14:05 (CEST) ; signataire de confiance",
         "Valid signature: document intact, signed by Anne (fingerprint AB:CD) on 03/05/2026 at "
         "14:05 (CEST); trusted signatory"),
    ],
    "Document intact, signé par {0}{1}, mais le certificat du signataire est refusé : {2}": [
        ("Document intact, signé par Anne (empreinte AB:CD), mais le certificat du signataire "
         "est refusé : il a expiré le 01/01/2026",
         "Document intact, signed by Anne (fingerprint AB:CD), but the signatory's certificate "
         "is refused: it expired on 01/01/2026"),
    ],
    "Document intact, signé par {0}{1}, mais le signataire n'est pas parmi les certificats de "
    "confiance donnés": [
        ("Document intact, signé par Anne (empreinte AB:CD) le 03/05/2026 à 14:05 (UTC), mais le "
         "signataire n'est pas parmi les certificats de confiance donnés",
         "Document intact, signed by Anne (fingerprint AB:CD) on 03/05/2026 at 14:05 (UTC), but "
         "the signatory is not among the trusted certificates given"),
    ],
    "Document intact, signé par {0}{1} ; signataire non vérifié (aucun certificat de confiance "
    "donné)": [
        ("Document intact, signé par Anne (empreinte AB:CD) ; signataire non vérifié (aucun "
         "certificat de confiance donné)",
         "Document intact, signed by Anne (fingerprint AB:CD); signatory not verified (no trusted "
         "certificate given)"),
    ],
}  # fmt: skip

# Sentences built from pieces the scan does not see as French (« {0} : {1} »), checked whole.
SENTENCES: list[tuple[str, str]] = [
    # reader._fail, describe_validation, SitesImportError: a file, then what is wrong
    ("a.spaudit : manifest.json : exporter.name : champ manquant",
     "a.spaudit: manifest.json: exporter.name: missing field"),
    ("sites.csv : fichier vide : aucune ligne d'en-tête ni aucun site",
     "sites.csv: empty file: no header row and no site"),
    # loader._constraint_message: a value out of its bounds
    ("numéro trop petit (0) : minimum 1", "number too small (0): minimum 1"),
    ("satisfaction minimale des usagers trop grande (75) : maximum 1 ; un taux s’écrit entre 0 "
     "et 1 (0.8 pour 80 %)",
     "minimum user satisfaction too large (75): maximum 1; a rate is written between 0 and 1 "
     "(0.8 for 80%)"),
    ("titre manquant", "missing title"),
    ("méthodes manquantes", "missing methods"),
    # readiness: a blocker, its place then its problem
    ("A1.2 (Site de Metz, Téléphone) — Non-conformité mineure sans preuve : joignez une photo "
     "ou un document, ou rattachez un test mystère.",
     "A1.2 (Site de Metz, Telephone) — Minor nonconformity without evidence: attach a photo or "
     "a document, or link a mystery test."),
    ("B2 (Dispositif France Services, Courriel) — Point non renseigné : donnez un verdict.",
     "B2 (Scheme France Services, E-mail) — Checkpoint not yet assessed: give a verdict."),
    # scoring.LevelProposal.summary
    ("Niveau proposé : Argent. 3 points non renseignés.",
     "Proposed level: Silver. 3 checkpoints not yet assessed."),
    # webdav: a status error when the transfer can resume
    ("Le serveur nas.example.org est plein (espace de stockage insuffisant). Libérez de la place "
     "dans le dossier ou demandez plus d'espace à l'administrateur, puis relancez. Le transfert "
     "reprendra là où il s'est arrêté.",
     "The server nas.example.org is full (not enough storage space). Free some space in the "
     "folder or ask the administrator for more space, then restart. The transfer will resume "
     "where it stopped."),
    ("Le serveur nas.example.org ne répond pas (rien reçu en 30 s). Vérifiez la connexion, puis "
     "réessayez.",
     "The server nas.example.org is not responding (nothing received in 30 s). Check the "
     "connection, then try again."),
    # the grid's workbook: a place, then the problem
    ("grille.xlsx: Grille ligne 4, colonne « Code »: code en double « A1 » (déjà utilisé à "
     "Grille ligne 3)",
     "grille.xlsx: Grille row 4, column “Code”: duplicate code “A1” (already used at Grille "
     "row 3)"),
    ("grille.xlsx: Niveaux ligne 1, colonne C: colonne inconnue « NC max »",
     "grille.xlsx: Niveaux row 1, column C: unknown column “NC max”"),
    ("grille.xlsx: Référentiel, clé « Titre »: titre vide",
     "grille.xlsx: Référentiel, key “Titre”: empty title"),
]  # fmt: skip


@dataclass(frozen=True)
class Text:
    module: str  # relative to auditor_app, with "/"
    line: int
    scope: str  # "Class.method", "function", a module-level assignment's name, or ""
    raised: bool  # inside a ``raise``
    template: str

    @property
    def where(self) -> str:
        return f"auditor_app/{self.module}:{self.line}"


def _skipped_module(path: Path) -> bool:
    return path.name == "cli.py" or path.name.endswith("_cli.py")


def _alternatives(node: ast.AST) -> list[list[str | None]] | None:
    """The templates of a text, as parts (None for a placeholder), or None if not a text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [[node.value]]
    if isinstance(node, ast.JoinedStr):
        return [[v.value if isinstance(v, ast.Constant) else None for v in node.values]]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _alternatives(node.left), _alternatives(node.right)
        if left is None or right is None:
            return None
        return [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp):
        body, orelse = _alternatives(node.body), _alternatives(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _template(parts: list[str | None]) -> str:
    numbers = iter(range(len(parts)))
    return "".join(f"{{{next(numbers)}}}" if p is None else str(p) for p in parts)


class _Scanner(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module, self.scope, self.raised = module, [], 0
        self.found: list[Text] = []

    def _in(self, name: str, node: ast.AST) -> None:
        self.scope.append(name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._in(node.name, node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._in(node.name, node)

    def visit_Assign(self, node: ast.Assign) -> None:
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if not self.scope and names:
            self._in(names[0], node)
        else:
            self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if not self.scope and isinstance(node.target, ast.Name):
            self._in(node.target.id, node)
        else:
            self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        self.raised += 1
        self.generic_visit(node)
        self.raised -= 1

    def visit_Expr(self, node: ast.Expr) -> None:
        if not (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            self.generic_visit(node)  # a bare string is a docstring

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and (
            func.attr in ("execute", "executemany", "executescript")
            or (func.attr in _LOG_METHODS and isinstance(func.value, ast.Name)
                and "log" in func.value.id.lower())
        ):  # fmt: skip
            for arg in node.args[1:]:
                self.visit(arg)
            return
        self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            alternatives = _alternatives(child)
            if alternatives is None:
                self.visit(child)
                continue
            literal = "".join(p for parts in alternatives for p in parts if p is not None)
            templates = [_template(parts) for parts in alternatives]
            french = _WORDS.search(literal) and not _REGEX.search(literal)
            if french and not _SQL.match(templates[0]):
                line, scope = getattr(child, "lineno", 0), ".".join(self.scope)
                self.found += [
                    Text(self.module, line, scope, self.raised > 0, template)
                    for template in templates
                    if template.strip()
                ]
            for sub in ast.walk(child):  # an f-string's expressions may hold texts of their own
                if isinstance(sub, ast.FormattedValue):
                    self.visit(sub.value)


@cache
def scan_core() -> tuple[Text, ...]:
    found: list[Text] = []
    for path in sorted(CORE.rglob("*.py")):
        if _skipped_module(path):
            continue
        scanner = _Scanner(path.relative_to(CORE).as_posix())
        scanner.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        found += scanner.found
    return tuple(found)


def _shown(text: Text) -> bool:
    if text.module in NOT_SHOWN_MODULES or text.template in NOT_SHOWN_TEXTS:
        return False
    if text.scope == "__all__" or text.scope.endswith(".__all__"):
        return False
    if text.raised:
        return True
    scope = text.scope
    while scope:
        if (text.module, scope) in NOT_SHOWN:
            return False
        scope = scope.rpartition(".")[0]
    return True


@cache
def catalogue(domain: str) -> dict[str, dict[str, str]]:
    data = json.loads((TRANSLATIONS / f"{domain}.en.json").read_text(encoding="utf-8"))
    return {"messages": data.get("messages", {}), "patterns": data.get("patterns", {})}


def core(text: str, lang: str = "en") -> str:
    """``ui.i18n.core`` without Qt: the report's catalogue, then the interface's."""
    for domain in ("report", "interface"):
        found = Translator(lang, domain).find(text)
        if found is not None:
            return found
    return text


def _found_by_find(template: str) -> bool:
    """Whether ``Translator.find`` can translate what the core writes from ``template``."""
    interface, report = catalogue("interface"), catalogue("report")
    keys = [*interface["messages"], *interface["patterns"], *report["patterns"]]
    if template in keys:
        return True
    return template in report["messages"] and not _PLACEHOLDER.search(template)


def _has_english(text: Text) -> bool:
    if _found_by_find(text.template) or text.template in COMPOSED:
        return True
    # the report's own texts, written with t("…{0}…", value)
    return text.module.startswith("report/") and text.template in catalogue("report")["messages"]


def _tokens(template: str) -> list[str]:
    count = max((int(n) + 1 for n in _PLACEHOLDER.findall(template)), default=0)
    return [f"ZQ{n}" for n in range(count)]


def _sample(template: str) -> str:
    return _PLACEHOLDER.sub(lambda m: f"ZQ{m.group(1)}", template)


def _shown_texts() -> Iterator[Text]:
    return (text for text in scan_core() if _shown(text))


# --- (a) every French text of the core has its English ----------------------------------------


def test_the_scan_finds_the_core_messages() -> None:
    templates = {text.template for text in scan_core()}
    assert "Paquet introuvable : {0}" in templates  # a raise with an f-string
    assert "entrée « {0} » : chemin absolu refusé" in templates  # through reader._fail
    assert "ligne {0}, colonne « {1} » : {2}" in templates  # sites import problems
    assert "« {0} » : aucun certificat de l'équipe ne correspond(ent)." in templates  # a + b
    assert not any(text.module.endswith("cli.py") for text in scan_core())


def test_every_french_message_of_the_core_has_its_english() -> None:
    missing = [f"{t.where}: {t.template!r}" for t in _shown_texts() if not _has_english(t)]
    assert not missing, (
        "French texts of the core without English: add each to "
        "resources/translations/interface.en.json ('patterns' when it has {0}…, else "
        "'messages'), or say here why it is not shown:\n" + "\n".join(missing)
    )


def test_exceptions_are_still_needed() -> None:
    templates = {text.template for text in scan_core()}
    scopes = {(text.module, text.scope) for text in scan_core()}
    modules = {text.module for text in scan_core()}
    assert not set(COMPOSED) - templates, "COMPOSED names texts the core no longer writes"
    assert not set(NOT_SHOWN_TEXTS) - templates, "NOT_SHOWN_TEXTS: texts no longer written"
    assert not set(NOT_SHOWN_MODULES) - modules
    stale = [
        (module, scope)
        for module, scope in NOT_SHOWN
        if not any(m == module and (s == scope or s.startswith(scope + ".")) for m, s in scopes)
    ]
    assert not stale, f"NOT_SHOWN names scopes without French texts: {stale}"


def test_each_catalogued_template_translates_as_written() -> None:
    """What the core writes from a template finds that template, not a shorter or the
    report's one (``ZQ0``… stand for the values)."""
    interface, report = catalogue("interface"), catalogue("report")
    wrong = []
    for template in sorted({text.template for text in _shown_texts()}):
        if template in COMPOSED or not _found_by_find(template):
            continue
        if template in report["patterns"]:
            expected = report["patterns"][template]
        elif template in report["messages"]:
            expected = report["messages"][template]
        elif template in interface["patterns"]:
            expected = interface["patterns"][template]
        else:
            expected = interface["messages"][template]
        if _PLACEHOLDER.search(template):
            expected = expected.format(*_tokens(template))
        got = core(_sample(template))
        if got != expected:
            wrong.append(f"{template!r}\n    gives {got!r}\n    not   {expected!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("template", sorted(COMPOSED))
def test_composed_sentences_translate_whole(template: str) -> None:
    for french, english in COMPOSED[template]:
        assert core(french) == english
        assert core(french, "fr") == french


@pytest.mark.parametrize(("french", "english"), SENTENCES, ids=lambda v: v[:40])
def test_sentences_made_of_pieces_translate_whole(french: str, english: str) -> None:
    assert core(french) == english
    assert core(french, "fr") == french


# --- (b) the catalogue itself ---------------------------------------------------------------


def _entries() -> Iterator[tuple[str, str, str]]:
    for kind, table in catalogue("interface").items():
        for french, english in table.items():
            yield kind, french, english


def test_the_catalogue_is_well_formed() -> None:
    data = json.loads((TRANSLATIONS / "interface.en.json").read_text(encoding="utf-8"))
    assert set(data) == {"_comment", "messages", "patterns"}
    for kind, french, english in _entries():
        has_placeholder = bool(_PLACEHOLDER.search(french))
        assert has_placeholder == (kind == "patterns"), f"{french!r} belongs in the other table"
        assert english.strip(), f"empty translation for {french!r}"


def _placeholder_problems(kind: str, french: str, english: str) -> Iterator[str]:
    if sorted(_PLACEHOLDER.findall(french)) != sorted(_PLACEHOLDER.findall(english)):
        yield "not the same placeholders"
    if kind == "patterns":
        try:
            english.format(*_tokens(french))
        except (IndexError, KeyError, ValueError) as exc:
            yield f"cannot be formatted ({exc!r}): double literal braces {{{{ }}}}"
        # Placeholders at the edges stay there: a sentence inside another (« fichier : … »)
        # may be matched with its neighbour in the same part, and still reads right.
        for edge in (re.match(r"\{\d+\}", french), re.search(r"\{\d+\}$", french)):
            if edge is not None:
                at = english.startswith if edge.start() == 0 else english.endswith
                if not at(edge.group()):
                    yield f"{edge.group()} moved away from the edge"
    if "«" in english or "»" in english:
        yield "French quotes: write “…”"
    if re.search(r"\w :", english):
        yield "French space before a colon"
    report = catalogue("report")
    for table in ("messages", "patterns"):
        if french in report[table] and report[table][french] != english:
            yield f"report.en.json says {report[table][french]!r}"


def test_translations_keep_the_placeholders_of_their_french() -> None:
    """Same placeholders, English typography, and the same English as the report's for the
    same French."""
    problems = [
        f"{french!r} → {english!r}: {problem}"
        for kind, french, english in _entries()
        for problem in _placeholder_problems(kind, french, english)
    ]
    assert not problems, "\n".join(problems)


def test_every_field_of_a_grid_is_named_in_english() -> None:
    """The loader's sentences for each field name, missing or of the wrong type."""
    from auditor_app.referential.loader import _NOUNS, _message

    for key, noun in _NOUNS.items():
        locs: list[tuple[int | str, ...]] = [("engagements", 0, key)]
        if noun.item:
            locs.append(("engagements", 0, key, 0))
        for loc in locs:
            missing = _message({"type": "missing", "loc": loc, "msg": "", "input": None})
            wrong = _message({"type": "float_type", "loc": loc, "msg": "", "input": "x"})
            for french in (missing, wrong):
                english = both(french)
                assert not re.search(r"manquant|attendu|reçu", english), english


# --- (c) real errors, end to end -------------------------------------------------------------


def both(message: str) -> str:
    """``message`` in English, checked to be unchanged in French."""
    assert Translator("fr", "interface").find(message) == message
    assert core(message, "fr") == message
    english = core(message)
    assert english != message, f"not translated: {message!r}"
    assert not re.search(r"[«»]| : ", english), f"French left in {english!r}"
    return english


def test_a_damaged_package_is_refused_in_english(tmp_path: Path) -> None:
    from auditor_app.package.reader import PackageError, read_package

    broken = tmp_path / "Audit Metz.spaudit"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(PackageError) as caught:
        read_package(broken)
    assert str(caught.value).startswith("Audit Metz.spaudit : fichier illisible")
    assert both(str(caught.value)) == (
        "Audit Metz.spaudit: unreadable file: truncated or damaged zip (incomplete upload?)"
    )

    sneaky = tmp_path / "sneaky.spaudit"
    with zipfile.ZipFile(sneaky, "w") as zf:
        zf.writestr("../evil.txt", "x")
    with pytest.raises(PackageError) as caught:
        read_package(sneaky)
    assert both(str(caught.value)) == (
        "sneaky.spaudit: entry “../evil.txt”: path leading out of the package refused"
    )

    with pytest.raises(PackageError) as caught:
        read_package(tmp_path)
    assert both(str(caught.value)) == f"{tmp_path} is a folder, not a package"


def test_a_bad_measure_is_refused_in_english() -> None:
    from auditor_app.audit.measures import check_value, propose_verdict
    from auditor_app.referential.model import Direction, Measure, Unit

    rings = Measure(unit=Unit.RINGS, threshold=5, direction=Direction.AT_MOST,
                    label="Délai de décroché", source="default")  # fmt: skip
    rate = Measure(unit=Unit.PERCENT, threshold=85, direction=Direction.AT_LEAST,
                   label="Taux de réponse", source="default")  # fmt: skip
    for measure, value, english in (
        (rings, -2.5, "Negative value for “Délai de décroché” (-2.5): a duration, a count "
                      "or a rate cannot be negative."),
        (rings, 3.5, "Number of rings not a whole number for “Délai de décroché”: 3.5."),
        (rate, 120, "Value out of range for “Taux de réponse”: 120% exceeds the maximum of 100%."),
    ):  # fmt: skip
        with pytest.raises(ValueError) as caught:
            check_value(measure, value)
        assert both(str(caught.value)) == english
    assert both(propose_verdict(rings, 7).explanation) == (
        "7 rings for a threshold of at most 5: threshold exceeded"
    )
    assert both(propose_verdict(rate, 90.5).explanation) == (
        "90.5% for a threshold of at least 85%: threshold reached"
    )


def test_a_bad_sites_file_is_refused_in_english_with_its_line(tmp_path: Path) -> None:
    from auditor_app.sites_import import SitesImportError, import_sites, site_problems

    file = tmp_path / "sites de la région.csv"
    rows = ["Nom;Département;Canaux", "Mairie;67;accueil", "Annexe;99;accueil, pigeon",
            "Mairie;68;courriel"]  # fmt: skip
    file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(SitesImportError) as caught:
        import_sites(file)
    lines = str(caught.value).split("\n")
    assert lines[0].startswith("sites de la région.csv ligne 3, colonne « Département »")
    assert [both(line) for line in lines] == [
        "sites de la région.csv row 3, column “Département”: unknown department “99” "
        "(expected: 01 to 95, 2A, 2B or 971 to 988)",
        "sites de la région.csv row 3, column “Canaux”: unknown channel “pigeon” "
        "(expected: counter, phone, mail, email)",
        "sites de la région.csv row 4, column “Nom”: the site “Mairie” is already on row 2",
    ]

    empty = tmp_path / "vide.csv"
    empty.write_text("Nom\n", encoding="utf-8")
    with pytest.raises(SitesImportError) as caught:
        import_sites(empty)
    assert both(str(caught.value)) == "vide.csv row 1: a header, but no site"

    from auditor_app.sites_import import SiteRow

    problems = site_problems([SiteRow("", department="2C"), SiteRow("")])
    assert [both(p) for p in problems] == [
        "site no. 1: the name is required",
        "site no. 1: unknown department “2C” (expected: 01 to 95, 2A, 2B or 971 to 988)",
        "site no. 1: tick at least one reception channel",
        "site no. 2: the name is required",
        "site no. 2: tick at least one reception channel",
    ]


def test_a_bad_grid_is_refused_in_english_line_by_line(tmp_path: Path) -> None:
    from auditor_app.referential.loader import ReferentialError, load_referential

    text = (ROOT / "tests" / "core" / "data" / "minimal.yaml").read_text(encoding="utf-8")
    broken = text
    for old, new in (
        ('version: "1.0"\n', ""),  # missing
        ("threshold: 5", "threshold: -5"),  # out of range
        ("code: C1.2", "code: C1.1"),  # duplicate
        ("min_conformity_rate: 0.7", "min_conformity_rate: 70"),  # a rate written as a percentage
    ):
        broken = broken.replace(old, new)
    grid = tmp_path / "grille régionale.yaml"
    grid.write_text(broken, encoding="utf-8")
    with pytest.raises(ReferentialError) as caught:
        load_referential(grid)
    english = [both(line) for line in str(caught.value).split("\n")]
    assert "grille régionale.yaml: version: missing version" in english
    assert (
        "grille régionale.yaml: engagements[0].criteria[0].checkpoints[1].code: duplicate code "
        "“C1.1” (already used at engagements[0].criteria[0].checkpoints[0])"
    ) in english
    assert (
        "grille régionale.yaml: engagements[0].criteria[0].checkpoints[1].measure.threshold: "
        "a threshold cannot be negative: -5 rings"
    ) in english
    assert (
        "grille régionale.yaml: level_rule.requirements[0].min_conformity_rate: minimum "
        "conformity rate too large (70): maximum 1; a rate is written between 0 and 1 (0.8 for "
        "80%)"
    ) in english

    grid.write_text(text.replace("title: Locaux", "title: Locaux: propres"), encoding="utf-8")
    with pytest.raises(ReferentialError) as caught:
        load_referential(grid)
    message = str(caught.value)
    assert message.startswith("grille régionale.yaml: ligne 12, colonne ")
    assert both(message).startswith("grille régionale.yaml: line 12, column ")
    assert both(message).endswith(
        ": invalid YAML syntax: unexpected “:” (put the text in quotes if it contains “:”)"
    )


def test_backup_identity_and_survey_messages_in_english(tmp_path: Path) -> None:
    from auditor_app.audit.model import SurveyCounts
    from auditor_app.audit.surveys import compare_to_reference, format_indicator, share_satisfied
    from auditor_app.audit.verdicts import Verdict, verdict_problems
    from auditor_app.identity.certificate import IdentityError, read_pkcs12
    from auditor_app.store.backup import find_backup
    from auditor_app.store.workspace import NotFoundError

    with pytest.raises(NotFoundError) as caught:
        find_backup(tmp_path, "latest")
    assert both(str(caught.value)).startswith(f"No backup in {tmp_path}")
    with pytest.raises(NotFoundError) as caught:
        find_backup(tmp_path, "workspace-20260101-000000-daily")
    assert both(str(caught.value)) == (
        "Backup “workspace-20260101-000000-daily” not found (see “auditor-app backup list”)."
    )

    with pytest.raises(IdentityError) as caught:
        read_pkcs12(tmp_path / "moi.p12", b"secret")
    assert both(str(caught.value)) == f"identity file not found: “{tmp_path / 'moi.p12'}”"

    indicator = share_satisfied(SurveyCounts(question="Globalement, êtes-vous satisfait de la "
                                             "qualité de service ?", satisfied=90, neutral=5,
                                             dissatisfied=5, population="user"))  # fmt: skip
    assert both(indicator.label) == "Share of satisfied users"
    assert both(format_indicator(indicator)).startswith("90.0% [")
    assert both(compare_to_reference(indicator)).startswith(
        "Above the national reference (69%): the 95% confidence interval ["
    )
    [problem] = verdict_problems(Verdict.NC_MAJEURE, "")
    english = "Major nonconformity without a note: describe the finding and the evidence."
    assert both(problem) == english
