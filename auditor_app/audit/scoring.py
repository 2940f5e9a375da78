"""Progress, conformity rates and the level proposal (bronze / argent / or).

Findings passed here are the audit's cells with their answers (see
:func:`auditor_app.audit.cells.overlay`): an unanswered finding counts as expected, not
answered. The level rule is read from the grid; nothing about levels is written here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Literal

from auditor_app.audit.cells import GridEntry, grid_index
from auditor_app.audit.measures import format_percent
from auditor_app.audit.model import Finding
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import (
    LEVEL_ORDER,
    Channel,
    Level,
    LevelRequirement,
    Referential,
)

TallyKey = Literal["engagement", "criterion", "site", "channel"]
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Tally:
    """Counts over a set of findings. ``expected`` counts cells, answered or not."""

    expected: int = 0
    answered: int = 0
    conforme: int = 0
    point_fort: int = 0
    piste_de_progres: int = 0
    point_sensible: int = 0
    nc_mineure: int = 0
    nc_majeure: int = 0
    non_applicable: int = 0

    def count(self, verdict: Verdict) -> int:
        value: int = getattr(self, verdict.value)
        return value

    def by_verdict(self) -> dict[Verdict, int]:
        return {verdict: self.count(verdict) for verdict in Verdict}

    @property
    def not_applicable(self) -> int:
        return self.non_applicable

    @property
    def nonconformities(self) -> int:
        return self.nc_mineure + self.nc_majeure

    @property
    def unanswered(self) -> int:
        return self.expected - self.answered

    @property
    def assessed(self) -> int:
        """Answered findings that count for conformity (N/A excluded)."""
        return self.answered - self.non_applicable

    @property
    def conformity_rate(self) -> float | None:
        """(answered − N/A − NC) / (answered − N/A); None when nothing was assessed."""
        if self.assessed <= 0:
            return None
        return (self.assessed - self.nonconformities) / self.assessed

    @property
    def progress(self) -> float | None:
        """answered / expected; None when no cell is expected."""
        if self.expected <= 0:
            return None
        return self.answered / self.expected

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Tally)}
        )


def tally(findings: Iterable[Finding]) -> Tally:
    counts = dict.fromkeys((f.name for f in fields(Tally)), 0)
    for finding in findings:
        counts["expected"] += 1
        if finding.verdict is not None:
            counts["answered"] += 1
            counts[finding.verdict.value] += 1
    return Tally(**counts)


def _entry(index: dict[str, GridEntry], finding: Finding) -> GridEntry:
    try:
        return index[finding.checkpoint_code]
    except KeyError:
        raise ValueError(
            f"Point de contrôle « {finding.checkpoint_code} » absent du référentiel."
        ) from None


def _group_key(entry: GridEntry, finding: Finding, key: TallyKey) -> str:
    if key == "engagement":
        return str(entry.engagement.number)
    if key == "criterion":
        return entry.criterion.code
    if key == "site":
        return finding.site_id
    return finding.channel


_CHANNEL_RANK = {"": -1} | {channel.value: rank for rank, channel in enumerate(Channel)}


def tally_by(findings: Iterable[Finding], ref: Referential, key: TallyKey) -> dict[str, Tally]:
    """Tallies grouped by engagement number (as text), criterion code, site id or channel.

    Keys come in grid order (engagement, criterion), first appearance (site; ``""`` is the
    organisation and aid schemes) or channel order (``""`` first, for no channel).
    """
    if key not in ("engagement", "criterion", "site", "channel"):
        raise ValueError(f"Regroupement inconnu : « {key} ».")
    index = grid_index(ref)
    groups: dict[str, list[Finding]] = {}
    ranks: dict[str, tuple[int, int]] = {}
    for order, finding in enumerate(findings):
        entry = _entry(index, finding)
        group = _group_key(entry, finding, key)
        groups.setdefault(group, []).append(finding)
        if key in ("engagement", "criterion"):
            rank = (entry.position, 0)
        elif key == "channel":
            rank = (_CHANNEL_RANK.get(group, len(_CHANNEL_RANK)), 0)
        else:
            rank = (order, 0)
        ranks[group] = min(ranks.get(group, rank), rank)
    return {group: tally(groups[group]) for group in sorted(groups, key=lambda g: (ranks[g], g))}


def matrix(findings: Iterable[Finding], ref: Referential) -> dict[tuple[str, str], Tally]:
    """Criterion × site tallies, keyed ``(criterion_code, site_id)``, criteria in grid order."""
    index = grid_index(ref)
    groups: dict[tuple[str, str], list[Finding]] = {}
    criterion_rank: dict[str, int] = {}
    site_rank: dict[str, int] = {}
    for finding in findings:
        entry = _entry(index, finding)
        cell = (entry.criterion.code, finding.site_id)
        groups.setdefault(cell, []).append(finding)
        criterion_rank.setdefault(entry.criterion.code, entry.position)
        site_rank.setdefault(finding.site_id, len(site_rank))
    ordered = sorted(groups, key=lambda c: (criterion_rank[c[0]], site_rank[c[1]]))
    return {cell: tally(groups[cell]) for cell in ordered}


# --- level proposal -----------------------------------------------------------------


@dataclass(frozen=True)
class RequirementCheck:
    """One requirement of a level: what it asks (French), whether it holds, and why."""

    description: str
    met: bool
    detail: str


@dataclass(frozen=True)
class LevelAssessment:
    level: Level
    checks: tuple[RequirementCheck, ...]
    requirements_met: bool  # this level's own requirements
    reached: bool  # its requirements and those of every lower level

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level]


@dataclass(frozen=True)
class LevelProposal:
    level: Level | None
    levels: tuple[LevelAssessment, ...]
    unanswered: int = 0
    rule_source: str = ""
    rule_note: str = ""

    def checks_by_level(self) -> dict[Level, list[tuple[str, bool, str]]]:
        return {
            item.level: [(c.description, c.met, c.detail) for c in item.checks]
            for item in self.levels
        }

    @property
    def summary(self) -> str:
        text = (
            f"Niveau proposé : {LEVEL_LABELS[self.level]}."
            if self.level is not None
            else "Aucun niveau ne peut être proposé."
        )
        if self.unanswered:
            text += f" {_plural(self.unanswered, 'point non renseigné', 'points non renseignés')}."
        return text


LEVEL_LABELS: dict[Level, str] = {Level.BRONZE: "Bronze", Level.ARGENT: "Argent", Level.OR: "Or"}


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n < 2 else plural}"


def _levels_phrase(level: Level) -> str:
    names = [item.value for item in LEVEL_ORDER[: level.rank + 1]]
    if len(names) == 1:
        return f"points de niveau {names[0]}"
    return f"points de niveaux {', '.join(names[:-1])} et {names[-1]}"


def _codes(findings: Sequence[Finding]) -> str:
    codes = list(dict.fromkeys(f.checkpoint_code for f in findings))
    shown = ", ".join(codes[:8])
    return shown + (" …" if len(codes) > 8 else "")


def _count_check(description: str, found: Sequence[Finding], limit: int) -> RequirementCheck:
    met = len(found) <= limit
    if not found:
        detail = "aucune constatée"
    else:
        detail = f"{len(found)} constatée{'s' if len(found) > 1 else ''} ({_codes(found)})"
    return RequirementCheck(description, met, detail)


def _check_requirement(
    requirement: LevelRequirement,
    findings: Sequence[Finding],
    mandatory: Sequence[bool],
    user_satisfaction: float | None,
) -> list[RequirementCheck]:
    level = requirement.level
    scope = _levels_phrase(level)
    checks: list[RequirementCheck] = []

    counts = tally(findings)
    rate = counts.conformity_rate
    minimum = requirement.min_conformity_rate
    description = f"Taux de conformité d'au moins {format_percent(minimum, decimals=0)} ({scope})"
    if rate is None:
        checks.append(RequirementCheck(description, False, "aucun point évalué"))
    else:
        conforming = counts.assessed - counts.nonconformities
        checks.append(
            RequirementCheck(
                description,
                rate >= minimum - _TOLERANCE,
                f"{format_percent(rate)} : {_plural(conforming, 'constat', 'constats')} "
                f"sans non-conformité sur {_plural(counts.assessed, 'évalué', 'évalués')} "
                "(N/A exclus)",
            )
        )

    majors = [f for f in findings if f.verdict is Verdict.NC_MAJEURE]
    limit = requirement.max_nc_majeure
    description = (
        f"Aucune non-conformité majeure ({scope})"
        if limit == 0
        else f"Au plus {_plural(limit, 'non-conformité majeure', 'non-conformités majeures')}"
        f" ({scope})"
    )
    checks.append(_count_check(description, majors, limit))

    if requirement.max_nc_mineure is not None:
        minors = [f for f in findings if f.verdict is Verdict.NC_MINEURE]
        limit = requirement.max_nc_mineure
        description = (
            f"Aucune non-conformité mineure ({scope})"
            if limit == 0
            else f"Au plus {_plural(limit, 'non-conformité mineure', 'non-conformités mineures')}"
            f" ({scope})"
        )
        checks.append(_count_check(description, minors, limit))

    if requirement.mandatory_checkpoints_met:
        failing = [
            f
            for f, is_mandatory in zip(findings, mandatory, strict=True)
            if is_mandatory and f.verdict is not None and f.verdict.is_nonconformity
        ]
        checks.append(
            _count_check(f"Aucune non-conformité sur les points obligatoires ({scope})", failing, 0)
        )

    if requirement.min_user_satisfaction is not None:
        minimum = requirement.min_user_satisfaction
        description = f"Satisfaction des usagers d'au moins {format_percent(minimum, decimals=0)}"
        if user_satisfaction is None:
            checks.append(
                RequirementCheck(description, False, "satisfaction des usagers non mesurée")
            )
        else:
            checks.append(
                RequirementCheck(
                    description,
                    user_satisfaction >= minimum - _TOLERANCE,
                    f"{format_percent(user_satisfaction)} mesurés",
                )
            )
    return checks


def propose_level(
    ref: Referential, findings: Iterable[Finding], user_satisfaction: float | None
) -> LevelProposal:
    """The highest level whose requirements hold, as do those of every lower level.

    For a level L, rates and counts cover the checkpoints of level L and below (N/A and
    unanswered excluded). A level without a requirement in the grid's rule cannot be
    reached. ``user_satisfaction`` is a share in [0, 1], or None when not measured.
    """
    if user_satisfaction is not None and not 0 <= user_satisfaction <= 1:
        raise ValueError(
            f"Satisfaction des usagers hors de [0, 1] : {user_satisfaction}."
            if not math.isnan(user_satisfaction)
            else "Satisfaction des usagers invalide (NaN)."
        )
    index = grid_index(ref)
    items = [(finding, _entry(index, finding)) for finding in findings]
    unanswered = sum(1 for finding, _ in items if finding.verdict is None)

    assessments: list[LevelAssessment] = []
    proposed: Level | None = None
    lower_reached = True
    for level in LEVEL_ORDER:
        requirements = [r for r in ref.level_rule.requirements if r.level is level]
        in_scope = [(f, e) for f, e in items if e.checkpoint.level.rank <= level.rank]
        scoped = [f for f, _ in in_scope]
        mandatory = [e.checkpoint.mandatory for _, e in in_scope]
        checks: list[RequirementCheck] = []
        if not requirements:
            checks.append(
                RequirementCheck(
                    "Exigences du niveau définies par le référentiel",
                    False,
                    "aucune exigence pour ce niveau dans la règle du référentiel",
                )
            )
        for requirement in requirements:
            checks.extend(_check_requirement(requirement, scoped, mandatory, user_satisfaction))
        own = all(check.met for check in checks)
        reached = own and lower_reached
        if own and not lower_reached:
            checks.append(
                RequirementCheck(
                    "Niveaux inférieurs atteints", False, "niveau inférieur non atteint"
                )
            )
        assessments.append(LevelAssessment(level, tuple(checks), own, reached))
        if reached:
            proposed = level
        lower_reached = reached
    return LevelProposal(
        level=proposed,
        levels=tuple(assessments),
        unanswered=unanswered,
        rule_source=ref.level_rule.source,
        rule_note=ref.level_rule.note,
    )
