"""Commands for the workspace's backups: ``backup list|create|restore|check``.

``register(subparsers)`` adds them to the ``auditor-app`` parser; ``main(argv)`` runs them alone
(for tests: ``python -m auditor_app.backup_cli backup list``). Exit codes as in
``auditor_app.cli``: 0 success, 1 a check failed (damaged database or altered journal, a
backup that is not usable), 2 misuse (unknown backup, locked or missing workspace). Errors go
to standard error in one French line.

``list`` and ``check`` only read (no lock: they work while the app has the workspace open);
``create`` and ``restore`` take the workspace's lock.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

# One error convention for every command module (one line on stderr, its exit code).
from auditor_app.signing_cli import (
    EXIT_CHECK_FAILED,
    EXIT_OK,
    PROG,
    Command,
    _command,
    _Failure,
)

T = TypeVar("T")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``backup …`` to the command's ``subparsers``."""
    backup = subparsers.add_parser("backup", help="sauvegardes de l'espace de travail")
    actions = backup.add_subparsers(metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list",
        help="lister les sauvegardes (date, motif, taille, journal, état)",
        description="Liste les sauvegardes, de la plus récente à la plus ancienne ; chacune "
        "est ouverte et vérifiée (intégrité de la base et chaîne du journal).",
    )
    listing.set_defaults(func=_command(cmd_backup_list))

    create = actions.add_parser(
        "create",
        help="sauvegarder maintenant l'espace de travail",
        description="Copie la base de l'espace de travail dans backups/, vérifiée ; seules "
        "les sauvegardes les plus récentes sont gardées.",
    )
    create.add_argument(
        "--reason",
        default="manual",
        metavar="MOTIF",
        help="motif inscrit dans le nom du fichier (manual par défaut)",
    )
    create.set_defaults(func=_command(cmd_backup_create))

    restore = actions.add_parser(
        "restore",
        help="remettre une sauvegarde en place (la base actuelle est gardée)",
        description="Remplace la base de l'espace de travail par une sauvegarde vérifiée. "
        "La base actuelle est d'abord gardée comme sauvegarde « avant restauration ». "
        "Refusé tant qu'un autre programme a ouvert l'espace de travail.",
    )
    restore.add_argument("name", metavar="NOM|latest",
                         help="nom du fichier de sauvegarde (voir « backup list »), ou latest "
                         "pour la plus récente qui est saine")  # fmt: skip
    restore.set_defaults(func=_command(cmd_backup_restore))

    check = actions.add_parser(
        "check",
        help="vérifier la base et le journal ; indiquer la dernière sauvegarde saine",
        description="Vérifie, en lecture seule, l'intégrité de la base et la chaîne "
        "d'empreintes du journal. Code de sortie 0 : sain ; 1 : problème détecté.",
    )
    check.set_defaults(func=_command(cmd_backup_check))


# --- commands -------------------------------------------------------------------------------


def cmd_backup_list(args: argparse.Namespace) -> int:
    from auditor_app.store.backup import backups_dir, inspect_backups

    root = _root(args)
    checks = inspect_backups(root)
    if not checks:
        print(f"Aucune sauvegarde dans {backups_dir(root)}.")
        return EXIT_OK
    print(f"Sauvegardes de {root} ({len(checks)}), de la plus récente à la plus ancienne :")
    rows = [("nom", "date", "motif", "taille", "journal", "état")]
    for check in checks:
        backup = check.backup
        rows.append((
            backup.name,
            f"{backup.taken_at:%d/%m/%Y %H:%M:%S}",
            backup.reason_label,
            _size(backup.size),
            "—" if check.entries is None else f"{check.entries} entrées",
            "ok" if check.good else f"ALTÉRÉE : {check.problem}",
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].ljust(widths[2]),
                 row[3].rjust(widths[3]), row[4].rjust(widths[4]), row[5]]  # fmt: skip
        print("  " + "  ".join(cells))
    return EXIT_OK


def cmd_backup_create(args: argparse.Namespace) -> int:
    from auditor_app.store.backup import create_backup

    backup = _guard(lambda: create_backup(_root(args), args.reason))
    print(f"Sauvegarde créée et vérifiée : {backup.name} ({_size(backup.size)})")
    print(f"Dossier : {backup.path.parent}")
    return EXIT_OK


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from auditor_app.store.backup import restore

    result = _guard(lambda: restore(_root(args), args.name))
    if result.kept is not None:
        state = "" if not result.kept_problem else f" – copie altérée : {result.kept_problem}"
        print(f"Base remplacée gardée : {result.kept.name}{state}")
    print(f"Sauvegarde restaurée : {result.restored.describe()}")
    health = result.health
    if not health.ok:
        print(f"PROBLÈME après restauration : {health.problem}")
        return EXIT_CHECK_FAILED
    print(f"Base de données intègre ; journal intègre : {health.entries} entrées.")
    return EXIT_OK


def cmd_backup_check(args: argparse.Namespace) -> int:
    from auditor_app.store.backup import check_health

    root = _root(args)
    health = check_health(root)
    if not health.exists and health.last_good is None:
        raise _Failure(f"espace de travail introuvable : {root}")
    for line in health.describe():
        print(line)
    if health.last_good is not None and (not health.ok or not health.exists):
        print(f"Pour la restaurer : {PROG} backup restore {health.last_good.name}")
    return EXIT_OK if health.ok and health.exists else EXIT_CHECK_FAILED


# --- helpers --------------------------------------------------------------------------------


def _root(args: argparse.Namespace) -> Path:
    from auditor_app.store.workspace import default_workspace_dir

    workspace = getattr(args, "workspace", None)
    return Path(workspace) if workspace else default_workspace_dir()


def _guard(work: Callable[[], T]) -> T:
    """Run ``work``; a failed check exits 1, other workspace errors 2, in one line."""
    from auditor_app.store.backup import BackupCheckError
    from auditor_app.store.workspace import StoreError

    try:
        return work()
    except BackupCheckError as exc:
        raise _Failure(str(exc), EXIT_CHECK_FAILED) from exc
    except (StoreError, OSError) as exc:
        raise _Failure(str(exc)) from exc


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} o"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} Ko"
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


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
