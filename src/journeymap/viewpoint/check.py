"""Tells a customer's action from a company process step written in its place (check JM301).

A journey map is told from the customer's side: "Receive the quote", not "Send the quote". This module reads a
step's `action` label with a small, data-driven grammar of English and French (the words live in
lexicons/en.toml and lexicons/fr.toml, so teams extend them without touching code) and reports the first sign
that the label describes the company at work: a company subject, the customer as object, a company verb or its
nominalisation, a passive whose agent is the company, or internal jargon.

Precision comes first: a false alarm in CI makes teams switch the check off, so every ambiguous verb ("send",
"appeler", "valider") is decided by its object, and whatever cannot be judged is let through.
"""

from __future__ import annotations

import marshal
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from journeymap import cache

__all__ = ["Lexicon", "ViewpointFinding", "check_action", "lexicon_keys", "load_lexicon"]

LANGUAGES: Final = ("en", "fr")

KINDS: Final = frozenset({"company-subject", "customer-object", "company-verb", "company-noun", "company-passive"})

_KEYS: Final = frozenset(
    {
        "company_verbs", "customer_verbs", "artefact_verbs", "case_verbs", "ambiguous_verbs", "linking_verbs",
        "light_verbs", "sending_verbs",
        "irregular_forms", "nominalisations", "customer_terms", "company_actors", "company_artefacts",
        "case_files", "customer_things", "internal_terms", "counterparts", "customer_object_counterparts",
        "determiners", "customer_possessives", "company_possessives", "customer_pronouns", "company_pronouns",
        "prepositions", "recipient_markers", "genitive_markers", "agent_markers", "role_markers",
        "other_markers", "clause_breaks", "purpose_markers", "skip_words", "passive_auxiliaries",
        "active_auxiliaries", "clitics", "elisions", "indefinite_determiners", "target_markers",
    }
)  # fmt: skip

_MAX_CHARS: Final = 400  # labels are short; bounding the input bounds the work on pathological text

# Verb classes, from the most customer-like to the most company-like; a lemma listed in several verb lists gets
# the first class of this order, so that a verb listed as customer always wins.
_CLASS_ORDER: Final = (
    ("customer_verbs", "customer"),
    ("linking_verbs", "linking"),
    ("light_verbs", "light"),
    ("company_verbs", "company"),
    ("sending_verbs", "sending"),
    ("artefact_verbs", "artefact"),
    ("case_verbs", "case"),
    ("ambiguous_verbs", "ambiguous"),
)

# Form kinds of a verb form, as bit flags.
BASE: Final = 1  # infinitive / imperative ("send", "envoyer", "envoyez")
FINITE: Final = 2  # conjugated after a subject ("sends", "sent", "envoie", "envoyons")
PP: Final = 4  # past participle ("sent", "envoyé")
ING: Final = 8  # English -ing form ("sending")

_START_KINDS: Final = {"en": BASE | FINITE | ING, "fr": BASE}

# Noun categories; when one phrase is in several lists the first one here wins.
_NOUN_CATEGORIES: Final = (
    ("internal_terms", "internal"),
    ("customer_things", "own"),
    ("company_actors", "actor"),
    ("customer_terms", "customer"),
    ("case_files", "case"),
    ("company_artefacts", "artefact"),
)

_ARROW: Final = re.compile(r"\s*->\s*")
_WORD: Final = re.compile(r"[^\W_]+")
_QUOTES: Final = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'", "＇": "'", "‛": "'"})
_FOLD: Final = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o"})
_BREAK_CHARS: Final = frozenset(",;:()!?.|/\\–—•…\"«»“”")
_VOWELS: Final = frozenset("aeiouy")


# --------------------------------------------------------------------------------------------------------------
# Public result
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ViewpointFinding:
    """Why a label reads as a company process step, and how the customer would say it."""

    kind: str
    reason: str
    suggestion: str | None
    matched: str


# --------------------------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case without accents, so that "Expédié", "expedie" and "EXPÉDIÉ" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class _Tok(NamedTuple):
    text: str  # as written (after quote normalisation)
    key: str  # folded, for lexicon look-ups
    lower: str  # lower-cased with accents, to tell "valide" (il valide) from "validé" (participle)
    start: int
    end: int


def _tokenise(text: str, lang: str, elisions: frozenset[str]) -> list[_Tok]:
    """Words, with French elisions kept as their own token ("l'", "d'") and the English genitive as "'s"."""
    toks: list[_Tok] = []
    n = len(text)
    for m in _WORD.finditer(text):
        s, e = m.span()
        w = m.group()
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < n else ""
        if lang == "fr":
            if after == "'" and fold(w) in elisions:
                toks.append(_Tok(w + "'", fold(w) + "'", w.lower() + "'", s, e + 1))
                continue
        elif before == "'" and s >= 2 and text[s - 2].isalnum():
            # English clitic after an apostrophe: keep the genitive, drop n't/'ll/'re/'ve/'d/'m
            if w.lower() == "s":
                toks.append(_Tok("'s", "'s", "'s", s - 1, e))
            continue
        toks.append(_Tok(w, fold(w), w.lower(), s, e))
        if lang == "en" and after == "'" and (e + 1 >= n or not text[e + 1].isalnum()) and w.lower().endswith("s"):
            toks.append(_Tok("'", "'", "'", e, e + 1))  # plural genitive: "customers' reviews"
    return toks


def _split_clauses(text: str, toks: list[_Tok]) -> list[tuple[list[_Tok], str]]:
    """Clauses separated by punctuation, each with the punctuation that ends it (":" matters: "Agent: ...")."""
    clauses: list[tuple[list[_Tok], str]] = []
    current: list[_Tok] = []
    for i, tok in enumerate(toks):
        if current:
            gap = text[current[-1].end : tok.start]
            if any(c in _BREAK_CHARS for c in gap) or (gap.strip() in ("-", "--") and " " in gap):
                clauses.append((current, gap))
                current = []
        current.append(tok)
    if current:
        clauses.append((current, ""))
    return clauses


def _phrase_tokens(phrase: str, lang: str, elisions: frozenset[str]) -> tuple[str, ...]:
    """A lexicon entry as the folded token sequence that the tokeniser produces for a label."""
    text = unicodedata.normalize("NFC", phrase.translate(_QUOTES))
    return tuple(t.key for t in _tokenise(text, lang, elisions))


# --------------------------------------------------------------------------------------------------------------
# Inflection: lemmas in the data, regular forms generated here
# --------------------------------------------------------------------------------------------------------------


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


def _plurals(noun: str, lang: str) -> set[str]:
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


# --------------------------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------------------------


class _Form(NamedTuple):
    tokens: tuple[str, ...]
    lemma: str
    kinds: int
    exact: str  # the first word as generated, with accents


Index = Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The words of one language, merged with the user's extensions, compiled once for fast look-ups."""

    lang: str
    entries: Mapping[str, tuple[str, ...]]
    elisions: frozenset[str] = field(repr=False)
    verb_class: Mapping[str, str] = field(repr=False)
    verb_index: Mapping[str, tuple[_Form, ...]] = field(repr=False)
    separable: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(repr=False)
    noun_index: Index = field(repr=False)
    nominal_index: Index = field(repr=False)
    function_index: Index = field(repr=False)
    counterparts: Mapping[str, str] = field(repr=False)
    customer_object_counterparts: Mapping[str, str] = field(repr=False)
    words: Mapping[str, frozenset[str]] = field(repr=False)
    lemma_display: Mapping[str, str] = field(repr=False)

    def has(self, key: str, word: str) -> bool:
        """Whether a folded single word is in one of the grammar-word lists."""
        return word in self.words.get(key, frozenset())


def lexicon_keys() -> frozenset[str]:
    """The keys of the data files, which are also the keys users may extend in journeymap.toml."""
    return _KEYS


@lru_cache(maxsize=None)
def _read_data(lang: str) -> Mapping[str, tuple[str, ...]]:
    """The built-in lists of one language, read once from the package's data files."""
    import tomllib  # deferred: importing the checker must stay cheap for commands that never run it
    from importlib import resources

    path = resources.files("journeymap.viewpoint").joinpath("lexicons", f"{lang}.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - _KEYS
    missing = _KEYS - set(data)
    if unknown or missing:
        raise ValueError(f"lexicon {lang}.toml: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    out: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"lexicon {lang}.toml: '{key}' must be a list of strings")
        out[key] = tuple(value)
    return MappingProxyType(out)


def _freeze_extra(extra: Mapping[str, Sequence[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not extra:
        return ()
    if not isinstance(extra, Mapping):
        raise ValueError("lexicon extensions must be a table of lists, e.g. {'company_verbs': ['provision']}")
    frozen: list[tuple[str, tuple[str, ...]]] = []
    for key in sorted(extra):
        if key not in _KEYS:
            raise ValueError(f"unknown lexicon key '{key}'; valid keys: {', '.join(sorted(_KEYS))}")
        values = extra[key]
        if isinstance(values, str) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"lexicon key '{key}' must be a list of strings, e.g. {key} = [\"word\"]")
        frozen.append((key, tuple(values)))
    return tuple(frozen)


def load_lexicon(lang: str, extra: Mapping[str, Sequence[str]] | None = None) -> Lexicon:
    """The lexicon of `lang` ("en" or "fr"), extended with the user's `extra` entries; cached per arguments.

    `extra` uses the data files' keys; its entries are appended, and an entry written "-word" removes a
    built-in one. Raises ValueError on an unknown language or key.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown viewpoint language '{lang}'; expected one of: {', '.join(LANGUAGES)}")
    return _build(lang, _freeze_extra(extra))


def _split_mapping(entry: str) -> tuple[str, str] | None:
    parts = _ARROW.split(entry.strip(), maxsplit=1)
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return None
    return parts[0], parts[1]


def _longest_first(phrase: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    """Longest first for greedy matching; ties in a fixed order, so every process (and the cache) agrees."""
    return -len(phrase), phrase


def _index(pairs: Iterable[tuple[tuple[str, ...], str]]) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Phrases by their first token, longest first, for greedy longest-match look-ups."""
    grouped: dict[str, dict[tuple[str, ...], str]] = {}
    for tokens, payload in pairs:
        if tokens:
            grouped.setdefault(tokens[0], {}).setdefault(tokens, payload)
    return {
        first: tuple(sorted(phrases.items(), key=lambda item: -len(item[0])))
        for first, phrases in grouped.items()
    }


@lru_cache(maxsize=64)
def _build(lang: str, extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    """Compiled once per process, and kept in the user's cache (journeymap/cache.py) while the data files, the
    extensions and this module stay the same: compiling takes longer than checking a typical journey."""
    key = _cache_key(lang, extra)
    cached = _decode(cache.read("lexicon", key)) if key is not None else None
    if cached is not None:
        return cached
    lexicon = _compile(lang, extra)
    if key is not None:
        cache.write("lexicon", key, marshal.dumps(_to_plain(lexicon)))
    return lexicon


def _decode(data: bytes | None) -> Lexicon | None:
    """A cache entry as a lexicon; None when there is none, or it is not a lexicon of this layout (the key names
    the code, so only tampering gets here): then the lexicon is compiled afresh."""
    if data is None:
        return None
    try:
        return _from_plain(marshal.loads(data))
    except (EOFError, ValueError, TypeError, IndexError, AttributeError):
        return None


def _cache_key(lang: str, extra: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    from importlib import resources

    try:
        data = resources.files("journeymap.viewpoint").joinpath("lexicons", f"{lang}.toml").read_bytes()
        code = Path(__file__).read_bytes()
    except OSError:  # installed in a way that hides the files (a zip): no cache
        return None
    return cache.digest(lang, data, repr(extra), code)


def _to_plain(lexicon: Lexicon) -> tuple[Any, ...]:
    """The lexicon as the built-in types `marshal` stores (named tuples and mapping proxies are not)."""
    return (
        lexicon.lang,
        dict(lexicon.entries),
        lexicon.elisions,
        dict(lexicon.verb_class),
        {first: tuple(tuple(form) for form in forms) for first, forms in lexicon.verb_index.items()},
        dict(lexicon.separable),
        dict(lexicon.noun_index),
        dict(lexicon.nominal_index),
        {key: dict(firsts) for key, firsts in lexicon.function_index.items()},
        dict(lexicon.counterparts),
        dict(lexicon.customer_object_counterparts),
        dict(lexicon.words),
        dict(lexicon.lemma_display),
    )


def _from_plain(plain: tuple[Any, ...]) -> Lexicon:
    (lang, entries, elisions, verb_class, verb_index, separable, noun_index, nominal_index, function_index,
     counterparts, customer_object_counterparts, words, lemma_display) = plain  # fmt: skip
    return Lexicon(
        lang=lang,
        entries=MappingProxyType(entries),
        elisions=elisions,
        verb_class=MappingProxyType(verb_class),
        verb_index=MappingProxyType({first: tuple(_Form(*f) for f in forms) for first, forms in verb_index.items()}),
        separable=MappingProxyType(separable),
        noun_index=MappingProxyType(noun_index),
        nominal_index=MappingProxyType(nominal_index),
        function_index=MappingProxyType({key: MappingProxyType(firsts) for key, firsts in function_index.items()}),
        counterparts=MappingProxyType(counterparts),
        customer_object_counterparts=MappingProxyType(customer_object_counterparts),
        words=MappingProxyType(words),
        lemma_display=MappingProxyType(lemma_display),
    )


def _compile(lang: str, extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    """Merge the built-in lists with the extensions and compile the look-up tables."""
    merged: dict[str, list[str]] = {key: list(values) for key, values in _read_data(lang).items()}
    for key, values in extra:
        for value in values:
            value = value.strip()
            if value.startswith("-"):
                target = fold(value[1:].strip())
                merged[key] = [v for v in merged[key] if fold(v) != target and fold(v.split("->")[0].strip()) != target]
            elif value:
                merged[key].append(value)
    entries = {key: tuple(values) for key, values in merged.items()}

    elisions = frozenset(fold(e).rstrip("'") for e in entries["elisions"])

    def toks(phrase: str) -> tuple[str, ...]:
        return _phrase_tokens(phrase, lang, elisions)

    def lemma_key(phrase: str) -> str:
        return " ".join(toks(phrase))

    # verbs ----------------------------------------------------------------------------------------------------
    irregular: dict[str, tuple[str, ...]] = {}
    for entry in entries["irregular_forms"]:
        pair = _split_mapping(entry)
        if pair:
            lemma = " ".join(_written_words(pair[0])).lower()
            words = [w.lower() for w in _written_words(pair[1])]
            n_words = len(lemma.split())  # "send out -> sends out sent out": forms of as many words as the lemma
            irregular[fold(lemma)] = tuple(" ".join(words[i : i + n_words]) for i in range(0, len(words), n_words))

    verb_class: dict[str, str] = {}
    display: dict[str, str] = {}
    for key, cls in _CLASS_ORDER:
        for entry in entries[key]:
            lemma = lemma_key(entry)
            if lemma and lemma not in verb_class:
                verb_class[lemma] = cls
                display[lemma] = entry.strip()
    nominal_pairs: list[tuple[tuple[str, ...], str]] = []
    for entry in entries["nominalisations"]:
        pair = _split_mapping(entry)
        if pair:
            noun, lemma = lemma_key(pair[0]), lemma_key(pair[1])
            display.setdefault(lemma, pair[1].strip())
            for variant in sorted({noun} | _plurals(noun, lang)):  # sorted: the same tables in every process
                nominal_pairs.append((tuple(variant.split()), lemma))

    forms: list[_Form] = []
    separable: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for lemma in verb_class:
        written = " ".join(_written_words(display.get(lemma, lemma))).lower()
        for form, kinds in verb_forms(written, lang, irregular).items():
            form_toks = toks(form)
            if form_toks:
                forms.append(_Form(form_toks, lemma, kinds, form.split()[0]))
        words = lemma.split()
        if lang == "en" and len(words) > 1:
            separable.setdefault(words[0], []).append((tuple(words[1:]), lemma))
    verb_index: dict[str, list[_Form]] = {}
    for form in forms:
        verb_index.setdefault(form.tokens[0], []).append(form)
    frozen_verbs = {k: tuple(sorted(v, key=lambda f: -len(f.tokens))) for k, v in verb_index.items()}

    # nouns ----------------------------------------------------------------------------------------------------
    noun_pairs: list[tuple[tuple[str, ...], str]] = []
    categories: dict[tuple[str, ...], list[str]] = {}
    for key, category in _NOUN_CATEGORIES:
        for entry in entries[key]:
            base = lemma_key(entry)
            for variant in sorted({base} | _plurals(base, lang)):
                categories.setdefault(tuple(variant.split()), []).append(category)
    for phrase, found in categories.items():
        # a company artefact the customer then has assessed ("refund", "remboursement") is both
        category = "case-artefact" if found[0] in ("case", "artefact") and {"case", "artefact"} <= set(found) else found[0]
        noun_pairs.append((phrase, category))

    # grammar words --------------------------------------------------------------------------------------------
    function_pairs: list[tuple[tuple[str, ...], str]] = []
    word_sets: dict[str, frozenset[str]] = {}
    for key in (
        "determiners", "customer_possessives", "company_possessives", "customer_pronouns", "company_pronouns",
        "prepositions", "recipient_markers", "genitive_markers", "agent_markers", "role_markers",
        "other_markers", "clause_breaks", "purpose_markers", "skip_words", "passive_auxiliaries",
        "active_auxiliaries", "clitics", "indefinite_determiners", "target_markers",
    ):  # fmt: skip
        phrases = [toks(e) for e in entries[key]]
        word_sets[key] = frozenset(p[0] for p in phrases if len(p) == 1)
        function_pairs.extend((p, key) for p in phrases if p)
    function_index: dict[str, dict[str, set[tuple[str, ...]]]] = {}
    for phrase, key in function_pairs:
        function_index.setdefault(key, {}).setdefault(phrase[0], set()).add(phrase)

    def counterpart_table(key: str) -> dict[str, str]:
        table: dict[str, str] = {}
        for entry in entries[key]:
            pair = _split_mapping(entry)
            if pair:
                table[lemma_key(pair[0])] = pair[1]
        return table

    return Lexicon(
        lang=lang,
        entries=MappingProxyType(entries),
        elisions=elisions,
        verb_class=MappingProxyType(verb_class),
        verb_index=MappingProxyType(frozen_verbs),
        separable=MappingProxyType({k: tuple(v) for k, v in separable.items()}),
        noun_index=MappingProxyType(_index(noun_pairs)),
        nominal_index=MappingProxyType(_index(nominal_pairs)),
        function_index=MappingProxyType(
            {
                key: MappingProxyType({first: tuple(sorted(p, key=_longest_first)) for first, p in firsts.items()})
                for key, firsts in function_index.items()
            }
        ),
        counterparts=MappingProxyType(counterpart_table("counterparts")),
        customer_object_counterparts=MappingProxyType(counterpart_table("customer_object_counterparts")),
        words=MappingProxyType(word_sets),
        lemma_display=MappingProxyType(display),
    )


def _written_words(phrase: str) -> list[str]:
    """The words of a lexicon entry as written (accents kept), hyphens and apostrophes split like labels."""
    out: list[str] = []
    for part in phrase.replace("’", "'").replace("-", " ").split():
        head, apostrophe, tail = part.partition("'")
        if apostrophe and head and tail:
            out.extend([head + "'", tail])
        else:
            out.append(part)
    return out


# --------------------------------------------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------------------------------------------


class _Done(Exception):
    """Ends the analysis without a finding: the label is the customer's action, or nothing tells whose it is.

    A reading method returns a finding, returns None when its pattern does not apply (the next reading is
    tried), or raises _Done when its pattern applies and clears the label.
    """


class _Hit(NamedTuple):
    category: str
    start: int  # token index in the clause
    end: int
    context: str  # direct, recipient, genitive, genitive-head (right after a nominalisation), other-prep, agent, other
    marker: str = ""  # the preposition that introduced it ("to", "avec"), folded
    indefinite: bool = False  # introduced by "a", "un", "une": some member of a kind, not a known party


@dataclass
class _Objects:
    """What the words after a verb (or around a nominalisation) say about whose action it is."""

    hits: list[_Hit]
    own: bool  # the object is the customer's own ("my documents", "sa candidature", "the signed contract")
    company_owned: bool  # "our offer", "notre devis"
    first_np: tuple[int, int] | None  # the direct object, for suggestions

    def first(self, category: str, contexts: Iterable[str] | None = None) -> _Hit | None:
        return self.first_of((category,), contexts)

    def first_of(self, categories: Iterable[str], contexts: Iterable[str] | None = None) -> _Hit | None:
        wanted = set(contexts) if contexts is not None else None
        cats = set(categories)
        for hit in self.hits:
            if hit.category in cats and (wanted is None or hit.context in wanted):
                return hit
        return None


class _Analyser:
    """Reads one label; a fresh instance per call keeps check_action thread-safe."""

    def __init__(self, lexicon: Lexicon, text: str) -> None:
        self.lex = lexicon
        self.lang = lexicon.lang
        self.text = text

    # -- small look-ups ----------------------------------------------------------------------------------------

    def is_word(self, key: str, tok: _Tok) -> bool:
        """Whether a token is a single-word entry of a grammar list."""
        return tok.key in self.lex.words.get(key, frozenset())

    def function_at(self, key: str, toks: Sequence[_Tok], i: int) -> int:
        """Length of the longest phrase of grammar list `key` starting at toks[i] (0 when none)."""
        if i >= len(toks):
            return 0
        for phrase in self.lex.function_index.get(key, {}).get(toks[i].key, ()):
            if tuple(t.key for t in toks[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def is_function(self, tok: _Tok) -> bool:
        """Grammar words end noun phrases and never carry the action themselves."""
        words = self.lex.words
        return any(
            tok.key in words[key]
            for key in (
                "determiners", "customer_possessives", "company_possessives", "customer_pronouns",
                "company_pronouns", "prepositions", "recipient_markers", "genitive_markers", "agent_markers",
                "role_markers", "clause_breaks", "clitics",
            )
        ) or tok.key in ("'s", "'")  # fmt: skip

    def noun_at(self, toks: Sequence[_Tok], i: int) -> tuple[int, str] | None:
        """Longest noun phrase of the lexicon at toks[i]: (length, category)."""
        if i >= len(toks):
            return None
        for phrase, category in self.lex.noun_index.get(toks[i].key, ()):
            if tuple(t.key for t in toks[i : i + len(phrase)]) == phrase:
                return len(phrase), category
        return None

    def nominal_at(self, toks: Sequence[_Tok], i: int) -> tuple[int, str] | None:
        """Longest nominalisation at toks[i]: (length, verb lemma)."""
        if i >= len(toks):
            return None
        for phrase, lemma in self.lex.nominal_index.get(toks[i].key, ()):
            if tuple(t.key for t in toks[i : i + len(phrase)]) == phrase:
                return len(phrase), lemma
        return None

    def verb_at(self, toks: Sequence[_Tok], i: int, kinds: int) -> tuple[int, str, int] | None:
        """Longest verb form at toks[i] whose kinds meet `kinds`: (length, lemma, kinds of the form)."""
        if i >= len(toks):
            return None
        candidates = self.lex.verb_index.get(toks[i].key, ())
        best: tuple[int, str, int] | None = None
        matched: list[_Form] = []
        for form in candidates:
            if best is not None and len(form.tokens) < best[0]:
                break
            if tuple(t.key for t in toks[i : i + len(form.tokens)]) != form.tokens:
                continue
            matched.append(form)
            best = (len(form.tokens), form.lemma, 0)
        if not matched:
            return None
        exact = [f for f in matched if f.exact == toks[i].lower]
        pool = exact or matched
        # prefer the lemma whose form has the wanted kinds; among several, the most specific verb class
        viable = [f for f in pool if f.kinds & kinds]
        if not viable:
            return None
        viable.sort(key=lambda f: _CLASS_RANK.get(self.lex.verb_class.get(f.lemma, ""), 9))
        chosen = viable[0]
        union = 0
        for f in pool:
            if f.lemma == chosen.lemma:
                union |= f.kinds
        return len(chosen.tokens), chosen.lemma, union

    def span_text(self, toks: Sequence[_Tok], a: int, b: int) -> str:
        """The label's own words from toks[a] to toks[b - 1], as written."""
        if a >= b or a >= len(toks):
            return ""
        b = min(b, len(toks))
        return self.text[toks[a].start : toks[b - 1].end]

    def cls(self, lemma: str) -> str:
        """The verb class of a lemma; "unknown" for verbs the lexicon does not list."""
        return self.lex.verb_class.get(lemma, "unknown")

    def display(self, lemma: str) -> str:
        """A lemma as the lexicon writes it (with accents), for messages."""
        return self.lex.lemma_display.get(lemma, lemma)

    # -- entry point -------------------------------------------------------------------------------------------

    def run(self, clauses: list[tuple[list[_Tok], str]]) -> ViewpointFinding | None:
        """Judge the main clause: the first one that is not a role prefix or an adverbial ("En ligne, ...")."""
        if not clauses:
            return None
        first, sep = clauses[0]
        rest = clauses[1:]
        # "Agent: call the customer back" / "Client : reçoit le devis" / "Step 2: send the quote"
        if ":" in sep and rest and len(first) <= 4:
            role = self.role_of(first)
            if role == "customer":
                return None
            if role == "company":
                target = rest[0][0]
                return ViewpointFinding(
                    kind="company-subject",
                    reason=f"'{self.span_text(first, 0, len(first))}' is the company: the step says what the "
                    "company does, not what the customer does.",
                    suggestion=self.subject_suggestion(target, 0),
                    matched=self.span_text(first, 0, len(first)),
                )
            clauses = rest
        for toks, _sep in clauses:
            i = self.skip_leading(toks, 0)
            if i >= len(toks):
                continue
            if self.function_at("prepositions", toks, i) and not self.verb_at(toks, i, _START_KINDS[self.lang]):
                continue  # an adverbial clause ("After the visit, ...", "En ligne, ...")
            try:
                return self.clause(toks, i)
            except _Done:
                return None
        return None

    def role_of(self, toks: Sequence[_Tok]) -> str | None:
        """Whether a short prefix before a colon names the company, the customer, or neither."""
        for i, tok in enumerate(toks):
            if self.is_word("company_pronouns", tok) or self.is_word("company_possessives", tok):
                return "company"
            if self.is_word("customer_pronouns", tok):
                return "customer"
            noun = self.noun_at(toks, i)
            if noun and noun[1] in ("actor", "internal"):
                return "company"
            if noun and noun[1] == "customer":
                return "customer"
        return None

    def skip_leading(self, toks: Sequence[_Tok], i: int) -> int:
        """Past numbering, bullets and words like "then" / "puis" that do not carry the action."""
        while i < len(toks):
            tok = toks[i]
            if tok.key.isdigit() or (len(tok.key) == 1 and tok.key not in ("a", "y", "i") and i + 1 < len(toks)):
                i += 1
                continue
            n = self.function_at("skip_words", toks, i)
            if n and i + n < len(toks):
                i += n
                continue
            if self.lang == "en" and tok.key == "to" and self.verb_at(toks, i + 1, BASE):
                i += 1
                continue
            break
        return i

    # -- one clause ----------------------------------------------------------------------------------------------

    def clause(self, toks: list[_Tok], i: int) -> ViewpointFinding | None:
        """Try the readings from the most to the least specific; the first that applies decides."""
        tok = toks[i]
        if self.is_word("customer_pronouns", tok):
            raise _Done  # "I check my order", "Je prends rendez-vous", "Vous recevez le devis"
        if self.is_word("company_pronouns", tok):
            result = self.pronoun_subject(toks, i)
            if result is not None:
                return result
        subject = self.subject(toks, i)
        if subject is not None:
            return subject
        if self.lang == "en":
            compound = self.english_compound(toks, i)
            if compound is not None:
                return compound
        verb = self.start_verb(toks, i)
        if verb is not None:
            return verb
        nominal = self.nominal_start(toks, i)
        if nominal is not None:
            return nominal
        generic = self.unknown_verb(toks, i)
        if generic is not None:
            return generic
        addressed = self.artefact_to_customer(toks, i)
        if addressed is not None:
            return addressed
        return self.internal_anywhere(toks, i)

    def artefact_to_customer(self, toks: list[_Tok], i: int) -> ViewpointFinding | None:
        """"Mail de relance au client", "Quote to the customer": a company artefact addressed to the customer."""
        j = i + (1 if self.is_word("determiners", toks[i]) else 0)
        noun = self.noun_at(toks, j)
        if noun is None or noun[1] not in ("artefact", "case-artefact"):
            return None
        end = j + noun[0]
        objects = self.objects(toks, end, self.region_end(toks, end), mode="verb")
        hit = objects.first("customer", ("recipient",))
        if hit is None or objects.first("actor", ("recipient",)) is not None:
            return None
        thing = self.span_text(toks, j, end)
        return ViewpointFinding(
            kind="company-noun",
            reason=f"'{thing}' is a company artefact addressed to '{self.span_text(toks, hit.start, hit.end)}': "
            "the company sends it, the customer receives it.",
            suggestion=None,
            matched=self.span_text(toks, i, hit.end),
        )

    # -- subjects ------------------------------------------------------------------------------------------------

    def pronoun_subject(self, toks: list[_Tok], i: int) -> ViewpointFinding | None:
        """"We send the invoice", "Nous envoyons", "On expédie"; "Nous contacter" is the customer's."""
        j = i + 1
        while j < len(toks) and self.is_word("clitics", toks[j]) and j - i < 3:
            j += 1
        if j >= len(toks):
            return None
        if self.lang == "fr":
            form = self.verb_at(toks, j, BASE | FINITE | PP)
            if form and form[2] == BASE:
                raise _Done  # "Nous contacter", "Nous écrire": an infinitive after the pronoun addresses us
        aux = self.function_at("active_auxiliaries", toks, j) or self.function_at("passive_auxiliaries", toks, j)
        k = j + aux
        form = self.verb_at(toks, k, BASE | FINITE | PP | ING)
        if form is None and (aux or j > i + 1 or not self.is_function(toks[j])):
            form_len, lemma = 1, ""
        elif form is None:
            return None
        else:
            form_len, lemma = form[0], form[1]
        return self.company_subject(toks, i, i + 1, k + form_len, lemma)

    def subject(self, toks: list[_Tok], i: int) -> ViewpointFinding | None:
        """A noun phrase at the start followed by a verb: active (who acts?) or passive (what is done?)."""
        j = i
        det = ""
        if self.is_word("determiners", toks[j]) or self.is_word("customer_possessives", toks[j]):
            det = "det"
            j += 1
        elif self.is_word("company_possessives", toks[j]):
            det = "company"
            j += 1
        if j >= len(toks):
            return None
        noun = self.noun_at(toks, j)
        if noun is None and det and j + 1 < len(toks) and not self.is_function(toks[j]):
            noun2 = self.noun_at(toks, j + 1)  # "the new user", "le nouveau client"
            if noun2:
                noun = (noun2[0] + 1, noun2[1])
        if noun is not None:
            k = j + noun[0]
            category = noun[1]
        elif det == "company":
            k, category = j + 1, "actor"  # "Our team", "Nos équipes"
        elif det or not self.verb_at(toks, j, _START_KINDS[self.lang]):
            # an unknown noun phrase: only a passive can tell something ("Le colis est livré", "Quote sent")
            k = j
            while k < len(toks) and k - j < 3 and not self.is_function(toks[k]) and not self.verb_at(
                toks, k, PP | FINITE
            ):
                k += 1
            if k == j:
                return None
            category = "thing"
        else:
            return None
        if category in ("internal",):
            category = "actor"
        if det == "company":
            category = "actor"
        # a trailing adjective: "Le client final reçoit", "The insurer's expert"
        after = k
        if after < len(toks) and toks[after].key == "'s":
            return None
        passive = self.passive_after(toks, i, k, category)
        if passive is not None:
            return passive
        active = self.active_after(toks, i, k, category, bool(det))
        if active is not None:
            return active
        if (
            after + 1 < len(toks)
            and not self.is_function(toks[after])
            and self.noun_at(toks, after) is None
            and not self.verb_at(toks, after, PP | FINITE)
        ):
            passive = self.passive_after(toks, i, after + 1, category)
            if passive is not None:
                return passive
            active = self.active_after(toks, i, after + 1, category, bool(det))
            if active is not None:
                return active
        return None

    def passive_after(self, toks: list[_Tok], i: int, k: int, category: str) -> ViewpointFinding | None:
        """NP + (is/est) + participle [+ by/par agent]: the subject is what the company acts on."""
        if k >= len(toks):
            return None
        aux = self.function_at("passive_auxiliaries", toks, k)
        m = k + aux
        while m < len(toks) and self.function_at("skip_words", toks, m):
            m += self.function_at("skip_words", toks, m)
        form = self.verb_at(toks, m, PP)
        if form is None:
            return None
        if not aux:
            if category in ("actor", "customer") and self.verb_at(toks, m, FINITE):
                return None  # "Agent called the customer": an active past, not "Quote sent"
            nxt = m + form[0]
            if nxt < len(toks) and not (
                self.is_function(toks[nxt]) or self.function_at("skip_words", toks, nxt) or toks[nxt].key.isdigit()
            ):
                return None  # "Review signed contract": a participle used as an adjective
            if self.lang == "fr" and category == "customer" and not toks[m].lower.endswith(_FR_PARTICIPLE_ENDINGS):
                return None  # "Client valide" (accents dropped) reads as "le client valide", not "client validé"
        lemma = form[1]
        end = m + form[0]
        cls = self.cls(lemma)
        if cls == "linking":
            return None
        # the agent: "par le service", "by support"
        agent = None
        for a in range(end, len(toks)):
            n = self.function_at("agent_markers", toks, a)
            if n:
                agent = self.find_noun(toks, a + n, len(toks))
                break
        span = self.span_text(toks, i, end)
        if agent is not None:
            if agent.category in ("actor", "internal"):
                agent_text = self.span_text(toks, agent.start, agent.end)
                return ViewpointFinding(
                    kind="company-passive",
                    reason=f"'{span}' is a passive whose agent is the company ('{agent_text}'): the step is "
                    "told from the company's side.",
                    suggestion=self.suggest(lemma, category == "customer", toks, (i, k), nominal=False),
                    matched=self.span_text(toks, i, agent.end),
                )
            if agent.category == "customer":
                raise _Done
        if category == "actor":
            return self.company_subject(toks, i, k, end, lemma)
        if cls == "customer":
            raise _Done
        objects = self.objects(toks, i, k, mode="passive")
        finding = self.decide(lemma, cls, toks, (m, end), objects, mode="passive")
        return ViewpointFinding(
            kind="company-passive",
            reason=f"'{span}' is a passive where the company acts on '{self.span_text(toks, i, k)}': "
            "the step is told from the company's side.",
            suggestion=finding.suggestion,
            matched=span,
        )

    def active_after(self, toks: list[_Tok], i: int, k: int, category: str, has_det: bool) -> ViewpointFinding | None:
        """NP + conjugated verb: a company subject is a finding, a customer subject ends the analysis."""
        if k >= len(toks) or category not in ("actor", "customer"):
            return None
        j = k
        aux = self.function_at("active_auxiliaries", toks, j)
        progressive = self.function_at("passive_auxiliaries", toks, j)
        if not aux and progressive and self.verb_at(toks, j + progressive, ING):
            aux = progressive  # "The agent is calling the customer"
        if aux:
            j += aux
        clitic = 0
        while j < len(toks) and self.lang == "fr" and self.is_word("clitics", toks[j]) and clitic < 3:
            j += 1
            clitic += 1
        if j >= len(toks):
            return None
        wanted = BASE | PP | FINITE if aux else FINITE
        form = self.verb_at(toks, j, wanted | (ING if aux else 0))
        plural_subject = toks[k - 1].key.endswith("s") and not toks[k - 1].key.endswith("ss")
        if form is None and self.lang == "en" and not aux and plural_subject:
            form = self.verb_at(toks, j, BASE)
        if form is None:
            guess = (
                clitic > 0
                or aux > 0
                or (
                    self.lang == "en"
                    and toks[j].key.endswith("s")
                    and not toks[j].key.endswith("ss")
                    and j + 1 < len(toks)
                    and not self.is_function(toks[j])
                    and self.noun_at(toks, j) is None
                )
            )
            if not guess:
                return None
            form = (1, "", FINITE)
        end = j + form[0]
        if (
            self.lang == "en"
            and not has_det
            and not aux
            and end >= len(toks)
            and category == "actor"
            and (self.nominal_at(toks, j) or self.noun_at(toks, j))
        ):
            return None  # "Support requests": a noun compound, not a sentence
        if category == "customer":
            raise _Done
        if self.cls(form[1]) == "linking" and end >= len(toks):
            return None
        return self.company_subject(toks, i, k, end, form[1])

    def company_subject(self, toks: list[_Tok], i: int, k: int, end: int, lemma: str) -> ViewpointFinding:
        """The subject toks[i:k] is the company; the verb ends at `end` and its object drives the suggestion."""
        subject = self.span_text(toks, i, k)
        suggestion = None
        if lemma:
            objects = self.objects(toks, end, len(toks), mode="verb")
            customer = objects.first("customer", ("direct", "recipient", "genitive", "other-prep")) is not None
            suggestion = self.suggest(lemma, customer, toks, objects.first_np, nominal=False)
        return ViewpointFinding(
            kind="company-subject",
            reason=f"'{subject}' is the company: the step says what the company does, not what the customer does.",
            suggestion=suggestion,
            matched=self.span_text(toks, i, end),
        )

    def subject_suggestion(self, toks: list[_Tok], i: int) -> str | None:
        """The suggestion for "Agent: call the customer back", from the clause after the role."""
        i = self.skip_leading(toks, i)
        form = self.verb_at(toks, i, BASE | FINITE)
        if form is None:
            return None
        end = i + form[0]
        objects = self.objects(toks, end, len(toks), mode="verb")
        customer = objects.first("customer", ("direct", "recipient", "genitive", "other-prep")) is not None
        return self.suggest(form[1], customer, toks, objects.first_np, nominal=False)

    # -- verbs -----------------------------------------------------------------------------------------------------

    def start_verb(self, toks: list[_Tok], i: int) -> ViewpointFinding | None:
        """The imperative/infinitive style of most labels: "Send a quote", "Rappeler le client"."""
        j = i
        reflexive = False
        if self.lang == "fr":
            while j < len(toks) - 1 and self.is_word("clitics", toks[j]) and j - i < 2:
                if toks[j].key in ("se", "s'"):
                    reflexive = True
                j += 1
        form = self.verb_at(toks, j, _START_KINDS[self.lang])
        if form is None:
            return None
        length, lemma, kinds = form
        end = j + length
        if self.lang == "en" and self.looks_like_noun(toks, j, end):
            return None
        if self.lang == "en" and end >= len(toks) and self.nominal_at(toks, j):
            raise _Done  # "Audit", "Dispatch", "Follow-up": a stage name as much as an order
        if self.lang == "en" and not kinds & (BASE | ING) and j + length >= len(toks):
            return None
        if (
            self.lang == "en"
            and kinds & ING
            and not kinds & BASE
            and end < len(toks)
            and not self.is_function(toks[end])
            and self.noun_at(toks, end) is None
        ):
            return None  # "Onboarding session", "Shipping options": a gerund used as a modifier
        cls = self.cls(lemma)
        # "and compare", "et comparer": a second verb sharing the object
        region_start = end
        n = self.function_at("clause_breaks", toks, region_start)
        if n and self.verb_at(toks, region_start + n, _START_KINDS[self.lang]):
            second = self.verb_at(toks, region_start + n, _START_KINDS[self.lang])
            assert second is not None
            region_start = region_start + n + second[0]
        region_end = self.region_end(toks, region_start)
        lemma, region_end, particle = self.separable_particle(toks, lemma, region_start, region_end)
        cls = self.cls(lemma)
        if cls == "linking":
            raise _Done
        if cls == "light":
            return self.light_verb(toks, (j, end), region_start, region_end)
        if reflexive and cls in ("unknown",):
            raise _Done
        objects = self.objects(toks, region_start, region_end, mode="verb", skip=particle)
        return self.decide(lemma, cls, toks, (j, end), objects, mode="verb")

    def light_verb(
        self, toks: list[_Tok], verb: tuple[int, int], start: int, end: int
    ) -> ViewpointFinding | None:
        """"Perform the audit", "Procéder à la vérification": the nominalisation object carries the action."""
        p = start
        while p < end and p - start < 3 and (self.is_function(toks[p]) or self.function_at("skip_words", toks, p)):
            p += 1
        nominal = self.nominal_at(toks, p)
        if nominal is None and self.lang == "en":
            gerund = self.verb_at(toks, p, ING)  # "Perform the onboarding"
            nominal = (gerund[0], gerund[1]) if gerund else None
        if nominal is not None:
            return self.nominal(toks, verb[0], p, p + nominal[0], nominal[1], premods=None, performed=True)
        objects = self.objects(toks, start, end, mode="verb")
        return self.decide("", "unknown", toks, verb, objects, mode="verb")

    def looks_like_noun(self, toks: list[_Tok], j: int, end: int) -> bool:
        """English nouns double as verbs ("Invoice details", "Order online"): a verb takes an object."""
        if self.noun_at(toks, j) is None:
            return False
        if end >= len(toks):
            return False
        following = self.noun_at(toks, end)
        return not (
            self.is_function(toks[end])
            or self.function_at("skip_words", toks, end)
            or (following is not None and following[1] in ("customer", "actor"))
        )

    def separable_particle(
        self, toks: list[_Tok], lemma: str, start: int, end: int
    ) -> tuple[str, int, frozenset[int]]:
        """"Call the prospect back" is "call back" with its particle moved after the object."""
        if self.lang != "en" or " " in lemma:
            return lemma, end, frozenset()
        for rest, full in self.lex.separable.get(lemma, ()):
            for p in range(start + 1, min(end, start + 6)):
                if tuple(t.key for t in toks[p : p + len(rest)]) != rest:
                    continue
                after = p + len(rest)
                # a particle ends the verb phrase: "Log the incident in ServiceNow" has a preposition instead
                ends_phrase = after >= end or (
                    (self.is_word("prepositions", toks[after]) and not self.is_word("determiners", toks[after]))
                    or self.function_at("skip_words", toks, after) > 0
                    or toks[after].key.isdigit()
                )
                if ends_phrase:
                    return full, end, frozenset(range(p, after))
        return lemma, end, frozenset()

    def region_end(self, toks: list[_Tok], start: int) -> int:
        """Where the verb's complements stop: before "and <verb>", "to <verb>", "pour <verbe>"."""
        for p in range(start, len(toks)):
            for key in ("clause_breaks", "purpose_markers"):
                n = self.function_at(key, toks, p)
                if n and self.verb_at(toks, p + n, BASE | (ING if self.lang == "en" else 0)):
                    return p
        return len(toks)

    # -- nominalisations ----------------------------------------------------------------------------------------

    def english_compound(self, toks: list[_Tok], i: int) -> ViewpointFinding | None:
        """"Order processing", "Claim handling", "Customer onboarding": the head comes last."""
        for h in range(i + 1, min(len(toks), i + 4)):
            if self.is_function(toks[h - 1]):
                return None
            nominal = self.nominal_at(toks, h)
            form = self.verb_at(toks, h, ING)
            if nominal is not None:
                length, lemma = nominal
            elif form is not None:
                length, lemma = form[0], form[1]
            else:
                continue
            end = h + length
            if end < len(toks) and not (self.is_function(toks[end]) or self.function_at("skip_words", toks, end)):
                continue
            premods = range(i, h)
            if not any(self.noun_at(toks, p) for p in premods):
                return None  # "Home delivery", "Price comparison": nothing known to act on
            if self.verb_at(toks, i, BASE) and (
                (self.noun_at(toks, i) is None and self.nominal_at(toks, i) is None) or self.noun_at(toks, h)
            ):
                return None  # "Track order shipping", "Claim compensation": a verb, then its object
            if any(self.verb_at(toks, p, ING) or (self.nominal_at(toks, p) and not self.noun_at(toks, p)) for p in premods):
                raise _Done  # "Customer onboarding call": the head is an event, not an action on the customer
            return self.nominal(toks, i, h, end, lemma, premods=(i, h))
        return None

    def nominal_start(self, toks: list[_Tok], i: int) -> ViewpointFinding | None:
        """"Envoi du devis", "Relance client", "Processing of the claim"."""
        nominal = self.nominal_at(toks, i)
        if nominal is None:
            return None
        length, lemma = nominal
        end = i + length
        if self.lang == "en" and end < len(toks) and not self.is_function(toks[end]):
            return None  # English puts the head last: "Billing address" is an address
        return self.nominal(toks, i, i, end, lemma, premods=None)

    def nominal(
        self,
        toks: list[_Tok],
        i: int,
        h: int,
        end: int,
        lemma: str,
        premods: tuple[int, int] | None,
        performed: bool = False,
    ) -> ViewpointFinding | None:
        """Judge a nominalisation (head toks[h:end]) like its verb, with its complement as the object.

        `performed`: a light verb makes it an action ("Perform the audit"), not a stage name ("Audit").
        """
        cls = self.cls(lemma)
        if cls in ("customer", "linking"):
            raise _Done
        region_end = self.region_end(toks, end)
        objects = self.objects(toks, end, region_end, mode="nominal", premods=premods)
        agent = objects.first_of(("actor", "internal"), ("agent",))
        if agent is not None:
            return ViewpointFinding(
                kind="company-noun",
                reason=f"'{self.span_text(toks, h, end)}' is done here by the company "
                f"('{self.span_text(toks, agent.start, agent.end)}'): a process step, not the customer's action.",
                suggestion=self.suggest(lemma, objects.first("customer") is not None, toks, objects.first_np, nominal=True),
                matched=self.span_text(toks, i, agent.end),
            )
        bare = premods is None and objects.first_np is None and not any(
            hit.context != "agent" and hit.category != "third-party" for hit in objects.hits
        )
        if bare and not (performed and cls == "company"):
            raise _Done  # "Livraison", "Livraison à domicile": a stage name, not a judgeable action
        return self.decide(lemma, cls, toks, (h, end), objects, mode="nominal", start=i)

    # -- unknown verbs and jargon ---------------------------------------------------------------------------------

    def unknown_verb(self, toks: list[_Tok], i: int) -> ViewpointFinding | None:
        """A verb missing from the lexicon still gives itself away when the customer is its object."""
        tok = toks[i]
        if self.is_function(tok) or self.noun_at(toks, i) or self.nominal_at(toks, i) or not tok.key.isalpha():
            return None
        if self.lang == "fr" and not (tok.key.endswith(("er", "ir", "re", "oir")) and len(tok.key) > 3):
            return None
        if i + 1 >= len(toks):
            return None
        objects = self.objects(toks, i + 1, self.region_end(toks, i + 1), mode="verb")
        hit = objects.first("customer", ("direct", "recipient", "genitive", "other-prep"))
        if hit is None:
            return None
        return self.decide("", "unknown", toks, (i, i + 1), objects, mode="verb")

    def internal_anywhere(self, toks: list[_Tok], i: int) -> ViewpointFinding | None:
        """Whatever the grammar, a customer never deals with the CRM or the back office."""
        p = i
        while p < len(toks):
            noun = self.noun_at(toks, p)
            if noun and noun[1] == "internal":
                return self.jargon(toks, _Hit("internal", p, p + noun[0], "direct"))
            p += noun[0] if noun else 1
        return None

    # -- objects -----------------------------------------------------------------------------------------------

    def find_noun(self, toks: list[_Tok], start: int, end: int) -> _Hit | None:
        """The known noun right after an agent marker ("par le service", "by the support team")."""
        p = start
        while p < end:
            noun = self.noun_at(toks, p)
            if noun:
                return _Hit(noun[1], p, p + noun[0], "agent")
            if self.is_function(toks[p]) or p - start < 2:
                p += 1
                continue
            return None
        return None

    def objects(
        self,
        toks: list[_Tok],
        start: int,
        end: int,
        mode: str,
        premods: tuple[int, int] | None = None,
        skip: frozenset[int] = frozenset(),
    ) -> _Objects:
        """Classify the nouns around a verb: who receives the action, whose thing it acts on."""
        hits: list[_Hit] = []
        own = False
        company_owned = False
        first_np: tuple[int, int] | None = None
        if premods is not None:
            p = premods[0]
            while p < premods[1]:
                noun = self.noun_at(toks, p)
                if noun and p + noun[0] <= premods[1]:
                    hits.append(_Hit(noun[1], p, p + noun[0], "direct"))
                    p += noun[0]
                else:
                    p += 1
            first_np = premods
        context = "direct"
        marker = ""
        indefinite = False
        np_start: int | None = None
        np_open = False  # the direct object is still being read: no preposition since it started
        seen_np = premods is not None
        p = start
        previous_content = False  # the previous token was a content word (noun or adjective)
        while p < end:
            tok = toks[p]
            if p in skip:
                p += 1
                continue
            if self.is_function(tok) or self.function_at("skip_words", toks, p):
                np_open = False
            n = self.function_at("role_markers", toks, p)
            if n:
                context = "role"
                p += n
                previous_content = False
                continue
            n = self.function_at("agent_markers", toks, p)
            if n:
                context = "agent"
                p += n
                previous_content = False
                continue
            if self.is_word("other_markers", tok):
                context = "other"
                p += 1
                previous_content = False
                continue
            if self.function_at("recipient_markers", toks, p):
                n = self.function_at("recipient_markers", toks, p)
                if context not in ("role", "other"):
                    context = "recipient"
                    marker = tok.key
                    indefinite = False
                p += n
                previous_content = False
                continue
            if self.function_at("genitive_markers", toks, p) and (seen_np or mode == "nominal"):
                # "de la demande" right after a nominalisation is its object; after a noun, a genitive
                n = self.function_at("genitive_markers", toks, p)
                if not seen_np and mode == "nominal" and context == "direct":
                    context = "genitive-head"
                    np_start = p  # "du devis": the object, kept with its article for the suggestion
                elif context not in ("role", "other"):
                    context = "genitive"
                p += n
                if p < end and self.is_word("determiners", toks[p]):
                    p += 1
                previous_content = False
                continue
            if self.is_word("prepositions", tok) and not self.is_word("determiners", tok):
                if context not in ("role", "other"):
                    context = "other-prep"
                p += 1
                previous_content = False
                continue
            if self.is_word("customer_possessives", tok) or (self.lang == "en" and tok.key == "own"):
                if not seen_np and context in ("direct",):
                    own = True
                    if np_start is None:
                        np_start = p
                p += 1
                previous_content = False
                continue
            if self.is_word("company_possessives", tok):
                if not seen_np and context == "direct":
                    company_owned = True
                    if np_start is None:
                        np_start = p
                p += 1
                previous_content = False
                continue
            if self.is_word("determiners", tok) or self.is_word("clitics", tok) and self.lang == "fr" and p == start:
                indefinite = self.is_word("indefinite_determiners", tok)
                p += 1
                previous_content = False
                if np_start is None and context == "direct" and not seen_np:
                    np_start = p - 1
                continue
            noun = self.noun_at(toks, p)
            if noun is not None:
                length, category = noun
                q = p + length
                hit_context = context
                modifier = False
                if self.lang == "en":
                    # "customer reviews", "support line": a noun followed by a noun is a modifier
                    if q < end and not (self.is_function(toks[q]) or toks[q].key in ("'s", "'")) and q not in skip:
                        nxt = self.noun_at(toks, q)
                        verb_next = self.verb_at(toks, q, BASE | FINITE) and nxt is None and not self.nominal_at(toks, q)
                        if not (nxt and nxt[1] == category) and not verb_next:
                            modifier = True
                    if q < end and toks[q].key in ("'s", "'") and category == "customer" and context != "other":
                        hit_context = "genitive"
                else:
                    # "avis client", "dossier client": a bare noun after a noun qualifies it
                    if previous_content and not (p == start and (mode == "verb" or mode == "nominal")):
                        modifier = True
                if modifier and category in ("artefact", "case", "case-artefact") and self.lang == "en":
                    modifier = False  # "a reminder email", "the claim form": the modifier says what it is
                if modifier and category != "internal":
                    p = q
                    previous_content = True
                    continue
                if hit_context not in ("role",) and not (category == "customer" and hit_context == "other"):
                    hits.append(_Hit(category, p, q, hit_context, marker, indefinite))
                indefinite = False
                if seen_np and np_open and first_np is not None and category != "customer":
                    first_np = (first_np[0], q)  # "the customer satisfaction survey"
                if not seen_np and context in ("direct", "genitive-head"):
                    seen_np = True
                    np_open = True
                    first_np = (np_start if np_start is not None else p, q)
                    if category == "customer":
                        seen_np = False  # "Send the customer a quote": the quote is the object
                        first_np = None
                        np_start = None
                p = q
                previous_content = True
                if self.lang == "en" and p < end and toks[p].key in ("'s", "'"):
                    p += 1
                    previous_content = False
                continue
            # a content word: an adjective, an unknown noun, or a participle telling whose thing it is
            if context == "recipient" and not previous_content and not self.verb_at(toks, p, BASE):
                hits.append(_Hit("third-party", p, p + 1, context, marker, indefinite))  # "to a friend"
            form = self.verb_at(toks, p, PP)
            if form and self.cls(form[1]) == "customer" and context in ("direct",):
                own = True  # "the signed contract", "le devis signé", "the completed form"
            if not seen_np and context in ("direct", "genitive-head") and np_start is None:
                np_start = p
            if not seen_np and context in ("direct", "genitive-head") and not self.is_function(tok):
                first_np = (np_start if np_start is not None else p, p + 1)
            elif seen_np and np_open and first_np is not None and not self.is_function(tok):
                first_np = (first_np[0], p + 1)
            previous_content = not self.function_at("skip_words", toks, p)
            p += 1
        return _Objects(hits=hits, own=own, company_owned=company_owned, first_np=first_np)

    # -- decision ----------------------------------------------------------------------------------------------

    def decide(
        self,
        lemma: str,
        cls: str,
        toks: list[_Tok],
        verb: tuple[int, int],
        objects: _Objects,
        mode: str,
        start: int | None = None,
    ) -> ViewpointFinding:
        """Whose action is it, given the verb class and what the objects are; raises _Done when the customer's."""
        verb_text = self.span_text(toks, verb[0], verb[1])
        nominal = mode == "nominal"
        # 1. the customer as object (or recipient) of the action. A nominalisation's bare or premodifying
        # customer ("Relance client", "Customer onboarding") is its object only for verbs done to people; its
        # genitive ("Appel du client") is as often the customer's own act, so only company verbs count it.
        if nominal:
            contexts = {"recipient"}
            if cls in ("company", "ambiguous", "unknown"):
                contexts.add("direct")
            if cls == "company":
                contexts |= {"genitive-head", "genitive"}
        else:
            contexts = {"direct", "recipient", "genitive", "other-prep"}
        customer = None
        for hit in objects.hits:
            if hit.category == "customer" and hit.context in contexts:
                customer = hit
                break
        if customer is not None and cls != "linking":
            who = self.span_text(toks, customer.start, customer.end)
            matched_start = start if start is not None else min(verb[0], customer.start)
            matched = self.span_text(toks, min(matched_start, customer.start), max(verb[1], customer.end))
            suggestion = self.suggest(lemma, True, toks, objects.first_np, nominal=nominal)
            if nominal:
                return ViewpointFinding(
                    kind="company-noun",
                    reason=f"'{verb_text}' names something the company does to '{who}': a process step, "
                    "not the customer's action.",
                    suggestion=suggestion,
                    matched=matched,
                )
            action = f"'{verb_text}'" if verb_text else "the action"
            return ViewpointFinding(
                kind="customer-object",
                reason=f"'{who}' is the object of {action}: the company acts on the customer here, so this is a "
                "process step.",
                suggestion=suggestion,
                matched=matched,
            )
        internal = objects.first("internal")
        if cls in ("customer", "linking"):
            if internal is not None and not objects.own:
                return self.jargon(toks, internal)
            raise _Done
        # 2. the company as target: the customer calls, writes to, chases the company. Company verbs route work
        # *to* staff ("Escalate to the manager") or allocate *a* member of staff ("Dispatch a technician");
        # sending verbs send staff ("Send a technician") but to the company only what the customer owns.
        actor = objects.first("actor", ("direct", "recipient", "other-prep", "genitive"))
        if actor is not None:
            if cls == "company":
                targeted = (actor.context == "direct" and not actor.indefinite) or (
                    actor.context == "recipient" and self.lex.has("target_markers", actor.marker)
                )
            elif cls in ("artefact", "sending"):
                targeted = actor.context != "direct"
            else:
                targeted = True
            if targeted:
                raise _Done  # "Appeler le service client", "Relancer le SAV", "Se plaindre auprès du SAV"
        # 3. the customer's own things
        if objects.own:
            raise _Done  # "Envoyer sa candidature", "Send my documents", "Expédier son colis"
        if cls == "company":
            term = objects.hits[0] if objects.hits and objects.hits[0].context != "agent" else None
            if nominal:
                reason = (
                    f"'{verb_text}' names a company process ({self.display(lemma)}): it says what the company "
                    "does, not what the customer does."
                )
                kind = "company-noun"
            else:
                reason = (
                    f"'{verb_text}' is a company process verb: here the company does the work and the customer "
                    "only sees its result."
                )
                kind = "company-verb"
            end = verb[1]
            begin = start if start is not None else verb[0]
            if nominal and term is not None:
                end = max(end, term.end)
            return ViewpointFinding(
                kind=kind,
                reason=reason,
                suggestion=self.suggest(lemma, False, toks, objects.first_np, nominal=nominal),
                matched=self.span_text(toks, begin, end),
            )
        if internal is not None:
            return self.jargon(toks, internal)
        artefact = objects.first_of(("artefact", "case-artefact"), ("direct", "genitive-head", "genitive"))
        case = objects.first_of(("case", "case-artefact"), ("direct", "genitive-head", "genitive"))
        pure_artefact = objects.first_of(("artefact",), ("direct", "genitive-head", "genitive"))
        first_is_artefact = pure_artefact is not None and (case is None or pure_artefact.start < case.start)
        if cls == "artefact" and (artefact is not None or objects.company_owned or (actor is not None)):
            thing = artefact or actor
            thing_text = self.span_text(toks, thing.start, thing.end) if thing else "our"
            return self.process_finding(
                lemma, toks, verb, verb_text, thing, objects, nominal, start,
                f"'{verb_text}' with '{thing_text}' is a company process: the company produces or sends it, the "
                "customer receives it.",
            )  # fmt: skip
        third_party = objects.first("third-party")
        if cls in ("sending", "artefact") and third_party is not None and self.lex.has("recipient_markers", third_party.marker):
            raise _Done  # "Send money to a friend", "Envoyer un cadeau à un proche": the customer sends to someone
        if cls == "sending":
            # what is sent decides: the customer's own things and case files go to the company, anything else
            # ("Send the recipes", "Envoyer les recettes") is the company sending to the customer
            first = next((hit for hit in objects.hits if hit.context in ("direct", "genitive-head")), None)
            if first is not None and first.category in ("own", "case"):
                raise _Done  # "Send the documents", "Envoyer le formulaire", "Transmettre le dossier"
            if objects.first_np is None:
                raise _Done  # "Send", "Envoyer par mail": nothing tells what is sent
            thing = artefact or first
            if thing is None:
                a, b = objects.first_np
                while a < b - 1 and self.is_function(toks[a]):
                    a += 1  # quote "recipes", not "the recipes"
                thing = _Hit("thing", a, b, "direct")
            thing_text = self.span_text(toks, thing.start, thing.end)
            return self.process_finding(
                lemma, toks, verb, verb_text, thing, objects, nominal, start,
                f"'{verb_text}' with '{thing_text}' is a company process: the company sends it, the customer "
                "receives it.",
            )  # fmt: skip
        if cls == "case" and case is not None and not first_is_artefact:
            thing_text = self.span_text(toks, case.start, case.end)
            return self.process_finding(
                lemma, toks, verb, verb_text, case, objects, nominal, start,
                f"'{verb_text}' with '{thing_text}' is a company process: the company assesses what the "
                "customer submitted.",
            )  # fmt: skip
        raise _Done

    def jargon(self, toks: list[_Tok], hit: _Hit) -> ViewpointFinding:
        """The finding for internal jargon, whatever the verb."""
        term = self.span_text(toks, hit.start, hit.end)
        return ViewpointFinding(
            kind="company-noun",
            reason=f"'{term}' is internal jargon the customer never sees: this is back-office work.",
            suggestion=None,
            matched=term,
        )

    def process_finding(
        self,
        lemma: str,
        toks: list[_Tok],
        verb: tuple[int, int],
        verb_text: str,
        thing: _Hit | None,
        objects: _Objects,
        nominal: bool,
        start: int | None,
        reason: str,
    ) -> ViewpointFinding:
        """The finding for a company verb or noun acting on `thing`, quoting from the verb to the thing."""
        begin = start if start is not None else verb[0]
        end = max(verb[1], thing.end) if thing is not None else verb[1]
        if thing is not None:
            begin = min(begin, thing.start)
        return ViewpointFinding(
            kind="company-noun" if nominal else "company-verb",
            reason=reason,
            suggestion=self.suggest(lemma, False, toks, objects.first_np, nominal=nominal),
            matched=self.span_text(toks, begin, end),
        )

    # -- suggestions -------------------------------------------------------------------------------------------

    def suggest(
        self,
        lemma: str,
        customer_object: bool,
        toks: list[_Tok],
        np: tuple[int, int] | None,
        nominal: bool,
    ) -> str | None:
        """The customer's side of the same moment, from the counterparts in the data."""
        if not lemma:
            return None
        table = self.lex.customer_object_counterparts if customer_object else self.lex.counterparts
        template = table.get(lemma)
        if template is None:
            return None
        needs_obj = "{obj}" in template
        needs_de = "{de_obj}" in template
        obj = de_obj = None
        if needs_obj or needs_de:
            if np is None:
                return None
            obj, de_obj = self.object_phrase(toks, np)
            if (needs_obj and obj is None) or (needs_de and de_obj is None):
                return None
        text = template.replace("{obj}", obj or "").replace("{de_obj}", de_obj or "")
        text = " ".join(text.split())
        return text[:1].upper() + text[1:] if text else None

    def object_phrase(self, toks: list[_Tok], np: tuple[int, int]) -> tuple[str | None, str | None]:
        """The object as a direct object ("le devis", "the quote") and after "de" ("du devis")."""
        a, b = np
        # drop a trailing genitive that names the customer: "le dossier du client" -> "le dossier"
        for p in range(a, b):
            noun = self.noun_at(toks, p)
            if noun and noun[1] == "customer":
                b = p
                while b > a and (self.is_function(toks[b - 1])):
                    b -= 1
                break
        if a >= b or b - a > 7:
            return None, None
        if any((self.noun_at(toks, p) or (0, ""))[1] == "actor" for p in range(a, b)):
            return None, None  # "Dispatch a technician": no customer-side wording of the company's staff
        words = toks[a:b]
        first = words[0]

        def tail(k: int) -> str:
            return self.span_text(toks, a + k, b)

        def clean(text: str) -> str:
            if a == 0 and text and text[0].isupper() and not text[:2].isupper():
                return text[0].lower() + text[1:]
            return text

        if self.lang == "en":
            if first.key in ("the", "a", "an", "this", "that", "these", "those", "some") or self.is_word(
                "customer_possessives", first
            ):
                obj = clean(self.span_text(toks, a, b))
                if first.key in ("this", "that", "these", "those"):
                    obj = "the " + clean(tail(1))
            elif self.is_word("company_possessives", first):
                obj = "the " + clean(tail(1))
            elif self.is_function(first):
                return None, None
            else:
                obj = "the " + clean(self.span_text(toks, a, b))
            return obj, "of " + obj
        # French: articles follow the grammar of "de"
        key = first.key
        rest_tok = words[1] if len(words) > 1 else None
        if key in ("du",) and rest_tok:
            obj = "le " + tail(1)
        elif key == "des" and rest_tok:
            obj = "les " + tail(1)
        elif key == "de" and rest_tok and rest_tok.key in ("la", "l'"):
            obj = tail(1) if rest_tok.key == "la" else tail(1)
        elif key == "d'" and rest_tok and rest_tok.key in ("un", "une"):
            obj = tail(1)
        elif key in ("de", "d'"):
            return None, None
        elif key in ("le", "la", "les", "un", "une", "ce", "cet", "cette", "ces", "l'") or self.is_word(
            "customer_possessives", first
        ):
            obj = self.span_text(toks, a, b)
        elif self.is_word("company_possessives", first) and rest_tok:
            if key == "nos":
                obj = "les " + tail(1)
            elif rest_tok.key[:1] in "aeiouh":
                obj = "l'" + tail(1)
            else:
                return None, None
        else:
            return None, None
        obj = clean(obj.replace("l' ", "l'"))
        return obj, self.de_phrase(obj)

    @staticmethod
    def de_phrase(obj: str) -> str | None:
        """French "de" + object: le -> du, les -> des, la -> de la, l' -> de l', un -> d'un."""
        low = obj.lower()
        if low.startswith("le "):
            return "du " + obj[3:]
        if low.startswith("les "):
            return "des " + obj[4:]
        if low.startswith(("la ", "l'")):
            return "de " + obj
        if low.startswith(("un ", "une ")):
            return "d'" + obj
        if low[:1] in "aeiouh" and low[:1]:
            return "d'" + obj
        return "de " + obj


_FR_PARTICIPLE_ENDINGS: Final = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "t", "te", "ts", "tes")

_CLASS_RANK: Final = {name: rank for rank, (_key, name) in enumerate(_CLASS_ORDER)}

def check_action(action: str, lexicon: Lexicon) -> ViewpointFinding | None:
    """A finding when `action` reads as a company process step; None when it reads as the customer's action.

    None also when the label cannot be judged: false alarms cost more than misses.
    """
    if not isinstance(action, str) or not action.strip():
        return None
    written = unicodedata.normalize("NFC", action)[:_MAX_CHARS]
    text = written.translate(_QUOTES)  # one character for one: offsets stay valid in `written`
    toks = _tokenise(text, lexicon.lang, lexicon.elisions)
    if not toks:
        return None
    clauses = _split_clauses(text, toks)
    return _Analyser(lexicon, written).run(clauses)
