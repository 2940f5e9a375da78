"""Build the audit report: ``build_report(ws, audit_id, out) -> ReportResult``.

Steps: read the audit (:mod:`.data`), derive the photos within the size budget
(:mod:`.photos`), lay out the story (:mod:`.story`, :mod:`.results`, :mod:`.findings`,
:mod:`.endmatter`) in one pass, then write the PDF under a temporary name in the
destination folder and rename it. The same data gives the same bytes: reportlab runs in
invariant mode and the document's dates come from the audit's journal, not the clock.
"""

from __future__ import annotations

import errno
import io
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.platypus import Flowable

from auditor_app.audit.cells import grid_index
from auditor_app.audit.measures import format_number
from auditor_app.i18n import Translator
from auditor_app.report import endmatter, findings, results, story
from auditor_app.report.context import PHOTO_PRIORITY, Context, photo_evidence
from auditor_app.report.data import ReportData, collect, to_json
from auditor_app.report.doc import ReportCanvas, ReportDoc
from auditor_app.report.embedded import read_embedded_data
from auditor_app.report.errors import ReportCancelled, ReportError
from auditor_app.report.photos import PhotoJob, cache_dir, prepare
from auditor_app.store.workspace import Workspace

# JPEG files go into the PDF as they are, and binary streams stay binary (TOOLING.md):
# ASCII85 would re-encode every photo and make the file a quarter larger.
rl_config.useA85 = 0

Progress = Callable[[int, int, str], None]
LAYOUT_UNITS = 100
_ERRNO_TEXT = {
    errno.EACCES: "accès refusé",
    errno.EPERM: "accès refusé",
    errno.EROFS: "support en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.ENOENT: "dossier introuvable",
    errno.ENOTDIR: "le chemin ne désigne pas un dossier",
    errno.EISDIR: "c'est un dossier",
}

__all__ = ["ReportCancelled", "ReportError", "ReportResult", "build_report", "read_embedded_data"]


@dataclass(frozen=True)
class ReportResult:
    """A written report; ``signature_box`` is (x1, y1, x2, y2) in points on ``signature_page``
    (0-based), the empty frame where the visible electronic signature goes."""

    path: Path
    pages: int
    size: int
    warnings: list[str]
    signature_page: int
    signature_box: tuple[float, float, float, float]
    blockers: int = 0  # points that block signing (readiness check): the report says so


class _Tracker:
    """One progress scale for the whole build, and the cancel check."""

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
        self.progress, self.cancelled = progress, cancelled
        self.total, self.base = 2 + LAYOUT_UNITS, 0

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ReportCancelled("Export du rapport annulé.")

    def report(self, done: int, label: str, check: bool = True) -> None:
        if check:
            self.check()
        if self.progress is not None:
            self.progress(min(done, self.total), self.total, label)

    def photos(self, done: int, total: int) -> None:
        self.total = 2 + total + LAYOUT_UNITS
        self.report(1 + done, "Réduction des photos")
        self.base = 1 + total

    def layout(self, flowables: int) -> Callable[[], None]:
        seen = [0]

        def after() -> None:
            seen[0] += 1
            if seen[0] % 8 == 0:
                units = LAYOUT_UNITS * seen[0] // max(1, flowables)
                self.report(self.base + min(units, LAYOUT_UNITS), "Mise en page")

        return after


def _error(action: str, where: Path, exc: OSError) -> ReportError:
    reason = _ERRNO_TEXT.get(exc.errno or 0, exc.strerror or str(exc))
    return ReportError(
        f"Impossible {action} {where} : {reason}. Choisissez un autre dossier "
        "ou libérez de la place, puis recommencez."
    )


def _open_temp(out: Path) -> tuple[BinaryIO, Path]:
    """A temporary file beside the destination, made first so a bad folder fails at once.

    Created with the usual permissions (the umask applies), unlike ``mkstemp``'s 0600: the
    report is meant to be shared.
    """
    if out.is_dir():
        raise ReportError(f"{out} est un dossier : indiquez le nom du fichier PDF à créer.")
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _error("d'écrire le rapport dans", out.parent, exc) from exc
    return os.fdopen(fd, "wb"), tmp


def _photo_jobs(ws: Workspace, data: ReportData, annex: bool) -> list[PhotoJob]:
    by_id = {f.id: f for f in data.findings}
    jobs = []
    for evidence in photo_evidence(data, grid_index(data.ref)):
        verdict = by_id[evidence.finding_id].verdict
        priority = PHOTO_PRIORITY.get(verdict, len(PHOTO_PRIORITY))
        if annex or priority < len(PHOTO_PRIORITY):  # without the annex only these are shown
            jobs.append(
                PhotoJob(
                    evidence.blob.sha256,
                    ws.blobs.path(evidence.blob.sha256),
                    evidence.blob.size,
                    priority,
                )
            )
    return jobs


def _overhead(data: ReportData, payload: bytes, photos: int, ws: Workspace) -> int:
    """What the PDF weighs besides the photos' JPEG bytes, a little over-estimated.

    Measured on the demo (859 findings, 170 kB without photos); after the first layout
    the real figure replaces it if photos had to be left out or the budget was passed.
    """
    signatures = sum(_size(ws.blobs.path(s["png_sha256"])) for s in data.signatures)
    return 30_000 + 150 * len(data.findings) + len(payload) // 8 + 2 * signatures + 1_500 * photos


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _render(ctx: Context, tracker: _Tracker) -> tuple[bytes, int]:
    data = ctx.data
    parts: list[Flowable] = [
        *story.cover(ctx),
        *story.scope(ctx),
        *results.results(ctx),
        *results.indicators(ctx),
        *findings.findings(ctx),
        *findings.sites(ctx),
        *endmatter.closing(ctx),
        *endmatter.signatures(ctx),
        *endmatter.annex(ctx),
    ]
    lead = next((m.name for m in data.audit.team if m.role == "lead"), "")
    t = ctx.t
    title = t("Rapport d'audit Services Publics + – {0}", data.audit.reference)
    buffer = io.BytesIO()
    doc = ReportDoc(
        buffer,
        header=title,
        after_flowable=tracker.layout(len(parts)),
        t=t,
        title=title,
        author=lead or (data.audit.team[0].name if data.audit.team else ""),
        subject=t(
            "Audit de {0} ({1}, version {2})",
            data.audit.organisation,
            data.ref.title,
            data.ref.version,
        ),
        keywords=[t("Services Publics +"), "audit", "ISO 19011", data.audit.reference],
    )
    canvas = partial(ReportCanvas, payload=ctx.payload, as_of=data.as_of, t=t)
    doc.build(parts, canvasmaker=canvas)
    return buffer.getvalue(), doc.canv.pages


def _photo_warnings(ctx: Context, budget_mb: float) -> list[str]:
    by_id = {f.id: f for f in ctx.data.findings}
    warnings = []
    for evidence in photo_evidence(ctx.data, ctx.index):
        derived = ctx.derivative(evidence)
        if derived is not None and derived.problem:
            finding = by_id[evidence.finding_id]
            warnings.append(
                f"Photo {ctx.numbers[evidence.id]} ({finding.checkpoint_code}, "
                f"{ctx.place(finding)}) : {derived.problem} ; remplacée par un cadre."
            )
    if ctx.photos.left_out:
        warnings.append(
            f"{len(ctx.photos.left_out)} photo(s) non reproduite(s) : le budget de "
            f"{format_number(budget_mb)} Mo ne le permet pas. Les originaux restent dans "
            "l'espace de travail."
        )
    return warnings


def _write(handle: BinaryIO, tmp: Path, out: Path, pdf: bytes) -> None:
    try:
        with handle:
            handle.write(pdf)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        raise _error("d'écrire le rapport", out, exc) from exc


def _fit(
    ws: Workspace,
    data: ReportData,
    payload: bytes,
    annex: bool,
    budget: int,
    tracker: _Tracker,
    t: Translator,
) -> tuple[Context, bytes, int]:
    """Derive the photos for what the budget leaves them, lay out, and correct if needed."""
    jobs = _photo_jobs(ws, data, annex)
    overhead = _overhead(data, payload, len(jobs), ws)
    for _ in range(3):  # the estimate of the text's weight is corrected at most twice
        photos = prepare(
            jobs, cache_dir(ws.root), max(0, budget - overhead),
            progress=tracker.photos, cancelled=tracker.cancelled,
        )  # fmt: skip
        ctx = Context(data, photos, annex, ws.blobs.path, payload, t)
        pdf, pages = _render(ctx, tracker)
        # Photos do not move the layout (same aspect at every rung): the rest is text.
        actual = len(pdf) - photos.total_bytes
        too_big = len(pdf) > budget and photos.total_bytes > 0
        if not too_big and not (photos.left_out and actual < overhead * 0.9):
            break
        overhead = actual + 16_000
    return ctx, pdf, pages


def build_report(
    ws: Workspace,
    audit_id: str,
    out: Path,
    *,
    sites: Sequence[str] | None = None,
    photo_annex: bool = True,
    annex_budget_mb: float = 20,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    lang: str = "fr",
) -> ReportResult:
    """Write the audit's report to ``out`` (PDF), within ``annex_budget_mb`` megabytes.

    ``sites`` (ids or names) limits the report to those sites; ``photo_annex`` adds the
    photos in large in an annex. ``lang`` is the report's language (``fr``, the reference,
    or ``en``): our texts are translated, the grid's texts and what auditors typed are not.
    ``progress(done, total, label)`` is called along the way and ``cancelled()`` polled: when
    it returns True, ReportCancelled is raised and nothing is left at ``out``. An unwritable
    destination or an unknown language raises ReportError before any work.
    """
    out = Path(out)
    try:
        t = Translator(lang)
    except ValueError as exc:
        raise ReportError(str(exc)) from exc
    tracker = _Tracker(progress, cancelled)
    tracker.report(0, "Lecture de l'audit")
    handle, tmp = _open_temp(out)
    try:
        data = collect(ws, audit_id, sites)
        payload = to_json(data)
        budget = int(annex_budget_mb * 1024 * 1024)
        ctx, pdf, pages = _fit(ws, data, payload, photo_annex, budget, tracker, t)
        tracker.report(tracker.total - 1, "Écriture du PDF")
        warnings = _photo_warnings(ctx, annex_budget_mb) + ctx.warnings
        blockers = len(data.overview.blockers)
        if len(pdf) > budget:
            warnings.append(
                f"Le rapport pèse {format_number(len(pdf) / 1048576, 1)} Mo, au-delà du "
                f"budget de {format_number(annex_budget_mb)} Mo, même sans photos."
            )
        _write(handle, tmp, out, pdf)
    except BaseException:
        handle.close()
        tmp.unlink(missing_ok=True)
        raise
    tracker.report(tracker.total, "Rapport écrit", check=False)
    box = ctx.signature_box
    return ReportResult(out, pages, len(pdf), warnings, box.page, box.rect, blockers)
