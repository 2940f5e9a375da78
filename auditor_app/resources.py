"""Where the bundled resources (grids, demo data, icons, translations) live.

They are plain files in the repository's ``resources/`` folder; a frozen bundle carries
them under ``sys._MEIPASS``. ``AUDITOR_APP_RESOURCES`` points elsewhere (tests, packagers).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("AUDITOR_APP_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def referentials_dir() -> Path:
    return resources_dir() / "referentials"
