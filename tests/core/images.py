"""Test images made on the fly: real JPEGs with EXIF, corrupt and oversized files."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def jpeg_with_exif(
    size: tuple[int, int] = (400, 300),
    orientation: int = 6,
    taken: str = "2026:11:17 10:42:05",
    colour: tuple[int, int, int] = (200, 40, 40),
) -> bytes:
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0x9003] = taken
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = jpeg_with_exif()
    return data[: len(data) // 3]


def png_claiming_size(width: int, height: int) -> bytes:
    """A small valid-looking PNG whose header claims a huge size (a decompression bomb)."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr_start = 8 + 8  # signature, then length + type of the IHDR chunk
    data[ihdr_start : ihdr_start + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12 : ihdr_start + 13]))
    data[ihdr_start + 13 : ihdr_start + 17] = struct.pack(">I", crc)
    return bytes(data)
