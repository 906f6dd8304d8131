"""Pairing items of two lists, and finding the few that changed order: the algorithms behind the structural diff.

Matching runs in three passes, each only over what the previous ones left:

1. by id (the author's own statement that two items are the same);
2. by identical normalised label (an id changed, the wording did not);
3. by similar label: an index of character trigrams proposes at most `CANDIDATES` candidates per item (rarest
   trigrams first, at most `POSTING_BUDGET` index entries read per item), and `difflib.SequenceMatcher.ratio` on
   the normalised labels (cut to `MAX_LABEL` characters) scores only those. Pairs scoring at least `THRESHOLD`
   are accepted greedily, best score first. Cost: O(n) index work and at most 2 * CANDIDATES ratios per item, never
   all pairs.

Normalised labels are case-folded, accents removed, punctuation turned into spaces. THRESHOLD = 0.7: on the
examples, "Pay for the order" / "Pay for your order" scores 0.80 and "Laisser un avis sur le produit" /
"... et sur la livraison" 0.75 (same step, reworded), while "Attendre le créneau de livraison" / "Suivre sa
livraison en temps réel" scores 0.43 and "Recevoir les offres promotionnelles par email" / "Recevoir des conseils
d'entretien de son appareil" 0.55 (different steps).

Every pass is symmetric (swapping the two lists swaps the pairs): the score is computed on the two labels in a
canonical order, candidates are proposed from both sides, and ties are broken by the sum of the two positions, so
that `diff(a, b)` and `diff(b, a)` always agree on what is the same item.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

T = TypeVar("T")

THRESHOLD = 0.7
CANDIDATES = 8
POSTING_BUDGET = 1000
MAX_LABEL = 300

MatchedBy = Literal["id", "label", "similar", "steps", "step"]

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(label: str) -> str:
    """Case, accents and punctuation do not make two labels different."""
    text = label[: MAX_LABEL * 2]
    if text.isascii():
        stripped = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", stripped.casefold()).strip()[:MAX_LABEL]


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """difflib's ratio on normalised labels, computed in a canonical order so that it is symmetric. Below
    `at_least`, 0.0 may be returned as soon as difflib's cheap upper bound (quick_ratio) shows it cannot reach it."""
    first, second = (a, b) if a <= b else (b, a)
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    if at_least and matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


def _grams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i: i + 3] for i in range(len(padded) - 2)} if len(padded) >= 3 else {padded}


class _GramIndex:
    """Character trigrams -> positions: proposes candidates for a label without comparing it with every item."""

    def __init__(self, labels: dict[int, str]) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)
        for position in sorted(labels):
            for gram in _grams(labels[position]):
                self.postings[gram].append(position)

    def candidates(self, label: str, limit: int) -> list[int]:
        grams = sorted(
            (gram for gram in _grams(label) if gram in self.postings),
            key=lambda gram: (len(self.postings[gram]), gram),
        )
        shared: dict[int, int] = defaultdict(int)
        budget = POSTING_BUDGET
        for gram in grams:
            posting = self.postings[gram]
            if len(posting) > budget:
                break
            budget -= len(posting)
            for position in posting:
                shared[position] += 1
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return [position for position, _count in ranked[:limit]]


@dataclass(frozen=True, slots=True)
class Matching:
    """Pairs of positions (current, target) with how each was found, and the positions left on each side."""

    pairs: tuple[tuple[int, int, MatchedBy], ...]
    current_left: tuple[int, ...]
    target_left: tuple[int, ...]


def match_items(
    current: Sequence[T],
    target: Sequence[T],
    *,
    label: Callable[[T], str],
    ident: Callable[[T], str | None] | None = None,
    threshold: float = THRESHOLD,
) -> Matching:
    """Pair items by id, then by identical label, then by similar label (see the module docstring)."""
    pairs: list[tuple[int, int, MatchedBy]] = []
    current_free = set(range(len(current)))
    target_free = set(range(len(target)))

    if ident is not None:
        first_target: dict[str, int] = {}
        for position, item in enumerate(target):
            key = ident(item)
            if key is not None:
                first_target.setdefault(key, position)
        for position, item in enumerate(current):
            key = ident(item)
            other = first_target.get(key) if key is not None else None
            if other is not None and other in target_free:
                pairs.append((position, other, "id"))
                current_free.discard(position)
                target_free.discard(other)

    if current_free and target_free:
        current_labels = {position: normalise(label(current[position])) for position in sorted(current_free)}
        target_labels = {position: normalise(label(target[position])) for position in sorted(target_free)}
        queues: dict[str, deque[int]] = defaultdict(deque)
        for position, text in target_labels.items():
            queues[text].append(position)
        for position, text in current_labels.items():
            queue = queues.get(text)
            if queue:
                other = queue.popleft()
                pairs.append((position, other, "label"))
                current_free.discard(position)
                target_free.discard(other)
        if current_free and target_free:
            pairs.extend(_similar(
                {p: current_labels[p] for p in sorted(current_free)},
                {p: target_labels[p] for p in sorted(target_free)},
                threshold,
            ))
            for c, t, _by in pairs:
                current_free.discard(c)
                target_free.discard(t)

    pairs.sort(key=lambda pair: pair[0])
    return Matching(tuple(pairs), tuple(sorted(current_free)), tuple(sorted(target_free)))


def _similar(current: dict[int, str], target: dict[int, str], threshold: float) -> list[tuple[int, int, MatchedBy]]:
    """Greedy best-first pairing over a bounded set of candidate pairs proposed from both sides."""
    proposals: set[tuple[int, int]] = set()
    target_index = _GramIndex(target)
    for position, text in current.items():
        proposals.update((position, other) for other in target_index.candidates(text, CANDIDATES))
    current_index = _GramIndex(current)
    for position, text in target.items():
        proposals.update((other, position) for other in current_index.candidates(text, CANDIDATES))
    scored: list[tuple[float, int, int, int]] = []
    for c, t in proposals:
        a, b = current[c], target[t]
        if not a or not b:
            continue
        if 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:
            continue  # the ratio can never reach the threshold: skip the expensive comparison
        score = similarity(a, b, threshold)
        if score >= threshold:
            scored.append((-score, c + t, c, t))
    scored.sort()
    used_current: set[int] = set()
    used_target: set[int] = set()
    accepted: list[tuple[int, int, MatchedBy]] = []
    for _score, _sum, c, t in scored:
        if c in used_current or t in used_target:
            continue
        used_current.add(c)
        used_target.add(t)
        accepted.append((c, t, "similar"))
    return accepted


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes (into `values`) of one longest strictly increasing subsequence, in O(n log n) (patience sorting).

    Used on the current positions of matched items listed in target order: the items it keeps are in order, the
    others are the minimal set of moves that explains the new order.
    """
    tails: list[int] = []  # tails[k]: smallest tail value of an increasing subsequence of length k + 1
    tail_at: list[int] = []  # index into `values` of that tail
    previous: list[int] = [-1] * len(values)
    for index, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(index)
        else:
            tails[k] = value
            tail_at[k] = index
        previous[index] = tail_at[k - 1] if k > 0 else -1
    kept: set[int] = set()
    index = tail_at[-1] if tail_at else -1
    while index != -1:
        kept.add(index)
        index = previous[index]
    return kept


def merge_order(target_len: int, removed: Sequence[tuple[int, int]]) -> list[tuple[str, int]]:
    """One reading order over both sides: target items in order, each removed item right after the target item its
    closest matched predecessor became (`removed` holds (current position, anchor target position or -1)).

    Returns ("target", position) and ("current", position) entries; O(n).
    """
    after: dict[int, list[int]] = defaultdict(list)
    for position, anchor in sorted(removed):
        after[anchor].append(position)
    order: list[tuple[str, int]] = [("current", position) for position in after.get(-1, [])]
    for position in range(target_len):
        order.append(("target", position))
        order.extend(("current", removed_position) for removed_position in after.get(position, []))
    return order
