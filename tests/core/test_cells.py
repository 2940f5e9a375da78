"""Where each checkpoint must be assessed: expected cells and their deterministic ids."""

from __future__ import annotations

import dataclasses

from auditor_app.audit.cells import (
    applicable_channels,
    expected_findings,
    grid_index,
    overlay,
    unexpected,
)
from auditor_app.audit.model import AidScheme, Audit, Finding, Site, finding_id
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import (
    Channel,
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

C = Channel


def cp(code: str, scope: Scope, channels: tuple[Channel, ...] = ()) -> Checkpoint:
    return Checkpoint(
        code=code,
        text=f"Texte {code}",
        methods=(Method.OBSERVATION,),
        channels=channels,
        scope=scope,
        level=Level.BRONZE,
        mandatory=False,
        source="default",
    )


def make_ref() -> Referential:
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
                        title="Site",
                        checkpoints=(
                            cp("P1", Scope.SITE, (C.COUNTER, C.PHONE)),
                            cp("P2", Scope.SITE),
                        ),
                    ),
                    Criterion(
                        code="C2",
                        title="Organisation",
                        checkpoints=(
                            cp("P3", Scope.ORGANISATION, (C.WEBSITE, C.MAIL, C.PHONE)),
                            cp("P4", Scope.ORGANISATION),
                        ),
                    ),
                ),
            ),
            Engagement(
                number=2,
                title="Dispositifs",
                title_confirmed=False,
                source="default",
                criteria=(
                    Criterion(
                        code="C3",
                        title="Aides",
                        checkpoints=(
                            cp("P5", Scope.AID_SCHEME, (C.ONLINE_PROCEDURE, C.MAIL)),
                            cp("P6", Scope.SITE, (C.EMAIL,)),
                            cp("P7", Scope.AID_SCHEME),
                        ),
                    ),
                ),
            ),
        ),
        level_rule=LevelRule(
            source="default",
            requirements=(
                LevelRequirement(level=Level.BRONZE, min_conformity_rate=0.5, max_nc_majeure=0),
            ),
        ),
    )


AUDIT = Audit(
    id="audit-1",
    referential_key="test@1",
    organisation="Caisse test",
    reference="A-1",
    channels=(C.WEBSITE,),
)
# Positions put Metz before Nancy although Nancy is listed first.
NANCY = Site(id="s-nancy", audit_id="audit-1", name="Nancy", channels=(C.COUNTER,), position=2)
METZ = Site(id="s-metz", audit_id="audit-1", name="Metz", channels=(C.PHONE, C.COUNTER), position=1)
AIDE_X = AidScheme(id="a-x", audit_id="audit-1", name="Aide X", channels=(C.ONLINE_PROCEDURE,))
AIDE_Y = AidScheme(id="a-y", audit_id="audit-1", name="Aide Y", channels=(), position=1)


def places(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(f.checkpoint_code, f.site_id, f.aid_scheme_id, f.channel) for f in findings]


def test_cells_follow_scope_channels_grid_and_site_order() -> None:
    cells = expected_findings(AUDIT, [NANCY, METZ], [AIDE_X, AIDE_Y], make_ref())
    assert places(cells) == [
        # P1: per site, checkpoint channel order (counter before phone), Nancy has no phone.
        ("P1", "s-metz", "", "counter"),
        ("P1", "s-metz", "", "phone"),
        ("P1", "s-nancy", "", "counter"),
        # P2: no channels → one cell per site, channel "".
        ("P2", "s-metz", "", ""),
        ("P2", "s-nancy", "", ""),
        # P3: organisation = audit channels ∪ every site's channels; no site handles mail.
        ("P3", "", "", "website"),
        ("P3", "", "", "phone"),
        ("P4", "", "", ""),
        # P5: aid scheme X offers online procedures; Y offers none of P5's channels.
        ("P5", "", "a-x", "online_procedure"),
        # P6: no site has e-mail → it does not apply anywhere.
        ("P7", "", "a-x", ""),
        ("P7", "", "a-y", ""),
    ]


def test_cells_are_unanswered_with_deterministic_ids() -> None:
    cells = expected_findings(AUDIT, [NANCY, METZ], [AIDE_X, AIDE_Y], make_ref())
    for cell in cells:
        assert cell.audit_id == "audit-1"
        assert cell.verdict is None and not cell.answered
        assert cell.note == "" and cell.evidence_count == 0
        assert cell.id == finding_id(
            "audit-1", cell.checkpoint_code, cell.site_id, cell.aid_scheme_id, cell.channel
        )
    assert len({cell.id for cell in cells}) == len(cells)
    again = expected_findings(AUDIT, [NANCY, METZ], [AIDE_X, AIDE_Y], make_ref())
    assert [c.id for c in again] == [c.id for c in cells]
    # A known value: the id does not depend on the run.
    assert cells[0].id == finding_id("audit-1", "P1", "s-metz", "", "counter")


def test_equal_positions_keep_the_given_site_order() -> None:
    a = Site(id="a", audit_id="audit-1", name="A")
    b = Site(id="b", audit_id="audit-1", name="B")
    cells = expected_findings(AUDIT, [b, a], [], make_ref())
    assert [(c.checkpoint_code, c.site_id) for c in cells if c.checkpoint_code == "P2"] == [
        ("P2", "b"),
        ("P2", "a"),
    ]


def test_no_sites_and_no_schemes_leave_organisation_cells_only() -> None:
    cells = expected_findings(AUDIT, [], [], make_ref())
    # Organisation channels are the audit's alone: website only.
    assert places(cells) == [("P3", "", "", "website"), ("P4", "", "", "")]


def test_organisation_without_any_channel_skips_channelled_checkpoints() -> None:
    bare = dataclasses.replace(AUDIT, channels=())
    assert places(expected_findings(bare, [], [], make_ref())) == [("P4", "", "", "")]


def test_another_audit_gets_other_ids() -> None:
    other = dataclasses.replace(AUDIT, id="audit-2")
    first = expected_findings(AUDIT, [METZ], [], make_ref())
    second = expected_findings(other, [METZ], [], make_ref())
    assert places(first) == places(second)
    assert not {c.id for c in first} & {c.id for c in second}


def test_applicable_channels() -> None:
    checkpoint = cp("X", Scope.SITE, (C.PHONE, C.COUNTER, C.PHONE))
    assert applicable_channels(checkpoint, [C.COUNTER, C.PHONE, C.EMAIL]) == ("phone", "counter")
    assert applicable_channels(checkpoint, [C.EMAIL]) == ()
    assert applicable_channels(cp("Y", Scope.SITE), []) == ("",)


def test_grid_index_positions() -> None:
    index = grid_index(make_ref())
    assert list(index) == ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]
    assert index["P5"].position == 4
    assert index["P5"].criterion.code == "C3"
    assert index["P5"].engagement.number == 2


def test_overlay_and_unexpected() -> None:
    cells = expected_findings(AUDIT, [METZ], [], make_ref())
    answered = dataclasses.replace(cells[1], verdict=Verdict.CONFORME, note="vu")
    stray = Finding(id="old", audit_id="audit-1", checkpoint_code="P1", site_id="closed-site")
    merged = overlay(cells, [stray, answered])
    assert [f.id for f in merged] == [c.id for c in cells]
    assert merged[1] is answered
    assert merged[0] is cells[0]
    assert unexpected(cells, [stray, answered]) == [stray]
