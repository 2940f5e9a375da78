"""Verdicts of French certification practice and what each one demands."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    CONFORME = "conforme"
    POINT_FORT = "point_fort"
    PISTE_DE_PROGRES = "piste_de_progres"
    POINT_SENSIBLE = "point_sensible"
    NC_MINEURE = "nc_mineure"
    NC_MAJEURE = "nc_majeure"
    NON_APPLICABLE = "non_applicable"

    @property
    def is_nonconformity(self) -> bool:
        return self in (Verdict.NC_MINEURE, Verdict.NC_MAJEURE)

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.CONFORME: "Conforme",
    Verdict.POINT_FORT: "Point fort",
    Verdict.PISTE_DE_PROGRES: "Piste de progrès",
    Verdict.POINT_SENSIBLE: "Point sensible",
    Verdict.NC_MINEURE: "Non-conformité mineure",
    Verdict.NC_MAJEURE: "Non-conformité majeure",
    Verdict.NON_APPLICABLE: "Non applicable",
}


def verdict_problems(verdict: Verdict | None, note: str) -> list[str]:
    """What is missing for this verdict to stand (French, for the auditor).

    A non-conformity needs a note and an N/A a justification. They are not refused at
    save time (the auditor clicks the verdict, then types), but they block signing.
    """
    if verdict is None:
        return []
    if verdict.is_nonconformity and not note.strip():
        return [f"{verdict.label} sans note : décrivez le constat et la preuve."]
    if verdict is Verdict.NON_APPLICABLE and not note.strip():
        return ["« Non applicable » sans justification : saisissez la raison."]
    return []
