"""Audit rules: pure functions over grid and findings (no I/O)."""
