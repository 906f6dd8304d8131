"""The verb form tables shipped with the viewpoint check (data/forms-*.tsv) and how morphology.py reads them."""

from __future__ import annotations

from importlib import resources

import pytest

from journeymap.viewpoint import morphology
from journeymap.viewpoint.morphology import (
    BASE,
    FINITE,
    FIRST,
    ING,
    PP,
    SECOND_PLURAL,
    THIRD,
    lemma_of,
    table_forms,
    verb_forms,
)
from journeymap.viewpoint.text import fold


def table_text(lang: str) -> str:
    return resources.files("journeymap.viewpoint").joinpath("data", f"forms-{lang}.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_tables_load_and_name_the_command_that_made_them(lang: str) -> None:
    text = table_text(lang)
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header and text.startswith("#")
    assert "training/viewpoint/build_forms.py" in header[0]
    raw, _ = morphology._table(lang)
    assert len(raw) >= 2000


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_tables_are_one_sorted_line_per_lemma_of_lower_case_forms_and_flags(lang: str) -> None:
    lemmas = []
    for line in table_text(lang).splitlines():
        if line.startswith("#"):
            continue
        lemma, tab, forms = line.partition("\t")
        assert tab and lemma == lemma.lower() and " " not in lemma
        lemmas.append(lemma)
        for item in forms.split(" "):
            form, _, flags = item.rpartition(":")
            assert form and form == form.lower() and flags.isdigit() and 0 < int(flags) < 128, item
    assert lemmas == sorted(lemmas) and len(lemmas) == len(set(lemmas))


def test_the_two_tables_stay_under_the_size_budget() -> None:
    assert sum(len(table_text(lang).encode("utf-8")) for lang in ("en", "fr")) < 2_800_000


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_fast_fold_of_a_table_is_fold_of_each_form(lang: str) -> None:
    text = table_text(lang)
    folded = morphology._fold_table(text).splitlines()
    for line, bare in zip(text.splitlines(), folded, strict=True):
        if not line.startswith("#"):
            assert [fold(item) for item in line.split("\t")[1].split(" ")] == bare.split("\t")[1].split(" ")


@pytest.mark.parametrize(
    ("word", "lang", "lemma"),
    [
        ("reçoit", "fr", "recevoir"),
        ("recoit", "fr", "recevoir"),
        ("enverrons", "fr", "envoyer"),
        ("envoie", "fr", "envoyer"),
        ("envoyons", "fr", "envoyer"),
        ("enverra", "fr", "envoyer"),
        ("prend", "fr", "prendre"),
        ("pris", "fr", "prendre"),
        ("suis", "fr", "être"),
        ("sent", "en", "send"),
        ("sends", "en", "send"),
        ("sending", "en", "send"),
        ("ran", "en", "run"),
        ("Took", "en", "take"),
        ("found", "en", "find"),
    ],
)
def test_lemma_of_irregular_forms(word: str, lang: str, lemma: str) -> None:
    found = lemma_of(word, lang)
    assert found is not None and found[0] == lemma


def test_lemma_of_prefers_the_form_written_with_its_accents() -> None:
    assert lemma_of("assénait", "fr") == ("asséner", FINITE | THIRD)
    assert lemma_of("assenait", "fr") == ("assener", FINITE | THIRD)
    assert lemma_of("créé", "fr") == ("créer", PP)
    folded = lemma_of("cree", "fr")
    assert folded is not None and folded[0] == "créer" and folded[1] & PP and folded[1] & THIRD


def test_lemma_of_says_none_for_words_that_are_no_verb_form() -> None:
    assert lemma_of("the", "en") is None
    assert lemma_of("xqzw", "fr") is None
    assert lemma_of("send", "de") is None


@pytest.mark.parametrize(
    ("word", "lang", "wanted"),
    [
        ("envoyez", "fr", BASE | SECOND_PLURAL),
        ("enverrez", "fr", FINITE | SECOND_PLURAL),
        ("envoie", "fr", FINITE | THIRD | FIRST),
        ("envoient", "fr", FINITE | THIRD),
        ("effectué", "fr", PP),
        ("effectuées", "fr", PP),
        ("envoyant", "fr", ING),
        ("envoyer", "fr", BASE),
        ("taking", "en", ING),
        ("takes", "en", FINITE | THIRD),
        ("taken", "en", PP),
        ("sent", "en", FINITE | PP),
        ("cancelled", "en", FINITE | PP),
        ("canceled", "en", FINITE | PP),
    ],
)
def test_flags(word: str, lang: str, wanted: int) -> None:
    found = lemma_of(word, lang)
    assert found is not None and found[1] & wanted == wanted


def test_kinds_that_a_form_does_not_have() -> None:
    took = lemma_of("took", "en")
    assert took is not None and not took[1] & PP  # "taken" is the participle
    infinitive = verb_forms("envoyer", "fr")["envoyer"]
    assert infinitive == BASE  # "Nous contacter": an infinitive alone after the pronoun
    assert not verb_forms("send", "en")["send"] & FINITE


def test_verb_forms_reads_the_tables() -> None:
    forms = verb_forms("recevoir", "fr")
    assert {"reçoit", "reçoivent", "recevons", "recevez", "reçu", "reçue", "reçus", "recevra"} <= set(forms)
    assert set(verb_forms("send", "en")) == {"send", "sends", "sent", "sending"}
    assert verb_forms("run", "en")["ran"] == FINITE


def test_verb_forms_of_a_multi_word_lemma_inflect_its_head() -> None:
    forms = verb_forms("prendre en charge", "fr")
    assert forms["pris en charge"] & PP and forms["prend en charge"] & THIRD
    assert "prendu en charge" not in forms
    assert forms["prendre en charge"] == BASE
    follow = verb_forms("follow up", "en")
    assert follow["followed up"] & PP and follow["follows up"] & THIRD and follow["following up"] & ING


def test_verb_forms_finds_a_lemma_written_without_accents() -> None:
    assert "expédié" in verb_forms("expedier", "fr")


def test_irregular_entries_still_replace_the_forms() -> None:
    irregular = {"enrol": ("enrols", "enrolled", "enrolling")}
    assert set(verb_forms("enrol", "en", irregular)) == {"enrol", "enrols", "enrolled", "enrolling"}
    irregular = {"prendre": ("prend", "pris")}
    assert set(verb_forms("prendre en charge", "fr", irregular)) == {
        "prendre en charge",
        "prend en charge",
        "pris en charge",
    }


@pytest.mark.parametrize(
    ("lemma", "lang", "forms"),
    [
        ("dogfood", "en", {"dogfood": BASE, "dogfoods": FINITE | THIRD, "dogfooded": FINITE | PP,
                           "dogfooding": ING}),
        ("geofence", "en", {"geofences": FINITE | THIRD, "geofenced": FINITE | PP, "geofencing": ING}),
        ("requalifier", "fr", {"requalifie": FINITE | FIRST | THIRD, "requalifiez": BASE | FINITE | SECOND_PLURAL,
                               "requalifié": PP, "requalifiées": PP}),
        ("onboarder", "fr", {"onboardent": FINITE | THIRD, "onboardons": FINITE | FIRST}),
        ("zorglir", "fr", {"zorglir": BASE}),
    ],
)  # fmt: skip
def test_a_lemma_the_tables_do_not_know_gets_the_small_regular_fallback(
    lemma: str, lang: str, forms: dict[str, int]
) -> None:
    assert table_forms(lemma, lang) is None
    got = verb_forms(lemma, lang)
    for form, kinds in forms.items():
        assert got.get(form) == kinds, form


def test_the_fallback_inflects_a_prefixed_verb_like_its_base() -> None:
    assert table_forms("upsell", "en") is None and table_forms("sell", "en") is not None
    assert verb_forms("upsell", "en")["upsold"] & PP
    assert table_forms("désinscrire", "fr") is None  # its irregular_forms entry stays in fr.toml
    assert verb_forms("désinscrire", "fr")["désinscrivent"] == FINITE | THIRD
    assert verb_forms("zorglir", "fr") == {"zorglir": BASE}  # not -er, nothing known: the infinitive alone
