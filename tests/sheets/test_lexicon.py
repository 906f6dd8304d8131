"""The words import reads: every lane name seen in the real templates (the table of tests/fixtures/sheets/SOURCES.md,
read here, not copied) finds its field; feelings, emoji and scores become -2..+2; channels come from touchpoint
names; ids are unique slugs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeymap.sheets import lexicon

SOURCES = Path(__file__).resolve().parents[1] / "fixtures" / "sheets" / "SOURCES.md"

# The table's lanes, and the fields import may give each (two where the format has two places for it).
ACCEPTED = {
    "stage / phase": {"stage"}, "step": {"step", "action"}, "action": {"action", "initiator_label"},
    "touchpoint / channel": {"touchpoint", "channel"}, "emotion": {"emotion", "feeling"},
    "thinking": {"thinking", "verbatim"}, "pain points": {"pain_point"}, "moments of truth": {"moment_of_truth"},
    "backstage": {"backstage", "frontstage"}, "opportunities": {"opportunity"}, "delight (positive)": {"delight"},
    "goals": {"goal", "expectations"}, "owner": {"owner"}, "context / evidence": {"description", "evidence"},
    "metrics": set(),
}
# Names seen that import leaves to JM605 on purpose, and why.
NOT_A_FIELD = {
    "STEP 1..n": "numbered columns, not a heading",
    "TP ID (CJML touchpoint id)": "an id, not a label: ids come from labels",
    "Text lane": "TiSDD's free lane, no fixed meaning",
    "Business Goals": "the organisation's goals: no place in a customer's journey",
    "Evidence note": "a note on the research, not the journey",
    "KPIs": "no place in the format", "Metrics": "no place in the format",
}


def _names_seen() -> list[tuple[str, str]]:
    rows = [line for line in SOURCES.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    start = next(index for index, line in enumerate(rows) if line.startswith("| lane (journeymap)"))
    seen = []
    for line in rows[start + 2:]:
        lane, english, french = (cell.strip() for cell in line.strip("|").split(" | "))
        for cell in (english, french):
            for name in re.split(r",\s+(?![^()]*\))", cell):
                name = name.replace("†", "").strip()
                if name and name != "(none seen)":
                    seen.append((lane, name))
    return seen


SEEN = _names_seen()


def test_the_table_is_read() -> None:
    assert len(SEEN) > 60 and {lane for lane, _ in SEEN} == set(ACCEPTED)


@pytest.mark.parametrize(("lane", "name"), SEEN, ids=[f"{lane}:{name}" for lane, name in SEEN])
def test_every_name_seen_in_real_templates_finds_its_field(lane: str, name: str) -> None:
    found = lexicon.field_of(name)
    if name in NOT_A_FIELD:
        assert found is None, NOT_A_FIELD[name]
    else:
        assert found in ACCEPTED[lane], f"{name!r} ({lane}) -> {found}"


@pytest.mark.parametrize(("heading", "field"), [
    ("Actions (What does the customer do?)", "action"), ("  customer's actions : ", "action"),
    ("Etape", "step"), ("ÉTAPES", "stage"), ("Points de contact", "touchpoint"), ("Opportunities", "opportunity"),
    ("1. Irritants", "pain_point"), ("What happens in the background and why it takes so long", None),
])
def test_headings_as_people_write_them(heading: str, field: str | None) -> None:
    assert lexicon.field_of(heading) == field


def test_a_teams_own_heading_wins() -> None:
    assert lexicon.field_of("Phase", {"phase": "step"}) == "step"
    assert lexicon.field_of("Météo du client", {"Météo du client": "emotion"}) == "emotion"


@pytest.mark.parametrize(("text", "score"), [
    ("Very satisfied", 2), ("Satisfied", 1), ("Neutral", 0), ("Dissatisfied", -1), ("Very dissatisfied", -2),
    ("Anxious+", -2), ("Confident++", 2), ("Confident + Slightly Anxious", 0), ("not happy", -1),
    ("Frustrated, 2 days wait", -2), ("Ravi", 2), ("Inquiet du délai", -1), ("pas content", -1),
    ("très satisfait", 2), ("Excited / Concerned", 0), ("Relieved + Satisfied", 1), ("😄", 2), ("🙁", -1), ("😡😡", -2), ("Trouve ça long", None), ("", None),
])
def test_feelings(text: str, score: int | None) -> None:
    assert lexicon.feeling_of(text) == score


def test_a_teams_own_feeling_word() -> None:
    assert lexicon.feeling_of("Bof bof", {"bof bof": 0}) == 0 and lexicon.feeling_of("Meh", {"Meh": -2}) == -2
    assert lexicon.feeling_of("Soleil", {"Soleil": 2}) == 2


@pytest.mark.parametrize(("numbers", "scale"), [
    ([0, 1, -1, -2, 2], "-2..+2"), ([2, -1, -2, 3, 0], "-3..+3"), ([-5, 4], "-5..+5"), ([1, 5, 3], "1-5"),
    ([0, 7, 10], "0-10"), ([55, 80], "0-100"), ([], None), ([250], None),
])
def test_the_scale_is_read_from_the_whole_lane(numbers: list[float], scale: str | None) -> None:
    found = lexicon.scale_of(numbers)
    assert (found[0] if found else None) == scale


def test_scores_on_other_scales() -> None:
    assert [lexicon.on_emotion_scale(n, 1, 5) for n in range(1, 6)] == [-2, -1, 0, 1, 2]
    assert [lexicon.on_emotion_scale(n, -3, 3) for n in (-3, -2, -1, 0, 1, 2, 3)] == [-2, -1, -1, 0, 1, 1, 2]
    assert lexicon.on_emotion_scale(-5, -5, 5) == -2 and lexicon.on_emotion_scale(2.5, -5, 5) == 1


@pytest.mark.parametrize(("name", "channel"), [
    ("Moteur de recherche", "web"), ("Courriel", "email"), ("Face2face", "store"), ("Letter (paper)", "mail"),
    ("Phone call", "phone"), ("In-app wizard", "mobile-app"), ("Réseaux sociaux", "social"), ("SMS", "sms"),
    ("Borne", "kiosk"), ("Salon de l'habitat", "event"), ("Live chat", "chat"), ("Bouche à oreille", "other"),
])
def test_channels_from_touchpoint_names(name: str, channel: str) -> None:
    assert lexicon.channel_of(name) == channel


def test_slugs_are_unique_and_short() -> None:
    taken: set[str] = set()
    assert lexicon.slug("Prise de rendez-vous", taken) == "prise-de-rendez-vous"
    assert lexicon.slug("Prise de  rendez-vous !", taken) == "prise-de-rendez-vous-2"
    assert lexicon.slug("« »", taken) == "item"
    assert len(lexicon.slug("word " * 40)) <= 48


def test_no_feeling_word_has_two_scores() -> None:
    seen: dict[str, int] = {}
    for score, words in lexicon._FEELINGS.items():
        for word in words:
            assert seen.setdefault(lexicon._fold(word), score) == score, word
