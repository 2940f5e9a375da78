"""The history of one record: who changed what, when, why, and from which workspace.

Entries come from :func:`auditor_app.review.history` (this workspace's journal and the
journals received in packages) and, for a finding, the lead's review decisions. Each one
reads « champ : ancien → nouveau »; an entry made in another workspace says « reçu de X ».
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from typing import Any

from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from auditor_app.audit.verdicts import VERDICT_LABELS, Verdict
from auditor_app.review import STATE_LABELS, HistoryEntry
from ui.i18n import core, current_language, tr

# The fields a user knows, in the order they matter; the others (ids, stamps) are not shown.
FIELD_LABELS = {
    "verdict": QT_TR_NOOP("Verdict"),
    "measured_value": QT_TR_NOOP("Valeur mesurée"),
    "note": QT_TR_NOOP("Note"),
    "author": QT_TR_NOOP("Auteur"),
    "caption": QT_TR_NOOP("Légende"),
    "response": QT_TR_NOOP("Réponse"),
    "comment": QT_TR_NOOP("Commentaire"),
    "rings": QT_TR_NOOP("Sonneries"),
    "wait_seconds": QT_TR_NOOP("Attente (s)"),
    "sent_on": QT_TR_NOOP("Envoyé le"),
    "acknowledged_on": QT_TR_NOOP("Accusé de réception le"),
    "replied_on": QT_TR_NOOP("Réponse le"),
    "satisfied": QT_TR_NOOP("Satisfaits"),
    "neutral": QT_TR_NOOP("Neutres"),
    "dissatisfied": QT_TR_NOOP("Insatisfaits"),
    "name": QT_TR_NOOP("Nom"),
    "status": QT_TR_NOOP("Statut"),
}
ACTION_LABELS = {
    "create": QT_TR_NOOP("Création"),
    "update": QT_TR_NOOP("Modification"),
    "import": QT_TR_NOOP("Intégration d'un paquet"),
    "conflict": QT_TR_NOOP("Conflit à l'import"),
}


def field_label(field: str) -> str:
    return tr(FIELD_LABELS.get(field, field))


def value_text(field: str, value: Any) -> str:
    """A stored value as the user reads it: verdict labels, decimal commas, « quotes »."""
    if value is None or value == "":
        return "—"
    if field == "verdict":
        try:
            return core(VERDICT_LABELS[Verdict(value)])
        except ValueError:
            return str(value)
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if current_language() == "fr" else text
    if isinstance(value, str) and field in ("note", "comment", "caption"):
        return tr("« {0} »").format(value)
    return str(value)


def change_text(field: str, old: Any, new: Any) -> str:
    """« champ : ancien → nouveau »."""
    return tr("{0} : {1} → {2}").format(
        field_label(field), value_text(field, old), value_text(field, new)
    )


def when_text(at: str) -> str:
    """An ISO time stamp (UTC when it says nothing) as local « jj/mm/aaaa hh:mm »."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


@dataclass(frozen=True)
class Review:
    """One review decision on a finding, as shown in its history."""

    at: str
    reviewer: str
    decision: str
    comment: str
    new_verdict: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Review:
        return cls(str(row.get("updated_at") or ""), str(row.get("reviewer") or ""),
                   str(row.get("decision") or ""), str(row.get("comment") or ""),
                   row.get("new_verdict"))  # fmt: skip


class HistoryView(QTextBrowser):
    """Read-only, oldest first; the text can be selected and copied."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName(self.tr("Historique du constat"))
        self.setPlaceholderText(self.tr("Aucun historique."))
        self.setTabChangesFocus(True)

    def show_history(
        self,
        entries: Sequence[HistoryEntry],
        reviews: Sequence[Review] = (),
        senders: Mapping[str, str] | None = None,
    ) -> None:
        """``senders`` names the signer of a package from its certificate's fingerprint."""
        names = senders or {}
        blocks = [(e.at, self._entry_html(e, names)) for e in entries]
        blocks += [(r.at, self._review_html(r)) for r in reviews]
        blocks.sort(key=lambda block: block[0])
        self.setHtml("".join(html for _, html in blocks))
        self.moveCursor(QTextCursor.MoveOperation.End)  # the latest entries in view

    def _head(self, at: str, who: str, what: str, origin: str = "") -> str:
        who = who or tr("inconnu")
        head = f"<b>{escape(when_text(at))}</b> — {escape(who)} · {escape(what)}"
        if origin:
            head += " · <i>" + escape(tr("reçu de {0}").format(origin)) + "</i>"
        return head

    def _entry_html(self, entry: HistoryEntry, senders: Mapping[str, str]) -> str:
        origin = senders.get(entry.origin, entry.origin) if entry.origin else ""
        action = tr(ACTION_LABELS.get(entry.action, entry.action))
        lines = []
        if entry.action == "conflict":
            # "before" holds the whole version that was set aside at the import.
            kept = [(f, entry.before.get(f)) for f in FIELD_LABELS if f in entry.before]
            facts = tr(" ; ").join(
                tr("{0} : {1}").format(field_label(f), value_text(f, v)) for f, v in kept
            )
            lines.append(tr("Version écartée : {0}").format(facts))
        else:
            # The author is the one named at the head of the entry: not repeated.
            lines += [change_text(field, old, new) for field, old, new in entry.changes()
                      if field in FIELD_LABELS and field != "author"]  # fmt: skip
        if entry.reason:
            lines.append(tr("Motif : {0}").format(core(entry.reason)))
        return self._block(self._head(entry.at, entry.actor, action, origin), lines)

    def _review_html(self, review: Review) -> str:
        decision = core(STATE_LABELS.get(review.decision, review.decision))
        lines = []
        if review.new_verdict:
            verdict = value_text("verdict", review.new_verdict)
            lines.append(tr("Nouveau verdict : {0}").format(verdict))
        if review.comment:
            lines.append(tr("Commentaire : {0}").format(tr("« {0} »").format(review.comment)))
        head = self._head(review.at, review.reviewer, tr("Revue : {0}").format(decision))
        return self._block(head, lines)

    @staticmethod
    def _block(head: str, lines: Sequence[str]) -> str:
        body = "".join(f"<br>&nbsp;&nbsp;{escape(line)}" for line in lines)
        return f"<p style='margin-bottom:6px'>{head}{body}</p>"
