"""Small hand-built grids for tests."""

from __future__ import annotations

from typing import Any

from auditor_app.referential.model import Referential


def checkpoint(code: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": code,
        "text": f"Exigence {code}",
        "methods": ["observation"],
        "channels": ["counter"],
        "scope": "site",
        "level": "bronze",
        "mandatory": True,
        "source": "default",
    }
    data.update(overrides)
    return data


def small_grid(**overrides: Any) -> Referential:
    """Two engagements, three criteria, six checkpoints over site, organisation, aid scheme."""
    data: dict[str, Any] = {
        "id": "test-grid",
        "version": "1",
        "title": "Grille de test",
        "engagements": [
            {
                "number": 1, "title": "Accueil", "title_confirmed": True, "source": "default",
                "criteria": [
                    {"code": "E1.1", "title": "Locaux", "checkpoints": [
                        checkpoint("E1.1.1"),
                        checkpoint("E1.1.2", channels=["counter", "phone"], level="argent",
                                   mandatory=False, photo_required_on_nc=True),
                    ]},
                    {"code": "E1.2", "title": "Téléphone", "checkpoints": [
                        checkpoint("E1.2.1", channels=["phone"], methods=["mystery_test"],
                                   measure={"unit": "rings", "threshold": 5,
                                            "direction": "at_most",
                                            "label": "Décroché en 5 sonneries au plus",
                                            "source": "published"}),
                    ]},
                ],
            },
            {
                "number": 2, "title": "Démarches", "title_confirmed": False, "source": "default",
                "criteria": [
                    {"code": "E2.1", "title": "En ligne", "checkpoints": [
                        checkpoint("E2.1.1", channels=["website"], scope="organisation"),
                        checkpoint("E2.1.2", channels=[], scope="organisation",
                                   methods=["document"], level="or"),
                        checkpoint("E2.1.3", channels=["online_procedure"], scope="aid_scheme"),
                    ]},
                ],
            },
        ],
        "level_rule": {
            "source": "default",
            "requirements": [
                {"level": "bronze", "min_conformity_rate": 0.7, "max_nc_majeure": 0},
                {"level": "argent", "min_conformity_rate": 0.8, "max_nc_majeure": 0,
                 "max_nc_mineure": 2},
                {"level": "or", "min_conformity_rate": 0.9, "max_nc_majeure": 0,
                 "max_nc_mineure": 0, "min_user_satisfaction": 0.8},
            ],
        },
    }  # fmt: skip
    data.update(overrides)
    return Referential.model_validate(data)
