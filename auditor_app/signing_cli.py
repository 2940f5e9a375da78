"""Commands for identities and signed reports: ``identity create|show|export-cert|import`` and
``report verify``.

``register(subparsers)`` adds them to the ``auditor-app`` parser; ``main(argv)`` runs them alone
(for tests: ``python -m auditor_app.signing_cli identity show …``). Exit codes as in
``auditor_app.cli``: 0 success (report verify: green), 1 a check failed (verify: altered, unsigned
or untrusted), 2 misuse (bad arguments, missing file, wrong passphrase). Errors go to standard
error in one French line. Heavy modules (cryptography, pyHanko) are imported inside commands.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE = 0, 1, 2
PROG = "auditor-app"
_MAX_PASSPHRASE_FILE = 64 * 1024
T = TypeVar("T")
Command = Callable[[argparse.Namespace], int]


class _Failure(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    report_actions: argparse._SubParsersAction[argparse.ArgumentParser] | None = None,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """Add ``identity …`` and ``report verify`` to the command's ``subparsers``.

    ``report`` is shared with ``report build``: pass that command's sub-actions as
    ``report_actions`` if it exists already; otherwise ``report`` is created here. Returns the
    ``report`` sub-actions either way, so ``report build`` can be added to them afterwards.
    """
    ident = subparsers.add_parser("identity", help="identité de signature de l'auditeur (PKCS#12)")
    ident_sub = ident.add_subparsers(metavar="ACTION", required=True)

    create = ident_sub.add_parser(
        "create",
        help="créer une clé et un certificat auto-signé dans un fichier PKCS#12",
        description="Crée une identité de signature : une clé et un certificat X.509 "
        "auto-signé, enregistrés dans un fichier PKCS#12 protégé par une phrase de passe.",
    )
    create.add_argument("--name", required=True, help="nom de l'auditeur (Prénom Nom)")
    create.add_argument("--email", required=True, help="adresse électronique")
    create.add_argument("--organisation", default="", help="organisme (certificateur)")
    create.add_argument("--out", required=True, metavar="FILE.p12", help="fichier à créer")
    create.add_argument("--days", type=int, default=3 * 365, help="validité en jours (1095)")
    create.add_argument(
        "--key",
        choices=("ec", "rsa"),
        default="ec",
        help="type de clé : ec (P-256, défaut) ou rsa (3072 bits)",
    )
    create.add_argument(
        "--cert-out",
        metavar="CERT.pem",
        help="exporter aussi le certificat, à remettre à l'auditeur responsable",
    )
    create.add_argument("--force", action="store_true", help="remplacer un fichier existant")
    _passphrase_option(create)
    create.set_defaults(func=_command(cmd_identity_create))

    show = ident_sub.add_parser("show", help="afficher le titulaire et l'empreinte d'un PKCS#12")
    show.add_argument("file", metavar="FILE.p12")
    _passphrase_option(show)
    show.set_defaults(func=_command(cmd_identity_show))

    export = ident_sub.add_parser(
        "export-cert", help="exporter le certificat (sans la clé) pour la liste de confiance"
    )
    export.add_argument("file", metavar="FILE.p12")
    export.add_argument("--out", required=True, metavar="CERT.pem")
    _passphrase_option(export)
    export.set_defaults(func=_command(cmd_identity_export_cert))

    imp = ident_sub.add_parser(
        "import", help="importer dans l'espace de travail le PKCS#12 remis par un certificateur"
    )
    imp.add_argument("file", metavar="FILE.p12")
    _passphrase_option(imp)
    imp.set_defaults(func=_command(cmd_identity_import))

    if report_actions is None:
        report = subparsers.add_parser("report", help="rapports d'audit signés")
        report_actions = report.add_subparsers(metavar="ACTION", required=True)
    verify = report_actions.add_parser(
        "verify",
        help="vérifier la signature d'un rapport PDF",
        description="Vérifie hors ligne la signature d'un PDF. Code de sortie 0 : intact et "
        "signataire de confiance ; 1 : modifié, non signé ou signataire inconnu ; 2 : usage.",
    )
    verify.add_argument("file", metavar="FILE.pdf")
    verify.add_argument(
        "--trust",
        metavar="CERT.pem",
        action="append",
        default=[],
        help="certificat de confiance (PEM ou DER) ; répétable",
    )
    verify.add_argument(
        "--details", action="store_true", help="afficher aussi le titulaire et le verdict technique"
    )
    verify.set_defaults(func=_command(cmd_report_verify))

    build = report_actions.add_parser(
        "build",
        help="construire le rapport PDF d'un audit (et le signer)",
        description="Construit le rapport PDF de l'audit ; avec --sign, le signe (PAdES) avec "
        "l'identité de l'auditeur, dans le cadre prévu sur la page des signatures.",
    )
    build.add_argument("audit", help="identifiant (ou début d'identifiant) ou référence")
    build.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF à écrire")
    build.add_argument("--sign", metavar="FILE.p12", help="identité qui signe le rapport")
    build.add_argument("--site", action="append", default=[], metavar="SITE",
                       help="ne garder que ce site (nom ou identifiant) ; répétable")  # fmt: skip
    build.add_argument("--no-annex", action="store_true", help="sans annexe photographique")
    build.add_argument("--budget", type=float, default=20.0, metavar="MO",
                       help="taille visée du PDF, en Mo (20 par défaut)")  # fmt: skip
    build.add_argument("--lang", choices=("fr", "en"), default="fr",
                       help="langue du rapport : fr (défaut) ou en (anglais)")  # fmt: skip
    _passphrase_option(build)
    build.set_defaults(func=_command(cmd_report_build))
    return report_actions


def cmd_report_build(args: argparse.Namespace) -> int:
    """Build (and sign) an audit's report; the PDF appears only once complete."""
    from auditor_app.report.build import build_report
    from auditor_app.report.errors import ReportError
    from auditor_app.store.audits import find_audit
    from auditor_app.store.workspace import (
        NotFoundError,
        StoreError,
        Workspace,
        default_workspace_dir,
    )

    out = Path(args.out)
    passphrase = _passphrase(args) if args.sign else b""  # asked before the long work
    root = Path(args.workspace) if getattr(args, "workspace", None) else default_workspace_dir()

    def progress(done: int, total: int, label: str) -> None:
        if sys.stderr.isatty():  # a progress line for people, nothing in logs
            print(f"\r{label} {done}/{total}   ", end="", file=sys.stderr, flush=True)

    try:
        with Workspace(root) as ws:
            audit = find_audit(ws, args.audit)
            unsigned = out.with_name(f".{out.name}.unsigned.pdf") if args.sign else out
            result = build_report(
                ws, audit.id, unsigned, sites=args.site or None, photo_annex=not args.no_annex,
                annex_budget_mb=args.budget, progress=progress, lang=args.lang,
            )  # fmt: skip
    except (ReportError, NotFoundError, StoreError) as exc:
        raise _Failure(str(exc)) from exc
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)
    for warning in result.warnings:
        print(f"attention : {warning}", file=sys.stderr)
    if args.sign and result.blockers:
        print(
            f"attention : {result.blockers} point(s) bloquent encore la signature (constats "
            f"incomplets ou non renseignés : auditor-app audits show {audit.reference}) ; "
            "le rapport est signé tel quel",
            file=sys.stderr,
        )
    if args.sign:
        from auditor_app.report.signing import sign_pdf

        try:
            info = _guard(lambda: sign_pdf(
                unsigned, out, Path(args.sign), passphrase,
                page=result.signature_page, box=result.signature_box, lang=args.lang,
            ))  # fmt: skip
        finally:
            unsigned.unlink(missing_ok=True)
        signer = f"{info.signer.name} ({info.signer.short_fingerprint})"
        print(f"{out} : {result.pages} pages, signé par {signer}")
    else:
        print(f"{out} : {result.pages} pages, {result.size // 1024} Ko (non signé)")
    return 0


# --- commands -------------------------------------------------------------------------------


def cmd_identity_create(args: argparse.Namespace) -> int:
    from auditor_app.identity import create_identity, export_certificate_pem

    out = Path(args.out)
    if out.exists() and not args.force:  # before asking for a passphrase
        raise _Failure(f"« {out} » existe déjà (--force pour le remplacer)")
    passphrase = _passphrase(args, confirm=True)
    ident = _guard(
        lambda: create_identity(
            args.name,
            args.email,
            args.organisation,
            out,
            passphrase,
            days=args.days,
            overwrite=args.force,
            key_type=args.key,
        )
    )
    print(f"Identité créée : {out}")
    print(f"Empreinte SHA-256 : {ident.fingerprint}")
    if args.cert_out:
        _guard(lambda: export_certificate_pem(ident, Path(args.cert_out)))
        print(f"Certificat à remettre à l'auditeur responsable : {args.cert_out}")
    return EXIT_OK


def cmd_identity_show(args: argparse.Namespace) -> int:
    from auditor_app.identity import IdentityError, check_can_sign, load_identity

    ident = _guard(lambda: load_identity(Path(args.file), _passphrase(args)))
    for line in ident.describe():
        print(line)
    try:
        check_can_sign(ident)
    except IdentityError as exc:
        print(f"Ne peut pas signer : {exc}")
        return EXIT_CHECK_FAILED
    print("Peut signer : oui")
    return EXIT_OK


def cmd_identity_export_cert(args: argparse.Namespace) -> int:
    from auditor_app.identity import export_certificate_pem, load_identity

    ident = _guard(lambda: load_identity(Path(args.file), _passphrase(args)))
    _guard(lambda: export_certificate_pem(ident, Path(args.out)))
    print(f"Certificat de {ident.name} exporté vers {args.out}")
    print(f"Empreinte SHA-256 : {ident.fingerprint}")
    return EXIT_OK


def cmd_identity_import(args: argparse.Namespace) -> int:
    from auditor_app.identity import identities_dir, import_identity
    from auditor_app.store.workspace import default_workspace_dir

    workspace = getattr(args, "workspace", None)
    root = Path(workspace) if workspace else default_workspace_dir()
    ident = _guard(
        lambda: import_identity(Path(args.file), _passphrase(args), identities_dir(root))
    )
    print(f"Identité de {ident.name} importée : {ident.path}")
    print(f"Empreinte SHA-256 : {ident.fingerprint}")
    return EXIT_OK


def cmd_report_verify(args: argparse.Namespace) -> int:
    from auditor_app.report.signing import verify_pdf

    result = _guard(lambda: verify_pdf(Path(args.file), [Path(t) for t in args.trust]))
    label = {"green": "VALIDE", "orange": "À VÉRIFIER", "red": "INVALIDE"}[result.level]
    print(f"{label} – {result.summary}")
    if args.details:
        if result.signer is not None:
            for line in result.signer.describe():
                print(f"  {line}")
        for line in result.details:
            print(f"  {line}")
    return EXIT_OK if result.level == "green" else EXIT_CHECK_FAILED


# --- helpers --------------------------------------------------------------------------------


def _passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="F",
        help="lire la phrase de passe dans ce fichier (première ligne ; « - » : "
        "l'entrée standard) ; sinon elle est demandée",
    )


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> bytes:
    """The passphrase from ``--passphrase-file`` (its first line), or asked on the terminal."""
    source: str | None = args.passphrase_file
    if source is not None:
        try:
            if source == "-":
                raw = sys.stdin.buffer.read(_MAX_PASSPHRASE_FILE)
            else:
                with open(source, "rb") as handle:
                    raw = handle.read(_MAX_PASSPHRASE_FILE)
        except OSError as exc:
            raise _Failure(
                f"fichier de phrase de passe illisible « {source} » : {exc.strerror or exc}"
            ) from exc
        secret = raw.splitlines()[0] if raw.strip() else b""
        if not secret:
            raise _Failure(f"le fichier de phrase de passe « {source} » est vide")
        return secret
    if not sys.stdin.isatty():
        raise _Failure(
            "phrase de passe requise : donnez --passphrase-file F (ou lancez la "
            "commande dans un terminal)"
        )
    try:
        first = getpass.getpass("Phrase de passe : ")
        if confirm and getpass.getpass("Confirmez la phrase de passe : ") != first:
            raise _Failure("les deux phrases de passe diffèrent")
    except (EOFError, KeyboardInterrupt):
        raise _Failure("saisie de la phrase de passe interrompue") from None
    if not first:
        raise _Failure("phrase de passe vide")
    return first.encode("utf-8")


def _guard(work: Callable[[], T]) -> T:
    """Run ``work``; identity and signing errors become one-line failures (exit 2)."""
    from auditor_app.identity import IdentityError
    from auditor_app.report.signing import SigningError

    try:
        return work()
    except (IdentityError, SigningError) as exc:
        raise _Failure(str(exc)) from exc


def _command(func: Command) -> Command:
    """Wrap a command so that its failures print one line and give their exit code: the
    commands then need nothing from the caller's dispatcher."""

    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except _Failure as exc:
            print(f"{PROG} : erreur : {exc}", file=sys.stderr)
            return exc.code

    run.__name__ = func.__name__
    run.__doc__ = func.__doc__
    return run


def main(argv: Sequence[str] | None = None) -> int:
    """These commands alone, for tests and scripts."""
    parser = argparse.ArgumentParser(prog=PROG)
    parser.add_argument("--workspace", metavar="DIR", help="dossier de l'espace de travail")
    sub = parser.add_subparsers(title="commandes", metavar="COMMANDE", required=True)
    register(sub)
    args = parser.parse_args(argv)
    func: Command = args.func
    return func(args)


if __name__ == "__main__":
    raise SystemExit(main())
