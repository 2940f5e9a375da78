"""What building a report can fail with (French messages, for the auditor)."""

from __future__ import annotations


class ReportError(RuntimeError):
    """The report could not be written; the message says why and what to do."""


class ReportCancelled(Exception):
    """The user cancelled the export; nothing was left on disk."""
