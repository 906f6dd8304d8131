"""The decision: whose action it is, given the verb class and what its objects are."""

from __future__ import annotations

from journeymap.viewpoint.findings import ViewpointFinding
from journeymap.viewpoint.grammar import suggest
from journeymap.viewpoint.grammar.reading import SPEAKER_WORDS, Done, Hit, Objects, Reading
from journeymap.viewpoint.morphology import BASE
from journeymap.viewpoint.text import Tok


def decide(
    r: Reading,
    lemma: str,
    cls: str,
    toks: list[Tok],
    verb: tuple[int, int],
    objects: Objects,
    mode: str,
    start: int | None = None,
) -> ViewpointFinding:
    """Whose action is it, given the verb class and what the objects are; raises Done when the customer's."""
    verb_text = r.span_text(toks, verb[0], verb[1])
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
        who = r.span_text(toks, customer.start, customer.end)
        matched_start = start if start is not None else min(verb[0], customer.start)
        matched = r.span_text(toks, min(matched_start, customer.start), max(verb[1], customer.end))
        suggestion = suggest.suggest(r, lemma, True, toks, objects.first_np, nominal=nominal)
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
            return jargon(r, toks, internal)
        if objects.own_word in SPEAKER_WORDS[r.lang] and mode == "verb" and r.verb_at(toks, verb[0], BASE):
            raise Done("customer-possessive", sure=True)  # "Track my parcel"
        addressed = objects.first("actor", ("direct", "recipient", "other-prep"))  # "Ask at the front desk"
        if addressed is not None and mode == "verb" and r.is_contact_verb(lemma):
            raise Done("company-addressed", sure=True)  # "Demander conseil au vendeur", "Consult the pharmacist"
        raise Done("customer-verb")
    # 2. the company as target: the customer calls, writes to, chases the company. Company verbs route work
    # *to* staff ("Escalate to the manager") or allocate *a* member of staff ("Dispatch a technician");
    # sending verbs send staff ("Send a technician") but to the company only what the customer owns.
    actor = objects.first("actor", ("direct", "recipient", "other-prep", "genitive"))
    if actor is not None:
        if nominal and actor.context == "other-prep":
            targeted = False  # "Package preparation in warehouse": where the company works, not whom one calls
        elif cls == "company":
            targeted = (actor.context == "direct" and not actor.indefinite) or (
                actor.context == "recipient" and r.lex.has("target_markers", actor.marker)
            )
        elif cls in ("artefact", "sending"):
            targeted = actor.context != "direct"
        else:
            targeted = True
        if targeted:
            # "Appeler le service client", "Se plaindre auprès du SAV" are the customer's; but staff address each
            # other as much ("Notify the manager", "Transfer calls to the pharmacist": about half of real labels of
            # this shape), so the model decides, told that the company is addressed or only mentioned
            addressed = actor.context in ("direct", "recipient") and not actor.indefinite
            contacted = actor.context in ("direct", "recipient", "other-prep")  # "Call an advisor", "Ask in store"
            if contacted and mode == "verb" and r.is_contact_verb(lemma) and r.verb_at(toks, verb[0], BASE):
                raise Done("company-addressed", sure=True)  # "Call customer support", "Appeler le SAV"
            raise Done("company-target" if addressed else "company-mentioned")
    # 3. the customer's own things
    if objects.own and mode != "passive":
        # "Send my documents", "Envoyer votre candidature"; "Traiter sa demande" may be the company's work on the
        # customer's request, and "Reviewing your medical history" the company's too, so "sa", "their" and a
        # gerund only clear the label for the grammar ("Your application is processed" is no clearing at all)
        imperative = mode == "verb" and r.verb_at(toks, verb[0], BASE) is not None
        if objects.own_word in SPEAKER_WORDS[r.lang] and imperative:
            raise Done("customer-possessive", sure=True)
        raise Done("their-thing")
    if cls == "company":
        term = objects.hits[0] if objects.hits and objects.hits[0].context != "agent" else None
        if nominal:
            reason = (
                f"'{verb_text}' names a company process ({r.display(lemma)}): it says what the company "
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
            suggestion=suggest.suggest(r, lemma, False, toks, objects.first_np, nominal=nominal),
            matched=r.span_text(toks, begin, end),
        )
    if internal is not None:
        return jargon(r, toks, internal)
    artefact = objects.first_of(("artefact", "case-artefact"), ("direct", "genitive-head", "genitive"))
    case = objects.first_of(("case", "case-artefact"), ("direct", "genitive-head", "genitive"))
    pure_artefact = objects.first_of(("artefact",), ("direct", "genitive-head", "genitive"))
    first_is_artefact = pure_artefact is not None and (case is None or pure_artefact.start < case.start)
    if cls == "artefact" and (artefact is not None or objects.company_owned or (actor is not None)):
        thing = artefact or actor
        thing_text = r.span_text(toks, thing.start, thing.end) if thing else "our"
        return process_finding(r, 
            lemma, toks, verb, verb_text, thing, objects, nominal, start,
            f"'{verb_text}' with '{thing_text}' is a company process: the company produces or sends it, the "
            "customer receives it.",
        )  # fmt: skip
    third_party = objects.first("third-party")
    if cls in ("sending", "artefact") and third_party is not None and r.lex.has("recipient_markers", third_party.marker):
        raise Done("sent-to-a-third-party")  # "Send money to a friend", "Envoyer un cadeau à un proche"
    if cls == "sending":
        # what is sent decides: the customer's own things and case files go to the company, anything else
        # ("Send the recipes", "Envoyer les recettes") is the company sending to the customer
        first = next((hit for hit in objects.hits if hit.context in ("direct", "genitive-head")), None)
        if first is not None and first.category in ("own", "case") and mode != "passive":
            raise Done("sends-own-thing")  # "Send the documents", "Envoyer le formulaire", "Transmettre le dossier"
        if objects.first_np is None:
            raise Done("nothing-sent")  # "Send", "Envoyer par mail": nothing tells what is sent
        thing = artefact or first
        if thing is None:
            a, b = objects.first_np
            while a < b - 1 and r.is_function(toks[a]):
                a += 1  # quote "recipes", not "the recipes"
            thing = Hit("thing", a, b, "direct")
        thing_text = r.span_text(toks, thing.start, thing.end)
        return process_finding(r, 
            lemma, toks, verb, verb_text, thing, objects, nominal, start,
            f"'{verb_text}' with '{thing_text}' is a company process: the company sends it, the customer "
            "receives it.",
        )  # fmt: skip
    if cls == "case" and case is not None and not first_is_artefact:
        thing_text = r.span_text(toks, case.start, case.end)
        return process_finding(r, 
            lemma, toks, verb, verb_text, case, objects, nominal, start,
            f"'{verb_text}' with '{thing_text}' is a company process: the company assesses what the "
            "customer submitted.",
        )  # fmt: skip
    raise Done("no-sign")


def jargon(r: Reading, toks: list[Tok], hit: Hit) -> ViewpointFinding:
    """The finding for internal jargon, whatever the verb."""
    term = r.span_text(toks, hit.start, hit.end)
    return ViewpointFinding(
        kind="company-noun",
        reason=f"'{term}' is internal jargon the customer never sees: this is back-office work.",
        suggestion=None,
        matched=term,
    )


def process_finding(
    r: Reading,
    lemma: str,
    toks: list[Tok],
    verb: tuple[int, int],
    verb_text: str,
    thing: Hit | None,
    objects: Objects,
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
        suggestion=suggest.suggest(r, lemma, False, toks, objects.first_np, nominal=nominal),
        matched=r.span_text(toks, begin, end),
    )
