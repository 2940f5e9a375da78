"""Helpers for package tests: a team with identities, a shared audit, dumps and forgeries."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor_app.audit.model import Audit, Site, new_id
from auditor_app.identity.certificate import LoadedPkcs12, create_identity, read_pkcs12
from auditor_app.package import format as fmt
from auditor_app.package.merge import add_certificate, import_package
from auditor_app.package.writer import export_package, sign_bytes
from auditor_app.referential.model import Channel
from auditor_app.store import audits as audit_store
from auditor_app.store.workspace import Workspace
from tests.core.grids import small_grid

PASS = b"correct horse"


@dataclass
class Member:
    name: str
    identity: LoadedPkcs12
    root: Path

    def open(self) -> Workspace:
        return Workspace(self.root, actor=self.name)

    @property
    def pem(self) -> str:
        return self.identity.identity.certificate_pem


def member(tmp: Path, name: str) -> Member:
    stem = name.split()[0].lower().replace("é", "e")
    p12 = tmp / f"{stem}.p12"
    create_identity(name, f"{stem}@example.fr", "Certif", p12, PASS)
    return Member(name, read_pkcs12(p12, PASS), tmp / f"ws-{stem}")


def make_audit(ws: Workspace, reference: str = "AUD-1", sites: int = 2) -> tuple[str, list[str]]:
    ref = small_grid()
    audit_store.add_referential(ws, ref)
    audit = Audit(id=new_id(), referential_key=ref.key, organisation="Région test",
                  reference=reference, status="in_progress")  # fmt: skip
    site_rows = [
        Site(id=new_id(), audit_id=audit.id, name=f"Site {i + 1}",
             channels=(Channel.COUNTER, Channel.PHONE))
        for i in range(sites)
    ]  # fmt: skip
    audit_store.create_audit(ws, audit, site_rows)
    return audit.id, [s.id for s in audit_store.sites(ws, audit.id)]


def export(m: Member, ws: Workspace, audit_id: str, out: Path, **kw: Any) -> Path:
    export_package(ws, audit_id, out, m.identity, **kw)
    return out


def trust_all(ws: Workspace, *members: Member) -> None:
    for m in members:
        add_certificate(ws, m.pem, source="test")


def dump(root: Path) -> dict[str, Any]:
    """Everything a user could lose: every row of every table, and every stored file."""
    import sqlite3

    conn = sqlite3.connect(root / "workspace.sqlite")
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        data: dict[str, Any] = {
            t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}").fetchall())) for t in tables
        }
    finally:
        conn.close()
    files = sorted(
        str(p.relative_to(root))
        for sub in ("blobs", "thumbs", "packs")
        for p in (root / sub).rglob("*")
        if p.is_file()
    )
    data["__files__"] = files
    return data


def rows_of(root: Path, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The audit data of a workspace, without what is local to it (journal, stamps, rev)."""
    import sqlite3

    conn = sqlite3.connect(root / "workspace.sqlite")
    out: dict[str, Any] = {}
    try:
        for table, columns in fmt.TABLE_COLUMNS.items():
            if table in skip:
                continue
            names = [c for c in columns if c not in ("rev", "imported_at")]
            out[table] = sorted(
                map(repr, conn.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall())
            )
    finally:
        conn.close()
    return out


# -- forging packages ---------------------------------------------------------------------


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_zip(path: Path, items: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in items:
            zf.writestr(name, data)
    return path


def forge(
    good: Path,
    out: Path,
    *,
    replace: dict[str, bytes] | None = None,
    edit_manifest: Callable[[dict[str, Any]], None] | None = None,
    resign: LoadedPkcs12 | None = None,
    rehash: bool = True,
) -> Path:
    """A copy of ``good`` with some entries replaced; the manifest updated and re-signed
    with ``resign`` (so that only the check under test can catch the change)."""
    files = entries(good)
    for name, data in (replace or {}).items():
        files[name] = data
    manifest = json.loads(files[fmt.MANIFEST])
    if rehash:
        for entry in manifest["files"]:
            data = files[entry["name"]]
            entry["size"], entry["sha256"] = len(data), hashlib.sha256(data).hexdigest()
    if edit_manifest is not None:
        edit_manifest(manifest)
    raw = json.dumps(manifest, indent=1).encode()
    files[fmt.MANIFEST] = raw
    if resign is not None:
        files[fmt.SIGNATURE] = sign_bytes(resign, raw)
    return write_zip(out, list(files.items()))


def tables_of(path: Path) -> dict[str, list[dict[str, Any]]]:
    return json.loads(entries(path)[fmt.TABLES])["tables"]  # type: ignore[no-any-return]


def tables_bytes(tables: dict[str, list[dict[str, Any]]]) -> bytes:
    return json.dumps({"tables": tables}).encode()


__all__ = ["dump", "export", "forge", "import_package", "make_audit", "member", "trust_all"]
