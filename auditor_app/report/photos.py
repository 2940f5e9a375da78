"""Photo derivatives for the report: downscaled JPEGs, cached, within a size budget.

The originals stay in the workspace. The report embeds one derivative per photo: EXIF
orientation applied, long side reduced to a rung of :data:`LADDER`, JPEG at that rung's
quality. Derivatives are cached under ``<workspace>/cache/derivatives/`` by hash, size
and quality, so a second export decodes nothing.

Choosing the rung costs one extra encoding on a few photos only: a sample is encoded at
every rung, the rung whose predicted total fits the budget is used for all the others,
then the largest photos step down if the prediction was short, and as a last resort the
least important photos are left out.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from auditor_app.report.errors import ReportCancelled


@dataclass(frozen=True)
class Rung:
    size: int  # long side, in pixels
    quality: int  # JPEG quality


LADDER: tuple[Rung, ...] = (
    Rung(1280, 80),
    Rung(1024, 75),
    Rung(800, 70),
    Rung(640, 65),
    Rung(480, 60),
)
SAMPLE = 8  # photos encoded at every rung to predict the total
MARGIN = 0.92  # aim below the budget: the prediction is an estimate

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class PhotoJob:
    """One original photo to derive; a lower ``priority`` is kept first when space is short."""

    sha256: str
    source: Path
    size: int  # the original's size in bytes, as recorded when it was stored
    priority: int = 0


@dataclass(frozen=True)
class Derivative:
    """A photo as the report embeds it, or why it cannot (``problem``, French)."""

    sha256: str
    path: Path | None = None
    width: int = 0
    height: int = 0
    nbytes: int = 0
    rung: int = -1
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.path is not None and not self.problem


@dataclass
class PhotoSet:
    """The derivatives of a report; ``left_out`` were dropped to meet the budget."""

    by_sha: dict[str, Derivative] = field(default_factory=dict)
    rung: Rung | None = None
    left_out: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(d.nbytes for d in self.by_sha.values() if d.ok)


def cache_dir(workspace_root: Path) -> Path:
    return workspace_root / "cache" / "derivatives"


def cache_path(folder: Path, sha256: str, rung: Rung) -> Path:
    return folder / f"{sha256}-{rung.size}-{rung.quality}.jpg"


def open_downscaled(data: bytes, size: int) -> Image.Image:
    """Decode a photo at about ``size`` pixels on its long side, upright, in RGB.

    ``draft`` lets the JPEG decoder skip most of the work at 1/2, 1/4 or 1/8 scale; the
    benchmark's floor is this function alone.
    """
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        scale = size / max(width, height)
        if scale < 1:
            image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
        upright = ImageOps.exif_transpose(image)
    result = upright if upright.mode == "RGB" else _flatten(upright)
    result.thumbnail((size, size))
    return result


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: a transparent PNG (a screenshot, a scan) must not turn black."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        page = Image.new("RGB", rgba.size, (255, 255, 255))
        page.paste(rgba, mask=rgba.getchannel("A"))
        return page
    return image.convert("RGB")


def encode(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def _cached_size(path: Path) -> int | None:
    """The size of a whole cached JPEG (start and end markers present), else None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(2)
            handle.seek(-2, os.SEEK_END)
            tail = handle.read(2)
            size = handle.tell()
    except OSError:
        return None
    return size if head == b"\xff\xd8" and tail == b"\xff\xd9" else None


def _dimensions(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def _original_problem(job: PhotoJob) -> str:
    try:
        size = job.source.stat().st_size
    except OSError:
        return "l'original est introuvable dans l'espace de travail"
    return "" if size == job.size else "l'original a été modifié dans l'espace de travail"


def derive(job: PhotoJob, rungs: Sequence[int], folder: Path) -> dict[int, Derivative]:
    """The derivatives of one photo at the given rungs (indexes of :data:`LADDER`).

    Cached ones are reused; the others come from one decoding of the original, whose hash
    is checked first. A problem gives a derivative without path for every rung.
    """
    found: dict[int, Derivative] = {}
    missing = []
    for r in sorted(rungs):
        path = cache_path(folder, job.sha256, LADDER[r])
        size = _cached_size(path)
        if size is None:
            missing.append(r)
        else:
            found[r] = Derivative(job.sha256, path, *_dimensions(path), size, r)
    problem = _original_problem(job)
    if not problem and missing:
        try:
            found.update(_make(job, missing, folder))
        except ValueError as exc:
            problem = str(exc)
    if problem:
        return {r: Derivative(job.sha256, rung=r, problem=problem) for r in rungs}
    return found


def _make(job: PhotoJob, rungs: list[int], folder: Path) -> dict[int, Derivative]:
    data = job.source.read_bytes()
    if hashlib.sha256(data).hexdigest() != job.sha256:
        raise ValueError("l'original a été altéré (son empreinte SHA-256 ne correspond plus)")
    try:
        image = open_downscaled(data, LADDER[rungs[0]].size)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:  # fmt: skip
        raise ValueError(f"l'image est illisible ({exc})") from exc
    made = {}
    for r in rungs:  # largest first: each rung is reduced from the previous one
        rung = LADDER[r]
        image.thumbnail((rung.size, rung.size))
        blob = encode(image, rung.quality)
        path = cache_path(folder, job.sha256, rung)
        _store(path, blob)
        made[r] = Derivative(job.sha256, path, image.width, image.height, len(blob), r)
    return made


def _store(path: Path, data: bytes) -> None:
    """Write a cache file under a temporary name, then rename it.

    No fsync, unlike the workspace's own files: a cache file torn by a power cut fails the
    start and end marker check of :func:`_cached_size` and is simply made again.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{threading.get_ident()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def default_workers() -> int:
    """One thread per core: Pillow releases the GIL while it decodes, resizes and encodes."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


class _Runner:
    """Runs derivations on a thread pool, reporting progress and honouring cancel."""

    def __init__(
        self,
        folder: Path,
        workers: int,
        progress: Progress | None,
        cancelled: Cancelled | None,
        total: int,
    ) -> None:
        self.folder = folder
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="derive")
        self.progress = progress
        self.cancelled = cancelled
        self.done = 0
        self.total = total

    def run(
        self, jobs: Iterable[PhotoJob], rungs: Callable[[PhotoJob], Sequence[int]]
    ) -> dict[str, dict[int, Derivative]]:
        futures: dict[Future[dict[int, Derivative]], str] = {
            self.pool.submit(derive, job, rungs(job), self.folder): job.sha256 for job in jobs
        }
        results = {}
        for future in as_completed(futures):
            if self.cancelled is not None and self.cancelled():
                self.pool.shutdown(wait=True, cancel_futures=True)
                raise ReportCancelled("Export du rapport annulé.")
            results[futures[future]] = future.result()
            self.done += 1
            if self.progress is not None:
                self.progress(min(self.done, self.total), self.total)
        return results

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _unique(jobs: Iterable[PhotoJob]) -> list[PhotoJob]:
    seen: dict[str, PhotoJob] = {}
    for job in jobs:
        known = seen.get(job.sha256)
        if known is None or job.priority < known.priority:
            seen[job.sha256] = job
    return list(seen.values())


def _sample(jobs: list[PhotoJob]) -> list[PhotoJob]:
    if len(jobs) <= SAMPLE:
        return list(jobs)
    step = len(jobs) / SAMPLE
    return [jobs[int(i * step)] for i in range(SAMPLE)]


def _choose(sampled: dict[str, dict[int, Derivative]], count: int, budget: int) -> int:
    """The largest rung whose predicted total (sample mean × count) fits the budget."""
    for r in range(len(LADDER)):
        sizes = [d[r].nbytes for d in sampled.values() if d[r].ok]
        if not sizes or sum(sizes) / len(sizes) * count <= budget * MARGIN:
            return r
    return len(LADDER) - 1


def prepare(
    jobs: Iterable[PhotoJob],
    folder: Path,
    budget: int,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    workers: int | None = None,
) -> PhotoSet:
    """Derive every photo so that their total stays within ``budget`` bytes."""
    unique = _unique(jobs)
    if not unique:
        return PhotoSet()
    runner = _Runner(folder, workers or default_workers(), progress, cancelled, len(unique))
    try:
        sample = _sample(unique)
        everything = list(range(len(LADDER)))
        sampled = runner.run(sample, lambda _: everything)
        chosen = _choose(sampled, len(unique), budget)
        rest = runner.run([j for j in unique if j.sha256 not in sampled], lambda _: [chosen])
        current = {sha: d[chosen] for sha, d in {**sampled, **rest}.items()}
        _step_down(runner, unique, current, sampled, budget)
    finally:
        runner.close()
    left_out = _fit(unique, current, budget)
    for sha in left_out:
        current.pop(sha)
    return PhotoSet(current, LADDER[chosen], left_out)


def _step_down(
    runner: _Runner,
    jobs: list[PhotoJob],
    current: dict[str, Derivative],
    sampled: dict[str, dict[int, Derivative]],
    budget: int,
) -> None:
    """Reduce the largest photos one rung at a time until the total fits (or cannot)."""
    by_sha = {j.sha256: j for j in jobs}
    last = len(LADDER) - 1
    while True:
        total = sum(d.nbytes for d in current.values() if d.ok)
        excess = total - budget
        candidates = sorted(
            (d for d in current.values() if d.ok and d.rung < last),
            key=lambda d: (-d.nbytes, d.sha256),
        )
        if excess <= 0 or not candidates:
            return
        batch, saved = [], 0.0
        for d in candidates:
            batch.append(by_sha[d.sha256])
            saved += d.nbytes * (1 - _ratio(sampled, d.rung))
            if saved >= excess:
                break
        redone = runner.run(batch, lambda job: [current[job.sha256].rung + 1])
        for sha, result in redone.items():
            current[sha] = next(iter(result.values()))


def _ratio(sampled: dict[str, dict[int, Derivative]], rung: int) -> float:
    """How much smaller the next rung is, on the sample (one half when unknown)."""
    pairs = [
        (d[rung].nbytes, d[rung + 1].nbytes)
        for d in sampled.values()
        if d[rung].ok and d[rung + 1].ok
    ]
    if not pairs:
        return 0.5
    return sum(b for _, b in pairs) / max(1, sum(a for a, _ in pairs))


def _fit(jobs: list[PhotoJob], current: dict[str, Derivative], budget: int) -> list[str]:
    """The photos to leave out, least important last in, so that the rest fits."""
    ranked = sorted(range(len(jobs)), key=lambda i: (jobs[i].priority, i))
    kept, left_out = 0, []
    for i in ranked:
        d = current[jobs[i].sha256]
        if not d.ok:
            continue
        if kept + d.nbytes <= budget:
            kept += d.nbytes
        else:
            left_out.append(d.sha256)
    return left_out
