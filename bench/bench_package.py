"""Package benchmark: the demo audit with 300 photos of 12 megapixels.

    python bench/bench_package.py [--quick] [--photos N] [--rounds R]

Measured in this process, alternating with their baselines, best of R rounds each:
1. export the signed package  vs  writing the same files (photos and the audit's JSON)
   into an uncompressed zip with ``zipfile`` (goal ≤ 1.3);
2. verify + import it into an empty lead workspace  vs  reading the package's bytes and
   hashing them with SHA-256 (goal ≤ 1.5).
The photos are those of bench_report.py (generated once in the temporary folder).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_report import generate, setup

from auditor_app.demo_info import DEMO_AUDIT_ID
from auditor_app.identity.certificate import create_identity, read_pkcs12
from auditor_app.package.merge import add_certificate, import_package
from auditor_app.package.writer import audit_tables, export_package, journal_lines
from auditor_app.store.workspace import Workspace

GOALS = {"export": 1.3, "import": 1.5}


def baseline_zip(ws: Workspace, out: Path) -> None:
    """The floor for export: the same files in a stored zip, with the standard library."""
    import json

    tables = audit_tables(ws, DEMO_AUDIT_ID)
    lines = journal_lines(ws, DEMO_AUDIT_ID, "bench")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
        zf.writestr("data/tables.json", json.dumps({"tables": tables}))
        zf.writestr("data/journal.jsonl", "\n".join(json.dumps(line) for line in lines))
        for blob in tables["blobs"]:
            zf.write(ws.blobs.path(blob["sha256"]), f"blobs/{blob['sha256']}")


def baseline_hash(path: Path) -> str:
    """The floor for verify + import: read the package's bytes once and hash them."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 photos, 2 rounds")
    parser.add_argument("--photos", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    count, rounds = (60, 2) if args.quick else (args.photos, args.rounds)
    sources = generate(count)
    tmp = Path(tempfile.mkdtemp(prefix="bench-package-"))
    try:
        field = tmp / "field"
        setup(field, sources)
        p12 = tmp / "bench.p12"
        create_identity("Claire Martin", "claire@example.fr", "Bench", p12, b"bench-pass")
        identity = read_pkcs12(p12, b"bench-pass")
        package, plain = tmp / "audit.spaudit", tmp / "plain.zip"
        results: dict[str, list[float]] = {"export": [], "zip": [], "import": [], "hash": []}
        with Workspace(field, actor="Claire Martin") as ws:
            for _ in range(rounds):
                results["zip"].append(timed(lambda: baseline_zip(ws, plain)))
                results["export"].append(
                    timed(lambda: export_package(ws, DEMO_AUDIT_ID, package, identity))
                )
        size = package.stat().st_size
        for n in range(rounds):
            results["hash"].append(timed(lambda: baseline_hash(package)))
            lead_root = tmp / f"lead-{n}"
            with Workspace(lead_root, actor="Léa") as lead:
                add_certificate(lead, identity.identity.certificate_pem)
                results["import"].append(timed(lambda: import_package(lead, package)))
            shutil.rmtree(lead_root)
        best = {k: min(v) for k, v in results.items()}
        ratios = {"export": best["export"] / best["zip"], "import": best["import"] / best["hash"]}
        print(f"{count} photos, package {size / 1e6:.0f} MB, best of {rounds} rounds")
        print(f"export   {best['export']:6.2f} s  vs zipfile stored {best['zip']:6.2f} s"
              f"  → {ratios['export']:.2f}× (goal ≤ {GOALS['export']})")  # fmt: skip
        print(f"import   {best['import']:6.2f} s  vs read + SHA-256 {best['hash']:6.2f} s"
              f"  → {ratios['import']:.2f}× (goal ≤ {GOALS['import']})")  # fmt: skip
        return 0 if all(ratios[k] <= GOALS[k] for k in GOALS) else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
