"""The example results: regenerated identically by their documented script, and read as the README says."""

from __future__ import annotations

import importlib.util
import json

from conftest import EXAMPLES
from typer.testing import CliRunner

from journeymap.cli import app

RESULTS = EXAMPLES / "results"


def test_the_script_writes_the_committed_files_again():
    spec = importlib.util.spec_from_file_location("generate_results", RESULTS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, text in module.generate().items():
        assert (RESULTS / name).read_text(encoding="utf-8") == text, f"{name}: run examples/results/generate.py"


def test_the_example_results_against_the_example_journeys():
    result = CliRunner().invoke(app, ["measure", *map(str, sorted(RESULTS.glob("*.csv"))), "--journeys",
                                      str(EXAMPLES), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["rows"]["dropped"] == 0 and data["rows"]["used"] > 8000
    status = {moment["step"]: moment["status"] for moment in data["moments"] if moment["journey"].startswith("fr-")}
    assert status == {"recevoir-ordonnance": "fine", "prendre-rdv-controle": "fine", "payer-commande": "fine",
                      "recevoir-lave-linge": "watch", "signaler-panne": "alert", "recommander-enseigne": "fine"}
    alerts = {(m["step"], p["period"]) for m in data["moments"] for p in m["periods"] if p["status"] == "alert"}
    assert {("recevoir-lave-linge", "2025-12"), ("payer-commande", "2026-06"), ("recommander-enseigne", "2026-01"),
            ("recevoir-ordonnance", "2026-01"), ("prendre-rdv-controle", "2026-05")} <= alerts
    # the target journeys' plans are the future's: not measured, since no result names them
    assert not any(moment["journey"].endswith("-target") for moment in data["moments"])
