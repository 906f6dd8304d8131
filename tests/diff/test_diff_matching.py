"""The matching algorithms on their own: passes, threshold, symmetry, bounded work, longest increasing run."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from journeymap.diff import matching
from journeymap.diff.matching import (
    THRESHOLD,
    longest_increasing,
    match_items,
    merge_order,
    normalise,
    similarity,
)


def labels_match(current: list[str], target: list[str]) -> list[tuple[int, int, str]]:
    return list(match_items(current, target, label=lambda text: text).pairs)


def test_normalise_ignores_case_accents_and_punctuation() -> None:
    assert normalise("Vérifier  la LIVRAISON !") == normalise("verifier la livraison") == "verifier la livraison"


def test_threshold_separates_rewordings_from_other_steps() -> None:
    assert similarity(normalise("Pay for the order"), normalise("Pay for your order")) >= THRESHOLD
    assert similarity(normalise("Laisser un avis sur le produit"),
                      normalise("Laisser un avis sur le produit et sur la livraison")) >= THRESHOLD
    assert similarity(normalise("Attendre le créneau de livraison"),
                      normalise("Suivre sa livraison en temps réel")) < THRESHOLD
    assert similarity(normalise("Recevoir les offres promotionnelles par email"),
                      normalise("Recevoir des conseils d'entretien de son appareil")) < THRESHOLD


def test_passes_in_order_id_then_label_then_similar() -> None:
    current = [("a", "Browse the recipes"), ("b", "Pay for the order"), ("c", "Call the hotline")]
    target = [("x", "Call the hotline"), ("b", "Pay now"), ("y", "Browse the recipe")]
    result = match_items(current, target, label=lambda item: item[1], ident=lambda item: item[0])
    assert result.pairs == ((0, 2, "similar"), (1, 1, "id"), (2, 0, "label"))
    assert result.current_left == () and result.target_left == ()


def test_unrelated_labels_stay_unmatched() -> None:
    result = match_items(["Browse the recipes"], ["Cancel the subscription"], label=lambda text: text)
    assert result.pairs == () and result.current_left == (0,) and result.target_left == (0,)


def test_best_score_wins() -> None:
    targets = ["Track a parcel online", "Track the parcel online now", "Track the parcels online"]
    scores = [similarity(normalise("Track the parcel online"), normalise(text)) for text in targets]
    assert labels_match(["Track the parcel online"], targets) == [(0, scores.index(max(scores)), "similar")]
    assert scores.index(max(scores)) == 2


@given(st.lists(st.sampled_from(["pay the order", "pay an order", "track it", "track this", "call us", "call"]),
                max_size=6),
       st.lists(st.sampled_from(["pay the orders", "pay an order", "track it!", "track these", "call us", "cal"]),
                max_size=6))
def test_matching_is_symmetric(current: list[str], target: list[str]) -> None:
    forward = {(c, t) for c, t, _ in labels_match(current, target)}
    backward = {(c, t) for t, c, _ in labels_match(target, current)}
    assert forward == backward


def test_candidate_search_is_bounded(monkeypatch) -> None:
    """2,000 renamed items on each side: the fuzzy pass scores a few candidates each, not four million pairs."""
    calls = 0
    real = matching.similarity

    def counting(a: str, b: str, at_least: float = 0.0) -> float:
        nonlocal calls
        calls += 1
        return real(a, b, at_least)

    monkeypatch.setattr(matching, "similarity", counting)
    rng = random.Random(7)
    words = ["order", "parcel", "refund", "invoice", "delivery", "account", "store", "advisor", "quote", "contract",
             "receive", "track", "cancel", "compare", "choose", "book", "return", "review", "the", "my", "a"]
    current = [" ".join(rng.choice(words) for _ in range(5)) + f" {i}" for i in range(2000)]
    target = [text + " now" for text in current]
    result = labels_match(current, target)
    assert calls <= 2 * matching.CANDIDATES * len(current)
    assert len(result) >= 0.95 * len(current)


def test_longest_increasing_keeps_the_most_items_in_order() -> None:
    assert longest_increasing([]) == set()
    assert longest_increasing([0, 1, 2]) == {0, 1, 2}
    assert longest_increasing([2, 0, 1]) == {1, 2}  # the first item moved to the end
    assert longest_increasing([1, 2, 0]) == {0, 1}
    assert len(longest_increasing([3, 1, 2, 0, 4])) == 3


@given(st.permutations(list(range(12))))
def test_longest_increasing_is_increasing_and_longest(values: list[int]) -> None:
    kept = sorted(longest_increasing(values))
    run = [values[i] for i in kept]
    assert run == sorted(run)
    # brute force on the length
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    assert len(kept) == (max(best) if values else 0)


def test_merge_order_puts_removed_items_after_their_predecessor() -> None:
    assert merge_order(3, [(0, -1), (2, 1)]) == [
        ("current", 0), ("target", 0), ("target", 1), ("current", 2), ("target", 2)]
