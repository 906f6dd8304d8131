"""The lexicons of the viewpoint check: the words of each language, merged with a team's extensions and compiled.

The words live in lexicons/en.toml and lexicons/fr.toml (each key documented at the top of the file); teams extend
them from journeymap.toml with the same keys. Compiling takes longer than checking a typical journey, so compiled
lexicons are kept in the user's cache (journeymap/cache.py).
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from journeymap import cache
from journeymap.viewpoint.morphology import plurals, verb_forms
from journeymap.viewpoint.text import fold, phrase_tokens, written_words

LANGUAGES: Final = ("en", "fr")

_KEYS: Final = frozenset(
    {
        "company_verbs", "customer_verbs", "artefact_verbs", "case_verbs", "ambiguous_verbs", "linking_verbs",
        "light_verbs", "sending_verbs",
        "irregular_forms", "nominalisations", "customer_terms", "company_actors", "company_artefacts",
        "case_files", "customer_things", "internal_terms", "counterparts", "customer_object_counterparts",
        "determiners", "customer_possessives", "company_possessives", "customer_pronouns", "company_pronouns",
        "prepositions", "recipient_markers", "genitive_markers", "agent_markers", "role_markers",
        "other_markers", "clause_breaks", "purpose_markers", "skip_words", "passive_auxiliaries",
        "active_auxiliaries", "clitics", "elisions", "indefinite_determiners", "target_markers", "relative_markers",
        "customer_phrases", "company_phrases", "subordinators", "agent_suffixes", "contact_verbs", "advice_verbs",
    }
)  # fmt: skip


# Verb classes, from the most customer-like to the most company-like; a lemma listed in several verb lists gets
# the first class of this order, so that a verb listed as customer always wins.
CLASS_ORDER: Final = (
    ("customer_verbs", "customer"),
    ("linking_verbs", "linking"),
    ("light_verbs", "light"),
    ("company_verbs", "company"),
    ("sending_verbs", "sending"),
    ("artefact_verbs", "artefact"),
    ("case_verbs", "case"),
    ("ambiguous_verbs", "ambiguous"),
)

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
_COMPILING_CODE: Final = (  # a change to any of them recompiles
    "lexicon.py", "morphology.py", "text.py", "data/forms-en.tsv", "data/forms-fr.tsv",
)


class Form(NamedTuple):
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
    verb_index: Mapping[str, tuple[Form, ...]] = field(repr=False)
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
        here = Path(__file__).parent
        code = b"".join((here / name).read_bytes() for name in _COMPILING_CODE)
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
        verb_index=MappingProxyType({first: tuple(Form(*f) for f in forms) for first, forms in verb_index.items()}),
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
        return phrase_tokens(phrase, lang, elisions)

    def lemma_key(phrase: str) -> str:
        return " ".join(toks(phrase))

    # verbs ----------------------------------------------------------------------------------------------------
    irregular: dict[str, tuple[str, ...]] = {}
    for entry in entries["irregular_forms"]:
        pair = _split_mapping(entry)
        if pair:
            lemma = " ".join(written_words(pair[0])).lower()
            words = [w.lower() for w in written_words(pair[1])]
            n_words = len(lemma.split())  # "send out -> sends out sent out": forms of as many words as the lemma
            irregular[fold(lemma)] = tuple(" ".join(words[i : i + n_words]) for i in range(0, len(words), n_words))

    verb_class: dict[str, str] = {}
    display: dict[str, str] = {}
    for key, cls in CLASS_ORDER:
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
            for variant in sorted({noun} | plurals(noun, lang)):  # sorted: the same tables in every process
                nominal_pairs.append((tuple(variant.split()), lemma))

    forms: list[Form] = []
    separable: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for lemma in verb_class:
        written = " ".join(written_words(display.get(lemma, lemma))).lower()
        for form, kinds in verb_forms(written, lang, irregular).items():
            form_toks = toks(form)
            if form_toks:
                forms.append(Form(form_toks, lemma, kinds, form.split()[0]))
        words = lemma.split()
        if lang == "en" and len(words) > 1:
            separable.setdefault(words[0], []).append((tuple(words[1:]), lemma))
    verb_index: dict[str, list[Form]] = {}
    for form in forms:
        verb_index.setdefault(form.tokens[0], []).append(form)
    frozen_verbs = {k: tuple(sorted(v, key=lambda f: -len(f.tokens))) for k, v in verb_index.items()}

    # nouns ----------------------------------------------------------------------------------------------------
    noun_pairs: list[tuple[tuple[str, ...], str]] = []
    categories: dict[tuple[str, ...], list[str]] = {}
    for key, category in _NOUN_CATEGORIES:
        for entry in entries[key]:
            base = lemma_key(entry)
            for variant in sorted({base} | plurals(base, lang)):
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
        "active_auxiliaries", "clitics", "indefinite_determiners", "target_markers", "relative_markers",
        "subordinators", "agent_suffixes", "contact_verbs", "advice_verbs",
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

