"""Grids as spreadsheets: round trip, what a person may type, and errors by sheet/row/column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl.worksheet.worksheet import Worksheet

from auditor_app.referential.loader import (
    Problem,
    ReferentialError,
    dump_referential,
    load_bundled,
    load_referential,
    parse_referential,
)
from auditor_app.referential.model import Referential
from auditor_app.referential.xlsx import GRID_COLUMNS, LEVEL_COLUMNS, export_xlsx, import_xlsx
from tests.core.test_referential import CHANNELS, MINIMAL, referentials


@pytest.fixture(scope="module")
def grid() -> Referential:
    return load_bundled()


def edited(tmp_path: Path, ref: Referential, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    """Export ``ref``, change the workbook as a person would, save it as grille.xlsx."""
    file = tmp_path / "grille.xlsx"
    export_xlsx(ref, file)
    workbook = openpyxl.load_workbook(file)
    edit(workbook)
    workbook.save(file)
    return file


def set_cell(sheet: Worksheet, row: int, header: str, value: object) -> None:
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=row, column=headers.index(header) + 1).value = value


def import_problems(file: Path) -> list[Problem]:
    with pytest.raises(ReferentialError) as caught:
        import_xlsx(file)
    assert caught.value.source == file.name
    return caught.value.problems


# --- Round trip -------------------------------------------------------------------------------


def test_bundled_grid_round_trip(tmp_path: Path, grid: Referential) -> None:
    file = tmp_path / "grille.xlsx"
    export_xlsx(grid, file)
    assert import_xlsx(file) == grid
    assert [path.name for path in tmp_path.iterdir()] == ["grille.xlsx"]  # no temp file left


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ref=referentials())
def test_generated_grids_round_trip(
    tmp_path_factory: pytest.TempPathFactory, ref: Referential
) -> None:
    file = tmp_path_factory.mktemp("xlsx") / "grille.xlsx"
    export_xlsx(ref, file)
    assert import_xlsx(file) == ref


def test_layout_one_row_per_checkpoint(tmp_path: Path, grid: Referential) -> None:
    file = tmp_path / "grille.xlsx"
    export_xlsx(grid, file)
    workbook = openpyxl.load_workbook(file)
    assert workbook.sheetnames == ["Grille", "Niveaux", "Référentiel"]
    rows = list(workbook["Grille"].iter_rows(values_only=True))
    assert list(rows[0]) == [column.header for column in GRID_COLUMNS]
    assert len(rows) == 1 + len(grid.checkpoints())
    row = dict(zip(rows[0], next(r for r in rows if r[9] == "E2.2.1"), strict=True))
    assert row["N° engagement"] == 2
    assert row["Titre confirmé"] == "oui"
    assert (row["Canaux"], row["Méthodes"], row["Obligatoire"]) == ("phone", "mystery_test", "non")
    assert (row["Mesure : unité"], row["Mesure : seuil"], row["Mesure : sens"]) == (
        "rings",
        5,
        "at_most",
    )
    assert row["Mesure : libellé"] == "Décroché en 5 sonneries au plus"
    levels = list(workbook["Niveaux"].iter_rows(values_only=True))
    assert list(levels[0]) == [column.header for column in LEVEL_COLUMNS]
    assert levels[2] == ("argent", 0.8, 0, 5, "oui", 0.69)
    meta = dict(workbook["Référentiel"].iter_rows(min_row=2, values_only=True))
    assert (meta["Identifiant"], meta["Version"]) == ("sp-plus", "2023.1")
    assert meta["Règle de niveau : source"] == "default"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    data = dump_referential(load_referential(MINIMAL))
    data["engagements"][0]["criteria"][0]["checkpoints"][0]["text"] = "=SOMME(A1:A2)"
    data["engagements"][0]["criteria"][0]["checkpoints"][0]["guidance"] = "#N/A"
    ref = parse_referential(data, "test")
    file = tmp_path / "grille.xlsx"
    export_xlsx(ref, file)
    assert import_xlsx(file) == ref


def test_export_replaces_the_file_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grid: Referential
) -> None:
    file = tmp_path / "grille.xlsx"
    small = load_referential(MINIMAL)
    export_xlsx(small, file)

    def crash(self: openpyxl.Workbook, filename: str | Path) -> None:
        Path(filename).write_bytes(b"PK half a workbook")
        raise OSError("disque plein")

    monkeypatch.setattr(openpyxl.Workbook, "save", crash)
    with pytest.raises(OSError, match="disque plein"):
        export_xlsx(grid, file)
    monkeypatch.undo()
    assert [path.name for path in tmp_path.iterdir()] == ["grille.xlsx"]
    assert import_xlsx(file) == small


def test_control_characters_are_refused_clearly(tmp_path: Path) -> None:
    data = dump_referential(load_referential(MINIMAL))
    data["title"] = "Grille\x07"
    with pytest.raises(ValueError, match="Référentiel!B4 : caractère de contrôle"):
        export_xlsx(parse_referential(data, "test"), tmp_path / "grille.xlsx")
    assert list(tmp_path.iterdir()) == []


# --- What people type -------------------------------------------------------------------------


def test_hand_typed_values_are_understood(tmp_path: Path) -> None:
    ref = load_referential(MINIMAL)

    def type_like_a_person(workbook: openpyxl.Workbook) -> None:
        grille = workbook["Grille"]
        grille.cell(row=1, column=6, value="SOURCE DE L'ENGAGEMENT")  # case, apostrophe
        set_cell(grille, 3, "N° engagement", None)  # continues the row above
        set_cell(grille, 3, "Code critère", None)
        set_cell(grille, 3, "Engagement", None)
        set_cell(grille, 2, "Canaux", " Counter ; ")
        set_cell(grille, 2, "Obligatoire", "OUI")
        set_cell(grille, 3, "Mesure : seuil", "5,0")
        set_cell(grille, 3, "Niveau", "Argent")
        niveaux = workbook["Niveaux"]
        set_cell(niveaux, 2, "Taux de conformité minimal", "70 %")
        set_cell(niveaux, 3, "NC mineures max", "5")
        set_cell(niveaux, 3, "Taux de conformité minimal", "0,8")
        workbook["Référentiel"].cell(row=3, column=2, value=1.0)  # version typed as a number

    file = edited(tmp_path, ref, type_like_a_person)
    assert import_xlsx(file) == ref.model_copy(update={"version": "1"})


def test_blank_trailing_rows_and_missing_optional_cells(tmp_path: Path) -> None:
    ref = load_referential(MINIMAL)

    def tidy(workbook: openpyxl.Workbook) -> None:
        set_cell(workbook["Grille"], 10, "Code", "   ")
        set_cell(workbook["Grille"], 2, "Consigne d’audit", None)

    assert import_xlsx(edited(tmp_path, ref, tidy)) == ref


# --- Errors by sheet, row and column ----------------------------------------------------------


def test_unknown_channel_names_sheet_row_and_column(tmp_path: Path, grid: Referential) -> None:
    file = edited(tmp_path, grid, lambda wb: set_cell(wb["Grille"], 14, "Canaux", "counter, fax"))
    with pytest.raises(ReferentialError) as caught:
        import_xlsx(file)
    message = f"canal inconnu « fax » (attendus : {CHANNELS})"
    assert caught.value.problems == [Problem("Grille ligne 14, colonne « Canaux »", message)]
    assert str(caught.value) == f"grille.xlsx: Grille ligne 14, colonne « Canaux »: {message}"


def test_row_errors_are_listed_in_sheet_order(tmp_path: Path, grid: Referential) -> None:
    def break_it(workbook: openpyxl.Workbook) -> None:
        grille = workbook["Grille"]
        set_cell(grille, 5, "Code", "E1.1.1")
        set_cell(grille, 6, "Point de contrôle", None)
        set_cell(grille, 9, "Mesure : seuil", "cinq")  # E1.4.1, which has no measure
        set_cell(grille, 5, "Mesure : seuil", "cinq")  # E1.1.4, scored on 10
        set_cell(grille, 8, "Engagement", "Autre titre")
        set_cell(workbook["Niveaux"], 3, "NC mineures max", "beaucoup")
        set_cell(workbook["Référentiel"], 2, "Valeur", None)

    problems = import_problems(edited(tmp_path, grid, break_it))
    assert [(problem.path, problem.message) for problem in problems] == [
        ("Référentiel ligne 2, colonne « Valeur »", "identifiant manquant"),
        (
            "Grille ligne 5, colonne « Code »",
            "code en double « E1.1.1 » (déjà utilisé à Grille ligne 2)",
        ),
        (
            "Grille ligne 5, colonne « Mesure : seuil »",
            "nombre attendu pour le seuil, reçu « cinq »",
        ),
        ("Grille ligne 6, colonne « Point de contrôle »", "texte manquant"),
        (
            "Grille ligne 8, colonne « Engagement »",
            "valeur différente de celle de la ligne 2 pour l’engagement 1"
            f" (« {grid.engagements[0].title} »)",
        ),
        ("Grille ligne 9, colonne « Mesure : unité »", "unité manquante"),
        (
            "Grille ligne 9, colonne « Mesure : seuil »",
            "nombre attendu pour le seuil, reçu « cinq »",
        ),
        ("Grille ligne 9, colonne « Mesure : sens »", "sens manquant"),
        ("Grille ligne 9, colonne « Mesure : libellé »", "libellé manquant"),
        ("Grille ligne 9, colonne « Mesure : source »", "source manquante"),
        (
            "Niveaux ligne 3, colonne « NC mineures max »",
            "nombre entier attendu pour le nombre maximal de NC mineures, reçu « beaucoup »",
        ),
    ]


def test_level_rows_out_of_order(tmp_path: Path, grid: Referential) -> None:
    file = edited(tmp_path, grid, lambda wb: set_cell(wb["Niveaux"], 2, "Niveau", "or"))
    assert import_problems(file) == [
        Problem(
            "Niveaux ligne 3, colonne « Niveau »",
            "niveau « argent » après « or » : l’ordre attendu est bronze, argent, or",
        ),
        Problem(
            "Niveaux ligne 4, colonne « Niveau »",
            "niveau « or » en double (déjà défini à Niveaux ligne 2)",
        ),
    ]


def test_metadata_sheet_errors(tmp_path: Path, grid: Referential) -> None:
    def break_it(workbook: openpyxl.Workbook) -> None:
        meta = workbook["Référentiel"]
        meta.cell(row=2, column=1, value="Auteur")  # the « Identifiant » row is renamed
        meta.cell(row=4, column=1, value="Version")

    assert import_problems(edited(tmp_path, grid, break_it)) == [
        Problem("Référentiel, clé « Identifiant »", "identifiant manquant"),
        Problem("Référentiel, clé « Titre »", "titre manquant"),
        Problem(
            "Référentiel ligne 2, colonne « Clé »",
            "clé inconnue « Auteur » (attendues : Identifiant, Version, Titre, Éditeur,"
            " Description, Langue, Règle de niveau : source, Règle de niveau : note)",
        ),
        Problem("Référentiel ligne 4, colonne « Clé »", "clé « Version » en double (déjà ligne 3)"),
    ]


def test_broken_headers_and_sheets_stop_the_import(tmp_path: Path, grid: Referential) -> None:
    def break_it(workbook: openpyxl.Workbook) -> None:
        set_cell(workbook["Grille"], 1, "Canaux", "Canal")
        del workbook["Niveaux"]

    assert import_problems(edited(tmp_path, grid, break_it)) == [
        Problem(
            "Grille ligne 1, colonne N",
            "colonne inconnue « Canal » (voulez-vous dire « Canaux » ?)",
        ),
        Problem("Grille ligne 1", "colonne « Canaux » absente"),
        Problem("Niveaux", "feuille « Niveaux » absente"),
    ]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    file = tmp_path / "grille.xlsx"
    file.write_text("id;version\nsp-plus;2023.1\n", encoding="utf-8")
    problems = import_problems(file)
    assert len(problems) == 1 and problems[0].path == ""
    assert problems[0].message.startswith("ce fichier n’est pas un classeur Excel (.xlsx) lisible")
    missing = tmp_path / "absent.xlsx"
    assert import_problems(missing) == [Problem("", f"fichier introuvable : {missing}")]


def test_an_empty_grid_sheet(tmp_path: Path, grid: Referential) -> None:
    def empty(workbook: openpyxl.Workbook) -> None:
        workbook["Grille"].delete_rows(2, workbook["Grille"].max_row)

    assert import_problems(edited(tmp_path, grid, empty)) == [
        Problem("Grille", "aucun engagement : au moins un attendu")
    ]
