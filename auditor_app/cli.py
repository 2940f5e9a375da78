"""The ``auditor-app`` command.

Exit codes: 0 success, 1 a check failed (invalid grid, broken journal…), 2 misuse
(unknown audit, bad arguments, locked workspace). Errors go to standard error in one
readable line. Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from auditor_app import __version__

if TYPE_CHECKING:
    from auditor_app.referential.model import Referential
    from auditor_app.store.workspace import Workspace

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A user-facing failure: message and exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _workspace(args: argparse.Namespace) -> Workspace:
    from auditor_app.store.workspace import Workspace, default_workspace_dir

    root = Path(args.workspace) if args.workspace else default_workspace_dir()
    return Workspace(root)


def cmd_default(args: argparse.Namespace) -> int:
    """No command: open the desktop app (``--demo``: on the demo workspace)."""
    root = Path(args.workspace) if args.workspace else None
    if args.demo and root is None:
        from auditor_app.demo_info import demo_workspace_dir

        root = demo_workspace_dir()
    if args.no_gui:
        from auditor_app.store.workspace import default_workspace_dir

        return _print_without_gui(root or default_workspace_dir(), args.demo)
    # No core module is imported here: the GUI shows its window first and opens the
    # workspace (None: the default one) once that window is on screen.
    try:
        # The GUI lives in the ``ui`` package; the core reaches it only by name, at run time.
        gui = importlib.import_module("ui.app")
    except ImportError as exc:
        raise CommandError(f"interface graphique indisponible ({exc}) ; essayez --no-gui") from exc
    code: int = gui.run(root, demo=args.demo, audit_ref=args.audit, lang=args.lang)
    return code


def _print_without_gui(root: Path, demo: bool) -> int:
    from auditor_app.demo import build_demo
    from auditor_app.store.workspace import Workspace

    with Workspace(root) as ws:
        if demo:
            print(f"Espace de démonstration : {root}")
            _print_audit_summary(ws, build_demo(ws).audit_id)
            return EXIT_OK
        return _print_audits(ws)


def cmd_demo(args: argparse.Namespace) -> int:
    from auditor_app.demo import build_demo

    with _workspace(args) as ws:
        summary = build_demo(ws)
        print(f"Démonstration prête dans {ws.root}")
        _print_audit_summary(ws, summary.audit_id)
    return EXIT_OK


def _print_audits(ws: Workspace) -> int:
    from auditor_app.overview import audits_table

    print(audits_table(ws))
    return EXIT_OK


def _print_audit_summary(ws: Workspace, audit_id: str) -> None:
    from auditor_app.overview import audit_summary

    print(audit_summary(ws, audit_id))


def cmd_audits_list(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        return _print_audits(ws)


def cmd_audits_show(args: argparse.Namespace) -> int:
    from auditor_app.store.audits import find_audit

    with _workspace(args) as ws:
        _print_audit_summary(ws, find_audit(ws, args.audit).id)
    return EXIT_OK


def _load_grid(path: Path) -> Referential:
    from auditor_app.referential.loader import load_referential
    from auditor_app.referential.xlsx import import_xlsx

    return import_xlsx(path) if path.suffix.lower() == ".xlsx" else load_referential(path)


def cmd_referential_validate(args: argparse.Namespace) -> int:
    from auditor_app.referential.loader import ReferentialError

    try:
        ref = _load_grid(Path(args.file))
    except ReferentialError as exc:
        for line in str(exc).splitlines():
            print(line, file=sys.stderr)
        return EXIT_CHECK_FAILED
    count = len(ref.checkpoints())
    print(f"{args.file} : grille valide – {ref.title} ({ref.key}), "
          f"{len(ref.engagements)} engagements, {count} points de contrôle.")  # fmt: skip
    return EXIT_OK


def cmd_referential_import(args: argparse.Namespace) -> int:
    from auditor_app.referential.loader import ReferentialError
    from auditor_app.store.audits import add_referential

    try:
        ref = _load_grid(Path(args.file))
    except ReferentialError as exc:
        for line in str(exc).splitlines():
            print(line, file=sys.stderr)
        return EXIT_CHECK_FAILED
    with _workspace(args) as ws:
        key = add_referential(ws, ref, origin=Path(args.file).name)
    print(f"Grille importée : {key} ({len(ref.checkpoints())} points de contrôle).")
    return EXIT_OK


def cmd_referential_list(args: argparse.Namespace) -> int:
    from auditor_app.referential.loader import bundled_referentials, load_referential
    from auditor_app.store.audits import list_referentials

    with _workspace(args) as ws:
        rows = list_referentials(ws)
    print("Grilles de l'espace de travail :")
    for row in rows:
        print(f"  {row['key']:<24} {row['title']}")
    if not rows:
        print("  (aucune)")
    print("Grilles fournies avec le programme :")
    for path in bundled_referentials():
        ref = load_referential(path)
        print(f"  {ref.key:<24} {ref.title}")
    return EXIT_OK


def cmd_referential_export(args: argparse.Namespace) -> int:
    from auditor_app.referential.loader import ReferentialError, load_bundled
    from auditor_app.referential.xlsx import export_xlsx
    from auditor_app.store.audits import referential
    from auditor_app.store.workspace import NotFoundError

    with _workspace(args) as ws:
        try:
            ref = referential(ws, args.id)
        except NotFoundError:
            try:
                ref = load_bundled(args.id)
            except (ReferentialError, KeyError, LookupError):
                raise CommandError(
                    f"grille « {args.id} » inconnue (voyez « auditor-app referential list »)"
                ) from None
    export_xlsx(ref, Path(args.out))
    print(f"{ref.key} exportée vers {args.out} ({len(ref.checkpoints())} points de contrôle).")
    return EXIT_OK


def cmd_journal_verify(args: argparse.Namespace) -> int:
    from auditor_app.store.integrity import check_records

    with _workspace(args) as ws:
        check = ws.verify_journal()
        intact = ws.integrity_ok()
        mismatches = check_records(ws.conn) if check.ok else []
    print(check.describe())
    if not intact:
        print("La base de données est endommagée (PRAGMA integrity_check).", file=sys.stderr)
    if mismatches:
        print("Données modifiées hors du journal :", file=sys.stderr)
        for mismatch in mismatches:
            print(f"  {mismatch.describe()}", file=sys.stderr)
    elif check.ok:
        print("Les données concordent avec le journal.")
    ok = check.ok and intact and not mismatches
    return EXIT_OK if ok else EXIT_CHECK_FAILED


def cmd_findings_export(args: argparse.Namespace) -> int:
    from auditor_app.export import export_findings
    from auditor_app.store.audits import find_audit

    with _workspace(args) as ws:
        audit = find_audit(ws, args.audit)
        out = Path(args.out) if args.out else Path(f"{audit.reference}-constats.{args.format}")
        count = export_findings(ws, audit.id, out, args.format)
    print(f"{count} constats exportés vers {out}")
    return EXIT_OK


_ARGPARSE_FRENCH = (
    ("the following arguments are required", "arguments obligatoires manquants"),
    ("unrecognized arguments", "arguments inconnus"),
    ("invalid choice", "choix invalide"),
    ("choose from", "valeurs possibles"),
    ("expected one argument", "une valeur est attendue"),
)


class _FrenchHelp(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None
                  ) -> None:  # fmt: skip
        # argparse passes "" when it builds a sub-command's name: keep that as it is.
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in French (titles, usage, help option, errors)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _FrenchHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> NoReturn:
        for english, french in _ARGPARSE_FRENCH:
            message = message.replace(english, french)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="auditor-app",
        description="Audit de terrain du label « Services Publics + » : constats hors ligne, "
        "rapports et paquets signés.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="afficher la version et quitter")  # fmt: skip
    parser.add_argument("--workspace", metavar="DIR",
                        help="dossier de l'espace de travail (sinon AUDITOR_APP_WORKSPACE, "
                        "puis le dossier de données de l'utilisateur)")  # fmt: skip
    parser.add_argument("--demo", action="store_true",
                        help="ouvrir l'espace de démonstration (créé au premier lancement)")
    parser.add_argument("--no-gui", action="store_true",
                        help="sans interface : afficher le résumé dans le terminal")
    parser.add_argument("--audit", metavar="AUDIT", help="ouvrir directement cet audit")
    parser.add_argument("--lang", choices=("fr", "en"),
                        help="langue de l'interface pour cette fois (sinon le réglage "
                        "Fichier ▸ Langue, ou AUDITOR_APP_LANG)")  # fmt: skip
    parser.set_defaults(func=cmd_default)
    sub = parser.add_subparsers(title="commandes", metavar="COMMANDE", parser_class=_Parser)

    demo = sub.add_parser("demo", help="construire l'audit de démonstration")
    demo.set_defaults(func=cmd_demo)

    audits = sub.add_parser("audits", help="audits de l'espace de travail")
    audits_sub = audits.add_subparsers(metavar="ACTION", required=True)
    audits_sub.add_parser("list", help="lister les audits").set_defaults(func=cmd_audits_list)
    show = audits_sub.add_parser("show", help="résumé d'un audit")
    show.add_argument("audit", help="identifiant (ou début d'identifiant) ou référence")
    show.set_defaults(func=cmd_audits_show)

    ref = sub.add_parser("referential", help="grilles d'audit (référentiels)")
    ref_sub = ref.add_subparsers(metavar="ACTION", required=True)
    validate = ref_sub.add_parser("validate", help="vérifier une grille YAML ou XLSX")
    validate.add_argument("file", help="grille .yaml ou .xlsx")
    validate.set_defaults(func=cmd_referential_validate)
    for name, helptext in (("import", "importer une grille YAML"),
                           ("import-xlsx", "importer une grille depuis un tableur")):  # fmt: skip
        imp = ref_sub.add_parser(name, help=helptext)
        imp.add_argument("file", help="fichier de la grille")
        imp.set_defaults(func=cmd_referential_import)
    ref_sub.add_parser("list", help="lister les grilles").set_defaults(func=cmd_referential_list)
    export = ref_sub.add_parser("export-xlsx", help="exporter une grille vers un tableur")
    export.add_argument("id", help="clé de la grille, par ex. sp-plus@2023.1, ou sp-plus")
    export.add_argument("out", help="classeur .xlsx à écrire")
    export.set_defaults(func=cmd_referential_export)

    jour = sub.add_parser("journal", help="journal des modifications")
    jour_sub = jour.add_subparsers(metavar="ACTION", required=True)
    jour_sub.add_parser("verify", help="vérifier la chaîne d'empreintes du journal").set_defaults(
        func=cmd_journal_verify
    )

    from auditor_app.signing_cli import register  # light: pyHanko loads in its commands

    register(sub)  # type: ignore[arg-type]  # _Parser is an ArgumentParser
    importlib.import_module("auditor_app.backup_cli").register(sub)  # backup …
    from auditor_app.package_cli import register as register_packages

    register_packages(sub)  # type: ignore[arg-type]

    find = sub.add_parser("findings", help="constats")
    find_sub = find.add_subparsers(metavar="ACTION", required=True)
    fexp = find_sub.add_parser("export", help="exporter les constats d'un audit")
    fexp.add_argument("audit", help="identifiant (ou début d'identifiant) ou référence")
    fexp.add_argument("--format", choices=("csv", "xlsx"), default="csv",
                      help="csv (Excel français : « ; », UTF-8) ou xlsx ; csv par défaut")
    fexp.add_argument("--out", metavar="FICHIER",
                      help="fichier à écrire (par défaut : <référence>-constats.<format>)")
    fexp.set_defaults(func=cmd_findings_export)
    _workspace_anywhere(parser)
    return parser


def _workspace_anywhere(parser: argparse.ArgumentParser) -> None:
    """``--workspace DIR`` also after the command (``auditor-app demo --workspace DIR``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                if not any(a.dest == "workspace" for a in child._actions):
                    child.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS,
                                       help="dossier de l'espace de travail")  # fmt: skip
                _workspace_anywhere(child)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CommandError as exc:
        return _fail(str(exc), exc.code)
    except Exception as exc:
        return _fail(*_classify(exc))


def _classify(exc: Exception) -> tuple[str, int]:
    from auditor_app.referential.loader import ReferentialError
    from auditor_app.store.blobs import EvidenceError
    from auditor_app.store.workspace import NotFoundError, StoreError

    if isinstance(exc, ReferentialError):
        return " ; ".join(str(exc).splitlines()), EXIT_CHECK_FAILED
    if isinstance(exc, NotFoundError | StoreError | EvidenceError | OSError):
        return str(exc), EXIT_USAGE
    raise exc


def _fail(message: str, code: int) -> int:
    print(f"auditor-app : erreur : {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
