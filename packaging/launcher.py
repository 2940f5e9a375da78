"""Entry point of the frozen program: ``auditor-app`` as installed by pip, in a bundle."""

from __future__ import annotations

import os
import sys

if __name__ == "__main__":
    # A windowed executable (Windows' auditor-app-gui.exe) has no standard streams: give the
    # command's error messages somewhere to go instead of failing on them.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    from auditor_app.cli import main

    raise SystemExit(main())
