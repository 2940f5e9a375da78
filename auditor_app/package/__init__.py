"""Audit packages (``.spaudit``): export, verification, import and merge, and their transport."""
