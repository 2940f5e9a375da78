"""The core never imports Qt or the ui package (ARCHITECTURE.md: the rule that keeps it easy)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import auditor_app


def test_importing_every_core_module_loads_no_qt() -> None:
    names = [m.name for m in pkgutil.walk_packages(auditor_app.__path__, "auditor_app.")]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        "bad = sorted(roots & {'PySide6', 'shiboken6', 'ui'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(names) > 10
    assert result.stdout.strip() == ""
