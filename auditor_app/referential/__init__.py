"""The audit grid (référentiel): model, YAML loading and validation, spreadsheet import/export."""

from auditor_app.referential.model import (
    Channel,
    Checkpoint,
    Criterion,
    Direction,
    Engagement,
    Level,
    LevelRule,
    Measure,
    Method,
    Referential,
    Scope,
    Unit,
)

__all__ = [
    "Channel",
    "Checkpoint",
    "Criterion",
    "Direction",
    "Engagement",
    "Level",
    "LevelRule",
    "Measure",
    "Method",
    "Referential",
    "Scope",
    "Unit",
]
