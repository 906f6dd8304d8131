"""Where reading starts: the main clause of a label, a role before a colon, and what no grammar can miss."""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.viewpoint.findings import ViewpointFinding
from journeymap.viewpoint.grammar import decide, nominals, subjects, verbs
from journeymap.viewpoint.grammar.objects import read_objects
from journeymap.viewpoint.grammar.reading import SPEAKER_WORDS, Done, Hit, Judgement, Reading
from journeymap.viewpoint.morphology import BASE, SECOND_PLURAL, START_KINDS
from journeymap.viewpoint.text import Tok


def run(r: Reading, clauses: list[tuple[list[Tok], str]]) -> Judgement:
    """Judge the main clause: the first one that is not a role prefix or an adverbial ("En ligne, ...")."""
    if not clauses:
        return Judgement(None, "empty")
    first, sep = clauses[0]
    rest = clauses[1:]
    # "Agent: call the customer back" / "Client : reçoit le devis" / "Step 2: send the quote"
    if ":" in sep and rest and len(first) <= 4:
        role = role_of(r, first)
        if role == "customer":
            return Judgement(None, "customer-subject", sure=True)
        if role == "company":
            target = rest[0][0]
            return Judgement(ViewpointFinding(
                kind="company-subject",
                reason=f"'{r.span_text(first, 0, len(first))}' is the company: the step says what the "
                "company does, not what the customer does.",
                suggestion=subjects.subject_suggestion(r, target, 0),
                matched=r.span_text(first, 0, len(first)),
            ), "finding")
        if not says_the_action(r, first):
            clauses = rest  # "Step 2: send the quote", "En ligne : comparer les offres"
    for index, (toks, _sep) in enumerate(clauses):
        if index + 1 < len(clauses) and r.function_at("subordinators", toks, 0):
            continue  # "Once payment is received, we return the phone": the main clause comes after
        i = r.skip_leading(toks, 0)
        if i >= len(toks) or (index + 1 < len(clauses) and r.function_at("skip_words", toks, i) == len(toks) - i):
            continue  # "Enfin, nous vous enverrons la facture": an adverb alone is no clause
        if r.function_at("prepositions", toks, i) and not r.verb_at(toks, i, START_KINDS[r.lang]):
            continue  # an adverbial clause ("After the visit, ...", "En ligne, ...")
        try:
            found = clause(r, toks, i)
            if found:
                return Judgement(found, "finding")
            if addresses_the_customer(r, toks, i):
                return Judgement(None, "addressed-to-the-customer", sure=True)
            if r.any_verb_at(toks, i, START_KINDS[r.lang]):
                return Judgement(None, "unknown-verb")  # "Negotiate price and payment terms": no lexicon verb
            return Judgement(None, "no-reading")
        except Done as done:
            if not done.sure and addresses_the_customer(r, toks, i):
                return Judgement(None, "addressed-to-the-customer", sure=True)
            return Judgement(None, done.reason, done.sure)
    return Judgement(None, "empty")


def addresses_the_customer(r: Reading, toks: Sequence[Tok], i: int) -> bool:
    """A French label that starts with a vous imperative speaks to the customer ("Préparez le colis", "Suivez la
    livraison"): told to the customer, from the customer's side, when nothing says the company acts."""
    if r.lang != "fr" or i >= len(toks) or not toks[i].lower.endswith("ez"):
        return False
    form = r.any_verb_at(toks, i, SECOND_PLURAL)
    return form is not None and bool(form[2] & BASE)


def says_the_action(r: Reading, toks: Sequence[Tok]) -> bool:
    """Whether the words before a colon are the action itself ("Send the quote: within 48 h", "Envoi du devis :
    sous 48 h"), rather than a heading of the action that follows."""
    i = r.skip_leading(toks, 0)
    if i >= len(toks):
        return False
    return r.verb_at(toks, i, START_KINDS[r.lang]) is not None or r.nominal_at(toks, i) is not None


def role_of(r: Reading, toks: Sequence[Tok]) -> str | None:
    """Whether a short prefix before a colon names the company, the customer, or neither."""
    for i, tok in enumerate(toks):
        if r.is_word("company_pronouns", tok) or r.is_word("company_possessives", tok):
            return "company"
        if r.is_word("customer_pronouns", tok):
            return "customer"
        noun = r.noun_at(toks, i)
        if noun and noun[1] in ("actor", "internal"):
            return "company"
        if noun and noun[1] == "customer":
            return "customer"
    return None


def clause(r: Reading, toks: list[Tok], i: int) -> ViewpointFinding | None:
    """Try the readings from the most to the least specific; the first that applies decides."""
    tok = toks[i]
    if r.is_word("customer_pronouns", tok):
        # "I check my order", "Je prends rendez-vous", "Vous recevez le devis"; "Il chiffre les dommages" may be
        # anyone, so a third-person pronoun only clears the label for the grammar
        if tok.key in SPEAKER_WORDS[r.lang]:
            raise Done("customer-subject", sure=True)
        raise Done("third-person-pronoun")
    if r.is_word("company_pronouns", tok):
        result = subjects.pronoun_subject(r, toks, i)
        if result is not None:
            return result
    subject = subjects.subject(r, toks, i)
    if subject is not None:
        return subject
    if r.lang == "en":
        compound = nominals.english_compound(r, toks, i)
        if compound is not None:
            return compound
    verb = verbs.start_verb(r, toks, i)
    if verb is not None:
        return verb
    nominal = nominals.nominal_start(r, toks, i)
    if nominal is not None:
        return nominal
    generic = verbs.unknown_verb(r, toks, i)
    if generic is not None:
        return generic
    addressed = artefact_to_customer(r, toks, i)
    if addressed is not None:
        return addressed
    return internal_anywhere(r, toks, i)


def artefact_to_customer(r: Reading, toks: list[Tok], i: int) -> ViewpointFinding | None:
    """"Mail de relance au client", "Quote to the customer": a company artefact addressed to the customer."""
    j = i + (1 if r.is_word("determiners", toks[i]) else 0)
    noun = r.noun_at(toks, j)
    if noun is None or noun[1] not in ("artefact", "case-artefact"):
        return None
    end = j + noun[0]
    objects = read_objects(r, toks, end, r.region_end(toks, end), mode="verb")
    hit = objects.first("customer", ("recipient",))
    if hit is None or objects.first("actor", ("recipient",)) is not None:
        return None
    thing = r.span_text(toks, j, end)
    return ViewpointFinding(
        kind="company-noun",
        reason=f"'{thing}' is a company artefact addressed to '{r.span_text(toks, hit.start, hit.end)}': "
        "the company sends it, the customer receives it.",
        suggestion=None,
        matched=r.span_text(toks, i, hit.end),
    )


def internal_anywhere(r: Reading, toks: list[Tok], i: int) -> ViewpointFinding | None:
    """Whatever the grammar, a customer never deals with the CRM or the back office."""
    p = i
    while p < len(toks):
        noun = r.noun_at(toks, p)
        if noun and noun[1] == "internal":
            return decide.jargon(r, toks, Hit("internal", p, p + noun[0], "direct"))
        p += noun[0] if noun else 1
    return None
