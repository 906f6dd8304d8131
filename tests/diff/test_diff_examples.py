"""The French retail purchase, current against target: what a CX lead reviewing the target should be told."""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from conftest import EXAMPLES, position_of
from journeymap.diff import (
    FAIL_CONDITIONS,
    DiffResult,
    LoadedJourney,
    diff_journeys,
    failing_conditions,
    load_for_diff,
    to_text,
)

CURRENT = EXAMPLES / "fr-retail-achat-current.yaml"
TARGET = EXAMPLES / "fr-retail-achat-target.yaml"


def _load(path: Path) -> LoadedJourney:
    loaded = load_for_diff(path)
    assert isinstance(loaded, LoadedJourney), loaded
    return loaded


@pytest.fixture(scope="module")
def retail() -> DiffResult:
    current, target = _load(CURRENT), _load(TARGET)
    return diff_journeys(current.journey, target.journey, current_doc=current.document, target_doc=target.document)


def ids(result: DiffResult, kind: str, side: str = "target") -> list[str | None]:
    return [getattr(change, f"{side}_id") for change in result.of_kind(kind)]


def test_steps_added_removed_renamed(retail: DiffResult) -> None:
    assert ids(retail, "step-added") == ["suivre-livraison", "diagnostiquer-visio", "recevoir-conseils"]
    assert ids(retail, "step-removed", "current") == ["attendre-livraison", "recevoir-offres"]
    assert ids(retail, "step-renamed") == [
        "verifier-disponibilite", "choisir-livraison", "recevoir-lave-linge", "mettre-en-service", "signaler-panne",
        "obtenir-intervention", "laisser-avis-produit"]
    [renamed] = [c for c in retail.of_kind("step-renamed") if c.target_id == "verifier-disponibilite"]
    assert (renamed.before, renamed.after) == (
        "Consulter le stock et le délai de livraison", "Voir le délai de livraison dès la fiche produit")
    assert not retail.of_kind("step-moved")  # no step changed place in this pair


def test_stage_renamed(retail: DiffResult) -> None:
    [stage] = retail.of_kind("stage-renamed")
    assert (stage.current_id, stage.target_id, stage.before, stage.after) == ("sav", "sav", "SAV", "Assistance et SAV")
    assert not retail.of_kind("stage-added", "stage-removed", "stage-moved")


def test_pain_points(retail: DiffResult) -> None:
    assert ids(retail, "pain-point-resolved", "current") == [
        "filtres-incomplets", "fiche-technique-incomplete", "stock-incoherent", "vendeur-sans-stock-web",
        "reprise-peu-claire", "sms-tardif", "installation-non-incluse", "demande-avis-trop-tot",
        "avis-livraison-melange", "promos-non-pertinentes"]
    assert ids(retail, "pain-point-resolved-by-action") == [
        "delai-visible-tardivement", "paiement-refuse-sans-explication", "service-injoignable-livraison",
        "guide-mise-en-service-absent", "attente-telephone"]
    assert ids(retail, "pain-point-still-open") == ["creneau-impose", "ressaisie-informations", "delai-intervention"]
    assert not retail.of_kind("pain-point-introduced", "unresolved-high-pain-point", "pain-point-severity-raised")
    # the pain point followed its subject to the new tracking step, and a done action resolves it
    [moved] = [c for c in retail.of_kind("pain-point-resolved-by-action")
               if c.target_id == "service-injoignable-livraison"]
    assert moved.step == "suivre-livraison" and moved.related == ("sms-suivi-livraison",)
    assert "moved from step 'attendre-livraison'" in moved.message
    summary = retail.summary
    assert (summary.pain_count("resolved"), summary.pain_count("still-open"), summary.pain_count("introduced")) == (
        15, 3, 0)


def test_listening_plan(retail: DiffResult) -> None:
    assert ids(retail, "moment-of-truth-added") == ["suivre-livraison", "mettre-en-service"]
    assert not retail.of_kind("moment-of-truth-removed")
    assert [c.step for c in retail.of_kind("moment-of-truth-changed")] == [
        "payer-commande", "recevoir-lave-linge", "signaler-panne", "recommander-enseigne"]
    before, after = retail.summary.listening_before, retail.summary.listening_after
    assert (before.with_moment, before.steps, after.with_moment, after.steps) == (4, 18, 6, 19)


def test_touchpoints_channels_and_plan(retail: DiffResult) -> None:
    assert ids(retail, "touchpoint-added") == ["suivi-livraison", "chat-sav"]
    assert ids(retail, "channel-added") == ["chat"]
    assert not retail.of_kind("touchpoint-removed", "channel-removed")
    assert ids(retail, "action-added") == ["signalement-chat-photo"]
    statuses = {c.target_id: (c.before, c.after) for c in retail.of_kind("action-status-changed")}
    assert statuses["delai-fiche-produit"] == ("planned", "done")
    assert statuses["intervention-72h"] == ("idea", "in-progress")
    plan = {item.target_id: item for item in retail.summary.plan}
    assert plan["creneau-a-la-commande"].resolves_status == ("still-open",)


def test_emotions(retail: DiffResult) -> None:
    summary = retail.summary
    assert summary.emotion.before == pytest.approx(-5 / 18)
    assert summary.emotion.after == pytest.approx(16 / 19)
    assert ids(retail, "journey-emotion-improved") == ["fr-retail-achat-target"]
    assert not retail.of_kind("emotion-dropped")
    sav = next(stage for stage in summary.stage_emotions if stage.target_id == "sav")
    assert (sav.before, sav.after, sav.delta) == (-1, 0, 1)
    [worst] = [c for c in retail.of_kind("emotion-improved") if c.target_id == "obtenir-intervention"]
    assert (worst.before, worst.after, worst.delta) == (-2, 0, 2)


def test_levels_and_conditions(retail: DiffResult) -> None:
    assert [(c.level.value, c.kind) for c in retail.changes if c.level.value != "info"] == [
        ("warning", "step-removed"), ("warning", "step-removed")]
    assert failing_conditions(retail, list(FAIL_CONDITIONS)) == ["removed-step", "any-warning"]


def test_positions_in_both_files(retail: DiffResult) -> None:
    current_text, target_text = CURRENT.read_text(encoding="utf-8"), TARGET.read_text(encoding="utf-8")
    [renamed] = [c for c in retail.of_kind("step-renamed") if c.target_id == "signaler-panne"]
    assert (renamed.current.line, renamed.current.column) == position_of(
        current_text, "Appeler le service client pour signaler une fuite")
    assert (renamed.target.line, renamed.target.column) == position_of(
        target_text, "Signaler la panne par chat avec une photo")
    assert renamed.current.file.endswith("fr-retail-achat-current.yaml")
    added = retail.of_kind("touchpoint-added")[0]
    assert added.current is None and added.target.line == position_of(target_text, "- id: suivi-livraison")[0]


def test_swapped_the_target_feels_worse(retail: DiffResult) -> None:
    current, target = _load(CURRENT), _load(TARGET)
    backward = diff_journeys(target.journey, current.journey)
    assert ids(backward, "step-added") == ["attendre-livraison", "recevoir-offres"]
    assert "emotion-drop" in failing_conditions(backward, ["emotion-drop"])
    assert backward.of_kind("moment-of-truth-removed")


def test_text_output_reads_well(retail: DiffResult) -> None:
    text = to_text(retail, width=100)
    print("\n" + text)  # run with -s to read it as a CX lead would
    lines = text.splitlines()
    assert len(lines) <= 62  # one screen (19 steps with most things changed: delights listed, rewordings counted)
    assert all(len(line) <= 100 for line in lines)
    assert lines[2].startswith("Emotion") and "-0.28 → +0.84" in lines[2]
    assert "15 resolved · 3 still open · 0 introduced" in text
    assert "3 added · 2 removed · 7 renamed · 0 moved" in text
    assert "4/18 (22%) → 6/19 (32%)" in text
    assert "step-removed: step 'attendre-livraison' removed" in text
    assert re.search(r"\+ delight +comparer-modeles, demander-conseil-magasin", text)
    assert re.search(r"Wording +~ reworded +the journey · 1 stage · 16 steps", text)
