"""What every section of the report needs: the data, the photos, labels and French dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from auditor_app.audit.cells import GridEntry, grid_index
from auditor_app.audit.model import Finding
from auditor_app.audit.readiness import place_label
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import CHANNEL_LABELS, Channel, Method
from auditor_app.report.data import ReportData
from auditor_app.report.doc import SignatureBox
from auditor_app.report.photos import Derivative, PhotoSet
from auditor_app.store.findings import Evidence

# The findings the report details, in the order of the brief: best to worst.
DETAILED: tuple[Verdict, ...] = (
    Verdict.POINT_FORT,
    Verdict.PISTE_DE_PROGRES,
    Verdict.POINT_SENSIBLE,
    Verdict.NC_MINEURE,
    Verdict.NC_MAJEURE,
)
# When photos must be left out for size, evidence of the gravest findings stays.
PHOTO_PRIORITY: dict[Verdict | None, int] = {
    Verdict.NC_MAJEURE: 0,
    Verdict.NC_MINEURE: 1,
    Verdict.POINT_SENSIBLE: 2,
    Verdict.PISTE_DE_PROGRES: 3,
    Verdict.POINT_FORT: 4,
}
PLURALS: dict[Verdict, str] = {
    Verdict.CONFORME: "Conformes",
    Verdict.POINT_FORT: "Points forts",
    Verdict.PISTE_DE_PROGRES: "Pistes de progrès",
    Verdict.POINT_SENSIBLE: "Points sensibles",
    Verdict.NC_MINEURE: "Non-conformités mineures",
    Verdict.NC_MAJEURE: "Non-conformités majeures",
    Verdict.NON_APPLICABLE: "Non applicables",
}
SHORT: dict[Verdict, str] = {
    Verdict.CONFORME: "Conf.",
    Verdict.POINT_FORT: "PF",
    Verdict.PISTE_DE_PROGRES: "PP",
    Verdict.POINT_SENSIBLE: "PS",
    Verdict.NC_MINEURE: "NC mi.",
    Verdict.NC_MAJEURE: "NC ma.",
    Verdict.NON_APPLICABLE: "N/A",
}
METHOD_LABELS: dict[Method, str] = {
    Method.OBSERVATION: "Observation sur site",
    Method.DOCUMENT: "Analyse documentaire",
    Method.INTERVIEW: "Entretien",
    Method.MYSTERY_TEST: "Test mystère",
    Method.USER_SURVEY: "Enquête usagers",
    Method.AGENT_SURVEY: "Enquête agents",
}
TEST_KINDS = {
    "call": "Appel",
    "email": "Courriel",
    "letter": "Courrier",
    "visit": "Visite au guichet",
    "website": "Site internet",
}
ROLES = {
    "lead": "Responsable d'audit",
    "auditor": "Auditeur",
    "representative": "Représentant de l'audité",
}
_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: date | None) -> str:
    if day is None:
        return "non renseignée"
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS[day.month - 1]} {day.year}"


def french_time(moment: str | datetime, with_time: bool = True) -> str:
    """``12/05/2026 à 14 h 03 UTC`` (as stored: the data's time, never the clock)."""
    try:
        value = moment if isinstance(moment, datetime) else datetime.fromisoformat(moment)
    except ValueError:
        return str(moment)
    if not with_time:
        return f"{value:%d/%m/%Y}"
    offset = value.utcoffset()
    zone = "\xa0UTC" if offset is not None and not offset else ""
    return f"{value:%d/%m/%Y} à {value:%H}\xa0h\xa0{value:%M}{zone}"


def channel_label(channel: str) -> str:
    try:
        return CHANNEL_LABELS[Channel(channel)]
    except ValueError:
        return channel


@dataclass
class Context:
    """Shared state of one build; sections add their warnings to ``warnings``."""

    data: ReportData
    photos: PhotoSet
    annex: bool
    blob_path: Callable[[str], Path]  # a blob's file in the workspace, by hash
    payload: bytes = b""  # the JSON embedded in the PDF
    signature_box: SignatureBox = field(default_factory=SignatureBox)
    warnings: list[str] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)  # evidence id → photo number
    index: dict[str, GridEntry] = field(default_factory=dict)
    schemes: dict[str, str] = field(default_factory=dict)  # aid scheme id → name

    def __post_init__(self) -> None:
        self.index = grid_index(self.data.ref)
        self.schemes = {s.id: s.name for s in self.data.aid_schemes}
        for evidence in photo_evidence(self.data, self.index):
            self.numbers[evidence.id] = len(self.numbers) + 1

    def entry(self, finding: Finding) -> GridEntry | None:
        return self.index.get(finding.checkpoint_code)

    def place(self, finding: Finding) -> str:
        return place_label(finding, self.data.overview.site_names, self.schemes)

    def derivative(self, evidence: Evidence) -> Derivative | None:
        return self.photos.by_sha.get(evidence.blob.sha256)


def ordered(data: ReportData, index: dict[str, GridEntry], verdict: Verdict) -> list[Finding]:
    """The findings with this verdict, in grid order, then site order."""
    site_rank = {s.id: s.position for s in data.all_sites}
    chosen = [f for f in data.findings if f.verdict is verdict]
    return sorted(
        chosen,
        key=lambda f: (
            index[f.checkpoint_code].position if f.checkpoint_code in index else 1 << 30,
            site_rank.get(f.site_id, -1),
            f.aid_scheme_id,
            f.channel,
        ),
    )


def photo_evidence(data: ReportData, index: dict[str, GridEntry]) -> list[Evidence]:
    """Photos in the order the findings section shows them (then those of other verdicts):
    the report's numbering."""
    result = []
    rest = [v for v in Verdict if v not in DETAILED]
    for verdict in (*DETAILED, *rest):
        for finding in ordered(data, index, verdict):
            result += [e for e in data.evidence.get(finding.id, []) if e.kind == "photo"]
    return result
