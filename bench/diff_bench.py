"""How `diff_journeys` scales: synthetic journeys of 500 to 4,000 steps against a modified copy.

    .venv/bin/python bench/diff_bench.py            # 500, 1,000, 2,000, 4,000 steps
    .venv/bin/python bench/diff_bench.py --quick    # tiny sizes, for CI: checks it runs, prints the same table

Journeys look like real ones: stages of 5 to 15 steps, a touchpoint catalogue, pain points on about 40% of the
steps, moments of truth on about 20%, up to three backstage processes per step, an action plan. The target is a
copy with reworded steps, changed ids (found again by label similarity), steps moved within and across stages,
removed and added steps, changed emotions and severities, removed pain points, moments of truth added and removed,
a renamed and a moved stage, touchpoints added and removed, and action statuses moved along. Only the diff is
timed (models are built beforehand); the table shows the median of several runs, the time per step, and the
growth ratio between successive sizes: near 2.0 when the size doubles means linear.
"""

from __future__ import annotations

import argparse
import copy
import gc
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from journeymap.diff import diff_journeys
from journeymap.model import Journey

VERBS = ["Chercher", "Comparer", "Choisir", "Payer", "Recevoir", "Suivre", "Appeler", "Signaler", "Réserver", "Annuler",
         "Retourner", "Noter", "Consulter", "Télécharger", "Modifier", "Valider", "Demander", "Installer", "Renouveler",
         "Contester", "Find", "Compare", "Choose", "Pay for", "Receive", "Track", "Call", "Report", "Book", "Cancel",
         "Return", "Rate", "Check", "Download", "Change", "Confirm", "Ask for", "Install", "Renew", "Dispute"]
OBJECTS = ["la commande", "le devis", "la facture", "le colis", "le rendez-vous", "le contrat", "le remboursement",
           "l'abonnement", "le produit", "la livraison", "le mot de passe", "le dossier", "la garantie", "le panier",
           "l'avis", "the order", "the quote", "the invoice", "the parcel", "the appointment", "the contract",
           "the refund", "the subscription", "the product", "the delivery", "the password", "the claim",
           "the warranty", "the basket", "the review", "the account", "the loyalty card", "the gift card",
           "the voucher", "the statement", "the booking", "the ticket", "the form", "the receipt", "the estimate"]
COMPLEMENTS = ["en ligne", "en magasin", "par téléphone", "sur l'application", "par email", "avec un conseiller",
               "online", "in store", "by phone", "in the app", "by email", "with an advisor", "at home",
               "before the weekend", "for the first time", "again", "from the website", "on the go",
               "after the visit", "in two clicks", "without an account", "with a promo code", "by chat",
               "at the counter", "from abroad", "for a relative", "on a weekend", "at night", "from a link",
               "with a photo"]
CHANNELS = ["web", "mobile-app", "email", "sms", "phone", "store", "social", "chat", "mail", "kiosk", "other"]


def _labels(rng: random.Random, count: int) -> list[str]:
    """Distinct step labels, like real journeys: verb, object, complement."""
    space = len(VERBS) * len(OBJECTS) * len(COMPLEMENTS)
    picks = rng.sample(range(space), count)
    out = []
    for pick in picks:
        verb, rest = divmod(pick, len(OBJECTS) * len(COMPLEMENTS))
        obj, complement = divmod(rest, len(COMPLEMENTS))
        out.append(f"{VERBS[verb]} {OBJECTS[obj]} {COMPLEMENTS[complement]}")
    return out


def make_journey(steps: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    labels = _labels(rng, steps * 2)  # the second half feeds new steps in the target
    touchpoints = [{"id": f"tp-{i}", "name": f"Touchpoint {i} {rng.choice(COMPLEMENTS)}",
                    "channel": rng.choice(CHANNELS), "owner": rng.choice(["Sales", "Care", "Logistics", "Digital"]),
                    "support": rng.choice(["selfcare", "assisted", "advisor"])} for i in range(max(5, steps // 40))]
    stages: list[dict[str, Any]] = []
    number = pain_number = 0
    pain_ids: list[str] = []
    while number < steps:
        size = min(rng.randint(5, 15), steps - number)
        items = []
        for _ in range(size):
            item: dict[str, Any] = {
                "id": f"step-{number}", "action": labels[number],
                "touchpoints": rng.sample([t["id"] for t in touchpoints], rng.randint(1, 2)),
                "emotion": rng.randint(-2, 2),
            }
            if rng.random() < 0.4:
                item["pain_points"] = []
                for _ in range(rng.randint(1, 2)):
                    pain_number += 1
                    pain_ids.append(f"pain-{pain_number}")
                    item["pain_points"].append({
                        "id": f"pain-{pain_number}", "severity": rng.choice(["low", "medium", "high"]),
                        "description": f"{rng.choice(OBJECTS).capitalize()} {rng.choice(COMPLEMENTS)} takes "
                                       f"{rng.randint(2, 60)} minutes and fails {rng.randint(1, 9)} times in ten",
                    })
            if rng.random() < 0.2:
                item["moment_of_truth"] = {"question": "How easy was it?", "media": "sms", "timing": "hot",
                                           "metric": "csat", "alert_below": rng.randint(2, 4)}
            item["backstage"] = [{"action": f"Process {rng.choice(OBJECTS)} {rng.choice(COMPLEMENTS)} #{k}",
                                  "owner": rng.choice(["IT", "Finance", "Logistics"])}
                                 for k in range(rng.randint(0, 3))]
            items.append(item)
            number += 1
        stages.append({"id": f"stage-{len(stages)}", "name": f"Stage {len(stages)} {rng.choice(OBJECTS)}",
                       "steps": items})
    actions = [{"id": f"act-{i}", "title": f"Improve {rng.choice(OBJECTS)} {rng.choice(COMPLEMENTS)} {i}",
                "resolves": rng.sample(pain_ids, min(len(pain_ids), rng.randint(1, 3))),
                "status": rng.choice(["idea", "planned", "in-progress", "done"])} for i in range(max(3, steps // 10))]
    return {"journeymap": 1, "id": "bench", "title": "Benchmark journey", "state": "current", "objective": "Scale",
            "touchpoints": touchpoints, "stages": stages, "actions": actions, "_spare_labels": labels[steps:]}


def make_target(current: dict[str, Any], seed: int = 2) -> dict[str, Any]:
    """A modified copy with every kind of change, at rates a real target journey would show."""
    rng = random.Random(seed)
    target = copy.deepcopy(current)
    spare = target.pop("_spare_labels")
    target["state"] = "target"
    stages = target["stages"]
    all_steps = [step for stage in stages for step in stage["steps"]]
    for step in all_steps:
        roll = rng.random()
        if roll < 0.04:
            step["action"] = step["action"] + " " + rng.choice(["sans attendre", "easily", "in one go"])
        elif roll < 0.07:
            step["id"] = step["id"] + "-new"  # same label, new id: found again by label
        elif roll < 0.09:
            step["id"] = step["id"] + "-v2"
            step["action"] = step["action"].replace(" ", "  ", 1) + "s"  # new id, slightly reworded
        if rng.random() < 0.2:
            step["emotion"] = rng.randint(-2, 2)
        if step.get("pain_points") and rng.random() < 0.3:
            step["pain_points"].pop()
        for pain in step.get("pain_points", []):
            if rng.random() < 0.1:
                pain["severity"] = rng.choice(["low", "medium", "high"])
        if rng.random() < 0.05:
            if "moment_of_truth" in step:
                del step["moment_of_truth"]
            else:
                step["moment_of_truth"] = {"metric": "ces", "alert_below": 5}
        for process in step["backstage"]:
            if rng.random() < 0.1:
                process["action"] += " automatically"
    for stage in stages:  # removals, additions, moves within a stage
        steps = stage["steps"]
        for index in sorted(rng.sample(range(len(steps)), k=sum(rng.random() < 0.03 for _ in steps)), reverse=True):
            steps.pop(index)
        for _ in range(sum(rng.random() < 0.03 for _ in steps)):
            steps.insert(rng.randint(0, len(steps)), {"id": f"added-{len(spare)}", "action": spare.pop(),
                                                      "emotion": rng.randint(-2, 2)})
        if len(steps) > 2 and rng.random() < 0.2:
            steps.insert(rng.randint(0, len(steps) - 1), steps.pop(rng.randrange(len(steps))))
    for _ in range(max(1, len(all_steps) // 50)):  # moves across stages
        source, destination = rng.sample(stages, 2)
        if source["steps"]:
            destination["steps"].insert(rng.randint(0, len(destination["steps"])),
                                        source["steps"].pop(rng.randrange(len(source["steps"]))))
    stages[len(stages) // 2]["name"] += " (renamed)"
    stages.insert(0, stages.pop(len(stages) // 3))
    target["touchpoints"].pop()
    target["touchpoints"].append({"id": "tp-new", "name": "New chat", "channel": "chat"})
    for action in target["actions"]:
        if rng.random() < 0.3:
            action["status"] = "done"
    return target


def journeys(steps: int) -> tuple[Journey, Journey]:
    current = make_journey(steps)
    target = make_target(current)
    current.pop("_spare_labels")
    return Journey.model_validate(current), Journey.model_validate(target)


def measure(steps: int, runs: int, collect: bool = True) -> tuple[float, int]:
    """Median time of `runs` diffs; with `collect=False` Python's cyclic garbage collector is paused during each
    run, which separates the diff's own work from the collector walking a larger heap."""
    current, target = journeys(steps)
    times = []
    changes = 0
    diff_journeys(current, target)  # warm-up: imports, caches
    for _ in range(runs):
        gc.collect()
        if not collect:
            gc.disable()
        try:
            start = time.perf_counter()
            result = diff_journeys(current, target)
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
        changes = len(result.changes)
    return statistics.median(times), changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check in CI that the benchmark runs")
    parser.add_argument("--runs", type=int, default=None, help="runs per size (median reported)")
    args = parser.parse_args(argv)
    sizes = [50, 100, 200] if args.quick else [500, 1000, 2000, 4000]
    runs = args.runs or (3 if args.quick else 5)
    print(f"diff_journeys: median of {runs} runs after a warm-up, models built beforehand; growth = time ratio "
          "to the previous size (2.0 = linear)")
    print(f"{'steps':>6} {'changes':>8} {'median':>10} {'per step':>10} {'growth':>7}   "
          f"{'median, GC paused':>18} {'per step':>9} {'growth':>7}")
    previous: tuple[float, float] | None = None
    for steps in sizes:
        median, changes = measure(steps, runs)
        paused, _ = measure(steps, runs, collect=False)
        growth = f"{median / previous[0]:.2f}" if previous else "-"
        growth_paused = f"{paused / previous[1]:.2f}" if previous else "-"
        print(f"{steps:>6} {changes:>8} {median * 1000:>8.1f}ms {median / steps * 1e6:>8.1f}µs {growth:>7}   "
              f"{paused * 1000:>16.1f}ms {paused / steps * 1e6:>7.1f}µs {growth_paused:>7}")
        previous = (median, paused)
    return 0


if __name__ == "__main__":
    sys.exit(main())
