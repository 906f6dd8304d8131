"""The state of reading one label, and the look-ups every reading of the grammar shares.

The grammar is a set of readings (subjects, verbs, nominalisations, objects), each a function of a `Reading`; a
reading returns a finding, returns None when its pattern does not apply (the next one is tried), or raises `Done`
when its pattern applies and clears the label.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

from journeymap.viewpoint.findings import ViewpointFinding
from journeymap.viewpoint.lexicon import CLASS_ORDER, Form, Lexicon
from journeymap.viewpoint.morphology import BASE, ING, lemma_of
from journeymap.viewpoint.text import Tok, fold

# Words by which the customer speaks or is spoken to: with them the label is the customer's own voice ("my order",
# "votre dossier"), whereas "his", "sa", "their" may be anyone's.
SPEAKER_WORDS: Final = {
    "en": frozenset({"i", "me", "my", "mine", "you", "your", "yours", "own"}),
    "fr": frozenset({"je", "j'", "moi", "mon", "ma", "mes", "tu", "ton", "ta", "tes", "vous", "votre", "vos"}),
}
CLASS_RANK: Final = {name: rank for rank, (_key, name) in enumerate(CLASS_ORDER)}
FR_PARTICIPLE_ENDINGS: Final = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "t", "te", "ts", "tes")


class Done(Exception):
    """Ends the analysis without a finding: the label is the customer's action, or nothing tells whose it is.

    A reading raises it when its pattern applies and clears the label, saying which pattern (`reason`, a cue for
    the model) and whether it makes the label surely the customer's (`sure`: "Le client reçoit le devis"); when it
    is not sure, the grammar only saw nothing of the company, and the label is left to the model.
    """

    def __init__(self, reason: str = "no-sign", sure: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.sure = sure


class Judgement(NamedTuple):
    """What the grammar says of a label: a finding, or why it found none and whether that makes it surely the
    customer's."""

    finding: ViewpointFinding | None
    reason: str  # "finding", or the pattern that cleared the label ("customer-verb", "stage-name", ...)
    sure: bool = False


class Hit(NamedTuple):
    category: str
    start: int  # token index in the clause
    end: int
    context: str  # direct, recipient, genitive, genitive-head (right after a nominalisation), other-prep, agent, other
    marker: str = ""  # the preposition that introduced it ("to", "avec"), folded
    indefinite: bool = False  # introduced by "a", "un", "une": some member of a kind, not a known party


@dataclass
class Objects:
    """What the words after a verb (or around a nominalisation) say about whose action it is."""

    hits: list[Hit]
    own: bool  # the object is the customer's own ("my documents", "sa candidature", "the signed contract")
    own_word: str  # the possessive that made it so ("my", "sa"), folded; "" when a participle did
    company_owned: bool  # "our offer", "notre devis"
    first_np: tuple[int, int] | None  # the direct object, for suggestions

    def first(self, category: str, contexts: Iterable[str] | None = None) -> Hit | None:
        return self.first_of((category,), contexts)

    def first_of(self, categories: Iterable[str], contexts: Iterable[str] | None = None) -> Hit | None:
        wanted = set(contexts) if contexts is not None else None
        cats = set(categories)
        for hit in self.hits:
            if hit.category in cats and (wanted is None or hit.context in wanted):
                return hit
        return None


# Names a journey gives to the company and the customer (departments, systems, the persona), by first token:
# (tokens, category, written with a capital only). Built per journey, cheaply: the compiled lexicon stays shared.
ContextNouns = Mapping[str, tuple[tuple[tuple[str, ...], str, bool], ...]]


class Reading:
    """One label being read; a fresh instance per label keeps the check thread-safe."""

    def __init__(self, lexicon: Lexicon, text: str, context: ContextNouns | None = None) -> None:
        self.lex = lexicon
        self.lang = lexicon.lang
        self.text = text
        self.context = context or {}
        self.persona_known = any(entry[1] == "customer" for entries in self.context.values() for entry in entries)

    def is_word(self, key: str, tok: Tok) -> bool:
        """Whether a token is a single-word entry of a grammar list."""
        return tok.key in self.lex.words.get(key, frozenset())

    def function_at(self, key: str, toks: Sequence[Tok], i: int) -> int:
        """Length of the longest phrase of grammar list `key` starting at toks[i] (0 when none)."""
        if i >= len(toks):
            return 0
        for phrase in self.lex.function_index.get(key, {}).get(toks[i].key, ()):
            if tuple(t.key for t in toks[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def is_function(self, tok: Tok) -> bool:
        """Grammar words end noun phrases and never carry the action themselves."""
        words = self.lex.words
        return any(
            tok.key in words[key]
            for key in (
                "determiners", "customer_possessives", "company_possessives", "customer_pronouns",
                "company_pronouns", "prepositions", "recipient_markers", "genitive_markers", "agent_markers",
                "role_markers", "clause_breaks", "clitics", "relative_markers",
            )
        ) or tok.key in ("'s", "'")  # fmt: skip

    def noun_at(self, toks: Sequence[Tok], i: int) -> tuple[int, str] | None:
        """Longest noun phrase at toks[i], of the journey's own names or of the lexicon: (length, category)."""
        if i >= len(toks):
            return None
        best: tuple[int, str] | None = None
        for phrase, category, capitalised in self.context.get(toks[i].key, ()):
            if capitalised and not toks[i].text[:1].isupper():
                continue  # "Mark the order" is not Mark the persona
            if tuple(t.key for t in toks[i : i + len(phrase)]) == phrase:
                best = len(phrase), category
                break
        for phrase, category in self.lex.noun_index.get(toks[i].key, ()):
            if best is not None and len(phrase) <= best[0]:
                break
            if tuple(t.key for t in toks[i : i + len(phrase)]) == phrase:
                return len(phrase), category
        return best

    def nominal_at(self, toks: Sequence[Tok], i: int) -> tuple[int, str] | None:
        """Longest nominalisation at toks[i]: (length, verb lemma)."""
        if i >= len(toks):
            return None
        for phrase, lemma in self.lex.nominal_index.get(toks[i].key, ()):
            if tuple(t.key for t in toks[i : i + len(phrase)]) == phrase:
                return len(phrase), lemma
        return None

    def verb_at(self, toks: Sequence[Tok], i: int, kinds: int) -> tuple[int, str, int] | None:
        """Longest verb form at toks[i] whose kinds meet `kinds`: (length, lemma, kinds of the form)."""
        if i >= len(toks):
            return None
        candidates = self.lex.verb_index.get(toks[i].key, ())
        best: tuple[int, str, int] | None = None
        matched: list[Form] = []
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
        viable.sort(key=lambda f: CLASS_RANK.get(self.lex.verb_class.get(f.lemma, ""), 9))
        chosen = viable[0]
        union = 0
        for f in pool:
            if f.lemma == chosen.lemma:
                union |= f.kinds
        return len(chosen.tokens), chosen.lemma, union

    def any_verb_at(self, toks: Sequence[Tok], i: int, kinds: int) -> tuple[int, str, int] | None:
        """A form of any verb the form tables know (not only the lexicon's), with kinds meeting `kinds`; its class
        is "unknown" unless the lexicon lists it. For places where only a verb can stand, such as after "est"."""
        if i >= len(toks):
            return None
        found = lemma_of(toks[i].lower, self.lang)
        if found is None or not found[1] & kinds:
            return None
        return 1, fold(found[0]), found[1]

    def is_contact_verb(self, lemma: str) -> bool:
        """Whether a verb lemma is one by which someone addresses somebody ("call", "écrire à", lexicon key
        contact_verbs)."""
        return lemma in self.lex.words.get("contact_verbs", frozenset()) or any(
            phrase == tuple(lemma.split()) for phrase in self.lex.function_index.get("contact_verbs", {}).get(
                lemma.split()[0] if lemma else "", ()
            )
        )

    def is_agent_noun(self, tok: Tok) -> bool:
        """Whether an unknown word names somebody at work by its ending ("conveyancer", "instructeur", "notaire"):
        not a noun of the lexicon, not a verb form, and long enough for the ending to mean something."""
        key = tok.key
        if len(key) < 6 or not key.isalpha() or self.noun_at([tok], 0) is not None:
            return False
        suffix = next((s for s in self.lex.entries.get("agent_suffixes", ()) if key.endswith(s)), None)
        if suffix is None:
            return False
        # "transfer", "order": verbs as much as nouns; a longer ending ("-eer", "-ist") says a person even so
        return len(suffix) >= 3 or lemma_of(tok.lower, self.lang) is None

    def span_text(self, toks: Sequence[Tok], a: int, b: int) -> str:
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

    def skip_leading(self, toks: Sequence[Tok], i: int) -> int:
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

    def region_end(self, toks: list[Tok], start: int) -> int:
        """Where the verb's complements stop: before "and <verb>", "to <verb>", "pour <verbe>"."""
        for p in range(start, len(toks)):
            for key in ("clause_breaks", "purpose_markers"):
                n = self.function_at(key, toks, p)
                if n and self.verb_at(toks, p + n, BASE | (ING if self.lang == "en" else 0)):
                    return p
        return len(toks)
