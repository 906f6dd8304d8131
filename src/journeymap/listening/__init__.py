"""The listening loop: survey results read against the journeys' listening plans (moments of truth, metrics and
alert thresholds). results.py reads rows, metrics.py holds the arithmetic, measure.py tallies, reporters.py
formats."""
