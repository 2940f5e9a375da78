"""Commands for audit packages and the team: ``package export|verify|import|list`` and
``team list|add|remove``.

Exit codes as in ``auditor_app.cli``: 0 success (verify: valid and trusted), 1 a check failed
(verify: refused, or signer unknown), 2 misuse. Messages are French, one line per problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor_app.signing_cli import (
    EXIT_CHECK_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    _command,
    _Failure,
    _guard,
    _passphrase,
    _passphrase_option,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pkg = subparsers.add_parser("package", help="paquets d'audit (.spaudit) : export, import")
    pkg_sub = pkg.add_subparsers(metavar="ACTION", required=True)

    export = pkg_sub.add_parser(
        "export",
        help="écrire le paquet signé d'un audit",
        description="Écrit le paquet d'un audit (constats, photos, journal), signé avec "
        "l'identité de l'auditeur, à envoyer au responsable d'audit.",
    )
    export.add_argument("audit", help="identifiant (ou début d'identifiant) ou référence")
    export.add_argument("--out", required=True, metavar="FICHIER.spaudit", help="paquet à écrire")
    export.add_argument("--identity", required=True, metavar="ID.p12",
                        help="identité de signature (PKCS#12)")  # fmt: skip
    export.add_argument("--report", metavar="RAPPORT.pdf", help="joindre le rapport signé")
    export.add_argument(
        "--review",
        action="store_true",
        help="paquet de revue (réponse du responsable aux auditeurs)",
    )
    _passphrase_option(export)
    export.set_defaults(func=_command(cmd_package_export))

    verify = pkg_sub.add_parser("verify", help="vérifier un paquet sans l'importer")
    verify.add_argument("file", help="paquet .spaudit")
    verify.add_argument("--trust", action="append", default=[], metavar="CERT.pem",
                        help="certificat de confiance (répétable) ; ceux de l'équipe de "
                        "l'espace de travail comptent aussi")  # fmt: skip
    verify.set_defaults(func=_command(cmd_package_verify))

    imp = pkg_sub.add_parser("import", help="vérifier puis fusionner un paquet")
    imp.add_argument("file", help="paquet .spaudit")
    imp.add_argument("--accept-signer", action="store_true",
                     help="accepter un signataire hors de l'équipe (après avoir vérifié son "
                     "empreinte) ; il rejoint l'équipe et c'est noté au journal")  # fmt: skip
    imp.set_defaults(func=_command(cmd_package_import))

    listing = pkg_sub.add_parser("list", help="paquets importés dans l'espace de travail")
    listing.set_defaults(func=_command(cmd_package_list))

    team = subparsers.add_parser("team", help="certificats de confiance de l'équipe")
    team_sub = team.add_subparsers(metavar="ACTION", required=True)
    team_sub.add_parser("list", help="lister l'équipe").set_defaults(func=_command(cmd_team_list))
    add = team_sub.add_parser("add", help="ajouter le certificat d'un auditeur (.pem ou paquet)")
    add.add_argument("file", help="certificat .pem, ou paquet .spaudit signé par l'auditeur")
    add.set_defaults(func=_command(cmd_team_add))
    remove = team_sub.add_parser("remove", help="retirer un certificat de l'équipe")
    remove.add_argument("fingerprint", help="empreinte (ou son début)")
    remove.set_defaults(func=_command(cmd_team_remove))


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from auditor_app.store.workspace import StoreError, Workspace, default_workspace_dir

    root = Path(args.workspace) if args.workspace else default_workspace_dir()
    try:
        return Workspace(root)
    except StoreError as exc:
        raise _Failure(str(exc)) from exc


def _progress(done: int, total: int, label: str) -> None:
    if sys.stderr.isatty() and total:
        print(f"\r{label} : {100 * done // total} %", end="", file=sys.stderr, flush=True)


def cmd_package_export(args: argparse.Namespace) -> int:
    from auditor_app.identity.certificate import read_pkcs12
    from auditor_app.package.reader import PackageError
    from auditor_app.package.writer import export_package
    from auditor_app.store.audits import find_audit
    from auditor_app.store.workspace import StoreError

    passphrase = _passphrase(args)
    loaded = _guard(lambda: read_pkcs12(Path(args.identity), passphrase))
    with _open(args) as ws:
        try:
            audit = find_audit(ws, args.audit)
            result = export_package(
                ws, audit.id, Path(args.out), loaded, kind="review" if args.review else "field",
                report=Path(args.report) if args.report else None, progress=_progress,
            )  # fmt: skip
        except (PackageError, StoreError) as exc:
            raise _Failure(str(exc)) from exc
    counts = result.counts
    print(
        f"Paquet écrit : {result.path} ({result.size / 1_000_000:.1f} Mo, {result.files} fichiers)"
        f"\n  audit {audit.reference}, {counts.get('findings', 0)} constats, "
        f"{counts.get('evidence', 0)} pièces, signé par {loaded.identity.name}"
    )
    return EXIT_OK


def _trusted(args: argparse.Namespace) -> list[str]:
    from auditor_app.identity.certificate import format_fingerprint
    from auditor_app.store.workspace import DB_NAME, WorkspaceReader, default_workspace_dir

    fingerprints: list[str] = []
    for name in args.trust:
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import Encoding

        try:
            cert = x509.load_pem_x509_certificate(Path(name).read_bytes())
        except (OSError, ValueError) as exc:
            raise _Failure(f"certificat de confiance illisible « {name} » : {exc}") from exc
        fingerprints.append(format_fingerprint(cert.public_bytes(Encoding.DER)))
    root = Path(args.workspace) if args.workspace else default_workspace_dir()
    if (root / DB_NAME).exists():
        reader = WorkspaceReader(root)
        try:
            has_team = reader.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'team_certificates'"
            ).fetchone()
            if has_team:
                fingerprints += [
                    r[0] for r in reader.conn.execute("SELECT id FROM team_certificates")
                ]
        finally:
            reader.close()
    return fingerprints


def cmd_package_verify(args: argparse.Namespace) -> int:
    from auditor_app.package.reader import PackageError, read_package

    try:
        package = read_package(Path(args.file), _trusted(args), progress=_progress)
    except PackageError as exc:
        print(f"INVALIDE — {exc}")
        return EXIT_CHECK_FAILED
    m, signer = package.manifest, package.signer
    print(f"Paquet : {Path(args.file).name} ({'revue' if m.kind == 'review' else 'terrain'})")
    print(f"Audit : {m.audit_reference} ({m.audit_id}), grille {m.referential_key}")
    print(f"Signé par : {signer.name} <{signer.email}> le {m.created_at[:19].replace('T', ' ')}")
    print(f"Empreinte : {signer.fingerprint}")
    print(
        f"Contenu : {m.counts.get('findings', 0)} constats, {m.counts.get('evidence', 0)} pièces,"
        f" {m.journal.entries} entrées de journal, {len(m.files)} fichiers vérifiés"
    )
    if not package.trusted:
        print("À VÉRIFIER — intègre, mais le signataire n'est pas dans l'équipe de confiance")
        return EXIT_CHECK_FAILED
    print("VALIDE — intègre, signé par un membre de l'équipe")
    return EXIT_OK


def cmd_package_import(args: argparse.Namespace) -> int:
    from auditor_app.package.merge import import_package
    from auditor_app.package.reader import PackageError, UntrustedSignerError
    from auditor_app.store.workspace import StoreError

    with _open(args) as ws:
        try:
            result = import_package(
                ws, Path(args.file), accept_unknown_signer=args.accept_signer,
                progress=_progress,
            )  # fmt: skip
        except UntrustedSignerError as exc:
            print(f"{exc}\nPour l'accepter : auditor-app package import {args.file} "
                  "--accept-signer", file=sys.stderr)  # fmt: skip
            return EXIT_CHECK_FAILED
        except PackageError as exc:
            print(f"auditor-app : import refusé, rien n'a changé : {exc}", file=sys.stderr)
            return EXIT_CHECK_FAILED
        except StoreError as exc:
            raise _Failure(str(exc)) from exc
    print(result.describe())
    return EXIT_OK


def cmd_package_list(args: argparse.Namespace) -> int:
    from auditor_app.package.merge import package_imports

    with _open(args) as ws:
        rows = package_imports(ws)
    if not rows:
        print("Aucun paquet importé.")
    for row in rows:
        print(f"{row['updated_at'][:16].replace('T', ' ')}  {row['file_name']}  de "
              f"{row['signer_name']} : +{row['added']} ~{row['changed']} "
              f"conflits {row['conflicts']}")  # fmt: skip
    return EXIT_OK


def cmd_team_list(args: argparse.Namespace) -> int:
    from auditor_app.package.merge import team

    with _open(args) as ws:
        members = team(ws)
    if not members:
        print("Équipe vide : ajoutez les certificats des auditeurs (auditor-app team add).")
    for m in members:
        print(f"{m['name']} <{m['email']}>  {m['id']}")
    return EXIT_OK


def cmd_team_add(args: argparse.Namespace) -> int:
    from auditor_app.package.merge import add_certificate
    from auditor_app.package.reader import PackageError, read_package
    from auditor_app.store.workspace import StoreError

    path = Path(args.file)
    try:
        if path.suffix.lower() == ".spaudit":
            pem: bytes | str = read_package(path).signer.pem
            source = f"paquet {path.name}"
        else:
            pem = path.read_bytes()
            source = path.name
    except (OSError, PackageError) as exc:
        raise _Failure(f"« {path} » : {getattr(exc, 'strerror', None) or exc}") from exc
    with _open(args) as ws:
        try:
            fingerprint = add_certificate(ws, pem, source=source)
        except StoreError as exc:
            raise _Failure(str(exc)) from exc
    print(f"Certificat ajouté à l'équipe : {fingerprint}")
    return EXIT_OK


def cmd_team_remove(args: argparse.Namespace) -> int:
    from auditor_app.package.merge import remove_certificate
    from auditor_app.store.workspace import StoreError

    with _open(args) as ws:
        try:
            remove_certificate(ws, args.fingerprint)
        except StoreError as exc:
            raise _Failure(str(exc)) from exc
    print("Certificat retiré de l'équipe.")
    return EXIT_OK


__all__ = ["EXIT_USAGE", "register"]
