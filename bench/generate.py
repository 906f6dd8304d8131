"""Realistic synthetic journeys for the benchmarks, valid by construction.

    .venv/bin/python bench/generate.py --steps 40 --files 10 OUT_DIR   # write ten 40-step journeys as YAML

A journey looks like the ones in examples/: stages of 5 to 15 steps, a touchpoint catalogue (each with an owner and
used by some step), a persona, steps with emotions, thinking, goals, verbatims and delights, pain points on about
40% of the steps, moments of truth on about 20% (with a metric and an alert threshold), up to three backstage
processes per step (owner, system, visibility), a few `next` branches, and an action plan that resolves every
high-severity pain point. Labels are French or English (`lang`), told from the customer's point of view, so the
journey passes `journeymap validate --strict` with no problem at all: the benchmarks time the path of a valid
file, the one every commit takes. `lang="mixed"` draws labels from both languages, for the diff benchmark's
journeys of thousands of distinct steps.

`to_yaml` writes the block style people write by hand (flow lists for ids, folded text for long descriptions),
with the schema comment on top; the emitter is a small one of ours so that writing a thousand files takes a
fraction of a second and needs no YAML library.
"""

from __future__ import annotations

import argparse
import functools
import copy
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# -- vocabulary: customer actions are verb + object + complement ------------------------------------------------

VERBS = {
    "fr": ["Chercher", "Comparer", "Choisir", "Payer", "Recevoir", "Suivre", "Signaler", "Réserver", "Annuler",
           "Retourner", "Noter", "Consulter", "Télécharger", "Imprimer", "Demander", "Commander", "Renouveler",
           "Contester", "Lire", "Ouvrir", "Signer", "Partager", "Scanner", "Garder"],
    "en": ["Find", "Compare", "Choose", "Pay for", "Receive", "Track", "Report", "Book", "Cancel", "Return", "Rate",
           "Keep", "Download", "Change", "Ask for", "Install", "Renew", "Dispute", "Read", "Open", "Sign", "Share",
           "Scan", "Print"],
}
OBJECTS = {
    "fr": ["la commande", "le devis", "la facture", "le colis", "le rendez-vous", "le contrat", "le remboursement",
           "l'abonnement", "le produit", "la livraison", "le mot de passe", "le dossier", "la garantie", "le panier",
           "l'avis", "le compte", "la carte de fidélité", "la carte cadeau", "le bon d'achat", "le relevé",
           "la réservation", "le billet", "le formulaire", "le reçu", "l'estimation"],
    "en": ["the order", "the quote", "the invoice", "the parcel", "the appointment", "the contract", "the refund",
           "the subscription", "the product", "the delivery", "the password", "the claim", "the warranty",
           "the basket", "the review", "the account", "the loyalty card", "the gift card", "the voucher",
           "the statement", "the booking", "the ticket", "the form", "the receipt", "the estimate"],
}
COMPLEMENTS = {
    "fr": ["en ligne", "en magasin", "par téléphone", "sur l'application", "par email", "avec un conseiller",
           "à domicile", "avant le week-end", "pour la première fois", "de nouveau", "depuis le site", "en déplacement",
           "après la visite", "en deux clics", "sans compte", "avec un code promo", "par chat", "au comptoir",
           "depuis l'étranger", "pour un proche", "le week-end", "le soir", "depuis un lien", "avec une photo"],
    "en": ["online", "in store", "by phone", "in the app", "by email", "with an advisor", "at home",
           "before the weekend", "for the first time", "again", "from the website", "on the go", "after the visit",
           "in two clicks", "without an account", "with a promo code", "by chat", "at the counter", "from abroad",
           "for a relative", "on a weekend", "at night", "from a link", "with a photo"],
}
TEXT = {
    "fr": {
        "title": "Parcours {n} : {object}", "objective": "Réduire les abandons et améliorer la satisfaction à J+30",
        "stage": "Étape {n} : {object}", "stage_goal": "Avancer sans avoir à relancer",
        "thinking": "Pourvu que {object} arrive {complement}, je n'ai pas le temps de relancer.",
        "goal": "Obtenir {object} {complement}",
        "verbatim": "J'ai attendu {minutes} minutes pour {object}, c'est trop long.",
        "delight": "Le suivi de {object} est clair et arrive {complement}",
        "pain": "{object} {complement} demande {minutes} minutes et échoue {times} fois sur dix",
        "process": "Traiter {object} {complement}", "question": "Est-ce que c'était simple ?",
        "action": "Simplifier {object} {complement}", "touchpoint": "Point de contact {n} {complement}",
        "persona": "Claire, 38 ans", "persona_description": "Cadre pressée, achète le soir sur son téléphone.",
        "persona_goal": "Tout régler en une fois", "event": "{object} en attente depuis 2 jours",
        "owners": ["Service client", "Logistique", "E-commerce", "Magasins", "Finance"],
        "systems": ["CRM", "ERP", "WMS", "Outil de ticketing"],
    },
    "en": {
        "title": "Journey {n}: {object}", "objective": "Cut drop-outs and raise satisfaction at day 30",
        "stage": "Stage {n}: {object}", "stage_goal": "Move on without chasing anyone",
        "thinking": "I hope {object} comes {complement}, I have no time to chase it.",
        "goal": "Get {object} {complement}",
        "verbatim": "I waited {minutes} minutes for {object}, that is far too long.",
        "delight": "Tracking {object} is clear and comes {complement}",
        "pain": "{object} {complement} takes {minutes} minutes and fails {times} times in ten",
        "process": "Process {object} {complement}", "question": "How easy was it?",
        "action": "Simplify {object} {complement}", "touchpoint": "Touchpoint {n} {complement}",
        "persona": "Sam, 42", "persona_description": "Busy manager who shops at night on a phone.",
        "persona_goal": "Settle everything in one go", "event": "{object} pending for 2 days",
        "owners": ["Customer care", "Logistics", "E-commerce", "Stores", "Finance"],
        "systems": ["CRM", "ERP", "WMS", "Ticketing tool"],
    },
}
VOCABULARY = {**{lang: (VERBS[lang], OBJECTS[lang], COMPLEMENTS[lang]) for lang in ("fr", "en")},
              "mixed": (VERBS["fr"] + VERBS["en"], OBJECTS["fr"] + OBJECTS["en"],
                        COMPLEMENTS["fr"] + COMPLEMENTS["en"])}
CHANNELS = ["web", "mobile-app", "email", "sms", "phone", "store", "social", "chat", "mail", "kiosk", "other"]
MEDIA = ["chatbot", "qr-code", "sms", "email", "kiosk", "voice-survey", "ivr", "web-survey"]


def labels(rng: random.Random, count: int, lang: str = "mixed") -> list[str]:
    """Distinct step labels, like real journeys: verb, object, complement; only those the viewpoint check accepts
    as the customer's, so that the benchmarks time the path of valid files (the combinations are made up, and
    some read as staff work to the check's model: "Scanner la garantie avec un conseiller")."""
    verbs, objects, complements = VOCABULARY[lang]
    space = len(verbs) * len(objects) * len(complements)
    out: list[str] = []
    for pick in rng.sample(range(space), space):
        verb, rest = divmod(pick, len(objects) * len(complements))
        obj, complement = divmod(rest, len(complements))
        label = f"{verbs[verb]} {objects[obj]} {complements[complement]}"
        if accepted(label, "fr" if lang == "fr" else "en"):  # a mixed journey says `lang: en`
            out.append(label)
            if len(out) == count:
                return out
    raise ValueError(f"{count} distinct labels asked, the {lang} vocabulary makes {len(out)} the check accepts")


@functools.lru_cache(maxsize=None)
def accepted(label: str, lang: str) -> bool:
    """Whether the viewpoint check reports nothing on this label (JM301, JM303)."""
    from journeymap.viewpoint import load_lexicon
    from journeymap.viewpoint.judge import judge

    return judge(label, load_lexicon(lang)).level is None


def make_journey(steps: int, seed: int = 1, *, lang: str = "mixed", ident: str = "bench",
                 spare_labels: bool = False) -> dict[str, Any]:
    """A valid current journey of `steps` steps as plain data (what the YAML loader returns).

    With `spare_labels`, the result also holds `_spare_labels`: as many unused labels again, for the diff
    benchmark's target to add new steps with (pop it before validating).
    """
    rng = random.Random(seed)
    words = TEXT["en" if lang == "mixed" else lang]
    _verbs, objects, complements = VOCABULARY[lang]
    step_labels = labels(rng, steps * 2 if spare_labels else steps, lang)

    def fill(template: str) -> str:
        return template.format(object=rng.choice(objects), complement=rng.choice(complements),
                               minutes=rng.randint(2, 60), times=rng.randint(1, 9), n=rng.randint(1, 99))

    touchpoints = [{"id": f"tp-{i}", "name": words["touchpoint"].format(n=i, complement=rng.choice(complements)),
                    "channel": rng.choice(CHANNELS), "owner": rng.choice(words["owners"]),
                    "support": rng.choice(["selfcare", "assisted", "advisor"])}
                   for i in range(max(5, steps // 40))]
    unused = [touchpoint["id"] for touchpoint in touchpoints]
    stages: list[dict[str, Any]] = []
    number = pain_number = 0
    high_pains: list[str] = []
    pains: list[str] = []
    while number < steps:
        size = min(rng.randint(5, 15), steps - number)
        items = []
        for _ in range(size):
            used = rng.sample([t["id"] for t in touchpoints], rng.randint(1, 2))
            if unused:  # every touchpoint of the catalogue is used by some step
                used = list(dict.fromkeys([unused.pop(), *used]))[:2]
            item: dict[str, Any] = {"id": f"step-{number}", "action": step_labels[number], "touchpoints": used,
                                    "emotion": rng.randint(-2, 2)}
            if rng.random() < 0.3:
                item["description"] = fill(words["pain"]) + ". " + fill(words["delight"]) + "."
            if rng.random() < 0.6:
                item["thinking"] = fill(words["thinking"])
            if rng.random() < 0.5:
                item["goal"] = fill(words["goal"])
            if rng.random() < 0.4:
                item["pain_points"] = []
                for _ in range(rng.randint(1, 2)):
                    pain_number += 1
                    severity = rng.choice(["low", "medium", "high"])
                    pains.append(f"pain-{pain_number}")
                    if severity == "high":
                        high_pains.append(f"pain-{pain_number}")
                    item["pain_points"].append({
                        "id": f"pain-{pain_number}", "description": fill(words["pain"]), "severity": severity,
                        "type": rng.choice(["irritant", "breakpoint", "gap"]),
                    })
            if rng.random() < 0.3:
                item["delights"] = [fill(words["delight"])]
            if rng.random() < 0.4:
                item["verbatims"] = [fill(words["verbatim"]) for _ in range(rng.randint(1, 2))]
            if rng.random() < 0.2 or number == 0:  # at least one moment of truth
                item["moment_of_truth"] = {"question": words["question"], "media": rng.choice(MEDIA),
                                           "timing": rng.choice(["hot", "warm", "cold"]),
                                           "metric": rng.choice(["csat", "nps", "ces"]),
                                           "alert_below": rng.randint(2, 4)}
            item["backstage"] = [{"action": f"{fill(words['process'])} ({k + 1})", "owner": rng.choice(words["owners"]),
                                  **({"system": rng.choice(words["systems"])} if rng.random() < 0.5 else {}),
                                  "visible": rng.random() < 0.3}
                                 for k in range(rng.randint(0, 3))]
            if not item["backstage"]:
                del item["backstage"]
            if number + 3 < steps and rng.random() < 0.03:  # a branch that skips ahead; the default path stays
                item["next"] = [f"step-{number + 1}", f"step-{number + 3}"]
            items.append(item)
            number += 1
        stages.append({"id": f"stage-{len(stages)}", "name": fill(words["stage"]),
                       **({"goal": words["stage_goal"]} if rng.random() < 0.5 else {}), "steps": items})
    actions = []
    for i in range(max(3, steps // 10)):
        resolves = [high_pains.pop()] if high_pains else []
        resolves += rng.sample(pains, min(len(pains), rng.randint(0, 2)))
        action: dict[str, Any] = {"id": f"act-{i}", "title": fill(words["action"]),
                                  "resolves": list(dict.fromkeys(resolves)), "impact": rng.randint(1, 5),
                                  "effort": rng.randint(1, 5), "owner": rng.choice(words["owners"]),
                                  "status": rng.choice(["idea", "planned", "in-progress", "done"])}
        if rng.random() < 0.2:
            action["trigger"] = {"event": fill(words["event"]), "channel": rng.choice(CHANNELS),
                                 "delay": rng.choice(["0", "30min", "2h", "3d"])}
        actions.append(action)
    if high_pains:  # every high-severity pain point is resolved by some action
        actions[-1]["resolves"] = list(dict.fromkeys(actions[-1]["resolves"] + high_pains))
    journey: dict[str, Any] = {
        "journeymap": 1, "id": ident, "title": fill(words["title"]), "state": "current", "kind": "customer",
        "lang": "en" if lang == "mixed" else lang, "objective": words["objective"],
        "owner": rng.choice(words["owners"]), "evidence": rng.choice(["research", "verbatims"]),
        "persona": {"name": words["persona"], "description": words["persona_description"],
                    "goals": [words["persona_goal"]]},
        "touchpoints": touchpoints, "stages": stages, "actions": actions,
    }
    if spare_labels:
        journey["_spare_labels"] = step_labels[steps:]
    return journey


def make_target(current: dict[str, Any], seed: int = 2) -> dict[str, Any]:
    """A modified copy with every kind of change, at rates a real target journey would show.

    `current` must come from `make_journey(..., spare_labels=True)`: new steps take the spare labels.
    """
    rng = random.Random(seed)
    target = copy.deepcopy(current)
    spare = target.pop("_spare_labels")
    target["state"] = "target"
    stages = target["stages"]
    all_steps = [step for stage in stages for step in stage["steps"]]
    for step in all_steps:
        step.pop("next", None)  # ids change below; branches are not what this benchmark measures
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
        for process in step.get("backstage", []):
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
    target["touchpoints"].append({"id": "tp-new", "name": "New chat", "channel": "chat", "owner": "Digital"})
    for action in target["actions"]:
        if rng.random() < 0.3:
            action["status"] = "done"
    # Keep the references of the target valid, so that `journeymap diff` accepts it like a real target.
    touchpoints = {touchpoint["id"] for touchpoint in target["touchpoints"]}
    pains = {pain["id"] for stage in stages for step in stage["steps"] for pain in step.get("pain_points", [])}
    for stage in stages:
        for step in stage["steps"]:
            if "touchpoints" in step:
                step["touchpoints"] = [ref for ref in step["touchpoints"] if ref in touchpoints]
    for action in target["actions"]:
        action["resolves"] = [ref for ref in action["resolves"] if ref in pains]
    return target


# -- YAML -----------------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-zÀ-ÿ][^\n#:\"\[\]{}&*!|>%@`]*")
_NOT_PLAIN_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in _NOT_PLAIN_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _lines(value: Any, indent: int) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list) and item and all(not isinstance(x, (dict, list)) for x in item) \
                    and key in ("touchpoints", "next", "resolves"):
                yield f"{pad}{key}: [{', '.join(_scalar(x) for x in item)}]"
            elif isinstance(item, (dict, list)) and item:
                yield f"{pad}{key}:"
                yield from _lines(item, indent + 2)
            elif isinstance(item, (dict, list)):
                yield f"{pad}{key}: {'{}' if isinstance(item, dict) else '[]'}"
            elif isinstance(item, str) and len(item) > 80 and _PLAIN.fullmatch(item) and "  " not in item \
                    and item == item.strip():
                yield f"{pad}{key}: >-"  # long text folded, as people write descriptions
                yield from (f"{pad}  {line}" for line in _fold(item, 100 - indent))
            else:
                yield f"{pad}{key}: {_scalar(item)}"
    else:
        for item in value:
            if isinstance(item, dict) and item:
                first, *rest = list(_lines(item, indent + 2))
                yield f"{pad}- {first[indent + 2:]}"
                yield from rest
            else:
                yield f"{pad}- {_scalar(item)}"


def _fold(text: str, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return out + [line]


def to_yaml(journey: dict[str, Any]) -> str:
    """The journey as a YAML file, in the style of examples/."""
    body = "\n".join(_lines({k: v for k, v in journey.items() if not k.startswith("_")}, 0))
    return "# yaml-language-server: $schema=../schemas/journeymap-1.schema.json\n" + body + "\n"


def write_corpus(folder: Path, files: int, steps: int, seed: int = 1) -> list[Path]:
    """`files` journeys of `steps` steps, alternately French and English, with distinct ids."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(files):
        lang = ("fr", "en")[number % 2]
        path = folder / f"journey-{number:04d}.yaml"
        path.write_text(to_yaml(make_journey(steps, seed + number, lang=lang, ident=f"journey-{number:04d}")),
                        encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for path in write_corpus(args.folder, args.files, args.steps, args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
