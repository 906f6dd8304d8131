"""Labels that start with a verb, the style of most labels: "Send a quote", "Rappeler le client"."""

from __future__ import annotations

from journeymap.viewpoint.findings import ViewpointFinding
from journeymap.viewpoint.grammar import decide, nominals, suggest
from journeymap.viewpoint.grammar.objects import read_objects
from journeymap.viewpoint.grammar.reading import Done, Reading
from journeymap.viewpoint.morphology import BASE, ING, START_KINDS
from journeymap.viewpoint.text import Tok


def start_verb(r: Reading, toks: list[Tok], i: int) -> ViewpointFinding | None:
    """The imperative/infinitive style of most labels: "Send a quote", "Rappeler le client"."""
    j = i
    reflexive = False
    if r.lang == "fr":
        while j < len(toks) - 1 and r.is_word("clitics", toks[j]) and j - i < 2:
            if toks[j].key in ("se", "s'"):
                reflexive = True
            j += 1
    form = r.verb_at(toks, j, START_KINDS[r.lang])
    if form is None:
        return None
    length, lemma, kinds = form
    end = j + length
    if r.lang == "en" and end < len(toks) and toks[end].key == "us" and kinds & BASE:
        raise Done("addressed-to-us", sure=True)  # "Send us your meter readings", "Tell us you're moving"
    if r.lang == "en" and end < len(toks) and toks[end].key == "you" and kinds & (BASE | ING):
        # "Send you a response", "Referring you to the manufacturer": nobody tells the customer to act on "you"
        verb_text = r.span_text(toks, j, end)
        return ViewpointFinding(
            kind="customer-object",
            reason=f"'you' is the object of '{verb_text}': the company acts on the customer here, so this is a "
            "process step.",
            suggestion=suggest.suggest(r, lemma, True, toks, None, nominal=False),
            matched=r.span_text(toks, j, end + 1),
        )
    if r.lang == "en" and looks_like_noun(r, toks, j, end):
        return None
    if r.lang == "en" and end >= len(toks) and r.nominal_at(toks, j):
        raise Done("stage-name")  # "Audit", "Dispatch", "Follow-up": a stage name as much as an order
    if r.lang == "en" and not kinds & (BASE | ING) and j + length >= len(toks):
        return None
    if (
        r.lang == "en"
        and kinds & ING
        and not kinds & BASE
        and end < len(toks)
        and not r.is_function(toks[end])
        and r.noun_at(toks, end) is None
    ):
        return None  # "Onboarding session", "Shipping options": a gerund used as a modifier
    cls = r.cls(lemma)
    # "and compare", "et comparer": a second verb sharing the object
    region_start = end
    n = r.function_at("clause_breaks", toks, region_start)
    if n and r.verb_at(toks, region_start + n, START_KINDS[r.lang]):
        second = r.verb_at(toks, region_start + n, START_KINDS[r.lang])
        assert second is not None
        region_start = region_start + n + second[0]
    region_end = r.region_end(toks, region_start)
    lemma, region_end, particle = separable_particle(r, toks, lemma, region_start, region_end)
    cls = r.cls(lemma)
    if cls == "linking":
        raise Done("linking-verb")
    if cls == "light":
        return light_verb(r, toks, (j, end), region_start, region_end)
    if reflexive and cls in ("unknown",):
        raise Done("reflexive-verb")
    objects = read_objects(r, toks, region_start, region_end, mode="verb", skip=particle)
    return decide.decide(r, lemma, cls, toks, (j, end), objects, mode="verb")


def light_verb(
    r: Reading, toks: list[Tok], verb: tuple[int, int], start: int, end: int
) -> ViewpointFinding | None:
    """"Perform the audit", "Procéder à la vérification": the nominalisation object carries the action."""
    p = start
    while p < end and p - start < 3 and (r.is_function(toks[p]) or r.function_at("skip_words", toks, p)):
        p += 1
    nominal = r.nominal_at(toks, p)
    if nominal is None and r.lang == "en":
        gerund = r.verb_at(toks, p, ING)  # "Perform the onboarding"
        nominal = (gerund[0], gerund[1]) if gerund else None
    if nominal is not None:
        return nominals.judge_nominal(r, toks, verb[0], p, p + nominal[0], nominal[1], premods=None, performed=True)
    objects = read_objects(r, toks, start, end, mode="verb")
    return decide.decide(r, "", "unknown", toks, verb, objects, mode="verb")


def looks_like_noun(r: Reading, toks: list[Tok], j: int, end: int) -> bool:
    """English nouns double as verbs ("Invoice details", "Order online"): a verb takes an object."""
    if r.noun_at(toks, j) is None:
        return False
    if end >= len(toks):
        return False
    following = r.noun_at(toks, end)
    return not (
        r.is_function(toks[end])
        or r.function_at("skip_words", toks, end)
        or (following is not None and following[1] in ("customer", "actor"))
    )


def separable_particle(
    r: Reading, toks: list[Tok], lemma: str, start: int, end: int
) -> tuple[str, int, frozenset[int]]:
    """"Call the prospect back" is "call back" with its particle moved after the object."""
    if r.lang != "en" or " " in lemma:
        return lemma, end, frozenset()
    for rest, full in r.lex.separable.get(lemma, ()):
        for p in range(start + 1, min(end, start + 6)):
            if tuple(t.key for t in toks[p : p + len(rest)]) != rest:
                continue
            after = p + len(rest)
            # a particle ends the verb phrase: "Log the incident in ServiceNow" has a preposition instead
            ends_phrase = after >= end or (
                (r.is_word("prepositions", toks[after]) and not r.is_word("determiners", toks[after]))
                or r.function_at("skip_words", toks, after) > 0
                or toks[after].key.isdigit()
            )
            if ends_phrase:
                return full, end, frozenset(range(p, after))
    return lemma, end, frozenset()


def unknown_verb(r: Reading, toks: list[Tok], i: int) -> ViewpointFinding | None:
    """A verb missing from the lexicon still gives itself away when the customer is its object."""
    tok = toks[i]
    if r.is_function(tok) or r.noun_at(toks, i) or r.nominal_at(toks, i) or not tok.key.isalpha():
        return None
    if r.lang == "fr" and not (tok.key.endswith(("er", "ir", "re", "oir")) and len(tok.key) > 3):
        return None
    if i + 1 >= len(toks):
        return None
    objects = read_objects(r, toks, i + 1, r.region_end(toks, i + 1), mode="verb")
    hit = objects.first("customer", ("direct", "recipient", "genitive", "other-prep"))
    if hit is None:
        form = r.any_verb_at(toks, i, BASE)
        contact = form is not None and r.is_contact_verb(form[1])
        addressed = objects.first("actor", ("direct", "recipient", "other-prep") if contact else ("direct", "recipient"))
        if addressed is not None and form is not None and (contact or not addressed.indefinite):
            # "Montrer la panne au conseiller", "Talk through the project with the account manager"
            raise Done("company-addressed" if r.is_contact_verb(form[1]) else "company-target",
                       sure=r.is_contact_verb(form[1]))  # fmt: skip
        return None
    return decide.decide(r, "", "unknown", toks, (i, i + 1), objects, mode="verb")
