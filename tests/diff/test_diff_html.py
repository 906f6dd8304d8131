"""`journeymap diff --format html`: the French retail pair shown side by side in French, the no-change state, hostile
text kept inert, nothing fetched from outside, the same bytes twice, and (marked `browser`) the real page opened in
headless Chromium, with full-page screenshots written to out/screenshots/ for review.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from diff_helpers import edited_pairs, journeys
from html_reading import assert_inert, assert_self_contained, open_page, read
from journeymap.diff import KINDS, DiffResult, LoadedJourney, diff_journeys, load_for_diff
from journeymap.diff.html import AlignedRow, diff_html, diff_stylesheet, emotion_chart, stage_blocks
from journeymap.model import Journey
from journeymap.render.html import labels
from journeymap.validate import validate_text

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "out" / "screenshots"
CURRENT = EXAMPLES / "fr-retail-achat-current.yaml"
TARGET = EXAMPLES / "fr-retail-achat-target.yaml"
SECTIONS = ("sec-summary", "sec-curve", "sec-stages", "sec-steps", "sec-pain", "sec-listening", "sec-touchpoints",
            "sec-plan", "sec-changes")
PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)> {{7*7}} </style> \u202e'


# --- helpers ------------------------------------------------------------------------------------------------------

def load(path: Path) -> LoadedJourney:
    loaded = load_for_diff(path)
    assert isinstance(loaded, LoadedJourney), loaded
    return loaded


def diff_of(current: LoadedJourney, target: LoadedJourney) -> DiffResult:
    return diff_journeys(current.journey, target.journey, current_doc=current.document, target_doc=target.document)


def render(current: LoadedJourney, target: LoadedJourney) -> str:
    return diff_html(diff_of(current, target), current, target)


@pytest.fixture(scope="module")
def retail() -> tuple[LoadedJourney, LoadedJourney]:
    return load(CURRENT), load(TARGET)


@pytest.fixture(scope="module")
def retail_html(retail: tuple[LoadedJourney, LoadedJourney]) -> str:
    return render(*retail)


def row_html(html: str, number: int) -> str:
    """The side-by-side row with this aligned number."""
    found = re.search(rf'<tr class="sbs-row[^"]*" id="row-{number}">.*?</tr>', html, re.S)
    assert found, number
    return found.group(0)


def rows_of(result: DiffResult, current: LoadedJourney, target: LoadedJourney) -> list[AlignedRow]:
    return [row for block in stage_blocks(result, current.journey, target.journey) for row in block.rows]


# --- the French retail pair ---------------------------------------------------------------------------------------

def test_retail_pair_has_every_section_in_french(retail_html: str) -> None:
    page = read(retail_html)
    assert ("html", {"lang": "fr"}) in page.tags
    assert set(SECTIONS) <= page.ids()
    for heading in ("Synthèse", "Courbes des émotions", "Émotion par phase", "Étape par étape",
                    "Points de douleur", "Plan d'écoute", "Points de contact", "Plan d'actions", "Tous les changements",
                    "Parcours actuel", "Parcours cible", "Ce qui change"):
        assert heading in page.text, heading
    assert "Aucun changement pour le client" not in page.text
    # the header names both sides: titles, files, states
    assert "Acheter un lave-linge chez Darmont (parcours actuel)" in page.text
    assert "Acheter un lave-linge chez Darmont (parcours cible)" in page.text
    assert "fr-retail-achat-current.yaml" in page.text and "fr-retail-achat-target.yaml" in page.text
    assert "État Actuel" in page.text and "État Cible" in page.text


def test_retail_headline_figures(retail_html: str) -> None:
    text = read(retail_html).text
    assert "−0,28 → +0,84" in text and "▲ +1,12" in text  # French decimals, real minus sign
    assert re.search(r"Points de douleur 18 → 8 résolus 15 encore ouverts 3 introduits 0", text)
    assert re.search(r"Étapes 18 → 19 ajoutées 3 supprimées 2 reformulées 7 déplacées 0", text)
    assert "Phases 7 → 7 · renommées 1" in text
    assert "22 % → 32 %" in text and "4 étapes sur 18 → 6 étapes sur 19" in text
    assert re.search(r"Points de contact 9 → 11 ajoutés 2 supprimés 0 modifiés 0 \+ Chat", text)
    assert re.search(r"Changements 132 Bloquant 0 Avertissement 2 Info 130", text)


def test_retail_side_by_side_rows(retail: tuple[LoadedJourney, LoadedJourney], retail_html: str) -> None:
    rows = {row.target.step.id if row.target else row.current.step.id: row  # type: ignore[union-attr]
            for row in rows_of(diff_of(*retail), *retail)}
    assert len(rows) == 21 and [row.number for row in rows.values()] == list(range(1, 22))

    renamed = row_html(retail_html, rows["verifier-disponibilite"].number)
    assert "<del>Consulter le stock et le délai de livraison</del>" in renamed
    assert "<ins>Voir le délai de livraison dès la fiche produit</ins>" in renamed
    assert "Reformulée ▲ +2 Mieux vécue" in read(renamed).text

    added = row_html(retail_html, rows["suivre-livraison"].number)
    assert 'class="sbs-row is-added"' in added and "+ Ajoutée" in added
    assert "Suivre sa livraison en temps réel" in added and "absente de ce parcours" in added
    removed = row_html(retail_html, rows["attendre-livraison"].number)
    assert 'class="sbs-row is-removed"' in removed and "− Supprimée" in read(removed).text
    assert "Attendre le créneau de livraison" in removed and "absente de ce parcours" in removed
    # the removed and added steps of the same stage sit on rows of their own, one after the other
    assert rows["suivre-livraison"].number == rows["attendre-livraison"].number + 1
    assert rows["diagnostiquer-visio"].current is None and rows["recevoir-offres"].target is None

    assert "<del>SAV</del> Assistance et SAV" in retail_html  # the renamed stage
    unchanged = row_html(retail_html, rows["consulter-avis-proches"].number)
    assert "Inchangée" in unchanged and "is-same" in unchanged


def test_retail_emotion_chart(retail: tuple[LoadedJourney, LoadedJourney], retail_html: str) -> None:
    result = diff_of(*retail)
    chart = emotion_chart(stage_blocks(result, *(side.journey for side in retail)))
    assert len(chart.columns) == 21 and chart.width == 2100
    assert [band.name for band in chart.bands] == [
        "Découverte", "Recherche d'information", "Achat", "Réception", "Première utilisation", "Assistance et SAV",
        "Satisfaction"]
    assert sum(band.span for band in chart.bands) == 21
    # removed steps on the current curve only, added steps on the target curve only
    assert len(chart.current_points) == 18 and len(chart.target_points) == 19
    lefts = {point.left for point in chart.target_points}
    removed = [i for i, row in enumerate(chart.columns) if row.status == "removed"]
    assert removed and all(f"{(i + 0.5) / 21 * 100:.4f}%" not in lefts for i in removed)
    # a step that feels better gets a green link from its current to its target emotion
    assert len(chart.links) == sum(1 for row in chart.columns if row.delta) and all(link.better for link in chart.links)
    assert retail_html.count('class="dc-pt cur') == 18 and retail_html.count('class="dc-pt tgt"') == 19
    assert 'class="cur-line"' in retail_html and 'class="tgt-line"' in retail_html


def test_retail_pain_points_listening_touchpoints_plan_and_changes(retail_html: str) -> None:
    text = read(retail_html).text
    assert retail_html.count('<span class="badge pain-status is-resolved-by-action">') >= 5
    assert "Résolu : disparu" in text and "Encore ouvert" in text
    # a pain point still described in the target, resolved by a done action, with both wordings
    assert "Le délai de livraison n'apparaît qu'à l'étape paiement" in text
    assert "Dans le parcours cible : Pour les modèles en réapprovisionnement fournisseur" in text
    assert "Afficher le délai de livraison réel dès la fiche produit Terminée" in text
    # listening plan and moments of truth
    assert "Moment de vérité ajouté" in text and "Moment de vérité modifié" in text
    assert re.search(r"Alerte sous 5 .*Alerte sous 5,5", text)
    # touchpoints and channels
    assert "Page de suivi de livraison en temps réel" in text and "Canaux ajoutés + Chat" in text
    # plan: status changes and the pain points an action no longer addresses
    assert "Prévue → Terminée" in text and "plus traité" in text
    # every change record by level, its English message and the file:line of both sides
    assert retail_html.count('<span lang="en">') == 132
    assert re.search(r"Avertissement 2 .*step 'attendre-livraison' removed from stage 'reception'", text)
    assert "fr-retail-achat-current.yaml:273" in text
    assert re.search(r"fr-retail-achat-current\.yaml:154 \S*fr-retail-achat-target\.yaml:161", text)


def test_retail_page_is_self_contained_inert_and_deterministic(retail: tuple[LoadedJourney, LoadedJourney],
                                                               retail_html: str) -> None:
    assert_self_contained(retail_html)
    assert_inert(retail_html)
    assert retail_html.count("</style>") == 1
    assert render(load(CURRENT), load(TARGET)) == retail_html  # same inputs, same bytes


def test_journey_against_itself_shows_no_change() -> None:
    current = load(CURRENT)
    html = render(current, load(CURRENT))
    page = read(html)
    assert "Aucun changement pour le client" in page.text
    assert {"sec-summary", "sec-curve", "sec-stages", "sec-changes"} <= page.ids()
    assert not {"sec-steps", "sec-pain", "sec-plan"} & page.ids()
    assert "−0,28 → −0,28" in page.text and "= 0" in page.text  # the summary is still there
    assert "Changements 0 Bloquant 0 Avertissement 0 Info 0" in page.text
    assert html.count('class="dc-pt cur shared"') == 18  # both curves lie on each other
    assert_self_contained(html)
    assert_inert(html)


# --- English, and a chart with gaps -------------------------------------------------------------------------------

BASE: dict[str, Any] = {
    "journeymap": 1, "id": "meal-kit", "title": "Order a meal kit", "state": "current", "lang": "en",
    "objective": "Raise repeat orders",
    "touchpoints": [{"id": "web", "name": "Website", "channel": "web", "owner": "E-commerce"}],
    "stages": [
        {"id": "choose", "name": "Choose", "steps": [
            {"id": "browse", "action": "Browse the recipes", "touchpoints": ["web"], "emotion": 1},
            {"id": "compare", "action": "Compare the weekly boxes", "touchpoints": ["web"], "emotion": 0},
            {"id": "pay", "action": "Pay for the order", "touchpoints": ["web"], "emotion": -1},
        ]},
        {"id": "receive", "name": "Receive", "steps": [
            {"id": "track", "action": "Track the delivery van", "touchpoints": ["web"], "emotion": 0},
            {"id": "unbox", "action": "Unpack the box at home", "touchpoints": ["web"], "emotion": 2},
        ]},
    ],
}


def write(path: Path, data: dict[str, Any]) -> LoadedJourney:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    return load(path)


def test_english_page_and_a_chart_with_gaps(tmp_path: Path) -> None:
    before = copy.deepcopy(BASE)
    after = copy.deepcopy(BASE)
    after["state"] = "target"
    steps = after["stages"][0]["steps"]
    del steps[1]  # compare: removed, on the current curve only
    steps.insert(1, {"id": "quiz", "action": "Answer a taste quiz", "touchpoints": ["web"], "emotion": 2})  # added
    after["stages"][1]["steps"][0].pop("emotion")  # track: no emotion in the target, a gap in its curve
    current, target = write(tmp_path / "before.yaml", before), write(tmp_path / "after.yaml", after)
    result = diff_of(current, target)
    chart = emotion_chart(stage_blocks(result, current.journey, target.journey))
    statuses = [row.status for row in chart.columns]
    assert statuses.count("added") == 1 and statuses.count("removed") == 1 and len(statuses) == 6
    assert chart.current_line.count("M") == 1 and chart.current_line.count("C") == 4  # 5 steps, one run
    assert chart.target_line.count("M") == 2  # broken at the step without an emotion
    assert len(chart.target_points) == 4 and len(chart.current_points) == 5

    html = diff_html(result, current, target)
    page = read(html)
    assert ("html", {"lang": "en"}) in page.tags
    for heading in ("Summary", "Emotion curves", "Step by step", "Every change", "Current journey", "Target journey"):
        assert heading in page.text, heading
    assert str(tmp_path) not in html  # absolute paths are shown by their file name only
    assert "before.yaml" in page.text and "after.yaml" in page.text
    assert_self_contained(html)


def test_moved_steps_say_where_from(tmp_path: Path) -> None:
    before = copy.deepcopy(BASE)
    after = copy.deepcopy(BASE)
    after["state"] = "target"
    track = after["stages"][1]["steps"].pop(0)
    after["stages"][0]["steps"].append(track)  # track: from Receive to Choose
    choose = after["stages"][0]["steps"]
    choose[0], choose[1] = choose[1], choose[0]  # browse and compare swap places within Choose
    current, target = write(tmp_path / "before.yaml", before), write(tmp_path / "after.yaml", after)
    result = diff_of(current, target)
    rows = {row.action: row for row in rows_of(result, current, target)}
    assert rows["Track the delivery van"].moved == "stage" and rows["Track the delivery van"].moved_from == "Receive"
    assert {rows["Browse the recipes"].moved, rows["Compare the weekly boxes"].moved} == {"order", None}
    html = diff_html(result, current, target)
    track_row = read(row_html(html, rows["Track the delivery van"].number)).text
    assert "↕ Moved from stage Receive" in track_row
    assert "within its stage" in read(html).text
    assert re.search(r"Steps 5 → 5 added 0 removed 0 renamed 0 moved 2", read(html).text)


# --- any valid pair ----------------------------------------------------------------------------------------------

def loaded(journey: Journey, name: str) -> LoadedJourney:
    """A journey as the command hands it over, through the real loading path (JSON is YAML)."""
    result = validate_text(json.dumps(journey.model_dump(mode="json", exclude_none=True)), name)
    assert result.document is not None and result.journey is not None, result.problems
    return LoadedJourney(result.journey, result.document, name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_pairs() | st.tuples(journeys, journeys), st.sampled_from(["en", "fr"]))
def test_any_valid_pair_renders_every_step_once(pair: tuple[Journey, Journey], lang: str) -> None:
    current = loaded(pair[0], "current.yaml")
    target = loaded(pair[1].model_copy(update={"lang": lang}), "target.yaml")
    result = diff_of(current, target)
    html = diff_html(result, current, target)
    assert diff_html(result, current, target) == html
    columns = len(result.summary.step_emotions)
    chart = emotion_chart(stage_blocks(result, current.journey, target.journey))
    assert len(chart.columns) == columns and [row.number for row in chart.columns] == list(range(1, columns + 1))
    rated = [(step.emotion is not None) for _, _, step in current.journey.steps()]
    assert len(chart.current_points) == sum(rated)
    assert len(chart.target_points) == sum(step.emotion is not None for _, _, step in target.journey.steps())
    if not result.identical:
        assert len(re.findall(r'<tr class="sbs-row[^"]*" id="row-\d+">', html)) == columns
    assert f'<html lang="{lang}">' in html
    assert_inert(html)


# --- hostile text -------------------------------------------------------------------------------------------------

def hostile_pair() -> tuple[dict[str, Any], dict[str, Any]]:
    """A journey whose every free-text field is the payload, and a target that changes something in each section
    (so that the payload reaches every part of the page)."""
    t = PAYLOAD
    step = {
        "id": "s1", "action": t, "description": t, "thinking": t, "goal": t, "touchpoints": ["tp"], "emotion": -2,
        "pain_points": [{"id": "p1", "description": t, "severity": "high", "type": "breakpoint"}],
        "delights": [t], "verbatims": [t],
        "moment_of_truth": {"question": t, "media": "sms", "timing": "hot", "metric": "nps", "audience": t,
                            "frequency": t, "alert_below": 3},
        "backstage": [{"action": t, "owner": t, "visible": True, "system": t},
                      {"action": t, "owner": t, "visible": False, "system": t}],
    }
    current = {
        "journeymap": 1, "id": "hostile", "title": t, "state": "current", "kind": "customer", "lang": "en",
        "objective": t, "owner": t, "evidence": "research", "description": t,
        "persona": {"name": t, "description": t, "goals": [t], "expectations": [t]},
        "touchpoints": [{"id": "tp", "name": t, "channel": "web", "owner": t, "support": "assisted",
                         "description": t}],
        "stages": [{"id": "st", "name": t, "goal": t, "description": t,
                    "steps": [step, {**step, "id": "s2", "emotion": 1, "pain_points": [], "moment_of_truth": None}]}],
        "actions": [{"id": "a1", "title": t, "description": t, "resolves": ["p1"], "impact": 5, "effort": 1,
                     "owner": t, "status": "planned", "trigger": {"event": t, "channel": "sms", "delay": "2h"}}],
    }
    current["stages"][0]["steps"][1].pop("moment_of_truth")
    target = copy.deepcopy(current)
    target["state"] = "target"
    target["stages"][0]["name"] = t + " 2"
    first = target["stages"][0]["steps"][0]
    first.update(action=t + " 2", emotion=-1)
    first["pain_points"][0]["severity"] = "low"
    first["moment_of_truth"]["alert_below"] = 4
    target["stages"][0]["steps"][1] = {
        "id": "s3", "action": "Ask for help in the chat", "touchpoints": ["tp2"], "emotion": 2,  # unlike s2
        "pain_points": [{"id": "p2", "description": t, "severity": "medium"}],
    }
    target["touchpoints"][0]["owner"] = t + " 2"
    target["touchpoints"].append({"id": "tp2", "name": t, "channel": "chat", "owner": t})
    target["actions"][0]["status"] = "done"
    target["actions"].append({"id": "a2", "title": t, "resolves": ["p2"], "status": "idea"})
    return current, target


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    before, after = hostile_pair()
    current, target = write(tmp_path / "current.yaml", before), write(tmp_path / "target.yaml", after)
    current = replace(current, name=PAYLOAD + ".yaml")  # a file name is user text too
    result = diff_of(current, target)
    assert {c.kind for c in result.changes} >= {"step-renamed", "step-added", "step-removed", "stage-renamed",
                                                "pain-point-introduced", "touchpoint-owner-changed",
                                                "touchpoint-added", "action-added", "moment-of-truth-changed"}
    html = diff_html(result, current, target)
    assert_inert(html)
    assert_self_contained(html)
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt; {{7*7}} &lt;/style&gt;"
    assert html.count(escaped) >= 25
    assert html.count("</style>") == 1 and "\u202e" in html  # kept as text, isolated by CSS
    page = read(html)
    assert "{{7*7}}" in page.text and PAYLOAD.strip() in page.text
    for section in SECTIONS:
        assert section in page.ids()
    for tag, attrs in page.tags:  # no user text in attributes
        for value in attrs.values():
            assert "alert(1)" not in (value or "") and "7*7" not in (value or ""), (tag, attrs)


# --- resources, labels, imports -----------------------------------------------------------------------------------

def test_labels_cover_every_change_kind_in_both_languages() -> None:
    for lang in ("en", "fr"):
        table = labels(lang)["diff"]
        assert set(table["kind"]) == {kind.id for kind in KINDS}
        assert set(table["level"]) == set(table["level_caption"]) == {"breaking", "warning", "info"}
        assert set(table["pain"]) == {"resolved", "resolved-by-action", "still-open", "introduced", "unknown"}


def test_stylesheet_cannot_close_its_style_element() -> None:
    assert "</" not in diff_stylesheet() and diff_stylesheet().strip()


def test_importing_the_module_does_not_import_jinja2() -> None:
    code = "import sys, journeymap.diff.html; assert 'jinja2' not in sys.modules, 'jinja2 imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_cli_writes_the_html_page(tmp_path: Path, run_cli: Any) -> None:
    out = tmp_path / "diff.html"
    result = run_cli("diff", str(CURRENT), str(TARGET), "-f", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Étape par étape" in html


# --- in a real browser --------------------------------------------------------------------------------------------

def marker_alignment(page: Any) -> list[float]:
    """How far each target face sits from the centre of its step's column label: the HTML markers and the
    stretched SVG must agree whatever the width."""
    return page.evaluate(
        """() => {
            const cols = [...document.querySelectorAll('.dc-col')].map(c => {
                const b = c.getBoundingClientRect(); return b.left + b.width / 2; });
            return [...document.querySelectorAll('.dc-pt.tgt')].map(p => {
                const b = p.getBoundingClientRect(); const x = b.left + b.width / 2;
                return Math.min(...cols.map(c => Math.abs(c - x))); });
        }"""
    )


def words_split_across_lines(page: Any, selector: str) -> list[str]:
    """The words of these elements that the browser broke over two lines ("supprimée|s" in a narrow tile)."""
    return page.evaluate(
        """(selector) => {
            const broken = [];
            for (const element of document.querySelectorAll(selector)) {
                const node = element.firstChild;
                if (!node || node.nodeType !== Node.TEXT_NODE) continue;
                for (const match of node.textContent.matchAll(/\\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, match.index);
                    range.setEnd(node, match.index + match[0].length);
                    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (tops.size > 1) broken.push(match[0]);
                }
            }
            return broken;
        }""",
        selector,
    )


@pytest.mark.browser
def test_retail_diff_in_browser(chromium: Any, tmp_path: Path, retail_html: str) -> None:
    path = tmp_path / "diff-fr-retail.html"
    path.write_text(retail_html, encoding="utf-8")
    page, visit = open_page(chromium, path)
    try:
        for selector in ("header h1", "nav.toc", "#sec-summary .diff-kpis", "#sec-curve .dc-svg .tgt-line",
                         "#sec-curve .dc-svg .cur-line", "#sec-stages table", "#sec-steps table.diff-sbs",
                         "#sec-pain table", "#sec-listening .diff-coverage", "#sec-touchpoints table",
                         "#sec-plan table", "#sec-changes .level-block", "footer"):
            assert page.locator(selector).first.is_visible(), selector
        assert page.locator("#sec-steps h2").inner_text() == "Étape par étape"
        assert max(marker_alignment(page)) < 1
        # the summary's tiles keep French words whole, on a wide screen and on a narrow one
        for width in (1500, 1100, 700, 420):
            page.set_viewport_size({"width": width, "height": 1000})
            assert page.locator(".tally dt").count() >= 7
            assert words_split_across_lines(page, ".tally dt") == [], width
        page.set_viewport_size({"width": 1500, "height": 1000})
        # nothing wider than the screen (the page scrolls only down)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1500
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "diff-fr-retail.png"), full_page=True)
        # printed on A3 landscape: nothing wider than the page (420 mm - 2 x 12 mm at 96 dpi)
        page.set_viewport_size({"width": 1496, "height": 1000})
        page.emulate_media(media="print")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1496
        assert page.pdf(format="A3", landscape=True, print_background=True)[:4] == b"%PDF"
        visit.assert_quiet()
    finally:
        page.close()


@pytest.mark.browser
def test_hostile_diff_in_browser(chromium: Any, tmp_path: Path) -> None:
    before, after = hostile_pair()
    current, target = write(tmp_path / "current.yaml", before), write(tmp_path / "target.yaml", after)
    path = tmp_path / "diff-hostile.html"
    path.write_text(render(current, target), encoding="utf-8")
    page, visit = open_page(chromium, path)
    try:
        assert page.locator("script").count() == 0 and page.locator("img").count() == 0
        assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
        for section in SECTIONS:
            assert page.locator(f"#{section}").is_visible(), section
        assert max(marker_alignment(page)) < 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "diff-hostile.png"), full_page=True)
        visit.assert_quiet()
    finally:
        page.close()
