"""Rolling backups, the health check and restoring, on copies of the demo workspace."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from auditor_app.store import backup, schema
from auditor_app.store.findings import findings, get_finding, update_finding
from auditor_app.store.workspace import (
    DB_NAME,
    NotFoundError,
    StoreError,
    Workspace,
    WorkspaceLockedError,
)

DAY1 = datetime(2026, 3, 2, 9, 0, 0)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once (opened once: it has no backup yet)."""
    from auditor_app.demo import build_demo

    root = tmp_path_factory.mktemp("template") / "ws"
    with Workspace(root, actor="Claire Martin") as ws:
        build_demo(ws)
    return root


@pytest.fixture
def root(demo_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ws"
    shutil.copytree(demo_template, copy)
    return copy


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime]]:
    """The time automatic backups see when a Workspace opens: set ``clock[0]``."""
    now = [DAY1]
    monkeypatch.setattr(backup, "clock", lambda: now[0])
    yield now


def names(root: Path) -> list[str]:
    return [b.name for b in backup.list_backups(root)]


def damage(path: Path) -> None:
    """Overwrite bytes in the middle of a database file, as a failing disk would."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))


def first_finding_id(ws: Workspace) -> str:
    audit_id = ws.conn.execute("SELECT id FROM audits").fetchone()[0]
    return findings(ws, audit_id)[0].id


def note_in(path: Path, finding_id: str) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT note FROM findings WHERE id = ?", (finding_id,)).fetchone()
        return str(row[0])
    finally:
        conn.close()


# -- taking and rotating ----------------------------------------------------------------


def test_backups_rotate_to_the_set_number(root: Path, clock: list[datetime]) -> None:
    with Workspace(root) as ws:  # the day's first opening: a daily backup
        assert names(root) == ["workspace-20260302-090000-daily.sqlite"]
        for minute in range(1, 6):
            backup.backup_now(ws, backup.IMPORT, keep=3, now=DAY1 + timedelta(minutes=minute))
    assert names(root) == [  # daily and import backups are counted together
        "workspace-20260302-090500-import.sqlite",
        "workspace-20260302-090400-import.sqlite",
        "workspace-20260302-090300-import.sqlite",
    ]
    assert sorted(p.name for p in backup.backups_dir(root).iterdir()) == sorted(names(root))
    assert all(check.good for check in backup.inspect_backups(root))


def test_two_backups_in_one_second_get_distinct_names(root: Path, clock: list[datetime]) -> None:
    with Workspace(root) as ws:
        first = backup.backup_now(ws, "import", now=DAY1)
        second = backup.backup_now(ws, "Avant l'essai n°2", now=DAY1)
    assert first.name == "workspace-20260302-090001-import.sqlite"  # 09:00:00 is the daily
    assert second.name == "workspace-20260302-090002-avant-l-essai-n2.sqlite"
    assert names(root)[0] == second.name


def test_rotation_never_deletes_the_newest_good_backup(root: Path, clock: list[datetime]) -> None:
    with Workspace(root) as ws:
        taken = [
            backup.backup_now(ws, "manual", now=DAY1 + timedelta(hours=h)) for h in (1, 2, 3, 4)
        ]
    damage(taken[2].path)
    damage(taken[3].path)
    deleted = backup.rotate(root, keep=2)
    assert names(root) == [taken[3].name, taken[2].name, taken[1].name]  # 2 newest + good one
    assert {b.name for b in deleted} == {taken[0].name, "workspace-20260302-090000-daily.sqlite"}
    assert backup.last_good_backup(root) == taken[1]


def test_daily_backup_taken_once_per_day(root: Path, clock: list[datetime]) -> None:
    for moment in (DAY1, DAY1.replace(hour=18), DAY1 + timedelta(days=1, hours=-1)):
        clock[0] = moment
        Workspace(root).close()
    assert names(root) == [
        "workspace-20260303-080000-daily.sqlite",
        "workspace-20260302-090000-daily.sqlite",
    ]


def test_any_backup_of_the_day_counts_as_the_daily_one(root: Path, clock: list[datetime]) -> None:
    backup.create_backup(root, now=DAY1 - timedelta(hours=2))
    Workspace(root).close()
    assert names(root) == ["workspace-20260302-070000-manual.sqlite"]


def test_a_new_workspace_gets_no_backup(tmp_path: Path, clock: list[datetime]) -> None:
    fresh = tmp_path / "new"
    Workspace(fresh).close()  # every migration pending, but nothing to keep
    assert names(fresh) == []
    clock[0] = DAY1 + timedelta(hours=1)
    Workspace(fresh).close()  # now an existing database
    assert names(fresh) == ["workspace-20260302-100000-daily.sqlite"]


def test_migration_backup_only_when_a_migration_is_pending(
    root: Path, clock: list[datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    Workspace(root).close()
    Workspace(root).close()
    assert [b.reason for b in backup.list_backups(root)] == ["daily"]  # nothing pending

    def add_table(db: Any) -> None:
        db.execute("CREATE TABLE later_feature (id TEXT PRIMARY KEY)")

    monkeypatch.setattr(schema, "STEPS", [*schema.STEPS, ("9999_later_feature", add_table)])
    clock[0] = DAY1 + timedelta(minutes=5)
    with Workspace(root) as ws:
        assert "9999_later_feature" in schema.applied(ws.conn)
    before = backup.list_backups(root)[0]
    assert before.name == "workspace-20260302-090500-migration.sqlite"
    conn = sqlite3.connect(before.path)
    try:
        assert "9999_later_feature" not in schema.applied(conn)  # taken before migrating
        assert "0001_initial" in schema.applied(conn)
    finally:
        conn.close()
    clock[0] = DAY1 + timedelta(minutes=10)
    Workspace(root).close()  # migrated already: no second migration backup
    assert [b.reason for b in backup.list_backups(root)] == ["migration", "daily"]


def test_no_migration_without_its_backup(
    root: Path, clock: list[datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "STEPS", [*schema.STEPS, ("9999_later", lambda db: None)])
    blocker = backup.backups_dir(root)
    blocker.write_text("not a folder", encoding="utf-8")  # backups cannot be written
    with pytest.raises(StoreError, match="Mise à jour de la base refusée"):
        Workspace(root)
    conn = sqlite3.connect(root / DB_NAME)
    try:
        assert "9999_later" not in schema.applied(conn)
    finally:
        conn.close()
    blocker.unlink()
    with Workspace(root) as ws:  # the lock was released; now backed up, then migrated
        assert "9999_later" in schema.applied(ws.conn)
    assert [b.reason for b in backup.list_backups(root)] == ["migration"]


def test_backup_now_is_refused_inside_a_transaction(root: Path, clock: list[datetime]) -> None:
    with (
        Workspace(root) as ws,
        ws.transaction(),
        pytest.raises(StoreError, match="modification en cours"),
    ):
        backup.backup_now(ws)


# -- restoring --------------------------------------------------------------------------


def test_restore_brings_back_the_chosen_backup_and_keeps_the_current_db(
    root: Path, clock: list[datetime]
) -> None:
    with Workspace(root) as ws:
        fid = first_finding_id(ws)
        original = get_finding(ws, fid).note
        chosen = backup.backup_now(ws, "manual", now=DAY1 + timedelta(minutes=1))
        update_finding(ws, fid, note="modifié après la sauvegarde")
        backup.backup_now(ws, "manual", now=DAY1 + timedelta(minutes=2))  # a newer one
        update_finding(ws, fid, note="encore modifié")  # only in the database and its log
    result = backup.restore(root, chosen.name, now=DAY1 + timedelta(minutes=3))
    assert result.restored == chosen
    assert result.health.ok and result.health.entries
    assert result.kept is not None and result.kept.reason == "before-restore"
    assert result.kept_problem == ""
    assert note_in(result.kept.path, fid) == "encore modifié"
    with Workspace(root) as ws:
        assert get_finding(ws, fid).note == original
        assert ws.verify_journal().ok and ws.integrity_ok()
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".workspace")]
    assert leftovers == []
    # « latest » is the newest real backup, not the copy kept before the restore.
    assert backup.find_backup(root, "latest").name == "workspace-20260302-090200-manual.sqlite"


def test_restore_accepts_a_name_without_extension_and_refuses_an_unknown_one(
    root: Path, clock: list[datetime]
) -> None:
    backup.create_backup(root, now=DAY1)
    assert backup.find_backup(root, "workspace-20260302-090000-manual").reason == "manual"
    with pytest.raises(NotFoundError, match="introuvable"):
        backup.restore(root, "workspace-19990101-000000-manual.sqlite")


def test_restore_refuses_while_the_workspace_is_open(root: Path, clock: list[datetime]) -> None:
    backup.create_backup(root, now=DAY1 - timedelta(hours=1))
    before = (root / DB_NAME).read_bytes()
    with Workspace(root, actor="autre"):
        with pytest.raises(WorkspaceLockedError, match="déjà ouvert par un autre programme"):
            backup.restore(root, backup.LATEST)
        with pytest.raises(WorkspaceLockedError):
            backup.create_backup(root)
    assert (root / DB_NAME).read_bytes() == before
    assert [b.reason for b in backup.list_backups(root)] == ["manual"]


# -- health -----------------------------------------------------------------------------


def test_a_healthy_workspace(root: Path, clock: list[datetime]) -> None:
    health = backup.check_health(root)
    assert health.ok and health.exists and health.problem == ""
    assert health.entries and health.entries > 100
    assert health.last_good is None
    assert health.describe()[-1] == "Aucune sauvegarde saine."


def test_a_corrupted_workspace_is_detected_and_the_last_good_backup_offered(
    root: Path, clock: list[datetime]
) -> None:
    good = backup.create_backup(root, now=DAY1)
    damage(root / DB_NAME)
    health = backup.check_health(root)
    assert not health.ok
    assert "Base de données" in health.problem
    assert "endommagée" in health.problem or "illisible" in health.problem
    assert health.last_good == good
    assert health.describe()[0].startswith("PROBLÈME : ")
    clock[0] = DAY1 + timedelta(days=1)
    try:  # the next day's backup of a damaged database is discarded, never kept
        Workspace(root).close()
    except StoreError as exc:
        assert "illisible" in str(exc)
    assert names(root) == [good.name]

    result = backup.restore(root, backup.LATEST, now=DAY1 + timedelta(hours=1))
    assert result.restored == good and result.health.ok
    assert result.kept is not None and result.kept_problem  # the damaged db, kept as it was
    assert not backup.check_backup(result.kept).good
    assert backup.last_good_backup(root) == good
    Workspace(root).close()


def test_a_tampered_journal_is_detected(root: Path, clock: list[datetime]) -> None:
    good = backup.create_backup(root, now=DAY1)
    conn = sqlite3.connect(root / DB_NAME)
    conn.execute("DROP TRIGGER journal_no_update")  # an edit from outside the app
    conn.execute("UPDATE journal SET payload = payload || x'20' WHERE seq = 42")
    conn.commit()
    conn.close()
    health = backup.check_health(root)
    assert not health.ok
    assert health.problem.startswith("Journal altéré à l'entrée n° 42")
    assert health.last_good == good
    # A backup of the altered workspace is kept (it is intact) but never offered as good.
    later = backup.create_backup(root, now=DAY1 + timedelta(hours=1))
    check = backup.check_backup(later)
    assert not check.good and "entrée n° 42" in check.problem
    assert backup.check_health(root).last_good == good
    with pytest.raises(backup.BackupCheckError, match="n'est pas utilisable"):
        backup.restore(root, later.name)


def test_a_corrupt_backup_is_reported_bad_and_never_offered(
    root: Path, clock: list[datetime]
) -> None:
    older = backup.create_backup(root, now=DAY1)
    newer = backup.create_backup(root, now=DAY1 + timedelta(hours=1))
    damage(newer.path)
    garbage = backup.backups_dir(root) / "workspace-20260302-120000-manual.sqlite"
    garbage.write_bytes(b"pas une base SQLite" * 100)
    checks = {c.backup.name: c for c in backup.inspect_backups(root)}
    assert checks[older.name].good and checks[older.name].entries
    assert not checks[newer.name].good and "Base" not in checks[newer.name].problem
    assert "base de données" in checks[newer.name].problem
    assert not checks[garbage.name].good and checks[garbage.name].entries is None
    assert backup.check_health(root).last_good == older
    assert backup.find_backup(root, backup.LATEST) == older
    before = (root / DB_NAME).read_bytes()
    with pytest.raises(backup.BackupCheckError, match="rien n'a été modifié"):
        backup.restore(root, newer.name)
    assert (root / DB_NAME).read_bytes() == before
    assert "before-restore" not in {b.reason for b in backup.list_backups(root)}


def test_health_of_a_workspace_without_database(tmp_path: Path) -> None:
    health = backup.check_health(tmp_path / "nothing")
    assert health.ok and not health.exists and health.last_good is None
