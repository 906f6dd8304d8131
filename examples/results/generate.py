"""Writes the example survey results beside this script: SYNTHETIC data, one year of answers for the moments of
truth of the French retail journey and the patient journey, for `journeymap measure` and `render --results`.

    python examples/results/generate.py          # rewrites fr-retail-achat.csv and fr-patient-teleconsultation.csv

Nothing here was answered by anyone. The answers follow each moment's survey as the journey plans it (medium,
timing, frequency), with a seasonality (more orders in November and December, winter epidemics at the surgery),
noise, and a few episodes that put a moment in alert: the carrier overloaded at the year-end peak, a payment page
redesign in June, winter waiting times at the surgery. Verbatims are short French phrases picked by score. The
seed is fixed: the same script writes the same files (a test checks it).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261202
FIRST, LAST = dt.date(2025, 12, 1), dt.date(2026, 11, 30)
HEADER = ["journey", "step", "date", "metric", "score", "value", "respondents", "verbatim", "channel"]

RETAIL = "fr-retail-achat-current"
PATIENT = "fr-patient-teleconsultation"

VERBATIMS = {
    "payer-commande": {
        "bad": ["Le paiement a échoué deux fois", "La page de paiement a planté", "Impossible de payer en 3 fois",
                "Code de validation jamais reçu", "Trop d'étapes pour payer"],
        "good": ["Paiement rapide", "Simple et clair", "Rien à redire"],
    },
    "recevoir-lave-linge": {
        "bad": ["Livreur en retard de trois heures", "Créneau non respecté", "Personne ne m'a prévenu du retard",
                "Le lave-linge est arrivé rayé", "Livraison reportée sans explication", "Livreur pressé et désagréable"],
        "good": ["Livreurs ponctuels et aimables", "Installation soignée", "Livré à l'heure, merci"],
    },
    "signaler-panne": {
        "bad": ["Vingt minutes d'attente au téléphone", "On m'a renvoyé vers le fabricant",
                "J'ai dû rappeler trois fois", "Personne ne savait qui devait intervenir"],
        "good": ["Conseiller efficace", "Dossier ouvert en cinq minutes"],
    },
    "recommander-enseigne": {
        "bad": ["Je ne recommanderai pas après cette livraison", "Service après-vente injoignable",
                "Les prix ne compensent pas le service"],
        "good": ["Bons conseils en magasin", "Je recommande, livraison parfaite", "Prix corrects et bon service"],
    },
    "recevoir-ordonnance": {
        "bad": ["Ordonnance reçue le lendemain seulement", "La pharmacie n'a pas pu lire le QR code",
                "Quarante minutes de retard sur le rendez-vous", "Coupure de la vidéo en pleine consultation"],
        "good": ["Ordonnance reçue tout de suite", "Médecin à l'écoute", "Pratique, pas besoin de me déplacer"],
    },
}


def days() -> list[dt.date]:
    return [FIRST + dt.timedelta(days=n) for n in range((LAST - FIRST).days + 1)]


def peak(day: dt.date) -> float:
    """Orders through the year: the year-end peak (Black Friday to Christmas) and a summer low."""
    if day.month == 12 or (day.month == 11 and day.day >= 20):
        return 1.8
    return 0.7 if day.month in (7, 8) else 1.0


def winter(day: dt.date) -> float:
    """Consultations through the year: winter epidemics."""
    return 1.5 if day.month in (12, 1, 2) else (0.8 if day.month in (7, 8) else 1.0)


def answer(rng: random.Random, mean: float, spread: float, low: int, high: int) -> int:
    return min(high, max(low, round(rng.gauss(mean, spread))))


def poisson(rng: random.Random, rate: float) -> int:
    """How many answers on a day (Knuth's method: rates here are small)."""
    limit, count, product = math.exp(-rate), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def moment_rows(rng: random.Random, journey: str, step: str, metric: str, low: int, high: int, channel: str,
                per_day: Callable[[dt.date], float], mean: Callable[[dt.date], float], spread: float,
                verbatim_rate: float) -> list[list[object]]:
    rows: list[list[object]] = []
    for day in days():
        for _ in range(poisson(rng, per_day(day))):
            score = answer(rng, mean(day) + rng.gauss(0, 0.15), spread, low, high)
            verbatim = ""
            if rng.random() < verbatim_rate:
                side = "bad" if score <= (low + high) / 2 else "good"
                verbatim = rng.choice(VERBATIMS[step][side])
            rows.append([journey, step, day.isoformat(), metric, score, "", "", verbatim, channel])
    return rows


def retail(rng: random.Random) -> list[list[object]]:
    def payment(day: dt.date) -> float:  # the June redesign broke the 3-times payment until mid-July
        return 4.7 if dt.date(2026, 6, 1) <= day <= dt.date(2026, 7, 15) else 5.6

    def delivery(day: dt.date) -> float:  # the carrier is overloaded at the year-end peak
        return 3.1 if peak(day) > 1.5 else 3.9

    def breakdown(day: dt.date) -> float:  # calling about a leak stays hard all year
        return 4.4

    def recommendation(day: dt.date) -> float:  # 0-10, pulled down a month after a bad peak delivery
        return 7.7 if day.month == 1 else 8.7

    return (
        moment_rows(rng, RETAIL, "payer-commande", "ces", 1, 7, "web", lambda d: 6 * peak(d), payment, 1.3, 0.05)
        + moment_rows(rng, RETAIL, "recevoir-lave-linge", "csat", 1, 5, "sms", lambda d: 8 * peak(d), delivery,
                      1.0, 0.08)
        + moment_rows(rng, RETAIL, "signaler-panne", "ces", 1, 7, "phone", lambda d: 1.6, breakdown, 1.5, 0.1)
        + moment_rows(rng, RETAIL, "recommander-enseigne", "nps", 0, 10, "email", lambda d: 3 * peak(d),
                      recommendation, 1.7, 0.06)
    )


def patient(rng: random.Random) -> list[list[object]]:
    def teleconsultation(day: dt.date) -> float:  # waiting times in winter
        return 3.7 if day.month in (1, 2) else 4.4

    rows = moment_rows(rng, PATIENT, "recevoir-ordonnance", "csat", 1, 5, "sms", lambda d: 4 * winter(d),
                       teleconsultation, 0.8, 0.07)
    # the quarterly survey is counted elsewhere: one aggregate per quarter (% of patients answering yes)
    for end, share, respondents in ((dt.date(2026, 2, 27), 73.5, 212), (dt.date(2026, 5, 29), 66.0, 187),
                                    (dt.date(2026, 8, 28), 71.2, 164), (dt.date(2026, 11, 27), 78.4, 231)):
        rows.append([PATIENT, "prendre-rdv-controle", end.isoformat(), "custom", "", share, respondents, "", "email"])
    return rows


def csv_text(rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(sorted(rows, key=lambda row: (str(row[2]), str(row[1]))))
    return out.getvalue()


def generate() -> dict[str, str]:
    """File name -> its text: the same every time."""
    return {
        "fr-retail-achat.csv": csv_text(retail(random.Random(SEED))),
        "fr-patient-teleconsultation.csv": csv_text(patient(random.Random(SEED + 1))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=HERE, help="folder to write into (default: beside this script)")
    args = parser.parse_args()
    for name, text in generate().items():
        (args.output / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.output / name}: {text.count(chr(10)) - 1:,} rows")


if __name__ == "__main__":
    main()
