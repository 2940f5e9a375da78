"""Grids as spreadsheets, the way certification bodies keep them: one row per checkpoint.

Three sheets: « Grille » (one row per checkpoint, the engagement and criterion columns
repeated on each row), « Référentiel » (the grid's metadata, key / value) and « Niveaux »
(the level rule, one row per level). Headers are French and read through a fixed mapping
that ignores case, accents and apostrophe style. Import goes through
:func:`~auditor_app.referential.loader.parse_referential`; its problems are reported at the
sheet, row and column they come from, e.g. ``Grille ligne 14, colonne « Canaux »``.

Numbers are stored with 16 significant digits (Excel itself keeps 15).
"""

from __future__ import annotations

import difflib
import os
import re
import typing
import unicodedata
import uuid
import warnings
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from auditor_app.referential.loader import (
    Problem,
    ReferentialError,
    dump_referential,
    parse_referential,
)
from auditor_app.referential.model import Direction, Level, Referential, Scope, Source, Unit

GRID_SHEET = "Grille"
META_SHEET = "Référentiel"
LEVELS_SHEET = "Niveaux"


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its French header and the model field it holds.

    ``part`` says which record the field belongs to (engagement, criterion, checkpoint,
    measure, or level for the « Niveaux » sheet); ``kind`` how the cell is read.
    """

    header: str
    part: str
    field: str
    kind: str  # text, choice, int, number, rate, bool, list
    width: int = 14


GRID_COLUMNS: tuple[Column, ...] = (
    Column("N° engagement", "engagement", "number", "int", 8),
    Column("Engagement", "engagement", "title", "text", 40),
    Column("Titre confirmé", "engagement", "title_confirmed", "bool", 9),
    Column("Note sur le titre", "engagement", "title_note", "text", 30),
    Column("Pilier", "engagement", "pillar", "text", 24),
    Column("Source de l’engagement", "engagement", "source", "choice", 12),
    Column("Référence de l’engagement", "engagement", "reference", "text", 30),
    Column("Code critère", "criterion", "code", "text", 10),
    Column("Critère", "criterion", "title", "text", 30),
    Column("Code", "checkpoint", "code", "text", 10),
    Column("Point de contrôle", "checkpoint", "text", "text", 60),
    Column("Consigne d’audit", "checkpoint", "guidance", "text", 50),
    Column("Méthodes", "checkpoint", "methods", "list", 22),
    Column("Canaux", "checkpoint", "channels", "list", 22),
    Column("Portée", "checkpoint", "scope", "choice", 13),
    Column("Niveau", "checkpoint", "level", "choice", 9),
    Column("Obligatoire", "checkpoint", "mandatory", "bool", 9),
    Column("Photo si NC", "checkpoint", "photo_required_on_nc", "bool", 9),
    Column("Source", "checkpoint", "source", "choice", 12),
    Column("Référence", "checkpoint", "reference", "text", 30),
    Column("Mesure : unité", "measure", "unit", "choice", 14),
    Column("Mesure : seuil", "measure", "threshold", "number", 10),
    Column("Mesure : sens", "measure", "direction", "choice", 10),
    Column("Mesure : libellé", "measure", "label", "text", 30),
    Column("Mesure : source", "measure", "source", "choice", 12),
    Column("Mesure : référence", "measure", "reference", "text", 30),
)

LEVEL_COLUMNS: tuple[Column, ...] = (
    Column("Niveau", "level", "level", "choice", 10),
    Column("Taux de conformité minimal", "level", "min_conformity_rate", "rate", 16),
    Column("NC majeures max", "level", "max_nc_majeure", "int", 12),
    Column("NC mineures max", "level", "max_nc_mineure", "int", 12),
    Column("Points obligatoires satisfaits", "level", "mandatory_checkpoints_met", "bool", 16),
    Column("Satisfaction usagers minimale", "level", "min_user_satisfaction", "rate", 16),
)

META_COLUMNS: tuple[Column, ...] = (
    Column("Clé", "meta", "key", "text", 28),
    Column("Valeur", "meta", "value", "text", 90),
)

# « Référentiel » sheet rows: label → path of the value in the grid data.
META_ROWS: tuple[tuple[str, str], ...] = (
    ("Identifiant", "id"),
    ("Version", "version"),
    ("Titre", "title"),
    ("Éditeur", "publisher"),
    ("Description", "description"),
    ("Langue", "language"),
    ("Règle de niveau : source", "level_rule.source"),
    ("Règle de niveau : note", "level_rule.note"),
)

_CHOICES: dict[str, tuple[str, ...]] = {
    "scope": tuple(Scope),
    "level": tuple(Level),
    "unit": tuple(Unit),
    "direction": tuple(Direction),
    "source": typing.get_args(Source),
}
_YES, _NO = "oui", "non"
_BOOLEANS = {"oui": True, "non": False, "vrai": True, "faux": False, "true": True, "false": False}
_LAST_ROW = 5000  # how far down the drop-down lists reach
# Control characters and the two non-characters XML 1.0 cannot carry.
_UNWRITABLE = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|[\ufffe\uffff]")


# --- Export -----------------------------------------------------------------------------------


def export_xlsx(ref: Referential, path: str | PathLike[str]) -> None:
    """Write the grid as a workbook. The file appears whole or not at all."""
    _save_atomically(_workbook(dump_referential(ref)), Path(path))


def _workbook(data: dict[str, Any]) -> Workbook:
    workbook = Workbook()
    grid = workbook.active
    assert isinstance(grid, Worksheet)
    grid.title = GRID_SHEET
    _write_table(grid, GRID_COLUMNS, _grid_rows(data))
    requirements = data["level_rule"]["requirements"]
    level_rows = [[req.get(column.field) for column in LEVEL_COLUMNS] for req in requirements]
    _write_table(workbook.create_sheet(LEVELS_SHEET), LEVEL_COLUMNS, level_rows)
    meta_rows = [[label, _lookup(data, path)] for label, path in META_ROWS]
    _write_table(workbook.create_sheet(META_SHEET), META_COLUMNS, meta_rows)
    return workbook


def _grid_rows(data: dict[str, Any]) -> list[list[object]]:
    rows: list[list[object]] = []
    for engagement in data["engagements"]:
        for criterion in engagement["criteria"]:
            for checkpoint in criterion["checkpoints"]:
                records = {
                    "engagement": engagement,
                    "criterion": criterion,
                    "checkpoint": checkpoint,
                    "measure": checkpoint.get("measure") or {},
                }
                rows.append([records[column.part].get(column.field) for column in GRID_COLUMNS])
    return rows


def _lookup(data: dict[str, Any], path: str) -> object:
    value: Any = data
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _write_table(sheet: Worksheet, columns: Sequence[Column], rows: Iterable[list[object]]) -> None:
    for index, column in enumerate(columns, start=1):
        _write(sheet, 1, index, column.header).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row_number, values in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = _write(sheet, row_number, index, _to_cell(column, value))
            cell.alignment = Alignment(wrap_text=column.width >= 30, vertical="top")
    sheet.freeze_panes = "A2"
    _add_choices(sheet, columns)


def _to_cell(column: Column, value: object) -> object:
    if value is None or value == "" or value == []:
        return None
    if column.kind == "bool":
        return _YES if value else _NO
    if column.kind == "list" and isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


def _write(sheet: Worksheet, row: int, column: int, value: object) -> Any:
    if isinstance(value, str) and _UNWRITABLE.search(value):
        where = f"{sheet.title}!{get_column_letter(column)}{row}"
        raise ValueError(f"{where} : caractère de contrôle impossible à écrire dans un classeur")
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula or an error code, whatever the text starts with
    return cell


def _add_choices(sheet: Worksheet, columns: Sequence[Column]) -> None:
    """Drop-down lists on the columns that take a fixed set of codes."""
    for index, column in enumerate(columns, start=1):
        options = (_YES, _NO) if column.kind == "bool" else _CHOICES.get(column.field)
        if column.kind not in ("bool", "choice") or not options:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(
            type="list", formula1=f'"{",".join(options)}"', allow_blank=True
        )
        validation.add(f"{letter}2:{letter}{_LAST_ROW}")
        sheet.add_data_validation(validation)


def _save_atomically(workbook: Workbook, target: Path) -> None:
    # Written beside the target then renamed: a crash leaves the old file or the new one.
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        workbook.save(temp)
        with temp.open("rb+") as file:
            os.fsync(file.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


# --- Import -----------------------------------------------------------------------------------


def import_xlsx(path: str | PathLike[str]) -> Referential:
    """Read a grid from a workbook; any problem raises :class:`ReferentialError`."""
    file = Path(path)
    sheets = _read_workbook(file)
    reader = _Reader()
    data = reader.grid_data(sheets)
    if reader.fatal:
        raise ReferentialError(file.name, reader.problems)
    try:
        referential = parse_referential(data, file.name)
    except ReferentialError as exc:
        relocated = [reader.relocate(problem) for problem in exc.problems]
        raise ReferentialError(file.name, _in_sheet_order([*reader.problems, *relocated])) from None
    if reader.problems:
        raise ReferentialError(file.name, _in_sheet_order(reader.problems))
    return referential


Row = tuple[object, ...]


def _read_workbook(file: Path) -> dict[str, list[Row]]:
    """Every sheet's rows (values only), keyed by normalised sheet name."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it does not read (extensions, styles).
            warnings.simplefilter("ignore")
            workbook = load_workbook(file, read_only=True, data_only=True)
            try:
                return {
                    _norm(sheet.title): list(sheet.iter_rows(values_only=True))
                    for sheet in workbook.worksheets
                }
            finally:
                workbook.close()
    except FileNotFoundError as exc:
        raise ReferentialError(file.name, [Problem("", f"fichier introuvable : {file}")]) from exc
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        message = f"ce fichier n’est pas un classeur Excel (.xlsx) lisible ({exc})"
        raise ReferentialError(file.name, [Problem("", message)]) from exc


def _norm(text: object) -> str:
    """Header or key as compared: no accents, no case, one kind of apostrophe and space."""
    decomposed = unicodedata.normalize("NFKD", str(text).replace("’", "'"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def _where(sheet: str, row: int, header: str) -> str:
    return f"{sheet} ligne {row}, colonne « {header} »"


@dataclass
class _Group:
    """An engagement or a criterion being assembled from the rows that mention it."""

    path: str
    data: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, int] = field(default_factory=dict)  # field → row its value came from
    children: dict[Hashable, _Group] = field(default_factory=dict)
    checkpoints: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Reader:
    """Builds the grid data from the sheets and remembers where each value came from."""

    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False  # a missing sheet or column: row problems would only add noise
    cells: dict[str, str] = field(default_factory=dict)  # data path → sheet, row, column
    rows: dict[str, str] = field(default_factory=dict)  # data path → sheet and row

    def grid_data(self, sheets: dict[str, list[Row]]) -> dict[str, Any]:
        tables = {
            name: self._table(sheets, name, columns)
            for name, columns in (
                (GRID_SHEET, GRID_COLUMNS),
                (LEVELS_SHEET, LEVEL_COLUMNS),
                (META_SHEET, META_COLUMNS),
            )
        }
        if self.fatal:
            return {}
        self.cells.update(engagements=GRID_SHEET, level_rule=META_SHEET)
        self.cells["level_rule.requirements"] = LEVELS_SHEET
        data = self._meta(tables[META_SHEET])
        data["engagements"] = self._engagements(tables[GRID_SHEET])
        data.setdefault("level_rule", {})["requirements"] = self._levels(tables[LEVELS_SHEET])
        return data

    # Tables and headers

    def _table(
        self, sheets: dict[str, list[Row]], name: str, columns: Sequence[Column]
    ) -> list[tuple[int, dict[Column, object]]]:
        """Data rows under the header row, as (row number, {column: value}); blank rows skipped."""
        rows = sheets.get(_norm(name))
        if rows is None:
            return self._fatal(name, f"feuille « {name} » absente")
        if not rows:
            return self._fatal(name, f"feuille « {name} » vide : ligne d’en-tête attendue")
        positions = self._header(name, rows[0], columns)
        table = []
        for number, row in enumerate(rows[1:], start=2):
            values = {column: _read_cell(column, row, index) for column, index in positions.items()}
            if any(value is not None for value in values.values()):
                table.append((number, values))
        return table

    def _fatal(self, where: str, message: str) -> list[tuple[int, dict[Column, object]]]:
        self.problems.append(Problem(where, message))
        self.fatal = True
        return []

    def _header(self, sheet: str, header: Row, columns: Sequence[Column]) -> dict[Column, int]:
        wanted = {_norm(column.header): column for column in columns}
        positions: dict[Column, int] = {}
        for index, title in enumerate(header):
            if title is None or not str(title).strip():
                continue
            where = f"{sheet} ligne 1, colonne {get_column_letter(index + 1)}"
            column = wanted.get(_norm(title))
            if column is None:
                self._fatal(where, _unknown_column(str(title), columns))
            elif column in positions:
                self._fatal(where, f"colonne « {title} » en double")
            else:
                positions[column] = index
        for column in columns:
            if column not in positions:
                self._fatal(f"{sheet} ligne 1", f"colonne « {column.header} » absente")
        return positions

    # « Référentiel » sheet

    def _meta(self, table: list[tuple[int, dict[Column, object]]]) -> dict[str, Any]:
        paths = {_norm(label): path for label, path in META_ROWS}
        for label, meta_path in META_ROWS:
            self.cells[meta_path] = f"{META_SHEET}, clé « {label} »"
        data: dict[str, Any] = {}
        seen: dict[str, int] = {}
        key_column, value_column = META_COLUMNS
        for row, values in table:
            key, value = values[key_column], values[value_column]
            path = paths.get(_norm(key)) if key is not None else None
            where = _where(META_SHEET, row, key_column.header)
            if path is None:
                labels = ", ".join(label for label, _ in META_ROWS)
                self.problems.append(
                    Problem(where, f"clé inconnue « {key} » (attendues : {labels})")
                )
            elif path in seen:
                message = f"clé « {key} » en double (déjà ligne {seen[path]})"
                self.problems.append(Problem(where, message))
            else:
                seen[path] = row
                self.cells[path] = _where(META_SHEET, row, value_column.header)
                if value is not None:
                    _store(data, path, value)
        return data

    # « Niveaux » sheet

    def _levels(self, table: list[tuple[int, dict[Column, object]]]) -> list[dict[str, Any]]:
        requirements = []
        for index, (number, values) in enumerate(table):
            path = f"level_rule.requirements[{index}]"
            self.rows[path] = f"{LEVELS_SHEET} ligne {number}"
            requirement: dict[str, Any] = {}
            for column in LEVEL_COLUMNS:
                self.cells[f"{path}.{column.field}"] = _where(LEVELS_SHEET, number, column.header)
                if values[column] is not None:
                    requirement[column.field] = values[column]
            requirements.append(requirement)
        return requirements

    # « Grille » sheet

    def _engagements(self, table: list[tuple[int, dict[Column, object]]]) -> list[dict[str, Any]]:
        engagements: dict[Hashable, _Group] = {}
        engagement_key: Hashable = None
        criterion_key: Hashable = None
        number_column, code_column = _column("engagement", "number"), _column("criterion", "code")
        for row, values in table:
            # A blank engagement number or criterion code continues the row above.
            if values[number_column] is not None:
                engagement_key = _key(values[number_column])
            if values[code_column] is not None:
                criterion_key = _key(values[code_column])
            engagement = self._group(engagements, engagement_key, "engagements", row)
            self._merge(engagement, "engagement", row, values)
            prefix = f"{engagement.path}.criteria"
            criterion = self._group(engagement.children, criterion_key, prefix, row)
            self._merge(criterion, "criterion", row, values)
            criterion.checkpoints.append(self._checkpoint(criterion, row, values))
        return [_assemble(engagement) for engagement in engagements.values()]

    def _group(
        self, groups: dict[Hashable, _Group], key: Hashable, prefix: str, row: int
    ) -> _Group:
        if key not in groups:
            path = f"{prefix}[{len(groups)}]"
            groups[key] = _Group(path)
            self.rows[path] = f"{GRID_SHEET} ligne {row}"
        return groups[key]

    def _merge(self, group: _Group, part: str, row: int, values: dict[Column, object]) -> None:
        """Copy a row's engagement or criterion cells into its group; report contradictions."""
        for column in _columns(part):
            value, path = values[column], f"{group.path}.{column.field}"
            self.cells.setdefault(path, _where(GRID_SHEET, row, column.header))
            if value is None:
                continue
            if column.field not in group.data:
                group.data[column.field] = value
                group.origin[column.field] = row
                self.cells[path] = _where(GRID_SHEET, row, column.header)
            elif group.data[column.field] != value:
                message = _contradiction(group, part, column.field)
                self.problems.append(Problem(_where(GRID_SHEET, row, column.header), message))

    def _checkpoint(
        self, criterion: _Group, row: int, values: dict[Column, object]
    ) -> dict[str, Any]:
        path = f"{criterion.path}.checkpoints[{len(criterion.checkpoints)}]"
        self.rows[path] = f"{GRID_SHEET} ligne {row}"
        checkpoint = self._record(path, "checkpoint", row, values)
        measure = self._record(f"{path}.measure", "measure", row, values)
        if measure:
            checkpoint["measure"] = measure
        return checkpoint

    def _record(
        self, path: str, part: str, row: int, values: dict[Column, object]
    ) -> dict[str, Any]:
        record: dict[str, Any] = {}
        self.cells[path] = f"{GRID_SHEET} ligne {row}"
        for column in _columns(part):
            self.cells[f"{path}.{column.field}"] = _where(GRID_SHEET, row, column.header)
            if values[column] is not None:
                record[column.field] = values[column]
        return record

    # Problems found by the parser, moved to where they are in the workbook

    def relocate(self, problem: Problem) -> Problem:
        message = _PATH_IN_TEXT.sub(lambda match: self._row_of(match.group()), problem.message)
        return Problem(_nearest(self.cells, problem.path), message)

    def _row_of(self, path: str) -> str:
        return _nearest(self.rows, path) or _nearest(self.cells, path)


_PATH_IN_TEXT = re.compile(r"\b(?:engagements|level_rule)(?:\.\w+|\[\d+\])*")
_LAST_STEP = re.compile(r"(?:\.[^.\[\]]+|\[\d+\])$")


def _nearest(places: dict[str, str], path: str) -> str:
    """The place recorded for ``path`` or for its closest recorded parent."""
    probe = path
    while probe and probe not in places:
        probe = _LAST_STEP.sub("", probe)
    return places.get(probe, "")


def _in_sheet_order(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by sheet, row and column: the order in which the author fixes them."""
    tables = {META_SHEET: META_COLUMNS, GRID_SHEET: GRID_COLUMNS, LEVELS_SHEET: LEVEL_COLUMNS}
    sheets = [_norm(name) for name in tables]
    columns = [{column.header: i for i, column in enumerate(table)} for table in tables.values()]

    def key(problem: Problem) -> tuple[int, int, int]:
        match = _PLACE.match(problem.path)
        if not match or _norm(match["sheet"]) not in sheets:
            return len(sheets), 0, 0
        sheet = sheets.index(_norm(match["sheet"]))
        column = columns[sheet].get(match["column"] or "", 0)
        return sheet, int(match["row"] or 0), column

    return sorted(problems, key=key)


_PLACE = re.compile(
    r"(?P<sheet>[^,]+?)(?: ligne (?P<row>\d+))?(?:, colonne « (?P<column>.+) »)?(?:,|$)"
)


def _contradiction(group: _Group, part: str, name: str) -> str:
    if part == "engagement":
        owner = f"l’engagement {group.data.get('number', '')}"
    else:
        owner = f"le critère {group.data.get('code', '')}"
    first, value = group.origin[name], group.data[name]
    return f"valeur différente de celle de la ligne {first} pour {owner} (« {value} »)"


def _columns(part: str) -> list[Column]:
    return [column for column in GRID_COLUMNS if column.part == part]


def _column(part: str, name: str) -> Column:
    return next(column for column in GRID_COLUMNS if (column.part, column.field) == (part, name))


def _key(value: object) -> Hashable:
    return value if isinstance(value, Hashable) else repr(value)


def _assemble(engagement: _Group) -> dict[str, Any]:
    criteria = [{**c.data, "checkpoints": c.checkpoints} for c in engagement.children.values()]
    return {**engagement.data, "criteria": criteria}


def _store(data: dict[str, Any], path: str, value: object) -> None:
    *parents, last = path.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[last] = value


def _unknown_column(title: str, columns: Sequence[Column]) -> str:
    headers = {_norm(column.header): column.header for column in columns}
    close = difflib.get_close_matches(_norm(title), list(headers), n=1)
    hint = f" (voulez-vous dire « {headers[close[0]]} » ?)" if close else ""
    return f"colonne inconnue « {title} »{hint}"


# --- Reading cells ----------------------------------------------------------------------------


def _read_cell(column: Column, row: Row, index: int) -> object:
    """A cell's value as the model expects it, or None when blank.

    Spreadsheets turn codes into numbers and numbers into text; undo what can safely be
    undone and leave the rest for the parser to report.
    """
    value = row[index] if index < len(row) else None
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return None
    return _CONVERTERS[column.kind](value)


def _as_text(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _as_choice(value: object) -> object:
    return value.lower() if isinstance(value, str) else _as_text(value)


def _as_int(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value):
        return int(value)
    return value


def _as_number(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        return float(re.sub(r"\s", "", value).replace(",", "."))
    except ValueError:
        return value


def _as_rate(value: object) -> object:
    """A rate as a fraction; « 70 % » typed as text means 0.7."""
    if isinstance(value, str) and value.endswith("%"):
        number = _as_number(value[:-1])
        return number / 100 if isinstance(number, float) else value
    return _as_number(value)


def _as_bool(value: object) -> object:
    return _BOOLEANS.get(value.casefold(), value) if isinstance(value, str) else value


def _as_list(value: object) -> object:
    if isinstance(value, str):
        return [part.strip().lower() for part in re.split(r"[,;]", value) if part.strip()]
    return [value]


_CONVERTERS: dict[str, Callable[[object], object]] = {
    "text": _as_text,
    "choice": _as_choice,
    "int": _as_int,
    "number": _as_number,
    "rate": _as_rate,
    "bool": _as_bool,
    "list": _as_list,
}
