"""One verdict per step label: the team's declarations first, then the grammar's sure signs, then the model.

The grammar (grammar/) is precise where it recognises a sign (a company subject, the customer as object, a company
verb and its object); what it cannot decide goes to the learned model (scorer.py), which warns (JM303) and only
errs (JM301) when it is very sure. A team's own words win over both: phrases and verbs declared customer or
company in journeymap.toml, and the names the journey itself gives to its departments, systems and persona.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from journeymap.viewpoint.features import contributions, features, noun_cues, words
from journeymap.viewpoint.findings import ViewpointFinding
from journeymap.viewpoint.grammar import read_action
from journeymap.viewpoint.grammar.reading import ContextNouns
from journeymap.viewpoint.lexicon import Lexicon
from journeymap.viewpoint.scorer import Model, load_model
from journeymap.viewpoint.text import fold, phrase_tokens, unmasked

WEIGHED_WORDS: Final = 3  # how many words a model message names


@dataclass(frozen=True)
class Verdict:
    """What the check says of one label: nothing (level None), a warning or an error, and why."""

    level: str | None  # "error", "warning" or None
    by: str  # "grammar", "model", "phrase" (a declared company phrase), or "" when nothing is reported
    finding: ViewpointFinding | None = None  # the grammar's, when it decided
    probability: float | None = None  # the model's, when it was asked
    weighed: tuple[tuple[str, float], ...] = ()  # the label's words that weighed most towards a process step
    sure: str | None = None  # why the label is surely the customer's, when it is
    phrase: str = ""  # the declared phrase that decided, as the lexicon or journeymap.toml writes it


@dataclass(frozen=True)
class Declarations:
    """Phrases that make a step the customer's or the company's (the lexicon's and the team's), and the verbs a
    team declared the customer's in journeymap.toml. Phrases are compared lemma by lemma, so that "Prend la
    commande" matches "prendre la commande"."""

    customer_verbs: frozenset[str] = frozenset()
    customer_phrases: tuple[tuple[tuple[str, ...], str], ...] = ()  # (lemmas, as written)
    company_phrases: tuple[tuple[tuple[str, ...], str], ...] = ()

    @classmethod
    def of(cls, extension: Mapping[str, Sequence[str]] | None, lexicon: Lexicon) -> Declarations:
        declared = (extension or {}).get("customer_verbs", ())
        verbs = {fold(v.strip()) for v in declared if v.strip() and not v.strip().startswith("-")}
        return cls(frozenset(verbs), *_phrases(lexicon))


Phrases = tuple[tuple[tuple[str, ...], str], ...]


@lru_cache(maxsize=64)
def _phrases(lexicon: Lexicon) -> tuple[Phrases, Phrases]:
    """The lexicon's customer and company phrases as lemmas (with their written form), once per lexicon."""

    def lemmas(key: str) -> Phrases:
        found = ((tuple(w.lemma for w in words(p, lexicon)), p.strip()) for p in lexicon.entries.get(key, ()))
        return tuple({key: (key, written) for key, written in found if key}.values())

    return lemmas("customer_phrases"), lemmas("company_phrases")


@dataclass(frozen=True)
class JourneyNames:
    """The names a journey gives to its own people and systems, which the lexicon cannot know."""

    company: tuple[str, ...] = ()  # departments that own touchpoints and backstage work, systems ("Sales", "SAP")
    persona: tuple[str, ...] = ()  # the persona's name and first name ("Léa Martin", "Léa")
    _nouns: dict[str, ContextNouns] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, data: Any) -> JourneyNames:
        """From a journey's raw data, wherever the rest of it may be broken."""
        if not isinstance(data, dict):
            return cls()
        company: list[str] = []
        for touchpoint in _dicts(data.get("touchpoints")):
            company.append(touchpoint.get("owner"))
        for stage in _dicts(data.get("stages")):
            for step in _dicts(stage.get("steps")):
                for process in _dicts(step.get("backstage")):
                    company += [process.get("owner"), process.get("system")]
        for action in _dicts(data.get("actions")):
            company.append(action.get("owner"))
        persona: list[str] = []
        person = data.get("persona")
        name = person.get("name") if isinstance(person, dict) else None
        if isinstance(name, str) and name.strip():
            full = name.split(",")[0].split("(")[0].strip()  # "Mark Jensen, maintenance manager"
            persona += [full, full.split()[0]] if full else []
        return cls(tuple(dict.fromkeys(n.strip() for n in company if isinstance(n, str) and n.strip())),
                   tuple(dict.fromkeys(persona)))  # fmt: skip

    def nouns(self, lexicon: Lexicon) -> ContextNouns:
        """The names as the grammar looks nouns up: company names are actors, the persona is the customer."""
        cached = self._nouns.get(lexicon.lang)
        if cached is not None:
            return cached
        index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        for names, category, capitalised in ((self.persona, "customer", True), (self.company, "actor", False)):
            for name in names:
                tokens = phrase_tokens(name, lexicon.lang, lexicon.elisions)
                if tokens and len(tokens) <= 6:
                    index.setdefault(tokens[0], []).append((tokens, category, capitalised))
        nouns = {first: tuple(sorted(found, key=lambda e: -len(e[0]))) for first, found in index.items()}
        self._nouns[lexicon.lang] = nouns
        return nouns


def _dicts(value: Any) -> Iterable[dict[str, Any]]:
    return (item for item in value if isinstance(item, dict)) if isinstance(value, list) else ()


def _contains(lemmas: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's lemmas come in the label in order, with at most one word between two of them ("take the
    order" in "Take food order", "Prend la commande de dessert")."""
    if not phrase:
        return False
    for start, lemma in enumerate(lemmas):
        if lemma != phrase[0]:
            continue
        position = start
        for wanted in phrase[1:]:
            following = [p for p in (position + 1, position + 2) if p < len(lemmas) and lemmas[p] == wanted]
            if not following:
                break
            position = following[0]
        else:
            return True
    return False


def before_model(
    action: str, lexicon: Lexicon, names: JourneyNames | None = None, declared: Declarations | None = None
) -> Verdict | dict[str, float]:
    """The verdict when the declarations or the grammar decide; else the features the model is to score."""
    action = unmasked(action)
    declared = declared or Declarations.of(None, lexicon)
    if declared.customer_phrases or declared.company_phrases:
        lemmas = [w.lemma for w in words(action, lexicon)]
        for phrase, written in declared.customer_phrases:
            if _contains(lemmas, phrase):
                return Verdict(None, "", sure="declared-customer", phrase=written)
        for phrase, written in declared.company_phrases:
            if _contains(lemmas, phrase):
                return Verdict("error", "phrase", phrase=written)
    context = names.nouns(lexicon) if names is not None else None
    judgement = read_action(action, lexicon, context)
    if judgement.finding is not None:
        return Verdict("error", "grammar", judgement.finding)
    if judgement.sure:
        return Verdict(None, "", sure=judgement.reason)
    head = next((w for w in words(action, lexicon) if not w.lemma.startswith("<")), None)
    if head is None:
        return Verdict(None, "")
    if head.lemma in declared.customer_verbs:
        return Verdict(None, "", sure="declared-customer")
    return features(action, lexicon, (f"grammar:{judgement.reason}", *noun_cues(action, lexicon)))


def judge(
    action: str,
    lexicon: Lexicon,
    names: JourneyNames | None = None,
    declared: Declarations | None = None,
    model: Model | None = None,
    *,
    with_model: bool = True,
    self_service: bool = False,
) -> Verdict:
    """The verdict on one step label in the lexicon's language.

    Without the model when `with_model` is false (a journey written in another language than its `lang`: the model
    would read words it does not know). `self_service`: every touchpoint of the step is `support: selfcare`, the
    journey's own word that the customer acts alone there; then the model only speaks when it is sure (JM301).
    """
    action = unmasked(action)
    first = before_model(action, lexicon, names, declared)
    if isinstance(first, Verdict):
        return first
    if not with_model:
        return Verdict(None, "")
    model = model or load_model()
    thresholds = model.thresholds.get(lexicon.lang)
    if thresholds is None:
        return Verdict(None, "")
    probability = model.probability(first)
    warning = thresholds.error if self_service else thresholds.warning
    level = "error" if probability >= thresholds.error else "warning" if probability >= warning else None
    weighed = weighed_words(action, lexicon, model) if level else ()
    return Verdict(level, "model" if level else "", probability=probability, weighed=weighed)


def action_key(action: str, lexicon: Lexicon) -> tuple[str, ...] | None:
    """The lemmas of an action's main clause, possessives and pronouns included ("Vérifie le dossier" and
    "Vérifier les dossiers" share one); None when it has fewer than two words, too few to say it is the same."""
    key = tuple(w.lemma for w in words(unmasked(action), lexicon))
    return key if sum(not lemma.startswith("<") for lemma in key) >= 2 else None


def weighed_words(action: str, lexicon: Lexicon, model: Model) -> tuple[tuple[str, float], ...]:
    """The label's words that pushed the score most towards a process step, with their share of the score: each
    feature's weight times its value, shared among the words it comes from (features.contributions)."""
    shares: dict[str, float] = {}
    for name, value, written in contributions(words(action, lexicon), lexicon.lang):
        weight = model.weights.get(name, 0.0)
        for word in written:
            if weight and word:
                shares[word] = shares.get(word, 0.0) + weight * value / len(written)
    ranked = sorted(((word, share) for word, share in shares.items() if share > 0), key=lambda item: -item[1])
    return tuple((word, round(share, 2)) for word, share in ranked[:WEIGHED_WORDS])
