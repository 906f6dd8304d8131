"""The grammar's signs on the kinds of labels real people write (issue 10's list and what the collections showed).

Each case: a label, its language, and what the grammar says of it: a finding kind, or why it found none and
whether that makes the label surely the customer's (then the model is not asked).
"""

from __future__ import annotations

import pytest

from journeymap.viewpoint import load_lexicon
from journeymap.viewpoint.grammar import read_action

LEXICONS = {"en": load_lexicon("en"), "fr": load_lexicon("fr")}


@pytest.mark.parametrize(
    ("label", "lang", "kind"),
    [
        # details after a colon are not a role before it
        ("Envoyer le devis : sous 48 h", "fr", "company-verb"),
        ("Send the quote: today", "en", "company-verb"),
        ("Étape 2 : Envoyer le devis", "fr", "company-verb"),
        # subjects of every kind
        ("Nous procéderons à l'inspection", "fr", "company-subject"),
        ("The advisor explains the offer", "en", "company-subject"),
        ("Your conveyancer checks the contract pack", "en", "company-subject"),
        ("A licensed appraiser determines the market value", "en", "company-subject"),
        ("L'agent d'accueil récupère vos données", "fr", "company-subject"),
        ("Le service des admissions valide le dossier", "fr", "company-subject"),
        ("Inspector logs the result of the inspection", "en", "company-subject"),
        ("Admin verifies identity live", "en", "company-subject"),
        ("Le notaire rédige l'acte de vente", "fr", "company-subject"),
        # a subordinate clause first, the main clause after it
        ("Once payment is received, we will return the phone", "en", "company-subject"),
        ("Si elle est défectueuse, nous procéderons au remboursement", "fr", "company-subject"),
        ("Enfin, nous vous enverrons la facture", "fr", "company-subject"),
        # passives, future and participial, with or without an agent
        ("Le remboursement sera effectué par l'assureur", "fr", "company-passive"),
        ("Your application is processed.", "en", "company-passive"),
        ("The file is signed off by your solicitor", "en", "company-passive"),
        ("Le patient est conduit dans sa chambre par l'ambulancier", "fr", "company-passive"),
        ("Le contenu doit être approuvé par un membre de notre équipe", "fr", "company-passive"),
        # the customer as object, "you" included
        ("Send you a response to your complaint", "en", "customer-object"),
        ("Referring you to the manufacturer", "en", "customer-object"),
    ],
)
def test_company_work_is_found(label: str, lang: str, kind: str) -> None:
    judgement = read_action(label, LEXICONS[lang])
    assert judgement.finding is not None and judgement.finding.kind == kind, judgement


@pytest.mark.parametrize(
    ("label", "lang", "reason"),
    [
        ("Le client reçoit le devis", "fr", "customer-subject"),
        ("Le client de la banque signe", "fr", "customer-subject"),
        ("Track my parcel", "en", "customer-possessive"),
        ("Préparez le colis", "fr", "addressed-to-the-customer"),
        ("Suivez la livraison depuis votre espace client", "fr", "addressed-to-the-customer"),
        ("Call customer support", "en", "company-addressed"),
        ("Appeler le service client pour signaler une fuite", "fr", "company-addressed"),
        ("Demander conseil à un vendeur en magasin", "fr", "company-addressed"),
        ("Show the engineer around the plant", "en", "company-addressed"),
        ("Le devis est signé par le client", "fr", "customer-agent"),
        # the company is whom the customer writes to
        ("Send us your meter readings", "en", "addressed-to-us"),
        ("Notify us at least 7 days before your move-out date", "en", "addressed-to-us"),
        ("Nous écrire pour toute question", "fr", "addressed-to-us"),
    ],
)
def test_sure_signs_of_the_customer(label: str, lang: str, reason: str) -> None:
    judgement = read_action(label, LEXICONS[lang])
    assert (judgement.finding, judgement.reason, judgement.sure) == (None, reason, True), judgement


@pytest.mark.parametrize(
    ("label", "lang", "reason"),
    [
        ("Il chiffre les dommages", "fr", "third-person-pronoun"),  # "il" may be anyone: the model decides
        ("Traiter sa demande", "fr", "their-thing"),  # "sa" may be the customer's request in the company's hands
        ("Reviewing your medical history", "en", "their-thing"),  # a gerund, not an imperative
        ("Transfer calls to the pharmacist", "en", "company-target"),  # staff address staff too
        ("Sophie compares the offers", "en", "named-subject"),  # no persona known: not sure either way
        ("Prepare a cover letter", "en", "no-sign"),
        ("Ship the return via the carrier", "en", "company-mentioned"),
        # the company asks or advises the customer to act: what follows is the customer's
        ("We encourage you to make a list of questions", "en", "company-advises"),
        ("We ask that you leave the best contact number", "en", "company-advises"),
        ("Nous vous invitons à contacter votre opticien", "fr", "company-advises"),
        ("Lors de votre admission, nous vous recommandons de déposer vos objets de valeur", "fr", "company-advises"),
    ],
)
def test_what_the_grammar_leaves_to_the_model(label: str, lang: str, reason: str) -> None:
    judgement = read_action(label, LEXICONS[lang])
    assert (judgement.finding, judgement.reason, judgement.sure) == (None, reason, False), judgement


def test_a_relative_clause_is_not_the_verbs_object() -> None:
    assert read_action("view a public group I'm not a member of", LEXICONS["en"]).finding is None
    assert read_action("Notify the customer who called", LEXICONS["en"]).finding is not None


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("We send you the quote", "company-subject"),
        ("We will ask the supplier for a new date", "company-subject"),  # nobody advises "you" here
    ],
)
def test_the_company_acting_stays_company_work(label: str, kind: str) -> None:
    judgement = read_action(label, LEXICONS["en"])
    assert judgement.finding is not None and judgement.finding.kind == kind, judgement


@pytest.mark.parametrize(
    ("label", "lang", "cue"),
    [
        ("They will weigh your baggage", "en", "cue:they-to-you"),  # somebody acting on the customer
        ("Il vous communiquera une date de portabilité", "fr", "cue:they-to-you"),
        ("Il vous suffit de signer le contrat", "fr", "cue:impersonal"),  # no one: the reader acts
        ("Il faut ensuite vous présenter à l'école", "fr", "cue:impersonal"),
    ],
)
def test_the_model_is_told_who_a_third_person_is(label: str, lang: str, cue: str) -> None:
    from journeymap.viewpoint.features import features, noun_cues

    found = features(label, LEXICONS[lang], noun_cues(label, LEXICONS[lang]))
    assert cue in found, sorted(k for k in found if k.startswith("cue:"))
    others = {"cue:they-to-you", "cue:impersonal"} - {cue}
    assert not others & set(found)
