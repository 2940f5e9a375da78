"""Qt user interface (PySide6) on top of :mod:`auditor_app`."""
