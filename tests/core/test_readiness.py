"""The readiness check before signing: what blocks, with which message, in grid order."""

from __future__ import annotations

import dataclasses

from auditor_app.audit.model import Finding, MysteryTest
from auditor_app.audit.readiness import Blocker, BlockerKind, place_label, readiness
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

V = Verdict
K = BlockerKind


def cp(code: str, scope: Scope = Scope.SITE, photo: bool = False) -> Checkpoint:
    return Checkpoint(
        code=code,
        text=f"Texte {code}",
        methods=(Method.OBSERVATION, Method.MYSTERY_TEST),
        channels=(Channel.PHONE, Channel.WEBSITE) if scope is Scope.ORGANISATION else (),
        scope=scope,
        level=Level.BRONZE,
        mandatory=False,
        photo_required_on_nc=photo,
        source="default",
    )


REF = Referential(
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
                Criterion(code="C1", title="Locaux", checkpoints=(cp("P1", photo=True), cp("P2"))),
                Criterion(
                    code="C2",
                    title="Contact",
                    checkpoints=(
                        cp("P3", Scope.ORGANISATION),
                        cp("P4"),
                        cp("P5", Scope.AID_SCHEME),
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
SITES = {"s1": "Metz", "s2": "Nancy"}


def f(
    code: str,
    verdict: Verdict | None,
    site: str = "",
    note: str = "",
    evidence: int = 0,
    channel: str = "",
    scheme: str = "",
) -> Finding:
    return Finding(
        id=f"{code}|{site}|{scheme}|{channel}",
        audit_id="a",
        checkpoint_code=code,
        site_id=site,
        aid_scheme_id=scheme,
        channel=channel,
        verdict=verdict,
        note=note,
        evidence_count=evidence,
    )


FINDINGS = [
    f("P1", V.NC_MINEURE, "s1"),  # no note, no photo
    f("P1", V.NC_MAJEURE, "s2", note="Locaux sales", evidence=1),
    f("P2", V.POINT_FORT, "s1", note="Accueil chaleureux"),  # C1 has an NC at Metz
    f("P2", V.CONFORME, "s2"),
    f("P3", V.NON_APPLICABLE, channel="phone"),  # no justification
    f("P3", None, channel="website"),
    f("P4", V.NC_MINEURE, "s1", note="Pas d'affichage"),  # no evidence, no test
    f("P4", V.NC_MINEURE, "s2", note="Pas d'affichage"),  # a mystery test covers it
]
TESTS = [MysteryTest(id="t1", audit_id="a", kind="call", site_id="s2", checkpoint_code="P4")]


def summary(blockers: list[Blocker]) -> list[tuple[str, str]]:
    return [(b.finding_id, b.kind.value) for b in blockers]


def test_every_kind_of_blocker_with_its_message() -> None:
    blockers = readiness(FINDINGS, REF, mystery_tests=TESTS, site_names=SITES)
    assert summary(blockers) == [
        ("P1|s1||", "nc_without_note"),
        ("P1|s1||", "photo_required"),
        ("P2|s1||", "contradiction"),
        ("P3|||phone", "na_without_justification"),
        ("P3|||website", "unanswered"),
        ("P4|s1||", "nc_without_evidence"),
    ]
    assert [b.message for b in blockers] == [
        "P1 (Metz) — Non-conformité mineure sans note : décrivez le constat et la preuve.",
        "P1 (Metz) — Non-conformité mineure sans photo : le référentiel exige une photo "
        "pour une non-conformité sur ce point.",
        "P2 (Metz) — Point fort alors que le critère C1 a une non-conformité au même endroit "
        "(P1) : revoyez l'un des deux.",
        "P3 (Organisation, Téléphone) — « Non applicable » sans justification : "
        "saisissez la raison.",
        "P3 (Organisation, Site internet) — Point non renseigné : donnez un verdict.",
        "P4 (Metz) — Non-conformité mineure sans preuve : joignez une photo ou un document, "
        "ou rattachez un test mystère.",
    ]
    first = blockers[0]
    assert (first.checkpoint_code, first.site_id, first.channel) == ("P1", "s1", "")
    assert first.kind is K.NC_WITHOUT_NOTE


def test_blockers_come_in_grid_order_whatever_the_input_order() -> None:
    shuffled = FINDINGS[::-1]
    blockers = readiness(shuffled, REF, mystery_tests=TESTS, site_names=SITES)
    assert [b.checkpoint_code for b in blockers] == ["P1", "P1", "P2", "P3", "P3", "P4"]


def test_a_complete_audit_has_no_blocker() -> None:
    findings = [
        f("P1", V.NC_MINEURE, "s1", note="Éclairage en panne", evidence=2),
        f("P2", V.POINT_FORT, "s2", note="Accueil chaleureux"),
        f("P3", V.NON_APPLICABLE, channel="phone", note="Pas d'accueil téléphonique"),
        f("P3", V.POINT_SENSIBLE, channel="website"),
        f("P4", V.CONFORME, "s1"),
    ]
    assert readiness(findings, REF) == []
    assert readiness([], REF) == []


def test_evidence_counts_override_the_finding_count() -> None:
    finding = f("P4", V.NC_MINEURE, "s1", note="vu", evidence=3)
    assert readiness([finding], REF) == []
    # The mapping is the truth when given: an id it lacks has no evidence.
    blockers = readiness([finding], REF, evidence_counts={})
    assert summary(blockers) == [("P4|s1||", "nc_without_evidence")]
    assert readiness([finding], REF, evidence_counts={"P4|s1||": 1}) == []


def test_a_mystery_test_is_evidence_but_not_a_photo() -> None:
    nc_p4 = f("P4", V.NC_MINEURE, "s1", note="vu")
    nc_p1 = f("P1", V.NC_MINEURE, "s1", note="vu")
    assert readiness([nc_p4], REF, mystery_test_checkpoints={"P4"}) == []
    blockers = readiness([nc_p1], REF, mystery_test_checkpoints={"P1"})
    assert summary(blockers) == [("P1|s1||", "photo_required")]
    assert "une photo" in blockers[0].message


def test_a_mystery_test_covers_its_own_site_and_channel_only() -> None:
    at_metz = f("P4", V.NC_MINEURE, "s1", note="vu")
    at_nancy = f("P4", V.NC_MINEURE, "s2", note="vu")
    blockers = readiness([at_metz, at_nancy], REF, mystery_tests=TESTS)
    assert summary(blockers) == [("P4|s1||", "nc_without_evidence")]
    phone = f("P3", V.NC_MAJEURE, channel="phone", note="Pas de décroché")
    website = f("P3", V.NC_MAJEURE, channel="website", note="Site en panne")
    call = MysteryTest(id="t2", audit_id="a", kind="call", channel="phone", checkpoint_code="P3")
    blockers = readiness([phone, website], REF, mystery_tests=[call])
    assert summary(blockers) == [("P3|||website", "nc_without_evidence")]
    # A test on another checkpoint proves nothing here.
    other = MysteryTest(id="t3", audit_id="a", kind="call", site_id="s1", checkpoint_code="P2")
    assert len(readiness([at_metz], REF, mystery_tests=[other])) == 1


def test_point_fort_is_only_contradicted_on_the_same_criterion_and_place() -> None:
    nc = f("P1", V.NC_MAJEURE, "s1", note="vu", evidence=1)
    elsewhere = f("P2", V.POINT_FORT, "s2")
    other_criterion = f("P4", V.POINT_FORT, "s1")
    assert readiness([nc, elsewhere, other_criterion], REF) == []
    same_place = f("P2", V.POINT_FORT, "s1")
    blockers = readiness([same_place, nc], REF, site_names=SITES)
    assert summary(blockers) == [("P2|s1||", "contradiction")]
    # The NC comes first in grid order but has no blocker of its own; the point fort does.
    assert blockers[0].message.startswith("P2 (Metz) — Point fort alors que le critère C1")


def test_contradiction_lists_every_nc_checkpoint_and_respects_aid_schemes() -> None:
    findings = [
        f("P4", V.NC_MINEURE, "s1", note="vu", evidence=1),
        f("P4", V.NC_MAJEURE, "s1", note="vu", evidence=1, channel="phone"),
        f("P5", V.NC_MINEURE, scheme="x", note="vu", evidence=1),
        f("P5", V.POINT_FORT, scheme="y"),
        f("P3", V.POINT_FORT, channel="phone"),
    ]
    assert readiness(findings, REF) == []  # organisation, scheme y and site s1 differ
    fort = f("P5", V.POINT_FORT, scheme="x")
    blockers = readiness([*findings, fort], REF, aid_scheme_names={"x": "Aide au logement"})
    assert summary(blockers) == [("P5||x|", "contradiction")]
    assert blockers[0].message.startswith("P5 (Dispositif Aide au logement) — Point fort")
    two = [
        f("P1", V.NC_MINEURE, "s1", note="vu", evidence=1),
        f("P2", V.POINT_FORT, "s1"),
        dataclasses.replace(f("P1", V.NC_MAJEURE, "s1", note="vu", evidence=1), id="other"),
    ]
    assert "(P1)" in readiness(two, REF)[0].message


def test_unknown_checkpoint_is_reported_last() -> None:
    blockers = readiness([f("ZZ", V.CONFORME, "s1"), f("P2", None, "s1")], REF)
    assert summary(blockers) == [("P2|s1||", "unanswered"), ("ZZ|s1||", "unknown_checkpoint")]
    assert blockers[1].message == "ZZ (s1) — Point de contrôle absent du référentiel de l'audit."


def test_place_label() -> None:
    assert place_label(f("P1", None, "s1"), SITES) == "Metz"
    assert place_label(f("P1", None, "s9"), SITES) == "s9"
    assert place_label(f("P3", None, channel="email")) == "Organisation, Courriel"
    assert place_label(f("P3", None, channel="fax")) == "Organisation, fax"
    assert place_label(f("P5", None, scheme="x")) == "Dispositif x"
    assert str(K.UNANSWERED) == "unanswered"


def test_a_test_tied_to_no_checkpoint_covers_its_site_and_channel() -> None:
    email_ack = f("P3", V.NC_MINEURE, channel="phone", note="Accusé de réception tardif")
    other_channel = f("P3", V.NC_MINEURE, channel="website", note="Site en panne")
    test = MysteryTest(id="t4", audit_id="a", kind="call", site_id="", channel="phone")
    # no site: not tied to a place, so it proves nothing
    assert len(readiness([email_ack], REF, mystery_tests=[test])) == 1
    at_site = MysteryTest(id="t5", audit_id="a", kind="call", site_id="s1", channel="phone")
    on_site = f("P4", V.NC_MINEURE, "s1", channel="phone", note="7 sonneries")
    elsewhere = f("P4", V.NC_MINEURE, "s2", channel="phone", note="7 sonneries")
    blockers = readiness([on_site, elsewhere, other_channel], REF, mystery_tests=[at_site])
    assert summary(blockers) == [
        ("P3|||website", "nc_without_evidence"),
        ("P4|s2||phone", "nc_without_evidence"),
    ]
