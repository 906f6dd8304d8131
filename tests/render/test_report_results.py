"""`render --results`: the survey results in the HTML report and the Markdown, checked against what `measure`
says of the same files; hostile verbatims kept inert; the command's errors; and (marked `browser`) the report's
results section opened in headless Chromium, on screen and in print emulation.

Browser tests write screenshots to out/screenshots/ (git-ignored) for review.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from html_reading import assert_inert, assert_self_contained, open_page
from journeymap.cli import app
from journeymap.listening.measure import ListeningPlan, measure
from journeymap.listening.records import Measurement
from journeymap.render.html import grid_columns, labels, report_html
from journeymap.render.listening import format_value, journey_results
from journeymap.render.markdown import journey_markdown
from journeymap.render.outputs import render_paths
from journeymap.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
RESULTS = sorted((EXAMPLES / "results").glob("*.csv"))
RETAIL = EXAMPLES / "fr-retail-achat-current.yaml"
SCREENSHOTS = ROOT / "out" / "screenshots"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed (./dev test installs it)")
runner = CliRunner()


@pytest.fixture(scope="module")
def measured() -> tuple[Measurement, dict[str, Any]]:
    """What `measure` says of the example results, and the journeys it read them against, by id."""
    report = validate_paths([EXAMPLES])
    found = measure(RESULTS, ListeningPlan.of(report.files))
    return found, {result.journey.id: result.journey for result in report.files if result.journey is not None}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples rendered with their results, as `render examples/ --results ... -f html -f md` does."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (./dev test installs it)")
    out = tmp_path_factory.mktemp("with-results")
    summary = render_paths([EXAMPLES], out, formats=["html", "md"], results=RESULTS)
    assert summary.exit_code == 0 and not summary.failed and summary.results_rows_left_out == 0
    return out


def _card(html: str, step: str) -> str:
    """The element of one moment's results: its opening tag up to the next moment's, enough to read it."""
    own = html.index(f'id="result-{step}"')
    start = html.rindex("<", 0, own)
    following = html.find('id="result-', own + 1)
    end = html.rindex("<", 0, following) if following > 0 else len(html)
    return html[start:end]


@needs_dot
def test_html_statuses_and_latest_values_are_what_measure_says(rendered: Path, measured: Any) -> None:
    found, journeys = measured
    seen = 0
    for reading in found.moments:
        journey = journeys[reading.moment.journey]
        html = (rendered / f"{journey.id}.html").read_text(encoding="utf-8")
        words = labels(journey.lang)["results"]["status"]
        card = _card(html, reading.moment.step)
        assert f"result-{reading.status}" in card.split(">", 1)[0], (reading.moment.step, card[:200])
        assert words[reading.status] in card
        if reading.latest is not None:
            value = format_value(reading.moment.metric, reading.latest.value, "mean", journey.lang)
            assert f'<strong class="result-value">{value}</strong>' in card
            assert f"{reading.latest.respondents} " in card and reading.latest.period in card
            assert re.search(r"<svg class=\"spark\"[^>]*role=\"img\"", card), "a trend chart"
        seen += 1
    assert seen == len(found.moments) >= 6
    # the retail journey: one moment in alert, one to watch, two fine (README's example), said in French
    retail = (rendered / "fr-retail-achat-current.html").read_text(encoding="utf-8")
    assert "1 en alerte, 1 à surveiller, 2 satisfaisants, 0 sans mesure, sur 4 moments de vérité." in retail
    assert '<span class="badge result result-alert"><span class="result-icon" aria-hidden="true">▲</span> En alerte</span>' in retail


@needs_dot
def test_moments_without_data_say_so(rendered: Path, measured: Any) -> None:
    found, journeys = measured
    quiet = [reading for reading in found.moments if reading.status == "no-data"]
    assert quiet, "the English examples have no results"
    for reading in quiet:
        html = (rendered / f"{reading.moment.journey}.html").read_text(encoding="utf-8")
        card = _card(html, reading.moment.step)
        assert card.startswith('<li id="result-') and "No data" in card
        assert "No data for these moments of truth:" in html
    b2b = (rendered / "en-b2b-quote-request.html").read_text(encoding="utf-8")
    assert "0 in alert, 0 to watch, 0 fine, 3 without a reading, out of 3 moments of truth." in b2b
    assert '<svg class="spark"' not in b2b and '<a class="mot-alert"' not in b2b
    # the listening-plan table has its results column, a status word in every row
    table = b2b[b2b.index('id="sec-listening"') : b2b.index('id="results"')]
    assert "<th scope=\"col\">Results</th>" in table and table.count("result-no-data") == 3


@needs_dot
def test_emotion_lane_marks_the_step_in_alert(rendered: Path, measured: Any) -> None:
    found, journeys = measured
    alerts = {reading.moment.step for reading in found.moments
              if reading.moment.journey == "fr-retail-achat-current" and reading.status == "alert"}
    assert alerts == {"signaler-panne"}
    html = (rendered / "fr-retail-achat-current.html").read_text(encoding="utf-8")
    columns = grid_columns(journeys["fr-retail-achat-current"])
    index = next(i for i, column in enumerate(columns) if column.ref and column.ref.step.id == "signaler-panne")
    marks = re.findall(r'<a class="mot-alert" href="#result-([^"]+)" data-step="\1" style="left: ([0-9.]+)%">', html)
    # the whole grid on screen, and its printed part holding the step: the same column, centred
    assert marks and {step for step, _left in marks} == alerts
    assert f"{(index + 0.5) / len(columns) * 100:.4f}" == marks[0][1]
    assert "En alerte<span class=\"visually-hidden\">: moment de vérité en alerte, Étape 13</span>" in html
    patient = (rendered / "fr-patient-teleconsultation.html").read_text(encoding="utf-8")
    assert '<a class="mot-alert"' not in patient  # fine everywhere: nothing marked


@needs_dot
def test_markdown_shows_the_same_statuses(rendered: Path, measured: Any) -> None:
    found, journeys = measured
    for reading in found.moments:
        journey = journeys[reading.moment.journey]
        text = (rendered / f"{journey.id}.md").read_text(encoding="utf-8")
        word = labels(journey.lang)["results"]["status"][reading.status]
        rows = [line.replace("\\", "") for line in text.splitlines() if line.startswith("| ")]
        row = next(line for line in rows if f". {reading.moment.action} |" in line)
        assert f"| {word} |" in row.replace("🔴 ", "").replace("🟠 ", "").replace("🟢 ", "").replace("⚪ ", "")
        if reading.latest is not None:
            value = format_value(reading.moment.metric, reading.latest.value, "mean", journey.lang)
            assert f"| {value} ({reading.latest.period}) |" in row
    retail = (rendered / "fr-retail-achat-current.md").read_text(encoding="utf-8")
    assert "## Résultats d'écoute" in retail and "🔴 En alerte" in retail and "### Derniers verbatims" in retail
    b2b = (rendered / "en-b2b-quote-request.md").read_text(encoding="utf-8")
    assert b2b.count("⚪ No data") == 3


def test_without_results_the_report_is_unchanged() -> None:
    report = validate_paths([RETAIL])
    (result,) = report.files
    assert result.journey is not None
    svgs: dict[str, str] = {}
    plain = report_html(result.journey, problems=result.problems, svgs=svgs, source="x.yaml")
    assert 'id="results"' not in plain and '<a class="mot-alert"' not in plain and 'class="badge result' not in plain
    assert 'id="result-' not in plain and '<svg class="spark"' not in plain
    assert "Résultats d'écoute" not in plain
    assert "Résultats d'écoute" not in journey_markdown(result.journey, problems=result.problems)


HOSTILE_JOURNEY = """\
journeymap: 1
id: hostile-listening
title: Listening to hostile answers
state: current
lang: en
objective: Get a parcel delivered
touchpoints:
  - {id: web, name: Website, channel: web, owner: Web}
stages:
  - id: buy
    name: Buy
    steps:
      - id: pay
        action: Pay for the order
        touchpoints: [web]
        emotion: -1
        moment_of_truth: {question: How easy was it to pay?, metric: ces, alert_below: 5}
      - id: track
        action: Track the parcel
        touchpoints: [web]
        emotion: 1
        moment_of_truth: {question: Did you find your parcel?, metric: csat, alert_below: 4}
"""
SCRIPT = "<script>window.__pwned=1</script>"
BIDI = "\u202eevil\u202c \u2066isolated\u2069"


def hostile_files(folder: Path) -> tuple[Path, Path]:
    journey = folder / "hostile.yaml"
    journey.write_text(HOSTILE_JOURNEY, encoding="utf-8")
    results = folder / "hostile.csv"
    rows = ["journey,step,date,metric,score,verbatim"]
    rows += [f"hostile-listening,pay,2026-03-{day:02d},ces,3," for day in range(1, 29)]
    rows += [f'hostile-listening,pay,2026-03-29,ces,2,"{SCRIPT}"', f"hostile-listening,pay,2026-03-30,ces,2,{BIDI}",
             "hostile-listening,pay,2026-03-31,ces,2,<img src=x onerror=alert(1)> | **bold** @team"]
    results.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return journey, results


@needs_dot
def test_hostile_verbatims_are_inert(tmp_path: Path) -> None:
    journey, results = hostile_files(tmp_path)
    out = tmp_path / "out"
    summary = render_paths([journey], out, formats=["html", "md"], results=[results])
    assert summary.exit_code == 0
    html = (out / "hostile-listening.html").read_text(encoding="utf-8")
    assert_inert(html)
    assert_self_contained(html)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", html)
    assert "<bdi>evil isolated</bdi>" in html
    card = _card(html, "pay")
    assert "result-alert" in card.split(">", 1)[0]  # 31 answers of 2 or 3 on a 1-7 scale, alert below 5
    assert "result-no-data" in _card(html, "track").split(">", 1)[0]
    text = (out / "hostile-listening.md").read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and not re.search("[\u202a-\u202e\u2066-\u2069]", text)
    assert "&lt;script&gt;" in text and "\\*\\*bold\\*\\*" in text and "@&#8203;team" in text


@needs_dot
def test_render_results_through_the_runner(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(RETAIL), "-o", str(out), "-f", "md", "--results", str(RESULTS[1]),
                                 "--period", "quarter", "--since", "2026-01-01"])
    assert result.exit_code == 0, result.output
    text = (out / "fr-retail-achat-current.md").read_text(encoding="utf-8")
    assert "Tendance (trimestre)" in text and "(2026-Q" in text and "2025-" not in text


@needs_dot
def test_render_results_as_a_subprocess(tmp_path: Path, run_cli: Any) -> None:
    out = tmp_path / "out"
    done = run_cli("render", str(EXAMPLES), "-o", str(out), "-f", "html", *[f"--results={path}" for path in RESULTS])
    assert done.returncode == 0, done.stderr
    assert "6 files written for 5 journeys" in done.stdout  # five reports and the index
    html = (out / "fr-retail-achat-current.html").read_text(encoding="utf-8")
    assert 'id="result-signaler-panne"' in html and '<a class="mot-alert"' in html


def test_missing_results_file_is_a_usage_error_and_nothing_is_written(tmp_path: Path, run_cli: Any) -> None:
    out = tmp_path / "out"
    done = run_cli("render", str(RETAIL), "-o", str(out), "--results", str(tmp_path / "missing.csv"))
    assert done.returncode == 2
    assert "journeymap: no such results file:" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    folder = runner.invoke(app, ["render", str(RETAIL), "-o", str(out), "--results", str(tmp_path)])
    assert folder.exit_code == 2 and "is a folder" in folder.output and not out.exists()
    since = runner.invoke(app, ["render", str(RETAIL), "-o", str(out), "--results", str(RESULTS[1]), "--since", "May"])
    assert since.exit_code == 2 and "not a date" in since.output and not out.exists()


@needs_dot
def test_rows_that_cannot_be_used_are_counted_not_fatal(tmp_path: Path) -> None:
    journey, results = hostile_files(tmp_path)
    with results.open("a", encoding="utf-8") as stream:
        stream.write("hostile-listening,pay,not a date,ces,3,\nnobody,pay,2026-03-01,ces,3,\n")
    result = runner.invoke(app, ["render", str(journey), "-o", str(tmp_path / "out"), "-f", "md", "-r", str(results)])
    assert result.exit_code == 0, result.output
    assert "2 rows of the results could not be used (journeymap measure lists them)" in result.output


def test_journey_results_for_a_journey_measure_did_not_read(measured: Any) -> None:
    """A journey whose moments the measurement does not know (a target journey nobody answered): no data."""
    found, journeys = measured
    target = journeys["fr-retail-achat-target"]
    results = journey_results(found, target)
    assert results.moments and all(moment.status == "no-data" for moment in results.moments)
    assert results.alerts == frozenset()


# --- in the browser ----------------------------------------------------------------------------------------------

WIDTHS = """() => {
    const page = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('#results *')].filter(e => e.offsetParent !== null)
        .filter(e => e.getBoundingClientRect().right > page + 1).map(e => e.className.baseVal ?? e.className);
    return [document.documentElement.scrollWidth, page, wide];
}"""


@pytest.mark.browser
@needs_dot
def test_results_section_in_browser(chromium: Any, rendered: Path) -> None:
    page, visit = open_page(chromium, rendered / "fr-retail-achat-current.html", width=1280)
    try:
        assert page.locator("#results").is_visible()
        assert page.locator("#results .result-card").count() == 4
        sparks = page.locator("#results svg.spark")
        assert sparks.count() == 4
        for index in range(4):
            box = sparks.nth(index).bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 20
        badge = page.locator("#result-signaler-panne .badge.result-alert").inner_text()
        assert badge.split() == ["▲", "En", "alerte"]  # a shape and a word, not a colour alone
        assert page.locator("#result-signaler-panne path.mark-alert").count() == 12  # every period below 5
        # the emotion lane's marker sits in the column of the step in alert
        mark = page.locator(".grid-scroll a.mot-alert")
        mark.scroll_into_view_if_needed()
        assert mark.is_visible()
        centre = page.evaluate("""() => { const b = document.querySelector('.grid-scroll a.mot-alert')
            .getBoundingClientRect(); return b.left + b.width / 2; }""")
        column = page.locator("#step-signaler-panne").bounding_box()
        assert column is not None and column["x"] < centre < column["x"] + column["width"]
        scroll, width, wide = page.evaluate(WIDTHS)
        assert scroll <= width and wide == [], wide
        page.locator("#results").screenshot(path=str(SCREENSHOTS / "results.fr-retail-achat-current.png"))
        page.emulate_media(media="print")
        assert page.locator("#results .result-card").first.is_visible()
        assert page.locator("#results svg.spark").first.is_visible()
        scroll, width, wide = page.evaluate(WIDTHS)
        assert scroll <= width and wide == [], wide
        page.screenshot(path=str(SCREENSHOTS / "results.print.png"), full_page=True)
        visit.assert_quiet()
    finally:
        page.close()


@pytest.mark.browser
@needs_dot
def test_results_without_data_in_browser(chromium: Any, rendered: Path) -> None:
    page, visit = open_page(chromium, rendered / "en-b2b-quote-request.html", width=900)
    try:
        assert page.locator("#results .results-missing").is_visible()
        assert page.locator("#results li.result-no-data").count() == 3
        assert page.locator("#results svg.spark").count() == 0
        scroll, width, wide = page.evaluate(WIDTHS)
        assert scroll <= width and wide == [], wide
        visit.assert_quiet()
    finally:
        page.close()


@needs_dot
def test_python_api_draw_takes_results(tmp_path: Path) -> None:
    import journeymap

    by_path = journeymap.draw(RETAIL, tmp_path / "a", formats=["md"], results=RESULTS[1])
    assert "🔴 En alerte" in by_path.written[0].read_text(encoding="utf-8")
    loaded = journeymap.load(RETAIL)
    drawn = journeymap.draw(loaded, tmp_path / "b", formats=["html"], results=[RESULTS[1]], period="quarter")
    html = drawn.written[0].read_text(encoding="utf-8")
    assert '<a class="mot-alert" href="#result-signaler-panne"' in html and "2026-Q" in html
    with pytest.raises(journeymap.JourneymapError, match="no such results file"):
        journeymap.draw(loaded, tmp_path / "c", formats=["html"], results=[tmp_path / "missing.csv"])
    with pytest.raises(journeymap.JourneymapError, match="unknown period"):
        journeymap.draw(loaded, tmp_path / "c", formats=["html"], results=[RESULTS[1]], period="year")
    assert not (tmp_path / "c").exists()
