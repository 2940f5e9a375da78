"""Photo derivatives: orientation, cache, integrity and the size budget."""

from __future__ import annotations

import hashlib
import io
import random
from pathlib import Path

import pytest
from PIL import Image

from auditor_app.report import photos
from auditor_app.report.photos import LADDER, PhotoJob, cache_path, derive, prepare
from tests.core.images import jpeg_with_exif


def _job(folder: Path, data: bytes, priority: int = 0) -> PhotoJob:
    sha = hashlib.sha256(data).hexdigest()
    path = folder / sha
    path.write_bytes(data)
    return PhotoJob(sha, path, len(data), priority)


def _noisy_jpeg(seed: int, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A photo-like JPEG that does not compress to nothing."""
    rng = random.Random(seed)
    small = Image.new("RGB", (size[0] // 40, size[1] // 40))
    small.putdata(
        [tuple(rng.randrange(256) for _ in range(3)) for _ in range(small.width * small.height)]
    )
    image = small.resize(size, Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def test_exif_orientation_is_applied_and_the_long_side_reduced(tmp_path: Path) -> None:
    job = _job(tmp_path, jpeg_with_exif(size=(4000, 3000), orientation=6))
    derived = derive(job, [0], tmp_path / "cache")[0]
    assert derived.ok and derived.path is not None
    assert (derived.width, derived.height) == (960, 1280)  # turned upright, then reduced
    with Image.open(derived.path) as image:
        assert image.size == (960, 1280) and image.format == "JPEG"


def test_a_second_derivation_reads_the_cache_not_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _job(tmp_path, jpeg_with_exif(size=(2000, 1500), orientation=1))
    first = derive(job, [0, 2], tmp_path / "cache")
    assert cache_path(tmp_path / "cache", job.sha256, LADDER[2]).exists()

    def no_decoding(*_: object) -> None:
        raise AssertionError("the original was decoded again")

    monkeypatch.setattr(photos, "_make", no_decoding)
    assert derive(job, [0, 2], tmp_path / "cache") == first


def test_a_truncated_cache_file_is_made_again(tmp_path: Path) -> None:
    job = _job(tmp_path, jpeg_with_exif(size=(800, 600), orientation=1))
    derived = derive(job, [1], tmp_path / "cache")[1]
    assert derived.path is not None
    derived.path.write_bytes(derived.path.read_bytes()[:100])
    again = derive(job, [1], tmp_path / "cache")[1]
    assert again.ok and again.nbytes == derived.nbytes


def test_an_altered_or_missing_original_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    job = _job(tmp_path, jpeg_with_exif())
    job.source.write_bytes(b"\xff\xd8" + b"x" * (job.size - 2))
    [altered] = derive(job, [0], tmp_path / "cache").values()
    assert not altered.ok and "altéré" in altered.problem
    job.source.unlink()
    [missing] = derive(job, [0], tmp_path / "cache").values()
    assert "introuvable" in missing.problem


def test_a_transparent_png_is_flattened_on_white(tmp_path: Path) -> None:
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    derived = derive(_job(tmp_path, out.getvalue()), [0], tmp_path / "cache")[0]
    assert derived.path is not None
    with Image.open(derived.path) as result:
        assert result.convert("RGB").getpixel((10, 10)) == (255, 255, 255)


def test_prepare_keeps_within_the_budget_and_drops_the_least_important(tmp_path: Path) -> None:
    jobs = [_job(tmp_path, _noisy_jpeg(seed), priority=seed % 3) for seed in range(12)]
    roomy = prepare(jobs, tmp_path / "cache", 50 * 1024 * 1024, workers=2)
    assert roomy.rung == LADDER[0] and not roomy.left_out
    tight_budget = roomy.total_bytes // 3
    tight = prepare(jobs, tmp_path / "cache", tight_budget, workers=2)
    assert tight.total_bytes <= tight_budget and tight.rung != LADDER[0]
    smallest = {d.nbytes for d in tight.by_sha.values()}
    assert smallest
    hopeless = prepare(jobs, tmp_path / "cache", 3 * max(smallest), workers=2)
    assert hopeless.total_bytes <= 3 * max(smallest)
    kept = {jobs[i].sha256: jobs[i].priority for i in range(12)}
    dropped = [kept[sha] for sha in hopeless.left_out]
    assert dropped and min(dropped) >= max(kept[sha] for sha in hopeless.by_sha)


def test_progress_is_reported_and_cancel_is_honoured(tmp_path: Path) -> None:
    jobs = [
        _job(tmp_path, jpeg_with_exif(size=(600, 400), colour=(seed * 40, 0, 0)))
        for seed in range(5)
    ]
    seen: list[tuple[int, int]] = []
    prepare(jobs, tmp_path / "cache", 10**8, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (5, 5)
    from auditor_app.report.errors import ReportCancelled

    with pytest.raises(ReportCancelled):
        prepare(jobs, tmp_path / "other", 10**8, cancelled=lambda: True)
