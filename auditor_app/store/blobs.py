"""Content-addressed storage of photos and documents, and the checks they pass first.

A file is stored once under its SHA-256 (``blobs/ab/abcdef…``); a thumbnail of each
image sits beside it (``thumbs/ab/abcdef….jpg``). Files are written under a temporary
name, flushed to disk and renamed, so a crash never leaves half a blob.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from auditor_app.files import atomic_write

if TYPE_CHECKING:
    from PIL import Image

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_IMAGE_PIXELS = 100_000_000  # a 100-megapixel photo is the largest a phone makes today
THUMBNAIL_SIZE = (320, 320)
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"}


class EvidenceError(ValueError):
    """A file that cannot become evidence; the message names the file and the reason."""


@dataclass(frozen=True)
class BlobInfo:
    sha256: str
    size: int
    media_type: str
    width: int | None = None
    height: int | None = None
    orientation: int | None = None
    taken_at: str | None = None

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


def _exif_time(exif: Image.Exif) -> str | None:
    from PIL import ExifTags

    sub = exif.get_ifd(ExifTags.IFD.Exif)
    raw = sub.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
    if not isinstance(raw, str):
        return None
    try:
        return datetime.strptime(raw.strip("\x00 "), "%Y:%m:%d %H:%M:%S").isoformat()
    except ValueError:
        return None


def inspect_image(data: bytes, name: str) -> tuple[BlobInfo, bytes]:
    """Check an image fully and make its thumbnail; refuse corrupt or oversized ones."""
    from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError  # not at start-up

    digest = hashlib.sha256(data).hexdigest()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format or ""
                width, height = probe.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise EvidenceError(
                        f"{name} : image trop grande ({width}×{height} pixels, "
                        f"{MAX_IMAGE_PIXELS // 1_000_000} mégapixels au plus). "
                        "Réduisez-la avant de l'ajouter."
                    )
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                exif = image.getexif()
                orientation = exif.get(ExifTags.Base.Orientation)
                taken_at = _exif_time(exif)
                image.draft("RGB", (THUMBNAIL_SIZE[0] * 2, THUMBNAIL_SIZE[1] * 2))
                image.load()
                thumb = ImageOps.exif_transpose(image).convert("RGB")
                thumb.thumbnail(THUMBNAIL_SIZE)
                out = io.BytesIO()
                thumb.save(out, "JPEG", quality=80)
    except EvidenceError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise EvidenceError(
            f"{name} : image trop grande pour être une photo de constat "
            f"({MAX_IMAGE_PIXELS // 1_000_000} mégapixels au plus) ; elle est refusée."
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise EvidenceError(
            f"{name} : image illisible ou endommagée. "
            "Reprenez la photo ou exportez-la de nouveau."
        ) from exc
    media_type = Image.MIME.get(fmt, "image/octet-stream")
    info = BlobInfo(
        digest, len(data), media_type, width, height,
        int(orientation) if isinstance(orientation, int) else None, taken_at,
    )  # fmt: skip
    return info, out.getvalue()


def looks_like_image(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return True
    signatures = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")
    return data.startswith(signatures)


# Where a packed file lies: (pack file, offset, size, SHA-256 of its bytes), or None.
Locate = Callable[[str], "tuple[Path, int, int, str] | None"]


class BlobStore:
    """Photos and documents by hash. A file may also sit inside an imported package
    (``locate`` finds it): it is then copied out, checked, the first time it is asked for."""

    def __init__(self, root: Path, locate: Locate | None = None) -> None:
        self.root = root
        self.locate = locate

    def file(self, sha256: str) -> Path:
        """Where the file of ``sha256`` is (or goes), without looking into packages."""
        return self.root / "blobs" / sha256[:2] / sha256

    def thumbnail_file(self, sha256: str) -> Path:
        return self.root / "thumbs" / sha256[:2] / f"{sha256}.jpg"

    def path(self, sha256: str) -> Path:
        target = self.file(sha256)
        if self.locate is not None and not target.exists():
            self._unpack(f"blobs/{sha256}", target)
        return target

    def thumbnail_path(self, sha256: str) -> Path:
        target = self.thumbnail_file(sha256)
        if self.locate is not None and not target.exists():
            self._unpack(f"thumbs/{sha256}.jpg", target)
        return target

    def _unpack(self, name: str, target: Path) -> None:
        assert self.locate is not None
        found = self.locate(name)
        if found is None:
            return
        pack, offset, size, sha256 = found
        try:
            with pack.open("rb") as handle:
                handle.seek(offset)
                data = handle.read(size)
        except OSError as exc:
            raise EvidenceError(
                f"Le paquet {pack.name} qui contient {name} est illisible ({exc.strerror})."
            ) from exc
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
            raise EvidenceError(f"Le paquet {pack.name} a été altéré : {name} ne correspond plus.")
        atomic_write(target, data)

    def read(self, sha256: str) -> bytes:
        data = self.path(sha256).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise EvidenceError(f"Le fichier {sha256[:12]}… a été altéré dans l'espace de travail.")
        return data

    def put_file(self, source: Path) -> BlobInfo:
        """Check and store a photo or document; return what is known of it."""
        name = source.name
        try:
            size = source.stat().st_size
        except OSError as exc:
            reason = exc.strerror or "accès impossible"
            raise EvidenceError(f"{source} : fichier introuvable ou illisible ({reason}).") from exc
        if size == 0:
            raise EvidenceError(f"{name} : le fichier est vide.")
        if size > MAX_FILE_BYTES:
            raise EvidenceError(
                f"{name} : fichier trop volumineux ({size // (1024 * 1024)} Mo, "
                f"{MAX_FILE_BYTES // (1024 * 1024)} Mo au plus)."
            )
        data = source.read_bytes()
        return self.put_bytes(data, name)

    def put_bytes(self, data: bytes, name: str) -> BlobInfo:
        if looks_like_image(Path(name), data):
            info, thumbnail = inspect_image(data, name)
            if not self.thumbnail_file(info.sha256).exists():
                atomic_write(self.thumbnail_file(info.sha256), thumbnail)
        else:
            media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            info = BlobInfo(hashlib.sha256(data).hexdigest(), len(data), media_type)
        target = self.file(info.sha256)  # may run in a worker thread: no database here
        if not target.exists():
            atomic_write(target, data)
        return info
