"""What every section of the report needs: the data, the photos, the language, labels, dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from auditor_app.audit.cells import GridEntry, grid_index
from auditor_app.audit.model import Finding
from auditor_app.audit.verdicts import Verdict
from auditor_app.i18n import N_, Translator
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
# Labels in French, translated where they are shown (``ctx.t(PLURALS[v])``).
PLURALS: dict[Verdict, str] = {
    Verdict.CONFORME: N_("Conformes"),
    Verdict.POINT_FORT: N_("Points forts"),
    Verdict.PISTE_DE_PROGRES: N_("Pistes de progrès"),
    Verdict.POINT_SENSIBLE: N_("Points sensibles"),
    Verdict.NC_MINEURE: N_("Non-conformités mineures"),
    Verdict.NC_MAJEURE: N_("Non-conformités majeures"),
    Verdict.NON_APPLICABLE: N_("Non applicables"),
}
SHORT: dict[Verdict, str] = {
    Verdict.CONFORME: N_("Conf."),
    Verdict.POINT_FORT: N_("PF"),
    Verdict.PISTE_DE_PROGRES: N_("PP"),
    Verdict.POINT_SENSIBLE: N_("PS"),
    Verdict.NC_MINEURE: N_("NC mi."),
    Verdict.NC_MAJEURE: N_("NC ma."),
    Verdict.NON_APPLICABLE: N_("N/A"),
}
METHOD_LABELS: dict[Method, str] = {
    Method.OBSERVATION: N_("Observation sur site"),
    Method.DOCUMENT: N_("Analyse documentaire"),
    Method.INTERVIEW: N_("Entretien"),
    Method.MYSTERY_TEST: N_("Test mystère"),
    Method.USER_SURVEY: N_("Enquête usagers"),
    Method.AGENT_SURVEY: N_("Enquête agents"),
}
TEST_KINDS = {
    "call": N_("Appel"),
    "email": N_("Courriel"),
    "letter": N_("Courrier"),
    "visit": N_("Visite au guichet"),
    "website": N_("Site internet"),
}
ROLES = {
    "lead": N_("Responsable d'audit"),
    "auditor": N_("Auditeur"),
    "representative": N_("Représentant de l'audité"),
}
_MONTHS = (
    N_("janvier"),
    N_("février"),
    N_("mars"),
    N_("avril"),
    N_("mai"),
    N_("juin"),
    N_("juillet"),
    N_("août"),
    N_("septembre"),
    N_("octobre"),
    N_("novembre"),
    N_("décembre"),
)


def long_date(day: date | None, t: Translator) -> str:
    """``1er mars 2026`` (English: ``1 March 2026``)."""
    if day is None:
        return t("non renseignée")
    first = t("1er") if day.day == 1 else str(day.day)
    return f"{first} {t(_MONTHS[day.month - 1])} {day.year}"


def date_time(moment: str | datetime, t: Translator, with_time: bool = True) -> str:
    """``12/05/2026 à 14 h 03 UTC`` (as stored: the data's time, never the clock)."""
    try:
        value = moment if isinstance(moment, datetime) else datetime.fromisoformat(moment)
    except ValueError:
        return str(moment)
    if not with_time:
        return f"{value:%d/%m/%Y}"
    offset = value.utcoffset()
    zone = "\xa0UTC" if offset is not None and not offset else ""
    return t("{0} à {1}\xa0h\xa0{2}{3}", f"{value:%d/%m/%Y}", f"{value:%H}", f"{value:%M}", zone)


def channel_label(channel: str, t: Translator) -> str:
    try:
        return t(CHANNEL_LABELS[Channel(channel)])
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
    t: Translator = field(default_factory=Translator)  # the report's language
    signature_box: SignatureBox = field(default_factory=SignatureBox)
    warnings: list[str] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)  # evidence id → photo number
    index: dict[str, GridEntry] = field(default_factory=dict)
    schemes: dict[str, str] = field(default_factory=dict)  # aid scheme id → name

    def __post_init__(self) -> None:
        self.signature_box = SignatureBox(label=self.t(SignatureBox.LABEL))
        self.index = grid_index(self.data.ref)
        self.schemes = {s.id: s.name for s in self.data.aid_schemes}
        for evidence in photo_evidence(self.data, self.index):
            self.numbers[evidence.id] = len(self.numbers) + 1

    def entry(self, finding: Finding) -> GridEntry | None:
        return self.index.get(finding.checkpoint_code)

    def place(self, finding: Finding) -> str:
        """Where a finding was made (as :func:`~auditor_app.audit.readiness.place_label`)."""
        t = self.t
        if finding.site_id:
            place = self.data.site_name(finding.site_id)
        elif finding.aid_scheme_id:
            place = t(
                "Dispositif {0}", self.schemes.get(finding.aid_scheme_id, finding.aid_scheme_id)
            )
        else:
            place = t("Organisation")
        return place + (f", {channel_label(finding.channel, t)}" if finding.channel else "")

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
