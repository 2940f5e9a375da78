"""The closing meeting of one site: what is presented, the answers, and signing it off.

The site's representative hears every finding that is not a plain « conforme »,
accepts or disputes each one (see :mod:`auditor_app.store.closing`), then the
representative and the auditor sign. Both signatures are stored together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from auditor_app.audit.cells import grid_index
from auditor_app.audit.model import Finding
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import CHANNEL_LABELS, Channel
from auditor_app.store import audits as audit_store
from auditor_app.store import closing, observations
from auditor_app.store import findings as finding_store
from auditor_app.store.workspace import Workspace

SIGNER_ROLES = ("representative", "auditor")


@dataclass(frozen=True)
class ClosingItem:
    """A finding presented at the closing meeting, with its checkpoint and the site's answer."""

    finding: Finding
    checkpoint_text: str
    channel_label: str
    response: closing.ClosingResponse | None = None


@dataclass(frozen=True)
class Signer:
    role: str  # "representative" or "auditor"
    name: str
    strokes: list[list[tuple[float, float]]]
    png: bytes = b""


def to_present(findings: Iterable[Finding]) -> list[Finding]:
    """Findings the representative hears: answered and not a plain « conforme »."""
    return [f for f in findings if f.verdict is not None and f.verdict is not Verdict.CONFORME]


def _channel_label(channel: str) -> str:
    try:
        return CHANNEL_LABELS[Channel(channel)]
    except ValueError:
        return channel


def closing_items(ws: Workspace, audit_id: str, site_id: str) -> list[ClosingItem]:
    """The site's findings to present, in grid layout order, each with the site's answer."""
    audit = audit_store.get_audit(ws, audit_id)
    index = grid_index(audit_store.referential(ws, audit.referential_key))
    answers = {r.finding_id: r for r in closing.responses(ws, audit_id, site_id)}
    items = []
    for finding in to_present(finding_store.findings(ws, audit_id, site_id)):
        entry = index.get(finding.checkpoint_code)
        text = entry.checkpoint.text if entry else ""
        items.append(
            ClosingItem(finding, text, _channel_label(finding.channel), answers.get(finding.id))
        )
    return items


def awaiting_answer(items: Sequence[ClosingItem]) -> int:
    """How many presented findings the representative has not answered yet."""
    return sum(1 for item in items if item.response is None)


def representative_name(ws: Workspace, audit_id: str, site_id: str) -> str:
    """The name given with the site's latest answer, or ``""``."""
    names = [r.representative for r in closing.responses(ws, audit_id, site_id)]
    return next((name for name in reversed(names) if name.strip()), "")


def disputes(ws: Workspace, audit_id: str, site_id: str) -> list[closing.ClosingResponse]:
    """The site's diverging opinions (findings it disputed, with its comment)."""
    return [r for r in closing.responses(ws, audit_id, site_id) if r.response == "disputed"]


def sign(ws: Workspace, audit_id: str, site_id: str, signers: Sequence[Signer]) -> list[str]:
    """Store every signer's drawn signature for the site, all or none; return their ids.

    Each signature is checked by :func:`observations.add_signature` (known role, a name,
    a pad that is not empty); the first refusal raises StoreError and nothing is kept.
    """
    ids = []
    with ws.transaction():
        for s in signers:
            sid = observations.add_signature(
                ws, audit_id, role=s.role, signer_name=s.name, strokes=s.strokes, png=s.png,
                site_id=site_id,
            )  # fmt: skip
            ids.append(sid)
    return ids


def site_signatures(ws: Workspace, audit_id: str, site_id: str) -> list[dict[str, Any]]:
    """Signatures given for one site, oldest first."""
    return [s for s in observations.signatures(ws, audit_id) if s["site_id"] == site_id]
