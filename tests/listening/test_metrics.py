"""The metrics' arithmetic on cases computed by hand, and the alert rules at their edges."""

from __future__ import annotations

import datetime as dt

import pytest
from listening_helpers import answers, measured, reading, write_csv

from journeymap.listening import metrics


def test_nps_is_percent_promoters_minus_percent_detractors(tmp_path):
    # promoters 10, 9, 10, 9 (4); detractors 6, 0, 3, 5 (4); passives 8, 7: 40% - 40% = 0
    found = measured(tmp_path, [write_csv(tmp_path, answers("recommend", "nps", [10, 9, 8, 7, 6, 0, 10, 3, 9, 5]))])
    assert reading(found, "recommend").latest.value == pytest.approx(0.0)
    # 5 promoters, 3 passives, 2 detractors out of 10: 50 - 20 = 30
    found = measured(tmp_path, [write_csv(tmp_path, answers("recommend", "nps", [10] * 5 + [8] * 3 + [2] * 2))])
    nps = reading(found, "recommend").latest
    assert nps.value == pytest.approx(30.0) and nps.respondents == 10 and nps.status == "fine"


def test_csat_is_a_mean_of_one_to_five_or_the_share_of_fours_and_fives(tmp_path):
    results = write_csv(tmp_path, answers("pay", "csat", [5, 4, 3, 4, 5]))
    assert reading(measured(tmp_path, [results]), "pay").latest.value == pytest.approx(4.2)
    top = reading(measured(tmp_path, [results], csat="top2box"), "pay").latest
    assert top.value == pytest.approx(80.0)


def test_ces_is_a_mean_of_one_to_seven(tmp_path):
    found = measured(tmp_path, [write_csv(tmp_path, answers("check-in", "ces", [7, 6, 5, 2]))])
    assert reading(found, "check-in").latest.value == pytest.approx(5.0)


def test_custom_is_a_mean_of_any_numbers(tmp_path):
    found = measured(tmp_path, [write_csv(tmp_path, answers("rate-breakfast", "custom", [100, 55.5, 70]))])
    assert reading(found, "rate-breakfast").latest.value == pytest.approx(225.5 / 3)


def test_aggregates_and_single_answers_add_up_by_respondents(tmp_path):
    # NPS 40 over 100 respondents, then two promoters and a detractor: (4000 + 100 + 100 - 100) / 103
    rows = [["stay", "recommend", "2026-03-01", "nps", "", 40, 100, ""]] + answers("recommend", "nps", [10, 10, 0])
    nps = reading(measured(tmp_path, [write_csv(tmp_path, rows)]), "recommend").latest
    assert nps.value == pytest.approx(4100 / 103) and nps.respondents == 103


def test_a_tools_own_scale_is_mapped_onto_the_standard_one(tmp_path):
    # CSAT asked from 0 to 10: 10 -> 5, 0 -> 1, 5 -> 3; mean 3
    results = write_csv(tmp_path, answers("pay", "csat", [10, 0, 5]))
    found = measured(tmp_path, [results], scales={"csat": (0, 10)})
    assert reading(found, "pay").latest.value == pytest.approx(3.0) and not found.problems


@pytest.mark.parametrize(("scores", "status"), [
    ([3.99], "alert"),        # below 4
    ([4.0], "watch"),         # at the threshold: not below it, within 5% of 1-7 (0.3) above
    ([4.29], "watch"),
    ([4.3], "fine"),
])
def test_status_at_the_thresholds_edges(tmp_path, scores, status):
    found = measured(tmp_path, [write_csv(tmp_path, answers("check-in", "ces", scores))])
    assert reading(found, "check-in").status == status


def test_too_few_answers_is_never_an_alert_nor_fine(tmp_path):
    results = write_csv(tmp_path, answers("check-in", "ces", [1, 1]))
    moment = reading(measured(tmp_path, [results], min_respondents=3), "check-in")
    assert moment.status == "not-enough-data" and moment.latest is None
    assert moment.periods[0].respondents == 2 and moment.periods[0].status == "not-enough-data"
    moment = reading(measured(tmp_path, [results], min_respondents=2), "check-in")
    assert moment.status == "alert"


def test_a_period_just_begun_does_not_hide_the_last_alert(tmp_path):
    rows = answers("check-in", "ces", [2] * 3, "2026-01-15") + answers("check-in", "ces", [7], "2026-02-01")
    moment = reading(measured(tmp_path, [write_csv(tmp_path, rows)], min_respondents=3), "check-in")
    assert [p.status for p in moment.periods] == ["alert", "not-enough-data"]
    assert moment.status == "alert" and moment.latest.period == "2026-01"


def test_change_from_the_previous_period_with_enough_answers(tmp_path):
    rows = (answers("check-in", "ces", [5, 5], "2026-01-15") + answers("check-in", "ces", [7], "2026-02-10")
            + answers("check-in", "ces", [3, 4], "2026-03-10"))
    moment = reading(measured(tmp_path, [write_csv(tmp_path, rows)], min_respondents=2), "check-in")
    assert [p.change for p in moment.periods] == [None, None, pytest.approx(-1.5)]


def test_moments_without_results_say_no_data(tmp_path):
    found = measured(tmp_path, [write_csv(tmp_path, answers("check-in", "ces", [5]))])
    assert {m.moment.step: m.status for m in found.moments} == {
        "check-in": "fine", "pay": "no-data", "recommend": "no-data", "rate-breakfast": "no-data"}


@pytest.mark.parametrize(("day", "period", "label", "start"), [
    (dt.date(2026, 1, 1), "week", "2026-W01", dt.date(2025, 12, 29)),
    (dt.date(2027, 1, 1), "week", "2026-W53", dt.date(2026, 12, 28)),
    (dt.date(2026, 5, 10), "month", "2026-05", dt.date(2026, 5, 1)),
    (dt.date(2026, 5, 10), "quarter", "2026-Q2", dt.date(2026, 4, 1)),
    (dt.date(2026, 12, 31), "quarter", "2026-Q4", dt.date(2026, 10, 1)),
])
def test_periods(day, period, label, start):
    assert metrics.period_of(day, period) == (label, start)


def test_since_leaves_earlier_rows_out_and_counts_them(tmp_path):
    rows = answers("check-in", "ces", [1], "2025-12-31") + answers("check-in", "ces", [6], "2026-01-01")
    found = measured(tmp_path, [write_csv(tmp_path, rows)], since=dt.date(2026, 1, 1))
    assert reading(found, "check-in").latest.value == 6 and found.rows.before_since == 1 and found.rows.used == 1


def test_the_latest_verbatims_are_kept(tmp_path):
    rows = [["stay", "pay", f"2026-03-{day:02d}", "csat", 2, "", "", f"said on day {day}"] for day in range(1, 21)]
    moment = reading(measured(tmp_path, [write_csv(tmp_path, rows)]), "pay")
    assert [v.text for v in moment.verbatims] == [f"said on day {day}" for day in (20, 19, 18, 17, 16)]
