"""What still blocks signing the report: the readiness check, in grid order.

Pass the audit's cells with their answers (see :func:`auditor_app.audit.cells.overlay`),
so that unanswered cells are reported too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from auditor_app.audit.cells import GridEntry, grid_index
from auditor_app.audit.model import Finding, MysteryTest
from auditor_app.audit.verdicts import Verdict, verdict_problems
from auditor_app.referential.model import CHANNEL_LABELS, Channel, Referential


class BlockerKind(StrEnum):
    UNKNOWN_CHECKPOINT = "unknown_checkpoint"
    UNANSWERED = "unanswered"
    NC_WITHOUT_NOTE = "nc_without_note"
    NA_WITHOUT_JUSTIFICATION = "na_without_justification"
    INCOMPLETE = "incomplete"  # any other problem verdict_problems may report
    PHOTO_REQUIRED = "photo_required"
    NC_WITHOUT_EVIDENCE = "nc_without_evidence"
    CONTRADICTION = "contradiction"


@dataclass(frozen=True)
class Blocker:
    finding_id: str
    kind: BlockerKind
    message: str
    checkpoint_code: str = ""
    site_id: str = ""
    aid_scheme_id: str = ""
    channel: str = ""


def place_label(
    finding: Finding,
    site_names: Mapping[str, str] | None = None,
    aid_scheme_names: Mapping[str, str] | None = None,
) -> str:
    """Where a finding was made, in French: ``Site de Metz, Téléphone``."""
    if finding.site_id:
        place = (site_names or {}).get(finding.site_id, finding.site_id)
    elif finding.aid_scheme_id:
        name = (aid_scheme_names or {}).get(finding.aid_scheme_id, finding.aid_scheme_id)
        place = f"Dispositif {name}"
    else:
        place = "Organisation"
    if finding.channel:
        try:
            place += f", {CHANNEL_LABELS[Channel(finding.channel)]}"
        except ValueError:
            place += f", {finding.channel}"
    return place


def _covered_by_test(
    finding: Finding, codes: Collection[str], tests: Iterable[MysteryTest]
) -> bool:
    if finding.checkpoint_code in codes:
        return True
    # A test tied to no checkpoint (a call, an e-mail) evidences every finding of its
    # site and channel: one e-mail gives both the acknowledgement and the reply delays.
    return any(
        test.checkpoint_code in (finding.checkpoint_code, "")
        and (test.checkpoint_code or (test.site_id and test.channel))
        and (not test.site_id or test.site_id == finding.site_id)
        and (not test.channel or not finding.channel or test.channel == finding.channel)
        for test in tests
    )


def _blocker(
    finding: Finding,
    kind: BlockerKind,
    problem: str,
    site_names: Mapping[str, str] | None,
    aid_scheme_names: Mapping[str, str] | None,
) -> Blocker:
    where = place_label(finding, site_names, aid_scheme_names)
    return Blocker(
        finding_id=finding.id,
        kind=kind,
        message=f"{finding.checkpoint_code} ({where}) — {problem}",
        checkpoint_code=finding.checkpoint_code,
        site_id=finding.site_id,
        aid_scheme_id=finding.aid_scheme_id,
        channel=finding.channel,
    )


def readiness(
    findings: Iterable[Finding],
    ref: Referential,
    evidence_counts: Mapping[str, int] | None = None,
    mystery_test_checkpoints: Collection[str] = (),
    *,
    mystery_tests: Iterable[MysteryTest] = (),
    site_names: Mapping[str, str] | None = None,
    aid_scheme_names: Mapping[str, str] | None = None,
) -> list[Blocker]:
    """Every problem that blocks signing, sorted in grid order (then the findings' order).

    Evidence of a finding is ``evidence_counts[finding.id]`` when given, else
    ``finding.evidence_count``. A non-conformity counts as evidenced by a mystery test
    when its checkpoint is in ``mystery_test_checkpoints`` or a test in ``mystery_tests``
    matches its checkpoint, site and channel; a photo, where the grid requires one, is
    still needed.
    """
    index = grid_index(ref)
    tests = list(mystery_tests)
    items = list(findings)
    unknown_rank = len(index)

    def entry_of(finding: Finding) -> GridEntry | None:
        return index.get(finding.checkpoint_code)

    def rank(pair: tuple[int, Finding]) -> tuple[int, int]:
        entry = entry_of(pair[1])
        return (entry.position if entry else unknown_rank, pair[0])

    # Non-conformities per place and criterion, for the contradiction check.
    nc_codes: dict[tuple[str, str, str], list[str]] = {}
    for finding in items:
        entry = entry_of(finding)
        if entry and finding.verdict is not None and finding.verdict.is_nonconformity:
            place = (entry.criterion.code, finding.site_id, finding.aid_scheme_id)
            codes = nc_codes.setdefault(place, [])
            if finding.checkpoint_code not in codes:
                codes.append(finding.checkpoint_code)

    blockers: list[Blocker] = []
    for _, finding in sorted(enumerate(items), key=rank):

        def block(kind: BlockerKind, problem: str, finding: Finding = finding) -> None:
            blockers.append(_blocker(finding, kind, problem, site_names, aid_scheme_names))

        entry = entry_of(finding)
        if entry is None:
            block(
                BlockerKind.UNKNOWN_CHECKPOINT,
                "Point de contrôle absent du référentiel de l'audit.",
            )
            continue
        verdict = finding.verdict
        if verdict is None:
            block(BlockerKind.UNANSWERED, "Point non renseigné : donnez un verdict.")
            continue

        for problem in verdict_problems(verdict, finding.note):
            if verdict.is_nonconformity:
                kind = BlockerKind.NC_WITHOUT_NOTE
            elif verdict is Verdict.NON_APPLICABLE:
                kind = BlockerKind.NA_WITHOUT_JUSTIFICATION
            else:
                kind = BlockerKind.INCOMPLETE
            block(kind, problem)

        if verdict.is_nonconformity:
            evidence = (
                evidence_counts.get(finding.id, 0)
                if evidence_counts is not None
                else finding.evidence_count
            )
            if evidence <= 0 and entry.checkpoint.photo_required_on_nc:
                block(
                    BlockerKind.PHOTO_REQUIRED,
                    f"{verdict.label} sans photo : le référentiel exige une photo "
                    "pour une non-conformité sur ce point.",
                )
            elif evidence <= 0 and not _covered_by_test(finding, mystery_test_checkpoints, tests):
                block(
                    BlockerKind.NC_WITHOUT_EVIDENCE,
                    f"{verdict.label} sans preuve : joignez une photo ou un document, "
                    "ou rattachez un test mystère.",
                )

        if verdict is Verdict.POINT_FORT:
            place = (entry.criterion.code, finding.site_id, finding.aid_scheme_id)
            contradicted = nc_codes.get(place)
            if contradicted:
                block(
                    BlockerKind.CONTRADICTION,
                    f"Point fort alors que le critère {entry.criterion.code} a une "
                    f"non-conformité au même endroit ({', '.join(contradicted)}) : "
                    "revoyez l'un des deux.",
                )
    return blockers
