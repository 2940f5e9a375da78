"""Progress, conformity rates, groupings and the level proposal read from the grid."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor_app.audit.model import Finding
from auditor_app.audit.scoring import (
    LevelProposal,
    RequirementCheck,
    Tally,
    matrix,
    propose_level,
    tally,
    tally_by,
)
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import (
    Checkpoint,
    Criterion,
    Engagement,
    Level,
    LevelRequirement,
    LevelRule,
    Method,
    Referential,
    Scope,
)

V = Verdict


def cp(code: str, level: Level, mandatory: bool = False) -> Checkpoint:
    return Checkpoint(
        code=code,
        text=f"Texte {code}",
        methods=(Method.OBSERVATION,),
        scope=Scope.SITE,
        level=level,
        mandatory=mandatory,
        source="default",
    )


BRONZE = LevelRequirement(level=Level.BRONZE, min_conformity_rate=0.6, max_nc_majeure=1)
ARGENT = LevelRequirement(
    level=Level.ARGENT, min_conformity_rate=0.8, max_nc_majeure=0, max_nc_mineure=2
)
OR = LevelRequirement(
    level=Level.OR,
    min_conformity_rate=0.95,
    max_nc_majeure=0,
    max_nc_mineure=0,
    min_user_satisfaction=0.8,
)


def make_ref(*requirements: LevelRequirement) -> Referential:
    return Referential(
        id="test",
        version="1",
        title="Grille de test",
        engagements=(
            Engagement(
                number=1,
                title="Accueil",
                title_confirmed=True,
                source="default",
                criteria=(
                    Criterion(
                        code="C1",
                        title="Locaux",
                        checkpoints=(
                            cp("B1", Level.BRONZE, mandatory=True),
                            cp("B2", Level.BRONZE),
                            cp("A1", Level.ARGENT),
                        ),
                    ),
                ),
            ),
            Engagement(
                number=2,
                title="Contact",
                title_confirmed=True,
                source="default",
                criteria=(
                    Criterion(
                        code="C2",
                        title="Téléphone",
                        checkpoints=(
                            cp("O1", Level.OR),
                            cp("A2", Level.ARGENT, mandatory=True),
                        ),
                    ),
                ),
            ),
        ),
        level_rule=LevelRule(
            source="default",
            note="Règle d'essai",
            requirements=requirements or (BRONZE, ARGENT, OR),
        ),
    )


REF = make_ref()


def f(code: str, verdict: Verdict | None, site: str = "s1", channel: str = "") -> Finding:
    return Finding(
        id=f"{code}|{site}|{channel}",
        audit_id="a",
        checkpoint_code=code,
        site_id=site,
        channel=channel,
        verdict=verdict,
        note="note",
    )


def all_cells(verdicts: Mapping[str, Verdict | None]) -> list[Finding]:
    return [f(code, verdict) for code, verdict in verdicts.items()]


ALL_CONFORME: dict[str, Verdict | None] = {
    "B1": V.CONFORME,
    "B2": V.CONFORME,
    "A1": V.CONFORME,
    "O1": V.CONFORME,
    "A2": V.CONFORME,
}


# --- tallies ---------------------------------------------------------------------


def test_tally_counts_and_rates() -> None:
    findings = [
        f("B1", V.CONFORME),
        f("B1", V.CONFORME, site="s2"),
        f("B2", V.POINT_FORT),
        f("B2", V.PISTE_DE_PROGRES, site="s2"),
        f("A1", V.POINT_SENSIBLE),
        f("A1", V.NC_MINEURE, site="s2"),
        f("O1", V.NC_MAJEURE),
        f("O1", V.NON_APPLICABLE, site="s2"),
        f("A2", None),
        f("A2", None, site="s2"),
    ]
    t = tally(findings)
    assert t == Tally(
        expected=10,
        answered=8,
        conforme=2,
        point_fort=1,
        piste_de_progres=1,
        point_sensible=1,
        nc_mineure=1,
        nc_majeure=1,
        non_applicable=1,
    )
    assert t.not_applicable == 1
    assert t.nonconformities == 2
    assert t.unanswered == 2
    assert t.assessed == 7
    assert t.conformity_rate == pytest.approx(5 / 7)
    assert t.progress == pytest.approx(0.8)
    assert t.count(V.POINT_FORT) == 1
    assert t.by_verdict()[V.NC_MAJEURE] == 1
    assert sum(t.by_verdict().values()) == t.answered


def test_empty_and_all_na_tallies_have_no_rate() -> None:
    empty = tally([])
    assert empty == Tally()
    assert empty.conformity_rate is None
    assert empty.progress is None
    only_na = tally([f("B1", V.NON_APPLICABLE), f("B2", V.NON_APPLICABLE)])
    assert only_na.conformity_rate is None
    assert only_na.progress == 1.0
    unanswered = tally([f("B1", None)])
    assert unanswered.progress == 0.0
    assert unanswered.conformity_rate is None


def test_tallies_add_up() -> None:
    a = tally([f("B1", V.CONFORME), f("B2", None)])
    b = tally([f("A1", V.NC_MINEURE)])
    assert a + b == tally([f("B1", V.CONFORME), f("B2", None), f("A1", V.NC_MINEURE)])


FINDINGS = [
    f("A2", V.NC_MINEURE, site="s2", channel="phone"),
    f("B1", V.CONFORME, site="s2", channel="counter"),
    f("B1", V.NC_MAJEURE, site="s1", channel="counter"),
    f("O1", None, site="", channel="website"),
    f("B2", V.NON_APPLICABLE, site="s1"),
]


def test_tally_by_engagement_and_criterion_follow_the_grid() -> None:
    by_engagement = tally_by(FINDINGS, REF, "engagement")
    assert list(by_engagement) == ["1", "2"]
    assert by_engagement["1"] == Tally(
        expected=3, answered=3, conforme=1, nc_majeure=1, non_applicable=1
    )
    assert by_engagement["2"] == Tally(expected=2, answered=1, nc_mineure=1)
    by_criterion = tally_by(FINDINGS, REF, "criterion")
    assert list(by_criterion) == ["C1", "C2"]
    assert by_criterion["C2"].progress == 0.5


def test_tally_by_site_and_channel() -> None:
    by_site = tally_by(FINDINGS, REF, "site")
    assert list(by_site) == ["s2", "s1", ""]  # first appearance
    assert by_site["s1"].conformity_rate == 0.0
    assert by_site["s2"].nonconformities == 1
    by_channel = tally_by(FINDINGS, REF, "channel")
    assert list(by_channel) == ["", "counter", "phone", "website"]  # "" first, then Channel order
    assert by_channel["counter"] == Tally(expected=2, answered=2, conforme=1, nc_majeure=1)


def test_tally_by_rejects_unknown_key_and_unknown_checkpoint() -> None:
    with pytest.raises(ValueError, match="Regroupement inconnu"):
        tally_by(FINDINGS, REF, "auditor")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="« ZZ » absent du référentiel"):
        tally_by([f("ZZ", V.CONFORME)], REF, "criterion")


def test_matrix_criterion_by_site() -> None:
    m = matrix(FINDINGS, REF)
    assert list(m) == [("C1", "s2"), ("C1", "s1"), ("C2", "s2"), ("C2", "")]
    assert m[("C1", "s1")] == Tally(expected=2, answered=2, nc_majeure=1, non_applicable=1)
    assert m[("C1", "s1")].conformity_rate == 0.0
    assert m[("C2", "")].progress == 0.0
    assert sum((t for t in m.values()), Tally()) == tally(FINDINGS)


@given(st.lists(st.sampled_from([None, *Verdict]), max_size=60))
def test_tally_invariants(verdicts: list[Verdict | None]) -> None:
    t = tally(f("B1", v, site=str(i)) for i, v in enumerate(verdicts))
    assert t.expected == len(verdicts)
    assert t.answered == sum(v is not None for v in verdicts)
    assert sum(t.by_verdict().values()) == t.answered
    if t.conformity_rate is not None:
        assert 0.0 <= t.conformity_rate <= 1.0
    if t.progress is not None:
        assert 0.0 <= t.progress <= 1.0


# --- level proposal --------------------------------------------------------------


def checks(proposal: LevelProposal, level: Level) -> list[tuple[str, bool, str]]:
    return proposal.checks_by_level()[level]


def test_everything_conforme_with_good_satisfaction_is_or() -> None:
    proposal = propose_level(REF, all_cells(ALL_CONFORME), user_satisfaction=0.9)
    assert proposal.level is Level.OR
    assert [a.reached for a in proposal.levels] == [True, True, True]
    assert proposal.summary == "Niveau proposé : Or."
    assert proposal.rule_source == "default"
    assert proposal.rule_note == "Règle d'essai"
    assert checks(proposal, Level.BRONZE) == [
        (
            "Taux de conformité d'au moins 60 % (points de niveau bronze)",
            True,
            "100,0 % : 2 constats sans non-conformité sur 2 évalués (N/A exclus)",
        ),
        ("Au plus 1 non-conformité majeure (points de niveau bronze)", True, "aucune constatée"),
        (
            "Aucune non-conformité sur les points obligatoires (points de niveau bronze)",
            True,
            "aucune constatée",
        ),
    ]
    assert checks(proposal, Level.OR)[-1] == (
        "Satisfaction des usagers d'au moins 80 %",
        True,
        "90,0 % mesurés",
    )
    assert checks(proposal, Level.OR)[0][0] == (
        "Taux de conformité d'au moins 95 % (points de niveaux bronze, argent et or)"
    )


def test_unmeasured_satisfaction_fails_the_level_that_requires_it() -> None:
    proposal = propose_level(REF, all_cells(ALL_CONFORME), user_satisfaction=None)
    assert proposal.level is Level.ARGENT
    assert checks(proposal, Level.OR)[-1] == (
        "Satisfaction des usagers d'au moins 80 %",
        False,
        "satisfaction des usagers non mesurée",
    )
    low = propose_level(REF, all_cells(ALL_CONFORME), user_satisfaction=0.79)
    assert low.level is Level.ARGENT
    assert checks(low, Level.OR)[-1][1:] == (False, "79,0 % mesurés")


def test_nc_on_a_higher_level_checkpoint_does_not_count_for_lower_levels() -> None:
    verdicts = ALL_CONFORME | {"O1": V.NC_MAJEURE}
    proposal = propose_level(REF, all_cells(verdicts), user_satisfaction=0.9)
    assert proposal.level is Level.ARGENT
    by_level = {a.level: a for a in proposal.levels}
    assert by_level[Level.ARGENT].reached
    assert not by_level[Level.OR].requirements_met
    assert (
        "Aucune non-conformité majeure (points de niveaux bronze, argent et or)",
        False,
        "1 constatée (O1)",
    ) in checks(proposal, Level.OR)


def test_nc_on_a_mandatory_checkpoint_blocks_every_level() -> None:
    verdicts = ALL_CONFORME | {"B1": V.NC_MINEURE}
    proposal = propose_level(REF, all_cells(verdicts), user_satisfaction=0.9)
    # Bronze: rate 1/2 = 50 % < 60 %, and B1 is mandatory.
    assert proposal.level is None
    assert proposal.summary == "Aucun niveau ne peut être proposé."
    bronze = checks(proposal, Level.BRONZE)
    assert bronze[0] == (
        "Taux de conformité d'au moins 60 % (points de niveau bronze)",
        False,
        "50,0 % : 1 constat sans non-conformité sur 2 évalués (N/A exclus)",
    )
    assert bronze[2] == (
        "Aucune non-conformité sur les points obligatoires (points de niveau bronze)",
        False,
        "1 constatée (B1)",
    )
    assert not any(a.reached for a in proposal.levels)


def test_a_level_needs_every_lower_level() -> None:
    # Bronze demands a satisfaction that argent does not: argent's own rules hold, yet
    # bronze fails, so nothing is proposed.
    strict_bronze = BRONZE.model_copy(update={"min_user_satisfaction": 0.95})
    ref = make_ref(strict_bronze, ARGENT)
    proposal = propose_level(ref, all_cells(ALL_CONFORME), user_satisfaction=0.9)
    assert proposal.level is None
    bronze, argent, gold = proposal.levels
    assert not bronze.requirements_met and not bronze.reached
    assert argent.requirements_met and not argent.reached
    assert argent.checks[-1] == RequirementCheck(
        "Niveaux inférieurs atteints", False, "niveau inférieur non atteint"
    )
    assert not gold.reached


def test_a_level_missing_from_the_rule_cannot_be_reached() -> None:
    ref = make_ref(BRONZE, ARGENT)
    proposal = propose_level(ref, all_cells(ALL_CONFORME), user_satisfaction=1.0)
    assert proposal.level is Level.ARGENT
    assert checks(proposal, Level.OR) == [
        (
            "Exigences du niveau définies par le référentiel",
            False,
            "aucune exigence pour ce niveau dans la règle du référentiel",
        )
    ]


def test_threshold_exactly_met_and_minor_limit() -> None:
    # Argent counts B1, B2, A1, A2 over 5 sites = 20 cells; 4 minor NCs on A1 → 16/20 = 80 %.
    findings = [f(code, V.CONFORME, site=f"s{i}") for code in ("B1", "B2", "A2") for i in range(5)]
    findings += [f("A1", V.NC_MINEURE, site=f"s{i}") for i in range(4)]
    findings += [f("A1", V.CONFORME, site="s4")]
    proposal = propose_level(REF, findings, user_satisfaction=None)
    argent = checks(proposal, Level.ARGENT)
    assert argent[0][1] is True
    assert argent[0][2].startswith("80,0 % : 16 constats")
    assert argent[2] == (
        "Au plus 2 non-conformités mineures (points de niveaux bronze et argent)",
        False,
        "4 constatées (A1)",
    )
    assert proposal.level is Level.BRONZE


def test_nothing_answered_proposes_nothing() -> None:
    proposal = propose_level(REF, all_cells(dict.fromkeys(ALL_CONFORME)), user_satisfaction=0.9)
    assert proposal.level is None
    assert proposal.unanswered == 5
    assert checks(proposal, Level.BRONZE)[0][1:] == (False, "aucun point évalué")
    assert proposal.summary == "Aucun niveau ne peut être proposé. 5 points non renseignés."


def test_na_is_excluded_and_unanswered_is_reported() -> None:
    verdicts = ALL_CONFORME | {"B2": V.NON_APPLICABLE, "A1": None}
    proposal = propose_level(REF, all_cells(verdicts), user_satisfaction=0.85)
    assert proposal.level is Level.OR
    assert proposal.unanswered == 1
    assert proposal.summary == "Niveau proposé : Or. 1 point non renseigné."


def test_invalid_satisfaction_is_refused() -> None:
    with pytest.raises(ValueError, match="hors de \\[0, 1\\]"):
        propose_level(REF, [], user_satisfaction=85)
    with pytest.raises(ValueError, match="NaN"):
        propose_level(REF, [], user_satisfaction=float("nan"))
