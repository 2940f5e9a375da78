"""Reading a grid's YAML file: duplicate keys refused, errors with line and column in French.

Kept apart from the loader so that PyYAML is imported only when a file is read.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from auditor_app.referential.loader import Problem, ReferentialError


class _DuplicateKeyError(yaml.MarkedYAMLError):
    """A key given twice in one mapping: plain YAML would silently keep the last one."""


class _GridLoader(yaml.SafeLoader):
    """The safe loader, refusing duplicate keys."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Hashable] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, Hashable) and key in seen:
            mark = key_node.start_mark
            raise _DuplicateKeyError(problem=f"clé « {key} » en double", problem_mark=mark)
        if isinstance(key, Hashable):
            seen.add(key)
    return loader.construct_mapping(node, deep=True)


_GridLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# The PyYAML messages an author meets most, in French; others are shown as PyYAML words them.
_YAML_MESSAGES = {
    "mapping values are not allowed here": (
        "« : » inattendu (mettez le texte entre guillemets s’il contient « : »)"
    ),
    "found character '\\t' that cannot start any token": "tabulation : indentez avec des espaces",
    "could not find expected ':'": "« : » attendu après la clé (ou texte entre guillemets)",
    "found undefined alias": "ancre inconnue (*nom utilisé sans &nom défini plus haut)",
}


def read_yaml(file: Path) -> object:
    """The raw data of a YAML file, or a :class:`ReferentialError` naming file, line, column."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ReferentialError(file.name, [Problem("", f"fichier introuvable : {file}")]) from exc
    except UnicodeDecodeError as exc:
        message = f"le fichier n’est pas un texte UTF-8 (octet {exc.start})"
        raise ReferentialError(file.name, [Problem("", message)]) from exc
    except OSError as exc:
        message = f"lecture impossible : {exc.strerror or exc}"
        raise ReferentialError(file.name, [Problem("", message)]) from exc
    try:
        return yaml.load(text, Loader=_GridLoader)  # a SafeLoader subclass: no object tags
    except yaml.YAMLError as exc:
        raise ReferentialError(file.name, [_yaml_problem(exc)]) from exc


def _yaml_problem(exc: yaml.YAMLError) -> Problem:
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return Problem("", f"YAML illisible : {exc}")
    mark = exc.problem_mark
    where = f"ligne {mark.line + 1}, colonne {mark.column + 1}"
    problem = str(exc.problem or exc.context or "")
    if isinstance(exc, _DuplicateKeyError):
        return Problem(where, problem)
    detail = next((fr for en, fr in _YAML_MESSAGES.items() if problem.startswith(en)), problem)
    return Problem(where, f"syntaxe YAML invalide : {detail}")


