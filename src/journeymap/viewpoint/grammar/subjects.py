"""Subjects: who acts ("We send", "L'agent rappelle", "Le client reçoit") and passives ("Quote sent by support")."""

from __future__ import annotations

from journeymap.viewpoint.findings import ViewpointFinding
from journeymap.viewpoint.grammar import decide, suggest
from journeymap.viewpoint.grammar.objects import read_objects
from journeymap.viewpoint.grammar.reading import FR_PARTICIPLE_ENDINGS, Done, Hit, Reading
from journeymap.viewpoint.morphology import BASE, FINITE, ING, PP, START_KINDS
from journeymap.viewpoint.text import Tok


def pronoun_subject(r: Reading, toks: list[Tok], i: int) -> ViewpointFinding | None:
    """"We send the invoice", "Nous envoyons", "On expédie"; "Nous contacter" is the customer's."""
    j = i + 1
    while j < len(toks) and r.is_word("clitics", toks[j]) and j - i < 3:
        j += 1
    if j >= len(toks):
        return None
    if r.lang == "fr":
        form = r.verb_at(toks, j, BASE | FINITE | PP)
        if form and form[2] == BASE:
            raise Done("addressed-to-us", sure=True)  # "Nous contacter", "Nous écrire": an infinitive addresses the company
    aux = r.function_at("active_auxiliaries", toks, j) or r.function_at("passive_auxiliaries", toks, j)
    k = j + aux
    form = r.verb_at(toks, k, BASE | FINITE | PP | ING)
    if form is None and (aux or j > i + 1 or not r.is_function(toks[j])):
        form_len, lemma = 1, ""
    elif form is None:
        return None
    else:
        form_len, lemma = form[0], form[1]
    said = lemma or (r.any_verb_at(toks, k, BASE | FINITE) or (0, ""))[1]
    if r.lex.has("advice_verbs", said) and any(t.key in ("you", "vous") for t in toks[i + 1 : k + form_len + 2]):
        raise Done("company-advises")  # "Nous vous invitons à contacter", "We encourage you to make a list"
    return company_subject(r, toks, i, i + 1, k + form_len, lemma)


def subject(r: Reading, toks: list[Tok], i: int) -> ViewpointFinding | None:
    """A noun phrase at the start followed by a verb: active (who acts?) or passive (what is done?)."""
    j = i
    det = ""
    if r.is_word("determiners", toks[j]) or r.is_word("customer_possessives", toks[j]):
        det = "det"
        j += 1
    elif r.is_word("company_possessives", toks[j]):
        det = "company"
        j += 1
    if j >= len(toks):
        return None
    noun = r.noun_at(toks, j)
    if noun is None and det and j + 1 < len(toks) and not r.is_function(toks[j]) and not r.is_agent_noun(toks[j]):
        # "the new user", "le nouveau client"; not "Your conveyancer checks", a verb after a noun
        noun2 = None if r.verb_at(toks, j + 1, FINITE) else r.noun_at(toks, j + 1)
        if noun2:
            noun = (noun2[0] + 1, noun2[1])
    if noun is not None:
        k = j + noun[0]
        category = noun[1]
        while category == "actor" and (following := r.noun_at(toks, k)) and following[1] in ("actor", "internal"):
            k += following[0]  # "hospital staff", "claims team"
        if r.lang == "fr" and category in ("actor", "customer"):
            k = _past_complement(r, toks, k)  # "L'agent d'accueil récupère", "Le service des admissions"
    elif det == "company":
        k, category = j + 1, "actor"  # "Our team", "Nos équipes"
    elif det or not r.verb_at(toks, j, START_KINDS[r.lang]):
        # an unknown noun phrase: only a passive can tell something ("Le colis est livré", "Quote sent")
        k = j
        while k < len(toks) and k - j < 3 and not r.is_function(toks[k]) and not r.verb_at(toks, k, PP | FINITE):
            if k > j and r.any_verb_at(toks, k, FINITE | PP) and not r.noun_at(toks, k):
                break  # "Your conveyancer confirms", "Le notaire rédige": any verb ends the subject
            k += 1
        if k == j:
            return None
        category = "thing"
        if r.is_agent_noun(toks[k - 1]) or any((r.noun_at(toks, p) or (0, ""))[1] == "actor" for p in range(j, k)):
            category = "actor"  # somebody at work: "A licensed appraiser", "Inspector logs the result"
        named = k == j + 1 == i + 1 and toks[j].text[:1].isupper() and not r.nominal_at(toks, j)
        if category == "thing" and named and r.any_verb_at(toks, k, FINITE) and not r.noun_at(toks, k):
            # "Léa décroche le téléphone": a first name acting. Not the persona's (the journey's persona names are
            # nouns of the customer), so somebody at the company when the journey names its persona
            if not r.persona_known:
                raise Done("named-subject")
            category = "actor"
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
    passive = passive_after(r, toks, i, k, category)
    if passive is not None:
        return passive
    active = active_after(r, toks, i, k, category, bool(det))
    if active is not None:
        return active
    if (
        after + 1 < len(toks)
        and not r.is_function(toks[after])
        and r.noun_at(toks, after) is None
        and not r.verb_at(toks, after, PP | FINITE)
    ):
        passive = passive_after(r, toks, i, after + 1, category)
        if passive is not None:
            return passive
        active = active_after(r, toks, i, after + 1, category, bool(det))
        if active is not None:
            return active
    return None


def passive_after(r: Reading, toks: list[Tok], i: int, k: int, category: str) -> ViewpointFinding | None:
    """NP + (is/est) + participle [+ by/par agent]: the subject is what the company acts on."""
    if k >= len(toks):
        return None
    aux = r.function_at("passive_auxiliaries", toks, k)
    m = k + aux
    while m < len(toks) and r.function_at("skip_words", toks, m):
        m += r.function_at("skip_words", toks, m)
    form = r.verb_at(toks, m, PP)
    if form is None and aux:
        form = r.any_verb_at(toks, m, PP)  # "Le patient est conduit par l'ambulancier": any verb after "est"
    if form is None:
        return None
    if not aux:
        if category in ("actor", "customer") and r.verb_at(toks, m, FINITE):
            return None  # "Agent called the customer": an active past, not "Quote sent"
        nxt = m + form[0]
        if nxt < len(toks) and not (
            r.is_function(toks[nxt]) or r.function_at("skip_words", toks, nxt) or toks[nxt].key.isdigit()
        ):
            return None  # "Review signed contract": a participle used as an adjective
        if r.lang == "fr" and category == "customer" and not toks[m].lower.endswith(FR_PARTICIPLE_ENDINGS):
            return None  # "Client valide" (accents dropped) reads as "le client valide", not "client validé"
    lemma = form[1]
    end = m + form[0]
    cls = r.cls(lemma)
    if cls == "linking":
        return None
    # the agent: "par le service", "by support"
    agent = None
    for a in range(end, len(toks)):
        n = r.function_at("agent_markers", toks, a)
        if n:
            agent = find_noun(r, toks, a + n, len(toks))
            break
    span = r.span_text(toks, i, end)
    if agent is not None:
        if agent.category in ("actor", "internal"):
            agent_text = r.span_text(toks, agent.start, agent.end)
            return ViewpointFinding(
                kind="company-passive",
                reason=f"'{span}' is a passive whose agent is the company ('{agent_text}'): the step is "
                "told from the company's side.",
                suggestion=suggest.suggest(r, lemma, category == "customer", toks, (i, k), nominal=False),
                matched=r.span_text(toks, i, agent.end),
            )
        if agent.category == "customer":
            raise Done("customer-agent", sure=True)  # "Le devis est signé par le client"
    if category == "actor":
        return company_subject(r, toks, i, k, end, lemma)
    if cls == "customer":
        raise Done("customer-verb-passive")
    objects = read_objects(r, toks, i, k, mode="passive")
    finding = decide.decide(r, lemma, cls, toks, (m, end), objects, mode="passive")
    return ViewpointFinding(
        kind="company-passive",
        reason=f"'{span}' is a passive where the company acts on '{r.span_text(toks, i, k)}': "
        "the step is told from the company's side.",
        suggestion=finding.suggestion,
        matched=span,
    )


def active_after(r: Reading, toks: list[Tok], i: int, k: int, category: str, has_det: bool) -> ViewpointFinding | None:
    """NP + conjugated verb: a company subject is a finding, a customer subject ends the analysis."""
    if k >= len(toks) or category not in ("actor", "customer"):
        return None
    j = k
    aux = r.function_at("active_auxiliaries", toks, j)
    progressive = r.function_at("passive_auxiliaries", toks, j)
    if not aux and progressive and r.verb_at(toks, j + progressive, ING):
        aux = progressive  # "The agent is calling the customer"
    if aux:
        j += aux
    clitic = 0
    while j < len(toks) and r.lang == "fr" and r.is_word("clitics", toks[j]) and clitic < 3:
        j += 1
        clitic += 1
    if j >= len(toks):
        return None
    wanted = BASE | PP | FINITE if aux else FINITE
    form = r.verb_at(toks, j, wanted | (ING if aux else 0)) or r.any_verb_at(toks, j, wanted)
    plural_subject = toks[k - 1].key.endswith("s") and not toks[k - 1].key.endswith("ss")
    if form is None and r.lang == "en" and not aux and plural_subject:
        form = r.verb_at(toks, j, BASE)
    if form is None:
        guess = (
            clitic > 0
            or aux > 0
            or (
                r.lang == "en"
                and toks[j].key.endswith("s")
                and not toks[j].key.endswith("ss")
                and j + 1 < len(toks)
                and not r.is_function(toks[j])
                and r.noun_at(toks, j) is None
            )
        )
        if not guess:
            return None
        form = (1, "", FINITE)
    end = j + form[0]
    if (
        r.lang == "en"
        and not has_det
        and not aux
        and end >= len(toks)
        and category == "actor"
        and (r.nominal_at(toks, j) or r.noun_at(toks, j))
    ):
        return None  # "Support requests": a noun compound, not a sentence
    if category == "customer":
        raise Done("customer-subject", sure=True)  # "Le client reçoit le devis", "The customer pays"
    if r.cls(form[1]) == "linking" and end >= len(toks):
        return None
    return company_subject(r, toks, i, k, end, form[1])


def company_subject(r: Reading, toks: list[Tok], i: int, k: int, end: int, lemma: str) -> ViewpointFinding:
    """The subject toks[i:k] is the company; the verb ends at `end` and its object drives the suggestion."""
    subject = r.span_text(toks, i, k)
    suggestion = None
    if lemma:
        objects = read_objects(r, toks, end, len(toks), mode="verb")
        customer = objects.first("customer", ("direct", "recipient", "genitive", "other-prep")) is not None
        suggestion = suggest.suggest(r, lemma, customer, toks, objects.first_np, nominal=False)
    return ViewpointFinding(
        kind="company-subject",
        reason=f"'{subject}' is the company: the step says what the company does, not what the customer does.",
        suggestion=suggestion,
        matched=r.span_text(toks, i, end),
    )


def subject_suggestion(r: Reading, toks: list[Tok], i: int) -> str | None:
    """The suggestion for "Agent: call the customer back", from the clause after the role."""
    i = r.skip_leading(toks, i)
    form = r.verb_at(toks, i, BASE | FINITE)
    if form is None:
        return None
    end = i + form[0]
    objects = read_objects(r, toks, end, len(toks), mode="verb")
    customer = objects.first("customer", ("direct", "recipient", "genitive", "other-prep")) is not None
    return suggest.suggest(r, form[1], customer, toks, objects.first_np, nominal=False)


def find_noun(r: Reading, toks: list[Tok], start: int, end: int) -> Hit | None:
    """The known noun right after an agent marker ("par le service", "by the support team")."""
    p = start
    while p < end:
        if r.is_agent_noun(toks[p]):
            return Hit("actor", p, p + 1, "agent")  # "by your conveyancer", "par l'instructeur"
        noun = r.noun_at(toks, p)
        if noun:
            end_noun = p + noun[0]
            ours = end_noun + 1 < len(toks) and r.function_at("genitive_markers", toks, end_noun) and any(
                r.is_word("company_possessives", t) for t in toks[end_noun : end_noun + 3]
            )
            return Hit("actor" if ours else noun[1], p, end_noun, "agent")  # "un membre de notre équipe"
        if r.is_function(toks[p]) or p - start < 2:
            p += 1
            continue
        return None
    return None


def _past_complement(r: Reading, toks: list[Tok], k: int) -> int:
    """After a French subject noun, past its "de" complement when a verb follows it ("L'agent d'accueil
    récupère"); else k itself."""
    n = r.function_at("genitive_markers", toks, k)
    if not n:
        return k
    p = k + n
    if p < len(toks) and r.is_word("determiners", toks[p]):
        p += 1
    for q in (p + 1, p + 2):
        if q < len(toks) and not any(r.is_function(t) for t in toks[p:q]):
            if r.verb_at(toks, q, FINITE | PP) or r.any_verb_at(toks, q, FINITE | PP) or r.function_at(
                "passive_auxiliaries", toks, q
            ) or r.function_at("active_auxiliaries", toks, q):
                return q
    return k
