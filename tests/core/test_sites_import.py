"""Sites from spreadsheets: CSV dialects, XLSX, French or English headers, precise errors."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from auditor_app.referential.model import Channel
from auditor_app.sites_import import (
    SiteRow,
    SitesImportError,
    import_sites,
    normalise_department,
    parse_channels,
    site_problems,
)

C, P, M, E = Channel.COUNTER, Channel.PHONE, Channel.MAIL, Channel.EMAIL

FRENCH_CSV = (
    "Nom;Type;Département;Adresse;Canaux\n"
    "Hôtel de Région;siège;67;1 place Adrien Zeller, Strasbourg;"
    "accueil, téléphone, courrier, courriel\n"
    "Maison de la Région – Épinal;maison de la Région;88;;accueil, courriel\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    file = tmp_path / name
    file.write_bytes(text.encode(encoding))
    return file


def write_xlsx(tmp_path: Path, rows: list[list[object]], name: str = "sites.xlsx") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None, "openpyxl made a workbook without a sheet"
    sheet.title = "Sites"
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Notes").append(["ignored", "sheet"])
    file = tmp_path / name
    workbook.save(file)
    return file


def problems(file: Path) -> str:
    with pytest.raises(SitesImportError) as caught:
        import_sites(file)
    assert caught.value.source == file.name
    return str(caught.value)


# --- Good files -------------------------------------------------------------------------------


def test_french_csv_with_semicolons(tmp_path: Path) -> None:
    sites = import_sites(write(tmp_path, "sites.csv", FRENCH_CSV))
    assert sites == [
        SiteRow("Hôtel de Région", "siège", "67", "1 place Adrien Zeller, Strasbourg",
                (C, P, M, E)),
        SiteRow("Maison de la Région – Épinal", "maison de la Région", "88", "", (C, E)),
    ]  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_bom_and_windows_encodings(tmp_path: Path, encoding: str) -> None:
    sites = import_sites(write(tmp_path, "sites.csv", FRENCH_CSV, encoding))
    assert [s.name for s in sites] == ["Hôtel de Région", "Maison de la Région – Épinal"]
    assert sites[0].kind == "siège"


def test_english_csv_with_commas_codes_and_quotes(tmp_path: Path) -> None:
    text = (
        "name,kind,department,address,channels\r\n"
        'Town hall,seat,6,"12 rue X, Nice","counter;phone"\r\n'
        "\r\n"  # blank lines are skipped
        'Annex,office,2a,,"mail, email"\r\n'
    )
    sites = import_sites(write(tmp_path, "sites.csv", text))
    assert sites == [
        SiteRow("Town hall", "seat", "06", "12 rue X, Nice", (C, P)),
        SiteRow("Annex", "office", "2A", "", (M, E)),
    ]


def test_only_a_name_column_is_needed_and_unknown_columns_are_ignored(tmp_path: Path) -> None:
    text = "Remarque;NOM\nà voir;Mairie annexe\n"
    assert import_sites(write(tmp_path, "sites.csv", text)) == [SiteRow("Mairie annexe")]


def test_xlsx_first_sheet_with_numbers_as_departments(tmp_path: Path) -> None:
    file = write_xlsx(tmp_path, [
        [None, None],  # a blank row before the header
        ["Nom", "Département", "Canaux", "Type"],
        ["Antenne de Metz", 57, "Accueil physique, Téléphone", "antenne"],
        ["Maison de Reims", 51.0, "courriel", None],
    ])  # fmt: skip
    assert import_sites(file) == [
        SiteRow("Antenne de Metz", "antenne", "57", "", (C, P)),
        SiteRow("Maison de Reims", "", "51", "", (E,)),
    ]


# --- Bad files --------------------------------------------------------------------------------


def test_unknown_channel_names_file_line_and_column(tmp_path: Path) -> None:
    lines = ["Nom;Canaux"] + [f"Site {n};accueil" for n in range(5)] + ["Site 5;fax"]
    message = problems(write(tmp_path, "sites.csv", "\n".join(lines)))
    assert message.startswith("sites.csv ligne 7, colonne « Canaux » : canal inconnu « fax »")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        "Name;Department;Channels\n"
        "A;999;counter\n"
        ";67;phone\n"
        "a;67;website\n"  # same name as line 2, and an organisation channel
    )
    lines = problems(write(tmp_path, "sites.csv", text)).splitlines()
    assert lines == [
        "sites.csv ligne 2, colonne « Department » : département inconnu « 999 » "
        "(attendu : 01 à 95, 2A, 2B ou 971 à 988)",
        "sites.csv ligne 3, colonne « Name » : le nom du site est vide",
        "sites.csv ligne 4, colonne « Name » : le site « a » figure déjà ligne 2",
        "sites.csv ligne 4, colonne « Channels » : « website » est un canal de l'organisation, "
        "pas d'un site : déclarez-le à l'étape des canaux de l'organisation",
    ]


def test_xlsx_errors_name_the_row(tmp_path: Path) -> None:
    file = write_xlsx(tmp_path, [["Nom", "Canaux"], ["Siège", "accueil"], ["Siège", "fax"]])
    message = problems(file)
    assert "sites.xlsx ligne 3, colonne « Nom » : le site « Siège » figure déjà ligne 2" in message
    assert "sites.xlsx ligne 3, colonne « Canaux » : canal inconnu « fax »" in message


@pytest.mark.parametrize("text", ["", "\n;;\n  \n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    assert problems(write(tmp_path, "vide.csv", text)) == (
        "vide.csv : fichier vide : aucune ligne d'en-tête ni aucun site"
    )


def test_header_without_sites(tmp_path: Path) -> None:
    message = problems(write(tmp_path, "sites.csv", "Nom;Type\n"))
    assert message == "sites.csv ligne 1 : un en-tête, mais aucun site"


def test_missing_name_column_lists_the_columns_found(tmp_path: Path) -> None:
    message = problems(write(tmp_path, "sites.csv", "Ville;Type\nMetz;antenne\n"))
    assert message == (
        "sites.csv ligne 1 : aucune colonne « Nom » (ou « name ») dans l'en-tête ; "
        "colonnes trouvées : « Ville », « Type »"
    )


def test_not_a_workbook_and_unsupported_formats(tmp_path: Path) -> None:
    assert "n'est pas un classeur Excel (.xlsx) lisible" in problems(
        write(tmp_path, "faux.xlsx", "Nom;Type\n")
    )
    assert "format non pris en charge" in problems(write(tmp_path, "sites.ods", "x"))
    assert "lecture impossible" in problems(tmp_path / "absent.csv")


def test_many_problems_are_cut_short(tmp_path: Path) -> None:
    lines = ["Nom;Canaux", *(f"Site {n};fax" for n in range(30))]
    message = problems(write(tmp_path, "sites.csv", "\n".join(lines)))
    assert message.splitlines()[-1] == "… et 10 autre(s) problème(s)"
    assert len(message.splitlines()) == 21


# --- The rules the wizard shares ---------------------------------------------------------------


def test_channel_words() -> None:
    assert parse_channels("Courriel / Téléphone") == (P, E)
    assert parse_channels("e-mail + guichet") == (C, E)
    assert parse_channels("") == ()
    with pytest.raises(ValueError, match="canal inconnu « pigeon »"):
        parse_channels("accueil, pigeon")


@pytest.mark.parametrize(
    ("value", "code"), [(67, "67"), ("6", "06"), (" 2b ", "2B"), (974.0, "974"), ("", "")]
)
def test_departments(value: object, code: str) -> None:
    assert normalise_department(value) == code


@pytest.mark.parametrize("value", ["20", "00", "96", "999", "Bas-Rhin"])
def test_unknown_departments(value: str) -> None:
    with pytest.raises(ValueError, match="département inconnu"):
        normalise_department(value)


def test_site_problems_of_typed_sites() -> None:
    rows = [SiteRow("Siège", department="67", channels=(C,)), SiteRow(" siège ", channels=(C,)),
            SiteRow("", department="99")]  # fmt: skip
    assert site_problems(rows) == [
        "site n° 2 : « siège » figure déjà au n° 1",
        "site n° 3 : le nom est obligatoire",
        "site n° 3 : département inconnu « 99 » (attendu : 01 à 95, 2A, 2B ou 971 à 988)",
        "site n° 3 : cochez au moins un canal d'accueil",
    ]
    assert site_problems(rows[:1]) == []
