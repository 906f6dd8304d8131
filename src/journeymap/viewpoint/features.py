"""What the viewpoint model sees of a label: its words with person and tense taken out, and the grammar's cues.

Real labels are written in several styles: system and staff lanes write "Sends the confirmation", user stories "send
my documents", journey maps "Envoi du devis". A model that saw the raw forms would learn the style ("third person
means the company") instead of the action, so every verb form becomes its lemma ("envoie", "enverrons", "sent" ->
"envoyer", "send") before features are taken, and grammar words become the class they stand for (my, mon, votre ->
the customer's; our, notre -> the company's). The same function serves training (training/viewpoint/train.py)
and checking, so the model is scored on exactly what it was trained on.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from journeymap.viewpoint.lexicon import Lexicon
from journeymap.viewpoint.morphology import BASE, ING, PP, lemma_of
from journeymap.viewpoint.text import MAX_CHARS, QUOTES, Tok, fold, split_clauses, tokenise

CHAR_NGRAMS: Final = (3, 4, 5)
CHAR_VALUE: Final = 0.25  # many n-grams per word: each counts for less than a whole word
MAX_TOKENS: Final = 16  # the action is at the start; long user stories add only noise after it
HEAD_PAIRS: Final = 5  # the head is paired with this many of the words after it

# Grammar-word lists, each replaced by one class token; determiners and clitics carry nothing.
_CLASSES: Final = (
    ("customer_possessives", "<mine>"),
    ("company_possessives", "<ours>"),
    ("customer_pronouns", "<you>"),
    ("company_pronouns", "<we>"),
)
_DROPPED: Final = ("determiners", "clitics", "skip_words")
_KEPT_AS_WRITTEN: Final = (
    "prepositions", "recipient_markers", "genitive_markers", "agent_markers", "role_markers", "clause_breaks",
    "purpose_markers", "other_markers",
)  # fmt: skip
_THIRD_PERSON: Final = {"en": frozenset({"they", "he", "she"}), "fr": frozenset({"il", "elle", "ils", "elles"})}
_SECOND_PERSON: Final = frozenset({"you", "your", "yours", "vous", "votre", "vos"})
_IMPERSONAL: Final = frozenset({"faut", "suffit", "convient", "reste", "vaut", "est", "sera", "agit"})
_NOUN_CUES: Final = ("customer", "actor", "artefact", "case", "case-artefact", "own", "internal")


@dataclass(frozen=True)
class Word:
    """One word of a label as the model sees it."""

    written: str  # as in the label, for messages
    lemma: str  # folded lemma, or a class token such as <mine>
    verb_kinds: int  # morphology flags when the word is a verb form, else 0


def _singular(word: str, lang: str) -> str:
    """The regular plural taken off a noun, so that "quotes" and "quote" are one feature (irregular nouns stay)."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if lang == "en":
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if word.endswith(("ches", "shes", "xes", "sses")):
            return word[:-2]
        return word[:-1] if word.endswith("s") else word
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    if word.endswith(("eaux", "eux")):
        return word[:-1]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=1024)
def main_clause(text: str, lexicon: Lexicon) -> tuple[tuple[Tok, ...], str]:
    """The tokens of the clause that carries the action, and the text they index.

    A short role before a colon ("Agent: call back") is kept, since who acts is the point; a detail after a colon
    ("Send the quote: within 48 h") is not the action. Numbering and bullets are left out.
    """
    written = unicodedata.normalize("NFC", text)[:MAX_CHARS].translate(QUOTES)
    toks = tokenise(written, lexicon.lang, lexicon.elisions)
    clauses = split_clauses(written, toks)
    kept: list[Tok] = []
    for index, (clause, separator) in enumerate(clauses):
        words = [t for t in clause if not t.key.isdigit()]
        if not words:
            continue
        kept.extend(words)
        is_role = ":" in separator and index == 0 and len(words) <= 4 and index + 1 < len(clauses)
        if not is_role:
            break
    return tuple(kept[:MAX_TOKENS]), written


@lru_cache(maxsize=64)
def _roles(lexicon: Lexicon) -> dict[str, str]:
    """What each grammar word of a lexicon is to the model: a class token (<mine>), "drop" or "keep"."""
    roles: dict[str, str] = {}
    for key in _KEPT_AS_WRITTEN:
        roles.update(dict.fromkeys(lexicon.words.get(key, ()), "keep"))
    for key in _DROPPED:
        roles.update(dict.fromkeys(lexicon.words.get(key, ()), "drop"))
    for key, name in reversed(_CLASSES):
        roles.update(dict.fromkeys(lexicon.words.get(key, ()), name))
    roles.update({"'s": "drop", "'": "drop"})
    return roles


@lru_cache(maxsize=1024)
def words(text: str, lexicon: Lexicon) -> tuple[Word, ...]:
    """The label's main clause as lemmas and class tokens; function words left out (once per label and lexicon:
    the declarations, the head, the features and the message all read it)."""
    toks, _written = main_clause(text, lexicon)
    roles = _roles(lexicon)
    out: list[Word] = []
    verb_expected = True  # at the head, and after a pronoun subject, a verb form is a verb
    for tok in toks:
        role = roles.get(tok.key)
        token_class = role if role is not None and role.startswith("<") else None
        if token_class is not None:
            out.append(Word(tok.text, token_class, 0))
            verb_expected = token_class in ("<you>", "<we>")
            continue
        if role == "drop":
            continue
        if role == "keep":
            out.append(Word(tok.text, tok.key, 0))  # "à" is not a form of "avoir", nor "as" of "a"
            continue
        found = lemma_of(tok.lower, lexicon.lang)
        if found is not None and (verb_expected or _only_a_verb(found[1], tok.key, lexicon.lang)):
            lemma, kinds = found
            out.append(Word(tok.text, fold(lemma), kinds))
        else:
            out.append(Word(tok.text, _singular(tok.key, lexicon.lang), 0))
        verb_expected = False
    return tuple(out)


def _only_a_verb(kinds: int, key: str, lang: str) -> bool:
    """Whether a verb form away from the head is no noun: participles and French infinitives are verbs, while
    "shelves", "orders", "commande", "demande" are nouns as often as conjugated verbs."""
    if kinds & (PP | ING):
        return True
    return lang == "fr" and bool(kinds & BASE) and key.endswith(("er", "ir", "re", "oir"))


@lru_cache(maxsize=65536)
def char_ngrams(word: str) -> tuple[str, ...]:
    """The character n-grams of a folded word, with its boundaries ("<pa", "pac", ..., "ck>")."""
    padded = f"<{word}>"
    return tuple(padded[i : i + n] for n in CHAR_NGRAMS for i in range(len(padded) - n + 1))


def contributions(seen: tuple[Word, ...], lang: str) -> Iterator[tuple[str, float, tuple[str, ...]]]:
    """Each lexical feature of a label, its value, and the written words it comes from ("" for a class token such as
    <mine>): features() sums them, and the message of a warning names the words that weighed most from the same
    list, so that the two never tell different stories."""
    content = [w for w in seen if not w.lemma.startswith("<")]

    def written(*found: Word) -> tuple[str, ...]:
        return tuple("" if w.lemma.startswith("<") else w.written for w in found)

    for w in seen:
        yield f"{lang}:w:{w.lemma}", 1.0, written(w)
        if not w.lemma.startswith("<"):
            for gram in char_ngrams(fold(w.written)):
                yield f"{lang}:c:{gram}", CHAR_VALUE, written(w)
    for a, b in zip(seen, seen[1:]):
        yield f"{lang}:b:{a.lemma}_{b.lemma}", 1.0, written(a, b)
    if content:
        head = content[0]
        yield f"{lang}:h:{head.lemma}", 1.0, written(head)
        for other in content[1 : 1 + HEAD_PAIRS]:  # "take ... order", wherever the object's head noun stands
            yield f"{lang}:hx:{head.lemma}_{other.lemma}", 1.0, written(head, other)


def features(text: str, lexicon: Lexicon, cues: tuple[str, ...] = ()) -> dict[str, float]:
    """The model's features of one label: lemmas, pairs, the head and its object, character n-grams and cues.

    Lexical features are prefixed with the language (a French word is not an English one); cues (what the lexicon
    knows of the verb and the nouns, possessives) are shared by both languages.
    """
    seen = words(text, lexicon)
    out: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        out[name] = out.get(name, 0.0) + value

    for name, value, _written in contributions(seen, lexicon.lang):
        add(name, value)
    lemmas = [w.lemma for w in seen]
    content = [w for w in seen if not w.lemma.startswith("<")]
    if content:
        head = content[0]
        if head.verb_kinds & PP and not head.verb_kinds & ~PP & ~ING and len(seen) > 1:
            add("cue:head-participle")
    if any(w.verb_kinds & PP for w in content[1:]) and content and not content[0].verb_kinds:
        add("cue:noun-then-participle")  # "Order shipped", "Dossier validé"
    for token in ("<mine>", "<ours>", "<you>", "<we>"):
        if token in lemmas:
            add(f"cue:{token.strip('<>')}")
    for cue in cues:
        add(f"cue:{cue}")
    return out


def person_cues(toks: tuple[Tok, ...], lang: str) -> tuple[str, ...]:
    """Who a third-person subject is, which the classes of `words` hide: "They weigh your baggage" is somebody
    acting on the customer, "Il vous suffit de signer" is no one (French impersonal: the reader acts)."""
    if not toks or toks[0].key not in _THIRD_PERSON.get(lang, ()):
        return ()
    rest = [t.key for t in toks[1:] if t.key not in ("vous", "nous", "ne", "n'", "y", "lui")]
    if lang == "fr" and toks[0].key == "il" and rest and rest[0] in _IMPERSONAL:
        return ("impersonal",)
    if any(t.key in _SECOND_PERSON for t in toks[1:]):
        return ("they-to-you",)
    return ()


def noun_cues(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """What the lexicon knows of the label's nouns and verbs: the first verb's class, the categories of nouns."""
    from journeymap.viewpoint.grammar.reading import Reading
    from journeymap.viewpoint.morphology import START_KINDS

    toks, written = main_clause(text, lexicon)
    if not toks:
        return ()
    reading = Reading(lexicon, written)
    cues: list[str] = list(person_cues(toks, lexicon.lang))
    i = reading.skip_leading(toks, 0)
    verb = reading.verb_at(toks, i, START_KINDS[lexicon.lang] | PP) if i < len(toks) else None
    verb = verb or (reading.any_verb_at(toks, i, START_KINDS[lexicon.lang]) if i < len(toks) else None)
    nominal = reading.nominal_at(toks, i) if i < len(toks) else None
    if verb is not None:
        cues.append(f"verb-class:{reading.cls(verb[1])}")
    elif nominal is not None:
        cues.append(f"nominal-class:{reading.cls(nominal[1])}")
    p = i + verb[0] if verb is not None else i  # "Cook the first meal": the verb is no cook
    first_noun = True
    while p < len(toks):
        noun = reading.noun_at(toks, p)
        if noun is None:
            p += 1
            continue
        category = noun[1]
        if category in _NOUN_CUES:
            cues.append(f"noun:{category}")
            if first_noun:
                cues.append(f"first-noun:{category}")
        first_noun = False
        p += noun[0]
    return tuple(dict.fromkeys(cues))
