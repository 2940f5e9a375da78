"""Core benchmarks: each figure is a ratio against a baseline measured in the same run.

    python bench/bench_core.py [--quick]

1. Saving one finding durably vs a raw sqlite3 INSERT + COMMIT with the same pragmas.
2. Loading every finding of a 21-site audit (≥ 5,000) into domain objects vs a raw SELECT.
3. Verifying a 50,000-entry journal vs hashing the same bytes with hashlib.
Timings are medians of several rounds; the machines are noisy, ratios are what count.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor_app.audit.model import Audit, Site, new_id
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import Channel, Referential
from auditor_app.store import audits, findings, journal
from auditor_app.store.workspace import PRAGMAS, Workspace

GOALS = {"save": 1.5, "load": 2.0, "journal": 2.0}


def median_time(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_grid(n_checkpoints: int) -> Referential:
    """A synthetic grid big enough for a 21-site audit of ≥ 5,000 findings."""
    criteria = [
        {"code": f"C{c}", "title": f"Critère {c}", "checkpoints": [
            {"code": f"C{c}.{k}", "text": f"Exigence {c}.{k}", "methods": ["observation"],
             "channels": ["counter"], "scope": "site", "level": "bronze", "mandatory": True,
             "source": "default"}
            for k in range(10)
        ]}
        for c in range(n_checkpoints // 10)
    ]  # fmt: skip
    return Referential.model_validate({
        "id": "bench", "version": "1", "title": "Grille de mesure",
        "engagements": [{"number": 1, "title": "E", "title_confirmed": True,
                         "source": "default", "criteria": criteria}],
        "level_rule": {"source": "default", "requirements": [
            {"level": "bronze", "min_conformity_rate": 0.5, "max_nc_majeure": 0}]},
    })  # fmt: skip


def make_audit(ws: Workspace, n_sites: int, n_checkpoints: int) -> str:
    ref = bench_grid(n_checkpoints)
    audits.add_referential(ws, ref)
    audit = Audit(new_id(), ref.key, "Région", "BENCH", start_date=date(2026, 11, 1))
    sites = [Site(new_id(), audit.id, f"Site {i}", channels=(Channel.COUNTER,))
             for i in range(n_sites)]  # fmt: skip
    return audits.create_audit(ws, audit, sites).id


def raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, verdict TEXT, note TEXT, at TEXT)")
    return conn


def bench_save(tmp: Path, n: int, rounds: int) -> tuple[float, float]:
    with Workspace(tmp / "save", actor="bench") as ws:
        audit_id = make_audit(ws, 1, 20)
        ids = [f.id for f in findings.findings(ws, audit_id)]
        counter = iter(range(10**9))

        def ours() -> None:
            for _ in range(n):
                i = next(counter)
                findings.update_finding(ws, ids[i % len(ids)], verdict=Verdict.CONFORME,
                                        note=f"note {i}")  # fmt: skip

        raw = raw_connection(tmp / "raw.sqlite")
        raw_counter = iter(range(10**9))

        def baseline() -> None:
            for _ in range(n):
                i = next(raw_counter)
                raw.execute("BEGIN")
                raw.execute("INSERT INTO t VALUES (?, ?, ?, ?)",
                            (str(i), "conforme", f"note {i}", journal.now_iso()))  # fmt: skip
                raw.execute("COMMIT")

        return interleave(ours, baseline, rounds)


def interleave(ours: Callable[[], object], baseline: Callable[[], object], rounds: int
               ) -> tuple[float, float]:  # fmt: skip
    """Alternate the two so that a noisy moment hits both alike."""
    a, b = [], []
    for _ in range(rounds):
        b.append(median_time(baseline, 1))
        a.append(median_time(ours, 1))
    return statistics.median(a), statistics.median(b)


def bench_load(tmp: Path, rounds: int) -> tuple[float, float, int]:
    with Workspace(tmp / "load", actor="bench") as ws:
        audit_id = make_audit(ws, 21, 240)
        count = len(findings.findings(ws, audit_id))

        def baseline() -> None:
            ws.conn.execute("SELECT * FROM findings WHERE audit_id = ?", (audit_id,)).fetchall()

        ours_t, base_t = interleave(lambda: findings.findings(ws, audit_id), baseline, rounds)
        return ours_t, base_t, count


def bench_journal(tmp: Path, n: int, rounds: int) -> tuple[float, float]:
    with Workspace(tmp / "journal", actor="bench") as ws:
        with ws.transaction():
            for i in range(n):
                journal.append(ws.conn, actor="bench", action="update", entity="findings",
                               entity_id=f"f{i % 5000}", audit_id="a",
                               before={"note": f"n{i}"}, after={"note": f"n{i + 1}",
                               "verdict": "conforme"})  # fmt: skip
        payloads = [bytes(row[0]) for row in ws.conn.execute("SELECT payload FROM journal")]

        def baseline() -> None:
            for payload in payloads:
                hashlib.sha256(payload).hexdigest()

        def ours() -> None:
            check = ws.verify_journal()
            assert check.ok and check.entries == n

        return interleave(ours, baseline, rounds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (smoke run)")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    results = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        ours, base = bench_save(tmp, 50 if args.quick else 200, rounds)
        results.append(("save", "enregistrer un constat (durable)", ours, base, ""))
        ours, base, count = bench_load(tmp, rounds)
        results.append(("load", "charger les constats d'un audit", ours, base,
                        f"{count} constats, 21 sites"))  # fmt: skip
        n = 10_000 if args.quick else 50_000
        ours, base = bench_journal(tmp, n, rounds)
        results.append(("journal", "vérifier le journal", ours, base, f"{n} entrées"))
    failed = False
    for key, label, ours, base, detail in results:
        ratio = ours / base
        verdict = "ok" if ratio <= GOALS[key] else "AU-DESSUS DE L'OBJECTIF"
        failed |= ratio > GOALS[key]
        timing = f"{ours * 1000:8.1f} ms contre {base * 1000:8.1f} ms"
        print(f"{label:<36} ratio {ratio:5.2f} (objectif ≤ {GOALS[key]}) – "
              f"{timing} {detail} [{verdict}]")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
