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

    sync = subparsers.add_parser("sync", help="boîte d'envoi, boîte de réception, serveur WebDAV")
    sync_sub = sync.add_subparsers(metavar="ACTION", required=True)
    settings = sync_sub.add_parser("settings", help="voir ou régler les dossiers et le serveur")
    settings.add_argument("--outbox", metavar="DIR", help="boîte d'envoi (dossier synchronisé)")
    settings.add_argument("--inbox", metavar="DIR", help="boîte de réception du responsable")
    settings.add_argument(
        "--webdav", metavar="URL", help="dossier WebDAV (Nextcloud…), « - » : aucun"
    )
    settings.add_argument("--webdav-user", metavar="NOM", help="identifiant WebDAV")
    settings.set_defaults(func=_command(cmd_sync_settings))
    submit = sync_sub.add_parser("submit", help="déposer le paquet signé d'un audit à envoyer")
    submit.add_argument("audit", help="identifiant (ou début d'identifiant) ou référence")
    submit.add_argument("--identity", required=True, metavar="ID.p12", help="identité (PKCS#12)")
    submit.add_argument("--report", metavar="RAPPORT.pdf", help="joindre le rapport signé")
    submit.add_argument("--review", action="store_true", help="paquet de revue (responsable)")
    submit.add_argument("--upload", action="store_true", help="l'envoyer aussi au serveur WebDAV")
    _passphrase_option(submit)
    _webdav_password_option(submit)
    submit.set_defaults(func=_command(cmd_sync_submit))
    inbox = sync_sub.add_parser("inbox", help="paquets reçus et leur vérification")
    inbox.add_argument("--import", dest="do_import", action="store_true",
                       help="importer les paquets vérifiés signés par l'équipe")  # fmt: skip
    inbox.set_defaults(func=_command(cmd_sync_inbox))
    fetch = sync_sub.add_parser("fetch", help="télécharger les paquets du serveur WebDAV")
    _webdav_password_option(fetch)
    fetch.set_defaults(func=_command(cmd_sync_fetch))

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
    from auditor_app.package.merge import trust_own_signer
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
            trust_own_signer(ws, loaded)
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

    fingerprints: list[str] = []
    for name in args.trust:
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import Encoding

        try:
            cert = x509.load_pem_x509_certificate(Path(name).read_bytes())
        except (OSError, ValueError) as exc:
            raise _Failure(f"certificat de confiance illisible « {name} » : {exc}") from exc
        fingerprints.append(format_fingerprint(cert.public_bytes(Encoding.DER)))
    return fingerprints


def _reader(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The workspace, read-only, when there is one with the tables of packages; else None."""
    from auditor_app.store.workspace import DB_NAME, WorkspaceReader, default_workspace_dir

    root = Path(args.workspace) if args.workspace else default_workspace_dir()
    if not (root / DB_NAME).exists():
        return None
    reader = WorkspaceReader(root)
    has_team = reader.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'team_certificates'"
    ).fetchone()
    if not has_team:
        reader.close()
        return None
    return reader


def cmd_package_verify(args: argparse.Namespace) -> int:
    from auditor_app.package.merge import check_compatible
    from auditor_app.package.reader import PackageError, read_package

    trusted = _trusted(args)
    reader = _reader(args)
    try:
        if reader is not None:
            trusted += [r[0] for r in reader.conn.execute("SELECT id FROM team_certificates")]
        try:
            package = read_package(Path(args.file), trusted, progress=_progress)
            if reader is not None:  # would the workspace take it? (grid, audit reference)
                check_compatible(reader.conn, package)
        except PackageError as exc:
            print(f"INVALIDE — {exc}")
            return EXIT_CHECK_FAILED
    finally:
        if reader is not None:
            reader.close()
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


def _webdav_password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-file", metavar="F",
        help="mot de passe WebDAV (première ligne du fichier ; sinon AUDITOR_APP_WEBDAV_PASSWORD,"
        " sinon demandé)",
    )  # fmt: skip


def _root(args: argparse.Namespace) -> Path:
    from auditor_app.store.workspace import default_workspace_dir

    return Path(args.workspace) if args.workspace else default_workspace_dir()


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from auditor_app.package.sync import load_settings
    from auditor_app.store.workspace import StoreError

    try:
        return load_settings(_root(args))
    except StoreError as exc:
        raise _Failure(str(exc)) from exc


def cmd_sync_settings(args: argparse.Namespace) -> int:
    from auditor_app.package.sync import save_settings
    from auditor_app.store.workspace import StoreError

    current = _settings(args)
    given = (("outbox", args.outbox), ("inbox", args.inbox), ("webdav_url", args.webdav),
             ("webdav_user", args.webdav_user))  # fmt: skip
    changes = {k: v for k, v in given if v is not None}
    if changes.get("webdav_url") == "-":
        changes["webdav_url"] = ""
    for key in ("outbox", "inbox"):
        if changes.get(key):
            changes[key] = str(Path(changes[key]).expanduser().resolve())
    if changes:
        current = current.model_copy(update=changes)
        try:
            (_root(args)).mkdir(parents=True, exist_ok=True)
            save_settings(_root(args), current)
        except StoreError as exc:
            raise _Failure(str(exc)) from exc
    print(f"Boîte d'envoi : {current.outbox or '—'}")
    print(f"Boîte de réception : {current.inbox or '—'}")
    user = f" (identifiant {current.webdav_user})" if current.webdav_user else ""
    print(f"Serveur WebDAV : {current.webdav_url or '—'}{user}")
    return EXIT_OK


def _webdav(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    import getpass
    import os

    from pydantic import ValidationError

    from auditor_app.package.webdav import WebDavConfig

    settings = _settings(args)
    if not settings.webdav_url:
        raise _Failure("aucun serveur WebDAV réglé : auditor-app sync settings --webdav URL")
    password = os.environ.get("AUDITOR_APP_WEBDAV_PASSWORD", "")
    if args.password_file:
        try:
            password = Path(args.password_file).read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError) as exc:
            raise _Failure(f"fichier de mot de passe illisible « {args.password_file} »") from exc
    elif not password and settings.webdav_user and sys.stdin.isatty():
        password = getpass.getpass("Mot de passe WebDAV : ")
    try:
        return WebDavConfig(base_url=settings.webdav_url, username=settings.webdav_user,
                            password=password)  # fmt: skip
    except ValidationError as exc:
        raise _Failure(f"réglage WebDAV invalide : {exc.errors()[0]['msg']}") from exc


def cmd_sync_submit(args: argparse.Namespace) -> int:
    from auditor_app.identity.certificate import read_pkcs12
    from auditor_app.package.merge import trust_own_signer
    from auditor_app.package.reader import PackageError
    from auditor_app.package.sync import submit
    from auditor_app.store.audits import find_audit
    from auditor_app.store.workspace import StoreError

    settings = _settings(args)
    if not settings.outbox:
        raise _Failure("aucune boîte d'envoi réglée : auditor-app sync settings --outbox DIR")
    config = _webdav(args) if args.upload else None
    passphrase = _passphrase(args)
    loaded = _guard(lambda: read_pkcs12(Path(args.identity), passphrase))
    with _open(args) as ws:
        try:
            audit = find_audit(ws, args.audit)
            report = Path(args.report) if args.report else None
            kind = "review" if args.review else "field"
            path = submit(ws, audit.id, loaded, Path(settings.outbox), kind=kind, report=report,
                          progress=_progress)  # fmt: skip
            trust_own_signer(ws, loaded)
        except (PackageError, StoreError) as exc:
            raise _Failure(str(exc)) from exc
    print(f"Paquet déposé dans la boîte d'envoi : {path}")
    if config is not None:
        from auditor_app.package.webdav import TransferCancelled, WebDavError, upload

        try:
            remote = upload(config, path, progress=_progress)
        except (WebDavError, TransferCancelled) as exc:
            print(f"Envoi au serveur interrompu : {exc}", file=sys.stderr)
            return EXIT_CHECK_FAILED
        print(f"Envoyé au serveur : {remote.name} ({remote.size / 1e6:.1f} Mo)")
    return EXIT_OK


def cmd_sync_inbox(args: argparse.Namespace) -> int:
    from auditor_app.package.merge import import_package
    from auditor_app.package.reader import PackageError
    from auditor_app.package.sync import scan_inbox
    from auditor_app.store.workspace import StoreError

    settings = _settings(args)
    if not settings.inbox:
        raise _Failure("aucune boîte de réception réglée : auditor-app sync settings --inbox DIR")
    labels = {"trusted": "VALIDE", "unknown": "À VÉRIFIER", "invalid": "INVALIDE",
              "imported": "IMPORTÉ"}  # fmt: skip
    failed = False
    with _open(args) as ws:
        try:
            items = scan_inbox(ws, Path(settings.inbox))
        except StoreError as exc:
            raise _Failure(str(exc)) from exc
        if not items:
            print("Boîte de réception vide.")
        for item in items:
            who = f" — {item.audit_reference}, de {item.signer}" if item.signer else ""
            print(f"{labels[item.state]:<10} {item.path.name}{who} : {item.reason}")
            if args.do_import and item.state == "trusted":
                try:
                    print("           " + import_package(ws, item.path).describe())
                except PackageError as exc:
                    print(f"           import refusé, rien n'a changé : {exc}")
                    failed = True
            failed = failed or item.state == "invalid"
    return EXIT_CHECK_FAILED if failed else EXIT_OK


def cmd_sync_fetch(args: argparse.Namespace) -> int:
    from auditor_app.package.webdav import (
        TransferCancelled,
        WebDavError,
        download,
        list_packages,
    )

    settings = _settings(args)
    if not settings.inbox:
        raise _Failure("aucune boîte de réception réglée : auditor-app sync settings --inbox DIR")
    config = _webdav(args)
    inbox = Path(settings.inbox)
    try:
        remote = list_packages(config)
        fetched = 0
        for item in remote:
            dest = inbox / item.name
            if dest.exists() and dest.stat().st_size == item.size:
                continue
            download(config, item.name, dest, progress=_progress)
            fetched += 1
            print(f"Reçu : {item.name} ({item.size / 1e6:.1f} Mo)")
    except (WebDavError, TransferCancelled) as exc:
        print(f"Téléchargement interrompu : {exc}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    print(f"{fetched} paquet(s) reçu(s), {len(remote) - fetched} déjà présent(s).")
    return EXIT_OK


__all__ = ["EXIT_USAGE", "register"]
