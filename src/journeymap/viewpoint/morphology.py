"""Verb forms and noun plurals of the lexicon's lemmas, with the kind of each form (infinitive, conjugated, ...).

The grammar needs to know that "envoie" is "envoyer" conjugated and "sent" a participle of "send"; the lexicons list
lemmas only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from journeymap.viewpoint.text import fold

# Form kinds of a verb form, as bit flags.
BASE: Final = 1  # infinitive / imperative ("send", "envoyer", "envoyez")
FINITE: Final = 2  # conjugated after a subject ("sends", "sent", "envoie", "envoyons")
PP: Final = 4  # past participle ("sent", "envoyé")
ING: Final = 8  # English -ing form ("sending")

START_KINDS: Final = {"en": BASE | FINITE | ING, "fr": BASE}  # forms a label may start with


def _en_syllables(word: str) -> int:
    """Vowel groups: enough to tell "ship" (doubles) from "open" (does not)."""
    groups, previous = 0, False
    for c in word:
        vowel = c in "aeiou" or (c == "y" and not previous and groups > 0)
        if vowel and not previous:
            groups += 1
        previous = vowel
    return groups


def _en_doubles(word: str) -> bool:
    """Short consonant-vowel-consonant verbs double their final consonant: ship -> shipped, plan -> planning."""
    return (
        len(word) >= 3
        and _en_syllables(word) == 1
        and word[-1] not in "aeiouwxy"
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    )


def _en_inflect(word: str) -> dict[str, int]:
    """-s/-es, -ed and -ing forms of one English verb, with the usual spelling rules."""
    forms: dict[str, int] = {word: BASE}
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = word + "es"
    elif len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        third = word[:-1] + "ies"
    else:
        third = word + "s"
    if word.endswith("e"):
        past = word + "d"
    elif len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        past = word[:-1] + "ied"
    elif _en_doubles(word):
        past = word + word[-1] + "ed"
    else:
        past = word + "ed"
    if word.endswith("ie"):
        ing = word[:-2] + "ying"
    elif word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        ing = word[:-1] + "ing"
    elif _en_doubles(word):
        ing = word + word[-1] + "ing"
    else:
        ing = word + "ing"
    forms[third] = forms.get(third, 0) | FINITE
    forms[past] = forms.get(past, 0) | FINITE | PP
    forms[ing] = forms.get(ing, 0) | ING
    return forms


def _fr_inflect(word: str) -> dict[str, int]:
    """Present (il, ils, nous, vous) and past participles of one regular French verb of the three groups."""
    forms: dict[str, int] = {word: BASE}

    def add(form: str, kind: int) -> None:
        forms[form] = forms.get(form, 0) | kind

    if word.endswith("er") and len(word) > 3:
        stem = word[:-2]
        if stem.endswith("y"):
            add(stem[:-1] + "ie", FINITE)  # envoyer -> envoie, payer -> paie
            add(stem[:-1] + "ient", FINITE)
        if stem.endswith(("el", "et")):
            add(stem + stem[-1] + "e", FINITE)  # appeler -> appelle, jeter -> jette
            add(stem + stem[-1] + "ent", FINITE)
        add(stem + "e", FINITE)
        add(stem + "ent", FINITE)
        if stem.endswith("g"):
            add(stem + "eons", FINITE)  # partager -> partageons
        elif stem.endswith("c"):
            add(stem[:-1] + "çons", FINITE)  # annoncer -> annonçons
        else:
            add(stem + "ons", FINITE)
        add(stem + "ez", BASE | FINITE)
        for ending in ("é", "ée", "és", "ées"):
            add(stem + ending, PP)
    elif word.endswith("ir") and len(word) > 3:
        stem = word[:-2]  # second group: choisir -> choisit, choisissent
        add(stem + "it", FINITE)
        add(stem + "issent", FINITE)
        add(stem + "issons", FINITE)
        add(stem + "issez", BASE | FINITE)
        for ending in ("i", "ie", "is", "ies"):
            add(stem + ending, PP)
    elif word.endswith("re") and len(word) > 3:
        stem = word[:-2]  # attendre -> attend, attendent, attendu
        add(stem if stem.endswith(("d", "t")) else stem + "t", FINITE)
        add(stem + "ent", FINITE)
        add(stem + "ons", FINITE)
        add(stem + "ez", BASE | FINITE)
        for ending in ("u", "ue", "us", "ues"):
            add(stem + ending, PP)
    return forms


def _irregular_kinds(lang: str, form: str) -> int:
    """Irregular forms are listed without their tense: accept them wherever a conjugated form may stand."""
    if lang == "en":
        return ING if form.endswith("ing") else FINITE | PP
    return BASE | FINITE if form.endswith("ez") else FINITE | PP


def verb_forms(lemma: str, lang: str, irregular: Mapping[str, Sequence[str]] | None = None) -> dict[str, int]:
    """Every form of a lemma ("call back" -> "calls back", ...), mapped to its kinds (BASE, FINITE, PP, ING).

    A multi-word lemma inflects its first word; an irregular entry (keyed by the folded lemma) of the whole
    lemma, or else of its first word, replaces the generated forms.
    """
    irregular = irregular or {}
    words = lemma.split()
    if not words:
        return {}
    if fold(lemma) in irregular:
        forms = {lemma: BASE}
        for form in irregular[fold(lemma)]:
            forms[form] = forms.get(form, 0) | _irregular_kinds(lang, form.split()[0])
        return forms
    head, rest = words[0], words[1:]
    if fold(head) in irregular:
        heads = {head: BASE}
        for form in irregular[fold(head)]:
            heads[form] = heads.get(form, 0) | _irregular_kinds(lang, form)
    else:
        heads = _en_inflect(head) if lang == "en" else _fr_inflect(head)
    tail = (" " + " ".join(rest)) if rest else ""
    return {form + tail: kinds for form, kinds in heads.items()}


def plurals(noun: str, lang: str) -> set[str]:
    """Regular plurals of a noun phrase (its head word; in French also its adjectives)."""
    words = noun.split()
    if not words:
        return set()

    def en(word: str) -> str:
        if word.endswith(("s", "x", "z", "ch", "sh")):
            return word + "es"
        if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
            return word[:-1] + "ies"
        return word + "s"

    def fr(word: str) -> str:
        if word.endswith(("s", "x", "z")):
            return word
        if word.endswith(("eau", "au", "eu")):
            return word + "x"
        if word.endswith("al"):
            return word[:-2] + "aux"
        return word + "s"

    if lang == "en":
        return {" ".join(words[:-1] + [en(words[-1])])}
    out = {" ".join([fr(words[0])] + words[1:])}
    stop = next((i for i, w in enumerate(words) if i > 0 and w in ("de", "d'", "du", "des", "à", "a", "en")), len(words))
    out.add(" ".join([fr(w) for w in words[:stop]] + words[stop:]))
    if words[0].endswith("al"):
        out.add(" ".join([words[0] + "s"] + words[1:]))
    return out

