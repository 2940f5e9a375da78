"""Sites typed by a person or read from a spreadsheet (.csv or .xlsx), checked before use.

A file has one header row, in French or English (Nom/name, Type/kind,
Département/department, Adresse/address, Canaux/channels), then one site per row.
Every problem is reported at once, each naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from auditor_app.referential.model import CHANNEL_LABELS, Channel

SITE_CHANNELS = (Channel.COUNTER, Channel.PHONE, Channel.MAIL, Channel.EMAIL)
MAX_REPORTED = 20

# Overseas codes: the five departments, then the collectivities with their own holidays.
_OVERSEAS = {"971", "972", "973", "974", "975", "976", "977", "978", "984", "986", "987", "988"}
DEPARTMENTS = frozenset({f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"} | _OVERSEAS)


@dataclass(frozen=True)
class SiteRow:
    """One site before it belongs to an audit."""

    name: str
    kind: str = ""
    department: str = ""
    address: str = ""
    channels: tuple[Channel, ...] = ()


class SitesImportError(ValueError):
    """A file that cannot be imported, with every problem found, one per line."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = list(problems)
        shown = [f"{source} {p}" if p.startswith("ligne") else f"{source} : {p}"
                 for p in self.problems[:MAX_REPORTED]]  # fmt: skip
        if len(self.problems) > MAX_REPORTED:
            shown.append(f"… et {len(self.problems) - MAX_REPORTED} autre(s) problème(s)")
        super().__init__("\n".join(shown))


def _norm(text: object) -> str:
    """As compared: no accents, no case, one kind of apostrophe, dash and space."""
    decomposed = unicodedata.normalize("NFKD", str(text).replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("_", " ").replace("-", " ").split())


_HEADERS = {
    "name": ("nom", "name", "site", "nom du site", "site name"),
    "kind": ("type", "kind", "type de site", "nature"),
    "department": ("departement", "department", "dept", "dep", "code departement"),
    "address": ("adresse", "address", "adresse postale"),
    "channels": ("canaux", "channels", "canal", "channel", "canaux d'accueil"),
}
_FIELD_BY_HEADER = {alias: name for name, aliases in _HEADERS.items() for alias in aliases}

_CHANNEL_WORDS: dict[str, Channel] = {
    **{_norm(ch.value): ch for ch in Channel},
    **{_norm(label): ch for ch, label in CHANNEL_LABELS.items()},
    "accueil": Channel.COUNTER, "guichet": Channel.COUNTER, "physique": Channel.COUNTER,
    "tel": Channel.PHONE, "tel.": Channel.PHONE, "telephonique": Channel.PHONE,
    "courrier postal": Channel.MAIL, "postal": Channel.MAIL, "lettre": Channel.MAIL,
    "e mail": Channel.EMAIL, "mel": Channel.EMAIL, "messagerie": Channel.EMAIL,
    "internet": Channel.WEBSITE, "web": Channel.WEBSITE,
    "demarches en ligne": Channel.ONLINE_PROCEDURE,
}  # fmt: skip
_CHANNEL_SPLIT = re.compile(r"[,;/+|\n]")


def parse_channels(text: str) -> tuple[Channel, ...]:
    """« accueil, téléphone » or « counter;phone » → channels, in the usual order.

    Raises ValueError (French message) on a word that names no site channel.
    """
    found: set[Channel] = set()
    for word in filter(None, (w.strip() for w in _CHANNEL_SPLIT.split(text))):
        channel = _CHANNEL_WORDS.get(_norm(word))
        if channel is None:
            raise ValueError(f"canal inconnu « {word} » (attendu : accueil, téléphone, "
                             "courrier, courriel)")  # fmt: skip
        if channel not in SITE_CHANNELS:
            raise ValueError(f"« {word} » est un canal de l'organisation, pas d'un site : "
                             "déclarez-le à l'étape des canaux de l'organisation")  # fmt: skip
        found.add(channel)
    return tuple(c for c in SITE_CHANNELS if c in found)


def normalise_department(value: object) -> str:
    """67, "67", 67.0 → "67"; 6 → "06"; "2a" → "2A". Raises ValueError on an unknown code."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().upper()
    if not text:
        return ""
    if text.isdecimal() and len(text) == 1:
        text = "0" + text
    if text not in DEPARTMENTS:
        raise ValueError(f"département inconnu « {value} » (attendu : 01 à 95, 2A, 2B "
                         "ou 971 à 988)")  # fmt: skip
    return text


def site_problems(rows: Sequence[SiteRow]) -> list[str]:
    """What is wrong in sites typed by hand: missing or repeated names, unknown departments."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=1):
        key = _norm(row.name)
        if not key:
            problems.append(f"site n° {line} : le nom est obligatoire")
        elif key in seen:
            problems.append(
                f"site n° {line} : « {row.name.strip()} » figure déjà au n° {seen[key]}"
            )
        else:
            seen[key] = line
        try:
            normalise_department(row.department)
        except ValueError as exc:
            problems.append(f"site n° {line} : {exc}")
        if not row.channels:
            problems.append(f"site n° {line} : cochez au moins un canal d'accueil")
    return problems


def import_sites(path: str | PathLike[str]) -> list[SiteRow]:
    """Read sites from a .csv or .xlsx file; raise :class:`SitesImportError` on any problem."""
    file = Path(path)
    suffix = file.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            table = _read_csv(file.read_bytes())
        elif suffix in (".xlsx", ".xlsm"):
            table = _read_xlsx(file)
        else:
            raise SitesImportError(file.name, [
                "format non pris en charge (attendu : .csv ou .xlsx ; un ancien .xls "
                "s'enregistre en .xlsx depuis le tableur)"])  # fmt: skip
    except OSError as exc:
        raise SitesImportError(file.name, [f"lecture impossible ({exc.strerror or exc})"]) from exc
    return _sites_from_table(file.name, table)


def _read_csv(data: bytes) -> list[list[object]]:
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # spreadsheets saved on Windows
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first.count) if first else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _read_xlsx(file: Path) -> list[list[object]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it does not read
            from openpyxl import load_workbook  # heavy: only when a spreadsheet is read

            workbook = load_workbook(file, read_only=True, data_only=True)
            try:
                return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
            finally:
                workbook.close()
    except FileNotFoundError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        problem = f"ce fichier n'est pas un classeur Excel (.xlsx) lisible ({exc})"
        raise SitesImportError(file.name, [problem]) from exc


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_blank(row: Iterable[object]) -> bool:
    return all(_cell(v) == "" for v in row)


def _header(source: str, table: list[list[object]]) -> tuple[int, dict[str, tuple[int, str]]]:
    """The header's line (1-based) and field → (column index, header as written)."""
    line = next((n for n, row in enumerate(table, start=1) if not _is_blank(row)), 0)
    if not line:
        raise SitesImportError(source, ["fichier vide : aucune ligne d'en-tête ni aucun site"])
    columns: dict[str, tuple[int, str]] = {}
    for index, value in enumerate(table[line - 1]):
        field = _FIELD_BY_HEADER.get(_norm(_cell(value)))
        if field is not None and field not in columns:
            columns[field] = (index, _cell(value))
    if "name" not in columns:
        written = ", ".join(f"« {_cell(v)} »" for v in table[line - 1] if _cell(v))
        raise SitesImportError(source, [
            f"ligne {line} : aucune colonne « Nom » (ou « name ») dans l'en-tête ; "
            f"colonnes trouvées : {written}"])  # fmt: skip
    return line, columns


def _sites_from_table(source: str, table: list[list[object]]) -> list[SiteRow]:
    header_line, columns = _header(source, table)
    problems: list[str] = []
    sites: list[SiteRow] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(table[header_line:], start=header_line + 1):
        if _is_blank(raw):
            continue
        values = {f: _cell(raw[i]) if i < len(raw) else "" for f, (i, _) in columns.items()}
        site, row_problems = _site(values)
        key = _norm(site.name)
        if key and key in seen:
            row_problems["name"] = f"le site « {site.name} » figure déjà ligne {seen[key]}"
        seen.setdefault(key, line)
        problems += [
            f"ligne {line}, colonne « {columns[field][1]} » : {problem}"
            for field, problem in sorted(row_problems.items(), key=lambda p: columns[p[0]][0])
        ]
        sites.append(site)
    if problems:
        raise SitesImportError(source, problems)
    if not sites:
        raise SitesImportError(source, [f"ligne {header_line} : un en-tête, mais aucun site"])
    return sites


def _site(values: dict[str, str]) -> tuple[SiteRow, dict[str, str]]:
    """A site from one row's cells, and what is wrong in them (field → problem)."""
    problems: dict[str, str] = {}
    if not values["name"]:
        problems["name"] = "le nom du site est vide"
    department = ""
    channels: tuple[Channel, ...] = ()
    try:
        department = normalise_department(values.get("department", ""))
    except ValueError as exc:
        problems["department"] = str(exc)
    try:
        channels = parse_channels(values.get("channels", ""))
    except ValueError as exc:
        problems["channels"] = str(exc)
    site = SiteRow(values["name"], values.get("kind", ""), department, values.get("address", ""),
                   channels)  # fmt: skip
    return site, problems
