"""JM302: a journey written in another language than its `lang` (English when unset) is pointed out, because the
viewpoint check would read its steps with the wrong lexicon and let company steps through unread."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import CLEAN_JOURNEY, EXAMPLES, position_of
from journeymap.config import Settings
from journeymap.validate import validate_text
from journeymap.viewpoint import load_lexicon
from journeymap.viewpoint.language import evidence, markers

FRENCH = (EXAMPLES / "fr-retail-achat-current.yaml").read_text(encoding="utf-8")
HERE = Path(__file__).parent


def language_problems(text: str, settings: Settings | None = None) -> list:
    return [p for p in validate_text(text, "j.yaml", settings).problems if p.code == "JM302"]


def without_lang(text: str) -> str:
    stripped = re.sub(r"(?m)^lang: \w+\n", "", text)
    assert stripped != text
    return stripped


def test_a_french_journey_without_lang_is_pointed_out() -> None:
    text = without_lang(FRENCH)
    [problem] = language_problems(text)
    assert problem.severity.value == "warning"
    assert (problem.line, problem.column) == position_of(text, "journeymap: 1")  # the journey itself
    assert problem.message.startswith("the journey reads as French (")
    assert "does not set `lang` (English is the default)" in problem.message
    assert problem.hint == "set `lang: fr` at the top of the journey"


def test_the_company_steps_it_hides_are_found_once_lang_is_set() -> None:
    """The case that motivated the check: "Envoi du devis" passes as English, and is a company step in French."""
    text = without_lang(FRENCH)
    action = re.search(r"(?m)^ +action: (.+)$", text)
    assert action
    text = text.replace(action.group(0), action.group(0).replace(action.group(1), "Envoi du devis"), 1)
    codes = [p.code for p in validate_text(text, "j.yaml").problems]
    assert "JM302" in codes and "JM301" not in codes
    fixed = [p.code for p in validate_text("lang: fr\n" + text, "j.yaml").problems]
    assert "JM302" not in fixed and "JM301" in fixed


def test_a_wrong_lang_is_pointed_out_at_its_key() -> None:
    text = FRENCH.replace("lang: fr\n", "lang: en\n")
    [problem] = language_problems(text)
    assert (problem.line, problem.column) == position_of(text, "lang: en")
    assert "says `lang: en`" in problem.message
    english = CLEAN_JOURNEY.replace("lang: en\n", "lang: fr\n")
    english = english.replace("Browse the recipes", "Browse the recipes of the week with my family")
    [problem] = language_problems(english)
    assert problem.message.startswith("the journey reads as English (") and problem.hint.startswith("set `lang: en`")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda path: path.name)
def test_examples_and_the_clean_journey_are_left_alone(path: Path) -> None:
    assert language_problems(path.read_text(encoding="utf-8")) == []
    assert language_problems(CLEAN_JOURNEY) == []


def test_a_few_words_of_the_other_language_say_nothing() -> None:
    """Brand names and loan words: an English journey about the "Mon Compte" app, "à la carte" meals."""
    text = CLEAN_JOURNEY.replace("Browse the recipes", "Open the Mon Compte app").replace(
        "Receive the box", "Receive the à la carte box"
    )
    assert language_problems(text) == []
    assert language_problems(without_lang(text)) == []


def test_it_can_be_turned_off() -> None:
    assert language_problems(without_lang(FRENCH), Settings(disable=["viewpoint.language"])) == []
    [problem] = language_problems(without_lang(FRENCH), Settings(severity={"JM302": "error"}))
    assert problem.severity.value == "error"


def test_markers_are_the_grammar_words_of_one_language_only() -> None:
    found = markers({"en": load_lexicon("en"), "fr": load_lexicon("fr")})
    assert {"the", "of", "your", "with"} <= found["en"] and {"les", "du", "pour", "avec", "l'"} <= found["fr"]
    assert not found["en"] & found["fr"]
    assert not {"a", "on", "via"} & (found["en"] | found["fr"])  # both languages have them


def test_corpus_phrases_never_point_to_the_wrong_language() -> None:
    """Every labelled phrase of both viewpoint corpora: alone, none is taken for the other language; together,
    each language's phrases are recognised as that language."""
    found_markers = markers({"en": load_lexicon("en"), "fr": load_lexicon("fr")})
    phrases: dict[str, list[str]] = defaultdict(list)
    for name in ("corpus-dev.tsv", "corpus-heldout.tsv"):
        with (HERE / name).open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream, delimiter="\t"):
                phrases[row["lang"]].append(row["action"])
    assert set(phrases) == {"en", "fr"}
    for lang, texts in phrases.items():
        other = "fr" if lang == "en" else "en"
        for text in texts:
            assert evidence([text], found_markers).written_in(lang) is None, text
        assert evidence(texts, found_markers).written_in(other) == lang
