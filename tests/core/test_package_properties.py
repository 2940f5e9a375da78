"""Properties of the merge: idempotent, order-independent for separate sites, never deletes."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor_app.audit.verdicts import Verdict
from auditor_app.package.merge import import_package
from auditor_app.store import findings as F
from auditor_app.store import integrity
from tests.core.packages import Member, dump, export, make_audit, member, rows_of, trust_all

VERDICTS = [None, *Verdict]
# One edit: (index of the finding among the auditor's site's findings, verdict, note).
edits = st.lists(
    st.tuples(st.integers(0, 40), st.sampled_from(VERDICTS), st.text(max_size=30)),
    max_size=6,
)


@pytest.fixture(scope="module")
def people() -> Iterator[dict[str, Member]]:
    root = Path(tempfile.mkdtemp(prefix="pkg-props-"))
    try:
        yield {k: member(root, n) for k, n in (("lead", "Léa Responsable"),
               ("a", "Alice Martin"), ("b", "Bob Durand"), ("c", "Chloé Petit"))}  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _scenario(people: dict[str, Member], work: list[list[tuple[int, object, str]]],
              root: Path) -> tuple[list[Path], str]:  # fmt: skip
    """The lead hands an audit of three sites to three auditors; each edits their own site."""
    members = [people["a"], people["b"], people["c"]]
    lead = Member("Léa Responsable", people["lead"].identity, root / "lead")
    with lead.open() as ws:
        audit_id, sites = make_audit(ws, sites=3)
        trust_all(ws, *members)
        start = export(lead, ws, audit_id, root / "start.spaudit", kind="review")
    packages = []
    for index, (person, changes) in enumerate(zip(members, work, strict=True)):
        m = Member(person.name, person.identity, root / f"field-{index}")
        with m.open() as ws:
            trust_all(ws, lead)
            import_package(ws, start)
            mine = F.findings(ws, audit_id, sites[index])
            for position, verdict, note in changes:
                F.update_finding(ws, mine[position % len(mine)].id, verdict=verdict, note=note)  # type: ignore[arg-type]
            packages.append(export(m, ws, audit_id, root / f"field-{index}.spaudit"))
    return packages, audit_id


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(work=st.lists(edits, min_size=3, max_size=3), order=st.permutations(range(3)))
def test_any_import_order_gives_the_same_workspace_and_twice_changes_nothing(
    people: dict[str, Member], work: list[list[tuple[int, object, str]]], order: list[int]
) -> None:
    root = Path(tempfile.mkdtemp(prefix="pkg-order-"))
    try:
        packages, audit_id = _scenario(people, work, root)
        states = []
        for label, sequence in (("given", list(range(3))), ("other", order)):
            lead = Member("Lea", people["lead"].identity, root / f"lead-{label}")
            with lead.open() as ws:
                trust_all(ws, people["a"], people["b"], people["c"])
                import_package(ws, root / "start.spaudit", accept_unknown_signer=True)
                before = {f.id for f in F.findings(ws, audit_id)}
                for i in sequence:
                    result = import_package(ws, packages[i])
                    assert result.conflicts == 0  # separate sites never conflict
                    assert before <= {f.id for f in F.findings(ws, audit_id)}  # nothing deleted
                assert integrity.check_records(ws.conn) == []
                # The merge itself is idempotent, even if the "already imported" record is gone.
                snapshot = rows_of(lead.root)
                for i in sequence:
                    ws.conn.execute("DELETE FROM package_imports")
                    again = import_package(ws, packages[i])
                    assert (again.added, again.changed, again.conflicts) == (0, 0, 0)
                assert rows_of(lead.root) == snapshot
            states.append(rows_of(lead.root))
        assert states[0] == states[1]
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(first=edits, second=edits)
def test_no_import_ever_deletes_a_finding_or_loses_a_version(
    people: dict[str, Member], first: list[tuple[int, object, str]],
    second: list[tuple[int, object, str]],
) -> None:  # fmt: skip
    """Two auditors on the SAME site: every version either is kept or waits as a conflict."""
    root = Path(tempfile.mkdtemp(prefix="pkg-same-"))
    try:
        packages, audit_id = _scenario(people, [first, [], []], root)
        # Bob edits Alice's site too, from the same start.
        bob = Member("Bob Durand", people["b"].identity, root / "field-1")
        with bob.open() as ws:
            site = F.findings(ws, audit_id)[0].site_id
            mine = F.findings(ws, audit_id, site)
            for position, verdict, note in second:
                F.update_finding(ws, mine[position % len(mine)].id, verdict=verdict, note=note)  # type: ignore[arg-type]
            b_pkg = export(bob, ws, audit_id, root / "bob2.spaudit")
            bob_rows = {f.id: (f.verdict, f.note) for f in F.findings(ws, audit_id)}
        lead = Member("Lea", people["lead"].identity, root / "lead-x")
        with lead.open() as ws:
            trust_all(ws, people["a"], people["b"])
            import_package(ws, root / "start.spaudit", accept_unknown_signer=True)
            start_rows = {f.id: (f.verdict, f.note) for f in F.findings(ws, audit_id)}
            import_package(ws, packages[0])
            alice_rows = {f.id: (f.verdict, f.note) for f in F.findings(ws, audit_id)}
            count = len(alice_rows)
            import_package(ws, b_pkg)
            final = {f.id: (f.verdict, f.note) for f in F.findings(ws, audit_id)}
            assert len(final) == count
            others = {
                (row[0], json.loads(row[1]).get("verdict"), json.loads(row[1]).get("note"))
                for row in ws.conn.execute("SELECT entity_id, other FROM conflicts")
            }
            for fid, (verdict, note) in final.items():
                for version in (alice_rows[fid], bob_rows[fid]):
                    if version != (verdict, note) and version != start_rows[fid]:
                        v = version[0].value if version[0] else None
                        assert (fid, v, version[1]) in others, "a version was lost"
            before = dump(lead.root)
        with lead.open() as ws:
            assert import_package(ws, b_pkg).already_imported
        assert dump(lead.root) == before
    finally:
        shutil.rmtree(root, ignore_errors=True)
