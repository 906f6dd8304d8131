"""Stage 1 of the diff: which item of the current journey is which item of the target, and what moved.

Neutral on purpose: nothing here decides whether a difference is good or bad, or how it is worded. It pairs
stages, steps, touchpoints, pain points, actions (by id, then by label: see journeymap.diff.matching), moments of
truth (through their step) and backstage processes (by their action text, within a pair of steps), finds the steps
and stages that moved, and gives every pair a reading key in journey order. Stage 2 (journeymap.diff.classify)
turns these pairs into change records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, Protocol, TypeVar

from journeymap.diff.matching import MatchedBy, longest_increasing, match_items, merge_order
from journeymap.model import Action, BackstageProcess, Journey, MomentOfTruth, PainPoint, Stage, Step, Touchpoint
from journeymap.problems import DataPath

T = TypeVar("T")

Moved = Literal["stage", "order"]


@dataclass(frozen=True, slots=True)
class Side(Generic[T]):
    """An item on one side of the diff, with its data path in the file and the id of what contains it."""

    item: T
    path: DataPath
    parent: str | None = None  # the stage of a step; the step of a pain point, moment of truth or process


@dataclass(frozen=True, slots=True)
class Pair(Generic[T]):
    """The same item on both sides, or an item on one side only (added or removed)."""

    current: Side[T] | None
    target: Side[T] | None
    by: MatchedBy | None  # how the two sides were paired; None for an added or removed item
    key: tuple[int, ...]  # reading order: journey order, removed items after their closest kept predecessor
    moved: Moved | None = None  # steps and stages only

    @property
    def added(self) -> bool:
        return self.current is None

    @property
    def removed(self) -> bool:
        return self.target is None


@dataclass(frozen=True, slots=True)
class StructuralDiff:
    """Every pairing, each tuple in reading order."""

    stages: tuple[Pair[Stage], ...]
    steps: tuple[Pair[Step], ...]
    pain_points: tuple[Pair[PainPoint], ...]
    moments: tuple[Pair[MomentOfTruth], ...]
    backstage: tuple[Pair[BackstageProcess], ...]
    touchpoints: tuple[Pair[Touchpoint], ...]
    actions: tuple[Pair[Action], ...]


def structural_diff(current: Journey, target: Journey) -> StructuralDiff:
    stage_pairs, stage_rank, stage_map = _stages(current, target)
    step_pairs, step_key_current, step_key_target = _steps(current, target, stage_rank, stage_map)
    return StructuralDiff(
        stages=stage_pairs,
        steps=step_pairs,
        pain_points=_pain_points(current, target, step_key_current, step_key_target),
        moments=_moments(step_pairs),
        backstage=_backstage(step_pairs),
        touchpoints=_flat(current.touchpoints, target.touchpoints, "touchpoints", lambda t: t.name),
        actions=_flat(current.actions, target.actions, "actions", lambda a: a.title),
    )


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


Item = TypeVar("Item", bound=_Identified)


def _flat(current: Sequence[Item], target: Sequence[Item], key: str,
          label: Callable[[Item], str]) -> tuple[Pair[Item], ...]:
    """Touchpoints and actions: a flat catalogue paired by id then label, in target order with removed items
    after their closest kept predecessor."""
    matching = match_items(current, target, label=label, ident=lambda item: item.id)
    by_target = {t: (c, by) for c, t, by in matching.pairs}
    matched = {c: t for c, t, _ in matching.pairs}
    order = merge_order(len(target), _anchors(len(current), matched, matching.current_left))
    pairs: list[Pair[Item]] = []
    for rank, (side, position) in enumerate(order):
        if side == "target":
            found = by_target.get(position)
            current_side = Side(current[found[0]], (key, found[0])) if found else None
            pairs.append(Pair(current_side, Side(target[position], (key, position)), found[1] if found else None,
                              (rank,)))
        else:
            pairs.append(Pair(Side(current[position], (key, position)), None, None, (rank,)))
    return tuple(pairs)


def _anchors(current_len: int, matched: dict[int, int], left: Sequence[int]) -> list[tuple[int, int]]:
    """For each unmatched current position, the target position of its closest matched predecessor (or -1)."""
    anchor_of: dict[int, int] = {}
    anchor = -1
    wanted = set(left)
    for position in range(current_len):
        if position in matched:
            anchor = matched[position]
        elif position in wanted:
            anchor_of[position] = anchor
    return sorted(anchor_of.items())


StageRanks = dict[tuple[str, int], int]  # ("current" | "target", stage index) -> rank in reading order


def _stages(current: Journey, target: Journey) -> tuple[tuple[Pair[Stage], ...], StageRanks, dict[int, int]]:
    """Pair stages by id, by name, then by their steps (a stage whose id and name both changed but which keeps most
    of its steps is the same stage). Returns the pairs, each stage's rank in reading order, and current -> target."""
    matching = match_items(current.stages, target.stages, label=lambda s: s.name, ident=lambda s: s.id)
    stage_map = {c: t for c, t, _ in matching.pairs}
    how: dict[int, MatchedBy] = {c: by for c, _, by in matching.pairs}
    _stages_by_steps(current, target, matching.current_left, matching.target_left, stage_map, how)

    left = [c for c in range(len(current.stages)) if c not in stage_map]
    order = merge_order(len(target.stages), _anchors(len(current.stages), stage_map, left))
    inverse = {t: c for c, t in stage_map.items()}
    rank: dict[tuple[str, int], int] = {}
    for position, (side, index) in enumerate(order):
        rank[(side, index)] = position
        if side == "target" and index in inverse:
            rank[("current", inverse[index])] = position

    # Stages that kept their place: a longest increasing run of current positions in target order.
    ordered = [inverse[t] for t in range(len(target.stages)) if t in inverse]
    kept = longest_increasing(ordered)
    moved_current = {c for i, c in enumerate(ordered) if i not in kept}

    pairs: list[Pair[Stage]] = []
    for position, (side, index) in enumerate(order):
        if side == "target":
            c = inverse.get(index)
            pairs.append(Pair(
                Side(current.stages[c], ("stages", c)) if c is not None else None,
                Side(target.stages[index], ("stages", index)),
                how[c] if c is not None else None,
                (position,),
                "order" if c in moved_current else None,
            ))
        else:
            pairs.append(Pair(Side(current.stages[index], ("stages", index)), None, None, (position,)))
    return tuple(pairs), rank, stage_map


def _stages_by_steps(
    current: Journey, target: Journey, current_left: Sequence[int], target_left: Sequence[int],
    stage_map: dict[int, int], how: dict[int, MatchedBy],
) -> None:
    """Mutual majority: more than half the steps of both stages are the same steps (matched by id only here, to stay
    independent of the step matching, which needs the stages first to tell moves)."""
    if not current_left or not target_left:
        return
    target_free = set(target_left)
    stage_of_step = {step.id: si for si, stage in enumerate(target.stages) if si in target_free for step in stage.steps}
    for c in current_left:
        stage = current.stages[c]
        votes = Counter(stage_of_step[step.id] for step in stage.steps if step.id in stage_of_step)
        if not votes:
            continue
        t, count = min(votes.items(), key=lambda item: (-item[1], item[0]))
        if t in target_free and 2 * count > len(stage.steps) and 2 * count > len(target.stages[t].steps):
            stage_map[c] = t
            how[c] = "steps"
            target_free.discard(t)


def _steps(
    current: Journey, target: Journey, stage_rank: dict[tuple[str, int], int], stage_map: dict[int, int]
) -> tuple[tuple[Pair[Step], ...], dict[int, tuple[int, int]], dict[int, tuple[int, int]]]:
    """Pair steps across the whole journey, tell which moved (to another stage, or within their stage by a longest
    increasing subsequence), and order them for reading. Returns the pairs and each step's reading key by side."""
    current_steps = current.steps()
    target_steps = target.steps()
    matching = match_items(
        [step for _, _, step in current_steps], [step for _, _, step in target_steps],
        label=lambda step: step.action, ident=lambda step: step.id,
    )
    to_target = {c: t for c, t, _ in matching.pairs}
    how = {c: by for c, _, by in matching.pairs}
    from_target = {t: c for c, t in to_target.items()}

    moved: dict[int, Moved] = {}  # by current flat position
    in_stage: dict[int, list[int]] = defaultdict(list)  # target stage -> current positions, in target order
    for t, (tsi, _tti, _step) in enumerate(target_steps):
        c = from_target.get(t)
        if c is None:
            continue
        if stage_map.get(current_steps[c][0]) != tsi:
            moved[c] = "stage"
        else:
            in_stage[tsi].append(c)
    for positions in in_stage.values():
        kept = longest_increasing(positions)
        moved.update({c: "order" for i, c in enumerate(positions) if i not in kept})

    # Reading order: stage by stage (merged), then within a stage target steps in order, removed steps after the
    # closest preceding step of their current stage that stayed in this stage.
    target_flat = {(si, ti): flat for flat, (si, ti, _) in enumerate(target_steps)}
    current_flat = {(si, ti): flat for flat, (si, ti, _) in enumerate(current_steps)}
    inverse_stage = {t: c for c, t in stage_map.items()}
    stage_order = sorted(stage_rank.items(), key=lambda item: (item[1], item[0][0] != "target"))
    pairs: list[Pair[Step]] = []
    key_current: dict[int, tuple[int, int]] = {}
    key_target: dict[int, tuple[int, int]] = {}
    seen_ranks: set[int] = set()
    for (side, si), rank in stage_order:
        if rank in seen_ranks:
            continue
        seen_ranks.add(rank)
        if side == "target":
            tstage = target.stages[si]
            csi = inverse_stage.get(si)
            removed: list[tuple[int, int]] = []
            if csi is not None:
                anchor = -1
                for cti in range(len(current.stages[csi].steps)):
                    found = to_target.get(current_flat[(csi, cti)])
                    if found is not None:
                        if target_steps[found][0] == si:
                            anchor = target_steps[found][1]
                    else:
                        removed.append((cti, anchor))
            order = merge_order(len(tstage.steps), removed)
            home_current = csi
        else:
            order = [("current", cti) for cti in range(len(current.stages[si].steps))
                     if current_flat[(si, cti)] not in to_target]
            home_current = si
        for step_rank, (step_side, ti) in enumerate(order):
            key = (rank, step_rank)
            if step_side == "target":
                t = target_flat[(si, ti)]
                c = from_target.get(t)
                tsi, tti, tstep = target_steps[t]
                target_side = Side(tstep, ("stages", tsi, "steps", tti), target.stages[tsi].id)
                current_side = None
                if c is not None:
                    csi_, cti_, cstep = current_steps[c]
                    current_side = Side(cstep, ("stages", csi_, "steps", cti_), current.stages[csi_].id)
                    key_current[c] = key
                key_target[t] = key
                pairs.append(Pair(current_side, target_side, how.get(c) if c is not None else None, key,
                                  moved.get(c) if c is not None else None))
            else:
                assert home_current is not None
                c = current_flat[(home_current, ti)]
                cstep = current_steps[c][2]
                key_current[c] = key
                pairs.append(Pair(Side(cstep, ("stages", home_current, "steps", ti), current.stages[home_current].id),
                                  None, None, key))
    return tuple(pairs), key_current, key_target


def _pain_points(
    current: Journey, target: Journey,
    step_key_current: dict[int, tuple[int, int]], step_key_target: dict[int, tuple[int, int]],
) -> tuple[Pair[PainPoint], ...]:
    """Pain points are paired across the whole journey (ids are unique in a journey; a pain point may move from one
    step to another), and read under the step they belong to in the target, or in the current journey if removed."""
    cur = current.pain_points()
    tgt = target.pain_points()
    flat_current = {(si, ti): flat for flat, (si, ti, _) in enumerate(current.steps())}
    flat_target = {(si, ti): flat for flat, (si, ti, _) in enumerate(target.steps())}
    matching = match_items([p for *_, p in cur], [p for *_, p in tgt],
                           label=lambda pain: pain.description, ident=lambda pain: pain.id)
    from_target = {t: (c, by) for c, t, by in matching.pairs}

    def side(journey: Journey, entry: tuple[int, int, int, PainPoint]) -> Side[PainPoint]:
        si, ti, pi, pain = entry
        return Side(pain, ("stages", si, "steps", ti, "pain_points", pi), journey.stages[si].steps[ti].id)

    pairs: list[Pair[PainPoint]] = []
    for t, entry in enumerate(tgt):
        found = from_target.get(t)
        si, ti, pi, _ = entry
        key = (*step_key_target[flat_target[(si, ti)]], 1, 0, pi)
        pairs.append(Pair(side(current, cur[found[0]]) if found else None, side(target, entry),
                          found[1] if found else None, key))
    for c in matching.current_left:
        si, ti, pi, _ = cur[c]
        key = (*step_key_current[flat_current[(si, ti)]], 1, 1, pi)
        pairs.append(Pair(side(current, cur[c]), None, None, key))
    pairs.sort(key=lambda pair: pair.key)
    return tuple(pairs)


def _moments(steps: Sequence[Pair[Step]]) -> tuple[Pair[MomentOfTruth], ...]:
    """One moment of truth per step: it is the same moment when it belongs to the same step."""
    pairs: list[Pair[MomentOfTruth]] = []
    for pair in steps:
        before = pair.current.item.moment_of_truth if pair.current else None
        after = pair.target.item.moment_of_truth if pair.target else None
        if before is None and after is None:
            continue
        pairs.append(Pair(
            Side(before, (*pair.current.path, "moment_of_truth"), pair.current.item.id)
            if before is not None and pair.current else None,
            Side(after, (*pair.target.path, "moment_of_truth"), pair.target.item.id)
            if after is not None and pair.target else None,
            "step" if before is not None and after is not None else None,
            (*pair.key, 2, 0, 0),
        ))
    return tuple(pairs)


def _backstage(steps: Sequence[Pair[Step]]) -> tuple[Pair[BackstageProcess], ...]:
    """Processes have no id: within each pair of steps they are paired by their action text (same, then similar).
    The processes of added and removed steps come and go with their step and are not listed one by one."""
    pairs: list[Pair[BackstageProcess]] = []
    for pair in steps:
        if pair.current is None or pair.target is None:
            continue
        before, after = pair.current.item.backstage, pair.target.item.backstage
        if not before and not after:
            continue
        if before == after:  # the common case: nothing changed behind this step
            from_target: dict[int, tuple[int, MatchedBy]] = {t: (t, "label") for t in range(len(after))}
            left: Sequence[int] = ()
        else:
            matching = match_items(before, after, label=lambda process: process.action)
            from_target = {t: (c, by) for c, t, by in matching.pairs}
            left = matching.current_left
        for t, process in enumerate(after):
            found = from_target.get(t)
            pairs.append(Pair(
                Side(before[found[0]], (*pair.current.path, "backstage", found[0]), pair.current.item.id)
                if found else None,
                Side(process, (*pair.target.path, "backstage", t), pair.target.item.id),
                found[1] if found else None,
                (*pair.key, 3, 0, t),
            ))
        for c in left:
            pairs.append(Pair(Side(before[c], (*pair.current.path, "backstage", c), pair.current.item.id), None,
                              None, (*pair.key, 3, 1, c)))
    return tuple(pairs)
