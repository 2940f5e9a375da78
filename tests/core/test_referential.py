"""The bundled Services Publics + grid, and loading grids from YAML and JSON.

Broken grids are the minimal fixture with one line changed, so each test names the exact
path and message an author would read.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor_app.referential.loader import (
    Problem,
    ReferentialError,
    bundled_referentials,
    dump_referential,
    load_bundled,
    load_referential,
    parse_referential,
    referential_from_json,
    referential_to_json,
    version_key,
)
from auditor_app.referential.model import (
    LEVEL_ORDER,
    Channel,
    Direction,
    Level,
    Method,
    Referential,
    Scope,
    Unit,
)

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal.yaml"
SP_PLUS_FILE = Path(__file__).parents[2] / "resources" / "referentials" / "sp-plus-2023.yaml"
CHANNELS = "counter, phone, mail, email, website, online_procedure"
CHECKPOINT_FIELDS = (
    "code, text, guidance, methods, channels, scope, level, mandatory, photo_required_on_nc,"
    " measure, source, reference"
)
FIRST = "engagements[0].criteria[0].checkpoints[0]"
SECOND = "engagements[0].criteria[0].checkpoints[1]"

# REFERENTIEL.md §2: titles read verbatim in two or three sources.
VERBATIM_TITLES = {
    1: "Dans le respect mutuel, vous êtes accueillis avec bienveillance"
    " et avez le droit à l’erreur",
    2: "Vous pouvez facilement entrer en contact avec vos services publics",
    3: "Vous bénéficiez d’un accompagnement adapté à votre situation personnelle",
    4: "Votre demande est traitée dans les délais annoncés",
    6: "Vous avez accès à nos résultats de qualité de service",
}


@pytest.fixture(scope="module")
def grid() -> Referential:
    return load_bundled()


def minimal_data() -> dict[str, Any]:
    """The minimal fixture as raw data, to alter before parsing."""
    return dump_referential(load_referential(MINIMAL))


def load_altered(tmp_path: Path, old: str, new: str) -> Referential:
    """Load the minimal fixture with ``old`` replaced by ``new`` (which must occur)."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    file = tmp_path / "grille.yaml"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_referential(file)


def problems_of(data: object) -> list[Problem]:
    with pytest.raises(ReferentialError) as caught:
        parse_referential(data, "grille.yaml")
    return caught.value.problems


# --- The bundled grid -------------------------------------------------------------------------


def test_bundled_grid_is_sp_plus_2023(grid: Referential) -> None:
    assert "sp-plus-2023.yaml" in [path.name for path in bundled_referentials()]
    assert (grid.id, grid.version, grid.key) == ("sp-plus", "2023.1", "sp-plus@2023.1")
    assert grid.language == "fr"
    assert [engagement.number for engagement in grid.engagements] == list(range(1, 9))


@pytest.mark.parametrize(("number", "title"), sorted(VERBATIM_TITLES.items()))
def test_published_titles_are_verbatim(grid: Referential, number: int, title: str) -> None:
    engagement = grid.engagements[number - 1]
    assert engagement.title == title
    assert engagement.title_confirmed
    assert engagement.source == "published"
    assert "plus.transformation.gouv.fr/engagement/" in engagement.reference


def test_engagement_8_title_is_marked_unconfirmed(grid: Referential) -> None:
    eighth = grid.engagements[7]
    assert not eighth.title_confirmed
    assert eighth.source == "default"
    assert "éco-responsable" in eighth.title
    assert "non trouvé" in eighth.title_note
    assert all(engagement.title_confirmed for engagement in grid.engagements[:7])
    text = SP_PLUS_FILE.read_text(encoding="utf-8")
    before_eighth = text[: text.index("- number: 8")].splitlines()[-4:]
    assert any(line.strip().startswith("#") and "engagement 8" in line for line in before_eighth)


def test_grid_size_and_codes(grid: Referential) -> None:
    items = grid.checkpoints()
    assert 45 <= len(items) <= 70
    codes = [checkpoint.code for _, _, checkpoint in items]
    assert len(set(codes)) == len(codes)
    for engagement, criterion, checkpoint in items:
        assert criterion.code.startswith(f"E{engagement.number}.")
        assert checkpoint.code.startswith(f"{criterion.code}.")
        assert checkpoint.methods


@pytest.mark.parametrize(
    ("unit", "threshold", "direction", "channel"),
    [
        (Unit.RINGS, 5, Direction.AT_MOST, Channel.PHONE),  # Marianne: within 5 rings
        (Unit.WORKING_DAYS, 5, Direction.AT_MOST, Channel.EMAIL),  # Marianne: e-mail answer
        (Unit.CALENDAR_DAYS, 15, Direction.AT_MOST, Channel.MAIL),  # Marianne: letter answer
        (Unit.CALENDAR_DAYS, 7, Direction.AT_MOST, Channel.EMAIL),  # eng. 4: one week
        (Unit.CALENDAR_DAYS, 14, Direction.AT_MOST, Channel.MAIL),  # eng. 4: two weeks
        (Unit.PERCENT, 85, Direction.AT_LEAST, Channel.PHONE),  # plan téléphone
    ],
)
def test_published_thresholds_are_present(
    grid: Referential, unit: Unit, threshold: float, direction: Direction, channel: Channel
) -> None:
    matches = [
        checkpoint
        for _, _, checkpoint in grid.checkpoints()
        if checkpoint.measure is not None
        and (checkpoint.measure.unit, checkpoint.measure.threshold) == (unit, threshold)
        and channel in checkpoint.channels
    ]
    assert len(matches) == 1
    measure = matches[0].measure
    assert measure is not None, "the matching checkpoint lost its measure"
    assert measure.direction is direction
    assert measure.source == "published"
    assert measure.reference


def test_measure_labels_read_well(grid: Referential) -> None:
    rings = next(cp for _, _, cp in grid.checkpoints() if cp.measure and cp.measure.unit == "rings")
    assert rings.measure is not None
    assert rings.measure.label == "Décroché en 5 sonneries au plus"
    units = {cp.measure.unit for _, _, cp in grid.checkpoints() if cp.measure}
    assert {Unit.MINUTES, Unit.SECONDS, Unit.SCORE_10} <= units


def test_every_value_says_where_it_comes_from(grid: Referential) -> None:
    sourced: list[tuple[str, str, str]] = [
        (f"engagement {e.number}", e.source, e.reference) for e in grid.engagements
    ]
    for _, _, checkpoint in grid.checkpoints():
        sourced.append((checkpoint.code, checkpoint.source, checkpoint.reference))
        if checkpoint.measure:
            measure = checkpoint.measure
            sourced.append((f"{checkpoint.code} mesure", measure.source, measure.reference))
    missing = [
        name for name, source, reference in sourced if source == "published" and not reference
    ]
    assert missing == []
    assert {source for _, source, _ in sourced} == {"published", "default"}


def test_our_own_values_are_marked_default(grid: Referential) -> None:
    assert grid.level_rule.source == "default"
    assert "pas publics" in grid.level_rule.note
    waiting = [cp for _, _, cp in grid.checkpoints() if cp.measure and cp.measure.unit == "minutes"]
    assert waiting and all(cp.measure and cp.measure.source == "default" for cp in waiting)
    raw = SP_PLUS_FILE.read_text(encoding="utf-8")
    header = raw[: raw.index("id: sp-plus")]
    assert "CHOIX DE" in header and "L'APPLICATION" in header  # levels and mandatory are ours


def test_level_rule_defaults(grid: Referential) -> None:
    rule = {req.level: req for req in grid.level_rule.requirements}
    assert [req.level for req in grid.level_rule.requirements] == list(LEVEL_ORDER)
    assert rule[Level.BRONZE].min_conformity_rate == 0.7
    assert rule[Level.BRONZE].max_nc_majeure == 0
    assert rule[Level.BRONZE].mandatory_checkpoints_met
    assert (rule[Level.ARGENT].min_conformity_rate, rule[Level.ARGENT].max_nc_mineure) == (0.8, 5)
    assert rule[Level.ARGENT].min_user_satisfaction == 0.69
    assert (rule[Level.OR].min_conformity_rate, rule[Level.OR].max_nc_mineure) == (0.9, 0)
    assert rule[Level.OR].min_user_satisfaction == 0.8


def test_field_checks_are_where_an_auditor_expects(grid: Referential) -> None:
    laicite = next(cp for _, _, cp in grid.checkpoints() if "laïcité" in cp.text)
    assert laicite.photo_required_on_nc and laicite.mandatory
    assert (laicite.methods, laicite.channels, laicite.scope) == (
        (Method.OBSERVATION,),
        (Channel.COUNTER,),
        Scope.SITE,
    )
    summary = next(cp for _, _, cp in grid.checkpoints() if "récapitulatif" in cp.text)
    assert summary.scope is Scope.AID_SCHEME
    assert Channel.ONLINE_PROCEDURE in summary.channels
    levels = {cp.level for _, _, cp in grid.checkpoints()}
    assert levels == set(Level)


# --- Broken grids: message and exact path -----------------------------------------------------


BROKEN_GRIDS: dict[str, tuple[str, str, str, str]] = {
    "unknown channel": (
        "channels: [counter]",
        "channels: [counter, fax]",
        f"{FIRST}.channels[1]",
        f"canal inconnu « fax » (attendus : {CHANNELS})",
    ),
    "duplicate code": (
        "code: C1.2",
        "code: C1.1",
        f"{SECOND}.code",
        f"code en double « C1.1 » (déjà utilisé à {FIRST})",
    ),
    "missing text": (
        "            text: Les locaux sont propres.\n",
        "",
        f"{FIRST}.text",
        "texte manquant",
    ),
    "threshold of the wrong type": (
        "threshold: 5",
        "threshold: cinq",
        f"{SECOND}.measure.threshold",
        "nombre attendu pour le seuil, reçu « cinq »",
    ),
    "unknown field": (
        "            mandatory: true\n",
        "            mandatory: true\n            colour: red\n",
        f"{FIRST}.colour",
        f"champ inconnu « colour » (champs possibles : {CHECKPOINT_FIELDS})",
    ),
    "YAML syntax error": (
        "text: Les locaux sont propres.",
        "text: Les locaux : propres.",
        "ligne 15, colonne 30",
        "syntaxe YAML invalide : « : » inattendu"
        " (mettez le texte entre guillemets s’il contient « : »)",
    ),
    "duplicate YAML key": (
        "    title: Accueil\n",
        "    title: Accueil\n    title: Autre\n",
        "ligne 8, colonne 5",
        "clé « title » en double",
    ),
    "tab indentation": (
        "            mandatory: true\n",
        "\t    mandatory: true\n",
        "ligne 20, colonne 1",
        "syntaxe YAML invalide : tabulation : indentez avec des espaces",
    ),
    "empty text": (
        "text: Les locaux sont propres.",
        'text: "  "',
        f"{FIRST}.text",
        "texte vide",
    ),
    "unquoted version": (
        'version: "1.0"',
        "version: 1.0",
        "version",
        "texte attendu pour la version, reçu 1 (mettez la valeur entre guillemets)",
    ),
    "list written as a word": (
        "methods: [observation]",
        "methods: observation",
        f"{FIRST}.methods",
        "liste attendue pour les méthodes, reçu « observation »",
    ),
    "empty list": (
        "methods: [observation]",
        "methods: []",
        f"{FIRST}.methods",
        "aucune méthode : au moins une attendue",
    ),
    "unknown scope": (
        "scope: site",
        "scope: pays",
        f"{FIRST}.scope",
        "portée inconnue « pays » (attendus : site, organisation, aid_scheme)",
    ),
    "unknown source": (
        "source: default\n    criteria",
        "source: official\n    criteria",
        "engagements[0].source",
        "source inconnue « official » (attendus : published, default)",
    ),
    "yes/no expected": (
        "mandatory: true",
        "mandatory: peut-être",
        f"{FIRST}.mandatory",
        "oui ou non (true / false) attendu pour le caractère obligatoire, reçu « peut-être »",
    ),
    "rate written as a percentage": (
        "min_conformity_rate: 0.7",
        "min_conformity_rate: 70",
        "level_rule.requirements[0].min_conformity_rate",
        "taux de conformité minimal trop grand (70) : maximum 1 ;"
        " un taux s’écrit entre 0 et 1 (0.8 pour 80 %)",
    ),
    "levels out of order": (
        "- level: bronze",
        "- level: or",
        "level_rule.requirements[1].level",
        "niveau « argent » après « or » : l’ordre attendu est bronze, argent, or",
    ),
    "level given twice": (
        "- level: argent",
        "- level: bronze",
        "level_rule.requirements[1].level",
        "niveau « bronze » en double (déjà défini à level_rule.requirements[0])",
    ),
    "negative threshold": (
        "threshold: 5",
        "threshold: -1",
        f"{SECOND}.measure.threshold",
        "seuil négatif impossible : -1 sonneries",
    ),
    "percentage above 100": (
        "unit: rings\n              threshold: 5",
        "unit: percent\n              threshold: 120",
        f"{SECOND}.measure.threshold",
        "seuil hors de l’intervalle 0–100 : 120 %",
    ),
    "missing measure unit": (
        "              unit: rings\n",
        "",
        f"{SECOND}.measure.unit",
        "unité manquante",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_GRIDS), ids=str)
def test_broken_grid_gives_path_and_message(tmp_path: Path, case: str) -> None:
    old, new, path, message = BROKEN_GRIDS[case]
    with pytest.raises(ReferentialError) as caught:
        load_altered(tmp_path, old, new)
    assert caught.value.problems == [Problem(path, message)]
    assert caught.value.source == "grille.yaml"
    assert str(caught.value) == f"grille.yaml: {path}: {message}"


def test_score_on_ten_is_bounded() -> None:
    data = minimal_data()
    measure = data["engagements"][0]["criteria"][0]["checkpoints"][1]["measure"]
    measure.update(unit="score_10", threshold=12)
    path = f"{SECOND}.measure.threshold"
    assert problems_of(data) == [Problem(path, "seuil hors de l’intervalle 0–10 : 12 /10")]


def test_all_problems_are_reported_at_once() -> None:
    data = minimal_data()
    first, second = data["engagements"][0]["criteria"][0]["checkpoints"]
    first["channels"].append("fax")
    second["code"] = first["code"]
    del second["text"]
    data["engagements"].append({**data["engagements"][0], "title": ""})
    found = {problem.path: problem.message for problem in problems_of(data)}
    assert len(found) == len(problems_of(data)) == 10
    assert set(found) == {
        f"{FIRST}.channels[1]",
        f"{SECOND}.text",
        "engagements[1].title",
        "engagements[1].criteria[0].checkpoints[0].channels[1]",
        "engagements[1].criteria[0].checkpoints[1].text",
        f"{SECOND}.code",
        "engagements[1].number",
        "engagements[1].criteria[0].code",
        "engagements[1].criteria[0].checkpoints[0].code",
        "engagements[1].criteria[0].checkpoints[1].code",
    }
    assert found["engagements[1].number"] == (
        "numéro d’engagement en double « 1 » (déjà utilisé à engagements[0])"
    )
    assert found["engagements[1].criteria[0].code"] == (
        "code de critère en double « C1 » (déjà utilisé à engagements[0].criteria[0])"
    )


def test_a_list_of_invalid_items_is_not_also_called_empty() -> None:
    data = minimal_data()
    data["engagements"][0]["criteria"][0]["checkpoints"] = ["abc"]
    assert problems_of(data) == [
        Problem(
            FIRST,
            "ensemble de champs « clé: valeur » attendu pour le point de contrôle, reçu « abc »",
        )
    ]


def test_the_whole_file_must_be_a_grid() -> None:
    assert problems_of([1, 2]) == [
        Problem(
            "",
            "le fichier doit décrire un référentiel (id, version, title, engagements…),"
            " reçu une liste",
        )
    ]
    assert problems_of(None) == [Problem("", "fichier vide : aucun référentiel")]
    assert [problem.path for problem in problems_of({})] == [
        "id",
        "version",
        "title",
        "engagements",
        "level_rule",
    ]
    assert problems_of({})[-1].message == "règle de niveau manquante"


def test_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    with pytest.raises(ReferentialError) as caught:
        load_referential(missing)
    assert str(caught.value) == f"absent.yaml: fichier introuvable : {missing}"
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: Référentiel".encode("latin-1"))
    with pytest.raises(ReferentialError) as caught:
        load_referential(latin)
    assert caught.value.problems == [Problem("", "le fichier n’est pas un texte UTF-8 (octet 8)")]
    with pytest.raises(ReferentialError) as caught:
        load_referential(tmp_path)
    assert caught.value.problems[0].message.startswith("lecture impossible")


def test_error_survives_pickling() -> None:
    error = ReferentialError("grille.yaml", [Problem("id", "identifiant manquant")])
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.source, copy.problems, str(copy)) == (
        "grille.yaml",
        error.problems,
        "grille.yaml: id: identifiant manquant",
    )


# --- Bundled lookup and the frozen JSON copy --------------------------------------------------


def test_load_bundled_takes_the_newest_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "referentials"
    folder.mkdir()
    text = MINIMAL.read_text(encoding="utf-8")
    for version in ("1.9", "1.10", "1.2"):
        (folder / f"mini-{version}.yaml").write_text(
            text.replace('version: "1.0"', f'version: "{version}"'), encoding="utf-8"
        )
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(tmp_path))
    assert load_bundled("mini").version == "1.10"
    with pytest.raises(LookupError, match="aucun référentiel « sp-plus »"):
        load_bundled()


def test_version_order() -> None:
    versions = ["2023.10", "2023.1", "2023.9", "2024.1", "2023.1.2"]
    assert sorted(versions, key=version_key) == [
        "2023.1",
        "2023.1.2",
        "2023.9",
        "2023.10",
        "2024.1",
    ]


def test_frozen_copy_is_canonical(grid: Referential) -> None:
    text = referential_to_json(grid)
    assert text == json.dumps(
        json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    assert "Décroché en 5 sonneries au plus" in text  # readable, not \u-escaped
    assert referential_from_json(text) == grid
    data = dump_referential(grid)
    assert data["engagements"][0]["criteria"][0]["checkpoints"][0]["channels"] == [
        "counter",
        "phone",
        "email",
    ]


def test_frozen_copy_errors_and_leniency() -> None:
    with pytest.raises(ReferentialError) as caught:
        referential_from_json('{"id": ')
    assert caught.value.source == "copie figée du référentiel"
    assert caught.value.problems[0].path == "ligne 1, colonne 8"
    # A check added later must not lock an old audit out of the grid it was done with.
    data = minimal_data()
    data["engagements"][0]["criteria"][0]["checkpoints"][1]["measure"]["threshold"] = -1
    assert referential_from_json(json.dumps(data)).checkpoint("C1.2").measure is not None
    with pytest.raises(ReferentialError):
        referential_from_json(json.dumps({**data, "extra": 1}))


# --- Generated grids --------------------------------------------------------------------------

TEXT = st.text(
    # Anything a spreadsheet cell can carry: no surrogates, no control characters but \t\n\r.
    st.characters(exclude_categories=("Cs", "Cc", "Cn"), include_characters="\t\n\r="),
    min_size=1,
    max_size=24,
).filter(str.strip)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
SOURCE = st.sampled_from(["published", "default"])
UPPER = {Unit.PERCENT: 100, Unit.SCORE_10: 10}


@st.composite
def measures(draw: st.DrawFn) -> dict[str, Any]:
    unit = draw(st.sampled_from(list(Unit)))
    cents = draw(st.integers(0, UPPER.get(unit, 10_000) * 100))  # thresholds as people write them
    return {
        "unit": unit.value,
        "threshold": cents / 100,
        "direction": draw(st.sampled_from(list(Direction))).value,
        "label": draw(TEXT),
        "source": draw(SOURCE),
        "reference": draw(OPTIONAL_TEXT),
    }


@st.composite
def checkpoints(draw: st.DrawFn, code: str) -> dict[str, Any]:
    return {
        "code": code,
        "text": draw(TEXT),
        "guidance": draw(OPTIONAL_TEXT),
        "methods": draw(
            st.lists(st.sampled_from([m.value for m in Method]), min_size=1, max_size=3)
        ),
        "channels": draw(st.lists(st.sampled_from([c.value for c in Channel]), max_size=3)),
        "scope": draw(st.sampled_from([s.value for s in Scope])),
        "level": draw(st.sampled_from([level.value for level in Level])),
        "mandatory": draw(st.booleans()),
        "photo_required_on_nc": draw(st.booleans()),
        "measure": draw(st.none() | measures()),
        "source": draw(SOURCE),
        "reference": draw(OPTIONAL_TEXT),
    }


@st.composite
def engagements(draw: st.DrawFn, number: int, prefix: str) -> dict[str, Any]:
    criteria = []
    for c in range(draw(st.integers(1, 2))):
        count = draw(st.integers(1, 3))
        points = [draw(checkpoints(f"{prefix}P{number}.{c}.{k}")) for k in range(count)]
        criteria.append(
            {"code": f"{prefix}C{number}.{c}", "title": draw(TEXT), "checkpoints": points}
        )
    return {
        "number": number,
        "title": draw(TEXT),
        "title_confirmed": draw(st.booleans()),
        "title_note": draw(OPTIONAL_TEXT),
        "pillar": draw(OPTIONAL_TEXT),
        "source": draw(SOURCE),
        "reference": draw(OPTIONAL_TEXT),
        "criteria": criteria,
    }


@st.composite
def requirements(draw: st.DrawFn) -> list[dict[str, Any]]:
    chosen = draw(st.lists(st.sampled_from(LEVEL_ORDER), min_size=1, max_size=3, unique=True))
    rates = st.integers(0, 100).map(lambda n: n / 100)
    return [
        {
            "level": level.value,
            "min_conformity_rate": draw(rates),
            "max_nc_majeure": draw(st.integers(0, 9)),
            "max_nc_mineure": draw(st.none() | st.integers(0, 20)),
            "mandatory_checkpoints_met": draw(st.booleans()),
            "min_user_satisfaction": draw(st.none() | rates),
        }
        for level in sorted(chosen, key=lambda level: level.rank)
    ]


@st.composite
def referentials(draw: st.DrawFn) -> Referential:
    """Small valid grids with every field drawn, codes unique by construction."""
    prefix = draw(st.from_regex(r"[A-Za-z0-9._-]{0,3}", fullmatch=True))
    numbers = draw(st.lists(st.integers(1, 40), min_size=1, max_size=3, unique=True))
    data = {
        "id": draw(st.from_regex(r"[A-Za-z0-9._-]{1,12}", fullmatch=True)),
        "version": draw(TEXT),
        "title": draw(TEXT),
        "publisher": draw(OPTIONAL_TEXT),
        "description": draw(OPTIONAL_TEXT),
        "language": draw(st.sampled_from(["fr", "en"])),
        "engagements": [draw(engagements(number, prefix)) for number in numbers],
        "level_rule": {
            "source": draw(SOURCE),
            "note": draw(OPTIONAL_TEXT),
            "requirements": draw(requirements()),
        },
    }
    return parse_referential(data, "grille générée")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(referentials())
def test_json_round_trip_on_generated_grids(ref: Referential) -> None:
    text = referential_to_json(ref)
    assert referential_from_json(text) == ref
    assert referential_to_json(referential_from_json(text)) == text
