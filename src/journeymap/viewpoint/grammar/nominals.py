"""Nominalisations: "Envoi du devis", "Order processing", "Traitement de la réclamation par le service"."""

from __future__ import annotations

from journeymap.viewpoint.findings import ViewpointFinding
from journeymap.viewpoint.grammar import decide, suggest
from journeymap.viewpoint.grammar.objects import read_objects
from journeymap.viewpoint.grammar.reading import Done, Reading
from journeymap.viewpoint.morphology import BASE, ING
from journeymap.viewpoint.text import Tok


def english_compound(r: Reading, toks: list[Tok], i: int) -> ViewpointFinding | None:
    """"Order processing", "Claim handling", "Customer onboarding": the head comes last."""
    for h in range(i + 1, min(len(toks), i + 4)):
        if r.is_function(toks[h - 1]):
            return None
        nominal = r.nominal_at(toks, h)
        form = r.verb_at(toks, h, ING)
        if nominal is not None:
            length, lemma = nominal
        elif form is not None:
            length, lemma = form[0], form[1]
        else:
            continue
        end = h + length
        if end < len(toks) and not (r.is_function(toks[end]) or r.function_at("skip_words", toks, end)):
            continue
        premods = range(i, h)
        if not any(r.noun_at(toks, p) for p in premods):
            return None  # "Home delivery", "Price comparison": nothing known to act on
        if r.verb_at(toks, i, BASE) and (
            (r.noun_at(toks, i) is None and r.nominal_at(toks, i) is None) or r.noun_at(toks, h)
        ):
            return None  # "Track order shipping", "Claim compensation": a verb, then its object
        if any(r.verb_at(toks, p, ING) or (r.nominal_at(toks, p) and not r.noun_at(toks, p)) for p in premods):
            raise Done("event-compound")  # "Customer onboarding call": the head is an event, not an action on the customer
        return judge_nominal(r, toks, i, h, end, lemma, premods=(i, h))
    return None


def nominal_start(r: Reading, toks: list[Tok], i: int) -> ViewpointFinding | None:
    """"Envoi du devis", "Relance client", "Processing of the claim"."""
    nominal = r.nominal_at(toks, i)
    if nominal is None:
        return None
    length, lemma = nominal
    end = i + length
    if r.lang == "en" and end < len(toks) and not r.is_function(toks[end]):
        return None  # English puts the head last: "Billing address" is an address
    return judge_nominal(r, toks, i, i, end, lemma, premods=None)


def judge_nominal(
    r: Reading,
    toks: list[Tok],
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
    cls = r.cls(lemma)
    if cls in ("customer", "linking"):
        raise Done("customer-nominal")
    region_end = r.region_end(toks, end)
    objects = read_objects(r, toks, end, region_end, mode="nominal", premods=premods)
    agent = objects.first_of(("actor", "internal"), ("agent",))
    if agent is not None:
        return ViewpointFinding(
            kind="company-noun",
            reason=f"'{r.span_text(toks, h, end)}' is done here by the company "
            f"('{r.span_text(toks, agent.start, agent.end)}'): a process step, not the customer's action.",
            suggestion=suggest.suggest(r, lemma, objects.first("customer") is not None, toks, objects.first_np, nominal=True),
            matched=r.span_text(toks, i, agent.end),
        )
    bare = premods is None and objects.first_np is None and not any(
        hit.context != "agent" and hit.category != "third-party" for hit in objects.hits
    )
    if bare and not (performed and cls == "company"):
        raise Done("stage-name")  # "Livraison", "Livraison à domicile": a stage name, not a judgeable action
    return decide.decide(r, lemma, cls, toks, (h, end), objects, mode="nominal", start=i)
