"""The workspace store: SQLite through sqlite-utils, blobs by hash, hash-chained journal."""

from auditor_app.store.workspace import (
    NotFoundError,
    StoreError,
    Workspace,
    WorkspaceLockedError,
    default_workspace_dir,
)

__all__ = [
    "NotFoundError",
    "StoreError",
    "Workspace",
    "WorkspaceLockedError",
    "default_workspace_dir",
]
