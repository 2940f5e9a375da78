"""Translations of the report: French is the reference, English comes from a catalogue.

The catalogue ``resources/translations/<domain>.<lang>.json`` (``report.en.json``) maps the
French text, exactly as the code writes it, to its translation::

    {"messages": {"Constats": "Findings", "{0} site(s)": "{0} site(s)"},
     "patterns": {"Aucune non-conformité majeure ({0})": "No major nonconformity ({0})"}}

``messages`` are looked up by their whole French text: ``t("…{0}…", value)`` translates,
then formats with ``str.format``; placeholders are the same in both languages. ``patterns``
translate sentences that the core writes in French from data (the level rule's checks, the
comparison to a national reference): the French template is matched, each ``{n}`` part is
translated in turn (a message, another pattern, a number, a list) and put into the English
template. A French text translated later, from a table of labels, is marked ``N_("…")``: it
stays as it is and the catalogue test finds it.

French needs no catalogue: ``Translator("fr")`` gives the text as written, so a French report
is what it was before translations existed. A text missing from a catalogue stays in French:
the auditor still gets a report, and ``tests/core/test_report_lang.py`` fails (it finds every
text of ``auditor_app/report`` given to ``t`` or ``N_``, and every visible literal that is not;
its docstring states the rule).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from auditor_app.audit.measures import format_number, format_percent
from auditor_app.resources import resources_dir

LANGUAGES: dict[str, str] = {"fr": "Français", "en": "English"}
REFERENCE = "fr"
PDF_LANGUAGE: dict[str, str] = {"fr": "fr-FR", "en": "en-GB"}  # the PDF's /Lang
_PLACEHOLDER = re.compile(r"\{(\d+)\}")
_FRENCH_NUMBER = re.compile(r"[+-]?\d+(?:,\d+)?")
_FRENCH_PERCENT = re.compile(r"([+-]?\d+(?:,\d+)?)[ \xa0\u202f]%")


def N_(text: str) -> str:
    """Mark a French text that is translated where it is shown; returns it unchanged."""
    return text


class TranslationError(LookupError):
    """A sentence matched no pattern of the catalogue (strict mode only: tests)."""


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    order: tuple[int, ...]  # the placeholder number of each group, in the French order
    target: str


@dataclass(frozen=True, eq=False)  # hashed by identity: one per language, cached
class Catalogue:
    """One language's texts: ``messages`` and ``patterns``, both keyed by the French."""

    lang: str
    messages: dict[str, str]
    patterns: dict[str, str]


def catalogue_path(lang: str, domain: str = "report") -> Path:
    return resources_dir() / "translations" / f"{domain}.{lang}.json"


@lru_cache(maxsize=8)
def load_catalogue(lang: str, domain: str = "report") -> Catalogue:
    """The catalogue of ``lang``, read once; French, the reference, has an empty one.

    A missing or damaged catalogue raises ValueError (French message).
    """
    if lang == REFERENCE:
        return Catalogue(lang, {}, {})
    path = catalogue_path(lang, domain)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"Catalogue de traduction illisible : {path} ({exc}).") from exc
    return Catalogue(lang, dict(raw.get("messages", {})), dict(raw.get("patterns", {})))


@lru_cache(maxsize=8)
def load_catalogues(lang: str, domains: tuple[str, ...]) -> Catalogue:
    """The catalogues of ``domains`` as one; a text in several keeps the first's English."""
    messages: dict[str, str] = {}
    patterns: dict[str, str] = {}
    for domain in reversed(domains):
        catalogue = load_catalogue(lang, domain)
        messages.update(catalogue.messages)
        patterns.update(catalogue.patterns)
    return Catalogue(lang, messages, patterns)


def _template_regex(template: str) -> tuple[re.Pattern[str], tuple[int, ...]]:
    parts = _PLACEHOLDER.split(template)
    regex, order = "", []
    for k, part in enumerate(parts):
        if k % 2:
            order.append(int(part))
            regex += "(.+?)"
        else:
            regex += re.escape(part)
    return re.compile(regex, re.DOTALL), tuple(order)


@lru_cache(maxsize=8)
def _compile(catalogue: Catalogue) -> tuple[_Pattern, ...]:
    compiled = []
    for source, target in catalogue.patterns.items():
        regex, order = _template_regex(source)
        compiled.append((len(_PLACEHOLDER.sub("", source)), _Pattern(regex, order, target)))
    # The most specific template first: « {0} constats » before « {0} ».
    compiled.sort(key=lambda item: -item[0])
    return tuple(p for _, p in compiled)


class Translator:
    """Texts, numbers and percentages of one language; ``t("French", *args)``."""

    def __init__(self, lang: str = REFERENCE, domain: str | tuple[str, ...] = "report") -> None:
        """``domain``: one catalogue, or several looked up as one (the first wins)."""
        if lang not in LANGUAGES:
            choices = ", ".join(LANGUAGES)
            raise ValueError(f"Langue du rapport inconnue : {lang} (au choix : {choices}).")
        self.lang = lang
        if isinstance(domain, tuple):
            self.catalogue = load_catalogues(lang, domain)
        else:
            self.catalogue = load_catalogue(lang, domain)
        self._patterns = _compile(self.catalogue)

    @property
    def pdf_language(self) -> str:
        return PDF_LANGUAGE[self.lang]

    def __call__(self, text: str, *args: object) -> str:
        value = self.catalogue.messages.get(text, text)
        return value.format(*args) if args else value

    def number(self, value: float, decimals: int = 2) -> str:
        french = format_number(value, decimals)
        return french if self.lang == REFERENCE else french.replace(",", ".")

    def percent(self, share: float, decimals: int = 1, signed: bool = False) -> str:
        french = format_percent(share, decimals, signed)
        return french if self.lang == REFERENCE else _percent(french)

    def sentence(self, text: str, strict: bool = False) -> str:
        """A sentence the core wrote in French from data, translated through the patterns.

        Unknown sentences stay in French; with ``strict`` they raise TranslationError.
        """
        if self.lang == REFERENCE:
            return text
        found = self._whole(text)
        if found is None:
            if strict:
                raise TranslationError(f"no pattern of {self.lang} matches: {text!r}")
            return text
        return found

    def find(self, text: str) -> str | None:
        """``text`` (a message or a sentence of the patterns) translated, or None if unknown."""
        return text if self.lang == REFERENCE else self._whole(text)

    def _whole(self, text: str) -> str | None:
        if text in self.catalogue.messages:
            return self.catalogue.messages[text]
        for pattern in self._patterns:
            match = pattern.regex.fullmatch(text)
            if match:
                parts = [self._part(g) for g in match.groups()]
                by_number = dict(zip(pattern.order, parts, strict=True))
                return pattern.target.format(*(by_number[n] for n in range(len(by_number))))
        return None

    def _part(self, text: str) -> str:
        """One part of a sentence: a message, a pattern, a number, a list, else as it is."""
        if _FRENCH_NUMBER.fullmatch(text):
            return text.replace(",", ".")
        if _FRENCH_PERCENT.fullmatch(text):
            return _percent(text)
        found = self._whole(text)
        if found is not None:
            return found
        if ", " in text:
            return ", ".join(self._part(item) for item in text.split(", "))
        return text


def _percent(french: str) -> str:
    """``75,6 %`` → ``75.6%``."""
    match = _FRENCH_PERCENT.fullmatch(french)
    return f"{match.group(1).replace(',', '.')}%" if match else french
