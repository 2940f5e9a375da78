"""Where each checkpoint must be assessed: the audit's cells, as unanswered findings.

A cell is one (checkpoint, site or aid scheme, channel). Its finding id is deterministic
(:func:`finding_id`), so two auditors who start from the same audit fill the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple, TypeVar

from auditor_app.audit.model import AidScheme, Audit, Finding, Site, finding_id
from auditor_app.referential.model import (
    Channel,
    Checkpoint,
    Criterion,
    Engagement,
    Referential,
    Scope,
)


class GridEntry(NamedTuple):
    """A checkpoint with its place in the grid (``position`` counts from 0 in grid order)."""

    position: int
    engagement: Engagement
    criterion: Criterion
    checkpoint: Checkpoint


def grid_index(ref: Referential) -> dict[str, GridEntry]:
    """Checkpoint code → its entry, built once so rules over many findings stay linear."""
    index: dict[str, GridEntry] = {}
    for position, (engagement, criterion, checkpoint) in enumerate(ref.checkpoints()):
        index.setdefault(checkpoint.code, GridEntry(position, engagement, criterion, checkpoint))
    return index


def applicable_channels(
    checkpoint: Checkpoint, target_channels: Iterable[Channel]
) -> tuple[str, ...]:
    """The channels of ``checkpoint`` assessed at a place offering ``target_channels``.

    A checkpoint without channels is assessed once, under channel ``""``. Otherwise the
    checkpoint's own channel order is kept; an empty result means it does not apply there.
    """
    if not checkpoint.channels:
        return ("",)
    offered = set(target_channels)
    result: list[str] = []
    for channel in checkpoint.channels:
        if channel in offered and channel.value not in result:
            result.append(channel.value)
    return tuple(result)


_Placed = TypeVar("_Placed", Site, AidScheme)


def _ordered(items: Sequence[_Placed]) -> list[_Placed]:
    # Stable: equal positions keep the caller's order.
    return sorted(items, key=lambda item: item.position)


def expected_findings(
    audit: Audit,
    sites: Sequence[Site],
    aid_schemes: Sequence[AidScheme],
    ref: Referential,
) -> list[Finding]:
    """Every cell of the audit as an unanswered finding, in grid order then site order."""
    ordered_sites = _ordered(sites)
    ordered_schemes = _ordered(aid_schemes)
    organisation_channels: list[Channel] = list(audit.channels)
    for site in ordered_sites:
        organisation_channels.extend(site.channels)

    cells: list[Finding] = []

    def add(
        checkpoint: Checkpoint, site_id: str, scheme_id: str, offered: Iterable[Channel]
    ) -> None:
        for channel in applicable_channels(checkpoint, offered):
            cells.append(
                Finding(
                    id=finding_id(audit.id, checkpoint.code, site_id, scheme_id, channel),
                    audit_id=audit.id,
                    checkpoint_code=checkpoint.code,
                    site_id=site_id,
                    aid_scheme_id=scheme_id,
                    channel=channel,
                )
            )

    for _, _, checkpoint in ref.checkpoints():
        if checkpoint.scope is Scope.SITE:
            for site in ordered_sites:
                add(checkpoint, site.id, "", site.channels)
        elif checkpoint.scope is Scope.ORGANISATION:
            add(checkpoint, "", "", organisation_channels)
        else:
            for scheme in ordered_schemes:
                add(checkpoint, "", scheme.id, scheme.channels)
    return cells


def overlay(expected: Sequence[Finding], recorded: Iterable[Finding]) -> list[Finding]:
    """The expected cells with the recorded finding in place of each cell that has one.

    Keeps the order of ``expected``; recorded findings outside the cells are left out
    (see :func:`unexpected`).
    """
    by_id = {finding.id: finding for finding in recorded}
    return [by_id.get(cell.id, cell) for cell in expected]


def unexpected(expected: Sequence[Finding], recorded: Iterable[Finding]) -> list[Finding]:
    """Recorded findings that match no expected cell (a site or channel left the scope)."""
    ids = {cell.id for cell in expected}
    return [finding for finding in recorded if finding.id not in ids]
