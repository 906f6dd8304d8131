"""One verdict per step: the team's declarations, then the grammar's sure signs, then the model (JM301 / JM303).

The model's own quality is measured in test_figures.py; here a hand-made model pins down how its score becomes a
level, what the message names, and who wins when the grammar, a declaration and the model disagree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLEAN_JOURNEY, position_of
from journeymap.config import Settings
from journeymap.validate import validate_paths, validate_text
from journeymap.viewpoint import load_lexicon
from journeymap.viewpoint.judge import Declarations, JourneyNames, action_key, judge
from journeymap.viewpoint.scorer import Model, Thresholds, load_model

EN, FR = load_lexicon("en"), load_lexicon("fr")


def model(weights: dict[str, float], bias: float = -4.0, warning: float = 0.5, error: float = 0.9) -> Model:
    levels = Thresholds(warning, error)
    return Model(bias=bias, weights=weights, thresholds={"en": levels, "fr": levels}, features_digest="test")


# A model that finds everything suspicious: whatever it lets through, something before it decided.
SUSPICIOUS = model({}, bias=5.0)


def test_the_score_becomes_a_warning_then_an_error() -> None:
    restock = model({"en:w:restock": 4.5})  # logit 0.5: p = 0.62, a warning
    verdict = judge("Restock the shelves", EN, model=restock)
    assert (verdict.level, verdict.by) == ("warning", "model")
    assert verdict.weighed[0][0] == "Restock"
    sure = model({"en:w:restock": 8.0})  # p = 0.98: an error
    assert judge("Restock the shelves", EN, model=sure).level == "error"
    assert judge("Browse the shelves", EN, model=restock).level is None


def test_the_grammar_decides_before_the_model() -> None:
    verdict = judge("Envoyer le devis au client", FR, model=model({}))
    assert (verdict.level, verdict.by) == ("error", "grammar")
    assert verdict.finding is not None and verdict.finding.kind == "customer-object"
    for label, lexicon in (("Le client reçoit le devis", FR), ("Track my parcel", EN), ("Préparez le colis", FR)):
        verdict = judge(label, lexicon, model=SUSPICIOUS)
        assert verdict.level is None and verdict.sure, label


@pytest.mark.parametrize(
    ("label", "lexicon"),
    [("Envoyer le devis : sous 48 h", FR), ("Send the quote: today", EN), ("Step 2: send the quote", EN)],
)
def test_details_after_a_colon_do_not_hide_the_action(label: str, lexicon) -> None:
    verdict = judge(label, lexicon, model=model({}))
    assert verdict.level == "error" and verdict.by == "grammar", label


def test_declared_phrases_win_over_everything() -> None:
    lexicon = load_lexicon("en", {"customer_phrases": ["restock the shelves"], "company_phrases": ["browse the web"]})
    declared = Declarations.of({"customer_phrases": ["restock the shelves"]}, lexicon)
    assert judge("Restocks the shelves", lexicon, declared=declared, model=SUSPICIOUS).level is None  # lemma by lemma
    verdict = judge("Browse the web", lexicon, declared=Declarations.of(None, lexicon), model=model({}))
    assert (verdict.level, verdict.by, verdict.phrase) == ("error", "phrase", "browse the web")


def test_the_lexicon_ships_company_phrases() -> None:
    """"Prend la commande": the waiter's, conjugated or not; "Passer la commande" stays the customer's."""
    for label in ("Prend la commande", "Prendre la commande", "Préparer la commande"):
        assert judge(label, FR, model=model({})).by == "phrase", label
    assert judge("Passer la commande", FR, model=model({})).level is None


def test_a_verb_declared_the_customers_is_never_warned() -> None:
    extension = {"customer_verbs": ["restock"]}
    lexicon = load_lexicon("en", extension)
    verdict = judge("Restock the pantry", lexicon, declared=Declarations.of(extension, lexicon), model=SUSPICIOUS)
    assert verdict.level is None and verdict.sure == "declared-customer"


def test_the_journeys_own_names() -> None:
    data = {
        "persona": {"name": "Léa Martin, jeune active"},
        "touchpoints": [{"id": "t", "owner": "Logistique"}],
        "stages": [{"steps": [{"backstage": [{"action": "x", "owner": "Service comptable", "system": "SAP"}]}]}],
    }
    names = JourneyNames.of(data)
    assert names.persona == ("Léa Martin", "Léa") and names.company == ("Logistique", "Service comptable", "SAP")
    assert judge("Léa appelle la boutique", FR, names, model=SUSPICIOUS).sure == "customer-subject"
    verdict = judge("Le service comptable valide la facture", FR, names, model=model({}))
    assert verdict.finding is not None and verdict.finding.kind == "company-subject"
    assert judge("Paul vérifie le dossier", FR, names, model=model({})).by == "grammar"  # not the persona
    assert judge("Paul vérifie le dossier", FR, model=model({})).by != "grammar"  # no persona known


def test_action_keys_compare_lemmas() -> None:
    assert action_key("Vérifie les dossiers", FR) == action_key("Vérifier le dossier", FR)
    assert action_key("Check", EN) is None  # one word says too little


def journey_with(action: str, touchpoint: str = "courier") -> str:
    """The clean journey with its first step's action and touchpoint replaced (web is self-service, the courier
    assisted)."""
    first = "action: Browse the recipes\n        touchpoints: [web]"
    assert first in CLEAN_JOURNEY
    return CLEAN_JOURNEY.replace(first, f"action: {action}\n        touchpoints: [{touchpoint}]")


def test_jm303_through_validate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("journeymap.viewpoint.judge.load_model", lambda: model({"en:w:restock": 4.5}))
    text = journey_with("Restock the shelves")
    [problem] = [p for p in validate_text(text, "j.yaml").problems if p.code.startswith("JM30")]
    assert problem.code == "JM303" and problem.severity.value == "warning"
    assert (problem.line, problem.column) == position_of(text, "Restock the shelves")
    assert problem.message.startswith("'Restock the shelves' may be a company process step (score 0.62;")
    assert "'Restock' (+4.5)" in problem.message
    assert "backstage" in (problem.hint or "") and "customer_phrases" in (problem.hint or "")
    silenced = tmp_path / "j.yaml"
    silenced.write_text(text.replace("Restock the shelves", "Restock the shelves  # journeymap: disable=JM303"))
    assert not [p for p in validate_paths([silenced]).problems if p.code == "JM303"]
    off = Settings(disable=["viewpoint.possible-process-step"])
    assert not [p for p in validate_text(text, "j.yaml", off).problems if p.code == "JM303"]
    only_warnings = Settings(disable=["JM301"])
    assert [p.code for p in validate_text(text, "j.yaml", only_warnings).problems if p.code.startswith("JM30")] == [
        "JM303"
    ]


def test_a_self_service_step_is_warned_only_when_the_model_is_sure(monkeypatch: pytest.MonkeyPatch) -> None:
    """`support: selfcare` is the journey's word that the customer acts alone at that touchpoint."""
    for weight, expected in ((4.5, []), (8.0, ["JM301"])):  # p = 0.62, a warning elsewhere; p = 0.98, sure
        monkeypatch.setattr("journeymap.viewpoint.judge.load_model", lambda w=weight: model({"en:w:restock": w}))
        text = journey_with("Restock the shelves", touchpoint="web")
        assert [p.code for p in validate_text(text, "j.yaml").problems if p.code.startswith("JM30")] == expected


def test_backstage_work_of_another_journey(tmp_path: Path) -> None:
    """The team's own words: what one journey calls backstage work is not a customer step in another."""
    (tmp_path / "a.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    other = CLEAN_JOURNEY.replace("id: meal-kit", "id: meal-kit-b").replace(
        "action: Browse the recipes", "action: Checks the payments for fraud"
    )
    (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    report = validate_paths([tmp_path])
    found = [p for p in report.problems if p.code == "JM301"]
    assert [p.file for p in found] == [str(tmp_path / "b.yaml")], found
    [problem] = found
    line = position_of(CLEAN_JOURNEY, "Check the payment for fraud")[0]
    assert f"a.yaml:{line} ('Check the payment for fraud')" in problem.message
    assert not [p for p in report.problems if p.code == "JM303" and p.path == problem.path]


def test_the_shipped_model_loads() -> None:
    shipped = load_model()
    assert set(shipped.thresholds) == {"en", "fr"}
    for levels in shipped.thresholds.values():
        assert 0 < levels.warning <= levels.error <= 1.01
    assert len(shipped.weights) > 100


@pytest.mark.parametrize("masked", [
    "Sеnd the quоte",  # Cyrillic е and о
    "Se\u00adnd the quote",  # soft hyphen
    "S\u200dend the qu\u200bote",  # zero-width joiner and space
    "Se\u2060nd the quote\ufeff",  # word joiner, byte-order mark
    "Ｓｅｎｄ the quote",  # fullwidth letters
    "𝐒𝐞𝐧𝐝 the quote",  # mathematical bold
    "Sεnd thе quοtе",  # Greek ε and ο
])
def test_look_alike_letters_and_invisible_characters_hide_nothing(masked):
    """Issue 11: the check was evaded by letters of other scripts and characters nobody sees."""
    assert judge(masked, load_lexicon("en")).level == "error"
    assert action_key(masked, load_lexicon("en")) == action_key("Send the quote", load_lexicon("en"))


def test_unmasking_leaves_real_french_and_english_alone():
    from journeymap.viewpoint.text import unmasked

    for text in ("Recevoir l’offre de prêt à Noël", "Cœur de métier : réception", "Naïve café order", "Send the quote"):
        assert unmasked(text) == text
    assert judge("Envоyer le dev\u00adis", load_lexicon("fr")).level == "error"
