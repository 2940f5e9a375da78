"""Load, validate and serialise audit grids (référentiels).

A grid comes from YAML (bundled, or a certification body's own file), from a spreadsheet
(:mod:`auditor_app.referential.xlsx`) or from the frozen JSON copy kept with an audit. Every
route goes through :func:`parse_referential`, which reports *all* the problems at once, each
with the path of the faulty value (``engagements[3].criteria[1].checkpoints[0].measure.threshold``)
and a French message written for the grid's author.
"""

from __future__ import annotations

import json
import math
import re
import typing
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from auditor_app.referential.model import LEVEL_ORDER, UNIT_LABELS, Referential, Unit
from auditor_app.resources import referentials_dir

DEFAULT_REFERENTIAL_ID = "sp-plus"
FROZEN_COPY_SOURCE = "copie figée du référentiel"

Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a grid: where it is (``path``, empty for the whole file) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ReferentialError(ValueError):
    """A grid that cannot be used, with every problem found in it, one per line."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        super().__init__("\n".join(f"{source}: {problem}" for problem in self.problems))

    def __reduce__(self) -> tuple[type[ReferentialError], tuple[str, list[Problem]]]:
        # The default pickling would call __init__ with the message only.
        return (type(self), (self.source, self.problems))


# --- Parsing ---------------------------------------------------------------------------------


def parse_referential(data: object, source: str, *, checks: bool = True) -> Referential:
    """Validate raw data (as read from YAML, JSON or a spreadsheet) into a grid.

    ``checks`` adds the rules pydantic cannot express (unique codes, level order, threshold
    ranges). Raises :class:`ReferentialError` listing every problem found.
    """
    if data is None:
        raise ReferentialError(source, [Problem("", "fichier vide : aucun référentiel")])
    problems: list[Problem] = []
    referential: Referential | None = None
    try:
        referential = Referential.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc))
    if checks:
        problems.extend(consistency_problems(data))
    if problems or referential is None:
        raise ReferentialError(source, problems)
    return referential


def _validation_problems(exc: ValidationError) -> list[Problem]:
    return [
        Problem(format_path(error["loc"]), _message(error))
        for error in exc.errors(include_url=False)
        if not _is_cascade(error)
    ]


def _is_cascade(error: ErrorDetails) -> bool:
    # pydantic reports "too short" on a list whose items all failed; those items are reported.
    value = error.get("input")
    minimum = error.get("ctx", {}).get("min_length", 0)
    too_short = error["type"] == "too_short"
    return too_short and isinstance(value, list | tuple) and len(value) >= minimum


def format_path(loc: Loc) -> str:
    """``("engagements", 3, "title")`` → ``engagements[3].title``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path


# --- French messages for pydantic errors ------------------------------------------------------


@dataclass(frozen=True)
class _Noun:
    """How a field is named in messages, with what French agreement needs."""

    word: str
    feminine: bool = False
    plural: bool = False
    item: str = ""  # one element of a list field
    item_feminine: bool = False

    def agree(self, adjective: str) -> str:
        if self.feminine and not adjective.endswith("e"):
            adjective += "e"
        return adjective + ("s" if self.plural else "")

    def the(self) -> str:
        if self.plural:
            return f"les {self.word}"
        if self.word[0] in "aeiouéèêh":
            return f"l’{self.word}"
        return f"{'la' if self.feminine else 'le'} {self.word}"

    def element(self) -> _Noun:
        return _Noun(self.item, self.item_feminine) if self.item else self


_NOUNS: dict[str, _Noun] = {
    "id": _Noun("identifiant"),
    "version": _Noun("version", feminine=True),
    "title": _Noun("titre"),
    "publisher": _Noun("éditeur"),
    "description": _Noun("description", feminine=True),
    "language": _Noun("langue", feminine=True),
    "engagements": _Noun("engagements", plural=True, item="engagement"),
    "level_rule": _Noun("règle de niveau", feminine=True),
    "number": _Noun("numéro"),
    "title_confirmed": _Noun("confirmation du titre", feminine=True),
    "title_note": _Noun("note sur le titre", feminine=True),
    "pillar": _Noun("pilier"),
    "source": _Noun("source", feminine=True),
    "reference": _Noun("référence", feminine=True),
    "criteria": _Noun("critères", plural=True, item="critère"),
    "code": _Noun("code"),
    "checkpoints": _Noun("points de contrôle", plural=True, item="point de contrôle"),
    "text": _Noun("texte"),
    "guidance": _Noun("consigne d’audit", feminine=True),
    "methods": _Noun("méthodes", True, True, "méthode", item_feminine=True),
    "channels": _Noun("canaux", plural=True, item="canal"),
    "scope": _Noun("portée", feminine=True),
    "level": _Noun("niveau"),
    "mandatory": _Noun("caractère obligatoire"),
    "photo_required_on_nc": _Noun("exigence de photo en cas de NC", feminine=True),
    "measure": _Noun("mesure", feminine=True),
    "unit": _Noun("unité", feminine=True),
    "threshold": _Noun("seuil"),
    "direction": _Noun("sens"),
    "label": _Noun("libellé"),
    "note": _Noun("note", feminine=True),
    "requirements": _Noun("exigences de niveau", True, True, "exigence de niveau", True),
    "min_conformity_rate": _Noun("taux de conformité minimal"),
    "max_nc_majeure": _Noun("nombre maximal de NC majeures"),
    "max_nc_mineure": _Noun("nombre maximal de NC mineures"),
    "mandatory_checkpoints_met": _Noun("respect des points obligatoires"),
    "min_user_satisfaction": _Noun("satisfaction minimale des usagers", feminine=True),
}

_RATE_FIELDS = {"min_conformity_rate", "min_user_satisfaction"}
_RATE_HINT = " ; un taux s’écrit entre 0 et 1 (0.8 pour 80 %)"
_BOUNDS = {
    "greater_than_equal": ("petit", "minimum", "ge"),
    "less_than_equal": ("grand", "maximum", "le"),
}

# "<what> attendu pour <field>, reçu <value>", by pydantic error type.
_EXPECTED: dict[str, str] = {
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "float_type": "nombre attendu",
    "float_parsing": "nombre attendu",
    "bool_type": "oui ou non (true / false) attendu",
    "bool_parsing": "oui ou non (true / false) attendu",
    "tuple_type": "liste attendue",
    "list_type": "liste attendue",
    "model_type": "ensemble de champs « clé: valeur » attendu",
    "model_attributes_type": "ensemble de champs « clé: valeur » attendu",
    "dict_type": "ensemble de champs « clé: valeur » attendu",
}


def _noun_at(loc: Loc) -> _Noun:
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return _Noun("référentiel")
    noun = _NOUNS.get(names[-1], _Noun(f"champ « {names[-1]} »"))
    return noun.element() if isinstance(loc[-1], int) else noun


def _message(error: ErrorDetails) -> str:
    kind, loc, value = error["type"], error["loc"], error.get("input")
    noun = _noun_at(loc)
    ctx: dict[str, Any] = error.get("ctx", {})
    if kind == "missing" or (kind in _EXPECTED and value is None):
        return f"{noun.word} {noun.agree('manquant')}"
    if kind == "extra_forbidden":
        return _unknown_field(loc)
    if kind in ("enum", "literal_error"):
        return _unknown_value(noun, value, str(ctx.get("expected", "")))
    if kind == "invalid_key":
        return f"clé invalide « {loc[-1]} » : une clé est un nom de champ"
    if kind in _EXPECTED:
        return _wrong_type(kind, loc, noun, value)
    return _constraint_message(kind, loc, noun, value, ctx) or (
        f"valeur refusée pour {noun.the()} ({error['msg']})"
    )


def _unknown_value(noun: _Noun, value: object, expected: str) -> str:
    codes = ", ".join(re.findall(r"'([^']*)'", expected))
    if isinstance(value, dict | list | tuple) or value is None:
        return f"{noun.word} : un code parmi {codes} attendu, reçu {_show(value)}"
    return f"{noun.word} {noun.agree('inconnu')} « {value} » (attendus : {codes})"


def _wrong_type(kind: str, loc: Loc, noun: _Noun, value: object) -> str:
    if not loc:
        return (
            "le fichier doit décrire un référentiel (id, version, title, engagements…),"
            f" reçu {_show(value)}"
        )
    hint = ""
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        hint = " (mettez la valeur entre guillemets)"
    return f"{_EXPECTED[kind]} pour {noun.the()}, reçu {_show(value)}{hint}"


def _constraint_message(
    kind: str, loc: Loc, noun: _Noun, value: object, ctx: dict[str, Any]
) -> str | None:
    if kind == "string_too_short":
        return f"{noun.word} {noun.agree('vide')}"
    if kind == "too_short":
        none, one = ("aucune", "une") if noun.item_feminine else ("aucun", "un")
        expected = "attendue" if noun.item_feminine else "attendu"
        return f"{none} {noun.item or noun.word} : au moins {one} {expected}"
    if kind == "string_pattern_mismatch":
        return (
            f"{noun.word} {noun.agree('invalide')} {_show(value)} : lettres sans accent, chiffres,"
            " « . », « _ » et « - » seulement, sans espace"
        )
    if kind not in _BOUNDS:
        return None
    size, word, key = _BOUNDS[kind]
    hint = _RATE_HINT if loc and loc[-1] in _RATE_FIELDS else ""
    limit = _number(ctx[key])
    return f"{noun.word} trop {noun.agree(size)} ({_show(value)}) : {word} {limit}{hint}"


def _unknown_field(loc: Loc) -> str:
    model = _model_at(loc[:-1])
    known = f" (champs possibles : {', '.join(model.model_fields)})" if model else ""
    return f"champ inconnu « {loc[-1]} »{known}"


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class found at ``loc`` when walking down from :class:`Referential`."""
    model: type[BaseModel] | None = Referential
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        annotation = model.model_fields[part].annotation
        candidates = (annotation, *typing.get_args(annotation))
        models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        model = models[0] if models else None
    return model


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    if value is None:
        return "une valeur vide"
    if isinstance(value, dict):
        return "un ensemble de champs"
    if isinstance(value, list | tuple):
        return "une liste"
    text = str(value)
    return f"« {text if len(text) <= 60 else text[:57] + '…'} »"


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Checks pydantic cannot express -----------------------------------------------------------


def consistency_problems(data: object) -> list[Problem]:
    """Problems across the grid: duplicate codes or numbers, level order, threshold ranges.

    Works on the raw data, skipping whatever is malformed (pydantic reports that), so these
    problems are listed together with the structural ones.
    """
    return [
        *_duplicate_problems(data),
        *_level_order_problems(data),
        *_measure_problems(data),
    ]


def _items(parent: object, path: str, key: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The mapping elements of the list ``parent[key]``, with their paths."""
    values = parent.get(key) if isinstance(parent, dict) else None
    if not isinstance(values, list | tuple):
        return
    prefix = f"{path}.{key}" if path else key
    for index, item in enumerate(values):
        if isinstance(item, dict):
            yield f"{prefix}[{index}]", item


def _checkpoints(data: object) -> Iterator[tuple[str, dict[str, Any]]]:
    for engagement_path, engagement in _items(data, "", "engagements"):
        for criterion_path, criterion in _items(engagement, engagement_path, "criteria"):
            yield from _items(criterion, criterion_path, "checkpoints")


def _key(value: object) -> Hashable | None:
    """A value usable to spot duplicates (stripped like the model does), or None."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _duplicate_problems(data: object) -> list[Problem]:
    problems: list[Problem] = []
    numbers: dict[Hashable, str] = {}
    criteria: dict[Hashable, str] = {}
    checkpoints: dict[Hashable, str] = {}
    for engagement_path, engagement in _items(data, "", "engagements"):
        _note(engagement, "number", engagement_path, numbers, "numéro d’engagement", problems)
        for criterion_path, criterion in _items(engagement, engagement_path, "criteria"):
            _note(criterion, "code", criterion_path, criteria, "code de critère", problems)
            for checkpoint_path, checkpoint in _items(criterion, criterion_path, "checkpoints"):
                _note(checkpoint, "code", checkpoint_path, checkpoints, "code", problems)
    return problems


def _note(
    item: dict[str, Any],
    field: str,
    path: str,
    seen: dict[Hashable, str],
    what: str,
    problems: list[Problem],
) -> None:
    key = _key(item.get(field))
    if key is None:
        return
    if key in seen:
        message = f"{what} en double « {key} » (déjà utilisé à {seen[key]})"
        problems.append(Problem(f"{path}.{field}", message))
    else:
        seen[key] = path


def _level_order_problems(data: object) -> list[Problem]:
    problems: list[Problem] = []
    order = [level.value for level in LEVEL_ORDER]
    seen: dict[str, str] = {}
    last = ""
    rule = data.get("level_rule") if isinstance(data, dict) else None
    for path, requirement in _items(rule, "level_rule", "requirements"):
        level = requirement.get("level")
        if level not in order:
            continue
        if level in seen:
            message = f"niveau « {level} » en double (déjà défini à {seen[level]})"
            problems.append(Problem(f"{path}.level", message))
            continue
        if last and order.index(level) < order.index(last):
            expected = ", ".join(order)
            message = f"niveau « {level} » après « {last} » : l’ordre attendu est {expected}"
            problems.append(Problem(f"{path}.level", message))
        seen[level] = path
        last = level
    return problems


def _measure_problems(data: object) -> list[Problem]:
    problems: list[Problem] = []
    for path, checkpoint in _checkpoints(data):
        measure = checkpoint.get("measure")
        unit = measure.get("unit") if isinstance(measure, dict) else None
        if not isinstance(measure, dict) or unit not in _UNIT_CODES:
            continue
        threshold = measure.get("threshold")
        if isinstance(threshold, int | float) and not isinstance(threshold, bool):
            message = _threshold_problem(Unit(unit), float(threshold))
            if message:
                problems.append(Problem(f"{path}.measure.threshold", message))
    return problems


_UNIT_CODES = [unit.value for unit in Unit]  # a list: the raw value may be unhashable
_UPPER_BOUNDS = {Unit.PERCENT: 100.0, Unit.SCORE_10: 10.0}


def _threshold_problem(unit: Unit, threshold: float) -> str | None:
    shown = f"{_number(threshold)} {UNIT_LABELS[unit]}"
    if not math.isfinite(threshold):
        return f"seuil non fini ({threshold})"
    upper = _UPPER_BOUNDS.get(unit)
    if upper is not None and not 0 <= threshold <= upper:
        return f"seuil hors de l’intervalle 0–{_number(upper)} : {shown}"
    if threshold < 0:
        return f"seuil négatif impossible : {shown}"
    return None


# --- YAML files -------------------------------------------------------------------------------


def load_referential(path: str | PathLike[str]) -> Referential:
    """Read and validate a YAML grid; any problem raises :class:`ReferentialError`."""
    file = Path(path)
    return parse_referential(read_yaml(file), file.name)


def read_yaml(file: Path) -> object:
    """The raw data of a YAML file, or a :class:`ReferentialError` naming file, line, column."""
    from auditor_app.referential import yaml_reader  # PyYAML: only when a file is read

    return yaml_reader.read_yaml(file)


# --- Bundled grids ----------------------------------------------------------------------------


def bundled_referentials() -> list[Path]:
    """The grid files shipped with the application, sorted by name."""
    return sorted(referentials_dir().glob("*.yaml"))


def load_bundled(ref_id: str | None = None) -> Referential:
    """A bundled grid by id (default: the Services Publics + one), its newest version."""
    wanted = ref_id or DEFAULT_REFERENTIAL_ID
    found = [ref for ref in map(load_referential, bundled_referentials()) if ref.id == wanted]
    if not found:
        raise LookupError(f"aucun référentiel « {wanted} » n’est fourni avec l’application")
    return max(found, key=lambda ref: version_key(ref.version))


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key for versions: numeric parts compare as numbers (``2023.10`` after ``2023.9``)."""
    return tuple(
        (0, int(part), "") if part.isdecimal() else (1, 0, part)
        for part in re.split(r"[.\-_]", version)
    )


# --- Frozen copy (JSON) -----------------------------------------------------------------------


def dump_referential(ref: Referential) -> dict[str, Any]:
    """The grid as plain JSON-ready data (every field written out, enums as their codes)."""
    return ref.model_dump(mode="json")


def referential_to_json(ref: Referential) -> str:
    """Canonical JSON: sorted keys, no spaces; the same grid always gives the same text."""
    data = dump_referential(ref)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def referential_from_json(text: str, source: str = FROZEN_COPY_SOURCE) -> Referential:
    """Read back a frozen copy.

    Only the model is enforced: the copy passed every check when the audit started, and a
    check added in a later version must not lock an old audit out of its own grid.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"ligne {exc.lineno}, colonne {exc.colno}"
        raise ReferentialError(source, [Problem(where, f"JSON invalide : {exc.msg}")]) from exc
    return parse_referential(data, source, checks=False)
