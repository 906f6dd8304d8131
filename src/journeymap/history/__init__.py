"""`journeymap history`: a journey file's own history read from git (renames followed), each version's figures
(average emotion, open pain points by severity, moments of truth, steps, actions done), and the change from the
first version to the last. Data flows one way: git -> versions -> records -> reporters (text, json, md, html)."""

from journeymap.history.git import HistoryError
from journeymap.history.records import Change, Figures, History, Version
from journeymap.history.versions import read_history

__all__ = ["Change", "Figures", "History", "HistoryError", "Version", "read_history"]
