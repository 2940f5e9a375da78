"""Core of the field audit tool for the « Services Publics + » label (no Qt here)."""

__version__ = "0.1.0"
